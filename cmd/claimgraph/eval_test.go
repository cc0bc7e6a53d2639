package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEvalTargets runs 'claimgraph eval' and holds extraction and linking to
// the targets they meet: the seed targets of the extraction and provenance
// issues, and the corpus figures reached so far as a floor against
// regressions.
func TestEvalTargets(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "seeds.gold.json")); err != nil {
		t.Skipf("shared gold not found at %s: %v", shared, err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed: the shared scorers need it")
	}
	var out bytes.Buffer
	if err := runEval(context.Background(), &out, evalOptions{Shared: shared, MinSeedF1: 0.95, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Seeds struct {
			Cited     struct{ Recall, Precision float64 } `json:"cited_sources"`
			Relations map[string]struct {
				Precision   float64 `json:"precision"`
				GroupRecall float64 `json:"group_recall"`
			} `json:"relations"`
		} `json:"seeds"`
		Corpus struct {
			Overall map[string]float64 `json:"overall"`
		} `json:"corpus"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if c := res.Seeds.Cited; c.Recall < 0.95 || c.Precision < 0.9 {
		t.Errorf("seed cited sources R %.3f P %.3f, want R >= 0.95, P >= 0.9", c.Recall, c.Precision)
	}
	// the provenance issue's targets for the relations linking finds
	if r := res.Seeds.Relations["contradictions"]; r.Precision < 0.8 || r.GroupRecall < 0.8 {
		t.Errorf("seed contradictions P %.3f, group recall %.3f, want both >= 0.8", r.Precision, r.GroupRecall)
	}
	if r := res.Seeds.Relations["corroborations"]; r.GroupRecall < 0.8 {
		t.Errorf("seed corroborations group recall %.3f, want >= 0.8", r.GroupRecall)
	}
	for k, floor := range map[string]float64{
		"killed_exact": 0.85, "location_on_specific_subset": 0.95, "date_on_reliable_subset": 0.99,
	} {
		if got := res.Corpus.Overall[k]; got < floor {
			t.Errorf("corpus %s = %.3f, below %.2f", k, got, floor)
		}
	}
}
