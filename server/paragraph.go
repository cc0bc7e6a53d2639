// The evidence paragraph: the line of an article's text that holds a
// claim's evidence sentence, cut around the sentence when it is long.

package server

import (
	"strings"
	"unicode/utf8"
)

// maxParagraph bounds Claim.Paragraph: a longer paragraph is cut to the
// evidence sentence and about half of this on each side of it.
const maxParagraph = 1500

// paragraph returns the paragraph of text (its line: the extractor reads a
// line as a paragraph) that holds the evidence sentence read at byte
// offset off, or found elsewhere in text when it is not at off; "" when
// text does not hold it. A paragraph over maxParagraph bytes is cut, at
// word boundaries, around the sentence, the cuts marked with "…".
func paragraph(text string, off int, evidence string) string {
	if text == "" || evidence == "" {
		return ""
	}
	if off < 0 || off > len(text) || !strings.HasPrefix(text[off:], evidence) {
		if off = strings.Index(text, evidence); off < 0 {
			return ""
		}
	}
	end := off + len(evidence)
	start := strings.LastIndexByte(text[:off], '\n') + 1
	stop := strings.IndexByte(text[end:], '\n')
	if stop < 0 {
		stop = len(text)
	} else {
		stop += end
	}
	if stop-start <= maxParagraph {
		return strings.TrimSpace(text[start:stop])
	}
	pre, post := "", ""
	if lo := off - maxParagraph/2; lo > start {
		start, pre = wordAfter(text, lo), "…"
	}
	if hi := end + maxParagraph/2; hi < stop {
		stop, post = wordBefore(text, hi), "…"
	}
	return pre + strings.TrimSpace(text[start:stop]) + post
}

// wordAfter returns the first index at or after i that starts a word (after
// a space), or i itself when none is near.
func wordAfter(s string, i int) int {
	if j := strings.IndexByte(s[i:min(len(s), i+40)], ' '); j >= 0 {
		return i + j + 1
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// wordBefore returns the last index at or before i that ends a word (before
// a space), or i itself, at a rune boundary, when none is near.
func wordBefore(s string, i int) int {
	if j := strings.LastIndexByte(s[max(0, i-40):i], ' '); j >= 0 {
		return max(0, i-40) + j
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
