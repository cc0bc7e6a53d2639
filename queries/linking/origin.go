package linking

// restatements gives an unattributed claim that restates a figure its own
// article attributes elsewhere the origin of that attribution: a headline
// "Thirty killed in air strikes" over a body's "thirty civilians were
// killed, the Observatory said" is the Observatory's figure, relayed by the
// outlet, not the outlet's own. A claim restates another when both count
// the same metric and state the same number, and agree (agree); of several attributed claims
// with that figure, the nearest in the text gives the origin. An outlet is
// an origin only where nothing in its article attributes the figure.
func (l *linker) restatements() {
	type key struct {
		article string
		metric  metric
		value   float64
	}
	attributed := map[key][]int{}
	for i := range l.claims {
		lc := &l.claims[i]
		lc.restates = -1
		if lc.c.Claimant != nil && comparable(lc) {
			k := key{lc.doc.IRI, lc.metric, lc.stated()}
			attributed[k] = append(attributed[k], i)
		}
	}
	for i := range l.claims {
		lc := &l.claims[i]
		if lc.c.Claimant != nil || !comparable(lc) {
			continue
		}
		best, dist := -1, 0
		for _, j := range attributed[key{lc.doc.IRI, lc.metric, lc.stated()}] {
			if !agree(lc, &l.claims[j]) {
				continue // "up to 70" does not restate "over 70"
			}
			d := int(l.claims[j].c.Offset) - int(lc.c.Offset)
			if d < 0 {
				d = -d
			}
			if best < 0 || d < dist {
				best, dist = j, d
			}
		}
		if best < 0 {
			continue
		}
		src := &l.claims[best]
		lc.restates = int32(best)
		lc.origin, lc.unnamed = src.origin, src.unnamed
	}
}

// originName names a claim's origin for a reason: the source id, or the
// outlet's, or "the article" for an outlet with no id.
func (l *linker) originName(lc *lclaim) string {
	if l.unnamedOutlet(lc) {
		return "article " + lc.doc.ID
	}
	return l.origin(lc)
}
