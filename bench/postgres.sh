#!/usr/bin/env bash
# bench/postgres.sh [PAIRS] [SIZE]: claimgraph's PostgreSQL writer against
# Cayley's own SQL writer on the same quads (docs/postgres.md). Runs
# BenchmarkPostgresLoad${SIZE:-1k} (graph/sqlbench_test.go: SIZE synthetic
# articles into a new database) PAIRS times (default 3) for each writer,
# alternating them so that both see the same machine, and prints every run
# and the medians. Needs CLAIMGRAPH_TEST_POSTGRES_URL, a postgres:// URL whose
# role may create databases (see .ci/run for how to start a throw-away server).
set -euo pipefail
pairs=${1:-3}
size=${2:-1k}
: "${CLAIMGRAPH_TEST_POSTGRES_URL:?set it to a postgres:// URL whose role may create databases}"
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/graph.test" ./graph
for ((i = 1; i <= pairs; i++)); do
	for w in cayley claimgraph; do
		rate=$("$tmp/graph.test" -test.run XXX -test.bench "PostgresLoad$size/$w\$" -test.benchtime 1x |
			awk '/quads\/s/ { for (i = 1; i < NF; i++) if ($(i+1) == "quads/s") print $i }')
		echo "run $i $w $rate quads/s"
		echo "$rate" >> "$tmp/$w"
	done
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }'; }
c=$(median "$tmp/cayley")
g=$(median "$tmp/claimgraph")
echo "median: Cayley's writer $c quads/s, claimgraph's $g quads/s, ratio $(awk -v c="$c" -v g="$g" 'BEGIN { printf "%.2f", g / c }')"
