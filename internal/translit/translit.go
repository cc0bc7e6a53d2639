// Package translit folds the spellings English news gives Arabic place names
// to one transliteration key (Key): "al-Sukhna", "As Sukhnah" and "Sukhnah"
// meet, as do "Deir ez-Zor" and "Dayr az Zawr". The gazetteer indexes its
// names by it and the server's search matches by it; the pieces Key is made
// of (Words, AppendWordKey, AppendJoin ...) are exported for the gazetteer's
// tokeniser, which keys the words of a text one at a time.
//
// translit imports only the standard library.
package translit

import (
	"unicode"
	"unicode/utf8"
)

// Key returns the transliteration key of a place name: two spellings of one
// Arabic name that English news uses interchangeably get the same key. The
// foldings, in order:
//
//  1. Letters are lower-cased and diacritics dropped (ā→a, Ḩ→h, ş→s, ô→o,
//     ı→i, ß→ss); apostrophes, curly quotes and ayn/hamza marks
//     (' ’ ‘ ` ´ ʿ ʾ ʼ ʻ) are dropped without splitting the word
//     (Ma'arrat = Maarrat).
//  2. The name is split into words at any other non-letter, non-digit
//     (spaces, hyphens, dots, parentheses).
//  3. Arabic article words are dropped: al el il ul ad ed adh ar er as es ash
//     esh at et ath az ez an en (al-Sukhnah = Sukhnah, Deir ez-Zor = Deir
//     Zor), unless the name has nothing else. A word after the first that
//     starts with a or e and a doubled sun letter (t d r z s n l) loses the
//     glued article: Ezzor = Zor, Assukhnah = Sukhnah.
//  4. Consonants: q→k, ck→k, dj→j, ch→sh, ph→f, dh→d, th→t.
//  5. A final h after a vowel is dropped (Sukhnah = Sukhna, Hasakeh = Hasake).
//  6. Doubled letters are collapsed (Raqqa = Raqa, Lattakia = Latakia).
//  7. "iya" after a consonant becomes "ia" (Latakiya = Latakia).
//  8. Vowels fold to two classes: the diphthongs ou oo au, and aw ow before a
//     consonant or the end, and the vowels o u become "u" (Kawm = Kowm =
//     Kom, Zour = Zor = Zawr, Douma = Duma); ai ay ei ey ee ie, y between a
//     consonant or vowel and a following consonant, and the vowels a e i
//     become "a" (Deir = Dayr, Idleb = Idlib, Deraa = Daraa, Mayadeen =
//     Mayadin, Sheikh = Shaykh). A y or w before a vowel or at the start of
//     a word stays a consonant (Yarmouk, Mayadin, Hawija).
//  9. Runs of the same letter are collapsed again, also across the word
//     boundaries, and the words are joined without spaces (Abu Kamal =
//     Abukamal, Deir ez-Zor = Deir Ezzor = Deir el-Zour = Deir Ezzour =
//     Dayr az Zawr).
//
// Letters outside the Latin script are kept, lower-cased. Key of a name with
// no letters or digits is "".
func Key(name string) string { return nameKey(name, true) }

// AppendJoin appends a word key to a name key, collapsing a letter repeated
// across the boundary.
func AppendJoin(dst, k []byte) []byte {
	if len(dst) > 0 && len(k) > 0 && dst[len(dst)-1] == k[0] {
		k = k[1:]
	}
	return append(dst, k...)
}

// Words folds s (step 1 of Key) and splits it into words (step 2), appending
// them to dst.
func Words(dst []string, s string) []string {
	var cur []byte
	for _, r := range s {
		switch {
		case IsMark(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = AppendFold(cur, r)
		default:
			if len(cur) > 0 {
				dst = append(dst, string(cur))
				cur = cur[:0]
			}
		}
	}
	if len(cur) > 0 {
		dst = append(dst, string(cur))
	}
	return dst
}

// IsMark reports whether r is an apostrophe, quote or ayn/hamza mark that is
// dropped inside a word.
func IsMark(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '´', 'ʿ', 'ʾ', 'ʼ', 'ʻ', '′':
		return true
	}
	return false
}

// AppendFold appends the lower-case, diacritic-free form of r.
func AppendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if f, ok := foldTable[r]; ok {
		return append(dst, f...)
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

var foldTable = func() map[rune]string {
	m := make(map[rune]string)
	for _, p := range []struct{ from, to string }{
		{"àáâãäåāăąǎȁȃạảấầẩẫậắằẳẵặÀÁÂÃÄÅĀĂĄǍẠ", "a"},
		{"çćĉċčÇĆĈĊČ", "c"},
		{"ďđḍḑḏÐĎĐḌḐḎð", "d"},
		{"èéêëēĕėęěẹẻẽếềểễệÈÉÊËĒĔĖĘĚẸ", "e"},
		{"ĝğġģǧĜĞĠĢǦ", "g"},
		{"ĥħḣḥḧḩḫẖĤĦḢḤḦḨḪ", "h"},
		{"ìíîïĩīĭįıǐịỉÌÍÎÏĨĪĬĮİǏỊ", "i"},
		{"ĵǰĴ", "j"},
		{"ķḳḵĶḲḴ", "k"},
		{"ĺļľŀłḷḻĹĻĽĿŁḶḺ", "l"},
		{"ṁṃṀṂ", "m"},
		{"ñńņňṅṇṉÑŃŅŇṄṆṈ", "n"},
		{"òóôõöøōŏőǒọỏốồổỗộớờởỡợÒÓÔÕÖØŌŎŐǑỌ", "o"},
		{"ŕŗřṙṛṟŔŖŘṘṚṞ", "r"},
		{"śŝşšșṡṣŚŜŞŠȘṠṢ", "s"},
		{"ţťŧțṫṭṯẗŢŤŦȚṪṬṮ", "t"},
		{"ùúûüũūŭůűųǔụủứừửữựṳÙÚÛÜŨŪŬŮŰŲǓỤ", "u"},
		{"ŵẁẃẅŴẀẂẄ", "w"},
		{"ýÿŷỳỹẏÝŸŶỲẎ", "y"},
		{"źżžẑẓẕŹŻŽẐẒẔ", "z"},
		{"əƏ", "e"},
	} {
		for _, r := range p.from {
			m[r] = p.to
		}
	}
	m['ß'], m['æ'], m['Æ'], m['œ'], m['Œ'] = "ss", "ae", "ae", "oe", "oe"
	return m
}()

// IsArticle reports whether a folded word is a form of the Arabic article.
func IsArticle(w string) bool {
	switch w {
	case "al", "el", "il", "ul", "ad", "ed", "adh", "ar", "er", "as", "es", "ash", "esh",
		"at", "et", "ath", "az", "ez", "an", "en":
		return true
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isSun(c byte) bool {
	switch c {
	case 't', 'd', 'r', 'z', 's', 'n', 'l':
		return true
	}
	return false
}

// GluedArticle reports whether a folded word starts with an article glued to
// it (ezzor, assukhnah: a or e and a doubled sun letter, five letters or
// more), which AppendWordKey drops from any word but a name's first.
func GluedArticle(w string) bool {
	return len(w) >= 5 && (w[0] == 'a' || w[0] == 'e') && w[1] == w[2] && isSun(w[1])
}

// StrictKey is Key without the vowel folding (steps 7 and 8): Sukhnah =
// Sukhna, Talbisseh = Talbiseh, but Kerry ≠ Qarah. The gazetteer's Find
// requires it of single-word mentions of towns and villages.
func StrictKey(name string) string { return nameKey(name, false) }

// nameKey joins the keys of a name's words, leaving out the Arabic article
// unless the name is nothing else; fuzzy adds the vowel folding.
func nameKey(name string, fuzzy bool) string {
	words := Words(nil, name)
	nonArticle := 0
	for _, w := range words {
		if !IsArticle(w) {
			nonArticle++
		}
	}
	var out []byte
	first := true
	for _, w := range words {
		if nonArticle > 0 && IsArticle(w) {
			continue
		}
		out = AppendJoin(out, AppendWordKey(nil, w, first, fuzzy))
		first = false
	}
	return string(out)
}

// AppendWordKey appends the key of one folded word (steps 3–8) to dst; first
// tells whether it is the first key word of the name; without fuzzy it
// stops before step 7.
func AppendWordKey(dst []byte, w string, first, fuzzy bool) []byte {
	if !first && GluedArticle(w) {
		w = w[2:] // glued article: ezzor → zor
	}
	// Step 4: consonants.
	var b [64]byte
	s := b[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		var n byte
		if i+1 < len(w) {
			n = w[i+1]
		}
		switch {
		case c == 'q':
			s = append(s, 'k')
		case c == 'c' && n == 'k':
			s = append(s, 'k')
			i++
		case c == 'd' && n == 'j':
			s = append(s, 'j')
			i++
		case c == 'c' && n == 'h':
			s = append(s, 's', 'h')
			i++
		case c == 'p' && n == 'h':
			s = append(s, 'f')
			i++
		case (c == 'd' || c == 't') && n == 'h':
			s = append(s, c)
			i++
		default:
			s = append(s, c)
		}
	}
	// Step 5: final h after a vowel.
	if len(s) > 2 && s[len(s)-1] == 'h' && isVowel(s[len(s)-2]) {
		s = s[:len(s)-1]
	}
	// Step 6: doubled letters.
	s = collapse(s)
	if !fuzzy {
		return append(dst, s...)
	}
	// Step 7: iya → ia.
	for i := 1; i+2 < len(s); i++ {
		if s[i] == 'i' && s[i+1] == 'y' && s[i+2] == 'a' && !isVowel(s[i-1]) {
			s = append(s[:i+1], s[i+2:]...)
		}
	}
	// Step 8: vowel classes.
	start := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		var n, p byte
		if i+1 < len(s) {
			n = s[i+1]
		}
		if i > 0 {
			p = s[i-1]
		}
		endOrCons := n == 0 || (!isVowel(n) && n != 'y' && n != 'w')
		switch {
		case (c == 'o' && (n == 'u' || n == 'o')) || (c == 'a' && n == 'u'):
			dst = append(dst, 'u')
			i++
		case (c == 'a' || c == 'o') && n == 'w' && (i+2 >= len(s) || !isVowel(s[i+2])):
			dst = append(dst, 'u')
			i++
		case c == 'o' || c == 'u':
			dst = append(dst, 'u')
		case c == 'a' || c == 'e' || c == 'i':
			dst = append(dst, 'a')
		case c == 'y' && i > 0 && endOrCons && p != 0:
			dst = append(dst, 'a')
		default:
			dst = append(dst, c)
		}
	}
	// Step 9 (within the word).
	return append(dst[:start], collapse(dst[start:])...)
}

// collapse removes immediately repeated bytes in place.
func collapse(s []byte) []byte {
	if len(s) < 2 {
		return s
	}
	j := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[j-1] {
			s[j] = s[i]
			j++
		}
	}
	return s[:j]
}

// AppendJoinString is AppendJoin for a word key held in a string.
func AppendJoinString(dst []byte, k string) []byte {
	if len(dst) > 0 && len(k) > 0 && dst[len(dst)-1] == k[0] {
		k = k[1:]
	}
	return append(dst, k...)
}
