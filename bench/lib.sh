# bench/lib.sh: what the bench scripts share; sourced, not run.

# bench_setup: cd to the repository's root, set corpus (the dev corpus, or
# $CORPUS) and tmp (a directory removed at exit), and build claimgraph
# into $tmp/claimgraph.
bench_setup() {
	cd "$(dirname "${BASH_SOURCE[0]}")/.."
	corpus=${CORPUS:-$PWD/../shared/corpus/fakes_dev.jsonl}
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	go build -o "$tmp/claimgraph" ./cmd/claimgraph
}

# stock_cayley DIR: prints the path of stock Cayley's command: $CAYLEY, or
# `cayley` at the version go.mod requires, built in a throw-away module
# under DIR as a user builds it (run from the repository's root).
stock_cayley() {
	if [ -n "${CAYLEY:-}" ]; then
		echo "$CAYLEY"
		return
	fi
	local version
	version=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
	mkdir -p "$1/stock"
	printf 'module claimgraph.bench/stockcayley\n\ngo 1.12\n\nrequire github.com/cayleygraph/cayley %s\n' "$version" > "$1/stock/go.mod"
	(cd "$1/stock" && CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=mod go build -o "$1/cayley" github.com/cayleygraph/cayley/cmd/cayley) >&2
	echo "$1/cayley"
}
