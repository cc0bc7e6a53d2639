package gazetteer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/claimgraph/claimgraph/internal/translit"
	"github.com/claimgraph/claimgraph/schema"
)

// Entry is one place of the gazetteer.
type Entry struct {
	ID         string // "wof:421202167", "opensyria:sy-homs", "cg:sukhnah-airbase" ...
	Name       string // display name
	Kind       string // governorate, city, town, village, base, region, country ... (see Kinds)
	Admin1     string // governorate (one of Governorates), "" for regions and foreign places
	Admin2     string // district, "" if unknown
	Lat, Lon   float64
	HasCoords  bool
	Population int64  // 0 if unknown
	Feature    string // GeoNames feature code (PPL, ADM1 ...) if known
	Country    string // "SY", or the ISO 3166 code of a neighbouring country
}

// Syrian reports whether e is in Syria.
func (e Entry) Syrian() bool { return e.Country == "" || e.Country == "SY" }

// Governorates are the 14 admin1 names the gazetteer uses, spelt as in the
// Admin1 column.
var Governorates = []string{
	"Aleppo", "Damascus", "Rif Dimashq", "Homs", "Hama", "Idlib", "Latakia", "Tartus",
	"Deir ez-Zor", "Raqqa", "Hasakah", "Daraa", "Quneitra", "As-Suwayda",
}

// Kinds are the valid values of the kind column.
var Kinds = []string{
	"governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood",
	"camp", "airport", "base", "dam", "mountain", "region", "desert", "valley", "river",
	"lake", "crossing", "well", "road", "other", "country",
}

// Gazetteer is an immutable set of places indexed by Key of every name.
// Its methods are safe for concurrent use.
type Gazetteer struct {
	entries  []Entry
	names    [][]string         // names[i]: the name and alternate names of entries[i]
	byID     map[string]int     // id → index in entries
	index    map[string][]int32 // Key of a name → entries, best first
	strict   map[string][]int32 // translit.StrictKey of a name → entries
	gov      map[string]int     // Key of an admin1 name → governorate entry
	govOf    map[string]int     // every Admin1 of entries, as written → governorate entry, or -1
	stopBare map[string]bool    // stop names written without an article
	stopAny  map[string]bool    // stop names written with an article
	maxWords int                // most key words in any name
	ranks    []int8             // ranks[i]: rank(entries[i])
	bloom    []uint64           // a Bloom filter of the keys of index (see mayHave)
}

// keyHashes returns two hashes of a key (FNV-1a, split) for the Bloom filter.
func keyHashes(k []byte) (uint32, uint32) {
	h := uint64(14695981039346656037)
	for _, c := range k {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return uint32(h), uint32(h >> 32)
}

// mayHave reports whether index may have key k: false means it has not.
// Most runs of capitalised words name no place; the filter answers for
// them without a lookup in the (large) index map.
func (g *Gazetteer) mayHave(k []byte) bool {
	if len(g.bloom) == 0 {
		return true // a Gazetteer not made by Load or Merge
	}
	mask := uint32(len(g.bloom)*64 - 1)
	h1, h2 := keyHashes(k)
	a, b := h1&mask, h2&mask
	return g.bloom[a>>6]&(1<<(a&63)) != 0 && g.bloom[b>>6]&(1<<(b&63)) != 0
}

func (g *Gazetteer) buildBloom() {
	bits := 1 << 16
	for bits < 16*len(g.index) {
		bits *= 2
	}
	g.bloom = make([]uint64, bits/64)
	mask := uint32(bits - 1)
	for k := range g.index {
		h1, h2 := keyHashes([]byte(k))
		a, b := h1&mask, h2&mask
		g.bloom[a>>6] |= 1 << (a & 63)
		g.bloom[b>>6] |= 1 << (b & 63)
	}
}

var (
	//go:embed data/places.tsv
	placesTSV []byte
	//go:embed data/additions.tsv
	additionsTSV []byte
	//go:embed data/stopnames.txt
	stopnamesTXT []byte

	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer: data/places.tsv merged with
// data/additions.tsv, and the stop names of data/stopnames.txt. It is parsed
// once; later calls are cheap.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		base, err := Load(bytes.NewReader(placesTSV), "places.tsv")
		if err != nil {
			panic("gazetteer: embedded data: " + err.Error())
		}
		add, err := Load(bytes.NewReader(additionsTSV), "additions.tsv")
		if err != nil {
			panic("gazetteer: embedded data: " + err.Error())
		}
		g := base.Merge(add)
		g.stopBare, g.stopAny = parseStopnames(stopnamesTXT)
		defaultGaz = g
	})
	return defaultGaz
}

// ParseError is an error in a gazetteer file, modelled on csv.ParseError.
// Its message is "file:line:column: reason", or "file:line: reason" when the
// column is not known.
type ParseError struct {
	File   string
	Line   int // 1-based
	Column int // 1-based byte column of the field, 0 if unknown
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the reason.
func (e *ParseError) Unwrap() error { return e.Err }

// Reasons wrapped by ParseError; test them with errors.Is.
var (
	ErrColumns      = errors.New("wrong number of columns")
	ErrNumber       = errors.New("not a number")
	ErrEmpty        = errors.New("empty")
	ErrOutsideSyria = errors.New("outside Syria")
	ErrAdmin1       = errors.New("not a governorate")
	ErrKind         = errors.New("not a kind")
	ErrDuplicateID  = errors.New("duplicate id")
	// ErrCollision is warning-level: the file is usable, but a name now
	// means two places in different governorates.
	ErrCollision = errors.New("name collides")
)

// IsWarning reports whether err, as returned by Check, is only a warning.
func IsWarning(err error) bool { return errors.Is(err, ErrCollision) }

// Columns of a gazetteer file, in order.
var Columns = []string{
	"id", "name", "alternate_names", "kind", "admin1", "admin2", "lat", "lon",
	"population", "feature_code", "country",
}

// row is one parsed line with the byte column of each field.
type row struct {
	line   int
	fields []string
	cols   []int
	entry  Entry
	names  []string
}

// readRows calls fn for each data row of a gazetteer file. Comment lines
// (starting with #), blank lines and a header line starting with "id\t" are
// skipped. fn gets the row split into fields; it returns an error to stop.
func readRows(r io.Reader, file string, fn func(*row) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "id\t") {
			continue
		}
		rw := &row{line: line, fields: strings.Split(text, "\t")}
		col := 1
		for _, f := range rw.fields {
			rw.cols = append(rw.cols, col)
			col += len(f) + 1
		}
		if err := fn(rw); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return &ParseError{File: file, Line: line + 1, Err: err}
	}
	return nil
}

// parseRow fills rw.entry and rw.names from rw.fields. It checks the column
// count, that id and name are present and that the numbers parse.
func parseRow(rw *row, file string) error {
	bad := func(field int, err error) error {
		return &ParseError{File: file, Line: rw.line, Column: rw.cols[field], Err: err}
	}
	f := rw.fields
	if len(f) != len(Columns) && len(f) != len(Columns)-1 {
		return &ParseError{File: file, Line: rw.line, Err: fmt.Errorf("%w: got %d, want %d or %d tab-separated (%s)",
			ErrColumns, len(f), len(Columns)-1, len(Columns), strings.Join(Columns, " "))}
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	e := Entry{ID: f[0], Name: f[1], Kind: f[3], Admin1: f[4], Admin2: f[5], Feature: f[9], Country: "SY"}
	if len(f) == len(Columns) && f[10] != "" {
		e.Country = f[10]
	}
	if e.ID == "" {
		return bad(0, fmt.Errorf("id: %w", ErrEmpty))
	}
	if e.Name == "" {
		return bad(1, fmt.Errorf("name: %w", ErrEmpty))
	}
	if (f[6] == "") != (f[7] == "") {
		if f[6] == "" {
			return bad(6, fmt.Errorf("lat: %w (lon is given)", ErrEmpty))
		}
		return bad(7, fmt.Errorf("lon: %w (lat is given)", ErrEmpty))
	}
	if f[6] != "" {
		lat, err := strconv.ParseFloat(f[6], 64)
		if err != nil || lat < -90 || lat > 90 {
			return bad(6, fmt.Errorf("lat %q: %w", f[6], ErrNumber))
		}
		lon, err := strconv.ParseFloat(f[7], 64)
		if err != nil || lon < -180 || lon > 180 {
			return bad(7, fmt.Errorf("lon %q: %w", f[7], ErrNumber))
		}
		e.Lat, e.Lon, e.HasCoords = lat, lon, true
	}
	if f[8] != "" {
		p, err := strconv.ParseInt(f[8], 10, 64)
		if err != nil || p < 0 {
			return bad(8, fmt.Errorf("population %q: %w", f[8], ErrNumber))
		}
		e.Population = p
	}
	rw.entry = e
	rw.names = append(rw.names[:0], e.Name)
	for _, n := range strings.Split(f[2], "|") {
		if n = strings.TrimSpace(n); n != "" {
			rw.names = append(rw.names, n)
		}
	}
	return nil
}

// Load reads a gazetteer file: UTF-8, one place a line, tab-separated
// columns as in Columns (the country column may be left off and defaults to
// SY); lines starting with # and a header line starting with "id" are
// skipped. alternate_names are |-separated. lat, lon and population may be
// empty. A row whose id repeats an earlier one extends it as Merge does.
// name is the file name used in errors. The first malformed row stops
// loading with a *ParseError.
func Load(r io.Reader, name string) (*Gazetteer, error) {
	g := &Gazetteer{byID: map[string]int{}}
	err := readRows(r, name, func(rw *row) error {
		if err := parseRow(rw, name); err != nil {
			return err
		}
		g.put(rw.entry, rw.names)
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.build()
	return g, nil
}

// put adds e, or extends the entry with the same id: non-empty fields of e
// replace the old ones and names are added.
func (g *Gazetteer) put(e Entry, names []string) {
	i, ok := g.byID[e.ID]
	if !ok {
		g.byID[e.ID] = len(g.entries)
		g.entries = append(g.entries, e)
		g.names = append(g.names, append([]string(nil), names...))
		return
	}
	old := &g.entries[i]
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&old.Name, e.Name)
	set(&old.Kind, e.Kind)
	set(&old.Admin1, e.Admin1)
	set(&old.Admin2, e.Admin2)
	set(&old.Feature, e.Feature)
	if e.Country != "" && e.Country != "SY" {
		old.Country = e.Country
	}
	if e.HasCoords {
		old.Lat, old.Lon, old.HasCoords = e.Lat, e.Lon, true
	}
	if e.Population > 0 {
		old.Population = e.Population
	}
	g.names[i] = mergeNames(g.names[i], names)
}

// mergeNames adds names to have; a name written "-Name" removes the names
// with its Key instead.
func mergeNames(have, names []string) []string {
	for _, n := range names {
		if strings.HasPrefix(n, "-") {
			k := Key(n[1:])
			kept := have[:0]
			for _, h := range have {
				if Key(h) != k {
					kept = append(kept, h)
				}
			}
			have = kept
			continue
		}
		dup := false
		for _, h := range have {
			if h == n {
				dup = true
				break
			}
		}
		if !dup {
			have = append(have, n)
		}
	}
	return have
}

// Merge returns a new gazetteer with the places of g and o: a place of o with
// the id of a place of g replaces its non-empty fields and adds its names (an
// alternate name written "-Name" removes the names with that Key instead);
// other places of o are added. Stop names are united. g and o are unchanged.
func (g *Gazetteer) Merge(o *Gazetteer) *Gazetteer {
	m := &Gazetteer{
		entries:  append([]Entry(nil), g.entries...),
		names:    make([][]string, len(g.names)),
		byID:     make(map[string]int, len(g.byID)+len(o.byID)),
		stopBare: unite(g.stopBare, o.stopBare),
		stopAny:  unite(g.stopAny, o.stopAny),
	}
	for i, ns := range g.names {
		m.names[i] = append([]string(nil), ns...)
	}
	for id, i := range g.byID {
		m.byID[id] = i
	}
	for i, e := range o.entries {
		m.put(e, o.names[i])
	}
	m.build()
	return m
}

func unite(a, b map[string]bool) map[string]bool {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// WithStopnames returns a copy of g whose Find also ignores the names read
// from r (the format of data/stopnames.txt: one name a line, # comments).
func (g *Gazetteer) WithStopnames(r io.Reader) (*Gazetteer, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	bare, anyArt := parseStopnames(data)
	m := *g
	m.stopBare, m.stopAny = unite(g.stopBare, bare), unite(g.stopAny, anyArt)
	return &m, nil
}

// parseStopnames reads stop names. A name written with a leading article
// ("al-Qaeda") is stopped in any spelling; one written without ("Bab") only
// where the mention has no article, so "al-Bab" still matches.
func parseStopnames(data []byte) (bare, anyArt map[string]bool) {
	bare, anyArt = map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		words := translit.Words(nil, line)
		if len(words) > 1 && translit.IsArticle(words[0]) {
			anyArt[Key(line)] = true
		} else {
			bare[Key(line)] = true
		}
	}
	return bare, anyArt
}

// kindRank orders kinds for Lookup: lower is better.
var kindRank = map[string]int{
	"governorate": 0, "city": 1,
	"camp": 2, "airport": 2, "base": 2, "dam": 2, "mountain": 2, "region": 2, "desert": 2,
	"valley": 2, "river": 2, "lake": 2, "crossing": 2, "neighbourhood": 3, "well": 3, "road": 3,
	"town": 3, "district": 4, "subdistrict": 5, "village": 7, "other": 8,
}

// rank of e: Syrian governorates, cities, features, towns, districts,
// subdistricts; then foreign places; then Syrian villages and the rest.
func rank(e Entry) int {
	if !e.Syrian() {
		return 6
	}
	r, ok := kindRank[e.Kind]
	if !ok {
		return 8
	}
	return r
}

// build indexes every name of every entry by Key.
func (g *Gazetteer) build() {
	g.index = make(map[string][]int32, len(g.entries)*2)
	g.strict = make(map[string][]int32, len(g.entries)*2)
	g.gov = map[string]int{}
	g.maxWords = 1
	g.ranks = make([]int8, len(g.entries))
	for i := range g.entries {
		g.ranks[i] = int8(rank(g.entries[i]))
	}
	for i, ns := range g.names {
		seen := map[string]bool{}
		for _, n := range ns {
			if strings.HasPrefix(n, "-") {
				continue // a removal kept for Merge
			}
			if sk := translit.StrictKey(n); sk != "" && !seen["\x00"+sk] {
				seen["\x00"+sk] = true
				g.strict[sk] = append(g.strict[sk], int32(i))
			}
			k := Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			g.index[k] = append(g.index[k], int32(i))
			words := 0
			for _, w := range translit.Words(nil, n) {
				if !translit.IsArticle(w) {
					words++
				}
			}
			if words > g.maxWords {
				g.maxWords = words
			}
		}
		if g.entries[i].Kind == "governorate" {
			g.gov[Key(g.entries[i].Admin1)] = i
			g.gov[Key(g.entries[i].Name)] = i
		}
	}
	g.buildBloom()
	for _, ids := range g.index {
		sort.SliceStable(ids, func(a, b int) bool { return g.less(int(ids[a]), int(ids[b])) })
	}
	// Resolve looks up the governorates of context names, which are the
	// entries' Admin1 values: answer those without making their Key
	g.govOf = map[string]int{}
	for i := range g.entries {
		if a := g.entries[i].Admin1; a != "" {
			if _, ok := g.govOf[a]; !ok {
				g.govOf[a] = g.governorate(a)
			}
		}
	}
}

// less orders entries best first: by kind rank, Syria first, larger
// population, then by id.
func (g *Gazetteer) less(a, b int) bool {
	ea, eb := &g.entries[a], &g.entries[b]
	if ra, rb := g.ranks[a], g.ranks[b]; ra != rb {
		return ra < rb
	}
	if ea.Population != eb.Population {
		return ea.Population > eb.Population
	}
	return ea.ID < eb.ID
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.entries) }

// All yields every place, in the order the gazetteer holds them.
func (g *Gazetteer) All() iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for _, e := range g.entries {
			if !yield(e) {
				return
			}
		}
	}
}

// Names returns the name and alternate names of the place with id, or nil.
func (g *Gazetteer) Names(id string) []string {
	i, ok := g.byID[id]
	if !ok {
		return nil
	}
	return append([]string(nil), g.names[i]...)
}

// ByID returns the place with id.
func (g *Gazetteer) ByID(id string) (Entry, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// Lookup returns the places with a name whose Key is Key(name), best first:
// governorate, city, features (bases, regions ...), town, district,
// subdistrict, foreign places, village; within a kind the larger population
// first. It ignores stop names and case rules; Find applies them.
func (g *Gazetteer) Lookup(name string) []Entry {
	return g.lookupKey(Key(name))
}

func (g *Gazetteer) lookupKey(k string) []Entry {
	ids := g.index[k]
	if len(ids) == 0 {
		return nil
	}
	out := make([]Entry, len(ids))
	for i, id := range ids {
		out[i] = g.entries[id]
	}
	return out
}

// Governorate returns the governorate entry of an admin1 name, in any
// spelling Key folds together ("Deir Ezzor", "Hasakeh", "Idleb").
func (g *Gazetteer) Governorate(admin1 string) (Entry, bool) {
	i := g.governorateOf(admin1)
	if i < 0 {
		return Entry{}, false
	}
	return g.entries[i], true
}

// governorateOf is Governorate's entry index, -1 if none.
func (g *Gazetteer) governorateOf(admin1 string) int {
	if i, ok := g.govOf[admin1]; ok {
		return i
	}
	return g.governorate(admin1)
}

// governorate finds Governorate's entry index by Key, -1 if none: the entry
// of an admin1 or governorate name, else the best place of the name if it
// is a governorate.
func (g *Gazetteer) governorate(admin1 string) int {
	k := Key(admin1)
	if i, ok := g.gov[k]; ok {
		return i
	}
	if ids := g.index[k]; len(ids) > 0 && g.entries[ids[0]].Kind == "governorate" {
		return int(ids[0])
	}
	return -1
}

// Place converts an entry into a schema.Place; Within is its governorate (""
// for a governorate, a region or a foreign place) and mention is the spelling
// seen in the text.
func (g *Gazetteer) Place(e Entry, mention string) schema.Place {
	p := schema.Place{
		ID: e.ID, Name: e.Name, Kind: e.Kind, Admin1: e.Admin1,
		Lat: e.Lat, Lon: e.Lon, HasCoords: e.HasCoords,
		GazetteerID: e.ID, Mention: mention,
	}
	if e.Kind != "governorate" && e.Admin1 != "" {
		if gv, ok := g.Governorate(e.Admin1); ok && gv.ID != e.ID {
			p.Within, p.WithinName = gv.ID, gv.Name
		}
	}
	return p
}

// Fingerprint identifies the gazetteer's content: its places with their
// names, in order, and its stop names. Two gazetteers with the same places
// have the same fingerprint; adding, removing or changing one changes it.
func (g *Gazetteer) Fingerprint() string {
	h := sha256.New()
	w := bufio.NewWriter(h)
	for i, e := range g.entries {
		fmt.Fprintf(w, "%+v\x00%s\n", e, strings.Join(g.names[i], "|"))
	}
	for _, set := range []map[string]bool{g.stopBare, g.stopAny} {
		names := make([]string, 0, len(set))
		for n := range set {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "%s\n", strings.Join(names, "|"))
	}
	w.Flush()
	return hex.EncodeToString(h.Sum(nil))
}
