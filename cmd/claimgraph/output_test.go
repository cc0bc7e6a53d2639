package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// TestTableDisplayWidth checks that table columns line up on a terminal when
// cells hold accents (precomposed and combining), CJK and punctuation outside
// ASCII, and that long cells are cut to maxCellWidth columns on a character
// boundary.
func TestTableDisplayWidth(t *testing.T) {
	rows := [][]string{
		{"Ḩardatnīn", "x", "ASCII"},
		{"Cafe\u0301 de\u0301ja\u0300", "東京", "combining accents"},
		{"دير الزور", "Syria’s", "Arabic"},
		{"漢字漢字漢字", "—", "CJK, two columns each"},
		{strings.Repeat("東", 40), strings.Repeat("é", 70), "long"},
	}
	var buf bytes.Buffer
	lw := newListWriter(&buf, "table", []string{"A", "B", "C"}, func(v interface{}) []string { return v.([]string) })
	for _, r := range rows {
		if err := lw.write(append([]string(nil), r...)); err != nil {
			t.Fatal(err)
		}
	}
	if err := lw.close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !utf8.ValidString(out) {
		t.Errorf("table is not valid UTF-8 (a cut split a character):\n%s", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(rows)+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(rows)+1, out)
	}
	// the display column where each line's second and third cells start
	starts := func(line string, cells []string) (int, int) {
		i := strings.Index(line, cells[1])
		j := strings.LastIndex(line, cells[2])
		if i < 0 || j < 0 {
			t.Fatalf("line %q lacks %q or %q", line, cells[1], cells[2])
		}
		return runewidth.StringWidth(line[:i]), runewidth.StringWidth(line[:j])
	}
	want2, want3 := starts(lines[0], []string{"A", "B", "C"})
	for k, r := range rows {
		cells := []string{r[0], runewidth.Truncate(r[1], maxCellWidth, "..."), r[2]}
		if got2, got3 := starts(lines[k+1], cells); got2 != want2 || got3 != want3 {
			t.Errorf("row %d: columns start at %d and %d, the header's at %d and %d:\n%s", k, got2, got3, want2, want3, out)
		}
	}
	last := lines[len(lines)-1]
	first := last[:strings.Index(last, "  ")]
	if w := runewidth.StringWidth(first); w > maxCellWidth || !strings.HasSuffix(first, "...") {
		t.Errorf("long CJK cell %q: width %d, want at most %d ending in ...", first, w, maxCellWidth)
	}
	if w := runewidth.StringWidth(runewidth.Truncate(rows[4][1], maxCellWidth, "...")); w != maxCellWidth {
		t.Errorf("long accented cell cut to width %d, want %d", w, maxCellWidth)
	}
}

// TestTableASCIIUnchanged checks that an ASCII table is laid out as
// text/tabwriter did before (two spaces between columns, the last cell not
// padded), so scripts that read the tables see no change.
func TestTableASCIIUnchanged(t *testing.T) {
	var buf bytes.Buffer
	lw := newListWriter(&buf, "table", []string{"ID", "NAME", "NOTE"}, func(v interface{}) []string { return v.([]string) })
	lw.write([]string{"a", "alpha", "x"})
	lw.write([]string{"bbbb", "b\tb", strings.Repeat("n", 70)})
	lw.close()
	want := "ID    NAME   NOTE\n" +
		"a     alpha  x\n" +
		"bbbb  b b    " + strings.Repeat("n", 57) + "...\n"
	if buf.String() != want {
		t.Errorf("table:\n%q\nwant\n%q", buf.String(), want)
	}
}
