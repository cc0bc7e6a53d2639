package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	oldbolt "github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	bolt "go.etcd.io/bbolt"
)

// TestBoltTxAsHidalgo checks that boltTx reads what hidalgo's bolt
// transactions (which Cayley's kv layer was written against) read: the same
// values, the same keys from a scan of any prefix, through nested buckets.
// boltTx writes the file with bbolt and hidalgo reads it with
// github.com/boltdb/bolt, as Cayley's own tools do: the format is bolt's.
func TestBoltTxAsHidalgo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kv.bolt")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key := func(parts ...string) hkv.Key { return hkv.SKey(parts...) }
	keys := []hkv.Key{
		key("log", "\x00\x01"), key("log", "\x00\x02"), key("meta", "size"),
		key("sp", "ab"), key("sp", "abc"), key("sp", "b"),
		key("n", "x", "1"), key("n", "x", "2"), key("n", "y", "1"),
	}
	btx, err := db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	ours := &boltTx{tx: btx}
	for i, k := range keys {
		if err := ours.Put(k, []byte(fmt.Sprint("v", i))); err != nil {
			t.Fatalf("Put(%q): %v", k, err)
		}
	}
	if err := ours.Del(key("sp", "b")); err != nil {
		t.Fatal(err)
	}
	if err := ours.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// both read-only: bolt and bbolt share the file's lock then
	hdb, err := hbolt.Open(path, &oldbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer hdb.Close()
	theirs, err := hdb.Tx(false)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rtx, err := db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	ours = &boltTx{tx: rtx}
	defer ours.Close()
	probe := append(keys, key("nope", "k"), key("sp"), key("n", "x"), key("n", "z", "1"))
	for _, k := range probe {
		gv, gerr := ours.Get(ctx, k)
		wv, werr := theirs.Get(ctx, k)
		if !reflect.DeepEqual(gv, wv) || gerr != werr {
			t.Errorf("Get(%q) = %q, %v; hidalgo: %q, %v", k, gv, gerr, wv, werr)
		}
	}
	gb, _ := ours.GetBatch(ctx, probe)
	wb, _ := theirs.GetBatch(ctx, probe)
	if !reflect.DeepEqual(gb, wb) {
		t.Errorf("GetBatch = %q; hidalgo: %q", gb, wb)
	}
	scan := func(tx hkv.Tx, pref hkv.Key) []string {
		it := tx.Scan(pref)
		defer it.Close()
		var out []string
		for it.Next(ctx) {
			out = append(out, fmt.Sprintf("%q=%q", it.Key(), it.Val()))
		}
		return out
	}
	for _, pref := range []hkv.Key{nil, key("sp"), key("sp", "a"), key("sp", "ab"), key("n"), key("n", "x"), key("n", "x", "2"), key("nope"), key("nope", "a", "b")} {
		if got, want := scan(ours, pref), scan(theirs, pref); !reflect.DeepEqual(got, want) {
			t.Errorf("Scan(%q):\n got %v\nwant %v", pref, got, want)
		}
	}
}
