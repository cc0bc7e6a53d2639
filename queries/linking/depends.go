package linking

import (
	"github.com/claimgraph/claimgraph/schema"
)

// Dependents returns the articles of others that a relink must link
// together with changed: those that share a component with a changed
// article, as far as the two articles of a pair tell; and, apart (voted),
// the undated articles of others a changed article's reports may vote for,
// whose day a relink checks (Anchors) before it relinks them. ok is false,
// and Dependents says nothing, when a changed article has no publication
// date: its day depends on the reports that vote for it, which others need
// not hold.
//
// An article's probe keys (Probes) meet the index keys of every component
// it may depend on, but most components they meet do not depend on it: a
// report of the same week and governorate is not the same incident. A
// component that depends on no changed article links as before (its output
// depends only on its articles and what they read), so a relink may leave
// it alone. The dependencies are those that join components
// (component.go) and those that read:
//
//   - copies (copies): one report when their days chain within copyDays;
//   - a pair of reports that candidates lets through, that can be one
//     incident (incompatible) and has evidence of Options.MinScore or more
//     (cluster): two dated reports join their components, merged or
//     refused (a timeless report and a dated one only when merged, which
//     a relink finds with the timeless report's component as context);
//   - a report that may vote for an undated article's day (votesFor): the
//     undated article reads it (voted);
//   - two claims whose dates contradict (datePair), whatever events they
//     fall in (dateContradictions pairs them only across events: a pair
//     within one event shares a component anyway).
//
// others must hold whole components (a component's articles decide its
// copies' runs), and anchored the publication days (ISO dates) linking
// gave the undated articles of others, as the store holds them: an
// undated article's reports are dated by them, as a full link dates them.
// Every test is the linker's own; each is asked of the pair alone, so the
// answer is a superset of what linking the whole store would join.
func Dependents(changed, others []*schema.Article, anchored map[string]string, opt Options) (deps, voted map[string]bool, ok bool) {
	isChanged := make(map[string]bool, len(changed))
	for _, d := range changed {
		if _, dated := parseDay(d.Published); !dated {
			return nil, nil, false
		}
		isChanged[d.IRI] = true
	}
	deps, voted = map[string]bool{}, map[string]bool{}
	if len(changed) == 0 || len(others) == 0 {
		return deps, voted, true
	}
	l := newLinker(append(append([]*schema.Article(nil), changed...), others...), opt, false)
	// a pair of one changed article and another: the other is a dependent
	cross := func(a, b string) (string, bool) {
		switch {
		case isChanged[a] && !isChanged[b]:
			return b, true
		case isChanged[b] && !isChanged[a]:
			return a, true
		}
		return "", false
	}

	// copies: collect joined each article to the first of its run
	roots := map[string]bool{}
	for _, d := range changed {
		roots[l.part.find(d.IRI)] = true
	}
	for _, d := range others {
		if roots[l.part.find(d.IRI)] {
			deps[d.IRI] = true
		}
	}

	// votes, as anchor weighs them: on the windows before any anchoring
	l.anchored = map[string]anchor{}
	l.windows()
	for i := range l.units {
		l.voteRoles(&l.units[i])
	}
	near := l.placeIndex()
	for i := range l.units {
		u := &l.units[i]
		if !u.anchorable || isChanged[u.doc.IRI] {
			continue // changed articles are dated: none is anchorable
		}
		for _, vi := range near.of(u) {
			if v := &l.units[vi]; isChanged[v.doc.IRI] && l.votesFor(v, u) {
				voted[u.doc.IRI] = true
				break
			}
		}
	}

	// pairs and date contradictions, on the windows as linked
	for iri, day := range anchored {
		if p, ok := parseDay(day); ok {
			l.anchored[iri] = anchor{day: p}
		}
	}
	l.windows()
	l.candidates(func(i, j int) {
		a, b := &l.units[i], &l.units[j]
		if a.timeless != b.timeless {
			return // joined only when merged: the relink reads the timeless one's component as context
		}
		other, ok := cross(a.doc.IRI, b.doc.IRI)
		if ok && !deps[other] && l.incompatible(a, b) == "" && l.evidence(a, b).score >= l.opt.MinScore {
			deps[other] = true
		}
	})
	var mine []int // the changed articles' date claims
	byPlace := map[string][]int{}
	for i := range l.claims {
		if lc := &l.claims[i]; l.dateClaim(lc) {
			if isChanged[lc.doc.IRI] {
				mine = append(mine, i)
			} else {
				p := l.units[lc.unit].place.ID
				byPlace[p] = append(byPlace[p], i)
			}
		}
	}
	for _, x := range mine {
		a := &l.claims[x]
		for _, y := range byPlace[l.units[a.unit].place.ID] {
			if b := &l.claims[y]; !deps[b.doc.IRI] && l.datePair(a, b) {
				deps[b.doc.IRI] = true
			}
		}
	}
	return deps, voted, true
}
