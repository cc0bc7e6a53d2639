package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// reviewOptions are the review command's flags.
type reviewOptions struct {
	Target      string // a claim or event, in any id form the tool prints
	Rating      string
	Explanation string
	URL         string
	Author      string
	Date        string // ISO date; "" for today
	Summary     string // claimReviewed; "" to derive one
	Delete      bool
	Now         func() time.Time
}

var reviewFlags = []cli.Flag{
	&cli.StringFlag{Name: "rating", Usage: "your verdict as your readers see it, a short phrase: False, Misleading, Mostly true, Unproven ..."},
	&cli.StringFlag{Name: "explanation", Usage: "why, in a sentence or two"},
	&cli.StringFlag{Name: "url", Usage: "the page that publishes your fact check (http or https)"},
	&cli.StringFlag{Name: "author", EnvVars: []string{"CLAIMGRAPH_REVIEWER"}, Usage: "your name, as the fact-checker"},
	&cli.StringFlag{Name: "date", Usage: "the date the fact check was published, YYYY-MM-DD (default today)"},
	&cli.StringFlag{Name: "claim-reviewed", Usage: "a short summary of what you checked, up to 75 characters (default: who said what, where)"},
	&cli.BoolFlag{Name: "delete", Usage: "delete the review of the item by --author instead (every review of it without --author)"},
}

func newReviewCommand() *cli.Command {
	return &cli.Command{
		Name:      "review",
		Usage:     "record a fact-checker's verdict on a claim or an event",
		ArgsUsage: "CLAIM-OR-EVENT --rating R --explanation E --url U --author A [--date YYYY-MM-DD]",
		Description: "CLAIM-OR-EVENT is any id the tool prints: ARTICLE#N or a claim IRI (full or cgid:article/…/claim/N),\n" +
			"an event IRI (cgid:levent/…, cgid:event/…, or the bare id). The review is stored with its own label,\n" +
			"one per item and author: recording it again replaces it, --delete removes exactly its quads.\n" +
			"'claimgraph reviews' lists them; 'export --format claimreview' publishes them as the reviewRating.",
		Flags: reviewFlags,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("review: name the claim or event to review (ids as 'claimgraph claims' or 'claimgraph events' list them)")
			}
			// flags may follow the item: claimgraph review 001.txt#3 --rating False ...
			if err := setTrailingFlags(c, c.Args().Tail()); err != nil {
				return fmt.Errorf("review: %w", err)
			}
			opts := reviewOptions{
				Target: c.Args().First(), Rating: c.String("rating"), Explanation: c.String("explanation"),
				URL: c.String("url"), Author: c.String("author"), Date: c.String("date"),
				Summary: c.String("claim-reviewed"), Delete: c.Bool("delete"),
			}
			s, err := openStore(c.Context, c)
			if err != nil {
				return err
			}
			defer s.Close()
			return runReview(c.Context, s, c.App.Writer, opts)
		},
	}
}

// setTrailingFlags sets the flags given after the positional argument,
// which urfave/cli leaves among the arguments.
func setTrailingFlags(c *cli.Context, rest []string) error {
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") {
			return fmt.Errorf("one item at a time: unexpected %q", a)
		}
		name, value, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok {
			if name == "delete" {
				value = "true"
			} else if i+1 < len(rest) {
				i++
				value = rest[i]
			} else {
				return fmt.Errorf("flag --%s needs a value", name)
			}
		}
		if err := c.Set(name, value); err != nil {
			return fmt.Errorf("flag --%s: %w (see 'claimgraph review --help')", name, err)
		}
	}
	return nil
}

// runReview records, replaces or deletes a review.
func runReview(ctx context.Context, s *graph.Store, w io.Writer, opts reviewOptions) error {
	target, err := resolveReviewed(ctx, s, opts.Target)
	if err != nil {
		return err
	}
	if opts.Delete {
		return deleteReviews(ctx, s, w, target, opts)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	var missing []string
	for _, f := range []struct{ name, v string }{{"--rating", opts.Rating}, {"--explanation", opts.Explanation}, {"--url", opts.URL}, {"--author", opts.Author}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("review: give %s (a ClaimReview needs the verdict, why, where it is published and who gave it)", strings.Join(missing, ", "))
	}
	if u, err := url.Parse(opts.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("review: --url %q: want the http or https address of the page that publishes the fact check", opts.URL)
	}
	date := opts.Date
	if date == "" {
		date = now().UTC().Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", date); err != nil {
		return fmt.Errorf("review: --date %q: want YYYY-MM-DD", date)
	}
	r := schema.Review{
		Target: target, Rating: strings.TrimSpace(opts.Rating), Explanation: strings.TrimSpace(opts.Explanation),
		URL: opts.URL, Author: strings.TrimSpace(opts.Author), Date: date, Summary: strings.TrimSpace(opts.Summary),
		Recorded: now().UTC().Format(time.RFC3339),
	}
	out, err := s.WriteReview(ctx, r)
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	verb := "recorded"
	if out == graph.Replaced || out == graph.Unchanged {
		verb = "replaced"
	}
	_, err = fmt.Fprintf(w, "%s review of %s by %s: %s\n", verb, shortItem(target), r.Author, r.Rating)
	return err
}

// deleteReviews deletes the review of target by opts.Author, or all of its
// reviews when no author is given.
func deleteReviews(ctx context.Context, s *graph.Store, w io.Writer, target string, opts reviewOptions) error {
	var iris []string
	if opts.Author != "" {
		iris = []string{schema.ReviewIRI(target, opts.Author)}
	} else {
		all, err := s.Reviews(ctx)
		if err != nil {
			return err
		}
		for _, r := range all {
			if r.Target == target {
				iris = append(iris, r.IRI)
			}
		}
	}
	n := 0
	for _, iri := range iris {
		err := s.DeleteReview(ctx, iri)
		if errors.Is(err, graph.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("review --delete: %w", err)
		}
		n++
	}
	if n == 0 {
		by := ""
		if opts.Author != "" {
			by = " by " + opts.Author
		}
		return fmt.Errorf("review --delete: no review of %s%s (list them with 'claimgraph reviews')", shortItem(target), by)
	}
	_, err := fmt.Fprintf(w, "deleted %d review(s) of %s\n", n, shortItem(target))
	return err
}

// resolveReviewed resolves the item a review is about: a claim in any form
// --claim takes, or an event in any form --event takes.
func resolveReviewed(ctx context.Context, s *graph.Store, v string) (string, error) {
	claim, cerr := resolveClaim(ctx, s, v)
	if cerr == nil {
		return claim, nil
	}
	event, eerr := resolveEvent(ctx, s, v)
	if eerr == nil {
		return event, nil
	}
	iri := expandIRI(v)
	if strings.Contains(iri, "event/") || !strings.Contains(v, "#") && !strings.Contains(iri, "/claim/") {
		return "", fmt.Errorf("review: %q is no claim or event in the store: %w", v, eerr)
	}
	return "", fmt.Errorf("review: %q is no claim or event in the store: %w", v, cerr)
}

// shortItem is a claim as ARTICLE#N, an event as cgid:….
func shortItem(iri string) string {
	if a := schema.ArticleIDFromIRI(iri); a != "" {
		if _, n, ok := strings.Cut(iri, "/claim/"); ok {
			return a + "#" + n
		}
	}
	return schema.IDPrefix + strings.TrimPrefix(iri, schema.IDNS)
}

// reviewRecord is one line of 'claimgraph reviews'.
type reviewRecord struct {
	ID            string `json:"id"`
	Item          string `json:"item"`
	ItemShort     string `json:"item_short"`
	Rating        string `json:"rating"`
	Explanation   string `json:"explanation"`
	URL           string `json:"url"`
	Author        string `json:"author"`
	Date          string `json:"date"`
	ClaimReviewed string `json:"claim_reviewed,omitempty"`
	Recorded      string `json:"recorded"`
}

func newReviewsCommand() *cli.Command {
	return &cli.Command{
		Name:  "reviews",
		Usage: "list the fact-checkers' reviews recorded with 'claimgraph review'",
		Description: "One line per review: {\"id\", \"item\" (the claim or event IRI), \"item_short\" (ARTICLE#N or\n" +
			"cgid:…), \"rating\", \"explanation\", \"url\", \"author\", \"date\", \"claim_reviewed\", \"recorded\"}.",
		Flags: []cli.Flag{formatFlag()},
		Action: listAction(func(c *cli.Context, s *graph.Store, format string) error {
			return runReviews(c.Context, s, c.App.Writer, format)
		}),
	}
}

func runReviews(ctx context.Context, s *graph.Store, w io.Writer, format string) error {
	rs, err := s.Reviews(ctx)
	if err != nil {
		return err
	}
	recs := make([]reviewRecord, len(rs))
	for i, r := range rs {
		recs[i] = reviewRecord{ID: r.IRI, Item: r.Target, ItemShort: shortItem(r.Target), Rating: r.Rating,
			Explanation: r.Explanation, URL: r.URL, Author: r.Author, Date: r.Date, ClaimReviewed: r.Summary, Recorded: r.Recorded}
	}
	return writeList(w, format, recs, []string{"ITEM", "RATING", "AUTHOR", "DATE", "URL"}, func(r reviewRecord) []string {
		return []string{r.ItemShort, r.Rating, r.Author, r.Date, r.URL}
	})
}
