package figure

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters (and digits after the first letter: "M5")
	tNum                  // a run of digits, see numShape
	tPunct                // one punctuation or symbol rune
)

// numShape classifies a digit token.
type numShape uint8

const (
	nInt      numShape = iota // 27, 1500
	nSep                      // 1,500 or 1,500.5 (thousands separators)
	nDecimal                  // 1.5
	nTime                     // 16:37, 09:00:00
	nDate                     // 20.04.2019, 2019-04-20, 02-09-2013, 2016-06-14T10:00:00Z
	nOrdinal                  // 18th, 1st
	nDecade                   // 1990s
	nSuffixed                 // 12km, 5pm, 3m: digits glued to letters; suffix in lex
	nSci                      // 1e3, 2.5E+4, 1e400 (+Inf): scientific notation
)

// token is one word, number or punctuation rune of a sentence.
type token struct {
	start, end int
	kind       tokKind
	shape      numShape
	upper      bool    // a word starting with an upper-case letter
	joiner     bool    // a "-" with no space on either side ("twenty-seven")
	ndigits    int     // digits in an nInt token
	lex        string  // lower-cased word if it is in the lexicon; the rune for punctuation; suffix for nSuffixed
	flags      uint16  // lexInfo flags of a word
	val        float64 // value of a digit token (nInt, nSep, nDecimal, nOrdinal, nDecade, nSuffixed)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// tokenize splits s into tokens, appending to toks. Spaces separate tokens
// and are dropped.
func tokenize(s string, toks []token) []token {
	var buf [32]byte
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isASCIILetter(c) || c >= utf8.RuneSelf && isLetterAt(s, i):
			j := i
			upper := false
			hasUpper := false
			for j < len(s) {
				b := s[j]
				if isASCIILetter(b) || isDigit(b) {
					if 'A' <= b && b <= 'Z' {
						hasUpper = true
						if j == i {
							upper = true
						}
					}
					j++
					continue
				}
				if b >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(s[j:])
					if unicode.IsLetter(r) {
						if j == i && unicode.IsUpper(r) {
							upper = true
						}
						j += n
						continue
					}
				}
				break
			}
			w := s[i:j]
			var li lexInfo
			if len(w) <= len(buf) {
				if hasUpper {
					for k := 0; k < len(w); k++ {
						b := w[k]
						if 'A' <= b && b <= 'Z' {
							b += 'a' - 'A'
						}
						buf[k] = b
					}
					if low := buf[:len(w)]; mayBeLexicon.MayHaveBytes(low) {
						li = lexicon[string(low)]
					}
				} else if mayBeLexicon.MayHave(w) {
					li = lexicon[w]
				}
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, upper: upper, lex: li.form, flags: li.flags})
			i = j
		case isDigit(c):
			toks, i = tokenizeNumber(s, i, toks)
		default:
			n := 1
			if c >= utf8.RuneSelf {
				_, n = utf8.DecodeRuneInString(s[i:])
			}
			t := token{start: i, end: i + n, kind: tPunct, lex: s[i : i+n]}
			if c == '-' && i > 0 && i+1 < len(s) && !isSpace(s[i-1]) && !isSpace(s[i+1]) {
				t.joiner = true
			}
			toks = append(toks, t)
			i += n
		}
	}
	return toks
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// tokenizeNumber reads the digit run at s[i]: digits joined by , . : / -
// (each followed by a digit), an ISO "T" between digits, and letters glued
// on the end. Runs that fit no shape are split back into plain digit and
// punctuation tokens.
func tokenizeNumber(s string, i int, toks []token) ([]token, int) {
	j := i
	for j < len(s) {
		b := s[j]
		if isDigit(b) {
			j++
			continue
		}
		if (b == ',' || b == '.' || b == ':' || b == '/' || b == '-' || b == 'T') && j+1 < len(s) && isDigit(s[j+1]) {
			j++
			continue
		}
		break
	}
	run := s[i:j]
	if t, ok := scientific(s, i, j); ok {
		return append(toks, t), t.end
	}
	// letters glued on: 18th, 1990s, 12km, 5pm
	k := j
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	suffix := s[j:k]
	t := token{start: i, end: j, kind: tNum}
	if shape, val, nd, ok := classify(run); ok {
		t.shape, t.val, t.ndigits = shape, val, nd
		if suffix != "" && (shape == nInt || shape == nSep || shape == nDecimal) {
			t.end = k
			switch low := lower(suffix); {
			case shape == nInt && (low == "st" || low == "nd" || low == "rd" || low == "th"):
				t.shape = nOrdinal
			case shape == nInt && low == "s" && nd == 4:
				t.shape = nDecade
			case suffix == "T": // a stray ISO T: keep the number alone
				t.end = j
			default:
				t.shape = nSuffixed
				t.lex = lexicon[low].form
				if t.lex == "" {
					t.lex = "?"
				}
			}
		}
		return append(toks, t), t.end
	}
	// split: digit runs and separators
	for p := i; p < j; {
		if isDigit(s[p]) {
			q := p
			for q < j && isDigit(s[q]) {
				q++
			}
			v, _ := strconv.ParseFloat(s[p:q], 64)
			toks = append(toks, token{start: p, end: q, kind: tNum, shape: nInt, val: v, ndigits: q - p})
			p = q
			continue
		}
		pt := token{start: p, end: p + 1, kind: tPunct, lex: s[p : p+1]}
		if s[p] == '-' {
			pt.joiner = true
		}
		toks = append(toks, pt)
		p++
	}
	return toks, j
}

// scientific reads a number in scientific notation whose mantissa is
// s[i:j] ("1e3", "2.5E+4", "1e400"): an exponent of digits glued on and no
// letter after it. Its value may be +Inf; parseQuantity rejects it then.
func scientific(s string, i, j int) (token, bool) {
	if j >= len(s) || s[j]|0x20 != 'e' {
		return token{}, false
	}
	k := j + 1
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	e := k
	for e < len(s) && isDigit(s[e]) {
		e++
	}
	if e == k || e < len(s) && isASCIILetter(s[e]) {
		return token{}, false
	}
	if shape, _, _, ok := classify(s[i:j]); !ok || shape != nInt && shape != nDecimal {
		return token{}, false
	}
	v, err := strconv.ParseFloat(s[i:e], 64)
	if err != nil && v == 0 {
		return token{}, false // not a range error: not a number
	}
	return token{start: i, end: e, kind: tNum, shape: nSci, val: v}, true
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for k := i; k < len(b); k++ {
				if 'A' <= b[k] && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// classify gives the shape of a digit run made of digits and , . : / - T.
func classify(run string) (shape numShape, val float64, ndigits int, ok bool) {
	var groups [8]int // digit counts
	var seps [8]byte
	n := 0
	d := 0
	for k := 0; k < len(run); k++ {
		if isDigit(run[k]) {
			d++
			continue
		}
		if n >= len(seps)-1 {
			return 0, 0, 0, false
		}
		groups[n], seps[n] = d, run[k]
		n++
		d = 0
	}
	groups[n] = d
	if n == 0 {
		v, _ := strconv.ParseFloat(run, 64)
		return nInt, v, d, true
	}
	// thousands separators, optional decimal part
	if seps[0] == ',' && groups[0] >= 1 && groups[0] <= 3 {
		m := 0
		for m < n && seps[m] == ',' && groups[m+1] == 3 {
			m++
		}
		if m == n || (m == n-1 && seps[m] == '.') {
			clean := make([]byte, 0, len(run))
			for k := 0; k < len(run); k++ {
				if run[k] != ',' {
					clean = append(clean, run[k])
				}
			}
			v, err := strconv.ParseFloat(string(clean), 64)
			return nSep, v, 0, err == nil
		}
		return 0, 0, 0, false
	}
	switch {
	case n == 1 && seps[0] == '.':
		v, err := strconv.ParseFloat(run, 64)
		return nDecimal, v, 0, err == nil
	case seps[0] == ':' && groups[0] <= 2 && groups[1] == 2 && (n == 1 || n == 2 && seps[1] == ':' && groups[2] == 2):
		return nTime, 0, 0, true
	case n == 2 && seps[0] == seps[1] && (seps[0] == '.' || seps[0] == '/' || seps[0] == '-') &&
		groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2):
		return nDate, 0, 0, true
	case n >= 2 && seps[0] == '-' && seps[1] == '-' && groups[0] == 4 && groups[1] == 2 && groups[2] == 2:
		// 2019-04-20, optionally followed by T10:00:00
		if n == 2 || seps[2] == 'T' {
			return nDate, 0, 0, true
		}
	case n == 2 && seps[0] == '/' && seps[1] == '/' && groups[0] == 4:
		return nDate, 0, 0, true
	}
	return 0, 0, 0, false
}
