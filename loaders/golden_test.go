package loaders

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sharedDir is ../shared beside the repository, where the seed articles are.
const sharedDir = "../../shared"

func newTestExtractor(t testing.TB) *extract.Extractor {
	lex, err := extract.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(lex, gazetteer.Default())
}

// collector is a quad.BatchWriter that keeps what it is given.
type collector struct{ quads []quad.Quad }

func (c *collector) WriteQuads(qs []quad.Quad) (int, error) {
	c.quads = append(c.quads, qs...)
	return len(qs), nil
}

func load(t *testing.T, path string) ([]*schema.Article, []quad.Quad) {
	var docs []*schema.Article
	var c collector
	p := &Pipeline{Extractor: newTestExtractor(t), Writer: &c,
		OnArticle: func(d *schema.Article, _ int) { docs = append(docs, d) },
		OnError:   func(err error) { t.Errorf("load %s: %v", path, err) }}
	if _, err := p.Load(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return docs, c.quads
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./loaders -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the extraction (go test ./loaders -update rewrites it):\n%s", path, diff(string(want), string(got)))
	}
}

func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	wm := map[string]bool{}
	for _, l := range w {
		wm[l] = true
	}
	gm := map[string]bool{}
	for _, l := range g {
		gm[l] = true
	}
	var b strings.Builder
	for _, l := range w {
		if !gm[l] {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range g {
		if !wm[l] {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

// TestGoldenCases extracts the team-written articles under
// testdata/cases/<case>/input.txt and compares their sorted quads with want.nq.
func TestGoldenCases(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/cases/*")
	if len(dirs) == 0 {
		t.Fatal("no golden cases under testdata/cases")
	}
	for _, dir := range dirs {
		dir := dir
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, qs := load(t, filepath.Join(dir, "input.txt"))
			for i := range qs {
				// the origin holds the checkout's path; the rest is path-independent
				if qs[i].Predicate == quad.IRI(schema.Origin) {
					qs[i].Object = quad.String("input.txt")
				}
			}
			schema.SortQuads(qs)
			var buf bytes.Buffer
			w := nquads.NewWriter(&buf)
			w.WriteQuads(qs)
			w.Close()
			golden(t, filepath.Join(dir, "want.nq"), buf.Bytes())
		})
	}
}

// TestGoldenSeeds extracts the five seed articles from ../shared and compares
// a summary of their claims (positions and figures, no text of the articles)
// with testdata/seeds/<article>.want.tsv.
func TestGoldenSeeds(t *testing.T) {
	seeds := filepath.Join(sharedDir, "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s (../shared beside the repository): %v", seeds, err)
	}
	docs, _ := load(t, seeds)
	if len(docs) != 5 {
		t.Fatalf("loaded %d seed articles, want 5", len(docs))
	}
	for _, d := range docs {
		golden(t, filepath.Join("testdata", "seeds", strings.TrimSuffix(d.ID, ".txt")+".want.tsv"), summary(d))
	}
}

// summary renders an article's claims as TSV: offset, claimant, via, metric,
// min, max, place, governorate, start, end, attribution. An undated
// article's relative days show as "P-4" (four days before publication).
func summary(d *schema.Article) []byte {
	var lines []string
	outlet, pub := "-", d.Published
	switch {
	case d.PublishedInferred:
		pub += "(inferred)"
	case d.PublishedWeekday != "":
		pub = "P=" + d.PublishedWeekday
	}
	if d.Outlet != nil {
		outlet = d.Outlet.ID
	}
	lines = append(lines, fmt.Sprintf("# outlet=%s published=%s lead=%d claims=%d", outlet, pub, d.Lead, len(d.Claims)))
	for _, c := range d.Claims {
		cl := "-"
		if c.Claimant != nil {
			cl = c.Claimant.ID
		}
		var via []string
		for _, v := range c.Via {
			via = append(via, v.ID)
		}
		place, adm := "-", "-"
		if c.Event.Place != nil {
			place, adm = c.Event.Place.ID, c.Event.Place.Admin1
		}
		start, end := c.Event.Start, c.Event.End
		if c.Event.RelStart != nil && c.Event.RelEnd != nil {
			// days from publication in an undated article: "P-4"
			start, end = fmt.Sprintf("P%+d", *c.Event.RelStart), fmt.Sprintf("P%+d", *c.Event.RelEnd)
		}
		lines = append(lines, strings.Join([]string{fmt.Sprint(c.Offset), cl, strings.Join(via, ">"), c.Metric,
			ptr(c.Figure.Min), ptr(c.Figure.Max), place, adm, start, end, c.Attribution}, "\t"))
	}
	sort.Strings(lines[1:])
	return []byte(strings.Join(lines, "\n") + "\n")
}

func ptr(p *int64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}
