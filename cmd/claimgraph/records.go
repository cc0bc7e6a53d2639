package main

import (
	"context"
	"errors"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// eachArticle decodes every article of the store, in IRI order.
func eachArticle(ctx context.Context, s *graph.Store, fn func(*schema.Article) error) error {
	iris, err := s.ArticleIRIs(ctx)
	if err != nil {
		return err
	}
	return eachArticleOf(ctx, s, iris, fn)
}

// errEnough stops eachArticleOf early without an error (a --limit reached).
var errEnough = errors.New("enough")

// eachArticleOf calls fn with the articles iris, in that order, until fn
// returns an error (errEnough ends the walk without one).
func eachArticleOf(ctx context.Context, s *graph.Store, iris []string, fn func(*schema.Article) error) error {
	for _, iri := range iris {
		doc, err := s.Article(ctx, iri)
		if err != nil {
			return err
		}
		if err := fn(doc); err != nil {
			if errors.Is(err, errEnough) {
				return nil
			}
			return err
		}
	}
	return nil
}

// withAnchor adds the date linking anchored an undated article on.
func withAnchor(ctx context.Context, s *graph.Store, r rows.Article) (rows.Article, error) {
	if r.Published != nil {
		return r, nil
	}
	vs, err := s.Out(ctx, quad.IRI(schema.ArticleIRI(r.ID)), schema.AnchoredPublished)
	if err != nil {
		return r, err
	}
	if len(vs) > 0 {
		r.PublishedAnchored = rows.StrPtr(quad.ToString(vs[0]))
	}
	return r, nil
}
