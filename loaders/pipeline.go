package loaders

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/schema"
)

// Pipeline reads articles, extracts their claims and writes their quads, one
// article after another, into a quad.BatchWriter.
type Pipeline struct {
	Extractor *extract.Extractor
	Writer    quad.BatchWriter
	// Stdin is read for the path "-".
	Stdin io.Reader
	// OnArticle, if set, is called after each article's quads were handed to Writer.
	OnArticle func(doc *schema.Article, quads int)
	// OnError, if set, is called for every malformed input; loading goes on.
	OnError func(err error)
}

// Result counts what a Pipeline run did.
type Result struct {
	Articles int // articles read and written
	Quads    int // quads written
	Errors   int // malformed inputs reported
}

// Load reads every path (file, directory or "-") in turn. It returns the
// first error that stopped it (a missing path, a write error, ctx done);
// malformed inputs are only counted and reported.
func (p *Pipeline) Load(ctx context.Context, paths ...string) (Result, error) {
	var res Result
	report := func(err error) {
		res.Errors++
		if p.OnError != nil {
			p.OnError(err)
		}
	}
	emit := func(d *Document) error {
		doc, err := safeExtract(p.Extractor, d)
		if err != nil {
			report(&ParseError{File: d.Origin, Err: err})
			return nil
		}
		qs := schema.Quads(doc)
		if _, err := p.Writer.WriteQuads(qs); err != nil {
			return err
		}
		res.Articles++
		res.Quads += len(qs)
		if p.OnArticle != nil {
			p.OnArticle(doc, len(qs))
		}
		return nil
	}
	for _, path := range paths {
		if err := Read(ctx, path, p.Stdin, emit, report); err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				return res, err
			}
			return res, &ParseError{File: path, Err: err}
		}
	}
	return res, nil
}

// safeExtract runs the extractor and turns a panic on one article into an
// error for that article, so that one bad article never stops a load.
func safeExtract(x *extract.Extractor, d *Document) (doc *schema.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("article %q: extraction failed: %v", d.ID, r)
		}
	}()
	return x.Extract(d)
}
