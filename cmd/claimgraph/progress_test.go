package main

import (
	"bytes"
	"testing"
)

// TestProgressQuietWhenPiped: the bar and the spinner write nothing to a
// writer that is not a terminal, so piped and captured output stays clean.
func TestProgressQuietWhenPiped(t *testing.T) {
	var w bytes.Buffer
	p := newProgress(&w, "loading", "articles", 3)
	p.tick()
	p.clear()
	p.tick()
	p.done()
	s := newSpinner(&w, "linking")
	if s.until(&w) != &w {
		t.Error("until wraps a writer although no bar is shown")
	}
	s.done()
	if w.Len() != 0 {
		t.Errorf("progress on a pipe wrote %q", w.String())
	}
}
