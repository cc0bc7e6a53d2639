package main

import (
	"fmt"
	"io"
	"os"

	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"
)

func newExportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store's quads, each labelled with the article it came from",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "output format: nquads"},
			&cli.StringFlag{Name: "o", Usage: "write to this file instead of stdout"},
		},
		Action: func(c *cli.Context) error {
			if f := c.String("format"); f != "nquads" {
				return fmt.Errorf("export: --format %q: want nquads", f)
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			var w io.Writer = c.App.Writer
			if path := c.String("o"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			qw := nquads.NewWriter(w)
			iris, err := s.ArticleIRIs(c.Context)
			if err != nil {
				return err
			}
			for _, iri := range iris {
				qs, err := s.ArticleQuads(c.Context, iri)
				if err != nil {
					return err
				}
				if _, err := qw.WriteQuads(qs); err != nil {
					return err
				}
			}
			return qw.Close()
		},
	}
}
