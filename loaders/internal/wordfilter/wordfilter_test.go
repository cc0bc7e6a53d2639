package wordfilter

import (
	"fmt"
	"testing"
)

func TestFilter(t *testing.T) {
	var f Filter
	if f.MayHave("said") || f.MayHave("") {
		t.Fatal("the zero Filter has words")
	}
	var in []string
	for i := 0; i < 600; i++ {
		in = append(in, fmt.Sprintf("w%dx", i))
	}
	in = append(in, "", "a", "according", "al-", "’s")
	for _, w := range in {
		f.Add(w)
	}
	for _, w := range in {
		if !f.MayHave(w) || !f.MayHaveBytes([]byte(w)) {
			t.Errorf("added %q, MayHave false", w)
		}
	}
	// other words are mostly rejected
	passed := 0
	for i := 0; i < 10000; i++ {
		if f.MayHave(fmt.Sprintf("other%d", i)) {
			passed++
		}
	}
	t.Logf("%d of 10000 other words pass", passed)
	if passed > 1500 {
		t.Errorf("%d of 10000 other words pass the filter", passed)
	}
}
