package linking

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/schema"
)

// contradict pairs the claims of one linked event, metric and victims'
// side whose figures cannot both be right:
//   - figure: disjoint intervals that do not agree (agree) and count the
//     same victims (partOf), from different origins, at least one of them a
//     source the text names, in reports published at most a day apart; in
//     one article, neither an unnamed source (state media quoting "a police
//     source" for each of several incidents) nor figures of different days. Two scopes are
//     more likely than one disputed toll when the higher lower bound is
//     Options.MaxRatio times the lower upper bound or more: not reported.
//   - revision: one named origin's different figures for the incident (not
//     an unnamed or collective source: data/linking.tsv), both attributed
//     explicitly, both reports dating it, less than revisionMaxRatio apart (a toll more than doubled is more often a second scope, a day's and a week's, than a revision).
//   - scope: a part (fewer perpetrators) exceeding its whole.
//
// Only each origin's toll for the incident in each report is compared: the
// largest count of the metric it gives there; a smaller figure beside it is
// a part of it.
//
// A higher toll of an incident from another origin reported more than a
// day later, at most updateMaxRatio times the lower, is an update
// (addUpdate), not a contradiction: tolls rise as bodies are found; a lower
// one that late is neither (the reports are not comparable), and running
// totals grow by themselves.
// Subsets never contradict; running tallies only when their windows are
// stated and the same (sameWindow); two claims of one origin in one text
// are a breakdown, and an outlet's own figure beside a sourced one in one
// text is its summary unless both are tallies over the same window. Copies
// of a text are compared once, and one pair is kept per kind, pair of
// origins and pair of texts: a headline and a lead repeating a figure add
// no second contradiction.
func (l *linker) contradict(ei int, metric string, cs []int) {
	seen := map[string]bool{}
	cs = l.tolls(cs)
	for i := 0; i < len(cs); i++ {
		for j := i + 1; j < len(cs); j++ {
			p := l.claimPair(cs[i], cs[j])
			if !l.rivalTolls(p) {
				continue
			}
			var kind, why string
			pa, pb := perpsOf(l.names.str(p.a.perps)), perpsOf(l.names.str(p.b.perps))
			switch {
			case len(pa) > 0 && len(pb) > 0 && !slices.Equal(pa, pb):
				kind, why = l.scopeConflict(p, pa, pb)
			case p.a.max < p.b.min || p.b.max < p.a.min:
				kind, why = l.disjointConflict(ei, metric, p, seen)
			}
			if kind == "" {
				continue
			}
			oa, ob := l.originName(p.a)+" "+l.text[p.a.doc.IRI], l.originName(p.b)+" "+l.text[p.b.doc.IRI]
			if ob < oa {
				oa, ob = ob, oa
			}
			if key := kind + "\x00" + oa + "\x00" + ob; !seen[key] {
				seen[key] = true
				l.addContradiction(ei, metric, kind, []int{p.ia, p.ib}, why)
			}
		}
	}
}

// tolls keeps of cs each origin's toll for the incident in each report: the
// largest count of the metric it gives there; a smaller figure beside it
// ("five more deaths", "24 other people", "a man whose son was killed") is
// a part, not a rival toll.
func (l *linker) tolls(cs []int) []int {
	type key struct {
		unit   int32
		origin name
	}
	top := map[key]float64{}
	for _, c := range cs {
		lc := &l.claims[c]
		if k := (key{lc.unit, lc.origin}); comparable(lc) && !lc.subset && lc.stated() > top[k] {
			top[k] = lc.stated()
		}
	}
	var tolls []int
	for _, c := range cs {
		lc := &l.claims[c]
		if comparable(lc) && lc.stated() == top[key{lc.unit, lc.origin}] {
			tolls = append(tolls, c)
		}
	}
	return tolls
}

// claimPair is two claims contradict weighs: their indexes, the claims,
// their units, whether either is a running tally and whether both are in
// one text (copies of one text are one).
type claimPair struct {
	ia, ib  int
	a, b    *lclaim
	ua, ub  *unit
	tallies bool
	oneText bool
}

func (l *linker) claimPair(ia, ib int) claimPair {
	a, b := &l.claims[ia], &l.claims[ib]
	ua, ub := &l.units[a.unit], &l.units[b.unit]
	return claimPair{
		ia: ia, ib: ib, a: a, b: b, ua: ua, ub: ub,
		tallies: a.c.Aggregate || b.c.Aggregate || ua.agg || ub.agg,
		oneText: l.text[a.doc.IRI] == l.text[b.doc.IRI],
	}
}

// rivalTolls reports whether two tolls may contradict at all: neither a
// copy, both bounded and with a number stated (hasValue; not "dozens"),
// tallies only over the same window,
// not one origin's breakdown nor an outlet summing up its own sources in
// one text, about the same victims, not agreeing and neither a part of the
// other.
func (l *linker) rivalTolls(p claimPair) bool {
	a, b := p.a, p.b
	if a.copy() || b.copy() || !a.bounded || !b.bounded || !a.hasValue || !b.hasValue {
		return false
	}
	if p.tallies && !sameWindow(p.ua, p.ub) {
		return false
	}
	if p.oneText && (a.origin == b.origin || !p.tallies && (a.c.Claimant == nil || b.c.Claimant == nil)) {
		return false // one origin's breakdown, or the outlet summing up its own sources
	}
	if a.side != b.side || agree(a, b) || partOf(a, b) {
		return false // other victims, or figures that agree or count a part
	}
	return true
}

// scopeConflict judges two tolls by different perpetrators (pa, pb): a
// part and its whole, a scope contradiction when the part exceeds the
// whole; or not comparable. It returns the kind ("" for none) and why.
func (l *linker) scopeConflict(p claimPair, pa, pb perpList) (kind, why string) {
	part, whole := p.ia, p.ib
	if properSubset(pb, pa) {
		part, whole = p.ib, p.ia
	} else if !properSubset(pa, pb) {
		return "", ""
	}
	if l.claims[part].min > l.claims[whole].max {
		return schema.ContradictionScope, fmt.Sprintf("part exceeds whole: %s by %s alone, but %s by %s together",
			l.describe(part), l.names.str(l.claims[part].perps), l.describe(whole), l.names.str(l.claims[whole].perps))
	}
	return "", ""
}

// disjointConflict judges two tolls whose intervals are disjoint: a
// revision when one origin gives both (revision), an update when a higher
// toll from another origin is reported more than a day later (recorded
// here, with seen), else a figure contradiction unless the texts show them
// two scopes or one family of reports. It returns the kind ("" for none)
// and why.
func (l *linker) disjointConflict(ei int, metric string, p claimPair, seen map[string]bool) (kind, why string) {
	a, b, ua, ub := p.a, p.b, p.ua, p.ub
	lo, hi := p.ia, p.ib
	if b.max < a.min {
		lo, hi = p.ib, p.ia
	}
	if a.origin == b.origin && (a.unnamed || linkWords.collective[l.origin(a)]) {
		return "", "" // "activists", "the opposition": neither one body nor two
	}
	if regionAndPart(ua.place, ub.place) {
		return "", "" // a region's toll and a toll of one place in it
	}
	sameOrigin := a.origin == b.origin
	scopes := !sameOrigin && l.claims[hi].min >= l.opt.MaxRatio*l.claims[lo].max
	if sameOrigin && p.tallies && (ua.hi-ub.hi > 1 || ub.hi-ua.hi > 1) {
		return "", "" // a running total at two cut-offs: it grew, nobody revised it
	}
	if sameOrigin {
		return l.revision(metric, p, lo, hi)
	}
	pLo, okLo := l.published(l.claims[lo].doc)
	pHi, okHi := l.published(l.claims[hi].doc)
	if !okLo || !okHi {
		return "", "" // when one report appeared is unknown, the times are not comparable
	}
	if !named(a) && !named(b) {
		return "", "" // outlets' own figures or unnamed sources: where each comes from is unknown, perhaps one source
	}
	if l.carriedBy(a, b) || l.carriedBy(b, a) {
		return "", "" // "a police source told SANA" and SANA: one family of reports
	}
	if p.oneText && (a.unnamed || b.unnamed) {
		return "", "" // one article quoting a police or local source beside another: mostly several incidents
	}
	if p.oneText && !sameOwnDays(ua, ub) {
		return "", "" // one article's figures for different days are different incidents
	}
	if pHi-pLo > 1 || pLo-pHi > 1 {
		l.laterToll(ei, metric, p, lo, hi, pLo, pHi, seen)
		return "", ""
	}
	if scopes {
		return "", "" // more likely two scopes than one disputed toll
	}
	return schema.ContradictionFigure, fmt.Sprintf("same incident and metric (%s), figures that do not agree from different origins at the same time: %s vs %s",
		metric, l.describe(p.ia), l.describe(p.ib))
}

// revision judges one origin's two disjoint tolls (lo the lower): a
// revision when both are attributed explicitly, less than
// revisionMaxRatio apart and both reports date the incident. It returns
// the kind ("" for none) and why.
func (l *linker) revision(metric string, p claimPair, lo, hi int) (kind, why string) {
	a, b := p.a, p.b
	if !a.c.Explicit || !b.c.Explicit {
		return "", "" // a claim carried from another sentence may be another source's
	}
	if l.claims[hi].min > revisionMaxRatio*l.claims[lo].max {
		return "", "" // one origin's tolls of two scopes (a day's, a war's)
	}
	if !(p.ua.dated && p.ub.dated) {
		// one origin's figures in reports a week apart, neither
		// dated: more likely two incidents than a toll revised
		return "", ""
	}
	return schema.ContradictionRevision, fmt.Sprintf("one origin (%s), different figures for one incident (%s): %s vs %s; likely an updated toll",
		l.origin(a), metric, l.describe(p.ia), l.describe(p.ib))
}

// laterToll records an update when the higher toll (hi) was published more
// than a day after the lower (lo), once per pair of origins and texts
// (seen); not for running tallies, which grow by themselves, nor a toll
// more than updateMaxRatio times the lower (more likely two scopes).
func (l *linker) laterToll(ei int, metric string, p claimPair, lo, hi, pLo, pHi int, seen map[string]bool) {
	if p.tallies || l.claims[hi].min > updateMaxRatio*l.claims[lo].max {
		return // a running total grows by itself; three times is more likely two scopes
	}
	key := "update\x00" + l.originName(&l.claims[lo]) + " " + l.text[l.claims[lo].doc.IRI] + "\x00" + l.originName(&l.claims[hi]) + " " + l.text[l.claims[hi].doc.IRI]
	if pHi > pLo && !seen[key] {
		seen[key] = true
		l.addUpdate(ei, metric, lo, hi, fmt.Sprintf("a higher toll reported later (%s): %s on %s, then %s on %s",
			metric, l.describe(lo), dayString(pLo, pLo), l.describe(hi), dayString(pHi, pHi)))
	}
}

// updateMaxRatio: a later toll more than this many times the earlier one
// is more likely another scope than the same toll risen.
const updateMaxRatio = 3

// dateMinToll is the least toll two reports must share to be taken for one
// incident given two dates.
const dateMinToll = 10

// revisionMaxRatio: one origin's two tolls this far apart count two scopes
// (an incident's and a war's, a day's and a week's), not a revision.
const revisionMaxRatio = 2

// partOf reports whether two figures count different groups of victims
// so that neither is a rival toll of the other: two named groups ("15
// volunteers", "20 soldiers"), or a named group no larger than a count
// that names none ("15 volunteers" among "about 20 people"). Groups are
// data/linking.tsv role population.
func partOf(a, b *lclaim) bool {
	pa, pb := a.population, b.population
	switch {
	case pa == pb:
		return false
	case pa != 0 && pb != 0:
		return true
	case pa != 0:
		return a.max <= b.max
	}
	return b.max <= a.max
}

// named reports whether a claim's figure comes from a source the text
// names (directly or by the attribution it restates), not an unnamed one.
func named(c *lclaim) bool { return !c.unnamed && (c.c.Claimant != nil || c.restates >= 0) }

// carriedBy reports whether an unnamed source's claim a reaches the reader
// through the other claim's origin: the outlet that quotes it, or a relay
// ("a police source told SANA"). Such a source is not shown independent of
// its carrier, so their figures are no contradiction between origins.
func (l *linker) carriedBy(a, b *lclaim) bool {
	if !a.unnamed {
		return false
	}
	bo := l.origin(b)
	if a.doc.outlet == bo {
		return true
	}
	if a.c.Via == nil {
		return false
	}
	for _, v := range *a.c.Via {
		if v.ID == bo || v.SpeaksFor != "" && v.SpeaksFor == bo {
			return true
		}
	}
	return false
}

// sameOwnDays reports whether two units' own dates, where both have them,
// overlap.
func sameOwnDays(a, b *unit) bool {
	as, ae, okA := ownDays(a)
	bs, be, okB := ownDays(b)
	return !okA || !okB || as <= be && bs <= ae
}

// regionAndPart reports whether one place is a region ("Eastern Ghouta")
// and the other a place within it or in the region's governorate (the
// gazetteer does not nest towns in regions): a toll of the region may sum several
// places' or leave some out, so it is no rival of one place's toll.
func regionAndPart(p, q *schema.Place) bool {
	if p == nil || q == nil || p.ID == q.ID {
		return false
	}
	in := func(r, x *schema.Place) bool {
		return r.Kind == "region" && x.Kind != "region" && !isGovernorate(x) && (x.Within == r.ID || x.Admin1 != "" && x.Admin1 == r.Admin1)
	}
	return in(p, q) || in(q, p)
}

// group is a group of victims (population) as a claim holds it: an index
// into groups, 0 for none.
type group uint8

// groups are data/linking.tsv's population groups, by their group: "" for
// none, then sorted.
var groups = func() []string {
	out := []string{""}
	for _, g := range linkWords.population {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	slices.Sort(out[1:])
	if len(out) > math.MaxUint8+1 {
		panic(fmt.Sprintf("linking: data/linking.tsv: %d population groups, more than a claim holds (%d)", len(out)-1, math.MaxUint8))
	}
	return out
}()

// populationOf is population(who) as a group.
func populationOf(who string) group { return group(slices.Index(groups, population(who))) }

// population is the group of victims a claim's "who" names, or "".
func population(who string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(who), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if g := linkWords.population[w]; g != "" {
			return g
		}
	}
	return ""
}

// addUpdate records a higher toll reported later than a lower one (claim
// lo's report, then claim hi's).
func (l *linker) addUpdate(ei int, metric string, lo, hi int, why string) {
	cs := []int{lo, hi}
	l.updates = append(l.updates, relation{
		iri: schema.RelationIRI("update", l.iris(cs)), kind: "update", metric: metric, event: ei,
		claims: cs, origins: l.originsOf(cs), why: why,
	})
}

func (l *linker) addContradiction(ei int, metric, kind string, cs []int, why string) {
	sort.Slice(cs, func(i, j int) bool { return lessIRI(&l.claims[cs[i]], &l.claims[cs[j]]) })
	l.contras = append(l.contras, relation{
		iri: schema.RelationIRI("contradiction", l.iris(cs)), kind: kind, metric: metric, event: ei,
		claims: cs, origins: l.originsOf(cs), why: why,
	})
}

// properSubset reports whether a names fewer perpetrators than b, all of
// them b's.
func properSubset(a, b perpList) bool { return len(a) < len(b) && a.within(b) }

// dateClaim reports whether a claim may be one of a date contradiction
// (dateContradictions): a bounded claim of its own (not a subset, not a
// copy's) of a dated incident at a specific place.
func (l *linker) dateClaim(lc *lclaim) bool {
	u := &l.units[lc.unit]
	return u.dated && !u.agg && u.place != nil && !isGovernorate(u.place) && lc.bounded && !lc.subset && !lc.copy()
}

// datePair reports whether two date claims (dateClaim) of one place
// contradict each other's dates whatever events they fall in: other
// reports, the same metric, victims and a compatible kind, closed figures
// that agree, of at least dateMinToll, dated more than a day and at most
// dateContradictionDays apart. dateContradictions and Dependents ask it.
func (l *linker) datePair(a, b *lclaim) bool {
	ua, ub := &l.units[a.unit], &l.units[b.unit]
	if a.report == b.report {
		return false
	}
	if a.metric != b.metric || a.side != b.side || !kindsCompatible(ua.kind, ub.kind) {
		return false
	}
	if a.max < b.min || b.max < a.min || math.IsInf(a.max-a.min, 0) || math.IsInf(b.max-b.min, 0) {
		return false // disagreeing, or an open figure ("at least 10") that agrees with any larger toll
	}
	if min(a.max, b.max) < dateMinToll {
		return false // four wounded in a city's district recur week after week
	}
	gap := ua.lo - ub.hi
	if ub.lo > ua.hi {
		gap = ub.lo - ua.hi
	}
	return gap > 1 && gap <= dateContradictionDays
}

// dateContradictions pairs claims of different linked events that agree on
// the place (the same specific place), kind, metric and a closed figure of
// at least dateMinToll ("15", "nearly two dozen"; "at least 10" fits too
// many tolls, and small counts recur) but give different, stated dates
// less than a month apart: one incident, two dates.
func (l *linker) dateContradictions() {
	eventOf := make([]int, len(l.units))
	for ei, e := range l.events {
		for _, u := range e.units {
			eventOf[u] = ei
		}
	}
	byPlace := map[string][]int{}
	for i := range l.claims {
		if lc := &l.claims[i]; l.dateClaim(lc) {
			u := &l.units[lc.unit]
			byPlace[u.place.ID] = append(byPlace[u.place.ID], i)
		}
	}
	seen := map[string]bool{}
	for _, p := range sortedKeys(keysOf(byPlace)) {
		cs := byPlace[p]
		// by the start of their windows: a claim is compared with the
		// claims that start at most a month after its window ends
		sort.Slice(cs, func(i, j int) bool {
			ui, uj := &l.units[l.claims[cs[i]].unit], &l.units[l.claims[cs[j]].unit]
			if ui.lo != uj.lo {
				return ui.lo < uj.lo
			}
			return lessIRI(&l.claims[cs[i]], &l.claims[cs[j]])
		})
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				a, b := &l.claims[cs[i]], &l.claims[cs[j]]
				ua, ub := &l.units[a.unit], &l.units[b.unit]
				if ub.lo-ua.hi > dateContradictionDays {
					break
				}
				if eventOf[a.unit] == eventOf[b.unit] || !l.datePair(a, b) {
					continue
				}
				l.part.union(a.doc.IRI, b.doc.IRI) // which pair is reported depends on both
				why := fmt.Sprintf("same place (%s), kind and figure (%s vs %s) but dated %s vs %s",
					p, interval(a.min, a.max), interval(b.min, b.max), dayString(ua.lo, ua.hi), dayString(ub.lo, ub.hi))
				oa, ob := l.originName(a)+" "+l.text[a.doc.IRI], l.originName(b)+" "+l.text[b.doc.IRI]
				if ob < oa {
					oa, ob = ob, oa
				}
				if key := oa + "\x00" + ob; !seen[key] {
					seen[key] = true
					l.addContradiction(eventOf[a.unit], a.metric.String(), schema.ContradictionDate, []int{cs[i], cs[j]}, why)
				}
			}
		}
	}
}
