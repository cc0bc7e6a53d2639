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
