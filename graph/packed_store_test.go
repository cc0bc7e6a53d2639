package graph_test

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// TestLegacySubjectIndex: articles a store kept with the subject index
// (before the packed index) read as before, alone and with packed ones; a
// Writer replacing one leaves its new quads and one packed quad, the index
// quads gone; removing one leaves the store as if it had never held it.
func TestLegacySubjectIndex(t *testing.T) {
	for _, b := range []struct {
		name string
		open graphtest.OpenFunc
	}{{"bolt", openBolt}, {"memstore", openMem}, {"postgres", openPostgres}} {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			legacy := []int{1, 2, 3}
			for _, n := range legacy {
				if err := graph.WriteLegacy(ctx, s, graphtest.ArticleIRI(n), graphtest.Article(n, "v1", 3)); err != nil {
					t.Fatal(err)
				}
			}
			writeArticles(t, s, graphtest.Article(4, "v1", 2), graphtest.Article(5, "v1", 2))
			iris := []string{graphtest.ArticleIRI(1), graphtest.ArticleIRI(4), graphtest.ArticleIRI(2), graphtest.ArticleIRI(5), graphtest.ArticleIRI(3)}
			many, err := s.ArticlesQuads(ctx, iris)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []int{1, 2, 3, 4, 5} {
				want := graphtest.Article(n, "v1", map[bool]int{true: 3, false: 2}[n <= 3])
				one, err := s.ArticleQuads(ctx, graphtest.ArticleIRI(n))
				if err != nil {
					t.Fatal(err)
				}
				if g, w := nq(one), nq(want); g != w {
					t.Errorf("ArticleQuads(%d):\n got %s\nwant %s", n, g, w)
				}
				if g, w := nq(many[graphtest.ArticleIRI(n)]), nq(want); g != w {
					t.Errorf("ArticlesQuads, article %d:\n got %s\nwant %s", n, g, w)
				}
			}

			// replace legacy article 1, remove legacy article 2
			w := s.NewWriter(ctx, graph.WriterOptions{})
			v2 := graphtest.Article(1, "v2", 1)
			if _, err := w.WriteQuads(v2); err != nil {
				t.Fatal(err)
			}
			if err := w.Remove(graphtest.ArticleIRI(2)); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := s.ArticleQuads(ctx, graphtest.ArticleIRI(1))
			if err != nil || nq(got) != nq(v2) {
				t.Errorf("replaced legacy article: %v\n got %s\nwant %s", err, nq(got), nq(v2))
			}
			fresh := b.open(t)
			writeArticles(t, fresh, v2, graphtest.Article(4, "v1", 2), graphtest.Article(5, "v1", 2))
			if err := graph.WriteLegacy(ctx, fresh, graphtest.ArticleIRI(3), graphtest.Article(3, "v1", 3)); err != nil {
				t.Fatal(err)
			}
			if g, w := statsOf(t, s), statsOf(t, fresh); g != w {
				t.Errorf("Stats after replace and remove = %+v, want %+v (a store written so)", g, w)
			}
			idx, err := s.Out(ctx, quad.IRI(graphtest.ArticleIRI(1)), schema.Subject)
			if err != nil || len(idx) != 0 {
				t.Errorf("replaced legacy article keeps %d subject-index quads (%v)", len(idx), err)
			}
		})
	}
}

func writeArticles(t *testing.T, s *graph.Store, articles ...[]quad.Quad) {
	t.Helper()
	w := s.NewWriter(context.Background(), graph.WriterOptions{})
	for _, a := range articles {
		if _, err := w.WriteQuads(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func statsOf(t *testing.T, s *graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func nq(qs []quad.Quad) string {
	var out string
	for _, q := range qs {
		out += q.NQuad() + "\n"
	}
	return out
}
