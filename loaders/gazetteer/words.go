// The words of a text as Find reads them: tokenize splits the text, and
// a token folds its word (fold) and keys it (key) only when Find asks,
// into the scratch memory of one Find call (findBuf).

package gazetteer

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/claimgraph/claimgraph/internal/translit"
)

// token is a word of the text.
type token struct {
	start, end int
	sep        byte // what precedes the token: ' ' spaces, '-' a hyphen, '|' anything else
	upper      bool // first letter upper case
	caps       bool // every letter upper case
	article    bool // a form of the Arabic article (see Key)
	keyed      bool
	letters    int
	low        string // folded (Key step 1), only for words that may matter
	kFirst     string // word key as the first word of a name
	kRest      string // word key as a later word
}

// arena holds the folded words and word keys of one Find call. Token
// strings (low, kFirst, kRest) that are not substrings of the text point
// into it: bytes are only ever appended while a Find runs, so a string once
// made is never changed (when append moves the buffer, old strings keep the
// old array alive). No such string outlives the Find call that made it,
// which lets Find reuse the arena (and the token slice) through findPool.
type arena struct{ b []byte }

// since returns the bytes appended from start on as a string.
func (a *arena) since(start int) string {
	if start >= len(a.b) {
		return ""
	}
	return unsafe.String(&a.b[start], len(a.b)-start)
}

// findBuf is the scratch of Find: the memory of one call, and the word keys
// of earlier calls.
type findBuf struct {
	toks []token
	ar   arena
	// keys memoizes the word keys of folded words (AppendWordKey is costly and
	// names recur); its strings are its own, not the arena's
	keys map[string]wordKeys
}

// wordKeys are the keys of a folded word as the first and as a later word
// of a name.
type wordKeys struct{ first, rest string }

// maxKeys bounds findBuf.keys; a full memo starts over.
const maxKeys = 1 << 14

var findPool = sync.Pool{New: func() any {
	return &findBuf{toks: make([]token, 0, 512), ar: arena{b: make([]byte, 0, 1024)}, keys: map[string]wordKeys{}}
}}

// tokenize splits text into words: runs of letters and digits, with
// apostrophes and ayn marks inside a word kept in it. A possessive 's or
// trailing apostrophe is left out of the word.
func tokenize(text string, toks []token) []token {
	spaces, hyphens, other := 0, 0, 1
	for i := 0; i < len(text); {
		c := text[i]
		var upper bool
		if c < utf8.RuneSelf {
			if !isWordByteASCII(c) {
				switch c {
				case ' ', '\t':
					spaces++
				case '-':
					hyphens++
				default:
					other++
				}
				i++
				continue
			}
			upper = 'A' <= c && c <= 'Z'
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				switch {
				case r == '\u00a0':
					spaces++
				case r == '‐' || r == '‑':
					hyphens++
				default:
					other++
				}
				i += size
				continue
			}
			upper = unicode.IsUpper(r)
		}
		t := token{start: i, sep: '|', upper: upper, caps: true}
		switch {
		case other > 0 || hyphens > 1 || (hyphens == 1 && spaces > 0):
		case hyphens == 1:
			t.sep = '-'
		default:
			t.sep = ' '
		}
		spaces, hyphens, other = 0, 0, 0
		t.end, t.letters, t.caps = scanWord(text, i)
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

// scanWord reads the word that starts at text[start]: it returns where it
// ends, how many letters it has, and whether they are all upper case (never
// for fewer than two letters). A mark inside a word (Ma'arrat) is kept in
// it, a possessive 's is not. It works on locals, not on a token, to keep
// tokenize's inner loop in registers.
func scanWord(text string, start int) (end, letters int, caps bool) {
	caps = true
	j := start
	for j < len(text) {
		c := text[j]
		r, size := rune(c), 1
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				letters++
				caps = false
				j++
				continue
			}
			if 'A' <= c && c <= 'Z' {
				letters++
				j++
				continue
			}
			if '0' <= c && c <= '9' {
				j++
				continue
			}
			if c != '\'' && c != '`' {
				break // not a word byte nor a mark
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if c >= utf8.RuneSelf && isWordRune(r) {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					caps = false
				}
			}
			j += size
			continue
		}
		if translit.IsMark(r) && j+size < len(text) && isWordByte(text[j+size]) {
			// Inside a word (Ma'arrat), unless it is a possessive 's.
			n := j + size
			if (text[n] == 's' || text[n] == 'S') && (n+1 == len(text) || !isWordByte(text[n+1])) {
				break
			}
			j = n
			continue
		}
		break
	}
	if letters < 2 {
		caps = false
	}
	return j, letters, caps
}

func isWordByteASCII(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= utf8.RuneSelf
}

// fold fills t.low and t.article. A word of lower-case ASCII letters and
// digits is its own fold: t.low is then a substring of text; other folds go
// to ar.
func (t *token) fold(text string, ar *arena) {
	if t.low != "" {
		return
	}
	w := text[t.start:t.end]
	plain := true
	for k := 0; k < len(w); k++ {
		if c := w[k]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		t.low = w
	} else {
		start := len(ar.b)
		for k := 0; k < len(w); {
			c := w[k]
			if c < utf8.RuneSelf {
				if c != '\'' && c != '`' {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					ar.b = append(ar.b, c)
				}
				k++
				continue
			}
			r, size := utf8.DecodeRuneInString(w[k:])
			k += size
			if translit.IsMark(r) {
				continue
			}
			ar.b = translit.AppendFold(ar.b, r)
		}
		t.low = ar.since(start)
	}
	t.article = translit.IsArticle(t.low)
}

// key fills the word keys, from fb's memo when it has them.
func (t *token) key(fb *findBuf) {
	if t.keyed {
		return
	}
	t.keyed = true
	if k, ok := fb.keys[t.low]; ok {
		t.kFirst, t.kRest = k.first, k.rest
		return
	}
	var k wordKeys
	k.first = string(translit.AppendWordKey(nil, t.low, true, true))
	k.rest = k.first
	if translit.GluedArticle(t.low) {
		// the glued-article rule of AppendWordKey applies to later words only
		k.rest = string(translit.AppendWordKey(nil, t.low, false, true))
	}
	t.kFirst, t.kRest = k.first, k.rest
	if len(fb.keys) >= maxKeys {
		clear(fb.keys)
	}
	fb.keys[strings.Clone(t.low)] = k // t.low may be the arena's
}
