// Attribution: who gives each sentence's figures, and how it carries to the sentences around it.

package extract

import (
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/schema"
)

// attribution is who a sentence says said it.
type attribution struct {
	Claimant *schema.Source
	Via      []schema.Source
	Also     []schema.Source // further claimants of the same statement ("corroborated by")
	Cue      string
	Kind     string // explicit, implicit, vague, none
}

// cue is an attribution cue of a sentence: n tokens from token i.
type cue struct {
	i, n int
	role string
}

// attribute finds the claimant of a sentence from its cues, in text order,
// and source mentions.
func (x *Extractor) attribute(a *analysis, cues []cue) *attribution {
	var at *attribution
	atCue := -1 // the token of at's cue
	var relays []mention
	var also []mention
scan:
	for _, c := range cues {
		i, n := c.i, c.n
		switch c.role {
		case "vague":
			// "the Security Council said it is seeking clarity on reports
			// suggesting 1300 were killed": the figure is the reports',
			// not the speaker's, when they come after the speaker's verb
			switch {
			case at == nil:
				at = &attribution{Cue: phraseAt(a.toks, i, n), Kind: "vague"}
			case at.Kind == "explicit" && i > atCue:
				at = &attribution{Cue: phraseAt(a.toks, i, n), Kind: "vague"}
				break scan
			}
		case "according":
			// "according to SOHR", "according to a Saturday statement from SOHR"
			if m, ok := a.mentionAfter(i+n, 7); ok {
				at, atCue = x.attr(m, phraseAt(a.toks, i, n), "explicit"), i
				// "according to SOHR and pro-regime media": both claim it
				for _, m2 := range a.mentions {
					if m2.i > m.i && m2.i-(m.i+m.n) == 1 && (a.toks[m.i+m.n].Norm == "and" || a.toks[m.i+m.n].Punct == ',') {
						also = append(also, m2)
						m = m2
					}
				}
				// no break out of the loop: a later "citing the Interior
				// Ministry" names the origin SANA relays
			}
		case "relay":
			if m, ok := a.mentionAfter(i+n, 3); ok {
				relays = append(relays, m)
			}
			fallthrough
		case "verb":
			if m, ok := x.verbSpeaker(a, c, at, atCue, relays); ok {
				at, atCue = x.attr(m, phraseAt(a.toks, i, n), "explicit"), i
			}
		case "by":
			if m, ok := a.mentionAfter(i+n, 4); ok {
				also = append(also, m)
			}
		case "channel":
			if m, ok := a.mentionAfter(i+1, 4); ok {
				if subj, ok := a.mentionBefore(i, 12); ok && subj.id != m.id {
					a.speaker, a.channel = &subj, &m
				}
				at, atCue = x.attr(m, phraseAt(a.toks, i, n), "explicit"), i
				break scan
			}
		}
	}
	if at == nil || at.Claimant == nil {
		if at != nil && at.Kind == "vague" {
			return at
		}
		return nil
	}
	for _, r := range relays {
		if r.id != at.Claimant.ID {
			s := x.source(r, a.toks)
			at.Via = append(at.Via, *s)
		}
	}
	for _, m := range also {
		if m.id != at.Claimant.ID {
			at.Also = append(at.Also, *x.source(m, a.toks))
		}
	}
	return at
}

// verbSpeaker finds the speaker of the reporting verb of cue c, given the
// attribution found so far (at, whose cue is token atCue, or nil); ok is
// false when the verb gives none or does not change at. It marks a.pronoun
// for "it said".
func (x *Extractor) verbSpeaker(a *analysis, c cue, at *attribution, atCue int, relays []mention) (mention, bool) {
	i, n := c.i, c.n
	if at != nil && at.Kind != "vague" {
		// "UN says airdrops not imminent Regime raids killed 31 civilians
		// the civil defence said": a speaker right before the verb that
		// ends the sentence speaks for what comes before it, over a verb
		// earlier on (a headline fused to the lead)
		if m, ok := a.mentionBefore(i, 0); ok && atCue < m.i && endsSentence(a.toks, i+n) && !isRelay(relays, m) {
			return m, true
		}
		return mention{}, false
	}
	// inverted: "..., reported Al-Masdar News", "..., said the Observatory"
	if i > 0 && (a.toks[i-1].Punct == ',' || isQuote(a.toks[i-1].Punct)) {
		if m, ok := a.speakerAfter(i+n, 3); ok && !isRelay(relays, m) {
			return m, true
		}
	}
	if i > 0 && x.passive[a.toks[i-1].Norm] {
		// "1400 are estimated to have been killed": an agentless passive
		// names no speaker, before it or after
		return mention{}, false
	}
	if m, ok := a.mentionBefore(i, 12); ok && !isRelay(relays, m) && !a.commonSubject(i) {
		return m, true
	}
	if i > 0 && isPronoun(a.toks[i-1].Norm) {
		a.pronoun = true
		return mention{}, false
	}
	if m, ok := a.speakerAfter(i+n, 5); ok && !isRelay(relays, m) && !namedSubject(a.toks, i) {
		return m, true
	}
	return mention{}, false
}

func isRelay(relays []mention, m mention) bool {
	for _, r := range relays {
		if r.i == m.i {
			return true
		}
	}
	return false
}

// namedSubject reports whether the verb at token i has a name the lexicon
// does not know right before it ("EU diplomatic chief Federica Mogherini
// said the regime of Bashar al-Assad ...", "Washington and Paris say forces
// loyal to Assad ..."): the speaker is that name, and a source named after
// the verb is part of what was said, not who said it.
func namedSubject(toks []token, i int) bool {
	if i < 2 {
		return false
	}
	t := toks[i-1]
	return t.Norm != "" && unicode.IsUpper([]rune(t.Text)[0])
}

func isPronoun(w string) bool {
	switch w {
	case "it", "he", "she", "they", "group", "monitor", "militia", "agency", "statement", "observatory":
		return true
	}
	return false
}

func (x *Extractor) attr(m mention, cue, kind string) *attribution {
	s := *x.Lex.Sources[m.id]
	return &attribution{Claimant: &s, Cue: cue, Kind: kind}
}

func (x *Extractor) source(m mention, toks []token) *schema.Source {
	s := *x.Lex.Sources[m.id]
	s.Mention = phraseAt(toks, m.i, m.n)
	return &s
}

// mentionBefore returns the source named nearest before token i, at most
// window tokens back, skipping over an appositive ("X, a militia, said").
func (a *analysis) mentionBefore(i, window int) (mention, bool) {
	best := -1
	for k, m := range a.mentions {
		end := m.i + m.n
		if end <= i && i-end <= window && a.canSpeak(m) {
			best = k
		}
	}
	if best < 0 {
		return mention{}, false
	}
	m := a.mentions[best]
	// a figure or a clause between the mention and the verb breaks the link
	for _, t := range a.toks[m.i+m.n : i] {
		if t.Punct == ';' || t.Punct == '“' || t.Punct == '”' || t.Punct == '"' {
			return mention{}, false
		}
	}
	if best > 0 {
		prev := a.mentions[best-1]
		if commas(a.toks[prev.i+prev.n:m.i]) == 1 && commas(a.toks[m.i+m.n:i]) >= 1 && i-(prev.i+prev.n) <= window+4 {
			return prev, true
		}
	}
	return m, true
}

func commas(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.Punct == ',' {
			n++
		}
	}
	return n
}

// objectWords before a source make it the object of a preposition ("attacks
// by ISIS", "in ISIS ambushes"), not a speaker.
var objectWords = map[string]bool{"by": true, "in": true, "of": true, "from": true, "against": true,
	"with": true, "at": true, "on": true, "for": true, "into": true, "toward": true, "towards": true}

// canSpeak reports whether a source mention may be the subject of a
// reporting verb: it is not the object of a preposition, nor a modifier of
// the noun after it ("ISIS ambushes", "Daesh militants").
func (a *analysis) canSpeak(m mention) bool {
	k := m.i - 1
	if k >= 0 && a.toks[k].Norm == "the" {
		k--
	}
	if k >= 0 && objectWords[a.toks[k].Norm] && !(k > 0 && a.speakers[a.toks[k-1].Norm]) {
		return false
	}
	if next := m.i + m.n; next < len(a.toks) && a.toks[next].Norm != "" {
		if a.modifies[a.toks[next].Norm] {
			return false
		}
	}
	return true
}

// commonSubject reports whether the reporting verb at i has a subject of its
// own that names no source: an article and a common noun right before it
// ("... targeting ISIS positions in the country, a report says", "the
// engineer said"), or an article right before the cue word, which is then
// a noun ("a report"). A source named further back is not its subject.
func (a *analysis) commonSubject(i int) bool {
	if i >= 1 && determiners[a.toks[i-1].Norm] {
		return true
	}
	return i >= 2 && determiners[a.toks[i-2].Norm] && a.toks[i-1].Norm != "" &&
		!unicode.IsUpper([]rune(a.toks[i-1].Text)[0]) && !a.inMention(i-1) && !isPronoun(a.toks[i-1].Norm)
}

// endsSentence reports whether nothing but punctuation follows token k.
func endsSentence(toks []token, k int) bool {
	for _, t := range toks[k:] {
		if t.Norm != "" {
			return false
		}
	}
	return true
}

// determiners open a noun phrase that can be a verb's subject.
var determiners = map[string]bool{"a": true, "an": true, "the": true}

// inMention reports whether token k is part of a source mention.
func (a *analysis) inMention(k int) bool {
	for _, m := range a.mentions {
		if m.i <= k && k < m.i+m.n {
			return true
		}
	}
	return false
}

// speakerAfter returns the first source named within window tokens after a
// reporting verb at i that may be its subject (canSpeak): in "the ministry
// said adding some 40 ISIS fighters were killed" ISIS names the dead, and
// in "a blast claimed by the Daesh terror group killed 44" Daesh claims
// the attack, not the toll.
func (a *analysis) speakerAfter(i, window int) (mention, bool) {
	for _, m := range a.mentions {
		if m.i >= i && m.i-i <= window && a.canSpeak(m) && !a.namesPeople(m) {
			return m, true
		}
	}
	return mention{}, false
}

// namesPeople reports whether a source name is followed by a people noun
// (people.txt): after the verb, "40 ISIS fighters" are who died. Before
// it, "Hezbollah fighters told Reuters" may speak for the group, so
// mentionBefore does not ask.
func (a *analysis) namesPeople(m mention) bool {
	next := m.i + m.n
	return next < len(a.toks) && a.people[a.toks[next].Norm]
}

// mentionAfter returns the first source named within window tokens from i.
func (a *analysis) mentionAfter(i, window int) (mention, bool) {
	for _, m := range a.mentions {
		if m.i >= i && m.i-i <= window {
			return m, true
		}
	}
	return mention{}, false
}

// markQuotes gives the sentences inside a quotation the attribution of the
// sentence that closes it ("“... .” X said.").
func (x *Extractor) markQuotes(an []*analysis) {
	for i := 0; i < len(an); {
		j := i
		for j < len(an) && an[j].Paragraph == an[i].Paragraph {
			j++
		}
		open := false
		start := -1
		for k := i; k < j; k++ {
			t := an[k].Text
			opens := strings.Count(t, "“") + strings.Count(t, "\"")/2
			closes := strings.Count(t, "”")
			if !open && (strings.HasPrefix(t, "“") || strings.HasPrefix(t, "\"")) {
				open, start = true, k
			}
			if open && closes > 0 || open && strings.Count(t, "\"")%2 == 1 && k > start {
				if at := an[k].attr; at != nil {
					for m := start; m < k; m++ {
						an[m].InQuote = true
						if an[m].attr == nil {
							an[m].attr = at
						}
					}
				}
				open = false
			}
			_ = opens
		}
		i = j
	}
}

// carryAttribution gives sentences without an attribution of their own the
// one their neighbours imply: "it said" refers back; an unattributed figure
// takes the attribution that ends the next sentence ("..., the monitor
// said") or continues the previous one's, unless it counts the whole war
// (analysis.war): that is the article's background, not the speaker's.
func (x *Extractor) carryAttribution(an []*analysis) {
	var last *attribution
	lastAt := -10
	for i, a := range an {
		if a.Headline {
			continue
		}
		if a.attr != nil && a.attr.Kind != "vague" {
			last, lastAt = a.attr, i
			continue
		}
		if a.attr != nil {
			continue
		}
		if a.pronoun && last != nil {
			c := *last
			c.Cue = "it said"
			a.attr = &c
			last, lastAt = a.attr, i
			continue
		}
		if !x.hasCountFigure(a) {
			continue
		}
		if i+1 < len(an) && an[i+1].attr != nil && an[i+1].attr.Kind == "explicit" &&
			an[i+1].Paragraph-a.Paragraph <= 1 && attributionLate(an[i+1]) {
			c := *an[i+1].attr
			c.Kind = "implicit"
			a.attr = &c
			continue
		}
		// the war's toll is background, not what the last speaker said
		if last != nil && i-lastAt <= 2 && a.Paragraph-an[lastAt].Paragraph <= 1 && !a.war {
			c := *last
			c.Kind = "implicit"
			a.attr = &c
		}
	}
}

// applyChannels attributes to a source's own channel the figures the article
// says the source gave: once "ISIS claimed responsibility through its Amaq
// agency", ISIS's tolls and claims of responsibility in the article are
// Amaq's; its other statements stay its own.
func (x *Extractor) applyChannels(an []*analysis) {
	channel := map[string]string{}
	for _, a := range an {
		if a.speaker != nil && a.channel != nil {
			if _, ok := channel[a.speaker.id]; !ok {
				channel[a.speaker.id] = a.channel.id
			}
		}
	}
	if len(channel) == 0 {
		return
	}
	for _, a := range an {
		if a.attr == nil || a.attr.Claimant == nil {
			continue
		}
		if ch, ok := channel[a.attr.Claimant.ID]; ok {
			c := *a.attr
			s := *x.Lex.Sources[ch]
			c.Claimant = &s
			a.channelAttr = &c
		}
	}
}

// attributionLate reports whether a sentence's attribution comes at its end
// ("..., the monitor said"), so that it may cover the sentence before.
func attributionLate(a *analysis) bool {
	if a.attr == nil || a.attr.Claimant == nil {
		return false
	}
	for _, m := range a.mentions {
		if m.id == a.attr.Claimant.ID {
			return m.i > len(a.toks)/2
		}
	}
	return false
}

func (x *Extractor) hasCountFigure(a *analysis) bool {
	for _, f := range a.figures {
		if f.Unit == "" {
			if _, _, ok := x.metricFor(a, f); ok {
				return true
			}
		}
	}
	return false
}
