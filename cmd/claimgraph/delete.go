package main

import (
	"encoding/json"
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
		ArgsUsage: "ARTICLE-ID... (as listed by 'claimgraph articles'; an article's IRI, cgid:article/ID, or a claim's ARTICLE#N also name it)",
		Description: "Deletes each article in one transaction, then relinks only the components the deleted\n" +
			"articles were in or touch. An id not in the store is reported, the others are deleted, and the\n" +
			"exit status is 1. --format json prints one object: deleted (id, quads), not_found, link.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "summary format: text or json"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("delete: name the articles to delete (ids as 'claimgraph articles' lists them)")
			}
			format := c.String("format")
			if format != "text" && format != "json" {
				return fmt.Errorf("delete: --format %q: want text or json", format)
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			// the deletions and the pending mark in one transaction
			args := c.Args().Slice()
			iris := make([]string, len(args))
			for i, arg := range args {
				iris[i] = schema.ArticleIRI(articleID(arg))
			}
			release, err := s.LockChanges(c.Context) // one change at a time (PostgreSQL)
			if err != nil {
				return err
			}
			defer release()
			change, results, err := queries.DeleteArticles(c.Context, s, iris, queries.LinkOptions{})
			if err != nil {
				return err
			}
			sum := deleteSummary{Deleted: []deletedArticle{}, NotFound: []string{}}
			var deleted []string
			for _, r := range results {
				id := schema.ArticleIDFromIRI(r.IRI)
				if r.Outcome != graph.Removed {
					fmt.Fprintf(c.App.ErrWriter, "%s: no such article (see 'claimgraph articles')\n", id)
					sum.NotFound = append(sum.NotFound, id)
					continue
				}
				if format == "text" {
					fmt.Fprintf(c.App.Writer, "deleted %s (%d quads)\n", id, r.Deleted)
				}
				sum.Deleted = append(sum.Deleted, deletedArticle{ID: id, Quads: r.Deleted})
				deleted = append(deleted, r.IRI)
			}
			// the deleted claims leave their events and relations
			res, err := change.Relink(c.Context, s, deleted)
			if err != nil {
				return fmt.Errorf("relink after delete: %w", err)
			}
			sum.Link = res
			if format == "json" {
				if err := json.NewEncoder(c.App.Writer).Encode(sum); err != nil {
					return err
				}
			} else {
				fmt.Fprintln(c.App.Writer, linkSummary(res))
			}
			if len(sum.NotFound) > 0 {
				return fmt.Errorf("%d of %d articles not found", len(sum.NotFound), c.NArg())
			}
			return nil
		},
	}
}

// deleteSummary is what 'delete --format json' prints.
type deleteSummary struct {
	Deleted  []deletedArticle   `json:"deleted"`
	NotFound []string           `json:"not_found"`
	Link     queries.LinkResult `json:"link"`
}

type deletedArticle struct {
	ID    string `json:"id"`
	Quads int    `json:"quads"`
}
