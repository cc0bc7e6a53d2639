package linking

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// TestVotedKeys: from an article's voter keys ("w:", written with its
// component) VotedKeys gives exactly the "u:" keys its voter units probe,
// which a relink probes when the article changed and its old text is gone;
// and each "v:" probe key of an undated article names, through VoterKey,
// the voter keys of the articles indexed under that "v:" key. Places with
// and without coordinates, in the south-west quadrant of a cell grid too
// (negative cells), and no place finer than the country.
func TestVotedKeys(t *testing.T) {
	places := []*schema.Place{
		{ID: "town-a", Name: "Town A", Kind: "town", Admin1: "Aleppo", Lat: 36.2, Lon: 37.1, HasCoords: true},
		{ID: "town-s", Name: "Town S", Kind: "town", Admin1: "South", Lat: -0.5, Lon: -1.2, HasCoords: true},
		{ID: "town-n", Name: "Town N", Kind: "town", Admin1: "Homs"},
		{ID: "syria", Name: "Syria", Kind: "country"},
	}
	var docs []*schema.Article
	for k, p := range places {
		n := int64(20 + 9*k)
		docs = append(docs, &schema.Article{
			ID: fmt.Sprintf("v%d", k), IRI: schema.ArticleIRI(fmt.Sprintf("v%d", k)), Published: "2019-04-20", Lead: 0,
			Outlet: &schema.Source{ID: "outlet", Name: "Outlet", Kind: "outlet"},
			Claims: []schema.Claim{{
				Metric: schema.MetricKilled, Figure: schema.Figure{Text: fmt.Sprint(n), Value: &n, Min: &n, Max: &n},
				Who: "civilians", Event: schema.Event{Kind: "attack", Place: p, Start: "2019-04-18", End: "2019-04-18"},
				Evidence: fmt.Sprintf("An attack killed %d civilians, the monitor said.", n), Attribution: "none", SubsetOf: -1, Section: "body",
			}},
		})
	}
	l := newLinker(docs, Options{}, false)
	l.anchor(l.docs)
	l.windows()
	tested := 0
	for i := range l.units {
		u := &l.units[i]
		voter, index, probe := keySet{}, keySet{}, keySet{}
		l.voterKeys(u, voter)
		l.keys(u, index, probe)
		var wantVoted, wantVoter []string
		for _, k := range probe.sorted() {
			if k[:2] == "u:" {
				wantVoted = append(wantVoted, k)
			}
		}
		for _, k := range index.sorted() {
			if k[:2] == "v:" {
				wk, ok := VoterKey(k)
				if !ok {
					t.Fatalf("VoterKey(%q): not a voter probe key", k)
				}
				wantVoter = append(wantVoter, wk)
			}
		}
		if len(wantVoted) == 0 {
			continue
		}
		tested++
		if got := voter.sorted(); !reflect.DeepEqual(got, wantVoter) {
			t.Errorf("%s: voter keys %v, want the v: index keys renamed %v", u.doc.ID, got, wantVoter)
		}
		if got := VotedKeys(voter.sorted()); !reflect.DeepEqual(got, wantVoted) {
			t.Errorf("%s: VotedKeys %v, want the u: probe keys %v", u.doc.ID, got, wantVoted)
		}
	}
	if tested != len(places) {
		t.Errorf("%d voter units, want %d: not every place is tested", tested, len(places))
	}
}
