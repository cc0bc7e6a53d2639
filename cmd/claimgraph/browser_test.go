package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/server"
)

// chromiumPath is Debian's chromium (apt-get install chromium; .ci/run installs it).
const chromiumPath = "/usr/bin/chromium"

// artifactDir is where the browser test leaves its screenshots:
// $CLAIMGRAPH_ARTIFACTS, or testdata/out (gitignored).
func artifactDir(t *testing.T) string {
	dir := os.Getenv("CLAIMGRAPH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startServe loads the seeds into a fresh bolt store and runs 'serve' on a
// random loopback port until the test ends; it returns the base URL and the
// store.
func startServe(t *testing.T, seeds string) (string, *graph.Store) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := graph.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := runLoad(ctx, s, loadOptions{Paths: []string{seeds}, Format: "json", Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		t.Fatalf("load %s: %v", seeds, err)
	}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, s, serveOptions{Addr: "127.0.0.1:0", Log: io.Discard, Ready: func(a string) { ready <- a }})
	}()
	t.Cleanup(func() {
		cancel() // what SIGINT does through main's signal.NotifyContext
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve after shutdown: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not shut down within 15s")
		}
		s.Close()
	})
	select {
	case a := <-ready:
		return "http://" + a, s
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start within 30s")
	}
	return "", nil
}

// getJSON decodes the JSON the server at base answers to GET path into v.
func getJSON(t *testing.T, base, path string, v interface{}) {
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
		t.Fatalf("GET %s: %v", path, err)
	}
}

// findAmbush returns the id of the event whose contradictions set SOHR's 27
// killed against Amaq's 20, asking the JSON API as the page does.
func findAmbush(t *testing.T, base string) string {
	t.Helper()
	var page server.EventPage
	getJSON(t, base, "/api/events?place=Sukhnah&from=2019-04-18&to=2019-04-20&limit=500", &page)
	var seen []string
	for _, e := range page.Events {
		var d server.EventDetail
		getJSON(t, base, "/api/events/"+e.ID, &d)
		byID := map[string]server.Claim{}
		for _, c := range d.ClaimList {
			byID[c.ID] = *c
		}
		for _, x := range d.Contradictions {
			if isSohr27Amaq20(byID[x.A], byID[x.B]) {
				return e.ID
			}
		}
		seen = append(seen, fmt.Sprintf("%s (%s, %d claims, %d contradictions)", e.Name, e.ID, e.Claims, e.Contradictions))
	}
	t.Fatalf("no event in the Sukhnah area on 18-20 April sets SOHR's 27 killed against Amaq's 20 (has the linker merged them?); events seen:\n%s",
		strings.Join(seen, "\n"))
	return ""
}

func isSohr27Amaq20(a, b server.Claim) bool {
	is := func(c server.Claim, origin string, n int64) bool {
		return c.Origin == origin && c.Metric == "killed" && c.Value != nil && *c.Value == n
	}
	return is(a, "sohr", 27) && is(b, "amaq", 20) || is(a, "amaq", 20) && is(b, "sohr", 27)
}

// browser is a tab of headless chromium driven by a test; its screenshots
// go to dir.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string
}

// newBrowser starts headless chromium for the rest of the test, with 90
// seconds for all the test does in it. A test without chromium is skipped.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return &browser{t: t, ctx: ctx, dir: artifactDir(t)}
}

// skipWithoutBrowser skips the test without chromium or the seed articles,
// and returns the seeds' folder.
func skipWithoutBrowser(t *testing.T) (seeds string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s not found (apt-get install chromium; .ci/run does): %v", chromiumPath, err)
	}
	seeds = filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s: %v", seeds, err)
	}
	return seeds
}

// shot saves a screenshot of the window, or of the whole page when full,
// as dir/name.
func (b *browser) shot(name string, full bool) {
	b.t.Helper()
	var png []byte
	var err error
	if full {
		png, err = chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	} else {
		png, err = chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(b.dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Error(err)
	}
	b.t.Logf("screenshot: %s", p)
}

// elementShot saves a screenshot of the element sel selects as dir/name.
func (b *browser) elementShot(sel, name string) {
	b.t.Helper()
	path := filepath.Join(b.dir, name)
	png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		b.t.Errorf("screenshot of %s: %v", sel, err)
		return
	}
	b.t.Logf("screenshot: %s", path)
}

// text returns the text of the element sel selects.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TestBrowser drives headless chromium through the page served by 'serve'
// over the seed articles: the event list, the Sukhnah ambush of 18-20 April
// with SOHR's 27 and Amaq's 20 shown as a contradiction, a claim's trace.
func TestBrowser(t *testing.T) {
	base, _ := startServe(t, skipWithoutBrowser(t))
	ambush := findAmbush(t, base)
	b := newBrowser(t)
	b.searchPlace(base)
	b.eventList(base, ambush)
	b.eventContradiction(ambush)
	b.eventTimeline()
	b.eventCircular()
	b.eventGraph()
	b.trace()
}

// searchPlace: the search box finds a place by another transliteration of
// its name.
func (b *browser) searchPlace(base string) {
	t := b.t
	err := chromedp.Do(b.ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("table#events tbody tr")),
		chromedp.SendKeys(chromedp.CSS(`#search-q`), "al-Sukhna"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-results:not([hidden]) a[href*='place=As%20Sukhnah']") !== null`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		b.shot("failed-search.png", true)
		t.Fatalf("searching al-Sukhna does not offer As Sukhnah: %v", err)
	}
	b.elementShot("#search-results", "search.png")
}

// eventList: the event list, filtered as a fact-checker would (the place
// and the dates), marks the ambush's contradiction, and the map of the
// listed events over the governorates' outlines has a dot for it.
func (b *browser) eventList(base, ambush string) {
	t := b.t
	// The unfiltered list is marked stale before the filter is submitted, so
	// the wait below sees the list the filter rendered, not the first one.
	filtered := `location.hash.includes("place=") && !document.querySelector("#list[data-stale]") &&
		document.querySelector('tr[data-event="` + ambush + `"]') !== null`
	err := chromedp.Do(b.ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("table#events tbody tr")),
		chromedp.SendKeys(chromedp.CSS(`input[name=place]`), "Sukhnah"),
		chromedp.SetValue(chromedp.CSS(`input[name=from]`), "2019-04-18"),
		chromedp.SetValue(chromedp.CSS(`input[name=to]`), "2019-04-20"),
		chromedp.Evaluate[chromedp.Void](`void (document.getElementById("list").dataset.stale = "1")`),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		chromedp.Poll[chromedp.Void](filtered, chromedp.WithPollingTimeout(15*time.Second)),
	)
	if err != nil {
		b.shot("failed-list.png", true)
		t.Fatalf("event list: %v", err)
	}
	row := b.text(`tr[data-event="` + ambush + `"]`)
	if !strings.Contains(row, "contradiction") {
		t.Errorf("the ambush's row has no contradiction marker: %q", row)
	}
	// the map of the listed events over the governorates' outlines
	if err := chromedp.Do(b.ctx, chromedp.WaitVisible(chromedp.CSS(`#map-svg g.event[data-event="`+ambush+`"]`))); err != nil {
		b.shot("failed-map.png", true)
		t.Fatalf("the map shows no dot for the ambush: %v", err)
	}
	if n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#map-svg g.area polygon").length`)); err != nil || n != 14 {
		t.Errorf("the map draws %d governorates, want 14 (%v)", n, err)
	}
	b.elementShot("#map-box", "map.png")
	b.shot("list.png", false)
}

// eventContradiction opens the ambush's event view from the list: the
// contradiction between SOHR's 27 and Amaq's 20 is spelled out on the page
// (and outlined, for trace), and the table of who claimed what has both.
func (b *browser) eventContradiction(ambush string) {
	t := b.t
	err := chromedp.Do(b.ctx,
		chromedp.Click(chromedp.CSS(`tr[data-event="`+ambush+`"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`#contradictions li.contradiction`)),
		chromedp.WaitVisible(chromedp.CSS(`#graph svg g.node`)),
	)
	if err != nil {
		b.shot("failed-event.png", true)
		t.Fatalf("event view: %v", err)
	}
	found, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
		for (const li of document.querySelectorAll("#contradictions li.contradiction")) {
			const o = li.dataset.origins.split(" "), f = li.dataset.figures.split(" ");
			if (o.includes("sohr") && o.includes("amaq") && f.includes("27") && f.includes("20")) {
				li.scrollIntoView({block: "center"});
				li.style.outline = "3px solid #1f5fa8";
				return li.innerText;
			}
		}
		return "";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if found == "" {
		b.shot("failed-event.png", true)
		t.Fatalf("the event view shows no contradiction between SOHR's 27 and Amaq's 20; it shows:\n%s", b.text("#contradictions"))
	}
	// innerText follows CSS text-transform: compare without case
	for _, want := range []string{"Syrian Observatory for Human Rights said 27 killed", "Amaq News Agency said 20 killed", "contradiction"} {
		if !strings.Contains(strings.ToLower(found), strings.ToLower(want)) {
			t.Errorf("contradiction %q lacks %q", found, want)
		}
	}
	claims := b.text("table#claims")
	for _, want := range []string{"Syrian Observatory for Human Rights", "Amaq News Agency", "27", "20", "Evidence sentence"} {
		if !strings.Contains(strings.ToLower(claims), strings.ToLower(want)) {
			t.Errorf("the table of who claimed what lacks %q", want)
		}
	}
}

// eventTimeline: the event view's timeline draws the figures over
// publication time, one colour per origin.
func (b *browser) eventTimeline() {
	t := b.t
	marks, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#timeline-svg g.mark")].map(g => g.dataset.origin + " " + g.dataset.figure + " " + g.dataset.published)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sohr 27 2019-04-20", "amaq 20 2019-04-20"} {
		if !slices.Contains(marks, want) {
			t.Errorf("the timeline lacks the mark %q; it has %q", want, marks)
		}
	}
	b.elementShot("#timeline", "timeline.png")
}

// eventCircular: the event view shows circular reporting, SOHR's and
// Amaq's figures each relayed by several articles, listed in order of
// publication.
func (b *browser) eventCircular() {
	t := b.t
	circ, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
		const out = [];
		for (const li of document.querySelectorAll("#circular li.circular")) {
			const dates = [...li.querySelectorAll("ol.relays > li")].map(r => r.dataset.published);
			const dated = dates.filter(Boolean);
			const undated = dates.indexOf(""); // undated articles come last
			const sorted = dated.every((d, i) => i === 0 || dated[i - 1] <= d) && (undated < 0 || dates.slice(undated).every(d => !d));
			out.push(li.dataset.origin + ":" + dates.length + ":" + (sorted ? "ordered" : "unordered:" + dates.join(",")));
		}
		return out.join(" ");
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, origin := range []string{"sohr", "amaq"} {
		if !strings.Contains(" "+circ, " "+origin+":") {
			t.Errorf("the event view shows no circular reporting of %s: %q", origin, circ)
		}
	}
	if strings.Contains(circ, "unordered") || strings.Contains(circ, ":0:") || strings.Contains(circ, ":1:") {
		t.Errorf("circular reporting: want every group's articles (2 or more) in order of publication: %q", circ)
	}
}

// eventGraph: the event view draws the provenance graph; then the event
// view's screenshots.
func (b *browser) eventGraph() {
	t := b.t
	nodes, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#graph svg g.node").length`))
	if err != nil || nodes < 5 {
		t.Errorf("provenance graph: %d nodes, %v", nodes, err)
	}
	b.shot("event.png", false)
	b.shot("page.png", true)
	b.elementShot("#circular", "circular.png")
	if png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS("#graph svg"))); err != nil {
		t.Errorf("screenshot of the graph: %v", err)
	} else if err := os.WriteFile(filepath.Join(b.dir, "graph.png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

// trace follows the outlined contradiction's trace link to the trace of
// SOHR's claim: its chain, the evidence sentence marked in its paragraph
// of the article (the store keeps the text), and every article that
// carried the figure, in order, the first marked.
func (b *browser) trace() {
	t := b.t
	err := chromedp.Do(b.ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#contradictions li[style*=outline] a[href^='#/claim/']").click()`),
		chromedp.WaitVisible(chromedp.CSS(`#trace li`)),
	)
	if err != nil {
		b.shot("failed-trace.png", true)
		t.Fatalf("trace view: %v", err)
	}
	if tr := b.text("#trace"); !strings.Contains(tr, "Syrian Observatory for Human Rights") && !strings.Contains(tr, "Amaq") {
		t.Errorf("trace shows neither SOHR nor Amaq: %q", tr)
	}
	para, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`(() => {
		const q = document.querySelector("#paragraph"), m = q && q.querySelector("mark");
		return q && m ? [q.innerText, m.innerText] : [];
	})()`))
	if err != nil || len(para) != 2 || para[1] == "" || !strings.Contains(para[0], para[1]) {
		t.Errorf("the trace shows no evidence sentence marked in its paragraph: %q %v", para, err)
	} else if !strings.Contains(para[1], "27") {
		t.Errorf("the marked sentence of SOHR's 27 lacks the figure: %q", para[1])
	}
	if cs := b.text("#carriers"); !strings.Contains(cs, "this claim") || !strings.Contains(cs, "first appearance") {
		t.Errorf("the trace does not list the articles that carried the figure, this claim and the first appearance among them: %q", cs)
	}
	b.shot("trace.png", false)
}
