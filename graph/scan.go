// How the store is walked: quad refs resolved to values, iterators over
// one or two directions of the index, and the scan of the whole store.

package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
)

// resolve turns quad refs into quads, reading each distinct value once and
// all of them in one call (one transaction in the kv backends) rather than
// four reads and a transaction per quad (QuadStore.Quad).
func (s *Store) resolve(ctx context.Context, refs []cgraph.Ref) ([]quad.Quad, error) {
	dirs := len(quad.Directions)
	var want []cgraph.Ref
	index := make(map[interface{}]int, len(refs))
	slot := make([]int, dirs*len(refs)) // the quad's values' places in want, -1 for none
	for i, r := range refs {
		for j, d := range quad.Directions {
			v := s.qs.QuadDirection(r, d)
			if v == nil {
				slot[dirs*i+j] = -1
				continue
			}
			k := v.Key()
			n, ok := index[k]
			if !ok {
				n = len(want)
				index[k] = n
				want = append(want, v)
			}
			slot[dirs*i+j] = n
		}
	}
	vals, err := s.values(ctx, want)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, len(refs))
	for i := range refs {
		for j, d := range quad.Directions {
			if n := slot[dirs*i+j]; n >= 0 {
				out[i].Set(d, vals[n])
			}
		}
	}
	return out, nil
}

// ref returns the store's ref of v, or nil if the store does not hold v.
func (s *Store) ref(v quad.Value) cgraph.Ref {
	if v == nil {
		return nil
	}
	return s.qs.ValueOf(v)
}

// values resolves refs to values; a ref that resolves to nothing is an error.
func (s *Store) values(ctx context.Context, refs []cgraph.Ref) ([]quad.Value, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	vals, err := cgraph.ValuesOf(ctx, s.qs, refs)
	if err != nil {
		return nil, err
	}
	for i, v := range vals {
		if v == nil {
			return nil, fmt.Errorf("cannot read node %v from %s", refs[i].Key(), s.dsn)
		}
	}
	return vals, nil
}

// scan calls fn with every quad that has node in direction d: a fan-out from
// one node, which every backend serves from an index.
func (s *Store) scan(ctx context.Context, d quad.Direction, node cgraph.Ref, fn func(q cgraph.Ref) error) error {
	return drain(ctx, s.qs.QuadIterator(d, node), fn)
}

// drain calls fn with every result of it, then closes it.
func drain(ctx context.Context, it cgraph.Iterator, fn func(q cgraph.Ref) error) error {
	defer it.Close()
	for it.Next(ctx) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// scanPair calls fn with every quad that has n1 in direction d1 and n2 in
// direction d2 (a node's quads of one predicate, in the order scan gives
// them): from one index prefix where the backend has an index on both
// directions (the kv backends index subject-predicate and
// object-predicate-subject), so that only those quads are read, else by
// scan(d1, n1) keeping those with n2.
func (s *Store) scanPair(ctx context.Context, d1 quad.Direction, n1 cgraph.Ref, d2 quad.Direction, n2 cgraph.Ref, fn func(q cgraph.Ref) error) error {
	keep := func(q cgraph.Ref) error {
		if !sameRef(s.qs.QuadDirection(q, d2), n2) {
			return nil
		}
		return fn(q)
	}
	if it := s.pairIterator(d1, n1, d2, n2); it != nil {
		return drain(ctx, it, keep)
	}
	return s.scan(ctx, d1, n1, keep)
}

// pairIterator returns an iterator over the quads with n1 in d1 and n2 in
// d2 read from one index prefix (kv.IndexScan), or nil when the backend
// has no index that starts with the two directions.
//
// Cayley's kv optimiser takes an index only when the filter gives a value
// for each of its directions: for an object and a predicate it never takes
// the object-predicate-subject index (it would need a subject too) and
// falls back to every quad of the object, which for a source many
// articles cite is tens of thousands of quads read from the log to keep a
// few. So when the two directions do not make a whole index, pairIterator
// asks the optimiser for the index of the two plus a third direction and,
// if the two lead it, scans its prefix.
func (s *Store) pairIterator(d1 quad.Direction, n1 cgraph.Ref, d2 quad.Direction, n2 cgraph.Ref) cgraph.Iterator {
	o, ok := s.qs.(shape.Optimizer)
	if !ok {
		return nil
	}
	filter := map[quad.Direction]cgraph.Ref{d1: n1, d2: n2}
	if scan, ok := indexScan(o, d1, filter); ok && len(scan.Index.Dirs) == 2 {
		return scan.BuildIterator(s.qs)
	}
	for _, d3 := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		if d3 == d1 || d3 == d2 {
			continue
		}
		filter[d3] = n1 // any value: only the index chosen is used
		scan, ok := indexScan(o, d1, filter)
		delete(filter, d3)
		if !ok || len(scan.Index.Dirs) < 2 || len(scan.Values) < 2 {
			continue
		}
		lead := scan.Index.Dirs[:2]
		if lead[0] == d1 && lead[1] == d2 || lead[0] == d2 && lead[1] == d1 {
			vals := make([]uint64, 2)
			for i, d := range lead {
				v, ok := filter[d].(kv.Int64Value)
				if !ok {
					return nil
				}
				vals[i] = uint64(v)
			}
			return kv.IndexScan{Index: scan.Index, Values: vals}.BuildIterator(s.qs)
		}
	}
	return nil
}

// indexScan returns the index scan the backend's optimiser builds for the
// quads that match filter, if it builds one.
func indexScan(o shape.Optimizer, result quad.Direction, filter map[quad.Direction]cgraph.Ref) (kv.IndexScan, bool) {
	opt, ok := o.OptimizeShape(shape.QuadsAction{Result: result, Filter: filter})
	if !ok {
		return kv.IndexScan{}, false
	}
	nf, ok := opt.(shape.NodesFrom)
	if !ok {
		return kv.IndexScan{}, false
	}
	scan, ok := nf.Quads.(kv.IndexScan)
	return scan, ok
}

// sameRef reports whether a and b are refs of the same node.
func sameRef(a, b cgraph.Ref) bool {
	return a != nil && b != nil && a.Key() == b.Key()
}

// ScanQuads calls fn with every quad of the store but the Writer's index
// quads (isIndex), in batches of up to batch quads (in the backend's order). It
// resolves the quads' values a batch at a time, each distinct value once
// (resolve), so a pass over the whole store reads each node a few times
// rather than once per quad it is in. skipLabel, when it returns true for a
// label's value, drops the label's quads before their values are read.
func (s *Store) ScanQuads(ctx context.Context, batch int, skipLabel func(quad.Value) bool, fn func([]quad.Quad) error) error {
	if batch <= 0 {
		batch = 20000
	}
	index := s.indexPredicates()
	skipped := map[interface{}]bool{}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var prims []cgraph.Ref
	flush := func() error {
		if len(prims) == 0 {
			return nil
		}
		qs, err := s.resolve(ctx, prims)
		if err != nil {
			return err
		}
		prims = prims[:0]
		return fn(qs)
	}
	for it.Next(ctx) {
		r := it.Result()
		if index(s.qs.QuadDirection(r, quad.Predicate)) {
			continue
		}
		if skipLabel != nil {
			if l := s.qs.QuadDirection(r, quad.Label); l != nil {
				skip, ok := skipped[l.Key()]
				if !ok {
					vals, err := s.values(ctx, []cgraph.Ref{l})
					if err != nil {
						return err
					}
					skip = skipLabel(vals[0])
					skipped[l.Key()] = skip
				}
				if skip {
					continue
				}
			}
		}
		prims = append(prims, r)
		if len(prims) >= batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}

// nodesPairScans is the most predicates Nodes reads with one index scan
// each (Store.scanPair); for more it reads all of a node's quads at once.
const nodesPairScans = 3

// indexPredicates returns a test of whether a predicate ref is one of the
// Writer's index predicates (isIndex).
func (s *Store) indexPredicates() func(p cgraph.Ref) bool {
	var refs []cgraph.Ref
	for _, p := range indexPredicateIRIs {
		if r := s.ref(quad.IRI(p)); r != nil {
			refs = append(refs, r)
		}
	}
	return func(p cgraph.Ref) bool {
		for _, r := range refs {
			if sameRef(p, r) {
				return true
			}
		}
		return false
	}
}
