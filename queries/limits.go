package queries

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"time"
	"unsafe"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Bounds on what one script may build, besides its time (RunOptions.Timeout)
// and the process's heap (Watchdog). goja, Gizmo's JavaScript VM, checks for
// an interrupt between JavaScript instructions only, never inside a built-in
// written in Go: a built-in's work must therefore be bounded by its input.
// The guard (NewGuardedSession, Guard) enforces these bounds before every
// built-in that loops in Go, and GuardConcat before every concatenation.
const (
	// MaxArrayLength is the longest array (or array-like: its length
	// property) a built-in such as sort, fill, join, map, Array.from, apply
	// or a spread accepts.
	MaxArrayLength = 1 << 20
	// MaxStringLength is the longest string a built-in such as repeat,
	// padStart, split, replace, a regular expression or a string iterator
	// accepts or produces (in UTF-16 code units).
	MaxStringLength = 1 << 24
	// MatchTimeout bounds one regular expression match (goja runs
	// back-references and look-arounds with regexp2, which backtracks; set as
	// regexp2.DefaultMatchTimeout when this package is loaded). A match that
	// times out is no match.
	MatchTimeout = time.Second
)

func init() {
	// regexp2 checks the time every few steps of a match; with its default
	// ("forever") /^(a+)+\1$/ on 5,000 a's runs for centuries inside a
	// built-in that no interrupt reaches.
	regexp2.DefaultMatchTimeout = MatchTimeout
}

// ErrMemory is returned (wrapped) when the process's heap grew by more than
// Watchdog.MaxGrowth while the script ran. The script's VM has been interrupted.
var ErrMemory = errors.New("queries: script stopped at the memory ceiling")

// guardJS wraps, before any script runs, every built-in that loops in Go over
// its input, so that an input over MaxArrayLength or MaxStringLength throws a
// RangeError instead of occupying a core (or the heap) out of reach of the
// VM's interrupt. It also removes typed arrays and ArrayBuffer, which allocate
// in one step and which no Gizmo query needs. The originals stay in its
// closure only. It is one line once comments and line breaks are dropped
// (guardLine), so that line numbers in errors stay the script's own.
const guardJS = `
(function (G) {
	"use strict";
	var MA = MAX_ARRAY, MS = MAX_STRING;
	var rApply = Reflect.apply, def = Object.defineProperty, isArr = Array.isArray;
	var AP = Array.prototype, SP = String.prototype, RP = RegExp.prototype;
	function fail(what, n, max) {
		throw new RangeError(what + ": " + n + " is over the limit of " + max + " (claimgraph query limits)");
	}
	function lenOf(x) {
		if (typeof x === "string") { return x.length; }
		if ((typeof x === "object" || typeof x === "function") && x !== null) {
			var n = x.length;
			return typeof n === "number" ? n : 0;
		}
		return 0;
	}
	function arr(what, x) {
		var n = lenOf(x);
		if (n > MA) { fail(what + " length", n, MA); }
		return n;
	}
	function str(what, x) {
		if (typeof x === "string" && x.length > MS) { fail(what + " length", x.length, MS); }
		if (x instanceof String && x.length > MS) { fail(what + " length", x.length, MS); }
	}
	function wrap(o, name, check) {
		var f = o[name];
		if (typeof f !== "function") { return; }
		def(o, name, {value: function () { check(this, arguments); return rApply(f, this, arguments); }, writable: true, configurable: true, enumerable: false});
	}
	function sumJoin(a, sep) {
		var n = arr("array", a), total = 0, s = (sep === undefined ? 1 : String(sep).length);
		for (var i = 0; i < n; i++) {
			var v = a[i];
			total += s + (typeof v === "string" ? v.length : (isArr(v) ? lenOf(v) * 2 : 24));
			if (total > MS) { fail("joined string length", total, MS); }
		}
	}
	function flatCount(a, depth, level, c) {
		var n = arr("array", a);
		for (var i = 0; i < n; i++) {
			var v = a[i];
			if (isArr(v) && depth > 0 && level < 100) { flatCount(v, depth - 1, level + 1, c); } else { c.n++; }
			if (c.n > MA) { fail("flattened array length", c.n, MA); }
		}
		if (level >= 100 && depth > 0) { fail("flattened array depth", level, 100); }
	}
	function walk(v, depth, seen, budget) {
		if (typeof v === "string") { budget.n += v.length; }
		else if (typeof v === "object" && v !== null) {
			if (seen.indexOf(v) >= 0 || depth > 200) { return; }
			seen.push(v);
			if (isArr(v)) { var n = arr("array", v); budget.n += n; for (var i = 0; i < n; i++) { walk(v[i], depth + 1, seen, budget); } }
			else { var ks = Object.keys(v); budget.n += ks.length; for (var j = 0; j < ks.length; j++) { walk(v[ks[j]], depth + 1, seen, budget); } }
			seen.pop();
		} else { budget.n += 8; }
		if (budget.n > MS) { fail("size of the value", budget.n, MS); }
	}
	["concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex", "findLast", "findLastIndex",
	 "flat", "flatMap", "forEach", "includes", "indexOf", "join", "keys", "lastIndexOf", "map", "reduce",
	 "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice", "toLocaleString", "toReversed", "toSorted",
	 "toSpliced", "toString", "unshift", "values", "with"].forEach(function (name) {
		wrap(AP, name, function (self, args) {
			arr("array", self);
			if (name === "concat") {
				var t = lenOf(self);
				for (var i = 0; i < args.length; i++) { t += isArr(args[i]) ? lenOf(args[i]) : 1; }
				if (t > MA) { fail("concatenated array length", t, MA); }
			}
			if (name === "join" || name === "toString" || name === "toLocaleString") { sumJoin(self, args[0]); }
			if (name === "flat") { flatCount(self, args[0] === undefined ? 1 : Number(args[0]), 0, {n: 0}); }
			if (name === "flatMap") { flatCount(self, 1, 0, {n: 0}); }
		});
	});
	def(AP, Symbol.iterator, {value: AP.values, writable: true, configurable: true, enumerable: false});
	["from", "of"].forEach(function (name) { wrap(Array, name, function (self, args) { arr("Array." + name + " argument", args[0]); }); });
	["apply"].forEach(function (name) { wrap(Function.prototype, name, function (self, args) { arr("arguments list", args[1]); }); });
	["apply", "construct"].forEach(function (name) { wrap(Reflect, name, function (self, args) { arr("arguments list", args[name === "apply" ? 2 : 1]); }); });
	["stringify"].forEach(function (name) { wrap(JSON, name, function (self, args) { walk(args[0], 0, [], {n: 0}); }); });
	wrap(JSON, "parse", function (self, args) { if (typeof args[0] === "string") { arr("JSON text", args[0]); } });
	["assign", "keys", "values", "entries", "getOwnPropertyNames", "fromEntries"].forEach(function (name) {
		wrap(Object, name, function (self, args) { for (var i = 0; i < args.length; i++) { if (typeof args[i] === "string") { arr("string argument", args[i]); } } if (name === "fromEntries") { arr("entries", args[0]); } });
	});
	["concat", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll", "split"].forEach(function (name) {
		var f = SP[name];
		if (typeof f !== "function") { return; }
		def(SP, name, {value: function () {
			var s = String(this), a = arguments;
			if (s.length > MS) { fail("string length", s.length, MS); }
			if (name === "repeat" && s.length * Math.max(0, Number(a[0]) || 0) > MS) { fail("repeated string length", s.length * Number(a[0]), MS); }
			if ((name === "padStart" || name === "padEnd") && Number(a[0]) > MS) { fail("padded string length", Number(a[0]), MS); }
			if ((name === "match" || name === "matchAll") && s.length > MA && a[0] instanceof RegExp && a[0].global) { fail("string length for a global match", s.length, MA); }
			if (name === "concat") { var t = s.length; for (var i = 0; i < a.length; i++) { t += String(a[i]).length; } if (t > MS) { fail("concatenated string length", t, MS); } }
			if ((name === "replace" || name === "replaceAll") && typeof a[1] === "string" && s.length * (a[1].length + 1) > MS) { fail("replaced string length (at most)", s.length * (a[1].length + 1), MS); }
			if (name === "split") {
				var lim = a[1] === undefined ? MA + 1 : Math.min(a[1] >>> 0, MA + 1);
				var out = rApply(f, this, [a[0], lim]);
				if (out.length > MA) { fail("split array length", out.length, MA); }
				return out;
			}
			return rApply(f, this, a);
		}, writable: true, configurable: true, enumerable: false});
	});
	wrap(SP, Symbol.iterator, function (self) { str("string", String(self)); });
	[Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.search, Symbol.split, "exec", "test"].forEach(function (name) {
		wrap(RP, name, function (self, args) { str("string", args[0]); });
	});
	["fromCharCode", "fromCodePoint", "raw"].forEach(function (name) { wrap(String, name, function (self, args) { arr("arguments list", args); }); });
	function isObj(v) { return (typeof v === "object" && v !== null) || typeof v === "function"; }
	function prim(v) {
		var f = v[Symbol.toPrimitive];
		if (f !== undefined && f !== null) {
			var r = rApply(f, v, ["default"]);
			if (isObj(r)) { throw new TypeError("Cannot convert object to primitive value"); }
			return r;
		}
		var order = v instanceof Date ? ["toString", "valueOf"] : ["valueOf", "toString"];
		for (var i = 0; i < 2; i++) {
			var m = v[order[i]];
			if (typeof m === "function") { var x = rApply(m, v, []); if (!isObj(x)) { return x; } }
		}
		throw new TypeError("Cannot convert object to primitive value");
	}
	def(G, "__cg_o", {value: function (a, b, c) {
		if (c === undefined) {
			if (isObj(a)) { a = prim(a); }
			if (typeof a === "string" && a.length > MS / b) { fail("string operand length", a.length, Math.floor(MS / b)); }
			return a;
		}
		if (isObj(b)) { b = prim(b); }
		var n = (typeof a === "string" ? a.length : 24) + (typeof b === "string" ? b.length : 24);
		if ((typeof a === "string" || typeof b === "string") && n > MS) { fail("concatenated string length", n, MS); }
		return b;
	}, writable: false, configurable: false, enumerable: false});
	var thrower = function () { throw new EvalError("eval and the Function constructor are not available (claimgraph query limits)"); };
	def(G, "eval", {value: thrower, writable: false, configurable: false, enumerable: false});
	def(G, "Function", {value: thrower, writable: false, configurable: false, enumerable: false});
	[function () {}, function* () {}, async function () {}].forEach(function (f) {
		try { def(Object.getPrototypeOf(f), "constructor", {value: thrower, writable: false, configurable: false, enumerable: false}); } catch (e) {}
	});
	["ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	 "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"].forEach(function (name) { delete G[name]; });
})(this);
`

// guardLine is guardJS on one line, with the limits filled in.
var guardLine = func() string {
	s := strings.NewReplacer("MAX_ARRAY", fmt.Sprint(MaxArrayLength), "MAX_STRING", fmt.Sprint(MaxStringLength)).Replace(guardJS)
	return strings.TrimSpace(regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(s, " ")) + " "
}()

// Guard returns script with the guard against runaway built-ins (see
// MaxArrayLength, MaxStringLength) prepended on its first line, so that line
// numbers in errors stay the script's own; columns on line 1 shift. Run,
// RunJSONL and RunGizmo guard every script themselves, faster (the guard is
// compiled once: NewGuardedSession); Guard is for a VM this package does not
// create, such as one of stock Cayley's sessions.
//
// The script's concatenations are bounded too (see boundConcat); a script
// that uses a name reserved for that, or a with statement, is replaced by
// one that throws the reason.
func Guard(script string) string {
	return guardLine + GuardConcat(script)
}

// A Watchdog stops scripts when the process's heap grows by more than
// MaxGrowth while they run: it notes the live heap when a script starts with
// no other running, reads it every Period while any runs, and when it is over
// that base plus MaxGrowth even after a garbage collection, it ends the
// context of every script it watches with ErrMemory, which interrupts their
// VMs. The heap is the whole process's, so every script running then is
// stopped, not only the one that grew it. The growth, not the heap, is
// bounded so that the bound means the same on a large store as on a small
// one. A Watchdog is safe for concurrent use; its zero value has no bound.
type Watchdog struct {
	// MaxGrowth is the most the heap's objects may grow, in bytes, over
	// their size when the first of the running scripts started; 0 means no bound.
	MaxGrowth uint64
	// Period is how often the heap is read; 0 means 5ms.
	Period time.Duration

	mu      sync.Mutex
	running map[*watched]struct{}
	stop    chan struct{}
	limit   uint64 // base + MaxGrowth, set when the first script starts
}

type watched struct{ cancel context.CancelCauseFunc }

// Watch returns a context that ends, with cause ErrMemory, when the heap is
// over the ceiling, and a function that stops watching it (call it when the
// script has ended). With no ceiling it returns ctx itself.
func (w *Watchdog) Watch(ctx context.Context) (context.Context, func()) {
	if w == nil || w.MaxGrowth == 0 {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	x := &watched{cancel: cancel}
	w.mu.Lock()
	if w.running == nil {
		w.running = make(map[*watched]struct{})
	}
	w.running[x] = struct{}{}
	if w.stop == nil {
		w.stop = make(chan struct{})
		w.limit = heapLive() + w.MaxGrowth
		go w.loop(w.stop, w.limit)
	}
	w.mu.Unlock()
	return ctx, func() {
		w.mu.Lock()
		delete(w.running, x)
		if len(w.running) == 0 && w.stop != nil {
			close(w.stop)
			w.stop = nil
		}
		w.mu.Unlock()
		cancel(nil)
	}
}

// heapObjects is the size of the heap's objects, live or not yet swept.
func heapObjects() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// heapLive is the live heap as of the last garbage collection: the base,
// which garbage left by earlier scripts must not inflate.
func heapLive() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return heapObjects()
	}
	return sample[0].Value.Uint64()
}

func (w *Watchdog) loop(stop chan struct{}, limit uint64) {
	period := w.Period
	if period <= 0 {
		period = 5 * time.Millisecond
	}
	t := time.NewTicker(period)
	defer t.Stop()
	heap := heapObjects
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if h := heap(); h <= limit {
			continue
		} else if h <= limit+w.MaxGrowth {
			// dead objects count until swept: collect before judging, unless
			// the heap is so far over that the next step must not come
			runtime.GC()
			if heap() <= limit {
				continue
			}
		}
		w.mu.Lock()
		for x := range w.running {
			x.cancel(fmt.Errorf("%w: the heap grew by more than %d MiB", ErrMemory, w.MaxGrowth>>20))
		}
		w.mu.Unlock()
	}
}

// guardProgram is guardJS compiled once, for sessions whose VM NewGuardedSession reaches.
var guardProgram = goja.MustCompile("guard.js", guardLine, false)

// NewGuardedSession returns a Gizmo session whose VM has already run the
// guard against runaway built-ins, compiled once rather than with every
// script: a script run in it needs only its concatenations bounded
// (GuardConcat). Cayley keeps the session's VM unexported; it is reached
// through reflection, which TestGuardedSession checks against the Cayley
// version in go.mod.
func NewGuardedSession(qs cgraph.QuadStore) (*gizmo.Session, error) {
	ses := gizmo.NewSession(qs)
	f := reflect.ValueOf(ses).Elem().FieldByName("vm")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*goja.Runtime)(nil)) {
		return nil, errors.New("queries: gizmo.Session has no vm *goja.Runtime field (a Cayley other than v0.7.7?)")
	}
	vm := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*goja.Runtime)
	if _, err := vm.RunProgram(guardProgram); err != nil {
		return nil, fmt.Errorf("queries: guard: %w", err)
	}
	return ses, nil
}

// GuardConcat returns script with its concatenations bounded (boundConcat),
// for a session from NewGuardedSession; a script the bound refuses becomes
// one that throws the reason.
func GuardConcat(script string) string {
	bounded, err := boundConcat(script)
	if err != nil {
		js, _ := json.Marshal(err.Error())
		return "throw new SyntaxError(" + string(js) + ");"
	}
	return bounded
}

// RunGizmo runs a stock Gizmo script as Cayley's /api/v2/query handler does
// (no prefixes, no parameters, no library) and returns its results rendered
// as that handler renders them: Cayley's JSON collation, or JSON-LD when
// jsonLD is set, the script's completion value included. Unlike Cayley's
// handler, it runs the script behind the guard (NewGuardedSession,
// GuardConcat) and stops it at opt.Timeout and opt.Watchdog's bound. Like
// Cayley's handler, it returns the first opt.Limit results (DefaultLimit
// when zero) without an error when there are more.
//
// Errors: as Run's, ErrLimit aside.
func RunGizmo(ctx context.Context, qs cgraph.QuadStore, script string, opt RunOptions, jsonLD bool) ([]interface{}, error) {
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	ctx, unwatch := opt.Watchdog.Watch(ctx)
	defer unwatch()
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, opt.Timeout, ErrTimeout)
		defer cancel()
	}
	ses, err := NewGuardedSession(qs)
	if err != nil {
		return nil, err
	}
	col := query.JSON
	if jsonLD {
		col = query.JSONLD
	}
	it, err := ses.Execute(ctx, GuardConcat(script), query.Options{Collation: col, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("queries: script: %w", err)
	}
	defer it.Close()
	var out []interface{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil {
		if ctx.Err() != nil {
			if cause := context.Cause(ctx); !errors.Is(cause, ErrTimeout) {
				return nil, cause
			}
			return nil, fmt.Errorf("%w after %v", ErrTimeout, opt.Timeout)
		}
		return nil, fmt.Errorf("queries: script: %w", err)
	}
	return out, nil
}
