package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// The tests here check claimgraph's promises to stock Cayley with a real
// cayley binary: the version go.mod requires, built the way a user builds it
// (its own go.mod, its own dependencies, no claimgraph code), in a
// throw-away module. The first build downloads its dependencies through
// the Go module proxy (a few minutes, once); later builds come from Go's
// caches. CLAIMGRAPH_TEST_CAYLEY names a cayley binary to use instead.

const cayleyModule = "github.com/cayleygraph/cayley"

// stockCayley returns the path of a stock cayley binary.
func stockCayley(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CLAIMGRAPH_TEST_CAYLEY"); p != "" {
		return p
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build stock cayley with; set CLAIMGRAPH_TEST_CAYLEY to a cayley binary")
	}
	version := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == cayleyModule {
				version = d.Version
			}
		}
	}
	if version == "" {
		t.Fatalf("no %s in the test binary's build info", cayleyModule)
	}
	dir := t.TempDir()
	mod := "module claimgraph.test/stockcayley\n\ngo 1.12\n\nrequire " + cayleyModule + " " + version + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "cayley")
	cmd := exec.Command(goBin, "build", "-mod=mod", "-o", bin, cayleyModule+"/cmd/cayley")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building stock cayley %s: %v\n%s\n(offline? set CLAIMGRAPH_TEST_CAYLEY to a cayley binary)", version, err, out)
	}
	return bin
}

// cayleyStore is a bolt database of stock cayley.
type cayleyStore struct {
	t   *testing.T
	bin string
	db  string
}

// loadStockCayley loads the N-Quads file nq into a new bolt database of stock cayley.
func loadStockCayley(t *testing.T, nq string) *cayleyStore {
	t.Helper()
	c := &cayleyStore{t: t, bin: stockCayley(t), db: filepath.Join(t.TempDir(), "cay.db")}
	if out, err := exec.Command(c.bin, "load", "--db", "bolt", "-a", c.db, "--init", "-i", nq).CombinedOutput(); err != nil {
		t.Fatalf("cayley load %s: %v\n%s", nq, err, out)
	}
	return c
}

// gizmo runs script in stock cayley ('cayley query --lang gizmo', the
// script on stdin, no limit) and returns its results, one per JSON line.
func (c *cayleyStore) gizmo(script string) []interface{} {
	c.t.Helper()
	cmd := exec.Command(c.bin, "query", "--db", "bolt", "-a", c.db, "--lang", "gizmo", "-n", "0")
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		c.t.Fatalf("cayley query: %v\n%s", err, lastLines(stderr.String(), 5))
	}
	return jsonLines(c.t, stdout.String())
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}

// jsonLines decodes one JSON value a line.
func jsonLines(t *testing.T, s string) []interface{} {
	t.Helper()
	out := []interface{}{}
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var v interface{}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		out = append(out, v)
	}
	return out
}

// seedsStore loads the shared seed articles into a new store and returns
// its path, or skips the test when ../shared is absent.
func seedsStore(t *testing.T) string {
	t.Helper()
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s: %v", seeds, err)
	}
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", seeds)
	return db
}

// normalize renders a stock cayley result in the terms of claimgraph's
// JSON, in depth: IRIs "<...>" bare, source and place IRIs as their ids,
// and arrays of strings sorted (the scripts sort IRIs in brackets, claimgraph
// bare ones, so the orders differ where one IRI is a prefix of another).
// claimgraph's results go through it too, for the sort.
func normalize(v interface{}) interface{} {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
			v = v[1 : len(v)-1]
		}
		for _, kind := range []string{"source/", "place/"} {
			if strings.HasPrefix(v, schema.IDNS+kind) {
				return schema.IDFromIRI(v)
			}
		}
		return v
	case []interface{}:
		out := make([]interface{}, len(v))
		strs := true
		for i := range v {
			out[i] = normalize(v[i])
			_, ok := out[i].(string)
			strs = strs && ok
		}
		if strs {
			sort.Slice(out, func(i, j int) bool { return out[i].(string) < out[j].(string) })
		}
		return out
	case map[string]interface{}:
		out := make(map[string]interface{}, len(v))
		for k, e := range v {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}

// TestSavedQueriesInStockCayley: every saved query, printed by 'query
// script NAME' and run as printed (no prelude) in stock cayley on an
// N-Quads export of the seeds, gives what 'query NAME --format jsonl' gives;
// with --claim, --source or --event, 'query script' binds them and the
// answers still agree.
func TestSavedQueriesInStockCayley(t *testing.T) {
	db := seedsStore(t)
	nq := filepath.Join(t.TempDir(), "seeds.nq")
	mustRun(t, "--db", db, "export", "--format", "nquads", "-o", nq)
	cay := loadStockCayley(t, nq)

	// a claim carried by an intermediary, for trace and --claim
	claim := ""
	for _, l := range jsonLines(t, mustRun(t, "--db", db, "claims", "--format", "jsonl")) {
		r := l.(map[string]interface{})
		if via, _ := r["via"].([]interface{}); len(via) > 0 {
			claim = r["id"].(string)
			break
		}
	}
	if claim == "" {
		t.Fatal("no seed claim with an intermediary")
	}
	// the claimgraph fields the scripts leave out: trace's short id
	extra := map[string]bool{"id": true}

	cases := [][]string{
		{"circular"}, {"contradictions"}, {"corroborations"}, {"events"}, {"updates"},
		{"trace", "--claim", claim},
		{"corroborations", "--source", "sohr"},
		{"events", "--claim", claim},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c[0]] = true
	}
	for _, name := range savedQueryNames(t) {
		if !seen[name] {
			t.Errorf("saved query %s is not run in stock Cayley here: add it to the cases", name)
		}
	}
	for _, c := range cases {
		t.Run(strings.Join(c, " "), func(t *testing.T) {
			script := mustRun(t, append([]string{"query", "script"}, c...)...)
			if len(c) == 1 && strings.HasPrefix(script, "var params") {
				t.Fatalf("query script %s starts with a prelude", c[0])
			}
			got := cay.gizmo(script)
			want := jsonLines(t, mustRun(t, append([]string{"--db", db, "query", c[0], "--format", "jsonl"}, c[1:]...)...))
			if len(want) == 0 && c[0] != "updates" { // the seeds hold no update; queries' fixture has one
				t.Fatalf("claimgraph query %s gave nothing: the seeds no longer exercise it", strings.Join(c, " "))
			}
			if len(got) != len(want) {
				t.Fatalf("stock cayley gave %d results, claimgraph %d", len(got), len(want))
			}
			for i := range got {
				g := normalize(got[i]).(map[string]interface{})
				w := normalize(want[i]).(map[string]interface{})
				for k := range w {
					if _, ok := g[k]; !ok && !extra[k] {
						t.Errorf("result %d: stock cayley has no %q", i, k)
					}
				}
				for k := range g {
					if !reflect.DeepEqual(g[k], w[k]) {
						t.Errorf("result %d: %q: stock cayley %v, claimgraph %v", i, k, g[k], w[k])
					}
				}
			}
		})
	}

	// trace as printed has no claim to trace: it runs and emits nothing
	if got := cay.gizmo(mustRun(t, "query", "script", "trace")); len(got) != 0 {
		t.Errorf("trace with no claim gave %d results", len(got))
	}
}

// savedQueryNames lists the saved queries as 'query list' shows them.
func savedQueryNames(t *testing.T) []string {
	var names []string
	for _, l := range jsonLines(t, mustRun(t, "query", "list", "--format", "jsonl")) {
		names = append(names, l.(map[string]interface{})["name"].(string))
	}
	return names
}

// TestNQuadsInStockCayleyAndRDF: the N-Quads export of the seeds, loaded
// into stock cayley and read by rdflib, gives the numeric answers
// claimgraph gives on its own store: figures of 20 and more (integers),
// latitudes above 35.01 (doubles), aggregate claims (booleans). With
// datatypes written "xsd:integer" and booleans "True", stock cayley
// compares strings and rdflib finds no numbers. The rdflib part skips
// when no python3 has rdflib (apt-get install python3-rdflib; .ci/run does).
func TestNQuadsInStockCayleyAndRDF(t *testing.T) {
	db := seedsStore(t)
	nq := filepath.Join(t.TempDir(), "seeds.nq")
	mustRun(t, "--db", db, "export", "--format", "nquads", "-o", nq)
	cay := loadStockCayley(t, nq)

	// each query tags the subject s and, for a number, its value v
	cases := []struct{ name, script string }{
		{"value_gte_20", `g.V().Tag("s").Out("<https://claimgraph.org/ns#value>").Filter(gte(20)).Tag("v").All()`},
		{"lat_gt_35_01", `g.V().Tag("s").Out("<http://schema.org/latitude>").Filter(gt(35.01)).Tag("v").All()`},
		{"aggregate_true", `g.V().Has("<https://claimgraph.org/ns#aggregate>", true).Tag("s").All()`},
	}
	answers := func(rs []interface{}) []string {
		out := []string{}
		for _, r := range rs {
			var s, v interface{}
			switch r := r.(type) {
			case map[string]interface{}: // a Gizmo result
				s, v = r["s"], r["v"]
			case []interface{}: // rdflib's [subject, value]
				s, v = r[0], r[1]
			default: // rdflib's subject
				s = r
			}
			a := fmt.Sprint(normalizeIRI(s))
			if v != nil {
				a += " " + fmt.Sprint(v)
			}
			out = append(out, a)
		}
		sort.Strings(out)
		return out
	}
	want := map[string][]string{}
	for _, c := range cases {
		want[c.name] = answers(jsonLines(t, mustRun(t, "--db", db, "gizmo", "-e", c.script)))
		if len(want[c.name]) == 0 {
			t.Fatalf("claimgraph: %s: no results on the seeds", c.name)
		}
		if got := answers(cay.gizmo(c.script)); !reflect.DeepEqual(got, want[c.name]) {
			t.Errorf("stock cayley: %s: %d results %v\nclaimgraph: %d results %v", c.name, len(got), got, len(want[c.name]), want[c.name])
		}
	}

	t.Run("rdflib", func(t *testing.T) {
		py := pythonWith(t, "rdflib", "python3-rdflib")
		cmd := exec.Command(py, filepath.Join("testdata", "read_rdf.py"), nq)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("read_rdf.py: %v\n%s", err, stderr.String())
		}
		var got map[string][]interface{}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("read_rdf.py printed %q: %v", out, err)
		}
		if len(got["ill_typed"]) > 0 {
			t.Errorf("rdflib found %d ill-typed literals, e.g. %v", len(got["ill_typed"]), got["ill_typed"][0])
		}
		for _, c := range cases {
			if a := answers(got[c.name]); !reflect.DeepEqual(a, want[c.name]) {
				t.Errorf("rdflib: %s: %d results %v\nclaimgraph: %d results %v", c.name, len(a), a, len(want[c.name]), want[c.name])
			}
		}
	})
}

// normalizeIRI strips the angle brackets of an "<IRI>" string.
func normalizeIRI(v interface{}) interface{} {
	if s, ok := v.(string); ok && strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		return s[1 : len(s)-1]
	}
	return v
}

// pythonWith returns a python3 that can import module, or skips the test
// saying which Debian package to install.
func pythonWith(t *testing.T, module, pkg string) string {
	t.Helper()
	var cands []string
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	cands = append(cands, "/usr/bin/python3")
	for _, p := range cands {
		if exec.Command(p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	t.Skipf("no python3 with %s: install %s (apt-get install %s; .ci/run does)", module, pkg, pkg)
	return ""
}
