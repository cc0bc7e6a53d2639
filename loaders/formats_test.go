package loaders

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type collected struct {
	docs []*Document
	errs []string
}

func (c *collected) fn(d *Document) error { c.docs = append(c.docs, d); return nil }
func (c *collected) report(err error)     { c.errs = append(c.errs, err.Error()) }

func TestReadJSONLMalformedLine(t *testing.T) {
	in := `{"id": "a", "title": "T1", "text": "Ten people were killed.", "outlet": "sana"}
{"id": "b", "title": "T2", "text": "broken
{"id": 3, "title": "T3", "maintext": "Five were wounded.", "source_domain": "reuters.com", "date_publish": "2017-04-05 10:00:00"}

{"id": "d", "title": "no text"}
{"id": "e", "text": "x", "date": "sometime in spring"}
`
	var c collected
	if err := ReadJSONL("day2.jsonl", strings.NewReader(in), 0, c.fn, c.report); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range c.docs {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "a,3,e" {
		t.Errorf("loaded %s, want a,3,e", got)
	}
	want := []string{
		"day2.jsonl:2:43: not JSON: invalid character '\\n' in string literal",
		`day2.jsonl:5: article "d": article has no text`,
		`day2.jsonl:6: "date": not a date: "sometime in spring"`,
	}
	if strings.Join(c.errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(c.errs, "\n"), strings.Join(want, "\n"))
	}
	if d := c.docs[1]; d.Outlet != "reuters.com" || d.Text != "Five were wounded." || d.Published != "2017-04-05" || d.Origin != "day2.jsonl:3" {
		t.Errorf("news-please fields not read: %+v", d)
	}
}

func TestReadJSONArrayAndObject(t *testing.T) {
	var c collected
	in := "[\n {\"id\": \"x\", \"text\": \"One.\"},\n {\"id\": \"y\", \"text\": 5}\n]"
	if err := ReadJSON("a.json", strings.NewReader(in), 0, c.fn, c.report); err != nil {
		t.Fatal(err)
	}
	if len(c.docs) != 1 || c.docs[0].ID != "x" {
		t.Errorf("docs = %+v", c.docs)
	}
	if len(c.errs) != 1 || !strings.HasPrefix(c.errs[0], "a.json:3:") {
		t.Errorf("errs = %q, want one at a.json:3", c.errs)
	}
}

func TestReadDirectoryAndStdin(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Headline\n\nBody text."), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "a.jsonl"), []byte(`{"id":"j1","text":"t"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), []byte("  \n"), 0o644)
	var c collected
	if err := Read(context.Background(), dir, Options{}, c.fn, c.report); err != nil {
		t.Fatal(err)
	}
	if len(c.docs) != 2 || c.docs[0].ID != "b.txt" || c.docs[1].ID != "j1" {
		t.Errorf("docs: %d", len(c.docs))
	}
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "empty.txt: article has no text") {
		t.Errorf("errs = %q", c.errs)
	}
	var s collected
	if err := Read(context.Background(), "-", Options{Stdin: strings.NewReader(`  {"id":"s","text":"t"}`)}, s.fn, s.report); err != nil || len(s.docs) != 1 {
		t.Errorf("stdin jsonl: %v %d", err, len(s.docs))
	}
	// a missing path is reported, not returned: it stops nothing
	var m collected
	if err := Read(context.Background(), filepath.Join(dir, "missing.txt"), Options{}, m.fn, m.report); err != nil || len(m.errs) != 1 ||
		!strings.HasSuffix(m.errs[0], "missing.txt: no such file or directory") {
		t.Errorf("missing file: %v %q", err, m.errs)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Ten were killed."}` + "\n{bad\n"))
	f.Add([]byte(`[{"id":1}]`))
	f.Add([]byte("\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Caf\xe9\"}\n\x00\x01\n{\"date\":{}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c collected
		if err := ReadJSONL("f.jsonl", strings.NewReader(string(data)), 0, c.fn, c.report); err != nil {
			t.Fatal(err)
		}
		for _, d := range c.docs {
			if strings.TrimSpace(d.Text) == "" {
				t.Fatal("document without text emitted")
			}
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`[{"id":"a","text":"x"},{"id":2,"maintext":"y"}]`))
	f.Add([]byte(`{"id":"a","text":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c collected
		if err := ReadJSON("f.json", strings.NewReader(string(data)), 0, c.fn, c.report); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("Headline\n\nLast Update: 2019-04-20 00:00:00 - Source: Rudaw\n\nBody.\nSource: DP\n"))
	f.Add([]byte("\xEF\xBB\xBF  \n"))
	f.Add([]byte("Caf\xe9 \x93attack\x94\n\nTen were killed."))
	f.Add([]byte("\xff\xfeO\x00n\x00e\x00"))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c collected
		if err := ReadText("f.txt", strings.NewReader(string(data)), 0, c.fn, c.report); err != nil {
			t.Fatal(err)
		}
		if len(c.docs)+len(c.errs) != 1 {
			t.Fatalf("one text file gave %d articles and %d errors", len(c.docs), len(c.errs))
		}
	})
}

// TestCount: Count gives the number of articles Read gives, malformed
// inputs left out, and -1 for standard input.
func TestCount(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Five people were killed, the monitor said.")
	l := write("b.jsonl", `{"id":"1","text":"Two were killed."}`+"\n"+`{"id":"2","text":"Three were killed."}`+"\n"+`not json`+"\n")
	n, err := Count(context.Background(), []string{a, l}, Options{})
	if err != nil || n != 3 {
		t.Errorf("Count = %d, %v; want 3 (one .txt, two good JSON lines)", n, err)
	}
	if n, _ := Count(context.Background(), []string{a, "-"}, Options{}); n != -1 {
		t.Errorf("Count with stdin = %d, want -1", n)
	}
}
