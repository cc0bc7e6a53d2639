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
	"github.com/claimgraph/claimgraph/loaders"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
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
			s, err := createStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := runLoad(c.Context, s, loadOptions{Paths: paths, Stdout: c.App.Writer, Stderr: c.App.ErrWriter, Stdin: os.Stdin}); err != nil {
				return err
			}
			// the report covers what this demo loaded, not the whole store
			loaded := map[string]bool{}
			for _, p := range paths {
				if err := loaders.Read(c.Context, p, loaders.Options{}, func(d *loaders.Document) error {
					loaded[schema.ArticleIRI(d.ID)] = true
					return nil
				}, func(error) {}); err != nil {
					return err
				}
			}
			return runDemoReport(c.Context, s, c.App.Writer, loaded)
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

// runDemoReport prints, for every linked event with a casualty figure that
// a loaded article reports (loaded: article IRIs), who
// claimed which figure (origin, relays, article), then the contradictions the
// linker found between them, spelled out.
func runDemoReport(ctx context.Context, s *graph.Store, w io.Writer, loaded map[string]bool) error {
	all, err := queries.Events(ctx, s, queries.Filter{})
	if err != nil {
		return err
	}
	// the events with a report of the loaded articles, and the articles of
	// all their reports
	var events []rows.Event
	need := map[string]bool{}
	for _, e := range all {
		touched := false
		for _, id := range e.Claims {
			touched = touched || loaded[schema.ArticleIRI(schema.ArticleIDFromIRI(id))]
		}
		if !touched {
			continue
		}
		events = append(events, e)
		for _, id := range e.Claims {
			need[schema.ArticleIRI(schema.ArticleIDFromIRI(id))] = true
		}
	}
	claims := map[string]rows.Claim{}
	err = eachArticleOf(ctx, s, sortedKeys(need), func(doc *schema.Article) error {
		for i := range doc.Claims {
			r := rows.NewClaim(doc, i)
			claims[r.ID] = r
		}
		return nil
	})
	if err != nil {
		return err
	}
	contras, err := queries.Contradictions(ctx, s, queries.Filter{})
	if err != nil {
		return err
	}
	byEvent := map[string][]rows.Contradiction{}
	for _, c := range contras {
		byEvent[c.Event] = append(byEvent[c.Event], c)
	}
	sort.SliceStable(events, func(i, j int) bool { return len(byEvent[events[i].Event]) > len(byEvent[events[j].Event]) })
	for _, e := range events {
		var shown []rows.Claim
		for _, id := range e.Claims {
			if r, ok := claims[id]; ok && r.Min != nil || ok && r.Max != nil {
				shown = append(shown, r)
			}
		}
		if len(shown) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d independent origins)\n", e.Name, e.IndependentOrigins)
		for _, r := range shown {
			via := ""
			if len(r.Via) > 0 {
				via = " via " + strings.Join(r.Via, " < ")
			}
			fmt.Fprintf(w, "  %-9s %-20s %s%s  [%s]\n", r.Metric, r.FigureText, orName(r.ClaimantName), via, r.Article)
		}
		for _, c := range byEvent[e.Event] {
			a, b := claims[c.A], claims[c.B]
			if _, dates, ok := strings.Cut(c.Why, "dated "); ok && c.Kind == schema.ContradictionDate {
				// the dates are the linker's: an undated article's are anchored there
				fmt.Fprintf(w, "  ! date contradiction: %s and %s give %s, but dated %s\n", orName(a.ClaimantName),
					orName(b.ClaimantName), a.FigureText, dates)
				continue
			}
			fmt.Fprintf(w, "  ! %s contradiction: %s says %s, %s says %s\n", c.Kind, orName(a.ClaimantName), a.FigureText,
				orName(b.ClaimantName), b.FigureText)
		}
	}
	return nil
}

func orName(s string) string {
	if s == "" {
		return "the outlet itself"
	}
	return s
}

// sortedKeys returns the keys of a set, sorted.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
