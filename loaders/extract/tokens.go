package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of a sentence with its byte span.
type token struct {
	Start, End int    // byte span in the sentence
	Text       string // as written
	Norm       string // lower case, apostrophes and inner dots removed; "" for punctuation
	Punct      rune   // the mark for punctuation tokens, 0 for words
}

// tokenize splits s into words and punctuation. Hyphens split words
// ("al-Masdar" -> "al", "masdar"); apostrophes and dots inside a word are
// dropped from Norm ("Liwa’" -> "liwa", "U.K." -> "uk").
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5+4)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += w2
					continue
				}
				// an apostrophe or dot inside a word ("Liwa’", "U.S.", "1.5")
				if isInner(r2) && j+w2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+w2:])
					if isWordRune(r3) {
						j += w2
						continue
					}
				}
				// trailing apostrophe of "Liwa’ al-Quds" or a dot of "U.S."
				if (r2 == '\'' || r2 == '’') && j > i {
					j += w2
				} else if r2 == '.' && isAbbrevDot(s, i, j) {
					j += w2
				}
				break
			}
			toks = append(toks, token{Start: i, End: j, Text: s[i:j], Norm: normWord(s[i:j])})
			i = j
		case unicode.IsSpace(r) || r == '-':
			i += w
		default:
			toks = append(toks, token{Start: i, End: i + w, Text: s[i : i+w], Punct: r})
			i += w
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isInner(r rune) bool { return r == '\'' || r == '’' || r == '.' || r == '‘' }

// isAbbrevDot reports whether the dot after s[i:j] ends an abbreviation of
// single letters like "U.S." (so "U.S." stays one word).
func isAbbrevDot(s string, i, j int) bool {
	w := s[i:j]
	return strings.Contains(w, ".") && len(w) <= 6
}

// normWord lower-cases a word and drops apostrophes and dots.
func normWord(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' || c == '\'' || c == '.' {
			clean = false
			break
		}
	}
	if clean {
		return w // already lower-case ASCII: no copy
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case '\'', '’', '‘', '.':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normPhrase tokenizes a phrase from a data file into its normalised words.
func normPhrase(p string) []string {
	var out []string
	for _, t := range tokenize(p) {
		if t.Norm != "" {
			out = append(out, t.Norm)
		}
	}
	return out
}
