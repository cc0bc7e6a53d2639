package extract

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/loaders/internal/wordfilter"
	"github.com/claimgraph/claimgraph/schema"
)

//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// Lexicon holds the data the extractor matches text against: sources and
// their aliases, outlets, attribution cues, metric words, people nouns, event
// kinds and boilerplate lines.
type Lexicon struct {
	Sources    map[string]*schema.Source // by id
	Outlets    map[string]*schema.Source // by id
	sources    phraseSet                 // alias -> source id
	outlets    phraseSet                 // alias -> outlet id
	cues       phraseSet                 // phrase -> role
	metrics    phraseSet                 // phrase -> metric
	events     phraseSet                 // phrase -> event kind
	statements phraseSet                 // phrase -> metric of a statement without a count
	people     map[string]bool
	singular   map[string]bool // singular people nouns: "a commander" counts one
	boiler     map[string]bool // lower-cased boilerplate lines
	boilerLen  int             // the longest key of boiler, in bytes
	// firsts holds, for each word that starts a source alias, a cue, an
	// event word or a statement, the phrases it starts, so that the scan
	// over a sentence looks each token up once
	firsts map[string]*starts
	// mayStart holds the words of firsts: the scan skips most other words
	// without a lookup
	mayStart wordfilter.Filter
	// read hashes every data file read, in order: see Fingerprint
	read hash.Hash

	// Aliases are the names a source or outlet is recognised by, as the data
	// files write them (its canonical name first), by id: for listing them
	// ('claimgraph sources') and resolving a user's --source.
	Aliases map[string][]string
}

// starts are the phrases of the scan over a sentence that a word starts,
// longest first, as their phraseSets list them.
type starts struct {
	sources, cues, events, statements []phrase
}

// DefaultLexicon parses the embedded data files.
func DefaultLexicon() (*Lexicon, error) {
	l := newLexicon()
	if err := l.extend(dataFS, "data"); err != nil {
		return nil, err
	}
	return l, nil
}

func newLexicon() *Lexicon {
	return &Lexicon{
		Sources:  map[string]*schema.Source{},
		Outlets:  map[string]*schema.Source{},
		Aliases:  map[string][]string{},
		people:   map[string]bool{},
		singular: map[string]bool{},
		boiler:   map[string]bool{},
		read:     sha256.New(),
	}
}

// Fingerprint identifies the data the lexicon was read from (the embedded
// files and every Extend): two lexicons read from the same files have the
// same fingerprint.
func (l *Lexicon) Fingerprint() string {
	return hex.EncodeToString(l.read.Sum(nil))
}

// Extend adds the data files found in dir (any of sources.tsv, outlets.tsv,
// cues.tsv, metrics.tsv, events.tsv, statements.tsv, people.txt, boilerplate.txt, in the
// embedded files' formats) to the lexicon; a source or outlet with a known id
// replaces the old one's name and kind and adds its aliases.
func (l *Lexicon) Extend(dir string) error {
	return l.extend(os.DirFS(dir), ".")
}

func (l *Lexicon) extend(fsys fs.FS, dir string) error {
	files := []struct {
		name  string
		parse func(file string, line int, cols []string) error
	}{
		{"sources.tsv", l.addSource},
		{"outlets.tsv", l.addOutlet},
		{"cues.tsv", l.addTo(&l.cues)},
		{"metrics.tsv", l.addTo(&l.metrics)},
		{"events.tsv", l.addTo(&l.events)},
		{"statements.tsv", l.addTo(&l.statements)},
		{"people.txt", l.addPerson},
		{"boilerplate.txt", l.addBoilerplate},
	}
	for _, f := range files {
		path := filepath.ToSlash(filepath.Join(dir, f.name))
		r, err := fsys.Open(path)
		if err != nil {
			if os.IsNotExist(err) || strings.Contains(err.Error(), "not exist") {
				continue
			}
			return err
		}
		fmt.Fprintf(l.read, "%s\x00", f.name)
		err = readTable(path, io.TeeReader(r, l.read), f.parse)
		r.Close()
		if err != nil {
			return err
		}
	}
	l.sources.sort()
	l.outlets.sort()
	l.cues.sort()
	l.metrics.sort()
	l.events.sort()
	l.statements.sort()
	l.firsts = map[string]*starts{}
	entry := func(w string) *starts {
		if l.firsts[w] == nil {
			l.firsts[w] = &starts{}
		}
		return l.firsts[w]
	}
	for w, list := range l.sources.byFirst {
		entry(w).sources = list
	}
	for w, list := range l.cues.byFirst {
		entry(w).cues = list
	}
	for w, list := range l.events.byFirst {
		entry(w).events = list
	}
	for w, list := range l.statements.byFirst {
		entry(w).statements = list
	}
	l.mayStart = wordfilter.Filter{}
	for w := range l.firsts {
		l.mayStart.Add(w)
	}
	return nil
}

// readTable calls fn with the tab-separated columns of every line of r that
// is neither blank nor a # comment.
func readTable(file string, r io.Reader, fn func(file string, line int, cols []string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if err := fn(file, n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
	}
	return sc.Err()
}

func (l *Lexicon) addSource(_ string, _ int, c []string) error {
	if len(c) != 5 {
		return fmt.Errorf("want 5 tab-separated columns (id, name, kind, speaks_for, aliases), got %d", len(c))
	}
	s := &schema.Source{ID: c[0], Name: c[1], Kind: c[2], SpeaksFor: c[3], Person: c[2] == "person"}
	if s.ID == "" || s.Name == "" {
		return fmt.Errorf("empty id or name")
	}
	l.Sources[s.ID] = s
	l.sources.add(s.Name, s.ID)
	l.addAliases(s.ID, s.Name)
	for _, a := range strings.Split(c[4], "|") {
		l.sources.add(a, s.ID)
		l.addAliases(s.ID, a)
	}
	return nil
}

// addAliases records aliases of id, once each, in the order seen.
func (l *Lexicon) addAliases(id string, aliases ...string) {
	for _, a := range aliases {
		a = strings.TrimSpace(strings.TrimPrefix(a, "="))
		if a == "" {
			continue
		}
		dup := false
		for _, b := range l.Aliases[id] {
			dup = dup || b == a
		}
		if !dup {
			l.Aliases[id] = append(l.Aliases[id], a)
		}
	}
}

func (l *Lexicon) addOutlet(_ string, _ int, c []string) error {
	if len(c) != 3 {
		return fmt.Errorf("want 3 tab-separated columns (id, name, aliases), got %d", len(c))
	}
	s := &schema.Source{ID: c[0], Name: c[1], Kind: "outlet"}
	l.Outlets[s.ID] = s
	l.outlets.add(s.Name, s.ID)
	l.addAliases(s.ID, s.Name)
	for _, a := range strings.Split(c[2], "|") {
		l.outlets.add(a, s.ID)
		l.addAliases(s.ID, a)
	}
	return nil
}

func (l *Lexicon) addTo(set *phraseSet) func(string, int, []string) error {
	return func(_ string, _ int, c []string) error {
		if len(c) != 2 {
			return fmt.Errorf("want 2 tab-separated columns, got %d", len(c))
		}
		for _, p := range strings.Split(c[1], "|") {
			set.add(p, c[0])
		}
		return nil
	}
}

// phraseSet matches phrases of normalised words at a token position.
type phraseSet struct {
	byFirst map[string][]phrase
	// mayStart holds the keys of byFirst: match looks up only the words it
	// passes
	mayStart wordfilter.Filter
}

type phrase struct {
	words []string
	exact []string // words as written, when the phrase matches with its case only
	value string
}

func (p *phraseSet) add(text, value string) {
	text = strings.TrimSpace(text)
	exact := strings.HasPrefix(text, "=")
	text = strings.TrimPrefix(text, "=")
	ws := normPhrase(text)
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return
	}
	ph := phrase{words: ws, value: value}
	// short acronyms (WHO, AP, IS, RT) are matched with their case only
	if exact || (len(ws) == 1 && len(text) <= 4 && strings.ToUpper(text) == text) {
		for _, t := range tokenize(text) {
			if t.Norm != "" {
				ph.exact = append(ph.exact, exactForm(t.Text))
			}
		}
	}
	if p.byFirst == nil {
		p.byFirst = map[string][]phrase{}
	}
	p.byFirst[ws[0]] = append(p.byFirst[ws[0]], ph)
	p.mayStart.Add(ws[0])
}

func (p *phraseSet) sort() {
	for _, list := range p.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
}

// match returns the longest phrase starting at toks[i] and the number of
// tokens it covers; ok is false when none matches. Punctuation ends a phrase.
func (p *phraseSet) match(toks []token, i int) (value string, n int, ok bool) {
	if i >= len(toks) || toks[i].Norm == "" || !p.mayStart.MayHave(toks[i].Norm) {
		return "", 0, false
	}
	return matchAt(p.byFirst[toks[i].Norm], toks, i)
}

// matchAt is match among the phrases that start with the word toks[i]: their
// first word is toks[i].Norm, and needs no comparing.
func matchAt(phrases []phrase, toks []token, i int) (value string, n int, ok bool) {
	for p := range phrases {
		ph := &phrases[p]
		if i+len(ph.words) > len(toks) {
			continue
		}
		good := true
		for k, w := range ph.words {
			t := &toks[i+k]
			if k > 0 && t.Norm != w || ph.exact != nil && exactForm(t.Text) != ph.exact[k] {
				good = false
				break
			}
		}
		if good {
			return ph.value, len(ph.words), true
		}
	}
	return "", 0, false
}

// outletByName finds an outlet by one of its aliases (a JSON "outlet" value,
// a "Source: X" line), or mints one from the name when none is known.
// outlet returns a copy of the outlet id; an outlet that is also a source
// speaking for another (sources.tsv: SANA for Syrian state media) speaks
// for it as an outlet too, so its own figures have that origin.
func (l *Lexicon) outlet(id string) *schema.Source {
	o := *l.Outlets[id]
	if s := l.Sources[id]; s != nil && o.SpeaksFor == "" {
		o.SpeaksFor = s.SpeaksFor
	}
	return &o
}

func (l *Lexicon) outletByName(name string) *schema.Source {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	toks := tokenize(name)
	if id, n, ok := l.outlets.match(toks, 0); ok && n == countWords(toks) {
		o := l.outlet(id)
		o.Mention = name
		return o
	}
	id := strings.Join(normPhrase(name), "-")
	if id == "" {
		return nil
	}
	return &schema.Source{ID: id, Name: name, Kind: "outlet", Mention: name}
}

func countWords(toks []token) int {
	n := 0
	for _, t := range toks {
		if t.Norm != "" {
			n++
		}
	}
	return n
}

var exactRepl = strings.NewReplacer(".", "", "'", "", "’", "")

// exactForm is a word as written without its dots and apostrophes, as
// phrases matched with their case compare it. Most words have none: they
// are their own form, without the copy Replace makes.
func exactForm(w string) string {
	if !strings.ContainsAny(w, ".'’") {
		return w
	}
	return exactRepl.Replace(w)
}

// eventWords is the set of single words that name an event kind ("ambushes",
// "attack"): a source name right before one modifies it ("ISIS ambushes").
func (l *Lexicon) eventWords() map[string]bool {
	out := map[string]bool{}
	for _, list := range l.events.byFirst {
		for _, p := range list {
			if len(p.words) == 1 && p.value != "aggregate" {
				out[p.words[0]] = true
			}
		}
	}
	return out
}

// cueWords is the set of single words of one cue role.
func (l *Lexicon) cueWords(role string) map[string]bool {
	out := map[string]bool{}
	for _, list := range l.cues.byFirst {
		for _, p := range list {
			if len(p.words) == 1 && p.value == role {
				out[p.words[0]] = true
			}
		}
	}
	return out
}

// addBoilerplate reads a line of boilerplate.txt: a line to drop, in any case.
func (l *Lexicon) addBoilerplate(_ string, _ int, c []string) error {
	low := strings.ToLower(c[0])
	l.boiler[low] = true
	l.boilerLen = max(l.boilerLen, len(low))
	return nil
}

// isBoilerplate reports whether line is a boilerplate line, in any case.
func (l *Lexicon) isBoilerplate(line string) bool {
	// lower-casing shrinks a string at most threefold (the Kelvin sign is
	// three bytes, its k one): a longer line needs no lower-casing to tell
	if len(line) > 3*l.boilerLen {
		return false
	}
	return l.boiler[strings.ToLower(line)]
}

// addPerson reads a line of people.txt: a noun, and "singular" after a tab
// for the singular nouns that count one after "a"/"an".
func (l *Lexicon) addPerson(_ string, _ int, c []string) error {
	w := normWord(c[0])
	l.people[w] = true
	if len(c) > 1 && strings.TrimSpace(c[1]) == "singular" {
		l.singular[w] = true
	}
	return nil
}
