package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// A label written in parts (WriterOptions.Parts, bolt only).
//
// A bolt transaction holds in memory every page it changes, twice while it
// commits (bbolt's nodes, then the pages spilled from them), and Cayley's
// kv layout spreads a quad's writes over the store by value hash: a node's
// reference count, its index lists, its value. So what a transaction holds
// grows with the quads it writes and, up to every page of those buckets,
// with the store. The largest linking components of 100,000 articles hold
// about 200,000 quads each; written one transaction each they held 1.9 GB
// live at 100k, against about 0.7 GB for the 50,000-quad transactions of
// the articles (heap profiles, docs/scale.md).
//
// A label whose deltas are more than the batch size is written, with
// Parts, in several transactions, so that none is larger than a batch:
//
//  1. a pending quad, <label> <schema.PackedPending> "…" <label>, whose
//     object is the label's new packed quad's (the quads it will hold);
//  2. the label's own deltas (old-only quads deleted, new-only added), a
//     batch at a time;
//  3. its index: the old packed quad and the pending quads deleted, the new
//     packed quad added.
//
// Between 1 and 3 the label is not whole, and the store says so: until its
// packed quad is written, the quads labelled with it are a subset of those
// its packed quad and its pending quads hold, and article reads which of
// those are in the store (recovered). The next write of the label (or its
// removal) then compares with what is there and finishes the job; the
// content-hash shortcut is not taken while a pending quad is there. Only
// the linking output is written so (queries.Link), after the articles and
// before the linking head, which is written last: a link cut short leaves
// no current head, and the next link writes every component again.
//
// Articles are never written in parts: an article is written whole or not
// at all.

// partsOf returns the transactions that write one label's deltas (diff's,
// more than size) in parts, in order: the pending quad, the label's own
// deltas size at a time, and its index.
func partsOf(iri quad.IRI, deltas []cgraph.Delta, size int) [][]cgraph.Delta {
	var own, index []cgraph.Delta
	var packed quad.Value
	for _, d := range deltas {
		if !isIndex(d.Quad) {
			own = append(own, d)
			continue
		}
		index = append(index, d)
		if d.Action == cgraph.Add && d.Quad.Predicate == quad.Value(quad.IRI(schema.Packed)) {
			packed = d.Quad.Object
		}
	}
	var txs [][]cgraph.Delta
	if packed != nil {
		pending := quad.Quad{Subject: iri, Predicate: quad.IRI(schema.PackedPending), Object: packed, Label: iri}
		held := false // left by a write of these very quads that was cut short
		for _, d := range index {
			held = held || d.Action == cgraph.Delete && hashOf(d.Quad) == hashOf(pending)
		}
		if !held {
			txs = append(txs, []cgraph.Delta{{Quad: pending, Action: cgraph.Add}})
			index = append(index, cgraph.Delta{Quad: pending, Action: cgraph.Delete})
		}
	}
	for len(own) > 0 {
		n := min(size, len(own))
		txs = append(txs, own[:n:n])
		own = own[n:]
	}
	return append(txs, index)
}

// writeParts writes the label iri's deltas in parts (partsOf), each part
// one transaction, once every batch before it is written, and reports res
// when the last is. A part the store refuses fails the label alone (an
// ArticleError; its next write finishes it), as a batch's article does.
func (w *Writer) writeParts(iri quad.IRI, res ArticleResult, deltas []cgraph.Delta, origin string) error {
	if err := w.flush(); err != nil {
		return err
	}
	for _, part := range partsOf(iri, deltas, w.opt.BatchSize) {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return err
		}
		if err := w.s.sweepPads(w.ctx); err != nil {
			w.err = fmt.Errorf("graph: write to %s: %w", w.s.dsn, err)
			return w.err
		}
		if err := w.s.applyDeltas(w.ctx, part); err != nil {
			if cerr := w.ctx.Err(); cerr != nil {
				w.err = cerr
				return cerr
			}
			w.failed = append(w.failed, &ArticleError{IRI: string(iri), Origin: origin, Err: err})
			return nil
		}
	}
	if w.opt.OnArticle != nil {
		w.opt.OnArticle(res)
	}
	return nil
}

// recovered returns the quads labelled aref that the store holds, of those
// its packed quads and pending quads (packs, their refs) hold: what a
// label written in parts holds when the write was cut short.
func (s *Store) recovered(ctx context.Context, aref cgraph.Ref, packs []quad.Quad) ([]quad.Quad, error) {
	want := map[cgraph.QuadHash]quad.Quad{}
	var subjects []quad.Value
	seen := map[quad.Value]bool{}
	for _, p := range packs {
		qs, err := unpack(p.Object)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			want[hashOf(q)] = q
			if !seen[q.Subject] {
				seen[q.Subject] = true
				subjects = append(subjects, q.Subject)
			}
		}
	}
	var refs []cgraph.Ref
	for _, subj := range subjects {
		sref := s.ref(subj)
		if sref == nil {
			continue
		}
		err := s.scan(ctx, quad.Subject, sref, func(q cgraph.Ref) error {
			if sameRef(s.qs.QuadDirection(q, quad.Label), aref) {
				refs = append(refs, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	held, err := s.resolve(ctx, refs)
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for _, q := range held {
		if k := hashOf(q); !isIndex(q) {
			if _, ok := want[k]; ok {
				out = append(out, want[k])
				delete(want, k)
			}
		}
	}
	schema.SortQuads(out)
	return out, nil
}
