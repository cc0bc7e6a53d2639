package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// benchClaims makes synthetic articles of 9+16*3 = 57 quads (plus a subject
// index of ~15), about the size of a real one.
const benchClaims = 3

func BenchmarkLoad1k(b *testing.B)  { benchmarkLoad(b, 1000) }
func BenchmarkLoad10k(b *testing.B) { benchmarkLoad(b, 10000) }

// benchmarkLoad loads n articles into a new bolt store per iteration and
// reports quads written per second (article quads, not the index).
func benchmarkLoad(b *testing.B, n int) {
	articles := make([][]quad.Quad, n)
	quads := 0
	for i := range articles {
		articles[i] = graphtest.Article(i, "v1", benchClaims)
		quads += len(articles[i])
	}
	b.ReportAllocs()
	elapsed := benchmarkWrite(b, articles, graph.WriterOptions{})
	b.ReportMetric(float64(quads)*float64(b.N)/elapsed.Seconds(), "quads/s")
}

// benchmarkWrite writes articles (each one's quads) with a Writer of opt
// into a new bolt store per iteration, timing the writes and the Writer's
// Close, not the store's opening and closing; it returns the time of all
// iterations.
func benchmarkWrite(b *testing.B, articles [][]quad.Quad, opt graph.WriterOptions) time.Duration {
	b.Helper()
	ctx := context.Background()
	b.ResetTimer()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := graph.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("load%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		w := s.NewWriter(ctx, opt)
		for _, a := range articles {
			if _, err := w.WriteQuads(a); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	return elapsed
}

// BenchmarkEventRead reads one event's claims and their claimants, node by
// node, from a bolt store of ~100k quads.
func BenchmarkEventRead(b *testing.B) {
	ctx := context.Background()
	s, err := graph.Open(ctx, filepath.Join(b.TempDir(), "read.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	w := s.NewWriter(ctx, graph.WriterOptions{})
	const articles = 1400 // 1400 * (57 + 15 index) ≈ 100k quads
	for i := 0; i < articles; i++ {
		if _, err := w.WriteQuads(graphtest.Article(i, "v1", benchClaims)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	claims := 0
	for i := 0; i < b.N; i++ {
		ev := quad.IRI(schema.IDNS + fmt.Sprintf("event/%d", i%1000))
		cs, err := s.In(ctx, ev, schema.About)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			if _, err := s.Out(ctx, c, schema.AttributedTo); err != nil {
				b.Fatal(err)
			}
		}
		claims += len(cs)
	}
	b.StopTimer()
	if claims == 0 {
		b.Fatal("no claims read")
	}
	b.ReportMetric(float64(st.Quads), "store-quads")
	b.ReportMetric(float64(claims)/float64(b.N), "claims/event")
}
