package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/claimgraph/claimgraph/schema"
)

// The ordered index: a bolt bucket beside Cayley's, written in the same
// transaction as the quads it indexes, that lists the quads of a few
// predicates in IRI order. Cayley's kv layer keys its indexes by value hash
// and keeps the quad ids under a key in the order they were written, so the
// first page of "the articles citing SOHR, in IRI order" cost a lookup in
// its log for every such article (50,000 at 100k articles). Here it is a
// cursor seek and as many keys as the page holds.
//
// A key is one byte naming the predicate, then the object (written short:
// appendShort), the subject and the label (short), each escaped (0x00 as
// 0x00 0xFF) and ended by 0x00 0x01, so that the keys of one predicate and
// object sort by subject, in the byte order of the IRIs (Go's string
// order), and a quad's key holds all of it (of rdf:type, only the
// classes Stats counts are indexed): a key is added when its
// quad is and deleted when its quad is. Only quads whose subject and object
// are IRIs are indexed; a label that is not an IRI is indexed as "".
//
// The index is kept in bolt stores only. Its marker (orderedMarkerKey)
// records the size and horizon of Cayley's log when the index was last
// written; a store whose log has moved since (written before the index
// existed, or by an older claimgraph) is indexed again when opened.
const (
	orderedBucket  = "claimgraph.ordered"
	orderedMeta    = "claimgraph.meta"
	orderedVersion = 4 // 2: members subject first, relations; 3: linked events; 4: short first components and labels
)

var orderedMarkerKey = []byte("ordered")

// orderedCodes are the indexed predicates and the byte that names each.
var orderedCodes = map[string]byte{
	schema.Type:      't',
	schema.Cites:     'c',
	schema.Publisher: 'p',
	schema.SpeaksFor: 's',
}

// orderedBySubject are the predicates indexed subject first (the code,
// then the subject, the object and the label): a node's members, read for
// every relation of a class at once (TypedMembers).
var orderedBySubject = map[string]byte{
	schema.Member: 'M',
}

// orderedTypes are the classes whose rdf:type quads are indexed: those
// Stats counts, the linked events 'events' lists and the relations
// TypedMembers lists.
var orderedTypes = map[string]bool{
	schema.ClassArticle:       true,
	schema.ClassClaim:         true,
	schema.ClassSource:        true,
	schema.ClassEvent:         true,
	schema.ClassPlace:         true,
	schema.ClassLinkedEvent:   true,
	schema.ClassCorroboration: true,
	schema.ClassContradiction: true,
	schema.ClassUpdate:        true,
	schema.ClassCircular:      true,
}

// orderedKV is the bolt database handed to Cayley, wrapped so that the
// read-write transaction of an apply also writes the ordered index's keys
// for the deltas it applies, and the marker.
type orderedKV struct {
	db   *bolt.DB
	lock *os.File // the store directory's lock (lockDir); nil where there is none
	shut bool     // db is closed: by Close, or by a reopen that failed to open it again

	write   sync.Mutex // held through an apply
	mu      sync.Mutex // guards armed, pending and wrote
	armed   bool
	pending []orderedOp
	wrote   int64 // bytes of pages the apply's transaction wrote, once committed
}

type orderedOp struct {
	bucket string // "": orderedBucket
	key    []byte
	del    bool
}

func newOrderedKV(db *bolt.DB, lock *os.File) *orderedKV { return &orderedKV{db: db, lock: lock} }

// Close closes the database, flushing it first when its commits do not
// (NoSync), then releases the store's lock. Closing it again does nothing.
func (o *orderedKV) Close() error {
	err := o.closeDB()
	if o.lock != nil {
		err = errors.Join(err, o.lock.Close())
		o.lock = nil // a second Close does nothing, as bbolt's
	}
	return err
}

func (o *orderedKV) closeDB() error {
	if o.shut {
		return nil
	}
	o.shut = true
	var err error
	if o.db.NoSync {
		err = o.db.Sync()
	}
	return errors.Join(err, o.db.Close())
}

// testHookReopen runs while reopen has the database closed (TestReopen).
var testHookReopen = func() {}

// reopen closes the database and opens it again with the same options,
// the store's directory locked throughout, so that no other process takes
// the store in between. It returns at once where there is no such lock.
// Nothing may use the database meanwhile: no transaction open, no Writer
// (Store.Reopen). A database that fails to open again stays closed: every
// use of it then fails, and Close succeeds.
func (o *orderedKV) reopen() error {
	if o.lock == nil {
		return nil
	}
	o.write.Lock()
	defer o.write.Unlock()
	path, noSync := o.db.Path(), o.db.NoSync
	if err := o.closeDB(); err != nil {
		return err
	}
	testHookReopen()
	db, err := openBoltFile(path, noSync)
	if err != nil {
		return err
	}
	o.db, o.shut = db, false
	return nil
}

// Tx opens a transaction (boltTx). The first read-write transaction of an
// apply carries the apply's index keys into its commit.
func (o *orderedKV) Tx(rw bool) (hkv.Tx, error) {
	btx, err := o.db.Begin(rw)
	if err != nil {
		return nil, err
	}
	tx := &boltTx{tx: btx}
	if !rw {
		return tx, nil
	}
	o.mu.Lock()
	armed, ops := o.armed, o.pending
	o.armed, o.pending = false, nil
	o.mu.Unlock()
	if !armed {
		return tx, nil
	}
	return &orderedTx{Tx: tx, kv: o, ops: ops}, nil
}

// apply runs fn, which applies deltas in one read-write transaction of o,
// with the ordered index's keys for deltas and the extra ops written in
// that transaction. It sorts extra in place: the caller hands it over.
// It returns the bytes of pages the transaction wrote (bbolt's
// TxStats.PageAlloc): what it held in memory as it committed, about as
// much again in its nodes (txsize.go).
func (o *orderedKV) apply(deltas []cgraph.Delta, extra []orderedOp, fn func() error) (int64, error) {
	ops := extra
	for _, d := range deltas {
		if k, ok := orderedKey(d.Quad); ok {
			ops = append(ops, orderedOp{key: k, del: d.Action == cgraph.Delete})
		}
	}
	// In key order: bbolt inserts a key into its leaf by moving the keys
	// after it, and splits leaves only at commit, so keys in no order cost
	// time quadratic in a transaction's keys per leaf. Stable: a key deleted
	// and put again keeps its last op.
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].bucket != ops[j].bucket {
			return ops[i].bucket < ops[j].bucket
		}
		return bytes.Compare(ops[i].key, ops[j].key) < 0
	})
	o.write.Lock()
	defer o.write.Unlock()
	o.mu.Lock()
	o.armed, o.pending, o.wrote = true, ops, 0
	o.mu.Unlock()
	err := fn()
	o.mu.Lock()
	wrote := o.wrote
	o.armed, o.pending, o.wrote = false, nil, 0
	o.mu.Unlock()
	return wrote, err
}

type orderedTx struct {
	hkv.Tx
	kv  *orderedKV
	ops []orderedOp
}

// Commit writes the index keys and the marker, then commits.
func (tx *orderedTx) Commit(ctx context.Context) error {
	for _, op := range tx.ops {
		bucket := op.bucket
		if bucket == "" {
			bucket = orderedBucket
		}
		k := hkv.Key{[]byte(bucket), op.key}
		var err error
		if op.del {
			err = tx.Del(k)
		} else {
			err = tx.Put(k, []byte{})
		}
		if err != nil {
			return fmt.Errorf("ordered index: %w", err)
		}
	}
	marker, err := tx.marker(ctx)
	if err != nil {
		return err
	}
	if err := tx.Put(hkv.Key{[]byte(orderedMeta), orderedMarkerKey}, marker); err != nil {
		return fmt.Errorf("ordered index: %w", err)
	}
	if err := tx.Tx.Commit(ctx); err != nil {
		return err
	}
	if btx, ok := tx.Tx.(*boltTx); ok {
		st := btx.tx.Stats()
		tx.kv.mu.Lock()
		tx.kv.wrote = st.GetPageAlloc()
		tx.kv.mu.Unlock()
	}
	return nil
}

// marker is the marker for the state of Cayley's log in tx.
func (tx *orderedTx) marker(ctx context.Context) ([]byte, error) {
	m := []byte{orderedVersion}
	for _, k := range []string{"size", "horizon"} {
		v, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte(k)})
		if err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return nil, fmt.Errorf("ordered index: reading Cayley's %s: %w", k, err)
		}
		m = append(m, byte(len(v)))
		m = append(m, v...)
	}
	return m, nil
}

// boltMarker is orderedTx.marker for a bolt transaction.
func boltMarker(tx *bolt.Tx) []byte {
	m := []byte{orderedVersion}
	meta := tx.Bucket([]byte("meta"))
	for _, k := range []string{"size", "horizon"} {
		var v []byte
		if meta != nil {
			v = meta.Get([]byte(k))
		}
		m = append(m, byte(len(v)))
		m = append(m, v...)
	}
	return m
}

// orderedKey is the index key of q, if its predicate is indexed and its
// subject and object are IRIs.
func orderedKey(q quad.Quad) ([]byte, bool) {
	p, ok := q.Predicate.(quad.IRI)
	if !ok {
		return nil, false
	}
	code, ok := orderedCodes[string(p)]
	first := true // object first
	if !ok {
		if code, ok = orderedBySubject[string(p)]; !ok {
			return nil, false
		}
		first = false
	}
	s, ok1 := q.Subject.(quad.IRI)
	o, ok2 := q.Object.(quad.IRI)
	if !ok1 || !ok2 || code == orderedCodes[schema.Type] && !orderedTypes[string(o)] {
		return nil, false
	}
	if !first {
		s, o = o, s
	}
	label, _ := q.Label.(quad.IRI)
	k := make([]byte, 0, 1+len(o)+len(s)+len(label)+8)
	k = orderedPrefix(k, code, string(o))
	k = appendOrdered(k, string(s))
	return appendShort(k, string(label)), true
}

// The first component of a key and its label are only ever matched whole,
// never ordered, so they are written short: the namespaces most IRIs
// start with become one byte (a tag before the rest, 'v' before an IRI in
// none of them, so that no two IRIs write alike). The subject, whose
// order the reads give, is written whole.
var shortNamespaces = []string{schema.IDNS, schema.NS, schema.SchemaNS}

// appendShort appends s, written short, escaped and ended, to b.
func appendShort(b []byte, s string) []byte {
	for i, ns := range shortNamespaces {
		if strings.HasPrefix(s, ns) {
			return appendOrdered(append(b, 'a'+byte(i)), s[len(ns):])
		}
	}
	return appendOrdered(append(b, 'v'), s)
}

// cutShort reads back what appendShort wrote.
func cutShort(b []byte) (s string, rest []byte, ok bool) {
	if s, rest, ok = cutOrdered(b); !ok || s == "" {
		return "", nil, false
	}
	if i := int(s[0] - 'a'); i >= 0 && i < len(shortNamespaces) {
		return shortNamespaces[i] + s[1:], rest, true
	}
	return s[1:], rest, s[0] == 'v'
}

// appendOrdered appends s escaped and ended to b.
func appendOrdered(b []byte, s string) []byte {
	return append(appendEscaped(b, s), 0x00, 0x01)
}

// appendEscaped appends s with each 0x00 written as 0x00 0xFF.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, s[i])
		if s[i] == 0x00 {
			b = append(b, 0xFF)
		}
	}
	return b
}

// cutOrdered reads one escaped, ended string from the start of b.
func cutOrdered(b []byte) (s string, rest []byte, ok bool) {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != 0x00 {
			continue
		}
		if i+1 == len(b) {
			return "", nil, false
		}
		switch b[i+1] {
		case 0x01:
			out = append(out, b[:i]...)
			return string(out), b[i+2:], true
		case 0xFF:
			out = append(out, b[:i+1]...)
			b = b[i+2:]
			i = -1
		default:
			return "", nil, false
		}
	}
	return "", nil, false
}

// orderedPrefix appends to b the prefix of the keys of predicate code and
// first component o (the object; the subject of orderedBySubject).
func orderedPrefix(b []byte, code byte, o string) []byte {
	return appendShort(append(b, code), o)
}

// subjects walks the distinct subjects under one prefix, in order.
type subjects struct {
	c      *bolt.Cursor
	prefix []byte
	cur    string // the current subject; valid while ok
	ok     bool
}

// seek moves to the first subject not before from.
func (it *subjects) seek(from string) {
	it.at(it.c.Seek(appendEscaped(append([]byte(nil), it.prefix...), from)))
}

// next moves to the first subject after the current one.
func (it *subjects) next() {
	k := appendEscaped(append([]byte(nil), it.prefix...), it.cur)
	it.at(it.c.Seek(append(k, 0x00, 0x02)))
}

func (it *subjects) at(k, _ []byte) {
	it.ok = false
	if k == nil || !bytes.HasPrefix(k, it.prefix) {
		return
	}
	s, _, ok := cutOrdered(k[len(it.prefix):])
	it.cur, it.ok = s, ok
}

// orderedView runs fn in a read transaction on the index's bucket; b is
// nil when the bucket does not exist yet (nothing indexed).
func (o *orderedKV) view(fn func(b *bolt.Bucket) error) error {
	return o.db.View(func(tx *bolt.Tx) error {
		return fn(tx.Bucket([]byte(orderedBucket)))
	})
}

// page returns up to n distinct subjects not before from, in IRI order,
// under any of the prefixes (orderedPrefix: a predicate and an object), that
// keep says to keep.
func (o *orderedKV) page(prefixes [][]byte, from string, n int, keep func(string) bool) ([]string, error) {
	var out []string
	err := o.view(func(b *bolt.Bucket) error {
		if b == nil {
			return nil
		}
		its := make([]*subjects, len(prefixes))
		for i, p := range prefixes {
			its[i] = &subjects{c: b.Cursor(), prefix: p}
			its[i].seek(from)
		}
		for len(out) < n {
			var min *subjects
			for _, it := range its {
				if it.ok && (min == nil || it.cur < min.cur) {
					min = it
				}
			}
			if min == nil {
				return nil
			}
			s := min.cur
			if keep(s) {
				out = append(out, s)
			}
			for _, it := range its {
				if it.ok && it.cur == s {
					it.next()
				}
			}
		}
		return nil
	})
	return out, err
}

// all returns every distinct subject of predicate code and object obj.
func (o *orderedKV) all(code byte, obj string) ([]string, error) {
	out := []string{}
	err := o.view(func(b *bolt.Bucket) error {
		if b == nil {
			return nil
		}
		it := &subjects{c: b.Cursor(), prefix: orderedPrefix(nil, code, obj)}
		for it.seek(""); it.ok; it.next() {
			out = append(out, it.cur)
		}
		return nil
	})
	return out, err
}

// count counts the distinct subjects of predicate code and object obj. It
// walks the keys rather than seeking from subject to subject: most subjects
// (claims) have one key.
func (o *orderedKV) count(code byte, obj string) (int64, error) {
	var n int64
	err := o.view(func(b *bolt.Bucket) error {
		if b == nil {
			return nil
		}
		prefix := orderedPrefix(nil, code, obj)
		var last []byte
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			_, rest, ok := cutOrdered(k[len(prefix):])
			if !ok {
				return fmt.Errorf("ordered index: malformed key %q", k)
			}
			subj := k[len(prefix) : len(k)-len(rest)]
			if !bytes.Equal(subj, last) {
				n++
				last = append(last[:0], subj...)
			}
		}
		return nil
	})
	return n, err
}

// ensure checks the index against Cayley's log and indexes the store again
// when they differ (a store written before the index existed, or since by
// an older claimgraph), between indexing's call and that of the function
// it returns, when indexing is not nil. An empty store gets an empty index.
func (o *orderedKV) ensure(ctx context.Context, s *Store, indexing func() (done func())) error {
	var fresh, empty bool
	if err := o.db.View(func(tx *bolt.Tx) error {
		var stored []byte
		if meta := tx.Bucket([]byte(orderedMeta)); meta != nil {
			stored = meta.Get(orderedMarkerKey)
		}
		fresh = stored != nil && bytes.Equal(stored, boltMarker(tx))
		var size []byte
		if meta := tx.Bucket([]byte("meta")); meta != nil {
			size = meta.Get([]byte("size"))
		}
		empty = len(bytes.Trim(size, "\x00")) == 0 // a new store: nothing to read
		return nil
	}); err != nil || fresh {
		return err
	}
	if indexing != nil && !empty {
		defer indexing()()
	}
	return o.rebuild(ctx, s)
}

// orderedBatch is how many keys a transaction of a rebuild writes.
const orderedBatch = 200_000

// rebuild indexes every quad of the indexed predicates again. The keys are
// gathered first and written after: bolt cannot grow its file under a
// write transaction while Cayley's iterators hold read transactions open.
// The marker goes in last, so a rebuild that stops is done again.
func (o *orderedKV) rebuild(ctx context.Context, s *Store) error {
	var keys [][]byte
	preds := []string{}
	for _, codes := range []map[string]byte{orderedCodes, orderedBySubject} {
		for p := range codes {
			preds = append(preds, p)
		}
	}
	for _, pred := range preds {
		pref := s.ref(quad.IRI(pred))
		if pref == nil {
			continue
		}
		err := s.scan(ctx, quad.Predicate, pref, func(r cgraph.Ref) error {
			if k, ok := orderedKey(s.qs.Quad(r)); ok {
				keys = append(keys, k)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("ordered index: reading <%s>: %w", pred, err)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i], keys[j]) < 0 })
	db := o.db
	if err := db.Update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket([]byte(orderedMeta)); meta != nil {
			if err := meta.Delete(orderedMarkerKey); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket([]byte(orderedBucket)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		return nil
	}); err != nil {
		return fmt.Errorf("ordered index: %w", err)
	}
	for start := 0; ; start += orderedBatch {
		batch := keys[min(start, len(keys)):min(start+orderedBatch, len(keys))]
		last := start+orderedBatch >= len(keys)
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte(orderedBucket))
			if err != nil {
				return err
			}
			for _, k := range batch {
				if err := b.Put(k, []byte{}); err != nil {
					return err
				}
			}
			if !last {
				return nil
			}
			meta, err := tx.CreateBucketIfNotExists([]byte(orderedMeta))
			if err != nil {
				return err
			}
			return meta.Put(orderedMarkerKey, boltMarker(tx))
		})
		if err != nil {
			return fmt.Errorf("ordered index: %w", err)
		}
		if last {
			return nil
		}
	}
}

// nodes counts the store's nodes exactly, as Cayley's Stats does with
// exact set, but from bolt's pages rather than from its log: Cayley keeps a
// reference count for every live node under its hash, in the 65,536
// buckets "n" + the hash's first two bytes, and removes it with the node.
// Cayley's own count reads and decodes every entry of its log (41 s at
// 100,000 articles).
func (o *orderedKV) nodes() (int64, error) {
	var n int64
	err := o.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if len(name) == 3 && name[0] == 'n' {
				n += int64(b.Stats().KeyN)
			}
			return nil
		})
	})
	return n, err
}

// typedMembers returns the nodes of type class in IRI order, each with the
// distinct objects of its predicate (indexed subject first: code), sorted.
func (o *orderedKV) typedMembers(class string, code byte) (iris []string, objects [][]string, err error) {
	err = o.view(func(b *bolt.Bucket) error {
		if b == nil {
			return nil
		}
		it := &subjects{c: b.Cursor(), prefix: orderedPrefix(nil, orderedCodes[schema.Type], class)}
		c := b.Cursor()
		for it.seek(""); it.ok; it.next() {
			var objs []string
			prefix := orderedPrefix(nil, code, it.cur)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				obj, _, ok := cutOrdered(k[len(prefix):])
				if !ok {
					return fmt.Errorf("ordered index: malformed key %q", k)
				}
				if len(objs) == 0 || objs[len(objs)-1] != obj {
					objs = append(objs, obj)
				}
			}
			iris, objects = append(iris, it.cur), append(objects, objs)
		}
		return nil
	})
	return iris, objects, err
}
