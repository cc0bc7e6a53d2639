package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/server"
)

// TestCayleyLanguages: /api/v2/query answers GraphQL and MQL as stock
// Cayley does (its documentation promises both), and an unknown language
// with Cayley's own 400 "unknown query language".
func TestCayleyLanguages(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	amaq := "<https://claimgraph.org/id/source/amaq>"
	for _, tt := range []struct{ lang, query string }{
		{"graphql", `{ nodes(id: ` + amaq + `) { id } }`},
		{"mql", `[{"id": "` + amaq + `"}]`},
	} {
		var res map[string]interface{}
		if code := do(t, ts, "POST", "/api/v2/query?lang="+tt.lang, tt.query, &res); code != 200 {
			t.Errorf("lang=%s: %d %v", tt.lang, code, res)
			continue
		}
		if got := strings.Join(strings.Fields(stringify(res)), ""); !strings.Contains(got, "claimgraph.org/id/source/amaq") {
			t.Errorf("lang=%s: %s, want the amaq node", tt.lang, got)
		}
	}
	var e struct{ Error string }
	if code := do(t, ts, "POST", "/api/v2/query?lang=sparql", `SELECT * WHERE {}`, &e); code != 400 || !strings.Contains(e.Error, "unknown query language") {
		t.Errorf("lang=sparql: %d %q, want Cayley's 400 unknown query language", code, e.Error)
	}
}

func stringify(v interface{}) string {
	b, _ := json.Marshal(v)
	return string(b)
}
