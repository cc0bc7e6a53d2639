package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// fallingArticle returns an article whose n claims all use one predicate
// (cg:falling) and, with n = 1, the same article shrunk: replacing the
// first with the second makes that predicate's count fall by n-1 in a batch
// that also adds a quad with it, the case the pads are for.
func fallingArticle(n int) []quad.Quad {
	iri := quad.IRI(schema.ArticleIRI("falling"))
	qs := []quad.Quad{
		{Subject: iri, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassArticle), Label: iri},
		{Subject: iri, Predicate: quad.IRI(schema.ContentHash), Object: quad.String("v" + strconv.Itoa(n)), Label: iri},
	}
	for i := 0; i < n; i++ {
		qs = append(qs, quad.Quad{Subject: iri, Predicate: quad.IRI(schema.NS + "falling"), Object: quad.Int(i), Label: iri})
	}
	return qs
}

// padQuads returns the pad quads the store holds, in N-Quads.
func padQuads(t testing.TB, s *Store) []string {
	t.Helper()
	pref := s.ref(quad.IRI(padNode))
	if pref == nil {
		return nil
	}
	var out []string
	if err := s.scan(context.Background(), quad.Object, pref, func(q cgraph.Ref) error {
		out = append(out, s.qs.Quad(q).NQuad())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// fallingClaims returns the stored cg:falling quads of the falling
// article, read from Cayley's indexes and log (not the Writer's packed
// copy), and fails the test on one with an empty direction.
func fallingClaims(t testing.TB, s *Store) []quad.Quad {
	t.Helper()
	iri, pred := s.ref(quad.IRI(schema.ArticleIRI("falling"))), s.ref(quad.IRI(schema.NS+"falling"))
	if iri == nil || pred == nil {
		t.Fatal("no falling article")
	}
	var out []quad.Quad
	if err := s.scanPair(context.Background(), quad.Subject, iri, quad.Predicate, pred, func(r cgraph.Ref) error {
		q := s.qs.Quad(r)
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			t.Errorf("quad with an empty direction: %#v", q)
		}
		out = append(out, q)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeArticle writes qs as one article through a Writer.
func writeArticle(t testing.TB, s *Store, qs []quad.Quad) {
	t.Helper()
	w := s.NewWriter(context.Background(), WriterOptions{})
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestPadsKeepReplaceWhole replaces an article by one with far fewer quads
// of a predicate on bolt, where Cayley's kv layer would store the replace's
// added quads with that predicate empty without the pads, and checks that
// the article reads back whole and no pad is left.
func TestPadsKeepReplaceWhole(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeArticle(t, s, fallingArticle(500))
	want := fallingArticle(1)
	writeArticle(t, s, want)
	got, err := s.ArticleQuads(ctx, schema.ArticleIRI("falling"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("article read back with %d quads, want %d", len(got), len(want))
	}
	if got := fallingClaims(t, s); len(got) != 1 {
		t.Errorf("%d cg:falling quads stored, want 1", len(got))
	}
	if p := padQuads(t, s); len(p) > 0 {
		t.Errorf("%d pad quads left after the replace, first %s", len(p), p[0])
	}
}

// TestSweepPads leaves pads behind as a crash between a replace's two
// transactions does, in the current form and in the form stores written
// before it hold, and checks that opening the store removes them and keeps
// the article.
func TestSweepPads(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	writeArticle(t, s, fallingArticle(300))
	// the replace's first transaction alone: deletes, adds and pads
	old, err := s.ArticleQuads(ctx, schema.ArticleIRI("falling"))
	if err != nil {
		t.Fatal(err)
	}
	var deltas []cgraph.Delta
	for _, q := range old {
		if q.Predicate == quad.IRI(schema.NS+"falling") && q.Object != quad.Int(0) {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	iri := quad.IRI(schema.ArticleIRI("falling"))
	deltas = append(deltas, cgraph.Delta{Quad: quad.Quad{Subject: iri, Predicate: quad.IRI(schema.NS + "falling"), Object: quad.Int(-1), Label: iri}, Action: cgraph.Add})
	// cg:falling falls by 298, the article's IRI (subject and label) by 596
	left := pads(deltas)
	if len(left) != 298+596 {
		t.Fatalf("pads: got %d, want 894", len(left))
	}
	for i := 1; i <= 3; i++ { // the form before
		left = append(left, quad.Quad{Subject: quad.IRI(schema.NS + "falling"), Predicate: quad.IRI(padPredicate), Object: quad.IRI(padNode), Label: quad.IRI(fmt.Sprintf("%s/%d", padNode, i))})
	}
	for _, q := range left {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if got := len(padQuads(t, s)); got != len(left) {
		t.Fatalf("%d pad quads stored, want %d", got, len(left))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = OpenExisting(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p := padQuads(t, s); len(p) > 0 {
		t.Errorf("%d pad quads left after Open, first %s", len(p), p[0])
	}
	// claims 0 and -1
	if got := fallingClaims(t, s); len(got) != 2 {
		t.Errorf("%d cg:falling quads after the sweep, want 2", len(got))
	}
}

// BenchmarkReplaceFalling replaces an article of n quads of one predicate by
// one with a single quad of it: the pads for a fall of n-1, written and
// deleted. Before each pad had keys of its own, this grew as n².
func BenchmarkReplaceFalling(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "g.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				writeArticle(b, s, fallingArticle(n))
				b.StartTimer()
				writeArticle(b, s, fallingArticle(1))
			}
		})
	}
}
