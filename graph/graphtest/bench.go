package graphtest

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
)

// BenchStore opens, for reading, the store the environment variable
// CLAIMGRAPH_BENCH_DB names (a large store: see docs/scale.md) and closes
// it when b ends; it skips b when the variable is not set.
func BenchStore(b *testing.B) *graph.Store {
	b.Helper()
	dsn := os.Getenv("CLAIMGRAPH_BENCH_DB")
	if dsn == "" {
		b.Skip("CLAIMGRAPH_BENCH_DB names no store")
	}
	s, err := graph.OpenExisting(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// ReportQuantiles reports the median and the 99th percentile of the
// durations d (which it sorts), in milliseconds, as p50-ms and p99-ms.
func ReportQuantiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}
