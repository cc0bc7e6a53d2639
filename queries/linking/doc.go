// Package linking is claimgraph's cross-article linker: a pure function from
// the articles' claims (schema.Article) to linked events and the relations
// between their claims (corroborations, contradictions, circular reporting),
// rendered as quads in components (component.go): the articles whose
// linking depends on each other, each component with its own label and the
// index keys an incremental relink finds it by. It reads no store and
// writes none; package queries reads the articles from a store, calls Link
// and writes its output.
//
// The rules are in the doc comments of the functions that apply them; the
// README's "Linking" section states them for users. The words the rules read
// (victims' sides, ranks, families of event kinds) are data/linking.tsv.
//
// # Files
//
// In the order Link runs its steps:
//
//   - linking.go: the API (Options, Link, LinkWith, Output, Probes, the
//     keys) and the linker's state;
//   - units.go: the claims (lclaim) and per-article events (unit) collect
//     reads from the articles, copies, time windows, days; words.go:
//     data/linking.tsv's words (victims' sides, kinds); places.go: how near
//     two units' places are;
//   - origin.go: restatements; consolidate.go: an article's units of one
//     incident;
//   - anchor.go: dates for undated articles;
//   - cluster.go: linked events, from blocking.go's candidate pairs weighed
//     by evidence.go (text.go: shared wording; agree.go: agreeing figures);
//   - relate.go: the relations within each event, in corroborate.go,
//     contradict.go (contradictions, updates, date contradictions) and
//     circular.go;
//   - component.go: the components and their index keys; quads.go: the
//     output, component by component.
//
// # Imports
//
// Of the project's packages linking imports schema only, and of Cayley's
// only the quad package (TestImports).
package linking
