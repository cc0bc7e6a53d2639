#!/usr/bin/env bash
# bench/scale.sh N: the scale figures of the README's "Scale" section, for
# an archive of N articles (default 10000) synthesized from the dev corpus.
# Prints, for bolt in a temporary directory: the load of N articles from
# text (extraction and a full link), a full relink, the next 1,000 articles
# loaded into a copy of the store (synced to disk first, so that the copy's
# writeback does not share the run) and into an empty store, and their
# ratio, deleting 20 of the archive's articles from such a copy, loading 10
# new articles and deleting them again (each relinking what it touches),
# the page's first answer (serve), with wall time, peak
# RSS (with its peaks of private memory, RssAnon, and of the bolt file's
# mapped pages, RssFile, sampled every half second, so a step shorter
# than that may show less) and what the relink
# touched; then stock Cayley's own loader
# (`cayley load`, the version go.mod requires, built in a throw-away module
# as a user builds it, or $CAYLEY) loading the same store exported as
# N-Quads into a fresh bolt store, and the ratio of the two loads. Needs
# ../shared/corpus/fakes_dev.jsonl, GNU time (/usr/bin/time) and curl.
set -euo pipefail
n=${1:-10000}
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_setup
go run ./cmd/synth -n $((n + 1000)) -seed 1 "$corpus" > "$tmp/all.jsonl"
head -n "$n" "$tmp/all.jsonl" > "$tmp/base.jsonl"
tail -n 1000 "$tmp/all.jsonl" > "$tmp/next1k.jsonl"
head -n 10 "$tmp/next1k.jsonl" > "$tmp/new.jsonl"
cg=("$tmp/claimgraph" --db "$tmp/s.db") # an array, not a function: GNU time runs programs only
step() { # step NAME COMMAND...: run, print wall time, peak RSS (and its private and file-mapped parts) and the link summary
	local name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > "$tmp/out" 2>&1 &
	local timer=$! pid="" anon=0 file=0 a f
	# peak RssAnon (the process's own memory) and RssFile (pages of the
	# bolt file mapped in, which the kernel can take back), sampled
	while kill -0 "$timer" 2>/dev/null; do
		[ -n "$pid" ] || pid=$(pgrep -P "$timer" | head -n 1 || true)
		if [ -n "$pid" ] && read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null); then
			((a > anon)) && anon=$a
			((f > file)) && file=$f
		fi
		sleep 0.5
	done
	wait "$timer"
	read -r secs kb < "$tmp/time"
	local link
	link=$(python3 -c 'import json,sys
d=[json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
if not d: sys.exit()
l=d[-1].get("link",d[-1])
print("%s %s articles in %.1f s, %s components written (largest %s articles), %s removed" % ("linked" if l.get("full") else "relinked", l.get("articles"), l.get("ms", 0) / 1000, l.get("rewritten"), l.get("largest"), l.get("removed")))' "$tmp/out" 2>/dev/null || true)
	printf '%-44s %8.1f s %6d MB (anon %d, file %d)   %s\n' "$name" "$secs" $((kb / 1024)) $((anon / 1024)) $((file / 1024)) "$link"
}
echo "archive of $n synthesized articles, bolt ($(nproc) cores)"
step "load $n from text, extract, link" "${cg[@]}" load --format json "$tmp/base.jsonl"
ours=$secs
step "full relink (link)" "${cg[@]}" link --format json
cp -r "$tmp/s.db" "$tmp/copy.db"
sync
step "the next 1,000 into a copy of the store" "$tmp/claimgraph" --db "$tmp/copy.db" load --format json "$tmp/next1k.jsonl"
into=$secs
rm -rf "$tmp/copy.db"
step "the same 1,000 into an empty store" "$tmp/claimgraph" --db "$tmp/empty.db" load --format json "$tmp/next1k.jsonl"
rm -rf "$tmp/empty.db"
python3 -c 'import sys; print("the next 1,000 into the store / into an empty one: %.1f (goal <= 2)" % (float(sys.argv[1]) / float(sys.argv[2])))' "$into" "$secs"
# 20 of the archive's articles, evenly spaced, deleted from a synced copy
# (the store itself keeps what the load of N wrote, for the export below)
old=$(python3 -c 'import json,sys
ls=open(sys.argv[1]).readlines()
print(" ".join(json.loads(ls[i * len(ls) // 20])["id"] for i in range(20)))' "$tmp/base.jsonl")
cp -r "$tmp/s.db" "$tmp/copy.db"
sync
# shellcheck disable=SC2086
step "delete 20 of the archive from a copy" "$tmp/claimgraph" --db "$tmp/copy.db" delete --format json $old
rm -rf "$tmp/copy.db"
step "load 10 new, relink what they touch" "${cg[@]}" load --format json "$tmp/new.jsonl"
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$tmp/new.jsonl")
# shellcheck disable=SC2086
step "delete those 10, relink what they touch" "${cg[@]}" delete --format json $ids

# the page: seconds until its first JSON answer (the snapshot of the
# store), and the server's private memory then
port=$((17000 + RANDOM % 1000))
"${cg[@]}" serve --addr "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
server=$!
start=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 600 "http://127.0.0.1:$port/api/events?limit=5" || true)" = 200 ]; do
	kill -0 "$server" 2>/dev/null || { echo "serve stopped:"; cat "$tmp/serve.log"; exit 1; }
	sleep 0.5
done
python3 -c 'import sys; print("%-44s %8.1f s (anon %d MB)" % ("serve: the first /api/events answer", float(sys.argv[2]) - float(sys.argv[1]), int(sys.argv[3]) // 1024))' "$start" "$(date +%s.%N)" "$(awk '/^RssAnon/{print $2}' "/proc/$server/status")"
kill "$server"
wait "$server" 2>/dev/null || true

# the anchor: Cayley's own loader writing the same quads (the store after
# the delete holds what the load of N wrote, exported as N-Quads)
cayley=$(stock_cayley "$tmp")
"${cg[@]}" export --format nquads > "$tmp/store.nq"
quads=$(wc -l < "$tmp/store.nq")
step "cayley load of the same $quads quads" "$cayley" load --db bolt --dbpath "$tmp/stock.db" --init -i "$tmp/store.nq"
python3 -c 'import sys; print("claimgraph load from text / cayley load of its quads: %.2f (goal <= 1.0)" % (float(sys.argv[1]) / float(sys.argv[2])))' "$ours" "$secs"
