package gazetteer

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Syria's bounding box, with a small margin; Check requires SY rows inside it.
const (
	minLat, maxLat = 32.2, 37.4
	minLon, maxLon = 35.6, 42.5
)

// Check validates a user's gazetteer file (typically additions given with
// --gazetteer) against base, which may be nil. It reads the whole file and
// returns every problem as a *ParseError, in file order:
//
//   - ErrColumns, ErrEmpty, ErrNumber: as Load;
//   - ErrKind: kind not one of Kinds;
//   - ErrOutsideSyria: a SY row's coordinates outside Syria's bounding box;
//   - ErrAdmin1: a SY row's admin1 not one of Governorates (exact spelling),
//     or empty for a new SY row other than a region, desert, river or
//     country; a row whose id is already in base may leave it empty;
//   - ErrDuplicateID: an id given twice in the file;
//   - ErrCollision (warning-level, see IsWarning): a name of a new row whose
//     Key is also the Key of a governorate, city, town, district or feature
//     of base or the file in another governorate. Villages are not compared:
//     thousands of them share names.
//
// A nil result means the file is valid.
func Check(r io.Reader, name string, base *Gazetteer) []error {
	var errs []error
	var rows []checkedRow
	c := rowChecker{file: name, base: base, ids: map[string]int{}, govs: set(Governorates...), kinds: set(Kinds...)}
	err := readRows(r, name, func(rw *row) error {
		if err := parseRow(rw, name); err != nil {
			errs = append(errs, err)
			return nil
		}
		errs = c.check(rw, errs)
		rows = append(rows, checkedRow{rw.line, rw.entry, append([]string(nil), rw.names...)})
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, collisions(rows, name, base)...)
	sort.SliceStable(errs, func(a, b int) bool { return line(errs[a]) < line(errs[b]) })
	return errs
}

// checkedRow is a parsed row of the file, kept for collisions.
type checkedRow struct {
	line  int
	entry Entry
	names []string
}

// rowChecker checks the rows of one file, one at a time.
type rowChecker struct {
	file        string
	base        *Gazetteer     // may be nil
	ids         map[string]int // the line of each id seen so far
	govs, kinds map[string]bool
}

// check appends to errs the problems of one parsed row: a duplicate id, a
// missing or unknown kind, a Syrian row's governorate and coordinates.
func (c *rowChecker) check(rw *row, errs []error) []error {
	e := rw.entry
	at := func(field int, err error) {
		errs = append(errs, &ParseError{File: c.file, Line: rw.line, Column: rw.cols[field], Err: err})
	}
	if first, ok := c.ids[e.ID]; ok {
		at(0, fmt.Errorf("%w %q (first on line %d)", ErrDuplicateID, e.ID, first))
	} else {
		c.ids[e.ID] = rw.line
	}
	inBase := false
	if c.base != nil {
		_, inBase = c.base.byID[e.ID]
	}
	if e.Kind == "" && !inBase {
		at(3, fmt.Errorf("kind: %w (want one of %s)", ErrEmpty, strings.Join(Kinds, ", ")))
	} else if e.Kind != "" && !c.kinds[e.Kind] {
		at(3, fmt.Errorf("kind %q: %w (want one of %s)", e.Kind, ErrKind, strings.Join(Kinds, ", ")))
	}
	if !e.Syrian() {
		return errs
	}
	switch {
	case e.Admin1 != "" && !c.govs[e.Admin1]:
		hint := ""
		if c.base != nil {
			if gv, ok := c.base.Governorate(e.Admin1); ok {
				hint = fmt.Sprintf("; did you mean %q?", gv.Admin1)
			}
		}
		at(4, fmt.Errorf("admin1 %q: %w (want one of %s)%s", e.Admin1, ErrAdmin1, strings.Join(Governorates, ", "), hint))
	case e.Admin1 == "" && !inBase && !noAdmin1[e.Kind]:
		at(4, fmt.Errorf("admin1: %w for a %s in Syria (want one of %s)", ErrEmpty, e.Kind, strings.Join(Governorates, ", ")))
	}
	if e.HasCoords && (e.Lat < minLat || e.Lat > maxLat || e.Lon < minLon || e.Lon > maxLon) {
		at(6, fmt.Errorf("%v,%v: %w (lat %v–%v, lon %v–%v); is the country column right?",
			e.Lat, e.Lon, ErrOutsideSyria, minLat, maxLat, minLon, maxLon))
	}
	return errs
}

// collisions returns an ErrCollision warning for each name of a new
// Syrian row of the file whose Key is also a name of a notable place
// (rank below 6: governorate, city, town, district, feature) of base or
// the file in another governorate, in the order of rows.
func collisions(rows []checkedRow, file string, base *Gazetteer) []error {
	type place struct {
		id, name, admin1 string
	}
	notable := map[string][]place{}
	if base != nil {
		for i, e := range base.entries {
			if rank(e) < 6 && e.Syrian() {
				for _, n := range base.names[i] {
					k := Key(n)
					notable[k] = append(notable[k], place{e.ID, e.Name, e.Admin1})
				}
			}
		}
	}
	for _, r := range rows {
		if rank(r.entry) < 6 && r.entry.Syrian() {
			for _, n := range r.names {
				k := Key(n)
				notable[k] = append(notable[k], place{r.entry.ID, r.entry.Name, r.entry.Admin1})
			}
		}
	}
	var warns []error
	for _, r := range rows {
		if base != nil {
			if _, ok := base.byID[r.entry.ID]; ok {
				continue
			}
		}
		if !r.entry.Syrian() || r.entry.Admin1 == "" {
			continue
		}
		done := map[string]bool{}
		for _, n := range r.names {
			for _, p := range notable[Key(n)] {
				if p.id == r.entry.ID || p.admin1 == "" || p.admin1 == r.entry.Admin1 || done[p.id] {
					continue
				}
				done[p.id] = true
				warns = append(warns, &ParseError{File: file, Line: r.line, Err: fmt.Errorf(
					"%w: %q (%s) is also %q (%s, %s)", ErrCollision, n, r.entry.Admin1, p.name, p.id, p.admin1)})
			}
		}
	}
	return warns
}

// noAdmin1 are the kinds a Syrian row may leave without a governorate.
var noAdmin1 = set("region", "desert", "river", "valley", "country", "lake", "road")

func line(err error) int {
	if pe, ok := err.(*ParseError); ok {
		return pe.Line
	}
	return 1 << 30
}
