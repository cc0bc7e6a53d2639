package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimgraph/claimgraph/server"
)

// TestBrowserReview: a fact-checker's review recorded while 'serve' runs
// is on the event's page (headless chromium) and in its JSON
// (/api/events/{id}/reviews), with the claim it judges; an event nobody
// reviewed says so.
func TestBrowserReview(t *testing.T) {
	base, s := startServe(t, skipWithoutBrowser(t))
	ambush := findAmbush(t, base)
	sohr := sohr27(t, base, ambush)
	var none server.ReviewList
	getJSON(t, base, "/api/events/"+ambush+"/reviews", &none)
	if len(none.Reviews) != 0 {
		t.Fatalf("reviews before any was recorded: %+v", none.Reviews)
	}
	b := newBrowser(t)
	b.noReviews(base, ambush)

	var out strings.Builder
	if err := runReview(context.Background(), s, &out, reviewOptions{Target: sohr.IRI, Rating: "Mostly true", Explanation: "Hospital records list 26 dead.",
		URL: "https://checks.example/sukhnah", Author: "Jane Doe", Date: "2019-04-25"}); err != nil {
		t.Fatal(err)
	}
	var rl server.ReviewList
	getJSON(t, base, "/api/events/"+ambush+"/reviews", &rl)
	if len(rl.Reviews) != 1 || rl.Reviews[0].Item != sohr.IRI || rl.Reviews[0].Rating != "Mostly true" || rl.Reviews[0].Claim != sohr.ID {
		t.Fatalf("GET /api/events/%s/reviews: %+v", ambush, rl.Reviews)
	}
	b.reviewShown()
}

// sohr27 returns SOHR's 27 killed among the claims of the event ambush.
func sohr27(t *testing.T, base, ambush string) server.Claim {
	t.Helper()
	var d server.EventDetail
	getJSON(t, base, "/api/events/"+ambush, &d)
	var sohr server.Claim
	for _, c := range d.ClaimList {
		if c.Origin == "sohr" && c.Value != nil && *c.Value == 27 {
			sohr = *c
		}
	}
	if sohr.IRI == "" {
		t.Fatal("no SOHR 27 in the ambush")
	}
	return sohr
}

// noReviews opens the page of the event ambush, which nobody reviewed: it
// says so.
func (b *browser) noReviews(base, ambush string) {
	t := b.t
	if err := chromedp.Do(b.ctx,
		chromedp.Navigate(base+"/#/event/"+ambush),
		chromedp.WaitVisible(chromedp.CSS(`#reviews p`)),
	); err != nil {
		t.Fatalf("event page before a review: %v", err)
	}
	muted, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(`#reviews`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(muted, "No fact-checker has reviewed") {
		t.Errorf("event page without reviews says %q", muted)
	}
}

// reviewShown reloads the event's page, which shows Jane Doe's review of
// SOHR's 27 with its rating, date and explanation.
func (b *browser) reviewShown() {
	t := b.t
	if err := chromedp.Do(b.ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#review-list li.review`)),
	); err != nil {
		t.Fatalf("event page after a review: %v", err)
	}
	shown, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(`#reviews`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Fact-checkers' reviews (1)", "Mostly true", "Jane Doe", "2019-04-25", "Hospital records list 26 dead.", "Syrian Observatory for Human Rights said 27"} {
		if !strings.Contains(strings.ToLower(shown), strings.ToLower(want)) {
			t.Errorf("reviews on the page lack %q:\n%s", want, shown)
		}
	}
	if png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS("#reviews"))); err == nil {
		os.WriteFile(filepath.Join(b.dir, "review.png"), png, 0o644)
	}
}
