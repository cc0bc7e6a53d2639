package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/claimgraph/claimgraph/loaders/dates"
)

// Input is one article as read from a file or stream, before extraction.
type Input struct {
	ID        string // the file's base name or the JSON id
	URL       string
	Title     string // the headline if the input gives one; found in Text otherwise
	Text      string // the article text, as read
	Outlet    string // the outlet if the input names one (JSON "outlet", "source_domain")
	Published string // ISO date if the input gives one
	Origin    string // where it was read from, relative to the path given: "a.txt", "sub/a.txt" or "file.jsonl:12"
	Hash      string // hash of the raw input record
}

// Hash returns the hex SHA-256 of data.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// NormalizeDate parses a publication date in any form the loaders accept
// ("2019-04-20", "2019-04-20T10:00:00Z", "Wed 05 Apr 2017" ...) and returns
// it as an ISO date.
func NormalizeDate(s string) (string, bool) {
	t, ok := dates.ParsePublished(s)
	if !ok {
		return "", false
	}
	return t.Format(isoDate), true
}

const isoDate = "2006-01-02"

func parseISO(s string) (time.Time, bool) {
	t, err := time.Parse(isoDate, s)
	return t, err == nil
}
