package rows

// Contradiction is a pair of claims that cannot both be right; the JSON
// form is the contract of 'claimgraph query contradictions --format jsonl'.
type Contradiction struct {
	A      string `json:"a"`      // claim IRI, the smaller of the two
	B      string `json:"b"`      // claim IRI
	Event  string `json:"event"`  // linked event IRI
	Metric string `json:"metric"` // killed, wounded ...
	Kind   string `json:"kind"`   // figure, revision, scope or date (schema.Contradiction*); update for queries.Updates
	Why    string `json:"why"`
	// Articles are the ids of A's and B's articles, Evidence their
	// sentences, in that order.
	Articles []string `json:"articles"`
	Evidence []string `json:"evidence"`
}

// Corroboration is a group of claims whose figures agree about one linked
// event and metric; the JSON form is the contract of 'claimgraph query
// corroborations --format jsonl'.
type Corroboration struct {
	Claims             []string `json:"claims"` // claim IRIs, sorted
	Event              string   `json:"event"`
	Metric             string   `json:"metric"`
	IndependentOrigins int      `json:"independent_origins"`
	Origins            []string `json:"origins"` // origin source ids, sorted
	Why                string   `json:"why"`
	// Articles are the ids of the claims' articles, Evidence the claims'
	// sentences, in the order of Claims.
	Articles []string `json:"articles"`
	Evidence []string `json:"evidence"`
}

// Circular is one origin's claims about one linked event carried by several
// articles or outlets.
type Circular struct {
	Claims  []string `json:"claims"`
	Event   string   `json:"event"`
	Origin  string   `json:"origin"`  // source id
	Outlets []string `json:"outlets"` // outlet source ids (articles without a named outlet are not listed)
	// IndependentOrigins counts the origins of all the event's claims: 1
	// means everything known about the event comes from this one origin.
	IndependentOrigins int    `json:"independent_origins"`
	Why                string `json:"why"`
}

// Event is a linked event: one incident or aggregate across articles; the
// JSON form is the contract of 'claimgraph events --format jsonl'.
type Event struct {
	Event              string   `json:"event"` // linked event IRI
	Name               string   `json:"name"`
	Kind               string   `json:"kind"`
	Place              string   `json:"place"` // place id
	Start              string   `json:"start"`
	End                string   `json:"end"`
	Aggregate          bool     `json:"aggregate"`
	IndependentOrigins int      `json:"independent_origins"`
	Claims             []string `json:"claims"` // member claim IRIs, sorted
	// Joined says why each article's report joined the event: "B joined A
	// (evidence 8.5): same day (2017-04-04) (+2.5); same place ..." (sorted).
	Joined   []string `json:"joined"`
	Includes []string `json:"includes"` // per-article event IRIs, sorted
}

// Hop is one step of a claim's trace, from the article to the organisation;
// 'claimgraph query trace --format jsonl' prints one per line.
type Hop struct {
	Order    int    `json:"order"`    // 1 = the article
	Role     string `json:"role"`     // article, outlet, via, claimant, organisation
	Node     string `json:"node"`     // IRI
	ID       string `json:"id"`       // article or source id
	Name     string `json:"name"`     // headline or source name
	Evidence string `json:"evidence"` // the sentence the hop was read from
}
