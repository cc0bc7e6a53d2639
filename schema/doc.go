// Package schema is claimgraph's vocabulary and data model.
//
// It defines, as documented constants, every node type and predicate that
// claimgraph writes into a Cayley graph, reusing schema.org and PROV-O terms
// where one fits and claimgraph's own namespace (NS) for the rest. It mints
// every IRI in one place (iri.go), deterministically: the same article loaded
// twice, or on another machine, yields the same IRIs.
//
// The domain types (Article, Claim, Figure, Source, Place, Event) are plain
// values; Quads encodes an Article into quads and Decode* functions read them
// back, so that loaders (which write) and graph (which reads) share one
// mapping.
//
// Graph shape, one article:
//
//	<article>  rdf:type schema:NewsArticle; schema:publisher <outlet>;
//	           schema:datePublished; schema:headline; schema:url; cg:articleID; cg:contentHash;
//	           schema:articleBody (the text as read: claims' cg:offset count bytes in it)
//	<claim>    rdf:type schema:Claim; schema:appearance <article>;
//	           prov:wasAttributedTo <source>; cg:via <hop>; cg:figure <figure>;
//	           cg:metric; cg:event <event>; cg:evidence; cg:offset; cg:cue
//	<hop>      cg:relay <source>; cg:order N            (the via chain, 1 = nearest the article)
//	<figure>   cg:value; cg:min; cg:max; cg:figureText; cg:qualifier
//	<event>    schema:location <place>; schema:startDate; schema:endDate
//	<place>    schema:containedInPlace <place>; cg:admin1; schema:latitude; schema:longitude
//	<person>   cg:speaksFor <organisation>
//
// Every quad's label is the IRI of the article it came from.
//
// schema imports only github.com/cayleygraph/quad and the standard library.
package schema
