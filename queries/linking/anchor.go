package linking

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// anchor is the publication day linking gives an article that states none
// and whose text does not tell its year.
type anchor struct {
	day int // days since 1970-01-01
	why string
}

// anchorMinIncidents is how many of an article's incidents must match
// incidents of dated reports for a day: one match proves little (the same
// toll in the same city recurs over the years). anchorMinSupport is the
// least support: an incident matched with a report that dates it counts 2,
// with a report its article's day only bounds 1, twice that when the two
// fall on the same days rather than next to each other.
const (
	anchorMinIncidents = 2
	anchorMinSupport   = 3
)

// unanchored marks a context article the store gives no day (linker.fixed).
const unanchored = math.MinInt

// anchor dates the articles without a publication date whose events carry
// days relative to publication ("on Thursday" in an article written on a
// Monday: four days before). Each of their incidents that matches an
// incident of a dated article (compatible kind, the same place, one within
// the other or a nearby one, and a claim of the same metric and victims
// whose closed figures agree) votes for the publication days that put the two
// reports on overlapping days: with weight 2 when the other report dates the
// incident itself, 1 when only its article's date bounds it, doubled when
// the days overlap rather than touch. Only days of the weekday the article's
// own weekdays point to are candidates. The day with the most support wins
// if at least anchorMinIncidents incidents, matched with as many incidents
// of other reports, and anchorMinSupport support back it, and no other day
// has as much. The result depends only on the set of articles.
//
// An article's day depends on the reports that may vote for it, but theirs
// does not depend on it: voting joins no components. An incremental relink
// reads the voters as context (LinkWith) instead, so that an undated article
// that matches reports of every year does not tie all those years into one
// component. A vote depends on the voter's article alone, so that a relink
// after a voter changed or went tells whether the day changed from the
// undated article and the articles under its voter keys (Anchors).
func (l *linker) anchor(docs []*ldoc) {
	l.anchored = map[string]anchor{}
	l.windows() // the dated articles' windows; undated ones are timeless here
	byDoc := map[string][]int{}
	for i := range l.units {
		u := &l.units[i]
		l.voteRoles(u)
		if u.anchorable {
			byDoc[u.doc.IRI] = append(byDoc[u.doc.IRI], i)
		}
	}
	if len(byDoc) == 0 {
		return
	}
	near := l.placeIndex()
	for _, d := range docs {
		if day, ok := l.fixed[d.IRI]; ok {
			if day != unanchored {
				l.anchored[d.IRI] = anchor{day: day} // context, dated as the store dates it
			}
			continue
		}
		us := byDoc[d.IRI]
		if len(us) == 0 {
			continue
		}
		weekday, hasWeekday := weekdayOf(d.PublishedWeekday)
		// support[day][unit] = the best vote of a dated report for that day
		type vote struct {
			weight int
			report int // the matched unit of the other article
			why    string
		}
		support := map[int]map[int]vote{}
		for _, ui := range us {
			u := &l.units[ui]
			for _, vi := range near.of(u) {
				v := &l.units[vi]
				if !l.votesFor(v, u) {
					continue
				}
				// days p with [p+relLo, p+relHi] overlapping [lo, hi], or next to it
				for p := v.lo - int(u.relHi) - 1; p <= v.hi-int(u.relLo)+1; p++ {
					if hasWeekday && weekdayOfDay(p) != weekday {
						continue
					}
					w := 1
					if v.dated {
						w = 2
					}
					if p+int(u.relLo) <= v.hi && v.lo <= p+int(u.relHi) {
						w *= 2 // the same days, not the next
					}
					if support[p] == nil {
						support[p] = map[int]vote{}
					}
					if support[p][ui].weight < w {
						support[p][ui] = vote{w, vi, fmt.Sprintf("%s %s matches %s in %s",
							u.kind, dayString(p+int(u.relLo), p+int(u.relHi)), dayString(v.lo, v.hi), v.doc.ID)}
					}
				}
			}
		}
		best, bestN, tied := 0, 0, false
		for p, votes := range support {
			reports := map[int]bool{}
			n := 0
			for _, v := range votes {
				n += v.weight
				reports[v.report] = true
			}
			if len(votes) < anchorMinIncidents || len(reports) < anchorMinIncidents {
				continue // one incident (perhaps read twice) proves little
			}
			switch {
			case n > bestN:
				best, bestN, tied = p, n, false
			case n == bestN:
				tied = true
				best = min(best, p)
			}
		}
		if bestN < anchorMinSupport || tied {
			continue // too little, or two days as good: no date rather than a guess
		}
		var whys []string
		for _, v := range support[best] {
			whys = append(whys, v.why)
		}
		sort.Strings(whys)
		l.anchored[d.IRI] = anchor{day: best, why: fmt.Sprintf("published %s (%s): %s",
			dayString(best, best), weekdayOfDay(best), strings.Join(whys, "; "))}
	}
}

// voteRoles sets, from a unit's window before anchoring, whether it is an
// incident of an undated article that anchoring dates, and whether it can
// vote for such a date: a report dated to a week or less.
// votesFor reports whether unit v may vote for the day of the anchorable
// unit u (anchor): an incident's report (not timeless, not a window of
// weeks) of another article that may be u's incident. Dependents asks it too.
func (l *linker) votesFor(v, u *unit) bool {
	return v.voter && v.doc.IRI != u.doc.IRI && l.sameIncident(u, v)
}

func (l *linker) voteRoles(u *unit) {
	u.voter = !u.timeless && !u.agg && u.hi-u.lo <= l.opt.UndatedIncidentDays
	u.anchorable = u.rel && !u.agg && u.doc.Published == ""
}

// sameIncident reports whether two units, dates aside, may report one
// incident: compatible kinds and perpetrators, the same or a nearby place,
// and a claim of each about the same metric and victims whose closed
// figures agree ("20" and "nearly two dozen"; "at least 10" and a statement
// without a figure agree with too much to date anything).
func (l *linker) sameIncident(u, v *unit) bool {
	if !kindsCompatible(u.kind, v.kind) {
		return false
	}
	if up, vp := u.perpetrators(), v.perpetrators(); len(up) > 0 && len(vp) > 0 && !up.overlaps(vp) {
		return false
	}
	if l.placeScore(u, v) < 2 {
		return false
	}
	for _, a := range u.claims {
		ca := &l.claims[a]
		if !voting(ca) {
			continue
		}
		for _, b := range v.claims {
			cb := &l.claims[b]
			// closed, narrow figures only: "at least 10" or "between 10
			// and 100" agree with too many tolls
			if voting(cb) && cb.metric == ca.metric && cb.side == ca.side && ca.min <= cb.max && cb.min <= ca.max {
				return true
			}
		}
	}
	return false
}

func closed(c *lclaim) bool { return !math.IsInf(c.min, 0) && !math.IsInf(c.max, 0) }

func figureless(c *lclaim) bool {
	return !c.vague && math.IsInf(c.min, -1) && math.IsInf(c.max, 1) && c.c.Figure.Text == ""
}

func weekdayOf(name string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == name {
			return d, true
		}
	}
	return 0, false
}

// weekdayOfDay is the weekday of a day counted since 1970-01-01 (a Thursday).
func weekdayOfDay(day int) time.Weekday {
	return time.Weekday(((day+4)%7 + 7) % 7)
}

// placeIndex indexes units by governorate and one-degree cell, so that the
// units that may share an incident with one (the same, a nested or a nearby
// place: placeScore 2 or more) are found without a pass over all units.
type placeIndex struct {
	areas map[string][]int
}

func (l *linker) placeIndex() placeIndex {
	x := placeIndex{areas: map[string][]int{}}
	for i := range l.units {
		if p := l.units[i].place; p != nil {
			for _, a := range homeAreas(p) {
				x.areas[a] = append(x.areas[a], i)
			}
		}
	}
	return x
}

// of returns the units in u's governorate and in the cells around its
// place, each once, in index order.
func (x placeIndex) of(u *unit) []int {
	p := u.place
	if p == nil {
		return nil
	}
	keys := nearAreas(p)
	seen := map[int]bool{}
	var out []int
	for _, k := range keys {
		for _, i := range x.areas[k] {
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	sort.Ints(out)
	return out
}
