package dates

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func sharedDir(tb testing.TB) string {
	d := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(d); err != nil {
		tb.Skipf("shared data not found at %s (%v): run beside ../shared", d, err)
	}
	return d
}

func readJSONL(tb testing.TB, path string, fn func([]byte)) {
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}

// TestCorpusStamps measures FindStamp on the FA-KES dev corpus: how many
// articles have a stamp, and how often the stamp's date is the crowd's
// gold date on rows with date_reliable. The project needs >= 0.95 there
// (trivial baseline 0.837).
func TestCorpusStamps(t *testing.T) {
	d := sharedDir(t)
	type row struct {
		ID, Outlet, Title, Text string
		Date                    string
		Reliable                bool `json:"date_reliable"`
	}
	gold := map[string]row{}
	readJSONL(t, filepath.Join(d, "corpus", "fakes_dev.gold.jsonl"), func(b []byte) {
		var r row
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		gold[r.ID] = r
	})
	var n, found, reliable, hit int
	readJSONL(t, filepath.Join(d, "corpus", "fakes_dev.jsonl"), func(b []byte) {
		var r row
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		n++
		ts, s, e, ok := FindStamp(r.Text)
		if ok {
			found++
		}
		g := gold[r.ID]
		if !g.Reliable {
			return
		}
		reliable++
		if ok && ts.Format(time.DateOnly) == g.Date {
			hit++
			return
		}
		stamp := ""
		if ok {
			stamp = r.Text[s:e] + " -> " + ts.Format(time.DateOnly)
		}
		head := r.Text
		if len(head) > 160 {
			head = head[:160]
		}
		t.Logf("miss %s %s gold %s stamp %q | %s", r.ID, r.Outlet, g.Date, stamp, head)
	})
	acc := float64(hit) / float64(reliable)
	t.Logf("stamp found in %d/%d articles; date == gold on %d/%d reliable rows = %.3f", found, n, hit, reliable, acc)
	if acc < 0.95 {
		t.Errorf("date accuracy %.3f on reliable rows, want >= 0.95", acc)
	}
}

// TestSeedStamps checks FindStamp on the five seed articles against the
// published dates of seeds.gold.json (000 and 004 state none).
func TestSeedStamps(t *testing.T) {
	d := sharedDir(t)
	want := map[string]string{"000": "", "001": "2019-04-20", "002": "2019-04-20", "003": "2019-04-20", "004": ""}
	files, _ := filepath.Glob(filepath.Join(d, "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("no seeds in " + d)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := filepath.Base(f)[:3]
		got := ""
		if ts, _, _, ok := FindStamp(string(b)); ok {
			got = ts.Format(time.DateOnly)
		}
		if got != want[id] {
			t.Errorf("%s: FindStamp = %q, want %q", id, got, want[id])
		}
	}
}
