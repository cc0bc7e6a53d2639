package queries

import (
	"context"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// TestOverShare: the relink's choice of a full link, at the boundary, from
// a count of the store's articles that stops once it answers.
func TestOverShare(t *testing.T) {
	ctx := context.Background()
	s := graphtest.Mem(t)
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for n := 1; n <= 4; n++ {
		if _, err := w.WriteQuads(graphtest.Article(n, "v1", 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		n     int
		share float64
		over  bool
	}{
		{2, 0.5, false}, // half of 4 is not more than half
		{3, 0.5, true},
		{1, 0.25, false},
		{1, 0.2, true},
		{4, 0.99, true},
		{5, 0.5, true}, // more than the store holds (deleted articles among them)
	} {
		over, err := overShare(ctx, s, c.n, c.share)
		if err != nil || over != c.over {
			t.Errorf("overShare(%d of 4, %g) = %v, %v; want %v", c.n, c.share, over, err, c.over)
		}
	}
}
