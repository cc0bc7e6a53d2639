package linking

import (
	"math/rand"
	"testing"
)

// TestLessConcat: lessConcat orders two strings' concatenations as
// comparing the concatenations does, where one part is the start of
// another too.
func TestLessConcat(t *testing.T) {
	parts := []string{"", "a", "ab", "abc", "b", "ba", "a\x00b", "a\x00bc", "\x00"}
	for _, x1 := range parts {
		for _, x2 := range parts {
			for _, y1 := range parts {
				for _, y2 := range parts {
					if got, want := lessConcat(x1, x2, y1, y2), x1+x2 < y1+y2; got != want {
						t.Fatalf("lessConcat(%q, %q, %q, %q) = %v, want %v", x1, x2, y1, y2, got, want)
					}
				}
			}
		}
	}
	r := rand.New(rand.NewSource(1))
	word := func() string {
		b := make([]byte, r.Intn(5))
		for i := range b {
			b[i] = "ab/1"[r.Intn(4)]
		}
		return string(b)
	}
	for range 100000 {
		x1, x2, y1, y2 := word(), word(), word(), word()
		if got, want := lessConcat(x1, x2, y1, y2), x1+x2 < y1+y2; got != want {
			t.Fatalf("lessConcat(%q, %q, %q, %q) = %v, want %v", x1, x2, y1, y2, got, want)
		}
	}
}
