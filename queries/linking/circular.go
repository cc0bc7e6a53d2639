package linking

import (
	"fmt"
	"strings"

	"github.com/claimgraph/claimgraph/schema"
)

// circularOf reports, per origin, claims about one event that reach the
// reader through two or more articles: one origin echoed, however many
// outlets carry it.
func (l *linker) circularOf(ei int) {
	e := &l.events[ei]
	byOrigin := map[string][]int{}
	for _, c := range e.claims {
		lc := &l.claims[c]
		if l.unnamedOutlet(lc) || lc.metric == noMetric {
			continue
		}
		o := l.origin(lc)
		byOrigin[o] = append(byOrigin[o], c)
	}
	all := l.originsOf(e.claims)
	for _, o := range sortedKeys(keysOf(byOrigin)) {
		cs := byOrigin[o]
		arts, outlets := map[string]bool{}, map[string]bool{}
		for _, c := range cs {
			// a text two outlets carry is relayed twice; one outlet's copies once
			arts[l.claims[c].report.IRI+"\x00"+l.claims[c].doc.outlet] = true
			outlets[l.claims[c].doc.outlet] = true
		}
		if len(arts) < 2 {
			continue
		}
		why := fmt.Sprintf("%d claims in %d articles (%s) all come from %s", len(cs), len(arts),
			strings.Join(sortedKeys(outlets), ", "), o)
		if len(all) == 1 {
			why += "; the event has no other origin"
		}
		l.circular = append(l.circular, relation{
			iri: schema.RelationIRI("circular", l.iris(cs)), event: ei, claims: cs,
			origins: []string{o}, outlets: sortedKeys(outlets), why: why,
		})
	}
}
