package server

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps imports flowing one way: server never depends on loaders or cmd.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found:", err)
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/claimgraph/claimgraph/loaders") || strings.HasPrefix(p, "github.com/claimgraph/claimgraph/cmd") {
			t.Errorf("server depends on %s", p)
		}
	}
}
