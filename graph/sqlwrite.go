package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// The SQL write path (PostgreSQL, CockroachDB).
//
// Cayley's SQL backend writes one statement per node and per quad, and its
// inserts fail a whole transaction on the first quad that already exists
// ("quad exists"), which is what a second loader running at the same time
// meets. claimgraph writes Cayley's tables itself, with the rows Cayley's
// schema expects (graph/sql/database.go: nodes with their reference counts,
// quads with their value hashes), so that Cayley reads the store unchanged:
//
//  1. the values of the added quads, into nodes with refs 0, ON CONFLICT
//     DO NOTHING (multi-row INSERT, one per column set, as csql.NodeValues
//     lays values out);
//  2. the deleted quads, DELETE … RETURNING the rows really deleted;
//  3. the added quads, INSERT … ON CONFLICT DO NOTHING RETURNING the rows
//     really inserted;
//  4. the nodes' reference counts, changed by what steps 2 and 3 returned
//     (never by what was asked), and the nodes left with none deleted.
//
// Steps 2–4 make a write idempotent and race-free: a quad another writer
// added (or deleted) in the meantime is skipped and counted by nobody twice.
// On PostgreSQL every write transaction first takes a transaction-scoped
// advisory lock (sqlWriteLock), so claimgraph's writers commit one at a
// time; CockroachDB has no advisory locks but runs transactions
// serializably. A transaction that fails with a serialization failure or a
// deadlock (SQLSTATE 40001, 40P01) is run again, up to sqlRetries times.

// sqlWriteLock is the key of the PostgreSQL advisory lock claimgraph's
// writers hold for each write transaction: pg_locks shows it as objid
// 1668179314 ("clai") with classid 0.
const sqlWriteLock = 0x636c6169

// sqlRetries is how many times a write transaction is tried.
const sqlRetries = 5

// sqlMaxParams is PostgreSQL's bound on a statement's parameters.
const sqlMaxParams = 65535

// sqlStore writes a Cayley SQL store's tables directly.
type sqlStore struct {
	db       *sql.DB
	advisory bool // take sqlWriteLock (PostgreSQL)
}

// openSQL connects to the database a Cayley SQL backend uses, with the
// driver Cayley registers for it.
func openSQL(ctx context.Context, backend, addr string) (*sqlStore, error) {
	driver := "postgres" // lib/pq, registered by Cayley's postgres backend
	if backend == BackendCockroach {
		driver = "pgx" // registered by Cayley's cockroach backend
	}
	db, err := sql.Open(driver, addr)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return &sqlStore{db: db, advisory: backend == BackendPostgres}, nil
}

func (s *sqlStore) close() error { return s.db.Close() }

// apply applies deltas in one transaction, retrying it on a serialization
// failure or a deadlock.
func (s *sqlStore) apply(ctx context.Context, deltas []cgraph.Delta) error {
	w, err := newSQLWrite(deltas)
	if err != nil {
		return err
	}
	for try := 1; ; try++ {
		err := s.tx(ctx, w)
		if err == nil || try == sqlRetries || !sqlRetryable(err) || ctx.Err() != nil {
			return err
		}
		// back off a little, more each time, so that the other writer ends
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(try*try) * 10 * time.Millisecond):
		}
	}
}

// sqlRetryable reports whether err is a serialization failure or a
// deadlock, which running the transaction again resolves. Both drivers'
// errors print their SQLSTATE.
func sqlRetryable(err error) bool {
	type coded interface{ SQLState() string }
	var c coded
	if errors.As(err, &c) {
		switch c.SQLState() {
		case "40001", "40P01":
			return true
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "40001") || strings.Contains(msg, "40P01") ||
		strings.Contains(msg, "could not serialize access") || strings.Contains(msg, "deadlock detected")
}

// sqlWrite is a batch of deltas, split and deduplicated.
type sqlWrite struct {
	nodes map[csql.ValueType][]sqlNode // values of the added quads, by column set
	adds  []cgraph.QuadHash
	dels  []cgraph.QuadHash
}

type sqlNode struct {
	hash   cgraph.ValueHash
	values []interface{} // hash first, then the type's columns (csql.NodeValues)
}

func newSQLWrite(deltas []cgraph.Delta) (*sqlWrite, error) {
	w := &sqlWrite{nodes: make(map[csql.ValueType][]sqlNode)}
	seenNode := make(map[cgraph.ValueHash]bool)
	seenAdd := make(map[cgraph.QuadHash]bool)
	seenDel := make(map[cgraph.QuadHash]bool)
	for _, d := range deltas {
		if d.Quad.Label == nil {
			return nil, fmt.Errorf("quad %s has no label", d.Quad.NQuad())
		}
		k := hashOf(d.Quad)
		switch d.Action {
		case cgraph.Delete:
			if !seenDel[k] {
				seenDel[k] = true
				w.dels = append(w.dels, k)
			}
			continue
		case cgraph.Add:
		default:
			return nil, fmt.Errorf("quad %s: unknown action %v", d.Quad.NQuad(), d.Action)
		}
		if seenAdd[k] {
			continue
		}
		seenAdd[k] = true
		w.adds = append(w.adds, k)
		for _, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			h := k.Get(dir)
			if seenNode[h] {
				continue
			}
			seenNode[h] = true
			typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
			if err != nil {
				return nil, fmt.Errorf("quad %s: %v", d.Quad.NQuad(), err)
			}
			w.nodes[typ] = append(w.nodes[typ], sqlNode{hash: h, values: vals})
		}
	}
	// a fixed order of rows, so that concurrent writers lock index entries
	// in the same order and cannot deadlock
	less := func(a, b cgraph.QuadHash) bool {
		for _, dir := range quad.Directions {
			ha, hb := a.Get(dir), b.Get(dir)
			if c := bytes.Compare(ha[:], hb[:]); c != 0 {
				return c < 0
			}
		}
		return false
	}
	sort.Slice(w.adds, func(i, j int) bool { return less(w.adds[i], w.adds[j]) })
	sort.Slice(w.dels, func(i, j int) bool { return less(w.dels[i], w.dels[j]) })
	for _, ns := range w.nodes {
		sort.Slice(ns, func(i, j int) bool { return bytes.Compare(ns[i].hash[:], ns[j].hash[:]) < 0 })
	}
	return w, nil
}

// tx runs w in one transaction.
func (s *sqlStore) tx(ctx context.Context, w *sqlWrite) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if s.advisory {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(`+strconv.Itoa(sqlWriteLock)+`)`); err != nil {
			return fmt.Errorf("waiting for the write lock: %w", err)
		}
	}
	refs := make(map[cgraph.ValueHash]int)
	candidates := make(map[cgraph.ValueHash]bool) // nodes that may be left without references

	// 1. nodes, created with no references
	types := make([]int, 0, len(w.nodes))
	for t := range w.nodes {
		types = append(types, int(t))
	}
	sort.Ints(types)
	for _, t := range types {
		typ := csql.ValueType(t)
		cols := typ.Columns()
		per := 1 + len(cols)
		err := chunks(len(w.nodes[typ]), per, func(lo, hi int) error {
			var q strings.Builder
			q.WriteString(`INSERT INTO nodes (refs, hash, ` + strings.Join(cols, ", ") + `) VALUES `)
			args := make([]interface{}, 0, (hi-lo)*per)
			for i, n := range w.nodes[typ][lo:hi] {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteString("(0")
				for _, v := range n.values {
					args = append(args, v)
					q.WriteString(", $" + strconv.Itoa(len(args)))
				}
				q.WriteString(")")
			}
			q.WriteString(` ON CONFLICT (hash) DO NOTHING RETURNING hash`)
			return queryHashes(ctx, tx, q.String(), args, 1, func(hs []cgraph.ValueHash) {
				candidates[hs[0]] = true
			})
		})
		if err != nil {
			return fmt.Errorf("inserting nodes: %w", err)
		}
	}

	// 2. deleted quads
	err = chunks(len(w.dels), 4, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`DELETE FROM quads USING (VALUES `)
		args := quadArgs(&q, w.dels[lo:hi], "::bytea", "")
		q.WriteString(`) AS d(s, p, o, l) WHERE quads.subject_hash = d.s AND quads.predicate_hash = d.p` +
			` AND quads.object_hash = d.o AND quads.label_hash = d.l AND quads.label_hash IS NOT NULL` +
			` RETURNING quads.subject_hash, quads.predicate_hash, quads.object_hash, quads.label_hash`)
		return queryHashes(ctx, tx, q.String(), args, 4, func(hs []cgraph.ValueHash) {
			for _, h := range hs {
				refs[h]--
				candidates[h] = true
			}
		})
	})
	if err != nil {
		return fmt.Errorf("deleting quads: %w", err)
	}

	// 3. added quads
	err = chunks(len(w.adds), 4, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES `)
		args := quadArgs(&q, w.adds[lo:hi], "", ", now()")
		q.WriteString(` ON CONFLICT DO NOTHING RETURNING subject_hash, predicate_hash, object_hash, label_hash`)
		return queryHashes(ctx, tx, q.String(), args, 4, func(hs []cgraph.ValueHash) {
			for _, h := range hs {
				refs[h]++
			}
		})
	})
	if err != nil {
		return fmt.Errorf("inserting quads: %w", err)
	}

	// 4. reference counts, then the nodes nothing refers to
	changed := make([]cgraph.ValueHash, 0, len(refs))
	for h, n := range refs {
		if n != 0 {
			changed = append(changed, h)
		}
	}
	sortHashes(changed)
	err = chunks(len(changed), 2, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`UPDATE nodes SET refs = nodes.refs + r.n FROM (VALUES `)
		args := make([]interface{}, 0, 2*(hi-lo))
		for i, h := range changed[lo:hi] {
			if i > 0 {
				q.WriteString(", ")
			}
			args = append(args, csql.NodeHash{ValueHash: h}.SQLValue(), refs[h])
			fmt.Fprintf(&q, "($%d::bytea, $%d::int)", len(args)-1, len(args))
		}
		q.WriteString(`) AS r(h, n) WHERE nodes.hash = r.h`)
		_, err := tx.ExecContext(ctx, q.String(), args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("counting node references: %w", err)
	}
	gone := make([]cgraph.ValueHash, 0, len(candidates))
	for h := range candidates {
		if refs[h] <= 0 {
			gone = append(gone, h)
		}
	}
	sortHashes(gone)
	err = chunks(len(gone), 1, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`DELETE FROM nodes WHERE refs <= 0 AND hash IN (`)
		args := make([]interface{}, 0, hi-lo)
		for i, h := range gone[lo:hi] {
			if i > 0 {
				q.WriteString(", ")
			}
			args = append(args, csql.NodeHash{ValueHash: h}.SQLValue())
			q.WriteString("$" + strconv.Itoa(len(args)))
		}
		q.WriteString(`)`)
		_, err := tx.ExecContext(ctx, q.String(), args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("deleting unreferenced nodes: %w", err)
	}
	return tx.Commit()
}

// chunks calls fn on consecutive ranges [lo, hi) of n rows of per
// parameters each, as many rows as one statement's parameters allow.
func chunks(n, per int, fn func(lo, hi int) error) error {
	step := sqlMaxParams / per
	for lo := 0; lo < n; lo += step {
		if err := fn(lo, min(n, lo+step)); err != nil {
			return err
		}
	}
	return nil
}

// quadArgs writes the VALUES rows of qs into q and returns their arguments;
// cast follows every placeholder, tail ends every row.
func quadArgs(q *strings.Builder, qs []cgraph.QuadHash, cast, tail string) []interface{} {
	args := make([]interface{}, 0, 4*len(qs))
	for i, h := range qs {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(")
		for j, dir := range quad.Directions {
			if j > 0 {
				q.WriteString(", ")
			}
			args = append(args, csql.NodeHash{ValueHash: h.Get(dir)}.SQLValue())
			q.WriteString("$" + strconv.Itoa(len(args)) + cast)
		}
		q.WriteString(tail + ")")
	}
	return args
}

// queryHashes runs a statement returning n hash columns per row and calls fn
// with each row.
func queryHashes(ctx context.Context, tx *sql.Tx, query string, args []interface{}, n int, fn func([]cgraph.ValueHash)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	hs := make([]csql.NodeHash, n)
	dest := make([]interface{}, n)
	for i := range hs {
		dest[i] = &hs[i]
	}
	out := make([]cgraph.ValueHash, n)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, h := range hs {
			out[i] = h.ValueHash
		}
		fn(out)
	}
	return rows.Err()
}

func sortHashes(hs []cgraph.ValueHash) {
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i][:], hs[j][:]) < 0 })
}

// applySQL applies deltas to a SQL store in one transaction, then has
// Cayley forget the sizes it cached (an empty ApplyDeltas is the only way
// to reset them), so that Stats counts what was written.
func (s *Store) applySQL(ctx context.Context, deltas []cgraph.Delta) error {
	if err := s.sql.apply(ctx, deltas); err != nil {
		return err
	}
	return s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{})
}

// sqlInitLock is the key of the PostgreSQL advisory lock held while
// Cayley's tables are created, so that two loaders opening a new database
// at once do not both create them (the second would fail on PostgreSQL's
// catalog, not with "already exists").
const sqlInitLock = sqlWriteLock + 1

// initOnce runs init, Cayley's schema creation, holding sqlInitLock on
// PostgreSQL.
func (s *Store) initOnce(ctx context.Context, init func() error) error {
	if s.sql == nil || !s.sql.advisory {
		return init()
	}
	conn, err := s.sql.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+strconv.Itoa(sqlInitLock)+`)`); err != nil {
		return fmt.Errorf("waiting for the schema lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+strconv.Itoa(sqlInitLock)+`)`)
	return init()
}

// closeSQL closes the SQL connections of a PostgreSQL or CockroachDB store.
func (s *Store) closeSQL() {
	if s.sql != nil {
		s.sql.close()
		s.sql = nil
	}
}
