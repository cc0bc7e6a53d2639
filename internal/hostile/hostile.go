// Package hostile generates the hostile articles of issue 14 item 3, at any
// size, for tests and benchmarks: long prose, one endless sentence, a long
// title, thousands of "including N children", URLs and regex-like noise.
// Every generator is deterministic: the same size gives the same bytes.
//
// It imports nothing of claimgraph, so that any package's tests may use it.
package hostile

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Case is one kind of hostile article.
type Case struct {
	Name string
	// Ext is the file extension the article is loaded from: ".txt" or ".json".
	Ext string
	// Make returns an article of about size bytes (its text, or the whole
	// JSON object for ".json").
	Make func(size int) string
}

// Cases lists every kind of hostile article.
var Cases = []Case{
	{"prose", ".txt", Prose},
	{"sentence", ".txt", Sentence},
	{"children", ".txt", Children},
	{"urls", ".txt", URLs},
	{"regexlike", ".txt", Regexlike},
	{"title", ".json", Title},
	{"paragraphs", ".txt", Paragraphs},
}

var places = []string{"Aleppo", "Idlib", "Douma", "Homs", "Hama", "Raqqa", "Deir Ezzor", "Daraa", "Jisr al-Shughur", "Maarat al-Numan"}
var days = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
var sources = []string{"the Syrian Observatory for Human Rights", "SANA", "the White Helmets", "Reuters", "the health ministry", "activists"}

// sentenceAt returns the i-th sentence of ordinary war-report prose.
func sentenceAt(i int) string {
	p, d, s := places[i%len(places)], days[(i/3)%len(days)], sources[(i/7)%len(sources)]
	n := 3 + (i*37)%90
	switch i % 5 {
	case 0:
		return fmt.Sprintf("At least %d people were killed in air strikes on %s on %s, %s said.", n, p, d, s)
	case 1:
		return fmt.Sprintf("According to %s, %d civilians including %d children died in shelling of %s.", s, n, n/3, p)
	case 2:
		return fmt.Sprintf("The death toll in %s has risen to %d, %s reported on %s.", p, n+10, s, d)
	case 3:
		return fmt.Sprintf("Fighting went on in the countryside of %s since April %d, and roads to the city stayed closed.", p, 1+i%28)
	default:
		return fmt.Sprintf("%s said %d fighters were wounded near %s and that another %d were missing.", strings.ToUpper(s[:1])+s[1:], n, p, n/2)
	}
}

// Prose is an article of ordinary sentences, five to a paragraph: what a
// huge but honest article looks like.
func Prose(size int) string {
	var b strings.Builder
	b.WriteString("Air strikes kill dozens across northern Syria\n\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentenceAt(i))
		if i%5 == 4 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Paragraphs is Prose with every sentence its own paragraph.
func Paragraphs(size int) string {
	var b strings.Builder
	b.WriteString("Air strikes kill dozens across northern Syria\n\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentenceAt(i))
		b.WriteString("\n")
	}
	return b.String()
}

// Sentence is one sentence that never ends: words, and every ~170 words a
// figure with a claimant, with no full stop until the last.
func Sentence(size int) string {
	var b strings.Builder
	b.WriteString("Syria war report\n\n")
	filler := " and the fighting went on across the countryside while families fled toward the border in cars and on foot"
	for i := 0; b.Len() < size; i++ {
		if i%9 == 0 {
			fmt.Fprintf(&b, " and %s said %d people were killed in %s", sources[i%len(sources)], 3+i%90, places[i%len(places)])
		}
		b.WriteString(filler)
	}
	b.WriteString(".\n")
	return b.String()
}

// Children is one report listing victims again and again: "including N
// children, including N children, ...".
func Children(size int) string {
	var b strings.Builder
	b.WriteString("Air strike on Douma\n\nThe Syrian Observatory for Human Rights said 50 people were killed in Douma")
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, ", including %d children", i)
	}
	b.WriteString(".\n")
	return b.String()
}

// URLs is a list of links, one after another, with figures in their paths.
func URLs(size int) string {
	var b strings.Builder
	b.WriteString("Links\n\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "https://news.example.org/2019/04/%02d/%d-killed-in-%s.html?id=%d&p=%d.%d ", 1+i%28, i%97, strings.ToLower(places[i%len(places)][:4]), i, i%7, i%13)
	}
	b.WriteString("\n")
	return b.String()
}

// Regexlike is noise of the characters regular expressions and sentence
// splitters care about: brackets, dots, quotes, digits and stars.
func Regexlike(size int) string {
	alphabet := []rune(`()[]{}.*+?\|^$ aZ1-,.:;"'“”’!0 9 x)(.`)
	var b strings.Builder
	b.Grow(size)
	x := uint32(2463534242)
	for b.Len() < size {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteRune(alphabet[x%uint32(len(alphabet))])
	}
	return b.String()
}

// Title is a JSON article whose title is size bytes of headline words, with
// a short text.
func Title(size int) string {
	var t strings.Builder
	for i := 0; t.Len() < size; i++ {
		fmt.Fprintf(&t, "Air strikes kill %d in %s ", 3+i%90, places[i%len(places)])
	}
	data, _ := json.Marshal(map[string]string{
		"id": "title", "title": t.String(), "date": "2019-04-20",
		"text": "At least 12 people were killed in Aleppo on Saturday, the Syrian Observatory for Human Rights said.",
	})
	return string(data)
}
