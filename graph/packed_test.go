package graph

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// TestPackRoundTrip: every kind of value claimgraph writes comes back from
// a packed quad as it went in, quads sorted, labels and all; the same quads
// in another order pack to the same value.
func TestPackRoundTrip(t *testing.T) {
	a := quad.IRI(schema.ArticleIRI("x1"))
	at := time.Date(2019, 4, 20, 12, 30, 0, 0, time.UTC)
	qs := []quad.Quad{
		{Subject: a, Predicate: quad.IRI(schema.Headline), Object: quad.String("Café \"Çardak\"\n"), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassArticle), Label: a},
		{Subject: quad.BNode("b1"), Predicate: quad.IRI(schema.Value), Object: quad.Int(-27), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "ratio"), Object: quad.Float(0.25), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "flag"), Object: quad.Bool(true), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "at"), Object: quad.Time(at), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "day"), Object: quad.TypedString{Value: "2019-04-20", Type: "http://www.w3.org/2001/XMLSchema#date"}, Label: a},
		{Subject: a, Predicate: quad.IRI(schema.Name), Object: quad.LangString{Value: "حلب", Lang: "ar"}, Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "empty"), Object: quad.String(""), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.NS + "nolabel"), Object: quad.String("x")},
	}
	want := append([]quad.Quad(nil), qs...)
	schema.SortQuads(want)
	v, err := pack(append([]quad.Quad(nil), qs...))
	if err != nil {
		t.Fatal(err)
	}
	got, err := unpack(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("unpacked %d quads, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].NQuad() != want[i].NQuad() || hashOf(got[i]) != hashOf(want[i]) {
			t.Errorf("quad %d = %s, want %s", i, got[i].NQuad(), want[i].NQuad())
		}
	}
	rev := append([]quad.Quad(nil), qs...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if v2, err := pack(rev); err != nil || v2 != v {
		t.Errorf("the same quads in another order packed otherwise (err %v)", err)
	}
	if v, err := pack(nil); err != nil {
		t.Error(err)
	} else if got, err := unpack(v); err != nil || len(got) != 0 {
		t.Errorf("no quads unpacked to %d quads, %v", len(got), err)
	}
}

// TestUnpackBad: a packed value that is damaged, cut short or not one at
// all is an error wrapping errPacked, never a panic or a wrong quad.
func TestUnpackBad(t *testing.T) {
	a := quad.IRI(schema.ArticleIRI("x1"))
	v, err := pack([]quad.Quad{
		{Subject: a, Predicate: quad.IRI(schema.Headline), Object: quad.String("h"), Label: a},
		{Subject: a, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.ClassArticle), Label: a},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(v.(quad.String))
	z, _ := base64.RawStdEncoding.DecodeString(s)
	bad := []quad.Value{
		quad.IRI(s),
		quad.String("not base64 !"),
		quad.String(s[:len(s)/2]),
		quad.String(base64.RawStdEncoding.EncodeToString(z[:len(z)-3])),
		quad.String(base64.RawStdEncoding.EncodeToString([]byte("plain bytes, not deflate"))),
		quad.String(""),
	}
	for _, raw := range [][]byte{
		{2},                               // unknown version
		{packedVersion, 5},                // 5 values in 2 bytes
		{packedVersion, 0, 1, 9, 0, 0, 0}, // a quad naming value 9 of 0
		{packedVersion, 0, 0, 7},          // bytes left over
	} {
		bad = append(bad, deflated(t, raw))
	}
	for i, v := range bad {
		if qs, err := unpack(v); !errors.Is(err, errPacked) {
			t.Errorf("bad value %d: unpack = %d quads, %v; want an error wrapping errPacked", i, len(qs), err)
		}
	}
}

// FuzzUnpack: unpack never panics, and what it accepts packs again to a
// value that unpacks to the same quads.
func FuzzUnpack(f *testing.F) {
	a := quad.IRI(schema.ArticleIRI("x1"))
	v, _ := pack([]quad.Quad{{Subject: a, Predicate: quad.IRI(schema.Headline), Object: quad.String("h"), Label: a}})
	f.Add(string(v.(quad.String)))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		qs, err := unpack(quad.String(s))
		if err != nil {
			return
		}
		for _, q := range qs {
			if q.Predicate == nil {
				return // pack refuses nothing, but a quad without a predicate is not a quad to compare
			}
		}
		v, err := pack(append([]quad.Quad(nil), qs...))
		if err != nil {
			return
		}
		again, err := unpack(v)
		if err != nil || len(again) != len(qs) {
			t.Fatalf("repacked %d quads to %d, %v", len(qs), len(again), err)
		}
	})
}

func deflated(t *testing.T, raw []byte) quad.Value {
	t.Helper()
	z, err := deflate(raw)
	if err != nil {
		t.Fatal(err)
	}
	return quad.String(base64.RawStdEncoding.EncodeToString(z))
}

// TestDeflateParts: PackQuads compresses its parts as they are, not
// joined; the packed value must be the same bytes as the whole compressed
// at once, wherever the parts are cut, or a component would pack to a
// value of its own and be rewritten unchanged.
func TestDeflateParts(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{10, 1000, 70000, 300000, 2000000} {
		raw := make([]byte, n)
		for i := range raw {
			raw[i] = byte('a' + r.Intn(6)) // compressible, with some noise
			if r.Intn(7) == 0 {
				raw[i] = byte(r.Intn(256))
			}
		}
		whole, err := deflate(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, cut := range [][2]int{{0, 0}, {1, n / 3}, {n / 2, n/2 + 1}, {3, n - 3}} {
			a, b := cut[0], cut[1]
			parts, err := deflate(raw[:a], raw[a:b], raw[b:])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(whole, parts) {
				t.Errorf("%d bytes cut at %d and %d: %d bytes compressed, against %d whole", n, a, b, len(parts), len(whole))
			}
		}
	}
}

// BenchmarkPackQuads packs 200,000 quads, what the largest linking
// component at 100,000 articles holds; -benchmem gives what packing
// allocates beside them.
func BenchmarkPackQuads(b *testing.B) {
	label := quad.IRI(schema.LinkingIRI + "/component")
	qs := make([]quad.Quad, 0, 200000)
	for i := 0; len(qs) < cap(qs); i++ {
		claim := quad.IRI(fmt.Sprintf("%sarticle/a%d/claim/%d", schema.IDNS, i/8, i%8))
		qs = append(qs,
			quad.Quad{Subject: claim, Predicate: quad.IRI(schema.Corroborates), Object: quad.IRI(fmt.Sprintf("%sarticle/a%d/claim/1", schema.IDNS, i/8+1)), Label: label},
			quad.Quad{Subject: claim, Predicate: quad.IRI(schema.Why), Object: quad.String(fmt.Sprintf("figures agree: %d in a%d", i%97, i/8)), Label: label})
	}
	schema.SortQuads(qs)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PackQuads(qs); err != nil {
			b.Fatal(err)
		}
	}
}
