package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

func seedFiles(t testing.TB) []string {
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if len(files) != 5 {
		t.Skipf("the five seed articles are not at %s", seeds)
	}
	sort.Strings(files)
	return files
}

// linkingNQuads returns the linking output of s as N-Quads: the head and
// every component, their index keys and members included.
func linkingNQuads(t testing.TB, s *graph.Store) string {
	ctx := context.Background()
	labels, err := s.In(ctx, quad.IRI(schema.ClassLinkComponent), schema.Type)
	if err != nil {
		t.Fatal(err)
	}
	var all []quad.Quad
	for _, l := range append([]quad.Value{quad.IRI(schema.LinkingIRI)}, labels...) {
		qs, err := s.ArticleQuads(ctx, string(l.(quad.IRI)))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, qs...)
	}
	schema.SortQuads(all)
	var b strings.Builder
	for _, q := range all {
		b.WriteString(q.NQuad())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestLinkSeedPermutations loads the five seeds one file at a time in all
// 120 orders ('load' links after each) and wants identical linking output.
func TestLinkSeedPermutations(t *testing.T) {
	files := seedFiles(t)
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := context.Background()
	want := ""
	n := 0
	var perm func(k int)
	perm = func(k int) {
		if k == len(files) {
			s, err := graph.Open(ctx, "mem:")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, f := range files {
				if err := runLoad(ctx, s, loadOptions{Paths: []string{f}, Format: "json", Stdout: io.Discard, Stderr: io.Discard}); err != nil {
					t.Fatal(err)
				}
			}
			got := linkingNQuads(t, s)
			n++
			if want == "" {
				want = got
			} else if got != want {
				t.Fatalf("order %v: linking output differs", files)
			}
			return
		}
		for i := k; i < len(files); i++ {
			files[k], files[i] = files[i], files[k]
			perm(k + 1)
			files[k], files[i] = files[i], files[k]
		}
	}
	perm(0)
	if n != 120 || !strings.Contains(want, schema.ClassContradiction) {
		t.Errorf("%d orders; contradictions found: %v", n, strings.Contains(want, schema.ClassContradiction))
	}
}

// TestQueryContracts checks the JSON Lines contracts of 'query' and 'events' on the seeds.
func TestQueryContracts(t *testing.T) {
	files := seedFiles(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", filepath.Dir(files[0]))
	for name, keys := range map[string][]string{
		"contradictions": {"a", "b", "event", "metric", "kind", "why"},
		"corroborations": {"claims", "event", "metric", "independent_origins", "why"},
		"circular":       {"claims", "event", "origin", "outlets", "independent_origins", "why"},
	} {
		out := mustRun(t, "--db", db, "query", name, "--format", "jsonl")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if out == "" {
			t.Errorf("query %s: nothing", name)
			continue
		}
		for _, l := range lines {
			var m map[string]interface{}
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("query %s: %q: %v", name, l, err)
			}
			for _, k := range keys {
				if _, ok := m[k]; !ok {
					t.Errorf("query %s: no %q in %s", name, k, l)
				}
			}
		}
	}
	out := mustRun(t, "--db", db, "events", "--format", "jsonl")
	var ev rows.Event
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev); err != nil || len(ev.Claims) == 0 {
		t.Errorf("events: %v %+v", err, ev)
	}
	claim := schema.ClaimIRI(schema.ArticleIRI(filepath.Base(files[1])), 3)
	out = mustRun(t, "--db", db, "query", "trace", "--claim", claim, "--format", "jsonl")
	if !strings.HasPrefix(out, `{"order":1,"role":"article"`) {
		t.Errorf("trace: %s", out)
	}
	out = mustRun(t, "--db", db, "gizmo", "-e", `g.Emit(contradictions().length > 0)`)
	if strings.TrimSpace(out) != "true" {
		t.Errorf("gizmo library: %s", out)
	}
	// a saved query's script is whole: its function, its main part and the shared helpers
	script := mustRun(t, "query", "script", "contradictions")
	for _, want := range []string{"function contradictions(", "// main\n", "function _cgRelations("} {
		if !strings.Contains(script, want) {
			t.Errorf("query script contradictions: no %q in\n%s", want, script)
		}
	}
	if _, _, err := run(t, "query", "script", "nope"); err == nil {
		t.Error("query script nope: no error")
	}
	if _, _, err := run(t, "--db", db, "query", "nope"); err == nil {
		t.Error("query nope: no error")
	}
}

// corpusStore loads ../shared/corpus/fakes_dev.jsonl into a bolt store once.
func corpusStore(b *testing.B) *graph.Store {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "fakes_dev.jsonl")
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("corpus not found at %s", corpus)
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, filepath.Join(b.TempDir(), "g.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := runLoad(ctx, s, loadOptions{Paths: []string{corpus}, Format: "json", Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkQueryContradictionsCorpus: 'query contradictions' on the
// 383-article corpus, bolt (target < 2 s).
func BenchmarkQueryContradictionsCorpus(b *testing.B) {
	s := corpusStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := runQuery(context.Background(), s, &buf, queryOptions{Name: "contradictions", Format: "jsonl"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryOneEventCorpus: contradictions and corroborations of one
// event on the corpus, bolt (target < 10 ms).
func BenchmarkQueryOneEventCorpus(b *testing.B) {
	s := corpusStore(b)
	ctx := context.Background()
	cs, err := queries.Contradictions(ctx, s, queries.Filter{})
	if err != nil || len(cs) == 0 {
		b.Fatalf("no contradictions: %v", err)
	}
	ev := cs[len(cs)/2].Event
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := queries.Contradictions(ctx, s, queries.Filter{Event: ev}); err != nil {
			b.Fatal(err)
		}
		if _, err := queries.Corroborations(ctx, s, queries.Filter{Event: ev}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinkCorpus: a full relink of the corpus, bolt, the linking output unchanged.
func BenchmarkLinkCorpus(b *testing.B) {
	s := corpusStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := queries.Link(context.Background(), s, queries.LinkOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinkQuads1k and BenchmarkLinkQuads10k time the linker alone
// (linking.Quads, no store) on 1,000 and 10,000 articles synthesized from
// the corpus: each copy of the 383 articles gets its own ids and its dates
// moved by eight years per copy (the corpus spans seven), so that the copies
// are new incidents, the linker does real work on each, and an archive ten
// times larger covers ten times the years, as a growing archive does. The ratio of the two says how the linker
// grows with the archive (blocking keeps it near-linear).
func BenchmarkLinkQuads1k(b *testing.B)  { benchmarkLinkQuads(b, 1000) }
func BenchmarkLinkQuads10k(b *testing.B) { benchmarkLinkQuads(b, 10000) }

func benchmarkLinkQuads(b *testing.B, n int) {
	s := corpusStore(b)
	base, err := queries.ReadArticles(context.Background(), s)
	if err != nil {
		b.Fatal(err)
	}
	docs := synthesize(base, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		queries.LinkQuads(docs, queries.LinkOptions{})
	}
}

// synthesize returns n articles: copies of base with new ids and every date
// moved by eight years per copy.
func synthesize(base []*schema.Article, n int) []*schema.Article {
	shift := func(d string, years int) string {
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if t, err := time.Parse(layout, d); err == nil {
				return t.AddDate(years, 0, 0).Format(layout)
			}
		}
		return d
	}
	var out []*schema.Article
	for k := 0; len(out) < n; k++ {
		for _, d := range base {
			if len(out) == n {
				break
			}
			c := *d
			c.ID = fmt.Sprintf("%s-%d", d.ID, k)
			c.IRI = schema.ArticleIRI(c.ID)
			c.Published = shift(d.Published, 8*k)
			c.Claims = append([]schema.Claim(nil), d.Claims...)
			for i := range c.Claims {
				ev := &c.Claims[i].Event
				ev.Start, ev.End = shift(ev.Start, 8*k), shift(ev.End, 8*k)
			}
			out = append(out, &c)
		}
	}
	return out
}
