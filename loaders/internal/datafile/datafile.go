// Package datafile reads the data files the loaders embed and users extend:
// UTF-8 text, one record a line, tab-separated fields, '#' comments and blank
// lines skipped. It imports only the standard library.
package datafile

import (
	"fmt"
	"io/fs"
	"strings"
)

// Rows reads file name of fsys and returns its records. With nfields > 0 a
// record with another number of fields is an error "name:line: want N
// tab-separated fields, got M".
func Rows(fsys fs.FS, name string, nfields int) ([][]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if nfields > 0 && len(f) != nfields {
			return nil, fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, i+1, nfields, len(f))
		}
		out = append(out, f)
	}
	return out, nil
}
