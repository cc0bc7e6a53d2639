package loaders

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
				// the content hash covers the extractor's data, which every new
				// gazetteer place changes: TestContentHash tests it
				if qs[i].Predicate == quad.IRI(schema.ContentHash) {
					qs[i].Object = quad.String("(the input, extract.Version and the data's fingerprints)")
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

// TestContentHash: an article's content hash changes with its input, with the
// extractor's version and with its data (a gazetteer place or a lexicon file
// added), so that loading an article again after any of them changed
// re-extracts it; with none changed, it is the same.
func TestContentHash(t *testing.T) {
	in := func() *extract.Input {
		return &extract.Input{ID: "a.txt", Text: "Update\n\nShelling killed 9 people in Kafr Zita, the monitor said.", Hash: "h1"}
	}
	hash := func(x *extract.Extractor, in *extract.Input) string {
		doc, err := x.Extract(in)
		if err != nil {
			t.Fatal(err)
		}
		return doc.ContentHash
	}
	base := hash(newTestExtractor(t), in())
	if again := hash(newTestExtractor(t), in()); again != base {
		t.Fatalf("same input, extractor and data: hash %s then %s", base, again)
	}
	changed := in()
	changed.Hash = "h2"
	if hash(newTestExtractor(t), changed) == base {
		t.Error("another input, same content hash")
	}
	lex, err := extract.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	user, err := gazetteer.Load(strings.NewReader("cg:new-place\tNew Place\t\ttown\tHama\t\t35.1\t36.7\t\t\t\n"), "user.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if hash(extract.New(lex, gazetteer.Default().Merge(user)), in()) == base {
		t.Error("a gazetteer place added, same content hash")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "people.txt"), []byte("sappers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := lex.Extend(dir); err != nil {
		t.Fatal(err)
	}
	if hash(extract.New(lex, gazetteer.Default()), in()) == base {
		t.Error("a lexicon file added, same content hash")
	}
}

// versionRecord is where TestVersionRecorded keeps extract.Version and a hash
// of the golden files it was last recorded with.
const versionRecord = "testdata/extractor-version.txt"

// TestVersionRecorded fails when the golden files change but extract.Version
// does not: stores keep an article's extraction until its content hash, of
// which the version is part, changes. Raise Version, then run
// go test ./loaders -update to record it.
func TestVersionRecorded(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*/want.nq")
	seeds, _ := filepath.Glob("testdata/seeds/*.want.tsv")
	files = append(files, seeds...)
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%s\x00", f, b)
	}
	gotVersion, gotHash := extract.Version, hex.EncodeToString(h.Sum(nil))
	b, err := os.ReadFile(versionRecord)
	if err != nil && !(*update && os.IsNotExist(err)) {
		t.Fatalf("%v (go test ./loaders -update records it)", err)
	}
	recVersion, recHash, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	switch {
	case recHash != gotHash && recVersion == gotVersion:
		// -update too: it would record the change under the old version
		t.Errorf("the golden files changed but extract.Version is still %s: raise it (stores would keep the old extraction of unchanged articles), then run go test ./loaders -update", gotVersion)
	case *update:
		if err := os.WriteFile(versionRecord, []byte(gotVersion+"\n"+gotHash+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	case recHash != gotHash || recVersion != gotVersion:
		t.Errorf("%s records %s; run go test ./loaders -update to record %s", versionRecord, recVersion, gotVersion)
	}
}
