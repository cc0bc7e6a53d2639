package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

// TestRelationSidesInFull: on the seeds, every contradiction and update an
// event shows names claims the event detail carries in full, its own or
// related_claims (a date contradiction's other side lies in another
// event); before, the page could show only a bare id for that side.
func TestRelationSidesInFull(t *testing.T) {
	files := seedFiles(t)
	ctx := context.Background()
	s, err := graph.Open(ctx, "mem:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := runLoad(ctx, s, loadOptions{Paths: files, Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	h, err := server.New(s, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	get := func(path string, v interface{}) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
	}
	var page server.EventPage
	get("/api/events?limit=1000", &page)
	relations, outside := 0, 0
	for _, e := range page.Events {
		var d server.EventDetail
		get("/api/events/"+e.ID, &d)
		have := map[string]bool{}
		for _, c := range d.ClaimList {
			have[c.ID] = true
		}
		for _, c := range d.RelatedClaims {
			have[c.ID] = true
			outside++
		}
		for _, r := range append(append([]server.Contradiction{}, d.Contradictions...), d.Updates...) {
			relations++
			for _, id := range []string{r.A, r.B} {
				if !have[id] {
					t.Errorf("event %s: %s relation names claim %s, which the detail does not carry", e.Name, r.Kind, id)
				}
			}
		}
	}
	if relations == 0 || outside == 0 {
		t.Errorf("%d relations, %d sides outside their event: the seeds' date contradictions are not tested", relations, outside)
	}
}
