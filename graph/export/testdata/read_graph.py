"""Reads a claimgraph export back with networkx and prints it as JSON.

usage: python3 read_graph.py graphml|gexf|cyjs FILE

Prints {"class": the networkx graph class, "nodes": {id: {attr: [value,
python type name]}}, "edges": [{"source", "target", "data": {attr: [value,
type]}}]}, so that the Go test can assert on what a real consumer read,
types included.
"""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf as nx_gexf

# networkx before 3.0 (Debian 12 ships 2.8) knows GEXF 1.1draft and 1.2draft
# only. GEXF 1.3 changed the namespace, not the elements this reader parses
# (nodes, edges, attributes, attvalues, spells, viz): teach it the namespace,
# exactly as networkx 3 declares it.
if "1.3" not in nx_gexf.GEXF.versions:
    nx_gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }


def typed(d):
    out = {}
    for k, v in d.items():
        if isinstance(v, list):  # GEXF spells: [(start, end)]
            v = [list(x) if isinstance(x, tuple) else x for x in v]
        out[k] = [v, type(v).__name__]
    return out


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "graphml":
        g = nx.read_graphml(path)
    elif fmt == "gexf":
        g = nx.read_gexf(path)
    elif fmt == "cyjs":
        with open(path, encoding="utf-8") as f:
            g = nx.cytoscape_graph(json.load(f))
    else:
        sys.exit("unknown format " + fmt)
    json.dump({
        "class": type(g).__name__,
        "nodes": {str(n): typed(d) for n, d in g.nodes(data=True)},
        "edges": [{"source": str(a), "target": str(b), "data": typed(d)} for a, b, d in g.edges(data=True)],
    }, sys.stdout)


main()
