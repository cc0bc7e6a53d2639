package queries_test

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

func i64(n int64) *int64 { return &n }

// Invented places and sources (not copied from any article) that exercise
// every relation: a monitor relayed by a wire in two outlets, an adversary's
// lower toll, a revision, a subset, a running tally, a date dispute.
var (
	govHoms  = &schema.Place{ID: "g-homs", Name: "Homs", Kind: "governorate", Admin1: "Homs", Lat: 34.5, Lon: 38.3, HasCoords: true}
	townA    = &schema.Place{ID: "town-a", Name: "Town A", Kind: "town", Admin1: "Homs", Within: "g-homs", WithinName: "Homs", Lat: 34.9, Lon: 38.9, HasCoords: true}
	townB    = &schema.Place{ID: "town-b", Name: "Town B", Kind: "town", Admin1: "Homs", Within: "g-homs", WithinName: "Homs", Lat: 35.2, Lon: 38.8, HasCoords: true}
	monitor  = schema.Source{ID: "monitor", Name: "The Monitor", Kind: "monitor"}
	head     = schema.Source{ID: "monitor-head", Name: "Monitor Head", Kind: "person", Person: true, SpeaksFor: "monitor"}
	agency   = schema.Source{ID: "agency", Name: "Group Agency", Kind: "propaganda-agency"}
	wire     = schema.Source{ID: "wire", Name: "The Wire", Kind: "news-agency"}
	outletX  = schema.Source{ID: "outlet-x", Name: "Outlet X", Kind: "outlet"}
	outletY  = schema.Source{ID: "outlet-y", Name: "Outlet Y", Kind: "outlet"}
	ambush18 = schema.Event{Kind: "ambush", Place: townA, Start: "2019-04-18", End: "2019-04-19"}
)

func claim(src *schema.Source, via []schema.Source, metric string, min, max *int64, ev schema.Event, evidence string) schema.Claim {
	var v *int64
	if min != nil {
		v = min
	} else {
		v = max
	}
	c := schema.Claim{Claimant: src, Via: via, Metric: metric, Figure: schema.Figure{Text: "n", Value: v, Min: min, Max: max},
		Who: "soldiers", Perpetrator: "group", Event: ev, Evidence: evidence, Attribution: "explicit", SubsetOf: -1, Section: "body"}
	if src == nil {
		c.Attribution = "none"
	}
	return c
}

// oneClaim returns an invented article of outletX with claim c.
func oneClaim(id, published string, c schema.Claim) *schema.Article {
	return &schema.Article{ID: id, Outlet: &outletX, Published: published, ContentHash: id, Lead: 0,
		IRI: schema.ArticleIRI(id), Cited: []schema.Source{}, Claims: []schema.Claim{c}}
}

// fixture returns five invented articles.
func fixture() []*schema.Article {
	a1 := &schema.Article{ID: "a1.txt", Title: "Ambush kills 27", Outlet: &outletX, Published: "2019-04-20", ContentHash: "h1", Lead: 0}
	a1.Claims = []schema.Claim{
		claim(&head, []schema.Source{wire}, schema.MetricKilled, i64(27), i64(27), ambush18, "27 killed, the monitor's head told the wire."),
		claim(&monitor, []schema.Source{wire}, schema.MetricKilled, i64(4), i64(4), ambush18, "Four officers were among them."),
		claim(&monitor, nil, schema.MetricKilled, i64(26), i64(26), schema.Event{Kind: "attack", Place: townB, Start: "2019-04-20", End: "2019-04-20"}, "A second attack killed 26."),
	}
	a1.Claims[1].SubsetOf = 0
	a1.Claims[1].Who = "officers"

	a2 := &schema.Article{ID: "a2.txt", Title: "Group claims ambush", Outlet: &outletY, Published: "2019-04-20", ContentHash: "h2", Lead: 0}
	a2.Claims = []schema.Claim{
		claim(&monitor, []schema.Source{wire}, schema.MetricKilled, i64(27), nil, schema.Event{Kind: "attack", Place: govHoms, Start: "2019-04-18", End: "2019-04-19"}, "At least 27 were killed over two days, the monitor said."),
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), schema.Event{Kind: "ambush", Place: townA, Start: "2019-04-19", End: "2019-04-19"}, "The agency said it killed 20."),
		claim(&monitor, nil, schema.MetricKilled, i64(13), i64(13), schema.Event{Kind: "attack", Place: townB, Start: "2019-04-20", End: "2019-04-20"}, "Another attack killed 13, the monitor said."),
		claim(&monitor, nil, schema.MetricKilled, i64(69), nil, schema.Event{Kind: "aggregate", Place: govHoms}, "At least 69 since March, the monitor said."),
	}
	a2.Claims[3].Aggregate = true

	a3 := &schema.Article{ID: "a3.txt", Title: "Tally rises", Outlet: &outletX, Published: "2019-05-01", ContentHash: "h3", Lead: 0}
	a3.Claims = []schema.Claim{
		claim(&monitor, nil, schema.MetricKilled, i64(75), nil, schema.Event{Kind: "aggregate", Place: govHoms}, "At least 75 since March, the monitor said."),
		claim(&agency, nil, schema.MetricKilled, i64(15), i64(15), schema.Event{Kind: "seizure", Place: townB, Start: "2019-04-21", End: "2019-04-21"}, "The agency said 15 died when it took Town B on April 21."),
	}
	a3.Claims[0].Aggregate = true

	a4 := &schema.Article{ID: "a4.txt", Title: "Town B fell on the 17th", Outlet: &outletY, Published: "2019-04-22", ContentHash: "h4", Lead: 0}
	a4.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(15), i64(15), schema.Event{Kind: "ambush", Place: townB, Start: "2019-04-17", End: "2019-04-17"}, "The agency said 15 died at Town B on Wednesday."),
	}
	// two days after a1 and a2, the wire's own higher toll of the ambush:
	// an update of both, not a contradiction
	a5 := &schema.Article{ID: "a5.txt", Title: "Ambush toll rises to 31", Outlet: &outletX, Published: "2019-04-22", ContentHash: "h5", Lead: 0}
	a5.Claims = []schema.Claim{
		claim(&wire, nil, schema.MetricKilled, i64(31), i64(31), ambush18, "The ambush killed 31, the wire reported."),
	}
	docs := []*schema.Article{a1, a2, a3, a4, a5}
	for _, d := range docs {
		d.IRI = schema.ArticleIRI(d.ID)
		d.Cited = []schema.Source{}
	}
	return docs
}

// fixtureStore returns a memory store holding the fixture, linked.
func fixtureStore(t testing.TB) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s := graphtest.Mem(t)
	writeDocs(t, s, fixture()...)
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func writeDocs(t testing.TB, s *graph.Store, docs ...*schema.Article) {
	t.Helper()
	w := s.NewWriter(context.Background(), graph.WriterOptions{})
	for _, d := range docs {
		if _, err := w.WriteQuads(schema.Quads(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// linkingQuads returns the store's linking quads as sorted N-Quads lines.
func linkingQuads(t testing.TB, s *graph.Store) string {
	t.Helper()
	qs, err := s.ArticleQuads(context.Background(), schema.LinkingIRI)
	if err != nil {
		t.Fatal(err)
	}
	var b []byte
	for _, q := range qs {
		b = append(b, q.NQuad()...)
		b = append(b, '\n')
	}
	return string(b)
}

var _ = quad.IRI("")
