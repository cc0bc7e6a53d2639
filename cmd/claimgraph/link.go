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
		Description: "Reads every article in the store and rewrites the linking output (the quads labelled\n" +
			"<https://claimgraph.org/id/linking>) atomically. 'load' runs it after every load; run it\n" +
			"yourself after 'delete'. The output depends only on which articles are loaded, never on order.\n" +
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
			return runLink(c.Context, s, c.App.Writer, c.String("format"), opt)
		},
	}
}

// runLink links the store and prints a summary in format (text or json).
func runLink(ctx context.Context, s *graph.Store, w io.Writer, format string, opt queries.LinkOptions) error {
	res, err := queries.Link(ctx, s, opt)
	if err != nil {
		return err
	}
	if format == "json" {
		return json.NewEncoder(w).Encode(res)
	}
	anchored := ""
	if res.Anchored > 0 {
		anchored = fmt.Sprintf(", %d undated articles dated by reports of the same incidents", res.Anchored)
	}
	_, err = fmt.Fprintf(w, "linked %d claims of %d articles: %d events, %d corroborations, %d contradictions, %d updates, %d circular%s (%d quads, %s) in %.2fs\n",
		res.Claims, res.Articles, res.Events, res.Corroborations, res.Contradictions, res.Updates, res.Circular, anchored, res.Quads, res.Outcome, res.Elapsed.Seconds())
	return err
}

// linkAfterLoad relinks the store after a load (called by runLoad): a full
// relink, which rewrites nothing when the linking output is unchanged.
func linkAfterLoad(ctx context.Context, s *graph.Store, sum *loadSummary) error {
	res, err := queries.Link(ctx, s, queries.LinkOptions{})
	if err != nil {
		return err
	}
	sum.Link = &res
	return nil
}
