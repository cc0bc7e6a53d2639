package linking

import (
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
