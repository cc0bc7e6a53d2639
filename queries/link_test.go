package queries_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

var update = flag.Bool("update", false, "rewrite queries/testdata/*/*/{data.nq,want.json}")

func TestLinkFixture(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	cs, err := queries.Contradictions(ctx, s, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range cs {
		kinds[c.Kind]++
		if c.A >= c.B || c.Event == "" || c.Why == "" || c.Metric != "killed" {
			t.Errorf("malformed contradiction %+v", c)
		}
	}
	for _, k := range []string{schema.ContradictionFigure, schema.ContradictionRevision, schema.ContradictionDate} {
		if kinds[k] == 0 {
			t.Errorf("no %s contradiction in %+v", k, cs)
		}
	}
	a1, a2 := schema.ArticleIRI("a1.txt"), schema.ArticleIRI("a2.txt")
	for _, c := range cs {
		// the subset (four officers) and the running tallies never contradict
		for _, never := range []string{schema.ClaimIRI(a1, 2), schema.ClaimIRI(a2, 4)} {
			if c.A == never || c.B == never {
				t.Errorf("%s in a contradiction: %+v", never, c)
			}
		}
	}
	cos, err := queries.Corroborations(ctx, s, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cos {
		if reflect.DeepEqual(c.Claims, []string{schema.ClaimIRI(a1, 1), schema.ClaimIRI(a2, 1)}) {
			found = true
			// the head speaks for the monitor: one origin, relayed
			if c.IndependentOrigins != 1 || !reflect.DeepEqual(c.Origins, []string{"monitor"}) {
				t.Errorf("27 / at least 27: %+v", c)
			}
		}
	}
	if !found {
		t.Errorf("27 / at least 27 not corroborated: %+v", cos)
	}
	circ, err := queries.CircularReports(ctx, s, queries.Filter{Source: "monitor"})
	if err != nil {
		t.Fatal(err)
	}
	if len(circ) == 0 || circ[0].Origin != "monitor" || len(circ[0].Outlets) != 2 {
		t.Errorf("circular: %+v", circ)
	}

	// the linking output is not an article
	iris, err := s.ArticleIRIs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(iris) != 5 {
		t.Errorf("ArticleIRIs = %v", iris)
	}
	// relinking an unchanged store writes nothing
	res, err := queries.Link(ctx, s, queries.LinkOptions{})
	if err != nil || res.Outcome != "unchanged" {
		t.Errorf("relink: %+v, %v", res, err)
	}
}

func TestTrace(t *testing.T) {
	s := fixtureStore(t)
	hops, err := queries.Trace(context.Background(), s, schema.ClaimIRI(schema.ArticleIRI("a1.txt"), 1))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hops {
		got = append(got, h.Role+":"+h.ID)
		if h.Evidence == "" {
			t.Errorf("hop without evidence: %+v", h)
		}
	}
	want := []string{"article:a1.txt", "outlet:outlet-x", "via:wire", "claimant:monitor-head", "organisation:monitor"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trace = %v, want %v", got, want)
	}
	if _, err := queries.Trace(context.Background(), s, "https://example.org/nothing"); err == nil {
		t.Error("trace of an unknown claim: no error")
	}
}

// permutations calls fn with every ordering of n indexes.
func permutations(n int, fn func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			fn(append([]int(nil), p...))
			return
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			rec(k + 1)
			p[k], p[i] = p[i], p[k]
		}
	}
	rec(0)
}

// TestLinkOrderIndependent loads the fixture in every order, linking after
// every article as 'load' does, and wants the same linking output.
func TestLinkOrderIndependent(t *testing.T) {
	docs := fixture()
	want := ""
	permutations(len(docs), func(p []int) {
		s, err := graph.Open(context.Background(), "mem:")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, i := range p {
			writeDocs(t, s, docs[i])
			if _, err := queries.Link(context.Background(), s, queries.LinkOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		got := linkingQuads(t, s)
		if want == "" {
			want = got
		} else if got != want {
			t.Fatalf("order %v: linking output differs", p)
		}
	})
}

// exportNQuads returns every quad of s as N-Quads, as 'claimgraph export' writes them.
func exportNQuads(t testing.TB, s *graph.Store) []byte {
	t.Helper()
	ctx := context.Background()
	qs := s.QuadStore()
	it := qs.QuadsAllIterator()
	defer it.Close()
	var lines []string
	for it.Next(ctx) {
		lines = append(lines, qs.Quad(it.Result()).NQuad())
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

// stockRun runs a saved query in plain Cayley as a user would: a memstore
// loaded from N-Quads, a Gizmo session and the script exactly as `claimgraph
// query script NAME` prints it: as is when params is empty, else with the
// JSON prelude Saved.Bind writes for --event, --claim, --source (no
// claimgraph prefixes, no runner). cmd/claimgraph's
// TestSavedQueriesInStockCayley does the same with a stock cayley binary.
func stockRun(t testing.TB, data []byte, q queries.Saved, params map[string]interface{}) []interface{} {
	t.Helper()
	var qs []quad.Quad
	r := nquads.NewReader(bytes.NewReader(data), false)
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		t.Fatal("no quads read")
	}
	ms := memstore.New(qs...)
	script, err := q.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	if len(params) == 0 && script != q.Script {
		t.Fatalf("%s: Bind with no params changed the script", q.Name)
	}
	ctx := context.Background()
	it, err := gizmo.NewSession(ms).Execute(ctx, script, query.Options{Collation: query.JSON, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	out := []interface{}{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	// through JSON, so that results compare with want.json
	b, _ := json.Marshal(out)
	var norm []interface{}
	json.Unmarshal(b, &norm)
	return norm
}

// TestSavedQueriesData runs each saved query, unchanged, in stock Cayley
// against queries/testdata/<query>/<case>/data.nq (an export of a linked
// store) with params.json, and compares with want.json. -update rewrites the
// fixture case from fixture().
func TestSavedQueriesData(t *testing.T) {
	if *update {
		s := fixtureStore(t)
		data := exportNQuads(t, s)
		params := map[string]map[string]interface{}{
			"trace": {"claim": "<" + schema.ClaimIRI(schema.ArticleIRI("a1.txt"), 1) + ">"},
		}
		for _, q := range queries.SavedQueries() {
			dir := filepath.Join("testdata", q.Name, "fixture")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "data.nq"), data, 0o644)
			p := params[q.Name]
			if p != nil {
				b, _ := json.MarshalIndent(p, "", "  ")
				os.WriteFile(filepath.Join(dir, "params.json"), append(b, '\n'), 0o644)
			}
			got := stockRun(t, data, q, p)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			enc.Encode(got)
			os.WriteFile(filepath.Join(dir, "want.json"), buf.Bytes(), 0o644)
		}
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "want.json"))
	if len(dirs) == 0 {
		t.Fatal("no query test cases under testdata (run go test ./queries -run SavedQueriesData -update)")
	}
	for _, w := range dirs {
		dir := filepath.Dir(w)
		name := filepath.Base(filepath.Dir(dir))
		t.Run(name+"/"+filepath.Base(dir), func(t *testing.T) {
			q, ok := queries.SavedQuery(name)
			if !ok {
				t.Fatalf("no saved query %q", name)
			}
			data, err := os.ReadFile(filepath.Join(dir, "data.nq"))
			if err != nil {
				t.Fatal(err)
			}
			var params map[string]interface{}
			if b, err := os.ReadFile(filepath.Join(dir, "params.json")); err == nil {
				if err := json.Unmarshal(b, &params); err != nil {
					t.Fatal(err)
				}
			}
			var want []interface{}
			b, _ := os.ReadFile(w)
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			got := stockRun(t, data, q, params)
			if !reflect.DeepEqual(got, want) {
				gb, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("got\n%s\nwant\n%s", gb, b)
			}
		})
	}
}

// TestSavedQueriesMatchWrappers: the Gizmo scripts and the Go wrappers give
// the same answers on the same store.
func TestSavedQueriesMatchWrappers(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	var strip func(v interface{}) interface{}
	strip = func(v interface{}) interface{} {
		b, _ := json.Marshal(v)
		var x interface{}
		json.Unmarshal(b, &x)
		switch x := x.(type) {
		case string:
			return strings.TrimSuffix(strings.TrimPrefix(x, "<"), ">")
		case []interface{}:
			for i := range x {
				x[i] = strip(x[i])
			}
			return x
		case map[string]interface{}:
			for k := range x {
				x[k] = strip(x[k])
			}
			return x
		}
		return x
	}
	run := func(name string, params map[string]interface{}) interface{} {
		q, _ := queries.SavedQuery(name)
		got, err := queries.Run(ctx, s.QuadStore(), q.Script, queries.RunOptions{Params: params})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return strip(got)
	}
	cs, _ := queries.Contradictions(ctx, s, queries.Filter{})
	if got, want := run("contradictions", nil), strip(cs); !reflect.DeepEqual(got, want) {
		t.Errorf("contradictions: script %v\nwrapper %v", got, want)
	}
	ev := cs[0].Event
	one, _ := queries.Contradictions(ctx, s, queries.Filter{Event: ev})
	if got, want := run("contradictions", map[string]interface{}{"event": "<" + ev + ">"}), strip(one); !reflect.DeepEqual(got, want) {
		t.Errorf("contradictions of %s: script %v\nwrapper %v", ev, got, want)
	}
	evs, _ := queries.Events(ctx, s, queries.Filter{})
	gotEv := run("events", nil).([]interface{})
	if len(gotEv) != len(evs) {
		t.Errorf("events: script %d, wrapper %d", len(gotEv), len(evs))
	}
	hops, _ := queries.Trace(ctx, s, schema.ClaimIRI(schema.ArticleIRI("a1.txt"), 1))
	gotTr := run("trace", map[string]interface{}{"claim": "<" + schema.ClaimIRI(schema.ArticleIRI("a1.txt"), 1) + ">"}).([]interface{})
	if len(gotTr) != len(hops) {
		t.Errorf("trace: script %v, wrapper %v", gotTr, hops)
	}
}

// TestLibrary: user scripts can call the saved queries as functions.
func TestLibrary(t *testing.T) {
	s := fixtureStore(t)
	got, err := queries.Run(context.Background(), s.QuadStore(),
		queries.WithLibrary(`g.Emit(contradictions().length > 0 && trace("<`+schema.ClaimIRI(schema.ArticleIRI("a1.txt"), 1)+`>").length == 5)`),
		queries.RunOptions{})
	if err != nil || len(got) != 1 || got[0] != true {
		t.Fatalf("library: %v, %v", got, err)
	}
}

// TestOutputRendersOnDemand: linking renders no component's quads until
// Output.Each, which renders them one at a time in label order, keeps none,
// stops at the first error and renders the same quads again; with the head
// they are LinkQuads' output, and Result.Quads counts them.
func TestOutputRendersOnDemand(t *testing.T) {
	docs := []*schema.Article{ // two components: the ambush and its relay, the siege
		oneClaim("ambush.txt", "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "27 soldiers were killed in the ambush, the monitor said.")),
		oneClaim("relay.txt", "2019-04-21", claim(&wire, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "The ambush killed 27 soldiers, the wire reported.")),
		oneClaim("siege.txt", "2019-04-20", claim(&agency, nil, schema.MetricBesieged, i64(500), i64(500),
			schema.Event{Kind: "siege", Place: townB, Start: "2019-04-19", End: "2019-04-19"}, "500 were besieged in Town B, the agency said.")),
	}
	want, wantRes := queries.LinkQuads(docs, queries.LinkOptions{})
	out := linking.Link(docs, linking.Options{})
	if len(out.Components) < 2 {
		t.Fatalf("%d components, want 2 or more", len(out.Components))
	}
	unrendered := func(when string) {
		for _, c := range out.Components {
			if c.Quads != nil {
				t.Fatalf("%s: component %s holds %d quads", when, c.Label, len(c.Quads))
			}
		}
	}
	unrendered("after Link")
	for round := 1; round <= 2; round++ {
		o := out // Each counts into its own Result
		got := append([]quad.Quad(nil), o.Head...)
		var labels []string
		err := o.Each(func(c linking.Component) error {
			labels = append(labels, c.Label)
			for _, q := range c.Quads {
				if q.Label != quad.IRI(c.Label) {
					t.Errorf("round %d: %v in component %s", round, q, c.Label)
				}
			}
			got = append(got, c.Quads...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		schema.SortQuads(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round %d: Each rendered %d quads, LinkQuads %d, not the same", round, len(got), len(want))
		}
		if o.Result != wantRes || o.Result.Quads != len(want) {
			t.Errorf("round %d: result %+v, want %+v with %d quads", round, o.Result, wantRes, len(want))
		}
		if !sort.StringsAreSorted(labels) || len(labels) != len(out.Components) {
			t.Errorf("round %d: components rendered %v, want the %d in label order", round, labels, len(out.Components))
		}
		unrendered("after Each")
	}
	stop, n := errors.New("stop"), 0
	if err := out.Each(func(linking.Component) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Each with a failing fn: %v after %d calls, want stop after 1", err, n)
	}
}

// TestCollectorIsLink: articles added to a linking.Collector a batch at a
// time, in IRI order, link as linking.Link links them all at once; out of
// order, or after Link, Add fails.
func TestCollectorIsLink(t *testing.T) {
	docs := fixture()
	sort.Slice(docs, func(i, j int) bool { return docs[i].IRI < docs[j].IRI })
	want, wantRes := queries.LinkQuads(docs, queries.LinkOptions{})
	for batch := 1; batch <= 3; batch++ {
		c := linking.NewCollector(linking.Options{})
		for i := 0; i < len(docs); i += batch {
			if err := c.Add(docs[i:min(i+batch, len(docs))]...); err != nil {
				t.Fatal(err)
			}
		}
		out := c.Link()
		got, err := out.All()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || out.Result != wantRes {
			t.Errorf("batches of %d: %d quads (%+v), Link %d (%+v)", batch, len(got), out.Result, len(want), wantRes)
		}
		if err := c.Add(docs[0]); err == nil {
			t.Errorf("batches of %d: Add after Link did not fail", batch)
		}
	}
	c := linking.NewCollector(linking.Options{})
	if err := c.Add(docs[1], docs[0]); err == nil || !strings.Contains(err.Error(), "IRI order") {
		t.Errorf("Add out of IRI order: %v, want an error", err)
	}
}
