// Perpetrators: the armed group a sentence names as acting, and what a claim of responsibility covers.

package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// perpetrator is the first armed group the sentence names that is not
// cited as a claimant.
func (x *Extractor) perpetrator(a *analysis) string {
	var ids []string
	prev := -1 // token after the last perpetrator's name
	for _, m := range a.mentions {
		s := x.Lex.Sources[m.id]
		if s.Kind != "armed-group" || a.attr != nil && a.attr.Claimant != nil && a.attr.Claimant.ID == s.ID {
			continue
		}
		end := m.i + m.n
		if e := a.toks[end-1].End; isModifier(a.Text[e:]) {
			continue // "al-Qaida-linked HTS": the name describes another group
		}
		if end < len(a.toks) && x.Lex.people[a.toks[end].Norm] {
			continue // "ten HTS fighters were killed": the dead, not their killers
		}
		switch {
		case prev < 0:
			ids = append(ids, s.ID)
		case coordinated(a.toks[prev:m.i]):
			// "attacks by Daesh and al-Qaida-linked HTS": both did it
			if !slices.Contains(ids, s.ID) {
				ids = append(ids, s.ID)
			}
		default:
			continue
		}
		prev = end
	}
	sort.Strings(ids)
	return strings.Join(ids, "+")
}

// isModifier reports whether the text right after a source name makes it a
// modifier of another name ("al-Qaida-linked", "Iran-backed").
func isModifier(after string) bool {
	for _, suffix := range []string{"-linked", "-affiliated", "-backed", "-led", "-allied", "-aligned", "-run"} {
		if len(after) >= len(suffix) && strings.EqualFold(after[:len(suffix)], suffix) {
			return true
		}
	}
	return false
}

// coordinated reports whether the tokens between two names join them ("and",
// "and the", "and al-Qaida-linked", a repeated name in parentheses).
func coordinated(gap []token) bool {
	if len(gap) == 0 || len(gap) > 5 {
		return false
	}
	and := false
	for _, t := range gap {
		switch {
		case t.Norm == "and" || t.Punct == ',':
			and = true
		case t.Punct == '(' || t.Punct == ')' || t.Punct == '-':
		case t.Punct != 0:
			return false
		}
	}
	return and || gap[0].Punct == '('
}

// responsibilityEnd returns the byte offset where a claim of
// responsibility ends, or -1: the first comma after "responsibility"; or,
// in text without commas, the act a claim verb takes as its object within
// six words, before any number ("IS claims the double suicide bomb attack
// that hit a police station, killing at least 17": the toll is not IS's;
// acts are cues.tsv role claimed-act).
func (x *Extractor) responsibilityEnd(toks []token) int {
	for i, t := range toks {
		if t.Norm == "responsibility" {
			for _, u := range toks[i+1:] {
				if u.Punct == ',' {
					return u.Start
				}
			}
		}
		if !strings.HasPrefix(t.Norm, "claim") {
			continue
		}
		for _, u := range toks[i+1 : min(len(toks), i+7)] {
			if u.Norm != "" && unicode.IsDigit(rune(u.Norm[0])) {
				break
			}
			if x.claimedAct[u.Norm] {
				return u.End
			}
		}
	}
	return -1
}
