package schema

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// joinedKey is the key SortQuads sorts by, built: the values' N-Quads
// strings joined by spaces.
func joinedKey(q quad.Quad) string {
	return quad.StringOf(q.Subject) + " " + quad.StringOf(q.Predicate) + " " +
		quad.StringOf(q.Object) + " " + quad.StringOf(q.Label)
}

// TestSortKeyCompare checks that sort keys compare as their joined strings
// do, where one value's string is a prefix of another's and where values
// hold spaces and bytes below a space, which a comparison value by value
// would get wrong.
func TestSortKeyCompare(t *testing.T) {
	words := []string{"", "a", "a ", "a!", "a\x01", "a b", "ab", "b", " ", "a>", "a\"", "é"}
	r := rand.New(rand.NewPCG(1, 2))
	val := func() quad.Value {
		w := words[r.IntN(len(words))]
		switch r.IntN(6) {
		case 0:
			return nil
		case 1:
			return quad.String(w)
		case 2:
			return quad.BNode(w)
		case 3:
			return quad.LangString{Value: quad.String(w), Lang: "en"}
		case 4:
			return quad.Int(r.IntN(12))
		}
		return quad.IRI(w)
	}
	qs := make([]quad.Quad, 3000)
	for i := range qs {
		qs[i] = quad.Quad{Subject: val(), Predicate: val(), Object: val(), Label: val()}
	}
	k := ValueStrings{}
	for i := 0; i < 20000; i++ {
		a, b := qs[r.IntN(len(qs))], qs[r.IntN(len(qs))]
		ka, kb := k.key(a), k.key(b)
		if got, want := ka.compare(&kb), strings.Compare(joinedKey(a), joinedKey(b)); got != want {
			t.Fatalf("compare(%q, %q) = %d, want %d", joinedKey(a), joinedKey(b), got, want)
		}
	}
	got := append([]quad.Quad(nil), qs...)
	SortQuads(got)
	want := append([]quad.Quad(nil), qs...)
	sort.SliceStable(want, func(i, j int) bool { return joinedKey(want[i]) < joinedKey(want[j]) })
	for i := range got {
		if joinedKey(got[i]) != joinedKey(want[i]) {
			t.Fatalf("quad %d: %q, want %q", i, joinedKey(got[i]), joinedKey(want[i]))
		}
	}
	if !SortedUnique(SortQuadsUnique(got)) {
		t.Error("SortQuadsUnique's output is not sorted and unique")
	}
}

// TestAppendNQuad: AppendNQuad writes what quad.Quad.NQuad does, and a
// newline, label or none, values missing or not.
func TestAppendNQuad(t *testing.T) {
	vs := []quad.Value{nil, quad.IRI("a b"), quad.String(""), quad.String("x\n\"y"), quad.BNode("n"),
		quad.LangString{Value: "v", Lang: "ar"}, quad.Int(7), quad.IRI("")}
	k := ValueStrings{}
	var b []byte
	for _, s := range vs {
		for _, p := range vs {
			for _, o := range vs {
				for _, l := range vs {
					q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: l}
					b = k.AppendNQuad(b[:0], q)
					if got, want := string(b), q.NQuad()+"\n"; got != want {
						t.Fatalf("AppendNQuad(%#v) = %q, want %q", q, got, want)
					}
				}
			}
		}
	}
}
