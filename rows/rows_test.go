package rows

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

func i64(n int64) *int64 { return &n }

func testArticle() *schema.Article {
	sohr := &schema.Source{ID: "sohr", Name: "Syrian Observatory for Human Rights"}
	homs := &schema.Place{ID: "homs", Name: "Homs", Admin1: "Homs", GazetteerID: "g1"}
	doc := &schema.Article{
		ID: "a1", Title: "T", Outlet: &schema.Source{ID: "rudaw", Name: "Rudaw"}, Published: "2019-04-20",
		Cited: []schema.Source{*sohr, {ID: "afp", Name: "AFP"}}, Lead: 0,
		Claims: []schema.Claim{
			{Claimant: sohr, Via: []schema.Source{{ID: "afp", Name: "AFP"}}, Metric: "killed",
				Figure: schema.Figure{Text: "27", Value: i64(27), Min: i64(27), Max: i64(27)},
				Event:  schema.Event{Kind: "attack", Place: homs, Start: "2019-04-19"}, Evidence: "27 were killed, SOHR said.",
				Offset: 12, Cue: "said", Attribution: "explicit", SubsetOf: -1, Section: "body"},
			{Metric: "killed", Figure: schema.Figure{Text: "four children", Value: i64(4), Min: i64(4), Max: i64(4)},
				Event: schema.Event{Kind: "attack"}, SubsetOf: 0, Section: "body"},
		},
	}
	doc.IRI = schema.ArticleIRI(doc.ID)
	return doc
}

func TestNewClaim(t *testing.T) {
	doc := testArticle()
	got := NewClaim(doc, 0)
	if got.ID != schema.ClaimIRI(doc.IRI, 1) || got.Article != "a1" || got.Claimant != "sohr" ||
		got.ClaimantName != "Syrian Observatory for Human Rights" || !reflect.DeepEqual(got.Via, []string{"AFP"}) ||
		*got.Value != 27 || got.Location != "homs" || got.Admin1 != "Homs" || got.GazetteerID != "g1" ||
		*got.Start != "2019-04-19" || got.End != nil || got.SubsetOf != nil || got.Event != schema.EventIRI(doc.Claims[0].Event) {
		t.Errorf("NewClaim(0) = %+v", got)
	}
	sub := NewClaim(doc, 1)
	if sub.SubsetOf == nil || *sub.SubsetOf != got.ID || sub.Via == nil || len(sub.Via) != 0 || sub.Start != nil {
		t.Errorf("NewClaim(1) = %+v: want subset_of claim 1, via [], start null", sub)
	}
	b, _ := json.Marshal(sub)
	for _, k := range []string{`"via":[]`, `"start":null`, `"subset_of":"` + got.ID + `"`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("claim JSON lacks %s: %s", k, b)
		}
	}
	if strings.Contains(string(b), `"unit"`) || strings.Contains(string(b), `"start_relative"`) {
		t.Errorf("claim JSON has an empty omitempty field: %s", b)
	}
}

func TestNewArticle(t *testing.T) {
	got := NewArticle(testArticle())
	if *got.Outlet != "Rudaw" || !reflect.DeepEqual(got.Sources, []string{"afp", "sohr"}) ||
		!reflect.DeepEqual(got.SourceNames, []string{"AFP", "Syrian Observatory for Human Rights"}) ||
		got.Claims != 2 || got.Location != "homs" || got.Admin1 != "Homs" || got.PublishedAnchored != nil ||
		got.Lead == nil || *got.Lead.Value != 27 || *got.Lead.Date != "2019-04-20" {
		t.Errorf("NewArticle = %+v (lead %+v)", got, got.Lead)
	}
}

// TestContractsDocumented: every JSON field of the claim, article and
// relation rows is named in the documented contract of its command
// (docs/usage.md, docs/provenance.md), so that a field added to a row is
// documented with it.
func TestContractsDocumented(t *testing.T) {
	paragraph := func(file, start string) string {
		doc, err := os.ReadFile("../docs/" + file)
		if err != nil {
			t.Skipf("docs/%s: %v", file, err)
		}
		s := string(doc)
		i := strings.Index(s, start)
		if i < 0 {
			t.Fatalf("docs/%s has no paragraph starting %q", file, start)
		}
		s = s[i:]
		if j := strings.Index(s, "\n\n"); j >= 0 {
			s = s[:j]
		}
		return s
	}
	for _, c := range []struct {
		file, para string
		rows       []interface{}
	}{
		{"usage.md", "`claims --format jsonl`", []interface{}{Claim{}}},
		{"usage.md", "`articles --format jsonl`", []interface{}{Article{}, Lead{}}},
		{"provenance.md", "Contracts: `query contradictions", []interface{}{Contradiction{}, Corroboration{}}},
	} {
		text := paragraph(c.file, c.para)
		for _, r := range c.rows {
			typ := reflect.TypeOf(r)
			for i := 0; i < typ.NumField(); i++ {
				name := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
				if name == "" || !regexp.MustCompile(`\b`+name+`\b`).MatchString(text) {
					t.Errorf("%s's field %q is not in the contract of %s in docs/%s", typ.Name(), name, c.para, c.file)
				}
			}
		}
	}
}
