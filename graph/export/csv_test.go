package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/export"
)

// readCSV reads a csv export back with encoding/csv, strictly (every row
// as long as the header), and returns its rows as maps by column name.
func readCSV(t *testing.T, data []byte, header []string) []map[string]string {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("csv export does not end its lines with CRLF (RFC 4180)")
	}
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading the csv export: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("csv export is empty")
	}
	want(t, "csv header", recs[0], header)
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, k := range recs[0] {
			m[k] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func writeCSV(t *testing.T, s *graph.Store, f export.Filter, opt export.CSVOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.WriteCSV(context.Background(), s, &b, f, opt); err != nil {
		t.Fatalf("WriteCSV(%+v, %+v): %v", f, opt, err)
	}
	return b.Bytes()
}

// TestCSV: one row per claim with its place, figure, sources, article and
// linked event; fields with quotes, commas, backslashes and angle brackets
// survive; Write's csv is WriteCSV with no options.
func TestCSV(t *testing.T) {
	s, _ := fixture(t)
	admin2 := func(id string) string { return map[string]string{"g:2": "Tadmur"}[id] }
	data := writeCSV(t, s, export.Filter{}, export.CSVOptions{Admin2: admin2})
	rows := readCSV(t, data, export.ClaimColumns)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want one per claim (5)", len(rows))
	}
	want(t, "first row", rows[0], map[string]string{
		"claim_id": claimA0, "date": "2019-04-18", "date_end": "2019-04-20",
		"admin1": "Homs", "admin2": "Tadmur", "place": "Al-Sukhnah", "place_id": "al-sukhnah-homs", "lat": "34.88", "lon": "38.87",
		"metric": "killed", "min": "27", "max": "", "value": "27", "figure": "at least 27", "unit": "", "aggregate": "false",
		"claimant": "Syrian Observatory for Human Rights", "claimant_id": "sohr", "origin": "sohr", "relays": "", "outlet": "Rudaw",
		"article_id": "a.txt", "article_url": "https://news.example/a", "published": "2019-04-20",
		"linked_event": levent, "evidence": evidenceA,
	})
	// a person speaking for an organisation, through a relay
	want(t, "claim a#2 claimant, origin, relays", []string{rows[1]["claimant"], rows[1]["origin"], rows[1]["relays"]},
		[]string{"Rami Abdel Rahman", "sohr", "AFP"})
	// an unattributed claim at a place without admin2, linked to no event
	want(t, "claim b#2", []string{rows[3]["claim_id"], rows[3]["claimant"], rows[3]["admin2"], rows[3]["linked_event"], rows[3]["min"], rows[3]["max"]},
		[]string{claimB1, "", "", "", "24", ""})
	want(t, "Write csv", string(export1(t, s, export.CSV, export.Filter{})),
		string(writeCSV(t, s, export.Filter{}, export.CSVOptions{})))

	// a filter narrows the rows to its claims
	rows = readCSV(t, writeCSV(t, s, export.Filter{Source: "amaq"}, export.CSVOptions{}), export.ClaimColumns)
	if len(rows) != 1 || rows[0]["claim_id"] != claimB0 || rows[0]["claimant"] != amaq.Name {
		t.Errorf("--source amaq rows: %v", rows)
	}
}

// TestCSVPerEvent: one row per linked event, summarising the reports of
// its main metric (killed): the lowest lower bound and the highest upper
// bound stated, every stated figure, the distinct sources and articles.
func TestCSVPerEvent(t *testing.T) {
	s, _ := fixture(t)
	admin2 := func(id string) string { return map[string]string{"g:2": "Tadmur"}[id] }
	rows := readCSV(t, writeCSV(t, s, export.Filter{}, export.CSVOptions{PerEvent: true, Admin2: admin2}), export.EventColumns)
	want(t, "rows", rows, []map[string]string{{
		"linked_event": levent, "name": "ambush at Al-Sukhnah, 2019-04-18..2019-04-20", "kind": "ambush",
		"date": "2019-04-18", "date_end": "2019-04-20",
		"admin1": "Homs", "admin2": "Tadmur", "place": "Al-Sukhnah", "place_id": "al-sukhnah-homs", "lat": "34.88", "lon": "38.87",
		"metric": "killed", "min": "20", "max": "27", "figures": "at least 27; 20; 27", "aggregate": "false",
		"reports": "3", "independent_origins": "2",
		"claimants": "Syrian Observatory for Human Rights; " + amaq.Name, "origins": "sohr; amaq", "relays": "",
		"outlets": "Rudaw; Al-Masdar News", "article_ids": "a.txt; b.txt; c.txt", "article_urls": "https://news.example/a",
		"evidence": strings.Join([]string{evidenceA, "Amaq said 20 soldiers were killed.", "27 were killed, SOHR said."}, " | "),
	}})
	// an article's claims give the events they belong to, and only them
	rows = readCSV(t, writeCSV(t, s, export.Filter{Article: "b.txt"}, export.CSVOptions{PerEvent: true}), export.EventColumns)
	if len(rows) != 1 || rows[0]["reports"] != "1" || rows[0]["figures"] != "20" {
		t.Errorf("article b per event: %v", rows)
	}
}
