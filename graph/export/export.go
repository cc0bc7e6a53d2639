package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Format names an export format.
type Format string

// The export formats (see the package documentation).
const (
	GraphML     Format = "graphml"
	GEXF        Format = "gexf"
	CYJS        Format = "cyjs"
	DOT         Format = "dot"
	NQuads      Format = "nquads"
	JSONLD      Format = "jsonld"
	ClaimReview Format = "claimreview"
	CSV         Format = "csv"
)

// Formats lists the formats in the order help texts show them.
var Formats = []Format{NQuads, JSONLD, GraphML, GEXF, CYJS, DOT, ClaimReview, CSV}

// Errors returned by Write; test with errors.Is. A filter that matches
// nothing in the store returns an error wrapping graph.ErrNotFound.
var (
	// ErrFormat means the format is not one of Formats.
	ErrFormat = errors.New("unknown export format")
	// ErrFilter means the filter is malformed: more than one of its fields set.
	ErrFilter = errors.New("bad export filter")
)

// Filter narrows an export. At most one field may be set; none exports the
// whole store.
type Filter struct {
	// Event is an event IRI (full, cgid:event/… or the bare event id) or a
	// linked event's (cgid:levent/…, written by the linking step).
	Event string
	// Article is an article id (file base name or JSON id) or article IRI.
	Article string
	// Source is a canonical source id ("sohr") or source IRI.
	Source string
}

// ParseFormat returns the Format named s, or an error wrapping ErrFormat
// that lists the valid names.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%w %q: want one of %s", ErrFormat, s, strings.Join(names, ", "))
}

// Write writes the part of s that filter selects to w in format f. It
// returns an error wrapping ErrFormat or ErrFilter for bad arguments,
// graph.ErrNotFound when the filter selects nothing, the store's errors
// (wrapped with what was being read) and w's write errors.
func Write(ctx context.Context, s *graph.Store, w io.Writer, f Format, filter Filter) error {
	if _, err := ParseFormat(string(f)); err != nil {
		return err
	}
	sel, err := selectArticles(ctx, s, filter)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	switch f {
	case NQuads:
		err = writeNQuads(ctx, s, bw, sel)
	case JSONLD:
		err = writeJSONLD(ctx, s, bw, sel)
	case ClaimReview:
		err = writeClaimReview(ctx, s, bw, sel, ClaimReviewOptions{})
	case CSV:
		err = writeCSV(ctx, s, bw, sel, CSVOptions{})
	default:
		var g *Graph
		g, err = build(ctx, s, sel)
		if err == nil {
			err = writeGraph(bw, f, g)
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeGraph writes an entity graph in one of the entity formats.
func writeGraph(w io.Writer, f Format, g *Graph) error {
	switch f {
	case GraphML:
		return writeGraphML(w, g)
	case GEXF:
		return writeGEXF(w, g)
	case CYJS:
		return writeCYJS(w, g)
	case DOT:
		return writeDOT(w, g)
	}
	return fmt.Errorf("%w %q", ErrFormat, f)
}

// selection is the set of articles to visit and, when filtered, which of
// their claims to keep.
type selection struct {
	articles []string        // article IRIs, sorted
	claims   map[string]bool // claim IRIs kept; nil keeps every claim
	// all is true when the whole store is exported
	all bool
	// articleLinks are the corroborates/contradicts quads of the articles
	// walk read (filled in by walk)
	articleLinks []quad.Quad
	// filled in by walk: the claims and the nodes of the articles walked
	// that the export holds
	selected, kept map[string]bool
}

func (sel *selection) keepsClaim(iri string) bool {
	return sel.claims == nil || sel.claims[iri]
}

func selectArticles(ctx context.Context, s *graph.Store, f Filter) (*selection, error) {
	n := 0
	for _, v := range []string{f.Event, f.Article, f.Source} {
		if v != "" {
			n++
		}
	}
	if n > 1 {
		return nil, fmt.Errorf("%w: give at most one of event, article and source", ErrFilter)
	}
	switch {
	case f.Article != "":
		iri := f.Article
		if !strings.HasPrefix(iri, schema.IDNS) {
			iri = schema.ArticleIRI(f.Article)
		}
		if _, err := s.ArticleQuads(ctx, iri); err != nil {
			return nil, fmt.Errorf("export: article %q: %w", f.Article, err)
		}
		return &selection{articles: []string{iri}}, nil
	case f.Event != "":
		iri := quad.IRI(expand(f.Event, "event/"))
		types, err := s.Out(ctx, iri, schema.Type)
		if err != nil {
			return nil, err
		}
		// a per-article event's claims are about it; a linked event has members
		// (and relation nodes about it)
		p, in := schema.About, true
		for _, t := range types {
			if t == quad.IRI(schema.ClassLinkedEvent) {
				p, in = schema.Member, false
			}
		}
		var claims []quad.Value
		if in {
			claims, err = s.In(ctx, iri, p)
		} else {
			claims, err = s.Out(ctx, iri, p)
		}
		if err != nil {
			return nil, err
		}
		if len(claims) == 0 {
			return nil, fmt.Errorf("export: event %q: no claims: %w", f.Event, graph.ErrNotFound)
		}
		return claimSelection(ctx, s, claims)
	case f.Source != "":
		iri := expand(f.Source, "source/")
		src := quad.IRI(iri)
		var claims []quad.Value
		for _, p := range []string{schema.AttributedTo, schema.PrimarySource} {
			cs, err := s.In(ctx, src, p)
			if err != nil {
				return nil, err
			}
			claims = append(claims, cs...)
		}
		hops, err := s.In(ctx, src, schema.Relay)
		if err != nil {
			return nil, err
		}
		for _, h := range hops {
			cs, err := s.In(ctx, h, schema.Via)
			if err != nil {
				return nil, err
			}
			claims = append(claims, cs...)
		}
		if len(claims) == 0 {
			return nil, fmt.Errorf("export: source %q: no claims made by it, by people speaking for it, or relayed by it: %w", f.Source, graph.ErrNotFound)
		}
		return claimSelection(ctx, s, claims)
	}
	iris, err := s.ArticleIRIs(ctx)
	if err != nil {
		return nil, err
	}
	return &selection{articles: iris, all: true}, nil
}

// expand turns a short or bare id into a full IRI under schema.IDNS+kind.
func expand(id, kind string) string {
	switch {
	case strings.HasPrefix(id, schema.IDNS):
		return id
	case strings.HasPrefix(id, schema.IDPrefix):
		return schema.IDNS + strings.TrimPrefix(id, schema.IDPrefix)
	case strings.HasPrefix(id, "<") && strings.HasSuffix(id, ">"):
		return expand(id[1:len(id)-1], kind)
	case kind == "source/":
		return schema.SourceIRI(id)
	}
	return schema.IDNS + kind + id
}

// claimSelection selects the given claims and the articles they appear in.
func claimSelection(ctx context.Context, s *graph.Store, claims []quad.Value) (*selection, error) {
	sel := &selection{claims: make(map[string]bool)}
	arts := make(map[string]bool)
	for _, c := range claims {
		iri, ok := c.(quad.IRI)
		if !ok || sel.claims[string(iri)] {
			continue
		}
		sel.claims[string(iri)] = true
		as, err := s.Out(ctx, iri, schema.Appearance)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if a, ok := a.(quad.IRI); ok {
				arts[string(a)] = true
			}
		}
	}
	for a := range arts {
		sel.articles = append(sel.articles, a)
	}
	sort.Strings(sel.articles)
	return sel, nil
}
