package schema

// Namespaces and their conventional prefixes. The prefixes are registered with
// quad/voc by RegisterPrefixes so that Gizmo scripts and N-Quads output can
// use the short forms.
const (
	// NS is claimgraph's own vocabulary namespace.
	NS = "https://claimgraph.org/ns#"
	// Prefix is the short form of NS.
	Prefix = "cg:"
	// IDNS is the namespace of claimgraph's instance IRIs (articles, claims, sources ...).
	IDNS = "https://claimgraph.org/id/"
	// IDPrefix is the short form of IDNS.
	IDPrefix = "cgid:"

	// SchemaNS is schema.org.
	SchemaNS = "http://schema.org/"
	// SchemaPrefix is the short form of SchemaNS.
	SchemaPrefix = "schema:"
	// ProvNS is the W3C PROV-O namespace.
	ProvNS = "http://www.w3.org/ns/prov#"
	// ProvPrefix is the short form of ProvNS.
	ProvPrefix = "prov:"
	// RDFNS is the RDF namespace.
	RDFNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	// RDFSNS is the RDF Schema namespace.
	RDFSNS = "http://www.w3.org/2000/01/rdf-schema#"
)

// Node types.
const (
	// Type is rdf:type.
	Type = RDFNS + "type"

	// ClassArticle is a news article (schema:NewsArticle).
	ClassArticle = SchemaNS + "NewsArticle"
	// ClassOutlet is the news organisation that published an article.
	ClassOutlet = NS + "Outlet"
	// ClassSource is anything cited as saying something: a monitor, an agency, a
	// militia, a government, a person. Sources also carry Organization or Person.
	ClassSource = NS + "Source"
	// ClassOrganization is schema:Organization.
	ClassOrganization = SchemaNS + "Organization"
	// ClassPerson is schema:Person; a person may speak for an organisation (SpeaksFor).
	ClassPerson = SchemaNS + "Person"
	// ClassClaim is schema:Claim: one statement with a figure, as it appears in one article.
	ClassClaim = SchemaNS + "Claim"
	// ClassFigure is the number a claim states, with its interval bounds.
	ClassFigure = NS + "Figure"
	// ClassEvent is an incident or aggregate that claims are about (schema:Event).
	ClassEvent = SchemaNS + "Event"
	// ClassPlace is schema:Place.
	ClassPlace = SchemaNS + "Place"
	// ClassHop is one intermediary in a claim's via chain.
	ClassHop = NS + "Hop"
)

// Predicates shared by several node types.
const (
	// Name is schema:name, the display name of any node.
	Name = SchemaNS + "name"
	// Label is rdfs:label.
	Label = RDFSNS + "label"
	// AltName is schema:alternateName, a spelling seen in the text.
	AltName = SchemaNS + "alternateName"
	// Kind is the sub-kind of a node (monitor, agency, militia; town, governorate; ambush).
	Kind = NS + "kind"
)

// Article predicates.
const (
	// ArticleID is the article's own identifier: its file's base name or its JSON id.
	ArticleID = NS + "articleID"
	// Headline is schema:headline.
	Headline = SchemaNS + "headline"
	// URL is schema:url.
	URL = SchemaNS + "url"
	// ArticleBody is schema:articleBody, the article's text as read: the
	// claims' Offset counts bytes in it, and the page shows an evidence
	// sentence in its paragraph from it.
	ArticleBody = SchemaNS + "articleBody"
	// Publisher is schema:publisher: article -> outlet.
	Publisher = SchemaNS + "publisher"
	// DatePublished is schema:datePublished (an ISO date literal).
	DatePublished = SchemaNS + "datePublished"
	// DateInferred is set to true when DatePublished was inferred from the text.
	DateInferred = NS + "dateInferred"
	// PublishedWeekday is the weekday an undated article was published on, as
	// its named weekdays tell it ("Monday"); its events' relative days count
	// from that day.
	PublishedWeekday = NS + "publishedWeekday"
	// AnchoredPublished is the publication date linking gives an undated
	// article (an ISO date, on the linking label), with AnchoredWhy saying
	// which dated reports of the same incidents gave it.
	AnchoredPublished = NS + "anchoredPublished"
	AnchoredWhy       = NS + "anchoredWhy"
	// ContentHash is the hash of the article's input, used to skip unchanged reloads.
	ContentHash = NS + "contentHash"
	// Origin is where the article was read from, relative to the path the
	// loader was given, never an absolute path, so that the same input
	// exports the same wherever it was loaded from: "001.txt" (a file given,
	// or found at the top of a directory given), "sub/a.txt" (below it),
	// "day2.jsonl:3" (a line of JSON Lines, an element of a JSON array),
	// "-" (standard input).
	Origin = NS + "origin"
	// Cites is article -> every source it cites.
	Cites = SchemaNS + "citation"
	// Lead is article -> its lead claim (the main casualty figure of headline and first paragraph).
	Lead = NS + "lead"
	// Subject is article -> every node the article's quads start from: the
	// per-article index that lets a delete avoid scanning the store.
	Subject = NS + "subject"
	// Packed is label -> all the label's other quads packed into one string
	// (the article index package graph keeps beside every article and
	// linking component it writes): one lookup reads an article whole.
	Packed = NS + "packed"
	// PackedPending is label -> the quads a write of the label in parts
	// (package graph) will leave it with, packed as Packed packs them; it
	// is in the store only while that write is under way or was cut short.
	PackedPending = NS + "packedPending"
	// ExtractorVersion is the version of the extraction that produced the article's quads.
	ExtractorVersion = NS + "extractor"
)

// Claim predicates.
const (
	// Appearance is schema:appearance: claim -> the article it appears in.
	Appearance = SchemaNS + "appearance"
	// AttributedTo is prov:wasAttributedTo: claim -> claimant source.
	AttributedTo = ProvNS + "wasAttributedTo"
	// Via is claim -> Hop, one per intermediary.
	Via = NS + "via"
	// Relay is Hop -> the intermediary source.
	Relay = NS + "relay"
	// Order is the position of a Hop, 1 nearest the article.
	Order = NS + "order"
	// QuotedFrom is prov:wasQuotedFrom: claim -> the source nearest the article
	// in its chain (the first hop, or the claimant when there is no hop).
	QuotedFrom = ProvNS + "wasQuotedFrom"
	// PrimarySource is prov:hadPrimarySource: claim -> the claim's origin, the
	// organisation a person claimant speaks for, or the claimant itself.
	PrimarySource = ProvNS + "hadPrimarySource"
	// Metric is what the figure counts: one of the Metric* values.
	Metric = NS + "metric"
	// HasFigure is claim -> Figure.
	HasFigure = NS + "figure"
	// Who is the text naming who the figure counts ("pro-Damascus fighters").
	Who = NS + "who"
	// Perpetrator is claim -> the source said to have done it.
	Perpetrator = NS + "perpetrator"
	// About is claim -> Event.
	About = NS + "event"
	// Evidence is the sentence the claim was read from.
	Evidence = NS + "evidence"
	// Offset is the byte offset of the evidence sentence in the article text.
	Offset = NS + "offset"
	// Cue is the attribution cue that named the claimant ("according to", "said").
	Cue = NS + "cue"
	// Attribution says how the claimant was found: explicit, implicit, vague or none.
	Attribution = NS + "attribution"
	// ClaimDate is when the claimant made the claim, when the text says.
	ClaimDate = NS + "claimDate"
	// Aggregate is true for running tallies and totals over several incidents.
	Aggregate = NS + "aggregate"
	// SubsetOf is claim -> the claim whose figure includes this one's.
	SubsetOf = NS + "subsetOf"
	// Section is headline or body.
	Section = NS + "section"
)

// Figure predicates.
const (
	// Value is the number as stated ("at least 27" -> 27).
	Value = NS + "value"
	// Min is the interval's lower bound; absent when open.
	Min = NS + "min"
	// Max is the interval's upper bound; absent when open.
	Max = NS + "max"
	// FigureText is the figure as written ("nearly two dozen").
	FigureText = NS + "figureText"
	// Qualifier is the qualifier as written ("at least", "nearly").
	Qualifier = NS + "qualifier"
)

// Event, place and source predicates.
const (
	// Location is schema:location: event -> place.
	Location = SchemaNS + "location"
	// StartDate is schema:startDate (ISO date).
	StartDate = SchemaNS + "startDate"
	// EndDate is schema:endDate (ISO date).
	EndDate = SchemaNS + "endDate"
	// RelativeStart and RelativeEnd date an event of an undated article in
	// days counted from its publication (integers; 0 the day itself).
	RelativeStart = NS + "relativeStart"
	RelativeEnd   = NS + "relativeEnd"
	// ContainedIn is schema:containedInPlace: place -> the place it lies within.
	ContainedIn = SchemaNS + "containedInPlace"
	// Admin1 is the place's governorate name.
	Admin1 = NS + "admin1"
	// Latitude is schema:latitude.
	Latitude = SchemaNS + "latitude"
	// Longitude is schema:longitude.
	Longitude = SchemaNS + "longitude"
	// GazetteerID is the id of the gazetteer entry a place was resolved to.
	GazetteerID = NS + "gazetteerID"
	// SpeaksFor is person -> the organisation the person speaks for.
	SpeaksFor = NS + "speaksFor"
	// Corroborates links two claims whose figures agree about one event.
	Corroborates = NS + "corroborates"
	// Contradicts links two claims whose figures or dates disagree about one event.
	Contradicts = NS + "contradicts"
)

// Metrics: what a figure counts.
const (
	MetricKilled         = "killed"
	MetricWounded        = "wounded"
	MetricCaptured       = "captured"
	MetricExecuted       = "executed"
	MetricBesieged       = "besieged"
	MetricSeized         = "seized"
	MetricLiberated      = "liberated"
	MetricDisplaced      = "displaced"
	MetricResponsibility = "responsibility"
	MetricOther          = "other"
)

// Metrics lists the valid metric values in a stable order.
var Metrics = []string{
	MetricKilled, MetricWounded, MetricCaptured, MetricExecuted, MetricBesieged,
	MetricSeized, MetricLiberated, MetricDisplaced, MetricResponsibility, MetricOther,
}

// ---------------------------------------------------------------------------
// Linking vocabulary: cross-article events and claim relations.
//
// These quads are written by the linking step (queries.Link), never by a
// loader. The output falls into components (LinkComponentIRI): sets of
// articles whose reports the linker compared and found related, each with
// its own label, content hash and index keys, so that loading or deleting
// an article rewrites only the components it touches. The head, labelled
// LinkingIRI, names the rules and options that wrote them. The shapes:
//
//	<cgid:linking>     rdf:type cg:Linking; cg:linker "version"; cg:linkOptions "..."
//	<component>        rdf:type cg:LinkComponent; cg:linksArticle <article>;
//	                   cg:contentHash   (label: the component itself; every quad below carries it)
//	<index key>        cg:linkKeyOf <component>; cg:linkVoterKey <article>   (internal: incremental relinks)
//	<linked event>     rdf:type cg:LinkedEvent; cg:member <claim>; cg:includes <event>;
//	                   cg:kind; schema:name; schema:location <place>; schema:startDate; schema:endDate;
//	                   cg:aggregate true; cg:independentOrigins N
//	<corroboration>    rdf:type cg:Corroboration; cg:member <claim> (2+); cg:event <linked event>;
//	                   cg:metric; cg:independentOrigins N; prov:hadPrimarySource <origin>; cg:why
//	<contradiction>    rdf:type cg:Contradiction; cg:member <a>, <b>; cg:claimA <a>; cg:claimB <b>;
//	                   cg:event <linked event>; cg:metric; cg:kind figure|revision|scope|date; cg:why
//	<update>           rdf:type cg:Update; cg:member <a>, <b>; cg:claimA <earlier>; cg:claimB <later>;
//	                   cg:event <linked event>; cg:metric; cg:why   (a higher toll reported later: not a contradiction)
//	<circular>         rdf:type cg:CircularReporting; cg:member <claim> (2+); cg:event <linked event>;
//	                   prov:hadPrimarySource <origin>; schema:publisher <outlet> (2+); cg:independentOrigins N; cg:why
//	<claim a>          cg:corroborates <claim b>; cg:contradicts <claim b>   (a < b by IRI; read both directions)
//	<undated article>  cg:anchoredPublished "2019-04-22"; cg:anchoredWhy   (dated by reports of the same incidents)
//
// ---------------------------------------------------------------------------
const (
	// LinkingIRI labels every linking quad and is the subject of the linking
	// output's content hash. It is not an article: it has type ClassLinking,
	// so graph.Store.ArticleIRIs does not list it.
	LinkingIRI = IDNS + "linking"
	// ClassLinking is the type of LinkingIRI.
	ClassLinking = NS + "Linking"
	// ClassLinkedEvent is one incident or aggregate as identified across
	// articles: the claims about it and the per-article event nodes it includes.
	ClassLinkedEvent = NS + "LinkedEvent"
	// ClassCorroboration is a group of claims about one linked event and
	// metric whose intervals share a value.
	ClassCorroboration = NS + "Corroboration"
	// ClassContradiction is a pair of claims about one linked event whose
	// figures (or dates, or scopes) cannot both be right.
	ClassContradiction = NS + "Contradiction"
	// ClassUpdate is a higher toll about one linked event reported more than
	// a day after a lower one by another origin: tolls rise as bodies are
	// found, so it is not a contradiction. ClaimA is the earlier report's
	// claim, ClaimB the later's.
	ClassUpdate = NS + "Update"
	// ClassCircular is circular reporting: one origin's claims about one
	// linked event, carried by several articles or outlets.
	ClassCircular = NS + "CircularReporting"

	// Member is linked event or relation -> claim.
	Member = NS + "member"
	// Includes is linked event -> a per-article event node (the object of a claim's About).
	Includes = NS + "includes"
	// ClaimA is contradiction -> its first claim (the smaller IRI).
	ClaimA = NS + "claimA"
	// ClaimB is contradiction -> its second claim.
	ClaimB = NS + "claimB"
	// Joined is linked event -> why one of its per-article events joined it:
	// "<event IRI> joined <event IRI> (score): evidence; evidence".
	Joined = NS + "joined"
	// Why is a relation's reason, in words.
	Why = NS + "why"
	// IndependentOrigins is the number of distinct origins (claimants with
	// people resolved to their organisations; relays count once) behind a
	// corroboration, a circular group or a linked event.
	IndependentOrigins = NS + "independentOrigins"
	// LinkerVersion is the version of the linking rules that wrote the output.
	LinkerVersion = NS + "linker"
	// LinkOptions is the linking head -> the options the output was computed
	// with (a change means a full relink).
	LinkOptions = NS + "linkOptions"
	// LinkPending is the linking head -> "true" while a load or delete is
	// under way: a store found with it (after a crash) is relinked in full.
	LinkPending = NS + "linkPending"

	// ClassLinkComponent is the type of a component of the linking output.
	ClassLinkComponent = NS + "LinkComponent"
	// LinksArticle is component -> each article whose reports it links.
	LinksArticle = NS + "linksArticle"
	// LinkKeyOf is an index key (LinkKeyIRI: blocking area and week,
	// place, copy, figure) -> a component whose reports can meet, under it,
	// another article's: how an incremental relink finds the components a
	// new article touches without reading every article. The quad is
	// labelled with the component. It goes from the key, not the component,
	// because Cayley's kv layer finds a quad it deletes by decoding the list
	// of quad ids under its subject and predicate: a component's keys under
	// one subject (a timeless report's component holds 60,000 of them at
	// 100k articles) cost a relink that replaced it n² decodes. Internal;
	// exports leave it out, and on bolt the store keeps it in a bucket of
	// its own rather than in Cayley's indexes (graph/linkkeys.go), so
	// Gizmo does not see it there.
	LinkKeyOf = NS + "linkKeyOf"
	// LinkVoterKey is a voter index key (LinkKeyIRI of a "w:" key: area,
	// metric, victims' side and figure bucket) -> an article whose reports
	// may vote, under it, for the day of an undated article (the linker's
	// anchoring). Labelled with the article's component. Through it a
	// relink reads the articles that may vote for an undated article, not
	// their whole components, and finds the undated articles a changed
	// article voted for before. Internal, kept as LinkKeyOf is.
	LinkVoterKey = NS + "linkVoterKey"
)

// Contradiction kinds, the cg:kind of a ClassContradiction node.
const (
	// ContradictionFigure: disjoint intervals from different origins.
	ContradictionFigure = "figure"
	// ContradictionRevision: one origin, different figures (an updated toll).
	ContradictionRevision = "revision"
	// ContradictionScope: a part exceeds its whole.
	ContradictionScope = "scope"
	// ContradictionDate: the same incident (place, kind, figure) on different dates.
	ContradictionDate = "date"
)

// ---------------------------------------------------------------------------
// Fact-checkers' reviews
//
// A review is a fact-checker's own verdict on a claim or an event, recorded
// with 'claimgraph review' and never written by extraction or linking. Each
// review has its own label (ReviewIRI), so recording it again replaces it
// and deleting it removes exactly its quads. The shapes, in schema.org's
// ClaimReview terms:
//
//	<review>    rdf:type schema:ClaimReview; schema:itemReviewed <claim or event>;
//	            schema:reviewRating <review>/rating; schema:url "…"; schema:author <reviewer>;
//	            schema:datePublished "2019-05-02"; schema:claimReviewed "…" (optional);
//	            prov:generatedAtTime "2019-05-02T10:00:00Z" (when it was recorded)
//	<rating>    rdf:type schema:Rating; schema:alternateName "False"; schema:ratingExplanation "…"
//	<reviewer>  rdf:type schema:Person; schema:name "…"
//
// ---------------------------------------------------------------------------
const (
	// ClassClaimReview is schema:ClaimReview: a fact-checker's review.
	ClassClaimReview = SchemaNS + "ClaimReview"
	// ClassRating is schema:Rating, a review's verdict.
	ClassRating = SchemaNS + "Rating"
	// ItemReviewed is schema:itemReviewed: review -> the claim or event reviewed.
	ItemReviewed = SchemaNS + "itemReviewed"
	// ReviewRating is schema:reviewRating: review -> its Rating.
	ReviewRating = SchemaNS + "reviewRating"
	// RatingExplanation is schema:ratingExplanation: why the rating was given.
	RatingExplanation = SchemaNS + "ratingExplanation"
	// ClaimReviewed is schema:claimReviewed: a short summary of what was checked.
	ClaimReviewed = SchemaNS + "claimReviewed"
	// Author is schema:author: review -> the fact-checker.
	Author = SchemaNS + "author"
	// GeneratedAt is prov:generatedAtTime: when a review was recorded.
	GeneratedAt = ProvNS + "generatedAtTime"
)
