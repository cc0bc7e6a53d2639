package extract

import (
	"sort"
	"strings"
	"sync"
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
	var tz tokenizer
	return tz.tokenize(s)
}

// tokenizer is tokenize with scratch memory kept from one sentence to the
// next: the extraction of one article splits all its sentences with one.
type tokenizer struct {
	toks    []token
	norms   []byte     // the sentence's Norms that are not substrings of it
	pending []normSpan // the tokens those Norms are for
}

// tokenizers keeps the scratch memory of tokenizers between articles.
var tokenizers = sync.Pool{New: func() any { return new(tokenizer) }}

// normSpan is the Norm of toks[tok], at norms[start:end].
type normSpan struct{ tok, start, end int }

// tokenize is the package's tokenize. The tokens it returns are the
// caller's; it allocates them at their size, and all the sentence's Norms
// that need a copy as one string.
func (tz *tokenizer) tokenize(s string) []token {
	toks := tz.toks[:0]
	tz.norms, tz.pending = tz.norms[:0], tz.pending[:0]
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := i + w
			for j < len(s) {
				c := s[j]
				if c < utf8.RuneSelf && asciiWord[c] {
					j++
					continue
				}
				r2, w2 := rune(c), 1
				if c >= utf8.RuneSelf {
					r2, w2 = utf8.DecodeRuneInString(s[j:])
				}
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
			word := s[i:j]
			t := token{Start: i, End: j, Text: word, Norm: word}
			if !isNormal(word) {
				start := len(tz.norms)
				tz.norms = appendNorm(tz.norms, word)
				tz.pending = append(tz.pending, normSpan{len(toks), start, len(tz.norms)})
				t.Norm = "" // set below, from the sentence's norms
			}
			toks = append(toks, t)
			i = j
		case unicode.IsSpace(r) || r == '-':
			i += w
		default:
			toks = append(toks, token{Start: i, End: i + w, Text: s[i : i+w], Punct: r})
			i += w
		}
	}
	tz.toks = toks
	out := make([]token, len(toks))
	copy(out, toks)
	norms := string(tz.norms)
	for _, p := range tz.pending {
		out[p.tok].Norm = norms[p.start:p.end]
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord tells the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isInner(r rune) bool { return r == '\'' || r == '’' || r == '.' || r == '‘' }

// isAbbrevDot reports whether the dot after s[i:j] ends an abbreviation of
// single letters like "U.S." (so "U.S." stays one word).
func isAbbrevDot(s string, i, j int) bool {
	w := s[i:j]
	return strings.Contains(w, ".") && len(w) <= 6
}

// normWord lower-cases a word and drops apostrophes and dots.
func normWord(w string) string {
	if isNormal(w) {
		return w // already lower-case ASCII: no copy
	}
	return string(appendNorm(make([]byte, 0, len(w)), w))
}

// isNormal reports whether a word is its own normWord: lower-case ASCII
// without apostrophes and dots.
func isNormal(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' || c == '\'' || c == '.' {
			return false
		}
	}
	return true
}

// appendNorm appends normWord(w) to dst.
func appendNorm(dst []byte, w string) []byte {
	for _, r := range w {
		switch r {
		case '\'', '’', '‘', '.':
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
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

func phraseAt(toks []token, i, n int) string {
	if n <= 0 || i >= len(toks) {
		return ""
	}
	if i+n > len(toks) {
		n = len(toks) - i
	}
	return strings.Join(wordsOf(toks[i:i+n]), " ")
}

func wordsOf(ts []token) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Text)
	}
	return out
}

// tokenIndex returns the index of the first token at or after byte offset b.
func tokenIndex(toks []token, b int) int {
	// tokens are in text order: a binary search, since a sentence of
	// thousands of figures asks for each of them
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= b })
}
