package dates

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkFind runs Find over the titles and texts of the FA-KES dev corpus.
func BenchmarkFind(b *testing.B) {
	var texts []string
	readJSONL(b, filepath.Join(sharedDir(b), "corpus", "fakes_dev.jsonl"), func(line []byte) {
		var r struct{ Title, Text string }
		if err := json.Unmarshal(line, &r); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, r.Title, r.Text)
	})
	ref := time.Date(2019, 4, 20, 0, 0, 0, 0, time.UTC)
	var n int64
	for _, s := range texts {
		n += int64(len(s))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			Find(s, ref)
		}
	}
}
