package graph_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// TestInReadsIndexPrefix checks that a bolt store reads a node's incoming
// edges of one predicate (In, InNodes) from the object-predicate prefix of
// its index, not from every quad of the node, which Cayley's optimiser
// falls back to for a prefix of an index; and that both give the same
// values.
func TestInReadsIndexPrefix(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for n := 0; n < 60; n++ {
		if _, err := w.WriteQuads(graphtest.Article(n, "v1", 3)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	src := quad.IRI(schema.SourceIRI("src-7"))
	for _, c := range []struct {
		d1, d2 quad.Direction
		v1, v2 quad.Value
	}{
		{quad.Object, quad.Predicate, src, quad.IRI(schema.Cites)},
		{quad.Predicate, quad.Object, quad.IRI(schema.Cites), src},
		{quad.Subject, quad.Predicate, src, quad.IRI(schema.Name)},
	} {
		if !graph.PairIndexed(s, c.d1, c.v1, c.d2, c.v2) {
			t.Errorf("%v %v, %v %v: read from every quad of the first, not from an index prefix", c.d1, c.v1, c.d2, c.v2)
		}
	}
	got, err := s.In(ctx, src, schema.Cites)
	if err != nil {
		t.Fatal(err)
	}
	// every article n with (n+i)%50 == 7 for a claim i in 1..3
	var want []quad.Value
	for n := 0; n < 60; n++ {
		for i := 1; i <= 3; i++ {
			if (n+i)%50 == 7 {
				want = append(want, quad.IRI(graphtest.ArticleIRI(n)))
				break
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("In(src-7, cites) = %v, want %v", got, want)
	}
}
