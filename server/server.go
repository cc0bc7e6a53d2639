package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/julienschmidt/httprouter"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
)

//go:embed web
var webFS embed.FS

// Options configure a Server. The zero value serves read-only with the
// defaults below.
type Options struct {
	// Writable allows POST /api/v2/write, /api/v2/delete and
	// /api/v2/node/delete (Cayley's raw quad writes, which bypass the
	// article index and the linker).
	Writable bool
	// Timeout bounds every query; 0 means DefaultTimeout.
	Timeout time.Duration
	// Limit is the most results one query returns; 0 means queries.DefaultLimit.
	Limit int
	// MaxBody is the largest request body accepted, in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Refresh is how long the page API's snapshot of the store is reused
	// before it is read again, in the background while the old one keeps
	// answering; 0 means DefaultRefresh, negative means until a write.
	Refresh time.Duration
	// MaxMemory is the most the process's heap may grow, in bytes, while
	// queries run: over it every running query is stopped
	// (queries.Watchdog); 0 means DefaultMaxMemory, negative means no bound.
	MaxMemory int64
	// MaxQueries is the most queries (/api/v2/query, any language) run at
	// once; the next waits up to a second for one to end, then is refused
	// with 503 and Retry-After. 0 means DefaultMaxQueries.
	MaxQueries int
	// Hosts are the names a request's Host header may give (its port
	// ignored); others are refused with 421, so that a DNS rebinding page
	// cannot reach the store. nil means LoopbackHosts; "*" allows any.
	Hosts []string
	// Areas are the outlines the page's map draws under the events (GET
	// /api/map), and AreasNote says how they were made and credits their
	// data; none means a map of the events alone.
	Areas     []Area
	AreasNote string
	// Log receives the access log and server errors; nil discards them.
	Log io.Writer
	// Now is the clock of the access log; nil means time.Now.
	Now func() time.Time
}

// Defaults of Options.
const (
	DefaultTimeout = 30 * time.Second
	DefaultMaxBody = 1 << 20
	DefaultRefresh = 30 * time.Second
	// DefaultMaxMemory is 256 MiB: ample for any query's results, and small
	// enough that the one step of a runaway script that no interrupt reaches
	// (a string concatenation, which is a copy) stays well under a second.
	DefaultMaxMemory = 256 << 20
	// DefaultMaxQueries leaves a core free for the page on two cores.
	DefaultMaxQueries = 4
	// queueWait is how long a query waits for one of the MaxQueries slots
	// before it is refused with 503.
	queueWait = time.Second
	// maxQuery is the largest query Cayley's handler reads: it silently runs
	// the first maxQuery bytes of a longer one (server/http.maxQuerySize).
	maxQuery = 1 << 20
)

// Server serves Cayley's /api/v2, the page's JSON API under /api/ and the
// page itself at /. It is an http.Handler; its methods are safe for
// concurrent use.
type Server struct {
	store *graph.Store
	opt   Options
	dog   *queries.Watchdog
	slots chan struct{} // one per query running
	snap  *snapshot
	mux   *http.ServeMux
	logMu sync.Mutex
}

// New returns a Server over s. It returns an error when the store cannot
// give Cayley a quad writer (with Writable) or the embedded page is missing.
func New(s *graph.Store, opt Options) (*Server, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Limit <= 0 {
		opt.Limit = queries.DefaultLimit
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Refresh == 0 {
		opt.Refresh = DefaultRefresh
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.MaxMemory == 0 {
		opt.MaxMemory = DefaultMaxMemory
	}
	if opt.MaxQueries <= 0 {
		opt.MaxQueries = DefaultMaxQueries
	}
	if opt.Hosts == nil {
		opt.Hosts = LoopbackHosts
	}
	srv := &Server{store: s, opt: opt, snap: &snapshot{store: s, ttl: opt.Refresh}, mux: http.NewServeMux(),
		dog: &queries.Watchdog{}, slots: make(chan struct{}, opt.MaxQueries)}
	if opt.MaxMemory > 0 {
		srv.dog.MaxGrowth = uint64(opt.MaxMemory)
	}
	cayley, err := srv.cayleyAPI()
	if err != nil {
		return nil, err
	}
	page, err := fs.Sub(webFS, "web")
	if err != nil {
		return nil, err
	}
	m := srv.mux
	m.Handle("/api/v2/", cayley)
	m.HandleFunc("GET /api/events", srv.handleEvents)
	m.HandleFunc("GET /api/events/{id}", srv.handleEvent)
	m.HandleFunc("GET /api/events/{id}/reviews", srv.handleEventReviews)
	m.HandleFunc("GET /api/claims/{id}/trace", srv.handleTrace)
	m.HandleFunc("GET /api/search", srv.handleSearch)
	m.HandleFunc("GET /api/map", srv.handleMap)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API: "+r.Method+" "+r.URL.Path+"; see /api/events, /api/events/{id}, /api/claims/{id}/trace, /api/search?q=, /api/v2/query")
	})
	m.Handle("/", http.FileServerFS(page))
	return srv, nil
}

// cayleyAPI mounts Cayley's own /api/v2 handlers (query, read, formats, and
// with Writable write and delete) with our timeout and limit, and adds
// lang=claimgraph: Gizmo with the saved queries' functions.
func (s *Server) cayleyAPI() (http.Handler, error) {
	// Cayley's handlers take a raw quad store: the one use of the escape
	// hatch here besides Gizmo (handleGizmo, handleSavedLang), whose
	// scripts run on Cayley's iterators, not on graph's read API.
	h := &cgraph.Handle{QuadStore: s.store.QuadStore()}
	if s.opt.Writable {
		qw, err := cgraph.NewQuadWriter("single", h.QuadStore, cgraph.Options{"ignore_missing": true, "ignore_duplicate": true})
		if err != nil {
			return nil, fmt.Errorf("server: quad writer for --writable: %w", err)
		}
		h.QuadWriter = qw
	}
	api := cayleyhttp.NewAPIv2Writer(h, "single", nil)
	api.SetReadOnly(!s.opt.Writable)
	api.SetQueryTimeout(s.opt.Timeout)
	api.SetQueryLimit(s.opt.Limit)
	// NewAPIv2Writer registered its routes before SetReadOnly: register
	// them again on a router of our own, so that read-only has no write routes.
	r := httprouter.New()
	api.RegisterOn(r)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/api/v2/query" {
			s.handleQuery(w, req, r)
			return
		}
		switch {
		case !s.opt.Writable && isWritePath(req.URL.Path):
			writeError(w, http.StatusForbidden, "the store is read-only: start 'claimgraph serve --writable' to allow "+req.URL.Path)
			return
		case s.opt.Writable && isWritePath(req.URL.Path):
			defer s.snap.invalidate()
		}
		r.ServeHTTP(w, req)
	}), nil
}

// handleQuery serves /api/v2/query in every language: it reads the whole
// query (413 over the body limit or Cayley's 1 MiB, which Cayley would
// truncate silently), takes a query slot (waiting up to a second, then 503
// with Retry-After), puts the query under the memory watchdog, guards Gizmo scripts
// against runaway built-ins (queries.Guard) and hands lang=claimgraph to
// handleSavedLang, the rest to Cayley's handler.
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request, cayley http.Handler) {
	lang := r.URL.Query().Get("lang")
	var body []byte
	if r.Method != http.MethodGet && r.Body != nil {
		b, err := io.ReadAll(r.Body)
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the query is over %d bytes (serve --max-body)", tooLarge.Limit))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "reading the query: "+err.Error())
			return
		}
		body = b
	}
	if most := maxCayleyQuery(lang); lang != LangSaved && len(body) > most {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the query is over the %d bytes Cayley's handler reads", most))
		return
	}
	wait := time.NewTimer(queueWait)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-wait.C:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("%d queries have been running for over %v, the most at once (serve --max-queries); try again in a second", cap(s.slots), queueWait))
		return
	case <-r.Context().Done():
		return // the client went away
	}
	ctx, unwatch := s.dog.Watch(r.Context())
	defer unwatch()
	r = r.WithContext(ctx)
	if lang == LangSaved {
		s.handleSavedLang(w, r, body)
		return
	}
	if lang == "gizmo" {
		s.handleGizmo(w, r, body)
		return
	}
	if r.Method != http.MethodGet {
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	cayley.ServeHTTP(w, r)
}

// maxCayleyQuery is the longest query in lang that Cayley's handler reads
// whole; lang=gizmo and lang=claimgraph are read here, whole.
func maxCayleyQuery(lang string) int {
	if lang == "gizmo" || lang == LangSaved {
		return int(^uint(0) >> 1)
	}
	return maxQuery
}

// handleGizmo answers lang=gizmo as Cayley's handler would (the same
// rendering, JSON-LD on Accept: application/ld+json, errors as
// {"error": "..."} with 400), but runs the script behind queries' guard and
// bounds (queries.RunGizmo), and answers 504 at the timeout and 503 at the
// memory bound.
func (s *Server) handleGizmo(w http.ResponseWriter, r *http.Request, body []byte) {
	script := string(body)
	if r.Method == http.MethodGet {
		script = r.URL.Query().Get("qu")
	}
	if script == "" {
		writeError(w, http.StatusBadRequest, "query is empty")
		return
	}
	jsonLD := strings.HasPrefix(r.Header.Get("Accept"), "application/ld+json")
	res, err := queries.RunGizmo(r.Context(), s.store.QuadStore(), script, queries.RunOptions{
		Timeout: s.opt.Timeout, Limit: s.opt.Limit, Watchdog: s.dog,
	}, jsonLD)
	switch {
	case errors.Is(err, queries.ErrTimeout):
		writeError(w, http.StatusGatewayTimeout, err.Error()+" (serve --timeout)")
	case errors.Is(err, queries.ErrMemory):
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, err.Error()+" (serve --max-memory)")
	case err != nil:
		writeError(w, http.StatusBadRequest, strings.TrimPrefix(strings.TrimPrefix(err.Error(), "queries: script: "), "queries: "))
	default:
		if jsonLD {
			w.Header().Set("Content-Type", "application/ld+json")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(map[string]interface{}{"result": res})
	}
}

func isWritePath(p string) bool {
	return p == "/api/v2/write" || p == "/api/v2/delete" || p == "/api/v2/node/delete"
}

// LangSaved is the query language of /api/v2/query?lang=claimgraph: Gizmo
// with the saved queries' functions (contradictions, corroborations,
// circular, events, trace; see queries.Library) and the cg:, cgid:,
// schema:, prov: prefixes. Results are rendered as Cayley renders Gizmo's.
const LangSaved = "claimgraph"

func (s *Server) handleSavedLang(w http.ResponseWriter, r *http.Request, body []byte) {
	script := string(body)
	if r.Method == http.MethodGet {
		script = r.URL.Query().Get("qu")
	}
	if strings.TrimSpace(script) == "" {
		writeError(w, http.StatusBadRequest, "query is empty")
		return
	}
	res, err := queries.Run(r.Context(), s.store.QuadStore(), queries.WithLibrary(script), queries.RunOptions{
		Timeout: s.opt.Timeout, Limit: s.opt.Limit, Watchdog: s.dog,
	})
	switch {
	case errors.Is(err, queries.ErrLimit):
		writeError(w, http.StatusBadRequest, err.Error()+" (serve --limit)")
	case errors.Is(err, queries.ErrTimeout):
		writeError(w, http.StatusGatewayTimeout, err.Error()+" (serve --timeout)")
	case errors.Is(err, queries.ErrMemory):
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, err.Error()+" (serve --max-memory)")
	case err != nil:
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, map[string]interface{}{"result": res})
	}
}

// Warm reads the store into the page API's snapshot now rather than on the
// first request. It returns the store's read error.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.snap.get(ctx)
	return err
}

// ServeHTTP refuses a Host not in Options.Hosts (421) and, with Writable, a
// write that may come from another site (403); it sets the security headers
// (Content-Security-Policy, X-Frame-Options, X-Content-Type-Options), limits
// the request body, serves the request and logs it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	securityHeaders(w.Header())
	switch {
	case !hostAllowed(r, s.opt.Hosts):
		writeError(rec, http.StatusMisdirectedRequest, "Host "+strconv.Quote(r.Host)+" is not served here (serve --allow-host)")
	case s.opt.Writable && isWritePath(r.URL.Path) && crossSiteWrite(r) != "":
		writeError(rec, http.StatusForbidden, "refused as a possible cross-site write: "+crossSiteWrite(r))
	default:
		s.mux.ServeHTTP(rec, r)
	}
	if s.opt.Log != nil {
		s.logMu.Lock()
		fmt.Fprintf(s.opt.Log, "%s %s %s %q %d %d %s\n", s.opt.Now().Format(time.RFC3339), remoteHost(r.RemoteAddr),
			r.Method, r.URL.RequestURI(), rec.status, rec.n, time.Since(start).Round(time.Microsecond))
		s.logMu.Unlock()
	}
}

func (s *Server) logf(format string, args ...interface{}) {
	if s.opt.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opt.Log, "%s error: "+format+"\n", append([]interface{}{s.opt.Now().Format(time.RFC3339)}, args...)...)
}

func remoteHost(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	n      int64
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(p)
	r.n += int64(n)
	return n, err
}

// Flush lets Cayley's streaming read handler flush.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Serve serves h on ln until ctx ends, then shuts down gracefully: it stops
// accepting, lets requests in flight finish for up to grace, and returns nil.
// Other errors are the listener's. Connections are bounded by ServeOptions'
// defaults; ServeWith sets them.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	return ServeWith(ctx, ln, h, ServeOptions{Grace: grace})
}

// ServeWith is Serve with the connection bounds of opt: header, request and
// idle timeouts (a slow or idle client cannot hold a connection forever) and
// at most opt.MaxConns connections open at once.
func ServeWith(ctx context.Context, ln net.Listener, h http.Handler, opt ServeOptions) error {
	opt = opt.withDefaults()
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: opt.ReadHeaderTimeout,
		ReadTimeout:       opt.ReadTimeout,
		IdleTimeout:       opt.IdleTimeout,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln = newLimitListener(ln, opt.MaxConns)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), opt.Grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
