#!/usr/bin/env bash
# bench/postgres.sh [PAIRS] [SIZE]: claimgraph's PostgreSQL writer against
# Cayley's own SQL writer on the same quads, with claimgraph's bolt store
# beside them (docs/postgres.md). Runs BenchmarkPostgresLoad${SIZE:-1k}
# (graph/sqlbench_test.go: SIZE synthetic articles into a new database) for
# each writer and BenchmarkLoad${SIZE} (graph/bench_test.go: the same
# articles into a new bolt store) PAIRS times (default 3), alternating them
# (Cayley, claimgraph, bolt, Cayley, …) so that all see the same machine,
# and prints every run, the medians and the ratio of claimgraph's to
# Cayley's on PostgreSQL. Needs CLAIMGRAPH_TEST_POSTGRES_URL, a postgres://
# URL whose role may create databases (see .ci/run for how to start a
# throw-away server).
set -euo pipefail
pairs=${1:-3}
size=${2:-1k}
: "${CLAIMGRAPH_TEST_POSTGRES_URL:?set it to a postgres:// URL whose role may create databases}"
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/graph.test" ./graph
for ((i = 1; i <= pairs; i++)); do
	for w in cayley claimgraph bolt; do
		bench="^BenchmarkPostgresLoad$size\$/^$w\$"
		if [[ $w == bolt ]]; then
			bench="^BenchmarkLoad$size\$"
		fi
		rate=$("$tmp/graph.test" -test.run XXX -test.bench "$bench" -test.benchtime 1x |
			awk '/quads\/s/ { for (i = 1; i < NF; i++) if ($(i+1) == "quads/s") print $i }')
		echo "run $i $w $rate quads/s"
		echo "$rate" >> "$tmp/$w"
	done
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }'; }
c=$(median "$tmp/cayley")
g=$(median "$tmp/claimgraph")
echo "median: Cayley's writer $c quads/s, claimgraph's $g quads/s, ratio $(awk -v c="$c" -v g="$g" 'BEGIN { printf "%.2f", g / c }'); bolt $(median "$tmp/bolt") quads/s"
