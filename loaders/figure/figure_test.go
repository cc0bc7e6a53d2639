package figure

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// want describes one expected mention; nil bounds are open, -1 in val means nil.
type want struct {
	text, qual string
	val        int64 // -1: nil
	min, max   int64 // -1: open
	unit       string
	approx     bool
	vague      bool
}

const open = -1

func i64(p *int64) int64 {
	if p == nil {
		return open
	}
	return *p
}

func TestFind(t *testing.T) {
	tests := []struct {
		sentence string
		want     []want
	}{
		// qualifiers
		{"At least 31 guards died at the checkpoint.", []want{{text: "At least 31", qual: "at least", val: 31, min: 31, max: open}}},
		{"No less than 44 fighters were lost.", []want{{text: "No less than 44", qual: "at least", val: 44, min: 44, max: open}}},
		{"More than 16 soldiers were shot.", []want{{text: "More than 16", qual: "more than", val: 16, min: 17, max: open}}},
		{"The raid killed over 90 people.", []want{{text: "over 90", qual: "more than", val: 90, min: 91, max: open}}},
		{"Nearly 60 recruits died.", []want{{text: "Nearly 60", qual: "nearly", val: 60, min: 48, max: 59}}},
		{"almost 10 men were found", []want{{text: "almost 10", qual: "nearly", val: 10, min: 8, max: 9}}},
		{"Up to 80 troops may have died.", []want{{text: "Up to 80", qual: "up to", val: 80, min: open, max: 80}}},
		{"as many as 45 guards since May", []want{{text: "as many as 45", qual: "up to", val: 45, min: open, max: 45}}},
		{"some 700 men were trapped", []want{{text: "some 700", qual: "about", val: 700, min: 700, max: 700, approx: true}}},
		{"about 40 bodies", []want{{text: "about 40", qual: "about", val: 40, min: 40, max: 40, approx: true}}},
		{"around 33 dead", []want{{text: "around 33", qual: "about", val: 33, min: 33, max: 33, approx: true}}},
		{"fewer than 5 survived", []want{{text: "fewer than 5", qual: "less than", val: 5, min: open, max: 4}}},
		{"the monitor said \u201cat least\u201d 52 guards died", []want{{text: "at least\u201d 52", qual: "at least", val: 52, min: 52, max: open}}},
		{"between 10 and 14 died", []want{{text: "between 10 and 14", qual: "between", val: open, min: 10, max: 14}}},
		// number words and dozens
		{"Eleven shepherds were killed.", []want{{text: "Eleven", val: 11, min: 11, max: 11}}},
		{"twenty-seven and thirty one", []want{{text: "twenty-seven", val: 27, min: 27, max: 27}, {text: "thirty one", val: 31, min: 31, max: 31}}},
		{"one hundred and fifty guards", []want{{text: "one hundred and fifty", val: 150, min: 150, max: 150}}},
		{"two hundred thousand refugees", []want{{text: "two hundred thousand", val: 200000, min: 200000, max: 200000}}},
		{"a dozen soldiers", []want{{text: "a dozen", val: 12, min: 12, max: 12}}},
		{"at least a dozen guards or missing", []want{{text: "at least a dozen", qual: "at least", val: 12, min: 12, max: open}}},
		{"nearly two dozen fighters", []want{{text: "nearly two dozen", qual: "nearly", val: 24, min: 19, max: 23}}},
		{"half a dozen boys", []want{{text: "half a dozen", val: 6, min: 6, max: 6}}},
		{"more than a quarter of a million people", []want{{text: "more than a quarter of a million", qual: "more than", val: 250000, min: 250001, max: open}}},
		{"a third of a million refugees", []want{{text: "a third of a million", val: 333333, min: 333333, max: 333333, approx: true}}},
		{"Dozens of recruits died", []want{{text: "Dozens", val: open, min: 24, max: open}}},
		{"Scores of guards died", []want{{text: "Scores", val: open, min: 40, max: open}}},
		{"hundreds of families", []want{{text: "hundreds", val: open, min: 200, max: open}}},
		{"thousands of families", []want{{text: "thousands", val: open, min: 2000, max: open}}},
		{"tens of thousands of families", []want{{text: "tens of thousands", val: open, min: 20000, max: open}}},
		{"millions of families fled", []want{{text: "millions", val: open, min: 2000000, max: open}}},
		// vague
		{"several of the guards", []want{{text: "several", val: open, min: open, max: open, vague: true}}},
		{"killed a number of militants", []want{{text: "a number of", val: open, min: open, max: open, vague: true}}},
		{"killed 12 fighters and wounded others", []want{{text: "12", val: 12, min: 12, max: 12}, {text: "others", val: open, min: open, max: open, vague: true}}},
		// digits
		{"More than 2,300 people died", []want{{text: "More than 2,300", qual: "more than", val: 2300, min: 2301, max: open}}},
		{"more than 370000 people died", []want{{text: "more than 370000", qual: "more than", val: 370000, min: 370001, max: open}}},
		{"1500 people fled", []want{{text: "1500", val: 1500, min: 1500, max: 1500}}},
		{"killed 2000 people", []want{{text: "2000", val: 2000, min: 2000, max: 2000}}},
		{"1.5 million people", []want{{text: "1.5 million", val: 1500000, min: 1500000, max: 1500000}}},
		// not people
		{"an area of some 3,200 square kilometers", []want{{text: "some 3,200 square kilometers", qual: "about", val: 3200, min: 3200, max: 3200, unit: "km2", approx: true}}},
		{"it lasted almost six years", []want{{text: "almost six years", qual: "nearly", val: 6, min: 5, max: 5, unit: "years"}}},
		{"some two thirds of the land", []want{{text: "some two thirds", qual: "about", val: open, min: open, max: open, unit: "fraction", approx: true}}},
		{"the militia said twice", []want{{text: "twice", val: 2, min: 2, max: 2, unit: "times"}}},
		{"it besieged two units of guards", []want{{text: "two", val: 2, min: 2, max: 2, unit: "object"}}},
		{"shells hit four residential neighborhoods", []want{{text: "four", val: 4, min: 4, max: 4, unit: "object"}}},
		{"destroyed two of their machinegun-equipped vehicles", []want{{text: "two", val: 2, min: 2, max: 2, unit: "object"}}},
		{"one of its tanks", []want{{text: "one", val: 1, min: 1, max: 1, unit: "object"}}},
		{"two of their commanders were killed", []want{{text: "two", val: 2, min: 2, max: 2}}},
		{"four of the victims died in airstrikes", []want{{text: "four", val: 4, min: 4, max: 4}}},
		{"two of the soldiers in the vehicles were killed", []want{{text: "two", val: 2, min: 2, max: 2}}},
		{"two of the men who fled the tanks", []want{{text: "two", val: 2, min: 2, max: 2}}},
		{"four senior officers died", []want{{text: "four", val: 4, min: 4, max: 4}}},
		{"the war began in 2011", []want{{text: "2011", val: 2011, min: 2011, max: 2011, unit: "year"}}},
		{"On May 3 the town fell", []want{{text: "May 3", val: open, min: open, max: open, unit: "date"}}},
		{"on 3 May 2018 it fell", []want{{text: "3 May 2018", val: open, min: open, max: open, unit: "date"}}},
		{"Last updated at Jun 142016 BEIRUT", []want{{text: "Jun 142016", val: open, min: open, max: open, unit: "date"}}},
		{"Oct. 27 2016 (Photo)", []want{{text: "Oct. 27 2016", val: open, min: open, max: open, unit: "date"}}},
		{"in December 2017", []want{{text: "December 2017", val: open, min: open, max: open, unit: "date"}}},
		{"Posted 21.03.2018 14:05", []want{{text: "21.03.2018", val: open, min: open, max: open, unit: "date"}, {text: "14:05", val: open, min: open, max: open, unit: "time"}}},
		{"at 7 pm local time", []want{{text: "7 pm", val: 7, min: 7, max: 7, unit: "time"}}},
		{"a 9-year-old girl", []want{{text: "9-year-old", val: 9, min: 9, max: 9, unit: "age"}}},
		{"a girl aged 9", []want{{text: "9", val: 9, min: 9, max: 9, unit: "age"}}},
		{"30 percent of the city", []want{{text: "30 percent", val: 30, min: 30, max: 30, unit: "percent"}}},
		{"$4 million in aid", []want{{text: "4 million", val: 4000000, min: 4000000, max: 4000000, unit: "money"}}},
		{"the army's 17th Division", []want{{text: "17th", val: 17, min: 17, max: 17, unit: "ordinal"}}},
		{"the first convoy", []want{{text: "first", val: 1, min: 1, max: 1, unit: "ordinal"}}},
		{"under Resolution 2118", []want{{text: "2118", val: 2118, min: 2118, max: 2118, unit: "id"}}},
		{"an S-400 battery", []want{{text: "400", val: 400, min: 400, max: 400, unit: "id"}}},
		{"over the past 48 hours", []want{{text: "48 hours", val: 48, min: 48, max: 48, unit: "hours"}}},
		{"no one was hurt", nil},
	}
	for _, tt := range tests {
		got := Find(tt.sentence)
		if len(got) != len(tt.want) {
			t.Errorf("Find(%q): got %d mentions %v, want %d", tt.sentence, len(got), texts(got), len(tt.want))
			continue
		}
		for k, w := range tt.want {
			g := got[k]
			if g.Text != w.text || g.Qualifier != w.qual || i64(g.Value) != w.val || i64(g.Min) != w.min ||
				i64(g.Max) != w.max || g.Unit != w.unit || g.Approx != w.approx || g.Vague != w.vague {
				t.Errorf("Find(%q)[%d] = %q q=%q v=%d [%d,%d] unit=%q approx=%v vague=%v; want %+v",
					tt.sentence, k, g.Text, g.Qualifier, i64(g.Value), i64(g.Min), i64(g.Max), g.Unit, g.Approx, g.Vague, w)
			}
			if tt.sentence[g.Start:g.End] != g.Text {
				t.Errorf("Find(%q)[%d]: span [%d,%d) is not Text %q", tt.sentence, k, g.Start, g.End, g.Text)
			}
		}
	}
}

func texts(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func TestFigure(t *testing.T) {
	m := Find("at least 27 dead")[0]
	f := m.Figure()
	if f.Text != "at least 27" || *f.Min != 27 || f.Max != nil || f.Qualifier != "at least" || !m.People() {
		t.Errorf("Figure() = %+v", f)
	}
}

// sharedDir is ../shared beside the module root.
func sharedDir(t testing.TB) string {
	d := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s (%v): run beside ../shared", d, err)
	}
	return d
}

// TestSeedFigures checks that every figure of seeds.gold.json is found in
// its article with the gold interval.
func TestSeedFigures(t *testing.T) {
	d := sharedDir(t)
	b, err := os.ReadFile(filepath.Join(d, "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles []struct {
			File   string
			Claims []struct {
				Figure *struct {
					Text     string
					Min, Max *int64
					Unit     string
				}
			}
		}
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	// figures that are not number expressions (an extractor reads "a colonel" as 1)
	skip := map[string]bool{"an SAA colonel": true, "a commander": true, "a captured SAA officer": true}
	// the gold reads "almost five years" as [open,5]; Find applies the nearly rule to every unit
	n := 0
	for _, a := range gold.Articles {
		text, err := os.ReadFile(filepath.Join(d, "seeds", filepath.Base(a.File)))
		if err != nil {
			t.Fatal(err)
		}
		ms := Find(string(text))
		for _, c := range a.Claims {
			f := c.Figure
			if f == nil || skip[f.Text] {
				continue
			}
			n++
			if strings.Contains(f.Unit, "people") {
				f.Unit = "" // "millions" displaced: a count of people
			}
			var found *Mention
			for k := range ms {
				txt := strings.NewReplacer("\u201c", "", "\u201d", "").Replace(ms[k].Text)
				if !strings.EqualFold(txt, f.Text) && !strings.EqualFold(txt, strings.TrimPrefix(f.Text, "some ")) {
					continue
				}
				found = &ms[k]
				if i64(found.Min) == i64(f.Min) && i64(found.Max) == i64(f.Max) && (found.Unit == "") == (f.Unit == "") {
					break
				}
			}
			if found == nil {
				t.Errorf("%s: gold figure %q not found", a.File, f.Text)
				continue
			}
			if f.Unit != "" {
				if found.Unit == "" {
					t.Errorf("%s: %q: unit %q in gold, none found", a.File, f.Text, f.Unit)
				}
				continue
			}
			if i64(found.Min) != i64(f.Min) || i64(found.Max) != i64(f.Max) {
				t.Errorf("%s: %q: got [%d,%d], gold [%d,%d]", a.File, f.Text, i64(found.Min), i64(found.Max), i64(f.Min), i64(f.Max))
			}
			if found.Unit != "" {
				t.Errorf("%s: %q: unit %q, gold counts people", a.File, f.Text, found.Unit)
			}
		}
	}
	t.Logf("%d gold figures checked", n)
}

func corpusTexts(tb testing.TB) []string {
	d := sharedDir(tb)
	f, err := os.Open(filepath.Join(d, "corpus", "fakes_dev.jsonl"))
	if err != nil {
		tb.Skipf("corpus: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		out = append(out, r.Title, r.Text)
	}
	return out
}

func checkSpans(t *testing.T, s string, ms []Mention) {
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.Start >= m.End || m.End > len(s) || s[m.Start:m.End] != m.Text ||
			m.NumStart < m.Start || m.NumEnd > m.End || m.NumStart >= m.NumEnd {
			t.Fatalf("bad mention %+v in %q", m, s)
		}
		if m.Min != nil && m.Max != nil && *m.Min > *m.Max {
			t.Fatalf("empty interval %+v in %q", m, s)
		}
		for _, p := range []*int64{m.Value, m.Min, m.Max} {
			// MaxValue+1: "more than MaxValue"
			if p != nil && (*p < 0 || *p > MaxValue+1) {
				t.Fatalf("number out of [0, MaxValue] %+v in %q", m, s)
			}
		}
		if (m.Unit == UnitOverflow || m.Unit == UnitNegative) && (m.Value != nil || m.Min != nil || m.Max != nil) {
			t.Fatalf("%s number with a value %+v in %q", m.Unit, m, s)
		}
		prev = m.End
	}
}

func TestCorpusSpans(t *testing.T) {
	for _, s := range corpusTexts(t) {
		checkSpans(t, s, Find(s))
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"At least 27 soldiers", "Jun 142016", "twenty-seven", "nearly two dozen",
		"1,500.5", "2016-06-14T10:00:00Z", "a 12-year-old", "$5m", "between 3 and", "half a", "S-300", "1990s",
		"\xff\xfe 12", "between 5 and 2 people", "9223372036854775807 people", "between 5 and 99999999999999999999",
		"1e400 soldiers", "-5 killed", "20 quintillion", "fewer than 0", "nearly 1", "more than 9007199254740991"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, Find(s))
	})
}

func BenchmarkFind(b *testing.B) {
	texts := corpusTexts(b)
	var n int64
	for _, s := range texts {
		n += int64(len(s))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			Find(s)
		}
	}
}
