package importcheck

import (
	"strings"
	"testing"
)

const (
	mod    = "github.com/claimgraph/claimgraph"
	cayley = "github.com/cayleygraph/cayley"
)

// TestRules holds every import rule of the project in one table (the
// README's layout map says the same): imports flow one way, schema and
// loaders <- graph <- queries <- server <- cmd, the records of package rows
// (made from schema's model) sit between schema and graph, and the linker is
// a pure function of the articles.
func TestRules(t *testing.T) {
	for _, r := range []struct {
		pkgs   []string
		banned []string
		why    string
	}{
		{[]string{mod + "/schema", mod + "/loaders/..."}, []string{cayley, mod + "/graph", mod + "/queries", mod + "/server", mod + "/cmd"},
			"schema and loaders need only cayleygraph/quad: extraction is tested without a store"},
		{[]string{mod + "/rows"}, []string{cayley, mod + "/graph", mod + "/loaders", mod + "/queries", mod + "/server", mod + "/cmd"},
			"rows are records made from the model (schema): every layer above it may use them"},
		{[]string{mod + "/graph/..."}, []string{mod + "/loaders", mod + "/queries", mod + "/server", mod + "/cmd"},
			"the store knows the schema, not how articles are read or queried"},
		{[]string{mod + "/queries/linking"}, []string{cayley, mod + "/graph", mod + "/loaders", mod + "/server", mod + "/cmd"},
			"the linker is a pure function from articles to linking quads"},
		{[]string{mod + "/queries"}, []string{mod + "/loaders", mod + "/server", mod + "/cmd"},
			"queries read the store; they never extract"},
		{[]string{mod + "/server"}, []string{mod + "/loaders", mod + "/cmd"},
			"the server serves a store; loading is the command line's"},
		{[]string{mod + "/internal/translit"}, []string{"github.com/", "golang.org/", mod + "/"},
			"the transliteration key is shared by the gazetteer (loaders) and the server's search: it stands on the standard library alone"},
		{[]string{mod + "/internal/cores"}, []string{"github.com/", "golang.org/", mod + "/"},
			"work on every core is shared by the store (graph) and the linker, which is pure: it stands on the standard library alone"},
	} {
		t.Run(r.pkgs[0], func(t *testing.T) {
			for _, dep := range Deps(t, r.pkgs...) {
				for _, b := range r.banned {
					if dep == b || strings.HasPrefix(dep, b+"/") {
						t.Errorf("%s depends on %s: %s", strings.Join(r.pkgs, ", "), dep, r.why)
					}
				}
			}
		})
	}
}

// TestCayleyRooms: Cayley itself is imported directly only by graph (the
// stores), queries (Gizmo) and server (its HTTP handlers and query
// languages); every other package reaches it through them.
func TestCayleyRooms(t *testing.T) {
	allowed := []string{mod + "/graph", mod + "/queries", mod + "/server"}
	for pkg, imports := range Imports(t, mod+"/...") {
		ok := false
		for _, a := range allowed {
			ok = ok || pkg == a || strings.HasPrefix(pkg, a+"/")
		}
		if ok && pkg != mod+"/queries/linking" {
			continue
		}
		for _, imp := range imports {
			if imp == cayley || strings.HasPrefix(imp, cayley+"/") {
				t.Errorf("%s imports %s: Cayley belongs in graph, queries and server", pkg, imp)
			}
		}
	}
}
