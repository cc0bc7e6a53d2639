package linking

import (
	"fmt"
	"slices"
	"strings"

	"github.com/claimgraph/claimgraph/schema"
)

// evidence is what two units share, as a score and, when explained, its
// reasons.
type evidence struct {
	score float64
	why   []string
	// explain: the reasons are formatted (a join's why, a trace). Weighing
	// the candidate pairs needs only the score; formatting every pair's
	// reasons, with the maps of its units' largest figures, was 2.2 of the
	// 33 GB a full link allocated at 100,000 articles.
	explain bool
}

// add adds points, and the reason format and args say when e is
// explained. args are formatted only then: a value costly to format is
// given as a Stringer (days, *perpList, figureMatch).
func (e *evidence) add(points float64, format string, args ...any) {
	e.score += points
	if e.explain {
		e.why = append(e.why, fmt.Sprintf(format, args...)+fmt.Sprintf(" (%+g)", points))
	}
}

// days formats as dayString does, when formatted.
type days struct{ lo, hi int }

func (d days) String() string { return dayString(d.lo, d.hi) }

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
	case a.doc.IRI == b.doc.IRI:
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

// evidence weighs what two compatible units share: time, place, kind,
// perpetrators, victims, then figures and text, in that order (the order
// of the reasons in the trace and in a join's why). The weights are
// documented in docs/linking.md §1; Options.MinScore is the bar.
func (l *linker) evidence(a, b *unit) evidence { return l.weigh(a, b, false) }

// explained is evidence with its reasons (evidence.String).
func (l *linker) explained(a, b *unit) evidence { return l.weigh(a, b, true) }

func (l *linker) weigh(a, b *unit, explain bool) evidence {
	e := evidence{explain: explain}
	l.timeEvidence(&e, a, b)
	l.placeEvidence(&e, a, b)
	if a.timeless || b.timeless {
		e.add(-1, "no date to compare")
	}
	l.kindEvidence(&e, a, b)
	perpetratorEvidence(&e, a, b)
	l.victimEvidence(&e, a, b)
	specific := l.specificEvidence(&e, a, b)
	// with no date at all, a place and a kind recur year after year: only
	// a shared figure or wording tells the incident
	if (a.timeless || b.timeless) && !specific {
		e.add(-2, "undated, and no figure or wording in common")
	}
	return e
}

// timeEvidence: the same stated days weigh most; a report whose article's
// date only bounds the incident agrees with a dated one weakly.
func (l *linker) timeEvidence(e *evidence, a, b *unit) {
	switch {
	case a.dated && b.dated && a.lo == a.hi && a.lo == b.lo && b.lo == b.hi:
		e.add(2.5, "same day (%s)", days{a.lo, a.hi})
	case a.agg && b.agg && sameWindow(a, b):
		e.add(4, "tallies over the same window (%s)", days{max(a.lo, b.lo), min(a.hi, b.hi)})
	case a.dated && b.dated && a.lo <= b.hi && b.lo <= a.hi:
		e.add(2, "same days (%s)", days{max(a.lo, b.lo), min(a.hi, b.hi)})
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
			e.add(1.5, "dated %s, the day of the other report or the day before", days{d.lo, d.hi})
		} else {
			e.add(0.5, "dated %s, within the week before the other report", days{d.lo, d.hi})
		}
	}
}

// placeEvidence: a specific, shared place weighs most, a governorate
// least.
func (l *linker) placeEvidence(e *evidence, a, b *unit) {
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
}

// kindEvidence: words for kinds of one family ("air raid", "air strike")
// may name one incident; others ("air strike", "car bomb") rarely do.
func (l *linker) kindEvidence(e *evidence, a, b *unit) {
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
}

// perpetratorEvidence: named for the same incident by opposing sides, or
// misread, perpetrators are a sign, not a rule.
func perpetratorEvidence(e *evidence, a, b *unit) {
	switch {
	case a.perps != nil && slices.Equal(*a.perps, b.perpetrators()):
		e.add(1, "same perpetrator (%s)", a.perps)
	case a.perps != nil && b.perps != nil && !a.perps.overlaps(*b.perps):
		e.add(-2, "different perpetrators (%s, %s)", a.perps, b.perps)
	}
}

// victimEvidence: reports leading with the dead of opposite sides
// (civilians, fighters of an armed group) rarely tell one incident.
func (l *linker) victimEvidence(e *evidence, a, b *unit) {
	if sa, sb := l.leadSide(a), l.leadSide(b); sa != "" && sb != "" && sa != sb {
		e.add(-1.5, "different victims (%s, %s)", sa, sb)
	}
}

// specificEvidence adds what is specific to one incident: the same count
// of the same victims, the strongest sign a text gives after its words,
// then syndicated or rewritten copies' shared text. It reports whether
// there was any.
func (l *linker) specificEvidence(e *evidence, a, b *unit) bool {
	specific := false
	if pts, why := l.figureEvidence(a, b); pts > 0 {
		e.add(pts, "%s", why)
		specific = true
	}
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
	return specific
}

// figureEvidence: the best match between a figure of a and one of b for the
// same metric and victims (agree). The same stated count weighs 3 when it is
// the largest count of its metric in both reports (the toll each leads
// with) and is ten or more, 2 when it is the largest and three or more, 1
// otherwise (one or two dead, a breakdown's "four children", recur
// everywhere); counts that agree closely weigh half as much.
func (l *linker) figureEvidence(a, b *unit) (float64, figureMatch) {
	best, why := 0.0, figureMatch{}
	for _, i := range a.claims {
		ca := &l.claims[i]
		if !comparable(ca) {
			continue
		}
		for _, j := range b.claims {
			cb := &l.claims[j]
			if !comparable(cb) || ca.metric != cb.metric || !sidesMatch(ca.side, cb.side) || !agree(ca, cb) {
				continue
			}
			va, vb := ca.stated(), cb.stated()
			pts := 1.0
			if va == l.top(a, ca.metric) && vb == l.top(b, cb.metric) {
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
				best, why = pts, figureMatch{ca, cb}
			}
		}
	}
	return best, why
}

// figureMatch is the pair of claims whose figures figureEvidence weighs,
// formatted when a reason is: "same figure (12 killed)", or "figures agree
// (12, a dozen killed)".
type figureMatch struct{ a, b *lclaim }

func (m figureMatch) String() string {
	if va, vb := m.a.stated(), m.b.stated(); va == vb {
		return fmt.Sprintf("same figure (%d %s)", int64(va), m.a.metric)
	}
	return fmt.Sprintf("figures agree (%s, %s %s)", m.a.c.Figure.Text, m.b.c.Figure.Text, m.a.metric)
}

// leadSide is the victims' side (victimSide: civilian or armed-group,
// ranks and parts aside) of a unit's largest count of the dead, or "".
func (l *linker) leadSide(u *unit) string {
	best, side := -1.0, ""
	for _, i := range u.claims {
		c := &l.claims[i]
		if !comparable(c) || c.subset || c.metric != metricKilled {
			continue
		}
		if v := c.stated(); v > best {
			best = v
			side, _, _ = strings.Cut(c.side.String(), "+")
		}
	}
	return side
}

// top is the largest stated count of metric among a unit's claims
// (breakdowns aside), 0 for none. A scan, not a map by metric: a unit has a
// few claims, and figureEvidence asks for two a pair weighed.
func (l *linker) top(u *unit, m metric) float64 {
	out := 0.0
	for _, i := range u.claims {
		c := &l.claims[i]
		if comparable(c) && !c.subset && c.metric == m && c.stated() > out {
			out = c.stated()
		}
	}
	return out
}

// comparable reports whether a claim's figure can be compared: a count of
// people with a stated number.
func comparable(c *lclaim) bool {
	return c.metric != noMetric && c.metric != metricOther && !c.hasUnit && !c.vague && c.hasValue
}

func sidesMatch(a, b victims) bool { return a == b || a == 0 || b == 0 }

// nearEvidenceKm is the distance under which two nearby places count as
// evidence of one incident; farther, up to Options.NearKm, they only may be.
const nearEvidenceKm = 25
