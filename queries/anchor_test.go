package queries_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

func rel(from, to int64) schema.Event {
	return schema.Event{Kind: "ambush", Place: townA, RelStart: &from, RelEnd: &to}
}

// undatedFixture is a dated report of an ambush (Thursday 18 April) and of
// the siege after it (Friday), and an undated article written on a Monday
// that reports both: "on Thursday" (4 days before), "on Friday" (3 days).
func undatedFixture(agencyToll int64) []*schema.Article {
	dated := &schema.Article{ID: "dated.txt", Outlet: &outletX, Published: "2019-04-20", ContentHash: "d", Lead: 0}
	dated.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), schema.Event{Kind: "ambush", Place: townA, Start: "2019-04-18", End: "2019-04-18"}, "The agency said it killed 20 on Thursday."),
		claim(&monitor, nil, schema.MetricBesieged, i64(500), i64(500), schema.Event{Kind: "siege", Place: townA, Start: "2019-04-19", End: "2019-04-19"}, "500 were besieged on Friday, the monitor said."),
	}
	undated := &schema.Article{ID: "undated.txt", Outlet: &outletY, PublishedWeekday: "Monday", ContentHash: "u", Lead: 0}
	undated.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(agencyToll), i64(agencyToll), rel(-4, -4), "The agency claimed to have killed them on Thursday."),
		claim(&monitor, nil, schema.MetricBesieged, i64(500), i64(500), rel(-3, -3), "Some 500 were besieged on Friday."),
	}
	docs := []*schema.Article{dated, undated}
	for _, d := range docs {
		d.IRI = schema.ArticleIRI(d.ID)
		d.Cited = []schema.Source{}
	}
	return docs
}

func TestAnchorUndatedArticle(t *testing.T) {
	qs, res := queries.LinkQuads(undatedFixture(20), queries.LinkOptions{})
	if res.Anchored != 1 {
		t.Fatalf("anchored %d articles, want 1", res.Anchored)
	}
	undated := quad.IRI(schema.ArticleIRI("undated.txt"))
	var day, why string
	for _, q := range qs {
		if q.Subject != undated {
			continue
		}
		switch q.Predicate {
		case quad.IRI(schema.AnchoredPublished):
			day = quad.ToString(q.Object)
		case quad.IRI(schema.AnchoredWhy):
			why = quad.ToString(q.Object)
		}
	}
	// the Monday that puts "Thursday" on 18 April
	if day != "2019-04-22" {
		t.Errorf("anchored on %q, want 2019-04-22 (%s)", day, why)
	}
	if !strings.Contains(why, "dated.txt") {
		t.Errorf("why %q does not name the dated report", why)
	}
	// anchored, the undated report's ambush joins the dated report's, and
	// its siege the siege: a day's incident and the next day's are two
	if res.Events != 2 {
		t.Errorf("%d linked events, want 2", res.Events)
	}
	members := map[string][]string{}
	for _, q := range qs {
		if q.Predicate == quad.IRI(schema.Member) && strings.Contains(string(q.Subject.(quad.IRI)), "/levent/") {
			members[string(q.Subject.(quad.IRI))] = append(members[string(q.Subject.(quad.IRI))], schema.ArticleIDFromIRI(string(q.Object.(quad.IRI))))
		}
	}
	for ev, arts := range members {
		if len(arts) != 2 || arts[0] == arts[1] {
			t.Errorf("linked event %s holds claims of %v, want one of each article", ev, arts)
		}
	}
}

func TestAnchorNeedsAgreement(t *testing.T) {
	// a toll that disagrees leaves one matching incident, the siege: one
	// match proves little (the same figure in the same town recurs), no date
	_, res := queries.LinkQuads(undatedFixture(90), queries.LinkOptions{})
	if res.Anchored != 0 {
		t.Errorf("anchored %d on the siege alone, want 0", res.Anchored)
	}
	// no dated report of any of its incidents: no date
	docs := undatedFixture(20)[1:]
	_, res = queries.LinkQuads(docs, queries.LinkOptions{})
	if res.Anchored != 0 {
		t.Errorf("anchored %d with nothing to anchor to, want 0", res.Anchored)
	}
}

func TestAnchorOneIncidentReadTwice(t *testing.T) {
	// the headline's "attack" and the body's "ambush" are one incident of
	// the undated article, matched by one dated report: not enough to date it
	dated := &schema.Article{ID: "dated.txt", Outlet: &outletX, Published: "2019-04-20", ContentHash: "d", Lead: 0}
	dated.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), schema.Event{Kind: "ambush", Place: townA, Start: "2019-04-18", End: "2019-04-18"}, "The agency said it killed 20 on Thursday."),
	}
	attack := rel(-4, -4)
	attack.Kind = "attack"
	undated := &schema.Article{ID: "undated.txt", Outlet: &outletY, PublishedWeekday: "Monday", ContentHash: "u", Lead: 0}
	undated.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), attack, "Group says it killed 20."),
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), rel(-4, -4), "The agency claimed to have killed 20 on Thursday."),
	}
	docs := []*schema.Article{dated, undated}
	for _, d := range docs {
		d.IRI = schema.ArticleIRI(d.ID)
		d.Cited = []schema.Source{}
	}
	if _, res := queries.LinkQuads(docs, queries.LinkOptions{}); res.Anchored != 0 {
		t.Errorf("anchored %d, want 0", res.Anchored)
	}
}

// TestBackwardWindows: events said to end before they start, or dated before
// 1970, are linked like any other (a synthesized archive once crashed the
// linker with "from May to March").
func TestBackwardWindows(t *testing.T) {
	var docs []*schema.Article
	for i, ev := range []schema.Event{
		{Kind: "attack", Place: townA, Start: "2019-05-01", End: "2018-03-01"},
		{Kind: "aggregate", Place: townA, Start: "2019-05-01", End: "2011-03-01"},
		{Kind: "aggregate", Place: townA, Start: "1962-05-01", End: "1961-03-01"},
		{Kind: "attack", Place: townA, Start: "1965-05-01", End: "1965-05-01"},
	} {
		for j := 0; j < 2; j++ {
			d := &schema.Article{ID: fmt.Sprintf("back-%d-%d.txt", i, j), Outlet: &outletX, Published: "2019-05-02", ContentHash: fmt.Sprint(i, j)}
			d.IRI = schema.ArticleIRI(d.ID)
			d.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(int64(20+i)), i64(int64(20+i)), ev, fmt.Sprintf("%d were killed, the monitor said (%d).", 20+i, j))}
			docs = append(docs, d)
		}
	}
	_, res := queries.LinkQuads(docs, queries.LinkOptions{})
	if res.Events == 0 || res.Events > 8 {
		t.Errorf("%d linked events of 8 reports", res.Events)
	}
}
