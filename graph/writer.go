package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// DefaultBatchSize is the number of quads a Writer gathers, in whole
// articles, before it writes them in one transaction. Fewer transactions
// rewrite fewer of bolt's pages (Cayley's index lists and reference counts
// are spread over the store by hash) and hold more of them in memory until
// they commit: at 10,000 articles, 50,000 loads 12 % faster than 20,000
// for about 200 MB more, and 100,000 no faster (docs/scale.md).
const DefaultBatchSize = 50000

// Outcome is what writing an article did to the store.
type Outcome int

// Outcomes of writing an article.
const (
	// Added: the store did not hold the article; its quads were added.
	Added Outcome = iota + 1
	// Replaced: the store held the article with other quads; the old-only
	// quads were deleted and the new-only quads added.
	Replaced
	// Unchanged: the store held the article with the same content hash (or
	// the same quads); nothing was written.
	Unchanged
	// Removed: Writer.Remove deleted the label's quads.
	Removed
)

// String returns "added", "replaced" or "unchanged".
func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Replaced:
		return "replaced"
	case Unchanged:
		return "unchanged"
	case Removed:
		return "removed"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// ArticleResult reports what a Writer did with one article.
type ArticleResult struct {
	IRI     string  // the article's IRI
	Outcome Outcome // added, replaced or unchanged
	// Added and Deleted count the article's quads added to and deleted from
	// the store, not counting the index quads the Writer maintains.
	Added, Deleted int
}

// WriterOptions configure a Writer.
type WriterOptions struct {
	// BatchSize is the number of quads, gathered in whole articles, written
	// in one transaction. Zero or less means the store's (WriteBatch), or
	// DefaultBatchSize.
	BatchSize int
	// OnArticle, if not nil, is called for every article once its batch is
	// committed (unchanged articles included), in the order written, on
	// the goroutine that calls the Writer (from one of its methods).
	OnArticle func(ArticleResult)
	// TxBytes bounds, on bolt, the bytes of pages a transaction writes, as
	// far as the last one tells (txsize.go): a batch holds fewer quads than
	// BatchSize where that many wrote more at the last transaction's rate.
	// A transaction holds about twice that in memory as it commits. Zero
	// means the store's (WriteTxBytes), or DefaultTxBytes; less than zero,
	// no bound: BatchSize alone sizes the batches.
	TxBytes int64
	// Parts lets a label whose deltas are more than a transaction holds be
	// written in several transactions, none larger than a batch, on bolt
	// (parts.go): not atomically, but so that the next write of the label
	// finishes one cut short. For the linking output, never for articles.
	Parts bool
}

// Writer writes articles' quads into a Store. It implements quad.BatchWriter:
// the quads of one article must be contiguous and all carry the article's IRI
// as their label; a change of label, Flush or Close ends an article. An
// article is written whole or not at all.
//
// An article that cannot be written (a quad refused by checkArticle: not
// valid, reserved, or text that is not UTF-8; or a transaction the store
// refused, after which the batch's articles are written again one
// transaction each) fails alone: the Writer goes on, and the next Flush or
// Close returns an error joining an *ArticleError per such article. Any
// other error (a store that cannot be read or written at all, a quad that is
// no article's, ctx ending) sticks: every later call returns it. A Writer is
// not safe for concurrent use; two Writers may write the same articles at
// once only on PostgreSQL (see sqlwrite.go), where what they write
// converges.
type Writer struct {
	s   *Store
	ctx context.Context
	opt WriterOptions

	cur       quad.IRI    // article being received
	curQuads  []quad.Quad // its quads
	curPacked quad.Value  // their packed quad's object, when WritePacked was given it

	deltas  []cgraph.Delta        // pending batch
	results []ArticleResult       // articles of the pending batch, in order
	spans   []int                 // end of each result's deltas in deltas
	origins []string              // schema.Origin of each result, for ArticleError
	inBatch map[quad.IRI]struct{} // articles of the pending batch

	// The batch being written while the next is gathered (see send).
	inFlight map[quad.IRI]struct{} // its articles
	done     chan applied          // what writing it did; nil: none in flight

	sizer txSizer // how many deltas the next transaction holds (txsize.go)
	stats TxStats // what its transactions wrote

	failed []error // ArticleErrors not yet returned by Flush or Close
	err    error
}

// batch is a batch of articles handed to apply.
type batch struct {
	deltas  []cgraph.Delta
	results []ArticleResult
	spans   []int
	origins []string
}

// applied is what writing a batch did.
type applied struct {
	written []ArticleResult // the articles committed, in order
	failed  []error         // an ArticleError for each article that was not
	err     error           // the store failed: the Writer stops
	deltas  int             // the deltas of the batch's transaction, when it committed
	wrote   int64           // the bytes of pages it wrote (bolt), for the sizer
}

// NewWriter returns a Writer into s. ctx bounds every read and write it does.
func (s *Store) NewWriter(ctx context.Context, opt WriterOptions) *Writer {
	if opt.BatchSize <= 0 {
		opt.BatchSize = s.batch
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.TxBytes == 0 {
		opt.TxBytes = s.txBytes
	}
	if opt.TxBytes == 0 {
		opt.TxBytes = DefaultTxBytes
	}
	sizer := txSizer{most: opt.BatchSize}
	if s.ordered != nil { // bolt: the only backend that tells what it wrote
		sizer.budget = opt.TxBytes
	}
	return &Writer{s: s, ctx: ctx, opt: opt, sizer: sizer, inBatch: make(map[quad.IRI]struct{}), inFlight: make(map[quad.IRI]struct{})}
}

// TxStats returns what the Writer's transactions committed so far wrote
// (the article-by-article writes after a failed batch not counted).
func (w *Writer) TxStats() TxStats {
	st := w.stats
	st.Unflushed = w.s.ordered != nil && w.s.ordered.db.NoSync
	return st
}

// size returns how many deltas the Writer's next transaction holds: at most
// BatchSize, fewer where the last transaction measured wrote pages at a rate
// that would take that many past TxBytes (txsize.go).
func (w *Writer) size() int { return w.sizer.size() }

var _ quad.BatchWriter = (*Writer)(nil)

// WriteQuads takes the next quads of the current article, or of the articles
// that follow it. It returns how many quads it took; an error means an
// article could not be read or a batch (the one it completed, or on bolt the
// one written while it was gathered) could not be written, and no quad of
// that batch's articles is in the store.
func (w *Writer) WriteQuads(qs []quad.Quad) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	for i, q := range qs {
		label, ok := q.Label.(quad.IRI)
		if !ok || label == "" {
			w.err = fmt.Errorf("graph: quad %s: label %v is not an article IRI", q.NQuad(), q.Label)
			return i, w.err
		}
		if label != w.cur {
			if err := w.endArticle(); err != nil {
				return i, err
			}
			w.cur = label
		}
		w.curQuads = append(w.curQuads, q)
	}
	return len(qs), nil
}

// WritePacked is WriteQuads for the quads PackQuads packed into z. When
// they are one label's, sorted as schema.SortQuads sorts them and none
// twice (the order the article index packs quads in, which rendering a
// linking component gives), the index stores z as it is instead of
// packing them again; otherwise they are written as WriteQuads writes
// them. It returns how many quads it took; a z that does not unpack is an
// error and takes none.
func (w *Writer) WritePacked(z []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	qs, err := UnpackQuads(z)
	if err != nil {
		return 0, fmt.Errorf("graph: write packed quads: %w", err)
	}
	if len(qs) == 0 {
		return 0, nil
	}
	if err := w.endArticle(); err != nil {
		return 0, err
	}
	n, err := w.WriteQuads(qs)
	if err == nil && w.cur == qs[0].Label && len(w.curQuads) == len(qs) && schema.SortedUnique(qs) {
		w.curPacked = quad.String(base64.RawStdEncoding.EncodeToString(z))
	}
	return n, err
}

// Remove ends the current article and deletes, in the pending batch, every
// quad labelled label (an article's IRI or another label the Writer wrote)
// with its index quads; with Parts, a label of more quads than a batch in
// parts (parts.go). A label the store does not hold is no error: its
// result says Unchanged.
func (w *Writer) Remove(label string) error {
	if w.err != nil {
		return w.err
	}
	if err := w.endArticle(); err != nil {
		return err
	}
	if err := w.settle(quad.IRI(label)); err != nil {
		return err
	}
	iri := quad.IRI(label)
	content, index, err := w.s.article(w.ctx, label)
	if err != nil {
		w.err = fmt.Errorf("graph: remove %s: %w", label, err)
		return w.err
	}
	res := ArticleResult{IRI: label, Outcome: Unchanged, Deleted: len(content)}
	if w.inParts(len(content) + len(index)) {
		var deltas []cgraph.Delta
		for _, q := range slices.Concat(content, index) {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		none, err := pack(nil)
		if err != nil {
			w.err = fmt.Errorf("graph: remove %s: %w", label, err)
			return w.err
		}
		res.Outcome = Removed
		return w.writeParts(iri, res, deltas, none)
	}
	if err := w.room(len(content) + len(index)); err != nil {
		return err
	}
	for _, qs := range [][]quad.Quad{content, index} {
		for _, q := range qs {
			w.deltas = append(w.deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			res.Outcome = Removed
		}
	}
	w.results = append(w.results, res)
	w.spans = append(w.spans, len(w.deltas))
	w.origins = append(w.origins, "")
	w.inBatch[iri] = struct{}{}
	if len(w.deltas) >= w.size() {
		return w.send()
	}
	return nil
}

// Flush ends the current article and writes every pending article. It
// returns the ArticleErrors met since the last Flush, joined, when the
// other articles were written.
func (w *Writer) Flush() error {
	if w.err != nil {
		w.wait() // a batch in flight is written, or fails, before Flush returns
		return w.err
	}
	if err := w.endArticle(); err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		return err
	}
	failed := w.failed
	w.failed = nil
	return errors.Join(failed...)
}

// Close flushes the Writer. It does not close the Store.
func (w *Writer) Close() error {
	err := w.Flush()
	if w.err == nil {
		w.err = errors.New("graph: writer is closed")
	}
	return err
}

// endArticle turns the current article into deltas of the pending batch, and
// writes the batch once it is big enough.
func (w *Writer) endArticle() error {
	if len(w.curQuads) == 0 {
		return nil
	}
	iri, quads, packed := w.cur, w.curQuads, w.curPacked
	w.cur, w.curQuads, w.curPacked = "", nil, nil
	if err := w.ctx.Err(); err != nil {
		w.err = err
		return err
	}
	if err := w.settle(iri); err != nil {
		return err
	}
	if err := checkArticle(iri, quads); err != nil {
		w.failed = append(w.failed, &ArticleError{IRI: string(iri), Origin: originOf(iri, quads), Err: err})
		return nil
	}
	res, deltas, next, err := w.diff(iri, quads, packed)
	if err != nil {
		w.err = fmt.Errorf("graph: write article %s: %w", iri, err)
		return w.err
	}
	if w.inParts(len(deltas)) {
		return w.writeParts(iri, res, deltas, next)
	}
	if err := w.room(len(deltas)); err != nil {
		return err
	}
	w.deltas = append(w.deltas, deltas...)
	w.results = append(w.results, res)
	w.spans = append(w.spans, len(w.deltas))
	w.origins = append(w.origins, originOf(iri, quads))
	w.inBatch[iri] = struct{}{}
	if len(w.deltas) >= w.size() {
		return w.send()
	}
	return nil
}

// diff compares the article's new quads with the stored ones and returns the
// deltas that turn the old into the new, and the object of their packed
// quad. packed, when not nil, is that object (WritePacked), which quads,
// sorted and unique, pack to.
func (w *Writer) diff(iri quad.IRI, quads []quad.Quad, packed quad.Value) (ArticleResult, []cgraph.Delta, quad.Value, error) {
	res := ArticleResult{IRI: string(iri)}

	// The new quads, without duplicates (a duplicate add would inflate
	// Cayley's node reference counts), plus their packed quad (packed.go).
	// Quads are keyed by their values' hashes, the identity the backends
	// use: a value read back may differ in Go representation (a time's
	// location).
	next := make(map[cgraph.QuadHash]quad.Quad, len(quads)+1)
	order := make([]cgraph.QuadHash, 0, len(quads)+1) // keys of next in input order, so writes are deterministic
	content := make([]quad.Quad, 0, len(quads))
	// each value hashed once: the label is in every quad, the predicates
	// and subjects recur; a hash made anew formats the value first (3.0
	// of the 33 GB a full link allocated at 100,000 articles)
	hashes := make(valueHashes)
	var hash quad.Value
	for _, q := range quads {
		if !q.IsValid() {
			return res, nil, nil, fmt.Errorf("invalid quad %s", q.NQuad())
		}
		if isIndex(q) {
			return res, nil, nil, fmt.Errorf("quad %s: predicate <%s> is reserved for the article index", q.NQuad(), q.Predicate)
		}
		k := hashes.quad(q)
		if _, ok := next[k]; ok {
			continue
		}
		next[k] = q
		order = append(order, k)
		content = append(content, q)
		if q.Subject == quad.Value(iri) && q.Predicate == quad.Value(quad.IRI(schema.ContentHash)) {
			hash = q.Object
		}
	}

	// Unchanged content hash: nothing to read further, nothing to write.
	if hash != nil {
		old, err := w.storedHash(iri)
		if err != nil {
			return res, nil, nil, err
		}
		if old != nil && cgraph.HashOf(old) == cgraph.HashOf(hash) {
			res.Outcome = Unchanged
			return res, nil, nil, nil
		}
	}

	if packed == nil {
		var err error
		if packed, err = pack(content); err != nil { // sorts content: next and order keep the input order
			return res, nil, nil, err
		}
	}
	pq := quad.Quad{Subject: iri, Predicate: quad.IRI(schema.Packed), Object: packed, Label: iri}
	next[hashes.quad(pq)] = pq
	order = append(order, hashes.quad(pq))

	oldContent, oldIndex, err := w.s.article(w.ctx, string(iri))
	if err != nil {
		return res, nil, nil, err
	}
	var deltas []cgraph.Delta
	for _, olds := range [][]quad.Quad{oldContent, oldIndex} {
		for _, q := range olds {
			k := hashes.quad(q)
			if _, ok := next[k]; ok {
				delete(next, k) // in both: keep
				continue
			}
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			if !isIndex(q) {
				res.Deleted++
			}
		}
	}
	for _, k := range order {
		q, ok := next[k]
		if !ok {
			continue
		}
		delete(next, k)
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if !isIndex(q) {
			res.Added++
		}
	}
	switch {
	case len(oldContent) == 0 && len(oldIndex) == 0:
		res.Outcome = Added
	case len(deltas) == 0:
		res.Outcome = Unchanged
	default:
		res.Outcome = Replaced
	}
	return res, deltas, packed, nil
}

// storedHash returns the stored content hash of the article, or nil; nil
// too while the label is written in parts (a pending quad, parts.go),
// when the hash may be stored before the quads it stands for.
func (w *Writer) storedHash(iri quad.IRI) (quad.Value, error) {
	s := w.s
	aref, pref := s.ref(iri), s.ref(quad.IRI(schema.ContentHash))
	if aref == nil || pref == nil {
		return nil, nil
	}
	pending := s.ref(quad.IRI(schema.PackedPending))
	var found cgraph.Ref
	partial := false
	err := s.scan(w.ctx, quad.Subject, aref, func(q cgraph.Ref) error {
		if !sameRef(s.qs.QuadDirection(q, quad.Label), aref) {
			return nil
		}
		switch p := s.qs.QuadDirection(q, quad.Predicate); {
		case found == nil && sameRef(p, pref):
			found = s.qs.QuadDirection(q, quad.Object)
		case pending != nil && sameRef(p, pending):
			partial = true
		}
		return nil
	})
	if err != nil || found == nil || partial {
		return nil, err
	}
	vals, err := s.values(w.ctx, []cgraph.Ref{found})
	if err != nil {
		return nil, err
	}
	return vals[0], nil
}

// hashOf returns the identity of q in the store.
func hashOf(q quad.Quad) cgraph.QuadHash {
	return cgraph.QuadHash{
		Subject:   cgraph.HashOf(q.Subject),
		Predicate: cgraph.HashOf(q.Predicate),
		Object:    cgraph.HashOf(q.Object),
		Label:     cgraph.HashOf(q.Label),
	}
}

// isIndex reports whether q is one of the Writer's index quads: a packed
// quad (packed.go), a pending one (parts.go), or a subject-index quad of
// an article written before the packed index.
func isIndex(q quad.Quad) bool {
	p, ok := q.Predicate.(quad.IRI)
	return ok && slices.Contains(indexPredicateIRIs, string(p))
}

// indexPredicateIRIs are the predicates of the Writer's index quads.
var indexPredicateIRIs = []string{schema.Packed, schema.PackedPending, schema.Subject}

// settle writes the batches that hold the article iri, pending or in
// flight, and waits for them: an article written again must be compared
// with what its first write left in the store.
func (w *Writer) settle(iri quad.IRI) error {
	if _, ok := w.inBatch[iri]; ok {
		return w.flush()
	}
	if _, ok := w.inFlight[iri]; ok {
		return w.wait()
	}
	return nil
}

// room hands the pending batch over (send) when n more deltas would take
// it past a transaction's size, so that a transaction holds no more deltas
// than the sizer gives it unless one article or label alone does (a label
// written in parts never does). Sent once past the size instead, a batch
// took up to twice it: the linking output's components, up to a batch
// each, made transactions of 101 MB of pages at 10,000 articles and
// 209 MB at 100,000 under the 64 MB budget.
func (w *Writer) room(n int) error {
	if len(w.deltas) > 0 && len(w.deltas)+n > w.size() {
		return w.send()
	}
	return nil
}

// flush writes the pending batch and waits until it is written.
func (w *Writer) flush() error {
	if err := w.send(); err != nil {
		return err
	}
	return w.wait()
}

// send hands the pending batch over to be written, in one transaction,
// once the batch in flight is written. On bolt it is written in the
// background, so that the next batch's articles are compared with the
// store (read, hashed and packed) while Cayley applies this one: writing
// takes one core, and that work was most of what was left of the other.
// The batches never share an article (settle), so that comparison reads
// what it would read after this batch. Other backends write it at once.
func (w *Writer) send() error {
	if err := w.wait(); err != nil {
		return err
	}
	if len(w.results) == 0 {
		return nil
	}
	b := batch{deltas: w.deltas, results: w.results, spans: w.spans, origins: w.origins}
	w.deltas, w.results, w.spans, w.origins = nil, nil, nil, nil
	w.inBatch, w.inFlight = w.inFlight, w.inBatch
	done := make(chan applied, 1)
	w.done = done
	if w.s.backend == BackendBolt {
		go func() { done <- w.apply(b) }()
	} else {
		done <- w.apply(b)
	}
	return nil
}

// wait waits for the batch in flight, if any, then reports its written
// articles to OnArticle and keeps its failed ones for Flush or Close.
func (w *Writer) wait() error {
	if w.done == nil {
		return w.err
	}
	a := <-w.done
	w.done = nil
	clear(w.inFlight)
	if w.opt.OnArticle != nil {
		for _, r := range a.written {
			w.opt.OnArticle(r)
		}
	}
	w.failed = append(w.failed, a.failed...)
	if a.deltas > 0 {
		w.sizer.observe(a.deltas, a.wrote)
		w.stats.add(a.wrote)
	}
	if a.err != nil && w.err == nil {
		w.err = a.err
	}
	return w.err
}

// apply writes b in one transaction; when the store refuses it, each of
// its articles alone. It reads no field of w that the Writer's goroutine
// changes, and calls no callback: wait reports what it did.
func (w *Writer) apply(b batch) applied {
	if len(b.deltas) == 0 {
		return applied{written: b.results}
	}
	if err := w.ctx.Err(); err != nil {
		return applied{err: err}
	}
	if err := w.s.sweepPads(w.ctx); err != nil {
		return applied{err: fmt.Errorf("graph: write to %s: %w", w.s.dsn, err)}
	}
	wrote, err := w.s.writeDeltas(w.ctx, b.deltas)
	if err == nil {
		return applied{written: b.results, deltas: len(b.deltas), wrote: wrote}
	}
	if w.ctx.Err() == nil {
		// one article's failure must cost no other
		return w.retryAlone(b, err)
	}
	iris := make([]string, len(b.results))
	for i, r := range b.results {
		iris[i] = r.IRI
	}
	return applied{err: fmt.Errorf("graph: writing %d quads of %d articles (%s) to %s: %w",
		len(b.deltas), len(b.results), strings.Join(iris, ", "), w.s.dsn, err)}
}
