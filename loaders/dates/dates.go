package dates

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Cues of a Mention.
const (
	CueWeekday  = "weekday"  // on Tuesday, Thursday night, tweeted Wednesday
	CueAbsolute = "absolute" // April 21, 21 April 2019, 20.04.2019, in 2017
	CueRelative = "relative" // yesterday, last month, over the past 48 hours, two days ago
	CueRange    = "range"    // From March 24 to April 20, since April 19
	CueDuration = "duration" // two days of attacks, for 24 hours
	CueMonth    = "month"    // in April, December 2017, mid-April
)

// Mention is one time expression in a sentence, resolved to the days it
// covers.
type Mention struct {
	Start, End int    // byte span in the sentence
	Text       string // the sentence's bytes in [Start, End)
	From, To   time.Time
	// From and To are UTC midnights, both included; a zero From is open
	// ("in recent weeks" has no known start).
	Cue    string // one of the Cue constants
	Night  bool   // Thursday night, overnight, last night
	Approx bool   // in recent weeks, earlier last week, days ago
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

type token struct {
	start, end int
	kind       tokKind
	low        string // lower-case word, the punctuation rune, the digits
	upper      bool
	info       int16 // index in lexInfos of low
	num, ndig  int
}

// tokenizeInto appends the tokens of s to toks. The lower-cased forms of
// words that have upper-case letters are appended to *ar and their low
// strings point into it (see scratch).
func tokenizeInto(s string, toks []token, ar *[]byte) []token {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			t := token{start: i, end: j, kind: tNum, low: s[i:j], ndig: j - i, info: lexIndex(s[i:j])}
			if t.ndig <= 9 {
				t.num, _ = strconv.Atoi(s[i:j])
			} else {
				t.num = -1
			}
			toks = append(toks, t)
			i = j
		default:
			var upper bool
			if c < utf8.RuneSelf {
				if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
					toks = append(toks, token{start: i, end: i + 1, kind: tPunct, low: s[i : i+1], info: lexIndex(s[i : i+1])})
					i++
					continue
				}
				upper = 'A' <= c && c <= 'Z'
			} else {
				r, n := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) {
					toks = append(toks, token{start: i, end: i + n, kind: tPunct, low: s[i : i+n], info: lexIndex(s[i : i+n])})
					i += n
					continue
				}
				upper = unicode.IsUpper(r)
			}
			j := i
			ascii, hasUpper := true, false
			for j < len(s) {
				b := s[j]
				if b < utf8.RuneSelf {
					if 'a' <= b && b <= 'z' || '0' <= b && b <= '9' {
						j++
						continue
					}
					if 'A' <= b && b <= 'Z' {
						hasUpper = true
						j++
						continue
					}
					break
				}
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				ascii = false
				j += n
			}
			w := s[i:j]
			low := w
			switch {
			case ascii && !hasUpper:
			default:
				start := len(*ar)
				if ascii {
					for k := 0; k < len(w); k++ {
						b := w[k]
						if 'A' <= b && b <= 'Z' {
							b += 'a' - 'A'
						}
						*ar = append(*ar, b)
					}
				} else {
					// strings.ToLower of valid UTF-8 is unicode.ToLower of each rune
					for _, r := range w {
						*ar = utf8.AppendRune(*ar, unicode.ToLower(r))
					}
				}
				low = unsafe.String(&(*ar)[start], len(*ar)-start)
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, low: low, upper: upper, info: lexIndex(low)})
			i = j
		}
	}
	return toks
}

func glued(toks []token, k int) bool { return k > 0 && k < len(toks) && toks[k].start == toks[k-1].end }

func (t *token) is(w string) bool { return t.kind != tNum && t.low == w }

// date is a calendar date as written; zero fields are not stated.
type date struct {
	y, m, d  int
	hh, mm   int
	hasClock bool
}

func (d date) time() time.Time {
	return time.Date(d.y, time.Month(d.m), d.d, d.hh, d.mm, 0, 0, time.UTC)
}

func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2099 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func isYear(t *token) bool { return t.kind == tNum && t.ndig == 4 && t.num >= 1900 && t.num <= 2099 }

func month(t *token) int {
	if t.kind != tWord || !t.upper {
		return 0
	}
	return lexInfos[t.info].month
}

func weekday(t *token) (int, bool) {
	if t.kind != tWord || !t.upper {
		return 0, false
	}
	info := &lexInfos[t.info]
	return info.weekday, info.isWeekday
}

// skip returns k advanced over one token equal to any of ps.
func skip(toks []token, k int, ps ...string) int {
	if k < len(toks) {
		for _, p := range ps {
			if toks[k].is(p) {
				return k + 1
			}
		}
	}
	return k
}

// parseDate reads a date at toks[i], a weekday before it allowed. It returns
// the date (y = 0 when no year is written, d = 0 for a month alone) and the
// index after it. Forms: 20.04.2019, 2019-04-20, 02-09-2013, April 20 2019,
// Apr 20th, Jun 142016, Oct. 27 2016, 20 April, 20th of April 2019,
// Saturday, 20 April, 2019, Wed 05 Apr 2017, December 2017 and, with
// monthAlone, April.
func parseDate(toks []token, i int, monthAlone bool) (date, int, bool) {
	if i >= len(toks) {
		return date{}, i, false
	}
	k := i
	if _, ok := weekday(&toks[k]); ok {
		k2 := skip(toks, skip(toks, k+1, "."), ",")
		if k2 < len(toks) {
			if dt, j, ok := parseDate(toks, k2, false); ok && dt.d != 0 {
				return dt, j, true
			}
		}
		return date{}, i, false
	}
	t := &toks[k]
	if t.kind == tNum {
		if dt, j, ok := numericDate(toks, k); ok {
			return dt, clock(toks, j, &dt), true
		}
		if t.ndig > 2 || t.num < 1 || t.num > 31 {
			return date{}, i, false
		}
		j := k + 1
		if j < len(toks) && glued(toks, j) && ordinalSuffix(toks[j].low) {
			j++
		}
		j = skip(toks, j, "of")
		if j < len(toks) {
			if m := month(&toks[j]); m != 0 {
				dt := date{m: m, d: t.num}
				j = skip(toks, j+1, ".")
				j = year(toks, j, &dt)
				if !dayValid(dt) {
					return date{}, i, false
				}
				return dt, clock(toks, j, &dt), true
			}
		}
		return date{}, i, false
	}
	m := month(t)
	if m == 0 {
		return date{}, i, false
	}
	dt := date{m: m}
	j := skip(toks, k+1, ".")
	if j < len(toks) && toks[j].kind == tNum {
		n := &toks[j]
		switch {
		case n.ndig <= 2 && n.num >= 1 && n.num <= 31:
			dt.d = n.num
			j++
			if j < len(toks) && glued(toks, j) && ordinalSuffix(toks[j].low) {
				j++
			}
			j = year(toks, j, &dt)
			if !dayValid(dt) {
				return date{}, i, false
			}
			return dt, clock(toks, j, &dt), true
		case isYear(n):
			dt.y = n.num
			return dt, j + 1, true
		case n.ndig == 5 || n.ndig == 6: // "Jun 142016": "Jun 14, 2016" with the comma stripped
			d, y := n.num/10000, n.num%10000
			if valid(y, dt.m, d) {
				dt.d, dt.y = d, y
				return dt, clock(toks, j+1, &dt), true
			}
		}
	}
	if monthAlone {
		return dt, k + 1, true
	}
	return date{}, i, false
}

// dayValid checks the day of a date, in a leap year when no year is written.
func dayValid(dt date) bool {
	y := dt.y
	if y == 0 {
		y = 2000
	}
	return valid(y, dt.m, dt.d)
}

func ordinalSuffix(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

// year reads an optional ", 2019" at toks[j].
func year(toks []token, j int, dt *date) int {
	k := skip(toks, j, ",")
	if k < len(toks) && isYear(&toks[k]) {
		dt.y = toks[k].num
		return k + 1
	}
	return j
}

// clock reads an optional time of day at toks[j]: "16:37", "- 09:00", "00:00:00".
func clock(toks []token, j int, dt *date) int {
	k := skip(toks, j, "-", "at")
	if k+2 < len(toks) && toks[k].kind == tNum && toks[k].ndig <= 2 && toks[k+1].is(":") && glued(toks, k+1) &&
		glued(toks, k+2) && toks[k+2].kind == tNum && toks[k+2].ndig == 2 && toks[k].num < 24 && toks[k+2].num < 60 {
		dt.hh, dt.mm, dt.hasClock = toks[k].num, toks[k+2].num, true
		k += 3
		if k+1 < len(toks) && toks[k].is(":") && glued(toks, k) && toks[k+1].kind == tNum && glued(toks, k+1) {
			k += 2
		}
		return k
	}
	return j
}

// numericDate reads 20.04.2019, 2019-04-20, 02-09-2013, 04/20/2019, 20.04.19.
func numericDate(toks []token, k int) (date, int, bool) {
	if k+4 >= len(toks) {
		return date{}, k, false
	}
	a, s1, b, s2, c := &toks[k], &toks[k+1], &toks[k+2], &toks[k+3], &toks[k+4]
	if s1.kind != tPunct || s1.low != s2.low || !strings.Contains(".-/", s1.low) || b.kind != tNum || c.kind != tNum {
		return date{}, k, false
	}
	for g := k + 1; g <= k+4; g++ {
		if !glued(toks, g) {
			return date{}, k, false
		}
	}
	var dt date
	switch {
	case a.ndig == 4 && b.ndig <= 2 && c.ndig <= 2:
		dt = date{y: a.num, m: b.num, d: c.num}
	case a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2):
		y := c.num
		if c.ndig == 2 {
			y += 2000
		}
		dt = date{y: y, m: b.num, d: a.num}
		if s1.low == "/" && b.num > 12 { // US order 04/20/2019
			dt.m, dt.d = a.num, b.num
		}
	default:
		return date{}, k, false
	}
	if !valid(dt.y, dt.m, dt.d) {
		return date{}, k, false
	}
	j := k + 5
	// ISO time: 2016-06-14T10:00:00Z
	if j < len(toks) && glued(toks, j) && toks[j].kind == tWord && len(toks[j].low) > 1 && toks[j].low[0] == 't' {
		if h, err := strconv.Atoi(toks[j].low[1:]); err == nil && h < 24 && j+2 < len(toks) && toks[j+1].is(":") && toks[j+2].kind == tNum {
			dt.hh, dt.mm, dt.hasClock = h, toks[j+2].num, true
			j += 3
			for j+1 < len(toks) && glued(toks, j) && (toks[j].is(":") || toks[j].is(".")) && toks[j+1].kind == tNum {
				j += 2
			}
			if j < len(toks) && glued(toks, j) && (toks[j].is("z")) {
				j++
			}
		}
	}
	return dt, j, true
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ParsePublished reads a publication stamp: "2019-04-20", "Last Update:
// 2019-04-20 00:00:00", "Published 20.04.2019 16:37", "Saturday, 20 April,
// 2019 - 09:00", "Wed 05 Apr 2017", "Jun 142016", "June 14 2016", "14 June
// 2016", "2016-06-14T10:00:00Z", "April 20, 2019". The first date with a
// day and a year wins; the time of day is kept when written, in UTC.
func ParsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	t, _, _, ok := firstIn(s, len(s))
	return t, ok
}

// firstIn is first over the tokens of s, made in pooled scratch memory:
// first returns no token string, so none outlives the call (see scratch).
func firstIn(s string, limit int) (time.Time, int, int, bool) {
	if !mayHoldDate(s) {
		return time.Time{}, 0, 0, false // what first finds in such text
	}
	sc := scratchPool.Get().(*scratch)
	sc.ar = sc.ar[:0]
	toks := tokenizeInto(s, sc.toks[:0], &sc.ar)
	t, start, end, ok := first(s, toks, limit)
	if cap(toks) <= 1<<16 && cap(sc.ar) <= 1<<20 {
		sc.toks = toks
		scratchPool.Put(sc)
	}
	return t, start, end, ok
}

// mayHoldDate reports whether s may hold a date with a day and a year as
// parseDate reads them: each has four digits in a row (a year, or the
// "142016" of "Jun 142016"), or numbers joined by . - or / (20.04.19).
// Most text has neither, and needs no tokenizing to tell.
func mayHoldDate(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			if digits++; digits == 4 {
				return true
			}
			continue
		}
		digits = 0
		if (c == '.' || c == '-' || c == '/') && i > 0 && i+1 < len(s) && isDigitByte(s[i-1]) && isDigitByte(s[i+1]) {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// first finds the first date with a day and a year that starts before byte limit.
func first(s string, toks []token, limit int) (time.Time, int, int, bool) {
	for i := 0; i < len(toks) && toks[i].start < limit; i++ {
		if dt, j, ok := parseDate(toks, i, false); ok && dt.y != 0 && dt.d != 0 {
			return dt.time(), toks[i].start, toks[j-1].end, true
		}
	}
	return time.Time{}, 0, 0, false
}

// StampLines and StampBytes bound where FindStamp looks: the first lines of
// an article, as far as a headline, banner and byline reach.
const (
	StampLines = 8
	StampBytes = 400
)

// FindStamp finds the publication stamp of an article: the first date with
// a day and a year in its first StampLines lines and StampBytes bytes
// (header lines, a dateline at the start). start and end are its byte span.
func FindStamp(text string) (t time.Time, start, end int, ok bool) {
	limit := len(text)
	if limit > StampBytes {
		limit = StampBytes
	}
	for n, k := 0, 0; k < limit; k++ {
		if text[k] == '\n' {
			if n++; n == StampLines {
				limit = k
				break
			}
		}
	}
	// tokenize a little past the limit so that a stamp starting before it is whole
	end = limit + 40
	if end > len(text) {
		end = len(text)
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return firstIn(text[:end], limit)
}
