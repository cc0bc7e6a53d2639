package cores

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestEach checks that Each calls fn once for every index, on one core and
// on several.
func TestEach(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 1000} {
			calls := make([]int32, n)
			Each(n, func(i int) { atomic.AddInt32(&calls[i], 1) })
			for i, c := range calls {
				if c != 1 {
					t.Fatalf("GOMAXPROCS %d, n = %d: fn(%d) called %d times, want once", procs, n, i, c)
				}
			}
		}
	}
}
