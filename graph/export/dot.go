package export

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// edgeStyles draws the relations that matter most to a reader.
var edgeStyles = map[string]string{
	"contradicts":  `color="#d62728", penwidth=2.5, fontcolor="#d62728"`,
	"corroborates": `color="#2ca02c", penwidth=2.5, fontcolor="#2ca02c"`,
	"via":          `style=dashed`,
	"cites":        `color="#999999", fontcolor="#999999"`,
	"member":       `style=dotted, color="#a50f15"`,
	"includes":     `style=dotted, color="#a50f15"`,
}

// writeDOT writes g as a Graphviz digraph: node ids are the IRIs, labels
// are the node labels (long ones wrapped and shortened), each node type has
// its colour and shape, edges are labelled with their relation and a via
// hop's order. Every string is quoted and escaped.
func writeDOT(w io.Writer, g *Graph) error {
	x := &xmlWriter{w: w}
	x.raw("digraph claimgraph {\n",
		"  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n",
		"  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n",
		"  edge [fontname=\"Helvetica\", fontsize=8];\n")
	for _, n := range g.Nodes {
		st := styles[n.Type]
		x.raw("  ", dotQuote(n.ID), " [label=", dotQuote(dotLabel(n)), ", shape=", st.shape,
			fmt.Sprintf(", fillcolor=\"#%02x%02x%02x\"", st.r, st.g, st.b),
			", tooltip=", dotQuote(n.ID), "];\n")
	}
	for _, e := range g.Edges {
		label := e.Type
		if e.Order > 0 {
			label = fmt.Sprintf("%s %d", label, e.Order)
		}
		x.raw("  ", dotQuote(e.Source), " -> ", dotQuote(e.Target), " [label=", dotQuote(label))
		if s, ok := edgeStyles[e.Type]; ok {
			x.raw(", ", s)
		}
		x.raw("];\n")
	}
	x.raw("}\n")
	return x.err
}

// dotLabel is the node's label, wrapped at about 30 characters, at most
// three lines, with the type on top of claims and events.
func dotLabel(n *Node) string {
	text := n.Label
	if n.Type == TypeClaim {
		if c, ok := n.Attrs["claimant"].(string); ok {
			text = c + ": " + text
		}
	}
	return wrap(text, 30, 3)
}

// wrap breaks s into lines of about width runes at spaces, keeping at most
// max lines (the last one ending in "…" when text was cut).
func wrap(s string, width, max int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > max {
		lines = lines[:max]
		lines[max-1] += " …"
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > width+10 {
			lines[i] = string(r[:width+9]) + "…"
		}
	}
	return strings.Join(lines, "\n")
}

// dotQuote returns s as a DOT double-quoted string. Inside one, Graphviz
// reads \" as a quote and, in labels, backslash sequences (\n, \l, \N …) as
// escapes; so backslashes are doubled, quotes escaped, newlines written as
// \n and other control characters dropped.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
