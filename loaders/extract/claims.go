// Claims: building a sentence's claims, with their evidence, wholes and subsets.

package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/loaders/figure"
	"github.com/claimgraph/claimgraph/schema"
)

// claims adds the claims of one sentence to doc. It gathers them in out,
// scratch memory that it returns for the next sentence.
func (x *Extractor) claims(doc *schema.Article, a *analysis, out []schema.Claim) []schema.Claim {
	if len(doc.Claims) >= MaxClaims {
		return out[:0]
	}
	base := x.baseClaim(a)
	out = out[:0]
	var figOf []int // the figure each claim of out came from, -1 for none
	if !a.negated {
		for fi := range a.figures {
			out, figOf = x.figureClaims(doc, a, base, fi, out, figOf)
		}
	}
	out, figOf = x.wholes(a, doc, out, figOf)
	amongPrevious(doc, a, out, figOf)
	x.responsibilityTolls(a, out, figOf)
	if a.channelAttr != nil {
		for k := range out {
			if out[k].Claimant != nil {
				out[k].Claimant = a.channelAttr.Claimant
			}
		}
	}
	out, _ = statementClaims(a, base, out, figOf)
	out = alsoClaims(doc, a, out)
	out = capClaims(doc, out)
	addClaims(doc, a, out)
	return out
}

// baseClaim is what every claim of sentence a shares: its evidence, section,
// attribution and perpetrator.
func (x *Extractor) baseClaim(a *analysis) schema.Claim {
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
	return base
}

// figureClaims adds to out the claims of figure fi of sentence a, one for
// each of its metrics, and to figOf fi for each: figure, then metric and
// victims, then claim.
func (x *Extractor) figureClaims(doc *schema.Article, a *analysis, base schema.Claim, fi int, out []schema.Claim, figOf []int) ([]schema.Claim, []int) {
	if !countFigure(a, fi) {
		return out, figOf
	}
	f := a.figures[fi]
	metrics, who, subset := x.figureMetrics(a, f, out)
	for _, m := range metrics {
		out = append(out, countClaim(base, f, m, who, subset, out, len(doc.Claims)))
		figOf = append(figOf, fi)
	}
	return out, figOf
}

// countFigure reports whether figure fi of sentence a may be a count of its
// own: it has no unit, and it is not the noun of the count before it.
func countFigure(a *analysis, fi int) bool {
	f := a.figures[fi]
	if f.Unit != "" {
		return false
	}
	if f.Vague && fi > 0 && strings.TrimSpace(a.Text[a.figures[fi-1].End:f.Start]) == "" {
		return false // "25 others": the noun of the count before it, not a count of its own
	}
	return true
}

// figureMetrics returns the metrics of figure f (none when it counts no
// one for certain), who it counts, and whether it is introduced as a part
// of a larger count. out holds the sentence's claims so far.
func (x *Extractor) figureMetrics(a *analysis, f figure.Mention, out []schema.Claim) (metrics []string, who string, subset bool) {
	metrics, who, strong := x.metricFor(a, f)
	subset = isSubset(a.toks, tokenIndex(a.toks, f.Start))
	if len(metrics) == 0 && (subset || conjunct(a.toks, tokenIndex(a.toks, f.Start))) && len(out) > 0 && who != "" {
		// a part, or the second of coordinated counts ("killed 50 militants and
		// eight civilians"), takes the metric of the count before it
		metrics, strong = []string{out[len(out)-1].Metric}, true
	}
	if len(metrics) == 0 || (f.Vague && !strong) {
		return nil, who, subset
	}
	return metrics, who, subset
}

// countClaim is the claim that figure f counts metric m of who. A subset is
// a part of the last claim of out with the same metric; first is the index
// in the article that out's first claim will take.
func countClaim(base schema.Claim, f figure.Mention, m, who string, subset bool, out []schema.Claim, first int) schema.Claim {
	c := base
	c.Metric = m
	c.Who = who
	c.Figure = schema.Figure{Text: f.Text, Qualifier: f.Qualifier, Value: f.Value, Min: f.Min, Max: f.Max, Approx: f.Approx, Vague: f.Vague}
	if subset {
		for k := len(out) - 1; k >= 0; k-- {
			if out[k].Metric == m {
				c.SubsetOf = first + k
				break
			}
		}
	}
	return c
}

// amongPrevious makes the previous sentence's toll a part of this one's
// first claim.
func amongPrevious(doc *schema.Article, a *analysis, out []schema.Claim, figOf []int) {
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
}

// responsibilityTolls takes the attribution off the claims of figures after
// a claim of responsibility.
func (x *Extractor) responsibilityTolls(a *analysis, out []schema.Claim, figOf []int) {
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
}

// statementClaims adds the claims of an explicitly attributed sentence's
// statements without a count.
func statementClaims(a *analysis, base schema.Claim, out []schema.Claim, figOf []int) ([]schema.Claim, []int) {
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
	return out, figOf
}

// alsoClaims repeats out's claims for each further claimant of the sentence.
func alsoClaims(doc *schema.Article, a *analysis, out []schema.Claim) []schema.Claim {
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
	return out
}

// capClaims cuts out to the room left in the article.
func capClaims(doc *schema.Article, out []schema.Claim) []schema.Claim {
	// an article gives at most MaxClaims claims
	if room := MaxClaims - len(doc.Claims); len(out) > room {
		out = out[:room]
		for k := range out {
			if out[k].SubsetOf >= MaxClaims {
				out[k].SubsetOf = -1
			}
		}
	}
	return out
}

// addClaims appends out to doc's claims, with each claim's figure position
// in sentence a and, in a long sentence, its evidence window.
func addClaims(doc *schema.Article, a *analysis, out []schema.Claim) {
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
