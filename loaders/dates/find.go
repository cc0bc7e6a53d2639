package dates

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// Find returns the time expressions of sentence in text order, resolved
// against ref, the publication date (only its calendar day is used):
//
//   - a weekday ("on Tuesday", "Thursday night", "tweeted Wednesday") is the
//     latest such day on or before ref ("last Tuesday": before ref);
//   - a date without a year takes ref's year, or the year before when its
//     month comes after ref's month;
//   - "yesterday", "last night", "overnight", "this month", "last month",
//     "last week", "earlier last week", "in recent weeks" ... follow the
//     rules of data/relative.tsv;
//   - "over the past 48 hours", "in the last two days", "the past week",
//     "over the last month" are rolling windows ending on ref; "two days
//     ago" is one day; "two days of attacks" is a duration ending on ref;
//   - "From March 24 to April 20", "between April 1 and April 20" and
//     "since April 19" are ranges; "in 2017" is a year, "in April",
//     "December 2017" and "mid-April" are months.
//
// A mention's range never ends before it starts: "since 2020" in an article
// of 2019, or "from April 2020 to March 2019", is no range, and only the
// dates in it are read ("April 2020", "March 2019").
//
// The spans let an extractor tell date words from figures.
func Find(sentence string, ref time.Time) []Mention {
	ref = day(ref)
	sc := scratchPool.Get().(*scratch)
	sc.ar = sc.ar[:0]
	toks := tokenizeInto(sentence, sc.toks[:0], &sc.ar)
	defer func() {
		if cap(toks) <= 1<<16 && cap(sc.ar) <= 1<<20 {
			sc.toks = toks
			scratchPool.Put(sc)
		}
	}()
	var out []Mention
	for i := 0; i < len(toks); {
		if toks[i].kind != tNum && !lexInfos[toks[i].info].starter {
			i++ // fast path: no cue starts with this word or mark
			continue
		}
		m, j, ok := cue(toks, i, ref)
		if !ok {
			i++
			continue
		}
		m.Start, m.End = toks[i].start, toks[j-1].end
		m.Text = sentence[m.Start:m.End]
		out = append(out, m)
		i = j
	}
	return out
}

// scratch is the per-call memory of Find: the tokens, and the lower-cased
// words their low strings point to. Those bytes are only appended to while
// a Find runs (a string once made is never changed; when append moves the
// buffer, old strings keep the old array alive), and no token string leaves
// Find, so the next call may reuse both.
type scratch struct {
	toks []token
	ar   []byte
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{toks: make([]token, 0, 256), ar: make([]byte, 0, 512)}
}}

// starters are the words a time expression may start with (cue reads
// nothing else but numbers): every word of the data files and the words cue
// and rolling test for. A superset is harmless; cue decides.
var starters = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"from", "between", "since", "on", "last", "over", "in", "during",
		"within", "for", "the", "past"} {
		m[w] = true
	}
	return m
}()

func initStarters() {
	for w := range months {
		starters[w] = true
	}
	for w := range weekdays {
		starters[w] = true
	}
	for w := range words {
		starters[w] = true
	}
	for w, cs := range relative {
		starters[w] = true
		for _, c := range cs {
			starters[c.words[0]] = true
		}
	}
}

// cue reads one time expression starting at toks[i], trying each form in
// turn. The order matters where forms overlap: a range before its first
// date, a date before a weekday ("on April 21" before "on Tuesday"), the
// data file's phrases last.
func cue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	if m, j, ok := rangeCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := sinceCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := dateCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := inCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := partCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := weekdayCue(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := rolling(toks, i, ref); ok {
		return m, j, true
	}
	if m, j, ok := countCue(toks, i, ref); ok {
		return m, j, true
	}
	return phraseCue(toks, i, ref)
}

// rangeCue reads "From March 24 to April 20", "between April 1 and April 20".
func rangeCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	if t.is("from") || t.is("between") {
		if a, j, ok := parseDate(toks, i+1, true); ok && j < len(toks) {
			if _, isTo := class(&toks[j], cRangeto); isTo && (toks[j].low != "and" || t.is("between")) {
				if b, k, ok := parseDate(toks, j+1, true); ok {
					if b.y == 0 && a.y != 0 {
						b.y = a.y // "from May 2019 to June": June 2019
						if b.m < a.m || b.m == a.m && b.d != 0 && b.d < a.d {
							b.y++ // "from December 2018 to March"
						}
					}
					from, _ := resolve(a, ref)
					_, to := resolve(b, ref)
					if a.y == 0 && from.After(to) {
						from = from.AddDate(-1, 0, 0)
					}
					// "From April 2020 to March 2019" names no range: its
					// dates are read one by one
					if !from.After(to) {
						return Mention{From: from, To: to, Cue: CueRange}, k, true
					}
				}
			}
		}
	}
	return Mention{}, i, false
}

// sinceCue reads "since April 19", "since 2011", "since March 2011".
func sinceCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	if t.is("since") {
		if a, j, ok := parseDate(toks, i+1, true); ok {
			from, _ := resolve(a, ref)
			if a.y == 0 && from.After(ref) {
				from = from.AddDate(-1, 0, 0) // "since April 25" on April 20: last year's
			}
			if !from.After(ref) {
				return Mention{From: from, To: ref, Cue: CueRange}, j, true
			}
		} else if j := i + 1; j < len(toks) && isYear(&toks[j]) && toks[j].num <= ref.Year() {
			return Mention{From: time.Date(toks[j].num, 1, 1, 0, 0, 0, 0, time.UTC), To: ref, Cue: CueRange}, j + 1, true
		}
		// "since 2020" in an article of 2019 is no range: it would end before
		// it starts (the stamp or the text is wrong); the date alone is read
	}
	return Mention{}, i, false
}

// dateCue reads a date, after "on" or not: "On April 21", "20 April 2019",
// "December 2017".
func dateCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	start := i
	if t.is("on") {
		start = i + 1
	}
	if start < len(toks) {
		if a, j, ok := parseDate(toks, start, false); ok {
			from, to := resolve(a, ref)
			c := CueAbsolute
			if a.d == 0 {
				c = CueMonth
			}
			return Mention{From: from, To: to, Cue: c}, j, true
		}
	}
	return Mention{}, i, false
}

// inCue reads a year or month after a cue such as "in": "in 2017", "in April".
func inCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	if _, ok := class(t, cYearcue); ok && t.kind == tWord && i+1 < len(toks) {
		if n := &toks[i+1]; isYear(n) {
			return Mention{From: time.Date(n.num, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(n.num, 12, 31, 0, 0, 0, 0, time.UTC), Cue: CueAbsolute}, i + 2, true
		}
		if a, j, ok := parseDate(toks, i+1, true); ok && a.d == 0 {
			from, to := resolve(a, ref)
			return Mention{From: from, To: to, Cue: CueMonth}, j, true
		}
	}
	return Mention{}, i, false
}

// partCue reads a part of a month: "mid-April", "early April 2019".
func partCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	if span, ok := class(t, cPart); ok && t.kind == tWord {
		k := i + 1
		if k < len(toks) && toks[k].is("-") {
			k++
		}
		if k < len(toks) {
			if a, j, ok := parseDate(toks, k, true); ok && a.d == 0 {
				from, to := resolve(a, ref)
				lo, hi := partDays(span)
				from = from.AddDate(0, 0, lo-1)
				if end := from.AddDate(0, 0, hi-lo); end.Before(to) && end.Month() == from.Month() {
					to = end
				}
				if from.After(ref) && !to.After(ref) {
					from = to
				}
				return Mention{From: from, To: to, Cue: CueMonth, Approx: true}, j, true
			}
		}
	}
	return Mention{}, i, false
}

// weekdayCue reads a weekday: "on Tuesday", "last Tuesday", "Thursday night",
// "Saturday morning".
func weekdayCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	k := i
	last := false
	switch {
	case t.is("on"):
		k++
	case t.is("last"):
		k++
		last = true
	}
	if k < len(toks) {
		if wd, ok := weekday(&toks[k]); ok && toks[k].low != "sun" && toks[k].low != "sat" && toks[k].low != "wed" || ok && k+1 < len(toks) && toks[k+1].kind == tNum {
			delta := (int(ref.Weekday()) - wd + 7) % 7
			if last && delta == 0 {
				delta = 7
			}
			d := ref.AddDate(0, 0, -delta)
			m := Mention{From: d, To: d, Cue: CueWeekday}
			j := k + 1
			if j < len(toks) {
				if p, ok := class(&toks[j], cDaypart); ok {
					m.Night = p == "night"
					j++
				}
			}
			return m, j, true
		}
	}
	return Mention{}, i, false
}

// countCue reads a count of time units back from ref: "two days ago", "two
// days of attacks", "for 24 hours".
func countCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	if n, u, j, ok := count(toks, i); ok && j < len(toks) {
		switch {
		case toks[j].is("ago"):
			d := back(ref, n, u)
			return Mention{From: d, To: d, Cue: CueRelative}, j + 1, true
		case toks[j].is("of") || i > 0 && (toks[i-1].is("for") || toks[i-1].is("in") || toks[i-1].is("within")):
			return Mention{From: back(ref, n, u), To: ref, Cue: CueDuration}, j, true
		}
	}
	return Mention{}, i, false
}

// phraseCue reads the phrases of data/relative.tsv.
func phraseCue(toks []token, i int, ref time.Time) (Mention, int, bool) {
	t := &toks[i]
	for _, c := range lexInfos[t.info].rel {
		j, ok := matchWords(toks, i, c.words)
		if !ok {
			continue
		}
		return relativeMention(c, ref), j, true
	}
	return Mention{}, i, false
}

func matchWords(toks []token, i int, ws []string) (int, bool) {
	for _, w := range ws {
		if i >= len(toks) || !toks[i].is(w) {
			return i, false
		}
		i++
	}
	return i, true
}

// count reads "two days", "48 hours", "a week", "24-hour" at toks[i]; u is hours.
func count(toks []token, i int) (n, u, j int, ok bool) {
	if i >= len(toks) {
		return 0, 0, i, false
	}
	j = i
	switch t := &toks[i]; {
	case t.kind == tNum && t.num > 0 && t.ndig <= 4:
		n = t.num
	case t.kind == tWord:
		v, isNum := class(t, cNumber)
		if !isNum {
			return 0, 0, i, false
		}
		n, _ = strconv.Atoi(v)
	default:
		return 0, 0, i, false
	}
	j++
	if j < len(toks) && toks[j].is("-") && glued(toks, j) {
		j++
	}
	if j >= len(toks) {
		return 0, 0, i, false
	}
	v, isUnit := class(&toks[j], cUnit)
	if !isUnit || toks[j].kind != tWord {
		return 0, 0, i, false
	}
	u, _ = strconv.Atoi(v)
	return n, u, j + 1, true
}

// back is ref minus n units of u hours, by calendar for weeks and longer
// ("the last month" from April 20 starts March 20), by days below.
func back(ref time.Time, n, u int) time.Time {
	switch u {
	case 8760:
		return ref.AddDate(-n, 0, 0)
	case 720:
		return ref.AddDate(0, -n, 0)
	case 168:
		return ref.AddDate(0, 0, -7*n)
	}
	days := (n*u + 23) / 24
	return ref.AddDate(0, 0, -days)
}

// rolling reads "[over|in|during|within|for] the past|last [N] unit" and
// "past|previous [N] unit" at toks[i].
func rolling(toks []token, i int, ref time.Time) (Mention, int, bool) {
	k := i
	if k < len(toks) && (toks[k].is("over") || toks[k].is("in") || toks[k].is("during") || toks[k].is("within") || toks[k].is("for")) {
		k++
	}
	the := false
	if k < len(toks) && toks[k].is("the") {
		the = true
		k++
	}
	if k >= len(toks) {
		return Mention{}, i, false
	}
	if _, ok := class(&toks[k], cRolling); !ok || toks[k].kind != tWord {
		return Mention{}, i, false
	}
	if toks[k].low == "last" && !the {
		return Mention{}, i, false // bare "last week" is a calendar week: relative.tsv
	}
	if k == i && toks[k].low != "past" {
		return Mention{}, i, false
	}
	k++
	n, u, j, ok := count(toks, k)
	if !ok {
		if k >= len(toks) {
			return Mention{}, i, false
		}
		v, isUnit := class(&toks[k], cUnit)
		if !isUnit {
			return Mention{}, i, false
		}
		n, j = 1, k+1
		u, _ = strconv.Atoi(v)
	}
	return Mention{From: back(ref, n, u), To: ref, Cue: CueRelative}, j, true
}

func relativeMention(c relCue, ref time.Time) Mention {
	m := Mention{Cue: CueRelative}
	monthStart := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
	monday := ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
	switch c.rule {
	case "day":
		m.From = ref.AddDate(0, 0, c.arg)
		m.To = m.From
	case "night":
		m.From, m.Night = ref.AddDate(0, 0, c.arg), true
		m.To = m.From
	case "overnight":
		m.From, m.To, m.Night = ref.AddDate(0, 0, -1), ref, true
	case "thismonth":
		m.From, m.To = monthStart, ref
	case "lastmonth":
		m.From, m.To = monthStart.AddDate(0, -1, 0), monthStart.AddDate(0, 0, -1)
	case "thisweek":
		m.From, m.To = monday, ref
	case "lastweek":
		m.From, m.To = monday.AddDate(0, 0, -7), monday.AddDate(0, 0, -1)
	case "earlylastweek":
		m.From, m.To, m.Approx = monday.AddDate(0, 0, -7), monday.AddDate(0, 0, -5), true
	case "thisyear":
		m.From, m.To = time.Date(ref.Year(), 1, 1, 0, 0, 0, 0, time.UTC), ref
	case "lastyear":
		m.From, m.To = time.Date(ref.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(ref.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC)
	case "recent":
		m.From, m.To, m.Approx = ref.AddDate(0, 0, -c.arg), ref, true
	}
	return m
}

// resolve gives the days a parsed date covers: one day, or a month (up to
// ref when it is ref's month). A missing year is ref's, or the year before
// when the month comes after ref's month.
func resolve(d date, ref time.Time) (from, to time.Time) {
	y := d.y
	if y == 0 {
		y = ref.Year()
		if d.m > int(ref.Month()) {
			y--
		}
	}
	if d.d != 0 {
		t := time.Date(y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC)
		return t, t
	}
	from = time.Date(y, time.Month(d.m), 1, 0, 0, 0, 0, time.UTC)
	to = from.AddDate(0, 1, -1)
	if d.y == 0 && to.After(ref) && !from.After(ref) {
		to = ref
	}
	return from, to
}

func partDays(span string) (lo, hi int) {
	for k := 0; k < len(span); k++ {
		if span[k] == '-' {
			lo, _ = strconv.Atoi(span[:k])
			hi, _ = strconv.Atoi(span[k+1:])
			return lo, hi
		}
	}
	return 1, 31
}

// Latest returns the latest day an absolute date or range in text names,
// resolved against ref (for dates written without a year). An article
// without a stamp was published on or after it.
func Latest(text string, ref time.Time) (time.Time, bool) {
	var best time.Time
	for _, m := range Find(text, ref) {
		day := m.Cue == CueAbsolute && m.From.Equal(m.To)
		closedRange := m.Cue == CueRange && !strings.HasPrefix(strings.ToLower(m.Text), "since")
		if (day || closedRange) && m.To.After(best) {
			best = m.To
		}
	}
	return best, !best.IsZero()
}
