#!/usr/bin/env python3
"""Reads an N-Quads export with rdflib and prints, as JSON, the numeric
answers TestNQuadsInStockCayleyAndRDF compares with claimgraph's:

  value_gte_20    [[figure IRI, cg:value], ...] for cg:value >= 20 (ints)
  lat_gt_35_01    [[place IRI, schema:latitude], ...] for latitudes > 35.01 (floats)
  aggregate_true  [claim IRI, ...] with cg:aggregate true (booleans)
  ill_typed       literals typed integer, double, boolean or dateTime that rdflib
                  could not read as a number, a boolean or a datetime, or whose
                  datatype is not an absolute XML Schema IRI

usage: read_rdf.py FILE.nq
"""
import json
import sys

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

CG = "https://claimgraph.org/ns#"
SCHEMA = "http://schema.org/"
TYPED = {XSD.integer: int, XSD.double: float, XSD.boolean: bool}


def main(path):
    ds = Dataset()
    ds.parse(path, format="nquads")
    out = {"value_gte_20": [], "lat_gt_35_01": [], "aggregate_true": [], "ill_typed": []}
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if not isinstance(o, Literal) or o.datatype is None:
            continue
        dt = str(o.datatype)
        if not dt.startswith("http://") and not dt.startswith("https://"):
            out["ill_typed"].append(o.n3())
            continue
        v = o.toPython()
        want = TYPED.get(o.datatype)
        if want is not None and type(v) is not want:
            out["ill_typed"].append(o.n3())
            continue
        if o.datatype == XSD.boolean and str(o) not in ("true", "false"):
            out["ill_typed"].append(o.n3())
            continue
        if p == URIRef(CG + "value") and v >= 20:
            out["value_gte_20"].append([str(s), v])
        elif p == URIRef(SCHEMA + "latitude") and v > 35.01:
            out["lat_gt_35_01"].append([str(s), v])
        elif p == URIRef(CG + "aggregate") and v is True:
            out["aggregate_true"].append(str(s))
    for k in ("value_gte_20", "lat_gt_35_01", "aggregate_true", "ill_typed"):
        out[k].sort()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
