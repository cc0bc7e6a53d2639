package queries_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
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
	open := func() *graph.Store {
		s, err := graph.Open(ctx, "mem:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	write := func(s *graph.Store, ds ...*schema.Article) {
		w := s.NewWriter(ctx, graph.WriterOptions{})
		for _, d := range ds {
			if _, err := w.WriteQuads(schema.Quads(d)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	relink := func(s *graph.Store, iris ...string) queries.LinkResult {
		res, err := queries.Relink(ctx, s, iris, queries.LinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	full := func(ds ...*schema.Article) string {
		s := open()
		write(s, ds...)
		if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		return linkingText(t, s)
	}
	both := full(dated, undated)
	if !strings.Contains(both, schema.AnchoredPublished) {
		t.Fatal("the fixture's undated article is not anchored: nothing is tested")
	}
	for _, order := range [][]*schema.Article{{dated, undated}, {undated, dated}} {
		s := open()
		write(s, order[0])
		relink(s, order[0].IRI)
		write(s, order[1])
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
		if got, want := linkingText(t, s), full(undated); got != want {
			t.Error("after deleting the dating article: linking differs from a full link")
		}
	}
}
