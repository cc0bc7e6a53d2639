package main

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// TestTxBytesFlag: --tx-bytes (any command) sizes the transactions of a
// load and of its linking; a store loaded at the smallest size the Writer
// gives (1,000 quads a transaction, many of them, the linking's larger
// components in parts) and then relinked by a second load holds, quad for
// quad, what one loaded with --tx-bytes off holds. A value that is no size
// is refused before anything is opened.
func TestTxBytesFlag(t *testing.T) {
	lines := corpusLines(t)
	if len(lines) > 150 {
		lines = lines[:150]
	}
	first, second := writeLines(t, lines[:100]), writeLines(t, lines[100:])
	// export returns what the store holds and the transactions its loads
	// committed (bolt's transaction id)
	export := func(txBytes string) (string, int) {
		db := filepath.Join(t.TempDir(), "s.db")
		mustRun(t, "--db", db, "--tx-bytes", txBytes, "load", first)
		mustRun(t, "--db", db, "--tx-bytes", txBytes, "load", second)
		out := mustRun(t, "--db", db, "export", "--format", "nquads")
		bdb, err := bolt.Open(filepath.Join(db, "indexes.bolt"), 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		tx, err := bdb.Begin(false)
		if err != nil {
			t.Fatal(err)
		}
		txs := tx.ID()
		tx.Rollback()
		bdb.Close()
		s, err := graph.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return out + linkingNQuads(t, s), txs
	}
	small, smallTxs := export("1KB")
	off, offTxs := export("off")
	if !strings.Contains(off, schema.ClassLinkComponent) || strings.Count(off, "\n") < 10000 {
		t.Fatalf("the store holds %d quads and no linking component: nothing is tested", strings.Count(off, "\n"))
	}
	if small != off {
		t.Errorf("--tx-bytes 1KB and off give different stores:\n%s", firstDiff(off, small))
	}
	// 150 articles, about 35,000 quads: at least one transaction for every
	// 1,000 (the fewest the Writer gives one) against a few
	if smallTxs < offTxs+30 {
		t.Errorf("--tx-bytes 1KB: %d transactions, off: %d; want one for every 1,000 quads or so", smallTxs, offTxs)
	}
	t.Logf("transactions: %d at 1KB, %d off", smallTxs, offTxs)
	// load --format json reports what the articles' transactions and the
	// link's wrote
	var sum loadSummary
	out := mustRun(t, "--db", filepath.Join(t.TempDir(), "j.db"), "--tx-bytes", "1KB", "load", "--format", "json", first)
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Link == nil {
		t.Fatalf("load summary %q: %v", out, err)
	}
	if w, l := sum.Writes, sum.Link; w.Transactions < 20 || w.PageBytes <= 0 || w.LargestBytes > w.PageBytes ||
		l.Transactions < 2 || l.PageBytes <= 0 || l.LargestBytes > l.PageBytes {
		t.Errorf("load summary: writes %+v, link's %d transactions, %d / %d page bytes; want 100 articles in 20 or more, pages counted",
			w, l.Transactions, l.PageBytes, l.LargestBytes)
	}
	db := filepath.Join(t.TempDir(), "bad.db")
	if _, errs, err := run(t, "--db", db, "--tx-bytes", "lots", "load", first); err == nil || !strings.Contains(err.Error()+errs, "--tx-bytes") {
		t.Errorf("--tx-bytes lots: %v, %q; want an error naming the flag", err, errs)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--tx-bytes lots: the store was created (%v)", err)
	}
}

// TestNoSyncFlag: a load with --no-sync (any command; bolt commits without
// flushing, graph.NoSync) says so in its summary (writes.unflushed) and
// gives the store a load without it gives, read back by a command opened
// without it once the load has closed the store.
func TestNoSyncFlag(t *testing.T) {
	lines := corpusLines(t)
	if len(lines) > 40 {
		lines = lines[:40]
	}
	in := writeLines(t, lines)
	export := func(unflushed bool, flags ...string) string {
		db := filepath.Join(t.TempDir(), "s.db")
		out := mustRun(t, append(append([]string{"--db", db}, flags...), "load", "--format", "json", in)...)
		var sum loadSummary
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("load summary %q: %v", out, err)
		}
		if sum.Writes.Unflushed != unflushed || sum.Writes.Transactions == 0 {
			t.Errorf("load %v: writes %+v, want unflushed %v", flags, sum.Writes, unflushed)
		}
		return mustRun(t, "--db", db, "export", "--format", "nquads")
	}
	synced, unsynced := export(false), export(true, "--no-sync")
	if strings.Count(synced, "\n") < 1000 {
		t.Fatalf("the store holds %d quads: nothing is tested", strings.Count(synced, "\n"))
	}
	if unsynced != synced {
		t.Errorf("--no-sync gives another store:\n%s", firstDiff(synced, unsynced))
	}
}
