package queries

import (
	"context"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
)

func TestZZScan(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open(ctx, "/tmp/corp.db")
	if err != nil {
		t.Skip(err)
	}
	defer s.Close()
	qs := s.QuadStore()
	t0 := time.Now()
	it := qs.QuadsAllIterator()
	n := 0
	for it.Next(ctx) {
		q := qs.Quad(it.Result())
		_ = q
		n++
	}
	it.Close()
	t.Logf("%d quads in %v", n, time.Since(t0))
}
