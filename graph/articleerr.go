package graph

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// ErrInvalidText means a quad holds text that is not valid UTF-8, which no
// store is given: PostgreSQL refuses it, and N-Quads exports would carry it.
var ErrInvalidText = errors.New("text is not valid UTF-8")

// ArticleError is an article a Writer could not write, whatever the reason
// (a quad it refuses, a write the store refused). The article failed alone:
// the Writer went on with the others, and its Flush or Close returns the
// ArticleErrors met since the last one, joined (errors.Join; find them with
// errors.As).
type ArticleError struct {
	IRI    string // the article's IRI
	Origin string // its schema.Origin (file, or file:line), "" if it has none
	Err    error  // the reason
}

// Error returns "origin: article IRI not written: reason", the origin quoted
// when it is not plain printable text, as loaders quote file names.
func (e *ArticleError) Error() string {
	if e.Origin == "" {
		return fmt.Sprintf("article %s not written: %v", e.IRI, e.Err)
	}
	origin := e.Origin
	if q := strconv.Quote(origin); q[1:len(q)-1] != origin {
		origin = q
	}
	return fmt.Sprintf("%s: article %s not written: %v", origin, e.IRI, e.Err)
}

func (e *ArticleError) Unwrap() error { return e.Err }

// checkArticle returns why the quads of article iri cannot be written, or
// nil. It checks what every backend must refuse before any is asked.
func checkArticle(iri quad.IRI, quads []quad.Quad) error {
	for _, q := range quads {
		if !q.IsValid() {
			return fmt.Errorf("invalid quad %s", q.NQuad())
		}
		if isIndex(q) {
			return fmt.Errorf("quad %s: predicate <%s> is reserved for the article index", q.NQuad(), q.Predicate)
		}
		if isLinkKeyQuad(q) && !allIRIs(q) {
			return fmt.Errorf("quad %s: predicate <%s> is the linker's index: its subject, object and label must be IRIs", q.NQuad(), q.Predicate)
		}
		for _, dir := range quad.Directions {
			if v := q.Get(dir); v != nil && !validText(v) {
				return fmt.Errorf("%w: the %s of a quad with predicate %s", ErrInvalidText, dir, quad.StringOf(q.Predicate))
			}
		}
	}
	return nil
}

// validText reports whether the text parts of v are valid UTF-8.
func validText(v quad.Value) bool {
	switch v := v.(type) {
	case quad.String:
		return utf8.ValidString(string(v))
	case quad.IRI:
		return utf8.ValidString(string(v))
	case quad.BNode:
		return utf8.ValidString(string(v))
	case quad.TypedString:
		return utf8.ValidString(string(v.Value)) && utf8.ValidString(string(v.Type))
	case quad.LangString:
		return utf8.ValidString(string(v.Value)) && utf8.ValidString(v.Lang)
	}
	return true
}

// originOf returns the schema.Origin the quads give article iri, or "".
func originOf(iri quad.IRI, quads []quad.Quad) string {
	for _, q := range quads {
		if q.Subject == quad.Value(iri) && q.Predicate == quad.Value(quad.IRI(schema.Origin)) {
			if s, ok := q.Object.(quad.String); ok {
				return string(s)
			}
		}
	}
	return ""
}

// retryAlone writes the articles of b, whose transaction failed with err,
// one transaction each, so that one article's failure costs no other. It
// returns the written ones and an ArticleError for each of the others. When
// no article of two or more could be written, the store is the problem, not
// an article: it returns err, wrapped.
func (w *Writer) retryAlone(b batch, err error) applied {
	var out applied
	start := 0
	for i, r := range b.results {
		part := b.deltas[start:b.spans[i]]
		start = b.spans[i]
		if cerr := w.ctx.Err(); cerr != nil {
			return applied{err: cerr}
		}
		if len(part) > 0 {
			if aerr := w.s.applyDeltas(w.ctx, part); aerr != nil {
				out.failed = append(out.failed, &ArticleError{IRI: r.IRI, Origin: b.origins[i], Err: aerr})
				continue
			}
		}
		out.written = append(out.written, r)
	}
	if len(b.results) > 1 && len(out.failed) == len(b.results) {
		return applied{err: fmt.Errorf("graph: writing %d articles to %s, each alone after the batch failed: %w", len(b.results), w.s.dsn, err)}
	}
	return out
}
