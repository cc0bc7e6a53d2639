// Package dates reads the time of English news articles about the Syrian
// war: publication stamps and the time expressions of sentences.
//
// ParsePublished reads one stamp ("Published 20.04.2019 16:37", "Wed 05 Apr
// 2017", "Jun 142016" — a "Jun 14, 2016" whose comma the corpus stripped).
// FindStamp finds the stamp in an article's first lines. Find returns the
// time expressions of a sentence ("on Thursday night", "over the past 48
// hours", "From March 24 to April 20", "earlier last week") resolved against
// the publication date; their spans tell an extractor which words are dates
// and never figures. Latest gives the latest date an article names, a
// lower bound for the publication date of an article without a stamp.
//
// All times are UTC. Days are UTC midnights, and a range includes both ends.
//
// Word lists are embedded data under data/, each documented in its header:
// weekdays.tsv, relative.tsv (relative cues and their rules) and words.tsv
// (counts, time units, day parts, range words); the month names are
// loaders/internal/months (months.tsv, shared with loaders/figure).
//
// dates imports the standard library and loaders/internal (datafile,
// months).
package dates
