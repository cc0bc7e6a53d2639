package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// NotFactChecked is the textual rating (Rating.alternateName) of a claim
// no fact-checker has reviewed: what claimgraph found is in the rating's
// explanation, and nothing in it reads as a verdict.
const NotFactChecked = "Not fact-checked"

// MaxClaimReviewed is the length, in characters, Google asks claimReviewed
// to keep within so that it does not wrap on a phone; the summaries
// claimgraph writes are cut to it.
const MaxClaimReviewed = 75

// ClaimReviewOptions configure the claimreview export.
type ClaimReviewOptions struct {
	// Publisher is the name of the organisation that publishes the feed, the
	// ClaimReview author; "" means claimgraph. PublisherURL is its site.
	Publisher, PublisherURL string
	// ReviewURL is the template of the page that shows the finding about a
	// claim, the ClaimReview url when no fact-checker's review gives one.
	// Placeholders: {claim} (ARTICLE#N, escaped), {article} (the article id,
	// escaped), {n} (the claim's number in its article), {event} (the id of
	// the claim's linked event, or of its own event). "" leaves url out.
	ReviewURL string
	// Now is the clock that dates an automatic finding (datePublished);
	// nil means time.Now.
	Now func() time.Time
}

// WriteClaimReview writes the claims filter selects as a schema.org DataFeed
// of ClaimReview (see the package documentation): one per fact-checker's
// review of a selected claim, or one automatic finding for a claim nobody
// reviewed, then one per review of the selected claims' events. It returns
// the errors Write returns.
func WriteClaimReview(ctx context.Context, s *graph.Store, w io.Writer, filter Filter, opt ClaimReviewOptions) error {
	sel, err := selectArticles(ctx, s, filter)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeClaimReview(ctx, s, bw, sel, opt); err != nil {
		return err
	}
	return bw.Flush()
}

// writeClaimReview streams the DataFeed, in article and claim order.
func writeClaimReview(ctx context.Context, s *graph.Store, w io.Writer, sel *selection, opt ClaimReviewOptions) error {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	reviews, err := s.Reviews(ctx)
	if err != nil {
		return err
	}
	byTarget := map[string][]schema.Review{}
	for _, r := range reviews {
		byTarget[r.Target] = append(byTarget[r.Target], r)
	}
	cr := &claimReviewer{s: s, opt: opt, reviews: byTarget, today: opt.Now().UTC().Format("2006-01-02"),
		events: map[string]*eventReviews{}}
	x := &xmlWriter{w: w}
	x.raw(`{"@context":"https://schema.org","@type":"DataFeed","name":"claimgraph claims","dataFeedElement":[`)
	n := 0
	emit := func(r object) error {
		b, err := marshal(r)
		if err != nil {
			return err
		}
		if n > 0 {
			x.raw(",")
		}
		x.raw("\n", string(b))
		n++
		return x.err
	}
	_, err = sel.walk(ctx, s, func(p *part) error {
		for _, i := range p.claims {
			rs, err := cr.claim(ctx, p.doc, i)
			if err != nil {
				return err
			}
			for _, r := range rs {
				if err := emit(r); err != nil {
					return err
				}
			}
		}
		return x.err
	})
	if err != nil {
		return err
	}
	for _, e := range cr.eventOrder {
		for _, r := range cr.eventReviews(cr.events[e]) {
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	x.raw("\n]}\n")
	return x.err
}

type object = map[string]interface{}

// claimReviewer builds the ClaimReview objects of one export.
type claimReviewer struct {
	s       *graph.Store
	opt     ClaimReviewOptions
	reviews map[string][]schema.Review // by the item reviewed
	today   string

	events     map[string]*eventReviews // reviewed events met, by IRI
	eventOrder []string
}

// eventReviews gathers, for an event a fact-checker reviewed, the claims of
// the export about it.
type eventReviews struct {
	iri         string
	name        string // "a toll at Hims between 2019-04-01 and 2019-04-20"
	about       object
	appearances []object
	seen        map[string]bool
}

// claim returns the ClaimReview objects of the i-th claim of doc.
func (cr *claimReviewer) claim(ctx context.Context, doc *schema.Article, i int) ([]object, error) {
	c := &doc.Claims[i]
	id := schema.ClaimIRI(doc.IRI, i+1)
	f, err := cr.findings(ctx, id)
	if err != nil {
		return nil, err
	}
	claim := object{"@type": "Claim", "@id": id}
	switch {
	case c.Claimant != nil:
		claim["author"] = person(c.Claimant)
	case doc.Outlet != nil: // the article asserts the figure itself
		claim["author"] = person(doc.Outlet)
	}
	published := doc.Published
	if published == "" {
		// an undated article: the day linking dated it by other reports of the same incidents
		d, err := first(ctx, cr.s, quad.IRI(doc.IRI), schema.AnchoredPublished)
		if err != nil {
			return nil, err
		}
		published = str(d)
	}
	putStr(claim, "datePublished", firstNonEmpty(c.ClaimDate, published))
	art := articleObject(doc)
	claim["appearance"] = art
	claim["firstAppearance"] = art
	if f.first != nil {
		claim["firstAppearance"] = f.first
	}
	about := eventObject(&c.Event)
	claim["about"] = about
	putStr(claim, "text", c.Evidence)

	event := schema.EventIRI(c.Event)
	urlEvent := event
	if f.linked != "" {
		urlEvent = f.linked
	}
	var out []object
	for _, r := range cr.reviews[id] {
		out = append(out, cr.humanReview(r, claim, summary(c, doc)))
	}
	if len(out) == 0 {
		r := object{
			"@context":      "https://schema.org",
			"@type":         "ClaimReview",
			"@id":           id + "#review",
			"claimReviewed": summary(c, doc),
			"author":        cr.publisher(""),
			"datePublished": cr.today,
			"itemReviewed":  claim,
			"reviewRating": object{
				"@type":             "Rating",
				"alternateName":     NotFactChecked,
				"name":              NotFactChecked,
				"ratingExplanation": cr.explain(c, doc, f),
			},
		}
		putStr(r, "url", cr.expand(doc, i, urlEvent))
		putStr(r, "description", claimDescription(c, doc))
		out = append(out, r)
	}
	// reviews of the claim's event, written after the claims
	for _, e := range []string{f.linked, event} {
		if e == "" || len(cr.reviews[e]) == 0 {
			continue
		}
		er := cr.events[e]
		if er == nil {
			er = &eventReviews{iri: e, about: about, name: strings.TrimPrefix(eventPhrase(&c.Event), "in "), seen: map[string]bool{}}
			if e == f.linked {
				er.about = object{"@type": "Event", "@id": e, "name": eventLabel(&c.Event)}
				for k, v := range about {
					if k != "@id" {
						er.about[k] = v
					}
				}
			}
			cr.events[e] = er
			cr.eventOrder = append(cr.eventOrder, e)
		}
		if !er.seen[doc.IRI] {
			er.seen[doc.IRI] = true
			er.appearances = append(er.appearances, art)
		}
	}
	return out, nil
}

// eventReviews returns the ClaimReview objects of the reviews of one event:
// the item reviewed is what the export's claims say about it.
func (cr *claimReviewer) eventReviews(e *eventReviews) []object {
	earliest := e.appearances[0]
	for _, a := range e.appearances[1:] {
		if d, _ := a["datePublished"].(string); d != "" && d < earliest["datePublished"].(string) {
			earliest = a
		}
	}
	var out []object
	for _, r := range cr.reviews[e.iri] {
		claim := object{"@type": "Claim", "@id": e.iri + "#reports", "about": e.about,
			"appearance": e.appearances, "firstAppearance": earliest}
		putStr(claim, "datePublished", fmt.Sprint(earliest["datePublished"]))
		out = append(out, cr.humanReview(r, claim, cut("Reports of "+e.name, MaxClaimReviewed)))
	}
	return out
}

// humanReview is a fact-checker's review as a ClaimReview: their verdict is
// the reviewRating, with them as its author.
func (cr *claimReviewer) humanReview(r schema.Review, claim object, auto string) object {
	return object{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"@id":           r.IRI,
		"url":           r.URL,
		"claimReviewed": firstNonEmpty(r.Summary, auto),
		"author":        cr.publisher(r.Author),
		"datePublished": r.Date,
		"itemReviewed":  claim,
		"reviewRating": object{
			"@type":             "Rating",
			"alternateName":     r.Rating,
			"name":              r.Rating,
			"ratingExplanation": r.Explanation,
			"author":            object{"@type": "Person", "@id": schema.ReviewerIRI(r.Author), "name": r.Author},
		},
	}
}

// publisher is the ClaimReview author: the --publisher organisation, else
// the fact-checker, else claimgraph.
func (cr *claimReviewer) publisher(factChecker string) object {
	switch {
	case cr.opt.Publisher != "":
		o := object{"@type": "Organization", "name": cr.opt.Publisher}
		putStr(o, "url", cr.opt.PublisherURL)
		return o
	case factChecker != "":
		return object{"@type": "Person", "@id": schema.ReviewerIRI(factChecker), "name": factChecker}
	}
	o := object{"@type": "Organization", "name": "claimgraph",
		"description": "automated extraction of who claimed what in news articles; it gives no verdict"}
	putStr(o, "url", cr.opt.PublisherURL)
	return o
}

// expand fills in the ReviewURL template for the i-th claim of doc.
func (cr *claimReviewer) expand(doc *schema.Article, i int, event string) string {
	if cr.opt.ReviewURL == "" {
		return ""
	}
	return strings.NewReplacer(
		"{claim}", url.PathEscape(fmt.Sprintf("%s#%d", doc.ID, i+1)),
		"{article}", url.PathEscape(doc.ID),
		"{n}", fmt.Sprint(i+1),
		"{event}", url.PathEscape(schema.IDFromIRI(event)),
	).Replace(cr.opt.ReviewURL)
}

// articleObject is an article as a schema.org NewsArticle.
func articleObject(doc *schema.Article) object {
	art := object{"@type": "NewsArticle", "@id": doc.IRI, "identifier": doc.ID}
	putStr(art, "url", doc.URL)
	putStr(art, "headline", doc.Title)
	putStr(art, "datePublished", doc.Published)
	if doc.Outlet != nil {
		art["publisher"] = object{"@type": "Organization", "@id": schema.SourceIRI(doc.Outlet.ID), "name": orID(doc.Outlet.Name, doc.Outlet.ID)}
	}
	return art
}

// eventObject is an event as a schema.org Event with its place.
func eventObject(e *schema.Event) object {
	ev := object{"@type": "Event", "@id": schema.EventIRI(*e), "name": eventLabel(e)}
	putStr(ev, "startDate", e.Start)
	putStr(ev, "endDate", e.End)
	if p := e.Place; p != nil {
		pl := object{"@type": "Place", "@id": schema.PlaceIRI(p.ID), "name": orID(p.Name, p.ID)}
		if p.Admin1 != "" {
			pl["address"] = object{"@type": "PostalAddress", "addressRegion": p.Admin1, "addressCountry": "SY"}
		}
		if p.HasCoords {
			pl["geo"] = object{"@type": "GeoCoordinates", "latitude": p.Lat, "longitude": p.Lon}
		}
		ev["location"] = pl
	}
	return ev
}

// person is a claimant as a schema.org Person or Organization; a person's
// organisation is its affiliation.
func person(s *schema.Source) object {
	o := object{"@type": "Organization", "@id": schema.SourceIRI(s.ID), "name": orID(s.Name, s.ID)}
	if s.Person {
		o["@type"] = "Person"
		if s.SpeaksFor != "" {
			o["affiliation"] = object{"@type": "Organization", "@id": schema.SourceIRI(s.SpeaksFor)}
		}
	}
	return o
}

func putStr(o object, k, v string) {
	if v != "" {
		o[k] = v
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// figurePhrase says a figure in words: "at least 27 killed", "15 km2 seized".
func figurePhrase(metric, text string) string {
	text = strings.TrimSpace(text)
	switch metric {
	case "", schema.MetricOther:
		return text
	case schema.MetricResponsibility:
		return strings.TrimSpace("claimed responsibility " + text)
	}
	if text == "" {
		return metric
	}
	return text + " " + metric
}

func claimFigure(c *schema.Claim) string {
	fig := c.Figure.Text // as written, with its unit
	if fig == "" && c.Figure.Value != nil {
		fig = strings.TrimSpace(fmt.Sprint(*c.Figure.Value) + " " + c.Figure.Unit)
	}
	return figurePhrase(c.Metric, fig)
}

// who is the claim's claimant by name, or the outlet that asserts it.
func who(c *schema.Claim, doc *schema.Article) string {
	switch {
	case c.Claimant != nil:
		return orID(c.Claimant.Name, c.Claimant.ID)
	case doc.Outlet != nil:
		return orID(doc.Outlet.Name, doc.Outlet.ID)
	}
	return "Unattributed"
}

// summary is claimReviewed for a claim: who said what, where, within
// MaxClaimReviewed characters: "Syrian Observatory for Human Rights: 27 killed in As Sukhnah".
func summary(c *schema.Claim, doc *schema.Article) string {
	what := claimFigure(c)
	if what == "" {
		what = strings.TrimPrefix(eventPhrase(&schema.Event{Kind: c.Event.Kind}), "in ") // a claim without a figure: what it is about
	}
	s := who(c, doc) + ": " + what
	if p := c.Event.Place; p != nil {
		s += " in " + orID(p.Name, p.ID)
	}
	return cut(s, MaxClaimReviewed)
}

// cut shortens s to at most n characters, at a word boundary, with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	t := string(r)
	if i := strings.LastIndexByte(t, ' '); i > n/2 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,:;") + "…"
}

// claimDescription says the claim in a sentence: "at least 27 killed,
// according to SOHR via AFP, in an ambush at As Sukhnah on 2019-04-18
// (reported by Rudaw on 2019-04-20)"; "Islamic State reported an ambush at
// Palmyra (…)" for a claim without a figure.
func claimDescription(c *schema.Claim, doc *schema.Article) string {
	src := who(c, doc)
	if len(c.Via) > 0 {
		var via []string
		for _, v := range c.Via {
			via = append(via, orID(v.Name, v.ID))
		}
		src += " via " + strings.Join(via, " and ")
	}
	var d string
	if fig := claimFigure(c); c.Metric == schema.MetricResponsibility {
		d = src + " " + fig + " for " + strings.TrimPrefix(eventPhrase(&c.Event), "in ")
	} else if fig != "" {
		d = fig + ", according to " + src + ", " + eventPhrase(&c.Event)
	} else {
		d = src + " reported " + strings.TrimPrefix(eventPhrase(&c.Event), "in ")
	}
	switch {
	case doc.Outlet != nil && doc.Published != "":
		d += " (reported by " + orID(doc.Outlet.Name, doc.Outlet.ID) + " on " + doc.Published + ")"
	case doc.Outlet != nil:
		d += " (reported by " + orID(doc.Outlet.Name, doc.Outlet.ID) + ")"
	case doc.Published != "":
		d += " (published " + doc.Published + ")"
	}
	return d
}

// eventPhrase is "in an ambush at As Sukhnah on 2019-04-18".
func eventPhrase(e *schema.Event) string {
	kind := orID(e.Kind, "incident")
	var s string
	switch {
	case kind == schema.KindEarlier:
		s = "in an earlier incident"
	case kind == "aggregate":
		s = "in a toll"
	case kind == schema.KindWar:
		s = "in the war"
	case strings.HasSuffix(kind, "es"): // clashes
		s = "in " + kind
	default:
		s = "in " + article(kind) + " " + kind
	}
	if e.Place != nil {
		s += " at " + orID(e.Place.Name, e.Place.ID)
	}
	switch {
	case e.Start != "" && e.End != "" && e.End != e.Start:
		s += " between " + e.Start + " and " + e.End
	case e.Start != "":
		s += " on " + e.Start
	case e.End != "":
		s += " by " + e.End
	}
	return s
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// first returns the first object of node's predicate, or nil.
func first(ctx context.Context, s *graph.Store, node quad.Value, p string) (quad.Value, error) {
	vs, err := s.Out(ctx, node, p)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return vs[0], nil
}

func str(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	return ""
}
