package linking

import (
	"fmt"
	"math"
	"sort"
)

// relate finds corroborations, contradictions and circular reporting within
// each linked event, and date contradictions between events.
func (l *linker) relate() {
	l.groupTexts()
	l.shingles.reset() // the last texts compared: not held while the output is rendered
	for _, d := range l.docs {
		// read for their word triples only (shingleSet), which are all
		// taken: not held while the output is rendered (the sentences'
		// list and strings, 30-40 MB at 100,000 articles)
		d.title, d.sentences = "", nil
	}
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
			if lc.metric == noMetric || lc.metric == metricOther || lc.hasUnit {
				continue
			}
			k := gk{lc.metric.String(), lc.subset} // ordered by name below
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
	// the pairs are weighed and the texts grouped: their memos can go
	// before the output is rendered and written, and the texts' groups
	// with them (read only here: 9 MB at 100,000 articles)
	l.scores = nil
	l.text = nil
}

func (l *linker) originsOf(cs []int) []string {
	set := map[string]bool{}
	for _, c := range cs {
		set[l.origin(&l.claims[c])] = true
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

func (l *linker) iris(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = l.claims[c].iri()
	}
	return out
}

// describe renders a claim for a reason: "sohr [27,27] (001_x.txt)".
func (l *linker) describe(c int) string {
	lc := &l.claims[c]
	return fmt.Sprintf("%s %s in %s", l.origin(lc), interval(lc.min, lc.max), lc.doc.ID)
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

func keysOf(m map[string][]int) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
