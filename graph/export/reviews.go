package export

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
)

// reviewQuads returns the quads of the fact-checkers' reviews
// (graph.Store.Reviews, 'claimgraph review') of what the export holds, each
// labelled with its review: every review when the whole store is exported,
// otherwise those whose item (a claim or an event) is among the walked
// articles' nodes or the exported linking quads ls. Call it after walk.
func reviewQuads(ctx context.Context, s *graph.Store, sel *selection, ls []quad.Quad) ([]quad.Quad, error) {
	rs, err := s.Reviews(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: reviews: %w", err)
	}
	linked := map[string]bool{}
	for _, q := range ls {
		linked[iriString(q.Subject)] = true
	}
	var out []quad.Quad
	for i := range rs {
		t := rs[i].Target
		if sel.all || sel.selected[t] || sel.kept[t] || linked[t] {
			out = append(out, rs[i].Quads()...)
		}
	}
	return out, nil
}
