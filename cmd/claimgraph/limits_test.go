package main

import (
	"github.com/claimgraph/claimgraph/internal/scripttest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGizmoRunawayStops: 'gizmo --timeout' stops each of issue 14's runaway
// scripts near its timeout (the guard refuses the oversized built-ins, the
// regexp match times out, the VM is interrupted) with an error, and the
// script's goroutine ends with the command.
func TestGizmoRunawayStops(t *testing.T) {
	if testing.Short() {
		t.Skip("runs runaway scripts to their limits")
	}
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "--db", db, "load", demoDir(t))
	for _, script := range []string{
		`while (true) { /^(a+)+\1$/.test("a".repeat(5000)+"!") }`,
		`var a = []; for (var i = 0; i < 1e6; i++) { a.push(1e6 - i) } while (true) { a.sort(function (x, y) { return x - y }) }`,
		`"x,".repeat(3e7).split(",").map(function (x) { return x + 1 })`,
		`var s = "x"; while (true) { s = s + s }`,
	} {
		before := scripttest.Goroutines()
		start := time.Now()
		_, stderr, err := run(t, "--db", db, "gizmo", "--timeout", "2s", "--max-memory", "128MB", "-e", script)
		took := time.Since(start)
		if err == nil {
			t.Errorf("%.40s: no error", script)
		}
		if took > 5*time.Second {
			t.Errorf("%.40s: stopped after %v, timeout 2s", script, took)
		}
		deadline := time.Now().Add(5 * time.Second)
		for scripttest.Goroutines() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := scripttest.Goroutines(); n > before {
			t.Errorf("%.40s: %d goroutines after the command, %d before: the script still runs", script, n, before)
		}
		t.Logf("%.40s: %v after %v %s", script, err, took.Round(time.Millisecond), strings.TrimSpace(stderr))
	}
}
