package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
)

func TestConformance(t *testing.T) {
	for _, b := range []struct {
		name string
		open graphtest.OpenFunc
	}{
		{"bolt", openBolt},
		{"memstore", openMem},
		{"postgres", openPostgres},
	} {
		t.Run(b.name, func(t *testing.T) { graphtest.Run(t, b.open) })
	}
}

func openStore(t testing.TB, dsn string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func openBolt(t testing.TB) *graph.Store {
	return openStore(t, filepath.Join(t.TempDir(), "claimgraph.db"))
}

func openMem(t testing.TB) *graph.Store { return openStore(t, "mem:") }

// openPostgres opens a store in a new database, dropped when the test ends.
func openPostgres(t testing.TB) *graph.Store {
	s, _ := openPostgresDSN(t)
	return s
}

// openPostgresDSN is openPostgres that also returns the new database's URL.
func openPostgresDSN(t testing.TB) (*graph.Store, string) {
	dsn := graphtest.PostgresDB(t)
	return openStore(t, dsn), dsn
}

func TestOpenBadDSN(t *testing.T) {
	for _, dsn := range []string{"", "mysql://localhost/x", "http://example.com"} {
		if s, err := graph.Open(context.Background(), dsn); !errors.Is(err, graph.ErrBadDSN) {
			if s != nil {
				s.Close()
			}
			t.Errorf("Open(%q) error = %v, want ErrBadDSN", dsn, err)
		}
	}
	file := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Open(context.Background(), file); !errors.Is(err, graph.ErrBadDSN) {
		t.Errorf("Open(regular file) error = %v, want ErrBadDSN", err)
	}
}

func TestOpenRedactsPassword(t *testing.T) {
	// Nothing listens on port 1: the error must name the DSN without its password.
	_, err := graph.Open(context.Background(), "postgres://user:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=1")
	if err == nil {
		t.Fatal("Open on a closed port: no error")
	}
	if msg := err.Error(); contains(msg, "secret") || !contains(msg, "127.0.0.1:1") {
		t.Errorf("error %q: want the DSN without its password", msg)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestBackend(t *testing.T) {
	if got := openMem(t).Backend(); got != graph.BackendMemory {
		t.Errorf("mem: Backend() = %q, want %q", got, graph.BackendMemory)
	}
	if got := openBolt(t).Backend(); got != graph.BackendBolt {
		t.Errorf("bolt Backend() = %q, want %q", got, graph.BackendBolt)
	}
}

// TestBoltReopen checks that a bolt store keeps its articles across Open.
func TestBoltReopen(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "claimgraph.db")
	s, err := graph.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	w := s.NewWriter(ctx, graph.WriterOptions{})
	a := graphtest.Article(1, "v1", 2)
	if _, err := w.WriteQuads(a); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dsn)
	got, err := s.ArticleQuads(ctx, graphtest.ArticleIRI(1))
	if err != nil || len(got) != len(a) {
		t.Fatalf("ArticleQuads after reopen: %d quads, %v; want %d", len(got), err, len(a))
	}
}

// TestOpenExisting checks that OpenExisting never creates a bolt store: a
// missing path, or a directory holding no store, fails with ErrNoStore and is
// left as it was; a store Open created opens.
func TestOpenExisting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	if s, err := graph.OpenExisting(ctx, missing); !errors.Is(err, graph.ErrNoStore) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("OpenExisting(missing) error = %v, want ErrNoStore", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("OpenExisting(missing) left something at %s (stat: %v)", missing, err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.OpenExisting(ctx, empty); !errors.Is(err, graph.ErrNoStore) {
		t.Errorf("OpenExisting(empty directory) error = %v, want ErrNoStore", err)
	}
	if ents, _ := os.ReadDir(empty); len(ents) != 0 {
		t.Errorf("OpenExisting(empty directory) wrote %d files into it", len(ents))
	}
	made := filepath.Join(dir, "made.db")
	s, err := graph.Open(ctx, made)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = graph.OpenExisting(ctx, made)
	if err != nil {
		t.Fatalf("OpenExisting(a store Open made): %v", err)
	}
	s.Close()
	if s, err = graph.OpenExisting(ctx, "mem:"); err != nil {
		t.Fatalf("OpenExisting(mem:): %v", err)
	}
	s.Close()
}
