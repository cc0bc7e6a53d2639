package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

func i64(n int64) *int64 { return &n }

// The fixture: SOHR's 27 (through Rami Abdel Rahman in a, directly in c)
// and Amaq's 20 (b) about the Sukhnah ambush of 18-20 April 2019, and an
// unattributed toll near Palmyra a week earlier.
var (
	sohr    = schema.Source{ID: "sohr", Name: "Syrian Observatory for Human Rights", Kind: "monitor"}
	rami    = schema.Source{ID: "rami-abdel-rahman", Name: "Rami Abdel Rahman", Kind: "person", Person: true, SpeaksFor: "sohr"}
	afp     = schema.Source{ID: "afp", Name: "AFP", Kind: "news-agency"}
	amaq    = schema.Source{ID: "amaq", Name: "Amaq News Agency", Kind: "propaganda-agency"}
	rudaw   = schema.Source{ID: "rudaw", Name: "Rudaw", Kind: "outlet"}
	masdar  = schema.Source{ID: "al-masdar", Name: "Al-Masdar News", Kind: "outlet"}
	sukhnah = &schema.Place{ID: "as-sukhnah-homs", Name: "As Sukhnah", Kind: "town", Admin1: "Homs", Lat: 34.88, Lon: 38.87, HasCoords: true}
	palmyra = &schema.Place{ID: "palmyra-homs", Name: "Palmyra", Kind: "town", Admin1: "Homs", Lat: 34.56, Lon: 38.28, HasCoords: true}
	ambush  = schema.Event{Kind: "ambush", Place: sukhnah, Start: "2019-04-18", End: "2019-04-20"}
	attack  = schema.Event{Kind: "attack", Place: palmyra, Start: "2019-04-10", End: "2019-04-10"}
)

func articles() []*schema.Article {
	killed := func(src *schema.Source, via []schema.Source, n int64, ev schema.Event, evidence string) schema.Claim {
		return schema.Claim{Claimant: src, Via: via, Metric: schema.MetricKilled, Figure: schema.Figure{Text: "", Value: i64(n), Min: i64(n), Max: i64(n)},
			Event: ev, Evidence: evidence, Attribution: "explicit", Section: "body", SubsetOf: -1}
	}
	return []*schema.Article{
		{ID: "a.txt", Title: "27 killed in Sukhnah ambush", Published: "2019-04-20", Outlet: &rudaw, Cited: []schema.Source{afp, rami}, Lead: 0,
			Claims: []schema.Claim{killed(&rami, []schema.Source{afp}, 27, ambush, "27 soldiers were killed, Rami Abdel Rahman told AFP.")}},
		{ID: "b.txt", Title: "IS says it killed 20", Published: "2019-04-21", Outlet: &masdar, Cited: []schema.Source{amaq}, Lead: 0,
			Claims: []schema.Claim{killed(&amaq, nil, 20, ambush, "Amaq said 20 soldiers were killed.")}},
		{ID: "c.txt", Title: "Observatory: 27 dead", Published: "2019-04-20", Outlet: &rudaw, Cited: []schema.Source{sohr}, Lead: 0,
			Claims: []schema.Claim{killed(&sohr, nil, 27, ambush, "27 were killed, SOHR said.")}},
		{ID: "d.txt", Title: "Dozens killed near Palmyra", Published: "2019-04-11", Outlet: &masdar, Lead: 0,
			Claims: []schema.Claim{killed(nil, nil, 30, attack, "30 were killed near Palmyra.")}},
	}
}

// fixture returns a linked memory store holding articles().
func fixture(t *testing.T) *graph.Store {
	t.Helper()
	return fixtureOf(t, articles())
}

// fixtureOf returns a linked memory store holding arts.
func fixtureOf(t *testing.T, arts []*schema.Article) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s := graphtest.Mem(t)
	w := s.NewWriter(ctx, graph.WriterOptions{})
	for _, a := range arts {
		a.IRI = schema.ArticleIRI(a.ID)
		a.ContentHash = a.ID
		if _, err := w.WriteQuads(schema.Quads(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := queries.Link(ctx, s, queries.LinkOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func newServer(t *testing.T, opt server.Options) (*httptest.Server, *syncWriter) {
	t.Helper()
	log := &syncWriter{}
	opt.Log = log
	h, err := server.New(fixture(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, log
}

// syncWriter is a log the test reads while the server may still write.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// get fetches path and decodes its JSON body into v; it returns the status.
func get(t *testing.T, ts *httptest.Server, path string, v interface{}) int {
	t.Helper()
	return do(t, ts, http.MethodGet, path, "", v)
}

func do(t *testing.T, ts *httptest.Server, method, path, body string, v interface{}) int {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(path, "/api/v2/write") {
		req.Header.Set("Content-Type", "application/n-quads")
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

func eventIDs(p server.EventPage) []string {
	var out []string
	for _, e := range p.Events {
		out = append(out, e.Name)
	}
	return out
}

func TestEvents(t *testing.T) {
	ts, log := newServer(t, server.Options{})
	var all server.EventPage
	if code := get(t, ts, "/api/events", &all); code != 200 || all.Total != 2 || len(all.Events) != 2 {
		t.Fatalf("GET /api/events: %d %+v", code, all)
	}
	// sorted by date: the Palmyra attack (10 April) first
	if e := all.Events[0]; e.Place != "palmyra-homs" || e.Claims != 1 || e.HasContradiction {
		t.Errorf("first event: %+v", e)
	}
	amb := all.Events[1]
	if amb.Place != "as-sukhnah-homs" || amb.PlaceName != "As Sukhnah" || amb.Start != "2019-04-18" || amb.End != "2019-04-20" ||
		amb.Claims != 3 || amb.Articles != 3 || !amb.HasContradiction || amb.Contradictions < 1 {
		t.Errorf("ambush: %+v", amb)
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"place=sukhnah", 1},
		{"place=SUKHNAH", 1},
		{"place=homs", 2}, // the governorate
		{"place=aleppo", 0},
		{"source=amaq", 1},
		{"source=Syrian+Observatory", 1}, // by name, and through Rami Abdel Rahman's organisation
		{"source=afp", 1},                // a relay
		{"source=al-masdar", 2},          // an outlet
		{"from=2019-04-19&to=2019-04-30", 1},
		{"from=2019-04-01&to=2019-04-10", 1},
		{"to=2019-04", 2},
		{"from=2019-05-01", 0},
		{"contradictions=1", 1},
		{"q=ambush", 1},
		{"limit=1", 2},
	} {
		var p server.EventPage
		if code := get(t, ts, "/api/events?"+c.query, &p); code != 200 || p.Total != c.want {
			t.Errorf("GET /api/events?%s: %d, %d events %v, want %d", c.query, code, p.Total, eventIDs(p), c.want)
		}
	}
	var p server.EventPage
	get(t, ts, "/api/events?offset=1&limit=1", &p)
	if len(p.Events) != 1 || p.Events[0].ID != amb.ID || p.Offset != 1 || p.Limit != 1 {
		t.Errorf("second page: %+v", p)
	}
	get(t, ts, "/api/events?offset=5", &p)
	if p.Total != 2 || p.Events == nil || len(p.Events) != 0 {
		t.Errorf("past the end: %+v", p)
	}
	for _, q := range []string{"limit=0", "offset=-1", "limit=x", "from=20.04.19", "sort=name"} {
		var e struct{ Error string }
		if code := get(t, ts, "/api/events?"+q, &e); code != 400 || e.Error == "" {
			t.Errorf("GET /api/events?%s: %d %q, want 400 with an error", q, code, e.Error)
		}
	}
	if !strings.Contains(log.String(), `GET "/api/events?place=sukhnah" 200`) {
		t.Errorf("access log lacks the request:\n%s", log)
	}
}

// ambushEvent returns the detail of the Sukhnah ambush.
func ambushEvent(t *testing.T, ts *httptest.Server) server.EventDetail {
	t.Helper()
	var p server.EventPage
	get(t, ts, "/api/events?place=sukhnah", &p)
	if len(p.Events) != 1 {
		t.Fatalf("want one Sukhnah event, got %+v", p)
	}
	var d server.EventDetail
	if code := get(t, ts, "/api/events/"+p.Events[0].ID, &d); code != 200 {
		t.Fatalf("GET /api/events/%s: %d", p.Events[0].ID, code)
	}
	return d
}

func TestEvent(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	d := ambushEvent(t, ts)
	if len(d.ClaimList) != 3 || len(d.ArticleList) != 3 {
		t.Fatalf("claims %d, articles %d, want 3 and 3", len(d.ClaimList), len(d.ArticleList))
	}
	byID := map[string]server.Claim{}
	for _, c := range d.ClaimList {
		byID[c.ID] = *c
	}
	a := byID["a.txt:1"]
	if a.Claimant != "rami-abdel-rahman" || a.Origin != "sohr" || a.OriginName != "Syrian Observatory for Human Rights" ||
		len(a.Via) != 1 || a.Via[0].ID != "afp" || a.Article.Outlet != "rudaw" || a.Article.Title != "27 killed in Sukhnah ambush" ||
		*a.Value != 27 || a.Evidence == "" || a.Event != d.ID || a.PlaceName != "As Sukhnah" {
		t.Errorf("claim a.txt:1: %+v", a)
	}
	// the contradiction is spelled out: who said what, where
	found := false
	for _, c := range d.Contradictions {
		pair := c.A + " " + c.B
		if strings.Contains(pair, "b.txt:1") && c.Kind == schema.ContradictionFigure && c.Metric == "killed" {
			found = true
			for _, want := range []string{"Amaq News Agency: 20 killed", ": 27 killed", "Al-Masdar News", "b.txt"} {
				if !strings.Contains(c.Text, want) {
					t.Errorf("contradiction text %q lacks %q", c.Text, want)
				}
			}
			if c.Why == "" {
				t.Errorf("contradiction without a reason: %+v", c)
			}
		}
	}
	if !found {
		t.Errorf("no figure contradiction with Amaq's 20: %+v", d.Contradictions)
	}
	if len(d.Corroborations) == 0 || !strings.Contains(strings.Join(d.Corroborations[0].Claims, " "), "c.txt:1") {
		t.Errorf("corroborations: %+v", d.Corroborations)
	}
	// why the three reports are one incident: one line per report that joined
	if len(d.Joined) != 2 || !strings.Contains(strings.Join(d.Joined, " "), "joined") {
		t.Errorf("joined: %q", d.Joined)
	}
	// the full IRI works too, escaped
	var d2 server.EventDetail
	if code := get(t, ts, "/api/events/"+strings.ReplaceAll(d.IRI, "/", "%2F"), &d2); code != 200 || d2.ID != d.ID {
		t.Errorf("by IRI: %d %q", code, d2.ID)
	}
	var e struct{ Error string }
	if code := get(t, ts, "/api/events/nosuch", &e); code != 404 || !strings.Contains(e.Error, "nosuch") {
		t.Errorf("unknown event: %d %q", code, e.Error)
	}
}

func TestTrace(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	var tr server.TraceAnswer
	if code := get(t, ts, "/api/claims/a.txt:1/trace", &tr); code != 200 {
		t.Fatalf("trace: %d", code)
	}
	var roles []string
	for _, h := range tr.Hops {
		roles = append(roles, h.Role+"="+h.ID)
	}
	want := "article=a.txt outlet=rudaw via=afp claimant=rami-abdel-rahman organisation=sohr"
	if got := strings.Join(roles, " "); got != want {
		t.Errorf("hops %s, want %s", got, want)
	}
	if tr.Claim.ID != "a.txt:1" || tr.Claim.Metric != "killed" {
		t.Errorf("claim: %+v", tr.Claim)
	}
	var e struct{ Error string }
	if code := get(t, ts, "/api/claims/a.txt:9/trace", &e); code != 404 {
		t.Errorf("unknown claim: %d %q", code, e.Error)
	}
	if code := get(t, ts, "/api/claims/a.txt/trace", &e); code != 400 || !strings.Contains(e.Error, "ARTICLE:N") {
		t.Errorf("bad claim id: %d %q", code, e.Error)
	}
}

func TestSearch(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	var r server.SearchAnswer
	get(t, ts, "/api/search?q=observ", &r)
	if len(r.Sources) != 1 || r.Sources[0].ID != "sohr" || r.Sources[0].Events != 1 || len(r.Places) != 0 {
		t.Errorf("q=observ: %+v", r)
	}
	get(t, ts, "/api/search?q=sukh", &r)
	if len(r.Places) != 1 || r.Places[0].ID != "as-sukhnah-homs" || r.Places[0].Claims != 3 {
		t.Errorf("q=sukh: %+v", r)
	}
	get(t, ts, "/api/search?q=homs", &r)
	if len(r.Places) != 2 {
		t.Errorf("q=homs (governorate): %+v", r.Places)
	}
	// Transliteration variants meet by the gazetteer's key (translit.Key),
	// not only diacritics: al-Sukhna, Sokhneh and as-Sukhna find As Sukhnah.
	for _, q := range []string{"al-Sukhna", "Sokhneh", "as-Sukhna", "sukhna"} {
		get(t, ts, "/api/search?q="+url.QueryEscape(q), &r)
		if len(r.Places) != 1 || r.Places[0].ID != "as-sukhnah-homs" {
			t.Errorf("q=%s: places %+v, want As Sukhnah", q, r.Places)
		}
		var page server.EventPage
		get(t, ts, "/api/events?place="+url.QueryEscape(q), &page)
		if page.Total != 1 || page.Events[0].Place != "as-sukhnah-homs" {
			t.Errorf("events?place=%s: %d events %+v, want the Sukhnah ambush", q, page.Total, page.Events)
		}
	}
	for _, q := range []string{"Hama", "Raqqa", "Sakhr"} {
		get(t, ts, "/api/search?q="+url.QueryEscape(q), &r)
		if len(r.Places) != 0 {
			t.Errorf("q=%s: places %+v, want none", q, r.Places)
		}
	}
	var e struct{ Error string }
	if code := get(t, ts, "/api/search", &e); code != 400 {
		t.Errorf("no q: %d", code)
	}
	if code := get(t, ts, "/api/nosuch", &e); code != 404 || !strings.Contains(e.Error, "/api/events") {
		t.Errorf("unknown API: %d %q", code, e.Error)
	}
}

func TestCayleyAPI(t *testing.T) {
	ts, _ := newServer(t, server.Options{Limit: 5, MaxBody: 4096})
	var res struct {
		Result []map[string]interface{} `json:"result"`
		Error  string                   `json:"error"`
	}
	// stock Gizmo, as Cayley's clients send it
	q := `g.V("<https://claimgraph.org/id/source/amaq>").In("<http://www.w3.org/ns/prov#wasAttributedTo>").Out("<https://claimgraph.org/ns#evidence>").All()`
	if code := do(t, ts, "POST", "/api/v2/query?lang=gizmo", q, &res); code != 200 || len(res.Result) != 1 || res.Result[0]["id"] != "Amaq said 20 soldiers were killed." {
		t.Errorf("gizmo: %d %+v", code, res)
	}
	// the saved queries' functions
	res.Result = nil
	q = `contradictions().forEach(function (c) { g.Emit(c) })`
	if code := do(t, ts, "POST", "/api/v2/query?lang=claimgraph", q, &res); code != 200 || len(res.Result) == 0 || res.Result[0]["kind"] != "figure" {
		t.Errorf("claimgraph: %d %+v", code, res)
	}
	// the limit
	res.Result, res.Error = nil, ""
	if code := do(t, ts, "POST", "/api/v2/query?lang=claimgraph", `g.V().All()`, &res); code != 400 || !strings.Contains(res.Error, "limit") {
		t.Errorf("over the limit: %d %q", code, res.Error)
	}
	// read-only
	var e struct{ Error string }
	if code := do(t, ts, "POST", "/api/v2/write", "<a> <b> <c> .\n", &e); code != 403 || !strings.Contains(e.Error, "--writable") {
		t.Errorf("write when read-only: %d %q", code, e.Error)
	}
	// the body limit
	if code := do(t, ts, "POST", "/api/v2/query?lang=claimgraph", strings.Repeat(" ", 5000)+"g.V().All()", &e); code != 413 {
		t.Errorf("oversized body: %d %q", code, e.Error)
	}
	// Cayley's other handlers are there
	resp, err := ts.Client().Get(ts.URL + "/api/v2/read?format=nquads")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<https://claimgraph.org/id/source/amaq>") {
		t.Errorf("read: %d %.200s", resp.StatusCode, b)
	}
	var formats []map[string]interface{}
	if code := get(t, ts, "/api/v2/formats", &formats); code != 200 || len(formats) == 0 {
		t.Errorf("formats: %d %v", code, formats)
	}
}

func TestCayleyTimeout(t *testing.T) {
	ts, _ := newServer(t, server.Options{Timeout: 200 * time.Millisecond})
	for _, lang := range []string{"gizmo", "claimgraph"} {
		var e struct{ Error string }
		start := time.Now()
		code := do(t, ts, "POST", "/api/v2/query?lang="+lang, `while (true) {}`, &e)
		if code < 400 || e.Error == "" || time.Since(start) > 10*time.Second {
			t.Errorf("lang=%s runaway script: %d %q after %v", lang, code, e.Error, time.Since(start))
		}
	}
}

func TestWritable(t *testing.T) {
	ts, _ := newServer(t, server.Options{Writable: true})
	var before server.SearchAnswer
	get(t, ts, "/api/search?q=sukh", &before) // builds the snapshot
	var ok map[string]interface{}
	if code := do(t, ts, "POST", "/api/v2/write", "<https://example.org/a> <https://example.org/b> \"c\" .\n", &ok); code != 200 {
		t.Fatalf("write: %d %v", code, ok)
	}
	var res struct {
		Result []map[string]interface{} `json:"result"`
	}
	do(t, ts, "POST", "/api/v2/query?lang=gizmo", `g.V("<https://example.org/a>").Out("<https://example.org/b>").All()`, &res)
	if len(res.Result) != 1 || res.Result[0]["id"] != "c" {
		t.Errorf("written quad not read back: %+v", res)
	}
}

func TestPage(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	for path, want := range map[string]string{"/": "<script src=\"app.js\">", "/app.js": "provenanceSVG", "/style.css": ".marker"} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, want a body with %q", path, resp.StatusCode, want)
		}
		// no external network: nothing is fetched from another origin
		if strings.Contains(string(b), "http://") && path != "/app.js" || strings.Contains(string(b), "https://") {
			t.Errorf("GET %s refers to another origin", path)
		}
	}
}

func TestServeShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- server.Serve(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(200 * time.Millisecond) // in flight when the signal comes
			io.WriteString(w, "ok")
		}), 5*time.Second)
	}()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
	if b := <-got; b != "ok" {
		t.Errorf("request in flight at shutdown got %q, want ok", b)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:7474": true, "[::1]:80": true, "localhost:1": true, "0.0.0.0:7474": false, ":7474": false, "10.0.0.1:80": false} {
		if got := server.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

func TestClaimID(t *testing.T) {
	iri := schema.ClaimIRI(schema.ArticleIRI("x:y.txt"), 12)
	if id := server.ClaimID(iri); id != "x:y.txt:12" {
		t.Errorf("ClaimID = %q", id)
	}
	if back, ok := server.ClaimIRI("x:y.txt:12"); !ok || back != iri {
		t.Errorf("ClaimIRI = %q %v", back, ok)
	}
	for _, bad := range []string{"x.txt", "x.txt:0", ":3", "x.txt:a"} {
		if _, ok := server.ClaimIRI(bad); ok {
			t.Errorf("ClaimIRI(%q) ok", bad)
		}
	}
}

// TestFold: the page's matching drops every diacritic by Unicode
// decomposition, not a table of letters: the gazetteer's Ḩ, ş and ī meet
// the plain letters users type.
func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ḩardatnīn", "hardatnin"},
		{"Faydā", "fayda"},
		{"Jisr ash Shughūr", "jisr ash shughur"},
		{"Ma'arrat al-Nu‘man", "ma arrat al nu man"},
		{"Şūrān", "suran"},
	} {
		if got := server.Fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTraceCarriers: a claim's trace lists every article of its linked
// event that carried the same figure from the same origin, in order of
// publication, the first appearance marked; another origin's claim of the
// same figure, and the same origin's other figure, are not carriers.
func TestTraceCarriers(t *testing.T) {
	killed := func(src *schema.Source, via []schema.Source, n int64, evidence string) schema.Claim {
		return schema.Claim{Claimant: src, Via: via, Metric: schema.MetricKilled, Figure: schema.Figure{Value: i64(n), Min: i64(n), Max: i64(n)},
			Event: ambush, Evidence: evidence, Attribution: "explicit", Section: "body", SubsetOf: -1}
	}
	arts := []*schema.Article{
		{ID: "late.txt", Title: "27 killed", Published: "2019-04-22", Outlet: &rudaw, Cited: []schema.Source{sohr}, Lead: 0,
			Claims: []schema.Claim{killed(&sohr, nil, 27, "27 soldiers were killed in the ambush, SOHR said.")}},
		{ID: "early.txt", Title: "27 soldiers killed", Published: "2019-04-20", Outlet: &masdar, Cited: []schema.Source{afp, rami}, Lead: 0,
			Claims: []schema.Claim{killed(&rami, []schema.Source{afp}, 27, "Rami Abdel Rahman told AFP 27 soldiers were killed in the ambush.")}},
		{ID: "amaq.txt", Title: "IS claims ambush", Published: "2019-04-19", Outlet: &masdar, Cited: []schema.Source{amaq}, Lead: 0,
			Claims: []schema.Claim{killed(&amaq, nil, 27, "Amaq said 27 soldiers were killed in the ambush.")}},
	}
	ts := serveArticles(t, arts)
	var tr server.TraceAnswer
	if code := get(t, ts, "/api/claims/late.txt:1/trace", &tr); code != 200 {
		t.Fatalf("trace: %d", code)
	}
	if tr.Claim.Event == "" {
		t.Fatal("the claims are not linked into one event: nothing is tested")
	}
	var got []string
	for _, c := range tr.Carriers {
		s := c.Claim
		if c.First {
			s += " (first)"
		}
		got = append(got, s)
	}
	if want := "early.txt:1 (first), late.txt:1"; strings.Join(got, ", ") != want {
		t.Errorf("carriers %q, want %q", strings.Join(got, ", "), want)
	}
	if len(tr.Carriers) == 2 && (len(tr.Carriers[0].Via) != 1 || tr.Carriers[0].Via[0].ID != "afp" || tr.Carriers[0].Claimant != "Rami Abdel Rahman") {
		t.Errorf("the first carrier's claimant and relays: %+v", tr.Carriers[0])
	}
}

// TestPlaceMentions: a claim shows its place as the article spells it
// beside the gazetteer's name, and search finds the place by that spelling.
func TestPlaceMentions(t *testing.T) {
	arts := articles()
	spelled := *sukhnah
	spelled.Mention = "Sokhna"
	ev := ambush
	ev.Place = &spelled
	arts[0].Claims[0].Event = ev
	ts := serveArticles(t, arts)
	var tr server.TraceAnswer
	if code := get(t, ts, "/api/claims/a.txt:1/trace", &tr); code != 200 {
		t.Fatalf("trace: %d", code)
	}
	if tr.Claim.PlaceMention != "Sokhna" || tr.Claim.PlaceName != "As Sukhnah" {
		t.Errorf("place %q as the article spells it %q, want As Sukhnah and Sokhna", tr.Claim.PlaceName, tr.Claim.PlaceMention)
	}
	var other server.TraceAnswer
	get(t, ts, "/api/claims/c.txt:1/trace", &other)
	if other.Claim.PlaceMention != "" {
		t.Errorf("an article spelling the place as the gazetteer: mention %q, want none", other.Claim.PlaceMention)
	}
	var sr server.SearchAnswer
	if code := get(t, ts, "/api/search?q=sokhna", &sr); code != 200 {
		t.Fatalf("search: %d", code)
	}
	found := false
	for _, p := range sr.Places {
		found = found || p.ID == sukhnah.ID && len(p.Mentions) == 1 && p.Mentions[0] == "Sokhna"
	}
	if !found {
		t.Errorf("search for the article's spelling: %+v", sr.Places)
	}
}
