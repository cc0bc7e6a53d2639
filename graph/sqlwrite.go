package graph

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx"
	"github.com/lib/pq"
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
//  1. the values of the added quads, into nodes with as many references as
//     the added quads make, or as many more when the node exists (ON
//     CONFLICT DO UPDATE, as Cayley does), with csql.NodeValues's columns;
//  2. the deleted quads, DELETE … RETURNING the rows really deleted;
//  3. the added quads, INSERT … ON CONFLICT DO NOTHING RETURNING the rows
//     really inserted;
//  4. the nodes' reference counts corrected by what steps 2 and 3 returned
//     (an added quad that was there already counts nothing), and the nodes
//     left with no reference deleted.
//
// Steps 2–4 make a write idempotent and race-free: a quad another writer
// added (or deleted) in the meantime is skipped and counted by nobody twice.
// On PostgreSQL, nodes go in with COPY (lib/pq's CopyIn) into a temporary
// table and from there into Cayley's with one INSERT … SELECT, and quads
// with one statement per 100,000 whose single parameter holds their hashes
// end to end (packQuads); on CockroachDB both go in with multi-row INSERTs
// of at most 65,535 parameters.
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
	copy     bool // write nodes with COPY, quads packed (PostgreSQL, lib/pq)
	packRows int  // quads per packed statement; packedQuadRows when 0
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
	pg := backend == BackendPostgres
	return &sqlStore{db: db, advisory: pg, copy: pg}, nil
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
// deadlock (SQLSTATE 40001, 40P01), which running the transaction again
// resolves, from either driver.
func sqlRetryable(err error) bool {
	var code string
	var pe *pq.Error
	var ge pgx.PgError
	switch {
	case errors.As(err, &pe):
		code = string(pe.Code)
	case errors.As(err, &ge):
		code = ge.Code
	}
	return code == "40001" || code == "40P01"
}

// sqlWrite is a batch of deltas, split and deduplicated.
type sqlWrite struct {
	nodes map[csql.ValueType][]sqlNode // values of the added quads, by column set
	refs  map[cgraph.ValueHash]int     // references the added quads make to each
	adds  []cgraph.QuadHash
	dels  []cgraph.QuadHash
}

type sqlNode struct {
	hash   cgraph.ValueHash
	values []interface{} // hash first, then the type's columns (csql.NodeValues)
}

func newSQLWrite(deltas []cgraph.Delta) (*sqlWrite, error) {
	w := &sqlWrite{nodes: make(map[csql.ValueType][]sqlNode), refs: make(map[cgraph.ValueHash]int)}
	seenNode := make(map[cgraph.ValueHash]bool)
	seenAdd := make(map[cgraph.QuadHash]bool)
	seenDel := make(map[cgraph.QuadHash]bool)
	hashes := make(valueHashes)
	for _, d := range deltas {
		if d.Quad.Label == nil {
			return nil, fmt.Errorf("quad %s has no label", d.Quad.NQuad())
		}
		k := hashes.quad(d.Quad)
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
			w.refs[h]++
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
	slices.SortFunc(w.adds, compareQuadHashes)
	slices.SortFunc(w.dels, compareQuadHashes)
	for _, ns := range w.nodes {
		slices.SortFunc(ns, func(a, b sqlNode) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	}
	return w, nil
}

// compareQuadHashes orders quads by their subject's, predicate's, object's
// then label's hash, as Cayley's spol_unique index does.
func compareQuadHashes(a, b cgraph.QuadHash) int {
	if c := bytes.Compare(a.Subject[:], b.Subject[:]); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Predicate[:], b.Predicate[:]); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Object[:], b.Object[:]); c != 0 {
		return c
	}
	return bytes.Compare(a.Label[:], b.Label[:])
}

// valueHashes remembers the hashes of the values a batch repeats (every
// quad of an article has its IRI as label, predicates recur in every
// article), so that each is computed once: a hash is a SHA-1 of the value's
// N-Quads form.
type valueHashes map[quad.Value]cgraph.ValueHash

// quad returns q's hashes, as hashOf does.
func (c valueHashes) quad(q quad.Quad) cgraph.QuadHash {
	return cgraph.QuadHash{Subject: c.of(q.Subject), Predicate: c.of(q.Predicate), Object: c.of(q.Object), Label: c.of(q.Label)}
}

// of returns cgraph.HashOf(v), remembering it when v is of a type known to
// be comparable (a map key).
func (c valueHashes) of(v quad.Value) cgraph.ValueHash {
	switch v.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.TypedString, quad.LangString:
	default:
		return cgraph.HashOf(v)
	}
	h, ok := c[v]
	if !ok {
		h = cgraph.HashOf(v)
		c[v] = h
	}
	return h
}

// tx runs w in one transaction, in four steps: the nodes of the added
// quads, the deleted quads, the added quads, then the nodes' reference
// counts, deleting the nodes nothing refers to any more.
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
	// refs: how the counts step 1 leaves must change, by what steps 2 and
	// 3 really did
	refs := make(map[cgraph.ValueHash]int, len(w.refs))

	// 1. nodes, with the references the added quads make
	insertNodes := s.valuesNodes
	if s.copy {
		insertNodes = s.copyNodes
	}
	if err := insertNodes(ctx, tx, w); err != nil {
		return fmt.Errorf("inserting nodes: %w", err)
	}
	// 2. deleted quads
	if err := deleteQuads(ctx, tx, w.dels, refs); err != nil {
		return fmt.Errorf("deleting quads: %w", err)
	}
	// 3. added quads
	if err := s.insertQuads(ctx, tx, w.adds, refs); err != nil {
		return fmt.Errorf("inserting quads: %w", err)
	}
	// 4. reference counts, then the nodes nothing refers to
	var changed, gone []cgraph.ValueHash
	for h, n := range refs {
		if n != 0 {
			changed = append(changed, h)
		}
		if n < 0 {
			gone = append(gone, h)
		}
	}
	sortHashes(changed)
	if err := countRefs(ctx, tx, changed, refs); err != nil {
		return fmt.Errorf("counting node references: %w", err)
	}
	sortHashes(gone)
	if err := deleteUnreferenced(ctx, tx, gone); err != nil {
		return fmt.Errorf("deleting unreferenced nodes: %w", err)
	}
	return tx.Commit()
}

// deleteQuads deletes the quads dels, and takes one from refs for each
// node of each quad it deleted.
func deleteQuads(ctx context.Context, tx *sql.Tx, dels []cgraph.QuadHash, refs map[cgraph.ValueHash]int) error {
	return chunks(len(dels), 4, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`DELETE FROM quads USING (VALUES `)
		args := quadArgs(&q, dels[lo:hi], "::bytea", "")
		q.WriteString(`) AS d(s, p, o, l) WHERE quads.subject_hash = d.s AND quads.predicate_hash = d.p` +
			` AND quads.object_hash = d.o AND quads.label_hash = d.l AND quads.label_hash IS NOT NULL` +
			` RETURNING quads.subject_hash, quads.predicate_hash, quads.object_hash, quads.label_hash`)
		return queryHashes(ctx, tx, q.String(), args, 4, func(hs []cgraph.ValueHash) {
			for _, h := range hs {
				refs[h]--
			}
		})
	})
}

// insertQuads inserts the quads adds that are not there yet (in one
// parameter per statement when s.copy, see packQuads), and takes one from
// refs for each node of each quad of adds it did not insert.
func (s *sqlStore) insertQuads(ctx context.Context, tx *sql.Tx, adds []cgraph.QuadHash, refs map[cgraph.ValueHash]int) error {
	if s.copy {
		return packQuads(ctx, tx, adds, cmp.Or(s.packRows, packedQuadRows), func(hs []cgraph.ValueHash) {
			for _, h := range hs {
				refs[h]--
			}
		})
	}
	for _, k := range adds {
		for _, dir := range quad.Directions {
			refs[k.Get(dir)]-- // until the INSERT returns the quad as inserted
		}
	}
	return chunks(len(adds), 4, func(lo, hi int) error {
		var q strings.Builder
		q.WriteString(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES `)
		args := quadArgs(&q, adds[lo:hi], "", ", now()")
		q.WriteString(` ON CONFLICT DO NOTHING RETURNING subject_hash, predicate_hash, object_hash, label_hash`)
		return queryHashes(ctx, tx, q.String(), args, 4, func(hs []cgraph.ValueHash) {
			for _, h := range hs {
				refs[h]++
			}
		})
	})
}

// countRefs adds to the reference count of each node of changed its
// change in refs.
func countRefs(ctx context.Context, tx *sql.Tx, changed []cgraph.ValueHash, refs map[cgraph.ValueHash]int) error {
	return chunks(len(changed), 2, func(lo, hi int) error {
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
}

// deleteUnreferenced deletes the nodes of gone that nothing refers to.
func deleteUnreferenced(ctx context.Context, tx *sql.Tx, gone []cgraph.ValueHash) error {
	return chunks(len(gone), 1, func(lo, hi int) error {
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
}

// nodeTypes returns the column sets of w's nodes in a fixed order.
func (w *sqlWrite) nodeTypes() []csql.ValueType {
	types := make([]csql.ValueType, 0, len(w.nodes))
	for t := range w.nodes {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	return types
}

// valuesNodes inserts w's nodes with multi-row INSERTs.
func (s *sqlStore) valuesNodes(ctx context.Context, tx *sql.Tx, w *sqlWrite) error {
	for _, typ := range w.nodeTypes() {
		cols := typ.Columns()
		per := 2 + len(cols)
		nodes := w.nodes[typ]
		err := chunks(len(nodes), per, func(lo, hi int) error {
			var q strings.Builder
			q.WriteString(`INSERT INTO nodes (refs, hash, ` + strings.Join(cols, ", ") + `) VALUES `)
			args := make([]interface{}, 0, (hi-lo)*per)
			for i, n := range nodes[lo:hi] {
				if i > 0 {
					q.WriteString(", ")
				}
				args = append(args, w.refs[n.hash])
				q.WriteString("($" + strconv.Itoa(len(args)))
				for _, v := range n.values {
					args = append(args, v)
					q.WriteString(", $" + strconv.Itoa(len(args)))
				}
				q.WriteString(")")
			}
			q.WriteString(` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
			_, err := tx.ExecContext(ctx, q.String(), args...)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nodeColumns are the columns of Cayley's nodes table that csql.NodeValues
// fills, in the order of the temporary table copyNodes writes.
var nodeColumns = []string{"hash", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// copyNodes inserts w's nodes through a temporary table filled with COPY.
func (s *sqlStore) copyNodes(ctx context.Context, tx *sql.Tx, w *sqlWrite) error {
	if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE IF NOT EXISTS cg_nodes (LIKE nodes) ON COMMIT DELETE ROWS`); err != nil {
		return err
	}
	cols := append([]string{"refs"}, nodeColumns...)
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn("cg_nodes", cols...))
	if err != nil {
		return err
	}
	defer stmt.Close()
	pos := make(map[string]int, len(cols))
	for i, c := range cols {
		pos[c] = i
	}
	row := make([]interface{}, len(cols))
	for _, typ := range w.nodeTypes() {
		tcols := typ.Columns()
		for _, n := range w.nodes[typ] {
			clear(row)
			row[0], row[1] = w.refs[n.hash], copyBytea(n.values[0])
			for i, c := range tcols {
				row[pos[c]] = copyBytea(n.values[1+i])
			}
			if _, err := stmt.ExecContext(ctx, row...); err != nil {
				return err
			}
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return err
	}
	all := strings.Join(cols, ", ")
	_, err = tx.ExecContext(ctx, `INSERT INTO nodes (`+all+`) SELECT `+all+` FROM cg_nodes ORDER BY hash`+
		` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
	return err
}

// copyBytea returns v, or v in BYTEA's hex format when it is a []byte,
// for COPY: lib/pq v1.1.1 would send it in the escape format, three or
// four bytes per byte built with fmt.Sprintf, when it cannot parse the
// server's version (as with Debian's "15.18 (Debian 15.18-0+deb12u1)").
func copyBytea(v interface{}) interface{} {
	b, ok := v.([]byte)
	if !ok || b == nil {
		return v
	}
	return string(hex.AppendEncode([]byte(`\x`), b))
}

// packedQuadRows is how many quads packQuads sends in one statement: 100,000
// quads make a parameter of 8 MB (16 MB in hex).
const packedQuadRows = 100000

// packedQuadsInsert takes hashes apart 20 bytes at a time (Cayley's are
// SHA-1s); this line stops compiling if they change size.
var _ [20]byte = cgraph.ValueHash{}

// packedQuadsInsert inserts the quads packed in $1, each the 80 bytes of its
// four hashes (subject, predicate, object, label), in hex, and returns those
// it did not insert because they were there already.
const packedQuadsInsert = `WITH packed AS (SELECT decode($1::text, 'hex') AS b), input AS (
	SELECT substr(b, i*80+1, 20) AS s, substr(b, i*80+21, 20) AS p,
		substr(b, i*80+41, 20) AS o, substr(b, i*80+61, 20) AS l
	FROM packed, generate_series(0, length(b)/80-1) AS i ORDER BY i
), inserted AS (
	INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
	SELECT s, p, o, l, now() FROM input
	ON CONFLICT DO NOTHING RETURNING subject_hash, predicate_hash, object_hash, label_hash
)
SELECT s, p, o, l FROM input
EXCEPT ALL SELECT subject_hash, predicate_hash, object_hash, label_hash FROM inserted`

// packQuads inserts adds, in their order, with statements of one parameter
// (of at most rows quads) each: the quads' hashes end to end, in hex, which
// PostgreSQL decodes and takes apart with substr. That is one round trip
// per statement and one hex.Encode, where COPY (lib/pq's CopyIn) encodes
// and escapes every value of every row, and the rows must then be copied
// again from a temporary table. (lib/pq v1.1.1 even escapes BYTEA values in
// octal, three or four bytes each made with fmt.Sprintf, when it cannot
// parse the server's version: it cannot parse those of PostgreSQL 10 and
// later, e.g. "15.18 (Debian 15.18-0+deb12u1)".) The statement returns only
// the quads that were there already (usually none) and packQuads calls
// skipped with each.
func packQuads(ctx context.Context, tx *sql.Tx, adds []cgraph.QuadHash, rows int, skipped func([]cgraph.ValueHash)) error {
	for lo := 0; lo < len(adds); lo += rows {
		hi := min(len(adds), lo+rows)
		var b strings.Builder
		b.Grow((hi - lo) * 8 * quad.HashSize)
		var x [8 * quad.HashSize]byte
		for _, k := range adds[lo:hi] {
			hex.Encode(x[0:], k.Subject[:])
			hex.Encode(x[2*quad.HashSize:], k.Predicate[:])
			hex.Encode(x[4*quad.HashSize:], k.Object[:])
			hex.Encode(x[6*quad.HashSize:], k.Label[:])
			b.Write(x[:])
		}
		if err := queryHashes(ctx, tx, packedQuadsInsert, []interface{}{b.String()}, 4, skipped); err != nil {
			return err
		}
	}
	return nil
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

// sqlChangeLock is the key of the PostgreSQL advisory lock a change (a
// load, a delete or a link, with the relink that ends it) holds for its
// whole length (LockChanges): pg_locks shows it as objid 1668179316.
const sqlChangeLock = sqlWriteLock + 2 // sqlInitLock is + 1

// LockChanges waits until no other process changes the store and keeps it
// so until release is called: a load, a delete or a link holds it from its
// first write to the end of its relink, so that two loaders running at once
// relink one after the other and neither links without the other's
// articles. On PostgreSQL it is a session-level advisory lock on a
// connection of its own (ctx bounds the wait); a bolt store is held by one
// process at a time already, and an in-memory one by one Store, so there it
// returns at once; CockroachDB has no advisory locks, and two changes at
// once there may leave relations stale until the next 'claimgraph link'.
// release never fails and may be called more than once.
func (s *Store) LockChanges(ctx context.Context) (release func(), err error) {
	if s.sql == nil || !s.sql.advisory {
		return func() {}, nil
	}
	conn, err := s.sql.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: lock %s for a change: %w", s.dsn, err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+strconv.Itoa(sqlChangeLock)+`)`); err != nil {
		conn.Close()
		return nil, fmt.Errorf("graph: waiting for another change of %s to end: %w", s.dsn, err)
	}
	done := false
	return func() {
		if done {
			return
		}
		done = true
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+strconv.Itoa(sqlChangeLock)+`)`)
		conn.Close()
	}, nil
}

// closeSQL closes the SQL connections of a PostgreSQL or CockroachDB store.
func (s *Store) closeSQL() {
	if s.sql != nil {
		s.sql.close()
		s.sql = nil
	}
}
