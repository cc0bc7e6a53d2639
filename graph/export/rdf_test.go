package export

import (
	"math"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestRDFLiteral: the N-Quads export writes quad's native values as RDF 1.1
// literals, absolute datatype IRIs and canonical lexical forms (quad writes
// "71"^^<xsd:integer> and "True"^^<xsd:boolean>, which RDF readers and
// stock Cayley take for strings).
func TestRDFLiteral(t *testing.T) {
	const xsd = "http://www.w3.org/2001/XMLSchema#"
	beirut := time.FixedZone("EEST", 3*3600)
	for _, c := range []struct {
		in   quad.Value
		want string
	}{
		{quad.Int(71), `"71"^^<` + xsd + `integer>`},
		{quad.Int(-5), `"-5"^^<` + xsd + `integer>`},
		{quad.Bool(true), `"true"^^<` + xsd + `boolean>`},
		{quad.Bool(false), `"false"^^<` + xsd + `boolean>`},
		{quad.Float(34.88), `"3.488E1"^^<` + xsd + `double>`},
		{quad.Float(1), `"1.0E0"^^<` + xsd + `double>`},
		{quad.Float(0), `"0.0E0"^^<` + xsd + `double>`},
		{quad.Float(-0.035), `"-3.5E-2"^^<` + xsd + `double>`},
		{quad.Float(1e21), `"1.0E21"^^<` + xsd + `double>`},
		{quad.Float(math.Inf(-1)), `"-INF"^^<` + xsd + `double>`},
		{quad.Float(math.NaN()), `"NaN"^^<` + xsd + `double>`},
		{quad.Time(time.Date(2019, 4, 20, 9, 30, 0, 0, beirut)), `"2019-04-20T06:30:00Z"^^<` + xsd + `dateTime>`},
		{quad.Time(time.Date(2019, 4, 20, 6, 30, 0, 500e6, time.UTC)), `"2019-04-20T06:30:00.5Z"^^<` + xsd + `dateTime>`},
		{quad.TypedString{Value: "2019-04-20", Type: "xsd:date"}, `"2019-04-20"^^<` + xsd + `date>`},
		{quad.TypedString{Value: "x", Type: "https://example.org/t"}, `"x"^^<https://example.org/t>`},
		{quad.String("27"), `"27"`},
		{quad.LangString{Value: "Homs", Lang: "en"}, `"Homs"@en`},
		{quad.IRI("https://claimgraph.org/ns#value"), `<https://claimgraph.org/ns#value>`},
	} {
		if got := rdfLiteral(c.in).String(); got != c.want {
			t.Errorf("rdfLiteral(%#v) = %s, want %s", c.in, got, c.want)
		}
	}
}

// FuzzCanonicalDouble: the canonical form of a double reads back as the
// same double.
func FuzzCanonicalDouble(f *testing.F) {
	for _, x := range []float64{0, 1, -0.035, 34.88, 1e21, 5e-324, math.MaxFloat64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		s := canonicalDouble(x)
		v, err := quad.TypedString{Value: quad.String(s), Type: "http://www.w3.org/2001/XMLSchema#double"}.ParseValue()
		if err != nil {
			t.Fatalf("canonicalDouble(%v) = %q: %v", x, s, err)
		}
		got := float64(v.(quad.Float))
		if got != x && !(math.IsNaN(x) && math.IsNaN(got)) {
			t.Fatalf("canonicalDouble(%v) = %q reads back as %v", x, s, got)
		}
	})
}
