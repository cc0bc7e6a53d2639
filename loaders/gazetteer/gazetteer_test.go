package gazetteer

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/internal/importcheck"
)

func TestLookupResolve(t *testing.T) {
	g := Default()
	tests := []struct {
		name       string
		ctx        []string
		wantAdmin1 string
		wantKind   string
		foreign    string
	}{
		{"Douma", nil, "Rif Dimashq", "city", ""},
		{"al-Shadadi", nil, "Hasakah", "", ""},
		{"Shaddadi", nil, "Hasakah", "", ""},
		{"Sukhnah", nil, "Homs", "town", ""},
		{"al-Sukhna", nil, "Homs", "town", ""},
		{"Mayadeen", nil, "Deir ez-Zor", "city", ""},
		{"al-Mayadin", nil, "Deir ez-Zor", "city", ""},
		{"Kom", []string{"Homs"}, "Homs", "", ""},
		{"al-Kawm", nil, "Homs", "town", ""},
		{"Baghouz", nil, "Deir ez-Zor", "town", ""},
		{"Deir Ezzor", nil, "Deir ez-Zor", "governorate", ""},
		{"Hasakeh", nil, "Hasakah", "governorate", ""},
		{"Idleb", nil, "Idlib", "governorate", ""},
		{"Eastern Ghouta", nil, "Rif Dimashq", "region", ""},
		{"Mount Bishri", nil, "Deir ez-Zor", "mountain", ""},
		{"Jabal al-Bishri", nil, "Deir ez-Zor", "mountain", ""},
		{"al-Tanf", nil, "Homs", "base", ""},
		{"Hmeimim", nil, "Latakia", "base", ""},
		{"Kobane", nil, "Aleppo", "city", ""},
		{"Albu Kamal", nil, "Deir ez-Zor", "city", ""},
		{"Yarmouk camp", nil, "Damascus", "camp", ""},
		{"Mosul", nil, "", "city", "IQ"},
		{"Erbil", nil, "", "city", "IQ"},
		{"Gaziantep", nil, "", "city", "TR"},
		{"Beirut", nil, "", "city", "LB"},
	}
	for _, tt := range tests {
		es := g.Lookup(tt.name)
		if len(es) == 0 {
			t.Errorf("Lookup(%q): no entries", tt.name)
			continue
		}
		e := g.Resolve(Match{Text: tt.name, Entries: es}, tt.ctx)
		if e.Admin1 != tt.wantAdmin1 || (tt.wantKind != "" && e.Kind != tt.wantKind) {
			t.Errorf("Resolve(%q, %v) = %s %q (%s, %s), want %s in %q", tt.name, tt.ctx, e.ID, e.Name, e.Kind, e.Admin1, tt.wantKind, tt.wantAdmin1)
		}
		wantCountry := "SY"
		if tt.foreign != "" {
			wantCountry = tt.foreign
		}
		if e.Country != wantCountry {
			t.Errorf("Resolve(%q).Country = %q, want %q", tt.name, e.Country, wantCountry)
		}
	}
	// Context: a village in the named governorate beats a village elsewhere.
	es := g.Lookup("Al Kawm")
	var quneitra bool
	for _, e := range es {
		quneitra = quneitra || e.Admin1 == "Quneitra"
	}
	if quneitra {
		if e := g.Resolve(Match{Entries: es}, []string{"Quneitra"}); e.Admin1 != "Quneitra" {
			t.Errorf("Resolve(Al Kawm, [Quneitra]) = %s (%s), want the Quneitra village", e.Name, e.Admin1)
		}
	}
	// Context never lets a village beat a city.
	if e := g.Resolve(Match{Entries: g.Lookup("Douma")}, []string{"Hama"}); e.Admin1 != "Rif Dimashq" {
		t.Errorf("Resolve(Douma, [Hama]) = %s (%s), want the city in Rif Dimashq", e.Name, e.Admin1)
	}
}

func TestStray(t *testing.T) {
	g := Default()
	for _, tt := range []struct {
		text  string
		stray bool
	}{
		// a near spelling of Kir Ghizal, a village by Kobani, in a sentence about Idleb
		{"Shells hit Kar Ghazal in the countryside of Idleb province.", true},
		{"Shells hit Kar Ghazal near Kobani in Aleppo province.", false},
		{"Shells hit Kar Ghazal.", false},            // no governorate named: nothing to disagree with
		{"Shells hit Douma as Idleb burned.", false}, // a city is never stray
		{"Shells hit Maarat Harma in Idleb.", false}, // a town of known size is never stray
	} {
		ms := g.Find(tt.text)
		if len(ms) == 0 {
			t.Fatalf("Find(%q): nothing", tt.text)
		}
		if got := g.Stray(ms[0], ContextAdmin1(ms)); got != tt.stray {
			t.Errorf("Stray(%q in %q) = %v, want %v", ms[0].Text, tt.text, got, tt.stray)
		}
	}
}

func TestGovernorate(t *testing.T) {
	g := Default()
	for _, n := range []string{"Deir Ezzor", "Hasakeh", "Idleb", "Sweida", "Lattakia", "Tartous", "Rif Dimashq", "Damascus Countryside"} {
		e, ok := g.Governorate(n)
		if !ok || e.Kind != "governorate" {
			t.Errorf("Governorate(%q) = %v, %v; want a governorate", n, e, ok)
		}
	}
	if e, ok := g.Governorate("Mosul"); ok {
		t.Errorf("Governorate(Mosul) = %v, want none", e)
	}
	p := g.Place(g.Lookup("Douma")[0], "Douma")
	if p.Admin1 != "Rif Dimashq" || p.Within != "opensyria:sy-rif-dimashq" || p.Mention != "Douma" {
		t.Errorf("Place(Douma) = %+v", p)
	}
}

func TestFind(t *testing.T) {
	g := Default()
	tests := []struct {
		text string
		want []string // "mention=Admin1" or "mention=@CC" for foreign places
	}{
		{"ISIS fighters ambushed troops near al-Sukhnah in the eastern Homs desert on Thursday.",
			[]string{"al-Sukhnah=Homs", "Homs desert=Homs"}},
		{"The monitor said 27 were killed between Deir ez-Zor and Mount Bishri.",
			[]string{"Deir ez-Zor=Deir ez-Zor", "Mount Bishri=Deir ez-Zor"}},
		{"Al-Mayadeen TV aired the video; the raid was south of al-Mayadin.",
			[]string{"al-Mayadin=Deir ez-Zor"}},
		{"Fighters of Hayat Tahrir al-Sham and Liwa al-Quds clashed in Idleb.",
			[]string{"Idleb=Idlib"}},
		{"ERBIL Kurdistan Region – Forces left Mosul for Baghouz.",
			[]string{"ERBIL=@IQ", "Kurdistan Region=@IQ", "Mosul=@IQ", "Baghouz=Deir ez-Zor"}},
		{"Hassan Ali told the Syrian Observatory that shelling hit Douma.",
			[]string{"Douma=Rif Dimashq"}},
		{"Airstrikes hit the village of Al Kawm and Kom.",
			[]string{"Al Kawm=Homs", "Kom=Homs"}},
		{"The UN and the SDF met in Raqqa's old city.",
			[]string{"Raqqa=Raqqa"}},
		{"al-Bab and Tell Rifaat are north of Aleppo.",
			[]string{"al-Bab=Aleppo", "Tell Rifaat=Aleppo", "Aleppo=Aleppo"}},
		{"homs was quiet. Were the rebels in Hama?",
			[]string{"Hama=Hama"}},
		// "villages of" covers the names coordinated after an unknown first one
		{"Troops clashed in the villages of al-Qajar and al-Zara in Homs.",
			[]string{"al-Zara=Homs", "Homs=Homs"}},
		// a near spelling of a town glued to another capitalised word is a
		// name (a person, a country), unless a cue says it is a place; the
		// town's own spelling needs no cue
		{"Envoy Maria Cristina Perceval said South Korea and Peru backed the text.", nil},
		{"Reporting by Tom Miles and Rodi Said; Riad Hijab spoke for the opposition.", nil},
		{"Jets struck near Maria Monday and hit Marea Tuesday.",
			[]string{"Maria=Aleppo", "Marea=Aleppo"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range g.Find(tt.text) {
			if m.Text != tt.text[m.Start:m.End] {
				t.Errorf("Find(%q): Text %q != span %q", tt.text, m.Text, tt.text[m.Start:m.End])
			}
			e := g.Resolve(m, ContextAdmin1(g.Find(tt.text)))
			if e.Syrian() {
				got = append(got, m.Text+"="+e.Admin1)
			} else {
				got = append(got, m.Text+"=@"+e.Country)
			}
		}
		if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
			t.Errorf("Find(%q)\n got  %v\n want %v", tt.text, got, tt.want)
		}
	}
}

// TestFindCorpus runs Find over the real corpus: every span must be
// consistent, and the common words that are village names elsewhere must
// never be reported.
func TestFindCorpus(t *testing.T) {
	arts := readJSONL[article](t, corpusPath)
	g := Default()
	never := map[string]bool{"Syrian": true, "Observatory": true, "Reuters": true, "Hassan": true,
		"Ali": true, "Mohammed": true, "Omar": true, "Sham": true, "Quds": true, "The": true, "July": true}
	n := 0
	for _, a := range arts {
		for _, m := range g.Find(a.Text) {
			n++
			if a.Text[m.Start:m.End] != m.Text || len(m.Entries) == 0 {
				t.Fatalf("article %s: bad match %+v", a.ID, m)
			}
			if never[m.Text] {
				t.Errorf("article %s: %q reported as a place (%s)", a.ID, m.Text, m.Entries[0].Name)
			}
		}
	}
	t.Logf("%d mentions in %d articles", n, len(arts))
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"a\tb\n", "f.tsv:1: wrong number of columns: got 2, want 10 or 11 tab-separated (id name alternate_names kind admin1 admin2 lat lon population feature_code country)"},
		{"# c\nx\tX\t\ttown\tHoms\t\tabc\t36\t\t\t\n", "f.tsv:2:17: lat \"abc\": not a number"},
		{"x\tX\t\ttown\tHoms\t\t34\t\t\t\t\n", "f.tsv:1:20: lon: empty (lat is given)"},
		{"x\tX\t\ttown\tHoms\t\t34\t36\t-5\t\t\n", "f.tsv:1:23: population \"-5\": not a number"},
		{"\tX\t\ttown\tHoms\t\t\t\t\t\t\n", "f.tsv:1:1: id: empty"},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader(tt.in), "f.tsv")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Load(%q) error = %v, want *ParseError", tt.in, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Load(%q) error\n got  %s\n want %s", tt.in, err, tt.want)
		}
	}
}

func TestMerge(t *testing.T) {
	base, err := Load(strings.NewReader("a\tAlpha\tOlvo\tvillage\tHoms\t\t34.5\t37.0\t\tPPL\n"), "base")
	if err != nil {
		t.Fatal(err)
	}
	add, err := Load(strings.NewReader("a\tAlpha\tAlpheh|-Olvo\ttown\t\t\t\t\t5000\t\n"+
		"b\tBeta\t\tcity\tHama\t\t35.1\t36.7\t\t\tSY\n"), "add")
	if err != nil {
		t.Fatal(err)
	}
	m := base.Merge(add)
	if m.Len() != 2 || base.Len() != 1 {
		t.Fatalf("Merge: len %d (base %d), want 2 (1)", m.Len(), base.Len())
	}
	e, _ := m.ByID("a")
	if e.Kind != "town" || e.Admin1 != "Homs" || e.Population != 5000 || !e.HasCoords {
		t.Errorf("merged a = %+v", e)
	}
	if len(m.Lookup("Olvo")) != 0 || len(m.Lookup("Alpheh")) != 1 {
		t.Errorf("merged names = %v", m.Names("a"))
	}
	if len(base.Lookup("Olvo")) != 1 {
		t.Errorf("Merge changed its receiver")
	}
}

const goodAdditions = `# my places
cg:x-farm	X Farm	X Farms	village	Homs		34.7	37.2		PPL
cg:ankara	Ankara		city			39.9	32.8			TR
wof:1310393649	Al Kawm	Kawm town							
`

func TestCheck(t *testing.T) {
	base := Default()
	// A short extension row (3 columns) is not allowed: columns are fixed.
	errs := Check(strings.NewReader(goodAdditions), "good.tsv", base)
	if len(errs) != 0 {
		t.Errorf("Check(good) = %v, want none", errs)
	}
	bad := "cg:a\tA\t\ttown\tDeir Ezzor\t\t35.3\t40.1\t\t\n" +
		"cg:b\tB\t\ttown\tHoms\t\t48.0\t2.3\t\t\n" +
		"cg:a\tA2\t\thamlet\tHoms\t\t34.0\t37.0\t\t\n" +
		"cg:c\tC\t\ttown\t\t\t34.0\t37.0\t\t\n" +
		"cg:d\tD\t\ttown\tHoms\t\tx\t37.0\t\t\n" +
		"cg:e\tDouma\t\ttown\tHama\t\t35.0\t36.7\t\t\n" +
		"cg:f\tF\n"
	want := []string{
		`bad.tsv:1:14: admin1 "Deir Ezzor": not a governorate (want one of Aleppo, Damascus, Rif Dimashq, Homs, Hama, Idlib, Latakia, Tartus, Deir ez-Zor, Raqqa, Hasakah, Daraa, Quneitra, As-Suwayda); did you mean "Deir ez-Zor"?`,
		`bad.tsv:2:20: 48,2.3: outside Syria (lat 32.2–37.4, lon 35.6–42.5); is the country column right?`,
		`bad.tsv:3:1: duplicate id "cg:a" (first on line 1)`,
		`bad.tsv:3:10: kind "hamlet": not a kind (want one of ` + strings.Join(Kinds, ", ") + `)`,
		`bad.tsv:4:14: admin1: empty for a town in Syria (want one of Aleppo, Damascus, Rif Dimashq, Homs, Hama, Idlib, Latakia, Tartus, Deir ez-Zor, Raqqa, Hasakah, Daraa, Quneitra, As-Suwayda)`,
		`bad.tsv:5:20: lat "x": not a number`,
		`bad.tsv:6: name collides: "Douma" (Hama) is also "Douma" (opensyria:sy-rif-dimashq-douma, Rif Dimashq)`,
		`bad.tsv:7: wrong number of columns: got 2, want 10 or 11 tab-separated (id name alternate_names kind admin1 admin2 lat lon population feature_code country)`,
	}
	errs = Check(strings.NewReader(bad), "bad.tsv", base)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	// Collisions with other notable Doumas may follow; keep the first.
	var trimmed []string
	seen := false
	for _, s := range got {
		if strings.Contains(s, "name collides") {
			if seen {
				continue
			}
			seen = true
		}
		trimmed = append(trimmed, s)
	}
	if strings.Join(trimmed, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check(bad):\n got\n  %s\n want\n  %s", strings.Join(trimmed, "\n  "), strings.Join(want, "\n  "))
	}
	for _, e := range errs {
		if strings.Contains(e.Error(), "collides") != IsWarning(e) {
			t.Errorf("IsWarning(%v) = %v", e, IsWarning(e))
		}
	}
}

// TestEmbeddedData checks the shipped additions as a user's file would be.
func TestEmbeddedData(t *testing.T) {
	base, err := Load(bytes.NewReader(placesTSV), "places.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Check(bytes.NewReader(additionsTSV), "additions.tsv", base) {
		if !IsWarning(e) {
			t.Error(e)
		}
	}
	if n := Default().Len(); n < 11000 {
		t.Errorf("Default().Len() = %d, want ≥ 11000", n)
	}
}

func TestImports(t *testing.T) {
	for _, p := range importcheck.Deps(t, ".") {
		if strings.Contains(p, ".") && p != "github.com/claimgraph/claimgraph/schema" && p != "github.com/claimgraph/claimgraph/internal/translit" &&
			p != "github.com/claimgraph/claimgraph/loaders/gazetteer" && !strings.HasPrefix(p, "github.com/cayleygraph/quad") {
			t.Errorf("gazetteer depends on %s; it may import only the standard library, schema and internal/translit", p)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(goodAdditions)
	f.Add("a\tb\n")
	f.Add("x\tX\tY|-Z\ttown\tHoms\t\t34\t36\t10\tPPL\tSY\n")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Load(strings.NewReader(s), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		for _, e := range g.entries {
			g.Lookup(e.Name)
		}
		small, err := Load(strings.NewReader(goodAdditions), "small")
		if err != nil {
			t.Fatal(err)
		}
		small.Merge(g).Find(s)
		_ = Check(strings.NewReader(s), "fuzz", nil)
	})
}

func FuzzFind(f *testing.F) {
	f.Add("ISIS fighters ambushed troops near al-Sukhnah in the eastern Homs desert.")
	f.Add("al-Bab's Ma'arrat al-Nu‘man - Deir ez-Zor’s")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Default().Find(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v in %q", m, s)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	arts := readJSONL[article](b, corpusPath)
	_ = data
	g := Default()
	var total int64
	for _, a := range arts {
		total += int64(len(a.Text))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			g.Find(a.Text)
		}
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		base, _ := Load(bytes.NewReader(placesTSV), "places.tsv")
		add, _ := Load(bytes.NewReader(additionsTSV), "additions.tsv")
		base.Merge(add)
	}
}

// TestAll: All yields every place once, and stops when asked.
func TestAll(t *testing.T) {
	g := Default()
	n, seen := 0, map[string]bool{}
	for e := range g.All() {
		n++
		if seen[e.ID] {
			t.Errorf("All yields %s twice", e.ID)
		}
		seen[e.ID] = true
	}
	if n != g.Len() {
		t.Errorf("All yields %d places, Len is %d", n, g.Len())
	}
	n = 0
	for range g.All() {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("break after 3: %d", n)
	}
}
