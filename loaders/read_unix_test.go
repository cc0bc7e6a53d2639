//go:build unix

package loaders

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles: a named pipe among the inputs (given, or found in a
// directory) does not block the load, and /dev/zero is not read until
// memory runs out; both are reported and the rest read.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), "A\n\nOne was killed.")
	for _, p := range []string{filepath.Join(in, "b-pipe.txt"), filepath.Join(dir, "pipe.jsonl")} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	for _, p := range []string{filepath.Join(in, "c-zero.txt"), filepath.Join(dir, "zero.txt")} {
		if err := os.Symlink("/dev/zero", p); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "z.txt"), "Z\n\nTwo were killed.")
	done := make(chan *collected, 1)
	go func() {
		var c collected
		for _, p := range []string{filepath.Join(dir, "pipe.jsonl"), "/dev/zero", filepath.Join(dir, "zero.txt"), in, filepath.Join(dir, "z.txt")} {
			if err := Read(context.Background(), p, Options{}, c.fn, c.report); err != nil {
				c.errs = append(c.errs, "stopped: "+err.Error())
			}
		}
		done <- &c
	}()
	select {
	case c := <-done:
		if ids(c) != "a.txt,z.txt" {
			t.Errorf("read %s, want a.txt,z.txt", ids(c))
		}
		wantReports(t, c, "pipe.jsonl: not a regular file: a named pipe", "/dev/zero: unknown input format",
			"zero.txt: not a regular file: a character device",
			"b-pipe.txt: not a regular file: a named pipe", "c-zero.txt: not a regular file: a character device")
	case <-time.After(20 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}
