package dates

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/internal/datafile"
	monthnames "github.com/claimgraph/claimgraph/loaders/internal/months"
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
	initStarters()
	buildLex()
}

// rows reads one of the package's data files (see loaders/internal/datafile).
func rows(name string, nfields int) ([][]string, error) {
	return datafile.Rows(dataFS, "data/"+name, nfields)
}

func load() error {
	for name, m := range monthnames.Names {
		months[name] = m
	}
	rs, err := rows("weekdays.tsv", 2)
	if err != nil {
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

// Word classes of words.tsv.
const (
	cNumber = iota
	cUnit
	cDaypart
	cRolling
	cYearcue
	cPart
	cRangeto
	nClasses
)

var classNames = [nClasses]string{"number", "unit", "daypart", "rolling", "yearcue", "part", "rangeto"}

// wordInfo is what the data files say of one word: lexInfos[t.info] for a
// token t, so that cue reads it without map lookups.
type wordInfo struct {
	starter   bool // in starters
	month     int  // months[w]
	weekday   int  // weekdays[w], if isWeekday
	isWeekday bool
	has       uint8 // bit c: words[w] has class c
	cls       [nClasses]string
	rel       []relCue // relative[w]
}

// lexInfos[0] is the info of every word not in the data.
var lexInfos = []wordInfo{{}}

// lexTable maps a word to its index in lexInfos: open addressing on an
// FNV-1a hash, faster than a map for the one lookup per token.
var lexTable struct {
	mask   uint32
	maxLen int // the longest key
	keys   []string
	vals   []int16
}

func hashWord(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// lexIndex returns the lexInfos index of w, 0 if the data do not name it.
func lexIndex(w string) int16 {
	if len(w) == 0 || len(w) > lexTable.maxLen {
		return 0
	}
	for h := hashWord(w) & lexTable.mask; ; h = (h + 1) & lexTable.mask {
		k := lexTable.keys[h]
		if k == w {
			return lexTable.vals[h]
		}
		if k == "" {
			return 0
		}
	}
}

func buildLex() {
	all := map[string]bool{}
	for w := range starters {
		all[w] = true
	}
	for w := range months {
		all[w] = true
	}
	for w := range weekdays {
		all[w] = true
	}
	for w := range words {
		all[w] = true
	}
	for w := range relative {
		all[w] = true
	}
	size := 16
	for size < 4*len(all) {
		size *= 2
	}
	lexTable.mask = uint32(size - 1)
	lexTable.keys = make([]string, size)
	lexTable.vals = make([]int16, size)
	keys := make([]string, 0, len(all))
	for w := range all {
		if w != "" {
			keys = append(keys, w)
		}
	}
	sort.Strings(keys)
	for _, w := range keys {
		info := wordInfo{starter: starters[w], month: months[w], rel: relative[w]}
		info.weekday, info.isWeekday = weekdays[w]
		for c, name := range classNames {
			if v, ok := words[w][name]; ok {
				info.has |= 1 << c
				info.cls[c] = v
			}
		}
		lexInfos = append(lexInfos, info)
		h := hashWord(w) & lexTable.mask
		for lexTable.keys[h] != "" {
			h = (h + 1) & lexTable.mask
		}
		lexTable.keys[h] = w
		lexTable.maxLen = max(lexTable.maxLen, len(w))
		lexTable.vals[h] = int16(len(lexInfos) - 1)
	}
}

// class gives the value of word class c of t's word (words.tsv).
func class(t *token, c int) (string, bool) {
	info := &lexInfos[t.info]
	if info.has&(1<<c) == 0 {
		return "", false
	}
	return info.cls[c], true
}
