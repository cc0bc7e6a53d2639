package queries

import (
	"testing"

	"github.com/claimgraph/claimgraph/internal/importcheck"
)

// TestImports keeps imports flowing one way: queries never depends on loaders or cmd.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"."}, "github.com/claimgraph/claimgraph/loaders", "github.com/claimgraph/claimgraph/cmd")
}
