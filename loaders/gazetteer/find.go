package gazetteer

import (
	"slices"

	"github.com/claimgraph/claimgraph/internal/translit"
)

// Match is one place mention found in a text.
type Match struct {
	Start, End int     // byte span in the text
	Text       string  // text[Start:End]
	Entries    []Entry // the candidate places, best first (as Lookup orders them)
}

// Words that make the word before or after a mention an organisation or a
// medium, not a place: "al-Mayadeen TV", "Liwa al-Quds", "Ahrar al-Sham".
var (
	mediaAfter = set("tv", "channel", "television", "news", "newspaper", "network", "radio",
		"agency", "satellite", "media", "daily", "website", "times", "post", "online")
	orgBefore = set("liwa", "liwaa", "jaish", "jaysh", "jeish", "ahrar", "tahrir", "fatah", "fateh",
		"jabhat", "jabha", "harakat", "harakat", "faylaq", "failaq", "ansar", "katibat", "kataib",
		"kataeb", "alwiya", "saraya", "jund", "hayat", "hayyat", "haiat", "tajamu", "thuwar",
		"shuhada", "nour", "nur", "ahl", "bayt", "dar", "radio", "sheikh", "shaikh", "imam", "abu",
		"bin", "ibn", "umm")
	// English words that are never part of a name, even capitalised.
	notName = set("the", "a", "in", "on", "at", "of", "and", "or", "for", "to", "by", "with",
		"from", "is", "was", "were", "are", "be", "it", "its", "he", "she", "they", "we", "this",
		"that", "these", "those", "but", "not", "no", "after", "before", "as", "an", "if", "when",
		"while", "since", "during", "war", "day", "ii", "iii", "ne", "nw", "se", "sw", "mr", "mrs",
		"dr", "gen", "president", "minister", "says", "said", "i", "you", "his", "her", "their",
		"our", "my", "north", "south", "east", "west", "northern", "southern", "eastern",
		"western", "central", "upper", "lower", "new", "old", "greater")
	// Lower-case words that may continue a name: "Homs desert", "Yarmouk
	// camp", "Mezzeh military airport", "Raqqa city".
	featureWords = set("desert", "camp", "dam", "airport", "airbase", "base", "valley", "mountain",
		"mountains", "countryside", "region", "crossing", "plain", "field", "oilfield", "prison",
		"city", "military", "air", "refugee", "gas", "oil", "border", "canton", "basin", "river",
		"naval", "facility", "garrison", "airfield", "province", "governorate")
	// Words that start two-word names ("Deir Ezzor", "Jisr al-Shughour", "Tal
	// Abyad"): the word after one may continue the name even in lower case.
	nameHeads = set("deir", "dayr", "tal", "tell", "tel", "jisr", "khan", "ras", "ain", "ayn",
		"kafr", "kfar", "maarat", "bab", "jabal", "jebel", "wadi", "beit", "bait", "bir", "qasr",
		"tall", "marj", "hayy", "hay", "sheikh", "umm")
	// Cue words that make a single-word village a place: "in X", "near X",
	// "village of X".
	cueBefore = set("in", "near", "at", "outside", "around", "into", "toward", "towards", "from",
		"village", "town", "city", "hamlet", "villages", "towns")
	ofNouns = set("village", "villages", "town", "towns", "city", "area", "areas", "outskirts",
		"countryside", "suburb", "suburbs", "district", "districts", "neighbourhood",
		"neighborhood", "neighbourhoods", "neighborhoods", "region", "province", "hamlet",
		"farms", "vicinity", "east", "west", "north", "south", "northeast", "northwest",
		"southeast", "southwest", "outskirt", "entrance", "residents", "people", "edge",
		"center", "centre", "heart", "parts", "part", "south-east", "north-east")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Find returns the place mentions in text, left to right, without overlaps;
// at each position the longest name wins. The rules, chosen for precision:
//
//   - A mention is a run of up to the longest name's word count of words,
//     separated only by spaces or single hyphens, each starting with an
//     upper-case letter, except article words (al-, ez-, ...) inside it. A
//     mention may start with an article only if a hyphen follows it
//     (al-Bab) or it is Al or El followed by a space. All-lower-case
//     mentions ("homs") are not places.
//   - Names in the stop list (data/stopnames.txt: common words, first names,
//     organisation words) are not places; a stop name written without an
//     article ("Bab") still matches with one ("al-Bab").
//   - An all-capitals word of three letters or fewer (UN, SDF) is never a
//     place; one of four letters only for a governorate, city or foreign
//     place. Longer all-capital words are (datelines: "ERBIL").
//   - A mention followed by TV, channel, news, agency, media ... is a
//     medium, and one preceded by Liwa, Jaish, Ahrar, Tahrir, Jabhat, Abu,
//     Sheikh ... is part of an organisation or a person's name.
//   - A village (kind village or other) without a population matches only
//     after a cue ("in", "near", "at", "from", "outside", "village of",
//     "countryside of", "and" after another place), or if its name has two
//     or more words and no capitalised word touches it.
//   - A one-word mention that is only a near spelling (same Key, not the
//     same strict key) of a town or smaller place matches only if the place
//     has 10,000 people or more and, when a capitalised word touches the
//     mention, only after a cue: "Maria Cristina" and "South Korea" are a
//     person and a country, not Marea and al-Quriyah; "in Maria" still
//     reads as the town.
//   - A word ending in s that is no name is tried without the s, for
//     places other than villages ("Idlibs countryside" in text whose
//     apostrophes were stripped).
//
// Datelines ("ERBIL Kurdistan Region") are returned like other mentions.
func (g *Gazetteer) Find(text string) []Match {
	fb := findPool.Get().(*findBuf)
	toks := tokenize(text, fb.toks[:0])
	ar := &fb.ar
	ar.b = ar.b[:0]
	defer func() {
		if cap(toks) <= 1<<16 && cap(ar.b) <= 1<<20 {
			fb.toks = toks
			findPool.Put(fb)
		}
	}()
	var out []Match
	lastEnd := -10 // index of the last token of the previous match
	for i := 0; i < len(toks); {
		t := &toks[i]
		if !t.upper && !(t.letters <= 3 && t.letters > 0) {
			i++
			continue
		}
		t.fold(text, ar)
		if !g.canStart(text, toks, i) {
			i++
			continue
		}
		m, j, ok := g.matchAt(text, toks, fb, i, g.nameRun(text, toks, ar, i), lastEnd)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		lastEnd = j
		i = j + 1
	}
	return out
}

// nameRun returns how many tokens from toks[i] on may form a name: words
// separated by a space or a single hyphen, upper case but for articles
// inside the name, feature words ("Homs desert") and the word after a name
// head ("Deir ezzor"), at most g.maxWords words that are not articles.
func (g *Gazetteer) nameRun(text string, toks []token, ar *arena, i int) int {
	t := &toks[i]
	run := 1
	words := 0
	if !t.article {
		words = 1
	}
	for k := i + 1; k < len(toks) && words < g.maxWords; k++ {
		u := &toks[k]
		if u.sep != ' ' && u.sep != '-' {
			break
		}
		u.fold(text, ar)
		if u.article {
			if !(k+1 < len(toks) && (toks[k+1].sep == '-' || u.low == "al" || u.low == "el")) {
				break
			}
		} else if !u.upper && k == i+1 && nameHeads[t.low] && !notName[u.low] && u.letters >= 3 {
			// "Deir ezzor" written without its capital: a name head takes one more word
			words++
		} else if !u.upper && featureWords[u.low] {
			// counts as a word of the name; a name never starts with one
			words++
		} else if !u.upper || u.letters < 2 || notName[u.low] {
			break
		} else {
			words++
		}
		run++
	}
	return run
}

// matchAt returns the mention that starts at toks[i], the longest of the
// first run tokens that is a name accept keeps (each tried as written, then
// without a plural s), and the index of its last token; ok is false when
// none is.
func (g *Gazetteer) matchAt(text string, toks []token, fb *findBuf, i, run, lastEnd int) (m Match, last int, ok bool) {
	var kb [128]byte
	for n := run; n >= 1; n-- {
		j := i + n - 1
		if toks[j].article {
			continue
		}
		for strip := 0; strip <= 1; strip++ {
			stripped := strip == 1
			if stripped && !g.canStripS(text, &toks[j]) {
				continue
			}
			key := nameKey(kb[:0], toks, fb, i, j, stripped)
			if !g.mayHave(key) {
				continue
			}
			ids := g.index[string(key)]
			if len(ids) == 0 {
				continue
			}
			es := g.accept(text, toks, fb, i, j, key, ids, stripped, lastEnd)
			if len(es) == 0 {
				continue
			}
			end := toks[j].end
			if stripped {
				end--
			}
			return Match{Start: toks[i].start, End: end, Text: text[toks[i].start:end], Entries: es}, j, true
		}
	}
	return Match{}, 0, false
}

// nameKey appends to key the key of the name toks[i..j], its articles left
// out; stripped drops the last word's plural s.
func nameKey(key []byte, toks []token, fb *findBuf, i, j int, stripped bool) []byte {
	first := true
	for k := i; k <= j; k++ {
		u := &toks[k]
		if u.article {
			continue
		}
		if k == j && stripped {
			var sb [64]byte
			key = translit.AppendJoin(key, translit.AppendWordKey(sb[:0], u.low[:len(u.low)-1], first, true))
			first = false
			continue
		}
		u.key(fb)
		w := u.kRest
		if first {
			w = u.kFirst
		}
		key = translit.AppendJoinString(key, w)
		first = false
	}
	return key
}

// canStart reports whether a mention may start at token i.
func (g *Gazetteer) canStart(text string, toks []token, i int) bool {
	t := &toks[i]
	if !t.article {
		return t.upper && t.letters >= 2 && !notName[t.low]
	}
	if i+1 >= len(toks) {
		return false
	}
	n := &toks[i+1]
	if n.sep == '-' {
		return n.upper
	}
	return n.sep == ' ' && n.upper && t.upper && (t.low == "al" || t.low == "el")
}

func (g *Gazetteer) canStripS(text string, t *token) bool {
	return len(t.low) > 4 && t.low[len(t.low)-1] == 's' && t.low[len(t.low)-2] != 's' && !t.caps
}

// accept filters the candidates ids of the mention toks[i..j].
func (g *Gazetteer) accept(text string, toks []token, fb *findBuf, i, j int, key []byte, ids []int32, stripped bool, lastEnd int) []Entry {
	m, ok := g.readMention(text, toks, fb, i, j, key, stripped, lastEnd)
	if !ok {
		return nil
	}
	// Count first, so that the result is allocated once at its size.
	n := 0
	for _, id := range ids {
		if g.keep(&m, id) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Entry, 0, n)
	for _, id := range ids {
		if g.keep(&m, id) {
			out = append(out, g.entries[id])
		}
	}
	return out
}

// mention is what accept reads of a mention and the words around it.
type mention struct {
	words     int     // words that are not articles
	capsShort bool    // one all-capitals word of four letters
	stripped  bool    // its last word tried without a plural s
	cue       bool    // the word before is a cue (isCue)
	allStop   bool    // every word a stop name: a person (Hassan Ali, Abu Bakr)
	adjacent  bool    // a capitalised word touches it
	strictIDs []int32 // for one word: the places of its strict key
}

// readMention reads the mention toks[i..j], of the given key, and the words
// around it; ok is false when it is no place whatever the candidates: a
// stop name, an all-capitals word of three letters or fewer, a medium
// ("al-Mayadeen TV") or part of an organisation's name ("Liwa al-Quds").
func (g *Gazetteer) readMention(text string, toks []token, fb *findBuf, i, j int, key []byte, stripped bool, lastEnd int) (m mention, ok bool) {
	hasArticle := toks[i].article
	if g.stopAny[string(key)] || (!hasArticle && g.stopBare[string(key)]) {
		return m, false
	}
	m.stripped = stripped
	for k := i; k <= j; k++ {
		if !toks[k].article {
			m.words++
		}
	}
	if m.words == 1 && toks[j].caps {
		switch {
		case toks[j].letters <= 3:
			return m, false
		case toks[j].letters == 4:
			m.capsShort = true
		}
	}
	if j+1 < len(toks) && toks[j+1].sep == ' ' {
		n := &toks[j+1]
		n.fold(text, &fb.ar)
		if mediaAfter[n.low] {
			return m, false
		}
	}
	prev := -1
	if k := i - 1; k >= 0 && toks[i].sep == ' ' {
		toks[k].fold(text, &fb.ar)
		prev = k
		if orgBefore[toks[k].low] {
			return m, false
		}
	}
	m.cue = prev >= 0 && g.isCue(text, toks, fb, prev, lastEnd)
	m.allStop = true
	for k := i; k <= j && m.allStop; k++ {
		if !toks[k].article {
			toks[k].key(fb)
			m.allStop = g.stopBare[toks[k].kFirst]
		}
	}
	m.adjacent = (prev >= 0 && toks[prev].upper && !toks[prev].article) ||
		(j+1 < len(toks) && toks[j+1].sep == ' ' && toks[j+1].upper)
	if m.words == 1 {
		low := toks[j].low
		if stripped {
			low = low[:len(low)-1]
		}
		var sb [64]byte
		m.strictIDs = g.strict[string(translit.AppendWordKey(sb[:0], low, true, false))]
	}
	return m, true
}

// keep reports whether the candidate place id fits the mention m: Find's
// rules on short capitals, near spellings and villages.
func (g *Gazetteer) keep(m *mention, id int32) bool {
	e := &g.entries[id]
	r := int(g.ranks[id])
	if m.capsShort && r > 1 && e.Syrian() {
		return false
	}
	if m.words == 1 && r > 2 && e.Syrian() && !has(m.strictIDs, id) && (e.Population < 10000 || (m.adjacent && !m.cue)) {
		return false
	}
	village := r >= 7 && e.Population == 0
	if m.stripped && village {
		return false
	}
	if village && !m.cue && (m.words < 2 || m.adjacent || m.allStop) {
		return false
	}
	return true
}

func has(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// isCue reports whether toks[k], the word before a mention, is a cue that
// the mention is a place.
func (g *Gazetteer) isCue(text string, toks []token, fb *findBuf, k, lastEnd int) bool {
	w := toks[k].low
	if cueBefore[w] {
		return true
	}
	if k == 0 || toks[k].sep != ' ' {
		return false
	}
	switch w {
	case "of":
		toks[k-1].fold(text, &fb.ar)
		return ofNouns[toks[k-1].low]
	case "and", "or":
		if k-1 == lastEnd {
			return true
		}
		// "the villages of al-Qajar and al-Zara": the cue before an
		// unknown first name covers the names coordinated with it
		j := k - 1
		for j > 0 && k-j <= 4 {
			toks[j].fold(text, &fb.ar)
			if !toks[j].upper && !toks[j].article {
				break
			}
			j--
		}
		toks[j].fold(text, &fb.ar)
		if j < k-1 && toks[j].low == "of" && j > 0 {
			toks[j-1].fold(text, &fb.ar)
			return ofNouns[toks[j-1].low]
		}
	}
	return false
}

// Resolve picks the place a mention means. contextAdmin1 are governorates
// named nearby (any spelling Key folds together). The first candidate whose
// Admin1 is in the context wins, unless the best candidate is a governorate
// or city and the context one ranks lower (a village called Homs does not
// beat the city of Homs); otherwise the best-ranked candidate. A match with
// no candidates gives the zero Entry.
func (g *Gazetteer) Resolve(m Match, contextAdmin1 []string) Entry {
	if len(m.Entries) == 0 {
		return Entry{}
	}
	best := m.Entries[0]
	if len(contextAdmin1) == 0 {
		return best
	}
	// the context as the governorate entries spell it; a few names, so a
	// slice on the stack rather than a set
	var buf [8]string
	ctx := buf[:0]
	for _, a := range contextAdmin1 {
		if i := g.governorateOf(a); i >= 0 {
			a = g.entries[i].Admin1
		}
		ctx = append(ctx, a)
	}
	if slices.Contains(ctx, best.Admin1) {
		return best
	}
	for _, e := range m.Entries[1:] {
		if slices.Contains(ctx, e.Admin1) && (rank(best) > 1 || rank(e) <= rank(best)) {
			return e
		}
	}
	return best
}

// Stray reports whether m can only be a village of unknown size outside
// every governorate in local, the governorates its sentence names outright
// (ContextAdmin1): a near spelling of a far village rather than the place
// meant ("Qar al-Ghazal ... in the countryside of Idleb province" is not Kir
// Ghizal, a village near Kobani). With no local governorates nothing strays.
func (g *Gazetteer) Stray(m Match, local []string) bool {
	if len(local) == 0 || len(m.Entries) == 0 {
		return false
	}
	for _, e := range m.Entries {
		if !e.Syrian() || rank(e) < kindRank["village"] || e.Population > 0 || slices.Contains(local, e.Admin1) {
			return false
		}
	}
	return true
}

// ContextAdmin1 returns the governorates that matches name outright: the
// Admin1 of each match whose best candidate is a Syrian governorate or city,
// in order of first mention, without repeats. It is the usual context for
// Resolve.
func ContextAdmin1(ms []Match) []string {
	var out []string // a few names: a slice, not a set
	for _, m := range ms {
		if len(m.Entries) == 0 {
			continue
		}
		e := m.Entries[0]
		if !e.Syrian() || rank(e) > 1 || e.Admin1 == "" || slices.Contains(out, e.Admin1) {
			continue
		}
		out = append(out, e.Admin1)
	}
	return out
}
