package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

func newEventsCommand() *cli.Command {
	return &cli.Command{
		Name:  "events",
		Usage: "list events linked across articles, with their claims",
		Description: "One line per linked event (see 'claimgraph link'): {\"event\", \"name\", \"kind\", \"place\",\n" +
			"\"start\", \"end\", \"aggregate\", \"independent_origins\", \"claims\": [claim IRIs], \"includes\": [event IRIs],\n" +
			"\"joined\": [why each article's report joined: the evidence that decided it]}.",
		Flags: []cli.Flag{
			formatFlag(),
			&cli.StringFlag{Name: "claim", Usage: "only the event of this claim: its IRI, ARTICLE#N (the tables) or ARTICLE:N (the page)"},
			&cli.StringFlag{Name: "source", Usage: "only events with a claim from this source: an id, name or alias as 'claimgraph sources' lists them"},
		},
		Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
			return runEvents(c.Context, s, c.App.Writer, format, queries.Filter{Claim: c.String("claim"), Source: c.String("source")})
		}),
	}
}

func runEvents(ctx context.Context, s *graph.Store, w io.Writer, format string, f queries.Filter) error {
	f, err := resolveFilter(ctx, s, f)
	if err != nil {
		return err
	}
	return streamList(w, format, []string{"NAME", "ORIGINS", "CLAIMS", "ARTICLES", "EVENT", "WHY JOINED"}, func(e rows.Event) []string {
		return []string{orDash(e.Name), fmt.Sprint(e.IndependentOrigins), fmt.Sprint(len(e.Claims)), orDash(strings.Join(eventArticles(e), " ")), e.Event, orDash(strings.Join(e.Joined, " | "))}
	}, func(fn func(rows.Event) error) error { return queries.EachEvent(ctx, s, f, fn) })
}

// eventArticles lists the ids of the articles of an event's claims.
func eventArticles(e rows.Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range e.Claims {
		if a := schema.ArticleIDFromIRI(c); a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}
