package graph_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/boltdb/bolt"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// TestBoltLogPacked checks that the pages of Cayley's log are packed full:
// its keys only grow, and bolt's default fill left half of each page empty.
func TestBoltLogPacked(t *testing.T) {
	dir := t.TempDir()
	s, err := graph.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	w := s.NewWriter(context.Background(), graph.WriterOptions{BatchSize: 500})
	for i := 1; i <= 300; i++ {
		if _, err := w.WriteQuads(graphtest.Article(i, "v1", 3)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		st := tx.Bucket([]byte("log")).Stats()
		if st.LeafPageN < 20 {
			t.Fatalf("the log holds %d leaf pages, too few to tell", st.LeafPageN)
		}
		if fill := float64(st.LeafInuse) / float64(st.LeafAlloc); fill < 0.85 {
			t.Errorf("the log's %d leaf pages are %.0f%% full, want 85%% or more", st.LeafPageN, 100*fill)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWriteBatch checks that a store opened with WriteBatch gives its
// Writers that batch size: with one quad, each article is committed (and
// reported) before the Writer is closed; with the default, none is.
func TestWriteBatch(t *testing.T) {
	for _, backend := range []string{"mem:", "bolt"} {
		for _, c := range []struct {
			opts   []graph.OpenOption
			before int // OnArticle calls before Close
		}{
			{nil, 0},
			{[]graph.OpenOption{graph.WriteBatch(1)}, 2},
		} {
			dsn := backend
			if dsn == "bolt" {
				dsn = t.TempDir()
			}
			s, err := graph.Open(context.Background(), dsn, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			reported := 0
			w := s.NewWriter(context.Background(), graph.WriterOptions{OnArticle: func(graph.ArticleResult) { reported++ }})
			for i := 1; i <= 4; i++ {
				if _, err := w.WriteQuads(graphtest.Article(i, "v1", 1)); err != nil {
					t.Fatal(err)
				}
			}
			if reported != c.before {
				t.Errorf("%s, %d options: %d articles committed before Close, want %d", backend, len(c.opts), reported, c.before)
			}
			if err := w.Close(); err != nil || reported != 4 {
				t.Errorf("%s: Close: %v, %d articles reported, want 4", backend, err, reported)
			}
			s.Close()
		}
	}
}

// TestWriteTxBytes checks that a bolt Writer ends a batch before BatchSize
// when its transactions would write more than TxBytes (graph/txsize.go):
// with a budget that allows the fewest deltas a transaction holds, 60
// articles of about 100 quads are committed in batches before Close; with
// no budget (off), as with the memory store, which does not tell what it
// wrote, none is before Close. What the store holds is the same.
func TestWriteTxBytes(t *testing.T) {
	for _, c := range []struct {
		name    string
		dsn     string
		txBytes int64
		before  bool // articles committed before Close
	}{
		{"bolt, 64 KB", "bolt", 64 << 10, true},
		{"bolt, off", "bolt", -1, false},
		{"mem, 64 KB", "mem:", 64 << 10, false},
	} {
		dsn := c.dsn
		if dsn == "bolt" {
			dsn = t.TempDir()
		}
		s, err := graph.Open(context.Background(), dsn, graph.WriteTxBytes(c.txBytes))
		if err != nil {
			t.Fatal(err)
		}
		reported := 0
		w := s.NewWriter(context.Background(), graph.WriterOptions{BatchSize: 1 << 20, OnArticle: func(graph.ArticleResult) { reported++ }})
		for i := 1; i <= 60; i++ {
			if _, err := w.WriteQuads(graphtest.Article(i, "v1", 6)); err != nil {
				t.Fatal(err)
			}
		}
		if got := reported > 0; got != c.before {
			t.Errorf("%s: %d articles committed before Close; want some: %v", c.name, reported, c.before)
		}
		if err := w.Close(); err != nil || reported != 60 {
			t.Errorf("%s: Close: %v, %d articles reported, want 60", c.name, err, reported)
		}
		// what the transactions wrote: counted on every backend, the
		// pages on bolt only
		st := w.TxStats()
		wantTxs := 1
		if c.before {
			// 60 articles of 105 quads, 1,000 deltas at most a
			// transaction: 9 articles each (a batch sent once past
			// its size took 10, 1,050 deltas)
			wantTxs = 7
		}
		onBolt := c.dsn == "bolt"
		if st.Transactions != wantTxs || (st.PageBytes > 0) != onBolt || st.LargestBytes > st.PageBytes ||
			onBolt && st.LargestBytes*int64(st.Transactions) < st.PageBytes {
			t.Errorf("%s: TxStats %+v, want %d transactions, page bytes on bolt only", c.name, st, wantTxs)
		}
		for i := 1; i <= 60; i++ {
			qs, err := s.ArticleQuads(context.Background(), graphtest.ArticleIRI(i))
			if err != nil || len(qs) != len(graphtest.Article(i, "v1", 6)) {
				t.Errorf("%s: article %d: %d quads, %v", c.name, i, len(qs), err)
			}
		}
		s.Close()
	}
}
