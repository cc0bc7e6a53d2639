package queries_test

import (
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// article builds an invented article from its claims.
func article(id string, outlet *schema.Source, published string, claims ...schema.Claim) *schema.Article {
	d := &schema.Article{ID: id, IRI: schema.ArticleIRI(id), Outlet: outlet, Published: published, ContentHash: id, Lead: 0, Cited: []schema.Source{}}
	d.Claims = claims
	for i := range d.Claims {
		d.Claims[i].Offset = 100 * i
		if i > 0 && d.Claims[i].Evidence == d.Claims[i-1].Evidence {
			d.Claims[i].Offset = d.Claims[i-1].Offset // one sentence
		}
	}
	return d
}

func with(c schema.Claim, f func(*schema.Claim)) schema.Claim {
	f(&c)
	return c
}

func noFigure(c *schema.Claim) { c.Figure = schema.Figure{} }

// exactly makes a claim's figure a plain count: its minimum.
func exactly(c *schema.Claim) { c.Figure.Max = c.Figure.Min }

// tally is the monitor's "at least n" killed over a stated window.
func tally(n int64, start, end string) schema.Claim {
	return with(claim(&monitor, nil, schema.MetricKilled, i64(n), nil,
		schema.Event{Kind: "aggregate", Place: townA, Start: start, End: end}, fmt.Sprintf("At least %d killed since January.", n)),
		func(c *schema.Claim) { c.Aggregate = true })
}

var day18 = schema.Event{Kind: "attack", Place: townA, Start: "2019-04-18", End: "2019-04-18"}

// unnamed sources, invented
var (
	activists = schema.Source{ID: "unnamed-activists", Name: "activists", Kind: "unnamed"}
	medics    = schema.Source{ID: "unnamed-medics", Name: "medical sources", Kind: "unnamed"}
)

// linkRuleCase is one linking rule on invented articles: the
// contradictions and corroborations a fact-checker expects of them.
type linkRuleCase struct {
	name                   string
	docs                   []*schema.Article
	contradictions, corrob int
}

// TestLinkRules holds the linking rules to what a fact-checker expects, one
// rule a case, on invented articles: which tolls contradict, which figures
// corroborate, which reports are one incident.
func TestLinkRules(t *testing.T) {
	var tests []linkRuleCase
	tests = append(tests, tollRuleCases()...)
	tests = append(tests, corroborationRuleCases()...)
	tests = append(tests, incidentRuleCases()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := queries.LinkQuads(tt.docs, queries.LinkOptions{})
			if res.Contradictions != tt.contradictions || res.Corroborations != tt.corrob {
				t.Errorf("contradictions %d, corroborations %d; want %d, %d", res.Contradictions, res.Corroborations, tt.contradictions, tt.corrob)
			}
		})
	}
}

// tollRuleCases: which tolls of one incident contradict (figure, revision,
// scope), and which are other victims, parts, updates or running totals.
func tollRuleCases() []linkRuleCase {
	return []linkRuleCase{
		{
			name: "disjoint tolls from two origins contradict",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed.")),
				article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), day18, "20 killed.")),
			},
			contradictions: 1,
		},
		{
			name: "civilians and soldiers are different populations",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 soldiers killed.")),
				article("b", &outletY, "2019-04-20", with(claim(&agency, nil, schema.MetricKilled, i64(2), i64(2), day18, "Two children killed."),
					func(c *schema.Claim) { c.Who = "two children" })),
			},
		},
		{
			name: "a group's own dead are a part of the toll",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(8), i64(8), day18, "Eight killed.")),
				article("b", &outletY, "2019-04-20", with(claim(&agency, nil, schema.MetricKilled, i64(10), i64(10), day18, "The group mourned 10 of its fighters."),
					func(c *schema.Claim) { c.Who = "of its fighters" })),
			},
		},
		{
			name: "tallies over the same stated month contradict, even in one article",
			docs: []*schema.Article{
				article("a", &outletX, "2019-05-01",
					with(claim(nil, nil, schema.MetricKilled, nil, i64(70), schema.Event{Kind: "aggregate", Place: townA, Start: "2019-04-01", End: "2019-05-01"}, "Up to 70 killed in the last month."),
						func(c *schema.Claim) { c.Aggregate = true }),
					with(claim(&head, nil, schema.MetricKilled, i64(71), nil, schema.Event{Kind: "aggregate", Place: townA, Start: "2019-04-01", End: "2019-04-30"}, "Over 70 killed in April."),
						func(c *schema.Claim) { c.Aggregate = true })),
			},
			contradictions: 1,
		},
		{
			name: "a higher toll reported two days later is an update, not a contradiction",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-18", claim(&monitor, nil, schema.MetricKilled, i64(12), i64(12), day18, "12 killed.")),
				article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(16), i64(16), day18, "16 killed.")),
			},
		},
		{
			name: "a count of volunteers is a part of a toll that names no group",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", with(claim(&monitor, nil, schema.MetricKilled, i64(15), i64(15), day18, "15 volunteers killed."),
					func(c *schema.Claim) { c.Who = "volunteers" })),
				article("b", &outletY, "2019-04-20", with(claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), day18, "About 20 killed."),
					func(c *schema.Claim) { c.Who = "people" })),
			},
		},
		{
			name: "one monitor's running total at two cut-offs is no revision",
			docs: []*schema.Article{
				article("a", &outletX, "2019-01-15", with(tally(360000, "2011-03-15", "2019-01-15"), exactly)),
				article("b", &outletY, "2019-03-15", with(tally(370000, "2011-03-15", "2019-03-15"), exactly)),
			},
		},
		{
			name: "unnamed sources and outlets' own figures accuse nobody",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&activists, nil, schema.MetricKilled, i64(20), i64(20), day18, "Activists said 20 died.")),
				article("b", &outletY, "2019-04-20", claim(nil, nil, schema.MetricKilled, i64(26), i64(26), day18, "26 died.")),
			},
		},
	}
}

// corroborationRuleCases: which agreeing figures corroborate, and with how
// many origins (copies, joint statements, open bounds, unnamed sources).
func corroborationRuleCases() []linkRuleCase {
	return []linkRuleCase{
		{
			name: "copies of one text agree with one origin and never contradict each other",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed."),
					claim(&monitor, nil, schema.MetricKilled, i64(4), i64(4), day18, "Four were killed later.")),
				article("a-copy", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed."),
					claim(&monitor, nil, schema.MetricKilled, i64(4), i64(4), day18, "Four were killed later.")),
			},
			corrob: 2, // 27 and 27, 4 and 4: each one origin (TestIndependence)
		},
		{
			name: "an undated copy does not hide the dated text's relations",
			docs: []*schema.Article{
				article("b-dated", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed.")),
				article("a-undated", &outletX, "", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed.")),
				article("c", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(20), i64(20), day18, "20 killed.")),
			},
			contradictions: 1,
			corrob:         1, // the two copies
		},
		{
			name: "one sentence crediting a statement to two sources corroborates",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20",
					with(claim(&monitor, nil, schema.MetricOther, nil, nil, day18, "Attacks surged, according to the monitor and the agency."), noFigure),
					with(claim(&agency, nil, schema.MetricOther, nil, nil, day18, "Attacks surged, according to the monitor and the agency."), noFigure)),
			},
			corrob: 1,
		},
		{
			name: "at least 24 and at least 101 are both true of 120 dead, but corroborate nothing",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(24), nil, day18, "At least 24 killed.")),
				article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(101), nil, day18, "At least 101 killed.")),
			},
		},
		{
			name: "two unnamed sources of one article are no corroboration",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20",
					claim(&activists, nil, schema.MetricKilled, i64(20), i64(20), day18, "Activists said 20 died."),
					claim(&medics, nil, schema.MetricKilled, i64(20), i64(20), day18, "Medics said 20 died.")),
			},
		},
	}
}

// incidentRuleCases: which reports can be one incident (earlier incidents,
// tallies' windows, places abroad).
func incidentRuleCases() []linkRuleCase {
	return []linkRuleCase{
		{
			name: "a figure of an earlier incident joins no event",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed.")),
				article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(35), i64(35),
					schema.Event{Kind: schema.KindEarlier, Place: townA}, "35 died in an earlier attack.")),
			},
		},
		{
			name: "tallies link only when every pair has the same window",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-10", tally(69, "2019-01-01", "2019-04-10")),
				article("b", &outletY, "2019-04-15", tally(70, "2019-01-06", "2019-04-15")),
				article("c", &outletX, "2019-04-20", tally(71, "2019-01-11", "2019-04-20")),
			},
			corrob: 1, // a with b; c would be ten days off a at both ends, so it stays apart
		},
		{
			name: "two cities abroad, 80 km apart, are no governorates that may name one incident",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", claim(&monitor, nil, schema.MetricKilled, i64(20), i64(20),
					schema.Event{Kind: "bombing", Place: &schema.Place{ID: "mosul", Name: "Mosul", Kind: "city", Lat: 36.34, Lon: 43.13, HasCoords: true}, Start: "2019-04-18", End: "2019-04-18"}, "20 died in Mosul.")),
				article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(20), i64(20),
					schema.Event{Kind: "bombing", Place: &schema.Place{ID: "erbil", Name: "Erbil", Kind: "city", Lat: 36.19, Lon: 44.01, HasCoords: true}, Start: "2019-04-18", End: "2019-04-18"}, "20 died in Erbil.")),
			},
		},
		{
			name: "tallies over different windows do not",
			docs: []*schema.Article{
				article("a", &outletX, "2019-04-20", with(claim(&monitor, nil, schema.MetricKilled, i64(69), nil,
					schema.Event{Kind: "aggregate", Place: townA, Start: "2019-03-24", End: "2019-04-20"}, "69 since March 24."), func(c *schema.Claim) { c.Aggregate = true })),
				article("b", &outletY, "2019-05-01", with(claim(&monitor, nil, schema.MetricKilled, nil, i64(50),
					schema.Event{Kind: "aggregate", Place: townA, Start: "2019-04-01", End: "2019-04-10"}, "50 in early April."), func(c *schema.Claim) { c.Aggregate = true })),
			},
		},
	}
}

// TestUpdate: a higher toll reported later is recorded as an update, the
// earlier report's claim first.
func TestUpdate(t *testing.T) {
	docs := []*schema.Article{
		article("a", &outletX, "2019-04-18", claim(&monitor, nil, schema.MetricKilled, i64(12), i64(12), day18, "12 killed.")),
		article("b", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(16), i64(16), day18, "16 killed.")),
	}
	qs, res := queries.LinkQuads(docs, queries.LinkOptions{})
	if res.Updates != 1 {
		t.Fatalf("updates %d, want 1", res.Updates)
	}
	var a, b string
	for _, q := range qs {
		switch q.Predicate {
		case quad.IRI(schema.ClaimA):
			a = string(q.Object.(quad.IRI))
		case quad.IRI(schema.ClaimB):
			b = string(q.Object.(quad.IRI))
		}
	}
	if a != schema.ClaimIRI(schema.ArticleIRI("a"), 1) || b != schema.ClaimIRI(schema.ArticleIRI("b"), 1) {
		t.Errorf("update from %s to %s, want a's claim then b's", a, b)
	}
}

// TestIndependence holds the count of independent origins to what the texts
// show: relays of one source count once, however many outlets carry them.
func TestIndependence(t *testing.T) {
	sohrSaid := func(id string, outlet *schema.Source) *schema.Article {
		return article(id, outlet, "2019-04-20", claim(&monitor, []schema.Source{wire}, schema.MetricKilled, i64(27), i64(27), day18, "27 killed, the monitor said."))
	}
	outlets := []*schema.Source{&outletX, &outletY, {ID: "outlet-z", Name: "Outlet Z"}, {ID: "outlet-w", Name: "Outlet W"}, {ID: "outlet-v", Name: "Outlet V"}}
	var five []*schema.Article
	for i, o := range outlets {
		five = append(five, sohrSaid(fmt.Sprintf("relay-%d", i), o))
	}
	tests := []struct {
		name string
		docs []*schema.Article
		want []int // independent origins of each corroboration
	}{
		{"five outlets repeating one monitor's toll are one origin", five, []int{1}},
		{"an unattributed headline restating its body's sourced toll is that source's",
			[]*schema.Article{
				article("h", &outletX, "2019-04-20",
					with(claim(nil, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed in attack"), func(c *schema.Claim) { c.Section = "headline" }),
					claim(&monitor, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 were killed, the monitor said.")),
				sohrSaid("other", &outletY),
			}, []int{1}},
		{"an outlet's own figure beside a named source's does not count",
			[]*schema.Article{sohrSaid("s", &outletX), article("own", &outletY, "2019-04-20", claim(nil, nil, schema.MetricKilled, i64(27), i64(27), day18, "27 killed."))},
			[]int{1}},
		{"two named sources agreeing are two origins",
			[]*schema.Article{sohrSaid("s", &outletX), article("ag", &outletY, "2019-04-20", claim(&agency, nil, schema.MetricKilled, i64(27), i64(27), day18, "The agency said 27 died."))},
			[]int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, _ := queries.LinkQuads(tt.docs, queries.LinkOptions{})
			corrob := map[quad.Value]bool{}
			for _, q := range qs {
				if q.Predicate == quad.IRI(schema.Type) && q.Object == quad.IRI(schema.ClassCorroboration) {
					corrob[q.Subject] = true
				}
			}
			var got []int
			for _, q := range qs {
				if corrob[q.Subject] && q.Predicate == quad.IRI(schema.IndependentOrigins) {
					got = append(got, int(q.Object.(quad.Int)))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("independent origins %v, want %v", got, tt.want)
			}
		})
	}
}
