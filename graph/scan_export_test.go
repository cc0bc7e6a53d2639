package graph

import "github.com/cayleygraph/quad"

// PairIndexed reports whether s reads the quads with v1 in d1 and v2 in d2
// from one index prefix (scanPair through pairIterator) rather than every
// quad with v1 in d1.
func PairIndexed(s *Store, d1 quad.Direction, v1 quad.Value, d2 quad.Direction, v2 quad.Value) bool {
	it := s.pairIterator(d1, s.ref(v1), d2, s.ref(v2))
	if it == nil {
		return false
	}
	it.Close()
	return true
}
