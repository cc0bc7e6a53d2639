package graph

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
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
	if s, err := Open(ctx, dsn); !errors.Is(err, ErrLocked) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	first.Close()
	again, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}
