//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadBadInputsCostNothing: every input that cannot be read is reported
// with its name and reason, every good one is loaded and linked, and the
// exit status is 1; a named pipe does not block and /dev/zero does not
// flood (issue 14 item 2; before, the first bad input stopped the load).
func TestLoadBadInputsCostNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	demo := demoDir(t)
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(filepath.Join(bad, "sub"), 0o755)
	os.WriteFile(filepath.Join(bad, "notes.md"), []byte("no article"), 0o644)
	os.WriteFile(filepath.Join(bad, "binary.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	os.WriteFile(filepath.Join(bad, "latin1.txt"), []byte("Shelling in Qara\xe7\n\nShelling killed 7 people in Homs on Tuesday, the monitor\x92s director said.\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "bom.jsonl"), []byte("\xEF\xBB\xBF"+`{"id":"bom-1","title":"Bombing","text":"A car bomb killed 4 people in Idlib, the Observatory said.","date":"2019-04-20"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "dates.jsonl"), []byte(`{"id":"obj-date","text":"Two were killed in Hama, the monitor said.","date":{"y":2019}}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "evil\nx.txt: loaded 99 articles.txt"), []byte(" "), 0o644)
	for link, target := range map[string]string{"dangling.txt": filepath.Join(dir, "none"), "loop.txt": "loop.txt", "dir.txt": filepath.Join(bad, "sub"), "zero.txt": "/dev/zero"} {
		if err := os.Symlink(target, filepath.Join(bad, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(bad, "pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	type result struct {
		out, errs string
		err       error
	}
	done := make(chan result, 1)
	go func() {
		// the bad inputs first: before, the first one stopped the load
		out, errs, err := run(t, "--db", db, "load", "--format", "json", filepath.Join(dir, "missing.txt"), filepath.Join(bad, "notes.md"),
			filepath.Join(bad, "pipe.txt"), bad, demo)
		done <- result{out, errs, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("load blocked on a bad input")
	}
	if r.err == nil || !strings.Contains(r.err.Error(), "inputs could not be read") {
		t.Errorf("load with bad inputs: error %v, want one that gives exit status 1", r.err)
	}
	for _, want := range []string{
		"missing.txt: no such file or directory",
		`notes.md: unknown input format ".md"`,
		"pipe.txt: not a regular file: a named pipe",
		"binary.txt:3:1: binary data, not text",
		"dangling.txt: a symbolic link to nothing",
		"dir.txt: not a regular file: a symbolic link to a directory",
		"loop.txt: too many levels of symbolic links",
		"zero.txt: not a regular file: a character device",
		`dates.jsonl:1: "date": not a date: want a string or a number, got {"y":2019}`,
		`evil\nx.txt: loaded 99 articles.txt": article has no text`,
	} {
		if !strings.Contains(r.errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.errs)
		}
	}
	for _, line := range strings.Split(r.errs, "\n") {
		if strings.HasPrefix(line, "x.txt") {
			t.Errorf("a file name forged a report line: %q", line)
		}
	}
	var sum loadSummary
	if err := json.Unmarshal([]byte(r.out), &sum); err != nil {
		t.Fatalf("summary %q: %v", r.out, err)
	}
	// the four demo articles, the Latin-1 one, the BOM one and the one with a bad date
	if sum.Articles != 7 || sum.Errors != 11 || sum.Link == nil {
		t.Errorf("summary %+v, want 7 articles, 11 errors (pipe.txt twice), linked\n%s", sum, r.errs)
	}
	if out := mustRun(t, "--db", db, "articles", "--format", "jsonl"); !strings.Contains(out, "Qaraç") || !strings.Contains(out, "bom-1") {
		t.Errorf("the Latin-1 or the BOM article is missing or not decoded:\n%s", out)
	}
	if out := mustRun(t, "--db", db, "events", "--format", "jsonl"); strings.TrimSpace(out) == "" {
		t.Error("nothing linked after the bad inputs")
	}
}
