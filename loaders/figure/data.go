package figure

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/internal/datafile"
	monthnames "github.com/claimgraph/claimgraph/loaders/internal/months"
	"github.com/claimgraph/claimgraph/loaders/internal/wordfilter"
)

//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// lexicon interns the lower-case form of every word the data files use;
// the tokenizer gives a word its lexicon form (or "" when it is unknown), so
// matching compares interned strings and never allocates.
var lexicon = map[string]lexInfo{}

// mayBeLexicon holds the words of lexicon (intern adds them to both): the
// tokenizer looks up only the words it passes, few of those lexicon lacks.
var mayBeLexicon wordfilter.Filter

// lexInfo is a lexicon word's interned form and what it may start.
type lexInfo struct {
	form  string
	flags uint16
}

const (
	fQualifier  uint16 = 1 << iota // starts a qualifier phrase
	fVague                         // starts a vague quantity
	fNumber                        // number word, ordinal, denominator or multiplier
	fMonth                         // month name
	fUnitBefore                    // starts a units.tsv "before" phrase
)

type numKind uint8

const (
	kUnit numKind = iota + 1
	kTeen
	kTens
	kHundred
	kScale
	kArticle
	kDozen
	kHalf
	kAnd
)

type numWord struct {
	kind numKind
	val  float64
}

type qualifier struct {
	norm string // normalised qualifier
	rule string // min gt nearly max lt approx between
}

type vagueQty struct {
	value, min, max *int64
	vague, approx   bool
}

// phrase tables, keyed by the first word's lexicon form.
type entry struct {
	words   []string // lexicon forms; in-word hyphens dropped
	payload any
}

type phraseTable map[string][]*entry

var (
	cardinals   = map[string]numWord{}
	ordinals    = map[string]float64{}
	denoms      = map[string]float64{}
	multipliers = map[string]float64{}
	months      = map[string]int{}
	yearCues    = map[string]bool{}
	qualifiers  = phraseTable{}
	vagues      = phraseTable{}
	unitsAfter  = phraseTable{}
	unitsBefore = phraseTable{}
)

func init() {
	if err := load(); err != nil {
		panic("figure: embedded data: " + err.Error())
	}
	for w := range npStops {
		intern(w)
	}
	for w := range partitives {
		intern(w)
	}
	for w, li := range lexicon {
		if len(qualifiers[w]) > 0 {
			li.flags |= fQualifier
		}
		if len(vagues[w]) > 0 {
			li.flags |= fVague
		}
		_, c := cardinals[w]
		_, o := ordinals[w]
		_, d := denoms[w]
		_, m := multipliers[w]
		if c || o || d || m {
			li.flags |= fNumber
		}
		if months[w] != 0 {
			li.flags |= fMonth
		}
		if len(unitsBefore[w]) > 0 {
			li.flags |= fUnitBefore
		}
		lexicon[w] = li
	}
}

func intern(w string) string {
	w = strings.ToLower(w)
	if v, ok := lexicon[w]; ok {
		return v.form
	}
	lexicon[w] = lexInfo{form: w}
	mayBeLexicon.Add(w)
	return w
}

// rows reads one of the package's data files (see loaders/internal/datafile).
func rows(name string, nfields int) ([][]string, error) {
	return datafile.Rows(dataFS, "data/"+name, nfields)
}

// phraseWords tokenizes a data phrase the way sentences are tokenized.
func phraseWords(p string) []string {
	for _, f := range strings.Fields(p) {
		intern(f)
	}
	// words must be interned before tokenizing so that the tokenizer finds them
	var ws []string
	for _, t := range tokenize(p, nil) {
		switch {
		case t.joiner:
		case t.kind == tWord:
			ws = append(ws, intern(p[t.start:t.end]))
		case t.kind == tNum && t.shape == nSuffixed:
			ws = append(ws, intern(p[t.start:t.end]))
		default:
			ws = append(ws, intern(p[t.start:t.end]))
		}
	}
	return ws
}

func (pt phraseTable) add(phrase string, payload any) {
	ws := phraseWords(phrase)
	if len(ws) == 0 {
		return
	}
	pt[ws[0]] = append(pt[ws[0]], &entry{words: ws, payload: payload})
	sort.SliceStable(pt[ws[0]], func(i, j int) bool { return len(pt[ws[0]][i].words) > len(pt[ws[0]][j].words) })
}

func optInt(s string) (*int64, error) {
	if s == "-" {
		return nil, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func load() error {
	kinds := map[string]numKind{"unit": kUnit, "teen": kTeen, "tens": kTens, "hundred": kHundred,
		"scale": kScale, "article": kArticle, "dozen": kDozen, "half": kHalf, "and": kAnd}
	rs, err := rows("numbers.tsv", 3)
	if err != nil {
		return err
	}
	for _, r := range rs {
		w := intern(r[0])
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			return fmt.Errorf("numbers.tsv: %q: %v", r[0], err)
		}
		switch r[2] {
		case "ordinal":
			ordinals[w] = v
		case "denom":
			denoms[w] = v
		case "times":
			multipliers[w] = v
		default:
			k, ok := kinds[r[2]]
			if !ok {
				return fmt.Errorf("numbers.tsv: %q: unknown kind %q", r[0], r[2])
			}
			cardinals[w] = numWord{kind: k, val: v}
		}
	}
	for name, m := range monthnames.Names {
		months[intern(name)] = m
	}
	b, err := dataFS.ReadFile("data/yearcues.txt")
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			yearCues[intern(line)] = true
		}
	}
	if rs, err = rows("qualifiers.tsv", 3); err != nil {
		return err
	}
	rules := map[string]bool{"min": true, "gt": true, "nearly": true, "max": true, "lt": true, "approx": true, "between": true}
	for _, r := range rs {
		if !rules[r[2]] {
			return fmt.Errorf("qualifiers.tsv: %q: unknown rule %q", r[0], r[2])
		}
		qualifiers.add(r[0], qualifier{norm: r[1], rule: r[2]})
	}
	if rs, err = rows("vague.tsv", 5); err != nil {
		return err
	}
	for _, r := range rs {
		var q vagueQty
		if q.value, err = optInt(r[1]); err == nil {
			if q.min, err = optInt(r[2]); err == nil {
				q.max, err = optInt(r[3])
			}
		}
		if err != nil {
			return fmt.Errorf("vague.tsv: %q: %v", r[0], err)
		}
		q.vague = strings.Contains(r[4], "vague")
		q.approx = strings.Contains(r[4], "approx")
		vagues.add(r[0], q)
	}
	if rs, err = rows("units.tsv", 3); err != nil {
		return err
	}
	for _, r := range rs {
		switch r[0] {
		case "after":
			unitsAfter.add(r[1], r[2])
		case "before":
			unitsBefore.add(r[1], r[2])
		default:
			return fmt.Errorf("units.tsv: %q: side must be after or before, not %q", r[1], r[0])
		}
	}
	return nil
}

// tokLex is the form a token is matched on: the lexicon form of a word or
// a glued suffix, the rune of a punctuation token.
func tokLex(t *token) string {
	if t.kind == tNum {
		return ""
	}
	return t.lex
}

// match finds the longest phrase of pt starting at toks[i], skipping in-word
// hyphens; it returns the entry and the index after the phrase.
func (pt phraseTable) match(toks []token, i int) (*entry, int) {
	i = skipJoiners(toks, i)
	if i >= len(toks) {
		return nil, i
	}
	cands := pt[tokLex(&toks[i])]
	if len(cands) == 0 {
		return nil, i
	}
next:
	for _, e := range cands {
		k := i
		for _, w := range e.words {
			for k < len(toks) && toks[k].joiner {
				k++
			}
			if k >= len(toks) || tokLex(&toks[k]) != w {
				continue next
			}
			k++
		}
		return e, k
	}
	return nil, i
}

// matchBefore finds the longest phrase of pt that ends right before toks[i].
func (pt phraseTable) matchBefore(toks []token, i int) (*entry, int) {
	var best *entry
	bestStart := i
	for start := i - 1; start >= 0 && start >= i-4; start-- {
		if e, end := pt.match(toks, start); e != nil && end == i {
			best, bestStart = e, start
		}
	}
	return best, bestStart
}
