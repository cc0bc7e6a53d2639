package server

// The query languages of /api/v2/query besides claimgraph's own and Gizmo
// (which the queries package runs under its limits): GraphQL and MQL, as
// stock Cayley v0.7.7 serves them through its handler.
import (
	_ "github.com/cayleygraph/cayley/query/graphql" // lang=graphql
	_ "github.com/cayleygraph/cayley/query/mql"     // lang=mql
)
