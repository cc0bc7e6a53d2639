// corroborations: groups of claims about one linked event and metric whose figures agree (equal, or near: docs/linking.md), with the number of independent origins (relays of one origin count once; 1 means one origin relayed)
// params: event, claim, source
//   event  optional "<IRI>" of a linked event (or of a claim's own event node): only its groups
//   claim  optional "<IRI>" of a claim: only the groups that include it
//   source optional "<IRI>" of a source: only the groups it is an origin of
// result: one object per group {claims: [...], event, metric, independent_origins, origins: [...], why, articles: [...], evidence: [...]}, IRIs as "<...>"
// library: corroborations(event, claim, source) returns the array
// Shaped for kv backends: it starts from one node and fans out per relation node, never from a node set.
function corroborations(event, claim, source) {
	var NS = "https://claimgraph.org/ns#";
	var out = [];
	_cgRelations(NS + "Corroboration", event, claim, source).forEach(function (n) {
		var claims = _cgArr(g.V(n).Out("<" + NS + "member>")), e = _cgEvidence(claims), arts = [];
		e.articles.forEach(function (a) { if (arts.indexOf(a) < 0) arts.push(a); });
		arts.sort();
		out.push({
			claims: claims, event: _cgOne(n, NS + "event"),
			metric: _cgOne(n, NS + "metric"), independent_origins: _cgOne(n, NS + "independentOrigins"),
			origins: _cgArr(g.V(n).Out("<http://www.w3.org/ns/prov#hadPrimarySource>")), why: _cgOne(n, NS + "why"),
			articles: arts, evidence: e.evidence
		});
	});
	out.sort(function (x, y) { var a = x.claims.join(" "), b = y.claims.join(" "); return a < b ? -1 : a > b ? 1 : 0; });
	return out;
}

// main
// params is optional: claimgraph binds it with a JSON prelude (`var params = {...};`);
// run as printed, in stock Cayley too, every parameter is unset.
var params = (typeof params !== "undefined" && params !== null) ? params : {};
corroborations(params.event, params.claim, params.source).forEach(function (r) { g.Emit(r); });
