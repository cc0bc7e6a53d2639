package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// TestReadMissingStore checks that every command that reads a store fails on
// a --db path that does not exist, says that only load creates a store, and
// creates nothing; load then creates it.
func TestReadMissingStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"articles"}, {"claims"}, {"sources"}, {"events"}, {"stats"}, {"export"}, {"link"},
		{"query", "contradictions"}, {"gizmo", "-e", "g.V().All()"}, {"delete", "x"},
		{"serve", "--addr", "127.0.0.1:0"},
	} {
		out, errs, err := run(t, append([]string{"--db", db}, args...)...)
		if err == nil {
			t.Errorf("%s on a missing store: no error (stdout %q)", args[0], out)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "no store at") || !strings.Contains(msg, "claimgraph --db "+db+" load") {
			t.Errorf("%s on a missing store: error %q, want 'no store at' and the load to try", args[0], msg)
		}
		if errs != "" {
			t.Errorf("%s on a missing store printed %q besides the error", args[0], errs)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("%s on a missing store created %s", args[0], db)
		}
	}
	mustRun(t, "--db", db, "load", demoDir(t))
	if out := mustRun(t, "--db", db, "articles", "--format", "jsonl"); strings.Count(out, "\n") != 4 {
		t.Errorf("articles after load: %q", out)
	}
}

// TestUnknownFilterValues checks that --metric, --source, --event and
// --claim values that name nothing fail with a "did you mean" or the valid
// values, where before they gave an empty result; and that a source's name
// or alias, a short event IRI and a table's ARTICLE#N select what the id does.
func TestUnknownFilterValues(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	var ev struct{ Event string }
	if err := json.Unmarshal([]byte(strings.SplitN(mustRun(t, "--db", db, "events", "--format", "jsonl"), "\n", 2)[0]), &ev); err != nil || ev.Event == "" {
		t.Fatalf("first event: %v %+v", err, ev)
	}
	var claim struct{ ID, Article string }
	if err := json.Unmarshal([]byte(strings.SplitN(mustRun(t, "--db", db, "claims", "--format", "jsonl"), "\n", 2)[0]), &claim); err != nil || claim.ID == "" {
		t.Fatalf("first claim: %v %+v", err, claim)
	}
	typo := ev.Event[:len(ev.Event)-1] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", ev.Event[len(ev.Event)-1])+1)%16])
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"claims", "--metric", "kiled"}, []string{`--metric "kiled": no such metric; did you mean killed?`, "metrics: killed, wounded"}},
		{[]string{"claims", "--metric", "deaths"}, []string{`--metric "deaths": no such metric (metrics: killed, wounded`}},
		{[]string{"claims", "--source", "sohrr"}, []string{`--source "sohrr": no such source`, "did you mean sohr (Syrian Observatory for Human Rights)?", "claimgraph sources"}},
		{[]string{"events", "--source", "amak"}, []string{"did you mean amaq (Amaq News Agency)?"}},
		{[]string{"query", "contradictions", "--source", "xyzzy"}, []string{`--source "xyzzy": no such source`, "claimgraph sources"}},
		{[]string{"export", "--source", "sohrr"}, []string{"did you mean sohr"}},
		{[]string{"query", "corroborations", "--event", typo}, []string{"no such event", "did you mean " + ev.Event + "?"}},
		{[]string{"export", "--event", ev.Event[:45] + "..."}, []string{"did you mean " + ev.Event + "?"}},
		{[]string{"events", "--claim", claim.Article + "#999"}, []string{`--claim "` + claim.Article + `#999": no such claim`, "has ", claim.Article + "#1 to"}},
		{[]string{"query", "trace", "--claim", "nosuch.txt#1"}, []string{"no such claim", "no article nosuch.txt"}},
	} {
		out, _, err := run(t, append([]string{"--db", db}, append(c.args, "--format", "jsonl")...)...)
		if c.args[0] == "export" {
			out, _, err = run(t, append([]string{"--db", db}, c.args...)...)
		}
		if err == nil {
			t.Errorf("%v: no error (stdout %q)", c.args, out)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %q, want %q in it", c.args, err, w)
			}
		}
	}
	// the forms a user sees select what the id does
	bySohr := mustRun(t, "--db", db, "claims", "--source", "sohr", "--format", "jsonl")
	if bySohr == "" {
		t.Fatal("no claims of sohr in the demo")
	}
	for _, alias := range []string{"SOHR", "Syrian Observatory", "syrian observatory for human rights", "cgid:source/sohr"} {
		if got := mustRun(t, "--db", db, "claims", "--source", alias, "--format", "jsonl"); got != bySohr {
			t.Errorf("claims --source %q differs from --source sohr", alias)
		}
	}
	if got := mustRun(t, "--db", db, "claims", "--metric", "Killed", "--format", "jsonl"); got != mustRun(t, "--db", db, "claims", "--metric", "killed", "--format", "jsonl") {
		t.Error("--metric Killed differs from --metric killed")
	}
	short := strings.Replace(ev.Event, "https://claimgraph.org/id/", "cgid:", 1)
	if got, want := mustRun(t, "--db", db, "events", "--claim", claim.Article+"#1", "--format", "jsonl"), mustRun(t, "--db", db, "events", "--claim", claim.ID, "--format", "jsonl"); got != want || got == "" {
		t.Errorf("events --claim ARTICLE#1 = %q, want the same as the claim IRI: %q", got, want)
	}
	if got, want := mustRun(t, "--db", db, "query", "events", "--event", short, "--format", "jsonl"), mustRun(t, "--db", db, "query", "events", "--event", ev.Event, "--format", "jsonl"); got != want || got == "" {
		t.Errorf("query events --event %s = %q, want the same as the full IRI: %q", short, got, want)
	}
}

// TestSourcesCommand checks 'claimgraph sources': every claimant of the
// claims is listed with its name and aliases, in each format.
func TestSourcesCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	var srcs []sourceRecord
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "sources", "--format", "json")), &srcs); err != nil {
		t.Fatal(err)
	}
	byID := map[string]sourceRecord{}
	for _, s := range srcs {
		byID[s.ID] = s
	}
	sohr := byID["sohr"]
	if sohr.Name != "Syrian Observatory for Human Rights" || sohr.Kind != "monitor" || !containsString(sohr.Aliases, "Syrian Observatory") {
		t.Errorf("sohr: %+v", sohr)
	}
	if r := byID["rami-abdel-rahman"]; r.SpeaksFor != "sohr" {
		t.Errorf("rami-abdel-rahman speaks for %q, want sohr", r.SpeaksFor)
	}
	for _, line := range strings.Split(strings.TrimSpace(mustRun(t, "--db", db, "claims", "--format", "jsonl")), "\n") {
		var c rows.Claim
		json.Unmarshal([]byte(line), &c)
		if _, ok := byID[c.Claimant]; c.Claimant != "" && !ok {
			t.Errorf("claimant %q not listed by sources", c.Claimant)
		}
	}
	if n := strings.Count(mustRun(t, "--db", db, "sources", "--format", "jsonl"), "\n"); n != len(srcs) {
		t.Errorf("jsonl: %d lines, json: %d sources", n, len(srcs))
	}
	table := mustRun(t, "--db", db, "sources", "--format", "table")
	if !strings.HasPrefix(table, "ID ") || !strings.Contains(table, "sohr ") {
		t.Errorf("table:\n%s", table)
	}
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestSuggest(t *testing.T) {
	keys := map[string]string{"killed": "killed", "wounded": "wounded", "sohr": "sohr", "the observatory": "sohr", "amaq": "amaq", "both": ""}
	for v, want := range map[string]string{"kiled": "killed", "KILLD": "killed", "wonded": "wounded", "sohrr": "sohr", "observatory": "sohr", "amak": "amaq", "xyzzy": "", "both": ""} {
		if got := strings.Join(suggest(v, keys), ","); got != want {
			t.Errorf("suggest(%q) = %q, want %q", v, got, want)
		}
	}
	if d := editDistance("kitten", "sitting", 10); d != 3 {
		t.Errorf("editDistance(kitten, sitting) = %d, want 3", d)
	}
}

// TestArticleIDForms: an article is named by its id, its IRI (full, short
// or bracketed) or one of its claims' ARTICLE#N, wherever an article is
// taken (articleID: claims --article, export --article, delete).
func TestArticleIDForms(t *testing.T) {
	iri := schema.ArticleIRI("01 a.txt")
	for _, v := range []string{"01 a.txt", iri, "<" + iri + ">", schema.IDPrefix + "article/01%20a.txt", "01 a.txt#3", iri + "/claim/3"} {
		if got := articleID(v); got != "01 a.txt" {
			t.Errorf("articleID(%q) = %q, want %q", v, got, "01 a.txt")
		}
	}
	if got := articleID("report#final.txt"); got != "report#final.txt" {
		t.Errorf("articleID(report#final.txt) = %q: a # not followed by a claim number is part of the id", got)
	}
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	var first struct{ ID string }
	line, _, _ := strings.Cut(mustRun(t, "--db", db, "articles", "--format", "jsonl"), "\n")
	if err := json.Unmarshal([]byte(line), &first); err != nil || first.ID == "" {
		t.Fatalf("articles: %q: %v", line, err)
	}
	short := schema.IDPrefix + strings.TrimPrefix(schema.ArticleIRI(first.ID), schema.IDNS)
	byID := mustRun(t, "--db", db, "claims", "--article", first.ID, "--format", "jsonl")
	if byID == "" || mustRun(t, "--db", db, "claims", "--article", short, "--format", "jsonl") != byID {
		t.Errorf("claims --article %s differs from --article %s", short, first.ID)
	}
	mustRun(t, "--db", db, "delete", short)
	if strings.Contains(mustRun(t, "--db", db, "articles", "--format", "jsonl"), `"id":"`+first.ID+`"`) {
		t.Errorf("delete %s left the article", short)
	}
}

// TestClaimIDForms: a claim is named by its IRI (full, short, bracketed),
// the tables' ARTICLE#N or the page's ARTICLE:N, an article id with colons
// included.
func TestClaimIDForms(t *testing.T) {
	want := schema.ClaimIRI(schema.ArticleIRI("x:y.txt"), 12)
	for _, v := range []string{want, "<" + want + ">", schema.IDPrefix + strings.TrimPrefix(want, schema.IDNS), "x:y.txt#12", "x:y.txt:12"} {
		if got := claimIRI(v); got != want {
			t.Errorf("claimIRI(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestSourceNameWithoutStore checks that a built-in source's name or alias
// resolves without listing the store's sources (which reads every article's
// copy of their names: seconds at 100k articles): here the context is
// canceled, so any read of the store fails, and a name only the store could
// know still needs it.
func TestSourceNameWithoutStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	s, err := graph.OpenExisting(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, v := range []string{"Syrian Observatory for Human Rights", "syrian observatory", "SOHR", "sohr"} {
		if id, err := resolveSource(ctx, s, v); err != nil || id != "sohr" {
			t.Errorf("resolveSource(%q) = %q, %v; want sohr without reading the store", v, id, err)
		}
	}
	if id, err := resolveSource(ctx, s, "Some Militia Nobody Listed"); !errors.Is(err, context.Canceled) {
		t.Errorf("resolveSource of a name the lexicon lacks = %q, %v; want the store read, and context.Canceled", id, err)
	}
}
