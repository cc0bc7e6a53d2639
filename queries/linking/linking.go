package linking

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// Version is the version of the linking rules; it is written with the
// output (schema.LinkerVersion) and is part of its content hash.
const Version = "link-14"

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
	Articles       int    `json:"articles"`
	Claims         int    `json:"claims"`
	Events         int    `json:"events"` // linked events
	Corroborations int    `json:"corroborations"`
	Contradictions int    `json:"contradictions"`
	Circular       int    `json:"circular"`
	Updates        int    `json:"updates"`    // higher tolls reported later (schema.ClassUpdate)
	Anchored       int    `json:"anchored"`   // undated articles dated by the reports they share incidents with
	Components     int    `json:"components"` // components of the output written (component.go)
	Largest        int    `json:"largest"`    // articles in the largest of them: what a relink touching it reads
	Quads          int    `json:"quads"`      // linking quads of the components written, index and content hashes included
	Added          int    `json:"added"`      // quads the link added to the store: of a component rewritten, what changed (the Writer's diff)
	Deleted        int    `json:"deleted"`    // quads the link deleted from the store
	Outcome        string `json:"outcome"`    // replaced or unchanged
	Full           bool   `json:"full"`       // every article was read and linked (else the components touched)
	Rewritten      int    `json:"rewritten"`  // components written (new or changed)
	Removed        int    `json:"removed"`    // components removed (their articles now in others, or deleted)
	// the transactions that wrote the output, and on bolt the bytes of
	// pages they wrote, in all and in the largest (graph.TxStats)
	Transactions int           `json:"transactions"`
	PageBytes    int64         `json:"page_bytes"`
	LargestBytes int64         `json:"largest_page_bytes"`
	Elapsed      time.Duration `json:"-"` // in JSON as "ms" (MarshalJSON)
}

// MarshalJSON writes r's counts with its elapsed time in milliseconds
// ("ms"), as a load's summary gives its own: a script can tell a load's
// writing from its linking.
func (r Result) MarshalJSON() ([]byte, error) {
	type counts Result // without the method
	return json.Marshal(struct {
		counts
		Millis int64 `json:"ms"`
	}{counts(r), r.Elapsed.Milliseconds()})
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
// with its own IRI, sorted by label. The components' quads are rendered one
// component at a time by Each.
type Output struct {
	Head []quad.Quad
	// Components are the components of the output, their Quads nil: Each
	// renders them.
	Components []Component
	// Result counts what the output holds; its Quads counts the head's
	// quads and those of the components Each has rendered so far.
	Result Result
	// Promote, from LinkWith, lists context articles that linking joins to
	// the components of docs: LinkWith must be given them, and their
	// components, among docs. The output is then empty.
	Promote []string
	linker  *linker
	plans   []*plan // what each of Components renders
}

// Component is one component of the linking output: the articles whose
// linking depends on each other, and the quads that link them.
type Component struct {
	Label    string      // schema.LinkComponentIRI(Articles)
	Articles []string    // article IRIs, sorted
	Quads    []quad.Quad // labelled Label, sorted: membership, index keys, content hash, the linking quads
}

// Each renders the components, in label order, one at a time, and calls fn
// with each, its Quads set; it adds their number to o.Result.Quads. The
// quads are fn's to keep or drop: Each holds none of them once fn returns,
// so that writing the output one component after another never holds it
// all. It stops at fn's first error and returns it.
func (o *Output) Each(fn func(Component) error) error {
	for i := range o.plans {
		c := o.Render(i)
		o.Result.Quads += len(c.Quads)
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// Render renders component i (Components[i]) and returns it, its Quads
// set, as Each would give it, without counting into o.Result. It is safe
// for concurrent use, so that the components can be rendered on every
// core; the quads are the caller's.
func (o *Output) Render(i int) Component {
	c := o.Components[i]
	c.Quads = o.linker.render(o.plans[i])
	return c
}

// All renders every quad of the output (Each) and returns them sorted.
func (o *Output) All() ([]quad.Quad, error) {
	out := append([]quad.Quad(nil), o.Head...)
	err := o.Each(func(c Component) error {
		out = append(out, c.Quads...)
		return nil
	})
	schema.SortQuads(out)
	return out, err
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
	return newLinker(docs, opt, false).link()
}

// Collector is Link for a caller that reads the articles a batch at a
// time: it keeps its own view of each article added (what linking reads
// of it), not the article, so that the caller frees each batch once
// added instead of holding every decoded article while linking starts
// (0.37 GB at 100,000 articles, as much as the linker's own view). The
// output is Link's on the same articles.
type Collector struct {
	co   collector
	last string
	done bool
}

// NewCollector returns a Collector with no article added.
func NewCollector(opt Options) *Collector {
	return &Collector{co: collector{l: emptyLinker(opt)}}
}

// Add adds docs, which must come in IRI order, after every article added
// before. The Collector keeps what linking reads of them, not docs: the
// caller may drop them once Add returns, but not change what they point
// to (their claims' sources, places, via chains and figures' values, which
// the Collector shares) before Link.
func (c *Collector) Add(docs ...*schema.Article) error {
	if c.done {
		return errors.New("linking: Add after Link")
	}
	for _, d := range docs {
		if d.IRI < c.last {
			return fmt.Errorf("linking: %s added after %s: articles must come in IRI order", d.IRI, c.last)
		}
		c.last = d.IRI
		c.co.add(d)
	}
	return nil
}

// Grow makes room for claims more claims, so that those added are not
// copied as their slice grows: at 100,000 articles (933,000 claims, 256 MB
// of the linker's view) growing it took 7 of a full link's 120 s, and
// held the old slice beside the new at each step. A count too small
// only grows it as before; too large holds the room unused.
func (c *Collector) Grow(claims int) {
	c.co.l.claims = slices.Grow(c.co.l.claims, claims)
}

// Link links the articles added; the Collector is done then.
func (c *Collector) Link() Output {
	c.done = true
	l := c.co.l
	c.co.finish()
	c.co = collector{}
	l.prepare()
	return l.link()
}

// link links the articles read (newLinker, Collector) and outputs them all.
func (l *linker) link() Output {
	l.anchor(l.docs)
	l.windows()
	l.cluster()
	l.relate()
	res := Result{Articles: len(l.docs), Claims: len(l.claims)}
	return l.output(&res)
}

// LinkWith is Link on docs, with context: the articles of other components
// that docs' articles read without depending on each other (the dated
// reports that may vote for the days of docs' undated articles, anchor;
// those a timeless report of docs may merge with, cluster), and the
// timeless reports that may merge with docs' dated reports.
// They are linked with docs but left out of the output. Given as context
// every component that docs' probe keys for which IsContextKey holds meet,
// LinkWith gives docs' components as Link on the whole store gives them, or,
// when linking joins some context articles to docs' components, lists them
// in Output.Promote and gives nothing else: the caller links again with
// their components among docs. anchored holds the publication days (ISO
// dates) the store gives context's undated articles: they are not dated
// again, since not all of their voters need be among the articles given
// (a relink checks those days first: Anchors).
func LinkWith(docs, context []*schema.Article, anchored map[string]string, opt Options) Output {
	if len(context) == 0 {
		return Link(docs, opt)
	}
	l := newLinker(append(append([]*schema.Article(nil), docs...), context...), opt, true)
	l.fixed = map[string]int{}
	for _, d := range context {
		if d.Published != "" {
			continue
		}
		day, ok := parseDay(anchored[d.IRI])
		if !ok {
			day = unanchored
		}
		l.fixed[d.IRI] = day
	}
	l.anchor(l.docs)
	l.windows()
	l.cluster()
	l.relate()
	return l.split(docs, context)
}

// Again is LinkWith(docs, context) for an Output that LinkWith gave with
// Promote set, when docs and context together are the very articles it was
// given, only split otherwise between them: linking depends only on the
// set of articles, so only the split into output and context is done
// again, not the linking. ok is false when the articles differ (another
// article, or another *schema.Article for one), an undated article of docs
// was context dated as the store dates it (LinkWith's anchored: linked
// among docs, it is dated anew), or o holds no linker state or has been
// output already; the caller then calls LinkWith.
func (o Output) Again(docs, context []*schema.Article) (out Output, ok bool) {
	l := o.linker
	if l == nil || len(o.Promote) == 0 || len(docs)+len(context) != len(l.docs) {
		return Output{}, false
	}
	given := make(map[string]*schema.Article, len(l.docs))
	for _, d := range l.docs {
		given[d.IRI] = d.src
	}
	for _, ds := range [][]*schema.Article{docs, context} {
		for _, d := range ds {
			if given[d.IRI] != d {
				return Output{}, false
			}
			delete(given, d.IRI) // each once
		}
	}
	for _, d := range docs {
		if _, ok := l.fixed[d.IRI]; ok {
			return Output{}, false
		}
	}
	return l.split(docs, context), true
}

// split outputs the components of docs, the linker having linked docs and
// context together, or, when linking joined some context articles to
// them, lists those in Output.Promote and outputs nothing.
func (l *linker) split(docs, context []*schema.Article) Output {
	l.context = map[string]bool{}
	for _, d := range context {
		l.context[d.IRI] = true
	}
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
// article's day ("v:"), the reports of a timeless report's place that it
// may pick ("p:"), and the timeless reports that may pick a dated report
// ("t:"), whose merges a change of the dated reports' components may
// change. The components found under it are context for LinkWith, read but
// not relinked, unless another key finds them too or linking joins them to
// the articles linked (Output.Promote).
func IsContextKey(k string) bool {
	return strings.HasPrefix(k, "v:") || strings.HasPrefix(k, "p:") || strings.HasPrefix(k, "t:")
}

// IsRunsKey reports whether probe key k is the one an undated copy of a
// text looks up to find every dated run of it (copies): it joins the
// earliest, so deleting that run moves it to another, which only this key
// finds. A relink probes it for every undated article it links.
func IsRunsKey(k string) bool { return strings.HasPrefix(k, "x:") && !strings.Contains(k, "|") }

// VoterKey returns the voter key ("w:", schema.LinkVoterKey) under which
// the articles that may vote for an undated article's day are indexed, for
// probe key k of that article (Probes), and whether k looks up voters
// ("v:") at all.
func VoterKey(k string) (string, bool) {
	if !strings.HasPrefix(k, "v:") {
		return "", false
	}
	return "w:" + k[2:], true
}

// VotedKeys returns the keys ("u:") under which the components of the
// undated articles an article may vote for are indexed, from the article's
// voter keys (VoterKey): those its reports probe (component.go), the same
// metric, side and bucket in its governorate and the nine cells around
// each of its cells. A relink probes them with the voter keys a changed
// article had before the change: its old text may be gone.
func VotedKeys(voterKeys []string) []string {
	out := keySet{}
	for _, k := range voterKeys {
		rest, ok := strings.CutPrefix(k, "w:")
		if !ok {
			continue
		}
		area, tail, _ := strings.Cut(rest, "|")
		var lat, lon int
		if _, err := fmt.Sscanf(area, "c:%d,%d", &lat, &lon); err != nil {
			out.put("u:" + rest) // a governorate, or no place
			continue
		}
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				out.put(fmt.Sprintf("u:c:%d,%d|%s", lat+dx, lon+dy, tail))
			}
		}
	}
	return out.sorted()
}

// Anchors returns the publication day (ISO date) and why linking gives each
// undated article of docs that it dates, given every article that may vote
// for them among docs and voters: a day depends on the article and its
// voters' articles alone (anchor), not on their components. A relink asks
// it to tell whether a change of voters moved a day.
func Anchors(docs, voters []*schema.Article, opt Options) map[string][2]string {
	l := newLinker(append(append([]*schema.Article(nil), docs...), voters...), opt, false)
	mine := map[string]bool{}
	for _, d := range docs {
		mine[d.IRI] = true
	}
	var own []*ldoc
	for _, d := range l.docs {
		if mine[d.IRI] {
			own = append(own, d)
		}
	}
	l.anchor(own) // each article's day is its own: the others' do not change it
	out := map[string][2]string{}
	for _, d := range docs {
		if a, ok := l.anchored[d.IRI]; ok {
			out[d.IRI] = [2]string{dayString(a.day, a.day), a.why}
		}
	}
	return out
}

// Quads is Link's output as one sorted list of quads, and its counts.
func Quads(docs []*schema.Article, opt Options) ([]quad.Quad, Result) {
	out := Link(docs, opt)
	qs, _ := out.All() // fn never fails
	return qs, out.Result
}

// Probes returns the keys (component.go) that docs look up before any
// anchoring: the keys under which the components they can depend on are
// indexed, as far as the docs themselves tell (an anchored date is found
// later: Output.Probes).
func Probes(docs []*schema.Article, opt Options) []string {
	l := newLinker(docs, opt, false)
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

// CopyKeys gives each article of docs with claims its copy key: articles
// of one key are copies of one text (copies), and which of them is the
// report the others copy depends on all of them.
func CopyKeys(docs []*schema.Article) map[string]string {
	_, keys := copies(docs)
	return keys
}

// newLinker reads docs (in any order) into a linker; keep keeps them
// (ldoc.src) for Output.Again.
func newLinker(docs []*schema.Article, opt Options, keep bool) *linker {
	docs = append([]*schema.Article(nil), docs...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].IRI < docs[j].IRI })
	l := emptyLinker(opt)
	l.collect(docs)
	if keep {
		for i, d := range docs { // l.docs[i] is docs[i]'s
			l.docs[i].src = d
		}
	}
	l.prepare()
	return l
}

func emptyLinker(opt Options) *linker {
	return &linker{opt: opt.withDefaults(), part: partition{parent: map[string]string{}}, copyKey: map[string]string{}}
}

// prepare readies the articles collected for linking (their units are
// consolidated as collected).
func (l *linker) prepare() {
	l.restatements()
}

// probes returns the probe keys of the units of the wanted articles, and
// their copy keys.
func (l *linker) probes(want map[string]bool) []string {
	probe := keySet{}
	for i := range l.units {
		if u := &l.units[i]; want[u.doc.IRI] {
			l.keys(u, nil, probe)
		}
	}
	for _, d := range l.docs {
		if k, ok := l.copyKey[d.IRI]; ok && want[d.IRI] {
			_, keys := copyKeys(k, d.Published)
			for _, key := range keys {
				probe.add("%s", key)
			}
		}
	}
	return probe.sorted()
}

type linker struct {
	opt      Options
	docs     []*ldoc // sorted by IRI
	claims   []lclaim
	names    names // the claims' origins and perpetrators (name)
	units    []unit
	anchored map[string]anchor       // article IRI -> publication day anchored by linking
	context  map[string]bool         // articles read as context only (LinkWith)
	fixed    map[string]int          // context's undated articles' days as the store holds them, or unanchored (LinkWith)
	scores   map[[2]int]float64      // evidence of unit pairs, memoised
	shingles shingleMemo             // word triples of the articles compared (similarity)
	text     map[string]string       // article IRI -> the first article of its text (groupTexts)
	part     partition               // the articles whose decisions depend on each other (component.go)
	copyKey  map[string]string       // article IRI -> its copy key (copies), for articles with claims
	areaMu   sync.Mutex              // guards areaMemo
	areaMemo map[areaKey][2][]string // homeAreas and nearAreas by what they read of a place (areas)
	// results
	events   []levent
	corrobs  []relation
	contras  []relation
	circular []relation
	updates  []relation // a higher toll reported later: claims[0] the earlier report's, claims[1] the later's
}

type levent struct {
	key    schema.LinkedEventKey // its IRI made when written (16 MB of strings at 100,000 articles)
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
	why     string // of a corroboration, the rule's own words only, if any (corroborationWhy)
}
