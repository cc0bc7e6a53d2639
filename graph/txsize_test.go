package graph

import (
	"context"
	"fmt"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestTxSizer checks how a Writer sizes its transactions: BatchSize with
// no budget; a page per delta assumed until a transaction is measured;
// then the budget over the bytes per delta measured, between the least a
// transaction holds and BatchSize; small transactions not taken.
func TestTxSizer(t *testing.T) {
	none := txSizer{most: 50000}
	none.observe(10000, 1<<30)
	if got := none.size(); got != 50000 {
		t.Errorf("no budget: size %d, want 50000", got)
	}

	z := txSizer{most: 50000, budget: 64 << 20}
	steps := []struct {
		deltas int
		wrote  int64
		want   int
	}{
		{0, 0, 64 << 20 / assumedPerDelta}, // not measured yet: a page a delta
		{500, 1 << 30, 16384},              // too small to be taken
		{20000, 20000 * 512, 50000},        // 512 B a delta: 131,072 fit, BatchSize is the most
		{20000, 20000 * 8192, 8192},        // 8 KB a delta
		{20000, 0, 8192},                   // a backend that does not tell: the last rate stands
		{20000, 20000 << 20, minTxDeltas},  // a MB a delta: never fewer than minTxDeltas
	}
	for i, s := range steps {
		z.observe(s.deltas, s.wrote)
		if got := z.size(); got != s.want {
			t.Errorf("step %d (%d deltas wrote %d B): size %d, want %d", i, s.deltas, s.wrote, got, s.want)
		}
	}
	small := txSizer{most: 10, budget: 64 << 20}
	small.observe(20000, 20000<<20)
	if got := small.size(); got != 10 {
		t.Errorf("BatchSize 10 under a budget that allows fewer than minTxDeltas: size %d, want 10", got)
	}
}

// TestWriteDeltasMeasures checks that a write to bolt tells the bytes of
// pages its transaction wrote, at least a page for each bucket it changed,
// and the memory store none.
func TestWriteDeltasMeasures(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{"mem:", t.TempDir()} {
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		var deltas []cgraph.Delta
		for i := 0; i < 2000; i++ {
			q := quad.Quad{Subject: quad.IRI("s" + string(rune('a'+i%26))), Predicate: quad.IRI("p"), Object: quad.Int(i), Label: quad.IRI("l")}
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		wrote, err := s.writeDeltas(ctx, deltas)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case dsn == "mem:" && wrote != 0:
			t.Errorf("mem: wrote %d B of pages, want 0 (not told)", wrote)
		case dsn != "mem:" && wrote < 4*4096:
			t.Errorf("bolt: 2,000 quads wrote %d B of pages, want some pages of each of Cayley's buckets", wrote)
		}
		s.Close()
	}
}

// TestPartsKeepRate: a label written in parts leaves the rate the Writer
// sizes its batches by as the batches before it set it.
func TestPartsKeepRate(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	label := func(n, quads int) []quad.Quad {
		l := quad.IRI(fmt.Sprintf("urn:test:label%d", n))
		var qs []quad.Quad
		for i := 0; i < quads; i++ {
			s := quad.IRI(fmt.Sprintf("urn:test:s%d-%d", n, i%40))
			qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI("urn:test:p"), Object: quad.String(fmt.Sprintf("v%d-%d", n, i)), Label: l})
		}
		return qs
	}
	w := s.NewWriter(ctx, WriterOptions{BatchSize: 2000, Parts: true})
	for i := 1; i <= 40; i++ { // batches of 1,000 deltas or more: measured
		if _, err := w.WriteQuads(label(i, 100)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rate := w.sizer.perDelta
	if rate <= 0 {
		t.Fatal("no batch measured: nothing is tested")
	}
	big := label(100, 5000)
	if len(big) <= 2*w.size() {
		t.Fatalf("%d quads, not in parts of %d: nothing is tested", len(big), w.size())
	}
	before := w.TxStats().Transactions
	if _, err := w.WriteQuads(big); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := w.TxStats().Transactions - before; n < 3 {
		t.Fatalf("the large label took %d transactions: not in parts, nothing is tested", n)
	}
	if w.sizer.perDelta != rate {
		t.Errorf("after a label in parts the rate is %.0f B a delta, want %.0f as the batches left it", w.sizer.perDelta, rate)
	}
	if qs, err := s.ArticleQuads(ctx, "urn:test:label100"); err != nil || len(qs) != len(big) {
		t.Errorf("the label in parts: %d quads, %v; want %d", len(qs), err, len(big))
	}
}
