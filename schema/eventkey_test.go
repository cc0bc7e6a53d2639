package schema

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestKeysOrderAsIRIs: the linker sorts linked events by their keys and
// writes their IRIs, so a key must give its IRI and order as it does.
func TestKeysOrderAsIRIs(t *testing.T) {
	var events []EventKey
	var levents []LinkedEventKey
	for i := range 200 {
		e := Event{Kind: "bombing", Start: fmt.Sprintf("2016-03-%02d", i%28+1), Place: &Place{ID: fmt.Sprintf("p%d", i)}}
		k := EventKeyOf(e)
		if k.IRI() != EventIRI(e) {
			t.Fatalf("EventKeyOf(%+v).IRI() = %s, EventIRI gives %s", e, k.IRI(), EventIRI(e))
		}
		events = append(events, k)
		claims := []string{ClaimIRI(ArticleIRI(fmt.Sprint(i)), 1), ClaimIRI(ArticleIRI(fmt.Sprint(i+1)), 2)}
		lk := LinkedEventKeyOf(claims)
		if lk.IRI() != LinkedEventIRI(claims) {
			t.Fatalf("LinkedEventKeyOf(%q).IRI() = %s, LinkedEventIRI gives %s", claims, lk.IRI(), LinkedEventIRI(claims))
		}
		levents = append(levents, lk)
	}
	for i := range events {
		for j := range events {
			a, b := events[i], events[j]
			if got, want := bytes.Compare(a[:], b[:]), strings.Compare(a.IRI(), b.IRI()); got != want {
				t.Fatalf("events %s and %s: keys compare %d, IRIs %d", a.IRI(), b.IRI(), got, want)
			}
			c, d := levents[i], levents[j]
			if got, want := bytes.Compare(c[:], d[:]), strings.Compare(c.IRI(), d.IRI()); got != want {
				t.Fatalf("linked events %s and %s: keys compare %d, IRIs %d", c.IRI(), d.IRI(), got, want)
			}
		}
	}
}
