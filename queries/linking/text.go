package linking

import (
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Thresholds of text similarity (the share of word triples two articles'
// titles and claim sentences have in common, Jaccard): at nearCopy two
// texts are one report syndicated or lightly rewritten; at sharedText and
// someText they share wording that counts as evidence of one incident (on
// the dev corpus, 39 of 207 pairs of reports of one incident share a tenth
// of their triples, 6 of 2122 pairs of different incidents do).
const (
	nearCopy   = 0.5
	sharedText = 0.25
	someText   = 0.1
)

// shingleSet returns the sorted, distinct hashes of the word triples of an
// article's title and claim sentences (each sentence once), lower-cased.
func shingleSet(d *ldoc) []uint64 {
	var words []string
	add := func(s string) {
		words = append(words, strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
		words = append(words, "") // no triple spans two sentences
	}
	add(d.title)
	for _, s := range d.sentences {
		add(s)
	}
	// one hasher and one buffer for every triple: hashing was most of the
	// cost of a relink's text similarity when each triple allocated its own
	h := fnv.New64a()
	var buf []byte
	out := make([]uint64, 0, len(words))
	for i := 0; i+2 < len(words); i++ {
		if words[i] == "" || words[i+1] == "" || words[i+2] == "" {
			continue
		}
		buf = append(append(append(append(append(buf[:0], words[i]...), ' '), words[i+1]...), ' '), words[i+2]...)
		h.Reset()
		h.Write(buf)
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// similarity is the Jaccard similarity of two articles' word triples. Not
// memoised: merging two sorted sets costs about what a map lookup does, and
// a memo of every pair weighed held 115 MB at 100,000 articles. Safe for
// concurrent use (weighed).
func (l *linker) similarity(a, b *ldoc) float64 {
	if a == b {
		return 1
	}
	x, y := l.shingleOf(a), l.shingleOf(b)
	inter := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] == y[j]:
			inter++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	if union := len(x) + len(y) - inter; union > 0 {
		return float64(inter) / float64(union)
	}
	return 0
}

// shingleOf returns shingleSet(d), memoised (shingleMemo). Safe for
// concurrent use; two goroutines may compute one article's set at once,
// the same set.
func (l *linker) shingleOf(d *ldoc) []uint64 {
	if s, ok := l.shingles.get(d); ok {
		return s
	}
	s := shingleSet(d)
	l.shingles.put(d, s)
	return s
}

// shingleMemo holds articles' word-triple sets. While bounded it holds
// those put since the last turn (cur) and in the turn before (prev), a
// turn every turn articles: weighed asks in time order (candidates), for
// an article's set while its days are weighed and seldom after, and every
// article's set held 172 MB at 100,000 articles. The merges and text
// groups after (cluster, groupTexts) ask in no such order: the memo then
// turns less often (mergeTurn), recomputing some sets for memory that does
// not grow with the store. Unbounded (turn 0), it holds every set put.
// Safe for concurrent use.
type shingleMemo struct {
	mu        sync.Mutex
	turn      int
	cur, prev map[*ldoc][]uint64
}

// bound makes the memo turn every turn articles; 0 unbounds it, keeping
// what it holds.
func (m *shingleMemo) bound(turn int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.turn = turn
}

func (m *shingleMemo) get(d *ldoc) ([]uint64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.cur[d]; ok {
		return s, true
	}
	s, ok := m.prev[d]
	if ok {
		m.putLocked(d, s) // asked for again: kept another turn
	}
	return s, ok
}

func (m *shingleMemo) put(d *ldoc, s []uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(d, s)
}

func (m *shingleMemo) putLocked(d *ldoc, s []uint64) {
	if m.turn > 0 && len(m.cur) >= m.turn {
		m.prev, m.cur = m.cur, nil
	}
	if m.cur == nil {
		m.cur = map[*ldoc][]uint64{}
	}
	m.cur[d] = s
}

// reset drops every set held.
func (m *shingleMemo) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cur, m.prev = nil, nil
}

// groupTexts sets l.text: for each article, the first (by IRI) of the
// articles that are one text with it: copies (copies) and, within a linked
// event, texts that share nearCopy of their word triples (a wire story and
// its lightly edited republication). One text counts once, however many
// outlets carry it.
func (l *linker) groupTexts() {
	parent := map[string]string{}
	var find func(string) string
	find = func(a string) string {
		p, ok := parent[a]
		if !ok || p == a {
			return a
		}
		r := find(p)
		parent[a] = r
		return r
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}
	for i := range l.claims {
		union(l.claims[i].doc.IRI, l.claims[i].report.IRI)
	}
	for _, e := range l.events {
		docs := map[string]*ldoc{}
		for _, u := range e.units {
			docs[l.units[u].doc.IRI] = l.units[u].doc
		}
		iris := make([]string, 0, len(docs))
		for iri := range docs {
			iris = append(iris, iri)
		}
		sort.Strings(iris)
		for i := range iris {
			for j := i + 1; j < len(iris); j++ {
				if l.similarity(docs[iris[i]], docs[iris[j]]) >= nearCopy {
					union(iris[i], iris[j])
				}
			}
		}
	}
	l.text = map[string]string{}
	for i := range l.claims {
		a := l.claims[i].doc.IRI
		l.text[a] = find(a)
	}
}
