package linking

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/schema"
)

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
		metric  metric
	}
	groups := map[key][]int{}
	var keys []key
	for i := range l.claims {
		lc := &l.claims[i]
		if lc.copy() {
			continue
		}
		if lc.metric == noMetric || !figureless(lc) || lc.c.Claimant == nil {
			continue
		}
		k := key{lc.doc.IRI, int(lc.c.Offset), lc.metric}
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
		l.addCorroboration(eventOf[cs[0]], k.metric.String(), cs, fmt.Sprintf("one sentence of %s credits the statement (%s) to %d sources",
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
		arts[l.claims[c].doc.IRI] = true
	}
	if len(arts) >= 2 {
		return true
	}
	named := map[string]bool{}
	for _, c := range cs {
		if lc := &l.claims[c]; lc.c.Claimant != nil && !lc.unnamed {
			named[l.origin(lc)] = true
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
			own[l.origin(lc)] = true
		case carried(lc) || lc.restates >= 0 && carried(&l.claims[lc.restates]):
			own[lc.doc.outlet] = true
		case lc.unnamed:
			unnamed[l.origin(lc)] = true
		default:
			named[l.origin(lc)] = true
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
	return lc.c.Claimant != nil && lc.c.Carried
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
		return lessIRI(&l.claims[tallies[i]], &l.claims[tallies[j]])
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
		return lessIRI(a, b)
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

// addCorroboration records the corroboration of event ei by claims cs of
// metric, and why (when the rule gives its own words). Its reason is
// written out when the output renders (corroborationWhy), not held:
// at 100,000 articles the reasons of 57,000 corroborations were 17 MB of
// a full link's heap at its peak.
func (l *linker) addCorroboration(ei int, metric string, cs []int, why string) {
	cs = append([]int(nil), cs...)
	sort.Ints(cs)
	l.corrobs = append(l.corrobs, relation{
		iri: schema.RelationIRI("corroboration", l.iris(cs)), metric: metric, event: ei,
		claims: cs, origins: l.independent(cs), why: why,
	})
}

// corroborationWhy is the reason of corroboration r: the rule's words
// (r.why, else the figures agree), the figures by origin, and the
// independent origins.
func (l *linker) corroborationWhy(r relation) string {
	why, metric, cs, origins := r.why, r.metric, r.claims, r.origins
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
	return why
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
		s := fmt.Sprintf("%s in %s (%s", fig, lc.doc.ID, strings.TrimPrefix(lc.doc.outlet, "article:"))
		if lc.restates >= 0 {
			s += ", restating it"
		}
		if lc.copy() {
			s += ", a copy of " + schema.ArticleIDFromIRI(lc.report.IRI)
		}
		o := l.originName(lc)
		by[o] = append(by[o], s+")")
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
