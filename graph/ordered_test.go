package graph_test

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// TestOrderedIndex: on bolt, the reads the ordered index serves (article
// IRIs, a source's articles, their pages from any IRI on, the typed counts
// of Stats, the members of every relation of a class, the linked events) give what Cayley's
// own indexes give, after articles are
// written, replaced and removed, and after a write that bypassed the index
// (an older claimgraph's), once the store is opened again.
func TestOrderedIndex(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "cg.db")
	started := 0
	s, err := graph.Open(ctx, dsn, graph.WhileIndexing(func() func() { started++; return func() {} }))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	if started != 0 {
		t.Errorf("a new store was indexed as a store written before the index")
	}
	if !graph.Ordered(s) {
		t.Fatal("a bolt store keeps no ordered index")
	}
	var arts [][]quad.Quad
	for n := 1; n <= 400; n++ {
		arts = append(arts, graphtest.Article(n, "v1", n%4+1))
	}
	arts = append(arts, spokesperson(500, 501, "src-7"))
	writeArticles(t, s, arts...)
	checkOrdered(t, s, "written")

	w := s.NewWriter(ctx, graph.WriterOptions{})
	for n := 3; n <= 400; n += 7 {
		if _, err := w.WriteQuads(graphtest.Article(n, "v2", n%3+2)); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []int{5, 6, 40, 201, 202, 207, 212} {
		if err := w.Remove(graphtest.ArticleIRI(n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	checkOrdered(t, s, "replaced and removed")

	// an older claimgraph writes two articles, with a spokesperson
	for _, qs := range [][]quad.Quad{graphtest.Article(600, "v1", 3), spokesperson(601, 602, "src-9")} {
		if err := graph.AddUnindexed(s, qs); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	started, done := 0, 0
	notice := graph.WhileIndexing(func() func() { started++; return func() { done++ } })
	if s, err = graph.Open(ctx, dsn, notice); err != nil {
		t.Fatal(err)
	}
	if started != 1 || done != 1 {
		t.Errorf("reopened after an unindexed write: indexing notice started %d, done %d times, want 1 and 1", started, done)
	}
	if iris := allIRIs(t, s); !holds(iris, graphtest.ArticleIRI(600)) || !holds(iris, graphtest.ArticleIRI(602)) {
		t.Errorf("reopened after an unindexed write: the index misses its articles: %d IRIs", len(iris))
	}
	checkOrdered(t, s, "reopened after an unindexed write")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = graph.Open(ctx, dsn, notice); err != nil {
		t.Fatal(err)
	}
	if started != 1 {
		t.Errorf("reopened with the index up to date: indexed again")
	}
}

// spokesperson returns the quads of two articles: article a cites a person
// who, article b says, speaks for source src (and b is published by src).
func spokesperson(a, b int, src string) []quad.Quad {
	person := quad.IRI(schema.SourceIRI(fmt.Sprintf("person-%d", a)))
	ai, bi := quad.IRI(graphtest.ArticleIRI(a)), quad.IRI(graphtest.ArticleIRI(b))
	group := quad.IRI(schema.IDNS + fmt.Sprintf("corroboration/%d", a))
	return []quad.Quad{
		{Subject: ai, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassArticle), Label: ai},
		{Subject: ai, Predicate: quad.IRI(schema.ContentHash), Object: quad.String("h"), Label: ai},
		{Subject: ai, Predicate: quad.IRI(schema.Cites), Object: person, Label: ai},
		{Subject: bi, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassArticle), Label: bi},
		{Subject: bi, Predicate: quad.IRI(schema.ContentHash), Object: quad.String("h"), Label: bi},
		{Subject: bi, Predicate: quad.IRI(schema.Publisher), Object: quad.IRI(schema.SourceIRI(src)), Label: bi},
		{Subject: person, Predicate: quad.IRI(schema.SpeaksFor), Object: quad.IRI(schema.SourceIRI(src)), Label: bi},
		// a relation of two claims, and one of none
		{Subject: group, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassCorroboration), Label: bi},
		{Subject: group, Predicate: quad.IRI(schema.Member), Object: quad.IRI(schema.ClaimIRI(string(bi), 2)), Label: bi},
		{Subject: group, Predicate: quad.IRI(schema.Member), Object: quad.IRI(schema.ClaimIRI(string(ai), 1)), Label: bi},
		{Subject: group + "x", Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassCorroboration), Label: bi},
		{Subject: group + "e", Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinkedEvent), Label: bi},
	}
}

// checkOrdered compares the ordered index's reads with Cayley's.
func checkOrdered(t *testing.T, s *graph.Store, when string) {
	t.Helper()
	ctx := context.Background()
	type reads struct {
		IRIs    []string
		Sources map[string][]string
		Pages   map[string][][]string
		Stats   graph.Stats
		Groups  []string
		Members [][]string
		Events  []string
	}
	read := func() reads {
		r := reads{IRIs: allIRIs(t, s), Sources: map[string][]string{}, Pages: map[string][][]string{}, Stats: statsOf(t, s)}
		var err error
		if r.Groups, r.Members, err = s.TypedMembers(ctx, schema.ClassCorroboration); err != nil {
			t.Fatal(err)
		}
		if r.Events, err = s.OfType(ctx, schema.ClassLinkedEvent); err != nil {
			t.Fatal(err)
		}
		ids := []string{"outlet-0", "outlet-3", "none"}
		for i := 0; i < 50; i++ {
			ids = append(ids, fmt.Sprintf("src-%d", i))
		}
		for _, id := range ids {
			iris, err := s.ArticlesOfSource(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			r.Sources[id] = iris
		}
		for _, source := range []string{"", "src-7", "src-9", "outlet-2"} {
			for _, from := range []string{"", graphtest.ArticleIRI(9), graphtest.ArticleIRI(9) + "\x00", graphtest.ArticleIRI(45)[:len(graphtest.ArticleIRI(45))-1], "~"} {
				var pages [][]string
				err := s.ArticlePages(ctx, source, from, func(p []string) error {
					pages = append(pages, p)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				r.Pages[fmt.Sprintf("%s from %q", source, from)] = pages
			}
		}
		return r
	}
	got := read()
	var want reads
	graph.Unordered(s, func() { want = read() })
	if !reflect.DeepEqual(got, want) {
		for k := range want.Sources {
			if !reflect.DeepEqual(got.Sources[k], want.Sources[k]) {
				t.Errorf("%s: ArticlesOfSource(%s):\n got %q\nwant %q", when, k, got.Sources[k], want.Sources[k])
			}
		}
		for k := range want.Pages {
			if !reflect.DeepEqual(got.Pages[k], want.Pages[k]) {
				t.Errorf("%s: ArticlePages(%s):\n got %q\nwant %q", when, k, got.Pages[k], want.Pages[k])
			}
		}
		if !reflect.DeepEqual(got.Groups, want.Groups) || !reflect.DeepEqual(got.Members, want.Members) {
			t.Errorf("%s: TypedMembers:\n got %q %q\nwant %q %q", when, got.Groups, got.Members, want.Groups, want.Members)
		}
		if !reflect.DeepEqual(got.Events, want.Events) {
			t.Errorf("%s: OfType(linked event):\n got %q\nwant %q", when, got.Events, want.Events)
		}
		if !reflect.DeepEqual(got.IRIs, want.IRIs) || got.Stats != want.Stats {
			t.Errorf("%s: ArticleIRIs, Stats:\n got %d %+v\nwant %d %+v", when, len(got.IRIs), got.Stats, len(want.IRIs), want.Stats)
		}
	}
	if len(want.Groups) < 2 || len(want.Events) == 0 || len(want.Members[0]) != 2 || len(want.Sources["src-7"]) == 0 || len(want.Pages[`outlet-2 from ""`]) < 3 {
		t.Fatalf("%s: the test reads too little: src-7 has %d articles, outlet-2 %d pages", when, len(want.Sources["src-7"]), len(want.Pages[`outlet-2 from ""`]))
	}
}

func holds(ss []string, s string) bool {
	i := sort.SearchStrings(ss, s)
	return i < len(ss) && ss[i] == s
}

// TestOrderedKeys: index keys read back, whatever bytes the IRIs hold
// (0x00, 0x01 and 0xFF included), and sort as their object, subject and
// label do as strings (for objects and labels in no namespace written
// short; those are only ever matched whole).
func TestOrderedKeys(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []byte{0x00, 0x01, 0x02, 'a', 'b', 0xFE, 0xFF}
	str := func() string {
		b := make([]byte, r.Intn(4))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		return string(b)
	}
	type triple struct{ o, s, l string }
	var ts []triple
	for i := 0; i < 3000; i++ {
		ts = append(ts, triple{str(), str(), str()})
	}
	keys := make([]string, len(ts))
	for i, tr := range ts {
		keys[i] = graph.OrderedKey(tr.o, tr.s, tr.l)
		o, s, l, ok := graph.CutOrderedKey(keys[i])
		if !ok || o != tr.o || s != tr.s || l != tr.l {
			t.Fatalf("key of %q read back as %q %q %q (%v)", tr, o, s, l, ok)
		}
	}
	// objects and labels are written short (a namespace as one byte): they
	// read back, and no two write alike
	seen := map[string]triple{}
	for _, ns := range []string{"", schema.IDNS, schema.NS, schema.SchemaNS, "https://example.org/"} {
		for i := 0; i < 300; i++ {
			tr := triple{ns + str(), str(), ns + str()}
			k := graph.OrderedKey(tr.o, tr.s, tr.l)
			if o, s, l, ok := graph.CutOrderedKey(k); !ok || o != tr.o || s != tr.s || l != tr.l {
				t.Fatalf("key of %q read back as %q %q %q (%v)", tr, o, s, l, ok)
			}
			if other, dup := seen[k]; dup && other != tr {
				t.Fatalf("%q and %q have one key", tr, other)
			}
			seen[k] = tr
		}
	}
	for i := range ts {
		for j := range ts[:50] {
			a, b := ts[i], ts[j]
			less := a.o < b.o || a.o == b.o && (a.s < b.s || a.s == b.s && a.l < b.l)
			if (keys[i] < keys[j]) != less {
				t.Fatalf("keys of %q and %q: key order %v, string order %v", a, b, keys[i] < keys[j], less)
			}
		}
	}
}

func allIRIs(t *testing.T, s *graph.Store) []string {
	t.Helper()
	iris, err := s.ArticleIRIs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return iris
}
