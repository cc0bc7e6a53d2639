package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// partSize is the batch size the tests below write labels in parts at:
// the labels they write have 63 to 111 quads.
const partSize = 10

// keyedLabel returns synthetic article n, version v, with the given number
// of claims, and link keys from first to last (schema.LinkKeyOf, which bolt
// keeps in a bucket of their own): a label with quads in Cayley and in the
// bucket, as a linking component has.
func keyedLabel(n int, v string, claims, first, last int) []quad.Quad {
	qs := graphtest.Article(n, v, claims)
	label := quad.IRI(graphtest.ArticleIRI(n))
	for k := first; k <= last; k++ {
		key := quad.IRI(schema.LinkKeyIRI(fmt.Sprintf("a:%d|%d", n, k)))
		qs = append(qs, quad.Quad{Subject: key, Predicate: quad.IRI(schema.LinkKeyOf), Object: label, Label: label})
	}
	schema.SortQuads(qs)
	return qs
}

// TestWriteParts: a label written in parts (WriterOptions.Parts, more
// deltas than a batch) leaves the store as one transaction does, added,
// replaced or removed, between labels written as usual, and is reported
// once, in order.
func TestWriteParts(t *testing.T) {
	ctx := context.Background()
	v1, v2 := keyedLabel(1, "v1", 6, 1, 6), keyedLabel(1, "v2", 4, 4, 9)
	other := graphtest.Article(2, "v1", 2)
	a1, a2 := graphtest.ArticleIRI(1), graphtest.ArticleIRI(2)
	want := openBolt(t)
	writeArticles(t, want, v1, other)
	writeArticles(t, want, v2)
	none := openBolt(t)
	writeArticles(t, none, other)

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
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if g, wnt := allStored(t, got), allStored(t, want); g != wnt {
		t.Errorf("written in parts, the store holds\n%s\nwritten whole\n%s", g, wnt)
	}
	if err := w.Remove(a1); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if g, wnt := strings.Join(results, ", "), a1+" added, "+a2+" added, "+a1+" replaced, "+a1+" removed"; g != wnt {
		t.Errorf("results %s, want %s", g, wnt)
	}
	if g, wnt := allStored(t, got), allStored(t, none); g != wnt {
		t.Errorf("removed in parts, the store holds\n%s\nwant\n%s", g, wnt)
	}
}

// TestWritePartsCutShort: after a write or a removal in parts cut short
// at any of its transactions, the label reads as what the store holds of
// it (no more than its old and new quads); a new label is typed from the
// first transaction on; and writing it again, whole or in parts, with the
// quads cut short or others, or removing it (in parts or not), leaves the
// store, link keys included, as if the cut had never been: its content
// hash, though perhaps already stored, does not make the write look
// unchanged.
func TestWritePartsCutShort(t *testing.T) {
	ctx := context.Background()
	a1 := graphtest.ArticleIRI(1)
	v1, v2, v3 := keyedLabel(1, "v1", 6, 1, 6), keyedLabel(1, "v2", 4, 4, 9), keyedLabel(1, "v3", 5, 2, 3)
	other := graphtest.Article(2, "v1", 2)
	stores := map[string]string{}
	for name, qs := range map[string][][]quad.Quad{"v1": {other, v1}, "v2": {other, v2}, "v3": {other, v3}, "none": {other}} {
		s := openBolt(t)
		writeArticles(t, s, qs...)
		stores[name] = allStored(t, s)
	}
	remove := func(parts bool) func(t *testing.T, s *graph.Store) {
		return func(t *testing.T, s *graph.Store) {
			w := s.NewWriter(ctx, graph.WriterOptions{BatchSize: partSize, Parts: parts})
			if err := w.Remove(a1); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, cut := range []struct {
		name     string
		from, to [][]quad.Quad // the store before; the label's quads written (nil: removed)
	}{
		{"v1 to v2", [][]quad.Quad{other, v1}, [][]quad.Quad{v2}},
		{"v2 added", [][]quad.Quad{other}, [][]quad.Quad{v2}},
		{"v1 removed", [][]quad.Quad{other, v1}, nil},
	} {
		var to []quad.Quad
		if cut.to != nil {
			to = cut.to[0]
		}
		cutAt := func(t *testing.T, k int) *graph.Store {
			t.Helper()
			s := openBolt(t)
			writeArticles(t, s, cut.from...)
			if _, err := graph.CutShort(ctx, s, a1, to, partSize, k); err != nil {
				t.Fatal(err)
			}
			return s
		}
		n, err := graph.CutShort(ctx, cutAt(t, 0), a1, to, partSize, 0)
		if err != nil || n < 4 {
			t.Fatalf("%s: in parts of %d, %d transactions (%v)", cut.name, partSize, n, err)
		}
		either := map[string]bool{}
		for _, q := range append(slices.Concat(cut.from...), to...) {
			either[q.NQuad()] = true
		}
		for k := 1; k < n; k++ {
			s := cutAt(t, k)
			held, err := s.ArticleQuads(ctx, a1)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range held {
				if !either[q.NQuad()] {
					t.Errorf("%s, cut after %d of %d: reads %s, neither version's", cut.name, k, n, q.NQuad())
				}
			}
			if typed, err := s.In(ctx, quad.IRI(schema.ClassArticle), schema.Type); err != nil || !slices.Contains(typed, quad.Value(quad.IRI(a1))) && to != nil {
				t.Errorf("%s, cut after %d of %d: the label is not typed (%v)", cut.name, k, n, err)
			}
			for _, c := range []struct {
				name, want string
				write      func(t *testing.T, s *graph.Store)
			}{
				{"v2", "v2", func(t *testing.T, s *graph.Store) { writeArticles(t, s, v2) }},
				{"v2 in parts", "v2", func(t *testing.T, s *graph.Store) { writeParts(t, s, v2) }},
				{"v1", "v1", func(t *testing.T, s *graph.Store) { writeArticles(t, s, v1) }},
				{"cut again, then v3", "v3", func(t *testing.T, s *graph.Store) {
					if _, err := graph.CutShort(ctx, s, a1, v3, partSize, k); err != nil {
						t.Fatal(err)
					}
					writeParts(t, s, v3)
				}},
				{"removed", "none", remove(false)},
				{"removed in parts", "none", remove(true)},
			} {
				s := cutAt(t, k)
				c.write(t, s)
				if got := allStored(t, s); got != stores[c.want] {
					t.Errorf("%s, cut after %d of %d, then %s: the store holds\n%s\nwant %s's\n%s", cut.name, k, n, c.name, got, c.want, stores[c.want])
				}
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
// sorted N-Quads, then the link keys' bucket.
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
	keys, err := graph.LinkKeys(s)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n") + "\n-- link keys\n" + strings.Join(keys, "\n")
}
