package figure

import (
	"math"
	"sync"

	"github.com/claimgraph/claimgraph/schema"
)

// Mention is one number expression in a sentence.
type Mention struct {
	Start, End int    // byte span of the whole expression, qualifier included
	Text       string // the sentence's bytes in [Start, End): "at least 27", "nearly two dozen"
	Qualifier  string // normalised qualifier: "at least", "more than", "nearly", "up to", "less than", "about", "between" or ""
	Value      *int64 // the number as stated (27 for "at least 27", 24 for "two dozen"); nil for "dozens", "several", dates, times, fractions
	Min, Max   *int64 // the interval the expression denotes; nil = open
	Approx     bool   // "some 500", "about 40", "a couple", decimals rounded to a whole number
	Vague      bool   // "several", "a number of", "others", "many"
	Unit       string // "" when it may count people; see the package documentation for the others
	NumStart   int    // byte span of the number itself ("27" in "at least 27")
	NumEnd     int
}

// Figure converts m to the schema's figure.
func (m Mention) Figure() schema.Figure {
	return schema.Figure{Text: m.Text, Qualifier: m.Qualifier, Value: m.Value, Min: m.Min,
		Max: m.Max, Approx: m.Approx, Vague: m.Vague, Unit: m.Unit}
}

// People reports whether m may count people: it has no unit.
func (m Mention) People() bool { return m.Unit == "" }

// MaxValue is the largest number Find reads: 2^53-1, below which every
// integer is exact in a float64 (and sums of a thousand such figures still
// fit an int64). A larger number, however written ("9223372036854775807",
// "99999999999999999999", "20 quintillion", "1e400"), is never wrapped,
// rounded or cut: its Mention has Unit "overflow" and no Value, Min or Max,
// so it is no figure.
const MaxValue = 1<<53 - 1

// Units of numbers that are no figure at all (see MaxValue and Find).
const (
	UnitOverflow = "overflow" // above MaxValue
	UnitNegative = "negative" // "-5": a count is never negative
)

// quantity is a number expression before qualifiers and units are applied.
type quantity struct {
	i, j     int     // token range [i, j) of the number
	end      int     // token index after the expression, unit words included; 0 = j
	val      float64 // stated value, if has
	has      bool
	min, max *int64 // bounds of a quantity without a value (dozens)
	vague    bool
	approx   bool
	unit     string
}

var tokPool = sync.Pool{New: func() any { b := make([]token, 0, 256); return &b }}

// Find returns every number expression in sentence, in text order and
// without overlaps. It never fails: text that is not a number is skipped.
func Find(sentence string) []Mention {
	buf := tokPool.Get().(*[]token)
	toks := tokenize(sentence, (*buf)[:0])
	defer func() {
		if cap(toks) <= 1<<16 {
			*buf = toks
			tokPool.Put(buf)
		}
	}()
	var out []Mention
	for i := 0; i < len(toks); {
		if toks[i].kind == tWord && toks[i].flags == 0 || toks[i].kind == tPunct {
			i++ // fast path: a word that starts nothing
			continue
		}
		if q, ok := date(toks, i); ok {
			out = append(out, mention(sentence, toks, q, i, nil))
			i = q.j
			continue
		}
		if toks[i].flags&fQualifier == 0 {
		} else if e, k := qualifiers.match(toks, i); e != nil {
			ql := e.payload.(qualifier)
			k = skipQuotes(toks, k) // “at least” 69
			if q, ok := parseQuantity(toks, k); ok && q.unit != "date" && q.unit != "time" {
				if ql.rule == "between" {
					if q2, k2, ok := betweenSecond(toks, q); ok {
						out = append(out, between(sentence, toks, i, q, q2))
						i = k2
						continue
					}
				} else {
					q = withUnit(toks, q)
					out = append(out, mention(sentence, toks, q, i, &ql))
					i = max(q.j, q.end)
					continue
				}
			}
		}
		if q, ok := parseQuantity(toks, i); ok {
			if negative(toks, i, out) {
				// "-5 killed": a count is never negative; the sign is part of the number
				m := Mention{Start: toks[i-1].start, End: toks[q.j-1].end, Unit: UnitNegative,
					NumStart: toks[i-1].start, NumEnd: toks[q.j-1].end}
				m.Text = sentence[m.Start:m.End]
				out = append(out, m)
				i = q.j
				continue
			}
			q = withUnit(toks, q)
			out = append(out, mention(sentence, toks, q, i, nil))
			i = max(q.j, q.end)
			continue
		}
		i++
	}
	return out
}

// negative reports whether the number at toks[i] has a minus sign: a "-" or
// "−" glued to its left, itself not glued to a word or number on its left
// ("2011-2015", "S-300" are no negative numbers) nor part of the mention
// before (out's last).
func negative(toks []token, i int, out []Mention) bool {
	if i < 1 || toks[i].kind != tNum {
		return false
	}
	m := &toks[i-1]
	if m.kind != tPunct || m.lex != "-" && m.lex != "\u2212" || m.end != toks[i].start ||
		len(out) > 0 && out[len(out)-1].End > m.start {
		return false
	}
	return i < 2 || toks[i-2].end != m.start || toks[i-2].kind == tPunct
}

// skipQuotes skips closing quotation marks at toks[k].
func skipQuotes(toks []token, k int) int {
	for k < len(toks) && toks[k].kind == tPunct && quoteMarks[toks[k].lex] {
		k++
	}
	return k
}

var quoteMarks = map[string]bool{"\"": true, "'": true, "\u201d": true, "\u201c": true, "\u2019": true}

func betweenSecond(toks []token, q quantity) (quantity, int, bool) {
	k := q.j
	if k < len(toks) && toks[k].lex == "and" {
		if q2, ok := parseQuantity(toks, k+1); ok && (q2.has && q.has && q2.val >= q.val || overflow(q, q2)) {
			q2 = withUnit(toks, q2)
			return q2, max(q2.j, q2.end), true
		}
	}
	return q, 0, false
}

// overflow reports whether one of a "between" pair is above MaxValue: the
// pair is then one expression, and no figure.
func overflow(a, b quantity) bool {
	return a.unit == UnitOverflow && (b.has || b.unit == UnitOverflow) || b.unit == UnitOverflow && a.has
}

func between(s string, toks []token, i int, a, b quantity) Mention {
	m := Mention{Start: toks[i].start, End: toks[max(b.j, b.end)-1].end, Qualifier: "between",
		Unit: b.unit, NumStart: toks[a.i].start, NumEnd: toks[b.j-1].end}
	m.Text = s[m.Start:m.End]
	if overflow(a, b) {
		m.Unit = UnitOverflow
		return m
	}
	// a.val <= b.val (betweenSecond), and rounding keeps the order
	lo, hi := int64(math.Round(a.val)), int64(math.Round(b.val))
	m.Min, m.Max = &lo, &hi
	return m
}

// mention builds the Mention for quantity q, starting at token start (the
// qualifier's first token, or q.i), applying the qualifier's interval rule.
func mention(s string, toks []token, q quantity, start int, ql *qualifier) Mention {
	last := q.j
	if q.end > last {
		last = q.end
	}
	m := Mention{Start: toks[start].start, End: toks[last-1].end, Unit: q.unit,
		NumStart: toks[q.i].start, NumEnd: toks[q.j-1].end, Vague: q.vague, Approx: q.approx}
	m.Text = s[m.Start:m.End]
	if ql != nil {
		m.Qualifier = ql.norm
	}
	if !q.has {
		m.Min, m.Max = q.min, q.max
		if ql != nil && ql.rule == "approx" {
			m.Approx = true
		}
		return m
	}
	if q.val != math.Trunc(q.val) {
		m.Approx = true
	}
	n := int64(math.Round(q.val))
	// one allocation for the value and both bounds
	cells := new([3]int64)
	ptr := func(k int, v int64) *int64 { cells[k] = v; return &cells[k] }
	m.Value = ptr(0, n)
	rule := ""
	if ql != nil {
		rule = ql.rule
	}
	switch rule {
	case "min":
		m.Min = ptr(1, n)
	case "gt":
		m.Min = ptr(1, n+1)
	case "nearly":
		hi := n - 1
		lo := int64(math.Round(0.8 * float64(n)))
		if lo > hi {
			lo = hi
		}
		if hi < 0 {
			lo, hi = 0, 0
		}
		m.Min, m.Max = ptr(1, lo), ptr(2, hi)
	case "max":
		m.Max = ptr(2, n)
	case "lt":
		m.Max = ptr(2, max(n-1, 0)) // "fewer than zero": no count is below 0
	case "approx":
		m.Min, m.Max = ptr(1, n), ptr(2, n)
		m.Approx = true
	default:
		m.Min, m.Max = ptr(1, n), ptr(2, n)
	}
	return m
}

// date matches a calendar date at toks[i]: "April 20", "20 April 2019",
// "Jun 142016" (a comma-stripped "Jun 14, 2016"), "Oct. 27 2016",
// "December 2017", "20.04.2019", "2019-04-20"; and a clock time "16:37".
func date(toks []token, i int) (quantity, bool) {
	t := &toks[i]
	if t.kind == tNum && t.shape == nDate {
		return quantity{i: i, j: i + 1, unit: "date"}, true
	}
	if t.kind == tNum && t.shape == nTime {
		j := i + 1
		if e, k := unitsAfter.match(toks, j); e != nil && e.payload.(string) == "time" {
			j = k
		}
		return quantity{i: i, j: j, unit: "time"}, true
	}
	if t.kind == tWord && t.upper && t.flags&fMonth != 0 {
		k := i + 1
		if k < len(toks) && toks[k].lex == "." && toks[k].start == t.end {
			k++
		}
		if k >= len(toks) || toks[k].kind != tNum {
			return quantity{}, false
		}
		d := &toks[k]
		switch {
		case (d.shape == nInt && d.ndigits <= 2 || d.shape == nOrdinal) && d.val >= 1 && d.val <= 31:
			return quantity{i: i, j: withYear(toks, k+1), unit: "date"}, true
		case d.shape == nInt && d.ndigits == 4 && isYear(d.val):
			return quantity{i: i, j: k + 1, unit: "date"}, true
		case d.shape == nInt && (d.ndigits == 5 || d.ndigits == 6):
			day := math.Floor(d.val / 10000)
			if y := d.val - day*10000; isYear(y) && day >= 1 && day <= 31 {
				return quantity{i: i, j: k + 1, unit: "date"}, true
			}
		}
		return quantity{}, false
	}
	if t.kind == tNum && (t.shape == nInt && t.ndigits <= 2 || t.shape == nOrdinal) && t.val >= 1 && t.val <= 31 {
		k := i + 1
		if k < len(toks) && toks[k].lex == "of" {
			k++
		}
		if k < len(toks) && toks[k].kind == tWord && toks[k].upper && months[toks[k].lex] != 0 {
			k++
			if k < len(toks) && toks[k].lex == "." && toks[k].start == toks[k-1].end {
				k++
			}
			return quantity{i: i, j: withYear(toks, k), unit: "date"}, true
		}
	}
	return quantity{}, false
}

// withYear extends a date ending before toks[k] over a following year
// ("April 20 2019", "20 April, 2019").
func withYear(toks []token, k int) int {
	y := k
	if y < len(toks) && toks[y].lex == "," {
		y++
	}
	if y < len(toks) && toks[y].kind == tNum && toks[y].shape == nInt && toks[y].ndigits == 4 && isYear(toks[y].val) {
		return y + 1
	}
	return k
}

func isYear(v float64) bool { return v >= 1900 && v <= 2099 }

// parseQuantity reads a number at toks[i]: digits, number words, vague
// quantities ("dozens", "several"), ordinals and multiplicatives. A number
// above MaxValue comes back without a value, with Unit "overflow".
func parseQuantity(toks []token, i int) (quantity, bool) {
	q, ok := readQuantity(toks, i)
	if ok && q.has && !(q.val <= MaxValue) { // !(<=): NaN too
		q.has, q.val, q.unit, q.approx = false, 0, UnitOverflow, false
	}
	return q, ok
}

func readQuantity(toks []token, i int) (quantity, bool) {
	if i >= len(toks) {
		return quantity{}, false
	}
	t := &toks[i]
	switch t.kind {
	case tNum:
		return parseDigits(toks, i)
	case tWord:
		if t.flags&(fVague|fNumber) == 0 {
			return quantity{}, false // starts no vague quantity, is no number word
		}
		if e, j := vagues.match(toks, i); e != nil {
			v := e.payload.(vagueQty)
			q := quantity{i: i, j: j, min: v.min, max: v.max, vague: v.vague, approx: v.approx}
			if v.value != nil {
				q.val, q.has = float64(*v.value), true
			}
			return q, true
		}
		if v, ok := multipliers[t.lex]; ok {
			return quantity{i: i, j: i + 1, val: v, has: true, unit: "times"}, true
		}
		if q, ok := parseWords(toks, i); ok {
			return q, true
		}
		if v, ok := ordinals[t.lex]; ok {
			return quantity{i: i, j: i + 1, val: v, has: true, unit: "ordinal"}, true
		}
	}
	return quantity{}, false
}

func parseDigits(toks []token, i int) (quantity, bool) {
	t := &toks[i]
	q := quantity{i: i, j: i + 1, val: t.val, has: true}
	switch t.shape {
	case nDate:
		q.has, q.unit = false, "date"
		return q, true
	case nTime:
		q.has, q.unit = false, "time"
		return q, true
	case nOrdinal:
		q.unit = "ordinal"
		return q, true
	case nDecade:
		q.unit = "year"
		return q, true
	case nSuffixed:
		switch t.lex {
		case "m", "mn", "mln", "million":
			q.val *= 1e6
		case "bn", "b", "billion":
			q.val *= 1e9
		case "k":
			q.val *= 1e3
		default:
			if e := unitsAfter[t.lex]; len(e) > 0 && len(e[len(e)-1].words) == 1 {
				q.unit = e[len(e)-1].payload.(string)
			}
		}
		return q, true
	}
	// scale words after digits: "1.5 million", "300 thousand", "2 dozen"
	if k := skipJoiners(toks, i+1); k < len(toks) {
		if w, ok := cardinals[toks[k].lex]; ok && (w.kind == kScale || w.kind == kHundred || w.kind == kDozen) {
			q.val *= w.val
			q.j = k + 1
		}
	}
	if t.shape == nInt && t.ndigits == 4 && q.j == i+1 && isYear(t.val) && yearLike(toks, i) {
		q.unit = "year"
	}
	return q, true
}

// yearLike tells a year (2011) from a count (2000 people) for a four-digit
// number in 1900-2099: a year cue word or a month before it, or no
// lower-case word after it, make it a year; a qualifier makes it a count.
func yearLike(toks []token, i int) bool {
	if e, _ := qualifiers.matchBefore(toks, i); e != nil {
		return false
	}
	if p := prevWord(toks, i); p >= 0 && toks[p].kind == tWord && (yearCues[toks[p].lex] || toks[p].upper && months[toks[p].lex] != 0) {
		return true
	}
	if i > 0 {
		p := &toks[i-1]
		if p.kind == tWord && (yearCues[p.lex] || p.upper && months[p.lex] != 0) {
			return true
		}
		if p.kind == tPunct && p.lex == "-" && i > 1 && toks[i-2].kind == tNum && toks[i-2].ndigits == 4 {
			return true // 2011-2015
		}
	}
	k := i + 1
	if k >= len(toks) {
		return true
	}
	n := &toks[k]
	if n.kind != tWord || n.upper {
		return true
	}
	return false
}

// prevWord is the index of the token before toks[i], skipping an in-word hyphen; -1 if none.
func prevWord(toks []token, i int) int {
	i--
	if i >= 0 && toks[i].joiner {
		i--
	}
	return i
}

func skipJoiners(toks []token, k int) int {
	for k < len(toks) && toks[k].joiner {
		k++
	}
	return k
}

// parseWords reads a number in words: "twenty-seven", "one hundred and
// fifty", "a dozen", "two dozen", "half a dozen", "two thirds", "a third",
// "twenty-first". The first word decides the forms that start with "half"
// or "a" (leadWords); then every number word is added to the value
// (addWord) until one cannot continue it.
func parseWords(toks []token, i int) (quantity, bool) {
	first, ok := cardinals[toks[i].lex]
	if !ok {
		return quantity{}, false
	}
	if q, ok, done := leadWords(toks, i, first); done {
		return q, ok
	}
	var total, cur float64
	var last numKind
	j := i
	for k := i; ; {
		w, kk, ok := nextNumWord(toks, k)
		if !ok {
			// "twenty-first": tens then an ordinal
			if kk < len(toks) && last == kTens && toks[kk].kind == tWord {
				if o, isOrd := ordinals[toks[kk].lex]; isOrd && o < 10 {
					return quantity{i: i, j: kk + 1, val: total + cur + o, has: true, unit: "ordinal"}, true
				}
			}
			// "two thirds"
			if kk < len(toks) && (last == kUnit || last == kArticle) && cur < 10 && denoms[toks[kk].lex] != 0 && toks[kk].kind == tWord {
				return quantity{i: i, j: kk + 1, unit: "fraction"}, true
			}
			break
		}
		if w.kind == kAnd {
			// only inside a number: "hundred and fifty"
			w2, _, ok := nextNumWord(toks, kk+1)
			if !(ok && (last == kHundred || last == kScale) && (w2.kind == kUnit || w2.kind == kTeen || w2.kind == kTens)) {
				break
			}
			k = kk + 1
			continue
		}
		c, t, ok := addWord(w, last, cur, total)
		if !ok {
			break
		}
		cur, total, last, j = c, t, w.kind, kk+1
		k = kk + 1
		if last == kDozen {
			break
		}
	}
	if j == i || last == kArticle {
		return quantity{}, false
	}
	if toks[i].lex == "one" && notOne(toks, i, j) {
		return quantity{}, false
	}
	return quantity{i: i, j: j, val: total + cur, has: true}, true
}

// nextNumWord returns the number word at toks[k], in-word hyphens skipped,
// and its index; ok is false when that token is no number word.
func nextNumWord(toks []token, k int) (numWord, int, bool) {
	k = skipJoiners(toks, k)
	if k >= len(toks) || toks[k].kind != tWord {
		return numWord{}, k, false
	}
	w, ok := cardinals[toks[k].lex]
	return w, k, ok
}

// leadWords reads the forms a number's first word decides: "and" starts
// none; "half a dozen", "half a million", and "half" alone as a fraction;
// "a third", "a quarter"; and "a" starts a number only before "hundred",
// a scale or "dozen" ("a hundred", "a dozen"). done is false when parsing
// goes on word by word.
func leadWords(toks []token, i int, first numWord) (q quantity, ok, done bool) {
	switch first.kind {
	case kAnd:
		return quantity{}, false, true
	case kHalf:
		if w, k, ok := nextNumWord(toks, i+1); ok && w.kind == kArticle {
			if w2, k2, ok := nextNumWord(toks, k+1); ok && (w2.kind == kDozen || w2.kind == kScale || w2.kind == kHundred) {
				return quantity{i: i, j: k2 + 1, val: w2.val / 2, has: true}, true, true
			}
		}
		return quantity{i: i, j: i + 1, unit: "fraction"}, true, true
	case kArticle:
		w, k, ok := nextNumWord(toks, i+1)
		if !ok {
			if k < len(toks) && denoms[toks[k].lex] != 0 {
				// "a quarter of a million" is a number, "a quarter" a fraction
				if q, ok := fractionOfScale(toks, i, k); ok {
					return q, true, true
				}
				return quantity{i: i, j: k + 1, unit: "fraction"}, true, true
			}
			return quantity{}, false, true
		}
		if w.kind != kHundred && w.kind != kScale && w.kind != kDozen {
			return quantity{}, false, true
		}
	}
	return quantity{}, false, false
}

// fractionOfScale reads "a quarter of a million", "a third of a million"
// (the article at i, the denominator at k): the scale divided by the
// denominator.
func fractionOfScale(toks []token, i, k int) (quantity, bool) {
	if k+1 >= len(toks) || toks[k+1].lex != "of" {
		return quantity{}, false
	}
	a, ka, ok := nextNumWord(toks, k+2)
	if !ok || a.kind != kArticle {
		return quantity{}, false
	}
	sc, ks, ok := nextNumWord(toks, ka+1)
	if !ok || sc.kind != kScale {
		return quantity{}, false
	}
	return quantity{i: i, j: ks + 1, val: sc.val / denoms[toks[k].lex], has: true}, true
}

// addWord adds the number word w to a number read so far: total, and cur
// since its last scale word ("million", "thousand"), after a word of kind
// last (0 before the first). ok is false, and the number ends before w,
// when w cannot follow last: "seven eight", "twenty thirty", "dozen
// hundred", "a" after any word.
func addWord(w numWord, last numKind, cur, total float64) (float64, float64, bool) {
	switch w.kind {
	case kUnit, kTeen:
		if last == kUnit || last == kTeen || last == kTens && w.kind == kTeen || last == kArticle || last == kDozen {
			return cur, total, false
		}
		cur += w.val
	case kTens:
		if last == kUnit || last == kTeen || last == kTens || last == kArticle || last == kDozen {
			return cur, total, false
		}
		cur += w.val
	case kHundred:
		if last == kHundred || last == kDozen || last == 0 || math.Mod(cur, 100) == 0 && cur != 0 && last != kArticle {
			return cur, total, false
		}
		if cur == 0 {
			cur = 1
		}
		cur *= 100
	case kScale:
		if last == 0 || last == kScale || last == kDozen {
			return cur, total, false
		}
		if cur == 0 {
			cur = 1
		}
		total += cur * w.val
		cur = 0
	case kDozen:
		if last == 0 || last == kDozen || last == kScale || last == kHundred {
			return cur, total, false
		}
		cur *= 12
	case kArticle:
		if last != 0 {
			return cur, total, false
		}
		cur = 1
	default:
		return cur, total, false
	}
	return cur, total, true
}

// notOne reports uses of "one" that are not a number: "no one", "one another".
func notOne(toks []token, i, j int) bool {
	if j != i+1 {
		return false
	}
	if i > 0 && toks[i-1].lex == "no" {
		return true
	}
	return j < len(toks) && toks[j].lex == "another"
}

// partitives are the determiners of "two of their vehicles".
var partitives = map[string]bool{"their": true, "its": true, "the": true, "his": true, "her": true, "our": true, "these": true, "those": true}

// npStops end the noun phrase after a partitive: prepositions, conjunctions
// and the verbs that follow a count.
var npStops = map[string]bool{"in": true, "at": true, "on": true, "from": true, "of": true, "near": true, "with": true,
	"by": true, "inside": true, "aboard": true, "and": true, "or": true, "were": true, "was": true, "died": true, "killed": true}

// isPartitive reports whether toks[j:] starts "of their", "of the" ...
func isPartitive(toks []token, j int) bool {
	return j+1 < len(toks) && toks[j].lex == "of" && partitives[toks[j+1].lex]
}

// withUnit gives q the unit its context implies: words after it ("square
// kilometers", "years old", "percent"), words before it ("aged", "$",
// "Resolution"), or a model designation glued on with a hyphen ("S-300").
func withUnit(toks []token, q quantity) quantity {
	if q.unit != "" && q.unit != "year" {
		return q
	}
	if e, k := unitsAfter.match(toks, q.j); e != nil {
		u := e.payload.(string)
		if q.unit == "" || u == "time" {
			q.unit = u
			if u != "object" {
				q.end = k // the measure is part of the expression: "4,000 square kilometers"
			}
			return q
		}
	}
	// "four residential neighborhoods", "two armoured vehicles": counted
	// things past one describing word
	if q.unit == "" && q.j+1 < len(toks) && toks[q.j].kind == tWord {
		if e, _ := unitsAfter.match(toks, q.j+1); e != nil && e.payload.(string) == "object" {
			q.unit = "object"
			return q
		}
	}
	// "two of their machinegun-equipped vehicles": counted things after a
	// partitive, past a few describing words
	if q.unit == "" && isPartitive(toks, q.j) {
		// the noun phrase only: up to three words (a hyphenated compound is
		// one), ending at a preposition or a verb ("four of the victims died
		// in airstrikes" counts victims, not airstrikes)
		for k, words := q.j+2, 0; k < len(toks) && toks[k].kind == tWord && !npStops[toks[k].lex] && words < 3; k++ {
			for k+2 < len(toks) && toks[k+1].joiner && toks[k+2].kind == tWord {
				k += 2 // "machinegun-equipped"
			}
			words++
			if e, _ := unitsAfter.match(toks, k); e != nil && e.payload.(string) == "object" {
				q.unit = "object"
				return q
			}
		}
	}
	if e, _ := unitsBefore.matchBefore(toks, q.i); e != nil {
		q.unit = e.payload.(string)
		return q
	}
	if q.unit == "" && q.i >= 2 && toks[q.i].kind == tNum {
		p := &toks[q.i-1]
		if p.joiner && toks[q.i-2].kind == tWord {
			q.unit = "id"
		}
	}
	return q
}
