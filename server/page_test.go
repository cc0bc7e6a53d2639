package server_test

import (
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

// serveArticles serves a linked memory store holding arts.
func serveArticles(t *testing.T, arts []*schema.Article) *httptest.Server {
	t.Helper()
	h, err := server.New(fixtureOf(t, arts), server.Options{Log: &syncWriter{}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// earlyText is the text of withEarlyRelay's article: its claim's evidence
// is the second sentence of the second paragraph.
const earlyText = "Ambush near Sukhnah\n\nIS fighters attacked an army convoy. " + earlyEvidence + " The road was closed.\n\nMore later.\n"

const earlyEvidence = "SOHR's Rami Abdel Rahman told AFP that 27 soldiers died."

// withEarlyRelay is the fixture and a third article carrying SOHR's 27
// (through Rami Abdel Rahman and AFP), published a day before the others.
func withEarlyRelay() []*schema.Article {
	arts := articles()
	c := arts[0].Claims[0]
	c.Evidence = earlyEvidence
	c.Offset = strings.Index(earlyText, earlyEvidence)
	return append(arts, &schema.Article{ID: "e.txt", Title: "Ambush near Sukhnah", Published: "2019-04-19", URL: "https://example.org/e",
		Text:   earlyText,
		Outlet: &masdar, Cited: []schema.Source{afp, rami}, Lead: 0, Claims: []schema.Claim{c}})
}

// TestCircular: the event carries its circular reporting, one group per
// origin, the articles that relayed it in order of publication (the
// earliest first, whatever their ids), each with its claims, figures and
// the relays inside the article.
func TestCircular(t *testing.T) {
	ts := serveArticles(t, withEarlyRelay())
	var page server.EventPage
	get(t, ts, "/api/events?place=Sukhnah", &page)
	if page.Total != 1 {
		t.Fatalf("Sukhnah events: %d, want 1", page.Total)
	}
	if page.Events[0].Circular != 1 {
		t.Errorf("event summary: circular = %d, want 1", page.Events[0].Circular)
	}
	var d server.EventDetail
	get(t, ts, "/api/events/"+page.Events[0].ID, &d)
	if len(d.CircularList) != 1 {
		t.Fatalf("circular_list: %+v, want one group (SOHR's)", d.CircularList)
	}
	r := d.CircularList[0]
	if r.Origin != "sohr" || r.OriginName != sohr.Name || r.Why == "" || r.IndependentOrigins != 2 {
		t.Errorf("group: origin %q %q, independent origins %d, why %q", r.Origin, r.OriginName, r.IndependentOrigins, r.Why)
	}
	if want := []string{"e.txt:1", "a.txt:1", "c.txt:1"}; !reflect.DeepEqual(r.Claims, want) {
		t.Errorf("claims %v, want %v (in order of publication)", r.Claims, want)
	}
	var arts, dates []string
	for _, rel := range r.Relays {
		arts, dates = append(arts, rel.Article.ID), append(dates, rel.Article.Published)
		if len(rel.Figures) != 1 || rel.Figures[0] != "27 killed" {
			t.Errorf("%s: figures %q, want [27 killed]", rel.Article.ID, rel.Figures)
		}
	}
	if want := []string{"e.txt", "a.txt", "c.txt"}; !reflect.DeepEqual(arts, want) {
		t.Errorf("relays %v (%v), want %v", arts, dates, want)
	}
	if len(r.Relays) == 3 {
		if v := r.Relays[0].Via; len(v) != 1 || v[0].ID != "afp" || r.Relays[0].Article.OutletNm != masdar.Name {
			t.Errorf("first relay: via %+v, outlet %q; want AFP, %s", v, r.Relays[0].Article.OutletNm, masdar.Name)
		}
		if v := r.Relays[2].Via; len(v) != 0 {
			t.Errorf("c.txt quotes SOHR directly; via %+v", v)
		}
	}
}

// TestArticleURLAndParagraph: a claim carries its article's URL and the
// paragraph its evidence sentence was read from, from the article text the
// store keeps; an article stored without text (the fixture's others) gives
// no paragraph, and no URL when its input had none.
func TestArticleURLAndParagraph(t *testing.T) {
	ts := serveArticles(t, withEarlyRelay())
	var tr server.TraceAnswer
	get(t, ts, "/api/claims/e.txt:1/trace", &tr)
	c := tr.Claim
	if want := "IS fighters attacked an army convoy. " + earlyEvidence + " The road was closed."; c.Paragraph != want {
		t.Errorf("paragraph %q, want %q", c.Paragraph, want)
	}
	if c.Article.URL != "https://example.org/e" {
		t.Errorf("article url %q, want https://example.org/e", c.Article.URL)
	}
	get(t, ts, "/api/claims/a.txt:1/trace", &tr)
	if tr.Claim.Paragraph != "" || tr.Claim.Article.URL != "" {
		t.Errorf("a.txt has neither text nor URL in the store: paragraph %q, url %q", tr.Claim.Paragraph, tr.Claim.Article.URL)
	}
	// the event's claims carry them too
	var page server.EventPage
	get(t, ts, "/api/events?place=Sukhnah", &page)
	var d server.EventDetail
	get(t, ts, "/api/events/"+page.Events[0].ID, &d)
	found := false
	for _, cl := range d.ClaimList {
		found = found || cl.ID == "e.txt:1" && strings.Contains(cl.Paragraph, earlyEvidence) && cl.Article.URL != ""
	}
	if !found {
		t.Errorf("the event's claim e.txt:1 lacks its paragraph or URL: %+v", d.ClaimList)
	}
}

// TestParagraph: the paragraph is the evidence's line, found at its offset
// or, when the offset is off, anywhere; a huge paragraph is cut around the
// sentence at word boundaries and marked; text without it gives "".
func TestParagraph(t *testing.T) {
	text := "Title\n\nFirst one. The sentence. Last one.\nOther paragraph."
	off := strings.Index(text, "The sentence.")
	for _, tt := range []struct {
		name, text string
		off        int
		evidence   string
		want       string
	}{
		{"at its offset", text, off, "The sentence.", "First one. The sentence. Last one."},
		{"offset off", text, 3, "The sentence.", "First one. The sentence. Last one."},
		{"offset past the end", text, len(text) + 10, "Other paragraph.", "Other paragraph."},
		{"last line", text, strings.Index(text, "Other"), "Other paragraph.", "Other paragraph."},
		{"not in the text", text, off, "Nowhere.", ""},
		{"no text", "", 0, "The sentence.", ""},
	} {
		if got := server.Paragraph(tt.text, tt.off, tt.evidence); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 2000) + "The sentence é. " + strings.Repeat("ünï ", 2000)
	got := server.Paragraph(long, 10000, "The sentence é.")
	if !strings.Contains(got, "The sentence é.") || !strings.HasPrefix(got, "…word") || !strings.HasSuffix(got, "ünï…") ||
		len(got) > server.MaxParagraph+100 || !utf8.ValidString(got) {
		t.Errorf("long paragraph cut to %d bytes: %q ... %q", len(got), got[:20], got[len(got)-20:])
	}
}

// TestMap: /api/map answers the outlines and note the server was given
// (none: an empty list), and every event carries its place's coordinates.
func TestMap(t *testing.T) {
	areas := []server.Area{{Name: "Homs", Outline: [][2]float64{{36.5, 34.5}, {40.9, 34.3}, {38.8, 35.3}}}}
	h, err := server.New(fixture(t), server.Options{Log: &syncWriter{}, Areas: areas, AreasNote: "hulls"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	var m server.MapAnswer
	if code := get(t, ts, "/api/map", &m); code != 200 || !reflect.DeepEqual(m.Areas, areas) || m.Note != "hulls" {
		t.Errorf("/api/map: %d %+v", code, m)
	}
	var page server.EventPage
	get(t, ts, "/api/events", &page)
	for _, e := range page.Events {
		want := map[string][2]float64{"as-sukhnah-homs": {34.88, 38.87}, "palmyra-homs": {34.56, 38.28}}[e.Place]
		if e.Lat == nil || e.Lon == nil || *e.Lat != want[0] || *e.Lon != want[1] {
			t.Errorf("%s at %s: lat %v lon %v, want %v", e.Name, e.Place, e.Lat, e.Lon, want)
		}
	}
	bare, _ := newServer(t, server.Options{})
	var none server.MapAnswer
	if get(t, bare, "/api/map", &none); none.Areas == nil || len(none.Areas) != 0 {
		t.Errorf("/api/map without areas: %+v, want an empty list", none)
	}
}
