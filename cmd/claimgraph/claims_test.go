package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// TestClaimsBySourceIndex: 'claims --source X' reads only the articles the
// source's incoming edges lead to (graph.Store.ArticlesOfSource), and gives
// exactly the rows a scan of every article gives, for every source of the
// corpus; --limit N gives the first N of them.
func TestClaimsBySourceIndex(t *testing.T) {
	lines := corpusLines(t)
	ctx := context.Background()
	s, err := graph.Open(ctx, "mem:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	loadLines(t, s, lines)

	// every source some claim names, and the rows a full scan gives it
	want := map[string]*bytes.Buffer{}
	err = eachArticle(ctx, s, func(doc *schema.Article) error {
		for i := range doc.Claims {
			c := &doc.Claims[i]
			ids := []string{}
			if c.Claimant != nil {
				ids = append(ids, c.Claimant.ID, c.Claimant.SpeaksFor)
			}
			for _, v := range c.Via {
				ids = append(ids, v.ID)
			}
			for _, id := range ids {
				if id != "" && want[id] == nil {
					want[id] = &bytes.Buffer{}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 20 {
		t.Fatalf("only %d sources in the corpus", len(want))
	}
	for id := range want {
		f := claimFilter{Source: id}
		lw := newListWriter(want[id], "jsonl", nil, nil)
		if err := eachArticle(ctx, s, func(doc *schema.Article) error {
			for i := range doc.Claims {
				if r := rows.NewClaim(doc, i); f.match(&r, &doc.Claims[i]) {
					if err := lw.write(r); err != nil {
						return err
					}
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		lw.close()
	}
	for id, w := range want {
		var got bytes.Buffer
		if err := runClaims(ctx, s, &got, "jsonl", claimFilter{Source: id}); err != nil {
			t.Fatalf("claims --source %s: %v", id, err)
		}
		if got.String() != w.String() {
			t.Errorf("claims --source %s: %d rows through the index, %d by a full scan", id,
				strings.Count(got.String(), "\n"), strings.Count(w.String(), "\n"))
		}
	}
	var first bytes.Buffer
	if err := runClaims(ctx, s, &first, "jsonl", claimFilter{Source: "sohr", Limit: 3}); err != nil {
		t.Fatal(err)
	}
	if all := strings.SplitAfter(want["sohr"].String(), "\n"); first.String() != strings.Join(all[:3], "") {
		t.Errorf("claims --source sohr --limit 3:\n%s\nwant the first 3 of the full list", first.String())
	}
}

// TestClaimsPages: paging with --limit and --after (the last row's id, as
// its IRI or ARTICLE#N) gives, page after page, exactly the full list, for
// all claims and for a source's, on bolt (the ordered index) and in memory
// (Cayley's indexes), the same rows on both; a cursor that names no claim is
// refused.
func TestClaimsPages(t *testing.T) {
	lines := corpusLines(t)[:120]
	var full []string
	for _, dsn := range []string{"mem:", filepath.Join(t.TempDir(), "cg.db")} {
		full = append(full, claimsPaged(t, dsn, lines))
	}
	if full[0] != full[1] {
		t.Errorf("the claims on bolt differ from those in memory:\n%s\n----\n%s", full[1], full[0])
	}
}

// claimsPaged loads lines into a new store dsn, checks the paging of its
// claims and returns them all, with SOHR's after.
func claimsPaged(t *testing.T, dsn string, lines []string) string {
	ctx := context.Background()
	s, err := graph.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	loadLines(t, s, lines)
	var out strings.Builder
	for _, source := range []string{"", "sohr"} {
		var all bytes.Buffer
		if err := runClaims(ctx, s, &all, "jsonl", claimFilter{Source: source}); err != nil {
			t.Fatal(err)
		}
		var paged strings.Builder
		after, pages := "", 0
		for ; pages < 1000; pages++ {
			var page bytes.Buffer
			if err := runClaims(ctx, s, &page, "jsonl", claimFilter{Source: source, Limit: 7, After: after}); err != nil {
				t.Fatal(err)
			}
			if page.Len() == 0 {
				break
			}
			paged.WriteString(page.String())
			lines := strings.Split(strings.TrimSpace(page.String()), "\n")
			var last rows.Claim
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
				t.Fatal(err)
			}
			after = last.ID
			if pages%2 == 1 { // the tables' form
				after = last.Article + "#" + path.Base(last.ID)
			}
		}
		if n := strings.Count(all.String(), "\n"); n < 30 || pages < 4 {
			t.Fatalf("%s, source %q: %d claims in %d pages: too few to page", dsn, source, n, pages)
		}
		if paged.String() != all.String() {
			t.Errorf("%s, source %q: %d rows paged 7 at a time, %d in the full list", dsn, source,
				strings.Count(paged.String(), "\n"), strings.Count(all.String(), "\n"))
		}
		out.WriteString(all.String())
	}
	if err := runClaims(ctx, s, io.Discard, "jsonl", claimFilter{After: "1914947537"}); err == nil || !strings.Contains(err.Error(), "not a claim") {
		t.Errorf("--after an article id: %v, want 'not a claim'", err)
	}
	return out.String()
}
