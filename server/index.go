package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// SourceRef names a source or outlet.
type SourceRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ArticleRef names an article.
type ArticleRef struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`      // outlet source id, "" when the article names none
	OutletNm  string `json:"outlet_name"` // its display name
	Published string `json:"published"`   // ISO date or ""
	URL       string `json:"url"`         // the article's URL when its input gave one, or ""
}

// Claim is one claim as the page shows it: who claimed what, through whom,
// in which article, read from which sentence. It is built from the claim's
// row (rows.Claim, newClaim) and shaped for the page: a short id beside the
// IRI, the article and relays as objects, the origin spelled out.
type Claim struct {
	ID           string      `json:"id"`  // short id "ARTICLE:N", as in /api/claims/{id}/trace
	IRI          string      `json:"iri"` // claim IRI
	Article      ArticleRef  `json:"article"`
	Claimant     string      `json:"claimant"` // source id, "" when the outlet asserts it
	ClaimantName string      `json:"claimant_name"`
	Origin       string      `json:"origin"` // the organisation behind the claimant (prov:hadPrimarySource), or the outlet
	OriginName   string      `json:"origin_name"`
	Via          []SourceRef `json:"via"` // relays, nearest the article first
	Metric       string      `json:"metric"`
	Value        *int64      `json:"value"`
	Min          *int64      `json:"min"`
	Max          *int64      `json:"max"`
	FigureText   string      `json:"figure_text"`
	Who          string      `json:"who"`
	Place        string      `json:"place"` // place id
	PlaceName    string      `json:"place_name"`
	// PlaceMention is the place as the article spells it ("Aleppo" where
	// the gazetteer says "Ḩalab"), "" when it spells it as the gazetteer.
	PlaceMention string `json:"place_mention"`
	Admin1       string `json:"admin1"`
	Start        string `json:"start"`
	End          string `json:"end"`
	Evidence     string `json:"evidence"`
	// Paragraph is the paragraph of the article that holds Evidence (cut to
	// about maxParagraph bytes around it), or "" when the store does not
	// keep the article's text (loaded before it was kept). The index leaves
	// it "" and MarshalJSON cuts it.
	Paragraph   string `json:"paragraph"`
	Attribution string `json:"attribution"`
	Event       string `json:"event"` // linked event id, "" when the linker left it out

	// what Paragraph is cut from: the article's text, the claim's offset
	// and evidence in it
	text, evidence string
	offset         int
}

// MarshalJSON writes the claim, its Paragraph cut from its article's text.
func (c Claim) MarshalJSON() ([]byte, error) {
	type plain Claim // without this method
	p := plain(c)
	if p.Paragraph == "" {
		p.Paragraph = paragraph(c.text, c.offset, c.evidence)
	}
	// as writeJSON writes (the caller's encoder escapes HTML if it does)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// EventSummary is one row of the event list.
type EventSummary struct {
	ID                 string      `json:"id"` // the linked event IRI's last segment
	IRI                string      `json:"iri"`
	Name               string      `json:"name"`
	Kind               string      `json:"kind"`
	Place              string      `json:"place"` // place id of the linked event
	PlaceName          string      `json:"place_name"`
	Places             []string    `json:"places"` // names of every place its claims give, sorted
	Start              string      `json:"start"`
	End                string      `json:"end"`
	Aggregate          bool        `json:"aggregate"`
	Claims             int         `json:"claims"`
	Articles           int         `json:"articles"`
	Sources            []SourceRef `json:"sources"` // claimants, origins and relays, sorted by id
	IndependentOrigins int         `json:"independent_origins"`
	Contradictions     int         `json:"contradictions"`
	HasContradiction   bool        `json:"has_contradiction"`
	Corroborations     int         `json:"corroborations"`
	Circular           int         `json:"circular"` // groups of circular reporting (EventDetail.CircularList)
	// Lat and Lon are the coordinates of the event's place, nil when the
	// gazetteer has none.
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
}

// Contradiction is a pair of claims that cannot both be right, spelled out.
type Contradiction struct {
	A      string `json:"a"` // claim short ids
	B      string `json:"b"`
	Metric string `json:"metric"`
	Kind   string `json:"kind"` // figure, revision, scope or date
	Why    string `json:"why"`  // the linker's reason
	Text   string `json:"text"` // "Syrian Observatory for Human Rights: 27 killed (Rudaw, 2019-04-20) vs ..."
}

// Corroboration is a group of claims whose figures agree.
type Corroboration struct {
	Claims             []string `json:"claims"` // claim short ids
	Metric             string   `json:"metric"`
	IndependentOrigins int      `json:"independent_origins"`
	Origins            []string `json:"origins"`
	Why                string   `json:"why"`
	Text               string   `json:"text"`
}

// CircularReport is circular reporting: one origin's figures about the
// event carried by several articles, so that their number says nothing of
// corroboration. Relays lists the articles in order of publication, the
// earliest (where the figure first appeared) first, undated ones last.
type CircularReport struct {
	Origin     string `json:"origin"` // source id
	OriginName string `json:"origin_name"`
	// Claims are the group's claim short ids in the order of Relays.
	Claims             []string        `json:"claims"`
	Relays             []CircularRelay `json:"relays"`
	IndependentOrigins int             `json:"independent_origins"` // of the whole event: 1 means this origin is all there is
	Why                string          `json:"why"`                 // the linker's reason
}

// CircularRelay is one article that carried an origin's figures.
type CircularRelay struct {
	Article ArticleRef  `json:"article"`
	Claims  []string    `json:"claims"`  // its claims of the group, short ids
	Figures []string    `json:"figures"` // their figures and metrics: "27 killed"
	Via     []SourceRef `json:"via"`     // who passed the figures between the origin and the article (over its claims, nearest the article first)
}

// EventDetail is an event with its claims and the relations between them.
type EventDetail struct {
	EventSummary
	ClaimList      []*Claim        `json:"claim_list"` // shared with index.claims
	ArticleList    []ArticleRef    `json:"article_list"`
	Contradictions []Contradiction `json:"contradiction_list"`
	Corroborations []Corroboration `json:"corroboration_list"`
	// Updates are higher tolls reported later (Kind "update"): not contradictions.
	Updates []Contradiction `json:"update_list"`
	// RelatedClaims are the claims of other events that its relations pair
	// with its own (a date contradiction's other side), so that both sides
	// of every relation can be shown in full.
	RelatedClaims []*Claim `json:"related_claims"`
	// Joined says why each article's report joined the event: the evidence
	// that decided it ("B joined A (evidence 8.5): same day ...").
	Joined []string `json:"joined"`
	// CircularList is the event's circular reporting, one group per origin.
	CircularList []CircularReport `json:"circular_list"`

	pos int // its position in index.events
}

// index is a snapshot of the store shaped for the page: every article
// decoded once, the linker's events and relations keyed by event.
type index struct {
	built  time.Time
	events []*EventDetail // sorted by start date, then name
	// byClaims are the events sorted by their number of claims, most
	// first, then as events (the order of /api/events?sort=claims)
	byClaims []*EventDetail
	byEvent  map[string]*EventDetail
	claims   map[string]*Claim // by short id
	sources  map[string]*sourceStat
	places   map[string]*placeStat
	coords   map[string][2]float64 // place id -> latitude, longitude
	// the names the filters of /api/events match (eventFilter): an
	// event's place, its claims' places and governorates; its sources and
	// its articles' outlets, ids and names; its name, id and kind
	placeNames, sourceNames, textNames names
	// what the other filters test, by position in events, and the
	// positions of byClaims: a filtered list walks these, never the
	// events themselves (at 250,000 events, a pointer followed per event
	// cost 16-28 ms a request)
	facts     []eventFacts
	claimsPos []int32
}

// eventFacts are what eventFilter tests of an event besides its names.
type eventFacts struct {
	start, end    string
	contradiction bool
}

type sourceStat struct {
	SourceRef
	Claims int      `json:"claims"`
	Events int      `json:"events"`
	hay    haystack // its id and name, for search
}

type placeStat struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Admin1 string `json:"admin1"`
	// Mentions are the articles' own spellings of the place, sorted.
	Mentions []string `json:"mentions"`
	Claims   int      `json:"claims"`
	Events   int      `json:"events"`
	hay      haystack // its id, name, governorate and mentions, for search
}

// ClaimID returns the short id of a claim IRI: "ARTICLE:N".
func ClaimID(iri string) string {
	i := strings.LastIndex(iri, "/claim/")
	if i < 0 {
		return iri
	}
	return schema.ArticleIDFromIRI(iri[:i]) + ":" + iri[i+len("/claim/"):]
}

// ClaimIRI returns the IRI of a short claim id, or id itself when it is
// already an IRI.
func ClaimIRI(id string) (string, bool) {
	if strings.Contains(id, "://") {
		return id, true
	}
	i := strings.LastIndexByte(id, ':')
	if i <= 0 {
		return "", false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 {
		return "", false
	}
	return schema.ClaimIRI(schema.ArticleIRI(id[:i]), n), true
}

// newClaim returns the page's form of a claim's row (rows.Claim): short id
// and IRI, its article, the figure, place and dates; the caller adds the
// relays with their ids, the origin and the linked event, which the row does
// not carry.
func newClaim(r rows.Claim, art ArticleRef) *Claim {
	cl := &Claim{
		ID: ClaimID(r.ID), IRI: r.ID, Article: art, Claimant: r.Claimant, ClaimantName: r.ClaimantName,
		Via: []SourceRef{}, Metric: r.Metric, Value: r.Value, Min: r.Min, Max: r.Max, FigureText: r.FigureText,
		Who: r.Who, Place: r.Location, PlaceName: r.LocationName, Admin1: r.Admin1, Evidence: r.Evidence,
		Attribution: r.Attribution,
	}
	if r.Start != nil {
		cl.Start = *r.Start
	}
	if r.End != nil {
		cl.End = *r.End
	}
	return cl
}

// eventID is the last segment of a linked event IRI.
func eventID(iri string) string { return schema.IDFromIRI(iri) }

// buildIndex reads the store: every article, and the linker's events,
// contradictions, updates, corroborations and circular reports, all six at
// once (each read is its own; on two cores the 100k store's took 27 s at
// once, 37 s one after another: docs/scale.md); and shapes them for the
// page in four steps (addArticles, addEvent, addRelations, sortEvents).
func buildIndex(ctx context.Context, s *graph.Store) (*index, error) {
	var (
		docs []*schema.Article
		evs  []rows.Event
		cons []rows.Contradiction
		cors []rows.Corroboration
		upds []rows.Contradiction
		circ []rows.Circular
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if docs, err = queries.ReadArticles(gctx, s); err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) { evs, err = queries.Events(gctx, s, queries.Filter{}); return err })
	g.Go(func() (err error) { cons, err = queries.Contradictions(gctx, s, queries.Filter{}); return err })
	g.Go(func() (err error) { cors, err = queries.Corroborations(gctx, s, queries.Filter{}); return err })
	g.Go(func() (err error) { upds, err = queries.Updates(gctx, s, queries.Filter{}); return err })
	g.Go(func() (err error) { circ, err = queries.CircularReports(gctx, s, queries.Filter{}); return err })
	if err := g.Wait(); err != nil {
		return nil, err
	}
	x := &index{
		built: time.Now(), byEvent: map[string]*EventDetail{}, claims: map[string]*Claim{},
		sources: map[string]*sourceStat{}, places: map[string]*placeStat{}, coords: map[string][2]float64{},
	}
	placeNames := x.addArticles(docs)
	for _, e := range evs {
		x.addEvent(e, placeNames)
	}
	x.addRelations(cons, upds, cors)
	x.addCircular(circ)
	x.sortEvents()
	x.addHaystacks()
	return x, nil
}

// addArticles indexes every claim of docs with its article, origin,
// relays and place, counts the claims of each source and place, and
// returns the name of every place id.
func (x *index) addArticles(docs []*schema.Article) (placeNames map[string]string) {
	placeNames = map[string]string{}
	for _, doc := range docs {
		art := ArticleRef{ID: doc.ID, Title: doc.Title, Published: doc.Published, URL: doc.URL}
		if doc.Outlet != nil {
			art.Outlet, art.OutletNm = doc.Outlet.ID, doc.Outlet.Name
		}
		for i := range doc.Claims {
			c := &doc.Claims[i]
			cl := newClaim(rows.NewClaim(doc, i), art)
			// the paragraph is cut when the claim is written (MarshalJSON):
			// kept whole, the paragraphs of 930,000 claims held 700 MB
			cl.text, cl.offset, cl.evidence = doc.Text, c.Offset, c.Evidence
			if c.Claimant != nil {
				cl.Origin, cl.OriginName = c.Claimant.ID, c.Claimant.Name
				x.source(c.Claimant.ID, c.Claimant.Name)
				if c.Claimant.SpeaksFor != "" {
					cl.Origin, cl.OriginName = c.Claimant.SpeaksFor, c.Claimant.SpeaksFor
				}
			} else if doc.Outlet != nil {
				cl.Origin, cl.OriginName = doc.Outlet.ID, doc.Outlet.Name
			}
			for _, v := range c.Via {
				cl.Via = append(cl.Via, SourceRef{ID: v.ID, Name: v.Name})
				x.source(v.ID, v.Name)
			}
			if p := c.Event.Place; p != nil {
				placeNames[p.ID] = p.Name
				if p.HasCoords {
					x.coords[p.ID] = [2]float64{p.Lat, p.Lon}
				}
				ps := x.places[p.ID]
				if ps == nil {
					ps = &placeStat{ID: p.ID, Name: p.Name, Admin1: p.Admin1, Mentions: []string{}}
					x.places[p.ID] = ps
				}
				ps.Claims++
				if m := strings.TrimSpace(p.Mention); m != "" && m != p.Name {
					cl.PlaceMention = m
					if i, found := slices.BinarySearch(ps.Mentions, m); !found {
						ps.Mentions = slices.Insert(ps.Mentions, i, m)
					}
				}
			}
			if doc.Outlet != nil {
				x.source(doc.Outlet.ID, doc.Outlet.Name)
			}
			x.claims[cl.ID] = cl
		}
	}
	// an origin named only through a person's speaksFor: use the source's own name when known
	for _, cl := range x.claims {
		if s := x.sources[cl.Origin]; s != nil && cl.OriginName == cl.Origin {
			cl.OriginName = s.Name
		}
		if cl.Claimant != "" {
			x.sources[cl.Claimant].Claims++
		}
	}
	return placeNames
}

// addEvent adds a linked event with its claims, articles, places and
// sources (the claims' Event set to it), and counts the events of each
// source and place.
func (x *index) addEvent(e rows.Event, placeNames map[string]string) {
	d := &EventDetail{EventSummary: EventSummary{
		ID: eventID(e.Event), IRI: e.Event, Name: e.Name, Kind: e.Kind, Place: e.Place,
		PlaceName: placeNames[e.Place], Start: e.Start, End: e.End, Aggregate: e.Aggregate,
		IndependentOrigins: e.IndependentOrigins, Places: []string{}, Sources: []SourceRef{},
	}, ClaimList: []*Claim{}, ArticleList: []ArticleRef{}, Contradictions: []Contradiction{}, Corroborations: []Corroboration{}, RelatedClaims: []*Claim{},
		Updates: []Contradiction{}, Joined: e.Joined, CircularList: []CircularReport{}}
	if d.PlaceName == "" {
		d.PlaceName = e.Place
	}
	if c, ok := x.coords[e.Place]; ok {
		d.Lat, d.Lon = &c[0], &c[1]
	}
	places, srcs, arts := map[string]bool{}, map[string]string{}, map[string]bool{}
	for _, m := range e.Claims {
		cl := x.claims[ClaimID(m)]
		if cl == nil {
			continue
		}
		if cl.Event != "" && cl.Event != d.ID {
			// a claim of two events: this one lists a copy of its own
			c := *cl
			cl = &c
		}
		cl.Event = d.ID
		d.ClaimList = append(d.ClaimList, cl)
		if cl.PlaceName != "" {
			places[cl.PlaceName] = true
		}
		for _, s := range append([]SourceRef{{cl.Claimant, cl.ClaimantName}, {cl.Origin, cl.OriginName}}, cl.Via...) {
			if s.ID != "" {
				srcs[s.ID] = s.Name
			}
		}
		if !arts[cl.Article.ID] {
			arts[cl.Article.ID] = true
			d.ArticleList = append(d.ArticleList, cl.Article)
		}
	}
	sortClaims(d.ClaimList)
	sort.Slice(d.ArticleList, func(i, j int) bool { return d.ArticleList[i].ID < d.ArticleList[j].ID })
	for p := range places {
		d.Places = append(d.Places, p)
	}
	sort.Strings(d.Places)
	for id, name := range srcs {
		d.Sources = append(d.Sources, SourceRef{id, name})
		if s := x.sources[id]; s != nil {
			s.Events++
		}
	}
	sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].ID < d.Sources[j].ID })
	seenPlace := map[string]bool{}
	for _, cl := range d.ClaimList {
		if ps := x.places[cl.Place]; ps != nil && !seenPlace[cl.Place] {
			seenPlace[cl.Place] = true
			ps.Events++
		}
	}
	d.Claims, d.Articles = len(d.ClaimList), len(d.ArticleList)
	x.events = append(x.events, d)
	x.byEvent[d.ID] = d
}

// addRelations adds to their events the contradictions and updates,
// spelled out with the claims of their other sides (RelatedClaims), and
// the corroborations, and sets the events' relation counts.
func (x *index) addRelations(cons, upds []rows.Contradiction, cors []rows.Corroboration) {
	pair := func(c rows.Contradiction, link string) (*EventDetail, Contradiction) {
		a, b := x.claims[ClaimID(c.A)], x.claims[ClaimID(c.B)]
		return x.byEvent[eventID(c.Event)], Contradiction{
			A: ClaimID(c.A), B: ClaimID(c.B), Metric: c.Metric, Kind: c.Kind, Why: c.Why,
			Text: describe(a) + link + describe(b),
		}
	}
	// related adds to d the claims of r that d does not hold
	related := func(d *EventDetail, r Contradiction) {
		for _, id := range []string{r.A, r.B} {
			own := false
			for i := range d.ClaimList {
				own = own || d.ClaimList[i].ID == id
			}
			for i := range d.RelatedClaims {
				own = own || d.RelatedClaims[i].ID == id
			}
			if c, ok := x.claims[id]; ok && !own {
				d.RelatedClaims = append(d.RelatedClaims, c)
			}
		}
	}
	for _, c := range cons {
		if d, r := pair(c, " — but "); d != nil {
			d.Contradictions = append(d.Contradictions, r)
			related(d, r)
		}
	}
	for _, c := range upds {
		if d, r := pair(c, " — later "); d != nil {
			d.Updates = append(d.Updates, r)
			related(d, r)
		}
	}
	for _, c := range cors {
		d := x.byEvent[eventID(c.Event)]
		if d == nil {
			continue
		}
		co := Corroboration{Metric: c.Metric, IndependentOrigins: c.IndependentOrigins, Origins: c.Origins, Why: c.Why}
		var parts []string
		for _, m := range c.Claims {
			co.Claims = append(co.Claims, ClaimID(m))
			parts = append(parts, describe(x.claims[ClaimID(m)]))
		}
		co.Text = strings.Join(parts, "; ")
		d.Corroborations = append(d.Corroborations, co)
	}
	for _, d := range x.events {
		d.EventSummary.Contradictions = len(d.Contradictions)
		d.HasContradiction = len(d.Contradictions) > 0
		d.EventSummary.Corroborations = len(d.Corroborations)
	}
}

// addCircular adds to their events the circular reporting groups (one
// origin, its relays in order of publication) and sets their counts.
func (x *index) addCircular(circ []rows.Circular) {
	for _, c := range circ {
		if d := x.byEvent[eventID(c.Event)]; d != nil {
			d.CircularList = append(d.CircularList, x.circular(c))
		}
	}
	for _, d := range x.events {
		d.Circular = len(d.CircularList)
	}
}

// addHaystacks prepares what search and the filters of /api/events
// match, so that a request does not fold every name again: each source's
// and place's names, and the inverted indexes of the events' names
// (placeNames, sourceNames, textNames); it sets each event's pos.
func (x *index) addHaystacks() {
	f := newFolder()
	for _, s := range x.sources {
		s.hay = f.haystack(s.ID, s.Name)
	}
	for _, p := range x.places {
		p.hay = f.haystack(append([]string{p.ID, p.Name, p.Admin1}, p.Mentions...)...)
	}
	x.facts = make([]eventFacts, len(x.events))
	for i, e := range x.events {
		e.pos = i
		x.facts[i] = eventFacts{start: e.Start, end: e.End, contradiction: e.HasContradiction}
		x.placeNames.add(f, i, append([]string{e.Place, e.PlaceName}, e.Places...)...)
		for _, c := range e.ClaimList {
			x.placeNames.add(f, i, c.Place, c.Admin1)
		}
		for _, s := range e.Sources {
			x.sourceNames.add(f, i, s.ID, s.Name)
		}
		for _, a := range e.ArticleList {
			x.sourceNames.add(f, i, a.Outlet, a.OutletNm)
		}
		x.textNames.add(f, i, e.Name, e.ID, e.Kind)
	}
	x.claimsPos = make([]int32, len(x.byClaims))
	for i, e := range x.byClaims {
		x.claimsPos[i] = int32(e.pos)
	}
}

// sortEvents orders the events by start date (undated last), then name,
// and byClaims by their number of claims, most first, then so.
func (x *index) sortEvents() {
	sort.SliceStable(x.events, func(i, j int) bool {
		a, b := x.events[i], x.events[j]
		if (a.Start == "") != (b.Start == "") {
			return a.Start != ""
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Name < b.Name
	})
	x.byClaims = slices.Clone(x.events)
	sort.SliceStable(x.byClaims, func(i, j int) bool { return x.byClaims[i].Claims > x.byClaims[j].Claims })
}

// circular shapes a circular-reporting group for the page: its claims
// grouped by article, the articles in order of publication.
func (x *index) circular(c rows.Circular) CircularReport {
	r := CircularReport{Origin: c.Origin, OriginName: c.Origin, Claims: []string{}, Relays: []CircularRelay{},
		IndependentOrigins: c.IndependentOrigins, Why: c.Why}
	if s := x.sources[c.Origin]; s != nil && s.Name != "" {
		r.OriginName = s.Name
	}
	var cls []*Claim
	for _, m := range c.Claims {
		if cl := x.claims[ClaimID(m)]; cl != nil {
			cls = append(cls, cl)
		}
	}
	sort.Slice(cls, func(i, j int) bool {
		if cls[i].Article.ID != cls[j].Article.ID {
			return cls[i].Article.ID < cls[j].Article.ID
		}
		return claimNumber(cls[i].ID) < claimNumber(cls[j].ID)
	})
	byArticle := map[string]int{}
	for _, cl := range cls {
		i, ok := byArticle[cl.Article.ID]
		if !ok {
			i = len(r.Relays)
			byArticle[cl.Article.ID] = i
			r.Relays = append(r.Relays, CircularRelay{Article: cl.Article, Via: []SourceRef{}})
		}
		rel := &r.Relays[i]
		rel.Claims = append(rel.Claims, cl.ID)
		rel.Figures = append(rel.Figures, Figure(cl)+" "+cl.Metric)
		for _, v := range cl.Via {
			if !slices.Contains(rel.Via, v) {
				rel.Via = append(rel.Via, v)
			}
		}
	}
	sort.SliceStable(r.Relays, func(i, j int) bool {
		a, b := r.Relays[i].Article, r.Relays[j].Article
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.ID < b.ID
	})
	for i := range r.Relays {
		r.Claims = append(r.Claims, r.Relays[i].Claims...)
	}
	return r
}

func (x *index) source(id, name string) {
	if id == "" {
		return
	}
	if s := x.sources[id]; s == nil {
		x.sources[id] = &sourceStat{SourceRef: SourceRef{ID: id, Name: name}}
	}
}

// sortClaims orders an event's claims by metric, then article and claim number.
func sortClaims(cs []*Claim) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Metric != cs[j].Metric {
			return metricRank(cs[i].Metric) < metricRank(cs[j].Metric)
		}
		if cs[i].Article.ID != cs[j].Article.ID {
			return cs[i].Article.ID < cs[j].Article.ID
		}
		return claimNumber(cs[i].ID) < claimNumber(cs[j].ID)
	})
}

func metricRank(m string) int {
	for i, x := range schema.Metrics {
		if x == m {
			return i
		}
	}
	return len(schema.Metrics)
}

func claimNumber(id string) int {
	n, _ := strconv.Atoi(id[strings.LastIndexByte(id, ':')+1:])
	return n
}

// Figure renders a claim's figure: "27", "at least 60", "20–25".
func Figure(c *Claim) string {
	switch {
	case c.FigureText != "":
		return c.FigureText
	case c.Value != nil:
		return strconv.FormatInt(*c.Value, 10)
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("%d–%d", *c.Min, *c.Max)
	case c.Min != nil:
		return fmt.Sprintf("at least %d", *c.Min)
	}
	return "(no figure)"
}

// describe spells a claim out: "Syrian Observatory for Human Rights: 27 killed (Rudaw, 2019-04-20)".
func describe(c *Claim) string {
	if c == nil {
		return "(claim not in the store)"
	}
	who := c.ClaimantName
	if who == "" {
		who = c.Article.OutletNm
		if who == "" {
			who = "the article"
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s", who, Figure(c), c.Metric)
	var where []string
	if c.Article.OutletNm != "" {
		where = append(where, c.Article.OutletNm)
	}
	if c.Article.Published != "" {
		where = append(where, c.Article.Published)
	}
	where = append(where, c.Article.ID)
	fmt.Fprintf(&b, " (%s)", strings.Join(where, ", "))
	return b.String()
}

// snapshot caches the index. The first get, and the first after
// invalidate (a write through /api/v2), reads the store and waits for it;
// a get when the index is only older than ttl answers from it and starts
// reading the store again in the background, one read at a time, so that
// no request waits for a refresh: at 10,000 articles a read of the whole
// store takes tens of seconds.
type snapshot struct {
	store *graph.Store
	ttl   time.Duration
	mu    sync.Mutex
	x     *index
	// refreshing is set while a background read runs; gen counts the
	// invalidations, so that a read started before one is not kept.
	refreshing bool
	gen        int
}

func (s *snapshot) get(ctx context.Context) (*index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.x != nil {
		if s.ttl > 0 && time.Since(s.x.built) >= s.ttl && !s.refreshing {
			s.refreshing = true
			go s.refresh(s.gen)
		}
		return s.x, nil
	}
	x, err := buildIndex(ctx, s.store)
	if err != nil {
		return nil, err
	}
	s.x = x
	return x, nil
}

// refresh reads the store again and keeps the index unless invalidate ran
// meanwhile. A read that fails keeps the old index, and the next get
// starts another.
func (s *snapshot) refresh(gen int) {
	x, err := buildIndex(context.Background(), s.store)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshing = false
	if err == nil && gen == s.gen {
		s.x = x
	}
}

func (s *snapshot) invalidate() {
	s.mu.Lock()
	s.x = nil
	s.gen++
	s.mu.Unlock()
}
