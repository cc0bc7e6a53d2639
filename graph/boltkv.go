package graph

import (
	"bytes"
	"context"

	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"
)

// boltTx is a transaction of a bolt store as Cayley's kv layer reads and
// writes it: the kv.Tx of hidalgo's bolt backend, whose code it follows
// (Apache License 2.0; a key's first parts name nested buckets, its last
// the key in the innermost). It is claimgraph's own so that a read-write
// transaction can tell bolt how full to pack the pages of Cayley's log.
//
// The log's keys are quad and node ids, which only ever grow: every write
// appends to its last page. Bolt splits a full page into pages half full
// (bolt.DefaultFillPercent), which is right for keys that land anywhere,
// as the indexes' hashes do, and leaves an append-only bucket at half the
// density it could have: the log took 117 of the 259 MB of a store of 2,000
// articles, half of it empty, and every commit wrote twice the log pages
// it needed. Packing the log full (logFill) took that store to 210 MB, and
// one of 10,000 articles from 1.22-1.25 GB to 0.93 GB, its load's peak RSS
// from 1.63 to 1.45 GB, in the same time (docs/scale.md). Pages already
// written keep their fill until rewritten.
type boltTx struct {
	tx *bolt.Tx
	// top holds the top-level buckets a read-only transaction has looked
	// up: bbolt looks one up anew at every call there (a writable one
	// keeps them), and a read fetches thousands of keys of one bucket
	top map[string]*bolt.Bucket
}

// logBucket is the bucket of Cayley's kv log; logFill how full its pages
// are packed (bolt's maximum).
const (
	logBucket = "log"
	logFill   = 1.0
)

var _ hkv.Tx = (*boltTx)(nil)

// bucket returns the bucket the key's leading parts name, and the rest of
// the key.
func (tx *boltTx) bucket(key hkv.Key) (*bolt.Bucket, hkv.Key) {
	if len(key) <= 1 {
		return tx.tx.Cursor().Bucket(), key // the root bucket
	}
	b := tx.topBucket(key[0])
	key = key[1:]
	for b != nil && len(key) > 1 {
		b = b.Bucket(key[0])
		key = key[1:]
	}
	return b, key
}

// topBucket returns the top-level bucket named name, or nil.
func (tx *boltTx) topBucket(name []byte) *bolt.Bucket {
	if tx.tx.Writable() {
		return tx.tx.Bucket(name)
	}
	b, ok := tx.top[string(name)]
	if !ok {
		b = tx.tx.Bucket(name)
		if tx.top == nil {
			tx.top = map[string]*bolt.Bucket{}
		}
		tx.top[string(name)] = b // nil too: a read-only transaction's buckets do not change
	}
	return b
}

func (tx *boltTx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	b, k := tx.bucket(key)
	if b == nil || len(k) != 1 {
		return nil, hkv.ErrNotFound
	}
	v := b.Get(k[0])
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

func (tx *boltTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	for i, k := range keys {
		if b, k := tx.bucket(k); b != nil && len(k) == 1 {
			vals[i] = b.Get(k[0])
		}
	}
	return vals, nil
}

func (tx *boltTx) Put(k hkv.Key, v hkv.Value) error {
	var (
		b   *bolt.Bucket
		err error
	)
	if len(k) <= 1 {
		b = tx.tx.Cursor().Bucket()
	} else {
		b, err = tx.tx.CreateBucketIfNotExists(k[0])
		if err == nil && string(k[0]) == logBucket {
			// a writable transaction hands out one Bucket per name, which
			// keeps the setting until it commits
			b.FillPercent = logFill
		}
		k = k[1:]
	}
	for err == nil && b != nil && len(k) > 1 {
		b, err = b.CreateBucketIfNotExists(k[0])
		k = k[1:]
	}
	if err != nil {
		return err
	} else if len(k[0]) == 0 && len(v) == 0 {
		return nil // creating a bucket, no value to put
	}
	return b.Put(k[0], v)
}

func (tx *boltTx) Del(k hkv.Key) error {
	b, k := tx.bucket(k)
	if b == nil || len(k) != 1 {
		return nil
	}
	return b.Delete(k[0])
}

func (tx *boltTx) Commit(ctx context.Context) error { return tx.tx.Commit() }

func (tx *boltTx) Close() error { return tx.tx.Rollback() }

func (tx *boltTx) Scan(pref hkv.Key) hkv.Iterator {
	b, p := tx.bucket(pref)
	if b == nil || len(p) > 1 {
		// a bucket the prefix names does not exist: nothing to scan
		return &boltIterator{}
	}
	return &boltIterator{
		b:    []*bolt.Bucket{b},
		pref: p,
		root: pref[:len(pref)-len(p)].Clone(), // the buckets' part of keys, appended to
	}
}

// boltIterator walks the keys of a bucket that start with a prefix,
// descending into nested buckets.
type boltIterator struct {
	root hkv.Key // the buckets walked into: the first parts of a full key
	pref hkv.Key // the prefix each level's keys must have
	b    []*bolt.Bucket
	c    []*bolt.Cursor
	k, v []byte
}

func (it *boltIterator) Next(ctx context.Context) bool {
	for len(it.b) > 0 {
		i := len(it.b) - 1
		if len(it.c) < len(it.b) {
			c := it.b[i].Cursor()
			it.c = append(it.c, c)
			if i >= len(it.pref) {
				it.k, it.v = c.First()
			} else {
				it.k, it.v = c.Seek(it.pref[i])
			}
		} else {
			it.k, it.v = it.c[i].Next()
		}
		if it.k != nil && (i >= len(it.pref) || bytes.HasPrefix(it.k, it.pref[i])) {
			if it.v == nil {
				if b := it.b[i].Bucket(it.k); b != nil { // a nested bucket: walk it
					it.b = append(it.b, b)
					it.root = append(it.root, it.k)
					continue
				}
			}
			return true
		}
		// this level is done: back to the bucket holding it
		it.c = it.c[:len(it.c)-1]
		it.b = it.b[:len(it.b)-1]
		if len(it.root) > 0 {
			it.root = it.root[:len(it.root)-1]
		}
	}
	return false
}

func (it *boltIterator) Key() hkv.Key {
	if len(it.b) == 0 {
		return nil
	}
	return append(it.root.Clone(), append([]byte{}, it.k...))
}

func (it *boltIterator) Val() hkv.Value { return it.v }

func (it *boltIterator) Err() error { return nil }

func (it *boltIterator) Close() error {
	*it = boltIterator{}
	return nil
}
