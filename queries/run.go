package queries

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"

	_ "github.com/claimgraph/claimgraph/schema" // registers cg:, cgid:, schema:, prov: with quad/voc
)

// DefaultLimit is the number of results a run returns when RunOptions.Limit is zero.
const DefaultLimit = 10000

var (
	// ErrTimeout is returned (wrapped) when a script runs longer than
	// RunOptions.Timeout. The script's VM has been interrupted.
	ErrTimeout = errors.New("queries: script timed out")
	// ErrLimit is returned (wrapped), together with the first Limit results,
	// when a script produces more than RunOptions.Limit results.
	ErrLimit = errors.New("queries: result limit reached")
)

// RunOptions says how to run a script. The zero value runs it with no
// timeout of its own, DefaultLimit results and no parameters.
type RunOptions struct {
	// Timeout bounds the run, script and store iteration together; 0 leaves
	// the bound to ctx.
	Timeout time.Duration
	// Limit is the most results returned; 0 means DefaultLimit.
	Limit int
	// Params is bound to the script's global `params`, encoded with json.Marshal.
	Params map[string]interface{}
	// Watchdog, when set, stops the run with ErrMemory when the process's
	// heap grows over its ceiling.
	Watchdog *Watchdog
}

// Run executes a Gizmo script against qs and returns its results, each a
// tag map (map[string]interface{}) or a value given to g.Emit, rendered as
// JSON-ready data (see the package documentation). It returns an empty,
// non-nil slice when the script produces nothing.
//
// Errors: a script's syntax or runtime error, wrapped with "queries: script:";
// ErrTimeout; ErrMemory; ctx's error when ctx ends first; ErrLimit with the first
// opt.Limit results; an error naming the result when an emitted value
// cannot be represented as JSON (a path, a function, NaN).
func Run(ctx context.Context, qs cgraph.QuadStore, script string, opt RunOptions) ([]interface{}, error) {
	out := []interface{}{}
	err := run(ctx, qs, script, opt, func(v interface{}) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// RunJSONL executes a Gizmo script like Run and writes each result to w as
// it arrives, one JSON value and a newline per result (JSON Lines). It
// returns the number of results written. Besides Run's errors, it returns
// w's write error, after which the script is stopped.
func RunJSONL(ctx context.Context, qs cgraph.QuadStore, script string, opt RunOptions, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	err := run(ctx, qs, script, opt, func(v interface{}) error {
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("queries: result %d: %w", n+1, err)
		}
		n++
		return nil
	})
	return n, err
}

// run is the loop behind Run and RunJSONL: it calls emit with every result in order.
func run(ctx context.Context, qs cgraph.QuadStore, script string, opt RunOptions, emit func(interface{}) error) error {
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	src, err := source(script, opt.Params)
	if err != nil {
		return err
	}
	ctx, unwatch := opt.Watchdog.Watch(ctx)
	defer unwatch()
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, opt.Timeout, ErrTimeout)
		defer cancel()
	}
	if needsExpansion(src) {
		qs = expandingStore{qs}
	}
	ses, err := NewGuardedSession(qs)
	if err != nil {
		return err
	}
	// Ask for one result more than the limit, to tell "exactly Limit" from "more".
	it, err := ses.Execute(ctx, src, query.Options{Collation: query.Raw, Limit: limit + 1})
	if err != nil {
		return fmt.Errorf("queries: script: %w", err)
	}
	// Close cancels the session's own context and interrupts the VM.
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		r, ok := it.Result().(*gizmo.Result)
		if !ok || r == nil || r.Meta {
			continue // the script's completion value
		}
		if n == limit {
			return fmt.Errorf("%w: the script produced more than %d results", ErrLimit, limit)
		}
		v, err := resultValue(qs, r)
		if err != nil {
			return fmt.Errorf("queries: result %d: %w", n+1, err)
		}
		if err := emit(v); err != nil {
			return err
		}
		n++
	}
	err = it.Err()
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		// Next gave up, or the interrupted script failed, because ctx ended: say why.
		if cause := context.Cause(ctx); !errors.Is(cause, ErrTimeout) {
			return cause
		}
		return fmt.Errorf("%w after %v", ErrTimeout, opt.Timeout)
	}
	return fmt.Errorf("queries: script: %w", err)
}

// source bounds the script's concatenations (GuardConcat; the session runs
// the rest of the guard) and prefixes it with the parameter binding and Gizmo's call to load voc's prefixes, on the script's first line so that line numbers in
// errors stay the script's own.
func source(script string, params map[string]interface{}) (string, error) {
	if params == nil {
		params = map[string]interface{}{}
	}
	js, err := json.Marshal(params)
	if err != nil {
		return "", fmt.Errorf("queries: params: %w", err)
	}
	// JSON is a JavaScript expression; json.Marshal escapes U+2028 and
	// U+2029, the two characters where older JavaScript differed.
	return GuardConcat("var params = " + string(js) + "; g.addDefaultNamespaces(); " + script), nil
}

// needsExpansion reports whether src mentions a short IRI "<prefix:...>" of a
// registered prefix, literally or with the "<" escaped as json.Marshal writes it.
func needsExpansion(src string) bool {
	for _, ns := range voc.List() {
		if strings.Contains(src, "<"+ns.Prefix) || strings.Contains(src, `\u003c`+ns.Prefix) {
			return true
		}
	}
	return false
}

// expandingStore is a view of a store whose ValueOf expands short IRIs
// ("cg:metric") of registered prefixes before the lookup. It deliberately
// does not forward the backend's shape optimiser: shapes that optimiser
// builds expect the backend itself, not a view, at BuildIterator.
type expandingStore struct {
	cgraph.QuadStore
}

// ValueOf implements graph.Namer.
func (s expandingStore) ValueOf(v quad.Value) cgraph.Ref {
	if iri, ok := v.(quad.IRI); ok {
		v = iri.Full()
	}
	return s.QuadStore.ValueOf(v)
}
