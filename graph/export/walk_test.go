package export

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// linkedStore writes six synthetic articles and a linking output into s:
// the head, and a component with its bookkeeping (quads whose subject is
// the component), a contradiction, corroborates quads between claims of
// different articles and one to a claim no article holds.
func linkedStore(t *testing.T, s *graph.Store) {
	t.Helper()
	ctx := context.Background()
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for n := 1; n <= 6; n++ {
		if _, err := w.WriteQuads(graphtest.Article(n, "v1", 3)); err != nil {
			t.Fatal(err)
		}
	}
	claim := func(n, i int) quad.IRI { return quad.IRI(schema.ClaimIRI(graphtest.ArticleIRI(n), i)) }
	head, comp := quad.IRI(schema.LinkingIRI), quad.IRI(schema.LinkComponentIRI([]string{graphtest.ArticleIRI(1), graphtest.ArticleIRI(2)}))
	contra := quad.IRI(schema.RelationIRI("contradiction", []string{string(claim(1, 1)), string(claim(2, 1))}))
	t2 := func(s quad.Value, p string, o quad.Value, l quad.IRI) quad.Quad {
		return quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: l}
	}
	for _, qs := range [][]quad.Quad{
		{t2(head, schema.Type, quad.IRI(schema.ClassLinking), head), t2(head, schema.ContentHash, quad.String("h"), head)},
		{
			t2(comp, schema.Type, quad.IRI(schema.ClassLinkComponent), comp),
			t2(comp, schema.Member, quad.IRI(graphtest.ArticleIRI(1)), comp),
			t2(contra, schema.Type, quad.IRI(schema.ClassContradiction), comp),
			t2(contra, schema.ClaimA, claim(1, 1), comp),
			t2(contra, schema.ClaimB, claim(2, 1), comp),
			t2(claim(1, 1), schema.Contradicts, claim(2, 1), comp),
			t2(claim(1, 2), schema.Corroborates, claim(3, 2), comp),
			t2(claim(1, 3), schema.Corroborates, claim(9, 9), comp),
		},
	} {
		if _, err := w.WriteQuads(qs); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWholeStoreLinks: an export of the whole store takes the
// corroborates/contradicts quads from the articles and the linking output
// it reads anyway; a filtered one reads them claim by claim. Given every
// claim, both give the same quads.
func TestWholeStoreLinks(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"bolt", "mem"} {
		var s *graph.Store
		if backend == "mem" {
			s = graphtest.Mem(t)
		} else {
			var err error
			if s, err = graph.Open(ctx, filepath.Join(t.TempDir(), "g.db")); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
		}
		linkedStore(t, s)
		sel, err := selectArticles(ctx, s, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		claims, err := sel.walk(ctx, s, func(*part) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		lq, err := s.LinkingQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := links(ctx, s, sel, claims, lq)
		if err != nil {
			t.Fatal(err)
		}
		byClaim, err := links(ctx, s, &selection{}, claims, lq)
		if err != nil {
			t.Fatal(err)
		}
		if len(whole) == 0 || !sel.all {
			t.Fatalf("%s: %d links of the whole store (all %v): the test reads nothing", backend, len(whole), sel.all)
		}
		if g, w := nquadsOf(whole), nquadsOf(byClaim); g != w {
			t.Errorf("%s: by predicate\n%s\nclaim by claim\n%s", backend, g, w)
		}
	}
}

func nquadsOf(qs []quad.Quad) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.NQuad() + "\n")
	}
	return b.String()
}
