package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/queries/linking"
)

// version is set at build time with -ldflags "-X main.version=..."; else
// buildVersion reads it from the build information.
var version = "dev"

// buildVersion names the build: the version set at build time, or the
// module version and the VCS revision Go records (with "+modified" for a
// dirty tree), and the versions of the extraction and linking rules, which
// decide what a store holds.
func buildVersion() string {
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "dev" {
		if m := bi.Main.Version; m != "" && m != "(devel)" {
			v = m
		}
		rev, dirty := "", ""
		for _, st := range bi.Settings {
			switch st.Key {
			case "vcs.revision":
				rev = st.Value
			case "vcs.modified":
				if st.Value == "true" {
					dirty = "+modified"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " (" + rev + dirty + ")"
		}
	}
	return fmt.Sprintf("%s, extraction %s, linking %s", v, extract.Version, linking.Version)
}

func newApp() *cli.App {
	return &cli.App{
		Name:    "claimgraph",
		Usage:   "trace casualty figures in news articles to their sources",
		Version: buildVersion(),
		// shell completion: 'claimgraph --generate-bash-completion'; see docs/usage.md
		EnableBashCompletion: true,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "db",
				Value:   graph.DefaultDSN,
				EnvVars: []string{"CLAIMGRAPH_DB"},
				Usage:   "store: a bolt file path, postgres://… or postgresql://… (PostgreSQL), cockroach://… (CockroachDB), or mem: (in memory, gone at exit)",
			},
			&cli.StringFlag{
				Name:  "cpuprofile",
				Usage: "write a CPU profile of the command to this file (go tool pprof), to see where a slow load or link spends its time",
			},
			&cli.StringFlag{
				Name:  "heapprofile",
				Usage: "write heap profiles of the command into this directory (go tool pprof -sample_index=inuse_space), one every --heapprofile-every after a collection and one at its end, each named by its number and the heap then in use, to see what a load or link holds at its peak",
			},
			&cli.DurationFlag{
				Name:  "heapprofile-every",
				Value: 5 * time.Second,
				Usage: "how often --heapprofile writes a profile",
			},
			&cli.StringFlag{
				Name:    "memory-limit",
				EnvVars: []string{"CLAIMGRAPH_MEMORY_LIMIT"},
				Usage:   "soft limit on the memory Go holds (the heap and the runtime's own, not the store file's mapped pages), such as 2GB: the collector works harder near it rather than let the heap grow to twice what is live; set it above what the command needs live (docs/usage.md)",
			},
			&cli.StringFlag{
				Name:    "tx-bytes",
				Value:   "64MB",
				EnvVars: []string{"CLAIMGRAPH_TX_BYTES"},
				Usage:   "bytes of pages a bolt transaction writes, as far as the last one tells: a load's --batch, and the linking that load, delete and link write, go in smaller transactions where that many quads would write more; a transaction holds about twice that in memory as it commits; off for --batch alone (docs/usage.md)",
			},
			&cli.BoolFlag{
				Name:    "no-sync",
				EnvVars: []string{"CLAIMGRAPH_NO_SYNC"},
				Usage:   "bolt: commit without flushing each transaction to disk, and flush once at the end (about 15 % less time for a bulk load); a killed command leaves the store whole, but a machine that stops mid-command can leave it unreadable: for a first load of a new store, which can be loaded again (docs/usage.md)",
			},
			&cli.StringFlag{
				Name:    "heap-target",
				Value:   defaultHeapTarget,
				EnvVars: []string{"CLAIMGRAPH_HEAP_TARGET"},
				Usage:   "the heap size the collector aims at: it collects less often while less is live and more often near it, down to a fifth again what is live (never a limit); off for Go's default, or GOGC in the environment (docs/usage.md)",
			},
		},
		Before: start,
		After:  stopProfile,
		Commands: []*cli.Command{
			newLoadCommand(),
			newArticlesCommand(),
			newClaimsCommand(),
			newSourcesCommand(),
			newStatsCommand(),
			newDeleteCommand(),
			newGizmoCommand(),
			newExportCommand(),
			newReviewCommand(),
			newReviewsCommand(),
			newDemoCommand(),
			newGazetteerCommand(),
			newLinkCommand(),
			newQueryCommand(),
			newEventsCommand(),
			newEvalCommand(),
			newServeCommand(),
		},
		Writer:    os.Stdout,
		ErrWriter: os.Stderr,
	}
}

// openStore opens the existing store the --db flag names, for the commands
// that read or change a store. Only load and demo create one (createStore):
// a mistyped path fails with what to try instead of giving an empty store.
func openStore(ctx context.Context, c *cli.Context) (*graph.Store, error) {
	dsn := c.String("db")
	txBytes, err := txBytesOf(c)
	if err != nil {
		return nil, err
	}
	s, err := graph.OpenExisting(ctx, dsn, append(syncOption(c), indexingNotice(c), graph.WriteTxBytes(txBytes))...)
	if errors.Is(err, graph.ErrNoStore) {
		return nil, fmt.Errorf("no store at %q (--db): only 'claimgraph load' creates one; "+
			"load articles into it with 'claimgraph --db %s load PATH...', or point --db (or CLAIMGRAPH_DB) at an existing store", dsn, dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", dsn, err)
	}
	return s, nil
}

// createStore opens the store the --db flag names, creating it if absent,
// with opts: for load and demo, the commands that fill a store.
func createStore(ctx context.Context, c *cli.Context, opts ...graph.OpenOption) (*graph.Store, error) {
	dsn := c.String("db")
	txBytes, err := txBytesOf(c)
	if err != nil {
		return nil, err
	}
	s, err := graph.Open(ctx, dsn, append(append(opts, syncOption(c)...), indexingNotice(c), graph.WriteTxBytes(txBytes))...)
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", dsn, err)
	}
	return s, nil
}

// syncOption returns graph.NoSync when --no-sync is given.
func syncOption(c *cli.Context) []graph.OpenOption {
	if c.Bool("no-sync") {
		return []graph.OpenOption{graph.NoSync()}
	}
	return nil
}

// txBytesOf returns the bytes of pages --tx-bytes lets a transaction
// write (graph.WriteTxBytes), -1 for off.
func txBytesOf(c *cli.Context) (int64, error) {
	v := c.String("tx-bytes")
	if v == "off" {
		return -1, nil
	}
	n, err := parseSize(v)
	if err != nil {
		return 0, fmt.Errorf("--tx-bytes: %w, or off", err)
	}
	return n, nil
}

// indexingNotice shows a spinner on a terminal while Open indexes a store
// written by an older claimgraph: without the ordered index, or with the
// link keys in Cayley's indexes (once each; minutes for a large archive).
func indexingNotice(c *cli.Context) graph.OpenOption {
	return graph.WhileIndexing(func() func() {
		return newSpinner(c.App.ErrWriter, "indexing the store (once, for a store written by an older claimgraph)").done
	})
}

// listAction is the Action of a listing command: it resolves --format,
// opens the store and hands both to run.
func listAction(run func(c *cli.Context, s *graph.Store, format string) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		format, err := outputFormat(c)
		if err != nil {
			return err
		}
		s, err := openStore(c.Context, c)
		if err != nil {
			return err
		}
		defer s.Close()
		if pending, err := queries.Pending(c.Context, s); err != nil {
			return err
		} else if pending {
			fmt.Fprintln(c.App.ErrWriter, "claimgraph: warning: a load or delete did not finish; events and relations may be stale until 'claimgraph link' (or the next load or delete) relinks the store")
		}
		return run(c, s, format)
	}
}

// newExtractor builds the extractor from the embedded data and the user's
// additions.
func newExtractor(lexiconDir, gazetteerFile string) (*extract.Extractor, error) {
	lex, err := extract.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	if lexiconDir != "" {
		if err := lex.Extend(lexiconDir); err != nil {
			return nil, fmt.Errorf("--lexicon: %w", err)
		}
	}
	gaz := gazetteer.Default()
	if gazetteerFile != "" {
		f, err := os.Open(gazetteerFile)
		if err != nil {
			return nil, fmt.Errorf("--gazetteer: %w", err)
		}
		defer f.Close()
		user, err := gazetteer.Load(f, gazetteerFile)
		if err != nil {
			return nil, fmt.Errorf("--gazetteer: %w", err)
		}
		gaz = gaz.Merge(user)
	}
	return extract.New(lex, gaz), nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// minMemoryLimit is the least --memory-limit: a command holds tens of MB
// live at least (the gazetteer, the extractor's data).
const minMemoryLimit = 64 << 20

// flagSize parses size flag name's value v, at least minMemoryLimit;
// example is a size to suggest.
func flagSize(name, v, example string) (int64, error) {
	n, err := parseSize(v)
	if err != nil {
		return 0, fmt.Errorf("--%s: %w", name, err)
	}
	if n < minMemoryLimit {
		return 0, fmt.Errorf("--%s: %q is under %dMB, under what a command holds live, where the collector would run without pause: give a size such as %s", name, v, minMemoryLimit>>20, example)
	}
	return n, nil
}

// start checks --tx-bytes, applies --memory-limit and --heap-target and
// starts the CPU profile --cpuprofile asks for.
func start(c *cli.Context) error {
	if _, err := txBytesOf(c); err != nil {
		return err
	}
	if v := c.String("memory-limit"); v != "" {
		// "2" for 2GB would make the collector run without pause
		n, err := flagSize("memory-limit", v, "2GB")
		if err != nil {
			return err
		}
		debug.SetMemoryLimit(n)
	}
	if err := tuneGC(c); err != nil {
		return err
	}
	if err := startHeapProfiles(c); err != nil {
		return err
	}
	return startProfile(c)
}

// heapProfiles writes the heap profiles --heapprofile asks for; nil when
// none is asked for.
var heapProfiles *heapProfiler

// heapProfiler writes a heap profile into dir every so often, after a
// collection (so that what it shows in use is what is live), until stopped.
type heapProfiler struct {
	dir  string
	n    int
	stop chan struct{}
	done chan error
}

// startHeapProfiles starts the heap profiles --heapprofile asks for.
func startHeapProfiles(c *cli.Context) error {
	dir := c.String("heapprofile")
	if dir == "" {
		return nil
	}
	every := c.Duration("heapprofile-every")
	if every <= 0 {
		return fmt.Errorf("--heapprofile-every: %s is not a positive duration", every)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	h := &heapProfiler{dir: dir, stop: make(chan struct{}), done: make(chan error, 1)}
	heapProfiles = h
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				h.done <- h.write() // the command's end
				return
			case <-t.C:
				if err := h.write(); err != nil {
					<-h.stop
					h.done <- err
					return
				}
			}
		}
	}()
	return nil
}

// write collects, then writes the next heap profile, named by its number
// and the heap in use.
func (h *heapProfiler) write() error {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	f, err := os.Create(filepath.Join(h.dir, fmt.Sprintf("heap-%04d-%dMB.pprof", h.n, ms.HeapAlloc>>20)))
	if err != nil {
		return err
	}
	h.n++
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stopHeapProfiles writes the last heap profile and stops, if profiles
// are written.
func stopHeapProfiles() error {
	h := heapProfiles
	if h == nil {
		return nil
	}
	heapProfiles = nil
	close(h.stop)
	return <-h.done
}

// startProfile starts the CPU profile --cpuprofile asks for.
func startProfile(c *cli.Context) error {
	path := c.String("cpuprofile")
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	profile = f
	return pprof.StartCPUProfile(f)
}

// profile is the file of the running CPU profile, if any.
var profile *os.File

// stopProfile ends the CPU profile and the heap profiles, if they run.
func stopProfile(*cli.Context) error {
	herr := stopHeapProfiles()
	if profile == nil {
		return herr
	}
	pprof.StopCPUProfile()
	err := profile.Close()
	profile = nil
	return errors.Join(err, herr)
}
