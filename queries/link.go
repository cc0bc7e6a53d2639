package queries

import (
	"context"
	"fmt"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

// LinkerVersion is the version of the linking rules (linking.Version).
const LinkerVersion = linking.Version

// LinkOptions configure Link (see linking.Options).
type LinkOptions = linking.Options

// LinkResult reports what Link found and wrote (see linking.Result).
type LinkResult = linking.Result

// Link reads every article of the store, links their claims (cross-article
// events, corroborations, contradictions, circular reporting) and writes the
// result as the quads labelled schema.LinkingIRI, replacing the previous
// linking output atomically (or leaving it alone when it is unchanged). The
// output depends only on the set of articles in the store, never on the order
// they were loaded in.
//
// Errors: the store's read and write errors, wrapped with "queries: link:";
// ctx's error when ctx ends first.
func Link(ctx context.Context, s *graph.Store, opt LinkOptions) (LinkResult, error) {
	start := time.Now()
	docs, err := ReadArticles(ctx, s)
	if err != nil {
		return LinkResult{}, fmt.Errorf("queries: link: %w", err)
	}
	qs, res := linking.Quads(docs, opt)
	var outcome graph.Outcome
	w := s.NewWriter(ctx, graph.WriterOptions{OnArticle: func(r graph.ArticleResult) { outcome = r.Outcome }})
	if _, err := w.WriteQuads(qs); err != nil {
		w.Close()
		return res, fmt.Errorf("queries: link: %w", err)
	}
	if err := w.Close(); err != nil {
		return res, fmt.Errorf("queries: link: %w", err)
	}
	res.Outcome = outcome.String()
	res.Elapsed = time.Since(start)
	return res, nil
}

// ReadArticles decodes every article in the store in one pass over its
// quads (faster than reading article by article), sorted by IRI. The linking
// output and the subject index are skipped.
func ReadArticles(ctx context.Context, s *graph.Store) ([]*schema.Article, error) {
	qs := s.QuadStore()
	skipPred := qs.ValueOf(quad.IRI(schema.Subject))
	skipLabel := qs.ValueOf(quad.IRI(schema.LinkingIRI))
	byLabel := make(map[string][]quad.Quad)
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		if skipPred != nil && sameKey(qs.QuadDirection(r, quad.Predicate), skipPred) {
			continue
		}
		if skipLabel != nil && sameKey(qs.QuadDirection(r, quad.Label), skipLabel) {
			continue
		}
		q := qs.Quad(r)
		l, ok := q.Label.(quad.IRI)
		if !ok || schema.ArticleIDFromIRI(string(l)) == "" {
			continue
		}
		byLabel[string(l)] = append(byLabel[string(l)], q)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	iris := make([]string, 0, len(byLabel))
	for l := range byLabel {
		iris = append(iris, l)
	}
	sort.Strings(iris)
	docs := make([]*schema.Article, 0, len(iris))
	for _, iri := range iris {
		doc, err := schema.Decode(iri, byLabel[iri])
		if err != nil {
			// quads labelled with an article IRI that has no article node:
			// nothing to link
			continue
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

func sameKey(a, b cgraph.Ref) bool { return a != nil && b != nil && a.Key() == b.Key() }

// LinkQuads computes the linking output of docs (in any order): the quads
// labelled schema.LinkingIRI, sorted, the content hash included, and counts.
// It is linking.Quads.
func LinkQuads(docs []*schema.Article, opt LinkOptions) ([]quad.Quad, LinkResult) {
	return linking.Quads(docs, opt)
}
