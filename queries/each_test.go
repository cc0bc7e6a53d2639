package queries_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// eachRows returns the rows each gives, and checks that each stops at the
// first error its callback returns and returns that error.
func eachRows[T any](t *testing.T, name string, each func(func(T) error) error) []T {
	t.Helper()
	var got []T
	if err := each(func(r T) error { got = append(got, r); return nil }); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	stop := errors.New("stop")
	calls := 0
	err := each(func(T) error { calls++; return stop })
	if len(got) > 0 && (err != stop || calls != 1) {
		t.Errorf("%s with a callback that fails: %d calls, error %v; want 1 call and its error", name, calls, err)
	}
	if len(got) == 0 && (err != nil || calls != 0) {
		t.Errorf("%s with no rows: %d calls, error %v", name, calls, err)
	}
	return got
}

// TestEachMatchesSlices checks that the streaming queries give the rows of
// the slice ones, in the same order, with every filter.
func TestEachMatchesSlices(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	evs, err := queries.Events(ctx, s, queries.Filter{})
	if err != nil || len(evs) == 0 {
		t.Fatalf("Events: %d, %v", len(evs), err)
	}
	cs, err := queries.Contradictions(ctx, s, queries.Filter{})
	if err != nil || len(cs) == 0 {
		t.Fatalf("Contradictions: %d, %v", len(cs), err)
	}
	filters := []queries.Filter{{}, {Source: "monitor"}, {Event: evs[0].Event}, {Claim: cs[0].A}, {Claim: evs[0].Claims[0], Event: evs[0].Event}}
	n := 0
	for _, f := range filters {
		check := func(name string, want, got interface{}) {
			t.Helper()
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s %+v: streamed\n%+v\nwant\n%+v", name, f, got, want)
			}
		}
		c, err1 := queries.Contradictions(ctx, s, f)
		u, err2 := queries.Updates(ctx, s, f)
		co, err3 := queries.Corroborations(ctx, s, f)
		e, err4 := queries.Events(ctx, s, f)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		check("EachContradiction", c, orEmpty(eachRows(t, "EachContradiction", func(fn func(rows.Contradiction) error) error { return queries.EachContradiction(ctx, s, f, fn) })))
		check("EachUpdate", u, orEmpty(eachRows(t, "EachUpdate", func(fn func(rows.Contradiction) error) error { return queries.EachUpdate(ctx, s, f, fn) })))
		check("EachCorroboration", co, orEmpty(eachRows(t, "EachCorroboration", func(fn func(rows.Corroboration) error) error { return queries.EachCorroboration(ctx, s, f, fn) })))
		check("EachEvent", e, orEmpty(eachRows(t, "EachEvent", func(fn func(rows.Event) error) error { return queries.EachEvent(ctx, s, f, fn) })))
		n += len(c) + len(u) + len(co) + len(e)
		// the order the slices promise, and evidence as Store.Node reads it
		for _, rs := range [][]rows.Contradiction{c, u} {
			for i, r := range rs {
				if i > 0 && (rs[i-1].A > r.A || rs[i-1].A == r.A && rs[i-1].B >= r.B) {
					t.Errorf("%+v: pair %d (%s, %s) not after (%s, %s)", f, i, r.A, r.B, rs[i-1].A, rs[i-1].B)
				}
				for j, claim := range []string{r.A, r.B} {
					if cn, err := s.Node(ctx, claim); err != nil || r.Evidence[j] != cn.Str(schema.Evidence) {
						t.Errorf("%+v: evidence of %s = %q, Node has %q (%v)", f, claim, r.Evidence[j], cn.Str(schema.Evidence), err)
					}
				}
			}
		}
		for i := 1; i < len(co); i++ {
			if strings.Join(co[i-1].Claims, " ") >= strings.Join(co[i].Claims, " ") {
				t.Errorf("%+v: corroboration %d %q not after %q", f, i, co[i].Claims, co[i-1].Claims)
			}
		}
		for i := 1; i < len(e); i++ {
			if e[i-1].Event >= e[i].Event {
				t.Errorf("%+v: event %d %s not after %s", f, i, e[i].Event, e[i-1].Event)
			}
		}
	}
	if n == 0 {
		t.Fatal("no rows under any filter")
	}
}

func orEmpty[T any](rs []T) []T {
	if rs == nil {
		return []T{}
	}
	return rs
}

// TestEachCanceled checks that a streaming query returns ctx's error.
func TestEachCanceled(t *testing.T) {
	s := fixtureStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, each := range map[string]func(*graph.Store) error{
		"EachContradiction": func(s *graph.Store) error {
			return queries.EachContradiction(ctx, s, queries.Filter{}, func(rows.Contradiction) error { return nil })
		},
		"EachCorroboration": func(s *graph.Store) error {
			return queries.EachCorroboration(ctx, s, queries.Filter{}, func(rows.Corroboration) error { return nil })
		},
		"EachEvent": func(s *graph.Store) error {
			return queries.EachEvent(ctx, s, queries.Filter{}, func(rows.Event) error { return nil })
		},
	} {
		if err := each(s); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: %v, want context.Canceled", name, err)
		}
	}
}
