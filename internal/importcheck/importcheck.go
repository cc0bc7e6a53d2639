// Package importcheck holds the project's import direction in tests: which
// packages may depend on which (schema and loaders below graph, queries and
// server; nothing below cmd). Tests call it; no program imports it.
package importcheck

import (
	"os/exec"
	"strings"
	"testing"
)

// Deps returns the packages pkgs depend on, themselves included, leaving out
// the standard library ("go list -deps"). The test is skipped when the go
// command is not installed.
func Deps(t testing.TB, pkgs ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found:", err)
	}
	args := append([]string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, pkgs...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", strings.Join(pkgs, " "), err)
	}
	return strings.Fields(string(out))
}

// Forbid fails the test for every dependency of pkgs that is one of banned
// or lies below one of them.
func Forbid(t testing.TB, pkgs []string, banned ...string) {
	t.Helper()
	for _, dep := range Deps(t, pkgs...) {
		for _, b := range banned {
			if dep == b || strings.HasPrefix(dep, b+"/") {
				t.Errorf("%s depends on %s", strings.Join(pkgs, ", "), dep)
			}
		}
	}
}
