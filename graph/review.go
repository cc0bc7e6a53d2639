package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// WriteReview stores a fact-checker's review under its own label
// (schema.ReviewIRI), in one transaction: a review of the same item by the
// same author is replaced whole. It returns Added, Replaced or Unchanged, an
// error wrapping schema.ErrReview for an incomplete review, and the store's
// errors.
func (s *Store) WriteReview(ctx context.Context, r schema.Review) (Outcome, error) {
	if err := r.Check(); err != nil {
		return 0, err
	}
	var out Outcome
	w := s.NewWriter(ctx, WriterOptions{OnArticle: func(res ArticleResult) { out = res.Outcome }})
	if _, err := w.WriteQuads(r.Quads()); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	return out, nil
}

// DeleteReview removes the review iri and exactly its quads in one
// transaction. It returns an error wrapping ErrNotFound if there is none.
func (s *Store) DeleteReview(ctx context.Context, iri string) error {
	if _, err := s.Delete(ctx, iri); err != nil {
		return fmt.Errorf("graph: delete review: %w", err)
	}
	return nil
}

// Reviews returns every fact-checker's review in the store, sorted by the
// item reviewed, then author.
func (s *Store) Reviews(ctx context.Context) ([]schema.Review, error) {
	vals, err := s.In(ctx, quad.IRI(schema.ClassClaimReview), schema.Type)
	if err != nil {
		return nil, err
	}
	var out []schema.Review
	for _, v := range vals {
		iri, ok := v.(quad.IRI)
		if !ok {
			continue
		}
		qs, err := s.ArticleQuads(ctx, string(iri))
		if err != nil {
			return nil, fmt.Errorf("graph: read review: %w", err)
		}
		r, err := schema.DecodeReview(string(iri), qs)
		if err != nil {
			return nil, fmt.Errorf("graph: %w", err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Target != out[j].Target {
			return out[i].Target < out[j].Target
		}
		return out[i].Author < out[j].Author
	})
	return out, nil
}
