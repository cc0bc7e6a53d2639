package rows

import (
	"sort"

	"github.com/claimgraph/claimgraph/schema"
)

// Claim is one line of 'claims --format jsonl': the contract other tools
// and the project's evaluation read (docs/usage.md).
type Claim struct {
	ID           string   `json:"id"`
	Article      string   `json:"article"`
	Claimant     string   `json:"claimant"`
	ClaimantName string   `json:"claimant_name"`
	Via          []string `json:"via"`
	Metric       string   `json:"metric"`
	Value        *int64   `json:"value"`
	Min          *int64   `json:"min"`
	Max          *int64   `json:"max"`
	FigureText   string   `json:"figure_text"`
	Unit         string   `json:"unit,omitempty"` // what a non-casualty figure measures (km2, percent ...)
	Who          string   `json:"who"`
	Perpetrator  string   `json:"perpetrator"`
	Event        string   `json:"event"`
	Location     string   `json:"location"`
	LocationName string   `json:"location_name"`
	Admin1       string   `json:"admin1"`
	Start        *string  `json:"start"`
	End          *string  `json:"end"`
	// days counted from publication, for an undated article ("on Thursday"
	// in an article of a Monday: -4)
	StartRelative *int64 `json:"start_relative,omitempty"`
	EndRelative   *int64 `json:"end_relative,omitempty"`
	Evidence      string `json:"evidence"`
	Offset        int    `json:"offset"`
	// explanation: what produced the claim
	Cue         string  `json:"cue"`          // the attribution cue ("according to", "said", "it said")
	Attribution string  `json:"attribution"`  // explicit, implicit (from a neighbouring sentence), vague or none
	Aggregate   bool    `json:"aggregate"`    // a running tally or total, not one incident's figure
	SubsetOf    *string `json:"subset_of"`    // the claim whose figure includes this one's
	GazetteerID string  `json:"gazetteer_id"` // the gazetteer entry the place was resolved to
	Section     string  `json:"section"`      // headline or body
}

// Lead is an article's main casualty figure.
type Lead struct {
	Metric       string  `json:"metric"`
	Value        *int64  `json:"value"`
	Min          *int64  `json:"min"`
	Max          *int64  `json:"max"`
	Location     string  `json:"location"`
	LocationName string  `json:"location_name"`
	Admin1       string  `json:"admin1"`
	Date         *string `json:"date"`
}

// Article is one line of 'articles --format jsonl' (docs/usage.md).
type Article struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
	// PublishedInferred: the date was inferred from the text, not stated
	PublishedInferred bool `json:"published_inferred,omitempty"`
	// PublishedWeekday: an undated article's weekday of publication, as its
	// named weekdays tell it
	PublishedWeekday string `json:"published_weekday,omitempty"`
	// PublishedAnchored: the date linking gave an undated article from the
	// dated reports of the same incidents (cg:anchoredPublished); NewArticle
	// leaves it nil, the caller reads it from the store
	PublishedAnchored *string  `json:"published_anchored,omitempty"`
	Sources           []string `json:"sources"`
	SourceNames       []string `json:"source_names"`
	Claims            int      `json:"claims"`
	Lead              *Lead    `json:"lead"`
	// Location and Admin1: where the article's claims are, the lead's place,
	// else the first claim's with a governorate ("" when none has a place)
	Location string `json:"location"`
	Admin1   string `json:"admin1"`
}

// StrPtr returns &s, or nil for "": a JSON null for an absent date or name.
func StrPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// NewClaim returns the row of claim i (0-based) of doc.
func NewClaim(doc *schema.Article, i int) Claim {
	c := &doc.Claims[i]
	r := Claim{
		ID:            schema.ClaimIRI(doc.IRI, i+1),
		Article:       doc.ID,
		Via:           []string{},
		Metric:        c.Metric,
		Value:         c.Figure.Value,
		Min:           c.Figure.Min,
		Max:           c.Figure.Max,
		FigureText:    c.Figure.Text,
		Unit:          c.Figure.Unit,
		StartRelative: c.Event.RelStart,
		EndRelative:   c.Event.RelEnd,
		Who:           c.Who,
		Perpetrator:   c.Perpetrator,
		Event:         schema.EventIRI(c.Event),
		Start:         StrPtr(c.Event.Start),
		End:           StrPtr(c.Event.End),
		Evidence:      c.Evidence,
		Offset:        c.Offset,
		Cue:           c.Cue,
		Attribution:   c.Attribution,
		Aggregate:     c.Aggregate,
		Section:       c.Section,
	}
	if c.SubsetOf >= 0 {
		s := schema.ClaimIRI(doc.IRI, c.SubsetOf+1)
		r.SubsetOf = &s
	}
	if c.Claimant != nil {
		r.Claimant, r.ClaimantName = c.Claimant.ID, c.Claimant.Name
	}
	for _, v := range c.Via {
		r.Via = append(r.Via, v.Name)
	}
	if p := c.Event.Place; p != nil {
		r.Location, r.LocationName, r.Admin1, r.GazetteerID = p.ID, p.Name, p.Admin1, p.GazetteerID
	}
	return r
}

// NewArticle returns the row of doc, PublishedAnchored left nil.
func NewArticle(doc *schema.Article) Article {
	r := Article{
		ID:                doc.ID,
		Title:             doc.Title,
		Published:         StrPtr(doc.Published),
		PublishedInferred: doc.PublishedInferred,
		PublishedWeekday:  doc.PublishedWeekday,
		Sources:           []string{},
		SourceNames:       []string{},
		Claims:            len(doc.Claims),
	}
	if doc.Outlet != nil {
		r.Outlet = StrPtr(doc.Outlet.Name)
	}
	srcs := append([]schema.Source(nil), doc.Cited...)
	sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].ID < srcs[j].ID })
	for _, s := range srcs {
		r.Sources = append(r.Sources, s.ID)
		r.SourceNames = append(r.SourceNames, s.Name)
	}
	for i := range doc.Claims {
		if p := doc.Claims[i].Event.Place; p != nil && p.Admin1 != "" && (r.Admin1 == "" || i == doc.Lead) {
			r.Location, r.Admin1 = p.ID, p.Admin1
		}
	}
	if doc.Lead >= 0 && doc.Lead < len(doc.Claims) {
		c := &doc.Claims[doc.Lead]
		l := &Lead{Metric: c.Metric, Value: c.Figure.Value, Min: c.Figure.Min, Max: c.Figure.Max}
		if p := c.Event.Place; p != nil {
			l.Location, l.LocationName, l.Admin1 = p.ID, p.Name, p.Admin1
		}
		// the article's date is the date of its main event in most news
		// (measured on the corpus: 0.996); the event's own date when it has none
		l.Date = StrPtr(doc.Published)
		if l.Date == nil {
			l.Date = StrPtr(c.Event.Start)
		}
		r.Lead = l
	}
	return r
}
