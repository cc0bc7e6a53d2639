package linking

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/claimgraph/claimgraph/schema"
)

// Components and index keys: what makes relinking incremental.
//
// The linker's decisions about an article depend on a few other articles
// only: those whose reports it weighed as one incident with its own (a pair
// of dated reports with evidence of Options.MinScore or more; a timeless
// report and the one it merged with), its copies, and the reports a date
// contradiction pairs with its own. These dependencies join articles into
// components (the connected components of that graph), and the output
// falls apart along them: each linked event, relation and anchored date
// belongs to one component. Some articles are read without a dependency
// back: the dated reports that vote for an undated article's day (anchor),
// and those a timeless report is weighed against (cluster). A component's
// output is the same whether the linker is given the whole store or the
// component with what it reads as context (LinkWith). What it reads is not
// recorded in its output (rules link-14; before, a component listed every
// article it read, 60,000 index keys for one undated article at 100k, and
// was rewritten whenever one was added): an undated article's day depends
// on its voters' articles alone, which a relink reads through their voter
// keys to tell whether the day changed (Anchors); a timeless report changes
// only by merging, which a relink of the reports it meets finds with its
// component read as context (IsContextKey "t:").
//
// Each component is indexed under keys (keys): the week and area of each of
// its reports' windows, their places, their copies' text and, for dating,
// their figures. Any two reports that can depend on each other share a key:
// an article's probe keys meet the index keys of every article it can
// depend on. An incremental relink probes the index with the keys of the
// articles loaded or deleted, relinks the components found (and the
// articles themselves) together, and replaces only those components.

// partition is a union-find over article IRIs.
type partition struct{ parent map[string]string }

func (p *partition) find(a string) string {
	r, ok := p.parent[a]
	if !ok || r == a {
		return a
	}
	r = p.find(r)
	p.parent[a] = r
	return r
}

// union joins the components of a and b; the smaller IRI is the root.
func (p *partition) union(a, b string) {
	ra, rb := p.find(a), p.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	p.parent[rb] = ra
}

// keySet collects keys without duplicates. A nil keySet collects none:
// add does not format its key then.
type keySet map[string]struct{}

func (s keySet) add(format string, args ...any) {
	if s != nil {
		s[fmt.Sprintf(format, args...)] = struct{}{}
	}
}

// put adds key k.
func (s keySet) put(k string) {
	if s != nil {
		s[k] = struct{}{}
	}
}

func (s keySet) sorted() []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// keys adds to index the keys under which u is found and to probe the keys
// u looks up, so that for every two units a and b that candidates pairs,
// dateContradictions compares, or anchor lets vote, probe(a) meets
// index(b) and probe(b) meets index(a):
//
//   - "d:W|A": a week W of the window (a day either side) of a dated unit and
//     an area A; indexed under its home areas, probed under its near areas.
//     A unit placed nowhere finer than the country is indexed under "-" and
//     probes "*", under which every dated unit is indexed. A wide window
//     (indexed by month in candidates) gives the weeks of its months.
//   - "c:W|P": a week of a dated incident at a specific place P, probed a
//     month either side (dateContradictions).
//   - "p:P", "t:P": a unit at place P, and one with no date at all there;
//     dated units probe "t:", timeless ones "p:" (candidates' timeless rule).
//   - "v:A|M|S|B", "u:A|M|S|B": a closed figure of metric M and victims' side
//     S in bucket B (figureBuckets) of a report that can date an undated
//     article ("v:", anchor's voters), and of an undated article's incident
//     that anchor dates ("u:").
//
// The copy keys ("x:") are per article (copyKeys). The articles of voters
// are also indexed under their voter keys ("w:", voterKeys), each naming
// the article rather than its component.
//
// index or probe may be nil, and its keys are then not made: a
// component's index needs no probe keys and a relink's probe no index
// keys (a component's index, made with the probe keys it dropped, was 1.9
// of the 33 GB a full link allocated at 100,000 articles).
func (l *linker) keys(u *unit, index, probe keySet) {
	if u.kind == schema.KindWar {
		return // the war's toll meets no other report (candidates)
	}
	if u.place != nil {
		index.add("p:%s", u.place.ID)
	}
	if u.timeless {
		if u.place != nil {
			index.add("t:%s", u.place.ID)
			if !isGovernorate(u.place) {
				probe.add("p:%s", u.place.ID)
			}
		}
	} else {
		if u.place != nil {
			probe.add("t:%s", u.place.ID)
		}
		unplaced := u.place == nil || u.place.Admin1 == ""
		var home, near []string
		if !unplaced {
			home, near = l.areas(u.place)
		}
		for _, w := range l.weeks(u) {
			// by concatenation: fmt took a tenth of a relink at 100k
			d := "d:" + strconv.Itoa(w) + "|"
			index.put(d + "*")
			probe.put(d + "-")
			if unplaced {
				index.put(d + "-")
				probe.put(d + "*")
				continue
			}
			if index != nil {
				for _, a := range home {
					index.put(d + a)
				}
			}
			if probe != nil {
				for _, a := range near {
					probe.put(d + a)
				}
			}
		}
		if u.dated && !u.agg && u.place != nil && !isGovernorate(u.place) {
			for w := floorDiv(u.lo, 7); index != nil && w <= floorDiv(u.hi, 7); w++ {
				index.add("c:%d|%s", w, u.place.ID)
			}
			for w := floorDiv(u.lo-dateContradictionDays-1, 7); probe != nil && w <= floorDiv(u.hi+dateContradictionDays+1, 7); w++ {
				probe.add("c:%d|%s", w, u.place.ID)
			}
		}
	}
	if u.place == nil || !u.anchorable && !u.voter {
		return
	}
	// a unit may be both: consolidate merges an undated article's dated
	// incident with one of a relative day ("on Thursday"), and the unit
	// votes (anchor) and is voted for; each role has its keys (rules
	// link-12: before, such a unit was indexed as anchorable only, and a
	// relink of an undated article it voted for did not read it)
	home, near := l.areas(u.place)
	// no areas for the side not wanted: voteKeys then makes none of its keys
	if index == nil {
		home = nil
	}
	if probe == nil {
		near = nil
	}
	if u.voter {
		l.voteKeys(u, "v", home, index.put)
		l.voteKeys(u, "u", near, probe.put)
	}
	if u.anchorable {
		l.voteKeys(u, "u", home, index.put)
		l.voteKeys(u, "v", near, probe.put)
	}
}

// voteKeys calls fn with the keys "prefix:A|M|S|B" of u's voting claims
// (voting) in each area A of areas: their metric M, victims' side S and
// figure buckets B.
func (l *linker) voteKeys(u *unit, prefix string, areas []string, fn func(string)) {
	for _, c := range u.claims {
		lc := &l.claims[c]
		if !voting(lc) {
			continue
		}
		for _, b := range figureBuckets(lc.min, lc.max) {
			for _, a := range areas {
				fn(prefix + ":" + a + "|" + lc.metric.String() + "|" + lc.side.String() + "|" + strconv.Itoa(b))
			}
		}
	}
}

// voterKeys adds to keys the voter keys ("w:") of the article of voter
// unit u: its "v:" index keys under another prefix, naming the article, not
// its component (schema.LinkVoterKey). A relink reads through them the
// articles that may vote for an undated one (VoterKey), and from a changed
// article's the undated articles it may have voted for (VotedKeys).
func (l *linker) voterKeys(u *unit, keys keySet) {
	if u.kind == schema.KindWar || u.place == nil || !u.voter {
		return
	}
	home, _ := l.areas(u.place)
	l.voteKeys(u, "w", home, keys.put)
}

// weeks are the weeks (floorDiv(day, 7)) a dated unit is indexed under: of
// its window and a day either side, or for a wide window of the months
// candidates indexes it under.
func (l *linker) weeks(u *unit) []int {
	lo, hi := u.lo-1, u.hi+1
	var out []int
	if u.hi-u.lo > wideWindow {
		for _, m := range monthsOf(u) {
			for w := floorDiv(m*30, 7); w <= floorDiv(m*30+29, 7); w++ { // month m is days 30m..30m+29
				if len(out) == 0 || out[len(out)-1] < w {
					out = append(out, w)
				}
			}
		}
		return out
	}
	for w := floorDiv(lo, 7); w <= floorDiv(hi, 7); w++ {
		out = append(out, w)
	}
	return out
}

// dateContradictionDays is the longest gap between the dates of two
// reports of one incident that dateContradictions reports.
const dateContradictionDays = 31

// voting reports whether a claim's figure can vote for an undated article's
// day, or be voted for (sameIncident): a closed, narrow figure of a metric,
// for the whole toll.
func voting(c *lclaim) bool {
	return c.metric != noMetric && c.metric != metricOther && !c.subset && c.bounded && closed(c) && narrow(c)
}

// narrow reports whether a closed figure spans at most four buckets
// (figureBuckets): "20", "nearly two dozen", "between 10 and 20"; a range
// wider than that ("between 10 and 100") agrees with too many tolls to date
// anything.
func narrow(c *lclaim) bool { return bucketOf(c.max)-bucketOf(c.min) < 4 }

// figureBuckets are the buckets of a closed figure: two figures that
// overlap share one.
func figureBuckets(lo, hi float64) []int {
	var out []int
	for b := bucketOf(lo); b <= bucketOf(hi); b++ {
		out = append(out, b)
	}
	return out
}

// bucketOf is a figure's bucket on a log scale: three to a doubling.
func bucketOf(x float64) int {
	if x < 0 {
		x = 0
	}
	return int(math.Floor(3 * math.Log2(x+1)))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
