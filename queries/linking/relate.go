package linking

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/schema"
)

// relate finds corroborations, contradictions and circular reporting within
// each linked event, and date contradictions between events.
func (l *linker) relate() {
	l.groupTexts()
	for ei := range l.events {
		e := &l.events[ei]
		// comparable groups: metric, subset or not (victims' sides are compared pairwise)
		type gk struct {
			metric string
			subset bool
		}
		groups := map[gk][]int{}
		for _, c := range e.claims {
			lc := &l.claims[c]
			if lc.c.Metric == "" || lc.c.Metric == schema.MetricOther || lc.c.Figure.Unit != "" {
				continue
			}
			k := gk{lc.c.Metric, lc.subset}
			groups[k] = append(groups[k], c)
		}
		keys := make([]gk, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].metric != keys[j].metric {
				return keys[i].metric < keys[j].metric
			}
			return !keys[i].subset && keys[j].subset
		})
		for _, k := range keys {
			cs := groups[k]
			l.corroborate(ei, k.metric, cs)
			if !k.subset {
				l.contradict(ei, k.metric, cs)
			}
		}
		l.circularOf(ei)
	}
	l.jointStatements()
	l.dateContradictions()
	sort.Slice(l.corrobs, func(i, j int) bool { return l.corrobs[i].iri < l.corrobs[j].iri })
	sort.Slice(l.contras, func(i, j int) bool { return l.contras[i].iri < l.contras[j].iri })
	sort.Slice(l.circular, func(i, j int) bool { return l.circular[i].iri < l.circular[j].iri })
	sort.Slice(l.updates, func(i, j int) bool { return l.updates[i].iri < l.updates[j].iri })
}

// jointStatements corroborates the claims one sentence credits to several
// sources ("attacks have surged, according to SOHR and pro-regime media"):
// statements without a figure, which no event grouping compares, backed by
// each source the sentence names.
func (l *linker) jointStatements() {
	eventOf := map[int]int{}
	for ei, e := range l.events {
		for _, c := range e.claims {
			eventOf[c] = ei
		}
	}
	have := map[string]bool{}
	for _, r := range l.corrobs {
		have[r.iri] = true
	}
	type key struct {
		article string
		offset  int
		metric  string
	}
	groups := map[key][]int{}
	var keys []key
	for i := range l.claims {
		lc := &l.claims[i]
		if lc.copy() {
			continue
		}
		if lc.c.Metric == "" || !figureless(lc) || lc.c.Claimant == nil {
			continue
		}
		k := key{lc.article, lc.c.Offset, lc.c.Metric}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range keys {
		cs := groups[k]
		if len(cs) < 2 || len(l.originsOf(cs)) < 2 {
			continue
		}
		if have[schema.RelationIRI("corroboration", l.iris(cs))] || l.withinCorroboration(cs) {
			continue
		}
		l.addCorroboration(eventOf[cs[0]], k.metric, cs, fmt.Sprintf("one sentence of %s credits the statement (%s) to %d sources",
			l.claims[cs[0]].doc.ID, k.metric, len(l.originsOf(cs))))
	}
}

// withinCorroboration reports whether a corroboration found already holds
// every claim of cs.
func (l *linker) withinCorroboration(cs []int) bool {
	for _, r := range l.corrobs {
		if subsetOf(cs, r.claims) {
			return true
		}
	}
	return false
}

// reportable reports whether a group of agreeing claims is worth
// reporting: it comes from two articles or more (a text carried by two
// outlets is reported, with one origin: that is what a fact-checker needs to
// see), or one article credits it to two named origins ("15 killed,
// al-Masdar reported; SOHR gave the same toll"). An outlet agreeing with the
// source it cites in one article is not corroboration.
func (l *linker) reportable(cs []int) bool {
	arts := map[string]bool{}
	for _, c := range cs {
		arts[l.claims[c].article] = true
	}
	if len(arts) >= 2 {
		return true
	}
	named := map[string]bool{}
	for _, c := range cs {
		if lc := &l.claims[c]; lc.c.Claimant != nil && !lc.unnamed {
			named[lc.origin] = true
		}
	}
	return len(named) >= 2
}

// independent returns the independent origins of a group of claims,
// sorted. Only what the texts show independent counts, so the count errs
// low, never high:
//   - the named sources the claims credit (people counted as the
//     organisation they speak for, restatements as the source they restate);
//     a source carried from a neighbouring sentence counts as the outlet's
//     own figure, and so does a restatement of one;
//   - if there is none, the unnamed source ("activists", "medics": one
//     origin per kind, since nothing shows two articles' activists apart;
//     unnamed sources of several kinds are one origin too, unknown:
//     unnamedKinds);
//   - if there is none either, the outlet that gives the figure as its own;
//     several outlets giving it as their own, no source named, are one
//     origin, unknown (unattributed): the war's toll repeated as background
//     by four outlets is most often one wire's figure, and nothing in the
//     texts shows four counts.
//
// An outlet's own figure or an unnamed source's beside a named source is
// not counted: outlets rarely count the dead themselves, and neither can be
// shown independent of the source that published the figure first.
func (l *linker) independent(cs []int) []string {
	named, unnamed, own := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range cs {
		lc := &l.claims[c]
		switch {
		case lc.c.Claimant == nil && lc.restates < 0:
			own[lc.origin] = true
		case carried(lc) || lc.restates >= 0 && carried(&l.claims[lc.restates]):
			own[lc.outlet] = true
		case lc.unnamed:
			unnamed[lc.origin] = true
		default:
			named[lc.origin] = true
		}
	}
	switch {
	case len(named) > 0:
		return sortedKeys(named)
	case len(unnamed) == 1:
		return sortedKeys(unnamed)
	case len(unnamed) > 1:
		return []string{unnamedKinds}
	case len(own) > 1:
		return []string{unattributed}
	}
	return sortedKeys(own)
}

// attributionCarried is the schema.Claim.Attribution of a claimant carried
// from a neighbouring sentence: an inference of the extraction, not a
// source the text names for the figure, so it shows no independence.
const attributionCarried = "implicit"

// carried reports whether a claim's source was carried from a
// neighbouring sentence (attributionCarried).
func carried(lc *lclaim) bool {
	return lc.c.Claimant != nil && lc.c.Attribution == attributionCarried
}

// unnamedKinds stands for the one unknown origin of a figure that unnamed
// sources of several kinds give ("an official", "a police source" in two
// copies of one agency report): nothing shows them apart (independent);
// no primary source is written for it.
const unnamedKinds = "unnamed sources"

// unattributed stands for the one unknown origin of a figure several
// outlets give as their own (independent); no primary source is written
// for it.
const unattributed = "unattributed"

func (l *linker) originsOf(cs []int) []string {
	set := map[string]bool{}
	for _, c := range cs {
		set[l.claims[c].origin] = true
	}
	return sortedKeys(set)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// corroborate groups the claims of one linked event, metric and victims'
// side whose figures agree (agree), tallies only with tallies over the same
// window (byWindow), in groups of claims that pairwise agree: "at least 24"
// and "at least 101" are both consistent with 120 dead, but they do not
// corroborate each other. A group is reported when it comes from two texts
// or more (an outlet agreeing with the source it cites in one article is
// no corroboration); its independent origins are its claims' distinct
// origins (restatements resolved, people counted as their organisation,
// copies and relays once). Claims without a figure (a responsibility claim,
// a seizure) corroborate each other on the metric alone.
func (l *linker) corroborate(ei int, metric string, cs []int) {
	var stated, bare []int
	for _, c := range cs {
		lc := &l.claims[c]
		switch {
		case comparable(lc):
			stated = append(stated, c)
		case figureless(lc):
			bare = append(bare, c)
		}
	}
	if len(bare) >= 2 && l.reportable(bare) {
		l.addCorroboration(ei, metric, bare, "same event, each says "+metric+" without a figure")
	}
	for _, part := range l.byWindow(stated) {
		l.agreeing(ei, metric, part)
	}
}

// maxTallies bounds the tallies of one event and metric whose windows
// byWindow compares pairwise.
const maxTallies = 40

// remove returns xs without x.
func remove(xs []int, x int) []int {
	out := xs[:0:0]
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

// byWindow splits claims into the incidents' figures and, for running
// tallies, groups of tallies over the same stated window (sameWindow): a
// tally agrees or disagrees only with a tally of the same window.
func (l *linker) byWindow(cs []int) [][]int {
	var incidents, tallies []int
	for _, c := range cs {
		if l.claims[c].c.Aggregate {
			tallies = append(tallies, c)
		} else {
			incidents = append(incidents, c)
		}
	}
	// by window, then claim IRI: the groups depend on the windows, not on
	// the order or the names of the articles
	sort.Slice(tallies, func(i, j int) bool {
		a, b := &l.units[l.claims[tallies[i]].unit], &l.units[l.claims[tallies[j]].unit]
		if a.lo != b.lo || a.hi != b.hi {
			return a.lo < b.lo || a.lo == b.lo && a.hi < b.hi
		}
		return l.claims[tallies[i]].iri < l.claims[tallies[j]].iri
	})
	// the maximal sets of tallies whose windows are pairwise the same
	// (sameWindow is not transitive: Jan 1-Apr 10 and Jan 11-Apr 20 both
	// match Jan 6-Apr 15, not each other)
	same := func(a, b int) bool { return sameWindow(&l.units[l.claims[a].unit], &l.units[l.claims[b].unit]) }
	var groups [][]int
	// Bron–Kerbosch with a pivot (Tomita): from each call, only the
	// candidates the pivot is not the same window as are tried, so tallies
	// that all share one window make one group in linear depth, not an
	// exponential walk
	var extend func(clique, candidates, excluded []int)
	extend = func(clique, candidates, excluded []int) {
		if len(candidates) == 0 && len(excluded) == 0 {
			groups = append(groups, append([]int(nil), clique...))
			return
		}
		pivot, best := -1, -1
		for _, u := range append(append([]int(nil), candidates...), excluded...) {
			n := 0
			for _, w := range candidates {
				if w != u && same(u, w) {
					n++
				}
			}
			if n > best {
				pivot, best = u, n
			}
		}
		for _, v := range append([]int(nil), candidates...) {
			if v != pivot && same(pivot, v) {
				continue
			}
			var nc, ne []int
			for _, w := range candidates {
				if w != v && same(v, w) {
					nc = append(nc, w)
				}
			}
			for _, w := range excluded {
				if same(v, w) {
					ne = append(ne, w)
				}
			}
			extend(append(append([]int(nil), clique...), v), nc, ne)
			candidates = remove(candidates, v)
			excluded = append(excluded, v)
		}
	}
	if len(tallies) <= maxTallies {
		extend(nil, tallies, nil)
	} else {
		for _, t := range tallies {
			groups = append(groups, []int{t}) // too many to compare: none agrees
		}
	}
	return append([][]int{incidents}, groups...)
}

// agreeing2 reports whether two claims agree about the same victims: their
// figures agree, and their sides (civilians, fighters of an armed group)
// are the same or one is not told ("19 killed" over "19 civilians killed").
func (l *linker) agreeing2(a, b int) bool {
	ca, cb := &l.claims[a], &l.claims[b]
	return sidesMatch(ca.side, cb.side) && agree(ca, cb)
}

// agreeing reports the groups of claims whose figures pairwise agree: from
// each claim, the claims that agree with it and with every claim taken
// before them, nearest figure first; groups inside another are dropped.
func (l *linker) agreeing(ei int, metric string, cs []int) {
	cs = append([]int(nil), cs...)
	sort.Slice(cs, func(i, j int) bool {
		a, b := &l.claims[cs[i]], &l.claims[cs[j]]
		if a.stated() != b.stated() {
			return a.stated() < b.stated()
		}
		return a.iri < b.iri
	})
	var groups [][]int
	seen := map[string]bool{}
	for _, seed := range cs {
		vs := l.claims[seed].stated()
		var cand []int
		for _, c := range cs {
			if c != seed && l.agreeing2(seed, c) {
				cand = append(cand, c)
			}
		}
		sort.SliceStable(cand, func(i, j int) bool {
			return math.Abs(l.claims[cand[i]].stated()-vs) < math.Abs(l.claims[cand[j]].stated()-vs)
		})
		g := []int{seed}
	next:
		for _, c := range cand {
			for _, m := range g {
				if !l.agreeing2(c, m) {
					continue next
				}
			}
			g = append(g, c)
		}
		sort.Ints(g)
		key := fmt.Sprint(g)
		if len(g) >= 2 && !seen[key] {
			seen[key] = true
			groups = append(groups, g)
		}
	}
	for i, g := range groups {
		inside := false
		for j, h := range groups {
			if i != j && len(h) > len(g) && subsetOf(g, h) {
				inside = true
				break
			}
		}
		if !inside && l.reportable(g) {
			l.addCorroboration(ei, metric, g, "")
		}
	}
}

func subsetOf(a, b []int) bool {
	m := map[int]bool{}
	for _, x := range b {
		m[x] = true
	}
	for _, x := range a {
		if !m[x] {
			return false
		}
	}
	return true
}

func (l *linker) addCorroboration(ei int, metric string, cs []int, why string) {
	cs = append([]int(nil), cs...)
	sort.Ints(cs)
	origins := l.independent(cs)
	if why == "" {
		why = fmt.Sprintf("same incident and metric (%s), figures agree: %s", metric, l.byOrigin(cs))
	} else {
		why += ": " + l.byOrigin(cs)
	}
	switch {
	case len(origins) == 1 && origins[0] == unnamedKinds:
		why += fmt.Sprintf("; one independent origin, unknown: unnamed sources of several kinds (%s) give the figure, and nothing shows them apart", strings.Join(l.originsOf(cs), ", "))
	case len(origins) == 1 && origins[0] == unattributed:
		why += fmt.Sprintf("; one independent origin, unknown: %s give the figure as their own, naming no source, and nothing shows them independent", strings.Join(l.originsOf(cs), ", "))
	case len(origins) == 1:
		why += fmt.Sprintf("; one independent origin (%s): no other source shown independent of it", origins[0])
	default:
		why += fmt.Sprintf("; %d independent origins (%s)", len(origins), strings.Join(origins, ", "))
	}
	l.corrobs = append(l.corrobs, relation{
		iri: schema.RelationIRI("corroboration", l.iris(cs)), metric: metric, event: ei,
		claims: cs, origins: origins, why: why,
	})
}

// byOrigin lists a group's figures by origin, with the articles that relay
// each: "sohr: 58 in 1918150026 (asharq-al-awsat), at least 58 in
// 1924058036 (jordan-times, restating sohr)".
func (l *linker) byOrigin(cs []int) string {
	by := map[string][]string{}
	for _, c := range cs {
		lc := &l.claims[c]
		fig := lc.c.Figure.Text
		if fig == "" {
			fig = "no figure"
		}
		s := fmt.Sprintf("%s in %s (%s", fig, lc.doc.ID, strings.TrimPrefix(lc.outlet, "article:"))
		if lc.restates >= 0 {
			s += ", restating it"
		}
		if lc.copy() {
			s += ", a copy of " + schema.ArticleIDFromIRI(lc.report)
		}
		by[originName(lc)] = append(by[originName(lc)], s+")")
	}
	var parts []string
	for _, o := range sortedKeysOf(by) {
		parts = append(parts, o+": "+strings.Join(by[o], ", "))
	}
	return strings.Join(parts, "; ")
}

func sortedKeysOf(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (l *linker) iris(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = l.claims[c].iri
	}
	return out
}

// describe renders a claim for a reason: "sohr [27,27] (001_x.txt)".
func (l *linker) describe(c int) string {
	lc := &l.claims[c]
	return fmt.Sprintf("%s %s in %s", lc.origin, interval(lc.min, lc.max), lc.doc.ID)
}

func interval(min, max float64) string {
	b := func(v float64) string {
		if math.IsInf(v, 0) {
			return "∞"
		}
		return fmt.Sprint(int64(v))
	}
	lo := b(min)
	if math.IsInf(min, -1) {
		lo = "−∞"
	}
	return "[" + lo + "," + b(max) + "]"
}

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
	// each origin's toll for the incident in each report: the largest count
	// of the metric it gives there; a smaller figure beside it ("five more
	// deaths", "24 other people", "a man whose son was killed") is a part,
	// not a rival toll
	type key struct {
		unit   int
		origin string
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
	cs = tolls
	for i := 0; i < len(cs); i++ {
		for j := i + 1; j < len(cs); j++ {
			ia, ib := cs[i], cs[j]
			a, b := &l.claims[ia], &l.claims[ib]
			if a.copy() || b.copy() || !a.bounded || !b.bounded || a.coarse || b.coarse {
				continue
			}
			ua, ub := &l.units[a.unit], &l.units[b.unit]
			tallies := a.c.Aggregate || b.c.Aggregate || ua.agg || ub.agg
			if tallies && !sameWindow(ua, ub) {
				continue
			}
			oneText := l.text[a.article] == l.text[b.article]
			if oneText && (a.origin == b.origin || !tallies && (a.c.Claimant == nil || b.c.Claimant == nil)) {
				continue // one origin's breakdown, or the outlet summing up its own sources
			}
			if a.side != b.side || agree(a, b) || partOf(a, b) {
				continue // other victims, or figures that agree or count a part
			}
			kind, why := "", ""
			pa, pb := perpSet(a.perps), perpSet(b.perps)
			switch {
			case len(pa) > 0 && len(pb) > 0 && !sameSet(pa, pb):
				// different perpetrators: a part and its whole, or not comparable
				part, whole := ia, ib
				if properSubset(pb, pa) {
					part, whole = ib, ia
				} else if !properSubset(pa, pb) {
					continue
				}
				if l.claims[part].min > l.claims[whole].max {
					kind = schema.ContradictionScope
					why = fmt.Sprintf("part exceeds whole: %s by %s alone, but %s by %s together",
						l.describe(part), l.claims[part].c.Perpetrator, l.describe(whole), l.claims[whole].c.Perpetrator)
				}
			case a.max < b.min || b.max < a.min:
				lo, hi := ia, ib
				if b.max < a.min {
					lo, hi = ib, ia
				}
				if a.origin == b.origin && (a.unnamed || linkWords.collective[a.origin]) {
					continue // "activists", "the opposition": neither one body nor two
				}
				if regionAndPart(a.c.Event.Place, b.c.Event.Place) {
					continue // a region's toll and a toll of one place in it
				}
				sameOrigin := a.origin == b.origin
				scopes := !sameOrigin && l.claims[hi].min >= l.opt.MaxRatio*l.claims[lo].max
				if sameOrigin && tallies && (ua.hi-ub.hi > 1 || ub.hi-ua.hi > 1) {
					continue // a running total at two cut-offs: it grew, nobody revised it
				}
				if sameOrigin {
					if a.c.Attribution != "explicit" || b.c.Attribution != "explicit" {
						continue // a claim carried from another sentence may be another source's
					}
					if l.claims[hi].min > revisionMaxRatio*l.claims[lo].max {
						continue // one origin's tolls of two scopes (a day's, a war's)
					}
					if !(ua.dated && ub.dated) {
						// one origin's figures in reports a week apart, neither
						// dated: more likely two incidents than a toll revised
						continue
					}
					kind = schema.ContradictionRevision
					why = fmt.Sprintf("one origin (%s), different figures for one incident (%s): %s vs %s; likely an updated toll",
						a.origin, metric, l.describe(ia), l.describe(ib))
					break
				}
				pLo, okLo := l.published(l.claims[lo].doc)
				pHi, okHi := l.published(l.claims[hi].doc)
				if !okLo || !okHi {
					continue // when one report appeared is unknown, the times are not comparable
				}
				if !named(a) && !named(b) {
					continue // outlets' own figures or unnamed sources: where each comes from is unknown, perhaps one source
				}
				if carriedBy(a, b) || carriedBy(b, a) {
					continue // "a police source told SANA" and SANA: one family of reports
				}
				if oneText && (a.unnamed || b.unnamed) {
					continue // one article quoting a police or local source beside another: mostly several incidents
				}
				if oneText && !sameOwnDays(ua, ub) {
					continue // one article's figures for different days are different incidents
				}
				if pHi-pLo > 1 || pLo-pHi > 1 {
					if tallies || l.claims[hi].min > updateMaxRatio*l.claims[lo].max {
						continue // a running total grows by itself; three times is more likely two scopes
					}
					key := "update\x00" + originName(&l.claims[lo]) + " " + l.text[l.claims[lo].article] + "\x00" + originName(&l.claims[hi]) + " " + l.text[l.claims[hi].article]
					if pHi > pLo && !seen[key] {
						seen[key] = true
						l.addUpdate(ei, metric, lo, hi, fmt.Sprintf("a higher toll reported later (%s): %s on %s, then %s on %s",
							metric, l.describe(lo), dayString(pLo, pLo), l.describe(hi), dayString(pHi, pHi)))
					}
					continue
				}
				if scopes {
					continue // more likely two scopes than one disputed toll
				}
				kind = schema.ContradictionFigure
				why = fmt.Sprintf("same incident and metric (%s), figures that do not agree from different origins at the same time: %s vs %s",
					metric, l.describe(ia), l.describe(ib))
			}
			if kind == "" {
				continue
			}
			oa, ob := originName(a)+" "+l.text[a.article], originName(b)+" "+l.text[b.article]
			if ob < oa {
				oa, ob = ob, oa
			}
			if key := kind + "\x00" + oa + "\x00" + ob; !seen[key] {
				seen[key] = true
				l.addContradiction(ei, metric, kind, []int{ia, ib}, why)
			}
		}
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
	pa, pb := population(a.c.Who), population(b.c.Who)
	switch {
	case pa == pb:
		return false
	case pa != "" && pb != "":
		return true
	case pa != "":
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
func carriedBy(a, b *lclaim) bool {
	if !a.unnamed {
		return false
	}
	if a.outlet == b.origin {
		return true
	}
	for _, v := range a.c.Via {
		if v.ID == b.origin || v.SpeaksFor != "" && v.SpeaksFor == b.origin {
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

// sameWindow reports whether two tallies count over the same stated window:
// both stated, overlapping on at least nine tenths of their union ("in the
// last month", said on May 1, and "in the month of April"), and ending at
// most tallyEndDays apart: the war's toll told in March and in August of
// one year counts over nine tenths of one window, but it is two counts.
func sameWindow(a, b *unit) bool {
	if !a.explicit || !b.explicit {
		return false
	}
	inter := min(a.hi, b.hi) - max(a.lo, b.lo) + 1
	union := max(a.hi, b.hi) - min(a.lo, b.lo) + 1
	return inter > 0 && 10*inter >= 9*union && max(a.hi, b.hi)-min(a.hi, b.hi) <= tallyEndDays
}

// tallyEndDays is how far apart, in days, the ends of two tallies over one
// window may be.
const tallyEndDays = 31

func (l *linker) addContradiction(ei int, metric, kind string, cs []int, why string) {
	sort.Slice(cs, func(i, j int) bool { return l.claims[cs[i]].iri < l.claims[cs[j]].iri })
	l.contras = append(l.contras, relation{
		iri: schema.RelationIRI("contradiction", l.iris(cs)), kind: kind, metric: metric, event: ei,
		claims: cs, origins: l.originsOf(cs), why: why,
	})
}

func perpSet(ps []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		m[p] = true
	}
	return m
}

func sameSet(a, b map[string]bool) bool { return len(a) == len(b) && properSubsetOrEq(a, b) }

func properSubsetOrEq(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func properSubset(a, b map[string]bool) bool { return len(a) < len(b) && properSubsetOrEq(a, b) }

// circularOf reports, per origin, claims about one event that reach the
// reader through two or more articles: one origin echoed, however many
// outlets carry it.
func (l *linker) circularOf(ei int) {
	e := &l.events[ei]
	byOrigin := map[string][]int{}
	for _, c := range e.claims {
		lc := &l.claims[c]
		if lc.originIR == "" || lc.c.Metric == "" {
			continue
		}
		byOrigin[lc.origin] = append(byOrigin[lc.origin], c)
	}
	all := l.originsOf(e.claims)
	for _, o := range sortedKeys(keysOf(byOrigin)) {
		cs := byOrigin[o]
		arts, outlets := map[string]bool{}, map[string]bool{}
		for _, c := range cs {
			// a text two outlets carry is relayed twice; one outlet's copies once
			arts[l.claims[c].report+"\x00"+l.claims[c].outlet] = true
			outlets[l.claims[c].outlet] = true
		}
		if len(arts) < 2 {
			continue
		}
		why := fmt.Sprintf("%d claims in %d articles (%s) all come from %s", len(cs), len(arts),
			strings.Join(sortedKeys(outlets), ", "), o)
		if len(all) == 1 {
			why += "; the event has no other origin"
		}
		l.circular = append(l.circular, relation{
			iri: schema.RelationIRI("circular", l.iris(cs)), event: ei, claims: cs,
			origins: []string{o}, outlets: sortedKeys(outlets), why: why,
		})
	}
}

func keysOf(m map[string][]int) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
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
		lc := &l.claims[i]
		u := &l.units[lc.unit]
		if !u.dated || u.agg || u.place == nil || isGovernorate(u.place) || !lc.bounded || lc.subset || lc.copy() {
			continue
		}
		byPlace[u.place.ID] = append(byPlace[u.place.ID], i)
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
			return l.claims[cs[i]].iri < l.claims[cs[j]].iri
		})
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				a, b := &l.claims[cs[i]], &l.claims[cs[j]]
				ua, ub := &l.units[a.unit], &l.units[b.unit]
				if ub.lo-ua.hi > dateContradictionDays {
					break
				}
				if eventOf[a.unit] == eventOf[b.unit] || a.report == b.report {
					continue
				}
				if a.c.Metric != b.c.Metric || a.side != b.side || !kindsCompatible(ua.kind, ub.kind) {
					continue
				}
				if a.max < b.min || b.max < a.min || math.IsInf(a.max-a.min, 0) || math.IsInf(b.max-b.min, 0) {
					continue // disagreeing, or an open figure ("at least 10") that agrees with any larger toll
				}
				if min(a.max, b.max) < dateMinToll {
					continue // four wounded in a city's district recur week after week
				}
				gap := ua.lo - ub.hi
				if ub.lo > ua.hi {
					gap = ub.lo - ua.hi
				}
				if gap <= 1 || gap > dateContradictionDays {
					continue
				}
				l.part.union(a.article, b.article) // which pair is reported depends on both
				why := fmt.Sprintf("same place (%s), kind and figure (%s vs %s) but dated %s vs %s",
					p, interval(a.min, a.max), interval(b.min, b.max), dayString(ua.lo, ua.hi), dayString(ub.lo, ub.hi))
				oa, ob := originName(a)+" "+l.text[a.article], originName(b)+" "+l.text[b.article]
				if ob < oa {
					oa, ob = ob, oa
				}
				if key := oa + "\x00" + ob; !seen[key] {
					seen[key] = true
					l.addContradiction(eventOf[a.unit], a.c.Metric, schema.ContradictionDate, []int{cs[i], cs[j]}, why)
				}
			}
		}
	}
}
