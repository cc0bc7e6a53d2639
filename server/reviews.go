package server

import (
	"net/http"
)

// Review is a fact-checker's review of an event or of one of its claims,
// as GET /api/events/{id}/reviews gives it ('claimgraph review' records
// them). The linker never writes one: a verdict on the page is a person's.
type Review struct {
	Item        string `json:"item"`  // the IRI of the claim or event reviewed
	Claim       string `json:"claim"` // the claim's short id "ARTICLE:N"; "" for the event itself
	Rating      string `json:"rating"`
	Explanation string `json:"explanation"`
	URL         string `json:"url"`
	Author      string `json:"author"`
	Date        string `json:"date"`
}

// ReviewList is the answer of GET /api/events/{id}/reviews.
type ReviewList struct {
	Reviews []Review `json:"reviews"`
}

// handleEventReviews serves GET /api/events/{id}/reviews: the reviews of the
// linked event and of its claims, read from the store at each request.
func (s *Server) handleEventReviews(w http.ResponseWriter, r *http.Request) {
	x, err := s.snap.get(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	d := x.event(w, r)
	if d == nil {
		return
	}
	claims := map[string]string{d.IRI: ""}
	for _, c := range d.ClaimList {
		claims[c.IRI] = c.ID
	}
	all, err := s.store.Reviews(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	ans := ReviewList{Reviews: []Review{}}
	for _, rv := range all {
		short, ok := claims[rv.Target]
		if !ok {
			continue
		}
		ans.Reviews = append(ans.Reviews, Review{Item: rv.Target, Claim: short, Rating: rv.Rating,
			Explanation: rv.Explanation, URL: rv.URL, Author: rv.Author, Date: rv.Date})
	}
	writeJSON(w, http.StatusOK, ans)
}
