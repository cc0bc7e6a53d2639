// trace: how a claim travelled: article, outlet, intermediaries (nearest the article first), claimant, organisation
// params: claim
//   claim  required "<IRI>" of a claim (unset, the script emits nothing)
// result: one object per hop, in order {order, role, node, name, evidence}; role is article, outlet, via,
//   claimant or organisation; every hop carries the claim's evidence sentence
// library: trace(claim) returns the array
// Shaped for kv backends: one fan-out per hop.
function trace(claim) {
	var NS = "https://claimgraph.org/ns#", S = "http://schema.org/", P = "http://www.w3.org/ns/prov#";
	var out = [];
	if (!claim) return out;
	var evidence = _cgOne(claim, NS + "evidence");
	var add = function (role, n, name) {
		out.push({ order: out.length + 1, role: role, node: n, name: name, evidence: evidence });
	};
	var article = _cgOne(claim, S + "appearance");
	if (article) {
		add("article", article, _cgOne(article, S + "headline"));
		var outlet = _cgOne(article, S + "publisher");
		if (outlet) add("outlet", outlet, _cgOne(outlet, S + "name"));
	}
	var hops = [];
	_cgArr(g.V(claim).Out("<" + NS + "via>")).forEach(function (h) {
		hops.push({ order: _cgOne(h, NS + "order"), relay: _cgOne(h, NS + "relay") });
	});
	hops.sort(function (x, y) { return x.order - y.order; });
	hops.forEach(function (h) { add("via", h.relay, _cgOne(h.relay, S + "name")); });
	var claimant = _cgOne(claim, P + "wasAttributedTo");
	if (claimant) {
		add("claimant", claimant, _cgOne(claimant, S + "name"));
		var org = _cgOne(claimant, NS + "speaksFor");
		if (org) add("organisation", org, _cgOne(org, S + "name"));
	}
	return out;
}

// main
// params is optional: claimgraph binds it with a JSON prelude (`var params = {...};`);
// run as printed, in stock Cayley too, every parameter is unset.
var params = (typeof params !== "undefined" && params !== null) ? params : {};
trace(params.claim).forEach(function (r) { g.Emit(r); });
