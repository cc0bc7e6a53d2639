package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/export"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

func i64(n int64) *int64 { return &n }

// The fixture: three articles about the Sukhnah ambush of 18-20 April 2019
// (SOHR's 27 in a and c, Amaq's 20 in b) and one about Palmyra, with the
// linking step's output as queries.Link writes it (labelled
// schema.LinkingIRI: a linked event, a contradiction, a corroboration) and
// one more corroborates quad inside article c's own quads.
var (
	sohr   = schema.Source{ID: "sohr", Name: "Syrian Observatory for Human Rights", Kind: "monitor", Mention: "the Observatory"}
	rami   = schema.Source{ID: "rami-abdel-rahman", Name: "Rami Abdel Rahman", Kind: "person", Person: true, SpeaksFor: "sohr", Mention: "Rami Abdel Rahman"}
	afp    = schema.Source{ID: "afp", Name: "AFP", Kind: "news-agency", Mention: "AFP"}
	amaq   = schema.Source{ID: "amaq", Name: `Amaq "News" Agency \ <A&B>`, Kind: "propaganda-agency", Mention: "Amaq"}
	rudaw  = schema.Source{ID: "rudaw", Name: "Rudaw", Kind: "outlet", Mention: "Rudaw"}
	masdar = schema.Source{ID: "al-masdar", Name: "Al-Masdar News", Kind: "outlet", Mention: "Al-Masdar News"}

	sukhnah = &schema.Place{ID: "al-sukhnah-homs", Name: "Al-Sukhnah", Kind: "town", Admin1: "Homs", Within: "homs-governorate",
		WithinName: "Homs", Lat: 34.88, Lon: 38.87, HasCoords: true, GazetteerID: "g:2", Mention: "al-Sukhna"}
	palmyra = &schema.Place{ID: "palmyra-homs", Name: "Palmyra", Kind: "town", Admin1: "Homs", Within: "homs-governorate",
		WithinName: "Homs", Lat: 34.56, Lon: 38.28, HasCoords: true, Mention: "Palmyra"}
	ambush = schema.Event{Kind: "ambush", Place: sukhnah, Start: "2019-04-18", End: "2019-04-20"}
	attack = schema.Event{Kind: "attack", Place: palmyra, Start: "2019-04-10"}

	evidenceA = `"At least 27" soldiers & militiamen <pro-Damascus> were killed, the Observatory said \ AFP.`
)

func articles() []*schema.Article {
	a := &schema.Article{ID: "a.txt", IRI: schema.ArticleIRI("a.txt"), Title: "27 killed in Sukhnah ambush", URL: "https://news.example/a",
		Published: "2019-04-20", Outlet: &rudaw, Cited: []schema.Source{afp, rami, sohr}, Lead: 0, ContentHash: "a1",
		Claims: []schema.Claim{
			{Claimant: &sohr, Metric: schema.MetricKilled, Figure: schema.Figure{Text: "at least 27", Qualifier: "at least", Value: i64(27), Min: i64(27)},
				Event: ambush, Evidence: evidenceA, Offset: 120, Cue: "said", Attribution: "explicit", Section: "body", SubsetOf: -1},
			{Claimant: &rami, Via: []schema.Source{afp}, Metric: schema.MetricWounded, Figure: schema.Figure{Text: "10", Value: i64(10), Min: i64(10), Max: i64(10)},
				Event: ambush, Evidence: "Ten were wounded, Rami Abdel Rahman told AFP.", Offset: 300, Cue: "told", Attribution: "explicit", Section: "body", SubsetOf: -1},
		}}
	b := &schema.Article{ID: "b.txt", IRI: schema.ArticleIRI("b.txt"), Title: "IS says it killed 20", Published: "2019-04-21",
		Outlet: &masdar, Cited: []schema.Source{amaq}, Lead: 0, ContentHash: "b1",
		Claims: []schema.Claim{
			{Claimant: &amaq, Metric: schema.MetricKilled, Figure: schema.Figure{Text: "20", Value: i64(20), Min: i64(20), Max: i64(20)},
				Event: ambush, Evidence: "Amaq said 20 soldiers were killed.", Offset: 10, Cue: "said", Attribution: "explicit", Section: "body", SubsetOf: -1},
			{Metric: schema.MetricKilled, Figure: schema.Figure{Text: "dozens", Min: i64(24), Vague: true},
				Event: attack, Evidence: "Dozens were killed near Palmyra.", Offset: 90, Attribution: "none", Section: "body", SubsetOf: -1},
		}}
	c := &schema.Article{ID: "c.txt", IRI: schema.ArticleIRI("c.txt"), Title: "Observatory: 27 dead", Published: "2019-04-20",
		Outlet: &rudaw, Cited: []schema.Source{sohr}, Lead: 0, ContentHash: "c1",
		Claims: []schema.Claim{
			{Claimant: &sohr, Metric: schema.MetricKilled, Figure: schema.Figure{Text: "27", Value: i64(27), Min: i64(27), Max: i64(27)},
				Event: ambush, Evidence: "27 were killed, SOHR said.", Offset: 0, Cue: "said", Attribution: "explicit", Section: "body", SubsetOf: -1},
		}}
	return []*schema.Article{a, b, c}
}

var (
	claimA0 = schema.ClaimIRI(schema.ArticleIRI("a.txt"), 1)
	claimA1 = schema.ClaimIRI(schema.ArticleIRI("a.txt"), 2)
	claimB0 = schema.ClaimIRI(schema.ArticleIRI("b.txt"), 1)
	claimB1 = schema.ClaimIRI(schema.ArticleIRI("b.txt"), 2)
	claimC0 = schema.ClaimIRI(schema.ArticleIRI("c.txt"), 1)
	levent  = schema.LinkedEventIRI([]string{claimA0, claimA1, claimB0, claimC0})
	contra  = schema.RelationIRI("contradiction", []string{claimA0, claimB0})
	corrob  = schema.RelationIRI("corroboration", []string{claimA0, claimC0})
)

// linking returns the linking output for the fixture, shaped as queries.Link
// writes it.
func linking() []quad.Quad {
	var qs []quad.Quad
	l := quad.IRI(schema.LinkingIRI)
	add := func(s, p string, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: l})
	}
	iri := func(s string) quad.IRI { return quad.IRI(s) }
	add(schema.LinkingIRI, schema.Type, iri(schema.ClassLinking))
	add(schema.LinkingIRI, schema.ContentHash, quad.String("h1"))
	add(levent, schema.Type, iri(schema.ClassLinkedEvent))
	for _, c := range []string{claimA0, claimA1, claimB0, claimC0} {
		add(levent, schema.Member, iri(c))
	}
	add(levent, schema.Includes, iri(schema.EventIRI(ambush)))
	add(levent, schema.Kind, quad.String("ambush"))
	add(levent, schema.Name, quad.String("ambush at Al-Sukhnah, 2019-04-18..2019-04-20"))
	add(levent, schema.Location, iri(schema.PlaceIRI("al-sukhnah-homs")))
	add(levent, schema.StartDate, quad.String("2019-04-18"))
	add(levent, schema.EndDate, quad.String("2019-04-20"))
	add(levent, schema.IndependentOrigins, quad.Int(2))
	add(contra, schema.Type, iri(schema.ClassContradiction))
	add(contra, schema.Member, iri(claimA0))
	add(contra, schema.Member, iri(claimB0))
	add(contra, schema.ClaimA, iri(claimA0))
	add(contra, schema.ClaimB, iri(claimB0))
	add(contra, schema.About, iri(levent))
	add(contra, schema.Kind, quad.String(schema.ContradictionFigure))
	add(contra, schema.Why, quad.String("27 vs 20"))
	add(claimA0, schema.Contradicts, iri(claimB0))
	add(corrob, schema.Type, iri(schema.ClassCorroboration))
	add(corrob, schema.Member, iri(claimA0))
	add(corrob, schema.Member, iri(claimC0))
	add(corrob, schema.Why, quad.String("both say 27"))
	schema.SortQuads(qs)
	return qs
}

// fixture opens a memstore holding the articles and links, and returns it
// with every quad written.
func fixture(t *testing.T) (*graph.Store, []quad.Quad) {
	t.Helper()
	ctx := context.Background()
	s := graphtest.Mem(t)
	var all []quad.Quad
	w := s.NewWriter(ctx, graph.WriterOptions{})
	write := func(qs []quad.Quad) {
		if _, err := w.WriteQuads(qs); err != nil {
			t.Fatal(err)
		}
		all = append(all, qs...)
	}
	for _, a := range articles() {
		qs := schema.Quads(a)
		if a.ID == "c.txt" {
			qs = append(qs, quad.Make(quad.IRI(claimA0), quad.IRI(schema.Corroborates), quad.IRI(claimC0), quad.IRI(a.IRI)))
		}
		write(qs)
	}
	write(linking())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return s, all
}

func export1(t *testing.T, s *graph.Store, f export.Format, filter export.Filter) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), s, &b, f, filter); err != nil {
		t.Fatalf("Write(%s, %+v): %v", f, filter, err)
	}
	return b.Bytes()
}

// python returns a python3 that can import networkx, or skips the test.
func python(t *testing.T) string {
	t.Helper()
	var cands []string
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	cands = append(cands, "/usr/bin/python3")
	for _, p := range cands {
		if exec.Command(p, "-c", "import networkx").Run() == nil {
			return p
		}
	}
	t.Skip("no python3 with networkx: install python3-networkx (apt-get install python3-networkx; .ci/run does) to read exports back")
	return ""
}

// typed is a value as networkx read it, with its Python type name.
type typed struct {
	V    interface{}
	Type string
}

func (v *typed) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil || len(pair) != 2 {
		return errors.New("want [value, type]")
	}
	if err := json.Unmarshal(pair[1], &v.Type); err != nil {
		return err
	}
	return json.Unmarshal(pair[0], &v.V)
}

type nxGraph struct {
	Class string
	Nodes map[string]map[string]typed
	Edges []struct {
		Source, Target string
		Data           map[string]typed
	}
}

// readBack writes data to a file and reads it with networkx.
func readBack(t *testing.T, format string, data []byte) *nxGraph {
	t.Helper()
	py := python(t)
	path := filepath.Join(t.TempDir(), "g."+format)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("testdata", "read_graph.py"), format, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx could not read the %s export: %v\n%s", format, err, stderr.String())
	}
	var g nxGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("read_graph.py output: %v", err)
	}
	return &g
}

func (g *nxGraph) counts() (nodes, edges map[string]int) {
	nodes, edges = map[string]int{}, map[string]int{}
	for _, d := range g.Nodes {
		nodes[d["type"].V.(string)]++
	}
	for _, e := range g.Edges {
		edges[e.Data["type"].V.(string)]++
	}
	return nodes, edges
}

func (g *nxGraph) edge(t *testing.T, from, to, typ string) map[string]typed {
	t.Helper()
	for _, e := range g.Edges {
		if e.Source == from && e.Target == to && e.Data["type"].V == typ {
			return e.Data
		}
	}
	t.Fatalf("no %s edge %s -> %s", typ, from, to)
	return nil
}

func want(t *testing.T, what string, got, want interface{}) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

var (
	wantNodes = map[string]int{"article": 3, "outlet": 2, "source": 4, "claim": 5, "event": 2, "place": 3, "linked_event": 1}
	wantEdges = map[string]int{"publisher": 3, "cites": 5, "appearance": 5, "attributedTo": 4, "via": 1, "speaksFor": 1,
		"event": 5, "location": 3, "within": 2, "contradicts": 1, "corroborates": 1, "member": 4, "includes": 1}
)

// checkEntityGraph asserts what networkx read from a graphml, gexf or cyjs
// export of the whole fixture.
func checkEntityGraph(t *testing.T, format string, g *nxGraph) {
	nodes, edges := g.counts()
	want(t, "node types", nodes, wantNodes)
	want(t, "edge types", edges, wantEdges)
	want(t, "graph class", g.Class, "DiGraph")

	a0 := g.Nodes[claimA0]
	want(t, "claim a0 min", a0["min"], typed{float64(27), "int"})
	value := "value"
	if format == "cyjs" {
		value = "figure_value"
	}
	want(t, "claim a0 value", a0[value], typed{float64(27), "int"})
	if _, ok := a0["max"]; ok {
		t.Errorf("claim a0 has a max, want none (open interval): %v", a0["max"])
	}
	want(t, "claim a0 evidence", a0["evidence"], typed{evidenceA, "str"})
	want(t, "claim a0 label", a0["label"].V, "killed: at least 27")
	want(t, "claim a0 offset", a0["offset"], typed{float64(120), "int"})
	want(t, "claim b1 vague", g.Nodes[claimB1]["vague"], typed{true, "bool"})
	pl := g.Nodes[schema.PlaceIRI("al-sukhnah-homs")]
	want(t, "sukhnah latitude", pl["latitude"], typed{34.88, "float"})
	want(t, "article a published", g.Nodes[schema.ArticleIRI("a.txt")]["published"], typed{"2019-04-20", "str"})
	want(t, "amaq label", g.Nodes[schema.SourceIRI("amaq")]["label"].V, amaq.Name)
	want(t, "event claims", g.Nodes[schema.EventIRI(ambush)]["claims"], typed{float64(4), "int"})

	via := g.edge(t, claimA1, schema.SourceIRI("afp"), "via")
	want(t, "via order", via["order"], typed{float64(1), "int"})
	want(t, "via article", via["article"].V, schema.ArticleIRI("a.txt"))
	want(t, "via predicate", via["predicate"].V, schema.Via)
	loc := g.edge(t, schema.EventIRI(ambush), schema.PlaceIRI("al-sukhnah-homs"), "location")
	weightType := "float"
	if format == "cyjs" {
		weightType = "int" // JSON numbers carry no type: 3.0 is written 3
	}
	want(t, "location weight", loc["weight"], typed{3.0, weightType})
	want(t, "location articles", loc["articles"].V, schema.ArticleIRI("a.txt")+" "+schema.ArticleIRI("b.txt")+" "+schema.ArticleIRI("c.txt"))
	con := g.edge(t, claimA0, claimB0, "contradicts")
	want(t, "contradicts label", con["article"].V, schema.LinkingIRI)
	want(t, "contradicts kind", con["kind"].V, "figure")
	want(t, "contradicts why", con["why"].V, "27 vs 20")
	cor := g.edge(t, claimA0, claimC0, "corroborates")
	want(t, "corroborates label", cor["article"].V, schema.ArticleIRI("c.txt"))
	want(t, "corroborates why", cor["why"].V, "both say 27")
	le := g.Nodes[levent]
	want(t, "linked event label", le["label"].V, "ambush at Al-Sukhnah, 2019-04-18..2019-04-20")
	want(t, "linked event origins", le["independent_origins"], typed{float64(2), "int"})
	want(t, "linked event claims", le["claims"], typed{float64(4), "int"})
	g.edge(t, levent, schema.EventIRI(ambush), "includes")

	if format == "gexf" {
		want(t, "claim a0 spells", a0["spells"].V, []interface{}{[]interface{}{"2019-04-18", "2019-04-20"}})
		want(t, "attack spells", g.Nodes[schema.EventIRI(attack)]["spells"].V, []interface{}{[]interface{}{"2019-04-10", "2019-04-10"}})
		if _, ok := g.Nodes[schema.SourceIRI("sohr")]["spells"]; ok {
			t.Error("a source has a time spell")
		}
	}
}

func TestGraphML(t *testing.T) {
	s, _ := fixture(t)
	checkEntityGraph(t, "graphml", readBack(t, "graphml", export1(t, s, export.GraphML, export.Filter{})))
}

func TestGEXF(t *testing.T) {
	s, _ := fixture(t)
	checkEntityGraph(t, "gexf", readBack(t, "gexf", export1(t, s, export.GEXF, export.Filter{})))
}

func TestCYJS(t *testing.T) {
	s, _ := fixture(t)
	checkEntityGraph(t, "cyjs", readBack(t, "cyjs", export1(t, s, export.CYJS, export.Filter{})))
}

func TestFilters(t *testing.T) {
	s, _ := fixture(t)
	for _, c := range []struct {
		name   string
		filter export.Filter
		nodes  map[string]int
		edges  map[string]int
		claims []string
	}{
		{"event", export.Filter{Event: "cgid:event/" + schema.IDFromIRI(schema.EventIRI(ambush))},
			map[string]int{"article": 3, "outlet": 2, "source": 4, "claim": 4, "event": 1, "place": 2, "linked_event": 1},
			map[string]int{"publisher": 3, "cites": 5, "appearance": 4, "attributedTo": 4, "via": 1, "speaksFor": 1,
				"event": 4, "location": 2, "within": 1, "contradicts": 1, "corroborates": 1, "member": 4, "includes": 1},
			[]string{claimA0, claimA1, claimB0, claimC0}},
		{"linked event", export.Filter{Event: levent},
			map[string]int{"article": 3, "outlet": 2, "source": 4, "claim": 4, "event": 1, "place": 2, "linked_event": 1},
			map[string]int{"publisher": 3, "cites": 5, "appearance": 4, "attributedTo": 4, "via": 1, "speaksFor": 1,
				"event": 4, "location": 2, "within": 1, "contradicts": 1, "corroborates": 1, "member": 4, "includes": 1},
			[]string{claimA0, claimA1, claimB0, claimC0}},
		{"article", export.Filter{Article: "b.txt"},
			map[string]int{"article": 1, "outlet": 1, "source": 1, "claim": 2, "event": 2, "place": 3, "linked_event": 1},
			map[string]int{"publisher": 1, "cites": 1, "appearance": 2, "attributedTo": 1, "event": 2, "location": 3, "within": 2,
				"member": 1, "includes": 1},
			[]string{claimB0, claimB1}},
		{"source", export.Filter{Source: "sohr"}, // its own claims and its director's
			map[string]int{"article": 2, "outlet": 1, "source": 3, "claim": 3, "event": 1, "place": 2, "linked_event": 1},
			map[string]int{"publisher": 2, "cites": 4, "appearance": 3, "attributedTo": 3, "via": 1, "speaksFor": 1,
				"event": 3, "location": 2, "within": 1, "corroborates": 1, "member": 3, "includes": 1},
			[]string{claimA0, claimA1, claimC0}},
		{"relay", export.Filter{Source: schema.SourceIRI("afp")},
			map[string]int{"article": 1, "outlet": 1, "source": 3, "claim": 1, "event": 1, "place": 2, "linked_event": 1},
			map[string]int{"publisher": 1, "cites": 3, "appearance": 1, "attributedTo": 1, "via": 1, "speaksFor": 1,
				"event": 1, "location": 2, "within": 1, "member": 1, "includes": 1},
			[]string{claimA1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := readBack(t, "graphml", export1(t, s, export.GraphML, c.filter))
			nodes, edges := g.counts()
			want(t, "node types", nodes, c.nodes)
			want(t, "edge types", edges, c.edges)
			var claims []string
			for id, d := range g.Nodes {
				if d["type"].V == "claim" {
					claims = append(claims, id)
				}
			}
			sort.Strings(claims)
			want(t, "claims", claims, c.claims)

			// the raw export holds exactly the quads of the same claims
			var rawClaims []string
			for _, q := range readNQuads(t, export1(t, s, export.NQuads, c.filter)) {
				if q.Predicate == quad.IRI(schema.Type) && q.Object == quad.IRI(schema.ClassClaim) {
					rawClaims = append(rawClaims, string(q.Subject.(quad.IRI)))
				}
			}
			sort.Strings(rawClaims)
			want(t, "nquads claims", rawClaims, c.claims)
		})
	}
}

func TestFilterErrors(t *testing.T) {
	s, _ := fixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		format export.Format
		filter export.Filter
		want   error
	}{
		{export.GraphML, export.Filter{Article: "nope.txt"}, graph.ErrNotFound},
		{export.GraphML, export.Filter{Source: "nobody"}, graph.ErrNotFound},
		{export.NQuads, export.Filter{Event: "cgid:event/0000"}, graph.ErrNotFound},
		{export.GEXF, export.Filter{Article: "a.txt", Source: "sohr"}, export.ErrFilter},
		{"gml", export.Filter{}, export.ErrFormat},
	} {
		err := export.Write(ctx, s, io.Discard, c.format, c.filter)
		if !errors.Is(err, c.want) {
			t.Errorf("Write(%s, %+v) = %v, want %v", c.format, c.filter, err, c.want)
		}
	}
}

func readNQuads(t *testing.T, data []byte) []quad.Quad {
	t.Helper()
	return readAll(t, nquads.NewReader(bytes.NewReader(data), false), "nquads")
}

// readJSONLD reads back a JSON-LD export with the quad library's reader.
func readJSONLD(t *testing.T, data []byte) []quad.Quad {
	t.Helper()
	return readAll(t, jsonld.NewReader(bytes.NewReader(data)), "jsonld")
}

// readAll reads every quad of an export in format.
func readAll(t *testing.T, r interface{ ReadQuad() (quad.Quad, error) }, format string) []quad.Quad {
	t.Helper()
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return qs
		}
		if err != nil {
			t.Fatalf("reading the %s export: %v", format, err)
		}
		qs = append(qs, q)
	}
}

func nquadSet(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

func TestNQuads(t *testing.T) {
	s, all := fixture(t)
	got := readNQuads(t, export1(t, s, export.NQuads, export.Filter{}))
	want(t, "quads", nquadSet(got), nquadSet(all))
	// one article: all its quads, and of the linking output the linked
	// event (b's claim is a member) without the members b does not hold, and
	// no contradiction (a's claim is not exported)
	var mine, links []quad.Quad
	for _, q := range readNQuads(t, export1(t, s, export.NQuads, export.Filter{Article: "b.txt"})) {
		if q.Label == quad.IRI(schema.LinkingIRI) {
			links = append(links, q)
		} else {
			mine = append(mine, q)
		}
	}
	want(t, "article b quads", nquadSet(mine), nquadSet(schema.Quads(articles()[1])))
	var wantLinks []quad.Quad
	for _, q := range linking() {
		if q.Subject == quad.IRI(levent) && (q.Predicate != quad.IRI(schema.Member) || q.Object == quad.IRI(claimB0)) {
			wantLinks = append(wantLinks, q)
		}
	}
	want(t, "article b linking quads", nquadSet(links), nquadSet(wantLinks))
}

// TestJSONLD reads the JSON-LD export back with a JSON-LD processor
// (json-gold, through quad/jsonld) and finds every quad, label included.
func TestJSONLD(t *testing.T) {
	s, all := fixture(t)
	data := export1(t, s, export.JSONLD, export.Filter{})
	var doc struct {
		Context map[string]string `json:"@context"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("jsonld export is not JSON: %v", err)
	}
	want(t, "cg prefix", doc.Context["cg"], schema.NS)
	want(t, "prov prefix", doc.Context["prov"], schema.ProvNS)
	want(t, "quads", nquadSet(readJSONLD(t, data)), nquadSet(all))
}

// TestDOT renders the DOT export with Graphviz and finds every node and
// edge, and the awkward source name intact, in the SVG.
func TestDOT(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot not found: install graphviz (apt-get install graphviz; .ci/run does) to render the DOT export")
	}
	s, _ := fixture(t)
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(export1(t, s, export.DOT, export.Filter{}))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	var nodes, edges int
	texts := map[string]bool{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	var inText bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG from dot: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if tok.Name.Local == "g" && a.Name.Local == "class" {
					switch a.Value {
					case "node":
						nodes++
					case "edge":
						edges++
					}
				}
			}
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts[string(tok)] = true
			}
		case xml.EndElement:
			inText = false
		}
	}
	n, e := 0, 0
	for _, v := range wantNodes {
		n += v
	}
	for _, v := range wantEdges {
		e += v
	}
	want(t, "SVG nodes", nodes, n)
	want(t, "SVG edges", edges, e)
	for _, s := range []string{amaq.Name, "killed: at least 27", "contradicts", "via 1"} {
		found := false
		for txt := range texts {
			found = found || strings.Contains(txt, s)
		}
		if !found {
			t.Errorf("SVG has no text %q", s)
		}
	}
}

// TestDeterministic exports every format twice, from two stores loaded in
// different orders, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	s1, _ := fixture(t)
	ctx := context.Background()
	s2 := graphtest.Mem(t)
	w := s2.NewWriter(ctx, graph.WriterOptions{BatchSize: 1})
	w.WriteQuads(linking())
	as := articles()
	for i := len(as) - 1; i >= 0; i-- {
		qs := schema.Quads(as[i])
		if as[i].ID == "c.txt" {
			qs = append(qs, quad.Make(quad.IRI(claimA0), quad.IRI(schema.Corroborates), quad.IRI(claimC0), quad.IRI(as[i].IRI)))
		}
		if _, err := w.WriteQuads(qs); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range export.Formats {
		a, b := export1(t, s1, f, export.Filter{}), export1(t, s2, f, export.Filter{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports of the same graph differ", f)
		}
	}
}

// TestReviewsExported: fact-checkers' reviews ('claimgraph review') are in
// the raw exports, read back by the N-Quads and JSON-LD readers with their
// labels; a filtered export keeps the reviews of what it holds.
func TestReviewsExported(t *testing.T) {
	s, all := fixture(t)
	ctx := context.Background()
	rs := []schema.Review{
		{Target: claimA0, Rating: "Mostly true", Explanation: "Two monitors agree.", URL: "https://check.example/1", Author: "Dana Fact", Date: "2019-04-22"},
		{Target: levent, Rating: "Unproven", Explanation: "Tolls differ.", URL: "https://check.example/2", Author: "Dana Fact", Date: "2019-04-23"},
	}
	var reviews []quad.Quad
	for i := range rs {
		if _, err := s.WriteReview(ctx, rs[i]); err != nil {
			t.Fatal(err)
		}
		reviews = append(reviews, rs[i].Quads()...)
	}
	wantAll := nquadSet(append(append([]quad.Quad(nil), all...), reviews...))
	want(t, "nquads with reviews", nquadSet(readNQuads(t, export1(t, s, export.NQuads, export.Filter{}))), wantAll)
	want(t, "jsonld with reviews", nquadSet(readJSONLD(t, export1(t, s, export.JSONLD, export.Filter{}))), wantAll)
	// a filtered export: the reviews of what it holds, no others
	labels := func(f export.Filter) map[string]bool {
		out := map[string]bool{}
		for _, q := range readNQuads(t, export1(t, s, export.NQuads, f)) {
			if l, ok := q.Label.(quad.IRI); ok && strings.Contains(string(l), "/review/") {
				out[string(l)] = true
			}
		}
		return out
	}
	claimReview, eventReview := schema.ReviewIRI(claimA0, "Dana Fact"), schema.ReviewIRI(levent, "Dana Fact")
	want(t, "reviews in a.txt's export", labels(export.Filter{Article: "a.txt"}), map[string]bool{claimReview: true, eventReview: true})
	want(t, "reviews in b.txt's export", labels(export.Filter{Article: "b.txt"}), map[string]bool{eventReview: true})
}
