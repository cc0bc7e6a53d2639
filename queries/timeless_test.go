package queries_test

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// TestTimelessNeedsFigureOrWording: a report with no date at all (neither
// its article's nor its incident's) joins a dated report of the same place
// and kind only when a figure or wording says it is the same incident: a
// place and a kind recur year after year, and pairing on them alone chained
// an archive's years into one component.
func TestTimelessNeedsFigureOrWording(t *testing.T) {
	timeless := schema.Event{Kind: "ambush", Place: townA}
	for _, tt := range []struct {
		name      string
		toll      int64
		wantOneEv bool
	}{
		{"place and kind only", 35, false},
		{"the same toll", 20, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dated := &schema.Article{ID: "dated.txt", Outlet: &outletX, Published: "2019-04-20", ContentHash: "d", Lead: 0}
			dated.Claims = []schema.Claim{claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), ambush18, "The agency said it killed 20 in the ambush.")}
			undated := &schema.Article{ID: "undated.txt", Outlet: &outletY, ContentHash: "u", Lead: 0}
			undated.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(tt.toll), i64(tt.toll), timeless, "Fighters died when their convoy was hit, a monitor reported.")}
			docs := []*schema.Article{dated, undated}
			for _, d := range docs {
				d.IRI = schema.ArticleIRI(d.ID)
				d.Cited = []schema.Source{}
			}
			qs, _ := queries.LinkQuads(docs, queries.LinkOptions{})
			members := map[quad.Value]map[string]bool{} // linked event -> articles of its claims
			for _, q := range qs {
				if c, ok := q.Object.(quad.IRI); ok && q.Predicate == quad.IRI(schema.Member) {
					if members[q.Subject] == nil {
						members[q.Subject] = map[string]bool{}
					}
					members[q.Subject][schema.ArticleIDFromIRI(string(c))] = true
				}
			}
			one := false
			for _, arts := range members {
				one = one || arts["dated.txt"] && arts["undated.txt"]
			}
			if one != tt.wantOneEv {
				t.Errorf("one linked event or relation holds both reports: %v, want %v", one, tt.wantOneEv)
			}
		})
	}
}
