package queries

import (
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja/parser"
)

// FuzzBoundConcat: the rewrite of any script that parses parses too, has the
// same lines, and bounds every concatenation it found (a script with a + of
// two names is rewritten).
func FuzzBoundConcat(f *testing.F) {
	for _, s := range Runaway {
		f.Add(s)
	}
	for _, s := range []string{
		`1 + 2`, `a + b`, `(a) ? b : c + d`, `((a) ? b : c) + d`, `(x).y + (x).y`, "`${a}${(b)}` + c",
		`a[i] += b`, `o.p += (q)`, `s += t + u`, `/* ( */ a + /\(/.source + "(" + b // )`,
		`f(a + b, (c) + d)`, `x = a + (b + (c + d))`, `new A(b) + c`, `a++ + b`, `-a + -b`, `(a, b) + c`,
		`(() => a)() + b`, `({a: 1}).a + b`, `[a][0] + b`, "var é = 'ü'; é + é", `var \u0061 = 1; a + a`, "var s = 'é'; s + s", `a +\n b`, `typeof a + b`,
		`async function f() { return await a + b }`, `function* g() { yield a + b }`, `a?.b + c?.[d]`, `a ?? b + c`,
		`class C { m() { return this.a + super.b } }`, `label: for (;;) { a + b; break label }`,
	} {
		f.Add(s)
	}
	f.Add(WithLibrary("contradictions()"))
	f.Fuzz(func(t *testing.T, script string) {
		if panicked, err := parses(script); panicked {
			// goja's parser panics on it: the rewrite must refuse it, not panic
			if _, err := boundConcat(script); err == nil || !strings.Contains(err.Error(), "claimgraph query limits") {
				t.Fatalf("%q, on which goja's parser panics: rewrite error %v, want a refusal", script, err)
			}
			return
		} else if err != nil {
			return
		}
		type result struct {
			out string
			err error
		}
		c := make(chan result, 1)
		go func() { o, e := boundConcat(script); c <- result{o, e} }()
		var r result
		select {
		case r = <-c:
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: no rewrite after 5 s", script)
		}
		out, err := r.out, r.err
		if err != nil {
			if !strings.Contains(err.Error(), "claimgraph query limits") {
				t.Fatalf("%q: %v", script, err)
			}
			return
		}
		if _, err := parser.ParseFile(nil, "", out, 0); err != nil {
			t.Fatalf("%q rewritten as %q does not parse: %v", script, out, err)
		}
		if strings.Count(out, "\n") != strings.Count(script, "\n") {
			t.Fatalf("%q rewritten as %q: lines differ", script, out)
		}
	})
}

// parses parses script with goja's parser and reports whether the parser
// panicked (it does on "var[...[0").
func parses(script string) (panicked bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = true
		}
	}()
	_, err = parser.ParseFile(nil, "", script, 0)
	return false, err
}

// TestBoundConcatRewrites: the rewrite of a few cases, exactly.
func TestBoundConcatRewrites(t *testing.T) {
	for in, want := range map[string]string{
		`a + b`:                `__cg_o(a, 2) + __cg_o(b, 2)`,
		`a + "x"`:              `a + "x"`,
		`(a) ? b : c`:          `(a) ? b : c`,
		`((a) ? b : c) + d`:    `(__cg_o((a) ? b : c, 2)) + __cg_o(d, 2)`,
		`s += t`:               `s += __cg_o(s, t, 1)`,
		`o.p += t`:             `o.p += __cg_o(t, 2)`,
		"`${a}-${b}`":          "`${__cg_o(a, 2)}-${__cg_o(b, 2)}`",
		"f`${a}`":              "f`${a}`",
		"a + /x/g // c":        "__cg_o(a, 2) + __cg_o(/x/g, 2) // c",
		"a + /x/g":             "__cg_o(a, 2) + __cg_o(/x/g, 2)",
		"a + b /x/g /* c */":   "__cg_o(a, 2) + __cg_o(b /x/g, 2) /* c */",
		"a ++ + b":             "__cg_o(a ++, 2) + __cg_o(b, 2)",
		"c + a /* x */ -- + b": "__cg_o(__cg_o(c, 2) + __cg_o(a /* x */ --, 2), 2) + __cg_o(b, 2)",
		"x = c + a ++":         "x = __cg_o(c, 2) + __cg_o(a ++, 2)",
	} {
		got, err := boundConcat(in)
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", in, got, err, want)
		}
	}
}
