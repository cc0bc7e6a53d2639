// Package queries runs Gizmo scripts (Cayley's JavaScript query language)
// against a claimgraph store and returns their results as JSON-ready data.
//
// # Running a script
//
// Run executes a script and collects its results; RunJSONL streams them, one
// JSON value per line. Cayley's gizmo.Session.Execute ignores its context, so
// this package enforces cancellation itself: it runs the script under ctx
// (narrowed by RunOptions.Timeout), passes that context to every Next, always
// closes the result iterator, and on cancellation interrupts the JavaScript
// VM, so that a runaway script such as `while(true){}` stops too. A run that
// outlives RunOptions.Timeout returns an error matching ErrTimeout; one whose
// ctx is cancelled returns the context's error. Since no interrupt reaches
// goja's built-ins, every script runs behind a guard (NewGuardedSession,
// GuardConcat) that bounds their inputs (MaxArrayLength, MaxStringLength)
// and, rewriting the script's +, += and template literals, its
// concatenations; regular expression matches stop after MatchTimeout; and
// RunOptions.Watchdog stops scripts whose heap grows too much (ErrMemory).
// docs/reliability.md lists the limits.
//
// # Results
//
// A result is either a tag map, one per path of a g.V(...)...All() or
// GetLimit(n), keyed by tag name ("id" holds the path's end node), or a value
// the script passed to g.Emit. The script's own completion value is ignored.
// Values are rendered exactly as Cayley's HTTP API renders them in its
// default JSON collation (POST /api/v2/query, Accept: application/json):
//
//	IRI                  "<https://claimgraph.org/id/source/sohr>"  (always the full IRI, in angle brackets)
//	blank node           "_:b1"
//	string, lang string  "killed"
//	integer, float       27, 0.5
//	boolean              true
//	time                 "2019-04-20T00:00:00Z"
//	other typed literal  "\"x\"^^<http://example.org/t>"
//
// Keeping the angle brackets is deliberate: it is what Cayley returns, it is
// what a script itself sees in a tag map (so a g.Emit of a ForEach callback's
// argument and an All() result agree), it tells a node from a string literal
// ("killed" is a literal, "<...>" a node), and the string can be handed back
// to g.V, Is or Has, in the same script or through Params, to mean the same
// node. A shell consumer strips them with jq's ltrimstr("<")|rtrimstr(">").
//
// At most RunOptions.Limit results (DefaultLimit when zero) are returned;
// a script that produces more gets the first Limit and an error matching
// ErrLimit, never a silent truncation.
//
// # Parameters
//
// RunOptions.Params is encoded with json.Marshal and bound to the global
// `params` before the script runs (`params` is {} when Params is nil). Values
// are never pasted into the script text, so a parameter cannot change the
// script. The binding is placed on the script's first line, so line numbers
// in error messages match the script; columns on line 1 are shifted.
//
// # Prefixes
//
// Gizmo itself does not expand prefixes. This package makes both short forms
// work for every prefix registered with quad/voc, which includes cg:, cgid:,
// schema: and prov: (registered by package schema) and the rdf:, rdfs: and
// xsd: that Cayley registers:
//
//   - g.IRI("cg:metric") expands because every script starts with
//     g.addDefaultNamespaces(), Gizmo's own way of loading voc's prefixes.
//   - "<cg:metric>" strings (in g.V, Out, In, Has, Is, Save ...) are looked
//     up in their full form when the script or its parameters contain "<"
//     followed by a registered prefix: the store is then wrapped in a view
//     whose ValueOf expands short IRIs. That view hides the backend's own
//     shape optimiser (it must, since the backend's optimised shapes only
//     build on the backend itself), so saved queries that care about speed on
//     bolt or SQL should use full IRIs or g.IRI.
//
// Results always carry full IRIs: the store holds them so.
//
// # Linking and saved queries
//
// Link reads every article of the store, hands them to package linking (a
// pure function of the articles: linked events by cross-document event
// coreference, origins with restatements resolved and independence counted
// low, corroborations of agreeing figures, typed contradictions, updates and
// circular reporting; the rules are in its doc comments and in
// docs/linking.md) and writes the result: a head labelled schema.LinkingIRI
// and one labelled component per group of articles whose linking depends on
// each other, each rewritten only when it changed. Relink does the same for
// the components some articles (loaded, replaced, deleted) touch, found
// through the components' index keys, in one transaction, and writes what
// Link would. The output depends only on which articles are loaded.
//
// The saved queries (contradictions.js, updates.js, corroborations.js,
// circular.js, events.js, trace.js, with the helpers of helpers.js;
// SavedQueries) read that output. They use full IRIs and per-node fan-out
// only, so they run unchanged in stock Cayley and on kv backends; Library
// exposes them as functions to user scripts. The typed wrappers
// (Contradictions, Updates, Corroborations, CircularReports, Events, Trace)
// answer the same questions by direct fan-out through graph.Store.Node and
// return package rows' records. Only Gizmo takes the raw Cayley store
// (graph.Store.QuadStore): its scripts run on Cayley's iterators.
//
// # Imports
//
// queries imports schema, rows (the records its typed wrappers return),
// graph, Cayley's graph, query and gizmo packages, goja's parser (to bound
// concatenations), regexp2 (to set its match timeout) and the standard
// library. It never imports loaders or cmd.
package queries
