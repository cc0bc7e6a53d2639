package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

// Review is a fact-checker's own verdict on one claim or one event (see
// ClassClaimReview). Extraction and linking never write one.
type Review struct {
	IRI         string // minted by ReviewIRI(Target, Author)
	Target      string // the IRI of the claim or event reviewed
	Rating      string // the verdict in the fact-checker's words: "False", "Mostly true"
	Explanation string // why, in plain language
	URL         string // the page that publishes the fact check
	Author      string // the fact-checker's name
	Date        string // ISO date the fact check was published
	Recorded    string // RFC 3339 time it was recorded in the store
	Summary     string // claimReviewed: a short summary of what was checked; "" to derive one
}

// ErrReview means a review's quads or fields are incomplete.
var ErrReview = errors.New("bad review")

// ReviewIRI mints the IRI, and label, of the review of target by author:
// one review per fact-checker and item, so recording it again replaces it.
// Author names compare without regard to case and surrounding space.
func ReviewIRI(target, author string) string {
	h := sha256.Sum256([]byte("review\x00" + target + "\x00" + strings.ToLower(strings.TrimSpace(author))))
	return IDNS + "review/" + hex.EncodeToString(h[:8])
}

// ReviewerIRI mints the IRI of a fact-checker from their name.
func ReviewerIRI(name string) string {
	return IDNS + "reviewer/" + escape(strings.ToLower(strings.Join(strings.Fields(name), "-")))
}

// Check reports a review without its target, rating, URL or author, with
// an error wrapping ErrReview naming the first missing field.
func (r *Review) Check() error {
	for _, f := range []struct{ name, v string }{
		{"item reviewed", r.Target}, {"rating", r.Rating}, {"url", r.URL}, {"author", r.Author}, {"date", r.Date},
	} {
		if strings.TrimSpace(f.v) == "" {
			return fmt.Errorf("%w: no %s", ErrReview, f.name)
		}
	}
	return nil
}

// Quads returns the review's quads, all labelled r.IRI (minted if empty).
func (r *Review) Quads() []quad.Quad {
	if r.IRI == "" {
		r.IRI = ReviewIRI(r.Target, r.Author)
	}
	label := quad.IRI(r.IRI)
	rv, rating, who := quad.IRI(r.IRI), quad.IRI(r.IRI+"/rating"), quad.IRI(ReviewerIRI(r.Author))
	var qs []quad.Quad
	add := func(s quad.Value, p string, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: label})
	}
	str := func(s quad.Value, p, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	add(rv, Type, quad.IRI(ClassClaimReview))
	add(rv, ItemReviewed, quad.IRI(r.Target))
	add(rv, ReviewRating, rating)
	add(rv, Author, who)
	str(rv, URL, r.URL)
	str(rv, DatePublished, r.Date)
	str(rv, ClaimReviewed, r.Summary)
	str(rv, GeneratedAt, r.Recorded)
	add(rating, Type, quad.IRI(ClassRating))
	str(rating, AltName, r.Rating)
	str(rating, RatingExplanation, r.Explanation)
	add(who, Type, quad.IRI(ClassPerson))
	str(who, Name, r.Author)
	return qs
}

// DecodeReview reads a review back from the quads labelled iri. It returns
// an error wrapping ErrReview when they do not hold one.
func DecodeReview(iri string, qs []quad.Quad) (Review, error) {
	r := Review{IRI: iri}
	rating := iri + "/rating"
	var who string
	for _, q := range qs {
		s, p := quadIRI(q.Subject), quadIRI(q.Predicate)
		v := ""
		switch o := q.Object.(type) {
		case quad.String:
			v = string(o)
		case quad.IRI:
			v = string(o)
		default:
			v = quad.StringOf(o)
		}
		switch {
		case s == iri && p == ItemReviewed:
			r.Target = v
		case s == iri && p == URL:
			r.URL = v
		case s == iri && p == DatePublished:
			r.Date = v
		case s == iri && p == ClaimReviewed:
			r.Summary = v
		case s == iri && p == GeneratedAt:
			r.Recorded = v
		case s == iri && p == Author:
			who = v
		case s == rating && p == AltName:
			r.Rating = v
		case s == rating && p == RatingExplanation:
			r.Explanation = v
		}
	}
	for _, q := range qs {
		if quadIRI(q.Subject) == who && quadIRI(q.Predicate) == Name {
			if s, ok := q.Object.(quad.String); ok {
				r.Author = string(s)
			}
		}
	}
	if r.Target == "" {
		return r, fmt.Errorf("%w: %s reviews nothing", ErrReview, iri)
	}
	return r, nil
}

func quadIRI(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}
