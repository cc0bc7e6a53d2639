package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// eachArticle decodes every article of the store, in IRI order.
func eachArticle(ctx context.Context, s *graph.Store, fn func(*schema.Article) error) error {
	return eachArticleFrom(ctx, s, "", "", fn)
}

// errEnough stops a walk over articles early without an error (a --limit
// reached).
var errEnough = errors.New("enough")

// eachArticleFrom calls fn with the store's articles (with source not "",
// those graph.Store.ArticlesOfSource gives) from the first not before from,
// in IRI order, until fn returns an error (errEnough ends the walk without
// one). The IRIs come a page at a time (graph.Store.ArticlePages), so that a
// --limit reads little.
func eachArticleFrom(ctx context.Context, s *graph.Store, source, from string, fn func(*schema.Article) error) error {
	err := s.ArticlePages(ctx, source, from, func(page []string) error {
		return decodeArticles(ctx, s, page, fn)
	})
	if errors.Is(err, errEnough) {
		return nil
	}
	return err
}

// eachArticleOf calls fn with the articles iris, in that order, until fn
// returns an error (errEnough ends the walk without one). It reads them a
// few at first, then more at a time (graph.Store.ArticlesQuads reads the
// subjects a batch shares once), so that a --limit reads little.
func eachArticleOf(ctx context.Context, s *graph.Store, iris []string, fn func(*schema.Article) error) error {
	for start, n := 0, firstBatch; start < len(iris); start, n = start+n, min(2*n, maxBatch) {
		err := decodeArticles(ctx, s, iris[start:min(start+n, len(iris))], fn)
		if errors.Is(err, errEnough) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// decodeArticles reads the articles iris in one batch and calls fn with
// each, in that order, until fn returns an error, which it returns.
func decodeArticles(ctx context.Context, s *graph.Store, iris []string, fn func(*schema.Article) error) error {
	qs, err := s.ArticlesQuads(ctx, iris)
	if err != nil {
		return err
	}
	for _, iri := range iris {
		if qs[iri] == nil {
			return fmt.Errorf("graph: article %s: %w", iri, graph.ErrNotFound)
		}
		doc, err := schema.Decode(iri, qs[iri])
		if err != nil {
			return fmt.Errorf("graph: article %s: %w", iri, err)
		}
		if err := fn(doc); err != nil {
			return err
		}
	}
	return nil
}

// The batches of eachArticleOf: firstBatch articles, then twice as many
// each time, up to maxBatch.
const (
	firstBatch = 25
	maxBatch   = 400
)

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
