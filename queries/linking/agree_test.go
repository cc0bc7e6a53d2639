package linking

import (
	"math"
	"testing"
)

func i64(n int64) *int64 { return &n }

// fig builds a claim of a figure: value, bounds (nil is open) and whether it
// is approximate.
func fig(v int64, min, max *int64, approx bool) *lclaim {
	c := &lclaim{c: facts{Figure: figure{Value: v}}, metric: metricKilled, hasValue: true, approx: approx}
	c.min, c.max = math.Inf(-1), math.Inf(1)
	if min != nil {
		c.min = float64(*min)
	}
	if max != nil {
		c.max = float64(*max)
	}
	return c
}

func count(v int64) *lclaim   { return fig(v, i64(v), i64(v), false) }
func atLeast(v int64) *lclaim { return fig(v, i64(v), nil, false) }
func moreThan(v int64) *lclaim {
	return fig(v, i64(v+1), nil, false)
}
func upTo(v int64) *lclaim   { return fig(v, nil, i64(v), false) }
func some(v int64) *lclaim   { return fig(v, i64(v), i64(v), true) }
func nearly(v int64) *lclaim { return fig(v, i64(v*8/10), i64(v-1), false) }

// TestAgree holds the agreement corroboration rests on (docs/linking.md §3).
func TestAgree(t *testing.T) {
	for _, tt := range []struct {
		name string
		a, b *lclaim
		want bool
	}{
		{"the same count", count(27), count(27), true},
		{"a count and at least it", count(27), atLeast(27), true},
		{"a rounded count: more than 58 and 58", moreThan(58), count(58), true},
		{"two counts that differ", count(27), count(20), false},
		{"a count and a bound near it", count(20), moreThan(15), true},
		{"a count within nearly two dozen", count(20), nearly(24), true},
		{"a count far above a bound", count(27), moreThan(15), false},
		{"two bounds far apart, both true of 120", atLeast(24), atLeast(101), false},
		{"two bounds a tenth apart", atLeast(58), atLeast(60), true},
		{"bounds that exclude each other", upTo(70), moreThan(70), false},
		{"approximate counts close", some(60), count(58), true},
		{"approximate counts apart", some(60), count(50), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := agree(tt.a, tt.b); got != tt.want {
				t.Errorf("agree = %v, want %v", got, tt.want)
			}
			if got := agree(tt.b, tt.a); got != tt.want {
				t.Errorf("agree (swapped) = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPartOf: a count of one group is a part of a toll that names none;
// two groups are no rivals.
func TestPartOf(t *testing.T) {
	who := func(c *lclaim, w string) *lclaim { c.population = populationOf(w); return c }
	for _, tt := range []struct {
		name string
		a, b *lclaim
		want bool
	}{
		{"volunteers among people", who(count(15), "SARC volunteers"), who(count(20), "people"), true},
		{"more volunteers than people", who(count(25), "volunteers"), who(count(20), "people"), false},
		{"soldiers and fighters", who(count(15), "soldiers"), who(count(20), "rebel fighters"), true},
		{"one group on both sides", who(count(15), "civilians"), who(count(20), "civilians"), false},
		{"no group named", who(count(15), "people"), who(count(20), ""), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := partOf(tt.a, tt.b); got != tt.want {
				t.Errorf("partOf = %v, want %v", got, tt.want)
			}
		})
	}
}
