package schema

import (
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/cayleygraph/quad"
)

func i64(n int64) *int64 { return &n }

func sampleArticle() *Article {
	sohr := Source{ID: "sohr", Name: "Syrian Observatory for Human Rights", Kind: "monitor", Mention: "the Observatory"}
	rami := Source{ID: "rami-abdel-rahman", Name: "Rami Abdel Rahman", Kind: "person", Person: true, SpeaksFor: "sohr", Mention: "Rami Abdel Rahman"}
	afp := Source{ID: "afp", Name: "AFP", Kind: "news-agency", Mention: "AFP"}
	homs := &Place{ID: "homs-governorate", Name: "Homs", Kind: "governorate", Admin1: "Homs", Lat: 34.5, Lon: 38.2, HasCoords: true, GazetteerID: "g:1", Mention: "Homs"}
	sukhna := &Place{ID: "al-sukhnah-homs", Name: "Al-Sukhnah", Kind: "town", Admin1: "Homs", Within: "homs-governorate", WithinName: "Homs",
		Lat: 34.88, Lon: 38.87, HasCoords: true, GazetteerID: "g:2", Mention: "al-Sukhna"}
	id := "001.txt"
	return &Article{
		ID: id, IRI: ArticleIRI(id), Title: "Dozens killed", Published: "2019-04-20", Origin: "seeds/001.txt",
		URL: "https://example.org/001", Text: "Dozens killed\n\nOver the past 48 hours, 27 ...",
		ContentHash: "abc", Extractor: "test/1",
		Outlet: &Source{ID: "rudaw", Name: "Rudaw", Kind: "outlet", Mention: "Rudaw"},
		Cited:  []Source{afp, rami, sohr},
		Lead:   0,
		Claims: []Claim{
			{Claimant: &sohr, Metric: MetricKilled, Figure: Figure{Text: "27", Value: i64(27), Min: i64(27), Max: i64(27)},
				Who: "pro-Damascus fighters", Perpetrator: "isis", Event: Event{Kind: "ambush", Place: homs, Start: "2019-04-18", End: "2019-04-20"},
				Evidence: "Over the past 48 hours, 27 ...", Offset: 120, Cue: "reported", Attribution: "explicit", Section: "body", SubsetOf: -1},
			{Claimant: &sohr, Metric: MetricKilled, Figure: Figure{Text: "four", Value: i64(4), Min: i64(4), Max: i64(4)},
				Event: Event{Kind: "ambush", Place: homs, Start: "2019-04-18", End: "2019-04-20"}, Evidence: "Over the past 48 hours, 27 ...",
				Offset: 120, Attribution: "explicit", Section: "body", SubsetOf: 0},
			{Claimant: &rami, Via: []Source{afp}, Metric: MetricOther, Event: Event{Kind: "attack", Place: sukhna},
				Evidence: "This was the biggest attack", Offset: 300, Cue: "told", Attribution: "explicit", Section: "body", SubsetOf: -1,
				Figure: Figure{Min: i64(19), Max: i64(23), Text: "nearly two dozen", Qualifier: "nearly", Approx: true}},
		},
	}
}

func TestQuadsRoundTrip(t *testing.T) {
	a := sampleArticle()
	qs := Quads(a)
	for _, q := range qs {
		if q.Label.String() != "<"+a.IRI+">" {
			t.Fatalf("quad %v: label is not the article", q)
		}
	}
	got, err := Decode(a.IRI, qs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, a)
		for i := range a.Claims {
			if !reflect.DeepEqual(got.Claims[i], a.Claims[i]) {
				t.Errorf("claim %d:\n got %+v\nwant %+v", i, got.Claims[i], a.Claims[i])
			}
		}
	}
}

// TestDecodeAnyOrder: quads in any order decode to the article their
// sorted order does (the packed index gives them sorted; Cayley, in its
// own order): reversed, and with a subject's and a predicate's quads
// apart.
func TestDecodeAnyOrder(t *testing.T) {
	a := sampleArticle()
	qs := Quads(a)
	reversed := slices.Clone(qs)
	slices.Reverse(reversed)
	// the article's first citation after its other quads, apart from its
	// other citations
	var apart []quad.Quad
	first, art := -1, quad.IRI(a.IRI)
	for i, q := range qs {
		if q.Subject == art && q.Predicate == quad.IRI(Cites) && first < 0 {
			first = i
			continue
		}
		if first >= 0 && (i == len(qs) || q.Subject != art) && len(apart) > 0 && apart[len(apart)-1].Subject == art {
			apart = append(apart, qs[first])
		}
		apart = append(apart, q)
	}
	if len(apart) != len(qs) {
		t.Fatalf("moving a citation: %d quads of %d", len(apart), len(qs))
	}
	var ending []quad.Quad // the claims' sentences, each subject's last, moved to the end
	for _, q := range qs {
		if q.Predicate != quad.IRI(Evidence) {
			ending = append(ending, q)
		}
	}
	for _, q := range qs {
		if q.Predicate == quad.IRI(Evidence) {
			ending = append(ending, q)
		}
	}
	for name, order := range map[string][]quad.Quad{"reversed": reversed, "a citation apart": apart, "sentences last": ending} {
		got, err := Decode(a.IRI, order)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("%s: decodes to\n%+v\nwant\n%+v", name, got, a)
		}
	}
}

// TestDecoderShares: a Decoder decodes what Decode does, and the articles
// it decodes share equal places and sources (one pointer) and strings, not
// unequal ones.
func TestDecoderShares(t *testing.T) {
	a, b := sampleArticle(), sampleArticle()
	b.ID, b.IRI = "002.txt", ArticleIRI("002.txt")
	other := *b.Claims[2].Event.Place
	other.Mention = "Sukhna" // another spelling: another place
	b.Claims[2].Event.Place = &other
	dec := NewDecoder()
	var got []*Article
	for _, want := range []*Article{a, b} {
		d, err := dec.Decode(want.IRI, Quads(want))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("%s: the Decoder's article differs from the one encoded:\n got %+v\nwant %+v", want.ID, d, want)
		}
		got = append(got, d)
	}
	x, y := got[0], got[1]
	if x.Claims[0].Event.Place != y.Claims[0].Event.Place || x.Claims[0].Event.Place != x.Claims[1].Event.Place {
		t.Error("equal places are not one *Place")
	}
	if x.Claims[2].Event.Place == y.Claims[2].Event.Place {
		t.Error("places of different spellings are one *Place")
	}
	if x.Claims[0].Claimant != y.Claims[0].Claimant || x.Outlet != y.Outlet {
		t.Error("equal sources are not one *Source")
	}
	if unsafe.StringData(x.Claims[0].Who) != unsafe.StringData(y.Claims[0].Who) {
		t.Error("equal strings are not one string")
	}
	plain, err := Decode(b.IRI, Quads(b))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Outlet == x.Outlet || plain.Claims[0].Event.Place == x.Claims[0].Event.Place {
		t.Error("Decode shares with a Decoder's articles")
	}
}

func TestQuadsDeterministic(t *testing.T) {
	a, b := Quads(sampleArticle()), Quads(sampleArticle())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two encodings of one article differ")
	}
}

func TestEventIRIShared(t *testing.T) {
	p := &Place{ID: "x"}
	if EventIRI(Event{Kind: "ambush", Place: p, Start: "2019-04-18"}) != EventIRI(Event{Kind: "ambush", Place: &Place{ID: "x", Name: "other"}, Start: "2019-04-18"}) {
		t.Error("same kind, place and dates must give one event IRI")
	}
	if EventIRI(Event{Kind: "ambush", Place: p}) == EventIRI(Event{Kind: "raid", Place: p}) {
		t.Error("different kinds must give different event IRIs")
	}
}

func TestIDs(t *testing.T) {
	if got := ArticleIDFromIRI(ClaimIRI(ArticleIRI("a b.txt"), 3)); got != "a b.txt" {
		t.Errorf("ArticleIDFromIRI = %q", got)
	}
	if got := IDFromIRI(SourceIRI("liwa-al-quds")); got != "liwa-al-quds" {
		t.Errorf("IDFromIRI = %q", got)
	}
}

// TestSortQuadsUnique checks that SortQuadsUnique sorts as SortQuads does
// and keeps each quad once, the repeats dropped wherever they were.
func TestSortQuadsUnique(t *testing.T) {
	q := func(s, o string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI("p"), Object: quad.String(o), Label: quad.IRI("l")}
	}
	in := []quad.Quad{q("b", "1"), q("a", "2"), q("b", "1"), q("a", "1"), q("a", "2"), q("b", "1")}
	want := []quad.Quad{q("a", "1"), q("a", "2"), q("b", "1")}
	got := SortQuadsUnique(append([]quad.Quad(nil), in...))
	if len(got) != len(want) {
		t.Fatalf("got %d quads, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quad %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestInsertQuad: a quad inserted into sorted quads lands where SortQuads
// puts it, at the start, in the middle and at the end.
func TestInsertQuad(t *testing.T) {
	q := func(s string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI("p"), Object: quad.String("o"), Label: quad.IRI("l")}
	}
	for _, add := range []string{"a", "c", "e", "g"} {
		got := InsertQuad([]quad.Quad{q("b"), q("d"), q("f")}, q(add))
		want := []quad.Quad{q("b"), q("d"), q("f"), q(add)}
		SortQuads(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("InsertQuad(b d f, %s) = %v, want %v", add, got, want)
		}
	}
}

// TestLinkKeyOfIRI: the key a link key's node names comes back from the
// node, escapes and all, and other IRIs name none.
func TestLinkKeyOfIRI(t *testing.T) {
	for _, k := range []string{"w:c:-1,-2|killed|civilian|12", "u:a:|killed||9", "x:ab/cd e%", "p:ūrum-al-jawz-idlib"} {
		if got, ok := LinkKeyOfIRI(LinkKeyIRI(k)); !ok || got != k {
			t.Errorf("LinkKeyOfIRI(LinkKeyIRI(%q)) = %q, %v", k, got, ok)
		}
	}
	if k, ok := LinkKeyOfIRI(ArticleIRI("a.txt")); ok {
		t.Errorf("an article's IRI names the key %q", k)
	}
}
