// Lead and cited sources: the article's main claim and the sources its claims name.

package extract

import (
	"sort"

	"github.com/claimgraph/claimgraph/schema"
)

// lead picks the article's main casualty claim: the first killed figure of
// the headline, else of the first paragraph, else of the article.
func lead(doc *schema.Article, leadEnd int) int {
	singular := true
	countsDead := func(c *schema.Claim) bool {
		return (c.Metric == schema.MetricKilled || c.Metric == schema.MetricExecuted) && c.Figure.Value != nil &&
			c.SubsetOf < 0 && (singular || !one(&c.Figure) || c.Section == "headline" && c.Figure.Qualifier != "a")
	}
	pick := func(ok func(c *schema.Claim) bool) int {
		for i := range doc.Claims {
			if c := &doc.Claims[i]; countsDead(c) && ok(c) {
				return i
			}
		}
		return -1
	}
	// the lead paragraph: the first three body sentences
	inLead := func(c *schema.Claim) bool { return c.Section == "body" && c.Offset < leadEnd }
	// "a commander" leads only when no claim of the headline or the lead
	// paragraph counts more than one ("Attacks kill a woman" leads over a
	// toll of 30 from an older attack further down)
	singular = true
	for i := range doc.Claims {
		if c := &doc.Claims[i]; c.Figure.Value != nil && !one(&c.Figure) && (c.Section == "headline" || inLead(c)) &&
			(c.Metric == schema.MetricKilled || c.Metric == schema.MetricExecuted) {
			singular = false
			break
		}
	}
	firstSentence := func(c *schema.Claim) bool {
		for i := range doc.Claims {
			if doc.Claims[i].Section == "body" {
				return c.Offset == doc.Claims[i].Offset
			}
		}
		return false
	}
	if h := pick(func(c *schema.Claim) bool { return c.Section == "headline" }); h >= 0 {
		hf := &doc.Claims[h].Figure
		// "Seven children killed" over "killed at least 10 people including seven
		// children": the headline names a part, the lead paragraph the whole
		// (only when the body first gives the headline's figure as a part)
		for i := range doc.Claims {
			c := &doc.Claims[i]
			if !inLead(c) || c.Figure.Value == nil || *c.Figure.Value != *hf.Value {
				continue
			}
			if c.SubsetOf >= 0 && countsDead(&doc.Claims[c.SubsetOf]) {
				return c.SubsetOf
			}
			break
		}
		if hf.Min == nil || hf.Max == nil || *hf.Min != *hf.Max || hf.Approx {
			// "More than 50 killed" over "at least 51 civilians were killed": the
			// first paragraph's figure is the precise one, if it fits the headline's
			if b := pick(func(c *schema.Claim) bool { return inLead(c) && within(&c.Figure, hf) }); b >= 0 {
				return b
			}
		}
		return h
	}
	// an open figure ("more than 30") is made precise by the lead paragraph's
	// exact one that fits it ("at least 31 people were killed")
	precise := func(i int) int {
		f := &doc.Claims[i].Figure
		if f.Min != nil && f.Max != nil && *f.Min == *f.Max && !f.Approx {
			return i
		}
		if b := pick(func(c *schema.Claim) bool {
			return inLead(c) && c.Offset > doc.Claims[i].Offset && within(&c.Figure, f)
		}); b >= 0 {
			return b
		}
		return i
	}
	if i := pick(firstSentence); i >= 0 {
		return precise(i)
	}
	if i := pick(inLead); i >= 0 {
		return precise(i)
	}
	if i := pick(func(*schema.Claim) bool { return true }); i >= 0 {
		return i
	}
	// no toll with a number: the first casualty claim of any kind ("hundreds
	// killed", "ten civilians injured") still says where and when
	for _, metrics := range [][]string{{schema.MetricKilled, schema.MetricExecuted}, {schema.MetricWounded}} {
		for i := range doc.Claims {
			c := &doc.Claims[i]
			if c.SubsetOf < 0 && (c.Metric == metrics[0] || len(metrics) > 1 && c.Metric == metrics[1]) {
				return i
			}
		}
	}
	return -1
}

// one reports whether f counts one person: "a commander", "one of the emirs".
func one(f *schema.Figure) bool {
	return f.Qualifier == "a" || f.Value != nil && *f.Value == 1 && f.Min != nil && f.Max != nil && *f.Min == 1 && *f.Max == 1
}

// within reports whether figure f's value lies in the interval of g, and
// near its lower bound when the interval is open above.
func within(f, g *schema.Figure) bool {
	v := *f.Value
	if g.Max == nil && g.Min != nil && float64(v) > 1.25*float64(*g.Min) {
		return false // "over 20" is not the body's "100": too far to be the same count made precise
	}
	if g.Min == nil && g.Max != nil && float64(v) < 0.8*float64(*g.Max) {
		return false // nor is "up to 70" the body's "six"
	}
	return (g.Min == nil || v >= *g.Min) && (g.Max == nil || v <= *g.Max)
}

// cited lists every source the article's claims name, sorted by id.
func cited(doc *schema.Article) []schema.Source {
	seen := map[string]bool{}
	out := []schema.Source{}
	add := func(s *schema.Source) {
		if s != nil && !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, *s)
		}
	}
	for i := range doc.Claims {
		add(doc.Claims[i].Claimant)
		for j := range doc.Claims[i].Via {
			add(&doc.Claims[i].Via[j])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
