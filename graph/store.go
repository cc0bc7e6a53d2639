package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
)

// DefaultDSN is the store used when none is given: an embedded bolt database
// in the current directory.
const DefaultDSN = "claimgraph.db"

// Sentinel errors. Test for them with errors.Is; the errors returned wrap them
// with the DSN or article concerned.
var (
	// ErrNotFound means the article (or node) asked for is not in the store.
	ErrNotFound = errors.New("not found")
	// ErrBadDSN means Open could not tell which backend a DSN names, or the
	// DSN is malformed for its backend.
	ErrBadDSN = errors.New("bad store address")
	// ErrLocked means an embedded (bolt) store is open in another process.
	ErrLocked = errors.New("store in use by another process")
	// ErrNoStore means OpenExisting found no store where the DSN points: no
	// bolt directory there, or one that Cayley never initialised.
	ErrNoStore = errors.New("no store")
)

// Store is an open claimgraph quad store. Its methods are safe for concurrent
// use; a Writer is not.
type Store struct {
	qs      cgraph.QuadStore
	sql     *sqlStore  // PostgreSQL, CockroachDB: claimgraph's own writes (sqlwrite.go)
	ordered *orderedKV // bolt: the ordered index (ordered.go)
	backend string
	dsn     string // redacted, for error messages
	batch   int    // quads a Writer gathers by default (WriteBatch); 0: DefaultBatchSize
	txBytes int64  // bytes of pages a Writer's transaction writes by default (WriteTxBytes); 0: DefaultTxBytes
}

// Open opens the store that dsn names, creating and initialising it if it
// does not exist yet. dsn is one of:
//
//	a file path                    embedded bolt database (a directory), e.g. DefaultDSN
//	mem:                           a new, empty in-memory store
//	postgres://… or postgresql://… PostgreSQL
//	cockroach://…                  CockroachDB (sent to the driver as postgresql://…)
//
// Open returns an error wrapping ErrBadDSN when dsn names no supported
// backend, and otherwise wraps the backend's error with the (password-free)
// dsn.
func Open(ctx context.Context, dsn string, opts ...OpenOption) (*Store, error) {
	return open(ctx, dsn, true, opts)
}

// OpenExisting opens the store that dsn names, as Open does, but never
// creates an embedded (bolt) store: when the path does not exist, or holds no
// initialised store, it returns an error wrapping ErrNoStore and leaves the
// file system untouched. It is for reading, where a mistyped path must not
// quietly give an empty store. A mem: store is new and empty as with Open; a
// PostgreSQL or CockroachDB database must exist on its server, and its tables
// are created if absent, as with Open.
func OpenExisting(ctx context.Context, dsn string, opts ...OpenOption) (*Store, error) {
	return open(ctx, dsn, false, opts)
}

// An OpenOption tunes Open and OpenExisting.
type OpenOption func(*openConfig)

type openConfig struct {
	indexing func() (done func())
	batch    int
	txBytes  int64
	noSync   bool
}

// NoSync has a bolt store's transactions commit without flushing the file
// to disk (bbolt's NoSync, Cayley's own "nosync" option); the store is
// flushed once, when it is closed. A commit is then as atomic for every
// reader, and a process killed mid-write leaves a store whole (its writes
// are in the system's cache), but a machine that stops (power, a kernel
// crash) before the flush can leave the store unreadable: for a bulk load
// into a new store, which can be loaded again. At 10,000 articles a fresh
// load took 58-61 s instead of 68-72 s (docs/scale.md). Other backends
// ignore it.
func NoSync() OpenOption {
	return func(c *openConfig) { c.noSync = true }
}

// WriteBatch sets how many quads the store's Writers gather, in whole
// articles, before they write them in one transaction, where their
// WriterOptions leave it at zero; DefaultBatchSize when n is zero or less.
// Larger batches write a large store faster and hold more memory: 50,000
// loaded 10,000 synthesized articles in 56-58 s instead of 62-65 s, with
// a peak RSS of 1.64-1.67 GB instead of 1.48-1.50 GB, and 2,000 in 0.95
// of the time with 520 MiB instead of 451 (docs/scale.md).
func WriteBatch(n int) OpenOption {
	return func(c *openConfig) { c.batch = n }
}

// WriteTxBytes sets the bytes of pages a bolt transaction of the store's
// Writers writes, as far as the last one tells (WriterOptions.TxBytes),
// where their WriterOptions leave it at zero: DefaultTxBytes when n is
// zero; no bound, the batch size alone, when it is less.
func WriteTxBytes(n int64) OpenOption {
	return func(c *openConfig) { c.txBytes = n }
}

// WhileIndexing has Open call start before it indexes a bolt store written
// without the ordered index, or moves the link keys of one written before
// their bucket out of Cayley's indexes (linkkeys.go; each once, minutes at
// 100,000 articles), and the
// function start returns when it is done: for a command to say what it is
// waiting for.
func WhileIndexing(start func() (done func())) OpenOption {
	return func(c *openConfig) { c.indexing = start }
}

// open opens the store dsn names; create says whether a missing bolt store
// may be created.
func open(ctx context.Context, dsn string, create bool, options []OpenOption) (*Store, error) {
	var cfg openConfig
	for _, o := range options {
		o(&cfg)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	backend, addr, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{backend: backend, dsn: redact(dsn), batch: cfg.batch, txBytes: cfg.txBytes}
	var opts cgraph.Options
	switch backend {
	case BackendBolt:
		// Without no_bloom Cayley keeps ~650MB of bloom filters in memory.
		opts = cgraph.Options{kv.OptNoBloom: true}
		fi, err := os.Stat(addr)
		if err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("graph: open %s: %w: is a file, want a bolt store directory (holding indexes.bolt)", s.dsn, ErrBadDSN)
		}
		if !create {
			if err != nil {
				return nil, fmt.Errorf("graph: open %s: %w: %v", s.dsn, ErrNoStore, errors.Unwrap(err))
			}
			if _, err := os.Stat(filepath.Join(addr, "indexes.bolt")); err != nil {
				return nil, fmt.Errorf("graph: open %s: %w: the directory holds no indexes.bolt", s.dsn, ErrNoStore)
			}
		}
	case BackendMemory:
		addr = ""
	}
	if backend == BackendPostgres || backend == BackendCockroach {
		if s.sql, err = openSQL(ctx, backend, addr); err != nil {
			return nil, fmt.Errorf("graph: open %s store %s: %w", backend, s.dsn, err)
		}
	}
	var qs cgraph.QuadStore
	if backend == BackendBolt {
		qs, s.ordered, err = openBoltStore(addr, opts, create, cfg.noSync)
	} else {
		if cgraph.IsPersistent(backend) {
			err := s.initOnce(ctx, func() error { return cgraph.InitQuadStore(backend, addr, opts) })
			if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
				s.closeSQL()
				return nil, fmt.Errorf("graph: init %s store %s: %w", backend, s.dsn, err)
			}
		}
		qs, err = cgraph.NewQuadStore(backend, addr, opts)
		if err != nil {
			s.closeSQL()
		}
	}
	if errors.Is(err, cgraph.ErrNotInitialized) {
		return nil, fmt.Errorf("graph: open %s store %s: %w: not initialised", backend, s.dsn, ErrNoStore)
	}
	if err != nil {
		return nil, fmt.Errorf("graph: open %s store %s: %w", backend, s.dsn, err)
	}
	s.qs = qs
	if s.ordered != nil {
		if err := s.ordered.ensure(ctx, s, cfg.indexing); err != nil {
			qs.Close()
			return nil, fmt.Errorf("graph: open %s store %s: %w", backend, s.dsn, err)
		}
		if err := s.migrateLinkKeys(ctx, cfg.indexing); err != nil {
			qs.Close()
			return nil, fmt.Errorf("graph: open %s store %s: %w", backend, s.dsn, err)
		}
	}
	if err := s.sweepPads(ctx); err != nil {
		s.closeSQL()
		qs.Close()
		return nil, fmt.Errorf("graph: open %s store %s: %w", backend, s.dsn, err)
	}
	return s, nil
}

// parseDSN returns the Cayley backend and the address to give it.
func parseDSN(dsn string) (backend, addr string, err error) {
	scheme, rest, hasScheme := strings.Cut(dsn, "://")
	switch {
	case dsn == "":
		return "", "", fmt.Errorf("graph: %w: empty; use a file path, mem:, postgres://… or cockroach://…", ErrBadDSN)
	case dsn == "mem:" || strings.HasPrefix(dsn, "mem:") && !hasScheme:
		return BackendMemory, "", nil
	case !hasScheme:
		return BackendBolt, dsn, nil
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		addr = dsn
		backend = BackendPostgres
	case "cockroach":
		addr = "postgresql://" + rest
		backend = BackendCockroach
	default:
		return "", "", fmt.Errorf("graph: %w: %q: unknown scheme %q; use a file path, mem:, postgres://… or cockroach://…", ErrBadDSN, redact(dsn), scheme)
	}
	if _, err := url.Parse(addr); err != nil {
		return "", "", fmt.Errorf("graph: %w: %q: %v", ErrBadDSN, redact(dsn), err)
	}
	return backend, addr, nil
}

// redact hides the password of a URL DSN.
func redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "<unparsable URL>"
	}
	return u.Redacted()
}

// Reopen closes the store's bolt database and opens it again, holding the
// store's lock throughout, to give back what bbolt keeps for as long as a
// database is open: its free list remembers which transaction took each
// page it handed out, until the page is freed again, in a map that never
// shrinks. After the articles of a 100,000-article load that was 42 MB,
// carried through the link that follows; a long load reopens the store
// between the two. Nothing may use the store meanwhile: Writers closed, no
// read in progress. Other backends, and bolt where the platform has no
// lock on directories, are left as they are.
//
// Errors: bbolt's, closing or opening the database again; the store is
// unusable then, but Close still succeeds.
func (s *Store) Reopen() error {
	if s.ordered == nil {
		return nil
	}
	if err := s.ordered.reopen(); err != nil {
		return fmt.Errorf("graph: reopen %s: %w", s.dsn, err)
	}
	return nil
}

// Close closes the store. Writers must be closed first.
func (s *Store) Close() error {
	s.closeSQL()
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("graph: close %s: %w", s.dsn, err)
	}
	return nil
}

// QuadStore returns the underlying Cayley quad store, for what runs on
// Cayley's own iterators: Gizmo scripts (package queries) and Cayley's HTTP
// handlers (package server). Everything else reads through the Store's
// methods (ArticleIRIs, Article, ArticleQuads, ArticlesQuads, Node, Nodes,
// InNodes, FirstValues, SubjectQuads, In, Out, LinkingQuads, ScanQuads),
// which translate Cayley's errors and never return the Writer's index quads.
// Write through a Writer, never directly: the Writer maintains the article
// index (packed.go) and node reference counts.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Backend returns the name of the Cayley backend in use: one of BackendBolt,
// BackendMemory, BackendPostgres, BackendCockroach.
func (s *Store) Backend() string { return s.backend }
