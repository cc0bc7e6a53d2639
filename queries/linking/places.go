package linking

import (
	"math"

	"github.com/claimgraph/claimgraph/schema"
)

func isGovernorate(p *schema.Place) bool {
	return p != nil && p.Kind == "governorate"
}

// placeScore: 4 for the same place, 3 for one within the other, 2 for two
// places (not governorates) near each other or aggregates in one governorate,
// 1 for a country and any place, a governorate and a place near its
// capital across the border, or two neighbouring governorates named for
// short, stated windows
// (the windows themselves are checked by score), 0 otherwise.
func (l *linker) placeScore(a, b *unit) int {
	p, q := a.place, b.place
	if p == nil || q == nil {
		if p == nil && q == nil {
			return 1
		}
		return 0
	}
	if p.ID == q.ID {
		return 4
	}
	if p.Within == q.ID || q.Within == p.ID {
		return 3
	}
	if p.Kind == "governorate" && q.Admin1 == p.Admin1 && p.Admin1 != "" || q.Kind == "governorate" && p.Admin1 == q.Admin1 && q.Admin1 != "" {
		return 3 // a place within a place within the governorate
	}
	if p.Kind == "country" || q.Kind == "country" {
		return 1 // "in Syria": anywhere, which is no evidence
	}
	if a.agg && b.agg {
		if p.Admin1 != "" && p.Admin1 == q.Admin1 {
			return 2
		}
		return 0
	}
	if !p.HasCoords || !q.HasCoords {
		return 0
	}
	d := distanceKm(p.Lat, p.Lon, q.Lat, q.Lon)
	if !isGovernorate(p) && !isGovernorate(q) {
		if d <= l.opt.NearKm {
			return 2
		}
		return 0
	}
	// A governorate named for its capital ("Damascus") and a place on the
	// capital's outskirts in the next governorate ("Eastern Ghouta").
	if nearCapital(p, q) {
		return 1
	}
	// Two governorates named for events on the same, stated day: a border
	// area ("outskirts of Aleppo" / "outside Idlib") can be named either way.
	if isGovernorate(p) && isGovernorate(q) && a.dated && b.dated && a.hi-a.lo <= 2 && b.hi-b.lo <= 2 && d <= 2*l.opt.NearKm {
		return 1
	}
	return 0
}

// nearCapital reports whether one of two places is a governorate and the
// other a place (in another governorate) within capitalKm of its point.
func nearCapital(p, q *schema.Place) bool {
	return isGovernorate(p) != isGovernorate(q) && p.HasCoords && q.HasCoords &&
		distanceKm(p.Lat, p.Lon, q.Lat, q.Lon) <= capitalKm
}

// capitalKm is how far from a governorate's point (its capital) a place in
// another governorate may lie and still be what a report names by the
// governorate ("Damascus" for the Eastern Ghouta).
const capitalKm = 25

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
