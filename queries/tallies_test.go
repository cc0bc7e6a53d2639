package queries_test

import (
	"fmt"
	"testing"

	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// TestManyTalliesOneWindow: thirty relays of one tally over one window make
// one group (the clique search without a pivot walked every subset of them:
// days, not milliseconds).
func TestManyTalliesOneWindow(t *testing.T) {
	var docs []*schema.Article
	for i := 0; i < 30; i++ {
		docs = append(docs, article(fmt.Sprintf("relay-%02d", i), &outletX, "2019-04-01", tally(69, "2019-03-01", "2019-03-31")))
	}
	_, res := queries.LinkQuads(docs, queries.LinkOptions{})
	if res.Corroborations != 1 || res.Events != 1 {
		t.Errorf("events %d, corroborations %d; want 1, 1", res.Events, res.Corroborations)
	}
}
