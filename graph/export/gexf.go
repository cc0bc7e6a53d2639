package export

import (
	"io"
	"strconv"
)

var gexfTypes = map[Kind]string{String: "string", Long: "long", Double: "double", Boolean: "boolean"}

// style is how a node type is drawn: an RGB colour (GEXF, DOT) and a
// Graphviz shape.
type style struct {
	r, g, b uint8
	shape   string
}

var styles = map[string]style{
	TypeArticle: {0x6b, 0xae, 0xd6, "box"},
	TypeOutlet:  {0x9e, 0x9a, 0xc8, "house"},
	TypeSource:  {0xfd, 0x8d, 0x3c, "ellipse"},
	TypeClaim:   {0xfe, 0xe3, 0x91, "note"},
	TypeEvent:   {0xef, 0x3b, 0x2c, "diamond"},
	TypePlace:   {0x74, 0xc4, 0x76, "hexagon"},
	// linked events stand out from the per-article events they include
	TypeLinkedEvent: {0xa5, 0x0f, 0x15, "doubleoctagon"},
}

// writeGEXF writes g as GEXF 1.3: a dynamic directed graph whose claims,
// events and articles carry a time spell (ISO dates), with static typed
// attributes; "label" is the node's label attribute, the rest are
// attvalues. Edge weights count the articles that state the edge.
func writeGEXF(w io.Writer, g *Graph) error {
	x := &xmlWriter{w: w}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n",
		`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" `,
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `,
		`xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">`, "\n",
		"  <meta>\n    <creator>claimgraph</creator>\n",
		"    <description>who claimed what: articles, outlets, sources, claims, events and places</description>\n  </meta>\n",
		`  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">`, "\n")
	x.raw(`    <attributes class="node" mode="static">`, "\n")
	for _, a := range NodeAttrs[1:] { // label is the node's own attribute
		x.raw(`      <attribute id="`, a.Name, `" title="`, a.Name, `" type="`, gexfTypes[a.Kind], `"/>`, "\n")
	}
	x.raw("    </attributes>\n", `    <attributes class="edge" mode="static">`, "\n")
	for _, a := range EdgeAttrs {
		if a.Name == "label" || a.Name == "weight" {
			continue // the edge's own attributes
		}
		x.raw(`      <attribute id="`, a.Name, `" title="`, a.Name, `" type="`, gexfTypes[a.Kind], `"/>`, "\n")
	}
	x.raw("    </attributes>\n    <nodes>\n")
	for _, n := range g.Nodes {
		x.raw(`      <node id="`, esc(n.ID), `" label="`, esc(n.Label), `">`, "\n        <attvalues>\n")
		for _, v := range nodeValues(n)[1:] {
			x.raw(`          <attvalue for="`, v.Name, `" value="`, esc(attrValue(v.Value)), `"/>`, "\n")
		}
		x.raw("        </attvalues>\n")
		if n.Start != "" {
			x.raw(`        <spells><spell start="`, esc(n.Start), `" end="`, esc(n.End), `"/></spells>`, "\n")
		}
		st := styles[n.Type]
		x.raw(`        <viz:color r="`, strconv.Itoa(int(st.r)), `" g="`, strconv.Itoa(int(st.g)), `" b="`, strconv.Itoa(int(st.b)), `"/>`, "\n")
		x.raw("      </node>\n")
	}
	x.raw("    </nodes>\n    <edges>\n")
	for i, e := range g.Edges {
		x.raw(`      <edge id="e`, strconv.Itoa(i+1), `" source="`, esc(e.Source), `" target="`, esc(e.Target),
			`" label="`, esc(e.Type), `" weight="`, strconv.Itoa(max(len(e.Articles), 1)), `">`, "\n        <attvalues>\n")
		for _, v := range edgeValues(e) {
			if v.Name == "label" || v.Name == "weight" {
				continue
			}
			x.raw(`          <attvalue for="`, v.Name, `" value="`, esc(attrValue(v.Value)), `"/>`, "\n")
		}
		x.raw("        </attvalues>\n      </edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.err
}
