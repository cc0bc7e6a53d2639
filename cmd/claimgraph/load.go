package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/loaders"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

type loadOptions struct {
	Paths     []string
	Lexicon   string
	Gazetteer string
	Format    string // text or json
	MaxSize   int64  // bytes of one article (loaders.Options.MaxSize); 0 means loaders.DefaultMaxSize
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
}

func newLoadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "extract claims from articles and write them to the store",
		ArgsUsage: "PATH... (.txt, .json, .jsonl/.ndjson files, directories, or - for stdin)",
		Description: "Each article is written atomically. An article already loaded with the same content\n" +
			"is skipped; a changed one replaces its old quads. Malformed articles or lines, and inputs\n" +
			"that cannot be read (missing, unknown extension, not a regular file, unreadable, over\n" +
			"--max-size, binary) are reported as file:line: reason; the rest is loaded and linked,\n" +
			"and the exit status is 1. Text that is not UTF-8 is read as Windows-1252 (Latin-1) when\n" +
			"it clearly is. Each article records its input relative to the path given (cg:origin).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lexicon", EnvVars: []string{"CLAIMGRAPH_LEXICON"}, Usage: "directory of data files extending the built-in sources, outlets and cues (see loaders/extract/data)"},
			&cli.StringFlag{Name: "gazetteer", EnvVars: []string{"CLAIMGRAPH_GAZETTEER"}, Usage: "TSV file of places extending the built-in gazetteer (check it with 'claimgraph gazetteer check')"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "summary format: text or json"},
			&cli.StringFlag{Name: "max-size", Value: "16MB", EnvVars: []string{"CLAIMGRAPH_MAX_SIZE"}, Usage: "largest article read: a .txt or .json file, a JSON Lines line; bytes, or with KB, MB or GB (powers of 1024)"},
			&cli.IntFlag{Name: "batch", Value: graph.DefaultBatchSize, EnvVars: []string{"CLAIMGRAPH_BATCH"}, Usage: "quads written per transaction at most, in whole articles (a linking component larger than that in parts): more loads a large archive faster and holds more memory (docs/scale.md)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("load: no input: give files, directories or - (try 'claimgraph load ../shared/seeds')")
			}
			maxSize, err := parseSize(c.String("max-size"))
			if err != nil {
				return fmt.Errorf("--max-size: %w", err)
			}
			if c.Int("batch") < 1 {
				return fmt.Errorf("--batch %d: want a number of quads, 1 or more (default %d)", c.Int("batch"), graph.DefaultBatchSize)
			}
			s, err := createStore(c.Context, c, graph.WriteBatch(c.Int("batch")))
			if err != nil {
				return err
			}
			defer s.Close()
			return runLoad(c.Context, s, loadOptions{
				Paths: c.Args().Slice(), Lexicon: c.String("lexicon"), Gazetteer: c.String("gazetteer"),
				Format: c.String("format"), MaxSize: maxSize, Stdin: os.Stdin, Stdout: c.App.Writer, Stderr: c.App.ErrWriter,
			})
		},
	}
}

// loadSummary is what load reports.
type loadSummary struct {
	Articles  int   `json:"articles"`
	Added     int   `json:"added"`
	Replaced  int   `json:"replaced"`
	Unchanged int   `json:"unchanged"`
	Claims    int   `json:"claims"`
	Quads     int   `json:"quads"`
	Errors    int   `json:"errors"`
	Millis    int64 `json:"ms"`
	// Writes is what the articles' transactions wrote (on bolt, the bytes
	// of pages --tx-bytes bounds); the link's are its own.
	Writes graph.TxStats `json:"writes"`
	// Link is what linking after the load found (see link.go).
	Link *queries.LinkResult `json:"link,omitempty"`
}

// reopenAfter is how many transactions a load's articles take before the
// store is reopened ahead of the link (graph.Store.Reopen): opening the
// 100k store takes 0.05-0.1 s, and what one transaction leaves in bbolt's
// free list is little.
const reopenAfter = 2

func runLoad(ctx context.Context, s *graph.Store, opt loadOptions) error {
	x, err := newExtractor(opt.Lexicon, opt.Gazetteer)
	if err != nil {
		return err
	}
	start := time.Now()
	var sum loadSummary
	// one change at a time (PostgreSQL): another loader's articles are
	// either all in before this one's relink, or linked by its own after
	release, err := s.LockChanges(ctx)
	if err != nil {
		return err
	}
	defer release()
	change, err := queries.BeginChange(ctx, s, queries.LinkOptions{})
	if err != nil {
		return err
	}
	var changed []string // articles added or replaced: what linking must look at again
	// the total is counted only for a terminal: piped, nothing is shown
	total := -1
	if isTerminal(opt.Stderr) {
		if n, err := loaders.Count(ctx, opt.Paths, loaders.Options{MaxSize: opt.MaxSize}); err == nil {
			total = n
		}
	}
	prog := newProgress(opt.Stderr, "loading", "articles", total)
	w := s.NewWriter(ctx, graph.WriterOptions{OnArticle: func(r graph.ArticleResult) {
		switch r.Outcome {
		case graph.Added:
			sum.Added++
			changed = append(changed, r.IRI)
		case graph.Replaced:
			sum.Replaced++
			changed = append(changed, r.IRI)
		case graph.Unchanged:
			sum.Unchanged++
		}
	}})
	p := &loaders.Pipeline{
		Extractor: x,
		Writer:    w,
		Stdin:     opt.Stdin,
		MaxSize:   opt.MaxSize,
		OnArticle: func(doc *schema.Article, quads int) {
			sum.Claims += len(doc.Claims)
			prog.tick()
		},
		OnError: func(err error) {
			prog.clear()
			if errors.Is(err, loaders.ErrTooLarge) {
				fmt.Fprintf(opt.Stderr, "%v (--max-size raises it)\n", err)
				return
			}
			fmt.Fprintln(opt.Stderr, err)
		},
	}
	res, err := p.Load(ctx, opt.Paths...)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	prog.done()
	sum.Articles, sum.Quads, sum.Errors = res.Articles, res.Quads, res.Errors
	sum.Writes = w.TxStats()
	if ctx.Err() == nil && sum.Writes.Transactions >= reopenAfter {
		// what bbolt holds of the articles' transactions given back
		// before the link (graph.Store.Reopen); a store that fails to
		// open again is not linked: its pending change is, by the next
		// command
		if rerr := s.Reopen(); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if ctx.Err() == nil {
		// link what was committed even when an input stopped the load:
		// those articles are in the store, and must not stay unlinked
		spin := newSpinner(opt.Stderr, fmt.Sprintf("linking what %d articles touch", len(changed)))
		lerr := linkAfterLoad(ctx, s, change, changed, &sum)
		spin.done()
		if err == nil {
			err = lerr
		}
	}
	sum.Millis = time.Since(start).Milliseconds()
	if err != nil {
		return err
	}
	if opt.Format == "json" {
		json.NewEncoder(opt.Stdout).Encode(sum)
	} else {
		fmt.Fprintf(opt.Stdout, "loaded %d articles (%d added, %d replaced, %d unchanged), %d claims, %d quads in %.1fs\n",
			sum.Articles, sum.Added, sum.Replaced, sum.Unchanged, sum.Claims, sum.Quads, float64(sum.Millis)/1000)
		if sum.Link != nil {
			fmt.Fprintln(opt.Stdout, linkSummary(*sum.Link))
		}
	}
	if sum.Errors > 0 {
		return fmt.Errorf("%d inputs could not be read (reported above); the rest was loaded", sum.Errors)
	}
	return nil
}
