package export

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Reviewer is the ClaimReview author: claimgraph itself, an automated
// extractor that has reviewed nothing (see the package documentation).
var Reviewer = map[string]interface{}{
	"@type":       "Organization",
	"name":        "claimgraph",
	"description": "automated extraction of who claimed what in news articles; not a fact-check verdict",
}

// writeClaimReview streams a schema.org DataFeed whose dataFeedElement holds
// one ClaimReview per selected claim, in article and claim order.
func writeClaimReview(ctx context.Context, s *graph.Store, w io.Writer, sel *selection) error {
	x := &xmlWriter{w: w}
	x.raw(`{"@context":"https://schema.org","@type":"DataFeed","name":"claimgraph claims","dataFeedElement":[`)
	n := 0
	_, err := sel.walk(ctx, s, func(p *part) error {
		for _, i := range p.claims {
			r, err := claimReview(ctx, s, p.doc, i)
			if err != nil {
				return err
			}
			b, err := marshal(r)
			if err != nil {
				return err
			}
			if n > 0 {
				x.raw(",")
			}
			x.raw("\n", string(b))
			n++
		}
		return x.err
	})
	if err != nil {
		return err
	}
	x.raw("\n]}\n")
	return x.err
}

type object = map[string]interface{}

func claimReview(ctx context.Context, s *graph.Store, doc *schema.Article, i int) (object, error) {
	c := &doc.Claims[i]
	id := schema.ClaimIRI(doc.IRI, i+1)
	claim := object{"@type": "Claim", "@id": id}
	switch {
	case c.Claimant != nil:
		claim["author"] = person(c.Claimant)
	case doc.Outlet != nil: // the article asserts the figure itself
		claim["author"] = person(doc.Outlet)
	}
	if c.ClaimDate != "" {
		claim["datePublished"] = c.ClaimDate
	}
	art := object{"@type": "NewsArticle", "@id": doc.IRI, "identifier": doc.ID}
	putStr(art, "url", doc.URL)
	putStr(art, "headline", doc.Title)
	putStr(art, "datePublished", doc.Published)
	if doc.Outlet != nil {
		art["publisher"] = object{"@type": "Organization", "@id": schema.SourceIRI(doc.Outlet.ID), "name": orID(doc.Outlet.Name, doc.Outlet.ID)}
	}
	claim["appearance"] = art
	ev := object{"@type": "Event", "@id": schema.EventIRI(c.Event), "name": eventLabel(&c.Event)}
	putStr(ev, "startDate", c.Event.Start)
	putStr(ev, "endDate", c.Event.End)
	if p := c.Event.Place; p != nil {
		pl := object{"@type": "Place", "@id": schema.PlaceIRI(p.ID), "name": orID(p.Name, p.ID)}
		if p.Admin1 != "" {
			pl["address"] = object{"@type": "PostalAddress", "addressRegion": p.Admin1, "addressCountry": "SY"}
		}
		if p.HasCoords {
			pl["geo"] = object{"@type": "GeoCoordinates", "latitude": p.Lat, "longitude": p.Lon}
		}
		ev["location"] = pl
	}
	claim["about"] = ev
	r := object{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"@id":           id + "#review",
		"claimReviewed": c.Evidence,
		"author":        Reviewer,
		"itemReviewed":  claim,
	}
	putStr(r, "description", claimDescription(c))
	others, err := contradictions(ctx, s, id)
	if err != nil {
		return nil, err
	}
	if len(others) > 0 {
		r["reviewRating"] = object{
			"@type":             "Rating",
			"alternateName":     "Contradicted by other sources",
			"ratingExplanation": "Other claims about this event disagree: " + strings.Join(others, "; ") + ".",
		}
	}
	return r, nil
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

// claimDescription spells out the figure and its interval, when it is not
// a single number: "killed: at least 27 (27 to open), via AFP".
func claimDescription(c *schema.Claim) string {
	bound := func(p *int64) string {
		if p == nil {
			return "open"
		}
		return fmt.Sprint(*p)
	}
	d := claimLabel(c)
	exact := c.Figure.Min != nil && c.Figure.Max != nil && *c.Figure.Min == *c.Figure.Max
	if (c.Figure.Min != nil || c.Figure.Max != nil) && !exact {
		d += fmt.Sprintf(" (%s to %s)", bound(c.Figure.Min), bound(c.Figure.Max))
	}
	if len(c.Via) > 0 {
		var via []string
		for _, v := range c.Via {
			via = append(via, orID(v.Name, v.ID))
		}
		d += ", via " + strings.Join(via, " < ")
	}
	return d
}

// contradictions describes the claims linked to claim by contradicts, in
// either direction: "Amaq News Agency: killed: 20 (cgid:article/…/claim/2)".
func contradictions(ctx context.Context, s *graph.Store, claim string) ([]string, error) {
	out, err := s.Out(ctx, quad.IRI(claim), schema.Contradicts)
	if err != nil {
		return nil, err
	}
	in, err := s.In(ctx, quad.IRI(claim), schema.Contradicts)
	if err != nil {
		return nil, err
	}
	// the linker's contradiction nodes say what kind of disagreement it is and why
	reasons := map[string]string{}
	rels, err := s.In(ctx, quad.IRI(claim), schema.Member)
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		types, err := s.Out(ctx, r, schema.Type)
		if err != nil {
			return nil, err
		}
		if len(types) == 0 || iriString(types[0]) != schema.ClassContradiction {
			continue
		}
		members, err := s.Out(ctx, r, schema.Member)
		if err != nil {
			return nil, err
		}
		kind, err := first(ctx, s, r, schema.Kind)
		if err != nil {
			return nil, err
		}
		why, err := first(ctx, s, r, schema.Why)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			if iriString(m) != claim {
				reasons[iriString(m)] = strings.Trim(str(kind)+": "+str(why), ": ")
			}
		}
	}
	seen := map[string]bool{}
	var descs []string
	for _, v := range append(out, in...) {
		other := iriString(v)
		if other == "" || seen[other] {
			continue
		}
		seen[other] = true
		o := quad.IRI(other)
		src, err := first(ctx, s, o, schema.AttributedTo)
		if err != nil {
			return nil, err
		}
		who := "unattributed"
		if src != nil {
			name, err := first(ctx, s, src, schema.Name)
			if err != nil {
				return nil, err
			}
			who = orID(str(name), schema.IDFromIRI(iriString(src)))
		}
		fig, err := first(ctx, s, o, schema.HasFigure)
		if err == nil && fig != nil {
			fig, err = first(ctx, s, fig, schema.FigureText)
		}
		if err != nil {
			return nil, err
		}
		metric, err := first(ctx, s, o, schema.Metric)
		if err != nil {
			return nil, err
		}
		d := fmt.Sprintf("%s: %s %s (%s)", who, str(metric), str(fig), compactIRI(other))
		if r := reasons[other]; r != "" {
			d += " [" + r + "]"
		}
		descs = append(descs, d)
	}
	sort.Strings(descs)
	return descs, nil
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
