package server_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/server"
)

// send makes a request with the given headers and returns its status.
func send(t *testing.T, ts interface{ Client() *http.Client }, method, url, body string, header map[string]string) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestHostAllowList: a Host other than the loopback names and Options.Hosts
// (what a DNS rebinding page sends) is refused with 421, on the page and the API.
func TestHostAllowList(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	port := ts.URL[strings.LastIndex(ts.URL, ":"):]
	for host, want := range map[string]int{
		"127.0.0.1" + port: 200, "localhost" + port: 200, "LOCALHOST": 200, "[::1]" + port: 200,
		"evil.example" + port: 421, "evil.example": 421, "127.0.0.1.evil.example": 421, "localhost.evil.example" + port: 421,
	} {
		for _, path := range []string{"/", "/api/events", "/api/v2/query?lang=gizmo&qu=g.V().Limit(1).All()"} {
			if got := send(t, ts, "GET", ts.URL+path, "", map[string]string{"Host": host}); got != want {
				t.Errorf("Host %s, GET %s: %d, want %d", host, path, got, want)
			}
		}
	}
	ts2, _ := newServer(t, server.Options{Hosts: []string{"claims.example.org"}})
	if got := send(t, ts2, "GET", ts2.URL+"/api/events", "", map[string]string{"Host": "claims.example.org"}); got != 200 {
		t.Errorf("allowed host: %d", got)
	}
	if got := send(t, ts2, "GET", ts2.URL+"/api/events", "", map[string]string{"Host": "other.example.org"}); got != 421 {
		t.Errorf("host not allowed: %d", got)
	}
	ts3, _ := newServer(t, server.Options{Hosts: []string{"*"}})
	if got := send(t, ts3, "GET", ts3.URL+"/api/events", "", map[string]string{"Host": "any.example"}); got != 200 {
		t.Errorf("Hosts *: %d", got)
	}
}

// TestCrossSiteWrite: with Writable, no write a browser can send from
// another site succeeds: not with a cross-site Origin or Sec-Fetch-Site, not
// as a form-like POST without Origin; curl-like and same-origin writes do.
func TestCrossSiteWrite(t *testing.T) {
	ts, _ := newServer(t, server.Options{Writable: true})
	nq := "<https://example.org/a> <https://example.org/b> \"c\" .\n"
	for _, c := range []struct {
		name   string
		path   string
		header map[string]string
		want   int
	}{
		{"cross-site Origin", "/api/v2/write", map[string]string{"Origin": "https://evil.example", "Content-Type": "application/n-quads"}, 403},
		{"cross-site fetch", "/api/v2/write", map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "application/n-quads"}, 403},
		{"same-site fetch", "/api/v2/delete", map[string]string{"Sec-Fetch-Site": "same-site", "Content-Type": "application/n-quads"}, 403},
		{"form post, no Origin", "/api/v2/write", map[string]string{"Content-Type": "text/plain"}, 403},
		{"urlencoded, no Origin", "/api/v2/node/delete", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 403},
		{"no Content-Type, no Origin", "/api/v2/write", map[string]string{}, 403},
		{"Origin null", "/api/v2/write", map[string]string{"Origin": "null", "Content-Type": "application/n-quads"}, 403},
		{"curl with a format", "/api/v2/write", map[string]string{"Content-Type": "application/n-quads"}, 200},
		{"same origin", "/api/v2/write", map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/n-quads"}, 200},
	} {
		if got := send(t, ts, "POST", ts.URL+c.path, nq, c.header); got != c.want {
			t.Errorf("%s: POST %s: %d, want %d", c.name, c.path, got, c.want)
		}
	}
}

// TestSecurityHeaders: the page is never framed, loads only its own files
// and is not sniffed; the API's answers are not sniffed either.
func TestSecurityHeaders(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	for _, path := range []string{"/", "/app.js", "/api/events", "/api/nothing"} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: X-Frame-Options %q, X-Content-Type-Options %q", path, h.Get("X-Frame-Options"), h.Get("X-Content-Type-Options"))
		}
	}
}

// TestOversizedQuery: Cayley's handler reads the first 1 MiB of a query and
// runs it. A longer query in Cayley's languages, or one over MaxBody in any,
// is refused with 413 instead; Gizmo's are read and run whole.
func TestOversizedQuery(t *testing.T) {
	ts, _ := newServer(t, server.Options{MaxBody: 4 << 20})
	// runs as its first megabyte (a complete query) if truncated
	q := `g.V().Limit(1).All();` + strings.Repeat(" ", 1<<20) + `throw "the whole query ran"`
	for _, lang := range []string{"graphql", "mql"} {
		if got := send(t, ts, "POST", ts.URL+"/api/v2/query?lang="+lang, q, nil); got != http.StatusRequestEntityTooLarge {
			t.Errorf("lang=%s: %d for a %d-byte query, want 413", lang, got, len(q))
		}
	}
	for _, lang := range []string{"gizmo", "claimgraph"} {
		var e struct{ Error string }
		if got := do(t, ts, "POST", "/api/v2/query?lang="+lang, q, &e); got != http.StatusBadRequest || !strings.Contains(e.Error, "the whole query ran") {
			t.Errorf("lang=%s: %d %q for a %d-byte query, want it run whole", lang, got, e.Error, len(q))
		}
	}
	small, _ := newServer(t, server.Options{MaxBody: 1000})
	for _, lang := range []string{"gizmo", "claimgraph"} {
		if got := send(t, small, "POST", small.URL+"/api/v2/query?lang="+lang, strings.Repeat(" ", 2000)+"g.V().All()", nil); got != http.StatusRequestEntityTooLarge {
			t.Errorf("lang=%s over MaxBody: %d, want 413", lang, got)
		}
	}
	// a query just under the bound still runs
	if got := send(t, ts, "POST", ts.URL+"/api/v2/query?lang=gizmo", strings.Repeat(" ", 900<<10)+"g.V().Limit(1).All()", nil); got != 200 {
		t.Errorf("a 900 KiB query: %d, want 200", got)
	}
}

// TestConnectionLimits: a client that never finishes its header is cut off
// at ReadHeaderTimeout, an idle one at IdleTimeout, and at most MaxConns
// connections are open at once.
func TestConnectionLimits(t *testing.T) {
	// serve serves "ok" with opt until the test ends, and returns its address.
	serve := func(opt server.ServeOptions) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- server.ServeWith(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }), opt)
		}()
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
		return ln.Addr().String()
	}
	addr := serve(server.ServeOptions{Grace: time.Second, ReadHeaderTimeout: 300 * time.Millisecond, IdleTimeout: 300 * time.Millisecond, MaxConns: 2})
	closedWithin := func(c net.Conn, d time.Duration) bool {
		c.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, c)
		return err == nil // EOF: the server closed it; a timeout is an error
	}
	// a slow client: half a header
	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(slow, "GET / HTTP/1.1\r\nHost: x\r\n")
	if !closedWithin(slow, 3*time.Second) {
		t.Error("a client that never ends its header still holds its connection after 3 s")
	}
	slow.Close()
	// an idle keep-alive client
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(idle), nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("request on the idle connection: %v", err)
	}
	if !closedWithin(idle, 3*time.Second) {
		t.Error("an idle connection is still open after 3 s")
	}
	idle.Close()
	// the cap: two connections that send nothing hold both slots (on a
	// server whose header timeout outlasts the check, so that a loaded
	// machine cannot free a slot by cutting a held connection off)
	addr = serve(server.ServeOptions{Grace: time.Second, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second, MaxConns: 2})
	var held []net.Conn
	for i := 0; i < 2; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	time.Sleep(100 * time.Millisecond)
	client := &http.Client{Timeout: 150 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if _, err := client.Get("http://" + addr + "/"); err == nil {
		t.Error("a third connection was served while two were held (MaxConns 2)")
	}
	for _, c := range held {
		c.Close()
	}
	client.Timeout = 3 * time.Second
	if resp, err := client.Get("http://" + addr + "/"); err != nil {
		t.Errorf("after the held connections closed: %v", err)
	} else {
		resp.Body.Close()
	}
}
