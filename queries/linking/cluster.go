package linking

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/internal/cores"
	"github.com/claimgraph/claimgraph/schema"
)

// Linking is cross-document event coreference over units (the claims of one
// article about one of its events):
//
//  1. Blocking (blocking.go). A unit is indexed under each day of its time window and the
//     area it lies in (its governorate, and its one-degree cell when its
//     place has coordinates); candidate pairs share a day and a neighbouring
//     area. Units with long windows are indexed by month instead (a tally
//     over months by the month it ends), units placed nowhere finer than the country meet every
//     unit of their days, and units with no date at all meet the units of
//     their place when it is finer than a governorate. The work grows with the
//     number of units per day (month) and area, not with the square of the
//     collection.
//  2. Evidence (evidence.go). A pair that can be one incident (tallies with tallies over
//     the same window, incidents with incidents, overlapping or adjacent
//     windows, the same, nested or a nearby place) is weighed by what the texts
//     share (evidence): the same stated days, the place's specificity and
//     nesting, a distinctive or specific event kind, the same figure for the
//     same victims, the same perpetrators, near-identical text.
//  3. Clustering without chaining. Pairs with evidence of Options.MinScore
//     or more are taken best first; two clusters merge when every unit of one
//     can be one incident with every unit of the other, each of those pairs
//     has some evidence of its own (Options.MinPairScore), their mean reaches
//     Options.MinMeanScore, and two units of one article in the event could
//     be one incident (consolidate). So A~B and B~C never join A and C unless
//     A and C match too.
//
// Every merge records its best pair's reasons (join), which the output
// keeps, so a reader sees why each article joined its event.

// join says why a unit joined its linked event: the unit of the event it
// matched best, and the evidence.
type join struct {
	unit, with int
	score      float64
	why        string
}

// cluster unites units into linked events (see the comment at the top of
// this file). The candidate order and every test depend only on the units'
// content, so the result does not depend on the order articles were loaded
// in.
//
// Components (component.go): a pair with evidence of Options.MinScore or
// more joins its articles' components, merged or refused, since which pairs
// merge depends on both; except a pair of a timeless report (neither the
// event nor its article dated) and a dated one. Such a report can be of
// any year and is weighed against the reports of its place in every year;
// joining all of them would tie those years into one component. Its merges
// depend on the clusters it is weighed against, whose own merges do not
// depend on it unless it joins them: it joins the component of a report it
// merges with, and reads the others as context. A refused pair changes
// neither side, so a relink of the dated reports' components reads the
// timeless report's component as context (IsContextKey "t:") and relinks
// it only if linking joins them (Output.Promote).
func (l *linker) cluster() {
	n := len(l.units)
	// A pair keeps its score only: the evidence's reasons are formatted
	// for the pairs that merge (join), a few of them, and for the trace.
	type pair struct {
		a, b  int32
		score float64
	}
	var pairs []pair
	l.weighed(func(i, j int, why string, e evidence) {
		a, b := &l.units[i], &l.units[j]
		if why != "" {
			if l.tracing() {
				l.trace("apart %s %s (%s %s): %s", a.doc.ID, b.doc.ID, a.evs(), b.evs(), why)
			}
			return
		}
		if l.tracing() {
			l.trace("pair %s %s (%s %s) %g: %s", a.doc.ID, b.doc.ID, a.evs(), b.evs(), e.score, e)
		}
		if e.score < l.opt.MinScore {
			return
		}
		pairs = append(pairs, pair{int32(i), int32(j), e.score})
		if a.timeless != b.timeless {
			// a report with no date at all and a dated one: the
			// timeless report reads the other's component as context,
			// and joins its component only when merged
			return
		}
		l.part.union(a.doc.IRI, b.doc.IRI)
	})
	// best first; among equal scores by the units' event and article
	// (their content, not the order articles came in), each unit's key
	// built once, not at every comparison
	keys := make([]string, n)
	for u := range keys {
		keys[u] = l.units[u].event.IRI() + "\x00" + l.units[u].doc.IRI
	}
	sort.Slice(pairs, func(i, j int) bool {
		pi, pj := &pairs[i], &pairs[j]
		if pi.score != pj.score {
			return pi.score > pj.score
		}
		return lessConcat(keys[pi.a], keys[pi.b], keys[pj.a], keys[pj.b])
	})
	keys = nil
	root := make([]int, n)
	members := make([][]int, n)
	joins := make([][]join, n)
	for i := range root {
		root[i] = i
		members[i] = []int{i}
	}
	for _, pr := range pairs {
		p := struct {
			a, b  int
			score float64
		}{int(pr.a), int(pr.b), pr.score}
		ri, rj := root[p.a], root[p.b]
		if ri == rj {
			continue
		}
		if why := l.unmergeable(members[ri], members[rj]); why != "" {
			if l.tracing() {
				l.trace("refused %s %s %g: %s", l.units[p.a].doc.ID, l.units[p.b].doc.ID, p.score, why)
			}
			continue
		}
		// the smaller root keeps the cluster
		if rj < ri {
			ri, rj = rj, ri
		}
		joined, with := p.b, p.a
		if root[p.b] == ri {
			joined, with = p.a, p.b
		}
		l.part.union(l.units[p.a].doc.IRI, l.units[p.b].doc.IRI)
		why := l.explained(&l.units[p.a], &l.units[p.b]).String()
		joins[ri] = append(append(joins[ri], joins[rj]...), join{unit: joined, with: with, score: p.score, why: why})
		for _, u := range members[rj] {
			root[u] = ri
		}
		members[ri] = append(members[ri], members[rj]...)
		members[rj], joins[rj] = nil, nil
	}
	for r, us := range members {
		if len(us) == 0 {
			continue
		}
		sort.Ints(us)
		e := levent{units: us, joins: joins[r]}
		if cs := l.units[us[0]].claims; len(us) == 1 && slices.IsSorted(cs) {
			e.claims = cs // most events are one unit's: its claims, not a copy (neither changes)
		} else {
			for _, u := range us {
				e.claims = append(e.claims, l.units[u].claims...)
			}
			sort.Ints(e.claims)
		}
		e.key = schema.LinkedEventKeyOf(l.iris(e.claims))
		l.events = append(l.events, e)
	}
	sort.Slice(l.events, func(i, j int) bool { return bytes.Compare(l.events[i].key[:], l.events[j].key[:]) < 0 })
	l.scores = nil // the merges' memo, not held while the output is rendered
}

// lessConcat reports whether x1+x2 sorts before y1+y2, without building
// them: the order of the pairs' keys as cluster had them concatenated (an
// article's IRI can be the start of another's, so comparing the two parts
// one after the other would not give the same order).
func lessConcat(x1, x2, y1, y2 string) bool {
	xs, ys := [2]string{x1, x2}, [2]string{y1, y2}
	i, j := 0, 0
	a, b := xs[0], ys[0]
	for {
		for len(a) == 0 && i < 1 {
			i++
			a = xs[i]
		}
		for len(b) == 0 && j < 1 {
			j++
			b = ys[j]
		}
		if len(a) == 0 || len(b) == 0 {
			return len(a) == 0 && len(b) != 0
		}
		k := min(len(a), len(b))
		if c := strings.Compare(a[:k], b[:k]); c != 0 {
			return c < 0
		}
		a, b = a[k:], b[k:]
	}
}

// weighed calls fn with every candidate pair of units (candidates), in
// the candidates' order, and why it cannot be one incident (incompatible)
// or, when it can, its evidence (its reasons only when the linker traces).
// The pairs are weighed a batch at a time on
// every core (evidence is most of linking's time); fn runs on the caller's
// goroutine, one pair after another, so that what it does depends only on
// the pairs, not on the cores.
func (l *linker) weighed(fn func(i, j int, why string, e evidence)) {
	type pair struct {
		i, j int
		why  string
		e    evidence
	}
	batch := make([]pair, 0, weighBatch)
	flush := func() {
		cores.Each(len(batch), func(k int) {
			p := &batch[k]
			a, b := &l.units[p.i], &l.units[p.j]
			if p.why = l.incompatible(a, b); p.why == "" {
				p.e = l.weigh(a, b, l.tracing()) // the reasons only for the trace
			}
		})
		for k := range batch {
			p := &batch[k]
			fn(p.i, p.j, p.why, p.e)
			*p = pair{} // its evidence is fn's now
		}
		batch = batch[:0]
	}
	l.shingles.bound(shingleTurn) // in time order (candidates)
	defer l.shingles.bound(mergeTurn)
	l.candidates(func(i, j int) {
		batch = append(batch, pair{i: i, j: j})
		if len(batch) == cap(batch) {
			flush()
		}
	})
	flush()
}

// shingleTurn is how many articles' word triples the memo holds, at most
// twice as many, while weighed weighs.
const shingleTurn = 4096

// mergeTurn is the same once the pairs are weighed, while clusters merge
// (best pair first, in no order of time) and the texts are grouped:
// unbounded, the memo held every article's set the merges asked for, 129
// MB at 100,000 articles, at the link's peak.
const mergeTurn = 16384

// weighBatch is how many candidate pairs weighed weighs at once.
const weighBatch = 8192

// unmergeable says why two clusters may not become one linked event, or
// "": an article in both, a cross pair that cannot be one incident or has
// too little evidence of its own (Options.MinPairScore), or a mean
// evidence under Options.MinMeanScore.
func (l *linker) unmergeable(x, y []int) string {
	sum, n := 0.0, 0
	for _, u := range x {
		for _, v := range y {
			a, b := &l.units[u], &l.units[v]
			if a.doc.IRI == b.doc.IRI {
				// two units of one article: only when they may be one
				// incident (consolidate left them apart when an undated
				// unit fitted several)
				if !l.oneIncident(a, b) {
					return fmt.Sprintf("%s: two incidents of one article", a.doc.ID)
				}
				continue
			}
			if why := l.incompatible(a, b); why != "" {
				return fmt.Sprintf("%s and %s: %s", a.doc.ID, b.doc.ID, why)
			}
			s := l.pairScore(u, v)
			if s < l.opt.MinPairScore {
				return fmt.Sprintf("%s and %s: evidence %.1f", a.doc.ID, b.doc.ID, s)
			}
			sum += s
			n++
		}
	}
	if n == 0 {
		return ""
	}
	if mean := sum / float64(n); mean < l.opt.MinMeanScore {
		return fmt.Sprintf("mean evidence %.1f", mean)
	}
	return ""
}

func (l *linker) pairScore(u, v int) float64 {
	if u > v {
		u, v = v, u
	}
	k := [2]int{u, v}
	if s, ok := l.scores[k]; ok {
		return s
	}
	s := l.evidence(&l.units[u], &l.units[v]).score
	if l.scores == nil {
		l.scores = map[[2]int]float64{}
	}
	l.scores[k] = s
	return s
}

// tracing reports whether the linker's decisions are traced
// (Options.Trace). Callers format a trace line only then: formatting every
// candidate pair's line to throw it away took a fifth of the pairs' time.
func (l *linker) tracing() bool { return l.opt.Trace != nil }

// trace writes one line of the linker's decisions to Options.Trace.
func (l *linker) trace(format string, args ...any) {
	if l.opt.Trace != nil {
		fmt.Fprintf(l.opt.Trace, format+"\n", args...)
	}
}

// evs names a unit's event nodes (the last six characters of each IRI) for
// the trace.
func (u *unit) evs() string {
	out := []string{}
	for _, k := range append([]schema.EventKey{u.event}, u.others()...) {
		e := k.IRI()
		out = append(out, e[len(e)-6:])
	}
	return strings.Join(out, ",")
}
