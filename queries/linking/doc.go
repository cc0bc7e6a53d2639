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
// # Imports
//
// Of the project's packages linking imports schema only, and of Cayley's
// only the quad package (TestImports).
package linking
