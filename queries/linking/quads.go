package linking

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// quads renders the linking output.
func (l *linker) quads(res *Result) []quad.Quad {
	label := quad.IRI(schema.LinkingIRI)
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	add := func(s string, p string, o quad.Value) {
		q := quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: label}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	str := func(s, p, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	for iri, a := range l.anchored {
		str(iri, schema.AnchoredPublished, dayString(a.day, a.day))
		str(iri, schema.AnchoredWhy, a.why)
	}
	for _, e := range l.events {
		n := e.iri
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
		add(n, schema.Type, quad.IRI(schema.ClassUpdate))
		l.relationQuads(add, str, r)
		add(n, schema.ClaimA, quad.IRI(l.claims[r.claims[0]].iri))
		add(n, schema.ClaimB, quad.IRI(l.claims[r.claims[1]].iri))
	}
	for _, r := range l.circular {
		n := r.iri
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
	schema.SortQuads(out)
	h := sha256.New()
	h.Write([]byte(Version + "\n"))
	for _, q := range out {
		h.Write([]byte(q.NQuad() + "\n"))
	}
	head := []quad.Quad{
		{Subject: label, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassLinking), Label: label},
		{Subject: label, Predicate: quad.IRI(schema.ContentHash), Object: quad.String(hex.EncodeToString(h.Sum(nil))), Label: label},
		{Subject: label, Predicate: quad.IRI(schema.LinkerVersion), Object: quad.String(Version), Label: label},
	}
	out = append(head, out...)
	schema.SortQuads(out)
	res.Events, res.Corroborations, res.Contradictions, res.Circular = len(l.events), len(l.corrobs), len(l.contras), len(l.circular)
	res.Updates = len(l.updates)
	res.Anchored = len(l.anchored)
	res.Quads = len(out)
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
		if !strings.HasPrefix(o, "article:") {
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
