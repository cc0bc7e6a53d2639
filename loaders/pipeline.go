package loaders

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/schema"
)

// Pipeline reads articles, extracts their claims and writes their quads, one
// article after another and in input order, into a quad.BatchWriter.
// Extraction runs on Workers goroutines; reading and writing stay sequential.
type Pipeline struct {
	Extractor *extract.Extractor
	Writer    quad.BatchWriter
	// Stdin is read for the path "-".
	Stdin io.Reader
	// MaxSize bounds one article in bytes (see Options.MaxSize); 0 means
	// DefaultMaxSize.
	MaxSize int64
	// Workers is the number of articles extracted at once; 0 means GOMAXPROCS.
	Workers int
	// OnArticle, if set, is called after each article's quads were handed to Writer.
	OnArticle func(doc *schema.Article, quads int)
	// OnError, if set, is called for every input that cannot be read and
	// every malformed article; loading goes on.
	OnError func(err error)
}

// Result counts what a Pipeline run did.
type Result struct {
	Articles int // articles read and written
	Quads    int // quads written
	Errors   int // malformed inputs reported
}

// job is one article on its way through the pipeline.
type job struct {
	in   *Document
	doc  *schema.Article
	err  error
	done chan struct{}
}

// Load reads every path (file, directory or "-") in turn. It returns the
// first error that stopped it (a write error, ctx done); inputs that cannot
// be read (a missing path, an unknown extension, a file that is not regular,
// an I/O error; see Read) and malformed articles are only counted and
// reported, and the other inputs are read.
func (p *Pipeline) Load(ctx context.Context, paths ...string) (Result, error) {
	var res Result
	var mu sync.Mutex // guards res.Errors and OnError between reader and writer
	report := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		res.Errors++
		if p.OnError != nil {
			p.OnError(err)
		}
	}
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	todo := make(chan *job)             // to the workers
	order := make(chan *job, 4*workers) // to the writer, in input order
	workersDone := p.startExtractors(ctx, workers, todo)
	var writeErr error
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		writeErr = p.writeInOrder(ctx, cancel, order, &res, report)
	}()
	emit := func(d *Document) error {
		j := &job{in: d, done: make(chan struct{})}
		select {
		case order <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case todo <- j:
		case <-ctx.Done():
			close(j.done)
			return ctx.Err()
		}
		return nil
	}
	readErr := p.readAll(ctx, paths, emit, report)
	close(todo)
	// Once ctx is done, workers still extracting a huge article are not
	// waited for: they stop at their next look at ctx (ExtractContext),
	// and what they give is dropped. The writer is always waited for, so
	// that no write to the store outlives Load.
	select {
	case <-workersDone:
	case <-ctx.Done():
	}
	close(order) // the reader, its only sender, is done
	<-writerDone
	if writeErr != nil {
		return res, writeErr
	}
	if readErr == nil {
		readErr = ctx.Err()
	}
	return res, readErr
}

// startExtractors starts workers goroutines that extract the articles of
// the jobs on todo until it is closed, and returns a channel closed once
// they all have returned.
func (p *Pipeline) startExtractors(ctx context.Context, workers int, todo <-chan *job) <-chan struct{} {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				j.doc, j.err = safeExtract(ctx, p.Extractor, j.in)
				close(j.done)
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// writeInOrder takes the jobs on order, in input order, waits for each to
// be extracted and writes its quads to p.Writer, counting them in res; an
// article that failed is reported. A write error cancels ctx, which stops
// the reader and the extractors; after it, or once ctx is done, only order
// is drained until it is closed. It returns the first write error.
func (p *Pipeline) writeInOrder(ctx context.Context, cancel context.CancelFunc, order <-chan *job, res *Result, report func(error)) error {
	var writeErr error
	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
		}
		if writeErr != nil || ctx.Err() != nil {
			continue // stopped: the rest is only drained
		}
		if j.err != nil {
			report(&ParseError{File: j.in.Origin, Err: j.err})
			continue
		}
		qs := schema.Quads(j.doc)
		if _, err := p.Writer.WriteQuads(qs); err != nil {
			writeErr = err
			cancel()
			continue
		}
		res.Articles++
		res.Quads += len(qs)
		if p.OnArticle != nil {
			p.OnArticle(j.doc, len(qs))
		}
	}
	return writeErr
}

// readAll reads every path in turn, handing each article to emit, and
// returns the first error that stopped it; one that holds no *ParseError is
// wrapped in one that names the path.
func (p *Pipeline) readAll(ctx context.Context, paths []string, emit func(*Document) error, report func(error)) error {
	for _, path := range paths {
		if err := Read(ctx, path, Options{Stdin: p.Stdin, MaxSize: p.MaxSize}, emit, report); err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				err = &ParseError{File: path, Err: err}
			}
			return err
		}
	}
	return nil
}

// safeExtract runs the extractor and turns a panic on one article into an
// error for that article, so that one bad article never stops a load.
func safeExtract(ctx context.Context, x *extract.Extractor, d *Document) (doc *schema.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("article %q: extraction failed: %v", d.ID, r)
		}
	}()
	return x.ExtractContext(ctx, d)
}
