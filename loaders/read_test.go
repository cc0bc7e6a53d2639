package loaders

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAllPaths reads every path in turn as Pipeline.Load does, and fails the
// test if Read returns an error: nothing here may stop the reading.
func readAllPaths(t *testing.T, opt Options, paths ...string) *collected {
	t.Helper()
	var c collected
	for _, p := range paths {
		if err := Read(context.Background(), p, opt, c.fn, c.report); err != nil {
			t.Fatalf("Read(%q) stopped: %v", p, err)
		}
	}
	return &c
}

func ids(c *collected) string {
	var s []string
	for _, d := range c.docs {
		s = append(s, d.ID)
	}
	return strings.Join(s, ",")
}

// wantReports checks that every report names its file and reason, in order.
func wantReports(t *testing.T, c *collected, want ...string) {
	t.Helper()
	if len(c.errs) != len(want) {
		t.Errorf("%d reports, want %d:\n%s", len(c.errs), len(want), strings.Join(c.errs, "\n"))
		return
	}
	for i, w := range want {
		if !strings.Contains(c.errs[i], w) {
			t.Errorf("report %d = %q, want it to contain %q", i, c.errs[i], w)
		}
	}
}

// TestBadInputsCostNothing: a missing path, an unknown extension, a dangling
// symbolic link, a link loop, a link to a directory named *.txt and a file
// that fails with an I/O error are each reported with their name and reason,
// and every good input around them is read (issue 14 item 2).
func TestBadInputsCostNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), "Alpha\n\nTen people were killed.")
	write(t, filepath.Join(in, "z.jsonl"), `{"id":"z1","text":"Five were wounded."}`+"\n")
	write(t, filepath.Join(dir, "notes.md"), "not an article")
	write(t, filepath.Join(dir, "after.txt"), "After\n\nTwo were killed.")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for link, target := range map[string]string{
		"b-dangling.txt": filepath.Join(dir, "nothing.txt"),
		"c-loop.txt":     "c-loop.txt",
		"d-dir.txt":      filepath.Join(dir, "sub"),
		"e-io.txt":       "/proc/self/mem", // regular by stat, EIO on read, for root too
	} {
		if err := os.Symlink(target, filepath.Join(in, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	_, procErr := os.ReadFile("/proc/self/mem")
	c := readAllPaths(t, Options{}, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "notes.md"), in, filepath.Join(dir, "after.txt"))
	if got := ids(c); got != "a.txt,z1,after.txt" {
		t.Errorf("read %s, want a.txt,z1,after.txt", got)
	}
	want := []string{
		"missing.txt: no such file or directory",
		`notes.md: unknown input format ".md"`,
		"b-dangling.txt: a symbolic link to nothing: no such file or directory",
		"c-loop.txt: too many levels of symbolic links",
		"d-dir.txt: not a regular file: a symbolic link to a directory",
	}
	if procErr != nil {
		want = append(want, "e-io.txt: input/output error")
	} else {
		t.Log("/proc/self/mem reads here: no I/O error case")
		c.errs = append(c.errs[:5], c.errs[6:]...) // its report, if any, is that of an empty file
	}
	wantReports(t, c, want...)
}

// TestPermissionDenied: an unreadable file is reported and the rest read.
func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads any file: TestBadInputsCostNothing's I/O error case stands in")
	}
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "a-secret.txt"), "Secret\n\nOne was killed.")
	os.Chmod(p, 0)
	write(t, filepath.Join(dir, "b.txt"), "B\n\nTwo were killed.")
	c := readAllPaths(t, Options{}, dir)
	if ids(c) != "b.txt" {
		t.Errorf("read %s, want b.txt", ids(c))
	}
	wantReports(t, c, "a-secret.txt: permission denied")
}

// TestSizeLimit: an article over Options.MaxSize is reported and skipped,
// and the articles beside it in the same JSON Lines file are read.
func TestSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("x", 200)
	write(t, filepath.Join(dir, "a.txt"), "Big\n\n"+big)
	write(t, filepath.Join(dir, "b.json"), `{"id":"b","text":"`+big+`"}`)
	write(t, filepath.Join(dir, "c.jsonl"), `{"id":"c1","text":"One was killed."}`+"\n"+
		`{"id":"c2","text":"`+strings.Repeat("y", 100000)+`"}`+"\n"+`{"id":"c3","text":"Two were killed."}`)
	write(t, filepath.Join(dir, "d.txt"), "Small\n\nThree were killed.")
	c := readAllPaths(t, Options{MaxSize: 100}, dir)
	if ids(c) != "c1,c3,d.txt" {
		t.Errorf("read %s, want c1,c3,d.txt", ids(c))
	}
	wantReports(t, c, "a.txt: over the size limit of 100 bytes", "b.json: over the size limit of 100 bytes", "c.jsonl:2: over the size limit of 100 bytes")
	var s collected
	if err := Read(context.Background(), "-", Options{Stdin: strings.NewReader(big), MaxSize: 100}, s.fn, s.report); err != nil || len(s.docs) != 0 {
		t.Errorf("stdin over the limit: %v, %d articles", err, len(s.docs))
	}
	wantReports(t, &s, "-: over the size limit of 100 bytes")
	for _, e := range []error{tooLarge(16 << 20)} {
		if !errors.Is(e, ErrTooLarge) || e.Error() != "over the size limit of 16 MiB" {
			t.Errorf("tooLarge = %q", e)
		}
	}
}

// TestBOMInJSON: a UTF-8 byte order mark is skipped in .json and .jsonl as in .txt.
func TestBOMInJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.json"), bom+`{"id":"a","text":"One was killed."}`)
	write(t, filepath.Join(dir, "b.jsonl"), bom+`{"id":"b1","text":"Two were killed."}`+"\n"+`{"id":"b2","text":"Three."}`+"\n")
	write(t, filepath.Join(dir, "c.json"), bom+` [{"id":"c","text":"Four."}]`)
	write(t, filepath.Join(dir, "d.txt"), bom+"D\n\nFive.")
	c := readAllPaths(t, Options{}, dir)
	if ids(c) != "a,b1,b2,c,d.txt" {
		t.Errorf("read %s, want a,b1,b2,c,d.txt; reports %q", ids(c), c.errs)
	}
	wantReports(t, c)
}

// TestEncodings: Windows-1252 and Latin-1 text is decoded, UTF-16 with a
// byte order mark too; binary data and broken UTF-8 are reported per
// article with where, and the articles beside them read.
func TestEncodings(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a-latin1.txt"), "Caf\xe9 attack\n\nThe monitor\x92s toll: \x93ten\x94 killed in Qara\xe7.")
	write(t, filepath.Join(dir, "b-binary.txt"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	write(t, filepath.Join(dir, "c-broken.txt"), "Caf\xc3\xa9\nna\xefve")
	write(t, filepath.Join(dir, "d-utf16.txt"), "\xff\xfeO\x00n\x00e\x00.\x00")
	write(t, filepath.Join(dir, "e.jsonl"), "{\"id\":\"e1\",\"text\":\"Qara\xe7 shelled.\"}\n"+"\x00\x01\x02\x03"+"\n"+`{"id":"e3","text":"ok"}`+"\n")
	c := readAllPaths(t, Options{}, dir)
	if ids(c) != "a-latin1.txt,d-utf16.txt,e1,e3" {
		t.Fatalf("read %s, want a-latin1.txt,d-utf16.txt,e1,e3; reports %q", ids(c), c.errs)
	}
	if got, want := c.docs[0].Text, "Café attack\n\nThe monitor’s toll: “ten” killed in Qaraç."; got != want {
		t.Errorf("Windows-1252 text read as %q, want %q", got, want)
	}
	if c.docs[1].Text != "One." || c.docs[2].Text != "Qaraç shelled." {
		t.Errorf("UTF-16 %q, Latin-1 JSON Lines %q", c.docs[1].Text, c.docs[2].Text)
	}
	wantReports(t, c, "b-binary.txt:3:1: binary data, not text (byte 0x00)", "c-broken.txt:2:3: not UTF-8: invalid byte 0xef among UTF-8 characters",
		"e.jsonl:2:1: binary data, not text")
}

// TestNonScalarDate: a "date" that is an object or an array is reported like
// a bad date, and the article is loaded without it.
func TestNonScalarDate(t *testing.T) {
	var c collected
	in := `{"id":"a","text":"One.","date":{"y":2019}}` + "\n" + `{"id":"b","text":"Two.","date":[2019,4,20],"date_publish":"2019-04-21"}` + "\n"
	if err := ReadJSONL("d.jsonl", strings.NewReader(in), 0, c.fn, c.report); err != nil {
		t.Fatal(err)
	}
	if ids(&c) != "a,b" || c.docs[0].Published != "" || c.docs[1].Published != "2019-04-21" {
		t.Errorf("read %s: %+v", ids(&c), c.docs)
	}
	wantReports(t, &c, `d.jsonl:1: "date": not a date: want a string or a number, got {"y":2019}`,
		`d.jsonl:2: "date": not a date: want a string or a number, got [2019,4,20]`)
}

// TestNamesCannotForgeReports: a file name with a line feed is quoted in a
// report, which stays one line.
func TestNamesCannotForgeReports(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.txt\nfake.txt: all fine")
	if err := os.WriteFile(name+".txt", []byte("  "), 0o644); err != nil {
		t.Skipf("no line feed in file names here: %v", err)
	}
	c := readAllPaths(t, Options{}, dir, name)
	if len(c.errs) != 2 {
		t.Fatalf("reports %q, want 2", c.errs)
	}
	for _, e := range c.errs {
		if strings.Contains(e, "\n") || !strings.Contains(e, `x.txt\nfake.txt: all fine`) {
			t.Errorf("report %q: the name is not quoted", e)
		}
	}
	if got := (&ParseError{File: "corpus/day2.jsonl", Line: 3, Column: 14, Err: errors.New("x")}).Error(); got != "corpus/day2.jsonl:3:14: x" {
		t.Errorf("a plain name is quoted: %s", got)
	}
}

// TestOriginRelative: a Document's Origin is relative to the path given, so
// that it does not depend on where the input lies (issue 14 item 8).
func TestOriginRelative(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in", "b.txt"), "B\n\nOne.")
	write(t, filepath.Join(dir, "in", "sub", "a.jsonl"), "\n"+`{"id":"a","text":"Two."}`+"\n")
	c := readAllPaths(t, Options{Stdin: strings.NewReader("S\n\nThree.")}, filepath.Join(dir, "in"), filepath.Join(dir, "in", "b.txt"), "-")
	var got []string
	for _, d := range c.docs {
		got = append(got, d.Origin)
	}
	if strings.Join(got, " ") != "b.txt sub/a.jsonl:2 b.txt -" {
		t.Errorf("origins %q, want b.txt sub/a.jsonl:2 b.txt -", got)
	}
}

// TestSymlinkedDirectoryGiven: a symbolic link to a directory, given as the
// path, is read like the directory (filepath.WalkDir alone would not enter it).
func TestSymlinkedDirectoryGiven(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real", "a.txt"), "A\n\nOne.")
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	c := readAllPaths(t, Options{}, filepath.Join(dir, "link"))
	if ids(c) != "a.txt" || c.docs[0].Origin != "a.txt" {
		t.Errorf("read %s (origin %v), want a.txt", ids(c), c.docs)
	}
	wantReports(t, c)
}
