package graph

import (
	"context"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/claimgraph/claimgraph/schema"
)

// UseCayleyWriter makes s write through Cayley's own SQL writer
// (QuadStore.ApplyDeltas) instead of claimgraph's (sqlwrite.go), for the
// tests and benchmarks that compare the two. It does nothing on other
// backends.
func UseCayleyWriter(s *Store) {
	if s.sql != nil {
		s.sql.close()
		s.sql = nil
	}
}

// UseInsertWriter makes s write with multi-row INSERTs instead of COPY, as
// it does on CockroachDB, so that the PostgreSQL tests cover that path too.
func UseInsertWriter(s *Store) {
	if s.sql != nil {
		s.sql.copy = false
	}
}

// WriteLegacy writes the article iri's quads as stores written before the
// packed index hold them: the quads and a subject-index quad for every
// distinct subject (the article's own included), no packed quad.
func WriteLegacy(ctx context.Context, s *Store, iri string, qs []quad.Quad) error {
	a := quad.IRI(iri)
	deltas := make([]cgraph.Delta, 0, 2*len(qs))
	seen := map[quad.Value]bool{}
	for _, q := range qs {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	for _, q := range append([]quad.Quad{{Subject: a}}, qs...) {
		if !seen[q.Subject] {
			seen[q.Subject] = true
			idx := quad.Quad{Subject: a, Predicate: quad.IRI(schema.Subject), Object: q.Subject, Label: a}
			deltas = append(deltas, cgraph.Delta{Quad: idx, Action: cgraph.Add})
		}
	}
	return s.applyDeltas(ctx, deltas)
}

// KeepLinkKeysInCayley makes bolt stores write the link keys to Cayley's
// indexes, as stores written before their bucket hold them, until the
// function it returns is called.
func KeepLinkKeysInCayley() (restore func()) {
	linkKeysInCayley = true
	return func() { linkKeysInCayley = false }
}

// CutShort writes qs, the label's quads (none: its removal), as a Writer
// with Parts and batch size size writes them, but only the first k of its
// transactions, as a write cut short leaves the store. It returns how many
// transactions the whole write takes.
func CutShort(ctx context.Context, s *Store, label string, qs []quad.Quad, size, k int) (int, error) {
	w := s.NewWriter(ctx, WriterOptions{BatchSize: size, Parts: true})
	iri := quad.IRI(label)
	var deltas []cgraph.Delta
	var next quad.Value
	var err error
	if len(qs) > 0 {
		_, deltas, next, err = w.diff(iri, qs, nil)
	} else {
		var content, index []quad.Quad
		content, index, err = s.article(ctx, label)
		for _, q := range append(content, index...) {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		if err == nil {
			next, err = pack(nil)
		}
	}
	if err != nil {
		return 0, err
	}
	own, index := labelParts(iri, deltas, next)
	var parts [][]cgraph.Delta
	for len(own) > 0 {
		n := min(size, len(own))
		parts, own = append(parts, own[:n:n]), own[n:]
	}
	parts = append(parts, index)
	for _, p := range parts[:min(k, len(parts))] {
		if err := s.applyDeltas(ctx, p); err != nil {
			return len(parts), err
		}
	}
	return len(parts), nil
}

// LinkKeys returns every key of a bolt store's link keys' bucket
// (linkkeys.go), quoted, in order.
func LinkKeys(s *Store) ([]string, error) {
	var keys []string
	if s.ordered == nil {
		return nil, nil
	}
	err := s.ordered.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(linkKeysBucket))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			keys = append(keys, strconv.Quote(string(k)))
			return nil
		})
	})
	return keys, err
}
