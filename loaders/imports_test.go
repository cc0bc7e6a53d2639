package loaders

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the import direction: schema and loaders need only
// cayleygraph/quad, never Cayley itself, graph, queries or cmd.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/claimgraph/claimgraph/loaders/...", "github.com/claimgraph/claimgraph/schema").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{
			"github.com/cayleygraph/cayley", "github.com/claimgraph/claimgraph/graph",
			"github.com/claimgraph/claimgraph/queries", "github.com/claimgraph/claimgraph/cmd",
			"github.com/claimgraph/claimgraph/server",
		} {
			if dep == banned || strings.HasPrefix(dep, banned+"/") {
				t.Errorf("loaders or schema depend on %s", dep)
			}
		}
	}
}
