package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/graph/export"
)

// readCSVFile reads a csv export with encoding/csv (strict: every row as
// long as the header) and returns its rows by column name.
func readCSVFile(t *testing.T, path string, header []string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(header, ",") {
		t.Fatalf("%s: header %v, want %v", path, recs[:min(1, len(recs))], header)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, k := range header {
			m[k] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// str renders a JSON value of the claims contract as the csv writes it.
func str(v interface{}) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []interface{}:
		var s []string
		for _, x := range v {
			s = append(s, str(x))
		}
		return strings.Join(s, "; ")
	}
	return fmt.Sprint(v)
}

// TestExportCSV: 'export --format csv' of the seeds has one row per claim
// that agrees with 'claims', 'articles' and 'events' --format jsonl, SOHR's
// 27 killed in 001 among them; '--per event' one row per linked event;
// pandas reads the table with its defaults (numbers as numbers, UTF-8
// text intact).
func TestExportCSV(t *testing.T) {
	db := seedsStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "claims.csv")
	mustRun(t, "--db", db, "export", "--format", "csv", "-o", path)
	rows := readCSVFile(t, path, export.ClaimColumns)
	events := jsonLines(t, mustRun(t, "--db", db, "events", "--format", "jsonl"))
	checkClaimRows(t, db, rows, events)
	known := checkSohr27Row(t, rows)
	checkEventRows(t, db, filepath.Join(dir, "events.csv"), events, known)
	if _, _, err := run(t, "--db", db, "export", "--format", "nquads", "--per", "event"); err == nil {
		t.Error("--per event with --format nquads: no error")
	}
	t.Run("pandas", func(t *testing.T) { checkPandas(t, path, len(rows), known) })
}

// checkClaimRows checks that the rows of the claims table, in order, are
// the claims of 'claims --format jsonl', with their articles' outlet and
// date and their linked events (of events, 'events --format jsonl').
func checkClaimRows(t *testing.T, db string, rows []map[string]string, events []interface{}) {
	t.Helper()
	claims := jsonLines(t, mustRun(t, "--db", db, "claims", "--format", "jsonl"))
	if len(rows) != len(claims) {
		t.Fatalf("%d rows, %d claims", len(rows), len(claims))
	}
	articles := map[string]map[string]interface{}{}
	for _, a := range jsonLines(t, mustRun(t, "--db", db, "articles", "--format", "jsonl")) {
		articles[a.(map[string]interface{})["id"].(string)] = a.(map[string]interface{})
	}
	eventOf := map[string]string{}
	for _, e := range events {
		e := e.(map[string]interface{})
		for _, c := range e["claims"].([]interface{}) {
			eventOf[c.(string)] = e["event"].(string)
		}
	}
	for i, r := range rows {
		c := claims[i].(map[string]interface{})
		a := articles[r["article_id"]]
		for col, v := range map[string]interface{}{
			"claim_id": c["id"], "article_id": c["article"], "metric": c["metric"], "min": c["min"], "max": c["max"],
			"value": c["value"], "figure": c["figure_text"], "unit": c["unit"], "aggregate": c["aggregate"],
			"date": c["start"], "date_end": c["end"], "admin1": c["admin1"], "place": c["location_name"], "place_id": c["location"],
			"claimant": c["claimant_name"], "claimant_id": c["claimant"], "relays": c["via"], "evidence": c["evidence"],
			"outlet": a["outlet"], "published": a["published"], "linked_event": eventOf[c["id"].(string)],
		} {
			if r[col] != str(v) {
				t.Errorf("row %d (%s): %s = %q, want %q", i+1, r["claim_id"], col, r[col], str(v))
			}
		}
		if r["lat"] != "" {
			if _, err := strconv.ParseFloat(r["lat"], 64); err != nil {
				t.Errorf("row %d: lat %q", i+1, r["lat"])
			}
		}
	}
}

// checkSohr27Row returns the row of SOHR's 27 killed in 001 (the last, if
// several) and checks its columns.
func checkSohr27Row(t *testing.T, rows []map[string]string) map[string]string {
	t.Helper()
	var known map[string]string
	for _, r := range rows {
		if strings.HasPrefix(r["article_id"], "001_") && r["claimant_id"] == "sohr" && r["metric"] == "killed" && r["value"] == "27" {
			known = r
		}
	}
	if known == nil {
		t.Fatal("no row for SOHR's 27 killed in 001")
	}
	for col, v := range map[string]string{"date": "2019-04-18", "date_end": "2019-04-20", "admin1": "Homs", "outlet": "Rudaw",
		"origin": "sohr", "claimant": "Syrian Observatory for Human Rights", "min": "27", "max": "27", "published": "2019-04-20"} {
		if known[col] != v {
			t.Errorf("SOHR's 27 in 001: %s = %q, want %q", col, known[col], v)
		}
	}
	if known["linked_event"] == "" || known["lat"] == "" || known["lon"] == "" {
		t.Errorf("SOHR's 27 in 001 has no linked event or coordinates: %v", known)
	}
	return known
}

// checkEventRows exports the table of one row per linked event to path and
// checks its rows, in order, against events ('events --format jsonl'), and
// the row of the event of known, SOHR's 27.
func checkEventRows(t *testing.T, db, path string, events []interface{}, known map[string]string) {
	t.Helper()
	mustRun(t, "--db", db, "export", "--format", "csv", "--per", "event", "-o", path)
	erows := readCSVFile(t, path, export.EventColumns)
	if len(erows) != len(events) {
		t.Fatalf("--per event: %d rows, %d linked events", len(erows), len(events))
	}
	for i, r := range erows {
		e := events[i].(map[string]interface{})
		for col, v := range map[string]interface{}{"linked_event": e["event"], "name": e["name"], "kind": e["kind"],
			"date": e["start"], "date_end": e["end"], "place_id": e["place"], "aggregate": e["aggregate"],
			"independent_origins": e["independent_origins"]} {
			if r[col] != str(v) {
				t.Errorf("event row %d (%s): %s = %q, want %q", i+1, r["linked_event"], col, r[col], str(v))
			}
		}
		if r["linked_event"] == known["linked_event"] && (r["metric"] != "killed" || !strings.Contains("; "+r["figures"]+"; ", "; 27; ")) {
			t.Errorf("the event of SOHR's 27: metric %q, figures %q", r["metric"], r["figures"])
		}
	}
}

// checkPandas reads the claims table at path with pandas' defaults: rows
// rows, the columns in order, numbers as numbers, and the row of known
// (SOHR's 27) intact.
func checkPandas(t *testing.T, path string, rows int, known map[string]string) {
	py := pythonWith(t, "pandas", "python3-pandas")
	cmd := exec.Command(py, filepath.Join("testdata", "read_csv.py"), path, known["claim_id"])
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("read_csv.py: %v\n%s", err, stderr.String())
	}
	var got struct {
		Rows    int
		Columns []string
		Dtypes  map[string]string
		Claim   []map[string]interface{}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("read_csv.py printed %q: %v", out, err)
	}
	if got.Rows != rows || strings.Join(got.Columns, ",") != strings.Join(export.ClaimColumns, ",") {
		t.Errorf("pandas: %d rows, columns %v", got.Rows, got.Columns)
	}
	for col, dt := range got.Dtypes {
		if dt != "float64" && dt != "int64" {
			t.Errorf("pandas reads %s as %s, not numbers", col, dt)
		}
	}
	if len(got.Claim) != 1 {
		t.Fatalf("pandas: %d rows for %s", len(got.Claim), known["claim_id"])
	}
	c := got.Claim[0]
	if c["value"] != 27.0 || c["admin1"] != "Homs" || c["evidence"] != known["evidence"] || c["outlet"] != "Rudaw" {
		t.Errorf("pandas: SOHR's 27 in 001 read as %v", c)
	}
}
