package loaders

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestInventedArticles extracts articles the team wrote in the styles of
// many outlets and years (testdata/invented: wire copy, state media,
// opposition, Kurdish, Turkish and Russian outlets, 2012–2023, every
// governorate), none of which the rules were tuned on, and wants each
// article's lead toll, its governorate and the day of its event as the
// team's gold gives them.
func TestInventedArticles(t *testing.T) {
	dir := filepath.Join("testdata", "invented")
	type gold struct {
		ID        string `json:"id"`
		Killed    int64  `json:"killed"`
		Admin1    string `json:"admin1"`
		EventDate string `json:"event_date"`
	}
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]gold{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		want[g.ID] = g
	}
	docs, _ := load(t, filepath.Join(dir, "articles.jsonl"))
	if len(docs) != len(want) {
		t.Fatalf("extracted %d articles, gold has %d", len(docs), len(want))
	}
	for _, d := range docs {
		g := want[d.ID]
		if d.Lead < 0 {
			t.Errorf("%s: no lead claim, want %d killed in %s", d.ID, g.Killed, g.Admin1)
			continue
		}
		c := d.Claims[d.Lead]
		var killed int64 = -1
		if c.Figure.Value != nil {
			killed = *c.Figure.Value
		}
		admin1 := ""
		if c.Event.Place != nil {
			admin1 = c.Event.Place.Admin1
		}
		if killed != g.Killed || admin1 != g.Admin1 || c.Event.Start != g.EventDate {
			t.Errorf("%s: lead %d killed in %q on %q (%q), want %d in %q on %q", d.ID, killed, admin1, c.Event.Start, c.Evidence, g.Killed, g.Admin1, g.EventDate)
		}
	}
}
