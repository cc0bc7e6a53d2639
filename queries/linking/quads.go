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

// output plans the linking output: the components (component.go), each
// labelled by its articles, and, for each one output, what it renders: its
// anchored dates, its events and the relations between their claims, its
// units and copies (for its index keys). Output.Each renders them one at a
// time, so that the output's quads are never all held at once (they were
// half of a full link's memory at its peak). It counts into res what the
// components hold.
func (l *linker) output(res *Result) Output {
	comps, labelOf := l.components()
	// the partition is read no more (an Output once output cannot be split
	// again: Again): not held while the components render
	l.part = partition{}
	plans := map[quad.IRI]*plan{}
	for label, c := range comps {
		if l.inOutput(c.Articles[0]) {
			plans[label] = &plan{Component: *c}
		}
	}
	at := func(article string) *plan { return plans[labelOf[article]] } // nil: not output
	for iri := range l.anchored {
		if p := at(iri); p != nil {
			p.anchored = append(p.anchored, iri)
		}
	}
	for e := range l.events {
		if p := at(l.units[l.events[e].units[0]].doc.IRI); p != nil {
			p.events = append(p.events, e)
		}
	}
	relations := func(rs []relation, of func(p *plan) *[]int) {
		for i, r := range rs {
			if p := at(l.units[l.events[r.event].units[0]].doc.IRI); p != nil {
				*of(p) = append(*of(p), i)
			}
		}
	}
	relations(l.corrobs, func(p *plan) *[]int { return &p.corrobs })
	relations(l.contras, func(p *plan) *[]int { return &p.contras })
	relations(l.updates, func(p *plan) *[]int { return &p.updates })
	relations(l.circular, func(p *plan) *[]int { return &p.circular })
	for i := range l.units {
		if p := at(l.units[i].doc.IRI); p != nil {
			p.units = append(p.units, i)
		}
	}
	for i, d := range l.docs {
		if _, ok := l.copyKey[d.IRI]; ok {
			if p := at(d.IRI); p != nil {
				p.copies = append(p.copies, i)
			}
		}
	}
	out := Output{linker: l, Head: l.headQuads()}
	for _, p := range plans {
		out.plans = append(out.plans, p)
	}
	sort.Slice(out.plans, func(i, j int) bool { return out.plans[i].Label < out.plans[j].Label })
	out.Components = make([]Component, len(out.plans))
	for i, p := range out.plans {
		out.Components[i] = p.Component
	}
	l.count(res, &out)
	out.Result = *res
	return out
}

// plan is what one output component renders (output): its anchored
// articles, and indexes into the linker's events, relations, units and
// docs (those with a copy key).
type plan struct {
	Component
	anchored                            []string
	events                              []int
	corrobs, contras, updates, circular []int
	units                               []int
	copies                              []int
}

// render returns the quads of the component p plans, sorted: the linking
// quads, then its own (its articles, its index keys, its content hash over
// the rest).
func (l *linker) render(p *plan) []quad.Quad {
	w := &quadWriter{label: quad.IRI(p.Label), iris: map[string]quad.Value{}}
	l.anchorQuads(w, p.anchored)
	l.eventQuads(w, p.events)
	l.corroborationQuads(w, p.corrobs)
	l.contradictionQuads(w, p.contras)
	l.updateQuads(w, p.updates)
	l.circularQuads(w, p.circular)
	w.add(p.Label, schema.Type, quad.IRI(schema.ClassLinkComponent))
	for _, a := range p.Articles {
		w.add(p.Label, schema.LinksArticle, quad.IRI(a))
	}
	index, voters := l.componentIndex(p)
	for _, k := range index.sorted() {
		w.add(schema.LinkKeyIRI(k), schema.LinkKeyOf, w.label)
	}
	for a, keys := range voters {
		for k := range keys {
			w.add(schema.LinkKeyIRI(k), schema.LinkVoterKey, quad.IRI(a))
		}
	}
	strs, line := schema.ValueStrings{}, []byte(nil) // each value's string made once, for the sort and the hash
	qs := strs.SortUnique(w.quads)
	h := sha256.New()
	h.Write([]byte(Version + "\n"))
	for _, q := range qs {
		line = strs.AppendNQuad(line[:0], q)
		h.Write(line)
	}
	hq := quad.Quad{Subject: w.iri(p.Label), Predicate: w.iri(schema.ContentHash),
		Object: quad.String(hex.EncodeToString(h.Sum(nil))), Label: w.iri(string(w.label))}
	return schema.InsertQuad(qs, hq)
}

// inOutput reports whether an article's linking is output: context
// articles (LinkWith) are linked but not output; their components hold no
// docs (else LinkWith promotes them).
func (l *linker) inOutput(article string) bool { return !l.context[article] }

// components groups the articles with claims into their components, each
// labelled by its articles, and returns them with each article's label.
func (l *linker) components() (map[quad.IRI]*Component, map[string]quad.IRI) {
	// every article with claims is in a component; its label names its articles
	members := map[string][]string{}
	for i := range l.units {
		a := l.units[i].doc.IRI
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
	return comps, labelOf
}

// quadWriter adds quads to the component being rendered (label). A quad
// may be added more than once; render drops the repeats when it sorts them
// (a set of every quad seen held the whole output twice at the peak of a
// full link).
type quadWriter struct {
	label quad.IRI
	iris  map[string]quad.Value // each subject, predicate and label boxed once per component
	quads []quad.Quad
}

func (w *quadWriter) add(s string, p string, o quad.Value) {
	w.quads = append(w.quads, quad.Quad{Subject: w.iri(s), Predicate: w.iri(p), Object: o, Label: w.iri(string(w.label))})
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
func (l *linker) anchorQuads(w *quadWriter, iris []string) {
	for _, iri := range iris {
		a := l.anchored[iri]
		w.str(iri, schema.AnchoredPublished, dayString(a.day, a.day))
		w.str(iri, schema.AnchoredWhy, a.why)
	}
}

// eventQuads writes the linked events: the reports they include, their
// claims, the joins that made them, and their kind, place, dates and name
// voted by their units.
func (l *linker) eventQuads(w *quadWriter, events []int) {
	for _, i := range events {
		e := &l.events[i]
		n := e.key.IRI()
		w.add(n, schema.Type, quad.IRI(schema.ClassLinkedEvent))
		kinds, places := map[string]int{}, map[string]int{}
		var placeOf = map[string]*schema.Place{}
		lo, hi, dated, agg := math.MaxInt32, math.MinInt32, false, false
		for _, u := range e.units {
			un := &l.units[u]
			w.add(n, schema.Includes, quad.IRI(un.event.IRI()))
			for _, ev := range un.others() {
				w.add(n, schema.Includes, quad.IRI(ev.IRI()))
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
			w.add(n, schema.Member, quad.IRI(l.claims[c].iri()))
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

// corroborationQuads writes the corroborations and a Corroborates link
// between each pair of their claims.
func (l *linker) corroborationQuads(w *quadWriter, corrobs []int) {
	for _, i := range corrobs {
		r := l.corrobs[i]
		r.why = l.corroborationWhy(r)
		n := r.iri
		w.add(n, schema.Type, quad.IRI(schema.ClassCorroboration))
		l.relationQuads(w, r)
		w.add(n, schema.IndependentOrigins, quad.Int(len(r.origins)))
		iris := l.iris(r.claims)
		for i := range iris {
			for j := i + 1; j < len(iris); j++ {
				a, b := iris[i], iris[j]
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
func (l *linker) contradictionQuads(w *quadWriter, contras []int) {
	for _, i := range contras {
		r := l.contras[i]
		n := r.iri
		w.add(n, schema.Type, quad.IRI(schema.ClassContradiction))
		l.relationQuads(w, r)
		w.str(n, schema.Kind, r.kind)
		a, b := l.claims[r.claims[0]].iri(), l.claims[r.claims[1]].iri()
		w.add(n, schema.ClaimA, quad.IRI(a))
		w.add(n, schema.ClaimB, quad.IRI(b))
		w.add(a, schema.Contradicts, quad.IRI(b))
	}
}

// updateQuads writes the updates: a later figure and the earlier one it
// updates.
func (l *linker) updateQuads(w *quadWriter, updates []int) {
	for _, i := range updates {
		r := l.updates[i]
		n := r.iri
		w.add(n, schema.Type, quad.IRI(schema.ClassUpdate))
		l.relationQuads(w, r)
		w.add(n, schema.ClaimA, quad.IRI(l.claims[r.claims[0]].iri()))
		w.add(n, schema.ClaimB, quad.IRI(l.claims[r.claims[1]].iri()))
	}
}

// circularQuads writes the circular reporting: the outlets that repeat one
// origin, and the event's independent origins.
func (l *linker) circularQuads(w *quadWriter, circular []int) {
	for _, i := range circular {
		r := l.circular[i]
		n := r.iri
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

// componentIndex gives the component p plans its index keys (its units'
// keys and its copies' keys) and its articles' voter keys (voterKeys), by
// article.
func (l *linker) componentIndex(p *plan) (keySet, map[string]keySet) {
	index, voters := keySet{}, map[string]keySet{}
	for _, i := range p.units {
		u := &l.units[i]
		l.keys(u, index, nil)
		if u.voter {
			if voters[u.doc.IRI] == nil {
				voters[u.doc.IRI] = keySet{}
			}
			l.voterKeys(u, voters[u.doc.IRI])
		}
	}
	for _, i := range p.copies {
		d := l.docs[i]
		keys, _ := copyKeys(l.copyKey[d.IRI], d.Published)
		for _, key := range keys {
			index.put(key)
		}
	}
	return index, voters
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
// articles and claims of the output articles, and the components (their
// quads are counted as Output.Each renders them).
func (l *linker) count(res *Result, out *Output) {
	eventOut := func(e int) bool { return l.inOutput(l.units[l.events[e].units[0]].doc.IRI) }
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
		if l.inOutput(c.doc.IRI) {
			res.Claims++
		}
	}
	res.Components = len(out.Components)
	res.Quads = len(out.Head)
	for _, c := range out.Components {
		res.Largest = max(res.Largest, len(c.Articles))
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
	w.add(n, schema.About, quad.IRI(l.events[r.event].key.IRI()))
	w.str(n, schema.Metric, r.metric)
	w.str(n, schema.Why, r.why)
	for _, c := range r.claims {
		w.add(n, schema.Member, quad.IRI(l.claims[c].iri()))
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
