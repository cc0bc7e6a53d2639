package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

//go:embed demo/*.txt
var demoFS embed.FS

func newDemoCommand() *cli.Command {
	return &cli.Command{
		Name:      "demo",
		Usage:     "load sample articles (or yours) and show what each source claimed and where figures disagree",
		ArgsUsage: "[PATH...] (default: the team's own sample articles, built in)",
		Action: func(c *cli.Context) error {
			paths := c.Args().Slice()
			if len(paths) == 0 {
				dir, err := os.MkdirTemp("", "claimgraph-demo")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				if err := writeDemo(dir); err != nil {
					return err
				}
				paths = []string{dir}
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := runLoad(c.Context, s, loadOptions{Paths: paths, Stdout: c.App.Writer, Stderr: c.App.ErrWriter, Stdin: os.Stdin}); err != nil {
				return err
			}
			return runDemoReport(c.Context, s, c.App.Writer)
		},
	}
}

func writeDemo(dir string) error {
	return fs.WalkDir(demoFS, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := demoFS.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
}

// runDemoReport prints, per event and metric, who claimed which figure, and
// flags figures of different origins whose intervals do not overlap.
func runDemoReport(ctx context.Context, s *graph.Store, w io.Writer) error {
	type row struct {
		rec    claimRecord
		origin string
	}
	groups := map[string][]row{}
	var keys []string
	err := eachArticle(ctx, s, func(doc *schema.Article) error {
		for i := range doc.Claims {
			c := &doc.Claims[i]
			if c.Figure.Min == nil && c.Figure.Max == nil {
				continue
			}
			r := newClaimRecord(doc, i)
			origin := "(the outlet itself)"
			if c.Claimant != nil {
				origin = c.Claimant.Name
				if c.Claimant.SpeaksFor != "" {
					origin = c.Claimant.SpeaksFor
				}
			}
			k := r.Event + " " + r.Metric
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], row{r, origin})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(keys)
	for _, k := range keys {
		rows := groups[k]
		first := rows[0].rec
		fmt.Fprintf(w, "\n%s %s at %s (%s..%s)\n", strings.ToUpper(first.Metric[:1])+first.Metric[1:],
			"", orDash(first.LocationName), orDash(deref(first.Start)), orDash(deref(first.End)))
		for _, r := range rows {
			fmt.Fprintf(w, "  %-32s %-18s %s\n", orDash(r.rec.ClaimantName), r.rec.FigureText, r.rec.Article)
		}
		for i := 0; i < len(rows); i++ {
			for j := i + 1; j < len(rows); j++ {
				a, b := rows[i], rows[j]
				if a.origin != b.origin && disjoint(a.rec, b.rec) {
					fmt.Fprintf(w, "  ! disagree: %s says %s, %s says %s\n", orDash(a.rec.ClaimantName), a.rec.FigureText,
						orDash(b.rec.ClaimantName), b.rec.FigureText)
				}
			}
		}
	}
	return nil
}

// disjoint reports whether two figures' intervals cannot both hold.
func disjoint(a, b claimRecord) bool {
	return (a.Max != nil && b.Min != nil && *a.Max < *b.Min) || (b.Max != nil && a.Min != nil && *b.Max < *a.Min)
}
