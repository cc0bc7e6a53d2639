// Package lintcheck runs the linter the project is kept clean with as a
// test, so that the README's one test command checks it too.
package lintcheck

import (
	"os"
	"os/exec"
	"testing"
)

// staticcheckVersion is the staticcheck the project is kept clean with;
// .ci/run installs it.
const staticcheckVersion = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"

// TestStaticcheck runs staticcheck over the module: the binary named by
// CLAIMGRAPH_STATICCHECK, else staticcheck on PATH, else it skips saying how
// to get one. -short skips it (a minute or two on two cores).
func TestStaticcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: staticcheck not run")
	}
	bin := os.Getenv("CLAIMGRAPH_STATICCHECK")
	if bin == "" {
		p, err := exec.LookPath("staticcheck")
		if err != nil {
			t.Skipf("staticcheck not found: go install %s (and put it on PATH), or set CLAIMGRAPH_STATICCHECK; .ci/run does", staticcheckVersion)
		}
		bin = p
	}
	cmd := exec.Command(bin, "./...")
	cmd.Dir = "../.." // the module root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("staticcheck ./...: %v\n%s", err, out)
	}
}
