package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// TestInventedIncidents loads articles the team wrote
// (queries/linking/testdata/invented: several outlets reporting the same
// incidents, and distractors in the same governorate on the same days) and
// holds linking to them: every incident's reports in one linked event, no
// two incidents in one, and the corroboration of each incident's lead toll
// counting its independent origins as the gold does. None of these articles
// was used to tune the rules.
func TestInventedIncidents(t *testing.T) {
	dir := filepath.Join("..", "..", "queries", "linking", "testdata", "invented")
	type incident struct {
		Incident string   `json:"incident"`
		Articles []string `json:"articles"`
		Origins  int      `json:"origins"`
	}
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var gold []incident
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g incident
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		gold = append(gold, g)
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, "mem:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := runLoad(ctx, s, loadOptions{Paths: []string{filepath.Join(dir, "articles.jsonl")}, Format: "json", Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	docs, err := queries.ReadArticles(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	lead := map[string]string{} // article id -> its lead claim IRI
	for _, d := range docs {
		if d.Lead >= 0 {
			lead[d.ID] = schema.ClaimIRI(d.IRI, d.Lead+1)
		}
	}
	evs, err := queries.Events(ctx, s, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	eventOf := map[string]string{}
	for _, e := range evs {
		for _, c := range e.Claims {
			eventOf[c] = e.Event
		}
	}
	cors, err := queries.Corroborations(ctx, s, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	incidentOf := map[string]string{} // linked event -> the incident whose lead it holds
	for _, g := range gold {
		var ev string
		for i, a := range g.Articles {
			l, ok := lead[a]
			if !ok {
				t.Errorf("%s %s: no lead claim", g.Incident, a)
				continue
			}
			e := eventOf[l]
			if i == 0 {
				ev = e
			} else if e != ev {
				t.Errorf("%s: %s's lead is not in the linked event of %s's", g.Incident, a, g.Articles[0])
			}
			if other := incidentOf[e]; other != "" && other != g.Incident {
				t.Errorf("%s and %s share a linked event", other, g.Incident)
			}
			incidentOf[e] = g.Incident
		}
		if len(g.Articles) < 2 {
			continue
		}
		// the corroboration that holds the most of the incident's leads
		best, n := -1, 0
		for k, c := range cors {
			m := 0
			for _, a := range g.Articles {
				for _, cl := range c.Claims {
					if cl == lead[a] {
						m++
					}
				}
			}
			if m > n {
				best, n = k, m
			}
		}
		if best < 0 {
			t.Errorf("%s: its leads are in no corroboration", g.Incident)
		} else if got := cors[best].IndependentOrigins; got != g.Origins {
			t.Errorf("%s: %d independent origins, want %d (%s)", g.Incident, got, g.Origins, cors[best].Why)
		}
	}
}
