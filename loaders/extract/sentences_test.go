package extract

import "testing"

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Two were killed. The monitor said so.", []string{"Two were killed.", "The monitor said so."}},
		{"Gen. Ali said it. U.S. jets struck.", []string{"Gen. Ali said it.", "U.S. jets struck."}},
		// a caption ends with its credit
		{"Rescuers search the rubble in Aleppo (AP photo) BEIRUT Air strikes killed 21 in Idlib.",
			[]string{"Rescuers search the rubble in Aleppo (AP photo)", "BEIRUT Air strikes killed 21 in Idlib."}},
		// other parentheses do not
		{"Hayat Tahrir al-Sham (HTS) Fighters attacked.", []string{"Hayat Tahrir al-Sham (HTS) Fighters attacked."}},
		{"He said (in a video) That was all.", []string{"He said (in a video) That was all."}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range splitSentences(tt.text, 0, 0) {
			got = append(got, s.Text)
			if tt.text[s.Offset:s.Offset+len(s.Text)] != s.Text {
				t.Errorf("%q: offset %d does not point at %q", tt.text, s.Offset, s.Text)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
				break
			}
		}
	}
}
