package gazetteer

import "testing"

func TestFindLowercaseAfterNameHead(t *testing.T) {
	ms := Default().Find("US airstrikes kill 23 civilians in Syrias Deir ezzor province")
	if len(ms) == 0 || ms[len(ms)-1].Text != "Deir ezzor province" && ms[len(ms)-1].Text != "Deir ezzor" {
		t.Fatalf("matches %+v", ms)
	}
	if e := Default().Resolve(ms[len(ms)-1], nil); e.Admin1 != "Deir ez-Zor" {
		t.Errorf("resolved to %+v", e)
	}
	for _, m := range Default().Find("The Tal said nothing; Deir was quiet.") {
		t.Errorf("unexpected place %q", m.Text)
	}
}
