package schema

// Article is one article with everything extracted from it: the unit that
// is written to the graph atomically.
type Article struct {
	ID    string // the file's base name or the JSON id
	IRI   string // minted by ArticleIRI(ID)
	Title string
	URL   string
	// Text is the article's text as read (schema:articleBody); its claims'
	// Offset counts bytes in it. "" in stores loaded before it was kept.
	Text      string
	Outlet    *Source // nil when the article names none
	Published string  // ISO date or ""
	// PublishedInferred is true when Published was inferred from the text.
	PublishedInferred bool
	// PublishedWeekday is, for an article whose date neither is stated nor
	// can be inferred, the weekday its named weekdays point to ("Monday"),
	// the day its events' RelStart and RelEnd count from; "" otherwise.
	PublishedWeekday string
	Origin           string // where it was read from, relative to the path given: "file.txt", "sub/file.txt", "file.jsonl:12" (see schema.Origin)
	ContentHash      string // hash of the input that produced it
	Extractor        string // extractor version
	Claims           []Claim
	Cited            []Source // every source the article's claims name, sorted by ID
	Lead             int      // index into Claims of the lead claim, or -1
}

// Source is an organisation or person cited as saying something, or an outlet.
type Source struct {
	ID        string // canonical id from the alias data ("sohr"); minted into SourceIRI
	Name      string // canonical display name
	Kind      string // monitor, news-agency, propaganda-agency, militia, person, government ...
	Person    bool
	SpeaksFor string // canonical id of the organisation a person speaks for
	Mention   string // the spelling seen in the article
}

// Figure is a number as stated, with the interval it denotes.
type Figure struct {
	Text      string // as written: "at least 27", "nearly two dozen"
	Qualifier string // "at least", "nearly", "" ...
	Value     *int64 // the number as stated (27 for "at least 27"); nil if none
	Min       *int64 // lower bound; nil = open
	Max       *int64 // upper bound; nil = open
	Approx    bool   // "some 500", "about 40"
	Vague     bool   // "several", "a number of"
	Unit      string // "" for people; "km2", "years", "fraction" ... for non-casualty numbers
}

// Place is a place resolved through the gazetteer.
type Place struct {
	ID          string // gazetteer id slug, minted into PlaceIRI
	Name        string
	Kind        string // governorate, district, town, village, region, feature ...
	Admin1      string // governorate name
	Within      string // id of the place it lies within ("" for a governorate)
	WithinName  string
	Lat, Lon    float64
	HasCoords   bool
	GazetteerID string // the gazetteer row that resolved it
	Mention     string // spelling seen in the text
}

// Event is what a claim is about: an incident or an aggregate, at a place and time.
type Event struct {
	Kind  string // attack, ambush, seizure, aggregate, siege ...
	Place *Place
	Start string // ISO date or ""
	End   string // ISO date or ""
	// RelStart and RelEnd date an event of an article without a publication
	// date: days counted from the day it was published (0 that day, -4 for
	// "on Thursday" in an article of a Monday). Nil otherwise; linking
	// anchors them once other reports of the same incident date them.
	RelStart, RelEnd *int64
}

// Claim is one statement with a figure, as it appears in one article.
type Claim struct {
	Claimant    *Source  // nil when the outlet asserts it without attribution
	Via         []Source // intermediaries, nearest the article first
	Metric      string   // one of Metrics
	Figure      Figure
	Who         string // who the figure counts
	Perpetrator string // actor id
	Event       Event
	Evidence    string // the sentence
	Offset      int    // byte offset of Evidence in the article text
	Cue         string // attribution cue
	Attribution string // explicit, implicit, vague, none
	ClaimDate   string // when the claimant made the claim (ISO) or ""
	Aggregate   bool
	SubsetOf    int    // index of the including claim, or -1
	Section     string // headline or body
}

// KindEarlier is the kind of the event of a figure that counts an earlier
// incident its article does not identify ("after 35 were killed in an
// earlier attack"): linking joins it to no other report.
const KindEarlier = "earlier"

// KindWar is the kind of the event of a tally of the whole war ("the
// conflict has killed more than 300,000 people since 2011"): a running
// count told as background, not an incident; linking joins it to no other
// report, since two outlets' tolls of the war are two counts of their days,
// and every article that repeats one would otherwise meet every other.
const KindWar = "war"
