package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestSynth(t *testing.T) {
	base := []map[string]any{{
		"id":     "a1",
		"outlet": "x",
		"title":  "Air strike kills 27 in Idlib",
		"text":   "Wed 05 Apr 2017 At least 27 people were killed in Idlib on April 4, the monitor said at 10:30. Last updated at Apr 052017. 07.07.2015Get 28-04-2016 x.",
	}}
	var out, again bytes.Buffer
	if err := write(&out, base, 3, 1, false); err != nil {
		t.Fatal(err)
	}
	if err := write(&again, base, 3, 1, false); err != nil {
		t.Fatal(err)
	}
	if out.String() != again.String() {
		t.Error("same input and seed, different output")
	}
	var arts []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	if len(arts) != 3 || arts[0]["text"] != base[0]["text"] || arts[0]["id"] != "a1" {
		t.Fatalf("copy 0 is not the article itself: %v", arts)
	}
	text := arts[1]["text"].(string)
	switch {
	case arts[1]["id"] != "a1-1" || arts[2]["id"] != "a1-2":
		t.Errorf("ids %v, %v", arts[1]["id"], arts[2]["id"])
	case !strings.HasPrefix(text, "Wed 05 Apr 2025 "):
		t.Errorf("copy 1: the stamp's day must stay and its year move 8 on: %q", text)
	case !strings.Contains(text, "updated at Apr 052025. 07.07.2023Get 28-04-2024 x."):
		t.Errorf("copy 1: a year glued to its day or a word, or a numeric date, did not move as a whole: %q", text)
	case !strings.Contains(text, "on April 4,") || !strings.Contains(text, "10:30"):
		t.Errorf("copy 1: a day of a month or a time was scaled: %q", text)
	case strings.Contains(text, "At least 27 ") || strings.Contains(text, " Idlib "):
		t.Errorf("copy 1: the figure or the place did not change: %q", text)
	}
}

// TestSynthUndated: copies of an article without a dateline get a date in
// their copy's years, as a feed supplies one, unless -undated.
func TestSynthUndated(t *testing.T) {
	base := []map[string]any{
		{"id": "u", "text": "Air strike kills 27 in Idlib. At least 27 people were killed on Tuesday."},
		{"id": "d", "text": "Wed 05 Apr 2017 At least 27 people were killed in Idlib."},
	}
	for _, keep := range []bool{false, true} {
		var out bytes.Buffer
		if err := write(&out, base, 6, 1, keep); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var a map[string]any
			if err := json.Unmarshal([]byte(l), &a); err != nil {
				t.Fatal(err)
			}
			date, has := a["date"].(string)
			switch id := a["id"].(string); {
			case id == "u" || strings.HasPrefix(id, "d"):
				if has {
					t.Errorf("-undated=%v: %s has a date %q; only copies of undated articles get one", keep, id, date)
				}
			case keep:
				if has {
					t.Errorf("-undated: %s got a date %q", id, date)
				}
			default:
				k := id[len("u-"):]
				lo := fmt.Sprintf("%d", 2011+shiftOf(atoi(t, k)))
				hi := fmt.Sprintf("%d", 2019+shiftOf(atoi(t, k)))
				if !has || date < lo || date >= hi {
					t.Errorf("%s: date %q, want a day in [%s, %s)", id, date, lo, hi)
				}
			}
		}
	}
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSynthYearsStayReadable: however many copies, their years stay in
// 1900-2099, the years claimgraph reads as years (copies past 2099 used to
// be rejected as "not a date" and read as undated, from 10k articles on);
// copies that share a period have their months moved apart.
func TestSynthYearsStayReadable(t *testing.T) {
	base := []map[string]any{{
		"id":   "a",
		"date": "2017-01-31",
		"text": "Wed 05 Apr 2017 At least 27 people were killed on 31 January 2017, on May 2 and on 28.12.2016 (Jan. 3, 2011; 2019-12-31).",
	}}
	var out bytes.Buffer
	if err := write(&out, base, 262, 1, false); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		id, text, date := a["id"].(string), a["text"].(string), a["date"].(string)
		for _, y := range regexp.MustCompile(`\d{4}`).FindAllString(text+" "+date, -1) {
			if y < "1900" || y > "2099" {
				t.Errorf("%s: year %s out of 1900-2099: %q %q", id, y, date, text)
			}
		}
		if other, dup := seen[date+text[:17]]; dup {
			t.Errorf("%s and %s have the same dates: %q", id, other, date)
		}
		seen[date+text[:17]] = id
	}
	want := map[int]struct{ date, text string }{
		1:  {"2025-01-31", "Wed 05 Apr 2025 At least"},
		10: {"2097-01-31", "Wed 05 Apr 2097 At least"},
		11: {"2009-01-31", "Wed 05 Apr 2009 At least"},
		23: {"1913-01-31", "Wed 05 Apr 1913 At least"},
		24: {"2025-02-28", "Wed 05 May 2025 At least"}, // second round: a month on, the 31st clamped
		47: {"2025-03-31", "Wed 05 Jun 2025 At least"},
	}
	arts := strings.Split(strings.TrimSpace(out.String()), "\n")
	for k, w := range want {
		var a map[string]any
		if err := json.Unmarshal([]byte(arts[k]), &a); err != nil {
			t.Fatal(err)
		}
		if a["date"] != w.date || !strings.HasPrefix(a["text"].(string), w.text) {
			t.Errorf("copy %d: date %q text %.30q, want %q %q", k, a["date"], a["text"], w.date, w.text)
		}
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(arts[24]), &a); err != nil {
		t.Fatal(err)
	}
	if got := a["text"].(string); !strings.Contains(got, "on 28 February 2025, on June 2 and on 28.01.2024 (Feb. 3, 2019; 2027-01-31)") {
		t.Errorf("copy 24: months not moved one on within their years: %q", got)
	}
}

// TestSynthDaysStayInTheirMonth: a month moved on keeps its day inside the
// new month in every form a date is written ("Oct 31" moved one on is
// "Nov 30", not "Nov 31", which claimgraph rightly rejects, leaving the copy
// undated: at 30,000 articles such copies were read as timeless and tied
// thousands of articles into one component).
func TestSynthDaysStayInTheirMonth(t *testing.T) {
	dayMonth := regexp.MustCompile(`\b(?:(\d{1,2}) (` + monthAlt + `)|(` + monthAlt + `) (\d{1,2}))\b`)
	for _, text := range []string{"Mon Oct 31 2016", "October 31, 2016", "31 Oct 2016", "on 31 August and on Jan 30"} {
		for l := 1; l < 12; l++ {
			got := rotateMonths(text, l)
			for _, m := range dayMonth.FindAllStringSubmatch(got, -1) {
				day, _ := strconv.Atoi(m[1] + m[4])
				name := m[2] + m[3]
				for i, full := range monthNames {
					if strings.HasPrefix(full, name) && day > daysIn(2001, i+1) {
						t.Errorf("rotateMonths(%q, %d) = %q: day %d past the end of %s", text, l, got, day, full)
					}
				}
			}
		}
	}
	if got, want := rotateMonths("Mon Oct 31 2016", 1), "Mon Nov 30 2016"; got != want {
		t.Errorf("rotateMonths = %q, want %q", got, want)
	}
}
