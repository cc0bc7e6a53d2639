package graph

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// Cayley v0.7.7's key-value backends (bolt) mishandle an ApplyDeltas that
// both deletes and adds quads: a node whose reference count falls in the
// batch (it is in more deleted quads than added ones) is left out of the
// nodes resolved for the added quads, which are then stored with that
// direction empty. Replacing an article with one that has fewer claims does
// exactly that (the predicate cg:evidence loses references and is in added
// quads).
//
// The workaround keeps the replace atomic: for every such node the batch
// also adds pad quads
//
//	<node> <padPredicate/i> <padNode> <padNode>    i = 1 … its fall
//
// enough to keep the node's count from falling, and a second transaction
// (deletes only, which Cayley handles) removes them. Should that second
// transaction fail, the pads only hold a few nodes alive; sweepPads, run by
// Open and by every Writer flush, removes them.
//
// Each pad has index keys of its own: Cayley finds a quad it adds or
// deletes (kv hasPrimitive) by intersecting the quad ids under its
// subject-predicate and object-predicate-subject keys and reading the
// candidates from the log one by one. Pads that shared one predicate (the
// form before, <node> <padPredicate> <padNode> <padNode/i>, which sweepPads
// still removes) shared those keys, so writing and deleting n pads of one
// node read n²/2 quads: after a relink of 100k articles stopped between the
// two transactions, Open swept for over 16 minutes.
const (
	padNode      = schema.NS + "writerPad"
	padPredicate = schema.NS + "writerPadOf"
)

// pads returns the pad quads the batch needs on a kv backend, or none.
func pads(deltas []cgraph.Delta) []quad.Quad {
	if !slices.ContainsFunc(deltas, func(d cgraph.Delta) bool { return d.Action == cgraph.Delete }) {
		return nil // adds only: no count falls (and no value need be hashed)
	}
	net := make(map[cgraph.ValueHash]int)
	vals := make(map[cgraph.ValueHash]quad.Value)
	inAdd := make(map[cgraph.ValueHash]bool)
	for _, d := range deltas {
		n := 1
		if d.Action == cgraph.Delete {
			n = -1
		}
		for _, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil {
				continue
			}
			h := cgraph.HashOf(v)
			net[h] += n
			vals[h] = v
			if n > 0 {
				inAdd[h] = true
			}
		}
	}
	var out []quad.Quad
	for h, n := range net {
		if n >= 0 || !inAdd[h] {
			continue
		}
		for i := 1; i <= -n; i++ {
			out = append(out, quad.Quad{
				Subject:   vals[h],
				Predicate: quad.IRI(padPredicate + "/" + strconv.Itoa(i)),
				Object:    quad.IRI(padNode),
				Label:     quad.IRI(padNode),
			})
		}
	}
	return out
}

// applyDeltas applies deltas in one transaction, working around the kv bug
// above.
func (s *Store) applyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	_, err := s.writeDeltas(ctx, deltas)
	return err
}

// writeDeltas is applyDeltas, and returns the bytes of pages the deltas'
// transaction wrote on bolt (orderedKV.apply), 0 elsewhere.
func (s *Store) writeDeltas(ctx context.Context, deltas []cgraph.Delta) (int64, error) {
	if s.sql != nil {
		return 0, s.applySQL(ctx, deltas)
	}
	var padQuads []quad.Quad
	var keys []orderedOp
	if s.backend == BackendBolt {
		if !linkKeysInCayley {
			deltas, keys = splitLinkKeys(deltas) // linkkeys.go
		}
		padQuads = pads(deltas)
		for _, q := range padQuads {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	wrote, err := s.measureKV(deltas, keys, cgraph.IgnoreOpts{})
	if err != nil {
		return 0, err
	}
	if len(padQuads) == 0 {
		return wrote, nil
	}
	del := make([]cgraph.Delta, len(padQuads))
	for i, q := range padQuads {
		del[i] = cgraph.Delta{Quad: q, Action: cgraph.Delete}
	}
	if err := s.applyKV(del, nil, cgraph.IgnoreOpts{}); err != nil {
		return wrote, fmt.Errorf("written, but removing %d pad quads failed (the next write retries): %w", len(padQuads), err)
	}
	return wrote, nil
}

// sweepPads deletes pad quads a failed cleanup left behind, of either form
// (all have the object padNode), in one transaction.
func (s *Store) sweepPads(ctx context.Context) error {
	if s.backend != BackendBolt {
		return nil
	}
	pref := s.ref(quad.IRI(padNode))
	if pref == nil {
		return nil
	}
	var refs []cgraph.Ref
	if err := s.scan(ctx, quad.Object, pref, func(q cgraph.Ref) error {
		refs = append(refs, q)
		return nil
	}); err != nil {
		return err
	}
	if len(refs) == 0 {
		return nil
	}
	del := make([]cgraph.Delta, 0, len(refs))
	for _, r := range refs {
		del = append(del, cgraph.Delta{Quad: s.qs.Quad(r), Action: cgraph.Delete})
	}
	if err := s.applyKV(del, nil, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
		return fmt.Errorf("removing %d pad quads: %w", len(del), err)
	}
	return nil
}

// applyKV applies deltas with Cayley's ApplyDeltas, in one transaction that,
// on bolt, also writes the ordered index's keys for them and the link
// keys' ops (linkkeys.go).
func (s *Store) applyKV(deltas []cgraph.Delta, keys []orderedOp, opts cgraph.IgnoreOpts) error {
	_, err := s.measureKV(deltas, keys, opts)
	return err
}

// measureKV is applyKV, and returns the bytes of pages its transaction
// wrote on bolt (orderedKV.apply), 0 elsewhere.
func (s *Store) measureKV(deltas []cgraph.Delta, keys []orderedOp, opts cgraph.IgnoreOpts) (int64, error) {
	if s.ordered == nil {
		return 0, s.qs.ApplyDeltas(deltas, opts)
	}
	return s.ordered.apply(deltas, keys, func() error { return s.qs.ApplyDeltas(deltas, opts) })
}
