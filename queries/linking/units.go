package linking

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claimgraph/claimgraph/schema"
)

// iri is the claim's IRI, made when asked: held for every claim, the IRIs
// were 72 MB of a full link's heap at 100,000 articles.
func (lc *lclaim) iri() string { return schema.ClaimIRI(lc.doc.IRI, int(lc.n)) }

// lessIRI reports whether a's IRI sorts before b's.
func lessIRI(a, b *lclaim) bool {
	if a.doc.IRI == b.doc.IRI {
		return strconv.Itoa(int(a.n)) < strconv.Itoa(int(b.n))
	}
	return a.iri() < b.iri()
}

// copy reports whether the claim is in a copy of another article's text
// (see copies): relations are found among the first copy's claims only.
func (lc *lclaim) copy() bool { return lc.report != lc.doc }

// unnamedOutlet reports whether lc's origin is its article's outlet
// known by no id ("article:<id>"), not a source.
func (l *linker) unnamedOutlet(lc *lclaim) bool { return strings.HasPrefix(l.origin(lc), "article:") }

// origin returns a claim's origin id.
func (l *linker) origin(lc *lclaim) string { return l.names.str(lc.origin) }

// lclaim is a claim as linking sees it.
type lclaim struct {
	report   *ldoc // the first article with the same text (see copies)
	doc      *ldoc // its article (doc.IRI: not kept again in each claim, 15 MB at 100,000 articles)
	c        facts
	min, max float64
	origin   name  // origin id (linker.origin): claimant's organisation, claimant, outlet, or "article:<id>"
	perps    name  // its perpetrators, "+"-joined as extracted (schema.Claim.Perpetrator); "" for none
	restates int32 // for an unattributed claim restating a figure its article attributes: that claim's index, else -1
	unit     int32
	n        int32   // the claim's number in its article (schema.ClaimIRI)
	metric   metric  // schema.Claim.Metric
	side     victims // who the victims are (victimSide)
	// population is Who's group of victims (population): a byte, not the
	// decoded text
	population group
	// of the figure: it has a value (figure.Value; none: "dozens",
	// "scores", which agree and never contradict), a unit; it is
	// approximate, vague
	hasValue, hasUnit bool
	approx, vague     bool
	unnamed           bool // the origin is an unnamed source ("activists"): not known to be one body
	bounded           bool // has a numeric figure (not vague, some bound)
	subset            bool
}

// ldoc is an article as linking reads it: its names and dates, and the
// text its word triples are taken from (shingleSet), not its claims. At
// 100,000 articles the decoded articles' claims were 0.31 GB of a full
// link's 1.4 GB live; the linker holds none of them (collect).
type ldoc struct {
	IRI, ID          string
	Published        string // as extracted, "" when not stated
	PublishedWeekday string
	title            string
	outlet           string   // outlet id (its organisation's when it speaks for one), or "article:<id>"
	sentences        []string // the claims' sentences, each once, in the order of the claims; title and sentences dropped once relate has grouped the texts
	// src is the article given, set by newLinker when asked (Output.Again
	// tells the very articles apart by it); nil otherwise, so that the
	// caller may free the articles (Link, Collector).
	src *schema.Article
}

func newLdoc(d *schema.Article) *ldoc {
	ld := &ldoc{IRI: d.IRI, ID: d.ID, Published: d.Published, PublishedWeekday: d.PublishedWeekday, title: d.Title,
		outlet: "article:" + d.ID}
	if d.Outlet != nil {
		ld.outlet = cmp.Or(d.Outlet.SpeaksFor, d.Outlet.ID)
	}
	seen := map[int]bool{}
	for i := range d.Claims {
		c := &d.Claims[i]
		if !seen[c.Offset] {
			seen[c.Offset] = true
			ld.sentences = append(ld.sentences, c.Evidence)
		}
	}
	ld.sentences = slices.Clip(ld.sentences)
	return ld
}

// facts is what linking reads of a claim (schema.Claim) beyond what lclaim
// derives from it, by the same names. The figure's bounds are lclaim's min
// and max, its flags lclaim's, the metric, the perpetrators and the
// victims' population group too; the event's place is its unit's. Laid out
// small (56 bytes, lclaim's small fields beside lclaim's own): at 100,000
// articles there are 933,000 of them.
type facts struct {
	Claimant *schema.Source
	Via      *[]schema.Source // nil for none: a pointer, not a slice, in every claim
	Figure   figure
	Offset   int32
	// Explicit: the claimant is named with a cue ("said");
	// Carried: a claimant quoted through another (attributionCarried)
	Explicit, Carried bool
	Aggregate         bool
}

// figure is what linking reads of a schema.Figure besides its bounds and
// flags (lclaim): its text, and its value held here, not the decoded
// article's.
type figure struct {
	Text  string
	Value int64
}

func factsOf(c *schema.Claim) facts {
	fs := facts{Claimant: c.Claimant, Offset: int32(c.Offset), Figure: figure{Text: c.Figure.Text},
		Explicit: c.Attribution == "explicit", Carried: c.Attribution == attributionCarried, Aggregate: c.Aggregate}
	if c.Figure.Value != nil {
		fs.Figure.Value = *c.Figure.Value
	}
	if len(c.Via) > 0 {
		via := c.Via // the slice's header alone, not the decoded claim it is in
		fs.Via = &via
	}
	return fs
}

// claimOf returns what linking reads of claim c, the n-th of its article d
// (from 1), but for its origin and perpetrators (names of the linker's), its
// unit and restatement, which the collector and restatements set.
func claimOf(c *schema.Claim, n int, d *ldoc) lclaim {
	f := &c.Figure
	lc := lclaim{n: int32(n), doc: d, c: factsOf(c), metric: metricOf(c.Metric), population: populationOf(c.Who),
		hasValue: f.Value != nil, hasUnit: f.Unit != "", approx: f.Approx, vague: f.Vague,
		subset: c.SubsetOf >= 0}
	lc.min, lc.max = math.Inf(-1), math.Inf(1)
	if f.Min != nil {
		lc.min = float64(*f.Min)
	}
	if f.Max != nil {
		lc.max = float64(*f.Max)
	}
	lc.bounded = !f.Vague && f.Unit == "" && (f.Min != nil || f.Max != nil)
	lc.side = sideOf(c.Who)
	lc.subset = lc.subset || strings.Contains(lc.side.String(), "+")
	return lc
}

// unit is one per-article event: the claims of one article about one event node.
type unit struct {
	event    schema.EventKey    // the per-article event (its IRI made when written: 25 MB of a full link at 100,000 articles)
	also     *[]schema.EventKey // the article's other event nodes about the same incident (consolidate); nil for none, most units'
	doc      *ldoc              // its article
	kind     string
	place    *schema.Place
	lo, hi   int  // window in days since 1970-01-01
	dated    bool // from the event's own dates
	timeless bool // neither the event nor its article has a date
	agg      bool
	explicit bool      // start and end both known
	perps    *perpList // nil for none (perpetrators), most units'
	claims   []int
	// as extracted: the event's dates, days relative to publication (32
	// bits: days since 1970 and relative days, read as int)
	s, e         int32
	relLo, relHi int32
	hasS, hasE   bool
	rel          bool
	// before anchoring (anchor): an incident of an undated article that
	// anchoring dates, and a report that can vote for such a date
	anchorable, voter bool
}

// windows sets every unit's time window from its event's dates, else its
// article's publication date (stated, inferred, or anchored).
func (l *linker) windows() {
	for i := range l.units {
		u := &l.units[i]
		u.dated, u.explicit, u.timeless = false, false, false
		pub, hasPub := l.published(u.doc)
		back := l.opt.UndatedIncidentDays
		if u.agg {
			back = l.opt.UndatedAggregateDays
		}
		switch {
		case u.hasS && u.hasE:
			u.lo, u.hi, u.dated, u.explicit = int(u.s), int(u.e), true, true
		case u.hasS:
			u.lo, u.hi, u.dated = int(u.s), int(u.s), true
		case u.hasE:
			u.lo, u.hi, u.dated = int(u.e)-back, int(u.e), true
		case u.rel && hasPub:
			u.lo, u.hi, u.dated, u.explicit = pub+int(u.relLo), pub+int(u.relHi), true, true
		case hasPub:
			u.lo, u.hi = pub-back, pub
		default:
			u.lo, u.hi, u.timeless = math.MinInt32, math.MaxInt32, true
		}
		if u.lo > u.hi {
			// an event said to end before it starts ("from May to
			// March"): the days between, in order
			u.lo, u.hi = u.hi, u.lo
		}
		if !u.agg && u.dated && u.hi-u.lo > back {
			// an incident "earlier this month": bounded, but not dated
			u.dated, u.explicit = false, false
		}
	}
}

// published is an article's publication day: stated or inferred by
// extraction, else anchored by linking.
func (l *linker) published(d *ldoc) (int, bool) {
	if p, ok := parseDay(d.Published); ok {
		return p, true
	}
	a, ok := l.anchored[d.IRI]
	return a.day, ok
}

// copies maps each article to the first (dated before undated, then by IRI)
// of its copies: the articles whose claims are the same sentences with the
// same figures, published within copyDays of each other. One text loaded
// twice (under two ids, or syndicated word for word) is one report; the
// same sentences published months apart are two (a story rerun on an
// anniversary, boilerplate of a weekly bulletin). Dated copies form runs
// in which consecutive publication days are at most copyDays apart; an
// undated copy joins the earliest run. Copies join the linked events, and
// count as relays in circular reporting, but relations are found once,
// among the first copy's claims. keys gives each article with claims its
// copy key (the hash of its claims, whatever its date), from which copyKeys
// gives the keys an incremental relink probes ("x:").
func copies(docs []*schema.Article) (first map[string]string, keys map[string]string) {
	var cds []copyDoc
	for _, d := range docs {
		if cd, ok := copyDocOf(d); ok {
			cds = append(cds, cd)
		}
	}
	return copyRuns(cds)
}

// copyDoc is what copies reads of an article with claims: its copy key
// (the hash of its claims), its IRI and its publication day.
type copyDoc struct {
	iri   string
	key   [32]byte
	day   int
	dated bool
}

// copyDocOf returns d's copyDoc; false when d has no claims.
func copyDocOf(d *schema.Article) (copyDoc, bool) {
	if len(d.Claims) == 0 {
		return copyDoc{}, false
	}
	h := sha256.New()
	for i := range d.Claims {
		c := &d.Claims[i]
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00", c.Offset, c.Evidence, c.Metric, c.Figure.Text)
	}
	cd := copyDoc{iri: d.IRI}
	copy(cd.key[:], h.Sum(nil))
	cd.day, cd.dated = parseDay(d.Published)
	return cd, true
}

// copyRuns is copies over the articles' copyDocs: first holds the
// articles with claims only (an article without is its own first).
func copyRuns(docs []copyDoc) (first map[string]string, keys map[string]string) {
	groups := map[[32]byte][]copyDoc{}
	keys = map[string]string{}
	first = map[string]string{}
	for _, d := range docs {
		first[d.iri] = d.iri
		keys[d.iri] = fmt.Sprintf("%x", d.key[:12])
		groups[d.key] = append(groups[d.key], d)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		// dated by day (then IRI), the undated after them
		sort.Slice(g, func(i, j int) bool {
			a, b := g[i], g[j]
			if a.dated != b.dated {
				return a.dated
			}
			if a.day != b.day {
				return a.day < b.day
			}
			return a.iri < b.iri
		})
		runs := [][]copyDoc{{g[0]}}
		for i, c := range g[1:] {
			switch {
			case !c.dated:
				runs[0] = append(runs[0], c)
			case c.day-g[i].day <= copyDays:
				runs[len(runs)-1] = append(runs[len(runs)-1], c)
			default:
				runs = append(runs, []copyDoc{c})
			}
		}
		for _, run := range runs {
			f := ""
			for _, c := range run { // the first dated by IRI, else the first by IRI
				if f == "" || c.dated && c.iri < f {
					f = c.iri
				}
			}
			for _, c := range run {
				first[c.iri] = f
			}
		}
	}
	return first, keys
}

// copyKeys returns the keys (component.go) an article with copy key k
// (copies) published on published is indexed under and probes. Dated
// copies are one report when their days chain within copyDays, and an
// undated copy joins the earliest run: so a dated copy is indexed under
// its week ("x:K|W") and under every run ("x:K"), and probes the weeks
// within copyDays of its day and the undated copies ("x:K|-"); an undated
// copy is indexed under "x:K|-" and probes every run and the other undated
// copies. The same text years apart is not probed: a dated copy's run does
// not depend on it.
func copyKeys(k, published string) (index, probe []string) {
	day, dated := parseDay(published)
	if !dated {
		return []string{"x:" + k + "|-"}, []string{"x:" + k, "x:" + k + "|-"}
	}
	index = []string{"x:" + k, fmt.Sprintf("x:%s|%d", k, floorDiv(day, 7))}
	probe = []string{"x:" + k + "|-"}
	for w := floorDiv(day-copyDays, 7); w <= floorDiv(day+copyDays, 7); w++ {
		probe = append(probe, fmt.Sprintf("x:%s|%d", k, w))
	}
	return index, probe
}

// copyDays is how far apart, in days, two publications of the same
// sentences may be and still be one report.
const copyDays = 7

// collect reads docs (sorted by IRI) into the linker (collector).
func (l *linker) collect(docs []*schema.Article) {
	co := collector{l: l}
	for _, d := range docs {
		co.add(d)
	}
	co.finish()
}

// collector reads articles into the linker's own view of them, one after
// another in IRI order: l.docs, l.claims and l.units hold what linking
// reads of each article and claim (ldoc, facts) and nothing of the
// articles themselves, so that a caller reading a large store frees each
// article once added (Collector). finish then joins the copies (copies).
type collector struct {
	l   *linker
	cds []copyDoc
	// the article (IRI) whose units are collected, from unit from and
	// claim claimFrom on: consolidated when the next article comes
	iri             string
	from, claimFrom int
}

// add reads d into the linker, keeping none of d itself.
func (co *collector) add(d *schema.Article) {
	l := co.l
	if d.IRI != co.iri {
		l.consolidate(co.from, co.claimFrom)
		co.iri, co.from, co.claimFrom = d.IRI, len(l.units), len(l.claims)
	}
	ld := newLdoc(d)
	l.docs = append(l.docs, ld)
	if cd, ok := copyDocOf(d); ok {
		co.cds = append(co.cds, cd)
	}
	outlet := ld.outlet
	unitOf := map[schema.EventKey]int{} // the article's units by event
	for i := range d.Claims {
		c := &d.Claims[i]
		lc := claimOf(c, i+1, ld)
		switch {
		case c.Claimant != nil && c.Claimant.SpeaksFor != "":
			lc.origin = l.names.id(c.Claimant.SpeaksFor)
		case c.Claimant != nil:
			lc.origin = l.names.id(c.Claimant.ID)
		default:
			lc.origin = l.names.id(outlet)
		}
		lc.perps = l.names.id(c.Perpetrator)
		// "activists", "a source": unnamed sources of one kind are one
		// origin across articles, since nothing shows them independent
		lc.unnamed = c.Claimant != nil && c.Claimant.Kind == "unnamed"
		ev := schema.EventKeyOf(c.Event)
		u, ok := unitOf[ev]
		if !ok {
			u = len(l.units)
			unitOf[ev] = u
			nu := unit{event: ev, doc: ld, kind: c.Event.Kind, place: c.Event.Place,
				agg: c.Event.Kind == "aggregate" || c.Event.Kind == schema.KindWar}
			// parseDay's days (years 0 to 9999) fit 32 bits
			s, hasS := parseDay(c.Event.Start)
			e, hasE := parseDay(c.Event.End)
			nu.s, nu.e, nu.hasS, nu.hasE = int32(s), int32(e), hasS, hasE
			if rs, re := c.Event.RelStart, c.Event.RelEnd; rs != nil && re != nil && fits32(int64(*rs)) && fits32(int64(*re)) {
				nu.rel, nu.relLo, nu.relHi = true, int32(*rs), int32(*re)
			}
			l.units = append(l.units, nu)
		}
		lc.unit = int32(u)
		if ps := perpsOf(l.names.str(lc.perps)); len(ps) > 0 {
			l.units[u].setPerpetrators(l.units[u].perpetrators().with(ps...))
		}
		l.units[u].claims = append(l.units[u].claims, len(l.claims))
		l.claims = append(l.claims, lc)
	}
}

// finish joins each article to the first of its copies (copies) once
// every article is added, and trims the claims to their number: they
// are most of what the linker holds.
func (co *collector) finish() {
	l := co.l
	l.consolidate(co.from, co.claimFrom)
	if cap(l.units)-len(l.units) > len(l.units)/32 {
		l.units = append(make([]unit, 0, len(l.units)), l.units...)
	}
	first, keys := copyRuns(co.cds)
	co.cds = nil
	l.copyKey = keys
	report := func(iri string) string {
		if f, ok := first[iri]; ok {
			return f
		}
		return iri
	}
	docOf := make(map[string]*ldoc, len(first))
	for _, d := range l.docs {
		l.part.union(d.IRI, report(d.IRI))
		if _, ok := first[d.IRI]; ok {
			docOf[d.IRI] = d
		}
	}
	if cap(l.claims)-len(l.claims) > len(l.claims)/32 { // not the few left by Collector.Grow's rounding
		l.claims = append(make([]lclaim, 0, len(l.claims)), l.claims...)
	}
	for i := range l.claims {
		c := &l.claims[i]
		if f, ok := first[c.doc.IRI]; ok && f != c.doc.IRI {
			c.report = docOf[f]
		} else {
			c.report = c.doc
		}
	}
}

// perpList is perpetrators, sorted, each once; nil for none: a unit's, or
// a claim's (perpsOf). A slice, not a set: at 100,000 articles the units'
// maps were 26 MB of a full link's heap at its peak.
type perpList []string

// perpsOf returns a claim's perpetrators (lclaim.perps) as a list.
func perpsOf(perps string) perpList {
	if perps == "" {
		return nil
	}
	return perpList(nil).with(strings.Split(perps, "+")...)
}

// with returns ps with names added, a new list when it adds one: ps may
// be shared (consolidate merges into a copy of a unit, which shares the
// unit's list).
func (ps perpList) with(names ...string) perpList {
	for _, p := range names {
		i, found := slices.BinarySearch(ps, p)
		if !found {
			ps = slices.Insert(slices.Clip(ps), i, p)
		}
	}
	return ps
}

// overlaps reports whether ps and qs name a perpetrator in common.
func (ps perpList) overlaps(qs perpList) bool {
	for _, p := range ps {
		if _, found := slices.BinarySearch(qs, p); found {
			return true
		}
	}
	return false
}

// within reports whether every perpetrator of ps is one of qs.
func (ps perpList) within(qs perpList) bool {
	for _, p := range ps {
		if _, found := slices.BinarySearch(qs, p); !found {
			return false
		}
	}
	return true
}

// String formats the list as "a+b", when formatted (evidence.add).
func (ps *perpList) String() string { return strings.Join(*ps, "+") }

// perpetrators returns the unit's perpetrators, nil for none.
func (u *unit) perpetrators() perpList {
	if u.perps == nil {
		return nil
	}
	return *u.perps
}

// setPerpetrators sets the unit's perpetrators to ps.
func (u *unit) setPerpetrators(ps perpList) {
	if len(ps) == 0 {
		u.perps = nil
		return
	}
	u.perps = &ps
}

// others returns the unit's other event nodes (also).
func (u *unit) others() []schema.EventKey {
	if u.also == nil {
		return nil
	}
	return *u.also
}

// fits32 reports whether n fits 32 bits: relative days past them are
// taken for none.
func fits32(n int64) bool { return n == int64(int32(n)) }

func parseDay(s string) (int, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return int(t.Unix() / 86400), true
		}
	}
	return 0, false
}

func dayString(lo, hi int) string {
	f := func(d int) string { return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02") }
	if lo == hi {
		return f(lo)
	}
	return f(lo) + ".." + f(hi)
}

// metric is a claim's metric (schema.Claim.Metric) as a number, so that a
// claim holds two bytes, not a 16-byte string. Metrics are the few that
// schema and extraction's data name, never read from an article's text, so
// the numbers they are given (in the order first met, for this process)
// stay few; they are compared as numbers, and named (String) where a
// metric is written or ordered.
type metric uint16

// metrics numbers the metrics met; "" (none) is 0, the zero value. The
// names are read without a lock (String is called for every key a claim
// votes under, on every core): a new metric, rare, replaces the list.
var metrics = struct {
	mu    sync.Mutex // for a new metric
	ids   map[string]metric
	names atomic.Pointer[[]string]
}{ids: map[string]metric{"": 0}}

// The metrics linking compares with by name.
const noMetric metric = 0

var (
	metricKilled = metricOf(schema.MetricKilled)
	metricOther  = metricOf(schema.MetricOther)
)

// metricOf returns the number of the metric named s.
func metricOf(s string) metric {
	metrics.mu.Lock()
	defer metrics.mu.Unlock()
	if m, ok := metrics.ids[s]; ok {
		return m
	}
	names := []string{""} // none stored yet: the first metricOf, in the package's variables
	if p := metrics.names.Load(); p != nil {
		names = *p
	}
	if len(names) > math.MaxUint16 {
		panic(fmt.Sprintf("linking: more than %d metrics", math.MaxUint16+1)) // only data files name them
	}
	m := metric(len(names))
	metrics.ids[s] = m
	names = append(slices.Clip(names), s) // a new list: the old one may be read
	metrics.names.Store(&names)
	return m
}

// String names the metric (schema.Metric…).
func (m metric) String() string { return (*metrics.names.Load())[m] }

// name is a string held many times over (a claim's origin, its list of
// perpetrators; an area in the candidate pairs' index) as its number in a
// table (names): a claim holds 4 bytes for it, not a 16-byte string
// header. 0 is "".
type name int32

// names numbers names: the linker's of its claims (linker.names), written
// only while articles are collected, so read (str) from every core after;
// the block index's of its areas.
type names struct {
	ids  map[string]name
	list []string
}

// id returns the number of s, numbering it the first time.
func (n *names) id(s string) name {
	if s == "" {
		return 0
	}
	if i, ok := n.ids[s]; ok {
		return i
	}
	if n.ids == nil {
		n.ids, n.list = map[string]name{}, []string{""}
	}
	i := name(len(n.list))
	n.ids[s] = i
	n.list = append(n.list, s)
	return i
}

// str returns the string numbered i.
func (n *names) str(i name) string {
	if i == 0 {
		return ""
	}
	return n.list[i]
}
