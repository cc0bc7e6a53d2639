package main

import (
	"context"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
)

func newSourcesCommand() *cli.Command {
	return &cli.Command{
		Name:  "sources",
		Usage: "list the sources and outlets in the store: the ids --source takes, with names and aliases",
		Description: "One line per source or outlet the loaded articles name: {\"id\", \"name\", \"kind\", \"speaks_for\"\n" +
			"(a person's organisation), \"aliases\" (the built-in names it is recognised by and the spellings\n" +
			"the articles used), \"outlet\" (it published articles in the store)}. --source takes the id, the\n" +
			"name or any alias.",
		Flags: []cli.Flag{formatFlag()},
		Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
			return runSources(c.Context, s, c.App.Writer, format)
		}),
	}
}

func runSources(ctx context.Context, s *graph.Store, w io.Writer, format string) error {
	srcs, err := storeSources(ctx, s)
	if err != nil {
		return err
	}
	return writeList(w, format, srcs, []string{"ID", "KIND", "NAME", "SPEAKS FOR", "ALIASES"}, func(r sourceRecord) []string {
		return []string{r.ID, orDash(r.Kind), orDash(r.Name), orDash(r.SpeaksFor), orDash(strings.Join(r.Aliases, ", "))}
	})
}
