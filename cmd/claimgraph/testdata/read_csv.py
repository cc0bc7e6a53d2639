#!/usr/bin/env python3
"""Reads a claims csv export as analysts do, with pandas.read_csv and its
defaults, and prints what TestExportCSV checks, as JSON: the number of rows,
the dtypes pandas inferred for the numeric columns, and the rows of one
claim id (given) as pandas parsed them.

usage: read_csv.py FILE.csv CLAIM_ID
"""
import json
import sys

import pandas as pd


def main(path, claim):
    df = pd.read_csv(path)
    row = df[df["claim_id"] == claim]
    out = {
        "rows": len(df),
        "columns": list(df.columns),
        "dtypes": {c: str(df[c].dtype) for c in ("lat", "lon", "min", "max", "value")},
        "claim": json.loads(row.to_json(orient="records")),
        "killed_sum_of_min": float(df.loc[df["metric"] == "killed", "min"].sum()),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
