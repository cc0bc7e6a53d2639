package queries

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/claimgraph/claimgraph/internal/scripttest"
	"github.com/claimgraph/claimgraph/schema"
)

// Runaway are scripts that keep a core or the heap inside goja's built-ins,
// where no interrupt reaches, unless the guard bounds their inputs (issue 14
// item 1). Each must stop within the run's timeout and a little more.
var Runaway = map[string]string{
	"regexp backtracking":   `/^(a+)+\1$/.test("a".repeat(5000)+"!")`,
	"regexp in a loop":      `var r = /^(a+)+\1$/, s = "a".repeat(5000)+"!"; while (true) { r.test(s) }`,
	"comparator sort":       `var a = []; for (var i = 0; i < 1e6; i++) { a.push(1e6 - i) } while (true) { a.sort(function (x, y) { return x - y }) }`,
	"split map":             `"x,".repeat(3e7).split(",").map(function (x) { return x + 1 })`,
	"split of a big string": `var s = "x"; for (var i = 0; i < 30; i++) { s = s + s } s.split("")`,
	"string doubling":       `var s = "x"; while (true) { s = s + s }`,
	"fill":                  `Array(3e7).fill(1).sort()`,
	"sparse fill":           `var a = []; a.length = 4e9; a.fill(0)`,
	"sparse spread":         `var a = []; a.length = 4e9; [...a]`,
	"sparse apply":          `var a = []; a.length = 4e9; Math.max.apply(null, a)`,
	"sparse map":            `var a = []; a.length = 4e9; a.map(function (x) { return x })`,
	"sparse stringify":      `var a = []; a.length = 4e9; JSON.stringify(a)`,
	"sparse set":            `var a = []; a.length = 4e9; new Set(a)`,
	"self flat":             `var a = [1]; a.push(a); a.flat(Infinity)`,
	"concat doubling":       `var a = [1]; while (true) { a = a.concat(a) }`,
	"join doubling":         `var a = ["x"]; while (true) { a = [a.join(a.join())] }`,
	"typed array":           `new Float64Array(2e9)`,
	"array growth":          `var a = []; while (true) { a.push({x: a.length}) }`,
	"deep recursion":        `function f(n) { return [f(n + 1)] } f(0)`,
	"paren doubling":        `var s = "x"; while (true) { s = ((1) ? s : s) + ((1) ? s : s) }`,
	"object doubling":       `var s = "x", o = {toString: function () { return s }}; while (true) { s = o + o }`,
	"template doubling":     "var s = 'x'; while (true) { s = `${s}${s}` }",
	"+= doubling":           `var s = "x"; while (true) { s += s }`,
	"member += doubling":    `var o = {s: "x"}; while (true) { o.s += o.s }`,
	"caught doubling":       `var s = "x"; while (true) { try { s = s + s } catch (e) {} }`,
	"concat doubling str":   `var s = "x"; while (true) { s = s.concat(s) }`,
	"eval doubling":         `eval('var s = "x"; while (true) { s = s + s }')`,
	"big JSON":              `JSON.parse("[" + "1,".repeat(8e6) + "1]")`,
	"Function doubling":     `(function () {}).constructor('var s = "x"; while (true) { s = s + s }')()`,
}

// TestConcatBounded: no concatenation builds a string over MaxStringLength
// (twice, transiently): s = s + s stops with a RangeError at once instead of
// copying ever longer strings, and ordinary + keeps its meaning.
func TestConcatBounded(t *testing.T) {
	qs := testStore(t)
	for _, script := range []string{
		`var s = "x"; while (true) { s = s + s }`,
		Runaway["paren doubling"], Runaway["object doubling"], Runaway["template doubling"], Runaway["+= doubling"], Runaway["member += doubling"],
	} {
		start := time.Now()
		_, err := Run(context.Background(), qs, script, RunOptions{Timeout: 20 * time.Second})
		if err == nil || !strings.Contains(err.Error(), "RangeError") || time.Since(start) > 2*time.Second {
			t.Errorf("%s: %v after %v, want a RangeError at once", script, err, time.Since(start))
		}
	}
	for _, c := range []struct{ script, want string }{
		{`1 + 2`, "3"},
		{`var a = 1, b = "2"; a + b`, "12"},
		{`[1] + [2]`, "12"},
		{`var o = {valueOf: function () { return 5 }}; o + 1`, "6"},
		{`var p = {toString: function () { return "p" }}, q = p; p + q`, "pp"},
		{`var d = new Date(0); typeof (d + d)`, "string"},
		{`var t = {}; t[Symbol.toPrimitive] = function (h) { return h }; t + t`, "defaultdefault"},
		{"var x = 2; `${x + x}/${(x)} ( ${x}`", "4/2 ( 2"},
		{`var s = "a"; s += s; s += "b"; var o = {v: "c"}; o.v += o.v; var a = ["d"]; a[0] += a[0]; s + o.v + a[0]`, "aabccdd"},
		{`/* ( */ var r = /\(/; var u = "é(" ; (u) + ("ü)" + u) // )`, "é(ü)é("},
		{`var f = function (a, b) { return (a) ? b + a : (b) + a }; f("1", "2") + f(0, 3)`, "213"},
		{`var n = 0; var h = function () { n++; return "h" }; h() + h() + n`, "hh2"},
	} {
		got, err := runExpr(qs, c.script)
		if err != nil || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.script, got, err, c.want)
		}
	}
	for _, script := range []string{`var __cg_o = function (x) { return x }`, `with ({}) { 1 }`, `eval("1")`, `(function () {}).constructor("return 1")()`, `Function("return 1")()`} {
		if _, err := Run(context.Background(), qs, script, RunOptions{}); err == nil {
			t.Errorf("%s: no error", script)
		}
	}
}

// runExpr runs statements whose last one is an expression and returns that
// expression's value as a string, through g.Emit.
func runExpr(qs cgraph.QuadStore, script string) (string, error) {
	i := strings.LastIndex(script, ";")
	body, last := "", script
	if i >= 0 {
		body, last = script[:i+1], script[i+1:]
	}
	if j := strings.Index(last, "//"); j >= 0 {
		last = last[:j]
	}
	res, err := Run(context.Background(), qs, body+" g.Emit(String("+last+"))", RunOptions{})
	if err != nil {
		return "", err
	}
	if len(res) != 1 {
		return "", fmt.Errorf("%d results", len(res))
	}
	return fmt.Sprint(res[0]), nil
}

func TestRunawayScriptsStop(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every runaway script to its limit")
	}
	qs := testStore(t)
	dog := &Watchdog{MaxGrowth: 256 << 20}
	const timeout = 2 * time.Second
	var peak atomic.Uint64
	stopSampling := scripttest.SampleHeap(&peak)
	defer stopSampling()
	for name, script := range Runaway {
		t.Run(name, func(t *testing.T) {
			before := scripttest.Goroutines()
			start := time.Now()
			_, err := Run(context.Background(), qs, script, RunOptions{Timeout: timeout, Watchdog: dog})
			took := time.Since(start)
			if err == nil && name != "regexp backtracking" { // a match that times out is no match
				t.Fatalf("no error")
			}
			// One string concatenation is not interruptible: its length is
			// bounded by the heap ceiling, its time (a 128M-character s+s takes
			// goja 2.4 s) by that length.
			if took > timeout+2*time.Second {
				t.Errorf("returned after %v (timeout %v): %v", took, timeout, err)
			}
			// the VM's goroutine must end too, not only the call
			deadline := time.Now().Add(3 * time.Second)
			for scripttest.Goroutines() > before && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if n := scripttest.Goroutines(); n > before {
				t.Errorf("%d goroutines still running 3 s after the run returned (%d before): the VM did not stop", n, before)
			}
			t.Logf("%v after %v", err, took.Round(time.Millisecond))
		})
	}
	if p := peak.Load(); p > 2<<30 {
		t.Errorf("heap peaked at %d MiB with a growth bound of 256 MiB", p>>20)
	}
	t.Logf("heap peak %d MiB", peak.Load()>>20)
}

func TestGuardKeepsScriptsWorking(t *testing.T) {
	qs := testStore(t)
	script := `var a = [3, 1, 2]; a.sort(); var s = "a,b".split(","); ` +
		`g.Emit({sorted: a.join("-"), split: s.length, rep: "ab".repeat(2), flat: [[1], [2, [3]]].flat(Infinity).length, ` +
		`json: JSON.stringify({x: [1, 2]}), spread: [...[1, 2], ..."ab"].length, re: /^(a+)\1$/.test("aaaa"), max: Math.max.apply(null, [1, 5])})`
	res, err := Run(context.Background(), qs, script, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := res[0].(map[string]interface{})
	want := map[string]interface{}{"sorted": "1-2-3", "split": int64(2), "rep": "abab", "flat": int64(3), "json": `{"x":[1,2]}`, "spread": int64(4), "re": true, "max": int64(5)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	// the limits' error says which
	_, err = Run(context.Background(), qs, `"ab".repeat(1e8)`, RunOptions{})
	if err == nil || !strings.Contains(err.Error(), "RangeError") || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("repeat over the limit: %v", err)
	}
	// line numbers stay the script's own
	_, err = Run(context.Background(), qs, "var x = 1;\nnull.y", RunOptions{})
	if err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("error of line 2: %v", err)
	}
}

func TestWatchdogStopsAtCeiling(t *testing.T) {
	qs := testStore(t)
	dog := &Watchdog{MaxGrowth: 128 << 20}
	_, err := Run(context.Background(), qs, `var a = []; while (true) { a.push("x".repeat(100000) + a.length) }`, RunOptions{Timeout: time.Minute, Watchdog: dog})
	if !errors.Is(err, ErrMemory) {
		t.Fatalf("err = %v, want ErrMemory", err)
	}
	// no ceiling, no watching
	ctx, done := (&Watchdog{}).Watch(context.Background())
	done()
	if ctx != context.Background() {
		t.Error("a Watchdog without a ceiling wrapped the context")
	}
}

// TestGuardedSession: the guard reaches the VM of Cayley's session (through
// reflection: a Cayley whose Session has no vm field fails here), and
// RunGizmo renders what Cayley's own handler renders for the same script.
func TestGuardedSession(t *testing.T) {
	qs := testStore(t)
	ses, err := NewGuardedSession(qs)
	if err != nil {
		t.Fatal(err)
	}
	it, err := ses.Execute(context.Background(), `"ab".repeat(1e8)`, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatal(err)
	}
	for it.Next(context.Background()) {
	}
	if err := it.Err(); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("guarded session ran repeat over the limit: %v", err)
	}
	it.Close()

	script := `g.V("` + nt(claim1) + `").Out("` + nt(schema.HasFigure) + `").Tag("f").Out("` + nt(schema.Min) + `").All(); 7`
	for _, ld := range []bool{false, true} {
		got, err := RunGizmo(context.Background(), qs, script, RunOptions{}, ld)
		if err != nil {
			t.Fatal(err)
		}
		col := query.JSON
		if ld {
			col = query.JSONLD
		}
		it, err := gizmo.NewSession(qs).Execute(context.Background(), script, query.Options{Collation: col, Limit: DefaultLimit})
		if err != nil {
			t.Fatal(err)
		}
		var want []interface{}
		for it.Next(context.Background()) {
			want = append(want, it.Result())
		}
		it.Close()
		if !reflect.DeepEqual(got, want) || len(got) == 0 {
			t.Errorf("jsonLD %v: RunGizmo gave %#v, Cayley's session %#v", ld, got, want)
		}
	}
}

// TestParserPanicRefused: a script on which goja's parser panics
// ("var[...[0", found by fuzzing) is refused with an error; the process
// that runs it does not crash.
func TestParserPanicRefused(t *testing.T) {
	qs := testStore(t)
	_, err := Run(context.Background(), qs, "var[...[0", RunOptions{Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "goja's parser fails") {
		t.Errorf("got %v, want the script refused", err)
	}
}
