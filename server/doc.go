// Package server is claimgraph over HTTP: Cayley's own /api/v2 (so existing
// Cayley clients work), a small JSON API for the page, and the page itself,
// embedded in the binary.
//
// # Routes
//
//	GET|POST /api/v2/query?lang=gizmo         Gizmo rendered as Cayley's handler renders it, behind queries' guard (queries.RunGizmo), with Options.Timeout and Options.Limit
//	GET|POST /api/v2/query?lang=graphql|mql   Cayley's query handler
//	GET|POST /api/v2/query?lang=claimgraph    Gizmo with the saved queries' functions (contradictions(), trace() ...; see queries.Library)
//	GET|POST /api/v2/read, GET /api/v2/formats  Cayley's
//	POST /api/v2/write, /api/v2/delete, /api/v2/node/delete   only with Options.Writable; 403 otherwise
//	GET /api/events?place=&from=&to=&source=&q=&contradictions=1&sort=date|claims&offset=&limit=   EventPage
//	GET /api/events/{id}                      EventDetail: claims with origin, relays, article, evidence; contradictions; corroborations; updates; why each report joined; related_claims: the other side of a relation in another event; circular_list: circular reporting, one origin and the articles that relayed it in order of publication
//	GET /api/events/{id}/reviews              ReviewList: fact-checkers' reviews (claimgraph review) of the event and its claims
//	GET /api/claims/{id}/trace                TraceAnswer (the hops and the carriers of the figure); id is "ARTICLE:N" (see ClaimID)
//
// Every claim in these answers carries its article's url (when the input
// had one) and the paragraph its evidence sentence was read from (from the
// article text the store keeps, schema:articleBody; "" for articles loaded
// before it was kept).
//
//	GET /api/search?q=                        SearchAnswer: sources and places; places (and /api/events?place=) match any transliteration of q (translit.Key: al-Sukhna finds As Sukhnah)
//	GET /api/map                              MapAnswer: the outlines the page's map draws (Options.Areas) and their note; events carry lat, lon
//	GET /                                     the page (web/: index.html, app.js, style.css), no external files
//
// Every /api/v2/query (any language) takes one of Options.MaxQueries slots
// (503 with Retry-After when none is free), runs under the memory watchdog
// (Options.MaxMemory) and, in Gizmo, behind queries.Guard; a body over
// Options.MaxBody or over the 1 MiB Cayley reads is refused with 413.
//
// Errors of the page API are JSON {"error": "..."} with 400 (bad parameter),
// 404 (no such event or claim) or 500 (the store failed; logged). Every
// request body is limited to Options.MaxBody; every request is logged, one
// line, to Options.Log.
//
// The page API answers from a snapshot of the store (every article decoded
// once, with the linker's events and relations). Once it is older than
// Options.Refresh it is read again in the background while the old one
// keeps answering; after a write through /api/v2 the next request waits
// for it to be read again.
//
// # Imports
//
// server imports graph, queries, rows, schema and internal/translit (the
// gazetteer's transliteration key, for search), and — the one exception to
// "Cayley lives in graph and queries" — Cayley's server/http package and its
// graph.Handle, which it mounts unchanged so that Cayley's clients keep
// working. Of the rest it imports golang.org/x/text (search's folding) and
// golang.org/x/sync/errgroup (the snapshot's reads at once). It never
// imports loaders or cmd.
package server
