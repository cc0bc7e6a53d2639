// Package rows holds the records claimgraph hands out, one Go type per
// record with the JSON field names of its documented contract
// (docs/usage.md, docs/provenance.md): a claim (Claim, 'claims --format
// jsonl'), an article (Article with its Lead, 'articles'), a linked event
// (Event, 'events'), the relations between claims (Contradiction, also for
// updates; Corroboration; Circular: 'query NAME') and a claim's trace (Hop,
// 'query trace').
//
// NewClaim and NewArticle build the claim and article rows from a decoded
// schema.Article: the one mapping from the model to those records. The
// command line prints the rows as they are; the server's page types and
// the csv export derive from them what they show. Package queries fills
// the event and relation rows from the linker's output in the store.
//
// Adding a field to a claim touches the model and its encoder (package
// schema), Claim and NewClaim here, and the contract in docs/usage.md.
//
// # Imports
//
// rows imports package schema and the standard library only, so that every
// layer above schema (graph and its exports, queries, server, cmd) may use
// it.
package rows
