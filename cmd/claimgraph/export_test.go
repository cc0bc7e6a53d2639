package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport writes every format of the demo articles to files with -o,
// and checks that a failing export leaves no file behind.
func TestExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	dir := t.TempDir()
	for _, f := range []string{"nquads", "jsonld", "graphml", "gexf", "cyjs", "dot", "claimreview"} {
		path := filepath.Join(dir, "all."+f)
		mustRun(t, "--db", db, "export", "--format", f, "-o", path)
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Errorf("export --format %s -o: %d bytes, %v", f, len(b), err)
		}
		if f == "cyjs" || f == "jsonld" || f == "claimreview" {
			if !json.Valid(b) {
				t.Errorf("export --format %s is not JSON", f)
			}
		}
	}

	// one article's claims, by id
	out := mustRun(t, "--db", db, "articles", "--format", "jsonl")
	var first struct{ ID string }
	json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first)
	one := mustRun(t, "--db", db, "export", "--format", "nquads", "--article", first.ID)
	if !strings.Contains(one, "/article/"+first.ID+">") {
		t.Errorf("export --article %s has none of its quads", first.ID)
	}

	path := filepath.Join(dir, "none.graphml")
	_, _, err := run(t, "--db", db, "export", "--format", "graphml", "--source", "no-such-source", "-o", path)
	if err == nil || !strings.Contains(err.Error(), "no-such-source") {
		t.Errorf("export --source no-such-source: error %v, want one naming the source", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s behind", path)
	}
	if _, _, err := run(t, "--db", db, "export", "--format", "gml"); err == nil || !strings.Contains(err.Error(), "graphml") {
		t.Errorf("export --format gml: error %v, want one listing the formats", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".claimgraph-export-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
