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

// output renders the linking output, component by component (component.go):
// the anchored dates, the events, the relations between claims, then each
// component's own quads (its articles, index keys and content hash), and
// counts what it rendered into res.
func (l *linker) output(res *Result) Output {
	comps, labelOf := l.components()
	w := &quadWriter{comps: comps, iris: map[string]quad.Value{}}
	l.anchorQuads(w, labelOf)
	l.eventQuads(w, labelOf)
	l.corroborationQuads(w, labelOf)
	l.contradictionQuads(w, labelOf)
	l.updateQuads(w, labelOf)
	l.circularQuads(w, labelOf)
	out := Output{linker: l}
	out.Components = l.componentQuads(w, l.componentIndex(labelOf))
	out.Head = l.headQuads()
	l.count(res, &out)
	out.Result = *res
	return out
}

// inOutput reports whether an article's linking is output: context
// articles (LinkWith) are linked but not output; their components hold no
// docs (else LinkWith promotes them).
func (l *linker) inOutput(article string) bool { return !l.context[article] }

// components groups the articles with claims into their components, each
// labelled by its articles, and returns them with each article's label. A
// timeless report reads the whole component of each report it was weighed
// against (l.readers): any change there may change what it merges with.
func (l *linker) components() (map[quad.IRI]*Component, map[string]quad.IRI) {
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
	for _, tr := range l.timelessReads {
		for _, a := range members[l.part.find(tr[1])] {
			l.addReader(tr[0], a)
		}
	}
	return comps, labelOf
}

// quadWriter adds quads to the component being rendered (label). A quad
// may be added more than once; componentQuads drops the repeats when it
// sorts each component (a set of every quad seen held the whole output
// twice at the peak of a full link).
type quadWriter struct {
	comps map[quad.IRI]*Component
	label quad.IRI
	iris  map[string]quad.Value // each subject, predicate and label boxed once
}

func (w *quadWriter) add(s string, p string, o quad.Value) {
	c := w.comps[w.label]
	c.Quads = append(c.Quads, quad.Quad{Subject: w.iri(s), Predicate: w.iri(p), Object: o, Label: w.iri(string(w.label))})
}

// iri returns s as a quad.IRI in an interface, the same one for every
// quad: subjects, predicates and labels repeat from quad to quad, and
// boxing each anew took 25 of the 86 MB a full link's output held at
// 10,000 articles.
func (w *quadWriter) iri(s string) quad.Value {
	v, ok := w.iris[s]
	if !ok {
		v = quad.IRI(s)
		w.iris[s] = v
	}
	return v
}

// str adds a string literal, none when v is empty.
func (w *quadWriter) str(s, p, v string) {
	if v != "" {
		w.add(s, p, quad.String(v))
	}
}

// anchorQuads writes the dates anchored to undated articles, with why.
func (l *linker) anchorQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for iri, a := range l.anchored {
		w.label = labelOf[iri]
		w.str(iri, schema.AnchoredPublished, dayString(a.day, a.day))
		w.str(iri, schema.AnchoredWhy, a.why)
	}
}

// eventQuads writes the linked events: the reports they include, their
// claims, the joins that made them, and their kind, place, dates and name
// voted by their units.
func (l *linker) eventQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for _, e := range l.events {
		n := e.iri
		w.label = labelOf[l.units[e.units[0]].article]
		w.add(n, schema.Type, quad.IRI(schema.ClassLinkedEvent))
		kinds, places := map[string]int{}, map[string]int{}
		var placeOf = map[string]*schema.Place{}
		lo, hi, dated, agg := math.MaxInt32, math.MinInt32, false, false
		for _, u := range e.units {
			un := &l.units[u]
			w.add(n, schema.Includes, quad.IRI(un.event))
			for _, ev := range un.also {
				w.add(n, schema.Includes, quad.IRI(ev))
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
			w.add(n, schema.Member, quad.IRI(l.claims[c].iri))
		}
		for _, j := range e.joins {
			w.str(n, schema.Joined, fmt.Sprintf("%s joined %s (evidence %g): %s", l.units[j.unit].doc.ID, l.units[j.with].doc.ID, j.score, j.why))
		}
		kind := argmax(kinds)
		w.str(n, schema.Kind, kind)
		place := argmax(places)
		name := kind
		if p := placeOf[place]; p != nil {
			w.add(n, schema.Location, quad.IRI(schema.PlaceIRI(place)))
			name += " at " + p.Name
		}
		if dated {
			w.str(n, schema.StartDate, dayString(lo, lo))
			w.str(n, schema.EndDate, dayString(hi, hi))
			name += ", " + dayString(lo, hi)
		}
		w.str(n, schema.Name, strings.TrimSpace(name))
		if agg {
			w.add(n, schema.Aggregate, quad.Bool(true))
		}
		w.add(n, schema.IndependentOrigins, quad.Int(len(l.independent(e.claims))))
	}
}

// relationLabel is the label of the component of a relation's event.
func (l *linker) relationLabel(r relation, labelOf map[string]quad.IRI) quad.IRI {
	return labelOf[l.units[l.events[r.event].units[0]].article]
}

// corroborationQuads writes the corroborations and a Corroborates link
// between each pair of their claims.
func (l *linker) corroborationQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for _, r := range l.corrobs {
		n := r.iri
		w.label = l.relationLabel(r, labelOf)
		w.add(n, schema.Type, quad.IRI(schema.ClassCorroboration))
		l.relationQuads(w, r)
		w.add(n, schema.IndependentOrigins, quad.Int(len(r.origins)))
		for i := range r.claims {
			for j := i + 1; j < len(r.claims); j++ {
				a, b := l.claims[r.claims[i]].iri, l.claims[r.claims[j]].iri
				if b < a {
					a, b = b, a
				}
				w.add(a, schema.Corroborates, quad.IRI(b))
			}
		}
	}
}

// contradictionQuads writes the contradictions, their kind and their two
// claims.
func (l *linker) contradictionQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for _, r := range l.contras {
		n := r.iri
		w.label = l.relationLabel(r, labelOf)
		w.add(n, schema.Type, quad.IRI(schema.ClassContradiction))
		l.relationQuads(w, r)
		w.str(n, schema.Kind, r.kind)
		a, b := l.claims[r.claims[0]].iri, l.claims[r.claims[1]].iri
		w.add(n, schema.ClaimA, quad.IRI(a))
		w.add(n, schema.ClaimB, quad.IRI(b))
		w.add(a, schema.Contradicts, quad.IRI(b))
	}
}

// updateQuads writes the updates: a later figure and the earlier one it
// updates.
func (l *linker) updateQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for _, r := range l.updates {
		n := r.iri
		w.label = l.relationLabel(r, labelOf)
		w.add(n, schema.Type, quad.IRI(schema.ClassUpdate))
		l.relationQuads(w, r)
		w.add(n, schema.ClaimA, quad.IRI(l.claims[r.claims[0]].iri))
		w.add(n, schema.ClaimB, quad.IRI(l.claims[r.claims[1]].iri))
	}
}

// circularQuads writes the circular reporting: the outlets that repeat one
// origin, and the event's independent origins.
func (l *linker) circularQuads(w *quadWriter, labelOf map[string]quad.IRI) {
	for _, r := range l.circular {
		n := r.iri
		w.label = l.relationLabel(r, labelOf)
		w.add(n, schema.Type, quad.IRI(schema.ClassCircular))
		l.relationQuads(w, r)
		for _, o := range r.outlets {
			if strings.HasPrefix(o, "article:") {
				continue
			}
			w.add(n, schema.Publisher, quad.IRI(schema.SourceIRI(o)))
		}
		w.add(n, schema.IndependentOrigins, quad.Int(len(l.originsOf(l.events[r.event].claims))))
	}
}

// componentIndex gives each component's index keys: its units' keys, its copies'
// keys and its readers' keys.
func (l *linker) componentIndex(labelOf map[string]quad.IRI) map[quad.IRI]keySet {
	index := map[quad.IRI]keySet{}
	for i := range l.units {
		u := &l.units[i]
		lab := labelOf[u.article]
		if index[lab] == nil {
			index[lab] = keySet{}
		}
		l.keys(u, index[lab], keySet{})
	}
	for _, d := range l.docs {
		if k, ok := l.copyKey[d.IRI]; ok {
			keys, _ := copyKeys(k, d.Published)
			for _, key := range keys {
				index[labelOf[d.IRI]].add("%s", key)
			}
		}
	}
	for a, vs := range l.readers {
		for v := range vs {
			index[labelOf[a]].add("%s", ReaderKey(v))
		}
	}
	return index
}

// componentQuads finishes each output component with its own quads (its
// articles, its index keys, its content hash over the rest) and returns
// them sorted by label.
func (l *linker) componentQuads(w *quadWriter, index map[quad.IRI]keySet) []Component {
	var comps []Component
	for _, c := range w.comps {
		if !l.inOutput(c.Articles[0]) {
			continue
		}
		w.label = quad.IRI(c.Label)
		w.add(c.Label, schema.Type, quad.IRI(schema.ClassLinkComponent))
		for _, a := range c.Articles {
			w.add(c.Label, schema.LinksArticle, quad.IRI(a))
		}
		for _, k := range index[w.label].sorted() {
			w.add(schema.LinkKeyIRI(k), schema.LinkKeyOf, w.label)
		}
		c.Quads = schema.SortQuadsUnique(c.Quads)
		h := sha256.New()
		h.Write([]byte(Version + "\n"))
		for _, q := range c.Quads {
			h.Write([]byte(q.NQuad() + "\n"))
		}
		w.add(c.Label, schema.ContentHash, quad.String(hex.EncodeToString(h.Sum(nil))))
		schema.SortQuads(c.Quads)
		comps = append(comps, *c)
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i].Label < comps[j].Label })
	return comps
}

// headQuads are the head's quads: the linker's version and options.
func (l *linker) headQuads() []quad.Quad {
	head := quad.IRI(schema.LinkingIRI)
	qs := []quad.Quad{
		{Subject: head, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinking), Label: head},
		{Subject: head, Predicate: quad.IRI(schema.LinkerVersion), Object: quad.String(Version), Label: head},
		{Subject: head, Predicate: quad.IRI(schema.LinkOptions), Object: quad.String(l.opt.String()), Label: head},
	}
	schema.SortQuads(qs)
	return qs
}

// count counts into res what out holds: the events, relations, anchored
// articles and claims of the output articles, the components and quads.
func (l *linker) count(res *Result, out *Output) {
	eventOut := func(e int) bool { return l.inOutput(l.units[l.events[e].units[0]].article) }
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
		if l.inOutput(iri) {
			res.Anchored++
		}
	}
	res.Claims = 0
	for _, c := range l.claims {
		if l.inOutput(c.article) {
			res.Claims++
		}
	}
	res.Components = len(out.Components)
	res.Quads = len(out.Head)
	for _, c := range out.Components {
		res.Largest = max(res.Largest, len(c.Articles))
		res.Quads += len(c.Quads)
	}
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

// relationQuads writes what every relation has: the event it is about,
// its metric, why, its claims and their primary sources.
func (l *linker) relationQuads(w *quadWriter, r relation) {
	n := r.iri
	w.add(n, schema.About, quad.IRI(l.events[r.event].iri))
	w.str(n, schema.Metric, r.metric)
	w.str(n, schema.Why, r.why)
	for _, c := range r.claims {
		w.add(n, schema.Member, quad.IRI(l.claims[c].iri))
	}
	for _, o := range r.origins {
		if o != unattributed && o != unnamedKinds && !strings.HasPrefix(o, "article:") {
			w.add(n, schema.PrimarySource, quad.IRI(schema.SourceIRI(o)))
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
