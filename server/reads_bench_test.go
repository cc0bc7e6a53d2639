package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph/graphtest"
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
	s := graphtest.BenchStore(b)
	ctx := context.Background()
	var err error
	var first rows.Contradiction
	err = queries.EachContradiction(ctx, s, queries.Filter{}, func(r rows.Contradiction) error { first = r; return errStop })
	if !errors.Is(err, errStop) {
		b.Fatalf("no contradiction in the store: %v", err)
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
			graphtest.ReportQuantiles(b, d)
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
