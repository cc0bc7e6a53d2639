package graph

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestBoltLocked opens a bolt store twice: the second Open (another process,
// as far as bolt's file lock can tell) fails with ErrLocked instead of
// waiting forever, and succeeds once the first is closed.
func TestBoltLocked(t *testing.T) {
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 200 * time.Millisecond
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "cg.db")
	first, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := openLocked(dsn); err != nil {
		t.Fatalf("second Open: %v", err)
	}
	first.Close()
	again, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

// openLocked opens the store at dsn, as another process would, and says
// what is wrong unless it fails with ErrLocked.
func openLocked(dsn string) error {
	s, err := Open(context.Background(), dsn)
	if errors.Is(err, ErrLocked) {
		return nil
	}
	if err == nil {
		s.Close()
		return errors.New("opened, want ErrLocked")
	}
	return fmt.Errorf("%w, want ErrLocked", err)
}

// TestNoSync: a bolt store opened with NoSync commits without flushing and
// is flushed when closed; what was written is there when it is opened
// again without it, and that store flushes every commit again.
func TestNoSync(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "cg.db")
	label := quad.IRI("urn:test:a")
	qs := []quad.Quad{
		quad.Make(quad.IRI("urn:test:s"), quad.IRI("urn:test:p"), quad.String("one"), label),
		quad.Make(quad.IRI("urn:test:s"), quad.IRI("urn:test:p"), quad.String("two"), label),
	}
	var written int64 // by the first store, read by the second
	for _, c := range []struct {
		opts []OpenOption
		want bool
	}{{[]OpenOption{NoSync()}, true}, {nil, false}} {
		s, err := Open(ctx, dsn, c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if db := s.ordered.db; db.NoSync != c.want || db.NoGrowSync != c.want {
			t.Errorf("opened with %d options: NoSync %v, NoGrowSync %v, want %v", len(c.opts), db.NoSync, db.NoGrowSync, c.want)
		}
		if c.want {
			w := s.NewWriter(ctx, WriterOptions{})
			if _, err := w.WriteQuads(qs); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.want {
			written = st.Quads
			if written < int64(len(qs)) {
				t.Fatalf("%d quads written, want %d or more (the Writer's index)", written, len(qs))
			}
		} else if st.Quads != written {
			t.Errorf("reopened: %d quads, want %d", st.Quads, written)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReopen closes and opens a bolt store's database again: what was
// written is there after, it can be written again, and no other opener
// takes the store while its database is closed.
func TestReopen(t *testing.T) {
	defer func(w time.Duration, h func()) { lockWait, testHookReopen = w, h }(lockWait, testHookReopen)
	lockWait = 100 * time.Millisecond
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "cg.db")
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	write := func(obj string) {
		t.Helper()
		w := s.NewWriter(ctx, WriterOptions{})
		q := quad.Make(quad.IRI("urn:test:s"), quad.IRI("urn:test:p"), quad.String(obj), quad.IRI("urn:test:"+obj))
		if _, err := w.WriteQuads([]quad.Quad{q}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	quads := func() int64 {
		t.Helper()
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.Quads
	}
	write("one")
	before := quads()
	var tried int
	testHookReopen = func() {
		tried++
		if err := openLocked(dsn); err != nil {
			t.Errorf("Open while the store reopens: %v", err)
		}
	}
	db := s.ordered.db
	if err := s.Reopen(); err != nil {
		t.Fatal(err)
	}
	if tried != 1 || s.ordered.db == db {
		t.Fatalf("Reopen left the database open (hook run %d times)", tried)
	}
	if got := quads(); got != before {
		t.Errorf("after Reopen: %d quads, want %d", got, before)
	}
	write("two")
	if got := quads(); got <= before {
		t.Errorf("written after Reopen: %d quads, want more than %d", got, before)
	}
	if err := openLocked(dsn); err != nil {
		t.Fatalf("Open after Reopen: %v", err)
	}
}
