// Package months holds the month names of one data file, months.tsv, that
// both the date reader (loaders/dates) and the figure reader
// (loaders/figure: "April 20" is a date, not a count) use. It imports the
// standard library and loaders/internal/datafile.
package months

import (
	"embed"
	"fmt"
	"strconv"

	"github.com/claimgraph/claimgraph/loaders/internal/datafile"
)

//go:embed months.tsv
var dataFS embed.FS

// Names maps a lower-case month name or abbreviation ("april", "apr") to
// its number, 1 to 12.
var Names = mustRead()

func mustRead() map[string]int {
	m, err := read()
	if err != nil {
		panic("months: embedded data: " + err.Error())
	}
	return m
}

func read() (map[string]int, error) {
	rs, err := datafile.Rows(dataFS, "months.tsv", 2)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rs))
	for _, r := range rs {
		n, err := strconv.Atoi(r[1])
		if err != nil || n < 1 || n > 12 {
			return nil, fmt.Errorf("months.tsv: %q: bad month %q", r[0], r[1])
		}
		out[r[0]] = n
	}
	return out, nil
}
