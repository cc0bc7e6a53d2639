package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
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
	Log        io.Writer
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
			"--max-memory while queries run; at most --max-queries run at once (the next gets 503 and Retry-After);\n" +
			"Gizmo's built-ins refuse arrays over 1,048,576 items and strings over 16,777,216 characters, and a\n" +
			"regular expression match stops after 1s.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:7474", EnvVars: []string{"CLAIMGRAPH_ADDR"}, Usage: "host:port to listen on (loopback by default; a non-loopback address serves the store to the network)"},
			&cli.BoolFlag{Name: "writable", Usage: "allow POST /api/v2/write, /api/v2/delete and /api/v2/node/delete (raw quads: they bypass the article index and the linker)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query after this long"},
			&cli.IntFlag{Name: "limit", Value: 10000, Usage: "most results one query returns"},
			&cli.StringFlag{Name: "max-body", Value: "1MB", Usage: "largest request body: bytes, or with KB, MB or GB (powers of 1024); a query over it, or over the 1MB Cayley reads, is refused with 413"},
			&cli.StringFlag{Name: "max-memory", Value: "256MB", EnvVars: []string{"CLAIMGRAPH_MAX_MEMORY"}, Usage: "stop every running query when the heap grows by more than this while they run: bytes, or with KB, MB or GB; 0 for no bound"},
			&cli.IntFlag{Name: "max-queries", Value: server.DefaultMaxQueries, EnvVars: []string{"CLAIMGRAPH_MAX_QUERIES"}, Usage: "most queries (/api/v2/query) run at once; the next is refused with 503 and Retry-After"},
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
			})
		},
	}
}

// runServe serves s until ctx ends (SIGINT, SIGTERM), then shuts down
// gracefully.
func runServe(ctx context.Context, s *graph.Store, opt serveOptions) error {
	h, err := server.New(s, server.Options{
		Writable: opt.Writable, Timeout: opt.Timeout, Limit: opt.Limit, MaxBody: opt.MaxBody, Log: opt.Log,
		MaxMemory: opt.MaxMemory, MaxQueries: opt.MaxQueries,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w (try another --addr, e.g. 127.0.0.1:0 for any free port)", err)
	}
	addr := ln.Addr().String()
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
	err = server.Serve(ctx, ln, h, 10*time.Second)
	<-warmed // the caller closes the store next
	if err == nil && opt.Log != nil {
		fmt.Fprintln(opt.Log, "claimgraph: stopped")
	}
	return err
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
