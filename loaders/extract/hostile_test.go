package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/internal/hostile"
)

// hostileInput returns the hostile article c at about size bytes.
func hostileInput(tb testing.TB, c hostile.Case, size int) *Input {
	data := c.Make(size)
	in := &Input{ID: c.Name, Origin: c.Name + c.Ext, Hash: Hash([]byte(data))}
	if c.Ext != ".json" {
		in.Text = data
		return in
	}
	var rec struct{ ID, Title, Text, Date string }
	if err := json.Unmarshal([]byte(data), &rec); err != nil {
		tb.Fatal(err)
	}
	in.Title, in.Text, in.Published = rec.Title, rec.Text, rec.Date
	return in
}

// TestHostileArticlesBounded: whatever an article holds, it gives at most
// MaxClaims claims, and no claim's evidence is longer than a window around
// its figure. Before, 200 KB of "including N children" gave 8,042 claims,
// and a sentence of 100,000 words repeated itself in each of its ~600.
func TestHostileArticlesBounded(t *testing.T) {
	x := extractor(t)
	for _, c := range hostile.Cases {
		t.Run(c.Name, func(t *testing.T) {
			in := hostileInput(t, c, 200_000)
			doc, err := x.Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Claims) > MaxClaims {
				t.Errorf("%d claims, want at most %d", len(doc.Claims), MaxClaims)
			}
			text := in.Text
			for i, cl := range doc.Claims {
				if n := len(cl.Evidence); n > MaxEvidence {
					t.Fatalf("claim %d: evidence of %d bytes, want at most %d", i, n, MaxEvidence)
				}
				if !utf8.ValidString(cl.Evidence) {
					t.Fatalf("claim %d: evidence is not UTF-8: %q", i, cl.Evidence)
				}
				if cl.Section == "headline" {
					continue
				}
				// the evidence, without its marks of a cut, lies in the
				// sentence that starts at Offset
				ev := strings.TrimSuffix(strings.TrimPrefix(cl.Evidence, "…"), "…")
				if cl.Offset < 0 || cl.Offset > len(text) || !strings.Contains(text[cl.Offset:min(len(text), cl.Offset+len(ev)+MaxEvidence+1<<20)], ev) {
					t.Fatalf("claim %d: evidence %.80q not found after offset %d", i, ev, cl.Offset)
				}
				if cl.SubsetOf >= len(doc.Claims) {
					t.Fatalf("claim %d: part of claim %d of %d", i, cl.SubsetOf, len(doc.Claims))
				}
			}
		})
	}
}

// TestEvidenceWindow: a long sentence's evidence is the words around the
// figure, cut between words and marked where it is cut.
func TestEvidenceWindow(t *testing.T) {
	long := strings.Repeat("word ", 200) + "at least 27 people were killed" + strings.Repeat(" ém", 400)
	pos := strings.Index(long, "at least")
	got := evidenceWindow(long, pos)
	if !strings.HasPrefix(got, "…word ") || !strings.HasSuffix(got, " ém…") || !strings.Contains(got, "at least 27 people were killed") {
		t.Errorf("evidenceWindow = %q", got)
	}
	if len(got) > 2*EvidenceWindow+2*len("…") {
		t.Errorf("evidenceWindow: %d bytes", len(got))
	}
	if got := evidenceWindow(long, -1); !strings.HasPrefix(got, "word word") || !strings.HasSuffix(got, "…") {
		t.Errorf("evidenceWindow(-1) = %.40q...", got)
	}
}

// TestHostileArticlesLinear extracts every hostile article at 2 MB, as one
// article. Each costs the new code a few seconds; before, the quadratic
// spots made them cost far more than the package's test timeout (10 min):
// 200 KB of "including N children" took 77 s, a 200 KB title 36 s and
// 200 KB of URLs 25 s (ten times the size is a hundred times the time).
func TestHostileArticlesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("2 MB articles: not in -short")
	}
	x := extractor(t)
	for _, c := range hostile.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if _, err := x.Extract(hostileInput(t, c, 2<<20)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// BenchmarkHostile extracts each hostile article at 256 KB, 1 MB and 4 MB:
// the time per byte should stay about the same.
func BenchmarkHostile(b *testing.B) {
	x := extractor(b)
	for _, c := range hostile.Cases {
		for _, size := range []int{256 << 10, 1 << 20, 4 << 20} {
			b.Run(fmt.Sprintf("%s-%dKB", c.Name, size>>10), func(b *testing.B) {
				in := hostileInput(b, c, size)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := x.Extract(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestCutLong: a sentence over MaxSentence is read in pieces that cover it,
// each at most MaxSentence bytes, cut between words, at its own offset.
func TestCutLong(t *testing.T) {
	text := "Title\n\n" + strings.Repeat("killed in Aleppo and é ", 20000) + "."
	s := sentence{Text: text[7:], Offset: 7}
	pieces := cutLong(nil, s)
	if len(pieces) < 2 {
		t.Fatalf("%d pieces", len(pieces))
	}
	var joined []string
	for _, p := range pieces {
		if len(p.Text) > MaxSentence || p.Text == "" {
			t.Fatalf("piece of %d bytes", len(p.Text))
		}
		if !strings.HasPrefix(text[p.Offset:], p.Text) {
			t.Fatalf("piece %.20q not at offset %d", p.Text, p.Offset)
		}
		if end := p.Offset + len(p.Text); end < len(text) && text[end] != ' ' {
			t.Fatalf("piece cut inside a word: ...%q", text[end-10:end+2])
		}
		joined = append(joined, p.Text)
	}
	if strings.Join(joined, " ") != s.Text {
		t.Error("the pieces do not make up the sentence")
	}
	if got := cutLong(nil, sentence{Text: "short", Offset: -1}); len(got) != 1 || got[0].Text != "short" {
		t.Errorf("cutLong(short) = %v", got)
	}
}
