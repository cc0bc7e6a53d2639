#!/usr/bin/env bash
# bench/vscayley.sh [N] [ROUNDS] [BATCH...]: claimgraph's load of N articles
# synthesized from the dev corpus (default 10000), from text, extraction
# and a full link included, against stock `cayley load` (the version go.mod
# requires, or $CAYLEY) of the same quads: claimgraph's export of them as
# N-Quads. ROUNDS rounds (default 3), each running, in turn and into fresh
# bolt stores, claimgraph with the default batch, claimgraph with each
# --batch BATCH given, and cayley, so that all see the same machine.
# Prints every run (wall time, peak RSS from GNU time), then for each
# claimgraph variant the median of its rounds' ratios to cayley's run of
# the same round (the issue's goal: <= 1.0). Needs
# ../shared/corpus/fakes_dev.jsonl and GNU time (/usr/bin/time).
set -euo pipefail
n=${1:-10000}
rounds=${2:-3}
batches=("${@:3}")
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_setup
cayley=$(stock_cayley "$tmp")
go run ./cmd/synth -n "$n" -seed 1 "$corpus" > "$tmp/s.jsonl"
"$tmp/claimgraph" --db "$tmp/q.db" load "$tmp/s.jsonl" > /dev/null
"$tmp/claimgraph" --db "$tmp/q.db" export --format nquads > "$tmp/s.nq"
rm -rf "$tmp/q.db"
echo "$n synthesized articles, $(wc -l < "$tmp/s.nq") quads, bolt ($(nproc) cores), $rounds rounds"
variants=(claimgraph)
for b in "${batches[@]}"; do
	variants+=("claimgraph--batch-$b")
done
for ((r = 1; r <= rounds; r++)); do
	for v in "${variants[@]}" cayley; do
		case $v in
		cayley) cmd=("$cayley" load --db bolt --dbpath "$tmp/r.db" --init -i "$tmp/s.nq") ;;
		claimgraph) cmd=("$tmp/claimgraph" --db "$tmp/r.db" load "$tmp/s.jsonl") ;;
		*) cmd=("$tmp/claimgraph" --db "$tmp/r.db" load --batch "${v##*-}" "$tmp/s.jsonl") ;;
		esac
		rm -rf "$tmp/r.db"
		/usr/bin/time -f "%e %M" -o "$tmp/time" "${cmd[@]}" > /dev/null 2>&1
		read -r secs kb < "$tmp/time"
		echo "$r $v $secs" >> "$tmp/runs"
		printf 'round %d  %-28s %7.1f s  peak RSS %6d MB\n' "$r" "$v" "$secs" $((kb / 1024))
	done
done
python3 - "$tmp/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r, v, secs = line.split()
    runs.setdefault(v, {})[r] = float(secs)
for v, times in runs.items():
    if v == "cayley":
        continue
    ratios = [t / runs["cayley"][r] for r, t in times.items()]
    print("%-28s median %.1f s, against cayley load (paired): median %.2f (%.2f-%.2f; goal <= 1.0)" % (
        v, statistics.median(times.values()), statistics.median(ratios), min(ratios), max(ratios)))
print("%-28s median %.1f s" % ("cayley", statistics.median(runs["cayley"].values())))
PY
