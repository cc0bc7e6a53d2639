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

// TestKeysOneSide: keys given only an index set makes the index keys it
// makes given both, and given only a probe set the probe keys, for units
// of every kind keys tells apart: dated and undated, timeless, a tally,
// unplaced, at a governorate, voters and an undated article anchoring
// dates. The fixture must reach every prefix, so that no branch is left
// untested.
func TestKeysOneSide(t *testing.T) {
	town := &schema.Place{ID: "town-a", Name: "Town A", Kind: "town", Admin1: "Aleppo", Lat: 36.2, Lon: 37.1, HasCoords: true}
	other := &schema.Place{ID: "town-b", Name: "Town B", Kind: "town", Admin1: "Homs", Lat: 34.7, Lon: 36.7, HasCoords: true}
	gov := &schema.Place{ID: "aleppo", Name: "Aleppo", Kind: "governorate", Admin1: "Aleppo"}
	article := func(id, published string, place *schema.Place, start string, n int64, aggregate bool) *schema.Article {
		return &schema.Article{
			ID: id, IRI: schema.ArticleIRI(id), Published: published, Lead: 0,
			Outlet: &schema.Source{ID: "outlet-" + id, Name: "Outlet " + id, Kind: "outlet"},
			Claims: []schema.Claim{{
				Metric: schema.MetricKilled, Figure: schema.Figure{Text: fmt.Sprint(n), Value: &n, Min: &n, Max: &n},
				Who: "civilians", Event: schema.Event{Kind: "air strike", Place: place, Start: start, End: start},
				Evidence: fmt.Sprintf("An air strike killed %d civilians, the monitor said (%s).", n, id), Attribution: "none",
				SubsetOf: -1, Section: "body", Aggregate: aggregate,
			}},
		}
	}
	undated := article("undated", "", town, "", 20, false)
	rel := int64(-2) // "on Saturday", of a Monday: anchorable
	undated.Claims[0].Event.RelStart, undated.Claims[0].Event.RelEnd = &rel, &rel
	docs := []*schema.Article{
		article("dated", "2019-04-20", town, "2019-04-18", 20, false),
		article("voter", "2019-04-19", town, "", 20, false),
		undated,
		article("timeless", "", other, "", 7, false),
		article("tally", "2019-04-30", gov, "", 300, true),
		article("unplaced", "2019-04-20", nil, "2019-04-18", 11, false),
		article("governorate", "2019-04-21", gov, "2019-04-20", 12, false),
	}
	l := newLinker(docs, Options{}, false)
	l.anchor(l.docs)
	l.windows()
	prefixes := map[string]bool{}
	for i := range l.units {
		u := &l.units[i]
		index, probe := keySet{}, keySet{}
		l.keys(u, index, probe)
		indexOnly, probeOnly := keySet{}, keySet{}
		l.keys(u, indexOnly, nil)
		l.keys(u, nil, probeOnly)
		if !reflect.DeepEqual(indexOnly, index) {
			t.Errorf("unit %s: index keys alone %v, want %v", u.event, indexOnly.sorted(), index.sorted())
		}
		if !reflect.DeepEqual(probeOnly, probe) {
			t.Errorf("unit %s: probe keys alone %v, want %v", u.event, probeOnly.sorted(), probe.sorted())
		}
		for k := range index {
			prefixes["index "+k[:2]] = true
		}
		for k := range probe {
			prefixes["probe "+k[:2]] = true
		}
	}
	for _, want := range []string{"d:", "c:", "p:", "t:", "v:", "u:"} {
		for _, side := range []string{"index ", "probe "} {
			if !prefixes[side+want] {
				t.Errorf("no unit has %s keys %q: the fixture no longer reaches that branch (have %v)", side, want, prefixes)
			}
		}
	}
}
