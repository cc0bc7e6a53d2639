package loaders

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// ParseError is an input error with its position, modelled on csv.ParseError.
type ParseError struct {
	File   string // file name, "-" for standard input
	Line   int    // 1-based line, 0 if unknown
	Column int    // 1-based column, 0 if unknown
	Err    error  // the reason
}

// Error returns "file:line:col: reason". A file name that is not plain
// printable text (a line feed, a control character, a quote, a backslash,
// invalid UTF-8) is quoted as a Go string, so that no name can forge a line
// of a report.
func (e *ParseError) Error() string {
	file := quoteName(e.File)
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", file, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", file, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", file, e.Err)
}

// quoteName returns name, quoted with strconv.Quote unless quoting would
// only add the quotes.
func quoteName(name string) string {
	q := strconv.Quote(name)
	if len(q) == len(name)+2 {
		return name
	}
	return q
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrNoText is the reason given for an article without text.
var ErrNoText = errors.New("article has no text")

// jsonError turns a decoding error of data into a ParseError positioned at the
// byte offset the decoder reports, counted from line firstLine of file.
func jsonError(file string, firstLine int, data []byte, err error) *ParseError {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
		err = fmt.Errorf("not JSON: %v", se)
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("%q: want %v, got JSON %s", te.Field, te.Type, te.Value)
	}
	pe := &ParseError{File: file, Line: firstLine, Err: err}
	if off >= 0 {
		// the decoder's offset is just past the offending byte
		if off > 0 {
			off--
		}
		line, col := position(data, int(off))
		pe.Line = firstLine + line - 1
		pe.Column = col
	}
	return pe
}

// position returns the 1-based line and column of byte offset off in data.
func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
