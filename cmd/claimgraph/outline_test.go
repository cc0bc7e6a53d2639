package main

import (
	"reflect"
	"testing"

	"github.com/claimgraph/claimgraph/loaders/gazetteer"
)

func TestConvexHull(t *testing.T) {
	// a square with points inside and on its edges
	ps := [][2]float64{{0, 0}, {2, 0}, {1, 0}, {2, 2}, {0, 2}, {1, 1}, {0.5, 1.5}, {0, 1}, {2, 2}}
	want := [][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	if got := convexHull(ps); !reflect.DeepEqual(got, want) {
		t.Errorf("convexHull = %v, want %v", got, want)
	}
	if got := convexHull([][2]float64{{1, 1}, {1, 1}}); len(got) != 1 {
		t.Errorf("one point twice: %v", got)
	}
}

// inside reports whether p lies in the convex polygon h (counter-clockwise)
// or on its edge.
func inside(h [][2]float64, p [2]float64) bool {
	for i := range h {
		a, b := h[i], h[(i+1)%len(h)]
		if (b[0]-a[0])*(p[1]-a[1])-(b[1]-a[1])*(p[0]-a[0]) < -1e-9 {
			return false
		}
	}
	return true
}

// TestGovernorateOutlines: every governorate gets an outline that holds its
// own seat and not a faraway city (the hull of the gazetteer's places, the
// page's map).
func TestGovernorateOutlines(t *testing.T) {
	g := gazetteer.Default()
	areas := governorateOutlines(g)
	if len(areas) != len(gazetteer.Governorates) {
		t.Fatalf("%d outlines, want %d", len(areas), len(gazetteer.Governorates))
	}
	at := func(name string) [2]float64 {
		e, ok := g.Governorate(name)
		if !ok || !e.HasCoords {
			t.Fatalf("no governorate %q with coordinates", name)
		}
		return [2]float64{e.Lon, e.Lat}
	}
	for _, a := range areas {
		if len(a.Outline) < 3 {
			t.Errorf("%s: outline of %d points", a.Name, len(a.Outline))
		}
		if !inside(a.Outline, at(a.Name)) {
			t.Errorf("%s: its own coordinates %v are outside its outline", a.Name, at(a.Name))
		}
	}
	for _, tt := range [][2]string{{"Homs", "Aleppo"}, {"Hasakah", "Daraa"}, {"Latakia", "Deir ez-Zor"}} {
		for _, a := range areas {
			if a.Name == tt[0] && inside(a.Outline, at(tt[1])) {
				t.Errorf("%s's outline holds %s", tt[0], tt[1])
			}
		}
	}
}
