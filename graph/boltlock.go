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
// The store's lock is the directory's (lockDir), taken before bolt's on its
// file and released after it (orderedKV.Close), so that the database can be
// closed and opened again without another process taking the store in
// between (orderedKV.reopen). A process that takes bolt's lock alone (an
// older claimgraph, Cayley's own tools) is still kept out by bolt's.
func openBolt(dir string, noSync bool) (*bolt.DB, *os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, err
	}
	lock, ok, err := lockDir(dir, lockWait)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, lockedError()
	}
	db, err := openBoltFile(filepath.Join(dir, "indexes.bolt"), noSync)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return nil, nil, err
	}
	return db, lock, nil
}

// openBoltFile opens the bolt file at path. The freelist is bbolt's hash
// map: bolt's array, searched and copied at every allocation of pages, took
// 1.6 s of the CPU of the next 1,000 articles' load into a store of 100,000
// (docs/scale.md). noSync: see NoSync.
func openBoltFile(path string, noSync bool) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:      lockWait,
		FreelistType: bolt.FreelistMapType,
		NoSync:       noSync,
		NoGrowSync:   noSync,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, lockedError()
	}
	return db, err
}

func lockedError() error {
	return fmt.Errorf("%w (waited %v; is 'claimgraph serve' running on it? use its API, or stop it)", ErrLocked, lockWait)
}

// openBoltStore opens the bolt store in directory dir as Cayley's kv
// quadstore over the ordered index's wrapper of its database, initialising
// the store first if create says it may be.
func openBoltStore(dir string, opts cgraph.Options, create, noSync bool) (cgraph.QuadStore, *orderedKV, error) {
	db, lock, err := openBolt(dir, noSync)
	if err != nil {
		return nil, nil, err
	}
	o := newOrderedKV(db, lock)
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
