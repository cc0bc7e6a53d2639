package graph_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// partSize is the batch size the tests below write labels in parts at:
// the articles they write have 57 to 105 quads.
const partSize = 10

// TestWriteParts: a label written in parts (WriterOptions.Parts, more
// deltas than a batch) leaves the store as one transaction does, added or
// replaced, between labels written as usual, and is reported once, in
// order.
func TestWriteParts(t *testing.T) {
	ctx := context.Background()
	v1, v2 := graphtest.Article(1, "v1", 6), graphtest.Article(1, "v2", 4)
	other := graphtest.Article(2, "v1", 2)
	want := openBolt(t)
	writeArticles(t, want, v1, other)
	writeArticles(t, want, v2)

	got := openBolt(t)
	var results []string
	w := got.NewWriter(ctx, graph.WriterOptions{BatchSize: partSize, Parts: true, OnArticle: func(r graph.ArticleResult) {
		results = append(results, r.IRI+" "+r.Outcome.String())
	}})
	for _, qs := range [][]quad.Quad{v1, other, v2} {
		if _, err := w.WriteQuads(qs); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	a1, a2 := graphtest.ArticleIRI(1), graphtest.ArticleIRI(2)
	if g, wnt := strings.Join(results, ", "), a1+" added, "+a2+" added, "+a1+" replaced"; g != wnt {
		t.Errorf("results %s, want %s", g, wnt)
	}
	if g, wnt := allStored(t, got), allStored(t, want); g != wnt {
		t.Errorf("written in parts, the store holds\n%s\nwritten whole\n%s", g, wnt)
	}
}

// TestWritePartsCutShort: after a write in parts cut short at any of its
// transactions, the label reads as what the store holds of it (no more
// than its old and new quads), and writing it again, whole or in parts,
// with the quads cut short or others, or removing it, leaves the store as
// if the cut had never been: its content hash, though perhaps already
// stored, does not make the write look unchanged.
func TestWritePartsCutShort(t *testing.T) {
	ctx := context.Background()
	a1 := graphtest.ArticleIRI(1)
	v1, v2, v3 := graphtest.Article(1, "v1", 6), graphtest.Article(1, "v2", 4), graphtest.Article(1, "v3", 5)
	other := graphtest.Article(2, "v1", 2)
	stores := map[string]string{}
	for name, qs := range map[string][][]quad.Quad{"v1": {other, v1}, "v2": {other, v2}, "v3": {other, v3}, "none": {other}} {
		s := openBolt(t)
		writeArticles(t, s, qs...)
		stores[name] = allStored(t, s)
	}
	cut := func(t *testing.T, k int) *graph.Store {
		t.Helper()
		s := openBolt(t)
		writeArticles(t, s, other, v1)
		if _, err := graph.CutShort(ctx, s, v2, partSize, k); err != nil {
			t.Fatal(err)
		}
		return s
	}
	n, err := graph.CutShort(ctx, openBolt(t), v2, partSize, 0)
	if err != nil || n < 4 {
		t.Fatalf("a write of %d quads in parts of %d takes %d transactions (%v)", len(v2), partSize, n, err)
	}
	for k := 1; k < n; k++ {
		s := cut(t, k)
		held, err := s.ArticleQuads(ctx, a1)
		if err != nil {
			t.Fatal(err)
		}
		either := map[string]bool{}
		for _, q := range append(append([]quad.Quad(nil), v1...), v2...) {
			either[q.NQuad()] = true
		}
		for _, q := range held {
			if !either[q.NQuad()] {
				t.Errorf("cut after %d of %d: reads %s, neither version's", k, n, q.NQuad())
			}
		}
		for _, c := range []struct {
			name, want string
			write      func(t *testing.T, s *graph.Store)
		}{
			{"again", "v2", func(t *testing.T, s *graph.Store) { writeArticles(t, s, v2) }},
			{"again in parts", "v2", func(t *testing.T, s *graph.Store) { writeParts(t, s, v2) }},
			{"back", "v1", func(t *testing.T, s *graph.Store) { writeArticles(t, s, v1) }},
			{"cut again, then v3", "v3", func(t *testing.T, s *graph.Store) {
				if _, err := graph.CutShort(ctx, s, v3, partSize, k); err != nil {
					t.Fatal(err)
				}
				writeParts(t, s, v3)
			}},
			{"removed", "none", func(t *testing.T, s *graph.Store) {
				w := s.NewWriter(ctx, graph.WriterOptions{})
				if err := w.Remove(a1); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			}},
		} {
			s := cut(t, k)
			c.write(t, s)
			if got := allStored(t, s); got != stores[c.want] {
				t.Errorf("cut after %d of %d, %s: the store holds\n%s\nwant %s's\n%s", k, n, c.name, got, c.want, stores[c.want])
			}
		}
	}
}

// writeParts writes qs with a Writer that writes labels in parts.
func writeParts(t *testing.T, s *graph.Store, qs []quad.Quad) {
	t.Helper()
	w := s.NewWriter(context.Background(), graph.WriterOptions{BatchSize: partSize, Parts: true})
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// allStored returns every quad Cayley holds, index quads included, as
// sorted N-Quads.
func allStored(t *testing.T, s *graph.Store) string {
	t.Helper()
	ctx := context.Background()
	qs := s.QuadStore()
	it := qs.QuadsAllIterator()
	var lines []string
	for it.Next(ctx) {
		lines = append(lines, qs.Quad(it.Result()).NQuad())
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
