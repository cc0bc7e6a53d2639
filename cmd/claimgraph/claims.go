package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

func newClaimsCommand() *cli.Command {
	return &cli.Command{
		Name:  "claims",
		Usage: "list every claim: who claimed which figure, through whom, about what",
		Flags: []cli.Flag{
			formatFlag(),
			&cli.StringFlag{Name: "article", Usage: "only the claims of this article: its id, IRI (full or cgid:article/ID)"},
			&cli.StringFlag{Name: "source", Usage: "only the claims of this source (claimant or relay): an id, name or alias as 'claimgraph sources' lists them"},
			&cli.StringFlag{Name: "metric", Usage: "only this metric: " + strings.Join(schema.Metrics, ", ")},
			&cli.IntFlag{Name: "limit", Usage: "at most this many claims (the first, in article order); 0 for all"},
			&cli.StringFlag{Name: "after", Usage: "only the claims after this one in the list's order (the next page: give the last row's id, its IRI, ARTICLE#N or ARTICLE:N)"},
		},
		Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
			if c.Int("limit") < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", c.Int("limit"))
			}
			return runClaims(c.Context, s, c.App.Writer, format, claimFilter{
				Article: articleID(c.String("article")), Source: c.String("source"), Metric: c.String("metric"), Limit: c.Int("limit"),
				After: c.String("after"),
			})
		}),
	}
}

type claimFilter struct {
	Article, Source, Metric string
	Limit                   int    // at most this many rows; 0 for all
	After                   string // only the rows after this claim (a page's cursor); "" for all
}

func (f claimFilter) match(r *rows.Claim, c *schema.Claim) bool {
	if f.Article != "" && r.Article != f.Article {
		return false
	}
	if f.Metric != "" && r.Metric != f.Metric {
		return false
	}
	if f.Source != "" {
		ok := r.Claimant == f.Source
		for _, v := range c.Via {
			ok = ok || v.ID == f.Source
		}
		if c.Claimant != nil && c.Claimant.SpeaksFor == f.Source {
			ok = true
		}
		return ok
	}
	return true
}

func runClaims(ctx context.Context, s *graph.Store, w io.Writer, format string, f claimFilter) error {
	var err error
	if f.Metric, err = resolveMetric(f.Metric); err != nil {
		return err
	}
	if f.Source, err = resolveSource(ctx, s, f.Source); err != nil {
		return err
	}
	lw := newListWriter(w, format,
		[]string{"ID", "CLAIMANT", "VIA", "METRIC", "FIGURE", "MIN", "MAX", "PLACE", "START", "EVIDENCE"},
		func(v interface{}) []string {
			r := v.(rows.Claim)
			// ARTICLE#N: what --claim, 'query trace' and 'review' take
			return []string{r.Article + "#" + path.Base(r.ID), orDash(r.ClaimantName), orDash(strings.Join(r.Via, " < ")), r.Metric,
				orDash(r.FigureText), intOrDash(r.Min), intOrDash(r.Max), orDash(r.LocationName),
				orDash(deref(r.Start)), r.Evidence}
		})
	// rows go article by article (IRI order), then by claim number: a
	// cursor skips the articles before its own and, in its own, the claims
	// up to it, reading none of them
	afterArticle, afterN, err := claimCursor(f.After)
	if err != nil {
		return err
	}
	// the articles to read: one, a source's (through the store's index of
	// who cites whom), or all; the filter decides on each claim either way
	each := func(fn func(*schema.Article) error) error {
		return eachArticleFrom(ctx, s, f.Source, afterArticle, fn)
	}
	if f.Article != "" {
		iris := []string{schema.ArticleIRI(f.Article)}
		if _, err := s.ArticleQuads(ctx, iris[0]); errors.Is(err, graph.ErrNotFound) || iris[0] < afterArticle {
			iris = nil
		}
		each = func(fn func(*schema.Article) error) error { return eachArticleOf(ctx, s, iris, fn) }
	}
	n := 0
	err = each(func(doc *schema.Article) error {
		if f.Article != "" && doc.ID != f.Article {
			return nil
		}
		first := 0
		if doc.IRI == afterArticle {
			first = afterN // claim N is doc.Claims[N-1]
		}
		for i := first; i < len(doc.Claims); i++ {
			r := rows.NewClaim(doc, i)
			if !f.match(&r, &doc.Claims[i]) {
				continue
			}
			if err := lw.write(r); err != nil {
				return err
			}
			if n++; f.Limit > 0 && n >= f.Limit {
				return errEnough
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return lw.close()
}

// claimCursor returns the article IRI and number of the claim after names
// (its IRI, ARTICLE#N or ARTICLE:N), or "" and 0 for none.
func claimCursor(after string) (string, int, error) {
	if strings.TrimSpace(after) == "" {
		return "", 0, nil
	}
	iri := claimIRI(after)
	article, num, ok := strings.Cut(iri, "/claim/")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || schema.ArticleIDFromIRI(article) == "" {
		return "", 0, fmt.Errorf("--after %q: not a claim; give a row's id: its IRI, ARTICLE#N or ARTICLE:N", after)
	}
	return article, n, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func newArticlesCommand() *cli.Command {
	return &cli.Command{
		Name:  "articles",
		Usage: "list the loaded articles with their outlet, date, sources and lead figure",
		Flags: []cli.Flag{formatFlag()},
		Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
			return runArticles(c.Context, s, c.App.Writer, format)
		}),
	}
}

func runArticles(ctx context.Context, s *graph.Store, w io.Writer, format string) error {
	lw := newListWriter(w, format,
		[]string{"ID", "OUTLET", "PUBLISHED", "CLAIMS", "LEAD", "PLACE", "SOURCES", "TITLE"},
		func(v interface{}) []string {
			r := v.(rows.Article)
			lead, place := "-", "-"
			if r.Lead != nil {
				lead = fmt.Sprintf("%s %s", r.Lead.Metric, intOrDash(r.Lead.Value))
				place = orDash(r.Lead.Admin1)
			}
			published := orDash(deref(r.Published))
			if r.PublishedAnchored != nil {
				published = "~" + *r.PublishedAnchored // anchored by linking
			}
			return []string{r.ID, orDash(deref(r.Outlet)), published, fmt.Sprint(r.Claims),
				lead, place, orDash(strings.Join(r.Sources, ",")), r.Title}
		})
	err := eachArticle(ctx, s, func(doc *schema.Article) error {
		r, err := withAnchor(ctx, s, rows.NewArticle(doc))
		if err != nil {
			return err
		}
		return lw.write(r)
	})
	if err != nil {
		return err
	}
	return lw.close()
}
