package graph_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// component returns the quads of a linking component over the articles
// (graphtest.ArticleIRI), with one schema.LinkKeyOf quad for each of keys
// and a schema.LinkVoterKey quad from voter key w to each article.
func component(w string, keys []string, articles ...int) (string, []quad.Quad) {
	var iris []string
	for _, n := range articles {
		iris = append(iris, graphtest.ArticleIRI(n))
	}
	c := quad.IRI(schema.LinkComponentIRI(iris))
	qs := []quad.Quad{{Subject: c, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinkComponent), Label: c}}
	for _, a := range iris {
		qs = append(qs,
			quad.Quad{Subject: c, Predicate: quad.IRI(schema.LinksArticle), Object: quad.IRI(a), Label: c},
			quad.Quad{Subject: quad.IRI(schema.LinkKeyIRI(w)), Predicate: quad.IRI(schema.LinkVoterKey), Object: quad.IRI(a), Label: c})
	}
	for _, k := range keys {
		qs = append(qs, quad.Quad{Subject: quad.IRI(schema.LinkKeyIRI(k)), Predicate: quad.IRI(schema.LinkKeyOf), Object: c, Label: c})
	}
	qs = append(qs, quad.Quad{Subject: c, Predicate: quad.IRI(schema.ContentHash), Object: quad.String(fmt.Sprint(keys, articles)), Label: c})
	return string(c), qs
}

// linkKeysView is what Out, In and CountIn give for the link keys the
// tests write, and the components the store lists.
func linkKeysView(t *testing.T, s *graph.Store) string {
	t.Helper()
	ctx := context.Background()
	// the components' own quads, which go to Cayley's indexes beside them
	comps, err := s.In(ctx, quad.IRI(schema.ClassLinkComponent), schema.Type)
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("components: %v\n", comps)
	for _, k := range []string{"x", "y", "z"} {
		cs, err := s.Out(ctx, quad.IRI(schema.LinkKeyIRI(k)), schema.LinkKeyOf)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("key %s: %v\n", k, cs)
	}
	for _, w := range []string{"w1", "w2"} {
		as, err := s.Out(ctx, quad.IRI(schema.LinkKeyIRI(w)), schema.LinkVoterKey)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("voter %s: %v\n", w, as)
	}
	for _, arts := range [][]string{{graphtest.ArticleIRI(1), graphtest.ArticleIRI(2)}, {graphtest.ArticleIRI(3)}} {
		c := quad.IRI(schema.LinkComponentIRI(arts))
		ks, err := s.In(ctx, c, schema.LinkKeyOf)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("component %s: %v\n", c, ks)
	}
	for n := 1; n <= 3; n++ {
		a := quad.IRI(graphtest.ArticleIRI(n))
		ws, err := s.In(ctx, a, schema.LinkVoterKey)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CountIn(ctx, a, schema.LinkVoterKey, 5)
		if err != nil {
			t.Fatal(err)
		}
		in, err := s.In(ctx, a, schema.LinksArticle)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("article %d: %v (%d), in %v\n", n, ws, c, in)
	}
	return out
}

// inCayley reports whether Cayley's own indexes hold a link key quad.
func inCayley(s *graph.Store) bool {
	qs := s.QuadStore()
	return qs.ValueOf(quad.IRI(schema.LinkKeyOf)) != nil || qs.ValueOf(quad.IRI(schema.LinkVoterKey)) != nil
}

// TestLinkKeys: a component's link keys read back through Out, In and
// CountIn alike on every backend, as components are written, replaced
// and deleted; on bolt they are kept out of Cayley's indexes, and a store
// that holds them there (written before) has them moved when opened,
// reading the same.
func TestLinkKeys(t *testing.T) {
	ctx := context.Background()
	_, c1 := component("w1", []string{"x", "y"}, 1, 2)
	c2iri, c2 := component("w2", []string{"x"}, 3)
	_, c1b := component("w1", []string{"y", "z"}, 1, 2)

	var views []string // each step's view, from the memory store
	steps := func(t *testing.T, s *graph.Store, check func(step int)) {
		writeArticles(t, s, c1, c2)
		check(0)
		writeArticles(t, s, c1b)
		check(1)
		if _, err := s.Delete(ctx, c2iri); err != nil {
			t.Fatal(err)
		}
		check(2)
	}
	mem := openMem(t)
	steps(t, mem, func(int) { views = append(views, linkKeysView(t, mem)) })
	if views[0] == views[1] || views[1] == views[2] {
		t.Fatalf("the steps change nothing: %q", views)
	}
	for _, b := range []struct {
		name string
		open graphtest.OpenFunc
	}{{"bolt", openBolt}, {"postgres", openPostgres}} {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			steps(t, s, func(step int) {
				if got := linkKeysView(t, s); got != views[step] {
					t.Errorf("step %d:\n got %s\nwant %s", step, got, views[step])
				}
				if b.name == "bolt" && inCayley(s) {
					t.Errorf("step %d: Cayley's indexes hold link keys", step)
				}
			})
		})
	}

	// the bucket holds a key only when its nodes and label are IRIs: a
	// Writer refuses any other, on every backend alike
	t.Run("refused", func(t *testing.T) {
		empty := linkKeysView(t, openMem(t))
		for _, s := range []*graph.Store{openMem(t), openBolt(t)} {
			c, qs := component("w1", []string{"x"}, 1)
			qs = append(qs, quad.Quad{Subject: quad.IRI(schema.LinkKeyIRI("y")), Predicate: quad.IRI(schema.LinkKeyOf), Object: quad.String("not a component"), Label: quad.IRI(c)})
			w := s.NewWriter(ctx, graph.WriterOptions{})
			if _, err := w.WriteQuads(qs); err != nil {
				t.Fatal(err)
			}
			var ae *graph.ArticleError
			if err := w.Close(); !errors.As(err, &ae) || ae.IRI != c || !strings.Contains(err.Error(), "must be IRIs") {
				t.Errorf("%s: Close = %v, want the component refused", s.Backend(), err)
			}
			if got := linkKeysView(t, s); got != empty {
				t.Errorf("%s: the refused component was written:\n%s", s.Backend(), got)
			}
		}
	})

	t.Run("migrated", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "claimgraph.db")
		s := openStore(t, dir)
		restore := graph.KeepLinkKeysInCayley()
		writeArticles(t, s, c1, c2)
		restore()
		if !inCayley(s) {
			t.Fatal("KeepLinkKeysInCayley wrote no link key to Cayley: nothing is tested")
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		indexed := false
		s, err := graph.OpenExisting(ctx, dir, graph.WhileIndexing(func() func() { indexed = true; return func() {} }))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !indexed || inCayley(s) {
			t.Fatalf("opened: indexing called %v, link keys left in Cayley %v", indexed, inCayley(s))
		}
		if got := linkKeysView(t, s); got != views[0] {
			t.Errorf("moved:\n got %s\nwant %s", got, views[0])
		}
		writeArticles(t, s, c1b)
		if got := linkKeysView(t, s); got != views[1] {
			t.Errorf("moved, then replaced:\n got %s\nwant %s", got, views[1])
		}
		if _, err := s.Delete(ctx, c2iri); err != nil {
			t.Fatal(err)
		}
		if got := linkKeysView(t, s); got != views[2] {
			t.Errorf("moved, then deleted:\n got %s\nwant %s", got, views[2])
		}
	})
}

// BenchmarkLinkKeysOneTx writes 2,000 linking components of 60 link keys
// each (keys shared by neighbouring components, as a week's or a place's
// are) in one transaction, as a relink or a large --batch does: 120,000
// keys into the bucket of one commit.
func BenchmarkLinkKeysOneTx(b *testing.B) {
	const components, keys = 2000, 60
	var comps [][]quad.Quad
	for c := 0; c < components; c++ {
		var ks []string
		for k := 0; k < keys; k++ {
			ks = append(ks, fmt.Sprintf("d:%d|%d", (c+k)%500, k))
		}
		_, qs := component(fmt.Sprintf("w%d", c%50), ks, c)
		comps = append(comps, qs)
	}
	benchmarkWrite(b, comps, graph.WriterOptions{BatchSize: 1 << 30})
}
