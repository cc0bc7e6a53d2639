package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/loaders/figure"
	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/schema"
)

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
// said") or continues the previous one's.
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
		if last != nil && i-lastAt <= 2 && a.Paragraph-an[lastAt].Paragraph <= 1 {
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

// tokenIndex returns the index of the first token at or after byte offset b.
func tokenIndex(toks []token, b int) int {
	// tokens are in text order: a binary search, since a sentence of
	// thousands of figures asks for each of them
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= b })
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
// noun follows it or a metric word is next to it.
func (x *Extractor) metricFor(a *analysis, f figure.Mention) (metrics []string, who string, strong bool) {
	toks := a.toks
	fs := tokenIndex(toks, f.Start)
	fe := tokenIndex(toks, f.End)
	// (1) the noun phrase after the figure and a participle after it
	np := fe
	people := f.Qualifier == "a"
	if people {
		who = f.Text
		// "a captured SAA officer": the metric is inside the noun phrase
		for k := fs + 1; k < fe; k++ {
			if m, _, ok := x.Lex.metrics.match(toks, k); ok {
				return []string{m}, who, true
			}
		}
		// "Bomb kills woman, wounds 25": the verb before governs, not the next one
		if fs > 0 && x.isActiveVerb(toks[fs-1].Norm) {
			if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 {
				return []string{m}, who, true
			}
		}
	}
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
			return nil, "", false
		}
		if x.Lex.people[t.Norm] {
			if _, _, metric := x.Lex.metrics.match(toks, k+1); k+1 < len(toks) && x.modifiers[toks[k+1].Norm] && !metric {
				// "three terrorist attacks": the people noun modifies an event
				return nil, "", false
			}
			people = true
			np = k + 1
		} else if people && t.Norm != "and" && t.Norm != "of" {
			break
		}
	}
	if people && who == "" {
		who = phraseAt(toks, fe, np-fe)
	}
	if k := np; people {
		for k < len(toks) && auxiliaries[toks[k].Norm] {
			k++
		}
		if m, n, ok := x.Lex.metrics.match(toks, k); ok {
			return x.moreMetrics(toks, k+n, m), who, true
		}
	}
	// a toll that rises or stands at the figure ("the death toll ... rose to 11")
	if tollBefore(toks, fs, x.rise) >= 0 {
		return []string{schema.MetricKilled}, who, true
	}
	// an active verb right before the figure governs it even when a participle
	// follows ("Kurds kill 83 injured 100": 83 killed; but "3 killed 40 injured": 40 injured)
	if fs > 0 && !people {
		if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 && x.isActiveVerb(toks[fs-1].Norm) {
			return []string{m}, who, true
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
				return []string{mb}, who, true
			}
		}
		return x.moreMetrics(toks, k+n, m), who, true
	}
	// a verb right before the figure governs it ("kill 22 civilians"), unless a participle follows it ("3 killed 40 injured")
	if fs > 0 {
		if m, n, ok := x.Lex.metrics.match(toks, fs-1); ok && n == 1 && !people {
			return []string{m}, who, true
		}
	}
	// (2) a verb or noun just before it ("killing six", "the death of 10", "toll to 70")
	for k := fs - 1; k >= 0 && k >= fs-5; k-- {
		if isQuote(toks[k].Punct) {
			continue
		}
		if toks[k].Punct != 0 || toks[k].Norm == "and" {
			break // "a woman was killed and 25 others were wounded": the verb is the other conjunct's
		}
		if m, _, ok := x.Lex.metrics.match(toks, k); ok {
			return []string{m}, who, people || k >= fs-2
		}
	}
	if !people {
		return nil, "", false
	}
	// (3) the next metric word of the clause, within 15 words (quote marks
	// around names do not count: "33 members of the "ISIS" and "Nusra"
	// organizations were killed")
	for k, n := np, 0; k < len(toks) && n < 15; k++ {
		if toks[k].Punct == ';' || toks[k].Punct == ':' || clauseEnd(toks, k) {
			break
		}
		if !isQuote(toks[k].Punct) {
			n++
		}
		if m, n, ok := x.Lex.metrics.match(toks, k); ok {
			return x.moreMetrics(toks, k+n, m), who, true
		}
	}
	return nil, who, false
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

// claims adds the claims of one sentence to doc. It gathers them in out,
// scratch memory that it returns for the next sentence.
func (x *Extractor) claims(doc *schema.Article, a *analysis, out []schema.Claim) []schema.Claim {
	if len(doc.Claims) >= MaxClaims {
		return out[:0]
	}
	section := "body"
	if a.Headline {
		section = "headline"
	}
	base := schema.Claim{
		Evidence: a.Text, Offset: a.Offset, Section: section, SubsetOf: -1,
		Attribution: "none", Aggregate: a.agg,
	}
	if a.attr != nil {
		base.Claimant, base.Via, base.Cue, base.Attribution = a.attr.Claimant, a.attr.Via, a.attr.Cue, a.attr.Kind
	}
	if base.Claimant != nil && !base.Claimant.Person && x.Lex.Sources[base.Claimant.ID] != nil {
		base.Claimant = x.Lex.Sources[base.Claimant.ID]
	}
	base.Perpetrator = x.perpetrator(a)
	out = out[:0]
	var figOf []int // the figure each claim of out came from, -1 for none
	if !a.negated {
		for fi, f := range a.figures {
			if f.Unit != "" {
				continue
			}
			if f.Vague && fi > 0 && strings.TrimSpace(a.Text[a.figures[fi-1].End:f.Start]) == "" {
				continue // "25 others": the noun of the count before it, not a count of its own
			}
			metrics, who, strong := x.metricFor(a, f)
			subset := isSubset(a.toks, tokenIndex(a.toks, f.Start))
			if len(metrics) == 0 && (subset || conjunct(a.toks, tokenIndex(a.toks, f.Start))) && len(out) > 0 && who != "" {
				// a part, or the second of coordinated counts ("killed 50 militants and
				// eight civilians"), takes the metric of the count before it
				metrics, strong = []string{out[len(out)-1].Metric}, true
			}
			if len(metrics) == 0 || (f.Vague && !strong) {
				continue
			}
			for _, m := range metrics {
				c := base
				c.Metric = m
				c.Who = who
				c.Figure = schema.Figure{Text: f.Text, Qualifier: f.Qualifier, Value: f.Value, Min: f.Min, Max: f.Max, Approx: f.Approx, Vague: f.Vague}
				if subset {
					for k := len(out) - 1; k >= 0; k-- {
						if out[k].Metric == m {
							c.SubsetOf = len(doc.Claims) + k
							break
						}
					}
				}
				out = append(out, c)
				figOf = append(figOf, fi)
			}
		}
	}
	out, figOf = x.wholes(a, doc, out, figOf)
	// "They were among 19 people killed": the previous sentence's toll is a part of this one
	if len(out) > 0 && figOf[0] >= 0 && amongWhole(a.toks, tokenIndex(a.toks, a.figures[figOf[0]].Start)) {
		for k := len(doc.Claims) - 1; k >= 0 && doc.Claims[k].Offset != a.Offset; k-- {
			prev := &doc.Claims[k]
			if prev.Metric == out[0].Metric && prev.SubsetOf < 0 && prev.Figure.Value != nil {
				prev.SubsetOf = len(doc.Claims)
				break
			}
			if prev.Section == "headline" {
				break
			}
		}
	}
	// "ISIS claimed responsibility for two ambushes, the latest in attacks
	// that have killed up to 70": a claim of responsibility carries no toll;
	// a figure after it, past a comma, is the outlet's own (unless the
	// sentence ends with its own attribution: "..., the ministry said")
	if resp := x.responsibilityEnd(a.toks); resp >= 0 && !attributionLate(a) {
		for k := range out {
			if figOf[k] >= 0 && a.figures[figOf[k]].Start > resp {
				out[k].Claimant, out[k].Via, out[k].Cue, out[k].Attribution = nil, nil, "", "none"
			}
		}
	}
	if a.channelAttr != nil {
		for k := range out {
			if out[k].Claimant != nil {
				out[k].Claimant = a.channelAttr.Claimant
			}
		}
	}
	// statements without a count ("claimed responsibility", "seized the town",
	// "broke the siege"), besides the figures; "other" when there is neither
	if !a.negated && a.attr != nil && a.attr.Kind == "explicit" {
		metrics := a.statements
		if len(out) == 0 && len(metrics) == 0 {
			metrics = []string{schema.MetricOther}
		}
		for _, m := range metrics {
			dup := false
			for _, o := range out {
				dup = dup || o.Metric == m
			}
			if dup {
				continue
			}
			c := base
			c.Metric = m
			if m == schema.MetricResponsibility && a.channelAttr != nil {
				c.Claimant = a.channelAttr.Claimant
			}
			fi := -1
			if m == schema.MetricOther {
				// "a presence spanning some 4,000 square kilometres, according
				// to SOHR": the statement's measure is its figure
				if fi = measureOf(a.figures); fi >= 0 {
					f := a.figures[fi]
					c.Figure = schema.Figure{Text: f.Text, Qualifier: f.Qualifier, Unit: f.Unit, Value: f.Value, Min: f.Min, Max: f.Max, Approx: f.Approx, Vague: f.Vague}
				}
			}
			out = append(out, c)
			figOf = append(figOf, fi)
		}
	}
	// a second claimant of the same statement makes claims of its own
	if a.attr != nil {
		n := len(out)
		first := len(doc.Claims)
		for _, s := range a.attr.Also {
			s := s
			shift := len(out) - n
			for k := 0; k < n; k++ {
				c := out[k]
				c.Claimant = &s
				c.Via = nil
				c.Cue = "corroborated by"
				if c.SubsetOf >= first {
					c.SubsetOf += shift + n
				}
				out = append(out, c)
			}
		}
	}
	// an article gives at most MaxClaims claims
	if room := MaxClaims - len(doc.Claims); len(out) > room {
		out = out[:room]
		for k := range out {
			if out[k].SubsetOf >= MaxClaims {
				out[k].SubsetOf = -1
			}
		}
	}
	// each claim's figure is the sentence's first one of the same text and
	// bounds (the same Min and Max pointers, or both open): looked up in a
	// map, not by a scan of the figures per claim, which is quadratic in a
	// sentence of thousands ("including 1 children, including 2 children ...")
	var firstAt map[figureKey]int
	if len(out) > 0 {
		firstAt = make(map[figureKey]int, len(a.figures))
		for _, f := range a.figures {
			k := figureKey{f.Min, f.Max, f.Text}
			if _, ok := firstAt[k]; !ok {
				firstAt[k] = f.Start
			}
		}
	}
	for _, c := range out {
		pos, ok := firstAt[figureKey{c.Figure.Min, c.Figure.Max, c.Figure.Text}]
		if !ok {
			pos = -1
		}
		if len(a.Text) > MaxEvidence {
			c.Evidence = evidenceWindow(a.Text, pos)
		}
		a.claims = append(a.claims, len(doc.Claims))
		a.claimPos = append(a.claimPos, pos)
		doc.Claims = append(doc.Claims, c)
	}
	return out
}

// figureKey identifies a figure of a sentence for its claims.
type figureKey struct {
	min, max *int64
	text     string
}

// MaxClaims is the most claims Extract reads from one article: the rest of
// a longer one is not read for claims (its places and dates still are). No
// article of the corpus or the seeds has more than 35; an article of
// thousands ("including 1 children, including 2 children ...", a list of
// links) is hostile, and its claims would cost the store and the linker
// time for nothing.
const MaxClaims = 1000

// MaxEvidence is the longest sentence a claim gives whole as its evidence,
// in bytes. A longer one (no sentence of the corpus or the seeds comes near:
// the longest is 2.3 KB) gives a window of EvidenceWindow bytes either side
// of the claim's figure, cut between words and marked with "…" where it was
// cut; the claim's Offset stays the sentence's, so that the whole sentence
// can be found in the article. Without it, a sentence of 100,000 words
// repeats itself in each of its hundreds of claims.
const MaxEvidence = 4096

// EvidenceWindow is how many bytes of a sentence longer than MaxEvidence a
// claim's evidence keeps on either side of its figure.
const EvidenceWindow = 300

// evidenceWindow returns the part of sentence s around byte pos (its start
// when pos < 0) that a claim keeps as evidence.
func evidenceWindow(s string, pos int) string {
	if pos < 0 {
		pos = 0
	}
	from, to := max(pos-EvidenceWindow, 0), min(pos+EvidenceWindow, len(s))
	// cut between words: forward to a space (or back when there is none
	// near), always on a rune boundary
	if from > 0 {
		if k := strings.IndexByte(s[from:pos], ' '); k >= 0 {
			from += k + 1
		}
		for from < len(s) && !utf8.RuneStart(s[from]) {
			from++
		}
	}
	if to < len(s) {
		if k := strings.LastIndexByte(s[pos:to], ' '); k > 0 {
			to = pos + k
		}
		for to > from && to < len(s) && !utf8.RuneStart(s[to]) {
			to--
		}
	}
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}

// wholes relates the count claims of one sentence: "four children were
// among eight people killed" makes the first a part of the second, and
// "120 ISIS fighters and 60 mercenaries were killed" adds their sum as an
// aggregate claim, of which both are parts. out holds the sentence's claims,
// which will take indexes from len(doc.Claims) on.
func (x *Extractor) wholes(a *analysis, doc *schema.Article, out []schema.Claim, figOf []int) ([]schema.Claim, []int) {
	base := len(doc.Claims)
	n := len(out)
	for k := 0; k+1 < n; k++ {
		p, w := &out[k], &out[k+1]
		if figOf[k] < 0 || figOf[k+1] < 0 || figOf[k] == figOf[k+1] || p.Metric != w.Metric || p.SubsetOf >= 0 || p.Figure.Min == nil {
			continue
		}
		end := tokenIndex(a.toks, a.figures[figOf[k]].End)
		start := tokenIndex(a.toks, a.figures[figOf[k+1]].Start)
		if start < end {
			continue
		}
		gap := a.toks[end:start]
		switch {
		case hasWord(gap, "among") && len(gap) <= 8:
			p.SubsetOf = base + k + 1
		case (len(gap) >= 2 || len(gap) == 1 && a.figures[figOf[k+1]].Qualifier == "a") && len(gap) <= 6 && (gap[len(gap)-1].Norm == "and" || asWellAs(gap)) && p.Metric == schema.MetricKilled &&
			w.Figure.Min != nil && p.Who != "" && w.Who != "" && w.SubsetOf < 0 && !isSubset(a.toks, start):
			sum := *p
			lo := *p.Figure.Min + *w.Figure.Min
			sum.Figure = schema.Figure{Text: p.Figure.Text + " + " + w.Figure.Text, Qualifier: "sum", Min: &lo, Value: &lo}
			if p.Figure.Max != nil && w.Figure.Max != nil {
				hi := *p.Figure.Max + *w.Figure.Max
				sum.Figure.Max = &hi
			}
			sum.Who = p.Who + " and " + w.Who
			sum.Aggregate = true
			sum.Cue = "sum of the parts"
			p.SubsetOf, w.SubsetOf = base+len(out), base+len(out)
			out = append(out, sum)
			figOf = append(figOf, -1) // the sum comes from no one figure
			k++
		}
	}
	return out, figOf
}

func hasWord(ts []token, w string) bool {
	for _, t := range ts {
		if t.Norm == w {
			return true
		}
	}
	return false
}

// isSubset reports whether the figure at token i is introduced as part of a
// larger one ("including four officers", "among them two children").
func isSubset(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Norm {
		case "including", "includes", "include":
			return true
		case "them", "whom":
			return k > 0 && toks[k-1].Norm == "among"
		}
		if toks[k].Punct != 0 {
			return false
		}
	}
	return false
}

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

// places resolves the places a sentence names, leaving out datelines and
// names inside source names.
func (x *Extractor) sentencePlaces(s sentence, context []string, found []gazetteer.Match, mentions []mention, toks []token) ([]schema.Place, []int) {
	var out []schema.Place
	var starts []int
	if len(found) > 0 {
		// room for every match: no growing
		out, starts = make([]schema.Place, 0, len(found)), make([]int, 0, len(found))
	}
	dateline := datelineEnd(s.Text)
	// the matches that name places: not in a dateline, an affiliation
	// ("Aleppo-based"), a government ("the Damascus regime") or a source's name
	names := func(m gazetteer.Match) bool {
		if len(m.Entries) == 0 || m.End <= dateline || isAffiliation(s.Text, m.Start) {
			return false
		}
		if k := tokenIndex(toks, m.End); k < len(toks) && x.polity[toks[k].Norm] {
			return false
		}
		if x.inOutletName(toks, m.Start, m.End) {
			return false
		}
		for _, sm := range mentions {
			if toks[sm.i].Start <= m.Start && m.Start < toks[sm.i+sm.n-1].End {
				return false
			}
		}
		return true
	}
	var named []gazetteer.Match
	for _, m := range found {
		if names(m) {
			named = append(named, m)
		}
	}
	// then not a village of a near name far from the governorates named
	local := gazetteer.ContextAdmin1(named)
	kept := named[:0]
	for _, m := range named {
		if !x.Gaz.Stray(m, local) {
			kept = append(kept, m)
		}
	}
	for i, m := range kept {
		if x.describes(toks, m, kept[i+1:], context) {
			continue // "the Aleppo city of Deir Ezzor": the place is the next name
		}
		e := x.Gaz.Resolve(m, context)
		if e.Country != "" && e.Country != "SY" {
			continue
		}
		out = append(out, x.place(e, m.Text))
		starts = append(starts, m.Start)
	}
	return out, starts
}

// describes reports whether the place name m describes the name that follows
// it as "<m> town of <next>" ("the Idlib town of Saraqeb"), a qualifier noun
// of data/cues.tsv and "of" between them, and m is no finer a place than the
// next: in "the Jobar neighbourhood of Damascus" Jobar is the place.
func (x *Extractor) describes(toks []token, m gazetteer.Match, next []gazetteer.Match, context []string) bool {
	k := tokenIndex(toks, m.End)
	if len(next) == 0 || len(next[0].Entries) == 0 || k+2 >= len(toks) || !x.qualifier[toks[k].Norm] ||
		toks[k+1].Norm != "of" || next[0].Start != toks[k+2].Start {
		return false
	}
	a, b := x.Gaz.Resolve(m, context).Kind, x.Gaz.Resolve(next[0], context).Kind
	if kindRank(a) != kindRank(b) {
		return kindRank(a) > kindRank(b)
	}
	return fineness[a] >= fineness[b]
}

// fineness orders the kinds of places of one placeRank from the smallest.
var fineness = map[string]int{"neighbourhood": 0, "village": 1, "town": 2, "city": 3}

// datelineEnd returns the end of a dateline at the start of s ("ERBIL,
// Kurdistan Region –"), or 0.
func datelineEnd(s string) int {
	for _, dash := range []string{" – ", " — ", " - "} {
		// the first such dash counts only if it starts in the first 60
		// bytes: search no further
		near := s[:min(len(s), 59+len(dash))]
		if i := strings.Index(near, dash); i > 0 && i < 60 {
			head := s[:i]
			first := strings.Fields(head)[0]
			if strings.ToUpper(first) == first && len(strings.Fields(head)) <= 6 {
				return i + len(dash)
			}
		}
	}
	return 0
}

func (x *Extractor) place(e gazetteer.Entry, mentionText string) schema.Place {
	if p, ok := x.places.Load(e.ID); ok {
		p := p.(schema.Place)
		p.Mention = mentionText
		return p
	}
	p := schema.Place{
		ID: placeID(e), Name: e.Name, Kind: e.Kind, Admin1: e.Admin1,
		Lat: e.Lat, Lon: e.Lon, HasCoords: e.HasCoords, GazetteerID: e.ID,
	}
	if e.Kind != "governorate" && e.Admin1 != "" {
		if g, ok := x.Gaz.Governorate(e.Admin1); ok {
			p.Within, p.WithinName = placeID(g), g.Name
		}
	}
	x.places.Store(e.ID, p)
	p.Mention = mentionText
	return p
}

// placeID is a readable, deterministic id for a gazetteer entry.
func placeID(e gazetteer.Entry) string {
	id := slug(e.Name)
	switch {
	case e.Kind == "governorate":
		id += "-governorate"
	case e.Admin1 != "" && slug(e.Admin1) != id:
		id += "-" + slug(e.Admin1)
	}
	return id
}

func slug(s string) string {
	return strings.Join(normPhrase(strings.ToLower(s)), "-")
}

// placeRank orders places from the most specific (towns, features) to the
// least (governorates, regions).
func placeRank(p *schema.Place) int { return kindRank(p.Kind) }

// kindRank is placeRank of a gazetteer kind.
func kindRank(kind string) int {
	switch kind {
	case "governorate":
		return 3
	case "region", "country":
		return 4
	case "district", "subdistrict":
		return 2
	}
	return 1
}

// linkPlacesAndDates gives every claim its event: the most specific place
// and the first date of its sentence, else those of the sentences before it
// in its paragraph, else the article's first specific place. A place with no
// governorate (Syria, the Euphrates) is used only when nothing finer is known.
func (x *Extractor) linkPlacesAndDates(doc *schema.Article, an []*analysis) {
	published, _ := parseISO(doc.Published)
	// the article's place: its first specific place outside background
	// sentences, else in one, else its first place of any kind
	var articlePlace, pastPlace, vaguePlace *schema.Place
	for _, a := range an {
		p := best(a.places)
		switch {
		case p == nil:
		case p.Admin1 == "":
			vaguePlace = cmp.Or(vaguePlace, p)
		case background(a, published):
			pastPlace = cmp.Or(pastPlace, p)
		default:
			articlePlace = cmp.Or(articlePlace, p)
		}
	}
	articlePlace = cmp.Or(articlePlace, pastPlace, vaguePlace)
	var curPlace *schema.Place
	var curStart, curEnd string
	var curRel *when
	curPara := -2
	for _, a := range an {
		if a.Paragraph != curPara {
			curPlace, curStart, curEnd, curRel, curPara = nil, "", "", nil, a.Paragraph
		}
		if p := best(a.places); p != nil && p.Admin1 != "" {
			curPlace = p
		}
		for i, w := range a.when {
			if w.From.IsZero() || w.To.IsZero() {
				continue
			}
			if a.agg && w.To.Sub(w.From) <= aggregateSpan && widerWhen(a.when[i+1:]) {
				continue // a tally's window, not the day it was told ("said on Tuesday ... in the last month")
			}
			if w.unknown {
				curStart, curEnd, curRel = "", "", nil // a date, but not one we can tell
				break
			}
			if w.rel {
				curStart, curEnd, curRel = "", "", &a.when[i]
			} else {
				curStart, curEnd, curRel = w.From.Format(isoDate), w.To.Format(isoDate), nil
			}
			break
		}
		kind := a.kind
		if a.agg {
			kind = "aggregate"
		}
		if kind == "" {
			kind = "attack"
		}
		for k, ci := range a.claims {
			c := &doc.Claims[ci]
			c.Event.Kind = kind
			c.Event.Place = curPlace
			if p := a.tollPlace(a.claimPos[k], x.rise); p != nil {
				c.Event.Place = p
			} else if p := a.placeNear(a.claimPos[k]); p != nil {
				c.Event.Place = p
			}
			if c.Event.Place == nil {
				c.Event.Place = articlePlace
			}
			if x.earlierAfter(a, a.claimPos[k]) {
				// an incident before the sentence's: its own event, undated
				c.Event.Kind = schema.KindEarlier
				continue
			}
			c.Event.Start, c.Event.End = curStart, curEnd
			if curRel != nil {
				from, to := int64(curRel.relFrom), int64(curRel.relTo)
				c.Event.RelStart, c.Event.RelEnd = &from, &to
			}
		}
	}
	placeSummaries(doc, an)
}

// backgroundGap is how long before publication a sentence's dates must all
// end for the sentence to be background.
const backgroundGap = 45 * 24 * time.Hour

// background reports whether a sentence is history: it is dated, and all its
// dates end well before the article's publication ("the rebels used the same
// weapons in Aleppo last year", "a sarin attack in Ghouta in August 2013").
// Its places are not where the article's news happened: they are the
// article's place only when no other sentence has one. (They still carry to
// the next sentences of their paragraph, which often go on about the same
// past incident: "... a chemical attack on March 19. It said 26 were killed.")
func background(a *analysis, published time.Time) bool {
	if published.IsZero() {
		return false
	}
	dated := false
	for _, w := range a.when {
		if w.To.IsZero() || w.rel {
			continue
		}
		if published.Sub(w.To) < backgroundGap {
			return false
		}
		dated = true
	}
	return dated
}

// placeSummaries completes a headline figure from the body sentence that
// reports the same count: the headline sums up the article, the body says
// where and when. The headline takes that sentence's place when it names
// several governorates ("Four killed in attacks in Damascus, Aleppo and
// Homs") or none, and its date when it has none (headlines rarely date).
func placeSummaries(doc *schema.Article, an []*analysis) {
	for _, a := range an {
		if !a.Headline {
			continue
		}
		replace := governorates(a.places) != 1
		for _, ci := range a.claims {
			h := &doc.Claims[ci]
			if h.Figure.Value == nil || h.SubsetOf >= 0 {
				continue
			}
			placed, dated := !replace, h.Event.Start != "" || h.Event.RelStart != nil || h.Event.Kind == schema.KindEarlier
			for i := range doc.Claims {
				b := &doc.Claims[i]
				if placed && dated {
					break
				}
				if b.Section == "headline" || b.Metric != h.Metric || b.SubsetOf >= 0 || b.Figure.Value == nil ||
					*b.Figure.Value != *h.Figure.Value {
					continue
				}
				if !placed && b.Event.Place != nil && b.Event.Place.Admin1 != "" {
					h.Event.Place, placed = b.Event.Place, true
				}
				if !dated && (b.Event.Start != "" || b.Event.RelStart != nil) {
					h.Event.Start, h.Event.End, h.Event.RelStart, h.Event.RelEnd = b.Event.Start, b.Event.End, b.Event.RelStart, b.Event.RelEnd
					dated = true
				}
			}
		}
	}
}

// governorates counts the governorates of a sentence's places.
func governorates(ps []schema.Place) int {
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Admin1 != "" {
			seen[p.Admin1] = true
		}
	}
	return len(seen)
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

// earlierAfter reports whether the clause after the figure at byte pos of a
// sentence names an earlier incident ("after 35 were killed in an earlier
// attack"): an "earlier" cue of data/events.tsv before the next comma.
func (x *Extractor) earlierAfter(a *analysis, pos int) bool {
	if pos < 0 {
		return false
	}
	if a.earlier == nil {
		// once per sentence, from its end: earlier[i] says whether an
		// earlier-incident phrase starts at or after token i before the
		// next comma or semicolon. A scan per figure would be quadratic in
		// a sentence of thousands of figures and no comma.
		a.earlier = make([]bool, len(a.toks))
		found := false
		for i := len(a.toks) - 1; i >= 0; i-- {
			if a.toks[i].Punct == ',' || a.toks[i].Punct == ';' {
				found = false
				continue
			}
			if k, _, ok := x.Lex.events.match(a.toks, i); ok && k == schema.KindEarlier {
				found = true
			}
			a.earlier[i] = found
		}
	}
	i := tokenIndex(a.toks, pos)
	return i < len(a.toks) && a.earlier[i]
}

// widerWhen reports whether one of ws covers more than an incident's span.
func widerWhen(ws []when) bool {
	for _, w := range ws {
		if !w.From.IsZero() && !w.To.IsZero() && w.To.Sub(w.From) > aggregateSpan {
			return true
		}
	}
	return false
}

func best(ps []schema.Place) *schema.Place {
	var b *schema.Place
	for i := range ps {
		if b == nil || placeRank(&ps[i]) < placeRank(b) || b.Admin1 == "" && ps[i].Admin1 != "" {
			b = &ps[i]
		}
	}
	return b
}

// lead picks the article's main casualty claim: the first killed figure of
// the headline, else of the first paragraph, else of the article.
func lead(doc *schema.Article, leadEnd int) int {
	singular := true
	countsDead := func(c *schema.Claim) bool {
		return (c.Metric == schema.MetricKilled || c.Metric == schema.MetricExecuted) && c.Figure.Value != nil &&
			c.SubsetOf < 0 && (singular || !one(&c.Figure) || c.Section == "headline" && c.Figure.Qualifier != "a")
	}
	pick := func(ok func(c *schema.Claim) bool) int {
		for i := range doc.Claims {
			if c := &doc.Claims[i]; countsDead(c) && ok(c) {
				return i
			}
		}
		return -1
	}
	// the lead paragraph: the first three body sentences
	inLead := func(c *schema.Claim) bool { return c.Section == "body" && c.Offset < leadEnd }
	// "a commander" leads only when no claim of the headline or the lead
	// paragraph counts more than one ("Attacks kill a woman" leads over a
	// toll of 30 from an older attack further down)
	singular = true
	for i := range doc.Claims {
		if c := &doc.Claims[i]; c.Figure.Value != nil && !one(&c.Figure) && (c.Section == "headline" || inLead(c)) &&
			(c.Metric == schema.MetricKilled || c.Metric == schema.MetricExecuted) {
			singular = false
			break
		}
	}
	firstSentence := func(c *schema.Claim) bool {
		for i := range doc.Claims {
			if doc.Claims[i].Section == "body" {
				return c.Offset == doc.Claims[i].Offset
			}
		}
		return false
	}
	if h := pick(func(c *schema.Claim) bool { return c.Section == "headline" }); h >= 0 {
		hf := &doc.Claims[h].Figure
		// "Seven children killed" over "killed at least 10 people including seven
		// children": the headline names a part, the lead paragraph the whole
		// (only when the body first gives the headline's figure as a part)
		for i := range doc.Claims {
			c := &doc.Claims[i]
			if !inLead(c) || c.Figure.Value == nil || *c.Figure.Value != *hf.Value {
				continue
			}
			if c.SubsetOf >= 0 && countsDead(&doc.Claims[c.SubsetOf]) {
				return c.SubsetOf
			}
			break
		}
		if hf.Min == nil || hf.Max == nil || *hf.Min != *hf.Max || hf.Approx {
			// "More than 50 killed" over "at least 51 civilians were killed": the
			// first paragraph's figure is the precise one, if it fits the headline's
			if b := pick(func(c *schema.Claim) bool { return inLead(c) && within(&c.Figure, hf) }); b >= 0 {
				return b
			}
		}
		return h
	}
	// an open figure ("more than 30") is made precise by the lead paragraph's
	// exact one that fits it ("at least 31 people were killed")
	precise := func(i int) int {
		f := &doc.Claims[i].Figure
		if f.Min != nil && f.Max != nil && *f.Min == *f.Max && !f.Approx {
			return i
		}
		if b := pick(func(c *schema.Claim) bool {
			return inLead(c) && c.Offset > doc.Claims[i].Offset && within(&c.Figure, f)
		}); b >= 0 {
			return b
		}
		return i
	}
	if i := pick(firstSentence); i >= 0 {
		return precise(i)
	}
	if i := pick(inLead); i >= 0 {
		return precise(i)
	}
	if i := pick(func(*schema.Claim) bool { return true }); i >= 0 {
		return i
	}
	// no toll with a number: the first casualty claim of any kind ("hundreds
	// killed", "ten civilians injured") still says where and when
	for _, metrics := range [][]string{{schema.MetricKilled, schema.MetricExecuted}, {schema.MetricWounded}} {
		for i := range doc.Claims {
			c := &doc.Claims[i]
			if c.SubsetOf < 0 && (c.Metric == metrics[0] || len(metrics) > 1 && c.Metric == metrics[1]) {
				return i
			}
		}
	}
	return -1
}

// one reports whether f counts one person: "a commander", "one of the emirs".
func one(f *schema.Figure) bool {
	return f.Qualifier == "a" || f.Value != nil && *f.Value == 1 && f.Min != nil && f.Max != nil && *f.Min == 1 && *f.Max == 1
}

// within reports whether figure f's value lies in the interval of g, and
// near its lower bound when the interval is open above.
func within(f, g *schema.Figure) bool {
	v := *f.Value
	if g.Max == nil && g.Min != nil && float64(v) > 1.25*float64(*g.Min) {
		return false // "over 20" is not the body's "100": too far to be the same count made precise
	}
	if g.Min == nil && g.Max != nil && float64(v) < 0.8*float64(*g.Max) {
		return false // nor is "up to 70" the body's "six"
	}
	return (g.Min == nil || v >= *g.Min) && (g.Max == nil || v <= *g.Max)
}

// cited lists every source the article's claims name, sorted by id.
func cited(doc *schema.Article) []schema.Source {
	seen := map[string]bool{}
	out := []schema.Source{}
	add := func(s *schema.Source) {
		if s != nil && !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, *s)
		}
	}
	for i := range doc.Claims {
		add(doc.Claims[i].Claimant)
		for j := range doc.Claims[i].Via {
			add(&doc.Claims[i].Via[j])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// isAffiliation reports whether the name at start is part of an affiliation
// ("pro-Damascus fighters", "anti-Assad groups"), not a place.
func isAffiliation(s string, start int) bool {
	pre := s[max(0, start-5):start]
	return hasSuffixFold(pre, "pro-") || hasSuffixFold(pre, "anti-")
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// inOutletName reports whether the span [start,end) of a sentence lies in the
// name of an outlet ("Daily Sabah" is not the village of Sabbah).
func (x *Extractor) inOutletName(toks []token, start, end int) bool {
	// the name starts at or before start, and at most 40 bytes before it
	// (tokens are in text order)
	first := sort.Search(len(toks), func(i int) bool { return toks[i].End > start-40 })
	for i := first; i < len(toks) && toks[i].Start <= start && toks[i].Start < end; i++ {
		if _, n, ok := x.Lex.outlets.match(toks, i); ok {
			if toks[i].Start <= start && end <= toks[i+n-1].End {
				return true
			}
		}
	}
	return false
}

// placeNear returns the place of the sentence that a figure at byte pos is
// about: the first place named after it, refined by the places right after
// that lie within it ("in the countryside of Homs near al-Sukhnah" is
// al-Sukhnah), but not moved to an unrelated place ("kills 18 in Deir Ezour,
// advances in Jobar" is Deir Ezour). With no place after the figure it is
// the finest place of the sentence; nil when pos is unknown or the sentence
// names no place with a governorate.
func (a *analysis) placeNear(pos int) *schema.Place {
	if pos < 0 {
		return nil
	}
	var got *schema.Place
	for i := range a.places {
		p := &a.places[i]
		if p.Admin1 == "" || a.placeStarts[i] <= pos {
			continue
		}
		if got == nil {
			got = p
			continue
		}
		if p.Admin1 != got.Admin1 {
			break
		}
		if placeRank(p) < placeRank(got) {
			got = p
		}
	}
	if got == nil {
		if b := best(a.places); b != nil && b.Admin1 != "" {
			return b
		}
	}
	return got
}

// tollPlace returns the place named inside a toll that rises or stands at
// the figure at byte pos ("the death toll from rocket attacks in Aleppo
// rises to 8"): the place of the toll, not one after the figure; nil when
// the figure is not such a toll's.
func (a *analysis) tollPlace(pos int, rise map[string]bool) *schema.Place {
	if pos < 0 {
		return nil
	}
	k := tollBefore(a.toks, tokenIndex(a.toks, pos), rise)
	if k < 0 {
		return nil
	}
	var got *schema.Place
	for i := range a.places {
		if p := &a.places[i]; p.Admin1 != "" && a.placeStarts[i] > a.toks[k].Start && a.placeStarts[i] < pos {
			got = p // the last one before the figure
		}
	}
	return got
}

// tollBefore returns the index of "toll" when the figure at token fs is what
// a toll rises or stands at ("the death toll ... rose to 11", "putting the
// toll at 70"): "to" or "at" right before it, "toll" within 12 words before
// that with no punctuation between, or, after a verb of rising (cues.tsv
// role rise: "has risen to"), within 40 words and past commas ("The death
// toll from Wednesday's air strike on a hospital in the rebel-held east of
// Aleppo, the last in the city, has risen to 50"). -1 otherwise.
func tollBefore(toks []token, fs int, rise map[string]bool) int {
	if fs < 2 || toks[fs-1].Norm != "to" && toks[fs-1].Norm != "at" {
		return -1
	}
	window, commas := 12, false
	if toks[fs-1].Norm == "to" && rise[toks[fs-2].Norm] {
		window, commas = 40, true
	}
	for k := fs - 2; k >= 0 && k >= fs-window; k-- {
		if p := toks[k].Punct; p != 0 && !(commas && (p == ',' || p == '(' || p == ')' || isQuote(p))) {
			return -1
		}
		if toks[k].Norm == "toll" {
			return k
		}
	}
	return -1
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

// amongWhole reports whether the figure at token i follows "they were among"
// at the start of its sentence: the whole of the previous sentence's count.
func amongWhole(toks []token, i int) bool {
	if i < 2 || i > 5 || toks[i-1].Norm != "among" {
		return false
	}
	for _, t := range toks[:i-1] {
		switch t.Norm {
		case "they", "who", "were", "are", "was", "at", "least":
		default:
			return false
		}
	}
	return true
}

// conjunct reports whether the figure at token i follows "and": the second
// of two coordinated counts.
func conjunct(toks []token, i int) bool {
	return i > 0 && toks[i-1].Norm == "and" || asWellAs(toks[:i])
}

// asWellAs reports whether ts ends with "as well as", which coordinates
// counts like "and" ("killed a commander as well as five of his aides").
func asWellAs(ts []token) bool {
	n := len(ts)
	return n >= 3 && ts[n-3].Norm == "as" && ts[n-2].Norm == "well" && ts[n-1].Norm == "as"
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
