package main

import (
	"os"

	"github.com/bytedance/gopkg/util/gctuner"
	"github.com/urfave/cli/v2"
)

// Go's collector lets the heap grow to twice what is live before it
// collects (GOGC=100), whatever that comes to. A load holds little live
// while it writes articles and the most while it links (about 270 MB at
// 10,000 articles, 0.9 GB at 100,000), so at Go's setting its peak was its
// link at twice what was live. --heap-target aims the heap at a size
// instead: gctuner (github.com/bytedance/gopkg/util/gctuner) sets GOGC
// after every collection to what the heap in use then leaves to the
// target, up to 500 while little is live (fewer collections than Go's
// setting) and down to minGCPercent once it nears or passes the target
// (the heap then grows at most a fifth again what is live, and never
// less, so the collector does not run without pause). docs/scale.md,
// seventeenth and twentieth sessions, measured it.

// minGCPercent is the least GOGC the tuner sets, once what is live nears
// or passes the target: 20, not gctuner's 50. A full link of 100,000
// articles, which holds 0.9 GB live, then peaks at 1.2 GB of private
// memory instead of 1.5 GB. Alone, the floor cost the link a quarter more
// time (the collector marks what is live two and a half times as often);
// the allocations cut with it pay that back, but not in the write of the
// link's output, where bbolt's pages are what is live: a 100k load takes
// 6 % more (docs/scale.md, twentieth session).
const minGCPercent = 20

// defaultHeapTarget is --heap-target's default.
const defaultHeapTarget = "400MB"

// heapTarget returns the target --heap-target (CLAIMGRAPH_HEAP_TARGET)
// gives, in bytes, or 0 for none: "off", or GOGC set in the environment
// and the flag not given (CLAIMGRAPH_HEAP_TARGET set empty is not given).
func heapTarget(c *cli.Context) (int64, error) {
	v := c.String("heap-target")
	if _, gogc := os.LookupEnv("GOGC"); gogc && (v == "" || !c.IsSet("heap-target")) || v == "off" {
		return 0, nil
	}
	if v == "" {
		v = defaultHeapTarget
	}
	n, err := flagSize("heap-target", v, "400MB, or off")
	if err != nil {
		return 0, err
	}
	return n, nil
}

// tuneGC applies --heap-target (heapTarget): it starts the tuner, or
// leaves the collector at GOGC's setting (or Go's default). A process runs
// one command, so a tuner once started is never stopped.
func tuneGC(c *cli.Context) error {
	n, err := heapTarget(c)
	if n > 0 {
		gctuner.SetMinGCPercent(minGCPercent)
		gctuner.Tuning(uint64(n))
	}
	return err
}
