package dates

import (
	"testing"
	"time"
)

func TestInferPublished(t *testing.T) {
	tests := []struct {
		name      string
		sentences []string
		day       string // "" when the year cannot be told
		weekday   time.Weekday
	}{
		{
			name: "weekdays land on stated dates",
			sentences: []string{
				"The group claimed on Tuesday that it had killed six soldiers.",
				"The first ambush took place on April 29, the second on April 30.",
				"Its commander was killed on Monday.",
				"The founder of the site tweeted Wednesday that April was worse than any month since December 2017.",
				"The war began in 2011.",
			},
			// 2019: April 29 is a Monday, April 30 a Tuesday; Wednesday closes the run
			day: "2019-05-01", weekday: time.Wednesday,
		},
		{
			name: "no year named",
			sentences: []string{
				"The attack on Thursday killed 20, the group said on Friday.",
				"A video posted on Monday showed the commander.",
				"On April 8 the campaign began.",
			},
			weekday: time.Monday,
		},
		{
			// April 29 and 30, 2013 are a Monday and a Tuesday too: a bare
			// background year must not make 2013 a candidate
			name: "a background year tells nothing",
			sentences: []string{
				"The group claimed on Tuesday that it had killed six soldiers.",
				"The first ambush took place on April 29, the second on April 30.",
				"Its commander was killed on Monday. The war began in 2011.",
			},
			weekday: time.Tuesday,
		},
		{
			name: "one coincidence is not enough",
			sentences: []string{
				"On Tuesday the town fell, ten years after the 2009 truce.",
				"The siege began on March 3.",
			},
			weekday: time.Tuesday,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inf := InferPublished(tt.sentences)
			got := ""
			if !inf.Day.IsZero() {
				got = inf.Day.Format("2006-01-02")
			}
			if got != tt.day {
				t.Errorf("day = %q (%s), want %q", got, inf.Why, tt.day)
			}
			if !inf.HasWeekday || inf.Weekday != tt.weekday {
				t.Errorf("weekday = %v (set %v), want %v", inf.Weekday, inf.HasWeekday, tt.weekday)
			}
		})
	}
}

func TestInferPublishedWithoutWeekdays(t *testing.T) {
	inf := InferPublished([]string{"The monitor said 20 people were killed in 2016."})
	if !inf.Day.IsZero() || inf.HasWeekday {
		t.Errorf("got %+v, want nothing inferred", inf)
	}
}

func TestCompactEnd(t *testing.T) {
	tests := []struct {
		named []time.Weekday
		want  time.Weekday
		span  int
	}{
		{[]time.Weekday{time.Thursday, time.Friday, time.Monday, time.Saturday, time.Wednesday}, time.Monday, 5},
		{[]time.Weekday{time.Tuesday, time.Monday, time.Wednesday}, time.Wednesday, 2},
		{[]time.Weekday{time.Sunday}, time.Sunday, 0},
		// Saturday to Monday wraps the week's end
		{[]time.Weekday{time.Saturday, time.Monday}, time.Monday, 2},
	}
	for _, tt := range tests {
		got, span := compactEnd(tt.named)
		if got != tt.want || span != tt.span {
			t.Errorf("compactEnd(%v) = %v, %d; want %v, %d", tt.named, got, span, tt.want, tt.span)
		}
	}
}

func TestHasYear(t *testing.T) {
	for text, want := range map[string]bool{
		"21 April 2019": true, "in 2017": true, "20.04.2019": true, "April 21": false, "on Thursday": false, "1500 people": false,
	} {
		if got := HasYear(text); got != want {
			t.Errorf("HasYear(%q) = %v, want %v", text, got, want)
		}
	}
}
