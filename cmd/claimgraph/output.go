package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/urfave/cli/v2"
)

// formatFlag is the --format flag of the listing commands.
func formatFlag() cli.Flag {
	return &cli.StringFlag{
		Name:  "format",
		Usage: "output format: table (the default on a terminal), jsonl (the default otherwise) or json",
	}
}

// outputFormat resolves --format: an explicit value, or table on a terminal and jsonl elsewhere.
func outputFormat(c *cli.Context) (string, error) {
	f := c.String("format")
	if f == "" {
		if isTerminal(c.App.Writer) {
			return "table", nil
		}
		return "jsonl", nil
	}
	switch f {
	case "table", "jsonl", "json":
		return f, nil
	}
	return "", fmt.Errorf("--format %q: want table, jsonl or json", f)
}

// listWriter writes records as JSON Lines, one JSON array, or a table.
type listWriter struct {
	format  string
	w       io.Writer
	enc     *json.Encoder
	n       int
	table   *table
	columns func(v interface{}) []string
}

// maxCellWidth is the display width a table cell is cut to, "..." included.
const maxCellWidth = 60

// table is a text table whose columns are aligned by display width, as a
// terminal shows the text: a wide (CJK) character takes two columns, a
// combining accent none. text/tabwriter counts runes, which misaligns
// both, and a byte cut could split a character. Cells are separated by at
// least two spaces; the last cell of a row is not padded.
type table struct {
	rows [][]string
}

// add adds a row, each cell on one line and cut to maxCellWidth.
func (t *table) add(cells []string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		c = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ").Replace(c)
		row[i] = runewidth.Truncate(c, maxCellWidth, "...")
	}
	t.rows = append(t.rows, row)
}

// writeTo writes the table to w.
func (t *table) writeTo(w io.Writer) error {
	var widths []int
	for _, row := range t.rows {
		for i, c := range row {
			if i == len(row)-1 {
				break // the last cell is not aligned
			}
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			if n := runewidth.StringWidth(c); n > widths[i] {
				widths[i] = n
			}
		}
	}
	bw := bufio.NewWriter(w)
	for _, row := range t.rows {
		for i, c := range row {
			bw.WriteString(c)
			if i < len(row)-1 {
				bw.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+2))
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func newListWriter(w io.Writer, format string, header []string, columns func(v interface{}) []string) *listWriter {
	l := &listWriter{format: format, w: w, columns: columns}
	switch format {
	case "json":
		fmt.Fprint(w, "[")
		l.enc = json.NewEncoder(w)
	case "jsonl":
		l.enc = json.NewEncoder(w)
	case "table":
		l.table = &table{}
		l.table.add(header)
	}
	l.enc2()
	return l
}

func (l *listWriter) enc2() {
	if l.enc != nil {
		l.enc.SetEscapeHTML(false)
	}
}

func (l *listWriter) write(v interface{}) error {
	defer func() { l.n++ }()
	switch l.format {
	case "json":
		if l.n > 0 {
			fmt.Fprint(l.w, ",")
		}
		fmt.Fprintln(l.w)
		return l.enc.Encode(v)
	case "jsonl":
		return l.enc.Encode(v)
	}
	l.table.add(l.columns(v))
	return nil
}

func (l *listWriter) close() error {
	switch l.format {
	case "json":
		_, err := fmt.Fprintln(l.w, "]")
		return err
	case "table":
		return l.table.writeTo(l.w)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func intOrDash(p *int64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}
