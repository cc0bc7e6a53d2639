package export

import (
	"encoding/json"
	"io"
	"strconv"
)

// writeCYJS writes g as Cytoscape.js JSON, the .cyjs that Cytoscape desktop
// imports: {"data":…, "directed":true, "elements":{"nodes":[{"data":…}],
// "edges":[{"data":…}]}}. Node data hold id (the IRI), name and label
// (Cytoscape shows name), value (the IRI again, which
// networkx.cytoscape_graph keys nodes by) and the node's attributes, a
// figure's value as figure_value; edge
// data hold id, source, target, interaction (the relation, as Cytoscape
// calls it) and the edge attributes. One element a line.
func writeCYJS(w io.Writer, g *Graph) error {
	x := &xmlWriter{w: w} // only for its sticky error
	x.raw(`{"format_version":"1.0","generated_by":"claimgraph","target_cytoscapejs_version":"~2.1",`,
		`"data":{"name":"claimgraph"},"directed":true,"multigraph":false,"elements":{"nodes":[`)
	for i, n := range g.Nodes {
		d := map[string]interface{}{"id": n.ID, "value": n.ID, "name": n.Label}
		for _, v := range nodeValues(n) {
			if v.Name == "value" {
				d["figure_value"] = v.Value // "value" is the node key for networkx
				continue
			}
			d[v.Name] = v.Value
		}
		x.element(i, d)
	}
	x.raw("\n],\"edges\":[")
	for i, e := range g.Edges {
		d := map[string]interface{}{"id": "e" + strconv.Itoa(i+1), "source": e.Source, "target": e.Target, "interaction": e.Type}
		for _, v := range edgeValues(e) {
			d[v.Name] = v.Value
		}
		x.element(i, d)
	}
	x.raw("\n]}}\n")
	return x.err
}

// element writes {"data":d} as the i-th element of a JSON array.
func (x *xmlWriter) element(i int, d map[string]interface{}) {
	b, err := marshal(map[string]interface{}{"data": d})
	if err != nil && x.err == nil {
		x.err = err
	}
	if i > 0 {
		x.raw(",")
	}
	x.raw("\n", string(b))
}

// marshal is json.Marshal without HTML escaping (evidence sentences keep
// their "<" and "&") and without the trailing newline.
func marshal(v interface{}) ([]byte, error) {
	var b jsonBuffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.buf[:len(b.buf)-1], nil
}

type jsonBuffer struct{ buf []byte }

func (b *jsonBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}
