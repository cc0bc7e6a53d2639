package loaders

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/extract"
)

// Document is one article as read from input, before extraction.
type Document = extract.Input

// Format reads the articles of one input. It calls fn for every article read
// and report for every malformed one, and returns only errors that stop the
// reading of the whole input (I/O errors, or an error returned by fn).
//
// name is the input's name in reports; a Document's Origin is name, or
// name:line for an input of many articles (Read records it relative to what
// it was given). limit is the most bytes of one article the format may hold
// in memory: a larger article is reported (ErrTooLarge) and skipped.
type Format interface {
	Read(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error
}

// FormatFunc adapts a function to a Format.
type FormatFunc func(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error

// Read calls f.
func (f FormatFunc) Read(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error {
	return f(name, r, limit, fn, report)
}

// Formats maps a file extension (with its dot, lower case) to its Format.
// Callers may add their own.
var Formats = map[string]Format{
	".txt":    FormatFunc(ReadText),
	".json":   FormatFunc(ReadJSON),
	".jsonl":  FormatFunc(ReadJSONL),
	".ndjson": FormatFunc(ReadJSONL),
}

// readAll reads r whole, or reports ErrTooLarge when it holds more than
// limit bytes (ok is false then).
func readAll(name string, r io.Reader, limit int64, report func(error)) (data []byte, ok bool, err error) {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	data, err = io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(data)) > limit {
		report(&ParseError{File: name, Err: tooLarge(limit)})
		return nil, false, nil
	}
	return data, true, nil
}

// decoded is decodeText with its error, if any, reported for file name from
// line firstLine on; ok is false then.
func decoded(name string, firstLine int, data []byte, wholeFile bool, report func(error)) ([]byte, bool) {
	text, err := decodeText(data, wholeFile)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.File = name
			pe.Line += firstLine - 1
		}
		report(err)
		return nil, false
	}
	return text, true
}

// ReadText reads one plain-text article. Its id is the file's base name; the
// headline, publication date and outlet are found in the text by the extractor.
// Text that is not UTF-8 is decoded or reported (see decodeText).
func ReadText(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error {
	data, ok, err := readAll(name, r, limit, report)
	if err != nil || !ok {
		return err
	}
	if data, ok = decoded(name, 1, data, true, report); !ok {
		return nil
	}
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
func ReadJSON(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error {
	data, ok, err := readAll(name, r, limit, report)
	if err != nil || !ok {
		return err
	}
	if data, ok = decoded(name, 1, data, true, report); !ok {
		return nil
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			report(jsonError(name, 1, data, err))
			return nil
		}
		pos := bytes.IndexByte(data, '[') + 1
		for i, raw := range items {
			// find where this element starts, for line numbers
			at := bytes.Index(data[pos:], raw)
			line := 1
			if at >= 0 {
				line, _ = position(data, pos+at)
				pos += at + len(raw)
			}
			if err := emitObject(name, line, raw, fmt.Sprintf("%s#%d", filepath.Base(name), i+1), fn, report); err != nil {
				return err
			}
		}
		return nil
	}
	return emitObject(name, 1, data, filepath.Base(name), fn, report)
}

// ReadJSONL reads one article object a line; blank lines are skipped. A line
// longer than limit is reported and skipped without being held in memory.
func ReadJSONL(name string, r io.Reader, limit int64, fn func(*Document) error, report func(error)) error {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if b, _ := br.Peek(2); len(b) == 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		report(&ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: UTF-16 text (JSON Lines must be UTF-8)", ErrEncoding)})
		return nil
	}
	line := 0
	var buf []byte
	for {
		b, long, err := readLine(br, limit, buf[:0])
		buf = b
		if len(b) > 0 || long {
			line++
			if line == 1 {
				b = bytes.TrimPrefix(b, []byte(bom))
			}
			switch {
			case long:
				report(&ParseError{File: name, Line: line, Err: tooLarge(limit)})
			case len(bytes.TrimSpace(b)) > 0:
				text, ok := decoded(name, line, b, false, report)
				if !ok {
					break
				}
				id := filepath.Base(name) + ":" + strconv.Itoa(line)
				if e := emitObject(name, line, text, id, fn, report); e != nil {
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

// readLine reads one line, its line feed included, appending it to buf. A
// line longer than limit (line feed excluded) is read to its end but not
// kept: long is true then.
func readLine(br *bufio.Reader, limit int64, buf []byte) (line []byte, long bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			body := len(frag)
			if len(frag) > 0 && frag[len(frag)-1] == '\n' {
				body--
			}
			if int64(len(buf)+body) > limit {
				long, buf = true, buf[:0]
			} else {
				buf = append(buf, frag...)
			}
		}
		if err != bufio.ErrBufferFull {
			return buf, long, err
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
		if err != nil {
			// the article is still loaded, without this date; the caller hears of it
			report(&ParseError{File: name, Line: line, Err: fmt.Errorf("%q: not a date: %v", f.field, err)})
			continue
		}
		if s == "" {
			continue
		}
		iso, ok := extract.NormalizeDate(s)
		if !ok {
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
		return "", fmt.Errorf("want a string or a number, got %s", abbrev(raw, 40))
	}
	return n.String(), nil
}

// abbrev returns raw, cut to about n bytes with "..." when longer.
func abbrev(raw []byte, n int) string {
	if len(raw) <= n {
		return string(raw)
	}
	for n > 0 && !utf8RuneStart(raw[n]) {
		n--
	}
	return string(raw[:n]) + "..."
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
