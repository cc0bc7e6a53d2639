package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadMissingStore checks that every command that reads a store fails on
// a --db path that does not exist, says that only load creates a store, and
// creates nothing; load then creates it.
func TestReadMissingStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"articles"}, {"claims"}, {"events"}, {"stats"}, {"export"}, {"link"},
		{"query", "contradictions"}, {"gizmo", "-e", "g.V().All()"}, {"delete", "x"},
		{"serve", "--addr", "127.0.0.1:0"},
	} {
		out, errs, err := run(t, append([]string{"--db", db}, args...)...)
		if err == nil {
			t.Errorf("%s on a missing store: no error (stdout %q)", args[0], out)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "no store at") || !strings.Contains(msg, "claimgraph --db "+db+" load") {
			t.Errorf("%s on a missing store: error %q, want 'no store at' and the load to try", args[0], msg)
		}
		if errs != "" {
			t.Errorf("%s on a missing store printed %q besides the error", args[0], errs)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("%s on a missing store created %s", args[0], db)
		}
	}
	mustRun(t, "--db", db, "load", demoDir(t))
	if out := mustRun(t, "--db", db, "articles", "--format", "jsonl"); strings.Count(out, "\n") != 4 {
		t.Errorf("articles after load: %q", out)
	}
}
