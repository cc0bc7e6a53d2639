package hostile

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestDump writes every case at HOSTILE_SIZE bytes (default 2 MB) into the
// directory HOSTILE_DIR, to load or profile by hand; without it, nothing.
func TestDump(t *testing.T) {
	dir := os.Getenv("HOSTILE_DIR")
	if dir == "" {
		t.Skip("HOSTILE_DIR not set")
	}
	size := 2 << 20
	if s := os.Getenv("HOSTILE_SIZE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		size = n
	}
	for _, c := range Cases {
		if err := os.WriteFile(filepath.Join(dir, c.Name+c.Ext), []byte(c.Make(size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
