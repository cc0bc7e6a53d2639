package export

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Node types of the entity graph.
const (
	TypeArticle = "article"
	TypeOutlet  = "outlet"
	TypeSource  = "source"
	TypeClaim   = "claim"
	TypeEvent   = "event"
	TypePlace   = "place"
	// TypeLinkedEvent is one incident as the linking step identified it
	// across articles (schema.ClassLinkedEvent).
	TypeLinkedEvent = "linked_event"
)

// Kind is the value type of an attribute.
type Kind int

// Attribute value types: Go string, int64, float64 and bool.
const (
	String Kind = iota
	Long
	Double
	Boolean
)

// Attr declares one node or edge attribute.
type Attr struct {
	Name string
	Kind Kind
}

// NodeAttrs are the node attributes, in declaration order; "label" and
// "type" are on every node, the others on the node types that have them.
var NodeAttrs = []Attr{
	{"label", String}, {"type", String},
	// article
	{"article_id", String}, {"headline", String}, {"url", String}, {"published", String},
	{"outlet", String}, {"claims", Long},
	// outlet, source
	{"source_id", String}, {"kind", String}, {"person", Boolean}, {"speaks_for", String}, {"publishes", Boolean},
	// claim
	{"metric", String}, {"value", Long}, {"min", Long}, {"max", Long}, {"figure_text", String},
	{"qualifier", String}, {"unit", String}, {"approx", Boolean}, {"vague", Boolean},
	{"claimant", String}, {"via", String}, {"who", String}, {"perpetrator", String},
	{"evidence", String}, {"offset", Long}, {"cue", String}, {"attribution", String},
	{"claim_date", String}, {"section", String}, {"aggregate", Boolean},
	// claim and event
	{"start", String}, {"end", String},
	// event
	{"place", String}, {"admin1", String},
	// place
	{"place_id", String}, {"gazetteer_id", String}, {"within", String},
	{"latitude", Double}, {"longitude", Double},
	// linked event
	{"independent_origins", Long},
}

// EdgeAttrs are the edge attributes, in declaration order.
var EdgeAttrs = []Attr{
	{"label", String}, {"type", String}, {"predicate", String},
	{"article", String}, {"articles", String}, {"weight", Double}, {"order", Long},
	// contradicts: figure, revision, scope or date; corroborates and contradicts: the linker's reason
	{"kind", String}, {"why", String},
}

// Graph is the entity graph an export draws.
type Graph struct {
	Nodes []*Node // sorted by ID
	Edges []*Edge // sorted by Source, Target, Type
}

// Node is an article, outlet, source, claim, event or place.
type Node struct {
	ID    string // the node's IRI
	Type  string // one of the Type* constants
	Label string
	// Attrs holds the attributes of NodeAttrs other than label and type,
	// as string, int64, float64 or bool.
	Attrs map[string]interface{}
	// Start and End are the ISO dates of a claim's or event's time spell
	// (an article's publication day); End is Start when only one is known.
	Start, End string
}

// Edge is one relation between two nodes, stated by one or more articles.
type Edge struct {
	Source, Target string
	Type           string   // relation name (appearance, attributedTo, via, …)
	Predicate      string   // full predicate IRI
	Articles       []string // labels of the quads stating it, sorted
	Order          int64    // a via hop's position, 1 nearest the article; 0 otherwise
	Kind           string   // a contradiction's kind (schema.Contradiction*)
	Why            string   // a corroboration's or contradiction's reason, from the linker
}

// Article returns the first article the edge came from, or "".
func (e *Edge) Article() string {
	if len(e.Articles) == 0 {
		return ""
	}
	return e.Articles[0]
}

// builder gathers the entity graph.
type builder struct {
	nodes map[string]*Node
	edges map[[3]string]*Edge
	cited map[string]bool // sources cited or claiming, not only publishing
	// subsets are subsetOf edges, drawn once every claim is known
	subsets []pendingEdge
}

// build reads the selection into an entity graph.
func build(ctx context.Context, s *graph.Store, sel *selection) (*Graph, error) {
	b := &builder{nodes: map[string]*Node{}, edges: map[[3]string]*Edge{}, cited: map[string]bool{}}
	claims, err := sel.walk(ctx, s, func(p *part) error { b.article(p); return nil })
	if err != nil {
		return nil, err
	}
	ls, err := linkQuads(ctx, s, sel, claims)
	if err != nil {
		return nil, err
	}
	b.linking(ls)
	return b.graph(), nil
}

// linking draws the linking output: claim-to-claim corroborates and
// contradicts edges (with the kind and reason of their relation node) and
// linked events, with member, includes and location edges. Circular
// reporting groups stay in the raw formats.
func (b *builder) linking(qs []quad.Quad) {
	props := linkProps{}
	var subjects []string
	for _, q := range qs {
		s, p := iriString(q.Subject), iriString(q.Predicate)
		if rel, ok := linkPredicates[p]; ok {
			b.edge(s, iriString(q.Object), rel, p, q.Label, 0)
			continue
		}
		if props[s] == nil {
			props[s] = map[string][]quad.Value{}
			subjects = append(subjects, s)
		}
		props[s][p] = append(props[s][p], q.Object)
		if p == schema.Member || p == schema.Includes || p == schema.Location {
			// drawn below for linked events; remember the label
			props[s]["label"] = []quad.Value{q.Label}
		}
	}
	sort.Strings(subjects)
	for _, n := range subjects {
		for _, t := range props.iris(n, schema.Type) {
			switch t {
			case schema.ClassLinkedEvent:
				b.linkedEventNode(n, props)
			case schema.ClassContradiction:
				b.contradictionEdges(n, props)
			case schema.ClassCorroboration:
				b.corroborationEdges(n, props)
			}
		}
	}
}

// linkProps are the objects of the linking output's nodes (linked events,
// relations) by subject and predicate; "label" holds the label of a linked
// event's member, includes and location quads.
type linkProps map[string]map[string][]quad.Value

// str is the first string object of n's predicate p, or "".
func (ps linkProps) str(n, p string) string {
	if vs := ps[n][p]; len(vs) > 0 {
		if v, ok := vs[0].(quad.String); ok {
			return string(v)
		}
	}
	return ""
}

// iris are the IRI objects of n's predicate p, sorted.
func (ps linkProps) iris(n, p string) []string {
	var out []string
	for _, v := range ps[n][p] {
		if i := iriString(v); i != "" {
			out = append(out, i)
		}
	}
	sort.Strings(out)
	return out
}

// linkedEventNode draws the linked event n with its kind, dates, aggregate
// and independent origins, and its member, includes and location edges.
func (b *builder) linkedEventNode(n string, props linkProps) {
	node, _ := b.node(n, TypeLinkedEvent, orID(props.str(n, schema.Name), n))
	set(node, "kind", props.str(n, schema.Kind))
	set(node, "start", props.str(n, schema.StartDate))
	set(node, "end", props.str(n, schema.EndDate))
	node.Start, node.End = spell(props.str(n, schema.StartDate), props.str(n, schema.EndDate))
	for _, v := range props[n][schema.Aggregate] {
		if v, ok := v.(quad.Bool); ok {
			set(node, "aggregate", bool(v))
		}
	}
	for _, v := range props[n][schema.IndependentOrigins] {
		if v, ok := v.(quad.Int); ok {
			set(node, "independent_origins", int64(v))
		}
	}
	var label quad.Value
	if l := props[n]["label"]; len(l) > 0 {
		label = l[0]
	}
	for _, c := range props.iris(n, schema.Member) {
		b.edge(n, c, "member", schema.Member, label, 0)
	}
	for _, e := range props.iris(n, schema.Includes) {
		b.edge(n, e, "includes", schema.Includes, label, 0)
	}
	for _, p := range props.iris(n, schema.Location) {
		b.edge(n, p, "location", schema.Location, label, 0)
	}
}

// contradictionEdges gives the contradicts edges between the two claims of
// the contradiction n its kind and reason.
func (b *builder) contradictionEdges(n string, props linkProps) {
	a, c := props.iris(n, schema.ClaimA), props.iris(n, schema.ClaimB)
	if len(a) == 1 && len(c) == 1 {
		for _, k := range [][3]string{{a[0], c[0], "contradicts"}, {c[0], a[0], "contradicts"}} {
			if e, ok := b.edges[k]; ok {
				e.Kind, e.Why = props.str(n, schema.Kind), props.str(n, schema.Why)
			}
		}
	}
}

// corroborationEdges gives the corroborates edges between the members of
// the corroboration n its reason, where they have none yet.
func (b *builder) corroborationEdges(n string, props linkProps) {
	ms := props.iris(n, schema.Member)
	for _, x := range ms {
		for _, y := range ms {
			if e, ok := b.edges[[3]string{x, y, "corroborates"}]; ok && e.Why == "" {
				e.Why = props.str(n, schema.Why)
			}
		}
	}
}

func (b *builder) node(id, typ, label string) (*Node, bool) {
	if n, ok := b.nodes[id]; ok {
		return n, false
	}
	n := &Node{ID: id, Type: typ, Label: label, Attrs: map[string]interface{}{}}
	b.nodes[id] = n
	return n, true
}

// set sets attribute k of n unless it is set already or v is empty.
func set(n *Node, k string, v interface{}) {
	if _, ok := n.Attrs[k]; ok {
		return
	}
	switch v := v.(type) {
	case string:
		if v == "" {
			return
		}
	case *int64:
		if v == nil {
			return
		}
		n.Attrs[k] = *v
		return
	case int:
		n.Attrs[k] = int64(v)
		return
	case bool:
		if !v {
			return
		}
	}
	n.Attrs[k] = v
}

func (b *builder) edge(from, to, typ, pred string, label quad.Value, order int64) {
	k := [3]string{from, to, typ}
	e, ok := b.edges[k]
	if !ok {
		e = &Edge{Source: from, Target: to, Type: typ, Predicate: pred, Order: order}
		b.edges[k] = e
	}
	if l := iriString(label); l != "" {
		i := sort.SearchStrings(e.Articles, l)
		if i == len(e.Articles) || e.Articles[i] != l {
			e.Articles = append(e.Articles, "")
			copy(e.Articles[i+1:], e.Articles[i:])
			e.Articles[i] = l
		}
	}
}

func (b *builder) source(s *schema.Source, cited bool) string {
	id := schema.SourceIRI(s.ID)
	label := s.Name
	if label == "" {
		label = s.ID
	}
	n, _ := b.node(id, TypeSource, label)
	if n.Label == s.ID && label != s.ID {
		n.Label = label // first seen as an organisation someone speaks for
	}
	set(n, "source_id", s.ID)
	set(n, "kind", s.Kind)
	set(n, "person", s.Person)
	set(n, "speaks_for", s.SpeaksFor)
	if cited {
		b.cited[id] = true
	}
	return id
}

func (b *builder) place(p *schema.Place) string {
	id := schema.PlaceIRI(p.ID)
	label := p.Name
	if label == "" {
		label = p.ID
	}
	n, _ := b.node(id, TypePlace, label)
	set(n, "place_id", p.ID)
	set(n, "kind", p.Kind)
	set(n, "admin1", p.Admin1)
	set(n, "gazetteer_id", p.GazetteerID)
	set(n, "within", p.Within)
	if p.HasCoords {
		set(n, "latitude", p.Lat)
		set(n, "longitude", p.Lon)
	}
	return id
}

func (b *builder) article(p *part) {
	doc := p.doc
	label := quad.IRI(doc.IRI)
	title := doc.Title
	if title == "" {
		title = doc.ID
	}
	a, _ := b.node(doc.IRI, TypeArticle, title)
	set(a, "article_id", doc.ID)
	set(a, "headline", doc.Title)
	set(a, "url", doc.URL)
	set(a, "published", doc.Published)
	set(a, "claims", len(p.claims))
	a.Start, a.End = doc.Published, doc.Published
	keep := p.nodes()
	if doc.Outlet != nil {
		o := b.source(doc.Outlet, false)
		set(b.nodes[o], "publishes", true)
		set(a, "outlet", doc.Outlet.Name)
		b.edge(doc.IRI, o, "publisher", schema.Publisher, label, 0)
	}
	for i := range doc.Cited {
		if keep[schema.SourceIRI(doc.Cited[i].ID)] {
			b.edge(doc.IRI, b.source(&doc.Cited[i], true), "cites", schema.Cites, label, 0)
		}
	}
	for _, i := range p.claims {
		b.claim(doc, i, label)
	}
}

func (b *builder) claim(doc *schema.Article, i int, label quad.Value) {
	c := &doc.Claims[i]
	id := schema.ClaimIRI(doc.IRI, i+1)
	n, _ := b.node(id, TypeClaim, claimLabel(c))
	set(n, "article_id", doc.ID)
	set(n, "metric", c.Metric)
	set(n, "value", c.Figure.Value)
	set(n, "min", c.Figure.Min)
	set(n, "max", c.Figure.Max)
	set(n, "figure_text", c.Figure.Text)
	set(n, "qualifier", c.Figure.Qualifier)
	set(n, "unit", c.Figure.Unit)
	set(n, "approx", c.Figure.Approx)
	set(n, "vague", c.Figure.Vague)
	set(n, "who", c.Who)
	set(n, "perpetrator", c.Perpetrator)
	set(n, "evidence", c.Evidence)
	set(n, "offset", c.Offset)
	set(n, "cue", c.Cue)
	set(n, "attribution", c.Attribution)
	set(n, "claim_date", c.ClaimDate)
	set(n, "section", c.Section)
	set(n, "aggregate", c.Aggregate)
	set(n, "start", c.Event.Start)
	set(n, "end", c.Event.End)
	n.Start, n.End = spell(c.Event.Start, c.Event.End)
	b.edge(id, doc.IRI, "appearance", schema.Appearance, label, 0)
	if c.Claimant != nil {
		set(n, "claimant", c.Claimant.Name)
		s := b.source(c.Claimant, true)
		b.edge(id, s, "attributedTo", schema.AttributedTo, label, 0)
		if c.Claimant.SpeaksFor != "" {
			b.edge(s, schema.SourceIRI(c.Claimant.SpeaksFor), "speaksFor", schema.SpeaksFor, label, 0)
			b.source(&schema.Source{ID: c.Claimant.SpeaksFor}, true)
		}
	}
	var via []string
	for j := range c.Via {
		via = append(via, c.Via[j].Name)
		s := b.source(&c.Via[j], true)
		b.edge(id, s, "via", schema.Via, label, int64(j+1))
		if c.Via[j].SpeaksFor != "" {
			b.edge(s, schema.SourceIRI(c.Via[j].SpeaksFor), "speaksFor", schema.SpeaksFor, label, 0)
			b.source(&schema.Source{ID: c.Via[j].SpeaksFor}, true)
		}
	}
	set(n, "via", strings.Join(via, " < "))
	if c.SubsetOf >= 0 && c.SubsetOf < len(doc.Claims) {
		b.subsets = append(b.subsets, pendingEdge{id, schema.ClaimIRI(doc.IRI, c.SubsetOf+1), label})
	}
	ev := schema.EventIRI(c.Event)
	e, _ := b.node(ev, TypeEvent, eventLabel(&c.Event))
	set(e, "kind", c.Event.Kind)
	set(e, "start", c.Event.Start)
	set(e, "end", c.Event.End)
	e.Start, e.End = spell(c.Event.Start, c.Event.End)
	b.edge(id, ev, "event", schema.About, label, 0)
	if pl := c.Event.Place; pl != nil {
		set(e, "place", pl.Name)
		set(e, "admin1", pl.Admin1)
		p := b.place(pl)
		b.edge(ev, p, "location", schema.Location, label, 0)
		if pl.Within != "" {
			w, _ := b.node(schema.PlaceIRI(pl.Within), TypePlace, orID(pl.WithinName, pl.Within))
			set(w, "place_id", pl.Within)
			b.edge(p, w.ID, "within", schema.ContainedIn, label, 0)
		}
	}
}

// pendingEdge is a subsetOf edge, drawn once every node is known.
type pendingEdge struct {
	from, to string
	label    quad.Value
}

// graph sorts the gathered nodes and edges, settles outlet vs source, and
// counts each event's claims.
func (b *builder) graph() *Graph {
	for _, p := range b.subsets {
		if _, ok := b.nodes[p.to]; ok {
			b.edge(p.from, p.to, "subsetOf", schema.SubsetOf, p.label, 0)
		}
	}
	g := &Graph{}
	for _, n := range b.nodes {
		if n.Type == TypeSource && !b.cited[n.ID] {
			n.Type = TypeOutlet
		}
		g.Nodes = append(g.Nodes, n)
	}
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	for _, e := range b.edges {
		if _, ok := b.nodes[e.Source]; !ok {
			continue
		}
		if _, ok := b.nodes[e.Target]; !ok {
			continue
		}
		switch e.Type {
		case "event": // claims about a per-article event
			n := b.nodes[e.Target]
			c, _ := n.Attrs["claims"].(int64)
			n.Attrs["claims"] = c + 1
		case "member": // claims of a linked event
			n := b.nodes[e.Source]
			c, _ := n.Attrs["claims"].(int64)
			n.Attrs["claims"] = c + 1
		}
		g.Edges = append(g.Edges, e)
	}
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Type < b.Type
	})
	return g
}

// spell returns a time spell from ISO start and end dates: one day when
// only one of them is known.
func spell(start, end string) (string, string) {
	switch {
	case start == "":
		return end, end
	case end == "":
		return start, start
	}
	return start, end
}

func orID(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

// claimLabel is "killed: at least 27" or "killed: 27 km2".
func claimLabel(c *schema.Claim) string {
	fig := c.Figure.Text
	if fig == "" && c.Figure.Value != nil {
		fig = fmt.Sprint(*c.Figure.Value)
	}
	if c.Figure.Unit != "" {
		fig += " " + c.Figure.Unit
	}
	if fig = strings.TrimSpace(fig); fig == "" {
		return c.Metric
	}
	return c.Metric + ": " + fig
}

// eventLabel is "ambush, Al-Sukhnah, 2019-04-18/2019-04-20".
func eventLabel(e *schema.Event) string {
	parts := []string{orID(e.Kind, "event")}
	if e.Place != nil {
		parts = append(parts, orID(e.Place.Name, e.Place.ID))
	}
	switch {
	case e.Start != "" && e.End != "" && e.End != e.Start:
		parts = append(parts, e.Start+"/"+e.End)
	case e.Start != "":
		parts = append(parts, e.Start)
	case e.End != "":
		parts = append(parts, e.End)
	}
	return strings.Join(parts, ", ")
}
