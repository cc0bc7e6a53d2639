// Reading chosen properties of many nodes at once (Nodes, InNodes,
// FirstValues): the read API of the streamed queries.

package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Nodes reads the properties preds of each node of iris, by position: the
// objects of the quads the node is the subject of with one of preds, in
// any article, as Node reads them (a predicate's values in the same
// order). For a few predicates it reads only their quads, from the
// subject-predicate index where the backend has one; it reads the values
// of all the nodes in one call. A node the store does not hold gives an
// empty Node and no error.
func (s *Store) Nodes(ctx context.Context, iris []string, preds ...string) ([]Node, error) {
	refs := make([]cgraph.Ref, len(iris))
	for i, iri := range iris {
		refs[i] = s.ref(quad.IRI(iri))
	}
	out, err := s.nodes(ctx, refs, preds, false)
	if err != nil {
		return nil, fmt.Errorf("graph: properties of %d nodes: %w", len(iris), err)
	}
	return out, nil
}

// FirstValues reads the first value of each of the properties preds of the
// node iri, in the order Node reads them: a Node with at most one value a
// predicate, which is what its Str, IRI and Int read when a predicate's
// values are of one type. It is for the properties every article states
// alike about a node many describe (a source's name, an outlet's type):
// such a node has one quad per article, and Node reads them all. A node
// the store does not hold gives an empty Node and no error.
func (s *Store) FirstValues(ctx context.Context, iri string, preds ...string) (Node, error) {
	out, err := s.nodes(ctx, []cgraph.Ref{s.ref(quad.IRI(iri))}, preds, true)
	if err != nil {
		return nil, fmt.Errorf("graph: properties of %s: %w", iri, err)
	}
	return out[0], nil
}

// InNodes returns the IRIs of the subjects of the quads ?s <predicate>
// <node>, in any article, sorted as In sorts them, with the properties
// preds of each, as Nodes reads them, by position: In then Nodes, without
// looking each subject up again. Subjects that are not IRIs are left out.
func (s *Store) InNodes(ctx context.Context, node quad.Value, predicate string, preds ...string) ([]string, []Node, error) {
	refs, vals, err := s.fanOutRefs(ctx, node, predicate, quad.Object, quad.Subject)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: in %s <%s>: %w", quad.StringOf(node), predicate, err)
	}
	var iris []string
	var irefs []cgraph.Ref
	for i, v := range vals {
		if iri, ok := v.(quad.IRI); ok {
			iris, irefs = append(iris, string(iri)), append(irefs, refs[i])
		}
	}
	ns, err := s.nodes(ctx, irefs, preds, false)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: in %s <%s>: %w", quad.StringOf(node), predicate, err)
	}
	return iris, ns, nil
}

// errFirst stops a scan at the first value FirstValues wants.
var errFirst = errors.New("first value read")

// nodes is Nodes for nodes given by ref, or with first FirstValues; a nil
// ref gives an empty Node.
func (s *Store) nodes(ctx context.Context, refs []cgraph.Ref, preds []string, first bool) ([]Node, error) {
	out := make([]Node, len(refs))
	var prefs []cgraph.Ref
	var pnames []string
	byRef := map[interface{}]string{}
	for _, p := range preds {
		if r := s.ref(quad.IRI(p)); r != nil && byRef[r.Key()] == "" {
			byRef[r.Key()] = p
			prefs, pnames = append(prefs, r), append(pnames, p)
		}
	}
	type prop struct {
		node int
		pred string
		obj  cgraph.Ref
	}
	var props []prop
	var want []cgraph.Ref
	index := map[interface{}]int{}
	for i, nref := range refs {
		out[i] = Node{}
		if nref == nil {
			continue
		}
		have := map[string]bool{}
		add := func(pred string, q cgraph.Ref) {
			o := s.qs.QuadDirection(q, quad.Object)
			if o == nil || first && have[pred] {
				return
			}
			have[pred] = true
			if _, ok := index[o.Key()]; !ok {
				index[o.Key()] = len(want)
				want = append(want, o)
			}
			props = append(props, prop{i, pred, o})
		}
		var err error
		if len(prefs) > nodesPairScans {
			err = s.scan(ctx, quad.Subject, nref, func(q cgraph.Ref) error {
				if p := s.qs.QuadDirection(q, quad.Predicate); p != nil && byRef[p.Key()] != "" {
					add(byRef[p.Key()], q)
				}
				return nil
			})
		} else {
			for j, pref := range prefs {
				err = s.scanPair(ctx, quad.Subject, nref, quad.Predicate, pref, func(q cgraph.Ref) error {
					add(pnames[j], q)
					if first && have[pnames[j]] {
						return errFirst
					}
					return nil
				})
				if errors.Is(err, errFirst) {
					err = nil
				}
				if err != nil {
					break
				}
			}
		}
		if err != nil {
			return nil, err
		}
	}
	vals, err := s.values(ctx, want)
	if err != nil {
		return nil, err
	}
	for _, p := range props {
		out[p.node][p.pred] = append(out[p.node][p.pred], vals[index[p.obj.Key()]])
	}
	return out, nil
}
