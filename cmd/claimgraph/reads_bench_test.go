package main

import (
	"context"
	"io"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
)

// BenchmarkReadsClaims times, in process, 'claims --source sohr --limit
// 20 --format jsonl' (the first page of a source's claims) on the store
// CLAIMGRAPH_BENCH_DB names (a 10,000-article store: see docs/scale.md),
// opened once, and reports the median (p50-ms) and the 99th percentile
// (p99-ms) of its runs. Skipped without it.
//
//	CLAIMGRAPH_BENCH_DB=s.db go test ./cmd/claimgraph -run X -bench ReadsClaims -benchtime 50x
func BenchmarkReadsClaims(b *testing.B) {
	dsn := os.Getenv("CLAIMGRAPH_BENCH_DB")
	if dsn == "" {
		b.Skip("CLAIMGRAPH_BENCH_DB names no store")
	}
	ctx := context.Background()
	s, err := graph.OpenExisting(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	d := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if err := runClaims(ctx, s, io.Discard, "jsonl", claimFilter{Source: "sohr", Limit: 20}); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t))
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}
