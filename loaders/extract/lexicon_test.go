package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLexiconAliases checks that Aliases lists a source's and an outlet's
// names as the data files write them, the canonical name first, and that
// Extend adds a user's.
func TestLexiconAliases(t *testing.T) {
	l, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	as := l.Aliases["sohr"]
	if len(as) == 0 || as[0] != "Syrian Observatory for Human Rights" {
		t.Fatalf("sohr aliases %q: want the name first", as)
	}
	seen := map[string]int{}
	for _, a := range as {
		seen[a]++
	}
	if seen["SOHR"] != 1 || seen["the Observatory"] != 1 || seen["Syrian Observatory for Human Rights"] != 1 {
		t.Errorf("sohr aliases %q: want SOHR and the Observatory, each once", as)
	}
	if o := l.Aliases["rudaw"]; len(o) < 2 || o[0] != "Rudaw" || o[1] != "rudaw.net" {
		t.Errorf("rudaw aliases %q", o)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sources.tsv"), []byte("sohr\tSyrian Observatory for Human Rights\tmonitor\t\tOSDH\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := l.Extend(dir); err != nil {
		t.Fatal(err)
	}
	if as := l.Aliases["sohr"]; as[len(as)-1] != "OSDH" || len(as) != len(seen)+1 {
		t.Errorf("after Extend, sohr aliases %q: want OSDH added once at the end", as)
	}
}
