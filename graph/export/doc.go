// Package export writes a claimgraph store, or the part of it about one
// event, article or source, in formats that graph visualizers and
// fact-checking tools read.
//
// # Formats
//
// Entity-level formats draw one node per article, outlet, source, claim,
// event and place; a claim's figure and via hops are folded into the claim
// node and its edges:
//
//	graphml      GraphML with typed <key>s (Gephi, yEd, Cytoscape, networkx)
//	gexf         GEXF 1.3 with typed attributes, node colours, and time spells
//	             for claims, events and articles (Gephi's timeline)
//	cyjs         Cytoscape.js JSON, {"elements":{"nodes":[…],"edges":[…]}}
//	             (Cytoscape desktop, Cytoscape.js, networkx.cytoscape_graph)
//	dot          Graphviz, readable labels, a colour and shape per node type
//
// Every node has "label", "type" (article, outlet, source, claim, event,
// place, and linked_event for the linking step's cross-article events) and
// the attributes of its type (NodeAttrs, with their value types:
// figure value/min/max and offsets are 64-bit integers, coordinates doubles,
// dates ISO strings). Every edge has "type" (the relation: appearance,
// attributedTo, via, event, location, within, speaksFor, publisher, cites,
// subsetOf, corroborates, contradicts; member and includes from a linked
// event to its claims and per-article events), "predicate" (its full IRI),
// "article" (the IRI of the article the quad came from, the quad label; the
// first one when several articles state the same edge) and "articles" (all
// of them, space-separated) with "weight" = how many; contradicts and
// corroborates edges carry the linker's "kind" (figure, revision, scope,
// date) and "why" from its relation nodes. The derived shortcuts
// prov:wasQuotedFrom and prov:hadPrimarySource are left out (they follow
// from the via order and speaksFor), as are content hashes and origins; the
// raw formats keep them.
//
// Raw formats keep every quad and its label:
//
//	nquads       N-Quads, labelled with the article (or link graph) they came from
//	jsonld       JSON-LD: one named graph per label, @context with the cg, cgid,
//	             schema, prov, rdf and xsd prefixes
//
// A fact-checker's review ('claimgraph review') is kept under its own label
// (its review IRI): the whole store's reviews, or, with a filter, the
// reviews of the claims and events the export holds.
//
// Both are RDF 1.1 that any RDF reader takes: typed literals carry absolute
// XML Schema datatype IRIs and canonical lexical forms ("27"^^xsd:integer,
// "3.488E1"^^xsd:double, "true"^^xsd:boolean, dateTimes in UTC with Z), so
// stock Cayley loads numbers as numbers (Filter(gte(20)) works) and rdflib
// gives ints, floats and bools. Dates without a time (schema:datePublished,
// startDate) are plain strings, as in the store.
//
// And one for fact-check interchange:
//
//	claimreview  a schema.org DataFeed of ClaimReview objects, one per claim
//
// ClaimReview is the format fact-checkers exchange (Google Fact Check Tools,
// the Duke Reporters' Lab and Data Commons feeds are DataFeeds of
// ClaimReview), shaped by the properties Google's fact-check documentation
// requires (claimReviewed within MaxClaimReviewed characters, reviewRating
// with an alternateName, url) and recommends (author, datePublished,
// itemReviewed: a Claim with appearance, author, datePublished,
// firstAppearance). WriteClaimReview takes the publisher (the ClaimReview
// author) and a url template (ClaimReviewOptions); Write uses neither.
//
// A verdict comes only from a fact-checker: a review recorded with
// graph.Store.WriteReview ('claimgraph review') becomes the ClaimReview of
// its claim, with their rating, explanation, url and date, and them as the
// Rating's author; a review of an event becomes a ClaimReview of what the
// exported claims report about it. A claim nobody reviewed gets what
// claimgraph found, never dressed as a verdict: the textual rating
// NotFactChecked, no ratingValue, bestRating, worstRating or rating author,
// and a ratingExplanation in plain words ("No fact-checker has reviewed this
// claim. claimgraph found, without judging it: at least 27 killed,
// according to …; 1 other report of the same incident disagrees: Amaq News
// Agency said 20 killed (reported by Al-Masdar News on 2019-04-21).").
// claimReviewed is who said what, where ("Syrian Observatory for Human
// Rights: 27 killed in As Sukhnah"); the evidence sentence is the Claim's
// text.
//
// And one table for analysts (pandas, Excel, QGIS), in the shape of ACLED
// and GDELT event data:
//
//	csv          RFC 4180 (encoding/csv: a header row, CRLF line ends, fields
//	             quoted when they need it), UTF-8 without a byte order mark
//
// By default (WriteCSV, or Write with CSV) a row is a claim, in article and
// claim order, with the columns ClaimColumns:
//
//	claim_id      the claim's IRI
//	date          the date of the event the claim is about (ISO 8601), ""
//	date_end      when unknown (an undated article's event before linking dates it)
//	admin1        governorate
//	admin2        district, from the gazetteer entry of the place
//	              (CSVOptions.Admin2; "" for a governorate or an entry without one)
//	place         the place name, as the gazetteer gives it
//	place_id      claimgraph's place id
//	lat, lon      WGS 84 decimal degrees, "" when the gazetteer has none
//	metric        killed, wounded, captured ... (schema.Metrics)
//	min, max      the interval the figure denotes; "" is open ("at least 27": 27, "")
//	value         the number as stated; "" for "dozens"
//	figure        the figure as written ("at least 27")
//	unit          "" for people, else what it measures (km2, percent ...)
//	aggregate     true for a running tally or total, not one incident's figure
//	claimant      who made the claim (display name); "" when the outlet asserts it
//	claimant_id   the claimant's source id (claimgraph claims --source ID)
//	origin        the source id of the claim's origin: the organisation a person
//	              claimant speaks for, or the claimant (prov:hadPrimarySource)
//	relays        the intermediaries, nearest the article first, "; "-separated
//	outlet        the outlet that published the article
//	article_id    the article id (file base name or JSON id)
//	article_url   the article's URL, when the input has one
//	published     the article's publication date
//	linked_event  the IRI of the linked event the claim belongs to, "" if none
//	evidence      the sentence the claim was read from
//
// With CSVOptions.PerEvent a row is a linked event, in IRI order, with the
// columns EventColumns: linked_event, name, kind, date, date_end and the
// place columns of its location, then a summary of the reports of its main
// metric (killed when any report counts the killed, else the metric most
// reports count): metric; min, the lowest lower bound a report states;
// max, the highest upper bound a report states (open bounds do not count);
// figures, every stated figure, "; "-separated; aggregate; reports, how
// many; independent_origins, as the linking step counted them for the whole
// event; claimants, origins, relays, outlets, article_ids, article_urls,
// each distinct and "; "-separated; evidence, the sentences " | "-separated.
//
// # Selection
//
// A Filter narrows the export to an event (the event, its claims, their
// articles, outlets, sources and places), an article (all its claims), or a
// source (the claims it made, made by people speaking for it, or relayed
// by it, with the same surroundings); an event filter also takes a linked
// event (its member claims). Of the linking output (graph.Store.LinkingQuads:
// the head and the components' quads, without their index keys), a
// filtered export keeps a linked event when one of its claims is exported,
// and a corroborates/contradicts link or relation node when all of its
// claims are; circular-reporting groups appear in the raw formats only.
//
// # Order and memory
//
// Output is deterministic: articles in IRI order, quads sorted within an
// article, nodes sorted by IRI and edges by source, target and type, so
// exports of one store are byte-identical and diff well. The raw formats
// and claimreview stream article by article. The entity formats hold the
// entity graph (not the quads) in memory, because nodes shared by many
// articles are written once and GEXF, GraphML and DOT want them declared
// before their edges.
//
// # Imports
//
// export imports the standard library, github.com/cayleygraph/quad,
// package graph, package schema and package rows (the csv rows start from
// a claim's rows.Claim); it reads the store through graph.Store's methods
// only, the corroborates/contradicts quads (which may carry a label other
// than an article) one claim at a time (graph.Store.SubjectQuads).
package export
