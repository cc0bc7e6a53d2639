package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/loaders/extract"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// The resolve functions check the value of a filter flag (--metric, --source,
// --event, --claim) before a command runs: a value that names nothing fails
// with a "did you mean" or the valid values, instead of an empty result that
// looks like an answer. Each returns the value in the form the filters
// compare (a source id, a full event or claim IRI).

// resolveMetric checks --metric against schema.Metrics.
func resolveMetric(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	for _, m := range schema.Metrics {
		if strings.EqualFold(v, m) {
			return m, nil
		}
	}
	keys := map[string]string{}
	for _, m := range schema.Metrics {
		keys[m] = m
	}
	msg := fmt.Sprintf("--metric %q: no such metric", v)
	if s := suggest(v, keys); len(s) > 0 {
		msg += "; did you mean " + s[0] + "?"
	}
	return "", fmt.Errorf("%s (metrics: %s)", msg, strings.Join(schema.Metrics, ", "))
}

// sourceRecord is one line of 'claimgraph sources --format jsonl'.
type sourceRecord struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`                 // monitor, news-agency, person, outlet ...
	SpeaksFor string   `json:"speaks_for,omitempty"` // a person's organisation (source id)
	Aliases   []string `json:"aliases"`              // the names it is recognised by, and spellings seen in articles
	Outlet    bool     `json:"outlet"`               // it published articles in the store
}

// storeSources lists the sources and outlets of the store, sorted by id,
// with the aliases of the built-in lexicon and the spellings the articles
// used.
func storeSources(ctx context.Context, s *graph.Store) ([]sourceRecord, error) {
	lex, err := extract.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	outlets := map[quad.Value]bool{}
	outletNodes, err := s.In(ctx, quad.IRI(schema.ClassOutlet), schema.Type)
	if err != nil {
		return nil, err
	}
	for _, o := range outletNodes {
		outlets[o] = true
	}
	nodes, err := s.In(ctx, quad.IRI(schema.ClassSource), schema.Type)
	if err != nil {
		return nil, err
	}
	str := func(n quad.Value, p string) ([]string, error) {
		vs, err := s.Out(ctx, n, p)
		out := make([]string, 0, len(vs))
		for _, v := range vs {
			out = append(out, quad.ToString(v))
		}
		sort.Strings(out)
		return out, err
	}
	var out []sourceRecord
	for _, n := range nodes {
		iri, ok := n.(quad.IRI)
		if !ok || !strings.HasPrefix(string(iri), schema.IDNS+"source/") {
			continue
		}
		r := sourceRecord{ID: schema.IDFromIRI(string(iri)), Outlet: outlets[n], Aliases: []string{}}
		names, err := str(n, schema.Name)
		if err != nil {
			return nil, err
		}
		kinds, err := str(n, schema.Kind)
		if err != nil {
			return nil, err
		}
		alts, err := str(n, schema.AltName)
		if err != nil {
			return nil, err
		}
		sf, err := s.Out(ctx, n, schema.SpeaksFor)
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			r.Name = names[0]
		}
		if len(kinds) > 0 {
			r.Kind = kinds[0]
		}
		if len(sf) > 0 {
			r.SpeaksFor = schema.IDFromIRI(iriString(sf[0]))
		}
		seen := map[string]bool{r.Name: true}
		for _, a := range append(append([]string(nil), lex.Aliases[r.ID]...), append(names, alts...)...) {
			if !seen[a] {
				seen[a] = true
				r.Aliases = append(r.Aliases, a)
			}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// resolveSource checks --source: a source id, IRI (cgid:source/… or full),
// name or alias of a source in the store or in the built-in lexicon (whose
// sources may simply have no claims in this store). It returns the id.
func resolveSource(ctx context.Context, s *graph.Store, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	id := v
	if iri := expandIRI(v); strings.HasPrefix(iri, schema.IDNS+"source/") {
		id = schema.IDFromIRI(iri)
	}
	lex, err := extract.DefaultLexicon()
	if err != nil {
		return "", err
	}
	if lex.Sources[id] != nil || lex.Outlets[id] != nil {
		return id, nil // a lexicon id: no need to list the store's sources
	}
	// A name or alias of the lexicon's, unambiguous there, needs no list
	// either: listing the store's sources reads every article's copy of
	// their names (seconds at 100k articles). A store source can share it
	// only when loaded with a lexicon of the user's (--lexicon) that gives
	// it to another id, and then the built-in source is the one meant.
	lexKeys := sourceKeys{}
	for k, as := range lex.Aliases {
		for _, a := range as {
			lexKeys.add(a, k)
		}
	}
	if id := lexKeys[strings.ToLower(v)]; id != "" {
		return id, nil
	}
	srcs, err := storeSources(ctx, s)
	if err != nil {
		return "", err
	}
	names := map[string]string{} // id -> display name
	for _, r := range srcs {
		names[r.ID] = r.Name
	}
	for _, m := range []map[string]*schema.Source{lex.Sources, lex.Outlets} {
		for k, src := range m {
			if _, ok := names[k]; !ok {
				names[k] = src.Name
			}
		}
	}
	if _, ok := names[id]; ok {
		return id, nil
	}
	// ids, names and aliases, case-insensitively
	keys := sourceKeys{}
	for k := range names {
		keys.add(k, k)
	}
	for _, r := range srcs {
		keys.add(r.Name, r.ID)
		for _, a := range r.Aliases {
			keys.add(a, r.ID)
		}
	}
	for k, id := range lexKeys { // the lexicon's aliases, as read above
		keys.add(k, id)
	}
	if id, ok := keys[strings.ToLower(v)]; ok && id != "" {
		return id, nil
	}
	msg := fmt.Sprintf("--source %q: no such source in the store or the built-in sources", v)
	if ids := suggest(v, keys); len(ids) > 0 {
		var s []string
		for _, id := range ids {
			s = append(s, fmt.Sprintf("%s (%s)", id, names[id]))
		}
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return "", fmt.Errorf("%s (list ids, names and aliases with 'claimgraph sources')", msg)
}

// sourceKeys maps the names a user may give a source by, case-folded, to
// its id; "" for a name two ids share.
type sourceKeys map[string]string

// add maps key to id, or to "" when it maps to another id already; an id
// of "" (a name ambiguous already) stays "".
func (keys sourceKeys) add(key, id string) {
	k := strings.ToLower(key)
	if old, ok := keys[k]; ok && old != id {
		keys[k] = "" // ambiguous
		return
	}
	keys[k] = id
}

// resolveFilter resolves the saved queries' filters (--event, --source,
// --claim).
func resolveFilter(ctx context.Context, s *graph.Store, f queries.Filter) (queries.Filter, error) {
	var err error
	if f.Event, err = resolveEvent(ctx, s, f.Event); err != nil {
		return f, err
	}
	if f.Source, err = resolveSource(ctx, s, f.Source); err != nil {
		return f, err
	}
	f.Claim, err = resolveClaim(ctx, s, f.Claim)
	return f, err
}

// scriptFilter writes a printed script's parameters as full IRIs, without a
// store to check them against: short and bracketed IRIs are expanded and a
// claim's ARTICLE#N becomes its IRI.
func scriptFilter(f queries.Filter) queries.Filter {
	if f.Event != "" {
		f.Event = expandIRI(f.Event)
	}
	if f.Claim != "" {
		f.Claim = claimIRI(f.Claim)
	}
	return f
}

// claimIRI is the IRI of a claim given as an IRI (full, short or bracketed),
// as ARTICLE#N (the tables) or as ARTICLE:N (the page and its API).
func claimIRI(v string) string {
	v = strings.TrimSpace(v)
	if a, n, ok := strings.Cut(v, "#"); ok && !strings.Contains(v, "://") {
		return schema.ClaimIRI(schema.ArticleIRI(a), atoiOr(n, 0))
	}
	if i := strings.LastIndexByte(v, ':'); i > 0 && !strings.Contains(v, "://") && !strings.HasPrefix(v, schema.IDPrefix) {
		if n, err := strconv.Atoi(v[i+1:]); err == nil {
			return schema.ClaimIRI(schema.ArticleIRI(v[:i]), n)
		}
	}
	return expandIRI(v)
}

// expandIRI turns a short (cgid:…), bracketed (<…>) or full IRI into a full
// one; other values are returned as they are.
func expandIRI(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
		v = v[1 : len(v)-1]
	}
	if strings.HasPrefix(v, schema.IDPrefix) {
		return schema.IDNS + strings.TrimPrefix(v, schema.IDPrefix)
	}
	return v
}

// iriString is the IRI of v without brackets, or v as a string.
func iriString(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri)
	}
	return quad.ToString(v)
}

// hasType reports whether the store has a node iri with an rdf:type.
func hasType(ctx context.Context, s *graph.Store, iri string) (bool, error) {
	ts, err := s.Out(ctx, quad.IRI(iri), schema.Type)
	return len(ts) > 0, err
}

// resolveEvent checks --event: a linked event or a per-article event, as a
// full or short (cgid:levent/…, cgid:event/…) IRI, or the bare path
// (levent/…, event/…). It returns the full IRI.
func resolveEvent(ctx context.Context, s *graph.Store, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	iri := expandIRI(v)
	var cands []string
	switch {
	case strings.HasPrefix(iri, schema.IDNS):
		cands = []string{iri}
	case strings.HasPrefix(iri, "levent/") || strings.HasPrefix(iri, "event/"):
		cands = []string{schema.IDNS + iri}
	default:
		cands = []string{schema.IDNS + "levent/" + iri, schema.IDNS + "event/" + iri}
	}
	for _, c := range cands {
		if ok, err := hasType(ctx, s, c); err != nil {
			return "", err
		} else if ok {
			return c, nil
		}
	}
	msg := fmt.Sprintf("--event %q: no such event in the store", v)
	// a table cuts long values with "...": a unique prefix is what was meant
	want := strings.TrimSuffix(cands[0], "...")
	var near []string
	for _, class := range []string{schema.ClassLinkedEvent, schema.ClassEvent} {
		evs, err := s.In(ctx, quad.IRI(class), schema.Type)
		if err != nil {
			return "", err
		}
		keys := map[string]string{}
		for _, e := range evs {
			e := iriString(e)
			if strings.HasPrefix(e, want) && want != cands[0] {
				near = append(near, e)
			}
			keys[e] = e
		}
		if len(near) == 0 {
			for _, c := range cands {
				near = append(near, suggest(c, keys)...)
			}
		}
		if len(near) > 0 {
			break
		}
	}
	if len(near) > 0 && len(near) <= 3 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return "", fmt.Errorf("%s (list events with 'claimgraph events'; a claim's event is in 'claimgraph claims --format jsonl')", msg)
}

// resolveClaim checks --claim: a claim IRI (full or cgid:article/…/claim/N)
// or the article#N form the tables print. It returns the full IRI.
func resolveClaim(ctx context.Context, s *graph.Store, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	iri := claimIRI(v)
	if ok, err := hasType(ctx, s, iri); err != nil {
		return "", err
	} else if ok {
		return iri, nil
	}
	msg := fmt.Sprintf("--claim %q: no such claim in the store", v)
	if art := schema.ArticleIDFromIRI(iri); art != "" {
		if qs, err := s.ArticleQuads(ctx, schema.ArticleIRI(art)); err == nil {
			n := 0
			for _, q := range qs {
				if q.Predicate == quad.IRI(schema.Type) && q.Object == quad.IRI(schema.ClassClaim) {
					n++
				}
			}
			msg += fmt.Sprintf("; article %s has %d claims, %s to %s", art, n,
				shortClaim(schema.ClaimIRI(schema.ArticleIRI(art), 1)), shortClaim(schema.ClaimIRI(schema.ArticleIRI(art), n)))
		} else if ids, err := articleIDs(ctx, s); err == nil {
			keys := map[string]string{}
			for _, id := range ids {
				keys[id] = id
			}
			if near := suggest(art, keys); len(near) > 0 {
				msg += fmt.Sprintf("; no article %s: did you mean %s?", art, strings.Join(near, " or "))
			} else {
				msg += fmt.Sprintf("; no article %s", art)
			}
		}
	}
	return "", fmt.Errorf("%s (claim ids: the id column of 'claimgraph claims --format jsonl', or ARTICLE#N)", msg)
}

// articleID is the id of an article given as its id, its IRI (full, short
// or bracketed), or the IRI or ARTICLE#N of one of its claims: every form
// the tables, the page and the exports print.
func articleID(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexByte(v, '#'); i > 0 && !strings.Contains(v, "://") && !strings.HasPrefix(v, schema.IDPrefix) {
		if _, err := strconv.Atoi(v[i+1:]); err == nil {
			return v[:i] // a claim's ARTICLE#N
		}
	}
	if id := schema.ArticleIDFromIRI(expandIRI(v)); id != "" {
		return id
	}
	return v
}

// articleIDs lists the ids of the store's articles.
func articleIDs(ctx context.Context, s *graph.Store) ([]string, error) {
	iris, err := s.ArticleIRIs(ctx)
	ids := make([]string, len(iris))
	for i, iri := range iris {
		ids[i] = schema.ArticleIDFromIRI(iri)
	}
	return ids, err
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// suggest returns the values of keys (sorted, at most three) whose key is
// nearest v: within an edit distance of a third of v's length (at least 1,
// at most 3), case-insensitively, or containing v as a word (or contained in
// it) when nothing is that near.
func suggest(v string, keys map[string]string) []string {
	lv := strings.ToLower(v)
	max := len([]rune(lv)) / 3
	if max < 1 {
		max = 1
	}
	if max > 3 {
		max = 3
	}
	best, found := max+1, map[string]bool{}
	for k, id := range keys {
		if id == "" {
			continue
		}
		d := editDistance(lv, strings.ToLower(k), max+1)
		switch {
		case d > max || d > best:
		case d < best:
			best, found = d, map[string]bool{id: true}
		default:
			found[id] = true
		}
	}
	if len(found) == 0 && len([]rune(lv)) >= 4 {
		for k, id := range keys {
			lk := strings.ToLower(k)
			if id != "" && (containsWord(lk, lv) || containsWord(lv, lk) && len(lk) >= 4) {
				found[id] = true
			}
		}
	}
	out := make([]string, 0, len(found))
	for id := range found {
		out = append(out, id)
	}
	sort.Strings(out)
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// containsWord reports whether s contains w at word boundaries.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// editDistance is the Levenshtein distance of a and b in runes, or any value
// >= limit once it is known to be at least limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if cur[j] < low {
				low = cur[j]
			}
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
