// Command synth writes N articles synthesized from real ones, for measuring
// claimgraph at scale: copies of the input articles (JSON Lines as
// 'claimgraph load' reads them, e.g. ../shared/corpus/fakes_dev.jsonl) whose
// ids, dates, places and figures are varied so that extraction and linking
// do real work on each copy, as they would on new articles.
//
//	go run ./cmd/synth -n 100000 -seed 1 ../shared/corpus/fakes_dev.jsonl > synth.jsonl
//
// Copy k of an article (k = 0 is the article itself, unchanged) has the id
// "<id>-<k>", every year in its text and date fields moved by a period of
// eight years (the corpus spans seven, so copies are new incidents): 8, 16
// ... 80 years on, then 8 ... 104 years back, as far as years stay in
// 1900-2099, the years claimgraph reads. From copy 24 on the periods come
// round again, and each round also moves every month of a date one more on
// within its year (a day past the month's end becomes its last), so that
// copies sharing a period report other days, as a denser archive does. The
// names of major places are swapped by a permutation drawn for the copy, and every
// figure that is not part of a date is scaled by a factor drawn for the copy
// (0.75 to 1.35), so that the articles of one copy still agree with each
// other as the originals do. An article with no dateline (no year in its
// first 200 characters, nor a date field: 6 of the dev corpus's 383, whose
// feed metadata the corpus dropped) gets in each copy a "date" field, a day
// drawn for it in the copy's period, as an archive's feed supplies one;
// -undated keeps such copies undated, the worst case for linking (every
// undated report is weighed against its place's reports of every year).
// The output depends only on the input, -n, -seed and -undated.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "how many articles to write")
	seed := flag.Int64("seed", 1, "seed of the variations")
	keepUndated := flag.Bool("undated", false, "leave copies of articles without a date undated (the worst case for linking)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: synth [-n N] [-seed S] [-undated] ARTICLES.jsonl... > OUT.jsonl")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var base []map[string]any
	for _, path := range flag.Args() {
		arts, err := readJSONL(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		base = append(base, arts...)
	}
	if len(base) == 0 {
		fmt.Fprintln(os.Stderr, "synth: no articles in the input")
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	if err := write(w, base, *n, *seed, *keepUndated); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func readJSONL(path string) ([]map[string]any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a map[string]any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// write writes n articles: the copies 0, 1, 2 ... of base, in order.
func write(w io.Writer, base []map[string]any, n int, seed int64, keepUndated bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for k, written := 0, 0; written < n; k++ {
		v := newVariation(seed, k)
		v.undated = keepUndated
		for _, a := range base {
			if written == n {
				break
			}
			if err := enc.Encode(v.apply(a, k)); err != nil {
				return err
			}
			written++
		}
	}
	return nil
}

// places are the names a copy permutes: governorates' capitals and towns
// news names often, so that a copy's incidents move to other places.
var places = []string{"Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Daraa", "Raqqa",
	"Hasakah", "Palmyra", "Douma", "Manbij", "Afrin", "Qamishli", "Deir ez-Zor", "Quneitra"}

var (
	placeRE = regexp.MustCompile(`\b(` + strings.Join(places, "|") + `)\b`)
	yearRE  = regexp.MustCompile(`\b(19[5-9][0-9]|20[0-4][0-9])\b`)
	// digit runs: a run that is a year moves even glued to a word ("07.07.2015Get")
	digitsRE = regexp.MustCompile(`[0-9]+`)
	// a dateline whose year is glued to its day: "Apr 052017"
	gluedRE = regexp.MustCompile(`(?i)\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? ?\d{2})(19[5-9][0-9]|20[0-4][0-9])\b`)
	// dates whose day numbers must not be scaled: "05 Apr", "April 5"
	dateRE   = regexp.MustCompile(`(?i)\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{4}|\b\d{4}-\d{2}-\d{2}\b`)
	numberRE = regexp.MustCompile(`\b\d{1,3}(,\d{3})*\b`)
)

// variation is what copy k changes.
type variation struct {
	factor  float64
	swap    map[string]string
	rng     *rand.Rand // draws the copy's dates for articles without one
	undated bool       // leave articles without a date undated
}

func newVariation(seed int64, k int) variation {
	v := variation{factor: 1, swap: map[string]string{}}
	if k == 0 {
		return v
	}
	rng := rand.New(rand.NewSource(seed*1_000_003 + int64(k)))
	v.factor = 0.75 + 0.6*rng.Float64()
	perm := rng.Perm(len(places))
	for i, p := range places {
		v.swap[p] = places[perm[i]]
	}
	v.rng = rng
	return v
}

// apply returns copy k of article a.
func (v variation) apply(a map[string]any, k int) map[string]any {
	out := make(map[string]any, len(a))
	for key, val := range a {
		out[key] = val
	}
	if k == 0 {
		return out
	}
	if id, ok := a["id"]; ok {
		out["id"] = fmt.Sprintf("%v-%d", id, k)
	}
	for _, key := range []string{"title", "text", "date", "date_publish", "published"} {
		if s, ok := a[key].(string); ok {
			out[key] = v.text(s, k, key == "title" || key == "text")
		}
	}
	if !v.undated && undated(a) {
		first := time.Date(2011+shiftOf(k), 1, 1, 0, 0, 0, 0, time.UTC)
		out["date"] = first.AddDate(0, 0, v.rng.Intn(8*365)).Format("2006-01-02")
	}
	return out
}

// undated reports whether a has no dateline: no date field and no year in
// the first 200 characters of its text.
func undated(a map[string]any) bool {
	for _, key := range []string{"date", "date_publish", "published"} {
		if s, ok := a[key].(string); ok && s != "" {
			return false
		}
	}
	text, _ := a["text"].(string)
	if len(text) > 200 {
		text = text[:200]
	}
	return !yearRE.MatchString(text) && !looseYear(text)
}

// looseYear reports whether s holds a year glued to other characters.
func looseYear(s string) bool {
	for _, d := range digitsRE.FindAllString(s, -1) {
		if len(d) >= 4 && yearRE.MatchString(d[len(d)-4:]) {
			return true
		}
	}
	return false
}

// text moves the years of s k·8 years on and, for prose, swaps places and
// scales figures.
func (v variation) text(s string, k int, prose bool) string {
	shift := func(y string) string {
		n, _ := strconv.Atoi(y)
		return strconv.Itoa(n + shiftOf(k))
	}
	s = digitsRE.ReplaceAllStringFunc(s, func(d string) string {
		if yearRE.MatchString(d) && len(d) == 4 {
			return shift(d)
		}
		return d
	})
	s = gluedRE.ReplaceAllStringFunc(s, func(m string) string {
		return m[:len(m)-4] + shift(m[len(m)-4:])
	})
	if l := layerOf(k); l > 0 {
		s = rotateMonths(s, l)
	}
	if !prose {
		return s
	}
	s = placeRE.ReplaceAllStringFunc(s, func(p string) string { return v.swap[p] })
	protected := dateRE.FindAllStringIndex(s, -1)
	var b strings.Builder
	last := 0
	for _, m := range numberRE.FindAllStringIndex(s, -1) {
		if inside(m, protected) || yearRE.MatchString(s[m[0]:m[1]]) || nextIs(s, m[1], ":./%") || prevIs(s, m[0], ":./") {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s[m[0]:m[1]], ",", ""))
		if err != nil || n < 3 {
			continue // "one" or "two" dead recur everywhere; leave them
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(strconv.Itoa(int(math.Round(float64(n) * v.factor))))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// Copies move the corpus's years (2011-2019) by whole periods of eight
// years, first forward and then back, as far as dates stay in 1900-2099,
// the years claimgraph reads: periods later copies share.
const (
	forwardPeriods = 10 // up to 2099
	backPeriods    = 13 // down to 1907
	periods        = forwardPeriods + backPeriods
)

// shiftOf returns how many years copy k moves its years: 8, 16 ... 80,
// then -8 ... -104, and again from 8 for copies 24 to 46, and so on.
func shiftOf(k int) int {
	if k == 0 {
		return 0
	}
	i := (k - 1) % periods
	if i < forwardPeriods {
		return 8 * (i + 1)
	}
	return -8 * (i - forwardPeriods + 1)
}

// layerOf returns how many times the periods came round before copy k:
// copies of one period are kept apart by moving their months that many on.
func layerOf(k int) int {
	if k == 0 {
		return 0
	}
	return (k - 1) / periods
}

var (
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	// a month's name or its abbreviation, capitalized ("may" is a verb)
	monthAlt = `January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`
	monthRE  = regexp.MustCompile(`\b(` + monthAlt + `)\b`)
	// a day beside its month: "31 February", "February 31"
	dayMonthRE = regexp.MustCompile(`\b(?:(\d{1,2}) (` + monthAlt + `)|(` + monthAlt + `) (\d{1,2}))\b`)
	isoRE      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	dayMonthY  = regexp.MustCompile(`\b(\d{1,2})([-./])(\d{1,2})([-./])(\d{4})\b`)
)

// rotateMonths moves every month named or numbered in a date of s l months
// on within its year (December 2016 moved 1 on is January 2016), keeping the
// form it is written in; a day past the new month's end becomes its last.
func rotateMonths(s string, l int) string {
	rot := func(m int) int { return (m-1+l)%12 + 1 }
	s = monthRE.ReplaceAllStringFunc(s, func(name string) string {
		for i, full := range monthNames {
			if name == full {
				return monthNames[rot(i+1)-1]
			}
			if strings.HasPrefix(full, name) {
				return monthNames[rot(i+1)-1][:3]
			}
		}
		return name
	})
	s = dayMonthRE.ReplaceAllStringFunc(s, func(d string) string {
		m := dayMonthRE.FindStringSubmatch(d)
		day, name := m[1]+m[4], m[2]+m[3] // "31 November" or "November 31"
		if n, _ := strconv.Atoi(day); n > 28 {
			for i, full := range monthNames {
				if strings.HasPrefix(full, name) && n > daysIn(2001, i+1) {
					return strings.Replace(d, day, strconv.Itoa(daysIn(2001, i+1)), 1)
				}
			}
		}
		return d
	})
	s = isoRE.ReplaceAllStringFunc(s, func(d string) string {
		m := isoRE.FindStringSubmatch(d)
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 {
			return d
		}
		mo = rot(mo)
		return fmt.Sprintf("%s-%02d-%02d", m[1], mo, min(day, daysIn(y, mo)))
	})
	return dayMonthY.ReplaceAllStringFunc(s, func(d string) string {
		m := dayMonthY.FindStringSubmatch(d)
		y, _ := strconv.Atoi(m[5])
		mo, _ := strconv.Atoi(m[3])
		day, _ := strconv.Atoi(m[1])
		if mo < 1 || mo > 12 || m[2] != m[4] {
			return d
		}
		mo = rot(mo)
		return fmt.Sprintf("%0*d%s%0*d%s%s", len(m[1]), min(day, daysIn(y, mo)), m[2], len(m[3]), mo, m[4], m[5])
	})
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// prevIs reports whether s[i-1] is one of chars preceded by a digit (the
// "30" of "10:30").
func prevIs(s string, i int, chars string) bool {
	return i >= 2 && strings.ContainsRune(chars, rune(s[i-1])) && s[i-2] >= '0' && s[i-2] <= '9'
}

func inside(m []int, spans [][]int) bool {
	for _, sp := range spans {
		if m[0] >= sp[0] && m[1] <= sp[1] {
			return true
		}
	}
	return false
}

// nextIs reports whether s[i] is one of chars followed by a digit ("10:30",
// "2.5") or is "%".
func nextIs(s string, i int, chars string) bool {
	if i >= len(s) || !strings.ContainsRune(chars, rune(s[i])) {
		return false
	}
	return s[i] == '%' || i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'
}
