package server

import (
	"net/http"
)

// Area is a region the page's map draws: a governorate's outline.
type Area struct {
	Name string `json:"name"`
	// Outline is a closed polygon of [longitude, latitude] points, the first
	// not repeated at the end.
	Outline [][2]float64 `json:"outline"`
}

// MapAnswer is the answer of GET /api/map: the outlines the page's map
// draws under the events, and where they come from.
type MapAnswer struct {
	Areas []Area `json:"areas"`
	// Note says how the outlines were made and credits their data.
	Note string `json:"note"`
}

// handleMap serves GET /api/map: Options.Areas and Options.AreasNote.
func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	ans := MapAnswer{Areas: s.opt.Areas, Note: s.opt.AreasNote}
	if ans.Areas == nil {
		ans.Areas = []Area{}
	}
	writeJSON(w, http.StatusOK, ans)
}
