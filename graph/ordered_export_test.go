package graph

import (
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/claimgraph/claimgraph/schema"
)

// Unordered runs fn with s reading as if it kept no ordered index (as the
// SQL and memory backends do): from Cayley's indexes.
func Unordered(s *Store, fn func()) {
	o := s.ordered
	s.ordered = nil
	defer func() { s.ordered = o }()
	fn()
}

// Ordered says whether s keeps the ordered index.
func Ordered(s *Store) bool { return s.ordered != nil }

// AddUnindexed adds qs to s's Cayley store without the ordered index, as
// an older claimgraph wrote.
func AddUnindexed(s *Store, qs []quad.Quad) error {
	d := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		d[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return s.qs.ApplyDeltas(d, cgraph.IgnoreOpts{IgnoreDup: true})
}

// OrderedKey is the index key of a quad of schema:citation with object o, subject
// s and label l.
func OrderedKey(o, s, l string) string {
	k, _ := orderedKey(quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(schema.Cites), Object: quad.IRI(o), Label: quad.IRI(l)})
	return string(k)
}

// CutOrderedKey reads a key of OrderedKey back.
func CutOrderedKey(k string) (o, s, l string, ok bool) {
	rest := []byte(k)[1:]
	var ok1, ok2, ok3 bool
	o, rest, ok1 = cutShort(rest)
	s, rest, ok2 = cutOrdered(rest)
	l, rest, ok3 = cutShort(rest)
	return o, s, l, ok1 && ok2 && ok3 && len(rest) == 0
}
