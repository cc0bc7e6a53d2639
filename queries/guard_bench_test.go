package queries

import (
	"context"
	"testing"
)

// BenchmarkRunGuarded is a small script's run, guard and rewrite included.
func BenchmarkRunGuarded(b *testing.B) {
	qs := testStore(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), qs, `g.V().Limit(1).All()`, RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGuard is the rewrite of a small script.
func BenchmarkGuard(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Guard(`var s = a + b; g.V().Limit(1).All()`)
	}
}
