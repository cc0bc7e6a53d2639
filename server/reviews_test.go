package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

// TestEventReviews: GET /api/events/{id}/reviews gives the fact-checkers'
// reviews of the event and of its claims, and none of other events'.
func TestEventReviews(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	claimA := schema.ClaimIRI(schema.ArticleIRI("a.txt"), 1)
	claimD := schema.ClaimIRI(schema.ArticleIRI("d.txt"), 1)
	for _, r := range []schema.Review{
		{Target: claimA, Rating: "Mostly true", Explanation: "Hospital records list 26 dead.", URL: "https://checks.example/a", Author: "Jane Doe", Date: "2019-04-25"},
		{Target: claimD, Rating: "Unproven", Explanation: "No second source.", URL: "https://checks.example/d", Author: "Jane Doe", Date: "2019-04-25"},
	} {
		if _, err := s.WriteReview(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	h, err := server.New(s, server.Options{Log: &syncWriter{}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	var p server.EventPage
	if code := get(t, ts, "/api/events?place=as-sukhnah-homs", &p); code != http.StatusOK || len(p.Events) != 1 {
		t.Fatalf("GET /api/events?place=as-sukhnah-homs: %d, %d events", code, len(p.Events))
	}
	ev := p.Events[0]
	if _, err := s.WriteReview(ctx, schema.Review{Target: ev.IRI, Rating: "Misleading", Explanation: "Two ambushes, one toll.",
		URL: "https://checks.example/ev", Author: "Ali Checker", Date: "2019-04-26"}); err != nil {
		t.Fatal(err)
	}
	var rl server.ReviewList
	if code := get(t, ts, "/api/events/"+ev.ID+"/reviews", &rl); code != http.StatusOK {
		t.Fatalf("GET /api/events/%s/reviews: %d", ev.ID, code)
	}
	got := map[string]server.Review{}
	for _, r := range rl.Reviews {
		got[r.Item] = r
	}
	if len(rl.Reviews) != 2 || got[claimA].Rating != "Mostly true" || got[claimA].Claim != "a.txt:1" || got[claimA].Author != "Jane Doe" ||
		got[ev.IRI].Rating != "Misleading" || got[ev.IRI].Claim != "" || got[ev.IRI].URL != "https://checks.example/ev" {
		t.Errorf("reviews of the Sukhnah ambush: %+v, want a.txt's and the event's, not d.txt's", rl.Reviews)
	}
	if code := get(t, ts, "/api/events/nope/reviews", nil); code != http.StatusNotFound {
		t.Errorf("reviews of an unknown event: %d, want 404", code)
	}
}
