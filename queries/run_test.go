package queries

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Fixture IRIs: one article, two claims with figures, two sources.
var (
	article  = schema.ArticleIRI("demo-1")
	claim1   = schema.ClaimIRI(article, 1)
	claim2   = schema.ClaimIRI(article, 2)
	figure1  = schema.FigureIRI(claim1)
	figure2  = schema.FigureIRI(claim2)
	sohr     = schema.SourceIRI("sohr")
	liwa     = schema.SourceIRI("liwa-al-quds")
	headline = "ISIS ambush kills 27 in Syrian desert"
)

// nt renders an IRI the way results carry it.
func nt(iri string) string { return "<" + iri + ">" }

func testStore(t testing.TB) cgraph.QuadStore {
	t.Helper()
	label := quad.IRI(article)
	var qs []quad.Quad
	add := func(s, p string, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: label})
	}
	add(article, schema.Type, quad.IRI(schema.ClassArticle))
	add(article, schema.Headline, quad.String(headline))
	add(article, schema.DatePublished, quad.String("2019-04-20"))
	add(sohr, schema.Type, quad.IRI(schema.ClassSource))
	add(sohr, schema.Name, quad.String("Syrian Observatory for Human Rights"))
	add(liwa, schema.Type, quad.IRI(schema.ClassSource))
	add(liwa, schema.Name, quad.String("Liwa al-Quds"))

	add(claim1, schema.Type, quad.IRI(schema.ClassClaim))
	add(claim1, schema.Appearance, quad.IRI(article))
	add(claim1, schema.Metric, quad.String(schema.MetricKilled))
	add(claim1, schema.AttributedTo, quad.IRI(sohr))
	add(claim1, schema.HasFigure, quad.IRI(figure1))
	add(figure1, schema.Min, quad.Int(27))
	add(figure1, schema.Max, quad.Int(27))
	add(figure1, schema.FigureText, quad.String("27"))

	add(claim2, schema.Type, quad.IRI(schema.ClassClaim))
	add(claim2, schema.Appearance, quad.IRI(article))
	add(claim2, schema.Metric, quad.String(schema.MetricBesieged))
	add(claim2, schema.AttributedTo, quad.IRI(liwa))
	add(claim2, schema.HasFigure, quad.IRI(figure2))
	add(figure2, schema.Min, quad.Int(500))
	add(figure2, schema.FigureText, quad.String("500"))
	add(figure2, schema.NS+"approx", quad.Bool(true))
	return memstore.New(qs...)
}

// boltStore holds the same quads as testStore in the bolt store claimgraph
// opens by default: Cayley's kv quadstore, with its own shape optimiser.
func boltStore(t testing.TB) cgraph.QuadStore {
	t.Helper()
	s, err := graph.Open(context.Background(), filepath.Join(t.TempDir(), "bolt"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	qs := s.QuadStore()
	var deltas []cgraph.Delta
	mem := testStore(t)
	all := mem.QuadsAllIterator()
	defer all.Close()
	for all.Next(context.Background()) {
		deltas = append(deltas, cgraph.Delta{Quad: mem.Quad(all.Result()), Action: cgraph.Add})
	}
	if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	return qs
}

// canon returns results in a stable order (memstore's order is not part of any contract).
func canon(v []interface{}) []interface{} {
	key := func(x interface{}) string { b, _ := json.Marshal(x); return string(b) }
	sort.SliceStable(v, func(i, j int) bool { return key(v[i]) < key(v[j]) })
	return v
}

func TestRun(t *testing.T) {
	t.Run("memstore", func(t *testing.T) { testRun(t, testStore(t)) })
	t.Run("bolt", func(t *testing.T) { testRun(t, boltStore(t)) })
}

func testRun(t *testing.T, qs cgraph.QuadStore) {
	for _, tc := range []struct {
		name   string
		script string
		params map[string]interface{}
		want   []interface{}
	}{{
		name:   "out with full IRIs",
		script: `g.V(params.article).In(params.appearance).Out(params.metric).All()`,
		params: map[string]interface{}{"article": nt(article), "appearance": nt(schema.Appearance), "metric": nt(schema.Metric)},
		want:   []interface{}{map[string]interface{}{"id": "besieged"}, map[string]interface{}{"id": "killed"}},
	}, {
		name:   "short IRIs in angle brackets",
		script: `g.V("<cgid:article/demo-1>").In("<schema:appearance>").Out("<prov:wasAttributedTo>").Out("<schema:name>").All()`,
		want: []interface{}{
			map[string]interface{}{"id": "Liwa al-Quds"},
			map[string]interface{}{"id": "Syrian Observatory for Human Rights"},
		},
	}, {
		name:   "short IRIs through g.IRI",
		script: `g.V().Has(g.IRI("rdf:type"), g.IRI("schema:Claim")).Out(g.IRI("cg:figure")).Out(g.IRI("cg:min")).All()`,
		want:   []interface{}{map[string]interface{}{"id": int64(27)}, map[string]interface{}{"id": int64(500)}},
	}, {
		name: "tags and literals of each type",
		script: `g.V().Has("<rdf:type>", "<schema:Claim>").Tag("claim").Save("<cg:metric>", "metric").
			Out("<cg:figure>").Save("<cg:min>", "min").SaveOpt("<cg:max>", "max").SaveOpt("<cg:approx>", "approx").All()`,
		want: []interface{}{
			map[string]interface{}{"id": nt(figure1), "claim": nt(claim1), "metric": "killed", "min": int64(27), "max": int64(27)},
			map[string]interface{}{"id": nt(figure2), "claim": nt(claim2), "metric": "besieged", "min": int64(500), "approx": true},
		},
	}, {
		name: "emit from ForEach",
		script: `// one object per claim
g.V().Has("<rdf:type>", "<schema:Claim>").ForEach(function (c) {
	var f = g.V(c.id).Out("<cg:figure>").Out("<cg:min>").ToValue();
	g.Emit({claim: c.id, min: f, big: f > 100});
});`,
		want: []interface{}{
			map[string]interface{}{"claim": nt(claim1), "min": int64(27), "big": false},
			map[string]interface{}{"claim": nt(claim2), "min": int64(500), "big": true},
		},
	}, {
		name:   "emit scalars and arrays",
		script: `g.Emit("a"); g.Emit(1.5); g.Emit([1, "x", null]); g.Emit(null); g.Emit(g.V(params.a).Out("<schema:headline>").ToArray())`,
		params: map[string]interface{}{"a": nt(article)},
		want:   []interface{}{"a", 1.5, []interface{}{int64(1), "x", nil}, []interface{}{headline}},
	}, {
		name:   "GetLimit",
		script: `g.V().Has("<rdf:type>", "<cg:Source>").Out("<schema:name>").GetLimit(2)`,
		want: []interface{}{
			map[string]interface{}{"id": "Liwa al-Quds"},
			map[string]interface{}{"id": "Syrian Observatory for Human Rights"},
		},
	}, {
		name:   "ES6",
		script: `const names = g.V().Has("<rdf:type>", "<cg:Source>").Out("<schema:name>").ToArray(); let n = names.map(s => s.length); g.Emit(n.reduce((a, b) => a + b, 0))`,
		want:   []interface{}{int64(len("Liwa al-Quds") + len("Syrian Observatory for Human Rights"))},
	}, {
		name:   "params are data, never code",
		script: `g.Emit(params.s); g.Emit(params.n); g.Emit(params.list)`,
		params: map[string]interface{}{"s": "x\"); while(true){} //\u2028</script>", "n": 3, "list": []string{"a", "b"}},
		want:   []interface{}{"x\"); while(true){} //\u2028</script>", int64(3), []interface{}{"a", "b"}},
	}, {
		name:   "nothing",
		script: `g.V("<cgid:nowhere>").All(); 42`,
		want:   []interface{}{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Run(context.Background(), qs, tc.script, RunOptions{Timeout: 10 * time.Second, Params: tc.params})
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("Run returned a nil slice")
			}
			if strings.Contains(tc.script, "All()") || strings.Contains(tc.script, "GetLimit") || strings.Contains(tc.script, "ForEach") {
				got, tc.want = canon(got), canon(tc.want)
			}
			if !reflect.DeepEqual(got, tc.want) {
				gb, _ := json.Marshal(got)
				wb, _ := json.Marshal(tc.want)
				t.Errorf("got  %s\nwant %s", gb, wb)
			}
		})
	}
}

// TestMatchesCayleyJSON checks that results are rendered as Cayley's own
// JSON collation (its HTTP API's default) renders them.
func TestMatchesCayleyJSON(t *testing.T) {
	qs := testStore(t)
	script := `g.V().Has("<https://claimgraph.org/ns#metric>").Tag("c").Out("<https://claimgraph.org/ns#figure>").Save("<https://claimgraph.org/ns#min>", "min").All();
g.V("<` + claim1 + `>").ForEach(function (c) { g.Emit(c) })`
	ctx := context.Background()
	it, err := gizmo.NewSession(qs).Execute(ctx, script, query.Options{Collation: query.JSON, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var want []interface{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			want = append(want, r)
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	got, err := Run(ctx, qs, script, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 3 || !reflect.DeepEqual(canon(got), canon(want)) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestRunJSONL(t *testing.T) {
	var buf bytes.Buffer
	n, err := RunJSONL(context.Background(), testStore(t),
		`g.V(params.c).Out("<cg:figure>").Tag("f").Out("<cg:min>").All(); g.Emit({text: "<b> & \"q\""})`,
		RunOptions{Params: map[string]interface{}{"c": nt(claim1)}}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"f":"<` + figure1 + `>","id":27}` + "\n" + `{"text":"<b> & \"q\""}` + "\n"
	if n != 2 || buf.String() != want {
		t.Errorf("n = %d, output:\n%s\nwant:\n%s", n, buf.String(), want)
	}
}

func TestLimit(t *testing.T) {
	qs := testStore(t)
	const script = `for (var i = 0; i < 5; i++) g.Emit(i)`
	got, err := Run(context.Background(), qs, script, RunOptions{Limit: 5})
	if err != nil || len(got) != 5 {
		t.Fatalf("Limit 5 of 5: got %v, %v", got, err)
	}
	got, err = Run(context.Background(), qs, script, RunOptions{Limit: 3})
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("Limit 3 of 5: err = %v, want ErrLimit", err)
	}
	if want := []interface{}{int64(0), int64(1), int64(2)}; !reflect.DeepEqual(got, want) {
		t.Errorf("Limit 3 of 5: got %v, want %v", got, want)
	}
	got, err = Run(context.Background(), qs, `g.V().All()`, RunOptions{Limit: 2})
	if !errors.Is(err, ErrLimit) || len(got) != 2 {
		t.Errorf("All() with Limit 2: got %d results, %v", len(got), err)
	}
}

func TestTimeout(t *testing.T) {
	qs := testStore(t)
	before := runtime.NumGoroutine()
	for _, script := range []string{
		`while (true) {}`,
		`g.V().ForEach(function (v) { for (;;) {} })`,
		`g.Emit("first"); for (;;) { g.V().All() }`,
	} {
		t.Run(script, func(t *testing.T) {
			start := time.Now()
			_, err := Run(context.Background(), qs, script, RunOptions{Timeout: 100 * time.Millisecond, Limit: 1 << 30})
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("stopped after %v", d)
			}
		})
	}
	// The interrupted VMs must exit, not spin on in the background.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running, had %d", n, before)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := Run(ctx, testStore(t), `while (true) {}`, RunOptions{Timeout: time.Minute})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestErrors(t *testing.T) {
	qs := testStore(t)
	for _, tc := range []struct {
		script string
		params map[string]interface{}
		want   string
	}{
		{script: "g.V(.All()", want: "queries: script: SyntaxError"},
		{script: "\n\nthrow new Error('boom')", want: "boom"},
		{script: "\n\nnosuch()", want: "<eval>:3:"},
		{script: "g.Emit(g.V())", want: "queries: result 1: *path.Path is not JSON data"},
		{script: "g.Emit({x: NaN})", want: `queries: result 1: "x": NaN is not a JSON number`},
		{script: "g.Emit(1)", params: map[string]interface{}{"c": make(chan int)}, want: "queries: params: json: unsupported type"},
	} {
		_, err := Run(context.Background(), qs, tc.script, RunOptions{Timeout: 10 * time.Second, Params: tc.params})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want it to contain %q", tc.script, err, tc.want)
		}
	}
}
