package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/queries"
)

func newGizmoCommand() *cli.Command {
	return &cli.Command{
		Name:      "gizmo",
		Usage:     "run a Gizmo query script against the store; one JSON result a line",
		ArgsUsage: "[SCRIPT-FILE | -]",
		Description: "The script comes from a file, from -e, or from stdin. The prefixes cg:, cgid:,\n" +
			"schema: and prov: are registered, so g.V(\"<cgid:source/sohr>\").In(\"<prov:wasAttributedTo>\")\n" +
			"works. The saved queries are functions returning arrays: contradictions(event, claim, source),\n" +
			"corroborations(event, claim, source), circular(event, claim, source), events(event, claim), trace(claim)\n" +
			"(IRIs as \"<...>\" strings; see 'claimgraph query list'). Example:\n\n" +
			"  claimgraph gizmo -e 'g.V().Has(\"<cg:metric>\", \"killed\").Out(\"<cg:figure>\").Out(\"<cg:min>\").All()'",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "e", Usage: "the script text"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the script after this long"},
			&cli.IntFlag{Name: "limit", Value: 10000, Usage: "stop after this many results"},
			&cli.StringFlag{Name: "max-memory", Value: "256MB", EnvVars: []string{"CLAIMGRAPH_MAX_MEMORY"}, Usage: "stop the script when the heap grows by more than this: bytes, or with KB, MB or GB; 0 for no bound"},
		},
		Action: func(c *cli.Context) error {
			script := c.String("e")
			if script == "" {
				var r io.Reader = os.Stdin
				if c.NArg() > 0 && c.Args().First() != "-" {
					f, err := os.Open(c.Args().First())
					if err != nil {
						return err
					}
					defer f.Close()
					r = f
				}
				b, err := io.ReadAll(r)
				if err != nil {
					return err
				}
				script = string(b)
			}
			if strings.TrimSpace(script) == "" {
				return fmt.Errorf("gizmo: no script: give a file, -e SCRIPT or a script on stdin")
			}
			maxMemory, err := parseMemory(c.String("max-memory"))
			if err != nil {
				return err
			}
			dog := &queries.Watchdog{}
			if maxMemory > 0 {
				dog.MaxGrowth = uint64(maxMemory)
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			// the saved queries are callable as functions: contradictions(event), trace(claim) ...
			// Gizmo runs on Cayley's iterators, so it takes the raw quad store
			// (graph.Store.QuadStore), not graph's read API
			_, err = queries.RunJSONL(c.Context, s.QuadStore(), queries.WithLibrary(script), queries.RunOptions{
				Timeout: c.Duration("timeout"), Limit: c.Int("limit"), Watchdog: dog,
			}, c.App.Writer)
			return err
		},
	}
}
