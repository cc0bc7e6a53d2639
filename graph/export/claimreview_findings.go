// What the linker found about a claim, said in words for the rating's
// explanation of a claim no fact-checker has reviewed.

package export

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// findings is what the linker found about one claim.
type findings struct {
	linked    string        // the linked event's IRI, or ""
	disagree  []otherReport // contradictions
	agree     []otherReport // corroborations
	first     object        // the earliest article carrying the same origin's figure, if earlier
	firstDate string
}

// otherReport is another claim, said in words.
type otherReport struct {
	text string // "Amaq News Agency said 20 killed (Al-Masdar News, 2019-04-21)"
	kind string // a contradiction's kind
}

// findings reads the relations the linker wrote about claim.
func (cr *claimReviewer) findings(ctx context.Context, claim string) (*findings, error) {
	s := cr.s
	f := &findings{}
	rels, err := s.In(ctx, quad.IRI(claim), schema.Member)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, r := range rels {
		types, err := s.Out(ctx, r, schema.Type)
		if err != nil {
			return nil, err
		}
		class := ""
		if len(types) > 0 {
			class = iriString(types[0])
		}
		switch class {
		case schema.ClassLinkedEvent:
			f.linked = iriString(r)
			continue
		case schema.ClassContradiction, schema.ClassCorroboration, schema.ClassCircular:
		default:
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
		for _, m := range members {
			other := iriString(m)
			if other == claim || other == "" {
				continue
			}
			rep, date, art, err := cr.report(ctx, other)
			if err != nil {
				return nil, err
			}
			switch class {
			case schema.ClassContradiction:
				if !seen["c"+other] {
					seen["c"+other] = true
					f.disagree = append(f.disagree, otherReport{text: rep, kind: str(kind)})
				}
			case schema.ClassCorroboration:
				if !seen["a"+other] {
					seen["a"+other] = true
					f.agree = append(f.agree, otherReport{text: rep})
				}
			case schema.ClassCircular:
				if date != "" && art != nil && (f.firstDate == "" || date < f.firstDate) {
					f.first, f.firstDate = art, date
				}
			}
		}
	}
	if f.first != nil {
		// only an earlier appearance is a first one
		own, err := first(ctx, s, quad.IRI(claim), schema.Appearance)
		if err != nil {
			return nil, err
		}
		if own != nil {
			d, err := first(ctx, s, own, schema.DatePublished)
			if err != nil {
				return nil, err
			}
			if str(d) == "" || str(d) <= f.firstDate {
				f.first = nil
			}
		}
	}
	sort.Slice(f.disagree, func(i, j int) bool { return f.disagree[i].text < f.disagree[j].text })
	sort.Slice(f.agree, func(i, j int) bool { return f.agree[i].text < f.agree[j].text })
	return f, nil
}

// report says another claim in words, with its article's date and the
// article as a NewsArticle.
func (cr *claimReviewer) report(ctx context.Context, claim string) (string, string, object, error) {
	s := cr.s
	o := quad.IRI(claim)
	name := func(node quad.Value) (string, error) {
		if node == nil {
			return "", nil
		}
		n, err := first(ctx, s, node, schema.Name)
		if err != nil {
			return "", err
		}
		return orID(str(n), schema.IDFromIRI(iriString(node))), nil
	}
	src, err := first(ctx, s, o, schema.AttributedTo)
	if err != nil {
		return "", "", nil, err
	}
	speaker, err := name(src)
	if err != nil {
		return "", "", nil, err
	}
	metric, err := first(ctx, s, o, schema.Metric)
	if err != nil {
		return "", "", nil, err
	}
	fig, err := first(ctx, s, o, schema.HasFigure)
	if err == nil && fig != nil {
		fig, err = first(ctx, s, fig, schema.FigureText)
	}
	if err != nil {
		return "", "", nil, err
	}
	art, err := first(ctx, s, o, schema.Appearance)
	if err != nil {
		return "", "", nil, err
	}
	var outlet, date, headline, link string
	var artObj object
	if art != nil {
		vals := map[string]*string{schema.DatePublished: &date, schema.Headline: &headline, schema.URL: &link}
		for p, dst := range vals {
			v, err := first(ctx, s, art, p)
			if err != nil {
				return "", "", nil, err
			}
			*dst = str(v)
		}
		pub, err := first(ctx, s, art, schema.Publisher)
		if err != nil {
			return "", "", nil, err
		}
		if outlet, err = name(pub); err != nil {
			return "", "", nil, err
		}
		artObj = object{"@type": "NewsArticle", "@id": iriString(art), "identifier": schema.ArticleIDFromIRI(iriString(art))}
		putStr(artObj, "url", link)
		putStr(artObj, "headline", headline)
		putStr(artObj, "datePublished", date)
		if pub != nil {
			artObj["publisher"] = object{"@type": "Organization", "@id": iriString(pub), "name": outlet}
		}
	}
	if speaker == "" {
		speaker = orID(outlet, "an unnamed source")
	}
	t := speaker + " said " + firstNonEmpty(figurePhrase(str(metric), str(fig)), "otherwise")
	if str(metric) == schema.MetricResponsibility {
		t = speaker + " " + figurePhrase(str(metric), str(fig))
	}
	switch {
	case outlet != "" && outlet != speaker && date != "":
		t += " (reported by " + outlet + " on " + date + ")"
	case outlet != "" && outlet != speaker:
		t += " (reported by " + outlet + ")"
	case date != "":
		t += " (published " + date + ")"
	}
	return t, date, artObj, nil
}

// explain says what claimgraph found about a claim, without a verdict.
func (cr *claimReviewer) explain(c *schema.Claim, doc *schema.Article, f *findings) string {
	var b strings.Builder
	b.WriteString("No fact-checker has reviewed this claim. claimgraph found, without judging it: ")
	b.WriteString(claimDescription(c, doc))
	b.WriteString(".")
	if len(f.disagree) > 0 {
		writeReports(&b, reports(len(f.disagree), "of the same incident disagrees", "of the same incident disagree"), f.disagree)
	}
	if len(f.agree) > 0 {
		writeReports(&b, reports(len(f.agree), "agrees", "agree"), f.agree)
	}
	if len(f.disagree) == 0 && len(f.agree) == 0 {
		b.WriteString(" No other report of this incident was found to agree or disagree.")
	}
	return b.String()
}

// writeReports writes " head: ", the reports rs in words, a contradiction
// with what kind it is, separated by "; ", and ".".
func writeReports(b *strings.Builder, head string, rs []otherReport) {
	fmt.Fprintf(b, " %s: ", head)
	for i, d := range rs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.text)
		switch d.kind {
		case schema.ContradictionDate:
			b.WriteString(", the same figure on another date")
		case schema.ContradictionRevision:
			b.WriteString(", the same source with another figure")
		case schema.ContradictionScope:
			b.WriteString(", a part larger than its whole")
		}
	}
	b.WriteString(".")
}

// reports is "1 other report agrees", "2 other reports agree".
func reports(n int, one, many string) string {
	if n == 1 {
		return "1 other report " + one
	}
	return fmt.Sprintf("%d other reports %s", n, many)
}
