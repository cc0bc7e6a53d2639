package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"
)

func newStatsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count quads, nodes, articles, claims, sources, events and places in the store",
		Flags: []cli.Flag{&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"}},
		Action: func(c *cli.Context) error {
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Stats(c.Context)
			if err != nil {
				return err
			}
			w := c.App.Writer
			switch c.String("format") {
			case "json":
				return json.NewEncoder(w).Encode(map[string]int64{
					"quads": st.Quads, "nodes": st.Nodes, "articles": st.Articles, "claims": st.Claims,
					"sources": st.Sources, "events": st.Events, "places": st.Places,
				})
			case "text":
				fmt.Fprintf(w, "backend   %s\nquads     %d\nnodes     %d\narticles  %d\nclaims    %d\nsources   %d\nevents    %d\nplaces    %d\n",
					s.Backend(), st.Quads, st.Nodes, st.Articles, st.Claims, st.Sources, st.Events, st.Places)
				return nil
			}
			return fmt.Errorf("--format %q: want text or json", c.String("format"))
		},
	}
}
