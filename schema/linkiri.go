package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// LinkedEventIRI mints the IRI of a linked (cross-article) event from its
// member claims' IRIs, in any order: the same claims give the same IRI
// whatever order the articles were loaded in.
func LinkedEventIRI(claims []string) string { return LinkedEventKeyOf(claims).IRI() }

// LinkedEventKey is what a linked event's IRI is minted from
// (LinkedEventIRI): eight bytes, where the IRI takes a string of some
// sixty, for a caller that holds many (the linker). Keys order as their
// IRIs do.
type LinkedEventKey [8]byte

// LinkedEventKeyOf returns the key of the linked event of claims (IRIs, in
// any order).
func LinkedEventKeyOf(claims []string) LinkedEventKey { return LinkedEventKey(setSum("", claims)) }

// IRI is the IRI of the linked event of key k.
func (k LinkedEventKey) IRI() string { return IDNS + "levent/" + hex.EncodeToString(k[:]) }

// RelationIRI mints the IRI of a relation node (kind is "corroboration",
// "contradiction" or "circular") from its kind and member claims' IRIs.
func RelationIRI(kind string, claims []string) string {
	return IDNS + kind + "/" + setHash(kind, claims)
}

func setHash(salt string, items []string) string {
	h := setSum(salt, items)
	return hex.EncodeToString(h[:])
}

// setSum is the first eight bytes of the SHA-256 of salt and items, sorted.
func setSum(salt string, items []string) [8]byte {
	s := append([]string(nil), items...)
	sort.Strings(s)
	h := sha256.Sum256([]byte(salt + "\x00" + strings.Join(s, "\x00")))
	return [8]byte(h[:8])
}

// LinkComponentIRI mints the label of the linking component that holds the
// given articles (IRIs, in any order, at least one). It is named after the
// least of them, not after all of them: a component keeps its label as
// articles join or leave it (other than its least), so that a relink
// rewrites only the quads that changed, not every quad of a large
// component that one article joined. Components never share an article, so
// no two share a label.
func LinkComponentIRI(articles []string) string {
	least := articles[0]
	for _, a := range articles[1:] {
		if a < least {
			least = a
		}
	}
	return LinkingIRI + "/" + setHash("component", []string{least})
}

// IsLinkingLabel reports whether a quad label is the linking head or one of
// its components.
func IsLinkingLabel(label string) bool {
	return label == LinkingIRI || strings.HasPrefix(label, LinkingIRI+"/")
}
