package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/rows"
)

// run runs the claimgraph command line in-process and returns its stdout,
// stderr and error.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	app := newApp()
	var out, errw bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errw
	err := app.RunContext(context.Background(), append([]string{"claimgraph"}, args...))
	return out.String(), errw.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, err := run(t, args...)
	if err != nil {
		t.Fatalf("claimgraph %s: %v\n%s", strings.Join(args, " "), err, errs)
	}
	return out
}

func demoDir(t *testing.T) string {
	dir := t.TempDir()
	if err := writeDemo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadReloadDelete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	dir := demoDir(t)
	out := mustRun(t, "--db", db, "load", "--format", "json", dir)
	var sum loadSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("load summary %q: %v", out, err)
	}
	if sum.Articles != 4 || sum.Added != 4 || sum.Claims == 0 {
		t.Fatalf("first load: %+v", sum)
	}
	// the link's own time, beside the load's (bench/scale.sh tells them apart)
	var times struct {
		Millis int64 `json:"ms"`
		Link   map[string]any
	}
	if err := json.Unmarshal([]byte(out), &times); err != nil || times.Link["ms"] == nil || times.Link["articles"] != 4.0 {
		t.Errorf("load summary's link: %v, want its counts and its ms (%v)", times.Link, err)
	} else if ms := times.Link["ms"].(float64); ms < 0 || ms > float64(times.Millis) {
		t.Errorf("link ms %v, load ms %d: want 0 <= link <= load", ms, times.Millis)
	}
	before := mustRun(t, "--db", db, "stats", "--format", "json")

	// loading the same articles again changes nothing
	out = mustRun(t, "--db", db, "load", "--format", "json", dir)
	json.Unmarshal([]byte(out), &sum)
	if sum.Unchanged != 4 || sum.Added != 0 || sum.Replaced != 0 {
		t.Errorf("reload: %+v", sum)
	}
	if after := mustRun(t, "--db", db, "stats", "--format", "json"); after != before {
		t.Errorf("stats changed on reload:\n%s\n%s", before, after)
	}

	// an article changed on disk replaces its old quads
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	b, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], append(b, []byte("\nThe toll later rose to 99 killed, the Observatory said.\n")...), 0o644)
	out = mustRun(t, "--db", db, "load", "--format", "json", dir)
	json.Unmarshal([]byte(out), &sum)
	if sum.Replaced != 1 || sum.Unchanged != 3 {
		t.Errorf("changed article: %+v", sum)
	}
	os.WriteFile(files[0], b, 0o644)
	mustRun(t, "--db", db, "load", dir)
	if after := mustRun(t, "--db", db, "stats", "--format", "json"); after != before {
		t.Errorf("restoring the article did not restore the store:\n%s\n%s", before, after)
	}

	// deleting one article removes exactly its quads
	id := filepath.Base(files[0])
	exp := mustRun(t, "--db", db, "export", "--format", "nquads")
	mine := 0
	for _, l := range strings.Split(exp, "\n") {
		if strings.HasSuffix(l, "<https://claimgraph.org/id/article/"+id+"> .") {
			mine++
		}
	}
	out = mustRun(t, "--db", db, "delete", id)
	if !strings.Contains(out, "deleted "+id) {
		t.Errorf("delete said %q", out)
	}
	exp2 := mustRun(t, "--db", db, "export", "--format", "nquads")
	// linking quads (their own label) are rewritten by the relink; count article quads
	if got := countLabelled(exp, "/id/article/") - countLabelled(exp2, "/id/article/"); got != mine {
		t.Errorf("delete removed %d exported quads, want the article's %d", got, mine)
	}
	if strings.Contains(exp2, "article/"+id+">") {
		t.Error("quads of the deleted article remain")
	}
	if _, _, err := run(t, "--db", db, "delete", id); err == nil {
		t.Error("deleting a missing article must fail")
	}

	// --format json: what was deleted, what was not found, what the relink
	// did (the deleted article's component removed, nothing else read)
	other := filepath.Base(files[1])
	jout, _, err := run(t, "--db", db, "delete", "--format", "json", other, id)
	if err == nil {
		t.Error("deleting a missing article among others must fail")
	}
	var del struct {
		Deleted []struct {
			ID    string `json:"id"`
			Quads int    `json:"quads"`
		} `json:"deleted"`
		NotFound []string `json:"not_found"`
		Link     struct {
			Full    bool `json:"full"`
			Removed int  `json:"removed"`
		} `json:"link"`
	}
	if err := json.Unmarshal([]byte(jout), &del); err != nil {
		t.Fatalf("delete --format json: %v: %q", err, jout)
	}
	if len(del.Deleted) != 1 || del.Deleted[0].ID != other || del.Deleted[0].Quads == 0 ||
		len(del.NotFound) != 1 || del.NotFound[0] != id || del.Link.Full || del.Link.Removed == 0 {
		t.Errorf("delete --format json = %+v", del)
	}
}

func TestClaimsContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	out := mustRun(t, "--db", db, "claims", "--format", "jsonl")
	want := []string{"id", "article", "claimant", "claimant_name", "via", "metric", "value", "min", "max",
		"figure_text", "who", "perpetrator", "event", "location", "location_name", "admin1", "start", "end",
		"evidence", "offset"}
	found27 := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]interface{}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Errorf("claim lacks %q: %s", k, line)
			}
		}
		if m["claimant"] == "sohr" && m["metric"] == "killed" && m["value"] == float64(27) {
			found27 = true
			if m["admin1"] != "Homs" {
				t.Errorf("SOHR's 27 should be placed in Homs: %s", line)
			}
		}
	}
	if !found27 {
		t.Errorf("SOHR's 27 killed not extracted from the demo articles:\n%s", out)
	}
	var arts []map[string]interface{}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "articles", "--format", "json")), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 4 {
		t.Errorf("articles: %d, want 4", len(arts))
	}
	tab := mustRun(t, "--db", db, "claims", "--format", "table")
	if !strings.HasPrefix(tab, "ID ") {
		t.Errorf("table output: %q", tab[:40])
	}
	// the table's id column is an id the other commands take
	rows := strings.Split(strings.TrimSpace(tab), "\n")
	id := strings.Fields(rows[1])[0]
	if !strings.Contains(id, "#") {
		t.Fatalf("claims table id %q, want ARTICLE#N", id)
	}
	if _, errs, err := run(t, "--db", db, "events", "--claim", id, "--format", "jsonl"); err != nil {
		t.Errorf("events --claim %s (from the claims table): %v\n%s", id, err, errs)
	}
}

func TestGizmo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	out := mustRun(t, "--db", db, "gizmo", "-e",
		`g.V(g.IRI("cgid:source/sohr")).In(g.IRI("prov:wasAttributedTo")).Has(g.IRI("cg:metric"), "killed").Out(g.IRI("cg:figure")).Out(g.IRI("cg:min")).All()`)
	if !strings.Contains(out, `"id":27`) {
		t.Errorf("gizmo: SOHR's killed minimums lack 27:\n%s", out)
	}
	if _, _, err := run(t, "--db", db, "gizmo", "--timeout", "200ms", "-e", `while (true) {}`); err == nil {
		t.Error("a runaway script must be stopped with an error")
	}
}

func TestMalformedLineReported(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"Ten killed","text":"Ten people were killed in Homs, the Observatory said."}`+"\n"+
		`{"id":"b","text": oops}`+"\n"+
		`{"id":"c","text":"Five soldiers were wounded in Idlib on Monday, SANA said.","date":"2017-04-03"}`+"\n"), 0o644)
	db := filepath.Join(dir, "g.db")
	_, errs, err := run(t, "--db", db, "load", in)
	if err == nil {
		t.Fatal("load with a malformed line must fail")
	}
	if !strings.Contains(errs, in+":2:") {
		t.Errorf("error output lacks file:line: %q", errs)
	}
	out := mustRun(t, "--db", db, "articles", "--format", "jsonl")
	if strings.Count(out, "\n") != 2 {
		t.Errorf("the good lines were not loaded:\n%s", out)
	}
}

func TestSeeds(t *testing.T) {
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s: %v", seeds, err)
	}
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", seeds)
	var outlets []string
	for _, line := range strings.Split(strings.TrimSpace(mustRun(t, "--db", db, "articles", "--format", "jsonl")), "\n") {
		var a rows.Article
		json.Unmarshal([]byte(line), &a)
		if a.Outlet != nil {
			outlets = append(outlets, *a.Outlet)
		}
		if strings.HasPrefix(a.ID, "001") && (a.Published == nil || *a.Published != "2019-04-20") {
			t.Errorf("001 published %v, want 2019-04-20", a.Published)
		}
	}
	if got := strings.Join(outlets, ","); got != "Rudaw,Asharq Al-Awsat,DP" {
		t.Errorf("outlets %s, want Rudaw,Asharq Al-Awsat,DP", got)
	}
}

func TestGazetteerCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("cg:test-well\tTest Well\tBir Test\twell\tHoms\tTadmur\t34.6\t38.3\t\t\t\n"), 0o644)
	if out := mustRun(t, "gazetteer", "check", good); !strings.Contains(out, "ok") {
		t.Errorf("check of a good file said %q", out)
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("cg:x\tX\t\twell\tNowhere\t\t99\t38.3\t\t\t\n"), 0o644)
	_, errs, err := run(t, "gazetteer", "check", bad)
	if err == nil || !strings.Contains(errs, bad+":1") {
		t.Errorf("check of a bad file: err %v, stderr %q", err, errs)
	}
}

// countLabelled counts the N-Quads lines whose label contains s.
func countLabelled(nq, s string) int {
	n := 0
	for _, l := range strings.Split(nq, "\n") {
		if i := strings.LastIndex(l, " <"); i >= 0 && strings.Contains(l[i:], s) {
			n++
		}
	}
	return n
}

// TestCPUProfile: --cpuprofile writes a profile pprof can read (it starts
// with gzip's magic bytes) of the command it wraps.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.prof")
	mustRun(t, "--cpuprofile", prof, "--db", filepath.Join(dir, "g.db"), "load", demoDir(t))
	data, err := os.ReadFile(prof)
	if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("profile: %d bytes, %v", len(data), err)
	}
}

// TestHeapProfile: --heapprofile writes heap profiles pprof can read
// (gzip's magic bytes) into its directory, one every --heapprofile-every
// and one at the command's end, named by number and the heap in use; an
// interval that is not positive fails the command.
func TestHeapProfile(t *testing.T) {
	dir := t.TempDir()
	profs := filepath.Join(dir, "heap")
	mustRun(t, "--heapprofile", profs, "--heapprofile-every", "20ms", "--db", filepath.Join(dir, "g.db"), "load", demoDir(t))
	files, err := filepath.Glob(filepath.Join(profs, "heap-*MB.pprof"))
	if err != nil || len(files) < 2 {
		t.Fatalf("%d heap profiles (%v), want one every 20ms and one at the end", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s: %d bytes, %v", f, len(data), err)
		}
	}
	if heapProfiles != nil {
		t.Error("the heap profiler still runs after the command")
	}
	if _, _, err := run(t, "--heapprofile", profs, "--heapprofile-every", "0s", "--db", filepath.Join(dir, "g.db"), "stats"); err == nil {
		t.Error("--heapprofile-every 0s: no error")
	}
}

// TestMemoryLimit: --memory-limit (CLAIMGRAPH_MEMORY_LIMIT) sets Go's soft
// memory limit for the command; a size that is not one, or one under 64MB
// (a missing unit), fails it and leaves the limit alone.
func TestMemoryLimit(t *testing.T) {
	was := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(was) })
	dir := t.TempDir()
	mustRun(t, "--memory-limit", "3GB", "--db", filepath.Join(dir, "g.db"), "load", demoDir(t))
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("--memory-limit 3GB: limit %d, want %d", got, int64(3<<30))
	}
	t.Setenv("CLAIMGRAPH_MEMORY_LIMIT", "512MB")
	mustRun(t, "--db", filepath.Join(dir, "g.db"), "stats")
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("CLAIMGRAPH_MEMORY_LIMIT=512MB: limit %d, want %d", got, int64(512<<20))
	}
	for _, bad := range []string{"lots", "2", "10MB"} {
		if _, _, err := run(t, "--memory-limit", bad, "--db", filepath.Join(dir, "g.db"), "stats"); err == nil || !strings.Contains(err.Error(), "--memory-limit") {
			t.Errorf("--memory-limit %s: %v, want an error naming the flag", bad, err)
		}
	}
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("after refused limits: limit %d, want %d still", got, int64(512<<20))
	}
}

// TestLoadLinksDespiteBadInput: an input that stops the load (a missing
// path) fails the command, but the articles written before it are linked.
func TestLoadLinksDespiteBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	_, _, err := run(t, "--db", db, "load", demoDir(t), filepath.Join(dir, "missing.txt"))
	if err == nil {
		t.Fatal("load of a missing path: no error")
	}
	if out := mustRun(t, "--db", db, "events", "--format", "jsonl"); strings.TrimSpace(out) == "" {
		t.Error("the articles loaded before the missing path were not linked")
	}
}

// TestVersion: --version names the build and the versions of the
// extraction and linking rules (what a store holds depends on them), and
// the shell completion lists the commands.
func TestVersion(t *testing.T) {
	out := mustRun(t, "--version")
	for _, want := range []string{"claimgraph version ", extract.Version, linking.Version} {
		if !strings.Contains(out, want) {
			t.Errorf("--version = %q, want %q in it", out, want)
		}
	}
	// urfave/cli reads the words to complete from os.Args, not RunContext's
	args := os.Args
	os.Args = []string{"claimgraph", "--generate-bash-completion"}
	defer func() { os.Args = args }()
	if out := mustRun(t, "--generate-bash-completion"); !strings.Contains(out, "load\n") || !strings.Contains(out, "claims\n") {
		t.Errorf("bash completion lists %q, want the commands", out)
	}
}
