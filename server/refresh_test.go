package server_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

// TestRefreshInBackground checks that once the snapshot is older than
// Options.Refresh a request is answered from it while the store is read
// again in the background, and that the new snapshot answers later.
func TestRefreshInBackground(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	h, err := server.New(s, server.Options{Refresh: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	sources := func() int {
		var r server.SearchAnswer
		if code := get(t, ts, "/api/search?q=zeta", &r); code != 200 {
			t.Fatalf("GET /api/search: %d", code)
		}
		return len(r.Sources)
	}
	if n := sources(); n != 0 {
		t.Fatalf("before the write: %d sources match zeta, want 0", n)
	}
	// an article written into the store, not through the server
	zeta := schema.Source{ID: "zeta", Name: "Zeta Monitor", Kind: "monitor"}
	a := articles()[3]
	a.ID, a.IRI, a.ContentHash = "e.txt", schema.ArticleIRI("e.txt"), "e.txt"
	a.Cited = []schema.Source{zeta}
	a.Claims[0].Claimant = &zeta
	w := s.NewWriter(ctx, graph.WriterOptions{})
	if _, err := w.WriteQuads(schema.Quads(a)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the snapshot is now older than Refresh
	if n := sources(); n != 0 {
		t.Errorf("the request after Refresh read the store again and waited (%d sources match zeta); want the old snapshot's answer", n)
	}
	deadline := time.Now().Add(30 * time.Second)
	for sources() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the snapshot was not read again in the background within 30s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEventsSortedByClaims checks the order of /api/events?sort=claims:
// most claims first, then by date, with filters and pages.
func TestEventsSortedByClaims(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	var byDate server.EventPage
	get(t, ts, "/api/events", &byDate)
	if len(byDate.Events) != 2 || byDate.Events[0].Claims >= byDate.Events[1].Claims {
		t.Fatalf("fixture: want two events, the earlier with fewer claims: %+v", byDate.Events)
	}
	attack, ambush := byDate.Events[0].Name, byDate.Events[1].Name // as eventIDs lists them
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"sort=claims", []string{ambush, attack}},
		{"sort=claims&source=al-masdar", []string{ambush, attack}},
		{"sort=claims&source=al-masdar&offset=1", []string{attack}},
		{"sort=claims&source=al-masdar&limit=1", []string{ambush}},
		{"source=al-masdar&offset=1&limit=1", []string{ambush}},
		{"source=al-masdar&limit=1", []string{attack}},
		{"sort=claims&place=homs&offset=2", nil},
		{"sort=claims&offset=1", []string{attack}},
		{"sort=claims&limit=1", []string{ambush}},
		{"sort=claims&q=attack", []string{attack}},
		{"sort=claims&offset=2", nil},
	} {
		var p server.EventPage
		if code := get(t, ts, "/api/events?"+c.query, &p); code != 200 || !equal(eventIDs(p), c.want) {
			t.Errorf("GET /api/events?%s: %d %v, want %v", c.query, code, eventIDs(p), c.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
