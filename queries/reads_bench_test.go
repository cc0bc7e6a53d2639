package queries_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
)

// errFirst stops a streaming query at its first row.
var errFirst = errors.New("first row")

// BenchmarkReadsStore times, in process, the reads the scale issue bounds
// on the store CLAIMGRAPH_BENCH_DB names (a 10,000-article store: see
// docs/scale.md), opened once: the first row of each streaming query, a
// trace, and one linked event with its relations. Skipped without it.
//
//	CLAIMGRAPH_BENCH_DB=s.db go test ./queries -run X -bench ReadsStore -benchtime 20x
func BenchmarkReadsStore(b *testing.B) {
	s := graphtest.BenchStore(b)
	ctx := context.Background()
	var err error
	var first rows.Contradiction
	err = queries.EachContradiction(ctx, s, queries.Filter{}, func(r rows.Contradiction) error { first = r; return errFirst })
	if !errors.Is(err, errFirst) {
		b.Fatalf("no contradiction in the store: %v", err)
	}
	run := func(name string, read func() error) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := read(); err != nil && !errors.Is(err, errFirst) {
					b.Fatal(err)
				}
			}
		})
	}
	run("FirstContradiction", func() error {
		return queries.EachContradiction(ctx, s, queries.Filter{}, func(rows.Contradiction) error { return errFirst })
	})
	run("FirstCorroboration", func() error {
		return queries.EachCorroboration(ctx, s, queries.Filter{}, func(rows.Corroboration) error { return errFirst })
	})
	run("FirstEvent", func() error {
		return queries.EachEvent(ctx, s, queries.Filter{}, func(rows.Event) error { return errFirst })
	})
	run("Trace", func() error {
		_, err := queries.Trace(ctx, s, first.A)
		return err
	})
	run("EventWithRelations", func() error {
		f := queries.Filter{Event: first.Event}
		if _, err := queries.Events(ctx, s, f); err != nil {
			return err
		}
		if _, err := queries.Contradictions(ctx, s, f); err != nil {
			return err
		}
		_, err := queries.Corroborations(ctx, s, f)
		return err
	})
}
