// circular: circular reporting, one origin's claims about one linked event carried by several articles or outlets
// params: event, claim, source
//   event  optional "<IRI>" of a linked event (or of a claim's own event node)
//   claim  optional "<IRI>" of a claim: only the groups that include it
//   source optional "<IRI>" of the origin
// result: one object per group {claims: [...], event, origin, outlets: [...], independent_origins, why}, IRIs as "<...>";
//   independent_origins counts the origins of all the event's claims (1: the event has no other origin)
// library: circular(event, claim, source) returns the array
// Shaped for kv backends: it starts from one node and fans out per relation node, never from a node set.
function circular(event, claim, source) {
	var NS = "https://claimgraph.org/ns#";
	var out = [];
	_cgRelations(NS + "CircularReporting", event, claim, source).forEach(function (n) {
		out.push({
			claims: _cgArr(g.V(n).Out("<" + NS + "member>")), event: _cgOne(n, NS + "event"),
			origin: _cgOne(n, "http://www.w3.org/ns/prov#hadPrimarySource"),
			outlets: _cgArr(g.V(n).Out("<http://schema.org/publisher>")),
			independent_origins: _cgOne(n, NS + "independentOrigins"), why: _cgOne(n, NS + "why")
		});
	});
	out.sort(function (x, y) { var a = x.claims.join(" "), b = y.claims.join(" "); return a < b ? -1 : a > b ? 1 : 0; });
	return out;
}

// main
// params is optional: claimgraph binds it with a JSON prelude (`var params = {...};`);
// run as printed, in stock Cayley too, every parameter is unset.
var params = (typeof params !== "undefined" && params !== null) ? params : {};
circular(params.event, params.claim, params.source).forEach(function (r) { g.Emit(r); });
