// events: incidents and aggregates linked across articles, with their claims
// params: event, claim
//   event  optional "<IRI>" of a linked event or of a claim's own event node: only that linked event
//   claim  optional "<IRI>" of a claim: only the linked event it belongs to
// result: one object per linked event {event, name, kind, place, start, end, aggregate, independent_origins,
//   claims: [...], includes: [...], joined: [...]}, IRIs as "<...>", "" or false for what is unknown, sorted by event;
//   joined says why each article's report joined the event (the evidence that decided it)
// library: events(event, claim) returns the array
// Shaped for kv backends: it starts from one node and fans out per event node, never from a node set.
function events(event, claim) {
	var NS = "https://claimgraph.org/ns#", S = "http://schema.org/";
	var cands;
	if (event) {
		var ev = _cgLinkedEvent(event);
		cands = ev ? [ev] : [];
	} else if (claim) {
		cands = _cgArr(g.V(claim).In("<" + NS + "member>"));
	} else {
		cands = _cgArr(g.V("<" + NS + "LinkedEvent>").In("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"));
	}
	var out = [];
	cands.forEach(function (n) {
		if (_cgArr(g.V(n).Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<" + NS + "LinkedEvent>")).length == 0) return;
		out.push({
			event: n, name: _cgOne(n, S + "name"), kind: _cgOne(n, NS + "kind"), place: _cgOne(n, S + "location"),
			start: _cgOne(n, S + "startDate"), end: _cgOne(n, S + "endDate"), aggregate: _cgOne(n, NS + "aggregate") === true,
			independent_origins: _cgOne(n, NS + "independentOrigins"),
			claims: _cgArr(g.V(n).Out("<" + NS + "member>")), includes: _cgArr(g.V(n).Out("<" + NS + "includes>")),
			joined: _cgArr(g.V(n).Out("<" + NS + "joined>"))
		});
	});
	return out;
}

// main
// params is optional: claimgraph binds it with a JSON prelude (`var params = {...};`);
// run as printed, in stock Cayley too, every parameter is unset.
var params = (typeof params !== "undefined" && params !== null) ? params : {};
events(params.event, params.claim).forEach(function (r) { g.Emit(r); });
