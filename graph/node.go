package graph

import (
	"context"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/schema"
)

// Node is one node's properties: the objects of the quads it is the
// subject of, in any article, by predicate IRI, in the backend's order
// (Store.Node reads it). Its methods read one predicate's values; a
// predicate the node lacks gives the zero value.
type Node map[string][]quad.Value

// Str returns the first string value of p, or "".
func (n Node) Str(p string) string {
	for _, v := range n[p] {
		if s, ok := v.(quad.String); ok {
			return string(s)
		}
	}
	return ""
}

// IRI returns the first IRI value of p, without angle brackets, or "".
func (n Node) IRI(p string) string {
	for _, v := range n[p] {
		if s, ok := v.(quad.IRI); ok {
			return string(s)
		}
	}
	return ""
}

// Strs returns the string values of p, sorted.
func (n Node) Strs(p string) []string {
	var out []string
	for _, v := range n[p] {
		if s, ok := v.(quad.String); ok {
			out = append(out, string(s))
		}
	}
	sort.Strings(out)
	return out
}

// IRIs returns the IRI values of p, sorted.
func (n Node) IRIs(p string) []string {
	var out []string
	for _, v := range n[p] {
		if s, ok := v.(quad.IRI); ok {
			out = append(out, string(s))
		}
	}
	sort.Strings(out)
	return out
}

// Int returns the first integer value of p, or 0.
func (n Node) Int(p string) int {
	for _, v := range n[p] {
		if i, ok := v.(quad.Int); ok {
			return int(i)
		}
	}
	return 0
}

// True reports whether p has the boolean value true.
func (n Node) True(p string) bool {
	for _, v := range n[p] {
		if b, ok := v.(quad.Bool); ok && bool(b) {
			return true
		}
	}
	return false
}

// Is reports whether the node has rdf:type class.
func (n Node) Is(class string) bool {
	for _, v := range n[schema.Type] {
		if v == quad.Value(quad.IRI(class)) {
			return true
		}
	}
	return false
}

// Node reads the properties of the node iri in one fan-out from it (see
// SubjectQuads). A node the store does not hold gives an empty Node and no
// error.
func (s *Store) Node(ctx context.Context, iri string) (Node, error) {
	qs, err := s.SubjectQuads(ctx, quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	out := Node{}
	for _, q := range qs {
		if p, ok := q.Predicate.(quad.IRI); ok {
			out[string(p)] = append(out[string(p)], q.Object)
		}
	}
	return out, nil
}

// SubjectQuads returns the quads whose subject is node, whatever their
// label, in the backend's order, without the Writer's index quads: one
// fan-out from the node, its values read in one call. A node the store does
// not hold yields none and no error.
func (s *Store) SubjectQuads(ctx context.Context, node quad.Value) ([]quad.Quad, error) {
	nref := s.ref(node)
	if nref == nil {
		return nil, nil
	}
	index := s.indexPredicates()
	var refs []cgraph.Ref
	err := s.scan(ctx, quad.Subject, nref, func(q cgraph.Ref) error {
		if !index(s.qs.QuadDirection(q, quad.Predicate)) {
			refs = append(refs, q)
		}
		return nil
	})
	if err == nil {
		var qs []quad.Quad
		if qs, err = s.resolve(ctx, refs); err == nil {
			return qs, nil
		}
	}
	return nil, fmt.Errorf("graph: quads of %s: %w", quad.StringOf(node), err)
}
