package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/internal/cores"
	"github.com/claimgraph/claimgraph/schema"
)

// Stats counts what a store holds.
type Stats struct {
	Quads    int64 // all quads, the Writer's index quads included
	Nodes    int64 // distinct nodes (exact)
	Articles int64 // nodes of type schema.ClassArticle
	Claims   int64 // nodes of type schema.ClassClaim
	Sources  int64 // nodes of type schema.ClassSource
	Events   int64 // nodes of type schema.ClassEvent
	Places   int64 // nodes of type schema.ClassPlace
}

// ArticleIRIs returns the IRIs of all nodes of type schema.ClassArticle,
// sorted.
func (s *Store) ArticleIRIs(ctx context.Context) ([]string, error) {
	return s.OfType(ctx, schema.ClassArticle)
}

// OfType returns the IRIs of all nodes of type class, sorted and distinct.
// On bolt, for the classes the ordered index lists (articles, claims,
// sources, events, places, linked events and the relations), it reads them
// from it in order; otherwise from Cayley's index of the class's incoming
// edges, one lookup in Cayley's log each.
func (s *Store) OfType(ctx context.Context, class string) ([]string, error) {
	if s.ordered != nil && orderedTypes[class] {
		return s.ordered.all(orderedCodes[schema.Type], class)
	}
	vals, err := s.In(ctx, quad.IRI(class), schema.Type)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		if iri, ok := v.(quad.IRI); ok {
			out = append(out, string(iri))
		}
	}
	sort.Strings(out)
	return out, nil
}

// ArticlesOfSource returns the IRIs of the articles that can hold a claim
// whose claimant, origin or relay is the source id, sorted: those citing
// it (schema.Cites) or a person who speaks for it, and those it published
// (an outlet's own statements). It reads a few nodes' incoming edges, not
// every article or every claim: what 'claims --source' reads at scale.
// Callers filter the claims of these articles.
func (s *Store) ArticlesOfSource(ctx context.Context, id string) ([]string, error) {
	if s.ordered != nil {
		prefixes, keep, err := s.articlePrefixes(id)
		if err != nil {
			return nil, err
		}
		out, err := s.ordered.page(prefixes, "", math.MaxInt, keep)
		if out == nil {
			out = []string{}
		}
		return out, err
	}
	src := quad.IRI(schema.SourceIRI(id))
	nodes := []quad.Value{src}
	people, err := s.In(ctx, src, schema.SpeaksFor)
	if err != nil {
		return nil, err
	}
	nodes = append(nodes, people...)
	set := map[string]bool{}
	for _, n := range nodes {
		for _, pred := range []string{schema.Cites, schema.Publisher} {
			vals, err := s.In(ctx, n, pred)
			if err != nil {
				return nil, err
			}
			for _, v := range vals {
				// articles only (linking nodes name publishers too)
				if iri, ok := v.(quad.IRI); ok && isArticleIRI(string(iri)) {
					set[string(iri)] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for iri := range set {
		out = append(out, iri)
	}
	sort.Strings(out)
	return out, nil
}

// ArticlePages calls fn with the IRIs of the store's articles (with source
// not "", of the articles ArticlesOfSource gives for it) from the first
// not before from, in IRI order, in pages of 25, then twice as many each
// time up to 400, until they run out or fn returns an error, which it
// returns. On bolt a page costs what it holds (the ordered index); other
// backends read every IRI first.
func (s *Store) ArticlePages(ctx context.Context, source, from string, fn func(page []string) error) error {
	const first, most = 25, 400
	if s.ordered == nil {
		var iris []string
		var err error
		if source == "" {
			iris, err = s.ArticleIRIs(ctx)
		} else {
			iris, err = s.ArticlesOfSource(ctx, source)
		}
		if err != nil {
			return err
		}
		iris = iris[sort.SearchStrings(iris, from):]
		for n := first; len(iris) > 0; n = min(2*n, most) {
			page := iris[:min(n, len(iris))]
			iris = iris[len(page):]
			if err := fn(page); err != nil {
				return err
			}
		}
		return nil
	}
	prefixes, keep, err := s.articlePrefixes(source)
	if err != nil {
		return err
	}
	for n := first; ; n = min(2*n, most) {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := s.ordered.page(prefixes, from, n, keep)
		if err != nil || len(page) == 0 {
			return err
		}
		if err := fn(page); err != nil {
			return err
		}
		from = page[len(page)-1] + "\x00" // the first IRI after it
	}
}

// TypedMembers returns the IRIs of the nodes of type class, sorted, each
// with the IRIs its schema.Member quads name, sorted and distinct: the
// relations of one class (schema.ClassCorroboration, …) with their claims.
// On bolt it reads them from the ordered index in one pass; other backends
// read them from Cayley's indexes.
func (s *Store) TypedMembers(ctx context.Context, class string) ([]string, [][]string, error) {
	if s.ordered != nil && orderedTypes[class] {
		return s.ordered.typedMembers(class, orderedBySubject[schema.Member])
	}
	iris, ns, err := s.InNodes(ctx, quad.IRI(class), schema.Type, schema.Member)
	if err != nil {
		return nil, nil, err
	}
	order := make([]int, len(iris))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return iris[order[a]] < iris[order[b]] })
	outIRIs, members := make([]string, 0, len(iris)), make([][]string, 0, len(iris))
	for _, i := range order {
		if len(outIRIs) > 0 && outIRIs[len(outIRIs)-1] == iris[i] {
			continue
		}
		var ms []string
		for _, m := range ns[i].IRIs(schema.Member) {
			if len(ms) == 0 || ms[len(ms)-1] != m {
				ms = append(ms, m)
			}
		}
		outIRIs, members = append(outIRIs, iris[i]), append(members, ms)
	}
	return outIRIs, members, nil
}

// articlePrefixes returns the ordered index's prefixes of the articles
// ArticlePages walks for source, and which of their subjects to keep: the
// articles, or with source not "" the articles citing it or a person who
// speaks for it, or published by either.
func (s *Store) articlePrefixes(source string) ([][]byte, func(string) bool, error) {
	if source == "" {
		all := func(string) bool { return true }
		return [][]byte{orderedPrefix(nil, orderedCodes[schema.Type], schema.ClassArticle)}, all, nil
	}
	src := schema.SourceIRI(source)
	people, err := s.ordered.all(orderedCodes[schema.SpeaksFor], src)
	if err != nil {
		return nil, nil, err
	}
	var prefixes [][]byte
	for _, n := range append([]string{src}, people...) {
		prefixes = append(prefixes, orderedPrefix(nil, orderedCodes[schema.Cites], n), orderedPrefix(nil, orderedCodes[schema.Publisher], n))
	}
	return prefixes, isArticleIRI, nil
}

// isArticleIRI says whether iri names an article (linking nodes name
// publishers too).
func isArticleIRI(iri string) bool {
	return iri == schema.ArticleIRI(schema.ArticleIDFromIRI(iri))
}

// ArticleQuads returns the quads of the article iri (those labelled iri),
// without the Writer's index quads, sorted as by schema.SortQuads. It returns
// an error wrapping ErrNotFound if the store holds no such article.
func (s *Store) ArticleQuads(ctx context.Context, iri string) ([]quad.Quad, error) {
	content, index, err := s.article(ctx, iri)
	if err != nil {
		return nil, fmt.Errorf("graph: read article %s: %w", iri, err)
	}
	if len(content) == 0 && len(index) == 0 {
		return nil, fmt.Errorf("graph: article %s: %w", iri, ErrNotFound)
	}
	schema.SortQuads(content)
	return content, nil
}

// ArticlesQuads returns the quads of each of the articles iris the store
// holds, as ArticleQuads does, by IRI; an article the store does not hold
// has no entry. It reads each subject the articles share (a source, an
// outlet, a place) once for all of them: ArticleQuads scans a shared
// subject's quads of every article for each article, which at 10,000
// articles costs a quarter of a second an article (every article citing
// SOHR describes SOHR under its own label).
func (s *Store) ArticlesQuads(ctx context.Context, iris []string) (map[string][]quad.Quad, error) {
	out, rest, err := s.PackedQuads(ctx, iris)
	if err != nil || len(rest) == 0 {
		return out, err
	}
	return out, s.indexedArticlesQuads(ctx, rest, out)
}

// indexedArticlesQuads adds to out the quads of the articles iris found
// through their subject index (articles written before the packed index).
func (s *Store) indexedArticlesQuads(ctx context.Context, iris []string, out map[string][]quad.Quad) error {
	sref := s.ref(quad.IRI(schema.Subject))
	if sref == nil {
		return nil
	}
	want := map[interface{}]string{} // article ref key -> IRI
	var arts []cgraph.Ref
	for _, iri := range iris {
		if r := s.ref(quad.IRI(iri)); r != nil {
			if _, dup := want[r.Key()]; !dup {
				want[r.Key()] = iri
				arts = append(arts, r)
			}
		}
	}
	refs := map[string][]cgraph.Ref{} // article IRI -> its quads' refs
	var subjects []cgraph.Ref
	seen := map[interface{}]bool{}
	for _, a := range arts {
		seen[a.Key()] = true
	}
	collect := func(q cgraph.Ref) error {
		l := s.qs.QuadDirection(q, quad.Label)
		if l == nil {
			return nil
		}
		iri, ok := want[l.Key()]
		if !ok {
			return nil
		}
		refs[iri] = append(refs[iri], q)
		if sameRef(s.qs.QuadDirection(q, quad.Predicate), sref) {
			if o := s.qs.QuadDirection(q, quad.Object); !seen[o.Key()] {
				seen[o.Key()] = true
				subjects = append(subjects, o)
			}
		}
		return nil
	}
	// the articles' own quads, their subject index among them, then every
	// subject any of them indexes, once
	for _, a := range arts {
		if err := s.scan(ctx, quad.Subject, a, collect); err != nil {
			return fmt.Errorf("graph: read articles: %w", err)
		}
	}
	for i := 0; i < len(subjects); i++ {
		if err := s.scan(ctx, quad.Subject, subjects[i], collect); err != nil {
			return fmt.Errorf("graph: read articles: %w", err)
		}
	}
	for _, a := range arts {
		iri := want[a.Key()]
		rs := refs[iri]
		if len(rs) == 0 {
			continue
		}
		qs, err := s.resolve(ctx, rs)
		if err != nil {
			return fmt.Errorf("graph: read article %s: %w", iri, err)
		}
		content := make([]quad.Quad, 0, len(qs))
		for i, q := range qs {
			if !q.IsValid() {
				return fmt.Errorf("graph: read article %s: cannot read quad %v from %s", iri, rs[i].Key(), s.dsn)
			}
			if !sameRef(s.qs.QuadDirection(rs[i], quad.Predicate), sref) {
				content = append(content, q)
			}
		}
		if len(content) == 0 {
			continue
		}
		schema.SortQuads(content)
		out[iri] = content
	}
	return nil
}

// PackedQuads returns the quads of those of the articles iris that the
// store holds packed (every article written since the packed index,
// packed.go), by IRI, as ArticleQuads does, reading one value each; and the
// IRIs of the others the store holds (written before the packed index),
// which ArticlesQuads, or for many of them a pass (ScanQuads), reads.
func (s *Store) PackedQuads(ctx context.Context, iris []string) (map[string][]quad.Quad, []string, error) {
	out := map[string][]quad.Quad{}
	var refs []cgraph.Ref
	var owners, rest []string
	seen := map[string]bool{}
	for _, iri := range iris {
		if seen[iri] {
			continue
		}
		seen[iri] = true
		aref := s.ref(quad.IRI(iri))
		if aref == nil {
			continue
		}
		rs, err := s.packedRefs(ctx, aref)
		if err != nil {
			return nil, nil, fmt.Errorf("graph: read article %s: %w", iri, err)
		}
		if len(rs) == 0 {
			rest = append(rest, iri)
			continue
		}
		refs = append(refs, rs[0])
		owners = append(owners, iri)
	}
	pqs, err := s.resolve(ctx, refs)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: read articles: %w", err)
	}
	// unpacking (inflating, decoding values) is most of the read, and each
	// article's is its own: on every core
	unpacked := make([][]quad.Quad, len(pqs))
	errs := make([]error, len(pqs))
	cores.Each(len(pqs), func(i int) { unpacked[i], errs[i] = unpack(pqs[i].Object) })
	for i, qs := range unpacked {
		if errs[i] != nil {
			return nil, nil, fmt.Errorf("graph: read article %s: %w", owners[i], errs[i])
		}
		if len(qs) > 0 {
			out[owners[i]] = qs
		}
	}
	return out, rest, nil
}

// packedRefs returns the packed quads of label aref: one, or none when the
// label was written before the packed index or is not stored; more than
// one is an error.
func (s *Store) packedRefs(ctx context.Context, aref cgraph.Ref) ([]cgraph.Ref, error) {
	found, err := s.ownRefs(ctx, aref, schema.Packed)
	if err == nil && len(found) > 1 {
		err = fmt.Errorf("%d packed quads in %s, want one", len(found), s.dsn)
	}
	return found, err
}

// Article reads and decodes the article iri (ArticleQuads, then
// schema.Decode). It returns an error wrapping ErrNotFound if the store
// holds no such article, and schema.Decode's error, wrapped with the IRI,
// if its quads do not make an article.
func (s *Store) Article(ctx context.Context, iri string) (*schema.Article, error) {
	qs, err := s.ArticleQuads(ctx, iri)
	if err != nil {
		return nil, err
	}
	doc, err := schema.Decode(iri, qs)
	if err != nil {
		return nil, fmt.Errorf("graph: article %s: %w", iri, err)
	}
	return doc, nil
}

// Out returns the distinct objects of the quads <node> <predicate> ?o, in
// any article, sorted by their N-Quads form. A node or predicate the store
// does not hold yields no values and no error.
func (s *Store) Out(ctx context.Context, node quad.Value, predicate string) ([]quad.Value, error) {
	vals, err := s.neighbours(ctx, node, predicate, true)
	if err != nil {
		return nil, fmt.Errorf("graph: out %s <%s>: %w", quad.StringOf(node), predicate, err)
	}
	return vals, nil
}

// In returns the distinct subjects of the quads ?s <predicate> <node>, in
// any article, sorted by their N-Quads form. A node or predicate the store
// does not hold yields no values and no error.
func (s *Store) In(ctx context.Context, node quad.Value, predicate string) ([]quad.Value, error) {
	vals, err := s.neighbours(ctx, node, predicate, false)
	if err != nil {
		return nil, fmt.Errorf("graph: in %s <%s>: %w", quad.StringOf(node), predicate, err)
	}
	return vals, nil
}

// neighbours is Out (out) or In: from the link keys' bucket for the
// predicates kept there (linkkeys.go), otherwise from Cayley's indexes.
func (s *Store) neighbours(ctx context.Context, node quad.Value, predicate string, out bool) ([]quad.Value, error) {
	switch {
	case s.isLinkKey(predicate):
		return s.ordered.linkKeys(predicate, node, out)
	case out:
		return s.fanOut(ctx, node, predicate, quad.Subject, quad.Object)
	default:
		return s.fanOut(ctx, node, predicate, quad.Object, quad.Subject)
	}
}

// CountIn counts the distinct nodes with an edge of predicate to node (the
// nodes In returns), up to atMost: it stops there, and reads no node's
// value, so asking whether a store holds at least n articles costs n index
// entries, not every article's IRI.
func (s *Store) CountIn(ctx context.Context, node quad.Value, predicate string, atMost int) (int, error) {
	if atMost <= 0 {
		return 0, nil
	}
	if s.isLinkKey(predicate) {
		vals, err := s.ordered.linkKeys(predicate, node, false)
		if err != nil {
			return 0, fmt.Errorf("graph: count in %s <%s>: %w", quad.StringOf(node), predicate, err)
		}
		return min(len(vals), atMost), nil
	}
	refs, err := s.distinctRefs(ctx, node, predicate, quad.Object, quad.Subject, atMost)
	if err != nil {
		return 0, fmt.Errorf("graph: count in %s <%s>: %w", quad.StringOf(node), predicate, err)
	}
	return len(refs), nil
}

// distinctRefs returns the distinct refs in direction to of the quads that
// have node in direction from and the given predicate, in scan order,
// stopping at atMost of them (0: all).
func (s *Store) distinctRefs(ctx context.Context, node quad.Value, predicate string, from, to quad.Direction, atMost int) ([]cgraph.Ref, error) {
	nref, pref := s.ref(node), s.ref(quad.IRI(predicate))
	if nref == nil || pref == nil {
		return nil, nil
	}
	var refs []cgraph.Ref
	seen := make(map[interface{}]struct{})
	err := s.scanPair(ctx, from, nref, quad.Predicate, pref, func(q cgraph.Ref) error {
		r := s.qs.QuadDirection(q, to)
		if r == nil {
			return nil
		}
		if _, ok := seen[r.Key()]; !ok {
			seen[r.Key()] = struct{}{}
			refs = append(refs, r)
		}
		if atMost > 0 && len(refs) >= atMost {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	return refs, nil
}

// errEnough stops a scan that has read what it needs.
var errEnough = errors.New("graph: enough read")

// fanOut returns the distinct values in direction to of the quads that have
// node in direction from and the given predicate, sorted by N-Quads form.
func (s *Store) fanOut(ctx context.Context, node quad.Value, predicate string, from, to quad.Direction) ([]quad.Value, error) {
	_, vals, err := s.fanOutRefs(ctx, node, predicate, from, to)
	return vals, err
}

// fanOutRefs is fanOut giving the values' refs too, by position.
func (s *Store) fanOutRefs(ctx context.Context, node quad.Value, predicate string, from, to quad.Direction) ([]cgraph.Ref, []quad.Value, error) {
	refs, err := s.distinctRefs(ctx, node, predicate, from, to, 0)
	if err != nil {
		return nil, nil, err
	}
	vals, err := s.values(ctx, refs)
	if err != nil {
		return nil, nil, err
	}
	sortValues(vals, refs)
	return refs, vals, nil
}

// sortValues sorts vals by their N-Quads form, writing each form once,
// and refs (nil, or as many as vals) with them.
func sortValues(vals []quad.Value, refs []cgraph.Ref) {
	type keyed struct {
		key string
		v   quad.Value
		r   cgraph.Ref
	}
	ks := make([]keyed, len(vals))
	for i, v := range vals {
		ks[i] = keyed{key: quad.StringOf(v), v: v}
		if refs != nil {
			ks[i].r = refs[i]
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i, k := range ks {
		vals[i] = k.v
		if refs != nil {
			refs[i] = k.r
		}
	}
}

// Stats counts the store's quads, nodes and typed nodes.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	// on bolt the nodes are counted from bolt's pages (orderedKV.nodes)
	st, err := s.qs.Stats(ctx, s.ordered == nil)
	if errors.Is(err, kv.ErrNoBucket) {
		// a kv store nothing was ever written to has no size yet
		st, err = cgraph.Stats{}, nil
	}
	if err == nil && s.ordered != nil {
		st.Nodes.Size, err = s.ordered.nodes()
	}
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats of %s: %w", s.dsn, err)
	}
	out := Stats{Quads: st.Quads.Size, Nodes: st.Nodes.Size}
	for _, c := range []struct {
		class string
		n     *int64
	}{
		{schema.ClassArticle, &out.Articles},
		{schema.ClassClaim, &out.Claims},
		{schema.ClassSource, &out.Sources},
		{schema.ClassEvent, &out.Events},
		{schema.ClassPlace, &out.Places},
	} {
		n, err := s.countTyped(ctx, c.class)
		if err != nil {
			return Stats{}, fmt.Errorf("graph: stats of %s: counting <%s>: %w", s.dsn, c.class, err)
		}
		*c.n = n
	}
	return out, nil
}

// CountIndexed counts the distinct subjects of rdf:type class, and
// reports true, when the store's ordered index holds that class (bolt):
// a count without reading the quads, which the full link sizes its
// claims by. Otherwise it counts nothing and reports false.
func (s *Store) CountIndexed(ctx context.Context, class string) (int64, bool, error) {
	if s.ordered == nil || !orderedTypes[class] {
		return 0, false, nil
	}
	n, err := s.ordered.count(orderedCodes[schema.Type], class)
	return n, err == nil, err
}

// countTyped counts the distinct subjects of rdf:type class.
func (s *Store) countTyped(ctx context.Context, class string) (int64, error) {
	if s.ordered != nil && orderedTypes[class] {
		return s.ordered.count(orderedCodes[schema.Type], class)
	}
	cref, tref := s.ref(quad.IRI(class)), s.ref(quad.IRI(schema.Type))
	if cref == nil || tref == nil {
		return 0, nil
	}
	seen := make(map[interface{}]struct{})
	err := s.scan(ctx, quad.Object, cref, func(q cgraph.Ref) error {
		if sameRef(s.qs.QuadDirection(q, quad.Predicate), tref) {
			if r := s.qs.QuadDirection(q, quad.Subject); r != nil {
				seen[r.Key()] = struct{}{}
			}
		}
		return nil
	})
	return int64(len(seen)), err
}

// Delete removes the quads of the article iri, its index quads included,
// in one transaction, and returns how many of the article's own quads (not
// counting the index) it removed. Nodes no other quad uses disappear with
// them. It returns an error wrapping ErrNotFound if there is no such article.
func (s *Store) Delete(ctx context.Context, iri string) (int, error) {
	content, index, err := s.article(ctx, iri)
	if err != nil {
		return 0, fmt.Errorf("graph: delete article %s: %w", iri, err)
	}
	if len(content) == 0 && len(index) == 0 {
		return 0, fmt.Errorf("graph: delete article %s: %w", iri, ErrNotFound)
	}
	deltas := make([]cgraph.Delta, 0, len(content)+len(index))
	for _, qs := range [][]quad.Quad{content, index} {
		for _, q := range qs {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := s.applyDeltas(ctx, deltas); err != nil {
		return 0, fmt.Errorf("graph: delete article %s from %s: %w", iri, s.dsn, err)
	}
	return len(content), nil
}

// article returns the quads labelled iri: its own quads (content) and the
// index quads (its packed quad, or for an article written before the packed
// index, its subject-index quads). Both are empty if the store holds no
// such article.
func (s *Store) article(ctx context.Context, iri string) (content, index []quad.Quad, err error) {
	aref := s.ref(quad.IRI(iri))
	if aref == nil {
		return nil, nil, nil
	}
	refs, err := s.packedRefs(ctx, aref)
	if err != nil {
		return nil, nil, err
	}
	if pending, err := s.pendingRefs(ctx, aref); err != nil || len(pending) > 0 {
		if err != nil {
			return nil, nil, err
		}
		return s.partial(ctx, aref, refs, pending)
	}
	if len(refs) == 0 {
		return s.indexedArticle(ctx, aref)
	}
	pqs, err := s.resolve(ctx, refs)
	if err != nil {
		return nil, nil, err
	}
	if content, err = unpack(pqs[0].Object); err != nil {
		return nil, nil, err
	}
	return content, pqs, nil
}

// pendingRefs returns the pending quads of label aref (parts.go): none
// unless a write of it in parts is under way or was cut short.
func (s *Store) pendingRefs(ctx context.Context, aref cgraph.Ref) ([]cgraph.Ref, error) {
	return s.ownRefs(ctx, aref, schema.PackedPending)
}

// ownRefs returns the quads of label aref whose subject is aref and whose
// predicate is predicate: none when the store holds no such predicate.
func (s *Store) ownRefs(ctx context.Context, aref cgraph.Ref, predicate string) ([]cgraph.Ref, error) {
	pref := s.ref(quad.IRI(predicate))
	if aref == nil || pref == nil {
		return nil, nil
	}
	var found []cgraph.Ref
	err := s.scanPair(ctx, quad.Subject, aref, quad.Predicate, pref, func(q cgraph.Ref) error {
		if sameRef(s.qs.QuadDirection(q, quad.Label), aref) {
			found = append(found, q)
		}
		return nil
	})
	return found, err
}

// partial returns, as article does, the quads of label aref whose write in
// parts was cut short (parts.go): its content is what the store holds of
// the quads its packed quad (packed, when it has one; else those its
// subject index finds) and its pending quads hold, its index those quads.
func (s *Store) partial(ctx context.Context, aref cgraph.Ref, packed, pending []cgraph.Ref) (content, index []quad.Quad, err error) {
	var legacy []quad.Quad
	if len(packed) == 0 {
		if legacy, index, err = s.indexedArticle(ctx, aref); err != nil {
			return nil, nil, err
		}
	}
	packs, err := s.resolve(ctx, slices.Concat(packed, pending))
	if err != nil {
		return nil, nil, err
	}
	index = append(index, packs...)
	content, err = s.recovered(ctx, aref, packs)
	if err != nil {
		return nil, nil, err
	}
	have := make(map[cgraph.QuadHash]bool, len(content))
	for _, q := range content {
		have[hashOf(q)] = true
	}
	for _, q := range legacy {
		if !isIndex(q) && !have[hashOf(q)] {
			have[hashOf(q)] = true
			content = append(content, q)
		}
	}
	return content, index, nil
}

// indexedArticle returns the quads labelled aref found through its
// subject index, as article does.
func (s *Store) indexedArticle(ctx context.Context, aref cgraph.Ref) (content, index []quad.Quad, err error) {
	sref := s.ref(quad.IRI(schema.Subject))
	if sref == nil {
		return nil, nil, nil
	}
	var refs []cgraph.Ref // quads labelled iri
	subjects := []cgraph.Ref{aref}
	seen := map[interface{}]struct{}{aref.Key(): {}}
	err = s.scan(ctx, quad.Subject, aref, func(q cgraph.Ref) error {
		if !sameRef(s.qs.QuadDirection(q, quad.Label), aref) {
			return nil
		}
		refs = append(refs, q)
		if sameRef(s.qs.QuadDirection(q, quad.Predicate), sref) {
			o := s.qs.QuadDirection(q, quad.Object)
			if _, ok := seen[o.Key()]; !ok {
				seen[o.Key()] = struct{}{}
				subjects = append(subjects, o)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if refs, err = s.labelledRefs(ctx, aref, subjects[1:], refs); err != nil {
		return nil, nil, err
	}
	qs, err := s.resolve(ctx, refs)
	if err != nil {
		return nil, nil, err
	}
	for i, q := range qs {
		if !q.IsValid() {
			return nil, nil, fmt.Errorf("cannot read quad %v from %s", refs[i].Key(), s.dsn)
		}
		if sameRef(s.qs.QuadDirection(refs[i], quad.Predicate), sref) {
			index = append(index, q)
		} else {
			content = append(content, q)
		}
	}
	return content, index, nil
}

// labelledRefs appends to refs the quads labelled aref of the subjects.
func (s *Store) labelledRefs(ctx context.Context, aref cgraph.Ref, subjects, refs []cgraph.Ref) ([]cgraph.Ref, error) {
	for _, subj := range subjects {
		err := s.scan(ctx, quad.Subject, subj, func(q cgraph.Ref) error {
			if sameRef(s.qs.QuadDirection(q, quad.Label), aref) {
				refs = append(refs, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return refs, nil
}

// LinkingQuads returns the linking output (queries.Link): the head
// (schema.LinkingIRI) and every component's quads, sorted, without the
// components' own bookkeeping (their type, members and content hash:
// quads whose subject is the component; and their index keys,
// schema.LinkKeyOf and schema.LinkVoterKey). A store never linked gives none.
func (s *Store) LinkingQuads(ctx context.Context) ([]quad.Quad, error) {
	labels, err := s.LinkingLabels(ctx)
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for _, label := range labels {
		content, _, err := s.article(ctx, label)
		if err != nil {
			return nil, fmt.Errorf("graph: read linking %s: %w", label, err)
		}
		for _, q := range content {
			if IsLinkingOutput(q) {
				out = append(out, q)
			}
		}
	}
	schema.SortQuads(out)
	return out, nil
}

// LinkingLabels returns the labels of the linking output that
// LinkingQuads reads: the head (schema.LinkingIRI), then the components
// (nodes of type schema.ClassLinkComponent) sorted by N-Quads form.
func (s *Store) LinkingLabels(ctx context.Context) ([]string, error) {
	comps, err := s.In(ctx, quad.IRI(schema.ClassLinkComponent), schema.Type)
	if err != nil {
		return nil, err
	}
	out := []string{schema.LinkingIRI}
	for _, c := range comps {
		if iri, ok := c.(quad.IRI); ok {
			out = append(out, string(iri))
		}
	}
	return out, nil
}

// IsLinkingOutput reports whether q, labelled with one of LinkingLabels,
// is linking output as LinkingQuads returns it: all the head's quads, and
// of a component's those whose subject is not the component, but for its
// index keys (schema.LinkKeyOf, schema.LinkVoterKey).
func IsLinkingOutput(q quad.Quad) bool {
	return q.Label == quad.Value(quad.IRI(schema.LinkingIRI)) ||
		q.Subject != q.Label && q.Predicate != quad.Value(quad.IRI(schema.LinkKeyOf)) &&
			q.Predicate != quad.Value(quad.IRI(schema.LinkVoterKey))
}
