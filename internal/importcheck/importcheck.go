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

// Imports returns, for each package matching patterns, the packages it
// imports directly ("go list -f {{.Imports}}"), by import path.
func Imports(t testing.TB, patterns ...string) map[string][]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found:", err)
	}
	args := append([]string{"list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}"}, patterns...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", strings.Join(patterns, " "), err)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	return m
}
