package export

import (
	"context"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// writeNQuads streams the selected quads, article by article, each with
// its label, then the corroborates/contradicts quads among the selected
// claims, then the fact-checkers' reviews of what it holds (reviewQuads).
// Literals are written as RDF 1.1 wants them (rdfQuads).
func writeNQuads(ctx context.Context, s *graph.Store, w io.Writer, sel *selection) error {
	qw := nquads.NewWriter(w)
	claims, err := sel.walk(ctx, s, func(p *part) error {
		_, err := qw.WriteQuads(rdfQuads(p.quads))
		return err
	})
	if err != nil {
		return err
	}
	ls, err := linkQuads(ctx, s, sel, claims)
	if err != nil {
		return err
	}
	rq, err := reviewQuads(ctx, s, sel, ls)
	if err != nil {
		return err
	}
	if _, err := qw.WriteQuads(rdfQuads(append(ls, rq...))); err != nil {
		return err
	}
	return qw.Close()
}

// xsdNS is the XML Schema datatypes namespace.
const xsdNS = "http://www.w3.org/2001/XMLSchema#"

// rdfQuads returns qs with their objects made RDF literals (rdfLiteral),
// in a new slice when one changes.
func rdfQuads(qs []quad.Quad) []quad.Quad {
	out, copied := qs, false
	for i, q := range qs {
		o := rdfLiteral(q.Object)
		if o == q.Object {
			continue
		}
		if !copied {
			out, copied = append([]quad.Quad(nil), qs...), true
		}
		out[i].Object = o
	}
	return out
}

// rdfLiteral returns a typed value as an RDF 1.1 literal: its datatype an
// absolute IRI (quad's native values name theirs "xsd:integer", which
// N-Quads readers take for a relative or unknown IRI) and its lexical form
// canonical (XML Schema 1.1): integers in decimal, doubles as 3.5E1,
// booleans true and false (not quad's True), dateTimes in UTC with Z.
// Other values are returned as they are.
func rdfLiteral(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.LangString, nil:
		return v
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsdNS + "integer"}
	case quad.Float:
		return quad.TypedString{Value: quad.String(canonicalDouble(float64(v))), Type: xsdNS + "double"}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: xsdNS + "boolean"}
	case quad.Time:
		return quad.TypedString{Value: quad.String(time.Time(v).UTC().Format(time.RFC3339Nano)), Type: xsdNS + "dateTime"}
	case quad.TypedString:
		if full := v.Type.Full(); full != v.Type {
			return quad.TypedString{Value: v.Value, Type: full}
		}
		return v
	case quad.TypedStringer:
		return rdfLiteral(v.TypedString())
	}
	return v
}

// canonicalDouble writes f in the canonical lexical form of xsd:double:
// one digit, a point, at least one more digit, E and the exponent without
// plus sign or leading zeros (2.7E1, 1.0E0, -3.5E-2, 0.0E0); INF, -INF, NaN.
func canonicalDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	s := strconv.FormatFloat(f, 'E', -1, 64) // 2.7E+01, 1E+00
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// jsonldContext is the @context of the jsonld export.
var jsonldContext = map[string]string{
	"cg":     schema.NS,
	"cgid":   schema.IDNS,
	"schema": schema.SchemaNS,
	"prov":   schema.ProvNS,
	"rdf":    schema.RDFNS,
	"rdfs":   schema.RDFSNS,
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
}

// writeJSONLD streams the selected quads as JSON-LD: one named graph per
// article ({"@id": article, "@graph": [nodes]}), then the link quads and
// the fact-checkers' reviews (reviewQuads) grouped by their label (those without one in the default graph). Node
// objects are sorted by subject, properties by name; IRIs are compacted
// with the context's prefixes.
func writeJSONLD(ctx context.Context, s *graph.Store, w io.Writer, sel *selection) error {
	x := &xmlWriter{w: w}
	c, _ := marshal(jsonldContext)
	x.raw(`{"@context":`, string(c), `,"@graph":[`)
	n := 0
	graphOut := func(label quad.Value, qs []quad.Quad) {
		if len(qs) == 0 {
			return
		}
		nodes := jsonldNodes(qs)
		var v interface{} = nodes
		if label != nil {
			v = map[string]interface{}{"@id": compactValue(label), "@graph": nodes}
		}
		b, err := marshal(v)
		if err != nil && x.err == nil {
			x.err = err
		}
		if label == nil { // node objects go straight into the default graph
			b = b[1 : len(b)-1]
		}
		if n > 0 {
			x.raw(",")
		}
		x.raw("\n", string(b))
		n++
	}
	claims, err := sel.walk(ctx, s, func(p *part) error {
		graphOut(quad.IRI(p.doc.IRI), p.quads)
		return x.err
	})
	if err != nil {
		return err
	}
	ls, err := linkQuads(ctx, s, sel, claims)
	if err != nil {
		return err
	}
	rq, err := reviewQuads(ctx, s, sel, ls)
	if err != nil {
		return err
	}
	ls = append(ls, rq...)
	byLabel := map[string][]quad.Quad{}
	var labels []string
	for _, q := range ls {
		k := ""
		if q.Label != nil {
			k = quad.StringOf(q.Label)
		}
		if _, ok := byLabel[k]; !ok {
			labels = append(labels, k)
		}
		byLabel[k] = append(byLabel[k], q)
	}
	sort.Strings(labels)
	for _, k := range labels {
		graphOut(byLabel[k][0].Label, byLabel[k])
	}
	x.raw("\n]}\n")
	return x.err
}

// jsonldNodes groups quads into JSON-LD node objects.
func jsonldNodes(qs []quad.Quad) []map[string]interface{} {
	bySubject := map[string]map[string]interface{}{}
	var subjects []string
	for _, q := range qs {
		k := quad.StringOf(q.Subject)
		node, ok := bySubject[k]
		if !ok {
			node = map[string]interface{}{"@id": compactValue(q.Subject)}
			bySubject[k] = node
			subjects = append(subjects, k)
		}
		p := iriString(q.Predicate)
		if p == schema.Type {
			if o := iriString(q.Object); o != "" {
				types, _ := node["@type"].([]interface{})
				node["@type"] = append(types, compactIRI(o))
				continue
			}
		}
		key := compactIRI(p)
		vals, _ := node[key].([]interface{})
		node[key] = append(vals, jsonldValue(q.Object))
	}
	sort.Strings(subjects)
	out := make([]map[string]interface{}, len(subjects))
	for i, k := range subjects {
		out[i] = bySubject[k]
	}
	return out
}

// compactIRI shortens iri with the context's prefixes.
func compactIRI(iri string) string {
	best, bestNS := "", ""
	for p, ns := range jsonldContext {
		if strings.HasPrefix(iri, ns) && len(ns) > len(bestNS) {
			best, bestNS = p, ns
		}
	}
	rest := strings.TrimPrefix(iri, bestNS)
	if best == "" || strings.HasPrefix(rest, "//") {
		return iri
	}
	return best + ":" + rest
}

func compactValue(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return compactIRI(string(v))
	case quad.BNode:
		return "_:" + string(v)
	}
	return quad.StringOf(v)
}

// jsonldValue renders an object as a JSON-LD value or node reference.
// Integers and booleans are native JSON (xsd:integer, xsd:boolean);
// doubles are typed explicitly, since JSON would read 36.0 as an integer.
func jsonldValue(v quad.Value) interface{} {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return map[string]interface{}{"@id": compactValue(v)}
	case quad.String:
		return string(v)
	case quad.LangString:
		return map[string]interface{}{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]interface{}{"@value": string(v.Value), "@type": compactIRI(string(v.Type))}
	case quad.Int:
		return int64(v)
	case quad.Bool:
		return bool(v)
	case quad.Float:
		return map[string]interface{}{"@value": canonicalDouble(float64(v)), "@type": "xsd:double"}
	case quad.Time:
		return map[string]interface{}{"@value": time.Time(v).UTC().Format(time.RFC3339Nano), "@type": "xsd:dateTime"}
	case quad.TypedStringer:
		ts := v.TypedString()
		return map[string]interface{}{"@value": string(ts.Value), "@type": compactIRI(string(ts.Type))}
	}
	return quad.StringOf(v)
}
