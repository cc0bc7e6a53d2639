package queries_test

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

// linkingText is every linking quad of s (head, components, their keys and
// members), as sorted N-Quads.
func linkingText(t *testing.T, s *graph.Store) string {
	t.Helper()
	ctx := context.Background()
	labels, err := s.In(ctx, quad.IRI(schema.ClassLinkComponent), schema.Type)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range append([]quad.Value{quad.IRI(schema.LinkingIRI)}, labels...) {
		qs, err := s.ArticleQuads(ctx, string(l.(quad.IRI)))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			lines = append(lines, q.NQuad())
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// memStore returns an empty in-memory store, closed when the test ends.
func memStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), "mem:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// writeArticles writes ds into s in one writer.
func writeArticles(t *testing.T, s *graph.Store, ds ...*schema.Article) {
	t.Helper()
	w := s.NewWriter(context.Background(), graph.WriterOptions{})
	for _, d := range ds {
		if _, err := w.WriteQuads(schema.Quads(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// fullLink links ds in a store of their own, closed on return, and
// returns its linking quads (linkingText) and the link's counts.
func fullLink(t *testing.T, ds ...*schema.Article) (string, queries.LinkResult) {
	t.Helper()
	s, err := graph.Open(context.Background(), "mem:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeArticles(t, s, ds...)
	res, err := queries.Link(context.Background(), s, queries.LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return linkingText(t, s), res
}

// TestRelinkAnchoring: an undated article dated by another article's
// report, loaded before or after it, and the dating article deleted again:
// each incremental relink (queries.Relink) writes what a full link of the
// same articles writes. The dating article reaches the undated one through
// the anchoring keys only (no shared day or place).
func TestRelinkAnchoring(t *testing.T) {
	ctx := context.Background()
	docs := undatedFixture(20)
	dated, undated := docs[0], docs[1]
	// the undated report's town is another, near the dated one's: they
	// share no place key, only the anchoring keys of their figures
	for i := range undated.Claims {
		undated.Claims[i].Event.Place = townB
	}
	relink := func(s *graph.Store, iris ...string) queries.LinkResult {
		res, err := queries.Relink(ctx, s, iris, queries.LinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	both, _ := fullLink(t, dated, undated)
	if !strings.Contains(both, schema.AnchoredPublished) {
		t.Fatal("the fixture's undated article is not anchored: nothing is tested")
	}
	for _, order := range [][]*schema.Article{{dated, undated}, {undated, dated}} {
		s := memStore(t)
		writeArticles(t, s, order[0])
		relink(s, order[0].IRI)
		writeArticles(t, s, order[1])
		if res := relink(s, order[1].IRI); res.Full {
			t.Errorf("%s after %s: relinked in full", order[1].ID, order[0].ID)
		}
		if got := linkingText(t, s); got != both {
			t.Errorf("%s, then %s: linking differs from a full link", order[0].ID, order[1].ID)
		}
		if order[0] != dated {
			continue
		}
		// the dating article goes: the undated one loses its date
		if _, err := s.Delete(ctx, dated.IRI); err != nil {
			t.Fatal(err)
		}
		relink(s, dated.IRI)
		if want, _ := fullLink(t, undated); linkingText(t, s) != want {
			t.Error("after deleting the dating article: linking differs from a full link")
		}
	}
}

// TestRelinkReadsVoters: the reports that vote for an undated article's day
// are read as context, not joined into its component, and a relink still
// writes what a full link writes. An undated article is dated by a 2019
// report; a report of 2027 with the same incidents votes for a Monday of
// 2027 as strongly, so the article is left undated; deleting either voter
// dates it by the other. The three articles stay in three components (the
// undated article's towns are near the reports', not theirs, so it is
// joined to neither while undated), and each relink after a load or delete
// matches a full link of the same articles.
func TestRelinkReadsVoters(t *testing.T) {
	ctx := context.Background()
	docs := undatedFixture(20)
	dated, undated := docs[0], docs[1]
	for i := range undated.Claims {
		undated.Claims[i].Event.Place = townB
	}
	later := &schema.Article{ID: "later.txt", Outlet: &outletX, Published: "2027-04-17", ContentHash: "l", Lead: 0,
		IRI: schema.ArticleIRI("later.txt"), Cited: []schema.Source{}}
	later.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), schema.Event{Kind: "ambush", Place: townA, Start: "2027-04-15", End: "2027-04-15"}, "The agency said it killed 20 on Thursday."),
		claim(&monitor, nil, schema.MetricBesieged, i64(500), i64(500), schema.Event{Kind: "siege", Place: townA, Start: "2027-04-16", End: "2027-04-16"}, "500 were besieged on Friday, the monitor said."),
	}
	if _, res := fullLink(t, dated, undated); res.Anchored != 1 {
		t.Fatalf("dated alone: anchored %d, want 1: nothing is tested", res.Anchored)
	}
	if _, res := fullLink(t, later, undated); res.Anchored != 1 {
		t.Fatalf("later alone: anchored %d, want 1: nothing is tested", res.Anchored)
	}
	all, res := fullLink(t, dated, undated, later)
	if res.Anchored != 0 {
		t.Fatalf("two days as good: anchored %d, want 0", res.Anchored)
	}
	if res.Components != 3 {
		t.Errorf("%d components, want 3: voting joins no components", res.Components)
	}
	for _, order := range [][]*schema.Article{{dated, undated, later}, {undated, later, dated}, {later, dated, undated}} {
		s := memStore(t)
		name := relinkInOrder(t, s, order)
		if linkingText(t, s) != all {
			t.Errorf("%s: differs from a full link of the three", name)
		}
		// a voter goes: the article is dated by the other
		gone, stays := order[0], later
		if gone == later || gone == undated {
			gone, stays = later, dated
		}
		if _, err := s.Delete(ctx, gone.IRI); err != nil {
			t.Fatal(err)
		}
		if _, err := queries.Relink(ctx, s, []string{gone.IRI}, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		want, res := fullLink(t, stays, undated)
		if res.Anchored != 1 {
			t.Fatalf("after deleting %s: anchored %d, want 1", gone.ID, res.Anchored)
		}
		if got := linkingText(t, s); got != want {
			t.Errorf("%s: after deleting %s, linking differs from a full link", name, gone.ID)
		}
	}
}

// TestRelinkTimelessContext: a report with no date at all is weighed
// against the reports of its place in every year, but joins the component
// of the one it merges with only; the others are context it reads. Two
// dated reports of a chemical attack in one town, eight years apart, and an
// undated report of it: in every load order, and after deleting either
// dated report (the undated one then merges with the other, which a relink
// reads as context and must link with it), the incremental linking is what
// a full link of the same articles writes, and the three articles never
// make one component.
func TestRelinkTimelessContext(t *testing.T) {
	ctx := context.Background()
	early, late, undated := timelessFixture()
	all, res := fullLink(t, early, late, undated)
	if res.Events != 2 || res.Components != 2 {
		t.Fatalf("%d events in %d components, want 2 and 2: the undated report merges with one dated report, and only its component joins", res.Events, res.Components)
	}
	for _, order := range [][]*schema.Article{{early, late, undated}, {undated, early, late}, {late, undated, early}} {
		s := memStore(t)
		name := relinkInOrder(t, s, order)
		if linkingText(t, s) != all {
			t.Errorf("%s: differs from a full link of the three", name)
		}
		for _, gone := range []*schema.Article{early, late} {
			s := memStore(t)
			writeArticles(t, s, order...)
			if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Delete(ctx, gone.IRI); err != nil {
				t.Fatal(err)
			}
			res, err := queries.Relink(ctx, s, []string{gone.IRI}, queries.LinkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Full {
				t.Errorf("%s: deleting %s relinked in full", name, gone.ID)
			}
			stays := early
			if gone == early {
				stays = late
			}
			want, wres := fullLink(t, stays, undated)
			if wres.Events != 1 {
				t.Fatalf("%s and the undated report: %d events, want 1", stays.ID, wres.Events)
			}
			if got := linkingText(t, s); got != want {
				t.Errorf("%s: after deleting %s, linking differs from a full link", name, gone.ID)
			}
		}
	}
}

// timelessFixture returns two dated reports of a chemical attack in one
// town, eight years apart, and an undated report of it, each in its own
// words (not copies).
func timelessFixture() (early, late, undated *schema.Article) {
	attack := func(id, published, day string) *schema.Article {
		d := &schema.Article{ID: id, Outlet: &outletX, Published: published, ContentHash: id, Lead: 0,
			IRI: schema.ArticleIRI(id), Cited: []schema.Source{}}
		ev := schema.Event{Kind: "chemical", Place: townA, Start: day, End: day}
		d.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(86), i64(86), ev, "86 people were killed in the chemical attack, the monitor told "+id)}
		return d
	}
	early = attack("early.txt", "2019-04-05", "2019-04-04")
	late = attack("late.txt", "2027-04-05", "2027-04-04")
	undated = attack("undated.txt", "", "")
	undated.Outlet = &outletY
	return early, late, undated
}

// TestAgainSplitsAsLinkWith: after LinkWith promotes context articles, the
// relink splits the same articles otherwise; Output.Again then gives what
// LinkWith gives on the new split, without linking again, and refuses any
// other articles. The undated report of timelessFixture, given alone with
// both dated ones as context, merges with one of them, which is promoted.
func TestAgainSplitsAsLinkWith(t *testing.T) {
	early, late, undated := timelessFixture()
	first := linking.LinkWith([]*schema.Article{undated}, []*schema.Article{early, late}, nil, linking.Options{})
	if len(first.Promote) != 1 {
		t.Fatalf("promoted %v, want one dated report: nothing is tested", first.Promote)
	}
	merged, other := early, late
	if first.Promote[0] == late.IRI {
		merged, other = late, early
	}
	docs, context := []*schema.Article{undated, merged}, []*schema.Article{other}
	got, ok := first.Again(docs, context)
	if !ok {
		t.Fatal("Again refused the same articles split otherwise")
	}
	want := linking.LinkWith(docs, context, nil, linking.Options{})
	if len(want.Promote) != 0 || len(want.Components) == 0 {
		t.Fatalf("LinkWith on the new split: promote %v, %d components", want.Promote, len(want.Components))
	}
	gotQuads, _ := got.All()
	wantQuads, _ := want.All()
	if got.Result != want.Result || !reflect.DeepEqual(gotQuads, wantQuads) {
		t.Errorf("Again differs from LinkWith:\n got %+v\nwant %+v", got.Result, want.Result)
	}
	copied := *other
	for name, split := range map[string][2][]*schema.Article{
		"an article left out":   {docs, nil},
		"an article added":      {docs, []*schema.Article{other, timelessFixtureExtra()}},
		"an article read again": {docs, []*schema.Article{&copied}},
		"an article twice":      {[]*schema.Article{undated, merged, other}, []*schema.Article{other}},
	} {
		first := linking.LinkWith([]*schema.Article{undated}, []*schema.Article{early, late}, nil, linking.Options{})
		if _, ok := first.Again(split[0], split[1]); ok {
			t.Errorf("%s: Again did not refuse", name)
		}
	}
	if _, ok := want.Again(docs, context); ok {
		t.Error("Again on an output with nothing promoted did not refuse")
	}
}

// timelessFixtureExtra is a report of another town, for
// TestAgainSplitsAsLinkWith.
func timelessFixtureExtra() *schema.Article {
	d := &schema.Article{ID: "extra.txt", Outlet: &outletX, Published: "2019-04-05", ContentHash: "extra", Lead: 0,
		IRI: schema.ArticleIRI("extra.txt"), Cited: []schema.Source{}}
	ev := schema.Event{Kind: "shelling", Place: townB, Start: "2019-04-04", End: "2019-04-04"}
	d.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(3), i64(3), ev, "Shelling killed three, the monitor said.")}
	return d
}

// relinkInOrder loads order's articles into s one at a time, relinking each
// as a load does, and checks after each that the linking is what a full
// link of those loaded so far gives. It returns the order's name.
func relinkInOrder(t *testing.T, s *graph.Store, order []*schema.Article) string {
	t.Helper()
	var ids []string
	for _, d := range order {
		ids = append(ids, d.ID)
	}
	name := strings.Join(ids, ",")
	for i, d := range order {
		writeArticles(t, s, d)
		if _, err := queries.Relink(context.Background(), s, []string{d.IRI}, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		if want, _ := fullLink(t, order[:i+1]...); linkingText(t, s) != want {
			t.Errorf("%s: after loading %s, linking differs from a full link", name, d.ID)
		}
	}
	return name
}

// TestRelinkCopies: copies of one text (the same claim sentences) are one
// report while their days chain within a week, and an undated copy joins
// the earliest run. A relink finds a dated copy's run by the weeks around
// its day and the undated copies by their own key, not every copy of the
// text in any year; in every load order, and after deleting any one, the
// linking is what a full link of the same articles writes.
func TestRelinkCopies(t *testing.T) {
	ctx := context.Background()
	copyOf := func(id, published string) *schema.Article {
		d := &schema.Article{ID: id, Outlet: &outletX, Published: published, ContentHash: id, Lead: 0,
			IRI: schema.ArticleIRI(id), Cited: []schema.Source{}}
		ev := schema.Event{Kind: schema.KindWar, Place: townA} // the war's toll: no keys but the copies'
		d.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(14), i64(14), ev, "Shelling killed 14 people in the town, the monitor said.")}
		return d
	}
	first := copyOf("first.txt", "2019-04-01")
	second := copyOf("second.txt", "2019-04-06") // the same run
	rerun := copyOf("rerun.txt", "2021-04-01")   // two years on: a run of its own
	undated := copyOf("undated.txt", "")         // joins the earliest run
	all := []*schema.Article{first, second, rerun, undated}
	if _, res := fullLink(t, all...); res.Components != 2 {
		t.Fatalf("%d components, want 2: the first run with the undated copy, the rerun", res.Components)
	}
	for _, order := range [][]*schema.Article{{first, second, rerun, undated}, {undated, rerun, second, first},
		{rerun, undated, first, second}, {second, undated, rerun, first}} {
		relinkInOrder(t, memStore(t), order)
	}
	// each alone, and the whole first run: the undated copy then joins the rerun
	for _, gone := range [][]*schema.Article{{first}, {second}, {rerun}, {undated}, {first, second}} {
		s := memStore(t)
		writeArticles(t, s, all...)
		if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		var iris, ids []string
		for _, d := range gone {
			if _, err := s.Delete(ctx, d.IRI); err != nil {
				t.Fatal(err)
			}
			iris, ids = append(iris, d.IRI), append(ids, d.ID)
		}
		if _, err := queries.Relink(ctx, s, iris, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		var rest []*schema.Article
		for _, d := range all {
			if !slices.Contains(gone, d) {
				rest = append(rest, d)
			}
		}
		if want, _ := fullLink(t, rest...); linkingText(t, s) != want {
			t.Errorf("after deleting %s, linking differs from a full link", strings.Join(ids, " and "))
		}
	}
}

// TestRelinkLeavesIndependentComponents: a new article relinks the
// components it depends on (linking.Dependents), not every component its
// keys meet. Two reports of one week in one governorate, an ambush in one
// town and a siege in another, are two components; a wire's report of the
// ambush joins the first. Its keys meet the siege's component too, which a
// relink leaves alone (it reads two articles, not three), and the linking is
// what a full link writes, after the load and after deleting it again.
func TestRelinkLeavesIndependentComponents(t *testing.T) {
	ctx := context.Background()
	ambush := oneClaim("ambush.txt", "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "27 soldiers were killed in the ambush, the monitor said."))
	siege := oneClaim("siege.txt", "2019-04-20", claim(&agency, nil, schema.MetricBesieged, i64(500), i64(500),
		schema.Event{Kind: "siege", Place: townB, Start: "2019-04-19", End: "2019-04-19"}, "500 were besieged in Town B, the agency said."))
	relay := oneClaim("relay.txt", "2019-04-21", claim(&wire, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "The ambush killed 27 soldiers, the wire reported."))

	s := memStore(t)
	writeArticles(t, s, ambush, siege)
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	// the relay's keys meet the siege's component: else nothing is tested
	comps, err := s.In(ctx, quad.IRI(siege.IRI), schema.LinksArticle)
	if err != nil || len(comps) != 1 {
		t.Fatalf("the siege's component: %v, %v", comps, err)
	}
	met := false
	for _, k := range linking.Probes([]*schema.Article{relay}, linking.Options{}) {
		found, err := s.Out(ctx, quad.IRI(schema.LinkKeyIRI(k)), schema.LinkKeyOf)
		if err != nil {
			t.Fatal(err)
		}
		met = met || slices.Contains(found, comps[0])
	}
	if !met {
		t.Fatal("the relay's probe keys do not meet the siege's component: nothing is tested")
	}

	writeArticles(t, s, relay)
	res, err := queries.Relink(ctx, s, []string{relay.IRI}, queries.LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all, full := fullLink(t, ambush, siege, relay)
	if full.Components != 2 {
		t.Fatalf("a full link of the three: %d components, want 2", full.Components)
	}
	if res.Articles != 2 {
		t.Errorf("the relink read %d articles, want 2 (the relay and the ambush's report)", res.Articles)
	}
	if got := linkingText(t, s); got != all {
		t.Error("after loading the relay: linking differs from a full link")
	}
	if _, err := s.Delete(ctx, relay.IRI); err != nil {
		t.Fatal(err)
	}
	if _, err := queries.Relink(ctx, s, []string{relay.IRI}, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	if want, _ := fullLink(t, ambush, siege); linkingText(t, s) != want {
		t.Error("after deleting the relay: linking differs from a full link")
	}
}

// TestRelinkDateDispute: two reports of one town's fall, dated four days
// apart (a date contradiction, which joins their components), share no
// day: a relink after loading either finds the other by its date keys and
// must link them together (linking.Dependents: datePair). In both orders
// the linking is what a full link writes.
func TestRelinkDateDispute(t *testing.T) {
	docs := fixture()
	a3, a4 := docs[2], docs[3]
	all, res := fullLink(t, a3, a4)
	if res.Contradictions == 0 || res.Components != 1 {
		t.Fatalf("a full link of a3 and a4: %d contradictions, %d components; want a date contradiction joining them: nothing is tested", res.Contradictions, res.Components)
	}
	for _, order := range [][]*schema.Article{{a3, a4}, {a4, a3}} {
		s := memStore(t)
		name := relinkInOrder(t, s, order)
		if linkingText(t, s) != all {
			t.Errorf("%s: differs from a full link", name)
		}
	}
}

// TestRelinkAnchoredDependent: an undated article dated by votes is linked
// on the day it was given; a new report of its incident on that day (an
// open figure, so no vote) depends on it through that day only. A relink
// after loading the new report reads the anchored day from the store
// (linking.Dependents) and links the two together, as a full link does.
func TestRelinkAnchoredDependent(t *testing.T) {
	docs := undatedFixture(20)
	dated, undated := docs[0], docs[1]
	for i := range undated.Claims {
		undated.Claims[i].Event.Place = townB
	}
	// a town near Town B, not near Town A
	townC := &schema.Place{ID: "town-c", Name: "Town C", Kind: "town", Admin1: "Homs", Within: "g-homs", WithinName: "Homs", Lat: 35.6, Lon: 38.7, HasCoords: true}
	later := &schema.Article{ID: "townc.txt", Outlet: &outletY, Published: "2019-04-23", ContentHash: "tc", Lead: 0,
		IRI: schema.ArticleIRI("townc.txt"), Cited: []schema.Source{}}
	later.Claims = []schema.Claim{
		claim(&agency, nil, schema.MetricKilled, i64(20), nil, schema.Event{Kind: "ambush", Place: townC, Start: "2019-04-18", End: "2019-04-18"}, "The agency claimed to have killed at least 20 on Thursday."),
	}
	all, res := fullLink(t, dated, undated, later)
	if res.Anchored != 1 {
		t.Fatalf("anchored %d, want 1: nothing is tested", res.Anchored)
	}
	// later depends on undated through its anchored day only
	if _, res := fullLink(t, undated, later); res.Components != 2 {
		t.Fatalf("undated and the new report, undated not anchored: %d components, want 2: nothing is tested", res.Components)
	}
	s := memStore(t)
	name := relinkInOrder(t, s, []*schema.Article{dated, undated, later})
	if linkingText(t, s) != all {
		t.Errorf("%s: differs from a full link", name)
	}
}

// TestRelinkVoterThatIsAnchorable: an undated article whose incident has
// both a date of its own and a relative day ("on the 10th", "on Thursday",
// merged into one report) votes for another undated article's day and is
// voted for. Its component must be indexed as a voter too (rules link-12),
// so that a relink of the article it votes for reads it as context, as a
// full link does. Found by a randomized comparison of relinks with full
// links; it failed before link-12.
func TestRelinkVoterThatIsAnchorable(t *testing.T) {
	both := &schema.Article{ID: "both.txt", Outlet: &outletX, PublishedWeekday: "Monday", ContentHash: "both",
		IRI: schema.ArticleIRI("both.txt"), Cited: []schema.Source{}}
	both.Claims = []schema.Claim{
		claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), schema.Event{Kind: "ambush", Place: govHoms, Start: "2019-04-10", End: "2019-04-10"}, "An ambush killed 27 soldiers on the 10th."),
		claim(&monitor, nil, schema.MetricKilled, i64(20), nil, rel(-4, -4), "At least 20 were killed on Thursday."),
	}
	both.Claims[1].Event.Kind, both.Claims[1].Event.Place = "attack", townA
	reader := &schema.Article{ID: "reader.txt", Outlet: &outletY, PublishedWeekday: "Monday", ContentHash: "reader",
		IRI: schema.ArticleIRI("reader.txt"), Cited: []schema.Source{}}
	reader.Claims = []schema.Claim{claim(&agency, nil, schema.MetricKilled, i64(27), i64(27), rel(-4, -4), "The agency said it killed 27 soldiers on Thursday.")}
	reader.Claims[0].Event.Kind, reader.Claims[0].Event.Place = "ambush", govHoms
	want, _ := fullLink(t, both, reader)
	if !strings.Contains(want, "<"+schema.LinkVoterKey+"> <"+both.IRI+">") {
		t.Fatal("a full link: both.txt is not indexed as a voter: nothing is tested")
	}
	s := memStore(t)
	writeArticles(t, s, both)
	if _, err := queries.Link(context.Background(), s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	writeArticles(t, s, reader)
	if _, err := queries.Relink(context.Background(), s, []string{reader.IRI}, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := linkingText(t, s); got != want {
		t.Errorf("relink differs from a full link:\nwant %s\ngot  %s", want, got)
	}
}

// TestRelinkKeepsLabel: an article that joins a component leaves the
// component its label (named after its least article), so that the relink
// replaces the component's changed quads instead of writing all of them
// under a new label and removing the old one; an article less than every
// other renames it.
func TestRelinkKeepsLabel(t *testing.T) {
	ctx := context.Background()
	ambush := oneClaim("b-ambush.txt", "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "27 soldiers were killed in the ambush, the monitor said."))
	relay := oneClaim("c-relay.txt", "2019-04-21", claim(&wire, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "The ambush killed 27 soldiers, the wire reported."))
	early := oneClaim("a-early.txt", "2019-04-20", claim(&wire, nil, schema.MetricKilled, i64(27), i64(27), ambush18, "An ambush killed 27 soldiers, the wire said."))

	s := memStore(t)
	writeArticles(t, s, ambush)
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	labelOf := func(a *schema.Article) quad.Value {
		t.Helper()
		comps, err := s.In(ctx, quad.IRI(a.IRI), schema.LinksArticle)
		if err != nil || len(comps) != 1 {
			t.Fatalf("the component of %s: %v, %v", a.ID, comps, err)
		}
		return comps[0]
	}
	before := labelOf(ambush)
	for _, step := range []struct {
		add     *schema.Article
		removed int
		renamed bool
	}{{relay, 0, false}, {early, 1, true}} {
		writeArticles(t, s, step.add)
		res, err := queries.Relink(ctx, s, []string{step.add.IRI}, queries.LinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if labelOf(step.add) != labelOf(ambush) {
			t.Fatalf("%s: not linked with the ambush's report: nothing is tested", step.add.ID)
		}
		if res.Rewritten != 1 || res.Removed != step.removed {
			t.Errorf("%s: %d rewritten, %d removed; want 1, %d", step.add.ID, res.Rewritten, res.Removed, step.removed)
		}
		// a component kept under its label is written as the quads that changed
		if !step.renamed && (res.Added == 0 || res.Added >= res.Quads) {
			t.Errorf("%s: %d quads added of the component's %d: want what changed only", step.add.ID, res.Added, res.Quads)
		}
		if got := labelOf(ambush); (got != before) != step.renamed {
			t.Errorf("%s: the component's label went from %v to %v", step.add.ID, before, got)
		}
	}
	if want, _ := fullLink(t, ambush, relay, early); linkingText(t, s) != want {
		t.Error("linking differs from a full link")
	}
	if res, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil || res.Added != 0 || res.Deleted != 0 {
		t.Errorf("linking again: %d quads added, %d deleted (%v); want none", res.Added, res.Deleted, err)
	}
}

// TestRelinkCopyBecomesReport: an undated article that copies a dated
// one's sentences is a copy of its report, and a copy's claims are not
// compared for dates. When the dated article is replaced by another text,
// the copy becomes a report of its own, whose dated claim contradicts the
// date of a report in another component. The relink must find that
// component through the copy's keys, though the copy did not change.
func TestRelinkCopyBecomesReport(t *testing.T) {
	ctx := context.Background()
	townB := &schema.Place{ID: "town-b", Name: "Town B", Kind: "town", Admin1: "Homs", Within: "g-homs", WithinName: "Homs", Lat: 35.2, Lon: 38.8, HasCoords: true}
	text := "Twenty soldiers were killed in an ambush near Town B, the monitor said."
	on := func(day string) schema.Event { return schema.Event{Kind: "ambush", Place: townB, Start: day, End: day} }
	first := oneClaim("first.txt", "2019-04-11", claim(&monitor, nil, schema.MetricKilled, i64(20), i64(20), on("2019-03-01"), text))
	copied := oneClaim("copy.txt", "", claim(&monitor, nil, schema.MetricKilled, i64(20), i64(20), on("2019-04-10"), text))
	later := oneClaim("later.txt", "2019-04-23", claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), on("2019-04-22"), "The group said it killed 20 soldiers at Town B."))
	rewritten := oneClaim("first.txt", "2019-04-11", claim(&agency, nil, schema.MetricKilled, i64(7), i64(7), on("2019-03-01"), "Seven soldiers died at Town B, the group said."))
	rewritten.ContentHash = "rewritten"

	s := memStore(t)
	writeArticles(t, s, first, copied, later)
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, full := fullLink(t, first, copied, later); full.Contradictions != 0 {
		t.Fatalf("before: %d contradictions, want none (the copy's date is not compared): nothing is tested", full.Contradictions)
	}
	if _, err := s.Delete(ctx, first.IRI); err != nil {
		t.Fatal(err)
	}
	writeArticles(t, s, rewritten)
	if _, err := queries.Relink(ctx, s, []string{first.IRI}, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	want, full := fullLink(t, rewritten, copied, later)
	if full.Contradictions == 0 {
		t.Fatal("after: no date contradiction between the former copy and the later report: nothing is tested")
	}
	if got := linkingText(t, s); got != want {
		t.Errorf("after replacing the copied article: linking differs from a full link\n%s", lineDiff(got, want))
	}

	// deleted through DeleteArticles, which reads the old text's copy key
	// first: the relink seeds the copy by its key, not the whole component
	s = memStore(t)
	writeArticles(t, s, first, copied, later)
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	change, _, err := queries.DeleteArticles(ctx, s, []string{first.IRI}, queries.LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := change.Relink(ctx, s, []string{first.IRI}); err != nil {
		t.Fatal(err)
	}
	want, full = fullLink(t, copied, later)
	if full.Contradictions == 0 {
		t.Fatal("after the delete: no date contradiction: nothing is tested")
	}
	if got := linkingText(t, s); got != want {
		t.Errorf("after deleting the copied article: linking differs from a full link\n%s", lineDiff(got, want))
	}
}

// TestRelinkLeavesReaders: the components that read a new article without
// depending on it are not relinked (rules link-14). An undated article
// dated by one report's two incidents gets a new voter, a report of one of
// them in another year, that does not move its day; a timeless report
// merged with one dated report of a chemical attack gets a third dated
// report of it, which it is weighed against and refuses. Each relink
// rewrites the new article's component only (before link-14 the reader's
// component listed every article it read and was rewritten too), and
// writes what a full link writes; a voter that ties the day (two incidents
// of another year) moves it, and the undated article is relinked.
func TestRelinkLeavesReaders(t *testing.T) {
	ctx := context.Background()
	voter := func(id string, claims ...schema.Claim) *schema.Article {
		return &schema.Article{ID: id, Outlet: &outletX, Published: "2027-04-17", ContentHash: id, Lead: 0,
			IRI: schema.ArticleIRI(id), Cited: []schema.Source{}, Claims: claims}
	}
	ambush27 := claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), schema.Event{Kind: "ambush", Place: townA, Start: "2027-04-15", End: "2027-04-15"}, "The agency said it killed 20 on Thursday.")
	siege27 := claim(&monitor, nil, schema.MetricBesieged, i64(500), i64(500), schema.Event{Kind: "siege", Place: townA, Start: "2027-04-16", End: "2027-04-16"}, "500 were besieged on Friday, the monitor said.")
	docs := undatedFixture(20)
	one, both := voter("one.txt", ambush27), voter("both.txt", ambush27, siege27)
	timelessEarly, timelessLate, timeless := timelessFixture()
	third := &schema.Article{ID: "third.txt", Outlet: &outletX, Published: "2035-04-05", ContentHash: "third", Lead: 0,
		IRI: schema.ArticleIRI("third.txt"), Cited: []schema.Source{}}
	third.Claims = []schema.Claim{claim(&monitor, nil, schema.MetricKilled, i64(86), i64(86), schema.Event{Kind: "chemical", Place: townA, Start: "2035-04-04", End: "2035-04-04"}, "86 people were killed in the chemical attack, the monitor told third.txt")}
	for _, tc := range []struct {
		name   string
		before []*schema.Article
		add    *schema.Article
		alone  bool // only the new article's component is written
	}{
		{"a voter that does not move the day", docs, one, true},
		{"a voter that ties it", docs, both, false},
		{"a dated report the timeless one refuses", []*schema.Article{timelessEarly, timelessLate, timeless}, third, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := memStore(t)
			writeArticles(t, s, tc.before...)
			if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
				t.Fatal(err)
			}
			want, _ := fullLink(t, append(append([]*schema.Article(nil), tc.before...), tc.add)...)
			writeArticles(t, s, tc.add)
			res, err := queries.Relink(ctx, s, []string{tc.add.IRI}, queries.LinkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if alone := res.Rewritten == 1 && res.Removed == 0; res.Full || alone != tc.alone {
				t.Errorf("full %v, %d rewritten, %d removed; want an incremental relink that writes the new article's component alone: %v", res.Full, res.Rewritten, res.Removed, tc.alone)
			}
			if got := linkingText(t, s); got != want {
				t.Errorf("relink differs from a full link:\n%s", lineDiff(got, want))
			}
		})
	}
}
