package linking

import (
	"slices"

	"github.com/claimgraph/claimgraph/schema"
)

// consolidate joins the units of one article that report one incident.
// Extraction gives a sentence's claims the event its sentence describes, so
// an article about one incident often holds several event nodes for it: the
// headline's ("Air strike kills 20 in Idlib"), the lead's, dated and placed
// more finely ("in Khan Sheikhoun on Tuesday"), a later sentence's of
// another kind word ("the chemical attack"). Two units of one article are
// one incident when both are incidents (or both tallies), their own dates
// overlap or one has none, their places are the same or one lies within the
// other (or one has none, or one is a governorate named for its capital and
// the other on the capital's outskirts), their kinds are of one family, and their
// perpetrators are not disjoint. A unit joins the first group (in the
// article's order) whose every unit it is one incident with, so a place two
// incidents' places both lie in does not join them. Units with dates of
// their own are grouped first; a unit without joins a dated group only when
// it fits no other dated group, else the first undated group it fits. The joined unit takes the finest place, the most specific
// kind, the dates of its dated parts and every claim.
//
// Units are joined article by article as they are collected (collector),
// so that an article's units not joined are never held beside the joined:
// at 100,000 articles the units as collected were 110 MB, and joined
// afterwards into a second slice, 107 MB more at the link's peak.
// consolidate joins the units from index from on, one article's (or the
// run of articles of one IRI), and remaps the claims from claim from on,
// theirs.
func (l *linker) consolidate(from, claimFrom int) {
	units := l.units[from:]
	var groups [][]int
	fits := func(u int, g []int) bool {
		for _, v := range g {
			if !l.oneIncident(&units[u], &units[v]) {
				return false
			}
		}
		return true
	}
	// units with dates of their own first, then the undated ones: an
	// undated unit joins a dated group only when it fits exactly one
	// ("the blast" in an article about two blasts dates neither)
	var undated []int
next:
	for u := range units {
		if _, _, ok := ownDays(&units[u]); !ok {
			undated = append(undated, u)
			continue
		}
		for g := range groups {
			if fits(u, groups[g]) {
				groups[g] = append(groups[g], u)
				continue next
			}
		}
		groups = append(groups, []int{u})
	}
	dated := len(groups)
	for _, u := range undated {
		var fit []int
		for g := range groups {
			if fits(u, groups[g]) {
				fit = append(fit, g)
			}
		}
		switch {
		case len(fit) == 1 || len(fit) > 1 && fit[0] >= dated:
			groups[fit[0]] = append(groups[fit[0]], u)
		default:
			groups = append(groups, []int{u})
		}
	}
	if len(groups) == len(units) && slices.IsSortedFunc(groups, func(a, b []int) int { return a[0] - b[0] }) {
		return // each unit alone, in its place: nothing to join or remap
	}
	kept := make([]unit, 0, len(groups))
	remap := make([]int, len(units))
	for _, g := range groups {
		m := units[g[0]]
		m.claims = append([]int(nil), m.claims...)
		for _, v := range g[1:] {
			m = mergeUnits(m, units[v])
		}
		for _, v := range g {
			remap[v] = from + len(kept)
		}
		kept = append(kept, m)
	}
	n := copy(units, kept)
	clear(units[n:]) // nothing held past the end
	l.units = l.units[:from+n]
	for i := claimFrom; i < len(l.claims); i++ {
		l.claims[i].unit = int32(remap[int(l.claims[i].unit)-from])
	}
}

// oneIncident reports whether two units of one article report one incident
// (see consolidate).
func (l *linker) oneIncident(a, b *unit) bool {
	if a.agg != b.agg || a.kind == schema.KindEarlier || b.kind == schema.KindEarlier || (a.kind == schema.KindWar) != (b.kind == schema.KindWar) {
		return false
	}
	if !kindsCompatible(a.kind, b.kind) {
		return false
	}
	if ap, bp := a.perpetrators(), b.perpetrators(); len(ap) > 0 && len(bp) > 0 && !ap.overlaps(bp) {
		return false
	}
	if as, ae, ok := ownDays(a); ok {
		if bs, be, ok := ownDays(b); ok && (as > be || bs > ae) {
			return false
		}
	}
	if a.rel && b.rel && (a.relLo > b.relHi || b.relLo > a.relHi) {
		return false
	}
	p, q := a.place, b.place
	return p == nil || q == nil || p.ID == q.ID || p.Within == q.ID || q.Within == p.ID || nearCapital(p, q)
}

// ownDays is the window of a unit's own dates (not its article's).
func ownDays(u *unit) (lo, hi int, ok bool) {
	switch {
	case u.hasS && u.hasE:
		return int(u.s), int(u.e), true
	case u.hasS:
		return int(u.s), int(u.s), true
	case u.hasE:
		return int(u.e), int(u.e), true
	}
	return 0, 0, false
}

// mergeUnits joins b into a (see consolidate).
func mergeUnits(a, b unit) unit {
	also := append(append(slices.Clip(a.others()), b.event), b.others()...) // a's list may be shared: a new one
	a.also = &also
	a.claims = append(a.claims, b.claims...)
	a.setPerpetrators(a.perpetrators().with(b.perpetrators()...))
	if finer(b.place, a.place) {
		a.place = b.place
	}
	if specificity(b.kind) > specificity(a.kind) {
		a.kind = b.kind
	}
	if !a.hasS && !a.hasE && (b.hasS || b.hasE) {
		a.s, a.e, a.hasS, a.hasE = b.s, b.e, b.hasS, b.hasE
	} else if a.hasS && b.hasS && a.hasE && b.hasE {
		a.s, a.e = max(a.s, b.s), min(a.e, b.e) // overlapping: both hold
	}
	if !a.rel && b.rel {
		a.rel, a.relLo, a.relHi = true, b.relLo, b.relHi
	}
	return a
}

// finer reports whether place p is finer than q: q is nil, or p lies
// within q.
func finer(p, q *schema.Place) bool {
	return p != nil && (q == nil || p.Within == q.ID)
}

// specificity ranks event kinds: a distinctive kind (chemical, bombing) over
// another named kind over a bare "attack" over none.
func specificity(kind string) int {
	switch {
	case kind == "":
		return 0
	case kind == "attack":
		return 1
	case linkWords.distinctive[kind]:
		return 3
	}
	return 2
}
