package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/internal/translit"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
)

// EventPage is the answer of GET /api/events.
type EventPage struct {
	Total  int            `json:"total"` // events matching the filters
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
	Events []EventSummary `json:"events"`
}

// TraceAnswer is the answer of GET /api/claims/{id}/trace.
type TraceAnswer struct {
	Claim Claim      `json:"claim"`
	Hops  []rows.Hop `json:"hops"`
	// Carriers are the claims of the claim's linked event that carry the
	// same figure (the same interval of the same metric) from the same
	// origin, the claim's own among them, one article after another in
	// order of publication (undated last): who carried the figure, and
	// where it appeared first.
	Carriers []Carrier `json:"carriers"`
}

// Carrier is one article that carried a figure (TraceAnswer.Carriers).
type Carrier struct {
	Claim    string      `json:"claim"` // short id, ARTICLE:N
	Article  ArticleRef  `json:"article"`
	Claimant string      `json:"claimant_name"`
	Via      []SourceRef `json:"via"` // relays, nearest the article first
	Evidence string      `json:"evidence"`
	// First marks the first appearance: the carriers published on the
	// earliest day (none when no carrier is dated).
	First bool `json:"first"`
}

// carriers returns the carriers of claim c (TraceAnswer.Carriers).
func (x *index) carriers(c *Claim) []Carrier {
	same := []*Claim{c}
	if d := x.byEvent[c.Event]; d != nil && c.Event != "" {
		same = same[:0]
		for i := range d.ClaimList {
			o := d.ClaimList[i]
			if o.ID == c.ID || o.Origin == c.Origin && o.Metric == c.Metric && sameBound(o.Min, c.Min) && sameBound(o.Max, c.Max) {
				same = append(same, x.claims[o.ID])
			}
		}
	}
	sort.SliceStable(same, func(i, j int) bool {
		a, b := same[i].Article.Published, same[j].Article.Published
		if (a == "") != (b == "") {
			return a != ""
		}
		if a != b {
			return a < b
		}
		if same[i].Article.ID != same[j].Article.ID {
			return same[i].Article.ID < same[j].Article.ID
		}
		return claimNumber(same[i].ID) < claimNumber(same[j].ID)
	})
	out := make([]Carrier, 0, len(same))
	first := same[0].Article.Published
	for _, o := range same {
		out = append(out, Carrier{Claim: o.ID, Article: o.Article, Claimant: who(o), Via: o.Via, Evidence: o.Evidence,
			First: first != "" && o.Article.Published == first})
	}
	return out
}

// who names a claim's claimant, or its outlet when the outlet asserts it.
func who(c *Claim) string {
	if c.ClaimantName != "" {
		return c.ClaimantName
	}
	return c.Article.OutletNm
}

// sameBound reports whether two interval bounds are equal (both open, or
// the same number).
func sameBound(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// SearchAnswer is the answer of GET /api/search.
type SearchAnswer struct {
	Sources []*sourceStat `json:"sources"`
	Places  []*placeStat  `json:"places"`
}

const (
	defaultPage = 50
	maxPage     = 500
)

// apiError is the JSON body of every error of the page API.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{Error: msg})
}

// handleEvents serves GET /api/events?place=&from=&to=&source=&q=&contradictions=1&sort=date|claims&offset=&limit=.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	x, err := s.snap.get(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	q := r.URL.Query()
	offset, err1 := intParam(q.Get("offset"), 0)
	limit, err2 := intParam(q.Get("limit"), defaultPage)
	if err := errors.Join(err1, err2); err != nil || offset < 0 || limit < 1 {
		writeError(w, http.StatusBadRequest, "offset and limit must be non-negative integers (limit at least 1)")
		return
	}
	if limit > maxPage {
		limit = maxPage
	}
	from, to := q.Get("from"), q.Get("to")
	for _, d := range []string{from, to} {
		if d != "" && !isDate(d) {
			writeError(w, http.StatusBadRequest, "from and to are ISO dates, YYYY-MM-DD (or YYYY-MM, YYYY)")
			return
		}
	}
	f := eventFilter{
		place: placeNeedle(q.Get("place")), source: fold(q.Get("source")), text: fold(q.Get("q")),
		from: from, to: to, contradictions: q.Get("contradictions") == "1" || q.Get("contradictions") == "true",
	}
	// the events in the order asked, filtered: pointers, so that a page
	// copies only its own summaries
	var order []*EventDetail
	pos := func(i int) int { return i } // the position in x.events of order[i]
	switch q.Get("sort") {
	case "", "date":
		order = x.events
	case "claims":
		order = x.byClaims
		pos = func(i int) int { return int(x.claimsPos[i]) }
	default:
		writeError(w, http.StatusBadRequest, "sort is date or claims")
		return
	}
	page := EventPage{Total: len(order), Offset: offset, Limit: limit, Events: []EventSummary{}}
	if f == (eventFilter{}) {
		for _, e := range order[min(offset, len(order)):min(offset+limit, len(order))] {
			page.Events = append(page.Events, e.EventSummary)
		}
		writeJSON(w, http.StatusOK, page)
		return
	}
	m := x.marks(f)
	page.Total = 0
	for i := range order {
		if !f.keep(pos(i), x, m) {
			continue
		}
		if page.Total >= offset && page.Total < offset+limit {
			page.Events = append(page.Events, order[i].EventSummary)
		}
		page.Total++
	}
	writeJSON(w, http.StatusOK, page)
}

type eventFilter struct {
	place          needle
	source, text   string
	from, to       string
	contradictions bool
}

// eventMarks are the events whose names match the filter's place,
// source and text (index.marks), by position in index.events; nil for a
// filter not given.
type eventMarks struct {
	place, source, text []bool
}

// marks finds the events whose names match f's place, source and text:
// it matches each distinct name once (the events repeat a few hundred
// sources and places), not every event's names.
func (x *index) marks(f eventFilter) eventMarks {
	var m eventMarks
	if f.place.folded != "" {
		m.place = x.placeNames.mark(len(x.events), f.place.in)
	}
	if f.source != "" {
		m.source = x.sourceNames.mark(len(x.events), func(h haystack) bool { return h.contains(f.source) })
	}
	if f.text != "" {
		m.text = x.textNames.mark(len(x.events), func(h haystack) bool { return h.contains(f.text) })
	}
	return m
}

// keep says whether the event at position pos in x.events passes f.
func (f eventFilter) keep(pos int, x *index, m eventMarks) bool {
	e := &x.facts[pos]
	if f.contradictions && !e.contradiction {
		return false
	}
	for _, in := range [][]bool{m.place, m.source, m.text} {
		if in != nil && !in[pos] {
			return false
		}
	}
	if f.from != "" || f.to != "" {
		start, end := e.start, e.end
		if end == "" {
			end = start
		}
		if start == "" {
			return false // undated events do not match a date range
		}
		// compare as strings: ISO dates of different precision compare by prefix
		if f.from != "" && end < f.from {
			return false
		}
		if f.to != "" && start > f.to && !strings.HasPrefix(start, f.to) {
			return false
		}
	}
	return true
}

// event returns the event the request's {id} names (its id or IRI), or
// writes 404 and returns nil.
func (x *index) event(w http.ResponseWriter, r *http.Request) *EventDetail {
	id := r.PathValue("id")
	if strings.Contains(id, "://") {
		id = eventID(id)
	}
	d := x.byEvent[id]
	if d == nil {
		writeError(w, http.StatusNotFound, "no event "+strconv.Quote(id)+"; GET /api/events lists them")
	}
	return d
}

// handleEvent serves GET /api/events/{id}.
func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	x, err := s.snap.get(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if d := x.event(w, r); d != nil {
		writeJSON(w, http.StatusOK, d)
	}
}

// handleTrace serves GET /api/claims/{id}/trace; id is "ARTICLE:N" or the claim IRI (escaped).
func (s *Server) handleTrace(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	iri, ok := ClaimIRI(id)
	if !ok {
		writeError(w, http.StatusBadRequest, "claim id "+strconv.Quote(id)+": want ARTICLE:N, e.g. 001_ba2469520cd4ac22.txt:3")
		return
	}
	x, err := s.snap.get(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	hops, err := queries.Trace(r.Context(), s.store, iri)
	if errors.Is(err, graph.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no claim "+strconv.Quote(id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ans := TraceAnswer{Hops: hops, Carriers: []Carrier{}}
	if c := x.claims[ClaimID(iri)]; c != nil {
		ans.Claim = *c
		ans.Carriers = x.carriers(c)
	} else {
		ans.Claim = Claim{ID: ClaimID(iri), IRI: iri, Via: []SourceRef{}}
	}
	if ans.Hops == nil {
		ans.Hops = []rows.Hop{}
	}
	writeJSON(w, http.StatusOK, ans)
}

// handleSearch serves GET /api/search?q=: sources whose id or name contains
// q, and places whose id, name or governorate contains it or a spelling of
// it (placeNeedle).
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	pq := placeNeedle(r.URL.Query().Get("q"))
	q := pq.folded
	if q == "" {
		writeError(w, http.StatusBadRequest, "give q, e.g. /api/search?q=sohr")
		return
	}
	x, err := s.snap.get(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ans := SearchAnswer{Sources: []*sourceStat{}, Places: []*placeStat{}}
	for _, src := range x.sources {
		if src.hay.contains(q) {
			ans.Sources = append(ans.Sources, src)
		}
	}
	for _, p := range x.places {
		if pq.in(p.hay) {
			ans.Places = append(ans.Places, p)
		}
	}
	sort.Slice(ans.Sources, func(i, j int) bool {
		a, b := ans.Sources[i], ans.Sources[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.ID < b.ID
	})
	sort.Slice(ans.Places, func(i, j int) bool {
		a, b := ans.Places[i], ans.Places[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.ID < b.ID
	})
	const most = 20
	ans.Sources = ans.Sources[:min(most, len(ans.Sources))]
	ans.Places = ans.Places[:min(most, len(ans.Places))]
	writeJSON(w, http.StatusOK, ans)
}

// internal answers 500 and logs the error: it is not the client's to fix.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client went away
	}
	s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	writeError(w, http.StatusInternalServerError, "internal error reading the store (see the server log)")
}

func intParam(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

func isDate(s string) bool {
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '-' && (i == 4 || i == 7):
		default:
			return false
		}
	}
	return len(s) == 4 || len(s) == 7 || len(s) == 10
}

// fold prepares text for a forgiving match: lower case, every diacritic
// dropped by Unicode decomposition (NFD, then the combining marks removed:
// "Ḩardatnīn" and "hardatnin", "Faydā" and "fayda" meet), and hyphens,
// apostrophes and ayn/hamza marks read as spaces ("al-Sukhnah" and
// "al sukhnah" meet).
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		folded = strings.ToLower(strings.TrimSpace(s))
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '\'', '’', '‘', 'ʿ', 'ʾ', '`':
			return ' '
		}
		return r
	}, folded)
}

// needle is a place name as a user typed it, ready to match the places of
// the store.
type needle struct {
	folded string // fold of the text
	key    string // its transliteration key, "" when too short to match on
}

// minKey is the shortest transliteration key a place matches on: shorter
// keys ("al", "ha") would match most places.
const minKey = 3

// placeNeedle prepares a place name for needle.in: "al-Sukhna", "Sokhneh"
// and "As Sukhnah" share the gazetteer's transliteration key
// (translit.Key), as "Deir ez-Zor" and "Dayr az Zawr" do.
func placeNeedle(s string) needle {
	n := needle{folded: fold(s)}
	if k := translit.Key(s); len(k) >= minKey {
		n.key = k
	}
	return n
}

// haystack is names ready for needle.in: each folded (diacritics and
// hyphens ignored) and its transliteration key, made once when the index is built rather than on
// every search.
type haystack struct {
	folded, keys []string
}

// folder makes haystacks, folding each name and making its
// transliteration key once: the events of an index repeat the same few
// hundred sources and places.
type folder struct {
	folded, keys map[string]string
}

func newFolder() *folder {
	return &folder{folded: map[string]string{}, keys: map[string]string{}}
}

// names is an inverted index of names: each distinct name once, folded
// and with its transliteration key, and the events that give it.
type names struct {
	hay    []haystack // each holds one name
	events [][]int    // by position in hay: positions in index.events
	at     map[string]int
}

// add records that the event at position pos gives the names ("" left
// out).
func (n *names) add(f *folder, pos int, names ...string) {
	if n.at == nil {
		n.at = map[string]int{}
	}
	for _, name := range names {
		if name == "" {
			continue
		}
		i, ok := n.at[name]
		if !ok {
			i = len(n.hay)
			n.at[name] = i
			n.hay = append(n.hay, f.haystack(name))
			n.events = append(n.events, nil)
		}
		if evs := n.events[i]; len(evs) == 0 || evs[len(evs)-1] != pos {
			n.events[i] = append(evs, pos)
		}
	}
}

// mark returns, for each of count events, whether one of its names
// matches.
func (n *names) mark(count int, match func(haystack) bool) []bool {
	in := make([]bool, count)
	for i, h := range n.hay {
		if match(h) {
			for _, pos := range n.events[i] {
				in[pos] = true
			}
		}
	}
	return in
}

// haystack prepares names ("" and repeats are left out).
func (f *folder) haystack(names ...string) haystack {
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	var h haystack
	for _, n := range names {
		if n == "" {
			continue
		}
		fo, ok := f.folded[n]
		if !ok {
			fo = fold(n)
			f.folded[n] = fo
		}
		k, ok := f.keys[n]
		if !ok {
			k = translit.Key(n)
			f.keys[n] = k
		}
		h.folded, h.keys = append(h.folded, fo), append(h.keys, k)
	}
	return h
}

// contains reports whether a name of h contains folded.
func (h haystack) contains(folded string) bool {
	for _, f := range h.folded {
		if strings.Contains(f, folded) {
			return true
		}
	}
	return false
}

// in reports whether a name of h contains the needle, folded or by
// transliteration key.
func (n needle) in(h haystack) bool {
	if h.contains(n.folded) {
		return true
	}
	if n.key == "" {
		return false
	}
	for _, k := range h.keys {
		if strings.Contains(k, n.key) {
			return true
		}
	}
	return false
}
