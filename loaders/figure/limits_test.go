package figure

import (
	"fmt"
	"testing"
)

// TestUnrepresentable: a number that cannot be represented, or a negative
// one, is no figure: never wrapped, rounded or cut (issue 14 item 6).
func TestUnrepresentable(t *testing.T) {
	tests := []struct{ sentence, text, unit string }{
		{"9223372036854775807 people were killed", "9223372036854775807", UnitOverflow},
		{"more than 9223372036854775807 died", "more than 9223372036854775807", UnitOverflow},
		{"9007199254740992 died", "9007199254740992", UnitOverflow}, // MaxValue+1
		{"between 5 and 99999999999999999999 people died", "between 5 and 99999999999999999999", UnitOverflow},
		{"between 99999999999999999999 and 5 died", "between 99999999999999999999 and 5", UnitOverflow},
		{"1e400 soldiers died", "1e400", UnitOverflow},
		{"20 quintillion people died", "20 quintillion", UnitOverflow},
		{"99999999999bn people", "99999999999bn", UnitOverflow},
		{"-5 killed", "-5", UnitNegative},
		{"the toll was \u22125 people", "\u22125", UnitNegative},
		{"a change of (-5) people", "-5", UnitNegative},
	}
	for _, tt := range tests {
		got := Find(tt.sentence)
		if len(got) != 1 {
			t.Errorf("Find(%q) = %v, want one mention %q", tt.sentence, texts(got), tt.text)
			continue
		}
		m := got[0]
		if m.Text != tt.text || m.Unit != tt.unit || m.Value != nil || m.Min != nil || m.Max != nil || m.People() {
			t.Errorf("Find(%q) = %q unit %q value %d [%d, %d]; want %q unit %q and no number",
				tt.sentence, m.Text, m.Unit, i64(m.Value), i64(m.Min), i64(m.Max), tt.text, tt.unit)
		}
	}
	// what stays a figure
	for s, want := range map[string]int64{
		"9007199254740991 died": MaxValue, "1e3 soldiers died": 1000, "20 trillion": 20e12, "the 2011-2015 war": 2011,
	} {
		if got := Find(s); len(got) == 0 || i64(got[0].Value) != want {
			t.Errorf("Find(%q) = %v, want a first value %d", s, got, want)
		}
	}
}

// TestIntervalsOrdered is a property test: whatever the qualifier and the
// numbers, an interval is never empty and never outside [0, MaxValue+1].
func TestIntervalsOrdered(t *testing.T) {
	nums := []string{"0", "1", "2", "5", "0.4", "0.6", "1.5", "27", "1,500", "9007199254740991", "9007199254740992",
		"9223372036854775807", "99999999999999999999", "1e400", "1e3", "2.5e-3", "-5", "zero", "one", "a dozen",
		"20 quintillion", "1.5 million", "nine hundred ninety nine billion", "half a dozen"}
	quals := []string{"", "at least ", "more than ", "nearly ", "up to ", "fewer than ", "some ", "between "}
	n := 0
	for _, q := range quals {
		for _, a := range nums {
			for _, b := range nums {
				s := q + a + " people were killed"
				if q == "between " {
					s = fmt.Sprintf("between %s and %s people were killed", a, b)
				} else if b != nums[0] {
					continue
				}
				checkSpans(t, s, Find(s))
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d sentences tried", n)
	}
}
