// Package scripttest holds what the tests of the query limits share (in
// queries, server and cmd/claimgraph): counting the goroutines that still
// run a Gizmo script after its query answered, and sampling the heap while
// they run.
package scripttest

import (
	"runtime"
	"strings"
	"sync/atomic"
	"time"
)

// Goroutines counts the goroutines running a Gizmo script (goja's VM), the
// ones that must end with their query; background goroutines such as
// regexp2's timeout clock or an idle connection's do not count.
func Goroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "github.com/dop251/goja.") {
			count++
		}
	}
	return count
}

// SampleHeap records in peak the largest HeapAlloc seen every 10 ms until
// stop is called.
func SampleHeap(peak *atomic.Uint64) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-exited }
}
