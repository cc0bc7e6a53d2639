// Package graphtest is the conformance suite every graph backend must pass,
// and the synthetic articles it (and the benchmarks) write.
//
// A backend's test calls Run with a function that opens a new, empty store:
//
//	func TestBolt(t *testing.T) {
//		graphtest.Run(t, func(t testing.TB) *graph.Store { … })
//	}
//
// graphtest imports package graph, package schema, github.com/cayleygraph/quad
// and the standard library.
package graphtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// OpenFunc opens a new, empty store and arranges (with t.Cleanup) for it to
// be closed and removed.
type OpenFunc func(t testing.TB) *graph.Store

// Run runs the conformance suite, opening a new store for every case.
func Run(t *testing.T, open OpenFunc) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, OpenFunc)
	}{
		{"RoundTrip", testRoundTrip},
		{"Unchanged", testUnchanged},
		{"Replaced", testReplaced},
		{"SharedNodes", testSharedNodes},
		{"DeleteUnknown", testDeleteUnknown},
		{"Batching", testBatching},
		{"SameArticleTwiceInBatch", testSameArticleTwice},
		{"NoContentHash", testNoContentHash},
		{"BadLabel", testBadLabel},
		{"BadArticleFailsAlone", testBadArticleAlone},
		{"Canceled", testCanceled},
		{"NodeReads", testNodeReads},
		{"Nodes", testNodes},
		{"ArticlesQuads", testArticlesQuads},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open) })
	}
}

// ArticleIRI returns the IRI of synthetic article n.
func ArticleIRI(n int) string { return schema.ArticleIRI(fmt.Sprintf("a%06d", n)) }

// Article returns the quads of synthetic article n, version v (part of its
// content hash and evidence text), with the given number of claims: about
// 9 + 16 per claim quads, sorted. Articles share outlets (n%5), sources
// ((n+i)%50), events ((3n+i)%1000) and places (event%100), as real ones do.
func Article(n int, v string, claims int) []quad.Quad {
	a := quad.IRI(ArticleIRI(n))
	var qs []quad.Quad
	add := func(s quad.Value, p string, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: a})
	}
	iri := func(s string) quad.IRI { return quad.IRI(s) }
	add(a, schema.Type, iri(schema.ClassArticle))
	add(a, schema.ArticleID, quad.String(fmt.Sprintf("a%06d", n)))
	add(a, schema.Headline, quad.String(fmt.Sprintf("Headline %d %s", n, v)))
	add(a, schema.URL, quad.String(fmt.Sprintf("https://news.example/%d", n)))
	add(a, schema.DatePublished, quad.String("2019-04-20"))
	add(a, schema.ContentHash, quad.String(fmt.Sprintf("hash-%d-%s", n, v)))
	outlet := iri(schema.SourceIRI(fmt.Sprintf("outlet-%d", n%5)))
	add(a, schema.Publisher, outlet)
	add(outlet, schema.Type, iri(schema.ClassOutlet))
	add(outlet, schema.Type, iri(schema.ClassSource))
	for i := 1; i <= claims; i++ {
		c := iri(schema.ClaimIRI(string(a), i))
		src := iri(schema.SourceIRI(fmt.Sprintf("src-%d", (n+i)%50)))
		f := iri(schema.FigureIRI(string(c)))
		ev := iri(schema.IDNS + fmt.Sprintf("event/%d", (3*n+i)%1000))
		pl := iri(schema.PlaceIRI(fmt.Sprintf("place-%d", ((3*n+i)%1000)%100)))
		add(c, schema.Type, iri(schema.ClassClaim))
		add(c, schema.Appearance, a)
		add(c, schema.Metric, quad.String(schema.MetricKilled))
		add(c, schema.Evidence, quad.String(fmt.Sprintf("Claim %d of %d, version %s.", i, n, v)))
		add(c, schema.Offset, quad.Int(100*i))
		add(c, schema.AttributedTo, src)
		add(a, schema.Cites, src)
		add(src, schema.Type, iri(schema.ClassSource))
		add(src, schema.Name, quad.String(fmt.Sprintf("Source %d", (n+i)%50)))
		add(c, schema.HasFigure, f)
		add(f, schema.Type, iri(schema.ClassFigure))
		add(f, schema.Value, quad.Int(n+i))
		add(c, schema.About, ev)
		add(ev, schema.Type, iri(schema.ClassEvent))
		add(ev, schema.Location, pl)
		add(pl, schema.Type, iri(schema.ClassPlace))
	}
	schema.SortQuads(qs)
	return qs
}

// IndexSize returns the number of index quads a store keeps for an
// article: its packed quad (graph's article index).
func IndexSize(qs []quad.Quad) int {
	if len(qs) == 0 {
		return 0
	}
	return 1
}

// write writes articles with one Writer and returns the results reported.
func write(t testing.TB, s *graph.Store, batch int, articles ...[]quad.Quad) []graph.ArticleResult {
	t.Helper()
	var got []graph.ArticleResult
	w := s.NewWriter(context.Background(), graph.WriterOptions{
		BatchSize: batch,
		OnArticle: func(r graph.ArticleResult) { got = append(got, r) },
	})
	for _, qs := range articles {
		if n, err := w.WriteQuads(qs); err != nil || n != len(qs) {
			t.Fatalf("WriteQuads: %d of %d quads, error %v", n, len(qs), err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Writer.Close: %v", err)
	}
	return got
}

func wantResults(t testing.TB, got []graph.ArticleResult, want ...graph.ArticleResult) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("results:\n got %+v\nwant %+v", got, want)
	}
}

func wantQuads(t testing.TB, s *graph.Store, iri string, want []quad.Quad) {
	t.Helper()
	got, err := s.ArticleQuads(context.Background(), iri)
	if err != nil {
		t.Fatalf("ArticleQuads(%s): %v", iri, err)
	}
	if g, w := nquads(got), nquads(want); g != w {
		t.Fatalf("ArticleQuads(%s):\n got %d quads:\n%s\nwant %d quads:\n%s", iri, len(got), g, len(want), w)
	}
}

func nquads(qs []quad.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.NQuad()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func stats(t testing.TB, s *graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func articleIRIs(t testing.TB, s *graph.Store) []string {
	t.Helper()
	iris, err := s.ArticleIRIs(context.Background())
	if err != nil {
		t.Fatalf("ArticleIRIs: %v", err)
	}
	return iris
}

func testRoundTrip(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	a := Article(1, "v1", 3)
	got := write(t, s, 0, a)
	wantResults(t, got, graph.ArticleResult{IRI: ArticleIRI(1), Outcome: graph.Added, Added: len(a)})
	wantQuads(t, s, ArticleIRI(1), a)
	if iris := articleIRIs(t, s); !reflect.DeepEqual(iris, []string{ArticleIRI(1)}) {
		t.Errorf("ArticleIRIs = %q, want [%s]", iris, ArticleIRI(1))
	}
	st := stats(t, s)
	want := graph.Stats{Quads: int64(len(a) + IndexSize(a)), Nodes: st.Nodes, Articles: 1, Claims: 3, Sources: 4, Events: 3, Places: 3}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}

	claims, err := s.In(ctx, quad.IRI(schema.IDNS+"event/4"), schema.About)
	if err != nil {
		t.Fatal(err)
	}
	if want := []quad.Value{quad.IRI(schema.ClaimIRI(ArticleIRI(1), 1))}; !reflect.DeepEqual(claims, want) {
		t.Errorf("In(event/4, About) = %v, want %v", claims, want)
	}
	types, err := s.Out(ctx, quad.IRI(schema.SourceIRI("outlet-1")), schema.Type)
	if err != nil {
		t.Fatal(err)
	}
	if want := []quad.Value{quad.IRI(schema.ClassOutlet), quad.IRI(schema.ClassSource)}; !reflect.DeepEqual(types, want) {
		t.Errorf("Out(outlet-1, Type) = %v, want %v", types, want)
	}
	for _, v := range []quad.Value{quad.IRI("https://nowhere.example/x"), quad.String("no such literal")} {
		if vs, err := s.Out(ctx, v, schema.Type); err != nil || len(vs) != 0 {
			t.Errorf("Out(%v) = %v, %v; want none, nil", v, vs, err)
		}
	}
}

func testUnchanged(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	a := Article(1, "v1", 3)
	write(t, s, 0, a)
	before := stats(t, s)
	got := write(t, s, 0, a)
	wantResults(t, got, graph.ArticleResult{IRI: ArticleIRI(1), Outcome: graph.Unchanged})
	if after := stats(t, s); after != before {
		t.Errorf("Stats after unchanged reload = %+v, want %+v", after, before)
	}
	wantQuads(t, s, ArticleIRI(1), a)
	// Had the reload inflated node reference counts, nodes would outlive
	// the article's deletion.
	if n, err := s.Delete(ctx, ArticleIRI(1)); err != nil || n != len(a) {
		t.Fatalf("Delete = %d, %v; want %d, nil", n, err, len(a))
	}
	if st := stats(t, s); st != (graph.Stats{}) {
		t.Errorf("Stats after deleting the only article = %+v, want all zero", st)
	}
}

func testReplaced(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	v1, v2 := Article(1, "v1", 4), Article(1, "v2", 3)
	write(t, s, 0, v1)
	got := write(t, s, 0, v2)
	added, deleted := diffCount(v2, v1), diffCount(v1, v2)
	wantResults(t, got, graph.ArticleResult{IRI: ArticleIRI(1), Outcome: graph.Replaced, Added: added, Deleted: deleted})
	wantQuads(t, s, ArticleIRI(1), v2)
	c4 := quad.IRI(schema.ClaimIRI(ArticleIRI(1), 4))
	if vs, err := s.Out(ctx, c4, schema.Type); err != nil || len(vs) != 0 {
		t.Errorf("Out(claim 4, Type) = %v, %v: the old-only claim is still there", vs, err)
	}
	// The store must be as if only v2 had ever been written.
	fresh := open(t)
	write(t, fresh, 0, v2)
	if g, w := stats(t, s), stats(t, fresh); g != w {
		t.Errorf("Stats after replace = %+v, want %+v (v2 alone)", g, w)
	}
}

// diffCount counts the quads of a not in b.
func diffCount(a, b []quad.Quad) int {
	in := make(map[string]bool)
	for _, q := range b {
		in[q.NQuad()] = true
	}
	n := 0
	for _, q := range a {
		if !in[q.NQuad()] {
			n++
		}
	}
	return n
}

func testSharedNodes(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	// Articles 1 and 6 share their outlet (n%5) and, through claims, a source.
	a1, a6 := Article(1, "v1", 3), Article(6, "v1", 3)
	write(t, s, 0, a1, a6)
	n, err := s.Delete(ctx, ArticleIRI(1))
	if err != nil || n != len(a1) {
		t.Fatalf("Delete = %d, %v; want %d, nil", n, err, len(a1))
	}
	wantQuads(t, s, ArticleIRI(6), a6)
	if _, err := s.ArticleQuads(ctx, ArticleIRI(1)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ArticleQuads(deleted) error = %v, want ErrNotFound", err)
	}
	if iris := articleIRIs(t, s); !reflect.DeepEqual(iris, []string{ArticleIRI(6)}) {
		t.Errorf("ArticleIRIs = %q, want [%s]", iris, ArticleIRI(6))
	}
	fresh := open(t)
	write(t, fresh, 0, a6)
	if g, w := stats(t, s), stats(t, fresh); g != w || g.Quads != int64(len(a6)+IndexSize(a6)) {
		t.Errorf("Stats after delete = %+v, want %+v with %d quads", g, w, len(a6)+IndexSize(a6))
	}
	types, err := s.Out(ctx, quad.IRI(schema.SourceIRI("outlet-1")), schema.Type)
	if err != nil || len(types) != 2 {
		t.Errorf("Out(shared outlet, Type) = %v, %v; want its 2 types", types, err)
	}
}

func testDeleteUnknown(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	if _, err := s.Delete(ctx, ArticleIRI(9)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Delete(unknown) on an empty store: error = %v, want ErrNotFound", err)
	}
	write(t, s, 0, Article(1, "v1", 2))
	if _, err := s.Delete(ctx, ArticleIRI(9)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Delete(unknown) error = %v, want ErrNotFound", err)
	}
	// A node that exists but is no article.
	if _, err := s.Delete(ctx, schema.SourceIRI("outlet-1")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Delete(outlet) error = %v, want ErrNotFound", err)
	}
	if _, err := s.ArticleQuads(ctx, ArticleIRI(9)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ArticleQuads(unknown) error = %v, want ErrNotFound", err)
	}
}

func testBatching(t *testing.T, open OpenFunc) {
	s := open(t)
	const n = 40
	var (
		articles [][]quad.Quad
		want     []graph.ArticleResult
		quads    int
	)
	for i := 1; i <= n; i++ {
		a := Article(i, "v1", 1+i%4)
		articles = append(articles, a)
		want = append(want, graph.ArticleResult{IRI: ArticleIRI(i), Outcome: graph.Added, Added: len(a)})
		quads += len(a) + IndexSize(a)
	}
	got := write(t, s, 150, articles...) // a few articles per batch
	wantResults(t, got, want...)
	st := stats(t, s)
	if st.Quads != int64(quads) || st.Articles != n || st.Claims != claimCount(articles) {
		t.Errorf("Stats = %+v, want %d quads, %d articles, %d claims", st, quads, n, claimCount(articles))
	}
	if iris := articleIRIs(t, s); len(iris) != n || !sort.StringsAreSorted(iris) {
		t.Errorf("ArticleIRIs: %d, sorted %v; want %d sorted", len(iris), sort.StringsAreSorted(iris), n)
	}
	for i, a := range articles {
		wantQuads(t, s, ArticleIRI(i+1), a)
	}
	// Reloading all of it, some changed, in one batch.
	articles[3] = Article(4, "v2", 2)
	got = write(t, s, 1<<20, articles...)
	for i, r := range got {
		want := graph.Unchanged
		if i == 3 {
			want = graph.Replaced
		}
		if r.Outcome != want || r.IRI != ArticleIRI(i+1) {
			t.Errorf("reload result %d = %+v, want %s %s", i, r, ArticleIRI(i+1), want)
		}
	}
	wantQuads(t, s, ArticleIRI(4), articles[3])
}

func claimCount(articles [][]quad.Quad) int64 {
	var n int64
	for _, a := range articles {
		for _, q := range a {
			if q.Predicate == quad.Value(quad.IRI(schema.Type)) && q.Object == quad.Value(quad.IRI(schema.ClassClaim)) {
				n++
			}
		}
	}
	return n
}

func testSameArticleTwice(t *testing.T, open OpenFunc) {
	v1, v2 := Article(1, "v1", 3), Article(1, "v2", 2)
	a2 := Article(2, "v1", 1)
	// In one batch, and in the batch after the first's: on bolt the first
	// batch (v1, a2: the batch fills up with a2) is still being written
	// while the second is gathered.
	for _, batch := range []int{1 << 20, len(v1) + 2} {
		s := open(t)
		got := write(t, s, batch, v1, a2, v2)
		var outcomes []graph.Outcome
		for _, r := range got {
			outcomes = append(outcomes, r.Outcome)
		}
		if want := []graph.Outcome{graph.Added, graph.Added, graph.Replaced}; !reflect.DeepEqual(outcomes, want) {
			t.Fatalf("batches of %d quads: results = %+v, want %v", batch, got, want)
		}
		wantQuads(t, s, ArticleIRI(1), v2)
		wantQuads(t, s, ArticleIRI(2), a2)
		if st := stats(t, s); st.Quads != int64(len(v2)+len(a2)+IndexSize(v2)+IndexSize(a2)) {
			t.Errorf("batches of %d quads: Stats = %+v, want %d quads", batch, st, len(v2)+len(a2)+IndexSize(v2)+IndexSize(a2))
		}
	}
}

func testNoContentHash(t *testing.T, open OpenFunc) {
	s := open(t)
	var a []quad.Quad
	for _, q := range Article(1, "v1", 2) {
		if q.Predicate != quad.Value(quad.IRI(schema.ContentHash)) {
			a = append(a, q)
		}
	}
	dup := append(append([]quad.Quad(nil), a...), a[0], a[1]) // duplicates are written once
	wantResults(t, write(t, s, 0, dup), graph.ArticleResult{IRI: ArticleIRI(1), Outcome: graph.Added, Added: len(a)})
	before := stats(t, s)
	wantResults(t, write(t, s, 0, a), graph.ArticleResult{IRI: ArticleIRI(1), Outcome: graph.Unchanged})
	if after := stats(t, s); after != before {
		t.Errorf("Stats after identical reload = %+v, want %+v", after, before)
	}
	wantQuads(t, s, ArticleIRI(1), a)
}

func testBadLabel(t *testing.T, open OpenFunc) {
	s := open(t)
	w := s.NewWriter(context.Background(), graph.WriterOptions{})
	a := Article(1, "v1", 1)
	a[2].Label = nil
	if _, err := w.WriteQuads(a); err == nil {
		t.Fatal("WriteQuads with an unlabelled quad: no error")
	}
	if err := w.Close(); err == nil {
		t.Error("Close after a failed write: no error")
	}
	if st := stats(t, s); st.Quads != 0 {
		t.Errorf("Stats.Quads = %d after a failed write, want 0", st.Quads)
	}
}

// testBadArticleAlone writes 41 articles in one batch, one of them with
// text that is not UTF-8 (as a Latin-1 file read as UTF-8 gives): that one
// fails alone, named by its origin, and the 40 others are stored.
func testBadArticleAlone(t *testing.T, open OpenFunc) {
	s := open(t)
	var got []graph.ArticleResult
	w := s.NewWriter(context.Background(), graph.WriterOptions{
		OnArticle: func(r graph.ArticleResult) { got = append(got, r) },
	})
	const bad = 17
	for n := 0; n < 41; n++ {
		a := Article(n, "v1", 2)
		iri := quad.IRI(ArticleIRI(n))
		a = append(a, quad.Quad{Subject: iri, Predicate: quad.IRI(schema.Origin), Object: quad.String(fmt.Sprintf("in/%02d.txt", n)), Label: iri})
		if n == bad {
			a = append(a, quad.Quad{Subject: iri, Predicate: quad.IRI(schema.Headline), Object: quad.String("Caf\xe9 \xc7ardak"), Label: iri})
		}
		if _, err := w.WriteQuads(a); err != nil {
			t.Fatalf("WriteQuads(article %d): %v", n, err)
		}
	}
	err := w.Close()
	var ae *graph.ArticleError
	if !errors.As(err, &ae) || ae.IRI != ArticleIRI(bad) || !errors.Is(err, graph.ErrInvalidText) {
		t.Fatalf("Close = %v, want an ArticleError for %s wrapping ErrInvalidText", err, ArticleIRI(bad))
	}
	if want := fmt.Sprintf("in/%02d.txt: article %s not written: ", bad, ArticleIRI(bad)); !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q: want it to start with %q", err, want)
	}
	if len(got) != 40 {
		t.Errorf("OnArticle called for %d articles, want the 40 good ones", len(got))
	}
	if n := len(articleIRIs(t, s)); n != 40 {
		t.Errorf("store holds %d articles, want 40", n)
	}
	if _, err := s.ArticleQuads(context.Background(), ArticleIRI(bad)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ArticleQuads(bad article) error = %v, want ErrNotFound", err)
	}
}

func testCanceled(t *testing.T, open OpenFunc) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	w := s.NewWriter(ctx, graph.WriterOptions{})
	if _, err := w.WriteQuads(Article(1, "v1", 2)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := w.Close(); !errors.Is(err, context.Canceled) {
		t.Errorf("Close after cancel = %v, want context.Canceled", err)
	}
	if st := stats(t, s); st.Quads != 0 {
		t.Errorf("Stats.Quads = %d after a canceled write, want 0", st.Quads)
	}
}

// testNodeReads: Node and SubjectQuads read a node's quads across
// articles without the Writer's index quads; Article decodes an article.
// testArticlesQuads: reading many articles at once gives each what
// ArticleQuads gives it (articles sharing outlets, sources and places), and
// nothing for an article the store does not hold.
func testArticlesQuads(t *testing.T, open OpenFunc) {
	s := open(t)
	var arts [][]quad.Quad
	var iris []string
	for n := 1; n <= 12; n++ {
		arts = append(arts, Article(n, "v1", 1+n%4))
		iris = append(iris, ArticleIRI(n))
	}
	write(t, s, 0, arts...)
	ctx := context.Background()
	want := append(iris[3:9], ArticleIRI(99))
	got, err := s.ArticlesQuads(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Errorf("ArticlesQuads of 6 stored articles and 1 unknown: %d entries, want 6", len(got))
	}
	for _, iri := range iris[3:9] {
		one, err := s.ArticleQuads(ctx, iri)
		if err != nil {
			t.Fatal(err)
		}
		if nquads(got[iri]) != nquads(one) {
			t.Errorf("%s: ArticlesQuads gives %d quads, ArticleQuads %d:\n%s\nwant\n%s", iri, len(got[iri]), len(one), nquads(got[iri]), nquads(one))
		}
	}
}

func testNodeReads(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	a1, a6 := Article(1, "v1", 2), Article(6, "v1", 1) // both published by outlet-1
	write(t, s, 0, a1, a6)
	var want []quad.Quad
	for _, q := range a1 {
		if q.Subject == quad.Value(quad.IRI(ArticleIRI(1))) {
			want = append(want, q)
		}
	}
	got, err := s.SubjectQuads(ctx, quad.IRI(ArticleIRI(1)))
	if err != nil {
		t.Fatal(err)
	}
	schema.SortQuads(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SubjectQuads(article 1) without the index quads:\n got %s\nwant %s", nquads(got), nquads(want))
	}
	n, err := s.Node(ctx, ArticleIRI(1))
	if err != nil {
		t.Fatal(err)
	}
	if !n.Is(schema.ClassArticle) || n.Str(schema.Headline) != "Headline 1 v1" || len(n[schema.Subject]) != 0 ||
		len(n.IRIs(schema.Cites)) != 2 || n.Str(schema.Publisher) != "" {
		t.Errorf("Node(article 1) = %v", n)
	}
	outlet := schema.SourceIRI("outlet-1")
	if n.IRI(schema.Publisher) != outlet {
		t.Errorf("Node(article 1).IRI(publisher) = %q, want %q", n.IRI(schema.Publisher), outlet)
	}
	o, err := s.Node(ctx, outlet)
	if err != nil {
		t.Fatal(err)
	}
	// one value per article that says it: the node's quads whatever their label
	if got := o.IRIs(schema.Type); !reflect.DeepEqual(got, []string{schema.ClassOutlet, schema.ClassOutlet, schema.ClassSource, schema.ClassSource}) {
		t.Errorf("Node(outlet of two articles) types = %q, want each type twice", got)
	}
	c, err := s.Node(ctx, schema.ClaimIRI(ArticleIRI(1), 2))
	if err != nil {
		t.Fatal(err)
	}
	if c.Int(schema.Offset) != 200 || c.Str(schema.Metric) != schema.MetricKilled || c.Is(schema.ClassArticle) || c.True(schema.Aggregate) {
		t.Errorf("Node(claim 2) = %v", c)
	}
	if n, err := s.Node(ctx, schema.ClaimIRI(ArticleIRI(1), 9)); err != nil || len(n) != 0 {
		t.Errorf("Node(unknown) = %v, %v; want empty, no error", n, err)
	}
	doc, err := s.Article(ctx, ArticleIRI(6))
	if err != nil || doc.ID != "a000006" || len(doc.Claims) != 1 {
		t.Errorf("Article(6) = %+v, %v; want id a000006 with 1 claim", doc, err)
	}
	if _, err := s.Article(ctx, ArticleIRI(2)); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Article(unknown) error = %v, want ErrNotFound", err)
	}
	// CountIn: distinct nodes (the outlet has a type quad per article), up to atMost
	for _, c := range []struct {
		node          quad.Value
		atMost, count int
	}{
		{quad.IRI(schema.ClassArticle), 0, 0},
		{quad.IRI(schema.ClassArticle), 1, 1},
		{quad.IRI(schema.ClassArticle), 2, 2},
		{quad.IRI(schema.ClassArticle), 5, 2},
		{quad.IRI(schema.ClassOutlet), 5, 1},
		{quad.IRI("https://nowhere.example/x"), 5, 0},
	} {
		if n, err := s.CountIn(ctx, c.node, schema.Type, c.atMost); err != nil || n != c.count {
			t.Errorf("CountIn(%v, type, %d) = %d, %v; want %d", c.node, c.atMost, n, err, c.count)
		}
	}
}

// testNodes checks that Nodes reads what Node reads, restricted to the
// predicates asked for, whether it reads them one index scan a predicate or
// all of a node's quads at once, and FirstValues the first of each (the
// outlet has a type quad per article).
func testNodes(t *testing.T, open OpenFunc) {
	ctx := context.Background()
	s := open(t)
	write(t, s, 0, Article(1, "v1", 2), Article(6, "v1", 1))
	iris := []string{ArticleIRI(1), schema.SourceIRI("outlet-1"), schema.ClaimIRI(ArticleIRI(1), 2), schema.ClaimIRI(ArticleIRI(1), 9), ArticleIRI(6)}
	for _, preds := range [][]string{
		{schema.Type},
		{schema.Cites, schema.Type, schema.Cites}, // a predicate twice is read once
		{schema.Type, schema.Headline, schema.Publisher, schema.Cites, schema.Metric, schema.Offset, "http://example.org/none"},
		nil,
	} {
		got, err := s.Nodes(ctx, iris, preds...)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(iris) {
			t.Fatalf("Nodes(%d nodes) gave %d", len(iris), len(got))
		}
		for i, iri := range iris {
			n, err := s.Node(ctx, iri)
			if err != nil {
				t.Fatal(err)
			}
			want := graph.Node{}
			for _, p := range preds {
				if vs, ok := n[p]; ok {
					want[p] = vs
				}
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("Nodes(%s, %q) = %v, want %v", iri, preds, got[i], want)
			}
			first, err := s.FirstValues(ctx, iri, preds...)
			if err != nil {
				t.Fatal(err)
			}
			for p, vs := range want {
				want[p] = vs[:1]
			}
			if !reflect.DeepEqual(first, want) {
				t.Errorf("FirstValues(%s, %q) = %v, want %v", iri, preds, first, want)
			}
		}
	}
}

// Mem opens a new, empty in-memory store, closed when the test ends.
func Mem(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), "mem:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
