package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
)

type queryOptions struct {
	Name   string
	Filter queries.Filter
	Format string // table, jsonl or json
}

func newQueryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a saved provenance query: " + strings.Join(queries.SavedNames(), ", ") + "; 'query list' describes them",
		ArgsUsage: "NAME | list",
		Description: "Reads what 'link' (run by every 'load') materialised. Contracts (--format jsonl):\n" +
			"  contradictions   {\"a\",\"b\",\"event\",\"metric\",\"kind\",\"why\",\"articles\",\"evidence\"} per pair; kind is figure, revision, scope or date\n" +
			"  updates          the same per pair, a the earlier report's claim, b the later's higher toll; kind is update\n" +
			"  corroborations   {\"claims\":[...],\"event\",\"metric\",\"independent_origins\",\"origins\",\"why\",\"articles\",\"evidence\"} per group\n" +
			"  circular         {\"claims\",\"event\",\"origin\",\"outlets\",\"independent_origins\",\"why\"} per group\n" +
			"  events           {\"event\",\"name\",\"kind\",\"place\",\"start\",\"end\",\"aggregate\",\"independent_origins\",\"claims\",\"includes\",\"joined\"}\n" +
			"  trace --claim IRI   the hops {\"order\",\"role\",\"node\",\"id\",\"name\",\"evidence\"}, article first\n" +
			"The same queries are Gizmo scripts (queries/*.js) callable from 'claimgraph gizmo'.",
		Subcommands: querySubcommands(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("query: give a query name (%s) or list", strings.Join(queries.SavedNames(), ", "))
			}
			return fmt.Errorf("query %q: no such query; 'claimgraph query list' shows %s", c.Args().First(), strings.Join(queries.SavedNames(), ", "))
		},
	}
}

// querySubcommands makes one subcommand per saved query, plus list, so that
// flags may follow the name: 'query contradictions --format jsonl'.
func querySubcommands() []*cli.Command {
	cmds := []*cli.Command{{
		Name:  "list",
		Usage: "the saved queries: names, parameters and descriptions",
		Flags: []cli.Flag{formatFlag()},
		Action: func(c *cli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			return runQueryList(c.App.Writer, format)
		},
	}, {
		Name:      "script",
		Usage:     "print a saved query's whole Gizmo script, its helpers included, to run or adapt elsewhere (stock Cayley, 'claimgraph gizmo')",
		ArgsUsage: "NAME [--event IRI] [--claim IRI] [--source ID]",
		Description: "The script runs as printed in stock Cayley on an N-Quads export:\n" +
			"  claimgraph export --format nquads > g.nq; cayley load --db bolt -a cay.db --init -i g.nq\n" +
			"  claimgraph query script contradictions | cayley query --db bolt -a cay.db --lang gizmo -n 0\n" +
			"--event, --claim and --source bind its parameters in a JSON prelude on its first line\n" +
			"(var params = {...};); without them every parameter is unset (trace needs --claim).",
		Subcommands: scriptSubcommands(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("query script: give one query name (%s)", strings.Join(queries.SavedNames(), ", "))
			}
			return fmt.Errorf("query script %q: no such query; 'claimgraph query list' shows %s", c.Args().First(), strings.Join(queries.SavedNames(), ", "))
		},
	}}
	for _, q := range queries.SavedQueries() {
		name := q.Name
		cmds = append(cmds, &cli.Command{
			Name:  name,
			Usage: q.Description,
			Flags: append([]cli.Flag{formatFlag()}, filterFlags()...),
			Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
				if c.NArg() > 0 {
					return fmt.Errorf("query %s: unexpected argument %q (filters are --event, --source, --claim)", name, c.Args().First())
				}
				return runQuery(c.Context, s, c.App.Writer, queryOptions{Name: name, Format: format, Filter: queryFilter(c)})
			}),
		})
	}
	return cmds
}

// scriptSubcommands makes one 'query script NAME' per saved query, so that
// the filter flags may follow the name.
func scriptSubcommands() []*cli.Command {
	var cmds []*cli.Command
	for _, q := range queries.SavedQueries() {
		q := q
		cmds = append(cmds, &cli.Command{
			Name:  q.Name,
			Usage: "print the " + q.Name + " script",
			Flags: filterFlags(),
			Action: func(c *cli.Context) error {
				if c.NArg() > 0 {
					return fmt.Errorf("query script %s: unexpected argument %q (parameters are --event, --source, --claim)", q.Name, c.Args().First())
				}
				src, err := q.Bind(scriptFilter(queryFilter(c)).Params())
				if err != nil {
					return err
				}
				_, err = io.WriteString(c.App.Writer, src)
				return err
			},
		})
	}
	return cmds
}

// filterFlags are the saved queries' filters: --event, --source, --claim.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "event", Usage: "only this event: a linked event IRI or a claim's event IRI (full, or short: cgid:levent/…)"},
		&cli.StringFlag{Name: "source", Usage: "only relations whose origin is this source: an id (e.g. sohr), IRI, name or alias ('claimgraph sources' lists them)"},
		&cli.StringFlag{Name: "claim", Usage: "only relations with this claim: its IRI, ARTICLE#N (the tables) or ARTICLE:N (the page); required by trace"},
	}
}

// queryFilter reads filterFlags.
func queryFilter(c *cli.Context) queries.Filter {
	return queries.Filter{Event: c.String("event"), Source: c.String("source"), Claim: c.String("claim")}
}

func runQueryList(w io.Writer, format string) error {
	lw := newListWriter(w, format, []string{"NAME", "PARAMETERS", "DESCRIPTION"}, func(v interface{}) []string {
		q := v.(queries.Saved)
		return []string{q.Name, orDash(strings.Join(q.Params, ",")), q.Description}
	})
	for _, q := range queries.SavedQueries() {
		if err := lw.write(q); err != nil {
			return err
		}
	}
	return lw.close()
}

func runQuery(ctx context.Context, s *graph.Store, w io.Writer, opt queryOptions) error {
	f, err := resolveFilter(ctx, s, opt.Filter)
	if err != nil {
		return err
	}
	switch opt.Name {
	case "contradictions":
		return streamList(w, opt.Format, []string{"KIND", "METRIC", "A", "B", "WHY"}, func(r rows.Contradiction) []string {
			return []string{r.Kind, r.Metric, shortClaim(r.A), shortClaim(r.B), r.Why}
		}, func(fn func(rows.Contradiction) error) error { return queries.EachContradiction(ctx, s, f, fn) })
	case "updates":
		return streamList(w, opt.Format, []string{"METRIC", "EARLIER", "LATER", "WHY"}, func(r rows.Contradiction) []string {
			return []string{r.Metric, shortClaim(r.A), shortClaim(r.B), r.Why}
		}, func(fn func(rows.Contradiction) error) error { return queries.EachUpdate(ctx, s, f, fn) })
	case "corroborations":
		return streamList(w, opt.Format, []string{"METRIC", "ORIGINS", "CLAIMS", "WHY"}, func(r rows.Corroboration) []string {
			return []string{r.Metric, fmt.Sprint(r.IndependentOrigins), shortClaims(r.Claims), r.Why}
		}, func(fn func(rows.Corroboration) error) error { return queries.EachCorroboration(ctx, s, f, fn) })
	case "circular":
		rs, err := queries.CircularReports(ctx, s, f)
		if err != nil {
			return err
		}
		return writeList(w, opt.Format, rs, []string{"ORIGIN", "OUTLETS", "CLAIMS", "WHY"}, func(r rows.Circular) []string {
			return []string{r.Origin, orDash(strings.Join(r.Outlets, ",")), shortClaims(r.Claims), r.Why}
		})
	case "events":
		return runEvents(ctx, s, w, opt.Format, f)
	case "trace":
		if f.Claim == "" {
			return fmt.Errorf("query trace: give --claim IRI (see 'claimgraph claims' for ids)")
		}
		hops, err := queries.Trace(ctx, s, f.Claim)
		if err != nil {
			return err
		}
		return writeList(w, opt.Format, hops, []string{"#", "ROLE", "ID", "NAME", "EVIDENCE"}, func(h rows.Hop) []string {
			return []string{fmt.Sprint(h.Order), h.Role, h.ID, orDash(h.Name), h.Evidence}
		})
	}
	return fmt.Errorf("query %q: no such query; 'claimgraph query list' shows %s", opt.Name, strings.Join(queries.SavedNames(), ", "))
}

// writeList writes records with a listWriter.
func writeList[T any](w io.Writer, format string, rs []T, header []string, cols func(T) []string) error {
	return streamList(w, format, header, cols, func(fn func(T) error) error {
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// streamList writes the records each gives with a listWriter as each
// gives them (a table is written whole at the end: its columns are
// aligned). When each fails, what it gave before is written and its error
// returned.
func streamList[T any](w io.Writer, format string, header []string, cols func(T) []string, each func(func(T) error) error) error {
	lw := newListWriter(w, format, header, func(v interface{}) []string { return cols(v.(T)) })
	if err := each(func(r T) error { return lw.write(r) }); err != nil {
		return err
	}
	return lw.close()
}

// shortClaim renders a claim IRI as "article#n" for tables.
func shortClaim(iri string) string {
	i := strings.LastIndex(iri, "/claim/")
	if i < 0 {
		return iri
	}
	a := iri[:i]
	return a[strings.LastIndexByte(a, '/')+1:] + "#" + iri[i+len("/claim/"):]
}

func shortClaims(iris []string) string {
	out := make([]string, len(iris))
	for i, s := range iris {
		out[i] = shortClaim(s)
	}
	return strings.Join(out, " ")
}
