package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/export"
	"github.com/claimgraph/claimgraph/schema"
)

func TestClaimReview(t *testing.T) {
	s, _ := fixture(t)
	var feed struct {
		Type     string           `json:"@type"`
		Elements []map[string]any `json:"dataFeedElement"`
	}
	if err := json.Unmarshal(export1(t, s, export.ClaimReview, export.Filter{}), &feed); err != nil {
		t.Fatal(err)
	}
	want(t, "feed type", feed.Type, "DataFeed")
	if len(feed.Elements) != 5 {
		t.Fatalf("%d ClaimReviews, want 5", len(feed.Elements))
	}
	byClaim := map[string]map[string]any{}
	for _, e := range feed.Elements {
		want(t, "type", e["@type"], "ClaimReview")
		byClaim[e["itemReviewed"].(map[string]any)["@id"].(string)] = e
	}
	get := func(o any, path ...string) any {
		for _, k := range path {
			m, ok := o.(map[string]any)
			if !ok {
				return nil
			}
			o = m[k]
		}
		return o
	}
	a0 := byClaim[claimA0]
	want(t, "claimReviewed", a0["claimReviewed"], "Syrian Observatory for Human Rights: at least 27 killed in Al-Sukhnah")
	want(t, "claim text", get(a0, "itemReviewed", "text"), evidenceA)
	want(t, "author", get(a0, "itemReviewed", "author", "name"), sohr.Name)
	want(t, "appearance headline", get(a0, "itemReviewed", "appearance", "headline"), "27 killed in Sukhnah ambush")
	want(t, "appearance url", get(a0, "itemReviewed", "appearance", "url"), "https://news.example/a")
	want(t, "appearance publisher", get(a0, "itemReviewed", "appearance", "publisher", "name"), "Rudaw")
	want(t, "appearance date", get(a0, "itemReviewed", "appearance", "datePublished"), "2019-04-20")
	// no fact-checker reviewed it: what the graph found, rated as no verdict
	for _, c := range []string{claimA0, claimB0, claimC0} {
		want(t, c+" rating", get(byClaim[c], "reviewRating", "alternateName"), export.NotFactChecked)
		for _, k := range []string{"ratingValue", "bestRating", "worstRating", "author"} {
			if v := get(byClaim[c], "reviewRating", k); v != nil {
				t.Errorf("%s: automatic finding has reviewRating.%s %v: claimgraph gives no verdict", c, k, v)
			}
		}
	}
	ex, _ := get(a0, "reviewRating", "ratingExplanation").(string)
	if !strings.Contains(ex, "disagrees: "+amaq.Name+" said 20 killed (reported by Al-Masdar News on 2019-04-21)") {
		t.Errorf("a0 rating explanation %q does not say, in words, that Amaq's 20 disagrees", ex)
	}
	for _, internal := range []string{"∞", "[", "cgid:", "https://claimgraph.org/"} {
		if strings.Contains(ex, internal) {
			t.Errorf("a0 rating explanation %q has internal notation %q", ex, internal)
		}
	}
	if ex, _ := get(byClaim[claimB0], "reviewRating", "ratingExplanation").(string); !strings.Contains(ex, "disagrees: "+sohr.Name+" said at least 27 killed") {
		t.Errorf("b0 (contradicted, inbound) explanation %q does not name SOHR's 27", ex)
	}
	if ex, _ := get(byClaim[claimC0], "reviewRating", "ratingExplanation").(string); !strings.Contains(ex, "1 other report agrees") || strings.Contains(ex, "disagree") {
		t.Errorf("c0 (corroborated only) explanation %q", ex)
	}
	want(t, "a1 author type", get(byClaim[claimA1], "itemReviewed", "author", "@type"), "Person")
	want(t, "a1 affiliation", get(byClaim[claimA1], "itemReviewed", "author", "affiliation", "@id"), schema.SourceIRI("sohr"))
	want(t, "b1 author (the outlet)", get(byClaim[claimB1], "itemReviewed", "author", "name"), "Al-Masdar News")
	want(t, "b1 place", get(byClaim[claimB1], "itemReviewed", "about", "location", "name"), "Palmyra")
}

// TestClaimReviewFactChecker: a fact-checker's review of a claim becomes
// its ClaimReview (their verdict as reviewRating, with them as its author,
// their url and date); a review of an event is a ClaimReview of its
// reports; the other claims keep the automatic finding, with the
// --review-url template and --publisher.
func TestClaimReviewFactChecker(t *testing.T) {
	s, _ := fixture(t)
	ctx := context.Background()
	day := time.Date(2019, 5, 2, 9, 0, 0, 0, time.UTC)
	r := schema.Review{Target: claimA0, Rating: "Mostly true", Explanation: "Hospital records list 26 dead.",
		URL: "https://checks.example/sukhnah", Author: "Jane Doe", Date: "2019-04-25", Recorded: day.Format(time.RFC3339)}
	if _, err := s.WriteReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	opt := export.ClaimReviewOptions{Publisher: "Example Checks", PublisherURL: "https://checks.example/",
		ReviewURL: "https://checks.example/claims/{claim}?event={event}", Now: func() time.Time { return day }}
	feed := claimReviews(t, s, opt)
	event := feed[claimA0][0]["itemReviewed"].(map[string]any)["about"].(map[string]any)["@id"].(string)
	if _, err := s.WriteReview(ctx, schema.Review{Target: event, Rating: "Misleading", Explanation: "Two ambushes, one toll.",
		URL: "https://checks.example/sukhnah-event", Author: "Ali Checker", Date: "2019-04-26"}); err != nil {
		t.Fatal(err)
	}
	feed = claimReviews(t, s, opt)

	a0 := feed[claimA0]
	if len(a0) != 1 {
		t.Fatalf("a0 has %d ClaimReviews, want 1 (the fact-checker's)", len(a0))
	}
	want(t, "a0 url", a0[0]["url"], r.URL)
	want(t, "a0 date", a0[0]["datePublished"], r.Date)
	want(t, "a0 author", a0[0]["author"], map[string]any{"@type": "Organization", "name": "Example Checks", "url": "https://checks.example/"})
	rating := a0[0]["reviewRating"].(map[string]any)
	want(t, "a0 rating", rating["alternateName"], r.Rating)
	want(t, "a0 explanation", rating["ratingExplanation"], r.Explanation)
	want(t, "a0 rating author", rating["author"].(map[string]any)["name"], r.Author)

	b0 := feed[claimB0]
	want(t, "b0 rating", b0[0]["reviewRating"].(map[string]any)["alternateName"], export.NotFactChecked)
	// {event}: the linked event's id, which --event takes bare
	if u, _ := b0[0]["url"].(string); !strings.HasPrefix(u, "https://checks.example/claims/b.txt%231?event=") || len(u) != len("https://checks.example/claims/b.txt%231?event=")+16 {
		t.Errorf("b0 url %q, want the template filled with b.txt#1 (escaped) and a linked event id", u)
	}
	want(t, "b0 date (the export's)", b0[0]["datePublished"], "2019-05-02")

	ev := feed[event+"#reports"]
	if len(ev) != 1 {
		t.Fatalf("%d ClaimReviews of the event's reports, want 1", len(ev))
	}
	want(t, "event rating", ev[0]["reviewRating"].(map[string]any)["alternateName"], "Misleading")
	want(t, "event url", ev[0]["url"], "https://checks.example/sukhnah-event")
	if cr, _ := ev[0]["claimReviewed"].(string); !strings.HasPrefix(cr, "Reports of an ambush at Al-Sukhnah") {
		t.Errorf("event claimReviewed %q", cr)
	}
}

// claimReviews exports the store's ClaimReview feed and returns its
// elements by the @id of the item reviewed.
func claimReviews(t *testing.T, s *graph.Store, opt export.ClaimReviewOptions) map[string][]map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteClaimReview(context.Background(), s, &buf, export.Filter{}, opt); err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Elements []map[string]any `json:"dataFeedElement"`
	}
	if err := json.Unmarshal(buf.Bytes(), &feed); err != nil {
		t.Fatalf("claimreview is not JSON: %v", err)
	}
	out := map[string][]map[string]any{}
	for _, e := range feed.Elements {
		id := e["itemReviewed"].(map[string]any)["@id"].(string)
		out[id] = append(out[id], e)
	}
	return out
}
