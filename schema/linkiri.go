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
func LinkedEventIRI(claims []string) string { return IDNS + "levent/" + setHash("", claims) }

// RelationIRI mints the IRI of a relation node (kind is "corroboration",
// "contradiction" or "circular") from its kind and member claims' IRIs.
func RelationIRI(kind string, claims []string) string {
	return IDNS + kind + "/" + setHash(kind, claims)
}

func setHash(salt string, items []string) string {
	s := append([]string(nil), items...)
	sort.Strings(s)
	h := sha256.Sum256([]byte(salt + "\x00" + strings.Join(s, "\x00")))
	return hex.EncodeToString(h[:8])
}

// LinkComponentIRI mints the label of the linking component that holds the
// given articles (IRIs, in any order).
func LinkComponentIRI(articles []string) string {
	return LinkingIRI + "/" + setHash("component", articles)
}

// IsLinkingLabel reports whether a quad label is the linking head or one of
// its components.
func IsLinkingLabel(label string) bool {
	return label == LinkingIRI || strings.HasPrefix(label, LinkingIRI+"/")
}
