package linking

import (
	"fmt"
	"math"
	"slices"

	"github.com/claimgraph/claimgraph/schema"
)

// wideWindow is the window, in days, past which a unit is indexed month by
// month instead of day by day.
const wideWindow = 40

// candidates calls fn with the pairs of units (i < j) that blocking lets through, sorted:
// sharing a day of their windows and a neighbouring area; or, for wide and
// timeless windows, sharing a governorate or a place.
func (l *linker) candidates(fn func(i, j int)) {
	x := l.blocks()
	ps := pairSet{stamp: make([]int32, len(l.units)), later: make([][]int32, len(l.units))}
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
			near := l.nearOf(u)
			for _, m := range monthsOf(u) {
				ps.addBlock(near, m, x.anyMonth, x.months)
			}
		default:
			near := l.nearOf(u)
			for d := u.lo; d <= u.hi; d++ {
				ps.addBlock(near, d, x.anyDay, x.days)
			}
		}
	}
	ps.each(fn)
}

// blockKey is a day (or a month) and an area.
type blockKey struct {
	day  int
	area string
}

// blockIndex indexes the units candidates pairs.
type blockIndex struct {
	days     map[blockKey][]int // (day, area) -> units whose window, a day either side, holds the day
	months   map[blockKey][]int // (month, area) -> dated units whose window touches the month
	anyDay   map[int][]int      // day -> every unit of that day, for units placed nowhere finer than the country
	anyMonth map[int][]int      // the same by month
	byPlace  map[string][]int   // place id and the place it lies in -> units, for units with no date at all
}

// blocks indexes every unit that may join another: by day (a day either
// side of its window; not for wide windows) and by month, each by its home
// areas and by any area, and by its place.
func (l *linker) blocks() blockIndex {
	x := blockIndex{
		days: map[blockKey][]int{}, months: map[blockKey][]int{},
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
				x.months[blockKey{m, a}] = append(x.months[blockKey{m, a}], i)
			}
		}
		if wide(u) {
			continue
		}
		for d := u.lo - 1; d <= u.hi+1; d++ {
			x.anyDay[d] = append(x.anyDay[d], i)
			for _, a := range homeAreas(u.place) {
				x.days[blockKey{d, a}] = append(x.days[blockKey{d, a}], i)
			}
		}
	}
	return x
}

// wide reports whether a unit's window is indexed month by month.
func wide(u *unit) bool { return u.hi-u.lo > wideWindow }

// unplaced reports whether a unit is placed nowhere finer than the country.
func unplaced(u *unit) bool { return u.place == nil || u.place.Admin1 == "" }

// pairSet collects the pairs of units that candidates finds, unit by
// unit: the pairs of unit from with the units of its blocks. A pair is
// found on each day and area the two share, and from both units when
// blocking reaches each from the other: stamp drops the repeats within one
// unit's blocks, each those between two units'. A pair (i < j) is kept as
// j in later[i], four bytes a pair: a map of every pair seen took most of
// the time of candidates at 100,000 articles, and a list of pairs
// sorted at the end four times the memory.
type pairSet struct {
	from  int
	stamp []int32   // stamp[j] == from+1: j is paired with from already
	later [][]int32 // later[i]: the units j > i paired with i, repeats possible
}

// add pairs unit from with unit j.
func (s *pairSet) add(j int) {
	i := s.from
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
func (s *pairSet) each(fn func(i, j int)) {
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

// nearOf returns the areas near unit u's place (nearAreas), or nil when u
// is unplaced: addBlock then pairs it with every unit of the period.
func (l *linker) nearOf(u *unit) []string {
	if unplaced(u) {
		return nil
	}
	_, near := l.areas(u.place)
	return near
}

// areas returns homeAreas and nearAreas of p, each computed once per
// linker for the same governorate and coordinates. Safe for concurrent use
// (Output.Render).
func (l *linker) areas(p *schema.Place) (home, near []string) {
	if p == nil {
		return homeAreas(nil), nearAreas(nil)
	}
	k := areaKey{p.Admin1, p.HasCoords, p.Lat, p.Lon}
	l.areaMu.Lock()
	defer l.areaMu.Unlock()
	a, ok := l.areaMemo[k]
	if !ok {
		if l.areaMemo == nil {
			l.areaMemo = map[areaKey][2][]string{}
		}
		a = [2][]string{homeAreas(p), nearAreas(p)}
		l.areaMemo[k] = a
	}
	return a[0], a[1]
}

// areaKey is what homeAreas and nearAreas read of a place.
type areaKey struct {
	admin1   string
	hasCoord bool
	lat, lon float64
}

// addBlock pairs unit from with the units indexed under a day or a month
// (period): every unit of it when from is unplaced (near is nil,
// anyPeriod), else those of the areas near its place (byArea).
func (s *pairSet) addBlock(near []string, period int, anyPeriod map[int][]int, byArea map[blockKey][]int) {
	if near == nil {
		for _, j := range anyPeriod[period] {
			s.add(j)
		}
		return
	}
	for _, a := range near {
		for _, j := range byArea[blockKey{period, a}] {
			s.add(j)
		}
	}
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
