package queries

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/internal/cores"
	"github.com/claimgraph/claimgraph/queries/linking"
	"github.com/claimgraph/claimgraph/schema"
)

// LinkerVersion is the version of the linking rules (linking.Version).
const LinkerVersion = linking.Version

// LinkOptions configure Link (see linking.Options).
type LinkOptions = linking.Options

// LinkResult reports what Link found and wrote (see linking.Result).
type LinkResult = linking.Result

// Link reads every article of the store, links their claims (cross-article
// events, corroborations, contradictions, circular reporting) and writes the
// result: the linking head (schema.LinkingIRI) and one labelled component per
// group of articles whose linking depends on each other (linking.Component).
// Components whose content is unchanged are not rewritten; components no
// longer in the output are removed. The head is written last, so that a
// relink cut short leaves no head (or a pending one) and the next relink is
// a full one. The output depends only on the set of articles in the store,
// never on the order they were loaded in.
//
// Errors: the store's read and write errors, wrapped with "queries: link:";
// ctx's error when ctx ends first.
func Link(ctx context.Context, s *graph.Store, opt LinkOptions) (LinkResult, error) {
	start := time.Now()
	out, err := linkStore(ctx, s, opt)
	if err != nil {
		return LinkResult{}, fmt.Errorf("queries: link: %w", err)
	}
	// The output packed, without the linker: neither the articles nor
	// the linker's view of them is held while it is written.
	lw, err := spool(&out)
	out = linking.Output{}
	if err != nil {
		return lw.result, fmt.Errorf("queries: link: %w", err)
	}
	defer lw.close()
	old, err := s.In(ctx, quad.IRI(schema.ClassLinkComponent), schema.Type)
	if err != nil {
		return lw.result, fmt.Errorf("queries: link: %w", err)
	}
	res, err := writeLinking(ctx, s, lw, old, false)
	if err != nil {
		return res, fmt.Errorf("queries: link: %w", err)
	}
	res.Full = true
	res.Elapsed = time.Since(start)
	return res, nil
}

// linkStore links every article of the store. It reads them a batch at a
// time into a linking.Collector, which keeps what linking reads of each,
// so that the decoded articles are not all held at once; articles written
// before the packed index are read all at once (ReadArticles) and linked
// together.
func linkStore(ctx context.Context, s *graph.Store, opt LinkOptions) (linking.Output, error) {
	iris, err := s.ArticleIRIs(ctx)
	if err != nil {
		return linking.Output{}, err
	}
	c := linking.NewCollector(opt)
	if n, ok, err := s.CountIndexed(ctx, schema.ClassClaim); err != nil {
		return linking.Output{}, err
	} else if ok {
		c.Grow(int(n))
	}
	dec := schema.NewDecoder() // the articles share their names, places and sources
	_, err = eachPacked(ctx, s, iris, func(batch []string, byLabel map[string][]quad.Quad, unpacked []string) error {
		if len(unpacked) > 0 {
			return errUnpacked
		}
		docs := make(map[string]*schema.Article, len(batch))
		decodeInto(dec, docs, byLabel)
		for _, iri := range batch {
			if d := docs[iri]; d != nil {
				if err := c.Add(d); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if errors.Is(err, errUnpacked) {
		docs, err := ReadArticles(ctx, s)
		if err != nil {
			return linking.Output{}, err
		}
		return linking.Link(docs, opt), nil
	}
	if err != nil {
		return linking.Output{}, err
	}
	return c.Link(), nil
}

// Relink updates the linking output after the articles changed (IRIs of
// articles loaded, replaced or deleted since the last link) changed: it
// relinks only the components they touch. It finds them through the index
// keys components are written with (linking.Probes): the components an
// article's reports can meet, and the components the changed articles were
// in; an undated article a changed one votes or voted for only when its day
// moves (linking.Anchors). It links those components' articles and the
// changed ones together; when that dates an undated article differently, it
// probes the keys of its new dates too and links again, until no new
// component turns up. The components found are replaced, in one
// transaction, by the ones linking them gives. The result is the output
// Link would write (TestRelinkMatchesLink).
//
// Relink falls back to Link when the store has no linking head, was linked
// with other rules or options, or was left pending by a load or delete that
// did not finish (BeginChange).
func Relink(ctx context.Context, s *graph.Store, changed []string, opt LinkOptions) (LinkResult, error) {
	ok, err := headCurrent(ctx, s, opt, false)
	if err != nil {
		return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
	}
	if !ok {
		return Link(ctx, s, opt)
	}
	return relink(ctx, s, changed, nil, opt, defaultMaxShare, false)
}

// Change is a load or delete under way (BeginChange).
type Change struct {
	// MaxShare: Relink relinks the components touched while they hold at
	// most this share of the store's articles, and the whole store (Link)
	// beyond it, which then costs less than reading and rewriting that much
	// piece by piece (the output is the same). It is checked once the
	// components hold more than smallRelink articles. 0 means 0.5; 1 or
	// more means always incrementally.
	MaxShare float64
	current  bool // the linking output was up to date when the change began
	opt      LinkOptions
	// oldKeys are the copy keys (linking.CopyKeys; "" for none) the
	// articles the change deleted had, read before they went: the relink
	// then seeds their copies, not every article of their components.
	oldKeys map[string]string
}

const defaultMaxShare = 0.5

// BeginChange marks the linking output pending before articles are written
// or deleted; Change.Relink clears the mark once it has brought the output
// up to date. A store found pending, after a crash between the two, is
// relinked in full.
func BeginChange(ctx context.Context, s *graph.Store, opt LinkOptions) (*Change, error) {
	w := s.NewWriter(ctx, graph.WriterOptions{})
	c, err := beginChange(ctx, s, opt, w)
	if err != nil {
		w.Close()
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("queries: mark linking pending: %w", err)
	}
	return c, nil
}

// beginChange hands the pending mark to w (when the output is current) and
// returns the change; w's caller commits it.
func beginChange(ctx context.Context, s *graph.Store, opt LinkOptions, w *graph.Writer) (*Change, error) {
	current, err := headCurrent(ctx, s, opt, false)
	if err != nil {
		return nil, fmt.Errorf("queries: mark linking pending: %w", err)
	}
	c := &Change{current: current, opt: opt}
	if !current {
		return c, nil // the next link is a full one anyway
	}
	qs, err := s.ArticleQuads(ctx, schema.LinkingIRI)
	if err != nil {
		return nil, fmt.Errorf("queries: mark linking pending: %w", err)
	}
	head := quad.IRI(schema.LinkingIRI)
	qs = append(qs, quad.Quad{Subject: head, Predicate: quad.IRI(schema.LinkPending), Object: quad.String("true"), Label: head})
	if _, err := w.WriteQuads(qs); err != nil {
		return nil, fmt.Errorf("queries: mark linking pending: %w", err)
	}
	return c, nil
}

// DeleteArticles deletes the articles iris and marks the linking output
// pending in one transaction, so that no crash can leave the deletions
// without the mark; Change.Relink then brings the output up to date. It
// returns each article's result: Removed (with the quads it had), or
// Unchanged for an article the store does not hold.
func DeleteArticles(ctx context.Context, s *graph.Store, iris []string, opt LinkOptions) (*Change, []graph.ArticleResult, error) {
	var results []graph.ArticleResult
	w := s.NewWriter(ctx, graph.WriterOptions{BatchSize: math.MaxInt, TxBytes: -1, OnArticle: func(r graph.ArticleResult) {
		if r.IRI != schema.LinkingIRI {
			results = append(results, r)
		}
	}})
	c, err := beginChange(ctx, s, opt, w)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	if c.current {
		if c.oldKeys, err = copyKeysOf(ctx, s, iris); err != nil {
			w.Close()
			return nil, nil, fmt.Errorf("queries: delete: %w", err)
		}
	}
	for _, iri := range iris {
		if err := w.Remove(iri); err != nil {
			w.Close()
			return nil, nil, fmt.Errorf("queries: delete: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("queries: delete: %w", err)
	}
	return c, results, nil
}

// copyKeysOf returns the copy keys (linking.CopyKeys) of the articles iris
// the store holds, "" for one without claims.
func copyKeysOf(ctx context.Context, s *graph.Store, iris []string) (map[string]string, error) {
	want := map[string]bool{}
	for _, iri := range iris {
		want[iri] = true
	}
	docs := map[string]*schema.Article{}
	if err := readMany(ctx, s, schema.NewDecoder(), want, docs); err != nil {
		return nil, err
	}
	var held []*schema.Article
	for _, d := range docs {
		if d != nil {
			held = append(held, d)
		}
	}
	keys := linking.CopyKeys(held)
	out := map[string]string{}
	for _, d := range held {
		out[d.IRI] = keys[d.IRI]
	}
	return out, nil
}

// Relink brings the linking output up to date after the change: with
// queries.Relink when the output was up to date before it, else with Link.
func (c *Change) Relink(ctx context.Context, s *graph.Store, changed []string) (LinkResult, error) {
	if !c.current {
		return Link(ctx, s, c.opt)
	}
	// the pending mark is this change's own
	ok, err := headCurrent(ctx, s, c.opt, true)
	if err != nil {
		return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
	}
	if !ok {
		return Link(ctx, s, c.opt)
	}
	share := c.MaxShare
	if share <= 0 {
		share = defaultMaxShare
	}
	return relink(ctx, s, changed, c.oldKeys, c.opt, share, true)
}

// smallRelink is the number of articles under which relink does not count
// the store's articles to compare (maxShare).
const smallRelink = 1000

// relink links again the articles changed and those whose linking depends
// on them, and replaces their components. It finds the components the
// changed articles are in or probe (seedComponents); then, until nothing
// more is found, it gathers the set to link (gather; Link instead when the
// set is more than maxShare of the store), reads it and the reports it
// reads as context (readSet), links them, adds the components of the
// context articles linking promotes into the set (promote), and probes
// again for the undated articles whose anchored dates moved (reanchored).
// Then it writes the output: in one transaction, unless marked, when the
// store's head carries the pending mark (BeginChange) until the head is
// written, last. Then in transactions of the Writer's size, as Link writes
// (a relink of 1,000 articles loaded into 100,000 wrote 107,000 quads,
// 535 MB of pages in one transaction): one cut short leaves the mark, and
// the next load, delete or link links in full.
func relink(ctx context.Context, s *graph.Store, changed []string, oldKeys map[string]string, opt LinkOptions, maxShare float64, marked bool) (LinkResult, error) {
	start := time.Now()
	r := &relinker{s: s, opt: opt, dec: schema.NewDecoder(), docs: map[string]*schema.Article{}, comps: map[string]bool{},
		context: map[string]bool{}, voted: map[string]bool{}, membersOf: map[string][]string{}}
	changedSet := map[string]bool{}
	for _, iri := range changed {
		changedSet[iri] = true
	}
	if err := r.seedComponents(ctx, changed, changedSet, oldKeys); err != nil {
		return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
	}
	if err := r.checkAnchors(ctx, changedSet); err != nil {
		return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
	}
	probed := map[string]bool{} // articles whose dates as linked were probed
	var out linking.Output
	for {
		arts, err := r.gather(ctx, changedSet)
		if err != nil {
			return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
		}
		if len(arts) > smallRelink && maxShare < 1 {
			over, err := overShare(ctx, s, len(arts), maxShare)
			if err != nil {
				return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
			}
			if over {
				return Link(ctx, s, opt)
			}
		}
		set, others, grew, err := r.readSet(ctx, arts)
		if err != nil {
			return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
		}
		if grew {
			continue // an undated copy's runs found more components
		}
		again, ok := out.Again(set, others) // after a promotion, often the same articles split otherwise
		if !ok {
			anchored, err := r.anchoredOf(ctx, others)
			if err != nil {
				return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
			}
			again = linking.LinkWith(set, others, anchored, opt)
		}
		out = again
		if len(out.Promote) > 0 {
			grew, err := r.promote(ctx, out.Promote)
			if err != nil {
				return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
			}
			if !grew {
				return Link(ctx, s, opt) // no component to add: the store's linking is not what it should be
			}
			continue
		}
		grew, err = r.reanchored(ctx, set, out, probed)
		if err != nil {
			return LinkResult{}, fmt.Errorf("queries: relink: %w", err)
		}
		if !grew {
			break
		}
	}
	old := make([]quad.Value, 0, len(r.comps))
	for c := range r.comps {
		old = append(old, quad.IRI(c))
	}
	res, err := writeLinking(ctx, s, rendered(&out), old, !marked)
	if err != nil {
		return res, fmt.Errorf("queries: relink: %w", err)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// overShare reports whether n articles are more than maxShare (0 to 1,
// exclusive) of the store's articles. It counts the store's articles only
// up to n/maxShare, which answers: not every article's IRI.
func overShare(ctx context.Context, s *graph.Store, n int, maxShare float64) (bool, error) {
	all, err := s.CountIn(ctx, quad.IRI(schema.ClassArticle), schema.Type, int(float64(n)/maxShare)+1)
	if err != nil {
		return false, err
	}
	return float64(n) > maxShare*float64(all), nil
}

// seedComponents reads the changed articles and finds the components they
// are in and those their keys probe, and the undated articles they voted
// for before the change (votedBefore); then it does the same for the
// articles whose report may have changed with them (recopied). oldKeys
// holds the copy keys the changed articles had before the change, where
// known (Change.oldKeys).
func (r *relinker) seedComponents(ctx context.Context, changed []string, changedSet map[string]bool, oldKeys map[string]string) error {
	if err := readMany(ctx, r.s, r.dec, changedSet, r.docs); err != nil {
		return err
	}
	if err := r.votedBefore(ctx, changed); err != nil {
		return err
	}
	var dirty []*schema.Article
	old := map[string]bool{}  // the components of the changed articles whose old copy key is not known
	keys := map[string]bool{} // the copy keys of the changed articles, old and new
	for _, iri := range changed {
		labels, err := r.s.In(ctx, quad.IRI(iri), schema.LinksArticle)
		if err != nil {
			return err
		}
		r.add(r.comps, labels)
		if k, ok := oldKeys[iri]; ok {
			keys[k] = true
		} else {
			r.add(old, labels)
		}
		if r.docs[iri] != nil {
			dirty = append(dirty, r.docs[iri])
		}
	}
	if err := r.seed(ctx, dirty); err != nil {
		return err
	}
	for _, k := range linking.CopyKeys(dirty) {
		keys[k] = true
	}
	delete(keys, "")
	recopied, err := r.recopied(ctx, keys, old, changedSet)
	if err != nil {
		return err
	}
	return r.seed(ctx, recopied)
}

// recopied returns the articles, other than the changed ones, whose report
// (the first of their copies: linking.CopyKeys) may have changed: those
// that share a copy key with a changed article (keys: of their new texts
// and of the old ones known), and those of the components the changed
// articles whose old text is not known were in (old), since that text,
// which its copies shared, is gone. Such an article's reports are new
// ones, which may pair or contradict reports its own keys meet, as a
// changed article's may: before it was probed only as a changed one's
// copy, a copy that became its own report went unseen
// (TestRelinkRandomMatchesLink, seeds 1208 and 2115 of 4,000).
func (r *relinker) recopied(ctx context.Context, keys, old, changedSet map[string]bool) ([]*schema.Article, error) {
	// the changed articles' copies are in the components found so far:
	// copies depend on each other (linking.Dependents)
	arts := map[string]bool{}
	if err := r.members(ctx, r.comps, arts); err != nil {
		return nil, err
	}
	inOld := map[string]bool{}
	if err := r.members(ctx, old, inOld); err != nil {
		return nil, err
	}
	for iri := range changedSet {
		delete(arts, iri)
	}
	docs, err := r.read(ctx, arts)
	if err != nil {
		return nil, err
	}
	var out []*schema.Article
	for iri, k := range linking.CopyKeys(docs) {
		if keys[k] || inOld[iri] {
			out = append(out, r.docs[iri])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// seed adds the components dirty's keys probe: those of the undated
// articles whole, and of those of the dated ones the components that
// depend on them (dependents).
func (r *relinker) seed(ctx context.Context, dirty []*schema.Article) error {
	if len(dirty) == 0 {
		return nil
	}
	// what the undated articles' keys meet is relinked whole: their days
	// depend on what votes for them (linking.Dependents)
	var dated, undated []*schema.Article
	for _, d := range dirty {
		if d.Published != "" {
			dated = append(dated, d)
		} else {
			undated = append(undated, d)
		}
	}
	if err := r.probe(ctx, linking.Probes(undated, r.opt)); err != nil {
		return err
	}
	met := map[string]bool{}
	if err := r.probeInto(ctx, linking.Probes(dated, r.opt), met); err != nil {
		return err
	}
	return r.dependents(ctx, dated, met)
}

// dependents adds to the components to relink those of met (found by the
// changed articles' probe keys) that hold an article depending on a changed
// one (linking.Dependents), or every one of met when that cannot be told.
// The others link as before: a report of the same week and governorate is
// seldom the same incident, and relinking them cost the most (a component
// of thousands of articles for one new article that joins none of them).
func (r *relinker) dependents(ctx context.Context, dirty []*schema.Article, met map[string]bool) error {
	for c := range met {
		if r.comps[c] {
			delete(met, c)
		}
	}
	if len(met) == 0 {
		return nil
	}
	membersOf := map[string][]string{}
	arts := map[string]bool{}
	for c := range met {
		ms, err := r.componentMembers(ctx, c)
		if err != nil {
			return err
		}
		membersOf[c] = ms
		for _, m := range ms {
			arts[m] = true
		}
	}
	others, err := r.read(ctx, arts)
	if err != nil {
		return err
	}
	anchored, err := r.anchoredOf(ctx, others)
	if err != nil {
		return err
	}
	deps, voted, ok := linking.Dependents(dirty, others, anchored, r.opt)
	for iri := range voted {
		r.voted[iri] = true
	}
	for c, ms := range membersOf {
		for _, m := range ms {
			if !ok || deps[m] {
				r.comps[c] = true
				break
			}
		}
	}
	return nil
}

// gather returns the articles to link: the changed ones and those of the
// components found.
func (r *relinker) gather(ctx context.Context, changedSet map[string]bool) (map[string]bool, error) {
	arts := map[string]bool{}
	for iri := range changedSet {
		arts[iri] = true
	}
	if err := r.members(ctx, r.comps, arts); err != nil {
		return nil, err
	}
	return arts, nil
}

// readSet reads the articles to link (set) and the reports they read as
// context (others): voters for the days of undated articles, candidates
// of timeless reports, and the timeless reports that may merge with the
// set's dated ones (linking.IsContextKey). It probes the runs keys (linking.IsRunsKey) of the
// set's undated copies too, and reports whether they found components not
// yet in the set (grew): the caller gathers again.
func (r *relinker) readSet(ctx context.Context, arts map[string]bool) (set, others []*schema.Article, grew bool, err error) {
	set, err = r.read(ctx, arts)
	if err != nil {
		return nil, nil, false, err
	}
	var ctxKeys, runKeys []string
	for _, k := range linking.Probes(set, r.opt) {
		switch {
		case linking.IsContextKey(k):
			ctxKeys = append(ctxKeys, k)
		case linking.IsRunsKey(k):
			runKeys = append(runKeys, k)
		}
	}
	n := len(r.comps)
	if err := r.probe(ctx, runKeys); err != nil {
		return nil, nil, false, err
	}
	if len(r.comps) != n {
		return nil, nil, true, nil
	}
	if err := r.probe(ctx, ctxKeys); err != nil {
		return nil, nil, false, err
	}
	ctxArts := map[string]bool{}
	if err := r.members(ctx, r.context, ctxArts); err != nil {
		return nil, nil, false, err
	}
	for iri := range arts {
		delete(ctxArts, iri)
	}
	others, err = r.read(ctx, ctxArts)
	if err != nil {
		return nil, nil, false, err
	}
	return set, others, false, nil
}

// promote adds the components of the context articles linking joins to
// the set, and reports whether that found any new component.
func (r *relinker) promote(ctx context.Context, promoted []string) (bool, error) {
	n := len(r.comps)
	for _, iri := range promoted {
		labels, err := r.s.In(ctx, quad.IRI(iri), schema.LinksArticle)
		if err != nil {
			return false, err
		}
		r.add(r.comps, labels)
	}
	return len(r.comps) != n, nil
}

// reanchored probes for the undated articles of set that out dates
// otherwise than the store does (each once: probed), since an undated
// article dated otherwise than before meets other reports, and reports
// whether that found any new component.
func (r *relinker) reanchored(ctx context.Context, set []*schema.Article, out linking.Output, probed map[string]bool) (bool, error) {
	anchored := out.Anchored()
	var moved []string
	for _, d := range set {
		if d.Published != "" || probed[d.IRI] {
			continue
		}
		was, err := r.stored(ctx, d.IRI, schema.AnchoredPublished)
		if err != nil {
			return false, err
		}
		if anchored[d.IRI] != was {
			moved = append(moved, d.IRI)
			probed[d.IRI] = true
		}
	}
	if len(moved) == 0 {
		return false, nil
	}
	n := len(r.comps)
	if err := r.probe(ctx, out.Probes(moved)); err != nil {
		return false, err
	}
	return len(r.comps) != n, nil
}

// relinker is the state of one relink: the articles read, the components
// to relink and those read as context.
type relinker struct {
	s         *graph.Store
	opt       LinkOptions
	dec       *schema.Decoder            // the articles read share their names, places and sources
	docs      map[string]*schema.Article // read so far; nil: not an article (deleted)
	comps     map[string]bool            // components to relink
	context   map[string]bool            // components read as context only
	voted     map[string]bool            // undated articles a changed article votes or voted for (checkAnchors)
	membersOf map[string][]string        // componentMembers, by component: seeding, gathering and reading ask again
}

// add adds the component labels to set.
func (r *relinker) add(set map[string]bool, labels []quad.Value) {
	for _, l := range labels {
		if iri, ok := l.(quad.IRI); ok {
			set[string(iri)] = true
		}
	}
}

// probe adds the components found under keys to comps, or, under context
// keys (linking.IsContextKey), to context.
func (r *relinker) probe(ctx context.Context, keys []string) error {
	return r.probeInto(ctx, keys, r.comps)
}

// probeInto is probe adding to comps instead of r.comps.
func (r *relinker) probeInto(ctx context.Context, keys []string, comps map[string]bool) error {
	for _, k := range keys {
		labels, err := r.s.Out(ctx, quad.IRI(schema.LinkKeyIRI(k)), schema.LinkKeyOf)
		if err != nil {
			return err
		}
		if linking.IsContextKey(k) {
			r.add(r.context, labels)
		} else {
			r.add(comps, labels)
		}
	}
	return nil
}

// votedBefore adds to r.voted the undated articles the changed articles
// may have voted for before the change: those of the components indexed
// under the keys their voter keys probe (linking.VotedKeys). The voter keys
// are the store's, written with the changed articles' old components: a
// replaced article's old text is gone.
func (r *relinker) votedBefore(ctx context.Context, changed []string) error {
	var keys []string
	for _, iri := range changed {
		vs, err := r.s.In(ctx, quad.IRI(iri), schema.LinkVoterKey)
		if err != nil {
			return err
		}
		for _, v := range vs {
			if k, ok := schema.LinkKeyOfIRI(string(iriOf(v))); ok {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	comps := map[string]bool{}
	for _, k := range linking.VotedKeys(keys) {
		labels, err := r.s.Out(ctx, quad.IRI(schema.LinkKeyIRI(k)), schema.LinkKeyOf)
		if err != nil {
			return err
		}
		r.add(comps, labels)
	}
	arts := map[string]bool{}
	if err := r.members(ctx, comps, arts); err != nil {
		return err
	}
	docs, err := r.read(ctx, arts)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.Published == "" {
			r.voted[d.IRI] = true
		}
	}
	return nil
}

// checkAnchors adds to the components to relink those of the undated
// articles a changed article votes or voted for (r.voted) whose day the
// change moved: it dates them from their articles and those under their
// voter keys (linking.VoterKey) and the changed ones, whose voter keys are
// not written yet (linking.Anchors), and compares with the day and why the
// store holds. The others link as before: their day depends on nothing
// else, and, in the components relinked, they are context dated as the
// store dates them (anchoredOf).
func (r *relinker) checkAnchors(ctx context.Context, changedSet map[string]bool) error {
	var undated []*schema.Article
	labelsOf := map[string][]quad.Value{}
	for _, iri := range sortedSet(r.voted) {
		labels, err := r.s.In(ctx, quad.IRI(iri), schema.LinksArticle)
		if err != nil {
			return err
		}
		relinked := false
		for _, l := range labels {
			relinked = relinked || r.comps[string(iriOf(l))]
		}
		if d := r.docs[iri]; d != nil && d.Published == "" && !relinked {
			undated = append(undated, d)
			labelsOf[iri] = labels
		}
	}
	if len(undated) == 0 {
		return nil
	}
	want := map[string]bool{}
	for iri := range changedSet {
		want[iri] = true
	}
	for _, k := range linking.Probes(undated, r.opt) {
		wk, ok := linking.VoterKey(k)
		if !ok {
			continue
		}
		arts, err := r.s.Out(ctx, quad.IRI(schema.LinkKeyIRI(wk)), schema.LinkVoterKey)
		if err != nil {
			return err
		}
		for _, a := range arts {
			want[string(iriOf(a))] = true
		}
	}
	for _, d := range undated {
		delete(want, d.IRI)
	}
	voters, err := r.read(ctx, want)
	if err != nil {
		return err
	}
	now := linking.Anchors(undated, voters, r.opt)
	for _, d := range undated {
		day, err := r.stored(ctx, d.IRI, schema.AnchoredPublished)
		if err != nil {
			return err
		}
		why, err := r.stored(ctx, d.IRI, schema.AnchoredWhy)
		if err != nil {
			return err
		}
		if [2]string{day, why} != now[d.IRI] {
			r.add(r.comps, labelsOf[d.IRI])
		}
	}
	return nil
}

// anchoredOf returns the days (ISO dates) the store gives the undated
// articles of docs that it dates.
func (r *relinker) anchoredOf(ctx context.Context, docs []*schema.Article) (map[string]string, error) {
	out := map[string]string{}
	for _, d := range docs {
		if d.Published != "" {
			continue
		}
		was, err := r.stored(ctx, d.IRI, schema.AnchoredPublished)
		if err != nil {
			return nil, err
		}
		if was != "" {
			out[d.IRI] = was
		}
	}
	return out, nil
}

// stored returns the literal the store holds for article iri under
// predicate (its anchored day or why), "" for none.
func (r *relinker) stored(ctx context.Context, iri, predicate string) (string, error) {
	vs, err := r.s.Out(ctx, quad.IRI(iri), predicate)
	if err != nil || len(vs) == 0 {
		return "", err
	}
	return fmt.Sprint(quad.NativeOf(vs[0])), nil
}

// iriOf is v's IRI, "" when v is not one.
func iriOf(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

// members adds the articles of the components cs to arts.
func (r *relinker) members(ctx context.Context, cs map[string]bool, arts map[string]bool) error {
	for c := range cs {
		ms, err := r.componentMembers(ctx, c)
		if err != nil {
			return err
		}
		for _, m := range ms {
			arts[m] = true
		}
	}
	return nil
}

// componentMembers returns the article IRIs of component c, each
// component's looked up once.
func (r *relinker) componentMembers(ctx context.Context, c string) ([]string, error) {
	if ms, ok := r.membersOf[c]; ok {
		return ms, nil
	}
	ms, err := r.s.Out(ctx, quad.IRI(c), schema.LinksArticle)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		if iri, ok := m.(quad.IRI); ok {
			out = append(out, string(iri))
		}
	}
	r.membersOf[c] = out
	return out, nil
}

// read returns the articles of arts the store holds, sorted by IRI.
func (r *relinker) read(ctx context.Context, arts map[string]bool) ([]*schema.Article, error) {
	if err := readMany(ctx, r.s, r.dec, arts, r.docs); err != nil {
		return nil, err
	}
	var out []*schema.Article
	for _, iri := range sortedSet(arts) {
		if r.docs[iri] != nil {
			out = append(out, r.docs[iri])
		}
	}
	return out, nil
}

// linkWrite is a linking output as writeLinking writes it: its head, its
// components (their Quads nil), what it counts, and write, which writes the
// components into a Writer one at a time, in order, and returns how many
// quads they held.
type linkWrite struct {
	head   []quad.Quad
	comps  []linking.Component
	result LinkResult
	write  func(w *graph.Writer) (quads int, err error)
	close  func() // drops what write would have read (spool)
}

// rendered writes out as Output.Each renders it, one component at a time
// from the linker's state.
func rendered(out *linking.Output) linkWrite {
	return linkWrite{head: out.Head, comps: out.Components, result: out.Result, close: func() {},
		write: func(w *graph.Writer) (int, error) {
			n := 0
			err := out.Each(func(c linking.Component) error {
				n += len(c.Quads)
				_, err := w.WriteQuads(c.Quads) // the Writer holds them until written, then they can go
				return err
			})
			return n, err
		}}
}

// bigComponent is the number of articles from which spool renders a
// component while no other this large renders: two of the largest
// rendered at once were a third of a full link's heap at its peak at
// 100,000 articles (the largest component there holds 3,064 articles,
// 768 at 30,000).
const bigComponent = 500

// spool renders out's components on every core and keeps each packed
// (graph.PackQuads) in a temporary file, so that the write holds neither
// out's linker nor the articles it read (at 100,000 articles these were
// 1.14 GB live, and the write's own transactions grow with the store:
// docs/scale.md), nor the packed output: 11–13 bytes a quad, 72.6 MB at
// 100,000 articles, which held in memory was on top of the linker while
// the last components rendered. The file is made in os.TempDir (TMPDIR)
// and removed by lw.close. Its write hands each component to the Writer
// packed (Writer.WritePacked, which stores a rendered component's packed
// form as it is), once, in order.
func spool(out *linking.Output) (lw linkWrite, err error) {
	lw = linkWrite{head: out.Head, comps: out.Components, result: out.Result, close: func() {}}
	f, err := os.CreateTemp("", "claimgraph-link-*.spool")
	if err != nil {
		return lw, err
	}
	lw.close = func() {
		f.Close()
		os.Remove(f.Name())
	}
	defer func() {
		if err != nil {
			lw.close()
			lw.close = func() {}
		}
	}()
	type span struct{ off, n int64 }
	spans := make([]span, len(out.Components))
	errs := make([]error, len(out.Components))
	var mu sync.Mutex // guards the file's end
	var end int64
	var big sync.Mutex // one large component rendered at a time
	cores.Each(len(out.Components), func(i int) {
		if len(out.Components[i].Articles) >= bigComponent {
			big.Lock()
			defer big.Unlock()
		}
		z, err := graph.PackQuads(out.Render(i).Quads)
		if err != nil {
			errs[i] = err
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if _, err := f.WriteAt(z, end); err != nil {
			errs[i] = fmt.Errorf("spooling component %s: %w", out.Components[i].Label, err)
			return
		}
		spans[i] = span{end, int64(len(z))}
		end += int64(len(z))
	})
	if err := errors.Join(errs...); err != nil {
		return lw, err
	}
	written := false
	lw.write = func(w *graph.Writer) (int, error) {
		if written {
			return 0, errors.New("the packed output was written once already")
		}
		written = true
		n := 0
		for i, sp := range spans {
			z := make([]byte, sp.n) // the Writer holds it until written
			if _, err := f.ReadAt(z, sp.off); err != nil {
				return n, fmt.Errorf("component %s: reading the spooled output: %w", lw.comps[i].Label, err)
			}
			m, err := w.WritePacked(z)
			n += m
			if err != nil {
				return n, fmt.Errorf("component %s: %w", lw.comps[i].Label, err)
			}
		}
		return n, nil
	}
	return lw, nil
}

// writeLinking writes lw's components, removes the old components (labels)
// that lw does not hold, and writes lw's head last. One transaction when
// atomic, else in batches, a component larger than a batch in parts
// (graph.WriterOptions.Parts: at 100,000 articles the largest hold about
// 200,000 quads, and written one transaction each they held up to 2.1 GB
// live, 0.8 GB in parts). Each component's
// quads are dropped once the Writer has written them.
func writeLinking(ctx context.Context, s *graph.Store, lw linkWrite, old []quad.Value, atomic bool) (LinkResult, error) {
	res := lw.result
	wopt := graph.WriterOptions{OnArticle: func(r graph.ArticleResult) {
		res.Added += r.Added
		res.Deleted += r.Deleted
		switch r.Outcome {
		case graph.Added, graph.Replaced:
			if r.IRI != schema.LinkingIRI {
				res.Rewritten++
			}
		case graph.Removed:
			res.Removed++
		}
	}}
	if atomic {
		wopt.BatchSize, wopt.TxBytes = math.MaxInt, -1
	} else {
		wopt.Parts = true // the largest components, in parts (graph/parts.go)
	}
	w := s.NewWriter(ctx, wopt)
	keep := map[string]bool{}
	for _, c := range lw.comps {
		keep[c.Label] = true
	}
	n, err := lw.write(w)
	res.Quads = len(lw.head) + n
	if err != nil {
		w.Close()
		return res, err
	}
	for _, v := range old {
		if l, ok := v.(quad.IRI); ok && !keep[string(l)] {
			if err := w.Remove(string(l)); err != nil {
				w.Close()
				return res, err
			}
		}
	}
	if _, err := w.WriteQuads(lw.head); err != nil {
		w.Close()
		return res, err
	}
	err = w.Close()
	st := w.TxStats()
	res.Transactions, res.PageBytes, res.LargestBytes = st.Transactions, st.PageBytes, st.LargestBytes
	if err != nil {
		return res, err
	}
	res.Outcome = "unchanged"
	if res.Rewritten+res.Removed > 0 {
		res.Outcome = "replaced"
	}
	return res, nil
}

// headCurrent reports whether the store's linking head names these rules
// and options and (unless pendingOK) no change is pending.
func headCurrent(ctx context.Context, s *graph.Store, opt LinkOptions, pendingOK bool) (bool, error) {
	qs, err := s.ArticleQuads(ctx, schema.LinkingIRI)
	if errors.Is(err, graph.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	version, options := false, false
	for _, q := range qs {
		switch q.Predicate {
		case quad.IRI(schema.LinkerVersion):
			version = q.Object == quad.String(linking.Version)
		case quad.IRI(schema.LinkOptions):
			options = q.Object == quad.String(opt.String())
		case quad.IRI(schema.LinkPending):
			if !pendingOK {
				return false, nil
			}
		}
	}
	return version && options, nil
}

// Articles written before the packed index (readRest) are read with
// graph.Store.ArticlesQuads, which reads each subject they share once, or,
// when they are more than 1/passShare of the store's articles (and more
// than manyArticles), in one pass over every quad of the store. Measured on
// 10,000 synthesized articles: 300 articles 2.3 s, 1,000 5.6 s, 3,000
// 10.2 s; a pass 15.7 s. Packed ones cost one value each.
const (
	manyArticles = 200
	passShare    = 3
)

// readMany decodes into docs the articles of want that docs lacks, a
// batch at a time: those stored packed one value each, the others as
// readRest reads them. Articles the store does not hold (deleted) or that
// do not decode are nil.
func readMany(ctx context.Context, s *graph.Store, dec *schema.Decoder, want map[string]bool, docs map[string]*schema.Article) error {
	var missing []string
	for iri := range want {
		if _, ok := docs[iri]; !ok {
			missing = append(missing, iri)
		}
	}
	sort.Strings(missing)
	// a batch at a time, as ReadArticles: unpacked all at once, the 15,171
	// articles a relink reads at 100k held 1.5 GB of quads before decoding
	rest, err := eachPacked(ctx, s, missing, func(batch []string, byLabel map[string][]quad.Quad, _ []string) error {
		decodeRead(dec, docs, batch, byLabel)
		return nil
	})
	if err != nil || len(rest) == 0 {
		return err
	}
	all := 0
	if len(rest) > manyArticles {
		arts, err := s.ArticleIRIs(ctx)
		if err != nil {
			return err
		}
		all = len(arts)
	}
	byLabel, err := readRest(ctx, s, rest, all)
	if err != nil {
		return err
	}
	decodeRead(dec, docs, rest, byLabel)
	return nil
}

// decodeRead decodes into docs, without their texts (linking reads
// claims), the articles iris that byLabel holds; the others are nil in
// docs (deleted, or not an article).
func decodeRead(dec *schema.Decoder, docs map[string]*schema.Article, iris []string, byLabel map[string][]quad.Quad) {
	for _, iri := range iris {
		docs[iri] = nil
		if qs := byLabel[iri]; len(qs) > 0 {
			if doc, err := dec.Decode(iri, qs); err == nil {
				doc.Text = ""
				docs[iri] = doc
			}
		}
	}
}

// Pending reports whether the store's linking output is marked pending: a
// load or delete began (BeginChange) and did not relink. Its relations may
// then still hold deleted claims or miss new ones until the next load,
// delete or link.
func Pending(ctx context.Context, s *graph.Store) (bool, error) {
	vals, err := s.Out(ctx, quad.IRI(schema.LinkingIRI), schema.LinkPending)
	return len(vals) > 0, err
}

// quadsByLabel reads, in one pass over the store, the quads whose label is
// an IRI that keep accepts, grouped by label.
func quadsByLabel(ctx context.Context, s *graph.Store, keep func(iri string) bool) (map[string][]quad.Quad, error) {
	byLabel := map[string][]quad.Quad{}
	skip := func(l quad.Value) bool {
		iri, ok := l.(quad.IRI)
		return !ok || !keep(string(iri))
	}
	err := s.ScanQuads(ctx, 0, skip, func(qs []quad.Quad) error {
		for _, q := range qs {
			l := string(q.Label.(quad.IRI))
			byLabel[l] = append(byLabel[l], q)
		}
		return nil
	})
	return byLabel, err
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ReadArticles decodes every article in the store, sorted by IRI: those
// stored packed a batch at a time, one value each, the others (written
// before the packed index) as readRest reads them. The linking output and
// the Writer's index quads are skipped.
func ReadArticles(ctx context.Context, s *graph.Store) ([]*schema.Article, error) {
	iris, err := s.ArticleIRIs(ctx)
	if err != nil {
		return nil, err
	}
	docs := make(map[string]*schema.Article, len(iris))
	dec := schema.NewDecoder() // the articles share their names, places and sources
	rest, err := eachPacked(ctx, s, iris, func(_ []string, byLabel map[string][]quad.Quad, _ []string) error {
		decodeInto(dec, docs, byLabel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		byLabel, err := readRest(ctx, s, rest, len(iris))
		if err != nil {
			return nil, err
		}
		decodeInto(dec, docs, byLabel)
	}
	out := make([]*schema.Article, 0, len(docs))
	for _, iri := range iris {
		if d := docs[iri]; d != nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// readBatch is how many articles eachPacked reads at once.
const readBatch = 500

// errUnpacked stops linkStore's read at an article written before the
// packed index.
var errUnpacked = errors.New("an article is not stored packed")

// eachPacked reads the articles iris (sorted) readBatch at a time and
// hands fn each batch with the quads of its articles stored packed, by
// IRI, and the IRIs of the others it holds (written before the packed
// index: graph.Store.PackedQuads), which it returns, all batches', once fn
// has had every batch. An error from fn stops it.
func eachPacked(ctx context.Context, s *graph.Store, iris []string, fn func(batch []string, byLabel map[string][]quad.Quad, unpacked []string) error) ([]string, error) {
	var rest []string
	for start := 0; start < len(iris); start += readBatch {
		batch := iris[start:min(start+readBatch, len(iris))]
		byLabel, unpacked, err := s.PackedQuads(ctx, batch)
		if err != nil {
			return nil, err
		}
		if err := fn(batch, byLabel, unpacked); err != nil {
			return nil, err
		}
		rest = append(rest, unpacked...)
	}
	return rest, nil
}

// decodeInto decodes the articles of byLabel into docs, skipping quads
// labelled with an article IRI that make no article (nothing to link).
func decodeInto(dec *schema.Decoder, docs map[string]*schema.Article, byLabel map[string][]quad.Quad) {
	for iri, qs := range byLabel {
		if doc, err := dec.Decode(iri, qs); err == nil {
			docs[iri] = doc
		}
	}
}

// readRest returns the quads of articles written before the packed index
// (iris, sorted), by IRI: through their subject index when they are few,
// else, when they are more than 1/passShare of the store's all articles,
// in one pass over the store that resolves the values of their quads only.
func readRest(ctx context.Context, s *graph.Store, iris []string, all int) (map[string][]quad.Quad, error) {
	if len(iris) <= manyArticles || len(iris)*passShare <= all {
		return s.ArticlesQuads(ctx, iris)
	}
	need := map[string]bool{}
	for _, iri := range iris {
		need[iri] = true
	}
	return quadsByLabel(ctx, s, func(iri string) bool { return need[iri] })
}

// LinkQuads computes the linking output of docs (in any order): every quad
// of the head and the components, sorted, and counts. It is linking.Quads.
func LinkQuads(docs []*schema.Article, opt LinkOptions) ([]quad.Quad, LinkResult) {
	return linking.Quads(docs, opt)
}
