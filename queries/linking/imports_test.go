package linking

import (
	"testing"

	"github.com/claimgraph/claimgraph/internal/importcheck"
)

// TestImports keeps the linker a pure function of the articles: of the
// project's packages it imports schema only, never the store.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"."},
		"github.com/claimgraph/claimgraph/graph",
		"github.com/claimgraph/claimgraph/loaders",
		"github.com/claimgraph/claimgraph/server",
		"github.com/claimgraph/claimgraph/cmd",
		"github.com/cayleygraph/cayley")
}
