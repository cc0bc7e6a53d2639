package export

import (
	"io"
	"strconv"
)

var graphMLTypes = map[Kind]string{String: "string", Long: "long", Double: "double", Boolean: "boolean"}

// writeGraphML writes g as GraphML: one <key> per attribute (ids n_NAME for
// nodes, e_NAME for edges, attr.name NAME), then the nodes and the edges.
func writeGraphML(w io.Writer, g *Graph) error {
	x := &xmlWriter{w: w}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n",
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `,
		`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`, "\n")
	for _, a := range NodeAttrs {
		x.raw(`  <key id="n_`, a.Name, `" for="node" attr.name="`, a.Name, `" attr.type="`, graphMLTypes[a.Kind], `"/>`, "\n")
	}
	for _, a := range EdgeAttrs {
		x.raw(`  <key id="e_`, a.Name, `" for="edge" attr.name="`, a.Name, `" attr.type="`, graphMLTypes[a.Kind], `"/>`, "\n")
	}
	x.raw(`  <graph id="claimgraph" edgedefault="directed">`, "\n")
	for _, n := range g.Nodes {
		x.raw(`    <node id="`, esc(n.ID), `">`, "\n")
		for _, v := range nodeValues(n) {
			x.raw(`      <data key="n_`, v.Name, `">`, esc(attrValue(v.Value)), "</data>\n")
		}
		x.raw("    </node>\n")
	}
	for i, e := range g.Edges {
		x.raw(`    <edge id="e`, strconv.Itoa(i+1), `" source="`, esc(e.Source), `" target="`, esc(e.Target), `">`, "\n")
		for _, v := range edgeValues(e) {
			x.raw(`      <data key="e_`, v.Name, `">`, esc(attrValue(v.Value)), "</data>\n")
		}
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.err
}
