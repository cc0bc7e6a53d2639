package graph

import (
	"bytes"
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/claimgraph/claimgraph/schema"
)

// The link keys: on bolt, the linker's index quads (schema.LinkKeyOf and
// schema.LinkVoterKey, which an incremental relink probes) are not written
// to Cayley's indexes but to a bolt bucket of their own, in the same
// transaction as the component they belong to. They were 40% of what a link
// wrote (318,207 of 796,980 quads at 10,000 articles), and each cost Cayley
// a log entry, four index lists and four reference counts; here a quad is
// one or two keys in one bucket, sorted, so that a transaction's keys
// share pages. A Writer refuses an article with such a quad whose subject,
// object or label is not an IRI (checkArticle), so the bucket holds them
// all.
//
// They stay quads everywhere else: a component's packed quad
// (packed.go) holds them, so replacing or deleting a component finds them,
// and the component's content hash covers them; Store.Out and Store.In
// answer for them from the bucket; the memory and SQL backends keep them
// in Cayley. Gizmo queries, which read Cayley's indexes, do not see them
// on bolt, nor does Stats count them; they are internal, and exports leave
// them out on every backend.
//
// A key is the predicate's code, then the first node (short: appendShort),
// the second (escaped and ended: appendOrdered) and the label (short; ""
// when it is the object, as a schema.LinkKeyOf quad's is). Each quad is
// written subject first, for Out, and a schema.LinkVoterKey quad object
// first too, for In; In for schema.LinkKeyOf, which the relink never asks,
// walks all its keys. A store written before the bucket existed holds the
// quads in Cayley; Open moves them (migrateLinkKeys).
const linkKeysBucket = "claimgraph.linkkeys"

// linkKeysInCayley has bolt stores write the link keys to Cayley, as they
// did before the bucket: for the tests of migrateLinkKeys only.
var linkKeysInCayley = false

// linkKeyCodes are the predicates kept in the bucket, each with the codes
// of its subject-first and object-first keys (0: none).
var linkKeyCodes = map[string][2]byte{
	schema.LinkKeyOf:    {'K', 0},
	schema.LinkVoterKey: {'V', 'v'},
}

// isLinkKeyQuad reports whether q's predicate is one the bucket keeps.
func isLinkKeyQuad(q quad.Quad) bool {
	p, ok := q.Predicate.(quad.IRI)
	if ok {
		_, ok = linkKeyCodes[string(p)]
	}
	return ok
}

// allIRIs reports whether q's subject, object and label are IRIs.
func allIRIs(q quad.Quad) bool {
	_, ok1 := q.Subject.(quad.IRI)
	_, ok2 := q.Object.(quad.IRI)
	_, ok3 := q.Label.(quad.IRI)
	return ok1 && ok2 && ok3
}

// linkKeyOps returns the bucket's keys for q, if its predicate is kept
// there and its subject, object and label are IRIs (a Writer writes no
// other; a store written before the bucket that held one keeps it in
// Cayley, where no read of the keys looks).
func linkKeyOps(q quad.Quad, del bool) ([]orderedOp, bool) {
	p, _ := q.Predicate.(quad.IRI)
	codes, ok := linkKeyCodes[string(p)]
	if !ok || !allIRIs(q) {
		return nil, false
	}
	s, o, l := q.Subject.(quad.IRI), q.Object.(quad.IRI), q.Label.(quad.IRI)
	if l == o {
		l = ""
	}
	key := func(code byte, a, b quad.IRI) orderedOp {
		k := make([]byte, 0, 1+len(a)+len(b)+len(l)+8)
		k = orderedPrefix(k, code, string(a))
		k = appendOrdered(k, string(b))
		return orderedOp{bucket: linkKeysBucket, key: appendShort(k, string(l)), del: del}
	}
	ops := []orderedOp{key(codes[0], s, o)}
	if codes[1] != 0 {
		ops = append(ops, key(codes[1], o, s))
	}
	return ops, true
}

// splitLinkKeys returns the deltas that go to Cayley and the bucket's ops
// for the others.
func splitLinkKeys(deltas []cgraph.Delta) ([]cgraph.Delta, []orderedOp) {
	var kept []cgraph.Delta // nil until the first link key: most batches hold none
	var ops []orderedOp
	for i, d := range deltas {
		o, ok := linkKeyOps(d.Quad, d.Action == cgraph.Delete)
		if !ok {
			if kept != nil {
				kept = append(kept, d)
			}
			continue
		}
		if kept == nil {
			kept = append(make([]cgraph.Delta, 0, len(deltas)), deltas[:i]...)
		}
		ops = append(ops, o...)
	}
	if kept == nil {
		return deltas, nil
	}
	return kept, ops
}

// isLinkKey reports whether the store keeps predicate's quads in the link
// keys' bucket.
func (s *Store) isLinkKey(predicate string) bool {
	_, ok := linkKeyCodes[predicate]
	return ok && s.ordered != nil
}

// linkKeys returns the distinct nodes the bucket pairs with node under
// predicate: its objects (out) or its subjects, sorted by N-Quads form as
// Store.Out and Store.In sort.
func (o *orderedKV) linkKeys(predicate string, node quad.Value, out bool) ([]quad.Value, error) {
	iri, ok := node.(quad.IRI)
	if !ok {
		return nil, nil
	}
	codes := linkKeyCodes[predicate]
	var vals []quad.Value
	err := o.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(linkKeysBucket))
		switch {
		case b == nil:
		case out || codes[1] != 0:
			code := codes[1]
			if out {
				code = codes[0]
			}
			it := &subjects{c: b.Cursor(), prefix: orderedPrefix(nil, code, string(iri))}
			for it.seek(""); it.ok; it.next() {
				vals = append(vals, quad.IRI(it.cur))
			}
		default: // no object-first keys: every key of the predicate
			seen := map[string]bool{}
			c := b.Cursor()
			for k, _ := c.Seek([]byte{codes[0]}); k != nil && k[0] == codes[0]; k, _ = c.Next() {
				subj, rest, ok1 := cutShort(k[1:])
				obj, _, ok2 := cutOrdered(rest)
				if !ok1 || !ok2 {
					return fmt.Errorf("link keys: malformed key %q", k)
				}
				if obj == string(iri) && !seen[subj] {
					seen[subj] = true
					vals = append(vals, quad.IRI(subj))
				}
			}
		}
		return nil
	})
	sortValues(vals, nil)
	return vals, err
}

// heldLinkKeys reports, for each of qs (quads linkKeyOps keys), whether
// the bucket holds it: its subject-first key is there (a quad's keys are
// put and deleted together).
func (o *orderedKV) heldLinkKeys(qs []quad.Quad) ([]bool, error) {
	held := make([]bool, len(qs))
	err := o.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(linkKeysBucket))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for i, q := range qs {
			ops, _ := linkKeyOps(q, false)
			if len(ops) == 0 {
				continue
			}
			k, _ := c.Seek(ops[0].key)
			held[i] = k != nil && bytes.Equal(k, ops[0].key)
		}
		return nil
	})
	return held, err
}

// linkKeysBatch is how many quads a transaction of migrateLinkKeys moves.
const linkKeysBatch = 25_000

// migrateLinkKeys moves the link keys a store written before the bucket
// existed holds in Cayley into the bucket, in transactions of
// linkKeysBatch quads that each write the keys and delete the quads, so
// that a move that stops is finished by the next Open. It calls indexing,
// when not nil, before it moves anything, and the function that returns
// when done. A store without such quads costs two node lookups.
func (s *Store) migrateLinkKeys(ctx context.Context, indexing func() (done func())) error {
	var refs []cgraph.Ref
	for p := range linkKeyCodes {
		pref := s.ref(quad.IRI(p))
		if pref == nil {
			continue
		}
		if err := s.scan(ctx, quad.Predicate, pref, func(r cgraph.Ref) error {
			refs = append(refs, r)
			return nil
		}); err != nil {
			return fmt.Errorf("link keys: reading <%s>: %w", p, err)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	if indexing != nil {
		defer indexing()()
	}
	for start := 0; start < len(refs); start += linkKeysBatch {
		if err := ctx.Err(); err != nil {
			return err // what is moved stays moved: the next Open goes on
		}
		qs, err := s.resolve(ctx, refs[start:min(start+linkKeysBatch, len(refs))])
		if err != nil {
			return fmt.Errorf("link keys: %w", err)
		}
		deltas := make([]cgraph.Delta, 0, len(qs))
		var ops []orderedOp
		for _, q := range qs {
			o, ok := linkKeyOps(q, false)
			if !ok {
				continue // not the linker's: left in Cayley
			}
			ops = append(ops, o...)
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		if len(deltas) == 0 {
			continue
		}
		if _, err := s.ordered.apply(deltas, ops, func() error {
			return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{})
		}); err != nil {
			return fmt.Errorf("link keys: moving %d quads out of Cayley: %w", len(deltas), err)
		}
	}
	return nil
}
