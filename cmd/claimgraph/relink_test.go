package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// corpusLines returns the lines of ../shared/corpus/fakes_dev.jsonl, or
// skips the test.
func corpusLines(t *testing.T) []string {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "fakes_dev.jsonl")
	data, err := os.ReadFile(corpus)
	if err != nil {
		t.Skipf("corpus not found at %s: %v", corpus, err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// loadLines loads JSONL lines into s through runLoad (which relinks what
// they touch) and returns its summary.
func loadLines(t *testing.T, s *graph.Store, lines []string) loadSummary {
	t.Helper()
	f := filepath.Join(t.TempDir(), "part.jsonl")
	if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runLoad(context.Background(), s, loadOptions{Paths: []string{f}, Format: "json", Stdout: &out, Stderr: &out}); err != nil {
		t.Fatalf("load: %v\n%s", err, out.String())
	}
	var sum loadSummary
	if err := json.Unmarshal(bytes.TrimSpace(out.Bytes()), &sum); err != nil || sum.Link == nil {
		t.Fatalf("load summary %q: %v", out.String(), err)
	}
	return sum
}

// TestRelinkMatchesLink loads the dev corpus in parts, in several orders,
// each load relinking only the components its articles touch (queries.Relink),
// deletes articles the same way and loads them again, and wants after each
// sequence the linking output, index keys and component members included,
// byte for byte what one full link of the same articles writes. The
// reversed order runs on the memory store, the others on bolt, the shuffled
// one in batches of 500 quads.
func TestRelinkMatchesLink(t *testing.T) {
	lines := corpusLines(t)
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := context.Background()
	// the memory store keeps the link keys in Cayley's indexes, bolt in a
	// bucket of its own (graph/linkkeys.go): each is relinked through both
	open := func(dsn string, opts ...graph.OpenOption) *graph.Store {
		s, err := graph.Open(ctx, dsn, opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	full := func(lines []string) string {
		s := open("mem:")
		if sum := loadLines(t, s, lines); !sum.Link.Full {
			t.Fatalf("the first load of a store is not a full link: %+v", sum.Link)
		}
		return linkingNQuads(t, s)
	}
	want := full(lines)
	if !strings.Contains(want, schema.ClassContradiction) || !strings.Contains(want, schema.LinkKeyOf) {
		t.Fatal("the corpus gives no contradiction or no index keys: nothing is tested")
	}

	rng := rand.New(rand.NewSource(7))
	shuffled := append([]string(nil), lines...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	reversed := make([]string, len(lines))
	for i, l := range lines {
		reversed[len(lines)-1-i] = l
	}
	for name, order := range map[string][]string{"reversed": reversed, "shuffled": shuffled} {
		dsn := map[string]string{"reversed": "mem:", "shuffled": filepath.Join(t.TempDir(), "shuffled.db")}[name]
		// bolt in batches of 500 quads: each relink's output is written
		// in many transactions (a load's relink is not one: queries.relink),
		// its larger components in parts
		s := open(dsn, graph.WriteBatch(500))
		const parts = 3
		for p := 0; p < parts; p++ {
			part := order[p*len(order)/parts : (p+1)*len(order)/parts]
			sum := loadLines(t, s, part)
			t.Logf("%s, part %d: relinked %d articles, %d components rewritten, %d removed", name, p+1, sum.Link.Articles, sum.Link.Rewritten, sum.Link.Removed)
			if p > 0 && (sum.Link.Full || sum.Link.Articles >= len(order)*(p+1)/parts) {
				t.Errorf("%s, part %d: relinked %d articles (full: %v): not incremental", name, p+1, sum.Link.Articles, sum.Link.Full)
			}
		}
		if got := linkingNQuads(t, s); got != want {
			t.Errorf("%s: linking output after %d incremental loads differs from a full link:\n%s", name, parts, firstDiff(want, got))
		}
	}

	// one article at a time, where a relink leaves most of the components
	// its keys meet alone (linking.Dependents): 40 articles after the rest
	{
		one := append([]string(nil), lines...)
		rand.New(rand.NewSource(11)).Shuffle(len(one), func(i, j int) { one[i], one[j] = one[j], one[i] })
		s := open(filepath.Join(t.TempDir(), "one.db"))
		loadLines(t, s, one[40:])
		read := 0
		for _, l := range one[:40] {
			sum := loadLines(t, s, []string{l})
			if sum.Link.Full {
				t.Fatalf("one article at a time: a relink linked in full: %+v", sum.Link)
			}
			read += sum.Link.Articles
		}
		t.Logf("one at a time: 40 relinks read %d articles", read)
		if got := linkingNQuads(t, s); got != want {
			t.Errorf("after loading 40 articles one at a time: linking output differs from a full link:\n%s", firstDiff(want, got))
		}
	}

	// delete 30 articles (as 'delete' does), then load them again
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", writeLines(t, lines))
	var gone, ids []string
	rest := append([]string(nil), shuffled[30:]...)
	for _, l := range shuffled[:30] {
		var a struct{ ID json.RawMessage }
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		id := strings.Trim(string(a.ID), `"`)
		ids = append(ids, id)
		gone = append(gone, l)
	}
	mustRun(t, append([]string{"--db", db, "delete"}, ids...)...)
	s, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := linkingNQuads(t, s), full(rest); got != want {
		t.Errorf("after deleting 30 articles: linking output differs from a full link of the rest:\n%s", firstDiff(want, got))
	}
	sum := loadLines(t, s, gone)
	if sum.Link.Full {
		t.Errorf("reloading the deleted articles linked in full")
	}
	if got := linkingNQuads(t, s); got != want {
		t.Errorf("after loading them again: linking output differs from a full link:\n%s", firstDiff(want, got))
	}
	s.Close()

	// a full link of a store relinked incrementally rewrites nothing
	s2 := open(filepath.Join(t.TempDir(), "s2.db"))
	loadLines(t, s2, lines[:200])
	loadLines(t, s2, lines[200:])
	res, err := queries.Link(ctx, s2, queries.LinkOptions{})
	if err != nil || res.Rewritten != 0 || res.Removed != 0 {
		t.Errorf("full link after incremental loads: %+v, %v; want nothing rewritten", res, err)
	}
}

// writeLines writes JSONL lines to a temporary file and returns its path.
func writeLines(t *testing.T, lines []string) string {
	f := filepath.Join(t.TempDir(), "all.jsonl")
	if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// firstDiff describes the first lines in which two N-Quads texts differ.
func firstDiff(want, got string) string {
	w, g := lineSet(want), lineSet(got)
	var b strings.Builder
	n := 0
	for l := range w {
		if !g[l] && n < 5 {
			fmt.Fprintf(&b, "  missing: %s\n", l)
			n++
		}
	}
	n = 0
	for l := range g {
		if !w[l] && n < 5 {
			fmt.Fprintf(&b, "  extra:   %s\n", l)
			n++
		}
	}
	return b.String()
}

func lineSet(s string) map[string]bool {
	out := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out[sc.Text()] = true
	}
	return out
}

// TestDeleteCrashRepaired: a delete killed after removing an article and
// before relinking leaves the linking output pending (queries.BeginChange);
// the next command that writes (here the same delete again, which finds
// nothing to delete) relinks in full, so no relation keeps the deleted
// article's claims.
func TestDeleteCrashRepaired(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	s, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	iris, err := s.ArticleIRIs(ctx)
	if err != nil || len(iris) < 2 {
		t.Fatalf("%d articles, %v", len(iris), err)
	}
	// the article whose claims the linking output holds most of
	linking := linkingNQuads(t, s)
	victim := ""
	for _, iri := range iris {
		if victim == "" || strings.Count(linking, iri+"/claim/") > strings.Count(linking, victim+"/claim/") {
			victim = iri
		}
	}
	if strings.Count(linking, victim+"/claim/") == 0 {
		t.Fatal("the demo's linking output holds no claim: nothing is tested")
	}
	// 'delete', killed before its relink: the deletion and the pending
	// mark are one transaction
	_, results, err := queries.DeleteArticles(ctx, s, []string{victim, victim + "-missing"}, queries.LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Outcome != graph.Removed || results[0].Deleted == 0 || results[1].Outcome != graph.Unchanged {
		t.Fatalf("DeleteArticles results %+v, want the victim removed and the missing one unchanged", results)
	}
	if pending, err := queries.Pending(ctx, s); err != nil || !pending {
		t.Fatalf("after the deletion's transaction: pending %v, %v; want the mark with the deletion", pending, err)
	}
	s.Close()
	// a read meanwhile says the relations may be stale
	if _, errs, err := run(t, "--db", db, "query", "contradictions"); err != nil || !strings.Contains(errs, "did not finish") {
		t.Errorf("query on a pending store: %v, stderr %q; want a warning", err, errs)
	}
	id := schema.ArticleIDFromIRI(victim)
	if _, _, err := run(t, "--db", db, "delete", id); err == nil {
		t.Error("deleting a deleted article: no error")
	}
	s, err = graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := strings.Count(linkingNQuads(t, s), victim+"/claim/"); n > 0 {
		t.Errorf("after the repeated delete, the linking output still names %d claims of the deleted article", n)
	}
}
