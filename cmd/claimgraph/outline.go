package main

import (
	"cmp"
	"slices"

	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/server"
)

// outlineNote says, on the page's map, what governorateOutlines draws.
const outlineNote = "Governorates drawn as the convex hull of each one's places in the gazetteer, not their borders. " +
	"Place data: Who's On First, GeoNames (CC BY 4.0), OpenSyria data-geography (CC BY 4.0)."

// syriaBox bounds the coordinates governorateOutlines takes: a place of a
// Syrian governorate outside it has wrong coordinates.
var syriaBox = struct{ minLat, maxLat, minLon, maxLon float64 }{32.2, 37.5, 35.5, 42.5}

// governorateOutlines returns, for each of Syria's governorates, the convex
// hull of its places' coordinates in g: an honest stand-in for the borders,
// which the project has no licensed copy of. A governorate with fewer than
// three places is left out.
func governorateOutlines(g *gazetteer.Gazetteer) []server.Area {
	points := map[string][][2]float64{}
	for e := range g.All() {
		if !e.Syrian() || !e.HasCoords || e.Admin1 == "" ||
			e.Lat < syriaBox.minLat || e.Lat > syriaBox.maxLat || e.Lon < syriaBox.minLon || e.Lon > syriaBox.maxLon {
			continue
		}
		points[e.Admin1] = append(points[e.Admin1], [2]float64{e.Lon, e.Lat})
	}
	var out []server.Area
	for _, name := range gazetteer.Governorates {
		if h := convexHull(points[name]); len(h) >= 3 {
			out = append(out, server.Area{Name: name, Outline: h})
		}
	}
	return out
}

// convexHull returns the convex hull of ps, counter-clockwise from the
// lowest-leftmost point, without collinear points (Andrew's monotone chain).
func convexHull(ps [][2]float64) [][2]float64 {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b [2]float64) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	ps = slices.Compact(ps)
	if len(ps) < 3 {
		return ps
	}
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	var h [][2]float64
	for _, p := range ps { // lower hull
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(ps) - 2; i >= 0; i-- { // upper hull
		p := ps[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1] // the last point is the first
}
