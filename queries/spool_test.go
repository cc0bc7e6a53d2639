package queries

import (
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

// TestSpoolWritesWhatItRendered: the full link's packed output, rendered
// on every core, gives the quads, components and counts that rendering the
// output one component after another gives, every component once and in
// order.
func TestSpoolWritesWhatItRendered(t *testing.T) {
	town := &schema.Place{ID: "town-a", Name: "Town A", Kind: "town", Admin1: "Homs", Lat: 34.9, Lon: 38.9, HasCoords: true}
	monitor := schema.Source{ID: "monitor", Name: "The Monitor", Kind: "monitor"}
	outlet := schema.Source{ID: "outlet-x", Name: "Outlet X", Kind: "outlet"}
	article := func(id, published string, n int64, kind, day string) *schema.Article {
		c := schema.Claim{Claimant: &monitor, Metric: schema.MetricKilled, Figure: schema.Figure{Text: "n", Value: &n, Min: &n, Max: &n},
			Who: "soldiers", Event: schema.Event{Kind: kind, Place: town, Start: day, End: day},
			Evidence: "Soldiers were killed, the monitor said.", Attribution: "explicit", SubsetOf: -1, Section: "body"}
		return &schema.Article{ID: id, IRI: schema.ArticleIRI(id), Outlet: &outlet, Published: published, ContentHash: id,
			Lead: 0, Claims: []schema.Claim{c}}
	}
	docs := []*schema.Article{ // two reports of one ambush that disagree, a siege a year later
		article("a.txt", "2019-04-20", 27, "ambush", "2019-04-19"),
		article("b.txt", "2019-04-21", 30, "ambush", "2019-04-19"),
		article("c.txt", "2020-06-02", 500, "siege", "2020-06-01"),
	}
	collect := func(lw linkWrite) [][]quad.Quad {
		var got [][]quad.Quad
		if err := lw.each(func(qs []quad.Quad) error {
			got = append(got, qs)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	out := linking.Link(docs, linking.Options{})
	want := rendered(&out)
	wantQuads := collect(want)
	out = linking.Link(docs, linking.Options{})
	got, err := spool(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(wantQuads) < 2 {
		t.Fatalf("%d components, want 2 or more", len(wantQuads))
	}
	if !reflect.DeepEqual(got.head, want.head) || !reflect.DeepEqual(got.comps, want.comps) {
		t.Errorf("spooled head or components differ from the rendered ones")
	}
	gotQuads := collect(got)
	wantRes := out.Result
	for _, qs := range wantQuads {
		wantRes.Quads += len(qs)
	}
	if got.result != wantRes {
		t.Errorf("spooled result %+v, want %+v", got.result, wantRes)
	}
	if !reflect.DeepEqual(gotQuads, wantQuads) {
		t.Errorf("spooled quads differ from the rendered ones:\n%v\nwant\n%v", gotQuads, wantQuads)
	}
	if err := got.each(func([]quad.Quad) error { return nil }); err == nil {
		t.Error("the spooled output was given twice; each drops it as it goes")
	}
}
