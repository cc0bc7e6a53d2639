package linking

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/schema"
)

// Linking is cross-document event coreference over units (the claims of one
// article about one of its events):
//
//  1. Blocking. A unit is indexed under each day of its time window and the
//     area it lies in (its governorate, and its one-degree cell when its
//     place has coordinates); candidate pairs share a day and a neighbouring
//     area. Units with long windows are indexed by month instead (a tally
//     over months by the month it ends), units placed nowhere finer than the country meet every
//     unit of their days, and units with no date at all meet the units of
//     their place when it is finer than a governorate. The work grows with the
//     number of units per day (month) and area, not with the square of the
//     collection.
//  2. Evidence. A pair that can be one incident (tallies with tallies over
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

// evidence is what two units share, as a score and its reasons.
type evidence struct {
	score float64
	why   []string
}

func (e *evidence) add(points float64, format string, args ...any) {
	e.score += points
	e.why = append(e.why, fmt.Sprintf(format, args...)+fmt.Sprintf(" (%+g)", points))
}

func (e evidence) String() string { return strings.Join(e.why, "; ") }

// incompatible says why two units of different articles cannot report one
// incident at all, or "" when they can: when neither is an "earlier"
// incident, tallies go only with tallies over the same window, the windows
// overlap or touch, and the places are the same, nested or near
// (placeScore). With no date at all (neither the event's nor its
// article's), only a report of the same, a nested or a near place can be the
// same event, and if that one is dated, only one of a compatible kind.
func (l *linker) incompatible(a, b *unit) string {
	switch {
	case a.article == b.article:
		return "one article"
	case a.agg != b.agg:
		return "a tally and an incident"
	case a.kind == schema.KindEarlier || b.kind == schema.KindEarlier:
		return "an earlier incident"
	case a.kind == schema.KindWar || b.kind == schema.KindWar:
		return "the war's toll"
	case a.agg && !sameWindow(a, b):
		return "tallies over different windows"
	}
	if a.timeless || b.timeless {
		if l.placeScore(a, b) < 2 || !(a.timeless && b.timeless) && !kindsCompatible(a.kind, b.kind) {
			return "undated, not one place"
		}
	}
	if a.lo > b.hi+1 || b.lo > a.hi+1 {
		return "days apart"
	}
	// a window only the article's date bounds (the week before it) has no
	// edge worth a day's slack: it must overlap
	if (!a.dated || !b.dated) && (a.lo > b.hi || b.lo > a.hi) {
		return "days apart"
	}
	if l.placeScore(a, b) == 0 {
		return "places"
	}
	return ""
}

// evidence weighs what two compatible units share. The weights are
// documented in docs/linking.md §1; Options.MinScore is the bar.
func (l *linker) evidence(a, b *unit) evidence {
	var e evidence
	// time: the same stated days weigh most; a report whose article's date
	// only bounds the incident agrees with a dated one weakly
	switch {
	case a.dated && b.dated && a.lo == a.hi && a.lo == b.lo && b.lo == b.hi:
		e.add(2.5, "same day (%s)", dayString(a.lo, a.hi))
	case a.agg && b.agg && sameWindow(a, b):
		e.add(4, "tallies over the same window (%s)", dayString(max(a.lo, b.lo), min(a.hi, b.hi)))
	case a.dated && b.dated && a.lo <= b.hi && b.lo <= a.hi:
		e.add(2, "same days (%s)", dayString(max(a.lo, b.lo), min(a.hi, b.hi)))
	case a.dated != b.dated && !a.timeless && !b.timeless && a.lo <= b.hi && b.lo <= a.hi &&
		a.hi-a.lo <= l.opt.UndatedIncidentDays+1 && b.hi-b.lo <= l.opt.UndatedIncidentDays+1:
		// news reports the day's and the last day's incidents: an incident
		// dated on or the day before an undated report's publication
		// matches it better than one a week before
		d, u := a, b
		if b.dated {
			d, u = b, a
		}
		if d.hi >= u.hi-1 {
			e.add(1.5, "dated %s, the day of the other report or the day before", dayString(d.lo, d.hi))
		} else {
			e.add(0.5, "dated %s, within the week before the other report", dayString(d.lo, d.hi))
		}
	}
	// place: specific and shared weighs most, a governorate least
	p, q := a.place, b.place
	switch ps := l.placeScore(a, b); {
	case ps == 4 && !isGovernorate(p):
		e.add(3, "same place (%s)", p.Name)
	case ps == 4:
		e.add(0.5, "same governorate (%s)", p.Name)
	case ps == 3 && !isGovernorate(p) && !isGovernorate(q):
		inner, outer := p, q
		if q.Within == p.ID {
			inner, outer = q, p
		}
		e.add(2, "%s lies within %s", inner.Name, outer.Name)
	case ps == 3:
		inner, outer := p, q
		if q.Within == p.ID {
			inner, outer = q, p
		}
		e.add(1.25, "%s lies within %s", inner.Name, outer.Name)
	case ps == 2 && !a.agg && p.HasCoords && q.HasCoords && distanceKm(p.Lat, p.Lon, q.Lat, q.Lon) <= nearEvidenceKm:
		e.add(1, "%s and %s are near", p.Name, q.Name)
	case ps == 1 && p != nil && q != nil && isGovernorate(p) && isGovernorate(q) && p.Kind != "country" && q.Kind != "country":
		e.add(-1, "different governorates (%s, %s)", p.Name, q.Name)
	}
	if a.timeless || b.timeless {
		e.add(-1, "no date to compare")
	}
	// kind: words for kinds of one family ("air raid", "air strike") may
	// name one incident; others ("air strike", "car bomb") rarely do
	if !kindsCompatible(a.kind, b.kind) {
		e.add(-1, "different kinds (%s, %s)", a.kind, b.kind)
	}
	if a.kind == b.kind && a.kind != "" && a.kind != "attack" && !a.agg {
		if linkWords.distinctive[a.kind] {
			e.add(2, "same distinctive kind (%s)", a.kind)
		} else {
			e.add(1, "same kind (%s)", a.kind)
		}
	}
	// perpetrators: named for the same incident by opposing sides, or
	// misread, they are a sign, not a rule
	switch {
	case len(a.perps) > 0 && sameSet(a.perps, b.perps):
		e.add(1, "same perpetrator (%s)", strings.Join(sortedKeys(a.perps), "+"))
	case len(a.perps) > 0 && len(b.perps) > 0 && !overlaps(a.perps, b.perps):
		e.add(-2, "different perpetrators (%s, %s)", strings.Join(sortedKeys(a.perps), "+"), strings.Join(sortedKeys(b.perps), "+"))
	}
	// victims: reports leading with the dead of opposite sides (civilians,
	// fighters of an armed group) rarely tell one incident
	if sa, sb := l.leadSide(a), l.leadSide(b); sa != "" && sb != "" && sa != sb {
		e.add(-1.5, "different victims (%s, %s)", sa, sb)
	}
	// figures: the same count of the same victims is the strongest sign a
	// text gives, after its words
	specific := false
	if pts, why := l.figureEvidence(a, b); pts > 0 {
		e.add(pts, "%s", why)
		specific = true
	}
	// text: syndicated or rewritten copies
	if sim := l.similarity(a.doc, b.doc); sim >= nearCopy {
		e.add(6, "near-identical texts (%.2f of word triples shared)", sim)
		specific = true
	} else if sim >= sharedText {
		e.add(3, "shared wording (%.2f of word triples shared)", sim)
		specific = true
	} else if sim >= someText {
		e.add(2, "some shared wording (%.2f of word triples shared)", sim)
		specific = true
	}
	// with no date at all, a place and a kind recur year after year: only
	// a shared figure or wording tells the incident
	if (a.timeless || b.timeless) && !specific {
		e.add(-2, "undated, and no figure or wording in common")
	}
	return e
}

// figureEvidence: the best match between a figure of a and one of b for the
// same metric and victims (agree). The same stated count weighs 3 when it is
// the largest count of its metric in both reports (the toll each leads
// with) and is ten or more, 2 when it is the largest and three or more, 1
// otherwise (one or two dead, a breakdown's "four children", recur
// everywhere); counts that agree closely weigh half as much.
func (l *linker) figureEvidence(a, b *unit) (float64, string) {
	topA, topB := l.tops(a), l.tops(b)
	best, why := 0.0, ""
	for _, i := range a.claims {
		ca := &l.claims[i]
		if !comparable(ca) {
			continue
		}
		for _, j := range b.claims {
			cb := &l.claims[j]
			if !comparable(cb) || ca.c.Metric != cb.c.Metric || !sidesMatch(ca.side, cb.side) || !agree(ca, cb) {
				continue
			}
			va, vb := ca.stated(), cb.stated()
			pts := 1.0
			if va == topA[ca.c.Metric] && vb == topB[cb.c.Metric] {
				switch v := min(va, vb); {
				case v >= 10:
					pts = 3
				case v >= 3:
					pts = 2
				}
			}
			if va != vb {
				pts /= 2
			}
			if pts > best {
				best = pts
				if va == vb {
					why = fmt.Sprintf("same figure (%d %s)", int64(va), ca.c.Metric)
				} else {
					why = fmt.Sprintf("figures agree (%s, %s %s)", ca.c.Figure.Text, cb.c.Figure.Text, ca.c.Metric)
				}
			}
		}
	}
	return best, why
}

// leadSide is the victims' side (victimSide: civilian or armed-group,
// ranks and parts aside) of a unit's largest count of the dead, or "".
func (l *linker) leadSide(u *unit) string {
	best, side := -1.0, ""
	for _, i := range u.claims {
		c := &l.claims[i]
		if !comparable(c) || c.subset || c.c.Metric != schema.MetricKilled {
			continue
		}
		if v := c.stated(); v > best {
			best, side = v, strings.SplitN(c.side, "+", 2)[0]
		}
	}
	return side
}

// tops is the largest stated count of each metric among a unit's claims
// (breakdowns aside).
func (l *linker) tops(u *unit) map[string]float64 {
	out := map[string]float64{}
	for _, i := range u.claims {
		c := &l.claims[i]
		if comparable(c) && !c.subset && c.stated() > out[c.c.Metric] {
			out[c.c.Metric] = c.stated()
		}
	}
	return out
}

// comparable reports whether a claim's figure can be compared: a count of
// people with a stated number.
func comparable(c *lclaim) bool {
	f := &c.c.Figure
	return c.c.Metric != "" && c.c.Metric != schema.MetricOther && f.Unit == "" && !f.Vague && f.Value != nil
}

func sidesMatch(a, b string) bool { return a == b || a == "" || b == "" }

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
// merges with, and reads the others as context (timelessReads, readers).
func (l *linker) cluster() {
	n := len(l.units)
	key := func(u int) string { return l.units[u].event + "\x00" + l.units[u].article }
	type pair struct {
		a, b int
		e    evidence
	}
	var pairs []pair
	for _, c := range l.candidates() {
		a, b := &l.units[c[0]], &l.units[c[1]]
		if why := l.incompatible(a, b); why != "" {
			l.trace("apart %s %s (%s %s): %s", a.doc.ID, b.doc.ID, a.evs(), b.evs(), why)
			continue
		}
		e := l.evidence(a, b)
		l.trace("pair %s %s (%s %s) %g: %s", a.doc.ID, b.doc.ID, a.evs(), b.evs(), e.score, e)
		if e.score < l.opt.MinScore {
			continue
		}
		pairs = append(pairs, pair{c[0], c[1], e})
		if a.timeless != b.timeless {
			// a report with no date at all and a dated one: the
			// timeless report reads the other's component as context
			// (readers), and joins its component only when merged
			t, d := a, b
			if d.timeless {
				t, d = d, t
			}
			l.timelessReads = append(l.timelessReads, [2]string{t.article, d.article})
			continue
		}
		l.part.union(a.article, b.article)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].e.score != pairs[j].e.score {
			return pairs[i].e.score > pairs[j].e.score
		}
		ki, kj := key(pairs[i].a)+key(pairs[i].b), key(pairs[j].a)+key(pairs[j].b)
		return ki < kj
	})
	root := make([]int, n)
	members := make([][]int, n)
	joins := make([][]join, n)
	for i := range root {
		root[i] = i
		members[i] = []int{i}
	}
	for _, p := range pairs {
		ri, rj := root[p.a], root[p.b]
		if ri == rj {
			continue
		}
		if why := l.unmergeable(members[ri], members[rj]); why != "" {
			l.trace("refused %s %s %g: %s", l.units[p.a].doc.ID, l.units[p.b].doc.ID, p.e.score, why)
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
		l.part.union(l.units[p.a].article, l.units[p.b].article)
		joins[ri] = append(append(joins[ri], joins[rj]...), join{unit: joined, with: with, score: p.e.score, why: p.e.String()})
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
		for _, u := range us {
			e.claims = append(e.claims, l.units[u].claims...)
		}
		sort.Ints(e.claims)
		e.iri = schema.LinkedEventIRI(l.iris(e.claims))
		l.events = append(l.events, e)
	}
	sort.Slice(l.events, func(i, j int) bool { return l.events[i].iri < l.events[j].iri })
}

// unmergeable says why two clusters may not become one linked event, or
// "": an article in both, a cross pair that cannot be one incident or has
// too little evidence of its own (Options.MinPairScore), or a mean
// evidence under Options.MinMeanScore.
func (l *linker) unmergeable(x, y []int) string {
	sum, n := 0.0, 0
	for _, u := range x {
		for _, v := range y {
			a, b := &l.units[u], &l.units[v]
			if a.article == b.article {
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
	l.scores[k] = s
	return s
}

// nearEvidenceKm is the distance under which two nearby places count as
// evidence of one incident; farther, up to Options.NearKm, they only may be.
const nearEvidenceKm = 25

// wideWindow is the window, in days, past which a unit is indexed month by
// month instead of day by day.
const wideWindow = 40

// candidates returns the pairs of units (i < j) that blocking lets through:
// sharing a day of their windows and a neighbouring area; or, for wide and
// timeless windows, sharing a governorate or a place.
func (l *linker) candidates() [][2]int {
	type bkey struct {
		day  int
		area string
	}
	days := map[bkey][]int{}      // (day, area) -> units whose window, a day either side, holds the day
	months := map[bkey][]int{}    // (month, area) -> dated units whose window touches the month
	anyDay := map[int][]int{}     // day -> every unit of that day, for units placed nowhere finer than the country
	anyMonth := map[int][]int{}   // the same by month
	byPlace := map[string][]int{} // place id and the place it lies in -> units, for units with no date at all
	home := func(u *unit) []string { return homeAreas(u.place) }
	near := func(u *unit) []string { return nearAreas(u.place) }
	unplaced := func(u *unit) bool { return u.place == nil || u.place.Admin1 == "" }
	wide := func(u *unit) bool { return u.hi-u.lo > wideWindow }
	for i := range l.units {
		u := &l.units[i]
		if u.kind == schema.KindWar || u.kind == schema.KindEarlier {
			continue // joined to no other report (incompatible)
		}
		if u.timeless {
			if u.place != nil {
				byPlace[u.place.ID] = append(byPlace[u.place.ID], i)
			}
			continue
		}
		if u.place != nil {
			byPlace[u.place.ID] = append(byPlace[u.place.ID], i)
			if u.place.Within != "" {
				byPlace[u.place.Within] = append(byPlace[u.place.Within], i)
			}
		}
		for _, m := range monthsOf(u) {
			anyMonth[m] = append(anyMonth[m], i)
			for _, a := range home(u) {
				months[bkey{m, a}] = append(months[bkey{m, a}], i)
			}
		}
		if wide(u) {
			continue
		}
		for d := u.lo - 1; d <= u.hi+1; d++ {
			anyDay[d] = append(anyDay[d], i)
			for _, a := range home(u) {
				days[bkey{d, a}] = append(days[bkey{d, a}], i)
			}
		}
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	addPair := func(i, j int) {
		if i == j {
			return
		}
		if j < i {
			i, j = j, i
		}
		k := [2]int{i, j}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for i := range l.units {
		u := &l.units[i]
		switch {
		case u.timeless:
			// with no date at all, only reports of the same specific place
			// (not a governorate, which holds too many) may match
			if u.place == nil || isGovernorate(u.place) {
				continue
			}
			for _, j := range byPlace[u.place.ID] {
				if p := l.units[j].place; p != nil && p.ID == u.place.ID {
					addPair(i, j)
				}
			}
		case wide(u):
			for _, m := range monthsOf(u) {
				if unplaced(u) {
					for _, j := range anyMonth[m] {
						addPair(i, j)
					}
					continue
				}
				for _, a := range near(u) {
					for _, j := range months[bkey{m, a}] {
						addPair(i, j)
					}
				}
			}
		default:
			for d := u.lo; d <= u.hi; d++ {
				if unplaced(u) {
					for _, j := range anyDay[d] {
						addPair(i, j)
					}
					continue
				}
				for _, a := range near(u) {
					for _, j := range days[bkey{d, a}] {
						addPair(i, j)
					}
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1]
	})
	return out
}

// monthsOf are the months (days/30) a dated unit's window touches, at most
// maxMonths of them: of a longer window the last ones, since a report
// dates an incident "since 2011" or "in recent years" for what happened
// lately (its start, years back, would pair it with every report of that
// place then, and join far-apart components); of a long tally only the
// months around its end.
func monthsOf(u *unit) []int {
	lo, hi := floorDiv(u.lo, 30), floorDiv(u.hi, 30)
	if u.agg && u.hi-u.lo > wideWindow {
		// two tallies are one only over the same window (sameWindow):
		// their ends are close, whatever their length
		return []int{hi - 1, hi, hi + 1}
	}
	if hi-lo < maxMonths {
		out := make([]int, 0, hi-lo+1)
		for m := lo; m <= hi; m++ {
			out = append(out, m)
		}
		return out
	}
	var out []int
	for m := hi - maxMonths + 1; m <= hi; m++ {
		out = append(out, m)
	}
	return out
}

// maxMonths bounds the months a long window is indexed under.
const maxMonths = 24

// homeAreas names the areas a place is indexed under: its governorate and,
// with coordinates, its one-degree cell ("a:" for no place).
func homeAreas(p *schema.Place) []string {
	if p == nil {
		return []string{"a:"}
	}
	out := []string{"a:" + p.Admin1}
	if p.HasCoords {
		out = append(out, cell(p.Lat, p.Lon, 0, 0))
	}
	return out
}

// nearAreas names the areas whose places may be near p: its governorate and
// the nine cells around it.
func nearAreas(p *schema.Place) []string {
	if p == nil {
		return []string{"a:"}
	}
	out := []string{"a:" + p.Admin1}
	if p.HasCoords {
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				out = append(out, cell(p.Lat, p.Lon, dx, dy))
			}
		}
	}
	return out
}

// cell names the one-degree cell of a point, shifted by dx, dy cells.
func cell(lat, lon float64, dx, dy int) string {
	return fmt.Sprintf("c:%d,%d", int(math.Floor(lat))+dx, int(math.Floor(lon))+dy)
}

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
	for _, e := range append([]string{u.event}, u.also...) {
		out = append(out, e[len(e)-6:])
	}
	return strings.Join(out, ",")
}
