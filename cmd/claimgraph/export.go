package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/export"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
)

// exportOptions are the export command's flags.
type exportOptions struct {
	Format string
	Output string // file path; "" for stdout
	Filter export.Filter
	Per    string // csv: "claim" (default) or "event"
	// Review configures claimreview: --publisher, --publisher-url, --review-url.
	Review export.ClaimReviewOptions
}

func newExportCommand() *cli.Command {
	names := make([]string, len(export.Formats))
	for i, f := range export.Formats {
		names[i] = string(f)
	}
	return &cli.Command{
		Name:  "export",
		Usage: "write the store, or one event, article or source, for graph visualizers, fact-checking tools and spreadsheets",
		Description: "Entity graphs (articles, outlets, sources, claims, events, places; edges carry the article they came from):\n" +
			"  graphml   Gephi, yEd, Cytoscape       gexf  Gephi (GEXF 1.3, time spells)\n" +
			"  cyjs      Cytoscape / Cytoscape.js    dot   Graphviz (dot -Tsvg)\n" +
			"Raw quads with their article label: nquads, jsonld (one named graph per article).\n" +
			"claimreview: a schema.org DataFeed of ClaimReview, one per claim: a fact-checker's review recorded\n" +
			"  with 'claimgraph review', or else what the graph found, rated \"Not fact-checked\" (see README).\n" +
			"  Give --publisher and --review-url so that each has the author and url Google requires.\n" +
			"csv: a table for pandas, Excel, QGIS: one row per claim, or per linked event with --per event\n" +
			"  (columns: README 'Exports', go doc github.com/claimgraph/claimgraph/graph/export).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: string(export.NQuads), Usage: "output format: " + strings.Join(names, ", ")},
			&cli.StringFlag{Name: "event", Usage: "only this event: its IRI (cgid:event/… or the full IRI), its claims and their sources, articles and places"},
			&cli.StringFlag{Name: "article", Usage: "only this article id and its claims"},
			&cli.StringFlag{Name: "source", Usage: "only the claims of this source id: made by it, by people speaking for it, or relayed by it"},
			&cli.StringFlag{Name: "o", Usage: "write to this file instead of stdout (replaced only when the export succeeds)"},
			&cli.StringFlag{Name: "per", Value: "claim", Usage: "csv rows: claim (one per claim) or event (one per linked event)"},
			&cli.StringFlag{Name: "publisher", EnvVars: []string{"CLAIMGRAPH_PUBLISHER"}, Usage: "claimreview: the organisation publishing the feed, each ClaimReview's author (default claimgraph)"},
			&cli.StringFlag{Name: "publisher-url", EnvVars: []string{"CLAIMGRAPH_PUBLISHER_URL"}, Usage: "claimreview: the publisher's site"},
			&cli.StringFlag{Name: "review-url", EnvVars: []string{"CLAIMGRAPH_REVIEW_URL"}, Usage: "claimreview: the url of the page showing a claim's finding, a template with {claim} (ARTICLE#N), {article}, {n}, {event}, e.g. https://example.org/claims/{claim}; a fact-checker's own review keeps its --url"},
		},
		Action: func(c *cli.Context) error {
			opts := exportOptions{
				Format: c.String("format"),
				Output: c.String("o"),
				Filter: export.Filter{Event: c.String("event"), Article: articleID(c.String("article")), Source: c.String("source")},
				Per:    c.String("per"),
				Review: export.ClaimReviewOptions{
					Publisher:    c.String("publisher"),
					PublisherURL: c.String("publisher-url"),
					ReviewURL:    c.String("review-url"),
				},
			}
			if _, err := export.ParseFormat(opts.Format); err != nil {
				return fmt.Errorf("export: --format: %w", err)
			}
			if err := opts.checkPer(); err != nil {
				return err
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			if opts.Output == "" {
				return runExport(c.Context, s, c.App.Writer, opts)
			}
			// a spinner only while writing a file: on standard output it
			// would cut into the export on the same terminal
			spin := newSpinner(c.App.ErrWriter, "exporting to "+opts.Output)
			defer spin.done()
			return runExport(c.Context, s, c.App.Writer, opts)
		},
	}
}

// runExport writes the export to opts.Output, or to stdout when it is "".
// A file is written beside its destination and renamed into place, so a
// failed export leaves no half-written file.
func runExport(ctx context.Context, s *graph.Store, stdout io.Writer, opts exportOptions) error {
	format, err := export.ParseFormat(opts.Format)
	if err != nil {
		return fmt.Errorf("export: --format: %w", err)
	}
	if err := opts.checkPer(); err != nil {
		return err
	}
	if opts.Filter.Event, err = resolveEvent(ctx, s, opts.Filter.Event); err != nil {
		return err
	}
	if opts.Filter.Source, err = resolveSource(ctx, s, opts.Filter.Source); err != nil {
		return err
	}
	write := func(w io.Writer) error { return export.Write(ctx, s, w, format, opts.Filter) }
	if format == export.CSV {
		csvOpt := export.CSVOptions{PerEvent: opts.Per == "event", Admin2: admin2}
		write = func(w io.Writer) error { return export.WriteCSV(ctx, s, w, opts.Filter, csvOpt) }
	}
	if format == export.ClaimReview {
		write = func(w io.Writer) error { return export.WriteClaimReview(ctx, s, w, opts.Filter, opts.Review) }
	}
	if opts.Output == "" {
		return hint(write(stdout))
	}
	f, err := os.CreateTemp(filepath.Dir(opts.Output), ".claimgraph-export-*")
	if err != nil {
		return fmt.Errorf("export: -o %s: %w", opts.Output, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	if err := write(f); err != nil {
		f.Close()
		return hint(err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: -o %s: %w", opts.Output, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("export: -o %s: %w", opts.Output, err)
	}
	if err := os.Rename(f.Name(), opts.Output); err != nil {
		return fmt.Errorf("export: -o %s: %w", opts.Output, err)
	}
	return nil
}

// checkPer checks --per: claim or event, and only for csv.
func (o exportOptions) checkPer() error {
	switch o.Per {
	case "", "claim":
		return nil
	case "event":
		if o.Format != string(export.CSV) {
			return fmt.Errorf("export: --per event is for --format csv, not %s", o.Format)
		}
		return nil
	}
	return fmt.Errorf("export: --per %q: want claim or event", o.Per)
}

// admin2 is the district of a gazetteer entry in the embedded gazetteer,
// for the csv export's admin2 column ("" when it has none).
func admin2(gazetteerID string) string {
	e, _ := gazetteer.Default().ByID(gazetteerID)
	return e.Admin2
}

// hint adds what to try to a filter that matched nothing.
func hint(err error) error {
	if errors.Is(err, graph.ErrNotFound) {
		return fmt.Errorf("%w (list ids with: claimgraph articles, claimgraph claims)", err)
	}
	return err
}
