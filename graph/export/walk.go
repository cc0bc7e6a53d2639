package export

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// linkPredicates are the predicates that link claims across articles.
var linkPredicates = map[string]string{
	schema.Corroborates: "corroborates",
	schema.Contradicts:  "contradicts",
}

// part is one selected article: its decoded form, the indices of its
// selected claims and its quads restricted to the selection.
type part struct {
	doc    *schema.Article
	claims []int
	whole  bool        // the article is exported whole, not only the claims a filter selects
	quads  []quad.Quad // sorted; link quads excluded (see links)
}

// walkBatch is how many articles walk reads at once (graph.Store.
// ArticlesQuads reads the subjects they share once: an article's sources,
// outlet and places hold quads of every article that names them).
const walkBatch = 200

// walk calls fn with every selected article, in IRI order, and returns the
// IRIs of the claims selected, sorted. It reads the articles walkBatch at a
// time (each one lookup: graph's packed article index), so that an export
// of the whole store holds one batch of articles, not the store.
func (sel *selection) walk(ctx context.Context, s *graph.Store, fn func(*part) error) ([]string, error) {
	var claims []string
	sel.kept, sel.selected = map[string]bool{}, map[string]bool{}
	var batch map[string][]quad.Quad // the quads of the next walkBatch articles
	for k, iri := range sel.articles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if k%walkBatch == 0 {
			var err error
			if batch, err = s.ArticlesQuads(ctx, sel.articles[k:min(k+walkBatch, len(sel.articles))]); err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
		}
		qs := batch[iri]
		delete(batch, iri)
		if len(qs) == 0 {
			return nil, fmt.Errorf("export: article %s: %w", iri, graph.ErrNotFound)
		}
		doc, err := schema.Decode(iri, qs)
		if err != nil {
			return nil, fmt.Errorf("export: article %s: %w", iri, err)
		}
		p := &part{doc: doc, whole: sel.claims == nil}
		for i := range doc.Claims {
			c := schema.ClaimIRI(doc.IRI, i+1)
			if sel.keepsClaim(c) {
				p.claims = append(p.claims, i)
				claims = append(claims, c)
				sel.selected[c] = true
			}
		}
		keep := p.nodes()
		for n := range keep {
			sel.kept[n] = true
		}
		for _, q := range qs {
			if _, ok := linkPredicates[iriString(q.Predicate)]; ok {
				sel.articleLinks = append(sel.articleLinks, q)
				continue
			}
			if !keep[iriString(q.Subject)] {
				continue
			}
			if o, ok := q.Object.(quad.IRI); ok && iriString(q.Predicate) != schema.Type && !keep[string(o)] {
				continue
			}
			p.quads = append(p.quads, q)
		}
		if err := fn(p); err != nil {
			return nil, err
		}
	}
	sort.Strings(claims)
	return claims, nil
}

// nodes returns the IRIs of the nodes of the article that the selection
// keeps: the article, its outlet and, for every selected claim, the claim,
// its figure and hops, its claimant, relays and the organisations they
// speak for, its event and place; with every cited source when the
// article is exported whole.
func (p *part) nodes() map[string]bool {
	doc := p.doc
	keep := map[string]bool{doc.IRI: true}
	src := func(s *schema.Source) {
		keep[schema.SourceIRI(s.ID)] = true
		if s.SpeaksFor != "" {
			keep[schema.SourceIRI(s.SpeaksFor)] = true
		}
	}
	if doc.Outlet != nil {
		src(doc.Outlet)
	}
	if p.whole {
		for i := range doc.Cited {
			src(&doc.Cited[i])
		}
	}
	for _, i := range p.claims {
		c := &doc.Claims[i]
		iri := schema.ClaimIRI(doc.IRI, i+1)
		keep[iri] = true
		keep[schema.FigureIRI(iri)] = true
		if c.Claimant != nil {
			src(c.Claimant)
		}
		for j := range c.Via {
			keep[schema.HopIRI(iri, j+1)] = true
			src(&c.Via[j])
		}
		keep[schema.EventIRI(c.Event)] = true
		if pl := c.Event.Place; pl != nil {
			keep[schema.PlaceIRI(pl.ID)] = true
			if pl.Within != "" {
				keep[schema.PlaceIRI(pl.Within)] = true
			}
		}
	}
	return keep
}

// links returns the corroborates/contradicts quads from the given claims to
// claims in the same set, whatever their label (the linker labels them
// with its components), sorted. For the whole store they are those of the
// articles walk read (sel.articleLinks) and of the linking output lq;
// otherwise they are read one claim at a time (graph.Store.SubjectQuads).
func links(ctx context.Context, s *graph.Store, sel *selection, claims []string, lq []quad.Quad) ([]quad.Quad, error) {
	in := make(map[string]bool, len(claims))
	for _, c := range claims {
		in[c] = true
	}
	var out []quad.Quad
	if sel.all {
		for _, qs := range [][]quad.Quad{sel.articleLinks, lq} {
			for _, q := range qs {
				if _, ok := linkPredicates[iriString(q.Predicate)]; ok && in[iriString(q.Subject)] && in[iriString(q.Object)] {
					out = append(out, q)
				}
			}
		}
		schema.SortQuads(out)
		return out, nil
	}
	for _, c := range claims {
		qs, err := s.SubjectQuads(ctx, quad.IRI(c))
		if err != nil {
			return nil, fmt.Errorf("export: links of %s: %w", c, err)
		}
		for _, q := range qs {
			if _, ok := linkPredicates[iriString(q.Predicate)]; ok && in[iriString(q.Object)] {
				out = append(out, q)
			}
		}
	}
	schema.SortQuads(out)
	return out, nil
}

// iriString returns the IRI of v, or "" if v is not an IRI.
func iriString(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}

// linkQuads returns the linking quads the selection keeps, sorted and
// without duplicates: the corroborates/contradicts quads between selected
// claims (whatever their label), and the linking output (graph.Store.LinkingQuads). A filtered export keeps a linked event when one of its
// member claims is selected, a corroboration, contradiction or circular
// group when all of its members are, and of their quads those whose object
// is a literal or a node the export holds. claims are the selected claims,
// as walk returned them.
func linkQuads(ctx context.Context, s *graph.Store, sel *selection, claims []string) ([]quad.Quad, error) {
	lq, err := s.LinkingQuads(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	direct, err := links(ctx, s, sel, claims, lq)
	if err != nil {
		return nil, err
	}
	if !sel.all {
		lq = filterLinking(lq, sel)
	}
	seen := make(map[quad.Quad]bool, len(direct)+len(lq))
	var out []quad.Quad
	for _, q := range append(direct, lq...) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	schema.SortQuads(out)
	return out, nil
}

// filterLinking keeps the linking quads about the selection (see linkQuads).
func filterLinking(qs []quad.Quad, sel *selection) []quad.Quad {
	types := map[string][]string{}
	members := map[string][]string{}
	for _, q := range qs {
		s := iriString(q.Subject)
		switch iriString(q.Predicate) {
		case schema.Type:
			types[s] = append(types[s], iriString(q.Object))
		case schema.Member:
			members[s] = append(members[s], iriString(q.Object))
		}
	}
	keep := map[string]bool{}
	for n, ts := range types {
		for _, t := range ts {
			any, all := false, len(members[n]) > 0
			for _, m := range members[n] {
				any = any || sel.selected[m]
				all = all && sel.selected[m]
			}
			switch t {
			case schema.ClassLinkedEvent:
				keep[n] = keep[n] || any
			case schema.ClassCorroboration, schema.ClassContradiction, schema.ClassCircular:
				keep[n] = keep[n] || all
			}
		}
	}
	has := func(n string) bool { return keep[n] || sel.kept[n] || sel.selected[n] }
	var out []quad.Quad
	for _, q := range qs {
		if !has(iriString(q.Subject)) {
			continue
		}
		if o, ok := q.Object.(quad.IRI); ok && iriString(q.Predicate) != schema.Type && !has(string(o)) {
			continue
		}
		out = append(out, q)
	}
	return out
}
