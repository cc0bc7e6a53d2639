package dates

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

var (
	months   = map[string]int{}               // january -> 1
	weekdays = map[string]int{}               // sunday -> 0
	words    = map[string]map[string]string{} // word -> class -> value
	relative = map[string][]relCue{}          // first word -> cues, longest first
)

type relCue struct {
	words []string
	rule  string
	arg   int
}

func init() {
	if err := load(); err != nil {
		panic("dates: embedded data: " + err.Error())
	}
}

func rows(name string, nfields int) ([][]string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != nfields {
			return nil, fmt.Errorf("data/%s:%d: want %d tab-separated fields, got %d", name, i+1, nfields, len(f))
		}
		out = append(out, f)
	}
	return out, nil
}

func load() error {
	rs, err := rows("months.tsv", 2)
	if err != nil {
		return err
	}
	for _, r := range rs {
		m, err := strconv.Atoi(r[1])
		if err != nil || m < 1 || m > 12 {
			return fmt.Errorf("months.tsv: %q: bad month %q", r[0], r[1])
		}
		months[r[0]] = m
	}
	if rs, err = rows("weekdays.tsv", 2); err != nil {
		return err
	}
	for _, r := range rs {
		d, err := strconv.Atoi(r[1])
		if err != nil || d < 0 || d > 6 {
			return fmt.Errorf("weekdays.tsv: %q: bad weekday %q", r[0], r[1])
		}
		weekdays[r[0]] = d
	}
	if rs, err = rows("words.tsv", 3); err != nil {
		return err
	}
	for _, r := range rs {
		if words[r[0]] == nil {
			words[r[0]] = map[string]string{}
		}
		words[r[0]][r[1]] = r[2]
	}
	if rs, err = rows("relative.tsv", 2); err != nil {
		return err
	}
	for _, r := range rs {
		f := strings.Fields(r[1])
		c := relCue{words: strings.Fields(r[0]), rule: f[0]}
		if len(f) > 1 {
			if c.arg, err = strconv.Atoi(f[1]); err != nil {
				return fmt.Errorf("relative.tsv: %q: %v", r[0], err)
			}
		}
		k := c.words[0]
		relative[k] = append(relative[k], c)
		sort.SliceStable(relative[k], func(i, j int) bool { return len(relative[k][i].words) > len(relative[k][j].words) })
	}
	return nil
}

func class(w, c string) (string, bool) {
	v, ok := words[w][c]
	return v, ok
}
