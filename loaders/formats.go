package loaders

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/extract"
)

// Document is one article as read from input, before extraction.
type Document = extract.Input

// Format reads the articles of one input. It calls fn for every article read
// and report for every malformed one, and returns only errors that stop the
// reading of the whole input (I/O errors, or an error returned by fn).
type Format interface {
	Read(name string, r io.Reader, fn func(*Document) error, report func(error)) error
}

// FormatFunc adapts a function to a Format.
type FormatFunc func(name string, r io.Reader, fn func(*Document) error, report func(error)) error

// Read calls f.
func (f FormatFunc) Read(name string, r io.Reader, fn func(*Document) error, report func(error)) error {
	return f(name, r, fn, report)
}

// Formats maps a file extension (with its dot, lower case) to its Format.
// Callers may add their own.
var Formats = map[string]Format{
	".txt":    FormatFunc(ReadText),
	".json":   FormatFunc(ReadJSON),
	".jsonl":  FormatFunc(ReadJSONL),
	".ndjson": FormatFunc(ReadJSONL),
}

// Read reads the articles at path: a file, a directory (recursively, in
// lexical order; files whose extension has no Format are skipped) or "-" for
// stdin. Malformed articles go to report; the error returned is one that
// stops reading (a missing path, an I/O error, ctx done, or fn's error).
func Read(ctx context.Context, path string, stdin io.Reader, fn func(*Document) error, report func(error)) error {
	if path == "-" {
		return readStdin(stdin, fn, report)
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		f, ok := Formats[strings.ToLower(filepath.Ext(path))]
		if !ok {
			return fmt.Errorf("%s: unknown input format %q (want %s)", path, filepath.Ext(path), formatNames())
		}
		return readFile(ctx, path, f, fn, report)
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			report(&ParseError{File: p, Err: err})
			return nil
		}
		if !d.IsDir() {
			if _, ok := Formats[strings.ToLower(filepath.Ext(p))]; ok {
				files = append(files, p)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		if err := readFile(ctx, p, Formats[strings.ToLower(filepath.Ext(p))], fn, report); err != nil {
			return err
		}
	}
	return nil
}

func formatNames() string {
	var names []string
	for ext := range Formats {
		names = append(names, ext)
	}
	sort.Strings(names)
	return strings.Join(names, ", ") + ", a directory or -"
}

func readFile(ctx context.Context, path string, f Format, fn func(*Document) error, report func(error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	return f.Read(path, file, func(d *Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(d)
	}, report)
}

func readStdin(r io.Reader, fn func(*Document) error, report func(error)) error {
	br := bufio.NewReader(r)
	for {
		b, err := br.Peek(1)
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF:
			br.ReadByte()
			continue
		case '{':
			return ReadJSONL("-", br, fn, report)
		case '[':
			return ReadJSON("-", br, fn, report)
		}
		return ReadText("-", br, fn, report)
	}
}

// ReadText reads one plain-text article. Its id is the file's base name; the
// headline, publication date and outlet are found in the text by the extractor.
func ReadText(name string, r io.Reader, fn func(*Document) error, report func(error)) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(data)) == 0 {
		report(&ParseError{File: name, Err: ErrNoText})
		return nil
	}
	id := filepath.Base(name)
	if name == "-" {
		id = "stdin-" + extract.Hash(data)[:12]
	}
	return fn(&Document{ID: id, Text: string(data), Origin: name, Hash: extract.Hash(data)})
}

// ReadJSON reads one article object or an array of article objects.
func ReadJSON(name string, r io.Reader, fn func(*Document) error, report func(error)) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\xEF\xBB\xBF")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			report(jsonError(name, 1, data, err))
			return nil
		}
		lead := len(data) - len(trimmed)
		pos := bytes.IndexByte(data, '[') + 1
		for i, raw := range items {
			// find where this element starts, for line numbers
			at := bytes.Index(data[pos:], raw)
			line := 1
			if at >= 0 {
				line, _ = position(data, pos+at)
				pos += at + len(raw)
			}
			_ = lead
			if err := emitObject(name, line, raw, fmt.Sprintf("%s#%d", filepath.Base(name), i+1), fn, report); err != nil {
				return err
			}
		}
		return nil
	}
	return emitObject(name, 1, data, filepath.Base(name), fn, report)
}

// ReadJSONL reads one article object a line; blank lines are skipped.
func ReadJSONL(name string, r io.Reader, fn func(*Document) error, report func(error)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	line := 0
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
			if len(bytes.TrimSpace(b)) > 0 {
				id := filepath.Base(name) + ":" + strconv.Itoa(line)
				if e := emitObject(name, line, b, id, fn, report); e != nil {
					return e
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &ParseError{File: name, Line: line + 1, Err: err}
		}
	}
}

// article is the JSON shape of an article: the corpus's and news-please's field names.
type article struct {
	ID           json.RawMessage `json:"id"`
	URL          string          `json:"url"`
	Title        string          `json:"title"`
	Text         string          `json:"text"`
	MainText     string          `json:"maintext"`
	Outlet       string          `json:"outlet"`
	SourceDomain string          `json:"source_domain"`
	Date         json.RawMessage `json:"date"`
	DatePublish  json.RawMessage `json:"date_publish"`
}

func emitObject(name string, line int, raw []byte, defaultID string, fn func(*Document) error, report func(error)) error {
	var a article
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&a); err != nil {
		report(jsonError(name, line, raw, err))
		return nil
	}
	if dec.More() {
		report(&ParseError{File: name, Line: line, Err: errors.New("not JSON: text after the object")})
		return nil
	}
	id, err := scalar(a.ID)
	if err != nil {
		report(&ParseError{File: name, Line: line, Err: fmt.Errorf(`"id": %v`, err)})
		return nil
	}
	if id == "" {
		id = defaultID
	}
	text := firstNonEmpty(a.Text, a.MainText)
	if strings.TrimSpace(text) == "" {
		report(&ParseError{File: name, Line: line, Err: fmt.Errorf("article %q: %w", id, ErrNoText)})
		return nil
	}
	d := &Document{
		ID:     id,
		URL:    a.URL,
		Title:  a.Title,
		Text:   text,
		Outlet: firstNonEmpty(a.Outlet, a.SourceDomain),
		Origin: name,
		Hash:   extract.Hash(bytes.TrimSpace(raw)),
	}
	if line > 0 && name != "" {
		d.Origin = name + ":" + strconv.Itoa(line)
	}
	for _, f := range []struct {
		field string
		raw   json.RawMessage
	}{{"date", a.Date}, {"date_publish", a.DatePublish}} {
		s, err := scalar(f.raw)
		if err != nil || s == "" {
			continue
		}
		iso, ok := extract.NormalizeDate(s)
		if !ok {
			// the article is still loaded, without a date; the caller hears of it
			report(&ParseError{File: name, Line: line, Err: fmt.Errorf("%q: not a date: %q", f.field, s)})
			continue
		}
		d.Published = iso
		break
	}
	return fn(d)
}

// scalar returns a JSON string or number as a string; null or absent is "".
func scalar(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return strings.TrimSpace(s), err
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("want a string or a number, got %s", raw)
	}
	return n.String(), nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
