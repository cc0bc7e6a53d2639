//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/internal/hostile"
)

// buildClaimgraph builds this command into a temporary directory.
func buildClaimgraph(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build claimgraph with")
	}
	bin := filepath.Join(t.TempDir(), "claimgraph")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// waitForStore waits until the load cmd runs has created its bolt store at
// db, and returns when it saw it. It fails the test if the store does not
// appear within a minute.
func waitForStore(t *testing.T, db string, cmd *exec.Cmd) time.Time {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(db, "indexes.bolt")); err == nil {
			return time.Now()
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatalf("no store at %s a minute after load started", db)
	return time.Time{}
}

// claimsPerArticle runs 'articles --format jsonl' on db and returns each
// article's number of claims.
func claimsPerArticle(t *testing.T, bin, db string) map[string]int {
	t.Helper()
	out, err := exec.Command(bin, "--db", db, "articles", "--format", "jsonl").Output()
	if err != nil {
		t.Fatalf("articles: %v", err)
	}
	got := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct {
			ID     string `json:"id"`
			Claims int    `json:"claims"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("articles: %v: %s", err, sc.Bytes())
		}
		got[a.ID] = a.Claims
	}
	return got
}

// TestSIGTERMStopsLoad sends SIGTERM to a 'claimgraph load' of huge hostile
// articles and the seeds at several moments (at once, before the store
// exists; then in extraction, in writes, in linking, timed from the store's
// creation) and checks that it exits within a few seconds, and that the store
// is consistent: 'stats' works, and every article in it has all the claims a
// full load gives it (an article is written whole or not at all). Before,
// load waited for the extraction of the article under way: 20 s for 10 MB.
func TestSIGTERMStopsLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads megabytes: not in -short")
	}
	bin := buildClaimgraph(t)
	in := t.TempDir()
	for _, c := range hostile.Cases {
		if c.Name == "prose" || c.Name == "sentence" || c.Name == "children" {
			if err := os.WriteFile(filepath.Join(in, c.Name+c.Ext), []byte(c.Make(1<<20)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.Mkdir(filepath.Join(in, "0seeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeDemo(filepath.Join(in, "0seeds")); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(t.TempDir(), "full.db")
	cmd := exec.Command(bin, "--db", full, "load", in)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	start := waitForStore(t, full, cmd)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("load: %v\n%s", err, out.Bytes())
	}
	whole := time.Since(start) // from the store's creation to the end
	want := claimsPerArticle(t, bin, full)
	// A negative fraction signals at once, before load has created the store
	// (on a busy machine, the start of the process can take longer than 2% of
	// the load): it must then leave no store, or a consistent one.
	for _, frac := range []float64{-1, 0.02, 0.5, 0.85, 0.95} {
		delay := time.Duration(frac * float64(whole))
		name := delay.Round(time.Millisecond).String()
		if frac < 0 {
			name = "at-once"
		}
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "g.db")
			cmd := exec.Command(bin, "--db", db, "load", in)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if frac >= 0 {
				waitForStore(t, db, cmd)
				time.Sleep(delay)
			}
			cmd.Process.Signal(syscall.SIGTERM)
			sent := time.Now()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("load still running 30 s after SIGTERM")
			}
			// 2 s on an idle machine; a shared one gets some slack
			if took := time.Since(sent); took > 5*time.Second {
				t.Errorf("load exited %v after SIGTERM, want within a few seconds", took)
			}
			if _, err := os.Stat(db); frac < 0 && errors.Is(err, fs.ErrNotExist) {
				t.Logf("SIGTERM at once: stopped before the store was created")
				return
			}
			if out, err := exec.Command(bin, "--db", db, "stats").CombinedOutput(); err != nil {
				t.Fatalf("stats after SIGTERM: %v\n%s", err, out)
			}
			got := claimsPerArticle(t, bin, db)
			for id, n := range got {
				if w, ok := want[id]; !ok || w != n {
					t.Errorf("article %s has %d claims after SIGTERM, %d after a full load", id, n, w)
				}
			}
			t.Logf("SIGTERM after %v: %d of %d articles stored", delay, len(got), len(want))
		})
	}
}
