package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadMaxSize: --max-size (CLAIMGRAPH_MAX_SIZE) bounds an article; one
// over it is reported with the flag to raise it, the rest loaded.
func TestLoadMaxSize(t *testing.T) {
	dir := t.TempDir()
	demo := demoDir(t)
	os.WriteFile(filepath.Join(demo, "big.txt"), []byte("Big\n\n"+strings.Repeat("Seven people were killed in Homs. ", 100)), 0o644)
	out, errs, err := run(t, "--db", filepath.Join(dir, "a.db"), "load", "--format", "json", "--max-size", "2KB", demo)
	if err == nil || !strings.Contains(errs, "big.txt: over the size limit of 2 KiB (--max-size raises it)") {
		t.Errorf("--max-size 2KB: %v\n%s", err, errs)
	}
	var sum loadSummary
	json.Unmarshal([]byte(out), &sum)
	if sum.Articles != 4 {
		t.Errorf("loaded %d articles, want the 4 small ones", sum.Articles)
	}
	t.Setenv("CLAIMGRAPH_MAX_SIZE", "1MB")
	if _, errs, err := run(t, "--db", filepath.Join(dir, "b.db"), "load", demo); err != nil {
		t.Errorf("CLAIMGRAPH_MAX_SIZE=1MB: %v\n%s", err, errs)
	}
	if _, _, err := run(t, "--db", filepath.Join(dir, "c.db"), "load", "--max-size", "0", demo); err == nil || !strings.Contains(err.Error(), "--max-size") {
		t.Errorf("--max-size 0: %v", err)
	}
}

// TestExportIndependentOfPath: the same articles loaded from two different
// absolute directories export byte-identical N-Quads, and no export holds
// the loader's local paths (issue 14 item 8: cg:origin is relative to the
// path given).
func TestExportIndependentOfPath(t *testing.T) {
	var exports [][]byte
	for _, where := range []string{"one", filepath.Join("two", "deeper")} {
		root := t.TempDir()
		in := filepath.Join(root, where, "corpus")
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writeDemo(in); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(root, "g.db")
		mustRun(t, "--db", db, "load", in)
		out := mustRun(t, "--db", db, "export", "--format", "nquads")
		if strings.Contains(out, root) {
			t.Errorf("the export holds the local path %s", root)
		}
		if !strings.Contains(out, "ns#origin>") {
			t.Error("the export has no cg:origin")
		}
		exports = append(exports, []byte(out))
	}
	if !bytes.Equal(exports[0], exports[1]) {
		t.Errorf("the same corpus loaded from two directories exports differently (%d and %d bytes)", len(exports[0]), len(exports[1]))
	}
}

// TestLoadBatch: --batch (CLAIMGRAPH_BATCH) sets the quads written per
// transaction; the store it writes is the same whatever the batch, and a
// batch under one quad is refused.
func TestLoadBatch(t *testing.T) {
	dir, demo := t.TempDir(), demoDir(t)
	var exports []string
	for i, batch := range []string{"", "1", "300"} {
		db := filepath.Join(dir, fmt.Sprintf("%d.db", i))
		args := []string{"--db", db, "load", demo}
		if batch != "" {
			args = []string{"--db", db, "load", "--batch", batch, demo}
		}
		mustRun(t, args...)
		exports = append(exports, mustRun(t, "--db", db, "export", "--format", "nquads"))
		if exports[i] != exports[0] {
			t.Errorf("load --batch %s: the export differs from the default batch's (%d and %d bytes)", batch, len(exports[i]), len(exports[0]))
		}
	}
	for _, bad := range []string{"0", "-5"} {
		if _, _, err := run(t, "--db", filepath.Join(dir, "bad.db"), "load", "--batch", bad, demo); err == nil || !strings.Contains(err.Error(), "--batch "+bad+": want a number of quads") {
			t.Errorf("load --batch %s: %v, want it refused", bad, err)
		}
	}
}

// TestLinkLineAfterChange: load and delete say, after their own line, what
// the linking that follows them did: a full link the first time, nothing
// when no article changed, a relink of what a delete touches.
func TestLinkLineAfterChange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	demo := demoDir(t)
	lines := func(args ...string) []string {
		t.Helper()
		out, errs, err := run(t, append([]string{"--db", db}, args...)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errs)
		}
		return strings.Split(strings.TrimSpace(out), "\n")
	}
	first := lines("load", demo)
	if len(first) != 2 || !strings.HasPrefix(first[0], "loaded ") || !strings.HasPrefix(first[1], "linked ") || !strings.Contains(first[1], " components (largest ") {
		t.Errorf("first load printed %q, want its line, then the full link's", first)
	}
	if again := lines("load", demo); len(again) != 2 || again[1] != "relinked nothing: no article changed" {
		t.Errorf("loading the same articles again printed %q", again)
	}
	entries, err := os.ReadDir(demo)
	if err != nil || len(entries) == 0 {
		t.Fatalf("demo articles: %v", err)
	}
	id := entries[0].Name()
	del := lines("delete", id)
	if len(del) != 2 || !strings.HasPrefix(del[0], "deleted "+id) || !strings.HasPrefix(del[1], "relinked ") || !strings.Contains(del[1], " removed (") {
		t.Errorf("delete printed %q, want its line, then the relink's", del)
	}
}
