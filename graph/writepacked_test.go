package graph_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// TestWritePacked: quads handed to a Writer packed are stored as
// WriteQuads stores them, their packed quad's object the same, whether
// they come in the article index's order (then stored as given) or not,
// with a repeat, of one label or two; a value that does not unpack is an
// error, takes nothing, and the Writer goes on.
func TestWritePacked(t *testing.T) {
	ctx := context.Background()
	a1, a2 := graphtest.Article(1, "v1", 3), graphtest.Article(2, "v1", 2)
	sorted := slices.Clone(a1)
	schema.SortQuads(sorted)
	reversed := slices.Clone(sorted)
	slices.Reverse(reversed)
	cases := []struct {
		name string
		qs   []quad.Quad
	}{
		{"in order", sorted},
		{"reversed", reversed},
		{"a repeat", append(slices.Clone(sorted), sorted[0])},
		{"two labels", append(slices.Clone(a1), a2...)},
	}
	for _, b := range []struct {
		name string
		open graphtest.OpenFunc
	}{{"bolt", openBolt}, {"memstore", openMem}, {"postgres", openPostgres}} {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range cases {
				want, got := b.open(t), b.open(t)
				writeArticles(t, want, c.qs)
				z, err := graph.PackQuads(slices.Clone(c.qs))
				if err != nil {
					t.Fatal(err)
				}
				w := got.NewWriter(ctx, graph.WriterOptions{})
				if n, err := w.WritePacked([]byte("not packed")); err == nil || n != 0 {
					t.Errorf("%s: WritePacked of a value that does not unpack: %d quads, %v", c.name, n, err)
				}
				if n, err := w.WritePacked(z); err != nil || n != len(c.qs) {
					t.Fatalf("%s: WritePacked: %d quads of %d, %v", c.name, n, len(c.qs), err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if g, wnt := statsOf(t, got), statsOf(t, want); g != wnt {
					t.Errorf("%s: stats %+v, WriteQuads gives %+v", c.name, g, wnt)
				}
				for _, iri := range []string{graphtest.ArticleIRI(1), graphtest.ArticleIRI(2)} {
					if g, wnt := storedQuads(t, got, iri), storedQuads(t, want, iri); g != wnt {
						t.Errorf("%s: %s stored\n%s\nWriteQuads stores\n%s", c.name, iri, g, wnt)
					}
				}
			}
		})
	}
}

// storedQuads returns, as N-Quads, the article iri's quads and every quad
// Cayley holds with iri as subject (its packed quad among them), read from
// Cayley's own index so that the packed value is compared as stored.
func storedQuads(t *testing.T, s *graph.Store, iri string) string {
	t.Helper()
	ctx := context.Background()
	qs := s.QuadStore()
	var own []quad.Quad
	if ref := qs.ValueOf(quad.IRI(iri)); ref != nil {
		it := qs.QuadIterator(quad.Subject, ref)
		for it.Next(ctx) {
			own = append(own, qs.Quad(it.Result()))
		}
		if err := it.Close(); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.ArticleQuads(ctx, iri)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		t.Fatal(err)
	}
	schema.SortQuads(own)
	schema.SortQuads(all)
	return nq(own) + "--\n" + nq(all)
}
