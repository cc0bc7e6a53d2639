package graph

// Transactions sized by what they write (bolt).
//
// A bolt transaction holds in memory every page it changes: bbolt's nodes
// as it writes, then, as it commits, a new page for each (TxStats.PageAlloc,
// "the bytes of pages it wrote" below), about as much again. Cayley's kv
// layout spreads a quad's writes over the store by value hash (a node's
// reference count, its index lists, its value), so the pages a quad
// changes are seldom another quad's of the same transaction once the store
// is large: 50,000 deltas wrote 18 MB of pages into an empty store, 83 MB
// into one of 10,000 articles and 222 MB into one of 100,000, where a
// transaction then held about 700 MB live (docs/scale.md). A batch of a
// fixed number of quads holds memory that grows with the store.
//
// So a Writer sizes its transactions by what the last one wrote per delta:
// as many deltas as the budget (WriterOptions.TxBytes) allows at that
// rate, never more than BatchSize. Until one is measured it assumes a page
// per delta, about what a store of 100,000 articles costs. The last
// transaction measured is the one committed before the batch is gathered
// (on bolt the next batch is gathered while one is written), so the size
// lags by a batch; the rate changes slowly as the store grows.
//
// The rate includes what every commit writes whatever its size: the
// branch pages above the leaves it changed, which at 100,000 articles are
// about 10,000 pages (40 MB), on top of 0.88 pages a delta. So smaller
// transactions write more pages in all: at the default budget, the next
// 1,000 articles into a store of 100,000 took 25 transactions of about
// 9,000 deltas instead of 5 of 50,000, 1,797 MB of pages instead of
// 1,078 MB (load's JSON summary, "writes"), and 12-19 % more time, for a peak
// of 461-489 MB instead of 1.23-1.25 GB (docs/scale.md, twenty-third
// session). That part grows with the store too: past some millions of
// articles no budget holds a transaction flat.

// DefaultTxBytes is the bytes of pages a Writer lets a bolt transaction
// write, as far as the last one tells. A transaction holds about twice
// that in memory as it commits.
const DefaultTxBytes = 64 << 20

const (
	// minTxDeltas is the fewest deltas the sizer gives a transaction, a
	// label's part included (a batch holds whole articles, at least one).
	minTxDeltas = 1000
	// minMeasured is the fewest deltas a transaction must have had for its
	// pages per delta to be taken: a small one's are mostly the pages any
	// commit writes (the buckets' roots, the meta and freelist pages).
	minMeasured = 1000
	// assumedPerDelta is the bytes of pages per delta assumed until a
	// transaction is measured: a page (bolt's default size).
	assumedPerDelta = 4096
)

// TxStats is what a Writer's transactions wrote: how many it committed
// and, on bolt, the bytes of pages they wrote (bbolt's TxStats.PageAlloc),
// in all and in the largest: what --tx-bytes bounds. Unflushed says the
// commits were not flushed to disk one by one (a bolt store opened with
// NoSync), which changes what a load's time compares with.
type TxStats struct {
	Transactions int   `json:"transactions"`
	PageBytes    int64 `json:"page_bytes"`
	LargestBytes int64 `json:"largest_page_bytes"`
	Unflushed    bool  `json:"unflushed,omitempty"`
}

// add counts a committed transaction that wrote bytes of pages.
func (t *TxStats) add(bytes int64) {
	t.Transactions++
	t.PageBytes += bytes
	t.LargestBytes = max(t.LargestBytes, bytes)
}

// txSizer sizes a Writer's transactions (see above).
type txSizer struct {
	most     int     // deltas at most (BatchSize)
	budget   int64   // bytes of pages a transaction may write; 0 or less: no bound
	perDelta float64 // bytes of pages per delta of the last transaction measured; 0: none yet
}

// size returns how many deltas the next transaction may hold.
func (z *txSizer) size() int {
	if z.budget <= 0 {
		return z.most
	}
	per := z.perDelta
	if per <= 0 {
		per = assumedPerDelta
	}
	n := float64(z.budget) / per
	if n >= float64(z.most) {
		return z.most
	}
	return max(int(n), min(minTxDeltas, z.most))
}

// measured reports whether a transaction has been measured yet.
func (z *txSizer) measured() bool { return z.perDelta > 0 }

// observe takes what a committed transaction of n deltas wrote: the bytes
// of its pages (0 where the backend does not tell).
func (z *txSizer) observe(n int, wrote int64) {
	if n < minMeasured || wrote <= 0 {
		return
	}
	z.perDelta = float64(wrote) / float64(n)
}
