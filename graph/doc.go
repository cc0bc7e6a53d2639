// Package graph is claimgraph's quad store: it opens a Cayley backend, writes
// articles' quads into it and reads them back.
//
// # Backends
//
// Open picks a Cayley backend from a DSN:
//
//	path/to/claimgraph.db          embedded bolt (a directory holding indexes.bolt), created if absent
//	                               (OpenExisting, for reading, fails with ErrNoStore instead)
//	mem:                           in-memory store, empty on every Open (tests)
//	postgres://… postgresql://…    PostgreSQL through Cayley's SQL backend, tables created if absent
//	cockroach://…                  CockroachDB (the same URL with the postgresql:// scheme)
//
// # Articles
//
// Every quad's label is the IRI of the article it came from (see package
// schema). A Writer takes an article's quads, contiguous and labelled with the
// article's IRI, and for each article either adds it, replaces it (applying
// only the difference from what the store holds) or leaves it unchanged when
// its schema.ContentHash matches the stored one. Beside the article's quads it
// keeps one quad that packs them all (the article index, packed.go)
//
//	<article> <schema.Packed> "…" <article>
//
// so that reading, replacing and deleting an article is one lookup on its
// node, never a scan of the subjects it shares with other articles, nor of
// the store. Stores written before the packed index kept a subject index
// instead, one quad <article> <schema.Subject> <s> <article> for every
// distinct subject s of the article's quads; graph still reads it, and
// replaces it with a packed quad when it writes the article again. Writes are batched: whole articles are gathered into one
// ApplyDeltas of at least WriterOptions.BatchSize quads (WriteBatch sets a
// store's default). On bolt a batch is written in the background while the
// next is gathered, so that comparing articles with the store and Cayley's
// writing take a core each; batches in flight never share an article. An article that
// cannot be written fails alone (ArticleError): its quads are checked first
// (valid, not reserved, text in UTF-8), and a batch the store refuses is
// written again one article per transaction. An article is written in one
// transaction; the linking output's largest labels, more quads than a batch,
// may be written in several (WriterOptions.Parts, parts.go), so that no
// transaction holds more than a batch's pages, under a pending quad
//
//	<label> <schema.PackedPending> "…" <label>
//
// that tells a write cut short, which the label's next write finishes.
//
// # The ordered index (bolt)
//
// Cayley's kv layer keys its indexes by value hash, so no read of it comes
// in IRI order: the first page of "the articles citing SOHR" read every such
// article's quad from Cayley's log to sort them. On bolt, graph keeps a
// bucket of its own beside Cayley's (ordered.go), written in the same
// transaction as the quads it lists: one key per quad of rdf:type,
// schema:citation, schema:publisher and speaksFor, ordered by object, then
// subject, then label (of rdf:type, the classes listed whole: articles,
// claims, sources, events, places, linked events, the relations), and one
// per schema:member quad, subject first. ArticleIRIs, OfType,
// ArticlesOfSource, ArticlePages, TypedMembers and Stats's typed counts read
// it with a cursor; a page costs what it holds.
// Its marker records the size and horizon of Cayley's log it was written
// at; a store written without it (before it existed, or by an older
// claimgraph) is indexed again when opened, once (three to four minutes at
// 100,000 articles; the WhileIndexing option lets a command say so). The other backends read as before, from Cayley's
// indexes.
//
// # The link keys (bolt)
//
// The linker's index keys (schema.LinkKeyOf, schema.LinkVoterKey), which
// only an incremental relink reads, are kept on bolt in a bucket of their
// own (linkkeys.go) rather than in Cayley's indexes, written in their
// component's transaction; Out, In and CountIn answer for them from it.
// They were 40% of the quads a link wrote. A store that holds them in
// Cayley (written before) has them moved when opened, once (two and a half
// minutes at 100,000 articles).
//
// # PostgreSQL and CockroachDB
//
// On the SQL backends graph writes Cayley's nodes and quads rows itself
// (sqlwrite.go) instead of through Cayley's writer: the same rows, with COPY
// on PostgreSQL and multi-row INSERTs on CockroachDB, conflict-tolerant
// (a quad already there is skipped, never counted twice), each write
// transaction holding a PostgreSQL advisory lock, so that several loaders
// may write one database at once. docs/postgres.md says what is safe.
//
// # Reads
//
// The Store's methods are the one way to read it: an article's IRIs, quads
// and decoded form (ArticleIRIs, ArticlePages, ArticleQuads, Article,
// ArticlesOfSource), the nodes of a class (OfType, TypedMembers),
// a node's properties (Node, SubjectQuads; chosen properties of many nodes,
// Nodes, InNodes, FirstValues) and neighbours (In, Out), the linking output
// (LinkingQuads, LinkingLabels, IsLinkingOutput) and a pass over every quad
// (ScanQuads).
// Package queries builds its events, relations and traces on them, package
// export its exports. QuadStore, the raw Cayley store, is left for what runs
// on Cayley's iterators: Gizmo and Cayley's HTTP handlers.
//
// Reads fan out from one node at a time (QuadIterator on a single node ref,
// or on a node and a predicate where the backend indexes both: In, Out,
// Nodes), never from large node sets: on the key-value backends a hop from
// a set of nodes scans every quad in the store.
//
// # Errors
//
// Cayley's and the database drivers' errors are translated here: functions
// return ErrNotFound and ErrBadDSN (test with errors.Is) or an error wrapped
// with the DSN or article it concerns. Nothing in this package logs, and it
// silences Cayley's own logger (clog), which would print connection strings
// with their passwords.
//
// # Cayley workaround
//
// Cayley v0.7.7's bolt backend corrupts added quads when one ApplyDeltas
// both adds and deletes and a node loses references overall (see kvpad.go);
// the Writer pads such batches so that replaces stay atomic. It also opens
// bolt files with no lock timeout, so a second process on a store in use
// waited forever: graph opens bolt stores itself with one (boltlock.go),
// and Open fails with ErrLocked instead. Its bolt transactions are graph's
// own (boltkv.go, hidalgo's code), so that a write packs the pages of
// Cayley's append-only log full instead of half.
//
// # Imports
//
// graph imports the standard library, package schema,
// github.com/cayleygraph/quad and github.com/cayleygraph/cayley (its graph
// package aliased as cgraph, and the backends blank-imported in backends.go),
// and, for the bolt backend, go.etcd.io/bbolt (the maintained fork of the
// github.com/boltdb/bolt Cayley uses, same file format) and the KV
// interfaces Cayley's kv layer is written against (github.com/hidal-go/hidalgo),
// and for the SQL
// backends the drivers Cayley registers (github.com/lib/pq for PostgreSQL,
// github.com/jackc/pgx for CockroachDB). Only graph and queries import
// Cayley.
package graph
