package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/server"
)

type serveOptions struct {
	Addr     string
	Writable bool
	Timeout  time.Duration
	Limit    int
	MaxBody  int64
	// MaxMemory bounds the heap's growth while queries run (server.Options.MaxMemory).
	MaxMemory int64
	// MaxQueries is the most queries run at once (server.Options.MaxQueries).
	MaxQueries int
	// AllowHosts are Host names accepted besides the loopback names and the
	// address listened on ("*" for any).
	AllowHosts []string
	// MaxConns is the most connections open at once (server.ServeOptions.MaxConns).
	MaxConns int
	Log      io.Writer
	// Ready, when set, is called with the address listened on once the
	// server accepts connections.
	Ready func(addr string)
}

func newServeCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the page, a JSON API and Cayley's /api/v2 over HTTP",
		Description: "Opens http://ADDR/ (the page: events, who claimed what, contradictions, provenance graph,\n" +
			"trace). Cayley clients use /api/v2, e.g.\n\n" +
			"  curl -s 'http://127.0.0.1:7474/api/v2/query?lang=gizmo' --data-binary 'g.V(g.IRI(\"cgid:source/sohr\")).In(g.IRI(\"prov:wasAttributedTo\")).Out(g.IRI(\"cg:evidence\")).All()'\n\n" +
			"lang=claimgraph adds the saved queries' functions: contradictions(), corroborations(), trace() ...\n" +
			"Read-only unless --writable. Stops gracefully on SIGINT or SIGTERM. Access log on stderr.\n\n" +
			"Limits (docs/reliability.md): every query stops at --timeout, or when the heap grows by more than\n" +
			"--max-memory while queries run; at most --max-queries run at once (the next waits 1s, then gets 503);\n" +
			"Gizmo's built-ins and + refuse arrays over 1,048,576 items and strings over 16,777,216 characters,\n" +
			"eval and Function are off, and a regular expression match stops after 1s. A request whose Host is not localhost, 127.0.0.1, ::1, the\n" +
			"--addr host or an --allow-host gets 421 (DNS rebinding); with --writable, a write whose Origin or\n" +
			"Sec-Fetch-Site says another site, or a form-like POST without Origin, gets 403 (CSRF). Connections:\n" +
			"header 10s, request 1m, idle 2m, at most --max-conns open.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:7474", EnvVars: []string{"CLAIMGRAPH_ADDR"}, Usage: "host:port to listen on (loopback by default; a non-loopback address serves the store to the network)"},
			&cli.BoolFlag{Name: "writable", Usage: "allow POST /api/v2/write, /api/v2/delete and /api/v2/node/delete (raw quads: they bypass the article index and the linker)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query after this long"},
			&cli.IntFlag{Name: "limit", Value: 10000, Usage: "most results one query returns"},
			&cli.StringFlag{Name: "max-body", Value: "1MB", Usage: "largest request body: bytes, or with KB, MB or GB (powers of 1024); a query over it, or over the 1MB Cayley reads, is refused with 413"},
			&cli.StringFlag{Name: "max-memory", Value: "256MB", EnvVars: []string{"CLAIMGRAPH_MAX_MEMORY"}, Usage: "stop every running query when the heap grows by more than this while they run: bytes, or with KB, MB or GB; 0 for no bound"},
			&cli.StringSliceFlag{Name: "allow-host", EnvVars: []string{"CLAIMGRAPH_ALLOW_HOST"}, Usage: "a Host name the server answers to besides localhost, 127.0.0.1, ::1 and the --addr host (repeat, or comma-separated; * for any); others get 421, against DNS rebinding"},
			&cli.IntFlag{Name: "max-conns", Value: server.DefaultMaxConns, EnvVars: []string{"CLAIMGRAPH_MAX_CONNS"}, Usage: "most connections open at once; more wait to be accepted"},
			&cli.IntFlag{Name: "max-queries", Value: server.DefaultMaxQueries, EnvVars: []string{"CLAIMGRAPH_MAX_QUERIES"}, Usage: "most queries (/api/v2/query) run at once; the next waits up to 1s for one to end, then is refused with 503 and Retry-After"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("serve: unexpected argument %q (the store is --db)", c.Args().First())
			}
			maxBody, err := parseSize(c.String("max-body"))
			if err != nil {
				return fmt.Errorf("--max-body: %w", err)
			}
			maxMemory, err := parseMemory(c.String("max-memory"))
			if err != nil {
				return err
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			return runServe(c.Context, s, serveOptions{
				Addr: c.String("addr"), Writable: c.Bool("writable"), Timeout: c.Duration("timeout"),
				Limit: c.Int("limit"), MaxBody: maxBody, MaxMemory: maxMemory, MaxQueries: c.Int("max-queries"), Log: c.App.ErrWriter,
				AllowHosts: c.StringSlice("allow-host"), MaxConns: c.Int("max-conns"),
			})
		},
	}
}

// runServe serves s until ctx ends (SIGINT, SIGTERM), then shuts down
// gracefully.
func runServe(ctx context.Context, s *graph.Store, opt serveOptions) error {
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w (try another --addr, e.g. 127.0.0.1:0 for any free port)", err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	h, err := server.New(s, server.Options{
		Writable: opt.Writable, Timeout: opt.Timeout, Limit: opt.Limit, MaxBody: opt.MaxBody, Log: opt.Log,
		MaxMemory: opt.MaxMemory, MaxQueries: opt.MaxQueries, Hosts: serveHosts(opt.Addr, opt.AllowHosts),
		Areas: governorateOutlines(gazetteer.Default()), AreasNote: outlineNote,
	})
	if err != nil {
		return err
	}
	if opt.Log != nil {
		mode := "read-only"
		if opt.Writable {
			mode = "writable"
		}
		fmt.Fprintf(opt.Log, "claimgraph: serving the store (%s) on http://%s/\n", mode, addr)
		if !server.IsLoopback(addr) {
			fmt.Fprintf(opt.Log, "claimgraph: %s is not a loopback address: anyone who can reach it can query the store\n", addr)
		}
	}
	warmed := make(chan struct{})
	go func() {
		// read the store for the page while the listener already accepts
		defer close(warmed)
		if err := h.Warm(ctx); err != nil && ctx.Err() == nil && opt.Log != nil {
			fmt.Fprintf(opt.Log, "claimgraph: reading the store for the page: %v\n", err)
		}
	}()
	if opt.Ready != nil {
		opt.Ready(addr)
	}
	err = server.ServeWith(ctx, ln, h, server.ServeOptions{Grace: 10 * time.Second, MaxConns: opt.MaxConns})
	<-warmed // the caller closes the store next
	if err == nil && opt.Log != nil {
		fmt.Fprintln(opt.Log, "claimgraph: stopped")
	}
	return err
}

// serveHosts are the Host names the server answers to: the loopback names,
// the host of addr as given, the extra names, and when addr listens on every
// interface, the machine's name and addresses.
func serveHosts(addr string, extra []string) []string {
	hosts := append(append([]string{}, server.LoopbackHosts...), extra...)
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return hosts
	}
	if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
		return append(hosts, host)
	}
	if name, err := os.Hostname(); err == nil {
		hosts = append(hosts, name)
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				hosts = append(hosts, n.IP.String())
			}
		}
	}
	return hosts
}

// parseMemory parses --max-memory: a size, or 0 for no bound (-1).
func parseMemory(s string) (int64, error) {
	if strings.TrimSpace(s) == "0" {
		return -1, nil
	}
	n, err := parseSize(s)
	if err != nil {
		return 0, fmt.Errorf("--max-memory: %w (or 0 for no bound)", err)
	}
	return n, nil
}

// parseSize parses "1MB", "512KB", "1048576".
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	var n int64
	if _, err := fmt.Sscan(t, &n); err != nil || n <= 0 || fmt.Sprint(n) != t {
		return 0, fmt.Errorf("%q: want a positive size such as 1MB, 512KB or 1048576", s)
	}
	return n * mult, nil
}
