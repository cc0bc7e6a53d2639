package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// Filter narrows the relation queries. Zero fields do not filter; IRIs are
// full, without angle brackets.
type Filter struct {
	// Event keeps what concerns one linked event (schema.ClassLinkedEvent),
	// or the linked event that includes this per-article event node.
	Event string
	// Source keeps relations with this origin, given as a source id ("sohr")
	// or IRI.
	Source string
	// Claim keeps relations that have this claim as a member.
	Claim string
}

// subjects returns the IRIs of ?s in ?s <predicate> <iri>, sorted.
func subjects(ctx context.Context, s *graph.Store, iri, predicate string) ([]string, error) {
	vals, err := s.In(ctx, quad.IRI(iri), predicate)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range vals {
		if i, ok := v.(quad.IRI); ok {
			out = append(out, string(i))
		}
	}
	return out, nil
}

// relationNodes returns the nodes of class that match f, each with its
// IRI ("@id"), the properties keys and those the filters test, read for
// all of them at once.
func relationNodes(ctx context.Context, s *graph.Store, class string, f Filter, keys ...string) ([]graph.Node, error) {
	preds := keys
	if f != (Filter{}) {
		// without a filter the candidates are the class's instances
		preds = append([]string{schema.Type, schema.Member, schema.PrimarySource, schema.About}, keys...)
	}
	if f == (Filter{}) && len(keys) == 1 && keys[0] == schema.Member {
		// every relation of the class with its members: one pass on bolt
		iris, members, err := s.TypedMembers(ctx, class)
		if err != nil {
			return nil, err
		}
		out := make([]graph.Node, len(iris))
		for i, iri := range iris {
			ms := make([]quad.Value, len(members[i]))
			for j, m := range members[i] {
				ms[j] = quad.IRI(m)
			}
			out[i] = graph.Node{"@id": {quad.IRI(iri)}, schema.Member: ms}
		}
		return out, nil
	}
	// the candidates: ?s <pred> <node>
	node, pred := class, schema.Type
	switch {
	case f.Claim != "":
		node, pred = f.Claim, schema.Member
	case f.Event != "":
		ev, err := linkedEvent(ctx, s, f.Event)
		if err != nil || ev == "" {
			return nil, err
		}
		node, pred = ev, schema.About
	case f.Source != "":
		node, pred = sourceIRI(f.Source), schema.PrimarySource
	}
	cands, ns, err := s.InNodes(ctx, quad.IRI(node), pred, preds...)
	if err != nil {
		return nil, err
	}
	var out []graph.Node
	for i, n := range ns {
		c := cands[i]
		if f != (Filter{}) && !n.Is(class) {
			continue
		}
		if f.Claim != "" && !contains(n.IRIs(schema.Member), f.Claim) {
			continue
		}
		if f.Source != "" && !contains(n.IRIs(schema.PrimarySource), sourceIRI(f.Source)) {
			continue
		}
		if f.Event != "" && f.Claim != "" {
			ev, _ := linkedEvent(ctx, s, f.Event)
			if n.IRI(schema.About) != ev {
				continue
			}
		}
		n["@id"] = []quad.Value{quad.IRI(c)}
		out = append(out, n)
	}
	return out, nil
}

// node reads the properties preds of the node iri, as Store.Node would.
func node(ctx context.Context, s *graph.Store, iri string, preds ...string) (graph.Node, error) {
	ns, err := s.Nodes(ctx, []string{iri}, preds...)
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

// props reads the properties preds of the node n ("@id"), as Store.Node
// would, into n.
func props(ctx context.Context, s *graph.Store, n graph.Node, preds ...string) error {
	ps, err := node(ctx, s, n.IRI("@id"), preds...)
	if err != nil {
		return err
	}
	for p, vs := range ps {
		n[p] = vs
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sourceIRI(s string) string {
	if strings.Contains(s, "://") {
		return s
	}
	return schema.SourceIRI(s)
}

// linkedEvent resolves iri to a linked event: itself, or the linked event
// that includes the per-article event iri. "" if neither.
func linkedEvent(ctx context.Context, s *graph.Store, iri string) (string, error) {
	n, err := s.Node(ctx, iri)
	if err != nil {
		return "", err
	}
	if n.Is(schema.ClassLinkedEvent) {
		return iri, nil
	}
	evs, err := subjects(ctx, s, iri, schema.Includes)
	if err != nil || len(evs) == 0 {
		return "", err
	}
	return evs[0], nil
}

// Contradictions returns the contradictions the last link found that match
// f, sorted by claim IRIs. Errors: the store's read errors, ctx's error.
func Contradictions(ctx context.Context, s *graph.Store, f Filter) ([]rows.Contradiction, error) {
	return collect(func(fn func(rows.Contradiction) error) error { return EachContradiction(ctx, s, f, fn) })
}

// EachContradiction calls fn with each contradiction Contradictions
// returns, in the same order, as soon as it is read: it reads what orders
// them (their claims' IRIs) first, then one contradiction at a time. It
// stops at fn's first error and returns it. Errors: those of
// Contradictions.
func EachContradiction(ctx context.Context, s *graph.Store, f Filter, fn func(rows.Contradiction) error) error {
	return eachPair(ctx, s, schema.ClassContradiction, "contradictions", f, fn)
}

// Updates returns the updates the last link found that match f (a higher
// toll reported more than a day after a lower one, schema.ClassUpdate: A
// is the earlier report's claim, B the later's; Kind is "update"), sorted
// by claim IRIs. Errors: the store's read errors, ctx's error.
func Updates(ctx context.Context, s *graph.Store, f Filter) ([]rows.Contradiction, error) {
	return collect(func(fn func(rows.Contradiction) error) error { return EachUpdate(ctx, s, f, fn) })
}

// EachUpdate calls fn with each update Updates returns, in the same order,
// as EachContradiction does.
func EachUpdate(ctx context.Context, s *graph.Store, f Filter, fn func(rows.Contradiction) error) error {
	return eachPair(ctx, s, schema.ClassUpdate, "updates", f, fn)
}

// collect returns the rows each gives, in order; an empty, non-nil slice
// when there are none.
func collect[T any](each func(func(T) error) error) ([]T, error) {
	out := []T{}
	if err := each(func(r T) error { out = append(out, r); return nil }); err != nil {
		return nil, err
	}
	return out, nil
}

// eachPair calls fn with the relation nodes of class (a pair of claims:
// ClaimA, ClaimB) that match f, with their claims' articles and sentences,
// sorted by claim IRIs. An update's kind is "update".
func eachPair(ctx context.Context, s *graph.Store, class, what string, f Filter, fn func(rows.Contradiction) error) error {
	ns, err := relationNodes(ctx, s, class, f, schema.ClaimA, schema.ClaimB)
	if err != nil {
		return fmt.Errorf("queries: %s: %w", what, err)
	}
	type key struct {
		a, b string
		n    graph.Node
	}
	keys := make([]key, len(ns))
	for i, n := range ns {
		keys[i] = key{n.IRI(schema.ClaimA), n.IRI(schema.ClaimB), n}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].a != keys[j].a {
			return keys[i].a < keys[j].a
		}
		return keys[i].b < keys[j].b
	})
	for _, k := range keys {
		n := k.n
		if err := props(ctx, s, n, schema.About, schema.Metric, schema.Kind, schema.Why); err != nil {
			return fmt.Errorf("queries: %s: %w", what, err)
		}
		r := rows.Contradiction{
			A: k.a, B: k.b, Event: n.IRI(schema.About),
			Metric: n.Str(schema.Metric), Kind: n.Str(schema.Kind), Why: n.Str(schema.Why),
		}
		if class == schema.ClassUpdate {
			r.Kind = "update"
		}
		if r.Articles, r.Evidence, err = claimsEvidence(ctx, s, []string{r.A, r.B}); err != nil {
			return fmt.Errorf("queries: %s: %w", what, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// claimsEvidence returns the article id and the evidence sentence of each
// claim, in order.
func claimsEvidence(ctx context.Context, s *graph.Store, claims []string) (articles, evidence []string, err error) {
	ns, err := s.Nodes(ctx, claims, schema.Evidence)
	if err != nil {
		return nil, nil, err
	}
	for i, c := range claims {
		articles = append(articles, schema.ArticleIDFromIRI(c))
		evidence = append(evidence, ns[i].Str(schema.Evidence))
	}
	return articles, evidence, nil
}

// distinct returns the distinct strings of xs, sorted.
func distinct(xs []string) []string {
	set := map[string]bool{}
	out := []string{}
	for _, x := range xs {
		if !set[x] {
			set[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// Corroborations returns the corroboration groups that match f, sorted by
// their claims. Errors: the store's read errors, ctx's error.
func Corroborations(ctx context.Context, s *graph.Store, f Filter) ([]rows.Corroboration, error) {
	return collect(func(fn func(rows.Corroboration) error) error { return EachCorroboration(ctx, s, f, fn) })
}

// EachCorroboration calls fn with each corroboration group Corroborations
// returns, in the same order, as soon as it is read: it reads what orders
// them (their claims) first, then one group at a time. It stops at fn's
// first error and returns it. Errors: those of Corroborations.
func EachCorroboration(ctx context.Context, s *graph.Store, f Filter, fn func(rows.Corroboration) error) error {
	ns, err := relationNodes(ctx, s, schema.ClassCorroboration, f, schema.Member)
	if err != nil {
		return fmt.Errorf("queries: corroborations: %w", err)
	}
	type key struct {
		claims []string
		joined string
		n      graph.Node
	}
	keys := make([]key, len(ns))
	for i, n := range ns {
		cs := n.IRIs(schema.Member)
		keys[i] = key{cs, strings.Join(cs, " "), n}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].joined < keys[j].joined })
	for _, k := range keys {
		n := k.n
		if err := props(ctx, s, n, schema.About, schema.Metric, schema.IndependentOrigins, schema.PrimarySource, schema.Why); err != nil {
			return fmt.Errorf("queries: corroborations: %w", err)
		}
		r := rows.Corroboration{
			Claims: k.claims, Event: n.IRI(schema.About), Metric: n.Str(schema.Metric),
			IndependentOrigins: n.Int(schema.IndependentOrigins), Origins: ids(n.IRIs(schema.PrimarySource)),
			Why: n.Str(schema.Why),
		}
		var arts []string
		if arts, r.Evidence, err = claimsEvidence(ctx, s, r.Claims); err != nil {
			return fmt.Errorf("queries: corroborations: %w", err)
		}
		r.Articles = distinct(arts)
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// CircularReports returns the circular-reporting groups that match f.
// Errors: the store's read errors, ctx's error.
func CircularReports(ctx context.Context, s *graph.Store, f Filter) ([]rows.Circular, error) {
	ns, err := relationNodes(ctx, s, schema.ClassCircular, f)
	if err != nil {
		return nil, fmt.Errorf("queries: circular: %w", err)
	}
	out := []rows.Circular{}
	for _, n := range ns {
		if err := props(ctx, s, n, schema.Member, schema.About, schema.PrimarySource, schema.Publisher, schema.IndependentOrigins, schema.Why); err != nil {
			return nil, fmt.Errorf("queries: circular: %w", err)
		}
		origin := ""
		if o := ids(n.IRIs(schema.PrimarySource)); len(o) > 0 {
			origin = o[0]
		}
		out = append(out, rows.Circular{
			Claims: n.IRIs(schema.Member), Event: n.IRI(schema.About), Origin: origin,
			Outlets: ids(n.IRIs(schema.Publisher)), IndependentOrigins: n.Int(schema.IndependentOrigins),
			Why: n.Str(schema.Why),
		})
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i].Claims, " ") < strings.Join(out[j].Claims, " ") })
	return out, nil
}

func ids(iris []string) []string {
	out := make([]string, len(iris))
	for i, s := range iris {
		out[i] = schema.IDFromIRI(s)
	}
	sort.Strings(out)
	return out
}

// Events returns the linked events, or with f.Event or f.Claim set the one
// that includes it, sorted by IRI. Errors: the store's read errors, ctx's error.
func Events(ctx context.Context, s *graph.Store, f Filter) ([]rows.Event, error) {
	return collect(func(fn func(rows.Event) error) error { return EachEvent(ctx, s, f, fn) })
}

// eventProps are the properties of a linked event that make its row.
var eventProps = []string{
	schema.Type, schema.Name, schema.Kind, schema.StartDate, schema.EndDate, schema.IndependentOrigins,
	schema.Member, schema.Includes, schema.Joined, schema.Location, schema.Aggregate,
}

// eventBatch is how many events EachEvent reads at once, at most.
const eventBatch = 256

// EachEvent calls fn with each event Events returns, in the same order, as
// soon as it is read: the events' IRIs are their order. It stops at fn's
// first error and returns it. Errors: those of Events.
func EachEvent(ctx context.Context, s *graph.Store, f Filter, fn func(rows.Event) error) error {
	var cands []string
	var err error
	switch {
	case f.Event != "":
		var ev string
		if ev, err = linkedEvent(ctx, s, f.Event); ev != "" {
			cands = []string{ev}
		}
	case f.Claim != "":
		cands, err = subjects(ctx, s, f.Claim, schema.Member)
	default:
		cands, err = s.OfType(ctx, schema.ClassLinkedEvent)
	}
	if err != nil {
		return fmt.Errorf("queries: events: %w", err)
	}
	// subjects sorts by N-Quads form (<iri>), which orders an IRI after
	// its extensions; rows go by IRI
	sort.Strings(cands)
	// read eventBatch events' properties at once (Store.Nodes resolves
	// the predicates and the values once a call), few at first so that
	// the first row comes soon
	var ns []graph.Node
	for i, c := range cands {
		if len(ns) == 0 {
			batch := cands[i:min(i+min(eventBatch, max(i, 1)), len(cands))]
			if ns, err = s.Nodes(ctx, batch, eventProps...); err != nil {
				return fmt.Errorf("queries: events: %w", err)
			}
		}
		n := ns[0]
		ns = ns[1:]
		if !n.Is(schema.ClassLinkedEvent) {
			continue
		}
		e := rows.Event{
			Event: c, Name: n.Str(schema.Name), Kind: n.Str(schema.Kind), Start: n.Str(schema.StartDate),
			End: n.Str(schema.EndDate), IndependentOrigins: n.Int(schema.IndependentOrigins),
			Claims: n.IRIs(schema.Member), Includes: n.IRIs(schema.Includes), Joined: n.Strs(schema.Joined),
		}
		if e.Joined == nil {
			e.Joined = []string{}
		}
		if p := n.IRI(schema.Location); p != "" {
			e.Place = schema.IDFromIRI(p)
		}
		e.Aggregate = n.True(schema.Aggregate)
		if f.Source != "" {
			// keep events with a claim from this origin
			cns, err := s.Nodes(ctx, e.Claims, schema.PrimarySource, schema.AttributedTo)
			if err != nil {
				return fmt.Errorf("queries: events: %w", err)
			}
			keep := false
			for _, cn := range cns {
				if contains(cn.IRIs(schema.PrimarySource), sourceIRI(f.Source)) || contains(cn.IRIs(schema.AttributedTo), sourceIRI(f.Source)) {
					keep = true
					break
				}
			}
			if !keep {
				continue
			}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Trace returns the path of a claim from its article to the organisation
// behind it: article, outlet, intermediaries (nearest the article first),
// claimant, and the organisation a person claimant speaks for. Every hop
// carries the claim's evidence sentence. It returns an error wrapping
// graph.ErrNotFound when the store holds no such claim.
func Trace(ctx context.Context, s *graph.Store, claim string) ([]rows.Hop, error) {
	c, err := node(ctx, s, claim, schema.Type, schema.Evidence, schema.Appearance, schema.Via, schema.AttributedTo)
	if err != nil {
		return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
	}
	if !c.Is(schema.ClassClaim) {
		return nil, fmt.Errorf("queries: trace %s: claim %w", claim, graph.ErrNotFound)
	}
	ev := c.Str(schema.Evidence)
	var hops []rows.Hop
	add := func(role, iri, id, name string) {
		hops = append(hops, rows.Hop{Order: len(hops) + 1, Role: role, Node: iri, ID: id, Name: name, Evidence: ev})
	}
	source := func(role, iri string) (graph.Node, error) {
		n, err := s.FirstValues(ctx, iri, schema.Name, schema.SpeaksFor)
		if err != nil {
			return nil, err
		}
		add(role, iri, schema.IDFromIRI(iri), n.Str(schema.Name))
		return n, nil
	}
	if a := c.IRI(schema.Appearance); a != "" {
		an, err := s.FirstValues(ctx, a, schema.Headline, schema.Publisher)
		if err != nil {
			return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
		}
		add("article", a, schema.ArticleIDFromIRI(a), an.Str(schema.Headline))
		if o := an.IRI(schema.Publisher); o != "" {
			if _, err := source("outlet", o); err != nil {
				return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
			}
		}
	}
	type via struct {
		order int
		relay string
	}
	var vias []via
	for _, h := range c.IRIs(schema.Via) {
		hn, err := s.FirstValues(ctx, h, schema.Order, schema.Relay)
		if err != nil {
			return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
		}
		vias = append(vias, via{hn.Int(schema.Order), hn.IRI(schema.Relay)})
	}
	sort.Slice(vias, func(i, j int) bool { return vias[i].order < vias[j].order })
	for _, v := range vias {
		if _, err := source("via", v.relay); err != nil {
			return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
		}
	}
	if cl := c.IRI(schema.AttributedTo); cl != "" {
		cn, err := source("claimant", cl)
		if err != nil {
			return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
		}
		if org := cn.IRI(schema.SpeaksFor); org != "" {
			if _, err := source("organisation", org); err != nil {
				return nil, fmt.Errorf("queries: trace %s: %w", claim, err)
			}
		}
	}
	return hops, nil
}
