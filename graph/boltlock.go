package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// boltBackend is Cayley's bolt backend registered again, under a name of its
// own, with a wait for the file lock. Cayley v0.7.7 opens bolt files with no
// timeout, so a second process on a store in use (a running 'claimgraph
// serve') waited forever; now it fails with ErrLocked after lockWait. The
// files are Cayley's own: a directory holding indexes.bolt.
const boltBackend = "claimgraph-bolt"

// lockWait is how long Open waits for another process to release a bolt store.
var lockWait = 3 * time.Second

func init() {
	kv.Register(boltBackend, kv.Registration{NewFunc: openBolt, InitFunc: openBolt, IsPersistent: true})
}

// openBolt opens (creating it if absent) the bolt database of the store in
// directory dir, as Cayley's bolt backend does, waiting at most lockWait for
// its lock.
func openBolt(dir string, _ cgraph.Options) (hkv.KV, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	db, err := hbolt.Open(filepath.Join(dir, "indexes.bolt"), &bolt.Options{Timeout: lockWait})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w (waited %v; is 'claimgraph serve' running on it? use its API, or stop it)", ErrLocked, lockWait)
	}
	return db, err
}
