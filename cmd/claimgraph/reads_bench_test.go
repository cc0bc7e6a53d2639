package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// BenchmarkReadsClaims times, in process, 'claims --source sohr --limit
// 20 --format jsonl' (the first page of a source's claims) on the store
// CLAIMGRAPH_BENCH_DB names (a 10,000-article store: see docs/scale.md),
// opened once, and reports the median (p50-ms) and the 99th percentile
// (p99-ms) of its runs. Skipped without it.
//
//	CLAIMGRAPH_BENCH_DB=s.db go test ./cmd/claimgraph -run X -bench ReadsClaims -benchtime 50x
func BenchmarkReadsClaims(b *testing.B) {
	s := graphtest.BenchStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	d := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if err := runClaims(ctx, s, io.Discard, "jsonl", claimFilter{Source: "sohr", Limit: 20}); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t))
	}
	graphtest.ReportQuantiles(b, d)
}
