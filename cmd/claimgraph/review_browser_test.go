package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

// TestBrowserReview: a fact-checker's review recorded while 'serve' runs
// is on the event's page (headless chromium) and in its JSON
// (/api/events/{id}/reviews), with the claim it judges; an event nobody
// reviewed says so.
func TestBrowserReview(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s not found (apt-get install chromium; .ci/run does): %v", chromiumPath, err)
	}
	seeds := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s: %v", seeds, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := graph.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := runLoad(ctx, s, loadOptions{Paths: []string{seeds}, Format: "json", Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- runServe(ctx, s, serveOptions{Addr: "127.0.0.1:0", Log: io.Discard, Ready: func(a string) { ready <- a }})
	}()
	defer func() {
		cancel()
		<-done
		s.Close()
	}()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start within 30s")
	}
	getJSON := func(path string, v interface{}) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	ambush := findAmbush(t, base)
	var d server.EventDetail
	getJSON("/api/events/"+ambush, &d)
	var sohr server.Claim
	for _, c := range d.ClaimList {
		if c.Origin == "sohr" && c.Value != nil && *c.Value == 27 {
			sohr = c
		}
	}
	if sohr.IRI == "" {
		t.Fatal("no SOHR 27 in the ambush")
	}
	var none server.ReviewList
	getJSON("/api/events/"+ambush+"/reviews", &none)
	if len(none.Reviews) != 0 {
		t.Fatalf("reviews before any was recorded: %+v", none.Reviews)
	}

	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	defer cancelT()
	if err := chromedp.Do(bctx,
		chromedp.Navigate(base+"/#/event/"+ambush),
		chromedp.WaitVisible(chromedp.CSS(`#reviews p`)),
	); err != nil {
		t.Fatalf("event page before a review: %v", err)
	}
	muted, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#reviews`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(muted, "No fact-checker has reviewed") {
		t.Errorf("event page without reviews says %q", muted)
	}

	var out strings.Builder
	if err := runReview(ctx, s, &out, reviewOptions{Target: sohr.IRI, Rating: "Mostly true", Explanation: "Hospital records list 26 dead.",
		URL: "https://checks.example/sukhnah", Author: "Jane Doe", Date: "2019-04-25"}); err != nil {
		t.Fatal(err)
	}
	var rl server.ReviewList
	getJSON("/api/events/"+ambush+"/reviews", &rl)
	if len(rl.Reviews) != 1 || rl.Reviews[0].Item != sohr.IRI || rl.Reviews[0].Rating != "Mostly true" || rl.Reviews[0].Claim != sohr.ID {
		t.Fatalf("GET /api/events/%s/reviews: %+v", ambush, rl.Reviews)
	}
	if err := chromedp.Do(bctx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#review-list li.review`)),
	); err != nil {
		t.Fatalf("event page after a review: %v", err)
	}
	shown, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#reviews`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Fact-checkers' reviews (1)", "Mostly true", "Jane Doe", "2019-04-25", "Hospital records list 26 dead.", "Syrian Observatory for Human Rights said 27"} {
		if !strings.Contains(strings.ToLower(shown), strings.ToLower(want)) {
			t.Errorf("reviews on the page lack %q:\n%s", want, shown)
		}
	}
	if png, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.CSS("#reviews"))); err == nil {
		os.WriteFile(filepath.Join(artifactDir(t), "review.png"), png, 0o644)
	}
}
