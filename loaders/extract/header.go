package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/loaders/dates"
	"github.com/claimgraph/claimgraph/schema"
)

// paragraph is one line of article text with its byte offset.
type paragraph struct {
	Text   string
	Offset int
}

// layout is what the head and tail lines of an article say about it, and
// where its body is.
type layout struct {
	Title       string
	TitleOffset int // -1 when the title is not in the text
	Published   string
	Outlet      *schema.Source
	Body        []paragraph
}

// maxHeaderLines is how many non-empty lines at the top may be header lines.
const maxHeaderLines = 6

var sourceLine = regexp.MustCompile(`(?i)(?:^|\s[-–—|]\s*)source\s*:\s*([^\n]+?)\s*$`)

// readLayout finds the headline, header stamps, site banner, "Source: X"
// trailer and boilerplate lines of an article, and returns the rest as body
// paragraphs: the text's non-empty lines, less the trailer (trailer) and
// the header (readHeader), less the headline and stamp a scraped page
// starts its first paragraph with (cutScrapedHead).
func (x *Extractor) readLayout(in *Input) layout {
	lay := layout{Title: strings.TrimSpace(in.Title), TitleOffset: -1, Published: in.Published}
	if in.Outlet != "" {
		lay.Outlet = x.Lex.outletByName(in.Outlet)
	}
	lines, trailer := x.trailer(textLines(in.Text))
	lay.Body = lines[x.readHeader(&lay, lines):]
	if lay.Outlet == nil {
		lay.Outlet = trailer // an outlet named in the header wins over the trailer's
	}
	if len(lay.Body) > 0 {
		cutScrapedHead(&lay)
	}
	return lay
}

// textLines returns the non-empty lines of text, trimmed, with their
// offsets.
func textLines(text string) []paragraph {
	var lines []paragraph
	off := 0
	for _, l := range strings.SplitAfter(text, "\n") {
		t := strings.TrimFunc(l, isSpaceOrBOM)
		if t != "" {
			lead := len(l) - len(strings.TrimLeftFunc(l, isSpaceOrBOM))
			lines = append(lines, paragraph{Text: t, Offset: off + lead})
		}
		off += len(l)
	}
	return lines
}

// trailer drops the "Source: X" and boilerplate lines at the bottom of
// lines and returns the rest, with the outlet the last "Source:" line
// names (nil if none).
func (x *Extractor) trailer(lines []paragraph) ([]paragraph, *schema.Source) {
	var trailer *schema.Source
	for len(lines) > 0 {
		last := lines[len(lines)-1].Text
		if len(last) < 80 && strings.HasPrefix(strings.ToLower(last), "source") && sourceLine.MatchString(last) {
			m := sourceLine.FindStringSubmatch(last)
			if trailer == nil {
				trailer = x.Lex.outletByName(m[1])
			}
			lines = lines[:len(lines)-1]
			continue
		}
		if x.Lex.isBoilerplate(last) {
			lines = lines[:len(lines)-1]
			continue
		}
		break
	}
	return lines, trailer
}

// readHeader reads the header lines at the top of lines into lay (banner,
// headline, maybe repeated, stamps, boilerplate) and returns the index of
// the first body line.
func (x *Extractor) readHeader(lay *layout, lines []paragraph) int {
	body := 0
	for i := 0; i < len(lines) && i < maxHeaderLines; i++ {
		t := lines[i].Text
		switch {
		case x.Lex.isBoilerplate(t):
			body = i + 1
			continue
		case i == 0 && lay.Title == "" && len(t) < 200 && x.isBanner(t):
			if lay.Outlet == nil {
				id, _, _ := x.Lex.outlets.match(tokenize(t), 0)
				lay.Outlet = x.Lex.outlet(id)
			}
			body = i + 1
			continue
		}
		if stamp, rest, ok := x.stampLine(t); ok {
			if lay.Published == "" {
				lay.Published = stamp
			}
			if rest != "" && lay.Outlet == nil {
				lay.Outlet = x.Lex.outletByName(rest)
			}
			body = i + 1
			continue
		}
		if lay.TitleOffset < 0 && (lay.Title == "" || t == lay.Title) && len(lines) > 1 {
			lay.Title, lay.TitleOffset = t, lines[i].Offset
			body = i + 1
			continue
		}
		if t == lay.Title { // the headline printed twice
			body = i + 1
			continue
		}
		break
	}
	return body
}

// cutScrapedHead cuts from lay's first body paragraph the headline, byline
// and dateline stamp a scraped page starts with, in either order ("Air raids
// kill 11 ... AFP Friday 15 Jul 2016 ...", "Saturday 7 October 2017 Russian
// forces kill ..."): not body text. The title becomes the headline as the
// page prints it (without site suffixes); its offset and the date are taken
// from there when lay has none.
func cutScrapedHead(lay *layout) {
	first := &lay.Body[0]
	cut := 0
	skip := func() int { // the cut, past separators
		return len(first.Text) - len(strings.TrimLeftFunc(first.Text[cut:], func(r rune) bool {
			return isSpaceOrBOM(r) || strings.ContainsRune(".:;-–—|", r)
		}))
	}
	for round := 0; round < 2; round++ {
		before := cut
		if t := headlineIn(lay.Title, first.Text[cut:]); t != "" {
			lay.Title = t // "Strike kills 15 - Region - World - Ahram Online" printed as "Strike kills 15"
		}
		if lay.Title != "" && strings.HasPrefix(first.Text[cut:], lay.Title) {
			if lay.TitleOffset < 0 {
				lay.TitleOffset = first.Offset + cut
			}
			cut += len(lay.Title)
			cut = skip()
		}
		if t, start, end, ok := dates.FindStamp(first.Text[cut:]); ok && (start <= 40 || start <= 80 && !strings.ContainsAny(first.Text[cut:cut+start], ".!?")) {
			// a stamp just after the headline, past a byline at most ("- Reports
			// Sputnik Mikhail Voskresenskiy Middle East 2159 18.05.2017")
			if lay.Published == "" {
				lay.Published = t.Format(isoDate)
			}
			cut += end
			cut = skip()
		}
		if cut == before {
			break // nothing cut: another round would find the same
		}
	}
	if cut > 0 {
		first.Offset += cut
		first.Text = first.Text[cut:]
		if first.Text == "" {
			lay.Body = lay.Body[1:]
		}
	}
}

// headlineIn returns the part of a page title that text starts with: the
// title itself, or the title without its site suffixes (" - Region - World -
// Ahram Online", " | Jordan Times"). "" when text starts with neither.
func headlineIn(title, text string) string {
	for title != "" {
		if strings.HasPrefix(text, title) {
			return title
		}
		i := max(strings.LastIndex(title, " - "), strings.LastIndex(title, " | "))
		if i <= 0 {
			return ""
		}
		title = strings.TrimSpace(title[:i])
	}
	return ""
}

// isBanner reports whether a first line is a site banner: it starts with an
// outlet's name and is not followed by a verb-like headline.
func (x *Extractor) isBanner(line string) bool {
	toks := tokenize(line)
	_, n, ok := x.Lex.outlets.match(toks, 0)
	return ok && n >= 1 && countWords(toks) > n
}

// stampLine recognises a header line that carries the publication date
// ("Last Update: 2019-04-20 00:00:00 - Source: Rudaw", "Published 20.04.2019
// 16:37", "Saturday, 20 April, 2019 - 09:00"). It returns the ISO date and
// the outlet named on the line, if any.
func (x *Extractor) stampLine(line string) (iso, outlet string, ok bool) {
	if len(line) > 90 {
		return "", "", false
	}
	rest := line
	if m := sourceLine.FindStringSubmatchIndex(line); m != nil {
		outlet = line[m[2]:m[3]]
		rest = strings.TrimSpace(line[:m[0]])
	}
	t, ok := dates.ParsePublished(rest)
	if !ok {
		return "", "", false
	}
	return t.Format(isoDate), outlet, true
}

func isSpaceOrBOM(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }
