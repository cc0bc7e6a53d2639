package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/loaders/gazetteer"
)

func newGazetteerCommand() *cli.Command {
	return &cli.Command{
		Name:  "gazetteer",
		Usage: "work with the place gazetteer",
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate a file of place additions (the format of loaders/gazetteer/data/additions.tsv)",
			ArgsUsage: "FILE",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return fmt.Errorf("gazetteer check: give one TSV file")
				}
				f, err := os.Open(c.Args().First())
				if err != nil {
					return err
				}
				defer f.Close()
				errs := gazetteer.Check(f, c.Args().First(), gazetteer.Default())
				for _, e := range errs {
					fmt.Fprintln(c.App.ErrWriter, e)
				}
				if len(errs) > 0 {
					return fmt.Errorf("%s: %d problems", c.Args().First(), len(errs))
				}
				fmt.Fprintf(c.App.Writer, "%s: ok\n", c.Args().First())
				return nil
			},
		}},
	}
}
