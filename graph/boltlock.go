package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// lockWait is how long Open waits for another process to release a bolt store.
var lockWait = 3 * time.Second

// openBolt opens (creating it if absent) the bolt database of the store in
// directory dir, as Cayley's bolt backend does, but waiting at most lockWait
// for its lock: Cayley v0.7.7 opens bolt files with no timeout, so a second
// process on a store in use (a running 'claimgraph serve') waited forever;
// now it fails with ErrLocked. The files are Cayley's own: a directory
// holding indexes.bolt, written with bbolt, which keeps bolt's format.
//
// The freelist is bbolt's hash map: bolt's array, searched and copied at
// every allocation of pages, took 1.6 s of the CPU of the next 1,000
// articles' load into a store of 100,000 (docs/scale.md). noSync: see
// NoSync.
func openBolt(dir string, noSync bool) (*bolt.DB, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, &bolt.Options{
		Timeout:      lockWait,
		FreelistType: bolt.FreelistMapType,
		NoSync:       noSync,
		NoGrowSync:   noSync,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("%w (waited %v; is 'claimgraph serve' running on it? use its API, or stop it)", ErrLocked, lockWait)
	}
	return db, err
}

// openBoltStore opens the bolt store in directory dir as Cayley's kv
// quadstore over the ordered index's wrapper of its database, initialising
// the store first if create says it may be.
func openBoltStore(dir string, opts cgraph.Options, create, noSync bool) (cgraph.QuadStore, *orderedKV, error) {
	db, err := openBolt(dir, noSync)
	if err != nil {
		return nil, nil, err
	}
	o := newOrderedKV(db)
	if create {
		if err := kv.Init(o, opts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			o.Close()
			return nil, nil, err
		}
	}
	qs, err := kv.New(o, opts)
	if err != nil {
		o.Close()
		return nil, nil, err
	}
	return qs, o, nil
}
