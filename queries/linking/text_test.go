package linking

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/claimgraph/claimgraph/schema"
)

// TestShingleSet: shingleSet hashes each distinct word triple of the title
// and of each claim sentence once (FNV-1a of the lower-cased words joined by
// spaces; no triple spans two sentences), sorted, as the plain definition
// below does, whatever the letters and however often a sentence repeats.
func TestShingleSet(t *testing.T) {
	plain := func(d *schema.Article) []uint64 {
		texts := []string{d.Title}
		seen := map[int]bool{}
		for _, c := range d.Claims {
			if !seen[c.Offset] {
				seen[c.Offset] = true
				texts = append(texts, c.Evidence)
			}
		}
		set := map[uint64]bool{}
		for _, text := range texts {
			w := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			for i := 0; i+2 < len(w); i++ {
				h := fnv.New64a()
				h.Write([]byte(w[i] + " " + w[i+1] + " " + w[i+2]))
				set[h.Sum64()] = true
			}
		}
		out := []uint64{}
		for k := range set {
			out = append(out, k)
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out
	}
	for _, d := range []*schema.Article{
		{Title: "Air strike kills 12 in Idlib"},
		{Title: "Two", Claims: []schema.Claim{{Evidence: "one two"}}},
		{Title: "Shelling of Douma: at least 27 soldiers killed, SOHR says", Claims: []schema.Claim{
			{Offset: 10, Evidence: "At least 27 soldiers were killed, at least 27 soldiers."},
			{Offset: 10, Evidence: "At least 27 soldiers were killed, at least 27 soldiers."},
			{Offset: 90, Evidence: "Soldiers were killed in Douma; the Syrian Observatory said 27."},
		}},
		{Title: "قتل 27 جنديا في دوما", Claims: []schema.Claim{{Offset: 3, Evidence: "ÉTAT ISLAMIQUE a tué 27 soldats à Douma"}}},
	} {
		got, want := shingleSet(newLdoc(d)), plain(d)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: shingleSet = %v, want %v", d.Title, got, want)
		}
	}
	if n := len(shingleSet(newLdoc(&schema.Article{Title: "Air strike kills 12 in Idlib"}))); n != 4 {
		t.Errorf("6 words: %d triples, want 4", n)
	}
}

// TestShingleMemoBounded: bounded, the memo holds at most two turns of
// articles, keeps an article asked for again another turn, and drops those
// not asked for; unbounded, it keeps what it holds and every article put
// after.
func TestShingleMemoBounded(t *testing.T) {
	const turn = 4
	docs := make([]*ldoc, 20)
	for i := range docs {
		docs[i] = &ldoc{ID: fmt.Sprint(i)}
	}
	var m shingleMemo
	m.bound(turn)
	held := func() int { return len(m.cur) + len(m.prev) }
	for i, d := range docs[:10] {
		m.put(d, []uint64{uint64(i)})
		if held() > 2*turn {
			t.Fatalf("after %d put: %d held, want at most %d", i+1, held(), 2*turn)
		}
		if i >= 1 {
			if s, ok := m.get(docs[1]); !ok || s[0] != 1 {
				t.Fatalf("after %d put: article 1, asked for after each, dropped", i+1)
			}
		}
	}
	if _, ok := m.get(docs[0]); ok {
		t.Error("article 0, not asked for in two turns, still held")
	}
	m.bound(0)
	before := held()
	for i, d := range docs[10:] {
		m.put(d, []uint64{uint64(10 + i)})
	}
	if held() != before+10 {
		t.Errorf("unbounded: %d held, want %d", held(), before+10)
	}
	for i, d := range docs[10:] {
		if s, ok := m.get(d); !ok || s[0] != uint64(10+i) {
			t.Errorf("unbounded: article %d dropped", 10+i)
		}
	}
	m.reset()
	if held() != 0 {
		t.Errorf("reset: %d held", held())
	}
}
