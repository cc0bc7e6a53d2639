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
