package linking

import (
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// TestCopiesArePublishedTogether: the same sentences published within
// copyDays of each other are one report; months apart, two (a rerun, a
// bulletin's boilerplate), so that copies never join far-apart incidents.
// An undated copy joins the earliest run.
func TestCopiesArePublishedTogether(t *testing.T) {
	claim := schema.Claim{Offset: 10, Evidence: "A bomb blast killed six people.", Metric: schema.MetricKilled,
		Figure: schema.Figure{Text: "six"}}
	art := func(iri, published string) *schema.Article {
		return &schema.Article{IRI: iri, Published: published, Claims: []schema.Claim{claim}}
	}
	docs := []*schema.Article{
		art("a", "2017-04-19"),
		art("b", "2017-04-20"), // a syndicated copy
		art("c", "2017-09-01"), // the same sentences months later
		art("d", "2017-09-05"),
		art("e", ""), // undated
	}
	first, keys := copies(docs)
	want := map[string]string{"a": "a", "b": "a", "c": "c", "d": "c", "e": "a"}
	for iri, f := range want {
		if first[iri] != f {
			t.Errorf("first copy of %s = %q, want %q", iri, first[iri], f)
		}
	}
	for _, iri := range []string{"b", "c", "d", "e"} {
		if keys[iri] != keys["a"] {
			t.Errorf("copy key of %s = %q, want a's %q (relinking finds every run by it)", iri, keys[iri], keys["a"])
		}
	}
}

// TestLongWindowsPairNearTheirEnd: a report dating an incident over years
// ("since July 2012") is paired with reports of its last months, not of
// its first: its start, years back, would join it to every report of the
// place then.
func TestLongWindowsPairNearTheirEnd(t *testing.T) {
	long := &unit{lo: 15522, hi: 16982} // 2012-07-01 .. 2016-06-30
	months := monthsOf(long)
	if len(months) != maxMonths {
		t.Fatalf("monthsOf(long window) = %d months, want %d", len(months), maxMonths)
	}
	if first, end := months[0], floorDiv(long.hi, 30); first != end-maxMonths+1 || months[len(months)-1] != end {
		t.Errorf("monthsOf(long window) = months %d..%d, want the last %d ending at %d", first, months[len(months)-1], maxMonths, end)
	}
	short := &unit{lo: 16950, hi: 16960}
	if got := monthsOf(short); len(got) != 1 {
		t.Errorf("monthsOf(10 days in one month) = %v, want one month", got)
	}
}
