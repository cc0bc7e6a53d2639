// Package cores runs independent work on every core: the unpacking of a
// batch of articles read back (graph) and the weighing of a batch of
// candidate pairs (linking). It stands on the standard library alone.
package cores

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i below n, on as many goroutines as the
// process has cores (GOMAXPROCS), each taking the next i as it is done with
// its last (the calls may take very different times), and returns when all
// have returned. fn must be safe to call concurrently; with one core, or
// one i, it is called on the caller's goroutine.
func Each(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
