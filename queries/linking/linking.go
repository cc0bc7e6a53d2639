package linking

import (
	"cmp"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"io"
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
const Version = "link-9"

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
	// not reported; 0 means 1.4. One origin's figures (revisions) have their
	// own bound (revisionMaxRatio).
	MaxRatio float64
	// MinScore is the evidence a pair of reports needs to start or join a
	// linked event (see evidence); 0 means 3.75.
	MinScore float64
	// MinPairScore is the evidence every pair of reports in one linked
	// event needs of its own, so that A~B and B~C do not make A~C; 0 means 1.5.
	MinPairScore float64
	// MinMeanScore is the mean evidence over every pair of reports of two
	// linked events that merge into one; 0 means 3.
	MinMeanScore float64
	// Trace, when set, receives one line per decision: every candidate pair
	// of reports with its evidence ("pair"), the pairs that cannot be one
	// incident ("apart") and the merges refused ("refused"), with why.
	Trace io.Writer
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
	if o.MinScore <= 0 {
		o.MinScore = 3.75
	}
	if o.MinPairScore <= 0 {
		o.MinPairScore = 1.5
	}
	if o.MinMeanScore <= 0 {
		o.MinMeanScore = 3
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
	Updates        int           `json:"updates"`    // higher tolls reported later (schema.ClassUpdate)
	Anchored       int           `json:"anchored"`   // undated articles dated by the reports they share incidents with
	Components     int           `json:"components"` // components of the output written (component.go)
	Largest        int           `json:"largest"`    // articles in the largest of them: what a relink touching it reads
	Quads          int           `json:"quads"`      // linking quads written, index and content hashes included
	Outcome        string        `json:"outcome"`    // replaced or unchanged
	Full           bool          `json:"full"`       // every article was read and linked (else the components touched)
	Rewritten      int           `json:"rewritten"`  // components written (new or changed)
	Removed        int           `json:"removed"`    // components removed (their articles now in others, or deleted)
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
	unnamed  bool   // the origin is an unnamed source ("activists"): not known to be one body
	restates int    // for an unattributed claim restating a figure its article attributes: that claim's index, else -1
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
	event    string   // the per-article event IRI
	also     []string // the article's other event nodes about the same incident (consolidate)
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
func (l *linker) published(d *schema.Article) (int, bool) {
	if p, ok := parseDay(d.Published); ok {
		return p, true
	}
	a, ok := l.anchored[d.IRI]
	return a.day, ok
}

// String names the options that change the output (Trace aside), with
// defaults filled in: the linking head records it, and a store linked with
// other options is relinked in full.
func (o Options) String() string {
	o = o.withDefaults()
	return fmt.Sprintf("undated=%d aggregate=%d nearKm=%g maxRatio=%g minScore=%g minPair=%g minMean=%g",
		o.UndatedIncidentDays, o.UndatedAggregateDays, o.NearKm, o.MaxRatio, o.MinScore, o.MinPairScore, o.MinMeanScore)
}

// Output is the linking output of a set of articles: the head (labelled
// schema.LinkingIRI) and the components (component.go), each labelled
// with its own IRI, sorted by label.
type Output struct {
	Head       []quad.Quad
	Components []Component
	Result     Result
	// Promote, from LinkWith, lists context articles that linking joins to
	// the components of docs: LinkWith must be given them, and their
	// components, among docs. The output is then empty.
	Promote []string
	linker  *linker
}

// Component is one component of the linking output: the articles whose
// linking depends on each other, and the quads that link them.
type Component struct {
	Label    string      // schema.LinkComponentIRI(Articles)
	Articles []string    // article IRIs, sorted
	Quads    []quad.Quad // labelled Label, sorted: membership, index keys, content hash, the linking quads
}

// All returns every quad of the output, sorted.
func (o Output) All() []quad.Quad {
	out := append([]quad.Quad(nil), o.Head...)
	for _, c := range o.Components {
		out = append(out, c.Quads...)
	}
	schema.SortQuads(out)
	return out
}

// Anchored returns the publication days (ISO dates) linking gave undated
// articles, by article IRI.
func (o Output) Anchored() map[string]string {
	out := map[string]string{}
	for iri, a := range o.linker.anchored {
		out[iri] = dayString(a.day, a.day)
	}
	return out
}

// Probes returns the keys (component.go) the given articles of the output
// look up, as the output dates them: an incremental relink probes them for
// the articles whose anchored date it changed.
func (o Output) Probes(iris []string) []string {
	want := map[string]bool{}
	for _, iri := range iris {
		want[iri] = true
	}
	return o.linker.probes(want)
}

// Link computes the linking output of docs (in any order). The output
// depends only on the set of articles, and each component's only on its
// own articles: Link on the articles of some components gives those
// components exactly.
func Link(docs []*schema.Article, opt Options) Output {
	l := newLinker(docs, opt)
	l.anchor(l.docs)
	l.windows()
	l.cluster()
	l.relate()
	res := Result{Articles: len(docs), Claims: len(l.claims)}
	return l.output(&res)
}

// LinkWith is Link on docs, with context: the articles of other components
// that docs' articles read (readers) without depending on each other: the
// dated reports that may vote for the days of docs' undated articles
// (anchor), and those a timeless report of docs may merge with (cluster).
// They are linked with docs but left out of the output. Given as context
// every component that docs' probe keys for which IsContextKey holds meet,
// LinkWith gives docs' components as Link on the whole store gives them, or,
// when linking joins some context articles to docs' components, lists them
// in Output.Promote and gives nothing else: the caller links again with
// their components among docs.
func LinkWith(docs, context []*schema.Article, opt Options) Output {
	if len(context) == 0 {
		return Link(docs, opt)
	}
	l := newLinker(append(append([]*schema.Article(nil), docs...), context...), opt)
	l.context = map[string]bool{}
	for _, d := range context {
		l.context[d.IRI] = true
	}
	l.anchor(l.docs)
	l.windows()
	l.cluster()
	l.relate()
	// context articles whose component holds docs: they must be linked too
	roots := map[string]bool{}
	for _, d := range docs {
		roots[l.part.find(d.IRI)] = true
	}
	var promote []string
	for _, d := range context {
		if roots[l.part.find(d.IRI)] {
			promote = append(promote, d.IRI)
		}
	}
	if len(promote) > 0 {
		sort.Strings(promote)
		return Output{Promote: promote, linker: l}
	}
	res := Result{Articles: len(docs)}
	return l.output(&res)
}

// IsContextKey reports whether probe key k (Probes, Output.Probes) looks up
// reports an article reads as context: those that may vote for an undated
// article's day ("v:"), and the reports of a timeless report's place that
// it may pick ("p:"). The components found under it are context for
// LinkWith, read but not relinked, unless another key finds them too.
func IsContextKey(k string) bool { return strings.HasPrefix(k, "v:") || strings.HasPrefix(k, "p:") }

// ReaderKey is the key under which the components that read article iri as
// context are indexed: those of the undated articles its reports voted for.
// A relink probes it for every article changed or deleted.
func ReaderKey(iri string) string { return "r:" + iri }

// Quads is Link's output as one sorted list of quads, and its counts.
func Quads(docs []*schema.Article, opt Options) ([]quad.Quad, Result) {
	out := Link(docs, opt)
	return out.All(), out.Result
}

// Probes returns the keys (component.go) that docs look up before any
// anchoring: the keys under which the components they can depend on are
// indexed, as far as the docs themselves tell (an anchored date is found
// later: Output.Probes).
func Probes(docs []*schema.Article, opt Options) []string {
	l := newLinker(docs, opt)
	l.anchored = map[string]anchor{}
	l.windows()
	for i := range l.units {
		l.voteRoles(&l.units[i])
	}
	want := map[string]bool{}
	for _, d := range docs {
		want[d.IRI] = true
	}
	return l.probes(want)
}

func newLinker(docs []*schema.Article, opt Options) *linker {
	opt = opt.withDefaults()
	docs = append([]*schema.Article(nil), docs...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].IRI < docs[j].IRI })
	l := &linker{opt: opt, docs: docs, scores: map[[2]int]float64{}, sims: map[[2]*schema.Article]float64{},
		part: partition{parent: map[string]string{}}, copyKey: map[string]string{}}
	l.collect(docs)
	l.restatements()
	l.consolidate()
	return l
}

// probes returns the probe keys of the units of the wanted articles, and
// their copy keys.
func (l *linker) probes(want map[string]bool) []string {
	probe := keySet{}
	for i := range l.units {
		if u := &l.units[i]; want[u.article] {
			l.keys(u, keySet{}, probe)
		}
	}
	for a, k := range l.copyKey {
		if want[a] {
			probe.add("x:%s", k)
		}
	}
	return probe.sorted()
}

type linker struct {
	opt      Options
	docs     []*schema.Article // sorted by IRI
	claims   []lclaim
	units    []unit
	anchored map[string]anchor          // article IRI -> publication day anchored by linking
	readers  map[string]map[string]bool // article IRI -> the articles it reads as context: voters for its day, candidates of its timeless reports
	context  map[string]bool            // articles read as context only (LinkWith)
	// timeless reports' articles and the dated reports' articles they were
	// weighed against (cluster): the first reads the second's component
	timelessReads [][2]string
	scores        map[[2]int]float64 // evidence of unit pairs, memoised
	shingles      map[*schema.Article][]uint64
	sims          map[[2]*schema.Article]float64
	text          map[string]string // article IRI -> the first article of its text (groupTexts)
	part          partition         // the articles whose decisions depend on each other (component.go)
	copyKey       map[string]string // article IRI -> its copy key (copies), for articles with claims
	// results
	events   []levent
	corrobs  []relation
	contras  []relation
	circular []relation
	updates  []relation // a higher toll reported later: claims[0] the earlier report's, claims[1] the later's
}

type levent struct {
	iri    string
	units  []int
	claims []int
	joins  []join // why each unit after the first joined
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
// of its copies: the articles whose claims are the same sentences with the
// same figures, published within copyDays of each other. One text loaded
// twice (under two ids, or syndicated word for word) is one report; the
// same sentences published months apart are two (a story rerun on an
// anniversary, boilerplate of a weekly bulletin). Dated copies form runs
// in which consecutive publication days are at most copyDays apart; an
// undated copy joins the earliest run. Copies join the linked events, and
// count as relays in circular reporting, but relations are found once,
// among the first copy's claims. keys gives each article with claims its
// copy key (the hash of its claims, whatever its date): an incremental
// relink probes it ("x:"), so every run of a text is relinked together.
func copies(docs []*schema.Article) (first map[string]string, keys map[string]string) {
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
	type copyDoc struct {
		d     *schema.Article
		day   int
		dated bool
	}
	groups := map[[32]byte][]copyDoc{}
	keys = map[string]string{}
	first = map[string]string{}
	for _, d := range docs {
		first[d.IRI] = d.IRI
		if len(d.Claims) == 0 {
			continue
		}
		k := key(d)
		keys[d.IRI] = fmt.Sprintf("%x", k[:12])
		day, dated := parseDay(d.Published)
		groups[k] = append(groups[k], copyDoc{d, day, dated})
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
			return a.d.IRI < b.d.IRI
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
				if f == "" || c.dated && c.d.IRI < f {
					f = c.d.IRI
				}
			}
			for _, c := range run {
				first[c.d.IRI] = f
			}
		}
	}
	return first, keys
}

// copyDays is how far apart, in days, two publications of the same
// sentences may be and still be one report.
const copyDays = 7

func (l *linker) collect(docs []*schema.Article) {
	unitOf := map[string]int{}
	copyOf, copyKeys := copies(docs)
	l.copyKey = copyKeys
	for _, d := range docs {
		l.part.union(d.IRI, copyOf[d.IRI])
		outlet := "article:" + d.ID
		if d.Outlet != nil {
			outlet = cmp.Or(d.Outlet.SpeaksFor, d.Outlet.ID)
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
			// "activists", "a source": unnamed sources of one kind are one
			// origin across articles, since nothing shows them independent
			lc.unnamed = c.Claimant != nil && c.Claimant.Kind == "unnamed"
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
					agg: c.Event.Kind == "aggregate" || c.Event.Kind == schema.KindWar, perps: map[string]bool{}}
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
	armed, civilian, part, rank, own, distinctive map[string]bool
	family                                        map[string][]string
	population                                    map[string]string
	collective                                    map[string]bool
}) {
	w.armed, w.civilian, w.part, w.rank, w.own = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	w.distinctive = map[string]bool{}
	w.population = map[string]string{}
	w.collective = map[string]bool{}
	w.family = map[string][]string{}
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
				w.family[word] = append(w.family[word], f[1])
			case "distinctive":
				w.distinctive[word] = true
			case "population":
				w.population[word] = f[1]
			case "collective":
				w.collective[word] = true
			}
		}
	}
	return w
}()

func kindsCompatible(a, b string) bool {
	if a == schema.KindEarlier || b == schema.KindEarlier || a == schema.KindWar || b == schema.KindWar {
		return a == b && a == schema.KindWar
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
	for _, fa := range linkWords.family[a] {
		for _, fb := range linkWords.family[b] {
			if fa == fb {
				return true
			}
		}
	}
	return false
}

func isGovernorate(p *schema.Place) bool {
	return p != nil && p.Kind == "governorate"
}

// placeScore: 4 for the same place, 3 for one within the other, 2 for two
// places (not governorates) near each other or aggregates in one governorate,
// 1 for a country and any place, a governorate and a place near its
// capital across the border, or two neighbouring governorates named for
// short, stated windows
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
	if p.Kind == "governorate" && q.Admin1 == p.Admin1 && p.Admin1 != "" || q.Kind == "governorate" && p.Admin1 == q.Admin1 && q.Admin1 != "" {
		return 3 // a place within a place within the governorate
	}
	if p.Kind == "country" || q.Kind == "country" {
		return 1 // "in Syria": anywhere, which is no evidence
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
	// A governorate named for its capital ("Damascus") and a place on the
	// capital's outskirts in the next governorate ("Eastern Ghouta").
	if nearCapital(p, q) {
		return 1
	}
	// Two governorates named for events on the same, stated day: a border
	// area ("outskirts of Aleppo" / "outside Idlib") can be named either way.
	if isGovernorate(p) && isGovernorate(q) && a.dated && b.dated && a.hi-a.lo <= 2 && b.hi-b.lo <= 2 && d <= 2*l.opt.NearKm {
		return 1
	}
	return 0
}

// nearCapital reports whether one of two places is a governorate and the
// other a place (in another governorate) within capitalKm of its point.
func nearCapital(p, q *schema.Place) bool {
	return isGovernorate(p) != isGovernorate(q) && p.HasCoords && q.HasCoords &&
		distanceKm(p.Lat, p.Lon, q.Lat, q.Lon) <= capitalKm
}

// capitalKm is how far from a governorate's point (its capital) a place in
// another governorate may lie and still be what a report names by the
// governorate ("Damascus" for the Eastern Ghouta).
const capitalKm = 25

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
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
