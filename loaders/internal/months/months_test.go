package months

import "testing"

func TestNames(t *testing.T) {
	for name, want := range map[string]int{"january": 1, "apr": 4, "sept": 9, "december": 12} {
		if got := Names[name]; got != want {
			t.Errorf("Names[%q] = %d, want %d", name, got, want)
		}
	}
	if len(Names) < 12 {
		t.Errorf("%d month names, want at least 12", len(Names))
	}
}
