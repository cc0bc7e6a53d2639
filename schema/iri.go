package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
)

// ArticleIRI mints the IRI of the article with the given id (file base name or JSON id).
func ArticleIRI(id string) string { return IDNS + "article/" + escape(id) }

// ClaimIRI mints the IRI of the n-th claim (1-based, in text order) of an article.
func ClaimIRI(articleIRI string, n int) string {
	return articleIRI + "/claim/" + strconv.Itoa(n)
}

// FigureIRI mints the IRI of a claim's figure node.
func FigureIRI(claimIRI string) string { return claimIRI + "/figure" }

// HopIRI mints the IRI of the n-th hop (1 = nearest the article) of a claim's via chain.
func HopIRI(claimIRI string, n int) string { return claimIRI + "/via/" + strconv.Itoa(n) }

// SourceIRI mints the IRI of a source or outlet from its canonical id.
func SourceIRI(id string) string { return IDNS + "source/" + escape(id) }

// LinkKeyIRI mints the node of a linking index key (see LinkKeyOf).
func LinkKeyIRI(key string) string { return IDNS + "linkkey/" + escape(key) }

// LinkKeyOfIRI returns the key whose node LinkKeyIRI minted as iri, and
// whether iri is one.
func LinkKeyOfIRI(iri string) (string, bool) {
	rest, ok := strings.CutPrefix(iri, IDNS+"linkkey/")
	if !ok {
		return "", false
	}
	key, err := url.PathUnescape(rest)
	return key, err == nil
}

// PlaceIRI mints the IRI of a place from its id.
func PlaceIRI(id string) string { return IDNS + "place/" + escape(id) }

// EventIRI mints the IRI of an event from what identifies it within one
// article's extraction: its kind, place and dates (days relative to
// publication included). Claims of different
// articles that share these share the event node.
func EventIRI(e Event) string { return EventKeyOf(e).IRI() }

// EventKey is what an event's IRI is minted from (EventIRI): eight bytes,
// where its IRI takes a string of some sixty. A caller that holds the
// events of many articles (the linker) holds their keys and makes the
// IRIs when it writes them. Keys order as their IRIs do.
type EventKey [8]byte

// EventKeyOf returns the key of e's IRI.
func EventKeyOf(e Event) EventKey {
	place := ""
	if e.Place != nil {
		place = e.Place.ID
	}
	parts := []string{e.Kind, place, e.Start, e.End}
	if e.RelStart != nil && e.RelEnd != nil {
		parts = append(parts, "relative", strconv.FormatInt(*e.RelStart, 10), strconv.FormatInt(*e.RelEnd, 10))
	}
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return EventKey(h[:8])
}

// IRI is the IRI of the event of key k.
func (k EventKey) IRI() string { return IDNS + "event/" + hex.EncodeToString(k[:]) }

// IDFromIRI returns the last path segment of an IRI minted here, unescaped:
// SourceIRI("sohr") -> "sohr".
func IDFromIRI(iri string) string {
	i := strings.LastIndexByte(iri, '/')
	s, err := url.PathUnescape(iri[i+1:])
	if err != nil {
		return iri[i+1:]
	}
	return s
}

// ArticleIDFromIRI returns the article id of an article IRI, or "" if iri is not one.
func ArticleIDFromIRI(iri string) string {
	p := IDNS + "article/"
	if !strings.HasPrefix(iri, p) {
		return ""
	}
	rest := iri[len(p):]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	s, err := url.PathUnescape(rest)
	if err != nil {
		return rest
	}
	return s
}

func escape(s string) string { return url.PathEscape(s) }
