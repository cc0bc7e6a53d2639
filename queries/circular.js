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

// _cgArr runs a path and returns its nodes as a sorted JavaScript array.
function _cgArr(path) {
	var a = [];
	path.ToArray().forEach(function (v) { a.push(v); });
	a.sort();
	return a;
}

// _cgOne returns the first object of <n> <p> ?o, or "" when there is none.
function _cgOne(n, p) {
	var a = _cgArr(g.V(n).Out("<" + p + ">"));
	return a.length ? a[0] : "";
}

// _cgLinkedEvent resolves an event IRI to the linked event it is or belongs to ("" if none).
function _cgLinkedEvent(ev) {
	var NS = "https://claimgraph.org/ns#";
	if (_cgArr(g.V(ev).Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<" + NS + "LinkedEvent>")).length) {
		return ev;
	}
	var a = _cgArr(g.V(ev).In("<" + NS + "includes>"));
	return a.length ? a[0] : "";
}

// _cgRelations returns the relation nodes of class cls that match the filters, sorted.
function _cgRelations(cls, event, claim, source) {
	var NS = "https://claimgraph.org/ns#", TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
	var PRIMARY = "<http://www.w3.org/ns/prov#hadPrimarySource>";
	var ev = event ? _cgLinkedEvent(event) : "";
	var cands;
	if (claim) {
		cands = _cgArr(g.V(claim).In("<" + NS + "member>"));
	} else if (event) {
		cands = ev ? _cgArr(g.V(ev).In("<" + NS + "event>")) : [];
	} else if (source) {
		cands = _cgArr(g.V(source).In(PRIMARY));
	} else {
		cands = _cgArr(g.V("<" + cls + ">").In(TYPE));
	}
	return cands.filter(function (n) {
		if (_cgArr(g.V(n).Has(TYPE, "<" + cls + ">")).length == 0) return false;
		if (event && _cgOne(n, NS + "event") != ev) return false;
		if (source && _cgArr(g.V(n).Has(PRIMARY, source)).length == 0) return false;
		return true;
	});
}

// main
circular(params.event, params.claim, params.source).forEach(function (r) { g.Emit(r); });
