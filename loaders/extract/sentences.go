package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is one sentence of an article with its byte offset in the text.
type sentence struct {
	Text      string
	Offset    int
	Paragraph int  // index of the paragraph (line) it belongs to
	Headline  bool // the headline
	InQuote   bool // inside a quotation that another sentence attributes
}

// abbreviations never end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true, "maj": true,
	"capt": true, "sgt": true, "st": true, "no": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "vs": true, "brig": true, "adm": true,
	"sen": true, "rep": true, "gov": true, "prof": true, "jr": true, "sr": true, "inc": true, "co": true,
}

// splitSentences splits one paragraph (starting at byte offset base of the
// article text) into sentences.
func splitSentences(p string, base, para int) []sentence {
	var out []sentence
	start := 0
	for i := 0; i < len(p); {
		// the next mark; the bytes of other runes are never ASCII
		k := strings.IndexAny(p[i:], ".!?)")
		if k < 0 {
			break
		}
		i += k
		if p[i] == ')' {
			// a photo caption ends with its credit: "... in Aleppo (AP photo) BEIRUT Air strikes ..."
			if end := i + 1; end < len(p) && isCredit(p, start, i) && isBoundary(p, start, i, end) {
				if s := strings.TrimFunc(p[start:end], isSpaceOrBOM); s != "" {
					lead := len(p[start:end]) - len(strings.TrimLeftFunc(p[start:end], isSpaceOrBOM))
					out = append(out, sentence{Text: s, Offset: base + start + lead, Paragraph: para})
				}
				start = end
			}
			i++
			continue
		}
		end := i + 1
		// closing quotes and brackets belong to the sentence
		for end < len(p) {
			r2, w2 := utf8.DecodeRuneInString(p[end:])
			if r2 == '"' || r2 == '”' || r2 == '’' || r2 == ')' || r2 == '\'' {
				end += w2
				continue
			}
			break
		}
		if end < len(p) && !isBoundary(p, start, i, end) {
			i++
			continue
		}
		if s := strings.TrimFunc(p[start:end], isSpaceOrBOM); s != "" {
			lead := len(p[start:end]) - len(strings.TrimLeftFunc(p[start:end], isSpaceOrBOM))
			out = append(out, sentence{Text: s, Offset: base + start + lead, Paragraph: para})
		}
		start = end
		i = end
	}
	if s := strings.TrimFunc(p[start:], isSpaceOrBOM); s != "" {
		lead := len(p[start:]) - len(strings.TrimLeftFunc(p[start:], isSpaceOrBOM))
		out = append(out, sentence{Text: s, Offset: base + start + lead, Paragraph: para})
	}
	return out
}

// credits are the words of a photo credit in parentheses, which ends a
// caption: "(AP photo)", "(Reuters)", "(File photo)".
var credits = map[string]bool{"photo": true, "photos": true, "file": true, "ap": true, "afp": true,
	"reuters": true, "getty": true, "images": true, "epa": true, "anadolu": true, "sana": true}

// isCredit reports whether the parenthesis closing at p[i] holds a photo
// credit (of at most three words, all credit words).
func isCredit(p string, start, i int) bool {
	open := strings.LastIndexByte(p[start:i], '(')
	if open < 0 {
		return false
	}
	words := strings.Fields(strings.ToLower(p[start+open+1 : i]))
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !credits[w] {
			return false
		}
	}
	return true
}

// isBoundary reports whether the mark at p[i] (the sentence running from
// start, the mark's closing quotes ending at end) ends a sentence.
func isBoundary(p string, start, i, end int) bool {
	// followed by a space and then an upper-case letter, a digit or a quote
	j := end
	if j >= len(p) || !unicode.IsSpace(rune(p[j])) {
		return false
	}
	for j < len(p) && unicode.IsSpace(rune(p[j])) {
		j++
	}
	if j >= len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p[j:])
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '(') {
		return false
	}
	if p[i] != '.' {
		return true
	}
	// the word before the dot
	k := i
	for k > start && !unicode.IsSpace(rune(p[k-1])) && p[k-1] != '(' {
		k--
	}
	word := strings.ToLower(strings.Trim(p[k:i], "\"“‘'"))
	if abbreviations[word] {
		return false
	}
	// single capital letters: initials ("George W. Bush")
	if len(word) == 1 && unicode.IsLetter(rune(word[0])) {
		return false
	}
	return true
}

// MaxSentence is the longest sentence extraction reads as one, in bytes: a
// longer run of text without a sentence end (a list of links, a title of a
// megabyte, a sentence of 100,000 words) is read in pieces of at most this
// size, cut between words. No sentence of the corpus comes near (the longest
// is 2.3 KB). It bounds the memory and the time each step spends on one
// sentence, so that a stopped extraction stops soon.
const MaxSentence = 64 << 10

// cutLong appends s to out, in pieces of at most MaxSentence bytes, each cut
// after a space when there is one in its second half, else on a rune
// boundary. A piece's Offset is its own (or -1 for a headline that is not
// in the text).
func cutLong(out []sentence, s sentence) []sentence {
	for len(s.Text) > MaxSentence {
		cut := MaxSentence
		if k := strings.LastIndexByte(s.Text[MaxSentence/2:MaxSentence], ' '); k >= 0 {
			cut = MaxSentence/2 + k + 1
		}
		for cut > 1 && !utf8.RuneStart(s.Text[cut]) {
			cut--
		}
		piece := s
		if piece.Text = strings.TrimRightFunc(s.Text[:cut], isSpaceOrBOM); piece.Text != "" {
			out = append(out, piece)
		}
		rest := strings.TrimLeftFunc(s.Text[cut:], isSpaceOrBOM)
		if s.Offset >= 0 {
			s.Offset += len(s.Text) - len(rest)
		}
		s.Text = rest
	}
	if s.Text != "" {
		out = append(out, s)
	}
	return out
}
