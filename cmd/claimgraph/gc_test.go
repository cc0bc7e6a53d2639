package main

import (
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// gcPercent is the collector's setting (GOGC) as it stands.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestHeapTarget: --heap-target (CLAIMGRAPH_HEAP_TARGET) gives the target,
// 400MB unless told; off, or GOGC in the environment without the flag,
// gives none; a size that is not one, or one under 64MB, fails the
// command with the flag's name.
func TestHeapTarget(t *testing.T) {
	target := func(env map[string]string, args ...string) (int64, error) {
		for k, v := range env {
			t.Setenv(k, v)
		}
		var n int64
		var err error
		app := newApp()
		app.Before, app.After = nil, nil
		app.Commands = []*cli.Command{{Name: "x", Action: func(c *cli.Context) error { n, err = heapTarget(c); return nil }}}
		if runErr := app.Run(append(append([]string{"claimgraph"}, args...), "x")); runErr != nil {
			t.Fatal(runErr)
		}
		return n, err
	}
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want int64
	}{
		{nil, nil, 400 << 20},
		{nil, []string{"--heap-target", "1GB"}, 1 << 30},
		{nil, []string{"--heap-target", "off"}, 0},
		{map[string]string{"CLAIMGRAPH_HEAP_TARGET": "300MB"}, nil, 300 << 20},
		{map[string]string{"CLAIMGRAPH_HEAP_TARGET": ""}, nil, 400 << 20}, // set empty: the default
		{map[string]string{"GOGC": "130"}, nil, 0},
		{map[string]string{"GOGC": "130", "CLAIMGRAPH_HEAP_TARGET": ""}, nil, 0},
		{map[string]string{"GOGC": "130"}, []string{"--heap-target", "1GB"}, 1 << 30},
		{map[string]string{"GOGC": "130", "CLAIMGRAPH_HEAP_TARGET": "1GB"}, nil, 1 << 30},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if got, err := target(tt.env, tt.args...); err != nil || got != tt.want {
				t.Errorf("env %v, %v: %d, %v; want %d", tt.env, tt.args, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"lots", "2", "10MB"} {
		if _, err := target(nil, "--heap-target", bad); err == nil || !strings.Contains(err.Error(), "--heap-target") {
			t.Errorf("--heap-target %s: %v, want an error naming the flag", bad, err)
		}
		if _, _, err := run(t, "--heap-target", bad, "--db", "mem:", "stats"); err == nil || !strings.Contains(err.Error(), "--heap-target") {
			t.Errorf("claimgraph --heap-target %s stats: %v, want an error naming the flag", bad, err)
		}
	}
}

// TestHeapTargetTunes: the tuner sets GOGC after each collection (from
// the finalizer goroutine, so it is waited for) from what the heap in use
// leaves to the target: its least, minGCPercent, with 160 MB held live
// against a target of 64MB, its most, 500, against 64GB. The default target is put
// back after.
func TestHeapTargetTunes(t *testing.T) {
	t.Cleanup(func() { mustRun(t, "--db", "mem:", "stats") })
	settles := func(want int) int {
		for deadline := time.Now().Add(5 * time.Second); gcPercent() != want && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			runtime.GC()
		}
		return gcPercent()
	}
	held := make([]byte, 160<<20)
	for i := range held {
		held[i] = byte(i)
	}
	mustRun(t, "--heap-target", "64MB", "--db", "mem:", "stats")
	if got := settles(minGCPercent); got != minGCPercent {
		t.Errorf("--heap-target 64MB, 160 MB live: GOGC %d, want %d", got, minGCPercent)
	}
	mustRun(t, "--heap-target", "64GB", "--db", "mem:", "stats")
	if got := settles(500); got != 500 {
		t.Errorf("--heap-target 64GB: GOGC %d, want 500", got)
	}
	runtime.KeepAlive(held)
}
