package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// BenchmarkPostgresLoad1k loads 1,000 synthetic articles (57 quads each, as
// BenchmarkLoad1k) into a new PostgreSQL database per iteration, through
// Cayley's SQL writer and through claimgraph's, and reports article quads
// written per second. It needs CLAIMGRAPH_TEST_POSTGRES_URL.
func BenchmarkPostgresLoad1k(b *testing.B) { benchmarkPostgresLoad(b, 1000) }

// BenchmarkPostgresLoad10k is BenchmarkPostgresLoad1k with 10,000 articles.
func BenchmarkPostgresLoad10k(b *testing.B) { benchmarkPostgresLoad(b, 10000) }

func benchmarkPostgresLoad(b *testing.B, n int) {
	articles := make([][]quad.Quad, n)
	quads := 0
	for i := range articles {
		articles[i] = graphtest.Article(i, "v1", benchClaims)
		quads += len(articles[i])
	}
	for _, writer := range []string{"cayley", "claimgraph"} {
		b.Run(writer, func(b *testing.B) {
			ctx := context.Background()
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := openPostgres(b)
				if writer == "cayley" {
					graph.UseCayleyWriter(s)
				}
				b.StartTimer()
				start := time.Now()
				w := s.NewWriter(ctx, graph.WriterOptions{})
				for _, a := range articles {
					if _, err := w.WriteQuads(a); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(quads)*float64(b.N)/elapsed.Seconds(), "quads/s")
		})
	}
}
