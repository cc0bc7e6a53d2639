package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
)

func newLinkCommand() *cli.Command {
	return &cli.Command{
		Name:  "link",
		Usage: "link claims across articles: events, corroborations, contradictions, circular reporting",
		Description: "Reads every article in the store and rewrites the linking output: the head\n" +
			"<https://claimgraph.org/id/linking> and its components, each rewritten only when it changed.\n" +
			"'load' and 'delete' relink by themselves, only the components the articles touch; run 'link'\n" +
			"after changing the linking rules, or to check. The output depends only on which articles are\n" +
			"loaded, never on order, and a relink of the touched components gives what 'link' gives.\n" +
			"--trace FILE writes every decision of the linker: each candidate pair of reports with the evidence\n" +
			"weighed ('pair'), the pairs that cannot be one incident ('apart'), the merges refused ('refused').",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "summary format: text or json"},
			&cli.StringFlag{Name: "trace", Usage: "write the linker's decisions to this file (- for standard error)"},
		},
		Action: func(c *cli.Context) error {
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			opt := queries.LinkOptions{}
			switch path := c.String("trace"); path {
			case "":
			case "-":
				opt.Trace = c.App.ErrWriter
			default:
				f, err := os.Create(path)
				if err != nil {
					return err
				}
				defer f.Close()
				bw := bufio.NewWriter(f)
				defer bw.Flush()
				opt.Trace = bw
			}
			spin := newSpinner(c.App.ErrWriter, "linking every article")
			defer spin.done()
			return runLink(c.Context, s, spin.until(c.App.Writer), c.String("format"), opt)
		},
	}
}

// runLink links the store and prints a summary in format (text or json).
func runLink(ctx context.Context, s *graph.Store, w io.Writer, format string, opt queries.LinkOptions) error {
	release, err := s.LockChanges(ctx) // one change at a time (PostgreSQL)
	if err != nil {
		return err
	}
	defer release()
	res, err := queries.Link(ctx, s, opt)
	if err != nil {
		return err
	}
	if format == "json" {
		return json.NewEncoder(w).Encode(res)
	}
	_, err = fmt.Fprintln(w, linkSummary(res))
	return err
}

// linkSummary is the line that says what a link (res.Full) or a relink
// found and wrote: `link` prints it, and `load` and `delete` after their
// own.
func linkSummary(res queries.LinkResult) string {
	if !res.Full && res.Articles == 0 && res.Rewritten == 0 && res.Removed == 0 {
		return "relinked nothing: no article changed"
	}
	verb := "relinked"
	if res.Full {
		verb = "linked"
	}
	anchored := ""
	if res.Anchored > 0 {
		anchored = fmt.Sprintf(", %d undated articles dated by reports of the same incidents", res.Anchored)
	}
	return fmt.Sprintf("%s %d claims of %d articles: %d events, %d corroborations, %d contradictions, %d updates, %d circular%s; %d components (largest %d articles), %d rewritten, %d removed (%d quads: %d added, %d deleted) in %.2fs",
		verb, res.Claims, res.Articles, res.Events, res.Corroborations, res.Contradictions, res.Updates, res.Circular, anchored,
		res.Components, res.Largest, res.Rewritten, res.Removed, res.Quads, res.Added, res.Deleted, res.Elapsed.Seconds())
}

// linkAfterLoad relinks what the articles a load added or replaced touch
// (called by runLoad; queries.Relink).
func linkAfterLoad(ctx context.Context, s *graph.Store, change *queries.Change, changed []string, sum *loadSummary) error {
	res, err := change.Relink(ctx, s, changed)
	if err != nil {
		return err
	}
	sum.Link = &res
	return nil
}
