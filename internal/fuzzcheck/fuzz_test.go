// Package fuzzcheck runs every fuzz target of the module for a while as
// part of 'go test ./...', so that CI fuzzes and does not only replay the
// seeds; it holds no code but this test.
package fuzzcheck

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// defaultFuzzTime is how long each target runs unless CLAIMGRAPH_FUZZTIME
// says otherwise (a Go duration; 0 skips fuzzing).
const defaultFuzzTime = 10 * time.Second

var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)

// target is a fuzz function and the package directory that holds it,
// relative to the module root.
type target struct{ dir, name string }

// targets finds every fuzz target under root.
func targets(t *testing.T, root string) []target {
	var out []target
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		for _, m := range fuzzFunc.FindAllSubmatch(b, -1) {
			out = append(out, target{dir: "./" + filepath.ToSlash(rel), name: string(m[1])})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFuzzTargets runs each fuzz target of the module with 'go test -fuzz'
// for CLAIMGRAPH_FUZZTIME (default 10 s; 0 skips; -short skips). An input
// that fails is written by Go under the target's testdata/fuzz directory:
// once the bug is fixed, commit it, and every 'go test' replays it.
func TestFuzzTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: fuzz targets not run")
	}
	d := defaultFuzzTime
	if s := os.Getenv("CLAIMGRAPH_FUZZTIME"); s != "" {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			t.Fatalf("CLAIMGRAPH_FUZZTIME=%q: %v", s, err)
		}
	}
	if d <= 0 {
		t.Skip("CLAIMGRAPH_FUZZTIME=0: fuzz targets not run")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to fuzz with: %v", err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	ts := targets(t, root)
	if len(ts) < 10 {
		t.Fatalf("found %d fuzz targets under %s, want the 10 or more the module has", len(ts), root)
	}
	for _, tg := range ts {
		t.Run(strings.TrimPrefix(tg.dir, "./")+"/"+tg.name, func(t *testing.T) {
			run := func() ([]byte, error) {
				cmd := exec.Command(gobin, "test", "-run", "^$", "-fuzz", "^"+tg.name+"$", "-fuzztime", d.String(), tg.dir)
				cmd.Dir = root
				return cmd.CombinedOutput()
			}
			out, err := run()
			if err != nil && engineStall(out) {
				// Go's fuzzing coordinator can give up on a busy worker at
				// the end of -fuzztime ("context deadline exceeded") with
				// no input failing: run once more, and fail if it does again
				t.Logf("go test -fuzz %s %s: the fuzzing engine stalled with no failing input; running it again:\n%s", tg.name, tg.dir, out)
				out, err = run()
			}
			if err != nil {
				t.Errorf("go test -fuzz %s %s: %v\n%s\nThe failing input is under %s/testdata/fuzz/%s: fix the bug, then commit it as a seed.",
					tg.name, tg.dir, err, out, tg.dir, tg.name)
			}
		})
	}
}

// engineStall reports whether a failed fuzzing run's output is Go's
// coordinator timing out ("context deadline exceeded") without writing a
// failing input ("Failing input written to ...").
func engineStall(out []byte) bool {
	return bytes.Contains(out, []byte("context deadline exceeded")) && !bytes.Contains(out, []byte("Failing input written to"))
}
