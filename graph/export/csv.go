package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

// CSVOptions says how the csv format is written. The zero value writes one
// row per claim with no districts.
type CSVOptions struct {
	// PerEvent writes one row per linked event (EventColumns) instead of
	// one per claim (ClaimColumns).
	PerEvent bool
	// Admin2 returns the district of a gazetteer entry, given a place's
	// schema.Place.GazetteerID, or "". The store keeps no districts; the
	// command passes its gazetteer's. Nil leaves the admin2 column empty.
	Admin2 func(gazetteerID string) string
}

// ClaimColumns is the header of the csv format, one row per claim (see the
// package documentation).
var ClaimColumns = []string{
	"claim_id", "date", "date_end", "admin1", "admin2", "place", "place_id", "lat", "lon",
	"metric", "min", "max", "value", "figure", "unit", "aggregate",
	"claimant", "claimant_id", "origin", "relays", "outlet",
	"article_id", "article_url", "published", "linked_event", "evidence",
}

// EventColumns is the header of the csv format with CSVOptions.PerEvent,
// one row per linked event (see the package documentation).
var EventColumns = []string{
	"linked_event", "name", "kind", "date", "date_end", "admin1", "admin2", "place", "place_id", "lat", "lon",
	"metric", "min", "max", "figures", "aggregate", "reports", "independent_origins",
	"claimants", "origins", "relays", "outlets", "article_ids", "article_urls", "evidence",
}

// WriteCSV writes the part of s that filter selects to w as CSV (RFC 4180:
// a header row, CRLF line ends, fields quoted when they need it; UTF-8
// without a byte order mark). Write(ctx, s, w, CSV, filter) is WriteCSV
// with the zero CSVOptions. Its errors are Write's.
func WriteCSV(ctx context.Context, s *graph.Store, w io.Writer, filter Filter, opt CSVOptions) error {
	sel, err := selectArticles(ctx, s, filter)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeCSV(ctx, s, bw, sel, opt); err != nil {
		return err
	}
	return bw.Flush()
}

// writeCSV writes the selection as CSV.
func writeCSV(ctx context.Context, s *graph.Store, w io.Writer, sel *selection, opt CSVOptions) error {
	lq, err := s.LinkingQuads(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	events := linkedEvents(lq)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if opt.PerEvent {
		err = writeEventRows(ctx, s, cw, sel, events, opt)
	} else {
		err = writeClaimRows(ctx, s, cw, sel, events, opt)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// linkedEvent is a linked event as the linking output describes it.
type linkedEvent struct {
	iri, name, kind, start, end, location string
	aggregate                             bool
	origins                               string // independent origins, "" when not given
	members                               []string
}

// linkedEvents reads the linked events of the linking output, by IRI.
func linkedEvents(qs []quad.Quad) map[string]*linkedEvent {
	props := map[string]map[string][]quad.Value{}
	for _, q := range qs {
		s := iriString(q.Subject)
		if props[s] == nil {
			props[s] = map[string][]quad.Value{}
		}
		p := iriString(q.Predicate)
		props[s][p] = append(props[s][p], q.Object)
	}
	out := map[string]*linkedEvent{}
	for n, ps := range props {
		linked := false
		for _, t := range ps[schema.Type] {
			linked = linked || iriString(t) == schema.ClassLinkedEvent
		}
		if !linked {
			continue
		}
		first := func(p string) quad.Value {
			if vs := ps[p]; len(vs) > 0 {
				return vs[0]
			}
			return nil
		}
		str := func(p string) string {
			if v, ok := first(p).(quad.String); ok {
				return string(v)
			}
			return ""
		}
		e := &linkedEvent{iri: n, name: str(schema.Name), kind: str(schema.Kind),
			start: str(schema.StartDate), end: str(schema.EndDate), location: iriString(first(schema.Location))}
		if v, ok := first(schema.Aggregate).(quad.Bool); ok {
			e.aggregate = bool(v)
		}
		if v, ok := first(schema.IndependentOrigins).(quad.Int); ok {
			e.origins = strconv.FormatInt(int64(v), 10)
		}
		for _, m := range ps[schema.Member] {
			if m := iriString(m); m != "" {
				e.members = append(e.members, m)
			}
		}
		sort.Strings(e.members)
		out[n] = e
	}
	return out
}

// eventOf maps each claim to the linked event it is a member of.
func eventOf(events map[string]*linkedEvent) map[string]string {
	out := map[string]string{}
	for _, e := range events {
		for _, m := range e.members {
			if old, ok := out[m]; !ok || e.iri < old {
				out[m] = e.iri
			}
		}
	}
	return out
}

// claimFacts are the fields of one claim that both CSV shapes use: its
// row (rows.Claim) and what the row does not carry.
type claimFacts struct {
	rows.Claim
	origin      string // source id: the organisation the claimant speaks for, else the claimant
	outlet, url string
}

func newClaimFacts(doc *schema.Article, i int) claimFacts {
	f := claimFacts{Claim: rows.NewClaim(doc, i), url: doc.URL}
	if c := doc.Claims[i].Claimant; c != nil {
		f.origin = c.ID
		if c.SpeaksFor != "" {
			f.origin = c.SpeaksFor
		}
	}
	if doc.Outlet != nil {
		f.outlet = doc.Outlet.Name
	}
	return f
}

// placeCols are the admin1, admin2, place, place_id, lat and lon columns of a place.
func placeCols(p *schema.Place, opt CSVOptions) []string {
	if p == nil {
		return []string{"", "", "", "", "", ""}
	}
	admin2, lat, lon := "", "", ""
	if opt.Admin2 != nil && p.GazetteerID != "" {
		admin2 = opt.Admin2(p.GazetteerID)
	}
	if p.HasCoords {
		lat, lon = strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
	}
	return []string{p.Admin1, admin2, p.Name, p.ID, lat, lon}
}

// intCol renders a bound or number, "" when open or absent.
func intCol(v *int64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(*v, 10)
}

// writeClaimRows writes ClaimColumns and one row per selected claim, in
// article IRI order and claim order.
func writeClaimRows(ctx context.Context, s *graph.Store, cw *csv.Writer, sel *selection, events map[string]*linkedEvent, opt CSVOptions) error {
	if err := cw.Write(ClaimColumns); err != nil {
		return err
	}
	linked := eventOf(events)
	_, err := sel.walk(ctx, s, func(p *part) error {
		doc := p.doc
		for _, i := range p.claims {
			c := &doc.Claims[i]
			f := newClaimFacts(doc, i)
			row := []string{f.ID, c.Event.Start, c.Event.End}
			row = append(row, placeCols(c.Event.Place, opt)...)
			row = append(row, f.Metric, intCol(f.Min), intCol(f.Max), intCol(f.Value), f.FigureText, f.Unit,
				strconv.FormatBool(f.Aggregate), f.ClaimantName, f.Claimant, f.origin, strings.Join(f.Via, "; "),
				f.outlet, f.Article, f.url, doc.Published, linked[f.ID], f.Evidence)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return cw.Error()
	})
	return err
}

// writeEventRows writes EventColumns and one row per linked event with a
// selected claim, in IRI order, summarising the reports of its main metric.
func writeEventRows(ctx context.Context, s *graph.Store, cw *csv.Writer, sel *selection, events map[string]*linkedEvent, opt CSVOptions) error {
	if err := cw.Write(EventColumns); err != nil {
		return err
	}
	linked := eventOf(events)
	reports := map[string][]claimFacts{}
	_, err := sel.walk(ctx, s, func(p *part) error {
		for _, i := range p.claims {
			f := newClaimFacts(p.doc, i)
			if e := linked[f.ID]; e != "" {
				reports[e] = append(reports[e], f)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	iris := make([]string, 0, len(reports))
	for e := range reports {
		iris = append(iris, e)
	}
	sort.Strings(iris)
	for _, iri := range iris {
		e := events[iri]
		place, err := readPlace(ctx, s, e.location)
		if err != nil {
			return err
		}
		metric, rs := mainMetric(reports[iri])
		row := []string{e.iri, e.name, e.kind, e.start, e.end}
		row = append(row, placeCols(place, opt)...)
		var lo, hi *int64
		var figures, claimants, origins, relays, outlets, articles, urls, evidence []string
		for _, r := range rs {
			if r.Min != nil && (lo == nil || *r.Min < *lo) {
				lo = r.Min
			}
			if r.Max != nil && (hi == nil || *r.Max > *hi) {
				hi = r.Max
			}
			if r.FigureText != "" {
				figures = append(figures, r.FigureText)
			}
			claimants = appendNew(claimants, r.ClaimantName)
			origins = appendNew(origins, r.origin)
			for _, v := range r.Via {
				relays = appendNew(relays, v)
			}
			outlets = appendNew(outlets, r.outlet)
			articles = appendNew(articles, r.Article)
			urls = appendNew(urls, r.url)
			evidence = appendNew(evidence, r.Evidence)
		}
		row = append(row, metric, intCol(lo), intCol(hi), strings.Join(figures, "; "), strconv.FormatBool(e.aggregate),
			strconv.Itoa(len(rs)), e.origins, strings.Join(claimants, "; "), strings.Join(origins, "; "),
			strings.Join(relays, "; "), strings.Join(outlets, "; "), strings.Join(articles, "; "),
			strings.Join(urls, "; "), strings.Join(evidence, " | "))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Error()
}

// appendNew appends s to xs unless it is "" or already there.
func appendNew(xs []string, s string) []string {
	if s == "" {
		return xs
	}
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// mainMetric picks the metric a linked event's row reports: killed when a
// report counts the killed, else the metric most reports count (ties in
// the order of schema.Metrics), and returns it with its reports.
func mainMetric(rs []claimFacts) (string, []claimFacts) {
	count := map[string]int{}
	for _, r := range rs {
		count[r.Metric]++
	}
	best := ""
	if count[schema.MetricKilled] > 0 {
		best = schema.MetricKilled
	} else {
		for _, m := range schema.Metrics {
			if count[m] > count[best] {
				best = m
			}
		}
	}
	if best == "" { // only metrics outside schema.Metrics: the first by name
		for m := range count {
			if best == "" || m < best {
				best = m
			}
		}
	}
	var out []claimFacts
	for _, r := range rs {
		if r.Metric == best {
			out = append(out, r)
		}
	}
	return best, out
}

// readPlace reads a place node of the store (a linked event's location),
// nil for "".
func readPlace(ctx context.Context, s *graph.Store, iri string) (*schema.Place, error) {
	if iri == "" {
		return nil, nil
	}
	p := &schema.Place{ID: schema.IDFromIRI(iri)}
	n := quad.IRI(iri)
	for _, f := range []struct {
		pred string
		fn   func(quad.Value)
	}{
		{schema.Name, func(v quad.Value) { p.Name = quad.ToString(v) }},
		{schema.Admin1, func(v quad.Value) { p.Admin1 = quad.ToString(v) }},
		{schema.GazetteerID, func(v quad.Value) { p.GazetteerID = quad.ToString(v) }},
		{schema.Latitude, func(v quad.Value) {
			if f, ok := v.(quad.Float); ok {
				p.Lat, p.HasCoords = float64(f), true
			}
		}},
		{schema.Longitude, func(v quad.Value) {
			if f, ok := v.(quad.Float); ok {
				p.Lon = float64(f)
			}
		}},
	} {
		vs, err := s.Out(ctx, n, f.pred)
		if err != nil {
			return nil, fmt.Errorf("export: place %s: %w", iri, err)
		}
		if len(vs) > 0 {
			f.fn(vs[0])
		}
	}
	return p, nil
}
