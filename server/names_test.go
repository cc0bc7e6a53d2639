package server

import (
	"reflect"
	"testing"
)

// TestNamesIndex checks the inverted index the filters of /api/events
// match: each distinct name held once with the events that give it, and a
// filter marks the events of every name it matches, folded or by
// transliteration key.
func TestNamesIndex(t *testing.T) {
	var n names
	f := newFolder()
	n.add(f, 0, "sohr", "Syrian Observatory for Human Rights", "Rudaw")
	n.add(f, 1, "amaq", "Amaq News Agency", "", "amaq")
	n.add(f, 2, "Syrian Observatory for Human Rights", "Al-Masdar News")
	n.add(f, 3, "As Sukhnah")
	if len(n.hay) != 7 {
		t.Errorf("%d names held, want the 7 distinct ones", len(n.hay))
	}
	if got := n.events[n.at["amaq"]]; !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("events of amaq: %v, want [1]", got)
	}
	for _, c := range []struct {
		match func(haystack) bool
		want  []bool
	}{
		{func(h haystack) bool { return h.contains(fold("observatory")) }, []bool{true, false, true, false}},
		{func(h haystack) bool { return h.contains(fold("al masdar")) }, []bool{false, false, true, false}},
		{placeNeedle("al-Sukhna").in, []bool{false, false, false, true}},
		{func(h haystack) bool { return h.contains("nowhere") }, []bool{false, false, false, false}},
	} {
		if got := n.mark(4, c.match); !reflect.DeepEqual(got, c.want) {
			t.Errorf("mark: %v, want %v", got, c.want)
		}
	}
}
