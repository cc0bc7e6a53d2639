// Helpers of the saved queries (queries/*.js), appended to each when it runs
// (queries.SavedQuery(name).Script, `claimgraph query script NAME`) and to the
// library user scripts get (`claimgraph gizmo`). Names start with _cg.

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

// _cgArticle returns the article id in a claim IRI ("<.../article/ID/claim/3>" gives "ID").
function _cgArticle(claim) {
	var m = /\/article\/(.+)\/claim\/[0-9]+>?$/.exec(claim);
	return m ? m[1] : "";
}

// _cgEvidence returns the articles and evidence sentences of claims, in order.
function _cgEvidence(claims) {
	var NS = "https://claimgraph.org/ns#", arts = [], ev = [];
	claims.forEach(function (c) { arts.push(_cgArticle(c)); ev.push(_cgOne(c, NS + "evidence")); });
	return { articles: arts, evidence: ev };
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
