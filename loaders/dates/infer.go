package dates

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Inference is what InferPublished reads from an article without a stamp.
type Inference struct {
	// Day is the publication day, or zero when the text does not tell it.
	Day time.Time
	// Why says which cues gave Day ("Tuesday = April 30 and Monday = April 29
	// fall in 2019; the latest weekday named, Wednesday, is May 1").
	Why string
	// Weekday is the weekday of the publication day as the weekdays the
	// article names tell it (valid when HasWeekday): the day that makes
	// them the most compact run of days ending on it. An article that says
	// "on Thursday", "on Friday" and "on Monday" was most likely written on
	// the Monday, with Thursday four days before.
	Weekday    time.Weekday
	HasWeekday bool
}

// inferYears is how many years after the latest year an article names
// InferPublished tries. A date falls on the same weekday again after five
// years at the soonest, so within this window a year the weekdays fit is
// the only one; past it, the text cannot tell the year.
const inferYears = 2

// inferRef is the reference the sentences are first read against: a Monday
// at the end of a leap year, so that a date without a year takes that year
// whatever its month, February 29 included.
var inferRef = time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC)

// InferPublished infers the publication day of an article whose text has no
// stamp, from its sentences alone. A weekday resolves to the latest such day
// on or before publication, so weekdays that land on dates the article
// states without a year ("on Tuesday" and "on April 30", "on Monday" and
// "April 29") tell the year; the candidate years run from the latest year
// of a month or day the article dates ("in December 2017"; nothing before it
// can be the publication year, and a bare "in 2011" is mostly background)
// to inferYears after it, and the year where at least two named
// weekdays land on stated dates wins (within that window it is the only
// one; an article written long after every year it names is left undated).
// The day is then the one, on or after the latest stated date, that makes
// the named weekdays most compact. Without a named year, two such
// coincidences or any stated date, Day is zero: guessing a year would put
// wrong dates in the graph. Weekday is set whenever the article names a
// weekday.
func InferPublished(sentences []string) Inference {
	var weekdays []time.Weekday
	var stated []monthDay
	maxYear := 0
	for _, s := range sentences {
		for _, m := range Find(s, inferRef) {
			if y, ok := yearIn(m.Text); ok {
				// a month or day the article dates ("December 2017", "21 April
				// 2019"); not a bare year ("the war began in 2011": background,
				// often years before), not a count ("2000 days of attacks")
				wholeYear := m.From.YearDay() == 1 && m.To.Month() == time.December && m.To.Day() == 31
				if (m.Cue == CueAbsolute || m.Cue == CueMonth || m.Cue == CueRange) && !wholeYear && y > maxYear {
					maxYear = y
				}
				continue
			}
			switch m.Cue {
			case CueWeekday:
				weekdays = append(weekdays, m.From.Weekday())
			case CueAbsolute:
				if m.From.Equal(m.To) {
					stated = append(stated, monthDay{m.From.Month(), m.From.Day()})
				}
			case CueRange:
				if !strings.HasPrefix(strings.ToLower(m.Text), "since") {
					stated = append(stated, monthDay{m.From.Month(), m.From.Day()}, monthDay{m.To.Month(), m.To.Day()})
				}
			}
		}
	}
	var inf Inference
	if len(weekdays) == 0 {
		return inf
	}
	inf.Weekday, _ = compactEnd(weekdays)
	inf.HasWeekday = true
	if maxYear == 0 || len(stated) == 0 {
		return inf
	}
	for y := maxYear; y <= maxYear+inferYears; y++ {
		if day, why, ok := inferInYear(y, weekdays, stated); ok {
			inf.Day, inf.Why = day, why
			return inf
		}
	}
	return inf
}

type monthDay struct {
	month time.Month
	day   int
}

// inferInYear tries publication days in year y from the latest stated date
// to a week after it, and keeps the one where the most named weekdays
// (at least two different ones) land on stated dates, then the most
// compact, then the earliest.
func inferInYear(y int, weekdays []time.Weekday, stated []monthDay) (time.Time, string, bool) {
	dates := map[time.Time]bool{}
	var latest time.Time
	for _, md := range stated {
		d := time.Date(y, md.month, md.day, 0, 0, 0, 0, time.UTC)
		if d.Day() != md.day {
			continue // February 29 of a common year
		}
		dates[d] = true
		if d.After(latest) {
			latest = d
		}
	}
	if latest.IsZero() {
		return time.Time{}, "", false
	}
	var best time.Time
	bestHits, bestSpan := 0, 0
	var bestWhy []string
	for k := 0; k <= 7; k++ {
		p := latest.AddDate(0, 0, k)
		hits := map[time.Weekday]bool{}
		var why []string
		lo := 0
		for _, w := range weekdays {
			back := (int(p.Weekday()) - int(w) + 7) % 7
			if -back < lo {
				lo = -back
			}
			d := p.AddDate(0, 0, -back)
			if dates[d] && !hits[w] {
				hits[w] = true
				why = append(why, fmt.Sprintf("%s = %s", w, d.Format("January 2")))
			}
		}
		span := -lo
		if len(hits) > bestHits || len(hits) == bestHits && span < bestSpan {
			best, bestHits, bestSpan, bestWhy = p, len(hits), span, why
		}
	}
	if bestHits < 2 {
		return time.Time{}, "", false
	}
	sort.Strings(bestWhy)
	return best, fmt.Sprintf("%s fall in %d; the named weekdays end on %s", strings.Join(bestWhy, " and "), y,
		best.Format("Monday, 2006-01-02")), true
}

// compactEnd returns the weekday that makes the named weekdays the most
// compact run of days ending on it (ties: the run ending nearest to it),
// and the run's length in days.
func compactEnd(weekdays []time.Weekday) (time.Weekday, int) {
	best, bestSpan, bestEnd := time.Sunday, 8, 8
	for p := time.Sunday; p <= time.Saturday; p++ {
		lo, hi := 0, -7
		for _, w := range weekdays {
			o := -((int(p) - int(w) + 7) % 7)
			if o < lo {
				lo = o
			}
			if o > hi {
				hi = o
			}
		}
		if span := hi - lo; span < bestSpan || span == bestSpan && -hi < bestEnd {
			best, bestSpan, bestEnd = p, span, -hi
		}
	}
	return best, bestSpan
}

// yearIn finds a year (1900-2099) written in a time expression.
func yearIn(text string) (int, bool) {
	run := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] >= '0' && text[i] <= '9' {
			run++
			continue
		}
		if run == 4 {
			s := text[i-4 : i]
			if s[:2] == "19" || s[:2] == "20" {
				return int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0'), true
			}
		}
		run = 0
	}
	return 0, false
}

// HasYear reports whether a time expression writes its year ("21 April
// 2019", "in 2017"): one without a year ("April 21") resolves against the
// publication date.
func HasYear(text string) bool {
	_, ok := yearIn(text)
	return ok
}
