package queries

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

// TestSpoolWritesWhatItRendered: the full link's packed output, rendered
// on every core, spooled to a file in TMPDIR and handed to the Writer
// packed, writes the quads and counts that rendering the output one
// component after another writes, once; closing it removes the file.
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
	ctx := context.Background()
	write := func(lw linkWrite) (*graph.Store, LinkResult) {
		s := graphtest.Mem(t)
		res, err := writeLinking(ctx, s, lw, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		return s, res
	}
	out := linking.Link(docs, linking.Options{})
	want, wantRes := write(rendered(&out))
	out = linking.Link(docs, linking.Options{})
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	lw, err := spool(&out)
	if err != nil {
		t.Fatal(err)
	}
	if spooled, _ := filepath.Glob(filepath.Join(tmp, "*")); len(spooled) != 1 {
		t.Errorf("spooled into %v, want one file in TMPDIR", spooled)
	}
	defer func() {
		lw.close()
		if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) != 0 {
			t.Errorf("%v left after close", left)
		}
	}()
	if len(lw.comps) < 2 {
		t.Fatalf("%d components, want 2 or more", len(lw.comps))
	}
	got, gotRes := write(lw)
	if gotRes != wantRes || gotRes.Quads == len(lw.head) {
		t.Errorf("spooled, the link's result is %+v, want %+v", gotRes, wantRes)
	}
	for _, label := range append([]string{schema.LinkingIRI}, labels(lw.comps)...) {
		g, err := got.ArticleQuads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.ArticleQuads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		if len(g) == 0 || !reflect.DeepEqual(g, w) {
			t.Errorf("%s: spooled %d quads, rendered %d, not the same", label, len(g), len(w))
		}
	}
	if _, err := lw.write(got.NewWriter(ctx, graph.WriterOptions{})); err == nil {
		t.Error("the spooled output was written twice; its write drops it as it goes")
	}
}

func labels(cs []linking.Component) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Label)
	}
	return out
}
