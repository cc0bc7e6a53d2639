package graph

import (
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestValueHashes checks that the SQL writer's hash cache gives every value
// Cayley's hash, the second time (from the cache) as the first, and keeps
// apart values of different types with the same text.
func TestValueHashes(t *testing.T) {
	values := []quad.Value{
		quad.IRI("x"), quad.String("x"), quad.BNode("x"),
		quad.TypedString{Value: "x", Type: "http://example.org/t"},
		quad.LangString{Value: "x", Lang: "en"}, quad.LangString{Value: "x", Lang: "de"},
		quad.Int(1), quad.Float(1), quad.Bool(true),
		quad.Time(time.Date(2019, 4, 20, 0, 0, 0, 0, time.UTC)),
	}
	c := make(valueHashes)
	for round := 0; round < 2; round++ {
		for _, v := range values {
			if got, want := c.of(v), cgraph.HashOf(v); got != want {
				t.Errorf("round %d: hash of %#v = %x, want %x", round, v, got, want)
			}
		}
	}
	q := quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("s"), Label: quad.IRI("l")}
	if got, want := c.quad(q), hashOf(q); got != want {
		t.Errorf("hashes of %s = %v, want %v", q.NQuad(), got, want)
	}
}
