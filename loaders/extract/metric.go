// Metrics: what a figure counts (killed, wounded, ...) and who, and figures of one.

package extract

import (
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/figure"
	"github.com/claimgraph/claimgraph/schema"
)

// singulars adds "a commander", "an SAA colonel", "a captured officer" as
// figures of one: a singular people noun after an indefinite article, or in a
// headline, which drops articles, right after a verb that kills ("Bomb kills
// woman in Homs", "Airstrike kills rebel commander").
func (x *Extractor) singulars(text string, toks []token, found []figure.Mention, headline bool) []figure.Mention {
	one := int64(1)
	out := found
	for i, t := range toks {
		first := i // the phrase's first word: the article, or the word after the verb
		if t.Norm != "a" && t.Norm != "an" {
			if !headline || !x.killsNext(toks, i) {
				continue
			}
			first = i + 1
		}
		for k := i + 1; k < len(toks) && k <= i+3; k++ {
			if toks[k].Punct != 0 || objectWords[toks[k].Norm] {
				break
			}
			if !x.Lex.singular[toks[k].Norm] {
				continue
			}
			if k+1 < len(toks) && x.modifiers[toks[k+1].Norm] {
				break // "a jihadist attack": a modifier, not a count
			}
			if k+1 < len(toks) && (toks[k+1].Norm == "every" || toks[k+1].Norm == "each" || toks[k+1].Norm == "per") {
				break // "kills a child every hour": a rate, not a count
			}
			if role, _, ok := x.Lex.cues.match(toks, k+1); ok && (role == "verb" || role == "relay") {
				break // "an activist told Al Arabiya": who speaks, not a count
			}
			if e := toks[k].End; e < len(text) && text[e] == '-' {
				break // "a rebel-held area": the first word of a compound
			}
			if k+1 < len(toks) && x.Lex.singular[toks[k+1].Norm] && k+1 <= i+3 {
				continue // "a girl child": the head is the next noun
			}
			start, end := toks[first].Start, toks[k].End
			overlap := false
			for _, f := range found {
				if f.Start < end && start < f.End {
					overlap = true
				}
			}
			if !overlap {
				v, lo, hi := one, one, one
				out = append(out, figure.Mention{Start: start, End: end, Text: phraseAt(toks, first, k-first+1),
					Qualifier: "a", Value: &v, Min: &lo, Max: &hi, NumStart: start, NumEnd: toks[first].End})
			}
			break
		}
	}
	if len(out) != len(found) {
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

// killsNext reports whether toks[i] is a one-word verb that kills or
// executes, with a word after it.
func (x *Extractor) killsNext(toks []token, i int) bool {
	if i+1 >= len(toks) || !x.isActiveVerb(toks[i].Norm) {
		return false
	}
	m, n, ok := x.Lex.metrics.match(toks, i)
	return ok && n == 1 && (m == schema.MetricKilled || m == schema.MetricExecuted)
}

// auxiliaries may stand between a noun phrase and its participle.
var auxiliaries = map[string]bool{
	"were": true, "was": true, "have": true, "has": true, "had": true, "been": true, "are": true, "is": true,
	"reportedly": true, "also": true, "later": true, "allegedly": true, "being": true, "be": true, "all": true,
	"either": true, "who": true, "that": true, "got": true, "apparently": true,
	"estimated": true, "believed": true, "thought": true, "feared": true, "to": true, "now": true,
}

// metricFor finds the metric that governs figure f and the text of who it
// counts. strong is true when the figure counts people for certain: a people
// noun follows it or a metric word is next to it. Its rules, in order: (1)
// the noun phrase after the figure and a participle after it, and the words
// next to the figure (adjacentMetric); (2) a verb or noun just before it
// (metricBefore); (3) for people, the next metric word of the clause
// (clauseMetric).
func (x *Extractor) metricFor(a *analysis, f figure.Mention) (metrics []string, who string, strong bool) {
	toks := a.toks
	fs := tokenIndex(toks, f.Start)
	fe := tokenIndex(toks, f.End)
	// (1) the noun phrase after the figure and a participle after it
	people := f.Qualifier == "a"
	if people {
		who = f.Text
		if m, ok := x.metricOfA(toks, fs, fe); ok {
			return []string{m}, who, true
		}
	}
	people, np, events := x.peopleAfter(toks, fe, people)
	if events {
		return nil, "", false
	}
	if people && who == "" {
		who = phraseAt(toks, fe, np-fe)
	}
	if ms, ok := x.participleAfter(toks, np, people); ok {
		return ms, who, true
	}
	if ms, ok := x.adjacentMetric(toks, fs, fe, people); ok {
		return ms, who, true
	}
	// (2) a verb or noun just before it ("killing six", "the death of 10", "toll to 70")
	if m, near, ok := x.metricBefore(toks, fs); ok {
		return []string{m}, who, people || near
	}
	if !people {
		return nil, "", false
	}
	// (3) the next metric word of the clause
	if ms, ok := x.clauseMetric(toks, np); ok {
		return ms, who, true
	}
	return nil, who, false
}

// metricOfA is the metric of a figure "a ..." (toks fs to fe): inside its
// noun phrase ("a captured SAA officer"), or a one-word active verb just
// before it ("Bomb kills woman, wounds 25": the verb before governs, not
// the next one).
func (x *Extractor) metricOfA(toks []token, fs, fe int) (string, bool) {
	for k := fs + 1; k < fe; k++ {
		if m, _, ok := x.Lex.metrics.match(toks, k); ok {
			return m, true
		}
	}
	if fs > 0 && x.isActiveVerb(toks[fs-1].Norm) {
		if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 {
			return m, true
		}
	}
	return "", false
}

// peopleAfter reads the noun phrase after a figure (from token fe, within
// seven words) unless the figure counts people already: people when it
// holds a people noun, np the token after that noun (fe when none), and
// events when the figure counts events instead ("two separate ambushes",
// "three terrorist attacks").
func (x *Extractor) peopleAfter(toks []token, fe int, people bool) (isPeople bool, np int, events bool) {
	np = fe
	for k := fe; k < len(toks) && k < fe+7 && !people; k++ {
		t := toks[k]
		if t.Punct != 0 || objectWords[t.Norm] && t.Norm != "of" || auxiliaries[t.Norm] || isDigits(t.Norm) {
			break
		}
		if _, _, ok := x.Lex.metrics.match(toks, k); ok {
			break // "kill 83 injure 100 fighters": a verb ends the noun phrase
		}
		if x.modifiers[t.Norm] {
			// "two separate ambushes": the figure counts events
			return false, fe, true
		}
		if x.Lex.people[t.Norm] {
			if _, _, metric := x.Lex.metrics.match(toks, k+1); k+1 < len(toks) && x.modifiers[toks[k+1].Norm] && !metric {
				// "three terrorist attacks": the people noun modifies an event
				return false, fe, true
			}
			people = true
			np = k + 1
		} else if people && t.Norm != "and" && t.Norm != "of" {
			break
		}
	}
	return people, np, false
}

// participleAfter is the metric of a participle after a people noun phrase
// ending at np, auxiliaries between ("20 civilians were killed").
func (x *Extractor) participleAfter(toks []token, np int, people bool) ([]string, bool) {
	if !people {
		return nil, false
	}
	k := np
	for k < len(toks) && auxiliaries[toks[k].Norm] {
		k++
	}
	if m, n, ok := x.Lex.metrics.match(toks, k); ok {
		return x.moreMetrics(toks, k+n, m), true
	}
	return nil, false
}

// adjacentMetric is the metric of the words next to a figure (toks fs to
// fe), tried in order: a toll that rises or stands at it, an active verb
// right before it, a metric word right after it, a verb right before it.
func (x *Extractor) adjacentMetric(toks []token, fs, fe int, people bool) ([]string, bool) {
	// a toll that rises or stands at the figure ("the death toll ... rose to 11")
	if tollBefore(toks, fs, x.rise) >= 0 {
		return []string{schema.MetricKilled}, true
	}
	// an active verb right before the figure governs it even when a participle
	// follows ("Kurds kill 83 injured 100": 83 killed; but "3 killed 40 injured": 40 injured)
	if fs > 0 && !people {
		if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 && x.isActiveVerb(toks[fs-1].Norm) {
			return []string{m}, true
		}
	}
	// a metric word right after the figure ("15 killed", "six dead", "35 were killed")
	k := fe
	for k < len(toks) && (auxiliaries[toks[k].Norm] || toks[k].Norm == "more") {
		k++
	}
	if m, n, ok := x.Lex.metrics.match(toks, k); ok && (k == fe || k > fe && !people) {
		if k+n < len(toks) && isDigits(toks[k+n].Norm) && fs > 0 {
			// "Daesh kidnapped 900 executed 18 people": the cue after the
			// figure is the next count's verb; the verb before governs this one
			if mb, nb, ok := x.Lex.metrics.match(toks, fs-1); ok && nb == 1 {
				return []string{mb}, true
			}
		}
		return x.moreMetrics(toks, k+n, m), true
	}
	// a verb right before the figure governs it ("kill 22 civilians"), unless a participle follows it ("3 killed 40 injured")
	if fs > 0 {
		if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 && !people {
			return []string{m}, true
		}
	}
	return nil, false
}

// metricBefore is the metric of a verb or noun within five words before a
// figure starting at token fs ("killing six", "the death of 10", "toll to
// 70"), and whether it is within two words.
func (x *Extractor) metricBefore(toks []token, fs int) (m string, near, ok bool) {
	for k := fs - 1; k >= 0 && k >= fs-5; k-- {
		if isQuote(toks[k].Punct) {
			continue
		}
		if toks[k].Punct != 0 || toks[k].Norm == "and" {
			break // "a woman was killed and 25 others were wounded": the verb is the other conjunct's
		}
		if m, _, ok := x.Lex.metrics.match(toks, k); ok {
			return m, k >= fs-2, true
		}
	}
	return "", false, false
}

// clauseMetric is the next metric word of the clause from token np, within
// 15 words (quote marks around names do not count: "33 members of the
// "ISIS" and "Nusra" organizations were killed").
func (x *Extractor) clauseMetric(toks []token, np int) ([]string, bool) {
	for k, n := np, 0; k < len(toks) && n < 15; k++ {
		if toks[k].Punct == ';' || toks[k].Punct == ':' || clauseEnd(toks, k) {
			break
		}
		if !isQuote(toks[k].Punct) {
			n++
		}
		if m, n, ok := x.Lex.metrics.match(toks, k); ok {
			return x.moreMetrics(toks, k+n, m), true
		}
	}
	return nil, false
}

// clauseEnd reports whether toks[k] starts another clause, whose verb is not
// the one of a count before it: "while"/"whereas" ("89 martyrs including 5
// children while the number of injured reached 277"), or a comma before
// "and" ("killing 13, including two medics, and wounding dozens").
func clauseEnd(toks []token, k int) bool {
	switch toks[k].Norm {
	case "while", "whereas":
		return true
	}
	return toks[k].Punct == ',' && k+1 < len(toks) && toks[k+1].Norm == "and"
}

// moreMetrics adds the metrics coordinated with the first ("captured alive
// but later executed", "killed and wounded").
func isQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '\''
}

func (x *Extractor) moreMetrics(toks []token, k int, first string) []string {
	out := []string{first}
	for j := k; j < len(toks) && j < k+4; j++ {
		if toks[j].Punct != 0 {
			break
		}
		if m, _, ok := x.Lex.metrics.match(toks, j); ok && m != first {
			if j > k && (toks[j-1].Norm == "and" || toks[j-1].Norm == "later" || toks[j-1].Norm == "then") {
				out = append(out, m)
			}
			break
		}
	}
	return out
}

// measures are the figure units (loaders/figure) that quantify what a
// statement is about; dates, durations, ordinals and ids do not.
var measures = map[string]bool{"km2": true, "km": true, "mi": true, "m": true, "percent": true,
	"fraction": true, "money": true, "tons": true, "kg": true, "litres": true}

// measureOf returns the index of a sentence's only measuring figure
// ("4,000 square kilometers", "two thirds"), or -1.
func measureOf(fs []figure.Mention) int {
	got := -1
	for i, f := range fs {
		if measures[f.Unit] {
			if got >= 0 {
				return -1
			}
			got = i
		}
	}
	return got
}

// isActiveVerb reports whether a metric word is a verb in the present tense or
// a present participle ("kill", "kills", "killing", "injure"), which takes the
// figure after it as its object; past participles and nouns do not. It is
// read off metrics.tsv: a word is active when its past participle is a metric
// word too (kill/killed, injure/injured, crucify/crucified).
func (x *Extractor) isActiveVerb(w string) bool {
	if strings.HasSuffix(w, "ing") {
		return true
	}
	base := strings.TrimSuffix(w, "s")
	if strings.HasSuffix(w, "ies") {
		base = strings.TrimSuffix(w, "ies") + "y"
	}
	for _, past := range []string{base + "ed", base + "d", strings.TrimSuffix(base, "y") + "ied"} {
		if _, ok := x.Lex.metrics.byFirst[past]; ok && past != w {
			return true
		}
	}
	return false
}

func isDigits(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9'
}
