package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

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
	tw      *tabwriter.Writer
	columns func(v interface{}) []string
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
		l.tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
		fmt.Fprintln(l.tw, strings.Join(header, "\t"))
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
	cols := l.columns(v)
	for i, c := range cols {
		c = strings.ReplaceAll(c, "\t", " ")
		if len(c) > 60 {
			c = c[:57] + "..."
		}
		cols[i] = c
	}
	_, err := fmt.Fprintln(l.tw, strings.Join(cols, "\t"))
	return err
}

func (l *listWriter) close() error {
	switch l.format {
	case "json":
		_, err := fmt.Fprintln(l.w, "]")
		return err
	case "table":
		return l.tw.Flush()
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
