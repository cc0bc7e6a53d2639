package linking

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// Version is the version of the linking rules; it is written with the
// output (schema.LinkerVersion) and is part of its content hash.
const Version = "link-1"

// Options configure the linker. The zero value is ready to use.
type Options struct {
	// UndatedIncidentDays is how far before an article's publication date an
	// incident the article gives no date for may have happened; 0 means 7.
	UndatedIncidentDays int
	// UndatedAggregateDays is the same for running tallies; 0 means 31.
	UndatedAggregateDays int
	// NearKm is the distance under which two places (not governorates) count
	// as the same area; 0 means 75.
	NearKm float64
	// MaxRatio: two disjoint figures from different origins whose ratio
	// (larger lower bound over smaller upper bound) is at least MaxRatio are
	// taken for different scopes (a total and one incident's toll, which
	// extraction does not always mark) rather than one disputed toll, and are
	// not reported; 0 means 1.4. One origin's figures (revisions) are always
	// compared.
	MaxRatio float64
}

func (o Options) withDefaults() Options {
	if o.UndatedIncidentDays <= 0 {
		o.UndatedIncidentDays = 7
	}
	if o.UndatedAggregateDays <= 0 {
		o.UndatedAggregateDays = 31
	}
	if o.NearKm <= 0 {
		o.NearKm = 75
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = 1.4
	}
	return o
}

// Result counts what the linker found.
type Result struct {
	Articles       int           `json:"articles"`
	Claims         int           `json:"claims"`
	Events         int           `json:"events"` // linked events
	Corroborations int           `json:"corroborations"`
	Contradictions int           `json:"contradictions"`
	Circular       int           `json:"circular"`
	Anchored       int           `json:"anchored"` // undated articles dated by the reports they share incidents with
	Quads          int           `json:"quads"`    // linking quads, the content hash included
	Outcome        string        `json:"outcome"`  // added, replaced or unchanged
	Elapsed        time.Duration `json:"-"`
}

// copy reports whether the claim is in a copy of another article's text
// (see copies): relations are found among the first copy's claims only.
func (lc *lclaim) copy() bool { return lc.report != lc.article }

// lclaim is a claim as linking sees it.
type lclaim struct {
	iri      string
	article  string // article IRI
	report   string // the IRI of the first article with the same text (see copies)
	doc      *schema.Article
	c        *schema.Claim
	origin   string // origin id: claimant's organisation, claimant, outlet, or "article:<id>"
	originIR string // origin IRI (a source IRI), "" when the origin is an unnamed outlet
	outlet   string // outlet id or "article:<id>"
	min, max float64
	bounded  bool // has a numeric figure (not vague, some bound)
	coarse   bool // no number stated ("dozens", "scores"): agrees, never contradicts
	side     string
	perps    []string
	subset   bool
	unit     int
}

// unit is one per-article event: the claims of one article about one event node.
type unit struct {
	event    string // the per-article event IRI
	article  string
	doc      *schema.Article
	kind     string
	place    *schema.Place
	lo, hi   int  // window in days since 1970-01-01
	dated    bool // from the event's own dates
	timeless bool // neither the event nor its article has a date
	agg      bool
	perps    map[string]bool
	claims   []int
	explicit bool // start and end both known
	// as extracted: the event's dates, days relative to publication
	s, e         int
	hasS, hasE   bool
	rel          bool
	relLo, relHi int
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
			u.lo, u.hi, u.dated, u.explicit = u.s, u.e, true, true
		case u.hasS:
			u.lo, u.hi, u.dated = u.s, u.s, true
		case u.hasE:
			u.lo, u.hi, u.dated = u.e-back, u.e, true
		case u.rel && hasPub:
			u.lo, u.hi, u.dated, u.explicit = pub+u.relLo, pub+u.relHi, true, true
		case hasPub:
			u.lo, u.hi = pub-back, pub
		default:
			u.lo, u.hi, u.timeless = math.MinInt32, math.MaxInt32, true
		}
		if !u.agg && u.dated && u.hi-u.lo > back {
			// an incident "earlier this month": bounded, but not dated
			u.dated, u.explicit = false, false
		}
	}
}

// published is an article's publication day: stated or inferred by
// extraction, else anchored by linking.
func (l *linker) published(d *schema.Article) (int, bool) {
	if p, ok := parseDay(d.Published); ok {
		return p, true
	}
	a, ok := l.anchored[d.IRI]
	return a.day, ok
}

// Quads computes the linking output of docs (in any order): the quads
// labelled schema.LinkingIRI, sorted, the content hash included, and counts.
func Quads(docs []*schema.Article, opt Options) ([]quad.Quad, Result) {
	opt = opt.withDefaults()
	docs = append([]*schema.Article(nil), docs...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].IRI < docs[j].IRI })
	l := &linker{opt: opt}
	l.collect(docs)
	l.anchor(docs)
	l.windows()
	l.cluster()
	l.relate()
	res := Result{Articles: len(docs), Claims: len(l.claims)}
	qs := l.quads(&res)
	return qs, res
}

type linker struct {
	opt      Options
	claims   []lclaim
	units    []unit
	parent   []int
	anchored map[string]anchor // article IRI -> publication day anchored by linking
	// results
	events   []levent
	corrobs  []relation
	contras  []relation
	circular []relation
}

type levent struct {
	iri    string
	units  []int
	claims []int
}

type relation struct {
	iri     string
	kind    string // contradiction kind, or ""
	metric  string
	event   int // index into events
	claims  []int
	origins []string // origin ids
	outlets []string
	why     string
}

// copies maps each article to the first (dated before undated, then by IRI)
// of the articles whose claims are the same sentences with the same
// figures: one text loaded
// twice (under two ids, or syndicated word for word) is one report. Its
// copies join the linked events, and count as relays in circular
// reporting, but relations are found once, among the first copy's claims.
func copies(docs []*schema.Article) map[string]string {
	key := func(d *schema.Article) [32]byte {
		h := sha256.New()
		for i := range d.Claims {
			c := &d.Claims[i]
			fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00", c.Offset, c.Evidence, c.Metric, c.Figure.Text)
		}
		var k [32]byte
		copy(k[:], h.Sum(nil))
		return k
	}
	// the first copy carries the relations: a dated one before an undated
	// one (its claims are dated), then the first by IRI (docs are sorted)
	first := map[[32]byte]string{}
	for _, dated := range []bool{true, false} {
		for _, d := range docs {
			if len(d.Claims) == 0 || (d.Published != "") != dated {
				continue
			}
			if k := key(d); first[k] == "" {
				first[k] = d.IRI
			}
		}
	}
	out := map[string]string{}
	for _, d := range docs {
		out[d.IRI] = d.IRI
		if len(d.Claims) > 0 {
			out[d.IRI] = first[key(d)]
		}
	}
	return out
}

func (l *linker) collect(docs []*schema.Article) {
	unitOf := map[string]int{}
	copyOf := copies(docs)
	for _, d := range docs {
		outlet := "article:" + d.ID
		if d.Outlet != nil {
			outlet = d.Outlet.ID
		}
		for i := range d.Claims {
			c := &d.Claims[i]
			lc := lclaim{iri: schema.ClaimIRI(d.IRI, i+1), article: d.IRI, report: copyOf[d.IRI], doc: d, c: c, outlet: outlet, subset: c.SubsetOf >= 0}
			switch {
			case c.Claimant != nil && c.Claimant.SpeaksFor != "":
				lc.origin = c.Claimant.SpeaksFor
			case c.Claimant != nil:
				lc.origin = c.Claimant.ID
			default:
				lc.origin = outlet
			}
			if !strings.HasPrefix(lc.origin, "article:") {
				lc.originIR = schema.SourceIRI(lc.origin)
			}
			if c.Claimant != nil && c.Claimant.Kind == "unnamed" {
				// "activists", "a source": unnamed sources in two articles are not one origin
				lc.origin = c.Claimant.ID + "@" + d.ID
			}
			f := c.Figure
			lc.min, lc.max = math.Inf(-1), math.Inf(1)
			if f.Min != nil {
				lc.min = float64(*f.Min)
			}
			if f.Max != nil {
				lc.max = float64(*f.Max)
			}
			lc.bounded = !f.Vague && f.Unit == "" && (f.Min != nil || f.Max != nil)
			lc.coarse = f.Value == nil
			lc.side = victimSide(c.Who)
			lc.subset = lc.subset || strings.Contains(lc.side, "+")
			if c.Perpetrator != "" {
				lc.perps = strings.Split(c.Perpetrator, "+")
			}
			ev := schema.EventIRI(c.Event)
			key := ev + "\x00" + d.IRI
			u, ok := unitOf[key]
			if !ok {
				u = len(l.units)
				unitOf[key] = u
				nu := unit{event: ev, article: d.IRI, doc: d, kind: c.Event.Kind, place: c.Event.Place,
					agg: c.Event.Kind == "aggregate", perps: map[string]bool{}}
				nu.s, nu.hasS = parseDay(c.Event.Start)
				nu.e, nu.hasE = parseDay(c.Event.End)
				if c.Event.RelStart != nil && c.Event.RelEnd != nil {
					nu.rel, nu.relLo, nu.relHi = true, int(*c.Event.RelStart), int(*c.Event.RelEnd)
				}
				l.units = append(l.units, nu)
			}
			lc.unit = u
			for _, p := range lc.perps {
				l.units[u].perps[p] = true
			}
			l.units[u].claims = append(l.units[u].claims, len(l.claims))
			l.claims = append(l.claims, lc)
		}
	}
}

// victimSide tells, from the words naming who a figure counts, whether the
// dead are fighters of an armed group ("ISIS fighters", "Daesh terrorists")
// or civilians ("two children") rather than government forces or people at
// large, and whether they are a rank
// ("four senior officers", "a colonel") or the claimant's own members ("10
// of its fighters"): a sub-population of a toll, which only agrees or
// disagrees with counts of the same kind. "" when it cannot tell.
func victimSide(who string) string {
	side := ""
	words := strings.FieldsFunc(strings.ToLower(who), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		if linkWords.armed[w] {
			side = "armed-group"
			break
		}
		if linkWords.civilian[w] || linkWords.part[w] {
			side = "civilian"
			break
		}
	}
	for _, w := range words {
		if linkWords.rank[w] {
			return side + "+rank"
		}
	}
	for _, w := range words {
		if linkWords.own[w] {
			return side + "+own"
		}
		if linkWords.part[w] {
			return side + "+part"
		}
	}
	return side
}

//go:embed data/linking.tsv
var linkingTSV string

// linkWords is data/linking.tsv: the words that tell victims' sides, ranks
// and families of event kinds.
var linkWords = func() (w struct {
	armed, civilian, part, rank, own map[string]bool
	family                           map[string]string
}) {
	w.armed, w.civilian, w.part, w.rank, w.own = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	w.family = map[string]string{}
	for n, line := range strings.Split(linkingTSV, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("linking: data/linking.tsv:%d: want 3 tab-separated fields", n+1))
		}
		for _, word := range strings.Split(f[2], "|") {
			switch f[0] {
			case "armed-group":
				w.armed[word] = true
			case "civilian":
				w.civilian[word] = true
			case "part":
				w.part[word] = true
			case "rank":
				w.rank[word] = true
			case "own":
				w.own[word] = true
			case "family":
				w.family[word] = f[1]
			}
		}
	}
	return w
}()

func kindsCompatible(a, b string) bool {
	if a == schema.KindEarlier || b == schema.KindEarlier {
		return false
	}
	if a == b {
		return true
	}
	if a == "aggregate" || b == "aggregate" {
		return false
	}
	if a == "" || b == "" || a == "attack" || b == "attack" {
		return true
	}
	fa, fb := linkWords.family[a], linkWords.family[b]
	return fa != "" && fa == fb
}

func isGovernorate(p *schema.Place) bool {
	return p != nil && (p.Kind == "governorate" || p.Within == "")
}

// placeScore: 4 for the same place, 3 for one within the other, 2 for two
// places (not governorates) near each other or aggregates in one governorate,
// 1 for two neighbouring governorates named for short, stated windows
// (the windows themselves are checked by score), 0 otherwise.
func (l *linker) placeScore(a, b *unit) int {
	p, q := a.place, b.place
	if p == nil || q == nil {
		if p == nil && q == nil {
			return 1
		}
		return 0
	}
	if p.ID == q.ID {
		return 4
	}
	if p.Within == q.ID || q.Within == p.ID {
		return 3
	}
	if a.agg && b.agg {
		if p.Admin1 != "" && p.Admin1 == q.Admin1 {
			return 2
		}
		return 0
	}
	if !p.HasCoords || !q.HasCoords {
		return 0
	}
	d := distanceKm(p.Lat, p.Lon, q.Lat, q.Lon)
	if !isGovernorate(p) && !isGovernorate(q) {
		if d <= l.opt.NearKm {
			return 2
		}
		return 0
	}
	// Two governorates named for events on the same, stated day: a border
	// area ("outskirts of Aleppo" / "outside Idlib") can be named either way.
	if isGovernorate(p) && isGovernorate(q) && a.dated && b.dated && a.hi-a.lo <= 2 && b.hi-b.lo <= 2 && d <= 2*l.opt.NearKm {
		return 1
	}
	return 0
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// score rates how well two units of different articles match: 0 when they
// cannot be one event, higher for a closer match.
func (l *linker) score(a, b *unit) int {
	if a.agg != b.agg || !kindsCompatible(a.kind, b.kind) {
		return 0
	}
	// With no date at all (neither the event's nor the article's), only a
	// report of the same place or a place within it can be the same event,
	// and if that one is dated, only an event of the same kind.
	if a.timeless || b.timeless {
		if l.placeScore(a, b) < 3 || !(a.timeless && b.timeless) && a.kind != b.kind {
			return 0
		}
	}
	// overlapping or adjacent windows
	if a.lo > b.hi+1 || b.lo > a.hi+1 {
		return 0
	}
	if len(a.perps) > 0 && len(b.perps) > 0 && !overlaps(a.perps, b.perps) {
		return 0
	}
	p := l.placeScore(a, b)
	if p == 0 {
		return 0
	}
	s := 4 * p
	if a.dated && b.dated {
		s += 2
	}
	if a.kind == b.kind {
		s++
	}
	return s
}

func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func (l *linker) find(i int) int {
	for l.parent[i] != i {
		l.parent[i] = l.parent[l.parent[i]]
		i = l.parent[i]
	}
	return i
}

func (l *linker) union(i, j int) {
	ri, rj := l.find(i), l.find(j)
	if ri == rj {
		return
	}
	if rj < ri {
		ri, rj = rj, ri
	}
	l.parent[rj] = ri
}

// cluster unites compatible units into linked events by complete linkage:
// candidate pairs are taken best first (same place before a place within
// another before a nearby place; stated dates first), ties broken by the
// units' IRIs, and two clusters merge only when every unit of one is
// compatible with every unit of the other. Both the order and the test
// depend only on the units' content, so the result does not depend on the
// order articles were loaded in; and a governorate-wide or undated report
// cannot chain unrelated incidents together.
func (l *linker) cluster() {
	n := len(l.units)
	l.parent = make([]int, n)
	members := make([][]int, n)
	for i := range l.parent {
		l.parent[i] = i
		members[i] = []int{i}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	key := func(u int) string { return l.units[u].event + "\x00" + l.units[u].article }
	sort.Slice(order, func(i, j int) bool { return key(order[i]) < key(order[j]) })
	type pair struct {
		a, b  int
		score int
	}
	var pairs []pair
	for x := 0; x < n; x++ {
		for y := x + 1; y < n; y++ {
			i, j := order[x], order[y]
			a, b := &l.units[i], &l.units[j]
			if s := l.score(a, b); s > 0 {
				pairs = append(pairs, pair{x, y, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	for _, p := range pairs {
		i, j := order[p.a], order[p.b]
		ri, rj := l.find(i), l.find(j)
		if ri == rj {
			continue
		}
		ok := true
		for _, u := range members[ri] {
			for _, v := range members[rj] {
				a, b := &l.units[u], &l.units[v]
				if l.score(a, b) == 0 {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		l.union(ri, rj)
		r := l.find(ri)
		merged := append(append([]int(nil), members[ri]...), members[rj]...)
		members[ri], members[rj] = nil, nil
		members[r] = merged
	}
	groups := map[int][]int{}
	for i := range l.units {
		r := l.find(i)
		groups[r] = append(groups[r], i)
	}
	for _, us := range groups {
		var e levent
		e.units = us
		var iris []string
		for _, u := range us {
			e.claims = append(e.claims, l.units[u].claims...)
		}
		sort.Ints(e.claims)
		for _, c := range e.claims {
			iris = append(iris, l.claims[c].iri)
		}
		e.iri = schema.LinkedEventIRI(iris)
		l.events = append(l.events, e)
	}
	sort.Slice(l.events, func(i, j int) bool { return l.events[i].iri < l.events[j].iri })
}

// relate finds corroborations, contradictions and circular reporting within
// each linked event, and date contradictions between events.
func (l *linker) relate() {
	for ei := range l.events {
		e := &l.events[ei]
		// comparable groups: metric, victims' side, subset or not
		type gk struct {
			metric, side string
			subset       bool
		}
		groups := map[gk][]int{}
		for _, c := range e.claims {
			lc := &l.claims[c]
			if lc.c.Metric == "" || lc.c.Metric == schema.MetricOther || lc.copy() {
				continue
			}
			if lc.c.Figure.Unit != "" {
				continue
			}
			k := gk{lc.c.Metric, lc.side, lc.subset}
			groups[k] = append(groups[k], c)
		}
		keys := make([]gk, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].metric != keys[j].metric {
				return keys[i].metric < keys[j].metric
			}
			if keys[i].side != keys[j].side {
				return keys[i].side < keys[j].side
			}
			return !keys[i].subset && keys[j].subset
		})
		for _, k := range keys {
			cs := groups[k]
			l.corroborate(ei, k.metric, cs)
			if !k.subset {
				l.contradict(ei, k.metric, cs)
			}
		}
		l.circularOf(ei)
	}
	l.jointStatements()
	l.dateContradictions()
	sort.Slice(l.corrobs, func(i, j int) bool { return l.corrobs[i].iri < l.corrobs[j].iri })
	sort.Slice(l.contras, func(i, j int) bool { return l.contras[i].iri < l.contras[j].iri })
	sort.Slice(l.circular, func(i, j int) bool { return l.circular[i].iri < l.circular[j].iri })
}

// jointStatements corroborates the claims one sentence credits to several
// sources ("attacks have surged, according to SOHR and pro-regime media"):
// statements without a figure, which no event grouping compares, backed by
// each source the sentence names.
func (l *linker) jointStatements() {
	eventOf := map[int]int{}
	for ei, e := range l.events {
		for _, c := range e.claims {
			eventOf[c] = ei
		}
	}
	have := map[string]bool{}
	for _, r := range l.corrobs {
		have[r.iri] = true
	}
	type key struct {
		article string
		offset  int
		metric  string
	}
	groups := map[key][]int{}
	var keys []key
	for i := range l.claims {
		lc := &l.claims[i]
		if lc.copy() {
			continue
		}
		if lc.c.Metric == "" || !figureless(lc) || lc.c.Claimant == nil {
			continue
		}
		k := key{lc.article, lc.c.Offset, lc.c.Metric}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range keys {
		cs := groups[k]
		if len(cs) < 2 || len(l.originsOf(cs)) < 2 {
			continue
		}
		if have[schema.RelationIRI("corroboration", l.iris(cs))] || l.withinCorroboration(cs) {
			continue
		}
		l.addCorroboration(eventOf[cs[0]], k.metric, cs, fmt.Sprintf("one sentence of %s credits the statement (%s) to %d sources",
			l.claims[cs[0]].doc.ID, k.metric, len(l.originsOf(cs))))
	}
}

// withinCorroboration reports whether a corroboration found already holds
// every claim of cs.
func (l *linker) withinCorroboration(cs []int) bool {
	for _, r := range l.corrobs {
		if subsetOf(cs, r.claims) {
			return true
		}
	}
	return false
}

// independent reports whether a group is worth reporting: claims from two
// articles or two origins (one statement split in one article is not).
func (l *linker) worthReporting(cs []int) bool {
	arts, origins := map[string]bool{}, map[string]bool{}
	for _, c := range cs {
		arts[l.claims[c].report] = true
		origins[l.claims[c].origin] = true
	}
	return len(cs) >= 2 && (len(arts) >= 2 || len(origins) >= 2)
}

func (l *linker) originsOf(cs []int) []string {
	set := map[string]bool{}
	for _, c := range cs {
		set[l.claims[c].origin] = true
	}
	return sortedKeys(set)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// corroborate groups claims whose intervals share a value: the maximal sets
// of intervals with a common point (in one dimension, pairwise overlap is
// the same as a common point), tallies only with tallies over the same
// window. Claims without a figure (a responsibility claim, a seizure)
// corroborate each other on the metric alone.
func (l *linker) corroborate(ei int, metric string, cs []int) {
	var bounded, unbounded []int
	for _, c := range cs {
		lc := &l.claims[c]
		if lc.bounded {
			bounded = append(bounded, c)
		} else if !lc.c.Figure.Vague && lc.c.Figure.Min == nil && lc.c.Figure.Max == nil && lc.c.Figure.Text == "" {
			unbounded = append(unbounded, c)
		}
	}
	if len(unbounded) >= 2 && l.worthReporting(unbounded) {
		l.addCorroboration(ei, metric, unbounded, "same event, both say "+metric+" without a figure")
	}
	for _, part := range l.byWindow(bounded) {
		l.overlapping(ei, metric, part)
	}
}

// maxTallies bounds the tallies of one event and metric whose windows
// byWindow compares pairwise.
const maxTallies = 40

// byWindow splits claims into the incidents' figures and, for running
// tallies, groups of tallies over the same stated window (sameWindow): a
// tally agrees or disagrees only with a tally of the same window.
func (l *linker) byWindow(cs []int) [][]int {
	var incidents, tallies []int
	for _, c := range cs {
		if l.claims[c].c.Aggregate {
			tallies = append(tallies, c)
		} else {
			incidents = append(incidents, c)
		}
	}
	// by window, then claim IRI: the groups depend on the windows, not on
	// the order or the names of the articles
	sort.Slice(tallies, func(i, j int) bool {
		a, b := &l.units[l.claims[tallies[i]].unit], &l.units[l.claims[tallies[j]].unit]
		if a.lo != b.lo || a.hi != b.hi {
			return a.lo < b.lo || a.lo == b.lo && a.hi < b.hi
		}
		return l.claims[tallies[i]].iri < l.claims[tallies[j]].iri
	})
	// the maximal sets of tallies whose windows are pairwise the same
	// (sameWindow is not transitive: Jan 1-Apr 10 and Jan 11-Apr 20 both
	// match Jan 6-Apr 15, not each other)
	same := func(a, b int) bool { return sameWindow(&l.units[l.claims[a].unit], &l.units[l.claims[b].unit]) }
	var groups [][]int
	var extend func(clique, candidates, excluded []int)
	extend = func(clique, candidates, excluded []int) {
		if len(candidates) == 0 && len(excluded) == 0 {
			groups = append(groups, append([]int(nil), clique...))
			return
		}
		for len(candidates) > 0 {
			v := candidates[0]
			var nc, ne []int
			for _, w := range candidates[1:] {
				if same(v, w) {
					nc = append(nc, w)
				}
			}
			for _, w := range excluded {
				if same(v, w) {
					ne = append(ne, w)
				}
			}
			extend(append(clique, v), nc, ne)
			candidates = candidates[1:]
			excluded = append(excluded, v)
		}
	}
	if len(tallies) <= maxTallies {
		extend(nil, tallies, nil)
	} else {
		for _, t := range tallies {
			groups = append(groups, []int{t}) // too many to compare: none agrees
		}
	}
	return append([][]int{incidents}, groups...)
}

// overlapping reports the maximal sets of claims whose intervals share a value.
func (l *linker) overlapping(ei int, metric string, bounded []int) {
	// candidate points: every lower bound and every upper bound
	var points []float64
	for _, c := range bounded {
		lc := &l.claims[c]
		if !math.IsInf(lc.min, 0) {
			points = append(points, lc.min)
		}
		if !math.IsInf(lc.max, 0) {
			points = append(points, lc.max)
		}
	}
	sort.Float64s(points)
	var sets [][]int
	for _, p := range points {
		var set []int
		for _, c := range bounded {
			if l.claims[c].min <= p && p <= l.claims[c].max {
				set = append(set, c)
			}
		}
		if len(set) >= 2 {
			sets = append(sets, set)
		}
	}
	// keep the maximal sets
	for i, s := range sets {
		maximal := true
		for j, t := range sets {
			if i != j && subsetOf(s, t) && (len(s) < len(t) || j < i) {
				maximal = false
				break
			}
		}
		if maximal && l.worthReporting(s) {
			l.addCorroboration(ei, metric, s, "")
		}
	}
}

func subsetOf(a, b []int) bool {
	m := map[int]bool{}
	for _, x := range b {
		m[x] = true
	}
	for _, x := range a {
		if !m[x] {
			return false
		}
	}
	return true
}

func (l *linker) addCorroboration(ei int, metric string, cs []int, why string) {
	cs = append([]int(nil), cs...)
	sort.Ints(cs)
	origins := l.originsOf(cs)
	if why == "" {
		var figs []string
		for _, c := range cs {
			figs = append(figs, l.describe(c))
		}
		why = fmt.Sprintf("same event and metric (%s), intervals overlap: %s", metric, strings.Join(figs, "; "))
	}
	if len(origins) == 1 {
		why += fmt.Sprintf("; one origin (%s) relayed, not independent", origins[0])
	} else {
		why += fmt.Sprintf("; %d independent origins (%s)", len(origins), strings.Join(origins, ", "))
	}
	l.corrobs = append(l.corrobs, relation{
		iri: schema.RelationIRI("corroboration", l.iris(cs)), metric: metric, event: ei,
		claims: cs, origins: origins, why: why,
	})
}

func (l *linker) iris(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = l.claims[c].iri
	}
	return out
}

// describe renders a claim for a reason: "sohr [27,27] (001_x.txt)".
func (l *linker) describe(c int) string {
	lc := &l.claims[c]
	return fmt.Sprintf("%s %s in %s", lc.origin, interval(lc.min, lc.max), lc.doc.ID)
}

func interval(min, max float64) string {
	b := func(v float64) string {
		if math.IsInf(v, 0) {
			return "∞"
		}
		return fmt.Sprint(int64(v))
	}
	lo := b(min)
	if math.IsInf(min, -1) {
		lo = "−∞"
	}
	return "[" + lo + "," + b(max) + "]"
}

// contradict pairs claims whose intervals are disjoint. Subsets never
// contradict; running tallies only when their windows are stated and the
// same (sameWindow); two claims of one origin in one article are a
// breakdown, not a conflict, and an outlet's own figure beside a sourced one
// is its summary unless both are tallies over the same window.
func (l *linker) contradict(ei int, metric string, cs []int) {
	for i := 0; i < len(cs); i++ {
		for j := i + 1; j < len(cs); j++ {
			a, b := &l.claims[cs[i]], &l.claims[cs[j]]
			if !a.bounded || !b.bounded || a.coarse || b.coarse {
				continue
			}
			ua, ub := &l.units[a.unit], &l.units[b.unit]
			tallies := a.c.Aggregate || b.c.Aggregate
			if tallies && !sameWindow(ua, ub) {
				continue
			}
			if a.report == b.report && (a.origin == b.origin || !tallies && (a.c.Claimant == nil || b.c.Claimant == nil)) {
				// one origin's breakdown, or the outlet summing up its own sources
				continue
			}
			ia, ib := cs[i], cs[j]
			kind, why := "", ""
			pa, pb := perpSet(a.perps), perpSet(b.perps)
			switch {
			case len(pa) > 0 && len(pb) > 0 && !sameSet(pa, pb):
				// different perpetrators: a part and its whole, or not comparable
				part, whole := ia, ib
				if properSubset(pb, pa) {
					part, whole = ib, ia
				} else if !properSubset(pa, pb) {
					continue
				}
				if l.claims[part].min > l.claims[whole].max {
					kind = schema.ContradictionScope
					why = fmt.Sprintf("part exceeds whole: %s by %s alone, but %s by %s together",
						l.describe(part), l.claims[part].c.Perpetrator, l.describe(whole), l.claims[whole].c.Perpetrator)
				}
			case a.max < b.min || b.max < a.min:
				lo, hi := a, b
				if b.max < a.min {
					lo, hi = b, a
				}
				if a.origin != b.origin && hi.min >= l.opt.MaxRatio*lo.max {
					continue // more likely two scopes than one disputed toll
				}
				if a.origin == b.origin && !(ua.dated && ub.dated) {
					// one origin's figures in reports a week apart, neither dated:
					// more likely two incidents (a city shelled day after day)
					// than a toll revised
					continue
				}
				if a.origin == b.origin {
					kind = schema.ContradictionRevision
					why = fmt.Sprintf("one origin (%s), different figures for one event and metric (%s): %s vs %s; likely an updated toll",
						a.origin, metric, l.describe(ia), l.describe(ib))
				} else {
					kind = schema.ContradictionFigure
					why = fmt.Sprintf("same event and metric (%s), disjoint intervals from different origins: %s vs %s",
						metric, l.describe(ia), l.describe(ib))
				}
			}
			if kind == "" {
				continue
			}
			l.addContradiction(ei, metric, kind, []int{cs[i], cs[j]}, why)
		}
	}
}

// sameWindow reports whether two tallies count over the same stated window:
// both stated, overlapping on at least nine tenths of their union ("in the
// last month", said on May 1, and "in the month of April").
func sameWindow(a, b *unit) bool {
	if !a.explicit || !b.explicit {
		return false
	}
	inter := min(a.hi, b.hi) - max(a.lo, b.lo) + 1
	union := max(a.hi, b.hi) - min(a.lo, b.lo) + 1
	return inter > 0 && 10*inter >= 9*union
}

func (l *linker) addContradiction(ei int, metric, kind string, cs []int, why string) {
	sort.Slice(cs, func(i, j int) bool { return l.claims[cs[i]].iri < l.claims[cs[j]].iri })
	l.contras = append(l.contras, relation{
		iri: schema.RelationIRI("contradiction", l.iris(cs)), kind: kind, metric: metric, event: ei,
		claims: cs, origins: l.originsOf(cs), why: why,
	})
}

func perpSet(ps []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		m[p] = true
	}
	return m
}

func sameSet(a, b map[string]bool) bool { return len(a) == len(b) && properSubsetOrEq(a, b) }

func properSubsetOrEq(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func properSubset(a, b map[string]bool) bool { return len(a) < len(b) && properSubsetOrEq(a, b) }

// circularOf reports, per origin, claims about one event that reach the
// reader through two or more articles: one origin echoed, however many
// outlets carry it.
func (l *linker) circularOf(ei int) {
	e := &l.events[ei]
	byOrigin := map[string][]int{}
	for _, c := range e.claims {
		lc := &l.claims[c]
		if lc.originIR == "" || lc.c.Metric == "" {
			continue
		}
		byOrigin[lc.origin] = append(byOrigin[lc.origin], c)
	}
	all := l.originsOf(e.claims)
	for _, o := range sortedKeys(keysOf(byOrigin)) {
		cs := byOrigin[o]
		arts, outlets := map[string]bool{}, map[string]bool{}
		for _, c := range cs {
			// a text two outlets carry is relayed twice; one outlet's copies once
			arts[l.claims[c].report+"\x00"+l.claims[c].outlet] = true
			outlets[l.claims[c].outlet] = true
		}
		if len(arts) < 2 {
			continue
		}
		why := fmt.Sprintf("%d claims in %d articles (%s) all come from %s", len(cs), len(arts),
			strings.Join(sortedKeys(outlets), ", "), o)
		if len(all) == 1 {
			why += "; the event has no other origin"
		}
		l.circular = append(l.circular, relation{
			iri: schema.RelationIRI("circular", l.iris(cs)), event: ei, claims: cs,
			origins: []string{o}, outlets: sortedKeys(outlets), why: why,
		})
	}
}

func keysOf(m map[string][]int) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// dateContradictions pairs claims of different linked events that agree on
// the place (the same specific place), kind, metric and a closed figure
// ("15", "nearly two dozen"; "at least 10" fits too many tolls) but give
// different, stated dates less than a month apart: one incident, two dates.
func (l *linker) dateContradictions() {
	eventOf := make([]int, len(l.units))
	for ei, e := range l.events {
		for _, u := range e.units {
			eventOf[u] = ei
		}
	}
	byPlace := map[string][]int{}
	for i := range l.claims {
		lc := &l.claims[i]
		u := &l.units[lc.unit]
		if !u.dated || u.agg || u.place == nil || isGovernorate(u.place) || !lc.bounded || lc.subset || lc.copy() {
			continue
		}
		byPlace[u.place.ID] = append(byPlace[u.place.ID], i)
	}
	for _, p := range sortedKeys(keysOf(byPlace)) {
		cs := byPlace[p]
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				a, b := &l.claims[cs[i]], &l.claims[cs[j]]
				ua, ub := &l.units[a.unit], &l.units[b.unit]
				if eventOf[a.unit] == eventOf[b.unit] || a.report == b.report {
					continue
				}
				if a.c.Metric != b.c.Metric || a.side != b.side || !kindsCompatible(ua.kind, ub.kind) {
					continue
				}
				if a.max < b.min || b.max < a.min || math.IsInf(a.max-a.min, 0) || math.IsInf(b.max-b.min, 0) {
					continue // disagreeing, or an open figure ("at least 10") that agrees with any larger toll
				}
				gap := ua.lo - ub.hi
				if ub.lo > ua.hi {
					gap = ub.lo - ua.hi
				}
				if gap <= 1 || gap > 31 {
					continue
				}
				why := fmt.Sprintf("same place (%s), kind and figure (%s vs %s) but dated %s vs %s",
					p, interval(a.min, a.max), interval(b.min, b.max), dayString(ua.lo, ua.hi), dayString(ub.lo, ub.hi))
				l.addContradiction(eventOf[a.unit], a.c.Metric, schema.ContradictionDate, []int{cs[i], cs[j]}, why)
			}
		}
	}
}

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

// quads renders the linking output.
func (l *linker) quads(res *Result) []quad.Quad {
	label := quad.IRI(schema.LinkingIRI)
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	add := func(s string, p string, o quad.Value) {
		q := quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: label}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	str := func(s, p, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	for iri, a := range l.anchored {
		str(iri, schema.AnchoredPublished, dayString(a.day, a.day))
		str(iri, schema.AnchoredWhy, a.why)
	}
	for _, e := range l.events {
		n := e.iri
		add(n, schema.Type, quad.IRI(schema.ClassLinkedEvent))
		kinds, places := map[string]int{}, map[string]int{}
		var placeOf = map[string]*schema.Place{}
		lo, hi, dated, agg := math.MaxInt32, math.MinInt32, false, false
		for _, u := range e.units {
			un := &l.units[u]
			add(n, schema.Includes, quad.IRI(un.event))
			kinds[un.kind]++
			if un.place != nil && !isGovernorate(un.place) {
				places[un.place.ID]++
				placeOf[un.place.ID] = un.place
			} else if un.place != nil {
				places[un.place.ID] += 0
				placeOf[un.place.ID] = un.place
			}
			if un.dated {
				dated = true
				lo, hi = min(lo, un.lo), max(hi, un.hi)
			}
			agg = agg || un.agg
		}
		for _, c := range e.claims {
			add(n, schema.Member, quad.IRI(l.claims[c].iri))
		}
		kind := argmax(kinds)
		str(n, schema.Kind, kind)
		place := argmax(places)
		name := kind
		if p := placeOf[place]; p != nil {
			add(n, schema.Location, quad.IRI(schema.PlaceIRI(place)))
			name += " at " + p.Name
		}
		if dated {
			str(n, schema.StartDate, dayString(lo, lo))
			str(n, schema.EndDate, dayString(hi, hi))
			name += ", " + dayString(lo, hi)
		}
		str(n, schema.Name, strings.TrimSpace(name))
		if agg {
			add(n, schema.Aggregate, quad.Bool(true))
		}
		add(n, schema.IndependentOrigins, quad.Int(len(l.originsOf(e.claims))))
	}
	for _, r := range l.corrobs {
		n := r.iri
		add(n, schema.Type, quad.IRI(schema.ClassCorroboration))
		l.relationQuads(add, str, r)
		add(n, schema.IndependentOrigins, quad.Int(len(r.origins)))
		for i := range r.claims {
			for j := i + 1; j < len(r.claims); j++ {
				a, b := l.claims[r.claims[i]].iri, l.claims[r.claims[j]].iri
				if b < a {
					a, b = b, a
				}
				add(a, schema.Corroborates, quad.IRI(b))
			}
		}
	}
	for _, r := range l.contras {
		n := r.iri
		add(n, schema.Type, quad.IRI(schema.ClassContradiction))
		l.relationQuads(add, str, r)
		str(n, schema.Kind, r.kind)
		a, b := l.claims[r.claims[0]].iri, l.claims[r.claims[1]].iri
		add(n, schema.ClaimA, quad.IRI(a))
		add(n, schema.ClaimB, quad.IRI(b))
		add(a, schema.Contradicts, quad.IRI(b))
	}
	for _, r := range l.circular {
		n := r.iri
		add(n, schema.Type, quad.IRI(schema.ClassCircular))
		l.relationQuads(add, str, r)
		for _, o := range r.outlets {
			if strings.HasPrefix(o, "article:") {
				continue
			}
			add(n, schema.Publisher, quad.IRI(schema.SourceIRI(o)))
		}
		add(n, schema.IndependentOrigins, quad.Int(len(l.originsOf(l.events[r.event].claims))))
	}
	schema.SortQuads(out)
	h := sha256.New()
	h.Write([]byte(Version + "\n"))
	for _, q := range out {
		h.Write([]byte(q.NQuad() + "\n"))
	}
	head := []quad.Quad{
		{Subject: label, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinking), Label: label},
		{Subject: label, Predicate: quad.IRI(schema.ContentHash), Object: quad.String(hex.EncodeToString(h.Sum(nil))), Label: label},
		{Subject: label, Predicate: quad.IRI(schema.LinkerVersion), Object: quad.String(Version), Label: label},
	}
	out = append(head, out...)
	schema.SortQuads(out)
	res.Events, res.Corroborations, res.Contradictions, res.Circular = len(l.events), len(l.corrobs), len(l.contras), len(l.circular)
	res.Anchored = len(l.anchored)
	res.Quads = len(out)
	return out
}

func (l *linker) relationQuads(add func(string, string, quad.Value), str func(string, string, string), r relation) {
	n := r.iri
	add(n, schema.About, quad.IRI(l.events[r.event].iri))
	str(n, schema.Metric, r.metric)
	str(n, schema.Why, r.why)
	for _, c := range r.claims {
		add(n, schema.Member, quad.IRI(l.claims[c].iri))
	}
	for _, o := range r.origins {
		if !strings.HasPrefix(o, "article:") {
			add(n, schema.PrimarySource, quad.IRI(schema.SourceIRI(o)))
		}
	}
}

// argmax returns the key with the highest count, the smallest key on ties.
func argmax(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}
