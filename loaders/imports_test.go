package loaders

import (
	"testing"

	"github.com/claimgraph/claimgraph/internal/importcheck"
)

// TestImports keeps the import direction: schema and loaders need only
// cayleygraph/quad, never Cayley itself, graph, queries or cmd.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"github.com/claimgraph/claimgraph/loaders/...", "github.com/claimgraph/claimgraph/schema"},
		"github.com/cayleygraph/cayley", "github.com/claimgraph/claimgraph/graph", "github.com/claimgraph/claimgraph/queries", "github.com/claimgraph/claimgraph/cmd", "github.com/claimgraph/claimgraph/server")
}
