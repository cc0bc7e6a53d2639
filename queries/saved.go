package queries

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// The saved queries: one Gizmo script a file. Each starts with a header
//
//	// NAME: what it finds
//	// params: a, b         (the keys it reads from the global params)
//	// ...                  (what each parameter means, the result shape)
//
// defines a function NAME(params...) that returns the results as an array,
// and after the line "// main" emits them. The main part gives params its
// default, {}, unless a prelude bound it first: claimgraph binds it with a
// JSON prelude (Saved.Bind, RunOptions.Params), and a script run as printed
// runs with every parameter unset. The helpers they share (named _cg*) are
// in helpers.js, appended to each script. They use full IRIs only, so a
// script with its helpers runs unchanged in stock Cayley
// (cmd/claimgraph's TestSavedQueriesInStockCayley).
//
//go:embed *.js
var savedFS embed.FS

// helpersFile holds the saved queries' shared helpers.
const helpersFile = "helpers.js"

// Saved is a saved query.
type Saved struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Params      []string `json:"params"`
	Script      string   `json:"-"` // the whole script, helpers included: what runs
	Library     string   `json:"-"` // its function definitions, without the main part and the helpers
}

var saved = loadSaved()

var helpers = readSaved(helpersFile)

func readSaved(name string) string {
	b, err := savedFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func loadSaved() map[string]Saved {
	out := map[string]Saved{}
	ents, err := savedFS.ReadDir(".")
	if err != nil {
		panic(err)
	}
	for _, e := range ents {
		if e.Name() == helpersFile {
			continue
		}
		src := readSaved(e.Name())
		name := strings.TrimSuffix(e.Name(), ".js")
		// the helpers go after the script: function declarations are
		// hoisted, and the script's line numbers stay its own
		s := Saved{Name: name, Script: src + "\n" + helpers, Library: src}
		if i := strings.Index(src, "\n// main\n"); i >= 0 {
			s.Library = src[:i+1]
		}
		for _, line := range strings.Split(src, "\n") {
			if !strings.HasPrefix(line, "//") {
				break
			}
			line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
			if d, ok := strings.CutPrefix(line, name+":"); ok {
				s.Description = strings.TrimSpace(d)
			}
			if p, ok := strings.CutPrefix(line, "params:"); ok {
				for _, f := range strings.Split(p, ",") {
					if f = strings.TrimSpace(f); f != "" {
						s.Params = append(s.Params, f)
					}
				}
			}
		}
		if s.Description == "" {
			panic(fmt.Sprintf("queries: %s: header must start with // %s: description", e.Name(), name))
		}
		out[name] = s
	}
	return out
}

// SavedNames returns the names of the saved queries, sorted.
func SavedNames() []string {
	out := make([]string, 0, len(saved))
	for n := range saved {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// SavedQueries returns the saved queries, sorted by name.
func SavedQueries() []Saved {
	var out []Saved
	for _, n := range SavedNames() {
		out = append(out, saved[n])
	}
	return out
}

// SavedQuery returns the saved query name, and whether there is one.
func SavedQuery(name string) (Saved, bool) {
	s, ok := saved[name]
	return s, ok
}

// Library returns the saved queries' function definitions (contradictions,
// corroborations, circular, events, trace and their helpers), for user
// scripts: appended after a script, JavaScript hoisting makes them callable
// from its first line, and the script's line numbers stay its own.
func Library() string {
	var b strings.Builder
	for _, s := range SavedQueries() {
		b.WriteString(s.Library)
		b.WriteString("\n")
	}
	b.WriteString(helpers)
	return b.String()
}

// WithLibrary returns script followed by Library, on a new line.
func WithLibrary(script string) string { return script + "\n;\n" + Library() }

// Bind returns the script with params bound by a JSON prelude, built with
// json.Marshal, on its first line (so the script's line numbers stay its
// own): what `claimgraph query script NAME --claim IRI` prints for stock
// Cayley. With no params it returns the script itself, which runs with
// every parameter unset. Errors: json.Marshal's, for a value that is not
// JSON data.
func (s Saved) Bind(params map[string]interface{}) (string, error) {
	if len(params) == 0 {
		return s.Script, nil
	}
	js, err := json.Marshal(params)
	if err != nil {
		return "", fmt.Errorf("queries: %s: params: %w", s.Name, err)
	}
	return "var params = " + string(js) + "; " + s.Script, nil
}

// Params returns f as the parameters of a saved query: one key per field
// set (event, claim, source), each an IRI in angle brackets; a source id
// ("sohr") becomes the source's IRI.
func (f Filter) Params() map[string]interface{} {
	p := map[string]interface{}{}
	add := func(k, iri string) {
		if iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">"); iri != "" {
			p[k] = "<" + iri + ">"
		}
	}
	add("event", f.Event)
	add("claim", f.Claim)
	if f.Source != "" {
		add("source", sourceIRI(strings.TrimSuffix(strings.TrimPrefix(f.Source, "<"), ">")))
	}
	return p
}

// RunSaved runs the saved query name with params (see RunOptions.Params:
// IRIs as "<...>") and writes its results as JSON Lines. Errors: those of
// RunJSONL, and one naming the query when there is no such query.
func RunSaved(ctx context.Context, qs cgraph.QuadStore, name string, opt RunOptions, w io.Writer) (int, error) {
	s, ok := saved[name]
	if !ok {
		return 0, fmt.Errorf("queries: no saved query %q (have %s)", name, strings.Join(SavedNames(), ", "))
	}
	return RunJSONL(ctx, qs, s.Script, opt, w)
}
