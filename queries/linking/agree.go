package linking

import "math"

// stated is the number a claim's figure states: 27 for "at least 27",
// "27" or "some 27".
func (c *lclaim) stated() float64 {
	if c.hasValue {
		return float64(c.c.Figure.Value)
	}
	return math.NaN()
}

// exact reports whether a figure is a plain count ("27", not "at least 27",
// "some 27" or "nearly 30").
func (c *lclaim) exact() bool {
	return c.hasValue && !c.approx && !c.vague && closed(c) && c.min == c.max
}

// closeShare is how far apart two stated figures may be, as a share of the
// larger, and still agree when both are counts ("27", "some 30"); openNear
// is the largest ratio of two stated figures that agree when either is a
// bound ("at least 15", "nearly two dozen"): a bound agrees with the counts
// near it, not with every count on its side.
const (
	closeShare = 0.1
	openNear   = 1.5
)

// bound reports whether a figure states a bound rather than a count: "at
// least 27", "more than 15", "nearly 50", "up to 70".
func (c *lclaim) bound() bool {
	return !closed(c) || c.min != c.max
}

// agree reports whether two figures agree, the relation corroboration rests
// on:
//   - the same stated number agrees ("27" and "at least 27"), unless two
//     bounds exclude each other ("up to 70" and "over 70");
//   - two plain counts that differ never agree ("27" and "20");
//   - otherwise the intervals must meet, and the stated numbers be near:
//     within a ratio of openNear for a count and a bound ("20" and "more
//     than 15", "nearly two dozen"), within a tenth of the larger (or one
//     apart) for two counts ("some 60" and "58") or two bounds ("at least
//     24" and "at least 101" both could be true, but they do not
//     corroborate each other; "at least eight" and "at least a dozen"
//     neither).
func agree(a, b *lclaim) bool {
	va, vb := a.stated(), b.stated()
	if math.IsNaN(va) || math.IsNaN(vb) {
		return false
	}
	// an approximate figure ("some 60", "about 40") states a point its
	// interval cannot hold: its nearness decides, not the interval
	disjoint := (a.max < b.min || b.max < a.min) && !a.approx && !b.approx
	if va == vb {
		// "27" and "at least 27" agree, "more than 58" and "58" too (a
		// count rounded); "up to 70" and "over 70" bound from both sides
		return !disjoint || a.exact() || b.exact()
	}
	if a.exact() && b.exact() {
		return false
	}
	if disjoint {
		return false
	}
	lo, hi := math.Min(va, vb), math.Max(va, vb)
	if a.bound() != b.bound() {
		return lo > 0 && hi/lo <= openNear
	}
	return hi-lo <= math.Max(1, closeShare*hi)
}
