package schema

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// A quad sorts by its key: its subject, predicate, object and label in
// N-Quads (quad.StringOf; "" for none) joined by spaces. The key is
// compared as that string, without being built: a quad's four strings
// are made once for each value the quads sorted share (a component of
// 200,000 linking quads names each claim and article many times), and
// its concatenation was a string of 150 bytes or more a quad, made for
// every quad sorted: 2.7 of the 39 GB a full link of 100,000 articles
// allocated (docs/scale.md).
type sortKey [4]string

// piece returns the key's i-th piece of seven: its strings at even i, the
// spaces between them at odd i.
func (k *sortKey) piece(i int) string {
	if i&1 == 1 {
		return " "
	}
	return k[i>>1]
}

// compare compares a's key with b's as strings.Compare would compare
// them joined.
func (a *sortKey) compare(b *sortKey) int {
	ai, bi := 0, 0
	as, bs := a[0], b[0]
	for {
		for as == "" && ai < 6 {
			ai++
			as = a.piece(ai)
		}
		for bs == "" && bi < 6 {
			bi++
			bs = b.piece(bi)
		}
		if as == "" || bs == "" {
			return cmp.Compare(len(as), len(bs)) // an ended key sorts before a longer one
		}
		n := min(len(as), len(bs))
		if c := strings.Compare(as[:n], bs[:n]); c != 0 {
			return c
		}
		as, bs = as[n:], bs[n:]
	}
}

// ValueStrings makes values' N-Quads strings (quad.StringOf), each once
// for as long as it is kept: sort keys, and N-Quads lines (AppendNQuad).
type ValueStrings map[quad.Value]string

// AppendNQuad appends q's N-Quads line, q.NQuad() and a newline, to b.
func (k ValueStrings) AppendNQuad(b []byte, q quad.Quad) []byte {
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return append(append(b, q.NQuad()...), '\n') // its way of showing what is missing
	}
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
		b = append(append(b, k.str(v)...), ' ')
	}
	if l := k.str(q.Label); l != "" {
		b = append(append(b, l...), ' ')
	}
	return append(b, ".\n"...)
}

func (k ValueStrings) str(v quad.Value) string {
	switch v.(type) {
	case quad.IRI, quad.String, quad.BNode: // comparable map keys, and most values
	default:
		return quad.StringOf(v)
	}
	s, ok := k[v]
	if !ok {
		s = quad.StringOf(v)
		k[v] = s
	}
	return s
}

func (k ValueStrings) key(q quad.Quad) sortKey {
	return sortKey{k.str(q.Subject), k.str(q.Predicate), k.str(q.Object), k.str(q.Label)}
}

func (k ValueStrings) sortKeys(qs []quad.Quad) []sortKey {
	keys := make([]sortKey, len(qs))
	for i, q := range qs {
		keys[i] = k.key(q)
	}
	return keys
}

// SortQuads sorts quads by subject, predicate, object and label (N-Quads strings).
func SortQuads(qs []quad.Quad) {
	sort.Sort(byKey{qs, ValueStrings{}.sortKeys(qs)})
}

// SortQuadsUnique sorts qs as SortQuads does and drops the repeats of a
// quad (the same N-Quads form), in place; it returns the shortened slice.
func SortQuadsUnique(qs []quad.Quad) []quad.Quad { return ValueStrings{}.SortUnique(qs) }

// SortUnique is SortQuadsUnique, keeping in k the values' strings it
// makes, for k's next use (the N-Quads lines of the quads sorted).
func (k ValueStrings) SortUnique(qs []quad.Quad) []quad.Quad {
	keys := k.sortKeys(qs)
	sort.Sort(byKey{qs, keys})
	n := 0
	for i := range qs {
		if i == 0 || keys[i].compare(&keys[n-1]) != 0 {
			qs[n], keys[n] = qs[i], keys[i]
			n++
		}
	}
	clear(qs[n:]) // drop what the tail held for the garbage collector
	return qs[:n]
}

// SortedUnique reports whether qs are sorted as SortQuads sorts them, no
// quad twice (the same N-Quads form).
func SortedUnique(qs []quad.Quad) bool {
	k := ValueStrings{}
	var prev sortKey
	for i, q := range qs {
		key := k.key(q)
		if i > 0 && key.compare(&prev) <= 0 {
			return false
		}
		prev = key
	}
	return true
}

// InsertQuad inserts q into qs, which SortQuads sorted, where SortQuads
// would put it, and returns the longer slice.
func InsertQuad(qs []quad.Quad, q quad.Quad) []quad.Quad {
	k := ValueStrings{}
	key := k.key(q)
	i := sort.Search(len(qs), func(i int) bool {
		ki := k.key(qs[i])
		return ki.compare(&key) > 0
	})
	return slices.Insert(qs, i, q)
}

type byKey struct {
	qs   []quad.Quad
	keys []sortKey
}

func (b byKey) Len() int           { return len(b.qs) }
func (b byKey) Less(i, j int) bool { return b.keys[i].compare(&b.keys[j]) < 0 }
func (b byKey) Swap(i, j int) {
	b.qs[i], b.qs[j] = b.qs[j], b.qs[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}
