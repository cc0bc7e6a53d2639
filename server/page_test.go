package server_test

import (
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

// serveArticles serves a linked memory store holding arts.
func serveArticles(t *testing.T, arts []*schema.Article) *httptest.Server {
	t.Helper()
	h, err := server.New(fixtureOf(t, arts), server.Options{Log: &syncWriter{}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// withEarlyRelay is the fixture and a third article carrying SOHR's 27
// (through Rami Abdel Rahman and AFP), published a day before the others.
func withEarlyRelay() []*schema.Article {
	arts := articles()
	c := arts[0].Claims[0]
	c.Evidence = "SOHR's Rami Abdel Rahman told AFP that 27 soldiers died."
	return append(arts, &schema.Article{ID: "e.txt", Title: "Ambush near Sukhnah", Published: "2019-04-19", URL: "https://example.org/e",
		Outlet: &masdar, Cited: []schema.Source{afp, rami}, Lead: 0, Claims: []schema.Claim{c}})
}

// TestCircular: the event carries its circular reporting, one group per
// origin, the articles that relayed it in order of publication (the
// earliest first, whatever their ids), each with its claims, figures and
// the relays inside the article.
func TestCircular(t *testing.T) {
	ts := serveArticles(t, withEarlyRelay())
	var page server.EventPage
	get(t, ts, "/api/events?place=Sukhnah", &page)
	if page.Total != 1 {
		t.Fatalf("Sukhnah events: %d, want 1", page.Total)
	}
	if page.Events[0].Circular != 1 {
		t.Errorf("event summary: circular = %d, want 1", page.Events[0].Circular)
	}
	var d server.EventDetail
	get(t, ts, "/api/events/"+page.Events[0].ID, &d)
	if len(d.CircularList) != 1 {
		t.Fatalf("circular_list: %+v, want one group (SOHR's)", d.CircularList)
	}
	r := d.CircularList[0]
	if r.Origin != "sohr" || r.OriginName != sohr.Name || r.Why == "" || r.IndependentOrigins != 2 {
		t.Errorf("group: origin %q %q, independent origins %d, why %q", r.Origin, r.OriginName, r.IndependentOrigins, r.Why)
	}
	if want := []string{"e.txt:1", "a.txt:1", "c.txt:1"}; !reflect.DeepEqual(r.Claims, want) {
		t.Errorf("claims %v, want %v (in order of publication)", r.Claims, want)
	}
	var arts, dates []string
	for _, rel := range r.Relays {
		arts, dates = append(arts, rel.Article.ID), append(dates, rel.Article.Published)
		if len(rel.Figures) != 1 || rel.Figures[0] != "27 killed" {
			t.Errorf("%s: figures %q, want [27 killed]", rel.Article.ID, rel.Figures)
		}
	}
	if want := []string{"e.txt", "a.txt", "c.txt"}; !reflect.DeepEqual(arts, want) {
		t.Errorf("relays %v (%v), want %v", arts, dates, want)
	}
	if len(r.Relays) == 3 {
		if v := r.Relays[0].Via; len(v) != 1 || v[0].ID != "afp" || r.Relays[0].Article.OutletNm != masdar.Name {
			t.Errorf("first relay: via %+v, outlet %q; want AFP, %s", v, r.Relays[0].Article.OutletNm, masdar.Name)
		}
		if v := r.Relays[2].Via; len(v) != 0 {
			t.Errorf("c.txt quotes SOHR directly; via %+v", v)
		}
	}
}
