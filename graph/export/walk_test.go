package export

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
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

// TestWholeStoreOnePass checks that an export of the whole store read in
// one pass (readStore) writes what reading it article by article in
// batches writes, in every format that walks the articles.
func TestWholeStoreOnePass(t *testing.T) {
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
		for _, f := range []Format{NQuads, JSONLD, GraphML, CSV} {
			out := func(batched bool) []byte {
				sel, err := selectArticles(ctx, s, Filter{})
				if err != nil {
					t.Fatal(err)
				}
				sel.batched = batched
				var b bytes.Buffer
				switch f {
				case NQuads:
					err = writeNQuads(ctx, s, &b, sel)
				case JSONLD:
					err = writeJSONLD(ctx, s, &b, sel)
				case CSV:
					err = writeCSV(ctx, s, &b, sel, CSVOptions{})
				default:
					var g *Graph
					if g, err = build(ctx, s, sel); err == nil {
						err = writeGraph(&b, f, g)
					}
				}
				if err != nil {
					t.Fatalf("%s %s batched=%v: %v", backend, f, batched, err)
				}
				if !batched && sel.whole == nil {
					t.Fatalf("%s %s: the whole store was not read in one pass", backend, f)
				}
				return b.Bytes()
			}
			pass, batches := out(false), out(true)
			if !bytes.Equal(pass, batches) {
				t.Errorf("%s %s: one pass wrote\n%s\nbatches wrote\n%s", backend, f, pass, batches)
			}
			if f == NQuads && !bytes.Contains(pass, []byte(fmt.Sprintf("<%s> <%s>", schema.ClaimIRI(graphtest.ArticleIRI(1), 2), schema.Corroborates))) {
				t.Errorf("%s: no corroborates quad in\n%s", backend, pass)
			}
		}
	}
}
