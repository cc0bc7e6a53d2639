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

// candidates calls fn with every pair of units (i < j) that blocking lets
// through, once: sharing a day of their windows and a neighbouring area;
// or, for wide and timeless windows, sharing a governorate or a place. The
// pairs come unit by unit in time order (sweep), each unit's with the
// units after it (by index) that it finds, and with those before it that
// it finds and that do not find it themselves, in an order that depends
// only on the units. In time order, the articles of the pairs weighed one
// after another are of the same few days, which shingleOf's memo keeps
// (bounded) instead of every article's.
//
// Blocking is not symmetric (an unplaced unit reaches every unit of its
// days, a placed one only the units of its areas; a timeless unit reaches
// dated ones that do not reach it), so a pair may be found from either
// unit or from both: reaches tells, for a pair found from its second unit,
// whether its first finds it too (and gives it). Nothing but the current
// unit's pairs is held: keeping every pair found until all were (to sort
// them and drop the repeats) held 141 MB at 100,000 articles, the largest
// part of the link's peak with the index.
func (l *linker) candidates(fn func(i, j int)) {
	order := l.sweep()
	x := l.blocks(order)
	stamp := make([]int32, len(l.units)) // stamp[j] == i+1: j is found from i already
	var found []int32
	add := func(i int, j int32) {
		if int(j) != i && stamp[j] != int32(i+1) {
			stamp[j] = int32(i + 1)
			found = append(found, j)
		}
	}
	for _, i32 := range order {
		i := int(i32)
		u := &l.units[i]
		found = found[:0]
		switch {
		case u.timeless:
			// with no date at all, only reports of the same specific place
			// (not a governorate, which holds too many) may match
			if u.place == nil || isGovernorate(u.place) {
				continue
			}
			for _, j := range x.byPlace[u.place.ID] {
				if p := l.units[j].place; p != nil && p.ID == u.place.ID {
					add(i, j)
				}
			}
		case wide(u):
			_, near := x.areasOf(u)
			for _, m := range monthsOf(u) {
				x.block(near, m, x.anyMonth, x.months, func(j int32) { add(i, j) })
			}
		default:
			_, near := x.areasOf(u)
			x.dayBlock(near, u.lo, u.hi, func(j int32) { add(i, j) })
		}
		slices.Sort(found)
		for _, j := range found {
			if int(j) < i && x.reaches(&l.units[j], u) {
				continue // given from j, the pair's first
			}
			fn(min(i, int(j)), max(i, int(j)))
		}
	}
}

// sweep returns the units' indexes in time order: the dated by the start
// of their window, then the timeless; in index order among equals.
func (l *linker) sweep() []int32 {
	order := make([]int32, len(l.units))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		u, v := &l.units[a], &l.units[b]
		switch {
		case u.timeless != v.timeless:
			if u.timeless {
				return 1
			}
			return -1
		case u.timeless:
			return 0
		}
		return u.lo - v.lo
	})
	return order
}

// blockKey is a day (or a month) and an area (its number in blockIndex.areas).
type blockKey struct {
	period, area int32
}

// blockIndex indexes the units candidates pairs, by unit index.
//
// Windows of a day or a few (not wide) are indexed by their start, not
// under every day they hold: at 100,000 articles a list per day and area
// was 121 MB of the link's peak, a map key and a list for each of some
// million days and areas. A unit's days are then the units of its areas
// whose windows, a day either side, meet its own (dayBlock).
type blockIndex struct {
	l        *linker
	days     map[int32][]int32    // area -> the units of day windows it is home to, by the start of their window (sweep order)
	months   map[blockKey][]int32 // (month, area) -> dated units whose window touches the month
	anyDay   []int32              // every unit of a day window, by its start, for units placed nowhere finer than the country
	anyMonth map[int][]int32      // the same by month
	byPlace  map[string][]int32   // place id and the place it lies in -> units, for units with no date at all
	areas    names                // the areas' names (homeAreas, nearAreas), numbered for the keys
	areaMemo map[areaKey][2][]int32
}

// blocks indexes every unit that may join another: by its window (a day
// either side of it; not for wide windows) and by month, each by its home
// areas and by any area, and by its place. order is the units in time
// order (sweep), which the day windows are indexed in.
func (l *linker) blocks(order []int32) *blockIndex {
	x := &blockIndex{
		l:    l,
		days: map[int32][]int32{}, months: map[blockKey][]int32{},
		anyMonth: map[int][]int32{}, byPlace: map[string][]int32{},
		areaMemo: map[areaKey][2][]int32{},
	}
	for i := range l.units {
		u := &l.units[i]
		if !indexed(u) {
			continue
		}
		if u.place != nil {
			x.byPlace[u.place.ID] = append(x.byPlace[u.place.ID], int32(i))
			if u.place.Within != "" && !u.timeless {
				x.byPlace[u.place.Within] = append(x.byPlace[u.place.Within], int32(i))
			}
		}
		if u.timeless {
			continue
		}
		home, _ := x.areasOf(u)
		for _, m := range monthsOf(u) {
			x.anyMonth[m] = append(x.anyMonth[m], int32(i))
			for _, a := range home {
				k := blockKey{int32(m), a}
				x.months[k] = append(x.months[k], int32(i))
			}
		}
	}
	for _, i := range order {
		u := &l.units[i]
		if !indexed(u) || u.timeless || wide(u) {
			continue
		}
		x.anyDay = append(x.anyDay, i)
		home, _ := x.areasOf(u)
		for _, a := range home {
			x.days[a] = append(x.days[a], i)
		}
	}
	return x
}

// dayBlock calls fn with each unit of a day window (not wide) that shares
// a day with lo..hi, its window a day either side: every such unit when
// near is nil, else those at home in the areas near. The units of an area
// are in order of their windows' starts, and no such window is longer than
// wideWindow, so only those starting from lo-wideWindow-2 on are read.
func (x *blockIndex) dayBlock(near []int32, lo, hi int, fn func(int32)) {
	if lo > hi {
		return // no day
	}
	each := func(us []int32) {
		k, _ := slices.BinarySearchFunc(us, lo-wideWindow-2, func(j int32, day int) int { return x.l.units[j].lo - day })
		for _, j := range us[k:] {
			v := &x.l.units[j]
			if v.lo-1 > hi {
				return
			}
			if v.hi+1 >= lo && v.lo <= v.hi+2 {
				fn(j)
			}
		}
	}
	if near == nil {
		each(x.anyDay)
		return
	}
	for _, a := range near {
		each(x.days[a])
	}
}

// wide reports whether a unit's window is indexed month by month.
func wide(u *unit) bool { return u.hi-u.lo > wideWindow }

// unplaced reports whether a unit is placed nowhere finer than the country.
func unplaced(u *unit) bool { return u.place == nil || u.place.Admin1 == "" }

// indexed reports whether blocks indexes unit u: a war or an earlier
// period is joined to no other report (incompatible).
func indexed(u *unit) bool { return u.kind != schema.KindWar && u.kind != schema.KindEarlier }

// areasOf returns the numbers of unit u's home areas and of the areas near
// it, nil when u is unplaced: block then reaches every unit of the period.
func (x *blockIndex) areasOf(u *unit) (home, near []int32) {
	var k areaKey // no place has the areas of a place with neither governorate nor coordinates
	if u.place != nil {
		k = areaKey{u.place.Admin1, u.place.HasCoords, u.place.Lat, u.place.Lon}
	}
	if a, ok := x.areaMemo[k]; ok {
		return a[0], a[1]
	}
	id := func(name string) int32 { return int32(x.areas.id(name)) }
	h, n := x.l.areas(u.place)
	for _, name := range h {
		home = append(home, id(name))
	}
	if !unplaced(u) {
		for _, name := range n {
			near = append(near, id(name))
		}
	}
	x.areaMemo[k] = [2][]int32{home, near}
	return home, near
}

// block calls fn with each unit indexed under a month (period): every
// unit of it when near is nil (anyPeriod), else those of the areas near
// (byArea).
func (x *blockIndex) block(near []int32, period int, anyPeriod map[int][]int32, byArea map[blockKey][]int32, fn func(int32)) {
	if near == nil {
		for _, j := range anyPeriod[period] {
			fn(j)
		}
		return
	}
	for _, a := range near {
		for _, j := range byArea[blockKey{int32(period), a}] {
			fn(j)
		}
	}
}

// reaches reports whether candidates, from unit a, finds unit b among its
// blocks: what blocks indexes b under, met by what candidates looks up
// from a.
func (x *blockIndex) reaches(a, b *unit) bool {
	if !indexed(b) {
		return false
	}
	switch {
	case a.timeless:
		return a.place != nil && !isGovernorate(a.place) && b.place != nil && b.place.ID == a.place.ID
	case b.timeless:
		return false
	case wide(a):
		if !slices.ContainsFunc(monthsOf(a), func(m int) bool { return slices.Contains(monthsOf(b), m) }) {
			return false
		}
	default:
		// a window that starts after it ends (as an extraction may give)
		// looks up no day, and one that starts two days after is indexed
		// under none (dayBlock)
		if wide(b) || a.lo > a.hi || b.lo > b.hi+2 || a.hi < b.lo-1 || a.lo > b.hi+1 {
			return false
		}
	}
	_, near := x.areasOf(a)
	if near == nil {
		return true
	}
	home, _ := x.areasOf(b)
	return slices.ContainsFunc(near, func(id int32) bool { return slices.Contains(home, id) })
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
