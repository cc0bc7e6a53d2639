package queries_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// ExampleContradictions links four articles and lists the figures that
// cannot both be right. Running tallies ("at least 69 since March", then
// "at least 75") and subsets ("four officers" among the 27) never appear.
func ExampleContradictions() {
	ctx := context.Background()
	s, _ := graph.Open(ctx, "mem:")
	defer s.Close()
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for _, doc := range fixture() { // four invented articles, see fixture_test.go
		w.WriteQuads(schema.Quads(doc))
	}
	w.Close()
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	cs, _ := queries.Contradictions(ctx, s, queries.Filter{})
	short := func(iri string) string { return strings.TrimPrefix(iri, schema.IDNS+"article/") }
	for _, c := range cs {
		fmt.Printf("%-8s %s vs %s\n", c.Kind, short(c.A), short(c.B))
	}
	// Output:
	// figure   a1.txt/claim/1 vs a2.txt/claim/2
	// revision a1.txt/claim/3 vs a2.txt/claim/3
	// figure   a2.txt/claim/1 vs a2.txt/claim/2
	// date     a3.txt/claim/2 vs a4.txt/claim/1
}

// ExampleCorroborations reports how many independent origins back a figure:
// the monitor's head and the monitor are one origin, relayed by a wire.
func ExampleCorroborations() {
	ctx := context.Background()
	s, _ := graph.Open(ctx, "mem:")
	defer s.Close()
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for _, doc := range fixture() {
		w.WriteQuads(schema.Quads(doc))
	}
	w.Close()
	queries.Link(ctx, s, queries.LinkOptions{})
	cs, _ := queries.Corroborations(ctx, s, queries.Filter{Source: "monitor"})
	short := func(iri string) string { return strings.TrimPrefix(iri, schema.IDNS+"article/") }
	for _, c := range cs {
		fmt.Println(short(c.Claims[0]), short(c.Claims[1]), "-", c.IndependentOrigins, "independent origin:", c.Origins)
	}
	// The monitor's running tallies (69 and 75 "since March", counted on
	// different days) are no corroboration: tallies agree only over one window.

	// Output:
	// a1.txt/claim/1 a2.txt/claim/1 - 1 independent origin: [monitor]
	// a2.txt/claim/1 a5.txt/claim/1 - 2 independent origin: [monitor wire]
}
