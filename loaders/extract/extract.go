package extract

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimgraph/claimgraph/loaders/dates"
	"github.com/claimgraph/claimgraph/loaders/figure"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/schema"
)

// Version is the extractor's version. With the fingerprints of the lexicon
// and the gazetteer it is part of every article's content hash, so that a
// new extractor, or new data, replaces what the old one wrote when an article
// is loaded again. Raise it with every change to what the code extracts
// (TestVersionRecorded fails when the golden files change without it).
const Version = "claimgraph-extract/15"

// aggregateSpan is the longest time a single incident's figure may cover;
// a figure over a longer span is a running tally.
const aggregateSpan = 4 * 24 * time.Hour

// Extractor turns article text into claims. It is safe for concurrent use.
type Extractor struct {
	Lex       *Lexicon
	Gaz       *gazetteer.Gazetteer
	modifiers map[string]bool
	speakers  map[string]bool
	polity    map[string]bool // nouns that make a place name before them a government
	qualifier map[string]bool // kinds of place: "the Aleppo city of Deir Ezzor" describes Deir Ezzor
	rise      map[string]bool // verbs of a toll rising: "the death toll ... has risen to 50"
	// claimedAct: nouns for an act a claim of responsibility takes as its
	// object ("claims the attack"): a toll after it is not the claimant's
	claimedAct map[string]bool
	verbs      map[string]bool // reporting verbs (cues.tsv role verb), one word each
	passive    map[string]bool // auxiliaries that make a reporting verb passive (cues.tsv role passive)
	places     sync.Map        // gazetteer entry id -> schema.Place, resolved once
	// the gazetteer's country (country), found once
	countryOnce  sync.Once
	countryPlace *schema.Place
	data         string // Version and the fingerprints of Lex and Gaz: what extracted
}

// New returns an Extractor over the given lexicon and gazetteer.
func New(lex *Lexicon, gaz *gazetteer.Gazetteer) *Extractor {
	return &Extractor{Lex: lex, Gaz: gaz, modifiers: lex.eventWords(), speakers: lex.cueWords("speaker"), polity: lex.cueWords("polity"),
		qualifier: lex.cueWords("qualifier"), rise: lex.cueWords("rise"), claimedAct: lex.cueWords("claimed-act"), verbs: lex.cueWords("verb"), passive: lex.cueWords("passive"), data: Version + "\x00" + lex.Fingerprint() + "\x00" + gaz.Fingerprint()}
}

// analysis is what one sentence holds.
type analysis struct {
	sentence
	toks     []token
	mentions []mention // sources named
	attr     *attribution
	// channelAttr is attr with the claimant replaced by its own channel
	// ("through its Amaq agency"), for the sentence's figures
	channelAttr *attribution
	pronoun     bool // "it said": refers to the previous claimant
	negated     bool
	figures     []figure.Mention
	places      []schema.Place
	placeStarts []int // byte offset of each place in the sentence
	when        []when
	kind        string          // event kind cue
	statements  []string        // metrics of statements without a count (data/statements.tsv), in text order, once each
	modifies    map[string]bool // nouns a source name can modify (people nouns, event words)
	people      map[string]bool // nouns that make a number count people (people.txt)
	speakers    map[string]bool // nouns for those who speak for a source ("commanders of X")
	channel     *mention        // "through its Amaq agency": the claimant's own channel
	speaker     *mention        // the subject that spoke through channel
	agg         bool
	// war: a tally of the whole war ("since the conflict began", events.tsv
	// kind war): the country's, when the sentence names no place, and the
	// article's own unless the sentence attributes it
	war      bool
	claims   []int  // indexes into the article's claims
	claimPos []int  // byte offset in the sentence of each claim's figure, -1 if none
	earlier  []bool // see earlierAfter; nil until it is asked
}

// when is a time expression of a sentence. In an article dated relatively
// (see reference), rel is set and relFrom, relTo are its days counted from
// publication (0 the day itself, -1 the day before).
type when struct {
	dates.Mention
	rel            bool
	relFrom, relTo int
	unknown        bool // resolved against a stand-in day and meaningless there ("April 8" in an undated article)
}

type mention struct {
	i, n int // token index and length
	id   string
}

// Extract reads an article and everything it claims.
func (x *Extractor) Extract(in *Input) (*schema.Article, error) {
	return x.ExtractContext(context.Background(), in)
}

// checkEvery is how many sentences a step of ExtractContext reads between
// two looks at its context.
const checkEvery = 64

// ExtractContext is Extract that stops, returning ctx.Err(), soon after ctx
// is done: it looks at ctx between its steps and every checkEvery sentences
// within them, so that a huge article does not hold up a stopped load.
//
// The steps: read the layout (headline, outlet, date, body), cut the
// sentences, find the reference day, then over all sentences in turn find
// the places, analyse the sentences (tokens, mentions, cues), find the
// figures, the dates and each sentence's places; carry attributions across
// sentences; write the claims; link their places and dates; find the lead
// figure and the sources cited.
func (x *Extractor) ExtractContext(ctx context.Context, in *Input) (*schema.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := &stopper{ctx: ctx}
	lay := x.readLayout(in)
	doc := x.newArticle(in, lay)
	sents, err := sentencesOf(lay, st)
	if err != nil {
		return nil, err
	}
	ref, relative := x.reference(doc, sents)
	// each step runs over all sentences before the next: a step's tables
	// (gazetteer, lexicon, figure and date words) then stay in cache
	found, err := x.findPlaces(sents, st)
	if err != nil {
		return nil, err
	}
	context := contextGovernorates(found)
	an, err := x.analyseAll(sents, st)
	if err != nil {
		return nil, err
	}
	if err := x.findFigures(an, st); err != nil {
		return nil, err
	}
	if !ref.IsZero() {
		if err := x.findDates(an, ref, st); err != nil {
			return nil, err
		}
	}
	if err := x.placeSentences(an, context, found, st); err != nil {
		return nil, err
	}
	if relative {
		relativeDates(an, ref)
	}
	x.markQuotes(an)
	x.carryAttribution(an)
	x.applyChannels(an)
	if err := x.writeClaims(doc, an, st); err != nil {
		return nil, err
	}
	x.linkPlacesAndDates(doc, an)
	doc.Lead = lead(doc, leadEnd(sents))
	doc.Cited = cited(doc)
	return doc, nil
}

// stopper says whether a context is done, looking at it every checkEvery
// calls.
type stopper struct {
	ctx   context.Context
	calls int
}

func (s *stopper) stopped() bool {
	s.calls++
	return s.calls%checkEvery == 0 && s.ctx.Err() != nil
}

// newArticle is the article of in as its layout reads, before any claim.
func (x *Extractor) newArticle(in *Input, lay layout) *schema.Article {
	return &schema.Article{
		ID:          in.ID,
		IRI:         schema.ArticleIRI(in.ID),
		Title:       lay.Title,
		URL:         in.URL,
		Text:        in.Text,
		Outlet:      lay.Outlet,
		Published:   lay.Published,
		Origin:      in.Origin,
		ContentHash: Hash([]byte(x.data + "\x00" + in.Hash)),
		Extractor:   Version,
		Lead:        -1,
		Cited:       []schema.Source{},
	}
}

// sentencesOf cuts the headline and the body's paragraphs into sentences
// (cutLong cuts the longest).
func sentencesOf(lay layout, st *stopper) ([]sentence, error) {
	var sents []sentence
	if lay.Title != "" {
		sents = cutLong(sents, sentence{Text: lay.Title, Offset: lay.TitleOffset, Paragraph: -1, Headline: true})
	}
	for i, p := range lay.Body {
		for _, s := range splitSentences(p.Text, p.Offset, i) {
			sents = cutLong(sents, s)
		}
		if st.stopped() {
			return nil, st.ctx.Err()
		}
	}
	return sents, nil
}

// findPlaces finds the gazetteer's places in each sentence.
func (x *Extractor) findPlaces(sents []sentence, st *stopper) ([][]gazetteer.Match, error) {
	found := make([][]gazetteer.Match, len(sents))
	for i, s := range sents {
		found[i] = x.Gaz.Find(s.Text)
		if st.stopped() {
			return nil, st.ctx.Err()
		}
	}
	return found, nil
}

// analyseAll analyses each sentence (analyse) with a pooled tokenizer.
func (x *Extractor) analyseAll(sents []sentence, st *stopper) ([]*analysis, error) {
	an := make([]*analysis, len(sents))
	tz := tokenizers.Get().(*tokenizer)
	for i, s := range sents {
		an[i] = x.analyse(tz, s)
		if st.stopped() {
			break // the tokenizer goes back to the pool
		}
	}
	if cap(tz.toks) <= 1<<16 && cap(tz.norms) <= 1<<20 {
		tokenizers.Put(tz) // not the memory of a huge sentence
	}
	if err := st.ctx.Err(); err != nil {
		return nil, err
	}
	return an, nil
}

// findFigures finds each sentence's figures (singulars adds "a man" and
// the like).
func (x *Extractor) findFigures(an []*analysis, st *stopper) error {
	for _, a := range an {
		a.figures = x.singulars(a.Text, a.toks, figure.Find(a.Text), a.Headline)
		if st.stopped() {
			return st.ctx.Err()
		}
	}
	return nil
}

// findDates finds each sentence's time expressions, resolved against ref,
// but for the days of statements (statementDay); a sentence with one over
// weeks or months is a tally.
func (x *Extractor) findDates(an []*analysis, ref time.Time, st *stopper) error {
	for _, a := range an {
		if st.stopped() {
			return st.ctx.Err()
		}
		for _, m := range dates.Find(a.Text, ref) {
			if x.statementDay(a.Text, a.toks, m) {
				continue
			}
			a.when = append(a.when, when{Mention: m})
		}
		for _, w := range a.when {
			// a figure over weeks or months ("in April", "over the last month") is a tally
			if !w.From.IsZero() && !w.To.IsZero() && w.To.Sub(w.From) > aggregateSpan {
				a.agg = true
			}
		}
	}
	return nil
}

// placeSentences sets each sentence's places (sentencePlaces) from what
// the gazetteer found and the article's governorates.
func (x *Extractor) placeSentences(an []*analysis, context []string, found [][]gazetteer.Match, st *stopper) error {
	for i, a := range an {
		a.places, a.placeStarts = x.sentencePlaces(a.sentence, context, found[i], a.mentions, a.toks)
		if st.stopped() {
			return st.ctx.Err()
		}
	}
	return nil
}

// writeClaims writes each sentence's claims into doc.Claims.
func (x *Extractor) writeClaims(doc *schema.Article, an []*analysis, st *stopper) error {
	// a Claim is big: make room at once for the claims the sentences' counts
	// and explicit attributions suggest, rather than grow the slice claim by
	// claim (it stays nil when no claim comes)
	doc.Claims = make([]schema.Claim, 0, claimRoom(an))
	var scratch []schema.Claim
	for _, a := range an {
		scratch = x.claims(doc, a, scratch)
		if st.stopped() {
			return st.ctx.Err()
		}
	}
	if len(doc.Claims) == 0 {
		doc.Claims = nil
	}
	return st.ctx.Err()
}

// leadEnd is where the lead paragraph ends: where the fourth body
// sentence starts.
func leadEnd(sents []sentence) int {
	end, body := math.MaxInt, 0
	for _, s := range sents {
		if !s.Headline {
			if body++; body == 4 {
				end = s.Offset
				break
			}
		}
	}
	return end
}

// relativeRef is the Monday the dates of an article without a publication
// date are resolved against before they are made relative (see reference):
// the last of a leap year, so that any date without a year resolves.
var relativeRef = time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC)

// reference returns the day the article's time expressions resolve against:
// its publication date, stated or inferred from the text (doc.Published is
// then set and marked inferred). An article whose date cannot be inferred
// but that names weekdays or relative days ("on Thursday", "over the last
// month") gets a stand-in day of the weekday its weekdays point to, and
// relative is true: its events then carry days counted from publication,
// which linking can anchor once other reports of the same incidents date
// them.
func (x *Extractor) reference(doc *schema.Article, sents []sentence) (ref time.Time, relative bool) {
	if t, ok := parseISO(doc.Published); ok {
		return t, false
	}
	texts := make([]string, len(sents))
	for i, s := range sents {
		texts[i] = s.Text
	}
	inf := dates.InferPublished(texts)
	if !inf.Day.IsZero() {
		doc.Published = inf.Day.Format(isoDate)
		doc.PublishedInferred = true
		return inf.Day, false
	}
	ref = relativeRef
	if inf.HasWeekday {
		ref = ref.AddDate(0, 0, (int(inf.Weekday)+6)%7)
		doc.PublishedWeekday = inf.Weekday.String()
	}
	return ref, true
}

// relativeDates keeps, in an article resolved against a stand-in day, the
// time expressions whose days counted from publication do not depend on the
// day's month or year: weekdays and days ("on Thursday", "yesterday", "over
// the past 48 hours") become relative days; expressions that write their
// year stay as they are. The others ("April 8", "this month", "last year")
// are unknown dates: they end the date a paragraph carries, and date
// nothing. A relative expression is kept when it counts the same days
// against a second stand-in of the same weekday in another month and year
// (sameDays).
func relativeDates(an []*analysis, ref time.Time) {
	ref2 := ref.AddDate(0, 0, 7*33)
	for _, a := range an {
		var again []dates.Mention
		for i := range a.when {
			w := &a.when[i]
			if w.From.IsZero() || w.To.IsZero() {
				continue // open ("in recent weeks"): never a date
			}
			switch {
			case w.Cue == dates.CueWeekday || w.Cue == dates.CueRelative || w.Cue == dates.CueDuration:
				if again == nil {
					again = dates.Find(a.Text, ref2)
				}
				from, to := daysBetween(ref, w.From), daysBetween(ref, w.To)
				w.unknown = true
				for _, m := range again {
					if m.Start == w.Start && m.End == w.End && sameDays(from, to, daysBetween(ref2, m.From), daysBetween(ref2, m.To)) {
						w.rel, w.relFrom, w.relTo, w.unknown = true, from, to, false
					}
				}
			case dates.HasYear(w.Text):
			default:
				w.unknown = true
			}
		}
	}
}

// sameDays reports whether two readings of a relative expression count the
// same days from publication: exactly, or, for a rolling month ("over the
// last month": 28 to 31 days), within three days.
func sameDays(from, to, from2, to2 int) bool {
	if from == from2 && to == to2 {
		return true
	}
	return to == to2 && to-from >= 27 && abs(from-from2) <= 3
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func daysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours()) / 24
}

// claimRoom guesses how many claims the sentences make: one per count of
// people and per explicit attribution. It is rarely short, and then only a
// little.
func claimRoom(an []*analysis) int {
	n := 0
	for _, a := range an {
		for _, f := range a.figures {
			if f.Unit == "" {
				n++
			}
		}
		if a.attr != nil && a.attr.Kind == "explicit" {
			n++
		}
	}
	return n
}

// contextGovernorates lists the governorates an article names, to break ties
// between places of the same name.
func contextGovernorates(found [][]gazetteer.Match) []string {
	seen := map[string]bool{}
	var out []string
	for _, ms := range found {
		for _, m := range ms {
			// the best reading of the name only
			if len(m.Entries) == 0 {
				continue
			}
			if e := m.Entries[0]; e.Kind == "governorate" && !seen[e.Admin1] {
				seen[e.Admin1] = true
				out = append(out, e.Admin1)
			}
		}
	}
	return out
}

// analyse reads the words of a sentence: its sources, attribution cues,
// event words and statements, and who it is attributed to. Extract adds
// its figures, dates and places.
func (x *Extractor) analyse(tz *tokenizer, s sentence) *analysis {
	a := &analysis{sentence: s, toks: tz.tokenize(s.Text), modifies: x.modifiers, people: x.Lex.people, speakers: x.speakers}
	// sources, cues, metrics and events in one pass over the tokens
	var cues []cue
	skip := 0
	for i := 0; i < len(a.toks); i++ {
		if !x.Lex.mayStart.MayHave(a.toks[i].Norm) {
			continue
		}
		st := x.Lex.firsts[a.toks[i].Norm]
		if st == nil {
			continue
		}
		if i >= skip && st.sources != nil {
			if id, n, ok := matchAt(st.sources, a.toks, i); ok && !isAffiliation(s.Text, a.toks[i].Start) {
				a.mentions = append(a.mentions, mention{i: i, n: n, id: id})
				skip = i + n
			}
		}
		if st.cues != nil {
			if role, n, ok := matchAt(st.cues, a.toks, i); ok {
				cues = append(cues, cue{i, n, role})
			}
		}
		if st.events != nil {
			if k, _, ok := matchAt(st.events, a.toks, i); ok && k != schema.KindEarlier {
				if k == "aggregate" || k == schema.KindWar {
					a.agg = true
					a.war = a.war || k == schema.KindWar
				} else if a.kind == "" || a.kind == "attack" {
					a.kind = k
				}
			}
		}
		if st.statements != nil {
			if m, _, ok := matchAt(st.statements, a.toks, i); ok && !slices.Contains(a.statements, m) {
				a.statements = append(a.statements, m)
			}
		}
	}
	for _, c := range cues {
		if c.role == "negation" {
			a.negated = true
		}
	}
	a.attr = x.attribute(a, cues)
	return a
}

// statementDay reports whether a weekday dates the statement rather than
// what it reports: right after a reporting verb ("the WHO said on
// Wednesday", "SOHR said Tuesday"; cues.tsv role verb). An article
// published on Wednesday about Tuesday's attack says so. A possessive
// ("said Saturday's attack", "said Saturdays attack" without apostrophes)
// dates what follows.
func (x *Extractor) statementDay(text string, toks []token, m dates.Mention) bool {
	if m.Cue != dates.CueWeekday {
		return false
	}
	low := strings.ToLower(m.Text)
	rest := text[m.End:]
	if strings.HasSuffix(low, "days") || strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "s ") {
		return false
	}
	j := tokenIndex(toks, m.Start) - 1
	if j >= 0 && toks[j].Norm == "on" {
		j--
	}
	return j >= 0 && x.verbs[toks[j].Norm]
}
