package linking

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/schema"
)

// victimSide tells, from the words naming who a figure counts, whether the
// dead are fighters of an armed group ("ISIS fighters", "Daesh terrorists")
// or civilians ("two children") rather than government forces or people at
// large, and whether they are a rank
// ("four senior officers", "a colonel") or the claimant's own members ("10
// of its fighters"): a sub-population of a toll, which only agrees or
// disagrees with counts of the same kind. "" when it cannot tell.
func victimSide(who string) string {
	side := ""
	words := strings.FieldsFunc(strings.ToLower(who), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		if linkWords.armed[w] {
			side = sideArmed
			break
		}
		if linkWords.civilian[w] || linkWords.part[w] {
			side = sideCivilian
			break
		}
	}
	for _, w := range words {
		if linkWords.rank[w] {
			return side + subRank
		}
	}
	for _, w := range words {
		if linkWords.own[w] {
			return side + subOwn
		}
		if linkWords.part[w] {
			return side + subPart
		}
	}
	return side
}

// The sides and sub-populations victimSide tells apart, and the values
// it gives are one of each (sides), "" for none.
const (
	sideArmed, sideCivilian  = "armed-group", "civilian"
	subRank, subOwn, subPart = "+rank", "+own", "+part"
)

// victims is a victimSide value as a claim holds it (lclaim.side): a
// byte, not a string (933,000 claims at 100,000 articles); 0 is "", the
// side not told.
type victims uint8

// sides are the values victimSide gives, by their victims: a side and a
// sub-population, each possibly none.
var sides = func() []string {
	var out []string
	for _, s := range []string{"", sideArmed, sideCivilian} {
		for _, sub := range []string{"", subRank, subOwn, subPart} {
			out = append(out, s+sub)
		}
	}
	return out
}()

// sideOf is victimSide(who) as victims.
func sideOf(who string) victims {
	i := slices.Index(sides, victimSide(who))
	if i < 0 {
		panic("linking: victimSide gave a value not in sides")
	}
	return victims(i)
}

func (v victims) String() string { return sides[v] }

//go:embed data/linking.tsv
var linkingTSV string

// linkWords is data/linking.tsv: the words that tell victims' sides, ranks
// and families of event kinds.
var linkWords = func() (w struct {
	armed, civilian, part, rank, own, distinctive map[string]bool
	family                                        map[string][]string
	population                                    map[string]string
	collective                                    map[string]bool
}) {
	w.armed, w.civilian, w.part, w.rank, w.own = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	w.distinctive = map[string]bool{}
	w.population = map[string]string{}
	w.collective = map[string]bool{}
	w.family = map[string][]string{}
	for n, line := range strings.Split(linkingTSV, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("linking: data/linking.tsv:%d: want 3 tab-separated fields", n+1))
		}
		for _, word := range strings.Split(f[2], "|") {
			switch f[0] {
			case "armed-group":
				w.armed[word] = true
			case "civilian":
				w.civilian[word] = true
			case "part":
				w.part[word] = true
			case "rank":
				w.rank[word] = true
			case "own":
				w.own[word] = true
			case "family":
				w.family[word] = append(w.family[word], f[1])
			case "distinctive":
				w.distinctive[word] = true
			case "population":
				w.population[word] = f[1]
			case "collective":
				w.collective[word] = true
			}
		}
	}
	return w
}()

func kindsCompatible(a, b string) bool {
	if a == schema.KindEarlier || b == schema.KindEarlier || a == schema.KindWar || b == schema.KindWar {
		return a == b && a == schema.KindWar
	}
	if a == b {
		return true
	}
	if a == "aggregate" || b == "aggregate" {
		return false
	}
	if a == "" || b == "" || a == "attack" || b == "attack" {
		return true
	}
	for _, fa := range linkWords.family[a] {
		for _, fb := range linkWords.family[b] {
			if fa == fb {
				return true
			}
		}
	}
	return false
}
