package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoShowsWhatItLoaded: demo reports the incidents of the articles it
// loaded (the built-in samples here), with their figures and claimants,
// and not the other incidents of the store it loads into.
func TestDemoShowsWhatItLoaded(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	other := filepath.Join(dir, "other.txt")
	text := "Mon 15 Mar 2021 Shelling kills nine in Quneitra. Nine civilians were killed by shelling in Quneitra on Sunday, the Syrian Observatory for Human Rights said.\n"
	if err := os.WriteFile(other, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "load", other)
	if out := mustRun(t, "--db", db, "claims", "--format", "jsonl"); !strings.Contains(out, `"other.txt"`) {
		t.Fatalf("the other article gave no claim: %s", out)
	}
	out := mustRun(t, "--db", db, "demo")
	if !strings.Contains(out, "independent origins") || !strings.Contains(out, "Syrian Observatory for Human Rights") {
		t.Errorf("demo shows no incident of its samples:\n%s", out)
	}
	if strings.Contains(out, "other.txt") || strings.Contains(out, "Quneitra") {
		t.Errorf("demo shows an incident it did not load:\n%s", out)
	}
}
