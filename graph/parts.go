package graph

import (
	"context"
	"fmt"
	"slices"

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
// about 200,000 quads each; written one transaction each, their write
// held up to 2.1 GB live at 100k, against about 0.5 GB for the
// 50,000-quad transactions of the articles (docs/scale.md, nineteenth
// session); in parts, 0.8 GB.
//
// A label whose deltas are more than the batch size is written, or
// removed, with Parts, in several transactions, so that none is larger than
// a batch:
//
//  1. a pending quad, <label> <schema.PackedPending> "…" <label>, whose
//     object is the packed value of the quads the label will hold (of none,
//     for a removal), with the first of the label's own deltas: its type
//     first, so that a new component is listed as one from then on;
//  2. the rest of its deltas (old-only quads deleted, new-only added, link
//     keys in their bucket included), a batch at a time;
//  3. its index: the old packed quad and the pending quads deleted, the new
//     packed quad added.
//
// Between 1 and 3 the label is not whole, and the store says so: until its
// packed quad is written, the quads labelled with it are a subset of those
// its packed quad and its pending quads hold, and article reads which of
// those the store holds (recovered). The label's next write or removal
// then compares with what is there and finishes the job; the content-hash
// shortcut is not taken while a pending quad is there. A part the store
// refuses stops the Writer.
//
// Only the linking output is written so (queries.Link): after the
// articles, before the linking head, which is written last. A full link
// rewrites components only when the store's head is missing, pending or
// made by other rules (else its output is what the store holds), so a
// link cut short, or stopped by a refused part, leaves no current head, and
// the next link writes every component again. Articles are never written
// in parts: an article is written whole or not at all.

// labelParts returns what writes one label's deltas (diff's or Remove's,
// more than a transaction holds) in parts: own, the pending quad, whose
// object next is the packed value of the quads the label will hold, and
// the label's own deltas, to be written in order, in as many transactions
// as it takes; then index, one transaction. The label's own quads (its
// type, members, content hash) come first, so that a new label is a
// component from the first transaction on and a link cut short lists it
// among the old ones.
func labelParts(iri quad.IRI, deltas []cgraph.Delta, next quad.Value) (own, index []cgraph.Delta) {
	for _, d := range deltas {
		if isIndex(d.Quad) {
			index = append(index, d)
		} else {
			own = append(own, d)
		}
	}
	rank := func(d cgraph.Delta) int {
		switch {
		case d.Quad.Subject != quad.Value(iri):
			return 2
		case d.Quad.Predicate == quad.Value(quad.IRI(schema.Type)):
			return 0
		}
		return 1
	}
	slices.SortStableFunc(own, func(a, b cgraph.Delta) int { return rank(a) - rank(b) })
	pending := quad.Quad{Subject: iri, Predicate: quad.IRI(schema.PackedPending), Object: next, Label: iri}
	held := false // left by a write of these very quads that was cut short
	for _, d := range index {
		held = held || d.Action == cgraph.Delete && hashOf(d.Quad) == hashOf(pending)
	}
	if !held {
		own = append([]cgraph.Delta{{Quad: pending, Action: cgraph.Add}}, own...)
		index = append(index, cgraph.Delta{Quad: pending, Action: cgraph.Delete})
	}
	return own, index
}

// writeParts writes the label iri's deltas in parts (labelParts; next is
// the packed value of the quads it will hold), each part one transaction
// as large as the Writer's sizer allows (txsize.go), once every batch
// before it is written, and reports res when the last is. A part the store
// refuses stops the Writer (the label is not whole until its next write),
// so that nothing written after it, such as the linking head, says
// otherwise.
func (w *Writer) writeParts(iri quad.IRI, res ArticleResult, deltas []cgraph.Delta, next quad.Value) error {
	if err := w.flush(); err != nil {
		return err
	}
	own, index := labelParts(iri, deltas, next)
	for len(own) > 0 {
		n := min(w.size(), len(own))
		if err := w.writePart(iri, own[:n:n]); err != nil {
			return err
		}
		own = own[n:]
	}
	if err := w.writePart(iri, index); err != nil {
		return err
	}
	if w.opt.OnArticle != nil {
		w.opt.OnArticle(res)
	}
	return nil
}

// writePart writes one part of the label iri in its own transaction. The
// sizer takes what it wrote only when it has measured nothing yet: a
// label's parts are one label's deltas, unlike a batch's, and the last
// parts of the linking output's largest components are mostly link keys,
// which write 1.1-1.4 KB of pages each at 100,000 articles against
// 7-9 KB for a batch's quads. Taken, that rate sized the batches after
// them at up to 40,000 deltas, and they wrote 210 MB of pages each under
// the 64 MB budget (a scratch build printing every transaction of a
// fresh 100k load).
func (w *Writer) writePart(iri quad.IRI, part []cgraph.Delta) error {
	if err := w.ctx.Err(); err != nil {
		w.err = err
		return err
	}
	if err := w.s.sweepPads(w.ctx); err != nil {
		w.err = fmt.Errorf("graph: write to %s: %w", w.s.dsn, err)
		return w.err
	}
	wrote, err := w.s.writeDeltas(w.ctx, part)
	if err != nil {
		if cerr := w.ctx.Err(); cerr != nil {
			err = cerr
		}
		w.err = fmt.Errorf("graph: write %s in parts, cut short (its next write finishes it): %w", iri, err)
		return w.err
	}
	if !w.sizer.measured() {
		// a label's parts size the batches after them only when nothing
		// else has (see writeParts)
		w.sizer.observe(len(part), wrote)
	}
	w.stats.add(wrote)
	return nil
}

// inParts reports whether the Writer writes a label with n deltas in parts.
func (w *Writer) inParts(n int) bool {
	return w.opt.Parts && n > w.size() && w.s.backend == BackendBolt
}

// recovered returns the quads labelled aref that the store holds, of those
// its packed quads and pending quads (packs, their refs) hold: what a
// label written in parts holds when the write was cut short.
func (s *Store) recovered(ctx context.Context, aref cgraph.Ref, packs []quad.Quad) ([]quad.Quad, error) {
	want := map[cgraph.QuadHash]quad.Quad{}
	var subjects []quad.Value
	var keys []quad.Quad // link keys kept in their bucket (linkkeys.go), not in Cayley
	seen := map[quad.Value]bool{}
	for _, p := range packs {
		qs, err := unpack(p.Object)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			k := hashOf(q)
			if _, ok := want[k]; ok {
				continue
			}
			want[k] = q
			if _, ok := linkKeyOps(q, false); ok && s.ordered != nil && !linkKeysInCayley {
				keys = append(keys, q)
				continue
			}
			if !seen[q.Subject] {
				seen[q.Subject] = true
				subjects = append(subjects, q.Subject)
			}
		}
	}
	var out []quad.Quad
	if len(keys) > 0 {
		held, err := s.ordered.heldLinkKeys(keys)
		if err != nil {
			return nil, err
		}
		for i, q := range keys {
			if held[i] {
				out = append(out, q)
			}
		}
	}
	var srefs []cgraph.Ref
	for _, subj := range subjects {
		if sref := s.ref(subj); sref != nil {
			srefs = append(srefs, sref)
		}
	}
	refs, err := s.labelledRefs(ctx, aref, srefs, nil)
	if err != nil {
		return nil, err
	}
	held, err := s.resolve(ctx, refs)
	if err != nil {
		return nil, err
	}
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
