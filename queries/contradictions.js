// contradictions: pairs of claims that cannot both be right (kind figure, revision, scope or date), as materialised by `claimgraph link`
// params: event, claim, source
//   event  optional "<IRI>" of a linked event (or of a claim's own event node): only its contradictions
//   claim  optional "<IRI>" of a claim: only the pairs that include it
//   source optional "<IRI>" of a source: only the pairs where it is an origin
// result: one object per pair {a, b, event, metric, kind, why, articles, evidence}, IRIs as "<...>", sorted by a then b
// library: contradictions(event, claim, source) returns the array
// Shaped for kv backends: it starts from one node and fans out per relation node, never from a node set.
function contradictions(event, claim, source) {
	var NS = "https://claimgraph.org/ns#";
	var out = [];
	_cgRelations(NS + "Contradiction", event, claim, source).forEach(function (n) {
		var a = _cgOne(n, NS + "claimA"), b = _cgOne(n, NS + "claimB"), e = _cgEvidence([a, b]);
		out.push({
			a: _cgOne(n, NS + "claimA"), b: _cgOne(n, NS + "claimB"), event: _cgOne(n, NS + "event"),
			metric: _cgOne(n, NS + "metric"), kind: _cgOne(n, NS + "kind"), why: _cgOne(n, NS + "why"),
			articles: e.articles, evidence: e.evidence
		});
	});
	out.sort(function (x, y) { return x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0; });
	return out;
}

// main
// params is optional: claimgraph binds it with a JSON prelude (`var params = {...};`);
// run as printed, in stock Cayley too, every parameter is unset.
var params = (typeof params !== "undefined" && params !== null) ? params : {};
contradictions(params.event, params.claim, params.source).forEach(function (r) { g.Emit(r); });
