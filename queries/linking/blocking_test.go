package linking

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// TestCandidatesAsBefore: reaches tells which units blocking finds from
// which, and candidates finds every pair, once, that the implementation it
// replaced found (candidatesBefore, below: it kept every
// pair until all were found, then sorted them and dropped the repeats), on
// random units of every kind blocking tells apart: timeless, dated by day,
// wide, long tallies, unplaced, placed at a governorate, with and without
// coordinates, a war and an earlier period.
func TestCandidatesAsBefore(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			l := &linker{units: randomUnits(rand.New(rand.NewPCG(seed, 7)), 500)}
			var want [][2]int
			reached := map[[2]int]bool{}
			candidatesBefore(l, func(i, j int) { want = append(want, [2]int{i, j}) }, func(from, j int) { reached[[2]int{from, j}] = true })
			x := l.blocks(l.sweep())
			for i := range l.units {
				for j := range l.units {
					if got := x.reaches(&l.units[i], &l.units[j]); i != j && got != reached[[2]int{i, j}] {
						t.Fatalf("reaches(%s, %s) = %v, want %v", unitString(&l.units[i]), unitString(&l.units[j]), got, !got)
					}
				}
			}
			var got [][2]int
			l.candidates(func(i, j int) {
				if i >= j {
					t.Fatalf("pair (%d, %d): want i < j", i, j)
				}
				got = append(got, [2]int{i, j})
			})
			slices.SortFunc(got, func(a, b [2]int) int {
				if a[0] != b[0] {
					return a[0] - b[0]
				}
				return a[1] - b[1]
			})
			if len(want) < 1000 {
				t.Fatalf("%d pairs before: the fixture pairs too few units to tell", len(want))
			}
			for k := range min(len(got), len(want)) {
				if got[k] != want[k] {
					t.Fatalf("pair %d: got %v, want %v (%s, %s)", k, got[k], want[k], unitString(&l.units[want[k][0]]), unitString(&l.units[want[k][1]]))
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d pairs, want %d", len(got), len(want))
			}
		})
	}
}

func unitString(u *unit) string {
	p := "nowhere"
	if u.place != nil {
		p = u.place.ID
	}
	return fmt.Sprintf("%s at %s, days %d-%d, timeless %v, tally %v", u.kind, p, u.lo, u.hi, u.timeless, u.agg)
}

// randomUnits returns n units over a few months and a few governorates.
func randomUnits(r *rand.Rand, n int) []unit {
	var places []*schema.Place
	for g, gov := range []string{"Aleppo", "Idlib", "Homs"} {
		lat, lon := 36.0-float64(g)*0.9, 37.0-float64(g)*0.6
		places = append(places, &schema.Place{ID: "gov-" + gov, Kind: "governorate", Admin1: gov, Lat: lat, Lon: lon, HasCoords: true})
		for k := range 4 {
			places = append(places, &schema.Place{ID: fmt.Sprintf("town-%s-%d", gov, k), Kind: "town", Admin1: gov, Within: "gov-" + gov,
				Lat: lat + float64(k)*0.7, Lon: lon + float64(k%2)*1.1, HasCoords: true})
		}
		places = append(places, &schema.Place{ID: "village-" + gov, Kind: "village", Admin1: gov, Within: "gov-" + gov})
	}
	places = append(places, &schema.Place{ID: "syria", Kind: "country"}, nil)
	kinds := []string{"attack", "air strike", "attack", "air strike", schema.KindWar, schema.KindEarlier}
	units := make([]unit, n)
	for i := range units {
		u := &units[i]
		u.kind = kinds[r.IntN(len(kinds))]
		u.place = places[r.IntN(len(places))]
		u.agg = r.IntN(5) == 0
		u.lo = r.IntN(150)
		switch k := r.IntN(20); {
		case k < 3:
			u.timeless = true
		case k < 13:
			u.hi = u.lo + r.IntN(3)
		case k < 14:
			u.hi = u.lo - 1 - r.IntN(4) // a start after the end, as an extraction may give
		case k < 17:
			u.hi = u.lo + 5 + r.IntN(36)
		case k < 19:
			u.hi = u.lo + wideWindow + 1 + r.IntN(120)
		default:
			u.lo -= 1000
			u.hi = u.lo + 1000 + r.IntN(100)
		}
	}
	return units
}

// The implementation candidates replaced, as it was.

func candidatesBefore(l *linker, fn func(i, j int), found func(from, j int)) {
	x := blocksBefore(l)
	ps := oldPairs{stamp: make([]int32, len(l.units)), later: make([][]int32, len(l.units)), found: found}
	for i := range l.units {
		u := &l.units[i]
		ps.from = i
		switch {
		case u.timeless:
			// with no date at all, only reports of the same specific place
			// (not a governorate, which holds too many) may match
			if u.place == nil || isGovernorate(u.place) {
				continue
			}
			for _, j := range x.byPlace[u.place.ID] {
				if p := l.units[j].place; p != nil && p.ID == u.place.ID {
					ps.add(j)
				}
			}
		case wide(u):
			near := nearOfBefore(l, u)
			for _, m := range monthsOf(u) {
				ps.addBlock(near, m, x.anyMonth, x.months)
			}
		default:
			near := nearOfBefore(l, u)
			for d := u.lo; d <= u.hi; d++ {
				ps.addBlock(near, d, x.anyDay, x.days)
			}
		}
	}
	ps.each(fn)
}

type oldKey struct {
	day  int
	area string
}

type oldIndex struct {
	days     map[oldKey][]int // (day, area) -> units whose window, a day either side, holds the day
	months   map[oldKey][]int // (month, area) -> dated units whose window touches the month
	anyDay   map[int][]int    // day -> every unit of that day, for units placed nowhere finer than the country
	anyMonth map[int][]int    // the same by month
	byPlace  map[string][]int // place id and the place it lies in -> units, for units with no date at all
}

func blocksBefore(l *linker) oldIndex {
	x := oldIndex{
		days: map[oldKey][]int{}, months: map[oldKey][]int{},
		anyDay: map[int][]int{}, anyMonth: map[int][]int{}, byPlace: map[string][]int{},
	}
	for i := range l.units {
		u := &l.units[i]
		if u.kind == schema.KindWar || u.kind == schema.KindEarlier {
			continue // joined to no other report (incompatible)
		}
		if u.timeless {
			if u.place != nil {
				x.byPlace[u.place.ID] = append(x.byPlace[u.place.ID], i)
			}
			continue
		}
		if u.place != nil {
			x.byPlace[u.place.ID] = append(x.byPlace[u.place.ID], i)
			if u.place.Within != "" {
				x.byPlace[u.place.Within] = append(x.byPlace[u.place.Within], i)
			}
		}
		for _, m := range monthsOf(u) {
			x.anyMonth[m] = append(x.anyMonth[m], i)
			for _, a := range homeAreas(u.place) {
				x.months[oldKey{m, a}] = append(x.months[oldKey{m, a}], i)
			}
		}
		if wide(u) {
			continue
		}
		for d := u.lo - 1; d <= u.hi+1; d++ {
			x.anyDay[d] = append(x.anyDay[d], i)
			for _, a := range homeAreas(u.place) {
				x.days[oldKey{d, a}] = append(x.days[oldKey{d, a}], i)
			}
		}
	}
	return x
}

type oldPairs struct {
	from  int
	found func(from, j int) // when not nil, called with every unit found from another
	stamp []int32           // stamp[j] == from+1: j is paired with from already
	later [][]int32         // later[i]: the units j > i paired with i, repeats possible
}

// add pairs unit from with unit j.
func (s *oldPairs) add(j int) {
	i := s.from
	if s.found != nil && i != j {
		s.found(i, j)
	}
	if i == j || s.stamp[j] == int32(i+1) {
		return
	}
	s.stamp[j] = int32(i + 1)
	if j < i {
		i, j = j, i
	}
	s.later[i] = append(s.later[i], int32(j))
}

// each calls fn with every pair (i < j) once, sorted, and drops them.
func (s *oldPairs) each(fn func(i, j int)) {
	for i, js := range s.later {
		slices.Sort(js)
		for k, j := range js {
			if k == 0 || j != js[k-1] {
				fn(i, int(j))
			}
		}
		s.later[i] = nil
	}
}

func nearOfBefore(l *linker, u *unit) []string {
	if unplaced(u) {
		return nil
	}
	_, near := l.areas(u.place)
	return near
}

func (s *oldPairs) addBlock(near []string, period int, anyPeriod map[int][]int, byArea map[oldKey][]int) {
	if near == nil {
		for _, j := range anyPeriod[period] {
			s.add(j)
		}
		return
	}
	for _, a := range near {
		for _, j := range byArea[oldKey{period, a}] {
			s.add(j)
		}
	}
}
