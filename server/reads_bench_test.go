package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

// BenchmarkReadsPage times, in process, the page's JSON endpoints on the
// store CLAIMGRAPH_BENCH_DB names (a 10,000-article store: see
// docs/scale.md), opened once, through the server's handler: the first
// page of events (by date, by claims, a source's, a place's), one linked
// event with its relations, a claim's trace and a search. Each reports
// the median (p50-ms) and the 99th percentile (p99-ms) of its requests;
// Warm reports the time to read the snapshot the page API answers from
// (warm-s). Skipped without it.
//
//	CLAIMGRAPH_BENCH_DB=s.db go test ./server -run X -bench ReadsPage -benchtime 200x
func BenchmarkReadsPage(b *testing.B) {
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
	var first rows.Contradiction
	err = queries.EachContradiction(ctx, s, queries.Filter{}, func(r rows.Contradiction) error { first = r; return errStop })
	if !errors.Is(err, errStop) {
		b.Fatalf("no contradiction in %s: %v", dsn, err)
	}
	srv, err := server.New(s, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := srv.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	warm := time.Since(start)
	b.Run("Warm", func(b *testing.B) {
		b.ReportMetric(warm.Seconds(), "warm-s")
	})
	get := func(name, target string) {
		b.Run(name, func(b *testing.B) {
			d := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				req.Host = "localhost"
				rec := httptest.NewRecorder()
				t := time.Now()
				srv.ServeHTTP(rec, req)
				d = append(d, time.Since(t))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
				}
			}
			reportQuantiles(b, d)
		})
	}
	get("Events", "/api/events")
	get("EventsByClaims", "/api/events?sort=claims")
	get("EventsOfSource", "/api/events?source=sohr")
	get("EventsAtPlace", "/api/events?place=homs&sort=claims")
	get("Event", "/api/events/"+url.PathEscape(schema.IDFromIRI(first.Event)))
	get("Trace", "/api/claims/"+url.PathEscape(server.ClaimID(first.A))+"/trace")
	get("Search", "/api/search?q=sohr")
}

// errStop stops a streaming query at its first row.
var errStop = errors.New("first row")

// reportQuantiles reports the median and the 99th percentile of d, in
// milliseconds, as p50-ms and p99-ms.
func reportQuantiles(b *testing.B, d []time.Duration) {
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
