package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

// postgresDB creates a new database on the server CLAIMGRAPH_TEST_POSTGRES_URL
// names (.ci/run sets it), drops it when the test ends, and returns its URL.
// Without the variable the test is skipped.
func postgresDB(t *testing.T) string { return graphtest.PostgresDB(t) }

// postgresInputs returns a directory of articles: the demo's, and the
// first 60 of the shared dev corpus when ../shared is there.
func postgresInputs(t *testing.T) string {
	dir := demoDir(t)
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "corpus", "fakes_dev.jsonl"))
	if err != nil {
		t.Logf("shared corpus not found (%v): loading the demo articles only", err)
		return dir
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(lines) < 60 {
		lines = append(lines, sc.Text())
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPostgresConcurrentLoads runs two loads of the same articles at once
// against one PostgreSQL database (issue 14 item 5: the second failed with
// "quad exists") and checks that both succeed and the store then holds
// exactly the quads of one load: the same N-Quads export, linking included.
func TestPostgresConcurrentLoads(t *testing.T) {
	in := postgresInputs(t)
	seq, conc := postgresDB(t), postgresDB(t)
	mustRun(t, "--db", seq, "load", in)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]string, 2)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var stderr string
			outs[i], stderr, errs[i] = run(t, "--db", conc, "load", in)
			if errs[i] != nil {
				outs[i] = stderr
			}
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent load %d: %v\n%s", i+1, err, outs[i])
		}
	}
	export := func(dsn string) string {
		return mustRun(t, "--db", dsn, "export", "--format", "nquads")
	}
	want, got := export(seq), export(conc)
	if got != want {
		t.Errorf("after two concurrent loads the store exports %d bytes, after one load %d: they differ",
			len(got), len(want))
	}
	if n := strings.Count(want, "\n"); n < 500 {
		t.Errorf("export of one load has %d lines: too few to test anything", n)
	}
}

// TestPostgresBadArticleAlone loads a directory of good articles, one
// Latin-1 .txt and one .txt whose bytes are neither UTF-8 nor Windows-1252
// text into PostgreSQL: the Latin-1 one is decoded and stored with the good
// ones, the broken one is reported with its file and reason, and load exits
// with an error (status 1) after storing the rest.
func TestPostgresBadArticleAlone(t *testing.T) {
	in := postgresInputs(t)
	latin1 := "Damascus, 20 April 2019 (SANA) - A caf\xe9 owner in \xc7ardak said 12 people were killed in the shelling.\n"
	if err := os.WriteFile(filepath.Join(in, "latin1.txt"), []byte(latin1), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := "Damascus, 20 April 2019 - 12 people were killed \xe2\x82 in \xff\xfe the shelling, \xc3\xa9 said SANA.\n"
	if err := os.WriteFile(filepath.Join(in, "broken.txt"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	dsn := postgresDB(t)
	_, stderr, err := run(t, "--db", dsn, "load", in)
	if err == nil {
		t.Fatalf("load with a broken article: no error\n%s", stderr)
	}
	if !strings.Contains(stderr, "broken.txt") {
		t.Errorf("stderr does not name broken.txt:\n%s", stderr)
	}
	ref := postgresDB(t)
	os.Remove(filepath.Join(in, "broken.txt"))
	mustRun(t, "--db", ref, "load", in)
	articles := func(dsn string) string { return mustRun(t, "--db", dsn, "articles", "--format", "jsonl") }
	if got, want := articles(dsn), articles(ref); got != want {
		t.Errorf("articles stored beside the broken one differ from a load without it:\n got %d bytes\nwant %d bytes", len(got), len(want))
	}
	if !strings.Contains(articles(dsn), "latin1.txt") {
		t.Errorf("the Latin-1 article is not stored")
	}
}

// TestPostgresChangesOneAtATime: a load waits while another change of the
// same PostgreSQL store is under way (graph.Store.LockChanges), so that two
// loaders of different articles relink one after the other and neither
// links without the other's articles: loading two halves at once leaves the
// export, relations included, of loading both one after the other.
func TestPostgresChangesOneAtATime(t *testing.T) {
	in := postgresInputs(t)
	dsn := postgresDB(t)
	mustRun(t, "--db", dsn, "load", filepath.Join(in, "corpus.jsonl"))
	s, err := graph.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release, err := s.LockChanges(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// one short article: without the lock it is in within a second or two
	one := filepath.Join(t.TempDir(), "one.txt")
	if err := os.WriteFile(one, []byte("Damascus, 20 April 2019 (SANA) - 12 people were killed in the shelling of Jobar, SANA said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, stderr, err := run(t, "--db", dsn, "load", one)
		if err != nil {
			err = fmt.Errorf("%v\n%s", err, stderr)
		}
		done <- err
	}()
	before, err := s.ArticleIRIs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for wait := time.Now(); time.Since(wait) < 8*time.Second; time.Sleep(250 * time.Millisecond) {
		now, err := s.ArticleIRIs(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(now) != len(before) {
			release()
			t.Fatalf("a load wrote %d articles while another change held the store", len(now)-len(before))
		}
		select {
		case err := <-done:
			release()
			t.Fatalf("a load ran to its end while another change held the store (err %v)", err)
		default:
		}
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the load after the other change ended: %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the load still waits 2 minutes after the other change ended")
	}

	// two halves at once against both in turn
	halves := [2]string{t.TempDir(), t.TempDir()}
	entries, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range entries {
		b, err := os.ReadFile(filepath.Join(in, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(halves[i%2], e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seq, conc := postgresDB(t), postgresDB(t)
	mustRun(t, "--db", seq, "load", halves[0])
	mustRun(t, "--db", seq, "load", halves[1])
	mustRun(t, "--db", conc, "stats") // create the tables first
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range halves {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, stderr, err := run(t, "--db", conc, "load", halves[i])
			if err != nil {
				errs[i] = fmt.Errorf("%v\n%s", err, stderr)
			}
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("load of half %d: %v", i+1, err)
		}
	}
	export := func(dsn string) string { return mustRun(t, "--db", dsn, "export", "--format", "nquads") }
	if got, want := export(conc), export(seq); got != want {
		t.Errorf("two halves loaded at once export %d bytes, one after the other %d: they differ", len(got), len(want))
	}
}
