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

// relationNodes returns the nodes of class that match f, with their properties.
func relationNodes(ctx context.Context, s *graph.Store, class string, f Filter) ([]graph.Node, error) {
	var cands []string
	var err error
	switch {
	case f.Claim != "":
		cands, err = subjects(ctx, s, f.Claim, schema.Member)
	case f.Event != "":
		var ev string
		ev, err = linkedEvent(ctx, s, f.Event)
		if err == nil && ev != "" {
			cands, err = subjects(ctx, s, ev, schema.About)
		}
	case f.Source != "":
		cands, err = subjects(ctx, s, sourceIRI(f.Source), schema.PrimarySource)
	default:
		cands, err = subjects(ctx, s, class, schema.Type)
	}
	if err != nil {
		return nil, err
	}
	var out []graph.Node
	for _, c := range cands {
		n, err := s.Node(ctx, c)
		if err != nil {
			return nil, err
		}
		if !n.Is(class) {
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
	return pairs(ctx, s, schema.ClassContradiction, "contradictions", f)
}

// Updates returns the updates the last link found that match f (a higher
// toll reported more than a day after a lower one, schema.ClassUpdate: A
// is the earlier report's claim, B the later's; Kind is "update"), sorted
// by claim IRIs. Errors: the store's read errors, ctx's error.
func Updates(ctx context.Context, s *graph.Store, f Filter) ([]rows.Contradiction, error) {
	return pairs(ctx, s, schema.ClassUpdate, "updates", f)
}

// pairs reads the relation nodes of class (a pair of claims: ClaimA,
// ClaimB) that match f, with their claims' articles and sentences, sorted by
// claim IRIs. An update's kind is "update".
func pairs(ctx context.Context, s *graph.Store, class, what string, f Filter) ([]rows.Contradiction, error) {
	ns, err := relationNodes(ctx, s, class, f)
	if err != nil {
		return nil, fmt.Errorf("queries: %s: %w", what, err)
	}
	out := []rows.Contradiction{}
	for _, n := range ns {
		r := rows.Contradiction{
			A: n.IRI(schema.ClaimA), B: n.IRI(schema.ClaimB), Event: n.IRI(schema.About),
			Metric: n.Str(schema.Metric), Kind: n.Str(schema.Kind), Why: n.Str(schema.Why),
		}
		if class == schema.ClassUpdate {
			r.Kind = "update"
		}
		if r.Articles, r.Evidence, err = claimsEvidence(ctx, s, []string{r.A, r.B}); err != nil {
			return nil, fmt.Errorf("queries: %s: %w", what, err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out, nil
}

// claimsEvidence returns the article id and the evidence sentence of each
// claim, in order.
func claimsEvidence(ctx context.Context, s *graph.Store, claims []string) (articles, evidence []string, err error) {
	for _, c := range claims {
		n, err := s.Node(ctx, c)
		if err != nil {
			return nil, nil, err
		}
		articles = append(articles, schema.ArticleIDFromIRI(c))
		evidence = append(evidence, n.Str(schema.Evidence))
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
	ns, err := relationNodes(ctx, s, schema.ClassCorroboration, f)
	if err != nil {
		return nil, fmt.Errorf("queries: corroborations: %w", err)
	}
	out := []rows.Corroboration{}
	for _, n := range ns {
		r := rows.Corroboration{
			Claims: n.IRIs(schema.Member), Event: n.IRI(schema.About), Metric: n.Str(schema.Metric),
			IndependentOrigins: n.Int(schema.IndependentOrigins), Origins: ids(n.IRIs(schema.PrimarySource)),
			Why: n.Str(schema.Why),
		}
		var arts []string
		if arts, r.Evidence, err = claimsEvidence(ctx, s, r.Claims); err != nil {
			return nil, fmt.Errorf("queries: corroborations: %w", err)
		}
		r.Articles = distinct(arts)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i].Claims, " ") < strings.Join(out[j].Claims, " ") })
	return out, nil
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
		cands, err = subjects(ctx, s, schema.ClassLinkedEvent, schema.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("queries: events: %w", err)
	}
	out := []rows.Event{}
	for _, c := range cands {
		n, err := s.Node(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("queries: events: %w", err)
		}
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
			keep := false
			for _, m := range e.Claims {
				cn, err := s.Node(ctx, m)
				if err != nil {
					return nil, err
				}
				if contains(cn.IRIs(schema.PrimarySource), sourceIRI(f.Source)) || contains(cn.IRIs(schema.AttributedTo), sourceIRI(f.Source)) {
					keep = true
					break
				}
			}
			if !keep {
				continue
			}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}

// Trace returns the path of a claim from its article to the organisation
// behind it: article, outlet, intermediaries (nearest the article first),
// claimant, and the organisation a person claimant speaks for. Every hop
// carries the claim's evidence sentence. It returns an error wrapping
// graph.ErrNotFound when the store holds no such claim.
func Trace(ctx context.Context, s *graph.Store, claim string) ([]rows.Hop, error) {
	c, err := s.Node(ctx, claim)
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
		n, err := s.Node(ctx, iri)
		if err != nil {
			return nil, err
		}
		add(role, iri, schema.IDFromIRI(iri), n.Str(schema.Name))
		return n, nil
	}
	if a := c.IRI(schema.Appearance); a != "" {
		an, err := s.Node(ctx, a)
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
		hn, err := s.Node(ctx, h)
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
