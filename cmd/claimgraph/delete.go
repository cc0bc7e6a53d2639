package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

func newDeleteCommand() *cli.Command {
	return &cli.Command{
		Name:      "delete",
		Usage:     "remove articles and exactly the quads that came from them",
		ArgsUsage: "ARTICLE-ID... (as listed by 'claimgraph articles')",
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("delete: name the articles to delete (ids as 'claimgraph articles' lists them)")
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			change, err := queries.BeginChange(c.Context, s, queries.LinkOptions{})
			if err != nil {
				return err
			}
			failed := 0
			var deleted []string
			for _, id := range c.Args().Slice() {
				n, err := s.Delete(c.Context, schema.ArticleIRI(id))
				if errors.Is(err, graph.ErrNotFound) {
					fmt.Fprintf(c.App.ErrWriter, "%s: no such article (see 'claimgraph articles')\n", id)
					failed++
					continue
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "deleted %s (%d quads)\n", id, n)
				deleted = append(deleted, schema.ArticleIRI(id))
			}
			// the deleted claims leave their events and relations
			if _, err := change.Relink(c.Context, s, deleted); err != nil {
				return fmt.Errorf("relink after delete: %w", err)
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d articles not found", failed, c.NArg())
			}
			return nil
		},
	}
}
