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
		{"At least 31 guards died at the checkpoint.", []want{{"At least 31", "at least", 31, 31, open, "", false, false}}},
		{"No less than 44 fighters were lost.", []want{{"No less than 44", "at least", 44, 44, open, "", false, false}}},
		{"More than 16 soldiers were shot.", []want{{"More than 16", "more than", 16, 17, open, "", false, false}}},
		{"The raid killed over 90 people.", []want{{"over 90", "more than", 90, 91, open, "", false, false}}},
		{"Nearly 60 recruits died.", []want{{"Nearly 60", "nearly", 60, 48, 59, "", false, false}}},
		{"almost 10 men were found", []want{{"almost 10", "nearly", 10, 8, 9, "", false, false}}},
		{"Up to 80 troops may have died.", []want{{"Up to 80", "up to", 80, open, 80, "", false, false}}},
		{"as many as 45 guards since May", []want{{"as many as 45", "up to", 45, open, 45, "", false, false}}},
		{"some 700 men were trapped", []want{{"some 700", "about", 700, 700, 700, "", true, false}}},
		{"about 40 bodies", []want{{"about 40", "about", 40, 40, 40, "", true, false}}},
		{"around 33 dead", []want{{"around 33", "about", 33, 33, 33, "", true, false}}},
		{"fewer than 5 survived", []want{{"fewer than 5", "less than", 5, open, 4, "", false, false}}},
		{"the monitor said \u201cat least\u201d 52 guards died", []want{{"at least\u201d 52", "at least", 52, 52, open, "", false, false}}},
		{"between 10 and 14 died", []want{{"between 10 and 14", "between", open, 10, 14, "", false, false}}},
		// number words and dozens
		{"Eleven shepherds were killed.", []want{{"Eleven", "", 11, 11, 11, "", false, false}}},
		{"twenty-seven and thirty one", []want{{"twenty-seven", "", 27, 27, 27, "", false, false}, {"thirty one", "", 31, 31, 31, "", false, false}}},
		{"one hundred and fifty guards", []want{{"one hundred and fifty", "", 150, 150, 150, "", false, false}}},
		{"two hundred thousand refugees", []want{{"two hundred thousand", "", 200000, 200000, 200000, "", false, false}}},
		{"a dozen soldiers", []want{{"a dozen", "", 12, 12, 12, "", false, false}}},
		{"at least a dozen guards or missing", []want{{"at least a dozen", "at least", 12, 12, open, "", false, false}}},
		{"nearly two dozen fighters", []want{{"nearly two dozen", "nearly", 24, 19, 23, "", false, false}}},
		{"half a dozen boys", []want{{"half a dozen", "", 6, 6, 6, "", false, false}}},
		{"more than a quarter of a million people", []want{{"more than a quarter of a million", "more than", 250000, 250001, open, "", false, false}}},
		{"a third of a million refugees", []want{{"a third of a million", "", 333333, 333333, 333333, "", true, false}}},
		{"Dozens of recruits died", []want{{"Dozens", "", open, 24, open, "", false, false}}},
		{"Scores of guards died", []want{{"Scores", "", open, 40, open, "", false, false}}},
		{"hundreds of families", []want{{"hundreds", "", open, 200, open, "", false, false}}},
		{"thousands of families", []want{{"thousands", "", open, 2000, open, "", false, false}}},
		{"tens of thousands of families", []want{{"tens of thousands", "", open, 20000, open, "", false, false}}},
		{"millions of families fled", []want{{"millions", "", open, 2000000, open, "", false, false}}},
		// vague
		{"several of the guards", []want{{"several", "", open, open, open, "", false, true}}},
		{"killed a number of militants", []want{{"a number of", "", open, open, open, "", false, true}}},
		{"killed 12 fighters and wounded others", []want{{"12", "", 12, 12, 12, "", false, false}, {"others", "", open, open, open, "", false, true}}},
		// digits
		{"More than 2,300 people died", []want{{"More than 2,300", "more than", 2300, 2301, open, "", false, false}}},
		{"more than 370000 people died", []want{{"more than 370000", "more than", 370000, 370001, open, "", false, false}}},
		{"1500 people fled", []want{{"1500", "", 1500, 1500, 1500, "", false, false}}},
		{"killed 2000 people", []want{{"2000", "", 2000, 2000, 2000, "", false, false}}},
		{"1.5 million people", []want{{"1.5 million", "", 1500000, 1500000, 1500000, "", false, false}}},
		// not people
		{"an area of some 3,200 square kilometers", []want{{"some 3,200 square kilometers", "about", 3200, 3200, 3200, "km2", true, false}}},
		{"it lasted almost six years", []want{{"almost six years", "nearly", 6, 5, 5, "years", false, false}}},
		{"some two thirds of the land", []want{{"some two thirds", "about", open, open, open, "fraction", true, false}}},
		{"the militia said twice", []want{{"twice", "", 2, 2, 2, "times", false, false}}},
		{"it besieged two units of guards", []want{{"two", "", 2, 2, 2, "object", false, false}}},
		{"shells hit four residential neighborhoods", []want{{"four", "", 4, 4, 4, "object", false, false}}},
		{"destroyed two of their machinegun-equipped vehicles", []want{{"two", "", 2, 2, 2, "object", false, false}}},
		{"one of its tanks", []want{{"one", "", 1, 1, 1, "object", false, false}}},
		{"two of their commanders were killed", []want{{"two", "", 2, 2, 2, "", false, false}}},
		{"four of the victims died in airstrikes", []want{{"four", "", 4, 4, 4, "", false, false}}},
		{"two of the soldiers in the vehicles were killed", []want{{"two", "", 2, 2, 2, "", false, false}}},
		{"two of the men who fled the tanks", []want{{"two", "", 2, 2, 2, "", false, false}}},
		{"four senior officers died", []want{{"four", "", 4, 4, 4, "", false, false}}},
		{"the war began in 2011", []want{{"2011", "", 2011, 2011, 2011, "year", false, false}}},
		{"On May 3 the town fell", []want{{"May 3", "", open, open, open, "date", false, false}}},
		{"on 3 May 2018 it fell", []want{{"3 May 2018", "", open, open, open, "date", false, false}}},
		{"Last updated at Jun 142016 BEIRUT", []want{{"Jun 142016", "", open, open, open, "date", false, false}}},
		{"Oct. 27 2016 (Photo)", []want{{"Oct. 27 2016", "", open, open, open, "date", false, false}}},
		{"in December 2017", []want{{"December 2017", "", open, open, open, "date", false, false}}},
		{"Posted 21.03.2018 14:05", []want{{"21.03.2018", "", open, open, open, "date", false, false}, {"14:05", "", open, open, open, "time", false, false}}},
		{"at 7 pm local time", []want{{"7 pm", "", 7, 7, 7, "time", false, false}}},
		{"a 9-year-old girl", []want{{"9-year-old", "", 9, 9, 9, "age", false, false}}},
		{"a girl aged 9", []want{{"9", "", 9, 9, 9, "age", false, false}}},
		{"30 percent of the city", []want{{"30 percent", "", 30, 30, 30, "percent", false, false}}},
		{"$4 million in aid", []want{{"4 million", "", 4000000, 4000000, 4000000, "money", false, false}}},
		{"the army's 17th Division", []want{{"17th", "", 17, 17, 17, "ordinal", false, false}}},
		{"the first convoy", []want{{"first", "", 1, 1, 1, "ordinal", false, false}}},
		{"under Resolution 2118", []want{{"2118", "", 2118, 2118, 2118, "id", false, false}}},
		{"an S-400 battery", []want{{"400", "", 400, 400, 400, "id", false, false}}},
		{"over the past 48 hours", []want{{"48 hours", "", 48, 48, 48, "hours", false, false}}},
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
