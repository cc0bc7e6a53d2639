package schema

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/cayleygraph/quad"
)

// Quads encodes an article and everything extracted from it as quads, every
// one labelled with the article's IRI, sorted and without duplicates.
func Quads(doc *Article) []quad.Quad {
	e := encoder{label: quad.IRI(doc.IRI), seen: make(map[quad.Quad]struct{})}
	a := quad.IRI(doc.IRI)
	e.add(a, Type, quad.IRI(ClassArticle))
	e.str(a, ArticleID, doc.ID)
	e.str(a, Headline, doc.Title)
	e.str(a, URL, doc.URL)
	e.str(a, ArticleBody, doc.Text)
	e.str(a, DatePublished, doc.Published)
	if doc.PublishedInferred {
		e.add(a, DateInferred, quad.Bool(true))
	}
	e.str(a, PublishedWeekday, doc.PublishedWeekday)
	e.str(a, ContentHash, doc.ContentHash)
	e.str(a, Origin, doc.Origin)
	e.str(a, ExtractorVersion, doc.Extractor)
	if doc.Outlet != nil {
		o := e.source(doc.Outlet)
		e.add(o, Type, quad.IRI(ClassOutlet))
		e.add(a, Publisher, o)
	}
	for i := range doc.Cited {
		e.add(a, Cites, e.source(&doc.Cited[i]))
	}
	for i := range doc.Claims {
		c := e.claim(a, i, &doc.Claims[i])
		if doc.Lead == i {
			e.add(a, Lead, c)
		}
	}
	out := e.quads
	SortQuads(out)
	return out
}

type encoder struct {
	label quad.Value
	quads []quad.Quad
	seen  map[quad.Quad]struct{}
}

func (e *encoder) add(s quad.Value, p string, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: e.label}
	if _, ok := e.seen[q]; ok {
		return
	}
	e.seen[q] = struct{}{}
	e.quads = append(e.quads, q)
}

func (e *encoder) str(s quad.Value, p, v string) {
	if v != "" {
		e.add(s, p, quad.String(v))
	}
}

func (e *encoder) source(s *Source) quad.IRI {
	n := quad.IRI(SourceIRI(s.ID))
	e.add(n, Type, quad.IRI(ClassSource))
	if s.Person {
		e.add(n, Type, quad.IRI(ClassPerson))
	} else {
		e.add(n, Type, quad.IRI(ClassOrganization))
	}
	e.str(n, Name, s.Name)
	e.str(n, Kind, s.Kind)
	if s.Mention != "" && s.Mention != s.Name {
		e.str(n, AltName, s.Mention)
	}
	if s.SpeaksFor != "" {
		e.add(n, SpeaksFor, quad.IRI(SourceIRI(s.SpeaksFor)))
	}
	return n
}

func (e *encoder) place(p *Place) quad.IRI {
	n := quad.IRI(PlaceIRI(p.ID))
	e.add(n, Type, quad.IRI(ClassPlace))
	e.str(n, Name, p.Name)
	e.str(n, Kind, p.Kind)
	e.str(n, Admin1, p.Admin1)
	e.str(n, GazetteerID, p.GazetteerID)
	if p.Mention != "" && p.Mention != p.Name {
		e.str(n, AltName, p.Mention)
	}
	if p.HasCoords {
		e.add(n, Latitude, quad.Float(p.Lat))
		e.add(n, Longitude, quad.Float(p.Lon))
	}
	if p.Within != "" {
		w := quad.IRI(PlaceIRI(p.Within))
		e.add(n, ContainedIn, w)
		e.add(w, Type, quad.IRI(ClassPlace))
		e.str(w, Name, p.WithinName)
	}
	return n
}

func (e *encoder) claim(a quad.IRI, i int, c *Claim) quad.IRI {
	n := quad.IRI(ClaimIRI(string(a), i+1))
	e.add(n, Type, quad.IRI(ClassClaim))
	e.add(n, Appearance, a)
	e.str(n, Metric, c.Metric)
	e.str(n, Who, c.Who)
	e.str(n, Perpetrator, c.Perpetrator)
	e.str(n, Evidence, c.Evidence)
	e.add(n, Offset, quad.Int(c.Offset))
	e.str(n, Cue, c.Cue)
	e.str(n, Attribution, c.Attribution)
	e.str(n, ClaimDate, c.ClaimDate)
	e.str(n, Section, c.Section)
	if c.Aggregate {
		e.add(n, Aggregate, quad.Bool(true))
	}
	if c.SubsetOf >= 0 {
		e.add(n, SubsetOf, quad.IRI(ClaimIRI(string(a), c.SubsetOf+1)))
	}
	nearest := quad.Value(nil)
	if c.Claimant != nil {
		s := e.source(c.Claimant)
		e.add(n, AttributedTo, s)
		nearest = s
		origin := s
		if c.Claimant.SpeaksFor != "" {
			origin = quad.IRI(SourceIRI(c.Claimant.SpeaksFor))
		}
		e.add(n, PrimarySource, origin)
	}
	for j := range c.Via {
		h := quad.IRI(HopIRI(string(n), j+1))
		s := e.source(&c.Via[j])
		e.add(n, Via, h)
		e.add(h, Type, quad.IRI(ClassHop))
		e.add(h, Relay, s)
		e.add(h, Order, quad.Int(j+1))
		if j == 0 {
			nearest = s
		}
	}
	if nearest != nil {
		e.add(n, QuotedFrom, nearest)
	}
	f := quad.IRI(FigureIRI(string(n)))
	e.add(n, HasFigure, f)
	e.add(f, Type, quad.IRI(ClassFigure))
	e.str(f, FigureText, c.Figure.Text)
	e.str(f, Qualifier, c.Figure.Qualifier)
	e.str(f, Kind, c.Figure.Unit)
	for _, b := range []struct {
		p string
		v *int64
	}{{Value, c.Figure.Value}, {Min, c.Figure.Min}, {Max, c.Figure.Max}} {
		if b.v != nil {
			e.add(f, b.p, quad.Int(*b.v))
		}
	}
	if c.Figure.Approx {
		e.add(f, NS+"approx", quad.Bool(true))
	}
	if c.Figure.Vague {
		e.add(f, NS+"vague", quad.Bool(true))
	}
	ev := quad.IRI(EventIRI(c.Event))
	e.add(n, About, ev)
	e.add(ev, Type, quad.IRI(ClassEvent))
	e.str(ev, Kind, c.Event.Kind)
	e.str(ev, StartDate, c.Event.Start)
	e.str(ev, EndDate, c.Event.End)
	if c.Event.RelStart != nil && c.Event.RelEnd != nil {
		e.add(ev, RelativeStart, quad.Int(*c.Event.RelStart))
		e.add(ev, RelativeEnd, quad.Int(*c.Event.RelEnd))
	}
	if c.Event.Place != nil {
		e.add(ev, Location, e.place(c.Event.Place))
	}
	return n
}

// Decode rebuilds an article from its quads (all quads labelled with its IRI,
// in any order): the inverse of Quads.
func Decode(iri string, quads []quad.Quad) (*Article, error) {
	return (*Decoder)(nil).Decode(iri, quads)
}

// A Decoder decodes articles as Decode does, the articles it decodes
// sharing what they repeat: equal strings, and equal places and sources,
// which are then one *Place or *Source for all of them (never to be
// modified in one article only). Reading a whole store to link it, the
// articles' copies of the same names, places and sources were a third of
// its memory. A nil *Decoder shares nothing. Not safe for concurrent use.
type Decoder struct {
	strs    map[string]string
	places  map[Place]*Place
	sources map[Source]*Source
}

// NewDecoder returns a Decoder with nothing decoded yet.
func NewDecoder() *Decoder {
	return &Decoder{strs: map[string]string{}, places: map[Place]*Place{}, sources: map[Source]*Source{}}
}

// Decode is the package's Decode, sharing (Decoder).
func (x *Decoder) Decode(iri string, quads []quad.Quad) (*Article, error) {
	d := decoder{g: groupQuads(quads)}
	if x != nil {
		d.strs, d.places, d.sources = x.strs, x.places, x.sources
	}
	if !d.g.has(iri) {
		return nil, fmt.Errorf("schema: no quads with subject %s", iri)
	}
	doc := &Article{
		IRI:               iri,
		ID:                d.str(iri, ArticleID),
		Title:             d.str(iri, Headline),
		URL:               d.str(iri, URL),
		Text:              d.own(iri, ArticleBody),
		Published:         d.str(iri, DatePublished),
		PublishedInferred: d.boolean(iri, DateInferred),
		PublishedWeekday:  d.str(iri, PublishedWeekday),
		ContentHash:       d.str(iri, ContentHash),
		Origin:            d.str(iri, Origin),
		Extractor:         d.str(iri, ExtractorVersion),
		Lead:              -1,
	}
	if o := d.iri(iri, Publisher); o != "" {
		doc.Outlet = d.source(o)
	}
	for _, v := range d.g.objects(iri, Cites) {
		doc.Cited = append(doc.Cited, *d.source(iriOf(v)))
	}
	// claims are numbered 1..n in text order
	n := 0
	for d.g.has(ClaimIRI(iri, n+1)) {
		n++
	}
	if n > 0 {
		doc.Claims = make([]Claim, 0, n) // as many as there are: a slice grown by append held a third more
	}
	lead := d.iri(iri, Lead)
	for i := 1; i <= n; i++ {
		c := ClaimIRI(iri, i)
		claim, err := d.claim(iri, c)
		if err != nil {
			return nil, err
		}
		doc.Claims = append(doc.Claims, claim)
		if c == lead {
			doc.Lead = i - 1
		}
	}
	sort.Slice(doc.Cited, func(i, j int) bool { return doc.Cited[i].ID < doc.Cited[j].ID })
	if doc.Cited == nil {
		doc.Cited = []Source{}
	}
	return doc, nil
}

type decoder struct {
	g grouped
	// a Decoder's: what the articles it decoded hold, to share (nil: share
	// nothing)
	strs    map[string]string
	places  map[Place]*Place
	sources map[Source]*Source
}

// grouped is an article's quads grouped by subject, and by predicate
// within a subject: the objects of one subject and predicate are a run
// of objs.
type grouped struct {
	subjects map[string][2]int32 // subject -> its run of quads
	preds    []string            // each quad's predicate
	objs     []quad.Value        // each quad's object
}

// groupQuads groups quads. Those of the packed index come sorted
// (SortQuads), and so grouped, as they are; others are sorted first, a
// copy. A map of maps of slices, as before, was 2.5 of the 39 GB a full
// link of 100,000 articles allocated (docs/scale.md).
func groupQuads(quads []quad.Quad) grouped {
	if g, ok := groupSorted(quads); ok {
		return g
	}
	quads = slices.Clone(quads)
	SortQuads(quads)
	g, _ := groupSorted(quads)
	return g
}

// groupSorted groups quads in their order, or reports that a subject's
// quads, or a predicate's within a subject's, are not together.
func groupSorted(quads []quad.Quad) (grouped, bool) {
	g := grouped{subjects: make(map[string][2]int32), preds: make([]string, len(quads)), objs: make([]quad.Value, len(quads))}
	for i, q := range quads {
		s, p := iriOf(q.Subject), iriOf(q.Predicate)
		r, ok := g.subjects[s]
		switch {
		case !ok:
			r[0] = int32(i)
		case int(r[1]) != i:
			return g, false // s again, after another subject
		case p != g.preds[i-1] && slices.Contains(g.preds[r[0]:i], p):
			return g, false // p again within s, after another predicate
		}
		r[1] = int32(i + 1)
		g.subjects[s] = r
		g.preds[i], g.objs[i] = p, q.Object
	}
	return g, true
}

func (g grouped) has(s string) bool {
	_, ok := g.subjects[s]
	return ok
}

// objects returns the objects of subject s and predicate p.
func (g grouped) objects(s, p string) []quad.Value {
	r, ok := g.subjects[s]
	if !ok {
		return nil
	}
	lo, hi := int(r[0]), int(r[1])
	for lo < hi && g.preds[lo] != p {
		lo++
	}
	end := lo
	for end < hi && g.preds[end] == p {
		end++
	}
	return g.objs[lo:end]
}

// share returns s, or the equal string decoded before.
func (d decoder) share(s string) string {
	if d.strs == nil {
		return s
	}
	if c, ok := d.strs[s]; ok {
		return c
	}
	d.strs[s] = s
	return s
}

// shared returns v, or the equal value decoded before (held in m); a nil
// m shares nothing.
func shared[T comparable](m map[T]*T, v *T) *T {
	if m == nil {
		return v
	}
	if c, ok := m[*v]; ok {
		return c
	}
	m[*v] = v
	return v
}

func iriOf(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

func (d decoder) first(s, p string) quad.Value {
	if vs := d.g.objects(s, p); len(vs) > 0 {
		return vs[0]
	}
	return nil
}

func (d decoder) str(s, p string) string {
	if v, ok := d.first(s, p).(quad.String); ok {
		return d.share(string(v))
	}
	return ""
}

// own is str for a string of one article alone (its text): not shared,
// so that a Decoder does not hold every text it decoded.
func (d decoder) own(s, p string) string {
	if v, ok := d.first(s, p).(quad.String); ok {
		return string(v)
	}
	return ""
}

func (d decoder) iri(s, p string) string {
	if v, ok := d.first(s, p).(quad.IRI); ok {
		return string(v)
	}
	return ""
}

func (d decoder) boolean(s, p string) bool {
	v, ok := d.first(s, p).(quad.Bool)
	return ok && bool(v)
}

func (d decoder) integer(s, p string) *int64 {
	if v, ok := d.first(s, p).(quad.Int); ok {
		n := int64(v)
		return &n
	}
	return nil
}

func (d decoder) float(s, p string) (float64, bool) {
	v, ok := d.first(s, p).(quad.Float)
	return float64(v), ok
}

func (d decoder) hasType(s, t string) bool {
	for _, v := range d.g.objects(s, Type) {
		if iriOf(v) == t {
			return true
		}
	}
	return false
}

func (d decoder) source(iri string) *Source {
	s := &Source{
		ID:      d.share(IDFromIRI(iri)),
		Name:    d.str(iri, Name),
		Kind:    d.str(iri, Kind),
		Person:  d.hasType(iri, ClassPerson),
		Mention: d.str(iri, AltName),
	}
	if s.Mention == "" {
		s.Mention = s.Name
	}
	if sf := d.iri(iri, SpeaksFor); sf != "" {
		s.SpeaksFor = d.share(IDFromIRI(sf))
	}
	return shared(d.sources, s)
}

func (d decoder) place(iri string) *Place {
	p := &Place{
		ID:          d.share(IDFromIRI(iri)),
		Name:        d.str(iri, Name),
		Kind:        d.str(iri, Kind),
		Admin1:      d.str(iri, Admin1),
		GazetteerID: d.str(iri, GazetteerID),
		Mention:     d.str(iri, AltName),
	}
	if p.Mention == "" {
		p.Mention = p.Name
	}
	if w := d.iri(iri, ContainedIn); w != "" {
		p.Within = d.share(IDFromIRI(w))
		p.WithinName = d.str(w, Name)
	}
	p.Lat, p.HasCoords = d.float(iri, Latitude)
	p.Lon, _ = d.float(iri, Longitude)
	return shared(d.places, p)
}

func (d decoder) claim(article, iri string) (Claim, error) {
	c := Claim{
		Metric:      d.str(iri, Metric),
		Who:         d.str(iri, Who),
		Perpetrator: d.str(iri, Perpetrator),
		Evidence:    d.str(iri, Evidence),
		Cue:         d.str(iri, Cue),
		Attribution: d.str(iri, Attribution),
		ClaimDate:   d.str(iri, ClaimDate),
		Section:     d.str(iri, Section),
		Aggregate:   d.boolean(iri, Aggregate),
		SubsetOf:    -1,
	}
	if off := d.integer(iri, Offset); off != nil {
		c.Offset = int(*off)
	}
	if s := d.iri(iri, SubsetOf); s != "" {
		n, err := strconv.Atoi(IDFromIRI(s))
		if err != nil {
			return c, fmt.Errorf("schema: %s: bad subsetOf %s", iri, s)
		}
		c.SubsetOf = n - 1
	}
	if s := d.iri(iri, AttributedTo); s != "" {
		c.Claimant = d.source(s)
	}
	for j := 1; ; j++ {
		h := HopIRI(iri, j)
		if !d.g.has(h) {
			break
		}
		c.Via = append(c.Via, *d.source(d.iri(h, Relay)))
	}
	if f := d.iri(iri, HasFigure); f != "" {
		c.Figure = Figure{
			Text:      d.str(f, FigureText),
			Qualifier: d.str(f, Qualifier),
			Unit:      d.str(f, Kind),
			Value:     d.integer(f, Value),
			Min:       d.integer(f, Min),
			Max:       d.integer(f, Max),
			Approx:    d.boolean(f, NS+"approx"),
			Vague:     d.boolean(f, NS+"vague"),
		}
	}
	if ev := d.iri(iri, About); ev != "" {
		c.Event = Event{Kind: d.str(ev, Kind), Start: d.str(ev, StartDate), End: d.str(ev, EndDate),
			RelStart: d.integer(ev, RelativeStart), RelEnd: d.integer(ev, RelativeEnd)}
		if p := d.iri(ev, Location); p != "" {
			c.Event.Place = d.place(p)
		}
	}
	return c, nil
}
