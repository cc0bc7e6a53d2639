// events: incidents and aggregates linked across articles, with their claims
// params: event, claim
//   event  optional "<IRI>" of a linked event or of a claim's own event node: only that linked event
//   claim  optional "<IRI>" of a claim: only the linked event it belongs to
// result: one object per linked event {event, name, kind, place, start, end, aggregate, independent_origins,
//   claims: [...], includes: [...]}, IRIs as "<...>", "" or false for what is unknown, sorted by event
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
			claims: _cgArr(g.V(n).Out("<" + NS + "member>")), includes: _cgArr(g.V(n).Out("<" + NS + "includes>"))
		});
	});
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
events(params.event, params.claim).forEach(function (r) { g.Emit(r); });
