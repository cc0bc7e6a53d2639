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

	"github.com/claimgraph/claimgraph/schema"
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
// d2 that the backend's optimiser builds from one index (kv.IndexScan), or
// nil when the backend has none.
func (s *Store) pairIterator(d1 quad.Direction, n1 cgraph.Ref, d2 quad.Direction, n2 cgraph.Ref) cgraph.Iterator {
	o, ok := s.qs.(shape.Optimizer)
	if !ok {
		return nil
	}
	opt, ok := o.OptimizeShape(shape.QuadsAction{Result: d1, Filter: map[quad.Direction]cgraph.Ref{d1: n1, d2: n2}})
	if !ok {
		return nil
	}
	nf, ok := opt.(shape.NodesFrom)
	if !ok {
		return nil
	}
	if _, ok := nf.Quads.(kv.IndexScan); !ok {
		return nil
	}
	return nf.Quads.BuildIterator(s.qs)
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
	for _, p := range []string{schema.Packed, schema.Subject} {
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
