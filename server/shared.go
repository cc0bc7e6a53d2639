package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// LoopbackHosts are the Host names a server accepts by default: what a
// browser on the same machine sends. A DNS rebinding attack sends its own
// name, which is refused.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// hostAllowed reports whether the request's Host (its port ignored) is one of
// hosts, or hosts holds "*".
func hostAllowed(r *http.Request, hosts []string) bool {
	h := r.Host
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
	for _, a := range hosts {
		if a == "*" || strings.EqualFold(strings.Trim(a, "[]"), h) {
			return true
		}
	}
	return false
}

// crossSiteWrite says why a request that writes must be refused as a
// possible cross-site request forgery, or "" when it may write. A browser
// marks a cross-site request with Sec-Fetch-Site and Origin; one too old to
// send either can still send a "simple" cross-site POST, whose Content-Type
// is one a form can send, so such a POST without Origin is refused too.
// Clients other than browsers (curl, Cayley's) send neither header and name
// the quad format in Content-Type, so they are not affected.
func crossSiteWrite(r *http.Request) string {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return "Sec-Fetch-Site is " + r.Header.Get("Sec-Fetch-Site")
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || !strings.EqualFold(u.Host, r.Host) {
			return "Origin " + o + " is not this server (" + r.Host + ")"
		}
		return ""
	}
	ct := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	switch ct {
	case "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data":
		return "a write without Origin must name its format in Content-Type (e.g. application/n-quads), not " + strconvQuote(ct)
	}
	return ""
}

func strconvQuote(s string) string {
	if s == "" {
		return "none"
	}
	return `"` + s + `"`
}

// securityHeaders are set on every answer: the page loads only its own
// files, is never framed, and no answer is sniffed into another type.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// ServeOptions bound the connections of Serve. Zero values mean the defaults below.
type ServeOptions struct {
	// Grace is how long requests in flight may finish after ctx ends.
	Grace time.Duration
	// ReadHeaderTimeout bounds reading a request's header, ReadTimeout the
	// whole request with its body, IdleTimeout a kept-alive connection
	// waiting for its next request.
	ReadHeaderTimeout, ReadTimeout, IdleTimeout time.Duration
	// MaxConns is the most connections open at once; more wait to be accepted.
	MaxConns int
}

// Defaults of ServeOptions.
const (
	DefaultGrace             = 10 * time.Second
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = time.Minute
	DefaultIdleTimeout       = 2 * time.Minute
	DefaultMaxConns          = 256
)

func (o ServeOptions) withDefaults() ServeOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Grace, DefaultGrace)
	def(&o.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	def(&o.ReadTimeout, DefaultReadTimeout)
	def(&o.IdleTimeout, DefaultIdleTimeout)
	if o.MaxConns <= 0 {
		o.MaxConns = DefaultMaxConns
	}
	return o
}

// limitListener accepts at most cap(slots) connections open at once; Accept
// waits for one to close.
type limitListener struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	once  sync.Once
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
