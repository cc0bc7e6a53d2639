package linking

import (
	"fmt"
	"io"
	"reflect"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// TestWeighedInOrder: weighed gives every candidate pair, in the
// candidates' order, what weighing them one after another gives (why they
// are apart, or their evidence), over more pairs than one batch, so that
// the batches are weighed on several goroutines (run it with -race); the
// evidence's reasons when the linker traces, its score alone otherwise.
func TestWeighedInOrder(t *testing.T) {
	for _, trace := range []bool{false, true} {
		t.Run(fmt.Sprintf("trace=%v", trace), func(t *testing.T) { testWeighedInOrder(t, trace) })
	}
}

func testWeighedInOrder(t *testing.T, trace bool) {
	town := &schema.Place{ID: "town-a", Name: "Town A", Kind: "town", Admin1: "Aleppo", Lat: 36.2, Lon: 37.1, HasCoords: true}
	var docs []*schema.Article
	for k := range 240 {
		day := fmt.Sprintf("2019-04-%02d", 18+k%3)
		n := int64(20 + k%7)
		kind := []string{"attack", "air strike", "aggregate"}[k%3]
		docs = append(docs, &schema.Article{
			ID: fmt.Sprintf("r%03d", k), IRI: schema.ArticleIRI(fmt.Sprintf("r%03d", k)), Published: day, Lead: 0,
			Title:  fmt.Sprintf("Report %d on Town A", k%11),
			Outlet: &schema.Source{ID: fmt.Sprintf("outlet-%d", k%5), Name: "Outlet", Kind: "outlet"},
			Claims: []schema.Claim{{
				Metric: schema.MetricKilled, Figure: schema.Figure{Text: fmt.Sprint(n), Value: &n, Min: &n, Max: &n},
				Who: []string{"civilians", "soldiers"}[k%2], Event: schema.Event{Kind: kind, Place: town, Start: day, End: day},
				Evidence:    fmt.Sprintf("An %s killed %d %s in Town A, the monitor said.", kind, n, []string{"civilians", "soldiers"}[k%2]),
				Attribution: "none", SubsetOf: -1, Section: "body",
			}},
		})
	}
	type weighing struct {
		i, j  int
		why   string
		score float64
		e     string
	}
	opt := Options{}
	if trace {
		opt.Trace = io.Discard
	}
	l := newLinker(docs, opt, false)
	l.anchor(l.docs)
	l.windows()
	var want, got []weighing
	l.candidates(func(i, j int) {
		w := weighing{i: i, j: j, why: l.incompatible(&l.units[i], &l.units[j])}
		if w.why == "" {
			e := l.explained(&l.units[i], &l.units[j])
			w.score = e.score
			if trace {
				w.e = e.String()
			}
		}
		want = append(want, w)
	})
	if len(want) <= 2*weighBatch {
		t.Fatalf("%d candidate pairs: want more than two batches (%d)", len(want), 2*weighBatch)
	}
	reasons := 0
	l.weighed(func(i, j int, why string, e evidence) {
		got = append(got, weighing{i, j, why, e.score, e.String()})
		reasons += len(e.why)
	})
	if trace == (reasons == 0) {
		t.Fatalf("traced %v: %d reasons formatted", trace, reasons)
	}
	if !reflect.DeepEqual(got, want) {
		n := min(len(got), len(want))
		for k := range n {
			if got[k] != want[k] {
				t.Fatalf("pair %d of %d (%d pairs weighed): got %+v, want %+v", k, len(want), len(got), got[k], want[k])
			}
		}
		t.Fatalf("weighed %d pairs, want %d", len(got), len(want))
	}
}
