// Places: a sentence's places, and linking each claim to its place and date.

package extract

import (
	"cmp"
	"sort"
	"strings"
	"time"

	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/schema"
)

// places resolves the places a sentence names, leaving out datelines and
// names inside source names.
func (x *Extractor) sentencePlaces(s sentence, context []string, found []gazetteer.Match, mentions []mention, toks []token) ([]schema.Place, []int) {
	var out []schema.Place
	var starts []int
	if len(found) > 0 {
		// room for every match: no growing
		out, starts = make([]schema.Place, 0, len(found)), make([]int, 0, len(found))
	}
	dateline := datelineEnd(s.Text)
	// the matches that name places: not in a dateline, an affiliation
	// ("Aleppo-based"), a government ("the Damascus regime") or a source's name
	names := func(m gazetteer.Match) bool {
		if len(m.Entries) == 0 || m.End <= dateline || isAffiliation(s.Text, m.Start) {
			return false
		}
		if k := tokenIndex(toks, m.End); k < len(toks) && x.polity[toks[k].Norm] {
			return false
		}
		if x.inOutletName(toks, m.Start, m.End) {
			return false
		}
		for _, sm := range mentions {
			if toks[sm.i].Start <= m.Start && m.Start < toks[sm.i+sm.n-1].End {
				return false
			}
		}
		return true
	}
	var named []gazetteer.Match
	for _, m := range found {
		if names(m) {
			named = append(named, m)
		}
	}
	// then not a village of a near name far from the governorates named
	local := gazetteer.ContextAdmin1(named)
	kept := named[:0]
	for _, m := range named {
		if !x.Gaz.Stray(m, local) {
			kept = append(kept, m)
		}
	}
	for i, m := range kept {
		if x.describes(toks, m, kept[i+1:], context) {
			continue // "the Aleppo city of Deir Ezzor": the place is the next name
		}
		e := x.Gaz.Resolve(m, context)
		if e.Country != "" && e.Country != "SY" {
			continue
		}
		out = append(out, x.place(e, m.Text))
		starts = append(starts, m.Start)
	}
	return out, starts
}

// describes reports whether the place name m describes the name that follows
// it as "<m> town of <next>" ("the Idlib town of Saraqeb"), a qualifier noun
// of data/cues.tsv and "of" between them, and m is no finer a place than the
// next: in "the Jobar neighbourhood of Damascus" Jobar is the place.
func (x *Extractor) describes(toks []token, m gazetteer.Match, next []gazetteer.Match, context []string) bool {
	k := tokenIndex(toks, m.End)
	if len(next) == 0 || len(next[0].Entries) == 0 || k+2 >= len(toks) || !x.qualifier[toks[k].Norm] ||
		toks[k+1].Norm != "of" || next[0].Start != toks[k+2].Start {
		return false
	}
	a, b := x.Gaz.Resolve(m, context).Kind, x.Gaz.Resolve(next[0], context).Kind
	if kindRank(a) != kindRank(b) {
		return kindRank(a) > kindRank(b)
	}
	return fineness[a] >= fineness[b]
}

// fineness orders the kinds of places of one placeRank from the smallest.
var fineness = map[string]int{"neighbourhood": 0, "village": 1, "town": 2, "city": 3}

// datelineEnd returns the end of a dateline at the start of s ("ERBIL,
// Kurdistan Region –"), or 0.
func datelineEnd(s string) int {
	for _, dash := range []string{" – ", " — ", " - "} {
		// the first such dash counts only if it starts in the first 60
		// bytes: search no further
		near := s[:min(len(s), 59+len(dash))]
		if i := strings.Index(near, dash); i > 0 && i < 60 {
			head := s[:i]
			first := strings.Fields(head)[0]
			if strings.ToUpper(first) == first && len(strings.Fields(head)) <= 6 {
				return i + len(dash)
			}
		}
	}
	return 0
}

func (x *Extractor) place(e gazetteer.Entry, mentionText string) schema.Place {
	if p, ok := x.places.Load(e.ID); ok {
		p := p.(schema.Place)
		p.Mention = mentionText
		return p
	}
	p := schema.Place{
		ID: placeID(e), Name: e.Name, Kind: e.Kind, Admin1: e.Admin1,
		Lat: e.Lat, Lon: e.Lon, HasCoords: e.HasCoords, GazetteerID: e.ID,
	}
	if e.Kind != "governorate" && e.Admin1 != "" {
		if g, ok := x.Gaz.Governorate(e.Admin1); ok {
			p.Within, p.WithinName = placeID(g), g.Name
		}
	}
	x.places.Store(e.ID, p)
	p.Mention = mentionText
	return p
}

// placeID is a readable, deterministic id for a gazetteer entry.
func placeID(e gazetteer.Entry) string {
	id := slug(e.Name)
	switch {
	case e.Kind == "governorate":
		id += "-governorate"
	case e.Admin1 != "" && slug(e.Admin1) != id:
		id += "-" + slug(e.Admin1)
	}
	return id
}

func slug(s string) string {
	return strings.Join(normPhrase(strings.ToLower(s)), "-")
}

// placeRank orders places from the most specific (towns, features) to the
// least (governorates, regions).
func placeRank(p *schema.Place) int { return kindRank(p.Kind) }

// kindRank is placeRank of a gazetteer kind.
func kindRank(kind string) int {
	switch kind {
	case "governorate":
		return 3
	case "region", "country":
		return 4
	case "district", "subdistrict":
		return 2
	}
	return 1
}

// linkPlacesAndDates gives every claim its event: the most specific place
// and the first date of its sentence, else those of the sentences before it
// in its paragraph, else the article's first specific place. A place with no
// governorate (Syria, the Euphrates) is used only when nothing finer is known,
// except for a tally of a year or more whose sentence names only a country
// (longTally): that counts the country.
func (x *Extractor) linkPlacesAndDates(doc *schema.Article, an []*analysis) {
	published, _ := parseISO(doc.Published)
	articlePlace := articlePlace(an, published)
	var cur paragraphEvent
	curPara := -2
	for _, a := range an {
		if a.Paragraph != curPara {
			cur, curPara = paragraphEvent{}, a.Paragraph
		}
		if p := best(a.places); p != nil && p.Admin1 != "" {
			cur.place = p
		}
		// a background sentence ("Russia deployed warplanes to Syria last
		// year") dates its own claims, not the sentences after it
		prev := cur
		bg := background(a, published)
		cur.dateFrom(a)
		kind := eventKind(a)
		for k, ci := range a.claims {
			x.setEvent(&doc.Claims[ci], a, k, kind, cur, articlePlace, published)
		}
		if bg {
			cur.start, cur.end, cur.rel = prev.start, prev.end, prev.rel
		}
	}
	placeSummaries(doc, an)
}

// articlePlace is the article's place: its first specific place outside
// background sentences, else in one, else its first place of any kind.
func articlePlace(an []*analysis, published time.Time) *schema.Place {
	var articlePlace, pastPlace, vaguePlace *schema.Place
	for _, a := range an {
		p := best(a.places)
		switch {
		case p == nil:
		case p.Admin1 == "":
			vaguePlace = cmp.Or(vaguePlace, p)
		case background(a, published):
			pastPlace = cmp.Or(pastPlace, p)
		default:
			articlePlace = cmp.Or(articlePlace, p)
		}
	}
	return cmp.Or(articlePlace, pastPlace, vaguePlace)
}

// paragraphEvent is the place and date a paragraph has given so far: the
// date as days (start, end) or, in an article dated relatively, as a
// relative time expression (rel).
type paragraphEvent struct {
	place      *schema.Place
	start, end string
	rel        *when
}

// dateFrom takes the first date of a's sentence that dates an event.
func (e *paragraphEvent) dateFrom(a *analysis) {
	for i, w := range a.when {
		if w.From.IsZero() || w.To.IsZero() {
			continue
		}
		if a.agg && w.To.Sub(w.From) <= aggregateSpan && widerWhen(a.when[i+1:]) {
			continue // a tally's window, not the day it was told ("said on Tuesday ... in the last month")
		}
		if w.unknown {
			e.start, e.end, e.rel = "", "", nil // a date, but not one we can tell
			break
		}
		if w.rel {
			e.start, e.end, e.rel = "", "", &a.when[i]
		} else {
			e.start, e.end, e.rel = w.From.Format(isoDate), w.To.Format(isoDate), nil
		}
		break
	}
}

// eventKind is the kind of the events of a's claims: the war's, a tally,
// the sentence's kind cue, else "attack".
func eventKind(a *analysis) string {
	kind := a.kind
	switch {
	case a.war:
		kind = schema.KindWar
	case a.agg:
		kind = "aggregate"
	}
	if kind == "" {
		kind = "attack"
	}
	return kind
}

// setEvent gives the k-th claim c of sentence a its event: kind, place
// (claimPlace, else the article's) and dates (the paragraph's; none for an
// earlier incident; the war's window for the war's toll).
func (x *Extractor) setEvent(c *schema.Claim, a *analysis, k int, kind string, cur paragraphEvent, articlePlace *schema.Place, published time.Time) {
	c.Event.Kind = kind
	c.Event.Place = x.claimPlace(a, k, cur.place, published)
	if c.Event.Place == nil {
		c.Event.Place = articlePlace
	}
	if x.earlierAfter(a, a.claimPos[k]) {
		// an incident before the sentence's: its own event, undated
		c.Event.Kind = schema.KindEarlier
		return
	}
	if a.war {
		// the war's toll runs from the war's start to the day it
		// was told, whatever the paragraph dated before it
		c.Event.Start, c.Event.End = warWindow(a, published)
		return
	}
	c.Event.Start, c.Event.End = cur.start, cur.end
	if cur.rel != nil {
		from, to := int64(cur.rel.relFrom), int64(cur.rel.relTo)
		c.Event.RelStart, c.Event.RelEnd = &from, &to
	}
}

// claimPlace is the place of the k-th claim of sentence a: the place of
// its toll, the place near its figure, the country for a long tally naming
// nothing finer, the gazetteer's country for the war's toll naming no
// place, else the paragraph's place (curPlace).
func (x *Extractor) claimPlace(a *analysis, k int, curPlace *schema.Place, published time.Time) *schema.Place {
	if p := a.tollPlace(a.claimPos[k], x.rise); p != nil {
		return p
	}
	if p := a.placeNear(a.claimPos[k]); p != nil {
		return p
	}
	if b := best(a.places); b != nil && b.Kind == "country" && longTally(a, published) {
		// a tally of a year or more whose sentence names a country
		// and nothing finer ("330000 killed in Syria since March
		// 2011") counts the whole country, not the town the
		// article is about
		return b
	}
	if a.war && len(a.places) == 0 {
		// "Syria's war has killed more than 370,000 people since
		// the conflict began": the war of the gazetteer's country
		return x.country()
	}
	return curPlace
}

// warWindow is the window of a tally of the whole war (events.tsv kind
// war): from the first date its own sentence gives ("since the conflict
// began in March 2011": March 2011) to the article's publication, since the
// toll counts every death up to the day it was told. Two outlets' tolls a
// year apart are two counts, not one figure. With no date in the sentence,
// or no publication date, the window is unknown ("", "").
func warWindow(a *analysis, published time.Time) (start, end string) {
	if published.IsZero() {
		return "", ""
	}
	for _, w := range a.when {
		if w.From.IsZero() || w.rel || w.unknown || w.From.After(published) {
			continue
		}
		return w.From.Format(isoDate), published.Format(isoDate)
	}
	return "", ""
}

// country returns the place of the gazetteer's own country (the one entry
// of kind country that is Syrian, gazetteer.Entry.Syrian), or nil when it
// has none or several.
func (x *Extractor) country() *schema.Place {
	x.countryOnce.Do(func() {
		var found []gazetteer.Entry
		for e := range x.Gaz.All() {
			if e.Kind == "country" && e.Syrian() {
				found = append(found, e)
			}
		}
		if len(found) == 1 {
			p := x.place(found[0], found[0].Name)
			x.countryPlace = &p
		}
	})
	if x.countryPlace == nil {
		return nil
	}
	p := *x.countryPlace
	return &p
}

// longTallySpan is how long before publication a tally must start to count a
// war rather than a campaign.
const longTallySpan = 365 * 24 * time.Hour

// longTally reports whether a sentence is a tally (a.agg) whose time reaches
// back a year or more before publication: "since March 2011", "over the past
// five years", "in its 30-month war". A tally of "last month" or "in May"
// is not one: it is about the article's own fighting.
func longTally(a *analysis, published time.Time) bool {
	if !a.agg || published.IsZero() {
		return false
	}
	for _, w := range a.when {
		if !w.From.IsZero() && !w.rel && !w.unknown && published.Sub(w.From) >= longTallySpan {
			return true
		}
	}
	return false
}

// backgroundGap is how long before publication a sentence's dates must all
// end for the sentence to be background.
const backgroundGap = 45 * 24 * time.Hour

// background reports whether a sentence is history: it is dated, and all its
// dates end well before the article's publication ("the rebels used the same
// weapons in Aleppo last year", "a sarin attack in Ghouta in August 2013").
// Its places are not where the article's news happened: they are the
// article's place only when no other sentence has one. (They still carry to
// the next sentences of their paragraph, which often go on about the same
// past incident: "... a chemical attack on March 19. It said 26 were killed.")
func background(a *analysis, published time.Time) bool {
	if published.IsZero() {
		return false
	}
	dated := false
	for _, w := range a.when {
		if w.To.IsZero() || w.rel {
			continue
		}
		if published.Sub(w.To) < backgroundGap {
			return false
		}
		dated = true
	}
	return dated
}

// placeSummaries completes a headline figure from the body sentence that
// reports the same count: the headline sums up the article, the body says
// where and when. The headline takes that sentence's place when it names
// several governorates ("Four killed in attacks in Damascus, Aleppo and
// Homs") or none, and its date when it has none (headlines rarely date).
func placeSummaries(doc *schema.Article, an []*analysis) {
	for _, a := range an {
		if !a.Headline {
			continue
		}
		replace := governorates(a.places) != 1
		for _, ci := range a.claims {
			h := &doc.Claims[ci]
			if h.Figure.Value == nil || h.SubsetOf >= 0 {
				continue
			}
			placed, dated := !replace, h.Event.Start != "" || h.Event.RelStart != nil || h.Event.Kind == schema.KindEarlier
			for i := range doc.Claims {
				b := &doc.Claims[i]
				if placed && dated {
					break
				}
				if b.Section == "headline" || b.Metric != h.Metric || b.SubsetOf >= 0 || b.Figure.Value == nil ||
					*b.Figure.Value != *h.Figure.Value {
					continue
				}
				if !placed && b.Event.Place != nil && b.Event.Place.Admin1 != "" {
					h.Event.Place, placed = b.Event.Place, true
				}
				if !dated && (b.Event.Start != "" || b.Event.RelStart != nil) {
					h.Event.Start, h.Event.End, h.Event.RelStart, h.Event.RelEnd = b.Event.Start, b.Event.End, b.Event.RelStart, b.Event.RelEnd
					dated = true
				}
			}
		}
	}
}

// governorates counts the governorates of a sentence's places.
func governorates(ps []schema.Place) int {
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Admin1 != "" {
			seen[p.Admin1] = true
		}
	}
	return len(seen)
}

func best(ps []schema.Place) *schema.Place {
	var b *schema.Place
	for i := range ps {
		if b == nil || placeRank(&ps[i]) < placeRank(b) || b.Admin1 == "" && ps[i].Admin1 != "" {
			b = &ps[i]
		}
	}
	return b
}

// isAffiliation reports whether the name at start is part of an affiliation
// ("pro-Damascus fighters", "anti-Assad groups"), not a place.
func isAffiliation(s string, start int) bool {
	pre := s[max(0, start-5):start]
	return hasSuffixFold(pre, "pro-") || hasSuffixFold(pre, "anti-")
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// inOutletName reports whether the span [start,end) of a sentence lies in the
// name of an outlet ("Daily Sabah" is not the village of Sabbah).
func (x *Extractor) inOutletName(toks []token, start, end int) bool {
	// the name starts at or before start, and at most 40 bytes before it
	// (tokens are in text order)
	first := sort.Search(len(toks), func(i int) bool { return toks[i].End > start-40 })
	for i := first; i < len(toks) && toks[i].Start <= start && toks[i].Start < end; i++ {
		if _, n, ok := x.Lex.outlets.match(toks, i); ok {
			if toks[i].Start <= start && end <= toks[i+n-1].End {
				return true
			}
		}
	}
	return false
}

// placeNear returns the place of the sentence that a figure at byte pos is
// about: the first place named after it, refined by the places right after
// that lie within it ("in the countryside of Homs near al-Sukhnah" is
// al-Sukhnah), but not moved to an unrelated place ("kills 18 in Deir Ezour,
// advances in Jobar" is Deir Ezour). With no place after the figure it is
// the finest place of the sentence; nil when pos is unknown or the sentence
// names no place with a governorate.
func (a *analysis) placeNear(pos int) *schema.Place {
	if pos < 0 {
		return nil
	}
	var got *schema.Place
	for i := range a.places {
		p := &a.places[i]
		if p.Admin1 == "" || a.placeStarts[i] <= pos {
			continue
		}
		if got == nil {
			got = p
			continue
		}
		if p.Admin1 != got.Admin1 {
			break
		}
		if placeRank(p) < placeRank(got) {
			got = p
		}
	}
	if got == nil {
		if b := best(a.places); b != nil && b.Admin1 != "" {
			return b
		}
	}
	return got
}

// tollPlace returns the place named inside a toll that rises or stands at
// the figure at byte pos ("the death toll from rocket attacks in Aleppo
// rises to 8"): the place of the toll, not one after the figure; nil when
// the figure is not such a toll's.
func (a *analysis) tollPlace(pos int, rise map[string]bool) *schema.Place {
	if pos < 0 {
		return nil
	}
	k := tollBefore(a.toks, tokenIndex(a.toks, pos), rise)
	if k < 0 {
		return nil
	}
	var got *schema.Place
	for i := range a.places {
		if p := &a.places[i]; p.Admin1 != "" && a.placeStarts[i] > a.toks[k].Start && a.placeStarts[i] < pos {
			got = p // the last one before the figure
		}
	}
	return got
}

// tollBefore returns the index of "toll" when the figure at token fs is what
// a toll rises or stands at ("the death toll ... rose to 11", "putting the
// toll at 70"): "to" or "at" right before it, "toll" within 12 words before
// that with no punctuation between, or, after a verb of rising (cues.tsv
// role rise: "has risen to"), within 40 words and past commas ("The death
// toll from Wednesday's air strike on a hospital in the rebel-held east of
// Aleppo, the last in the city, has risen to 50"). -1 otherwise.
func tollBefore(toks []token, fs int, rise map[string]bool) int {
	if fs < 2 || toks[fs-1].Norm != "to" && toks[fs-1].Norm != "at" {
		return -1
	}
	window, commas := 12, false
	if toks[fs-1].Norm == "to" && rise[toks[fs-2].Norm] {
		window, commas = 40, true
	}
	for k := fs - 2; k >= 0 && k >= fs-window; k-- {
		if p := toks[k].Punct; p != 0 && !(commas && (p == ',' || p == '(' || p == ')' || isQuote(p))) {
			return -1
		}
		if toks[k].Norm == "toll" {
			return k
		}
	}
	return -1
}
