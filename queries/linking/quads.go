package linking

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// output renders the linking output, component by component (component.go).
func (l *linker) output(res *Result) Output {
	// every article with claims is in a component; its label names its articles
	members := map[string][]string{}
	for i := range l.units {
		a := l.units[i].article
		r := l.part.find(a)
		if ms := members[r]; len(ms) == 0 || ms[len(ms)-1] != a {
			members[r] = append(members[r], a)
		}
	}
	labelOf := map[string]quad.IRI{} // article IRI -> its component's label
	comps := map[quad.IRI]*Component{}
	for r, arts := range members {
		sort.Strings(arts)
		arts = dedupe(arts)
		members[r] = arts
		label := quad.IRI(schema.LinkComponentIRI(arts))
		comps[label] = &Component{Label: string(label), Articles: arts}
		for _, a := range arts {
			labelOf[a] = label
		}
	}
	// a timeless report reads the whole component of each report it was
	// weighed against: any change there may change what it merges with
	for _, tr := range l.timelessReads {
		for _, a := range members[l.part.find(tr[1])] {
			l.addReader(tr[0], a)
		}
	}
	// context articles (LinkWith) are linked but not output: their
	// components hold no docs (else LinkWith promotes them)
	inOutput := func(article string) bool { return !l.context[article] }
	var label quad.IRI // the component being rendered
	seen := map[quad.Quad]bool{}
	add := func(s string, p string, o quad.Value) {
		q := quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: label}
		if !seen[q] {
			seen[q] = true
			c := comps[label]
			c.Quads = append(c.Quads, q)
		}
	}
	str := func(s, p, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	for iri, a := range l.anchored {
		label = labelOf[iri]
		str(iri, schema.AnchoredPublished, dayString(a.day, a.day))
		str(iri, schema.AnchoredWhy, a.why)
	}
	for _, e := range l.events {
		n := e.iri
		label = labelOf[l.units[e.units[0]].article]
		add(n, schema.Type, quad.IRI(schema.ClassLinkedEvent))
		kinds, places := map[string]int{}, map[string]int{}
		var placeOf = map[string]*schema.Place{}
		lo, hi, dated, agg := math.MaxInt32, math.MinInt32, false, false
		for _, u := range e.units {
			un := &l.units[u]
			add(n, schema.Includes, quad.IRI(un.event))
			for _, ev := range un.also {
				add(n, schema.Includes, quad.IRI(ev))
			}
			kinds[un.kind]++
			if un.place != nil && !isGovernorate(un.place) {
				places[un.place.ID]++
				placeOf[un.place.ID] = un.place
			} else if un.place != nil {
				places[un.place.ID] += 0
				placeOf[un.place.ID] = un.place
			}
			if un.dated {
				dated = true
				lo, hi = min(lo, un.lo), max(hi, un.hi)
			}
			agg = agg || un.agg
		}
		for _, c := range e.claims {
			add(n, schema.Member, quad.IRI(l.claims[c].iri))
		}
		for _, j := range e.joins {
			str(n, schema.Joined, fmt.Sprintf("%s joined %s (evidence %g): %s", l.units[j.unit].doc.ID, l.units[j.with].doc.ID, j.score, j.why))
		}
		kind := argmax(kinds)
		str(n, schema.Kind, kind)
		place := argmax(places)
		name := kind
		if p := placeOf[place]; p != nil {
			add(n, schema.Location, quad.IRI(schema.PlaceIRI(place)))
			name += " at " + p.Name
		}
		if dated {
			str(n, schema.StartDate, dayString(lo, lo))
			str(n, schema.EndDate, dayString(hi, hi))
			name += ", " + dayString(lo, hi)
		}
		str(n, schema.Name, strings.TrimSpace(name))
		if agg {
			add(n, schema.Aggregate, quad.Bool(true))
		}
		add(n, schema.IndependentOrigins, quad.Int(len(l.independent(e.claims))))
	}
	for _, r := range l.corrobs {
		n := r.iri
		label = labelOf[l.units[l.events[r.event].units[0]].article]
		add(n, schema.Type, quad.IRI(schema.ClassCorroboration))
		l.relationQuads(add, str, r)
		add(n, schema.IndependentOrigins, quad.Int(len(r.origins)))
		for i := range r.claims {
			for j := i + 1; j < len(r.claims); j++ {
				a, b := l.claims[r.claims[i]].iri, l.claims[r.claims[j]].iri
				if b < a {
					a, b = b, a
				}
				add(a, schema.Corroborates, quad.IRI(b))
			}
		}
	}
	for _, r := range l.contras {
		n := r.iri
		label = labelOf[l.units[l.events[r.event].units[0]].article]
		add(n, schema.Type, quad.IRI(schema.ClassContradiction))
		l.relationQuads(add, str, r)
		str(n, schema.Kind, r.kind)
		a, b := l.claims[r.claims[0]].iri, l.claims[r.claims[1]].iri
		add(n, schema.ClaimA, quad.IRI(a))
		add(n, schema.ClaimB, quad.IRI(b))
		add(a, schema.Contradicts, quad.IRI(b))
	}
	for _, r := range l.updates {
		n := r.iri
		label = labelOf[l.units[l.events[r.event].units[0]].article]
		add(n, schema.Type, quad.IRI(schema.ClassUpdate))
		l.relationQuads(add, str, r)
		add(n, schema.ClaimA, quad.IRI(l.claims[r.claims[0]].iri))
		add(n, schema.ClaimB, quad.IRI(l.claims[r.claims[1]].iri))
	}
	for _, r := range l.circular {
		n := r.iri
		label = labelOf[l.units[l.events[r.event].units[0]].article]
		add(n, schema.Type, quad.IRI(schema.ClassCircular))
		l.relationQuads(add, str, r)
		for _, o := range r.outlets {
			if strings.HasPrefix(o, "article:") {
				continue
			}
			add(n, schema.Publisher, quad.IRI(schema.SourceIRI(o)))
		}
		add(n, schema.IndependentOrigins, quad.Int(len(l.originsOf(l.events[r.event].claims))))
	}
	// each component: its articles, its index keys, its content hash
	index := map[quad.IRI]keySet{}
	for i := range l.units {
		u := &l.units[i]
		lab := labelOf[u.article]
		if index[lab] == nil {
			index[lab] = keySet{}
		}
		l.keys(u, index[lab], keySet{})
	}
	for a, k := range l.copyKey {
		index[labelOf[a]].add("x:%s", k)
	}
	for a, vs := range l.readers {
		for v := range vs {
			index[labelOf[a]].add("%s", ReaderKey(v))
		}
	}
	out := Output{linker: l}
	for _, c := range comps {
		if !inOutput(c.Articles[0]) {
			continue
		}
		label = quad.IRI(c.Label)
		add(c.Label, schema.Type, quad.IRI(schema.ClassLinkComponent))
		for _, a := range c.Articles {
			add(c.Label, schema.LinksArticle, quad.IRI(a))
		}
		for _, k := range index[label].sorted() {
			add(c.Label, schema.LinkKey, quad.String(k))
		}
		schema.SortQuads(c.Quads)
		h := sha256.New()
		h.Write([]byte(Version + "\n"))
		for _, q := range c.Quads {
			h.Write([]byte(q.NQuad() + "\n"))
		}
		add(c.Label, schema.ContentHash, quad.String(hex.EncodeToString(h.Sum(nil))))
		schema.SortQuads(c.Quads)
		out.Components = append(out.Components, *c)
	}
	sort.Slice(out.Components, func(i, j int) bool { return out.Components[i].Label < out.Components[j].Label })
	head := quad.IRI(schema.LinkingIRI)
	out.Head = []quad.Quad{
		{Subject: head, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinking), Label: head},
		{Subject: head, Predicate: quad.IRI(schema.LinkerVersion), Object: quad.String(Version), Label: head},
		{Subject: head, Predicate: quad.IRI(schema.LinkOptions), Object: quad.String(l.opt.String()), Label: head},
	}
	schema.SortQuads(out.Head)
	eventOut := func(e int) bool { return inOutput(l.units[l.events[e].units[0]].article) }
	relationsOut := func(rs []relation) int {
		n := 0
		for _, r := range rs {
			if eventOut(r.event) {
				n++
			}
		}
		return n
	}
	for e := range l.events {
		if eventOut(e) {
			res.Events++
		}
	}
	res.Corroborations, res.Contradictions, res.Circular = relationsOut(l.corrobs), relationsOut(l.contras), relationsOut(l.circular)
	res.Updates = relationsOut(l.updates)
	for iri := range l.anchored {
		if inOutput(iri) {
			res.Anchored++
		}
	}
	res.Claims = 0
	for _, c := range l.claims {
		if inOutput(c.article) {
			res.Claims++
		}
	}
	res.Components = len(out.Components)
	res.Quads = len(out.Head)
	for _, c := range out.Components {
		res.Largest = max(res.Largest, len(c.Articles))
		res.Quads += len(c.Quads)
	}
	out.Result = *res
	return out
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func (l *linker) relationQuads(add func(string, string, quad.Value), str func(string, string, string), r relation) {
	n := r.iri
	add(n, schema.About, quad.IRI(l.events[r.event].iri))
	str(n, schema.Metric, r.metric)
	str(n, schema.Why, r.why)
	for _, c := range r.claims {
		add(n, schema.Member, quad.IRI(l.claims[c].iri))
	}
	for _, o := range r.origins {
		if o != unattributed && o != unnamedKinds && !strings.HasPrefix(o, "article:") {
			add(n, schema.PrimarySource, quad.IRI(schema.SourceIRI(o)))
		}
	}
}

// argmax returns the key with the highest count, the smallest key on ties.
func argmax(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}
