package main

import (
	"bytes"
	"encoding/json"
	"fmt"
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
				lo := fmt.Sprintf("%d", 2011+8*atoi(t, k))
				hi := fmt.Sprintf("%d", 2019+8*atoi(t, k))
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
