// Package figure finds number expressions in English news sentences and
// reads them as intervals, so that "nearly two dozen" and "at least 27" can
// be compared.
//
// Find returns every number expression of a sentence in text order: digits
// ("27", "1,500", "1500", "1.5 million", "1e3"), number words ("eleven",
// "twenty-seven", "twenty seven", "one hundred and fifty", "a dozen",
// "two dozen", "half a dozen"), vague quantities ("dozens", "scores",
// "several", "a number of", "others") and their qualifiers ("at least",
// "more than", "nearly", "up to", "some").
//
// # Intervals
//
// The conventions are those of seeds.gold.json ("meta"), for a stated N:
//
//	at least N, no less than N         [N, open]
//	more than N, over N                [N+1, open]
//	nearly N, almost N                 [round(0.8N), N-1]
//	up to N, as many as N              [open, N]
//	less than N, fewer than N          [open, N-1]
//	some N, about N, around N          [N, N], Approx
//	between N and M                    [N, M]
//	N                                  [N, N]
//	a dozen = 12, two dozen = 24, half a dozen = 6
//	dozens [24, open], scores [40, open], hundreds [200, open],
//	thousands [2000, open], tens of thousands [20000, open], millions [2000000, open]
//	several, a number of, others, many [open, open], Vague
//
// The rules apply whatever the unit, so "almost five years" is [4, 4] years.
//
// # Units
//
// Unit is "" when the number may count people. Otherwise it says what the
// number is, and the number must not be read as a casualty count:
//
//	date      April 20, 20 April 2019, Jun 142016 (a comma-stripped "Jun 14, 2016"), 20.04.2019
//	time      16:37, 4 pm, 0147 PM, 2037 UTC
//	year      in 2011, the 2015 offensive, 1990s
//	km2 km mi m   4,000 square kilometers, 15 km
//	percent   50 percent, 50%
//	fraction  two thirds, a third, half
//	times     twice, three times
//	years months weeks days hours minutes seconds   durations: five years, 48 hours
//	age       aged 12, 12-year-old, 12 years old
//	money     $5 million, 300 euros
//	ordinal   18th Division, the first attack, twenty-first
//	id        Resolution 2254, flight 17, S-300
//	object    counted things that are not people: two units, 30 rockets, 12 villages
//	tons kg litres
//	overflow  a number above MaxValue (2^53-1): "9223372036854775807",
//	          "between 5 and 99999999999999999999", "20 quintillion", "1e400"
//	negative  "-5", "−5": a count is never negative
//
// overflow and negative mentions have no Value, Min or Max: a number that
// cannot be represented is never wrapped, rounded or cut into a figure. An
// interval always has Min <= Max (TestIntervalsOrdered, FuzzFind).
//
// A four-digit number from 1900 to 2099 is a year when a cue word ("in",
// "since", "the", a month ...) precedes it or no lower-case word follows
// it, and a count when a qualifier precedes it ("more than 2000").
//
// # Data
//
// Every word list is an embedded data file under data/, documented in its
// header: numbers.tsv (number words), qualifiers.tsv (qualifiers and their
// interval rules), vague.tsv (quantities without a number), units.tsv
// (context that sets a unit) and yearcues.txt, and the month names of
// loaders/internal/months (months.tsv, shared with loaders/dates). Extending the
// vocabulary is editing a file, not code.
//
// figure imports the standard library, schema and loaders/internal (datafile,
// wordfilter).
package figure
