#!/bin/sh
# TeraSort-style sort of generated 100-byte records (bin/quern sort-rows + the map-only sortgen job,
# seed 42, generated once and kept under CORPUS_ROOT) on `quern local --workers 2`, side by side with
# GNU sort on the same records: one warm-up round, then RUNS rounds of one run of each, each run
# timed by bench.py (wall, cpu, peak RSS per role). Quern's output of every run is checked with
# `quern sort-validate` (not timed). Worker JVMs run with -Xmx512m (QUERN_WORKER_OPTS), as in the
# other benchmarks; GNU sort gets `LC_ALL=C sort --parallel=2 -S 1G` over the same files into one file.
#
# Usage: bench/sort.sh [SIZE]          SIZE: e.g. 32m, 256m, 1g (default 1g)
# Environment: RUNS (default 3), REDUCERS (default 2), CORPUS_ROOT (default /tmp),
#   SUITE=1: print only a markdown section to stdout (progress always goes to stderr)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
size=${1:-1g}
runs=${RUNS:-3}
reducers=${REDUCERS:-2}
data=${CORPUS_ROOT:-/tmp}/quern-sort-$size
work=$(mktemp -d "${TMPDIR:-/tmp}/quern-sort-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
quern="$root/bin/quern"
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"
say() { echo "$@" >&2; }

[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests) >&2
"$here/sort-records.sh" "$size" "$data"
bytes=$(cat "$data"/part-m-* | wc -c)
records=$((bytes / 100))

# one SYSTEM COMMAND...: one timed run into a fresh output, a row appended to $work/results.tsv
one() {
    label=$1
    shift
    rm -rf "$work/q.out" "$work/q.cluster" "$work/gnu.out"
    python3 "$here/bench.py" -n 1 --warmup 0 --label "$label" --bytes "$bytes" --log "$work/$label.log" \
        --tsv "$work/results.tsv" -- "$@" >&2
}
quern_sort() {
    one quern-sort "$quern" local --workers 2 --data-dir "$work/q.cluster" --job sort --reducers "$reducers" \
        --input "$data" --output "$work/q.out"
}
gnu_sort() {
    LC_ALL=C one gnu-sort sort --parallel=2 -S 1G -o "$work/gnu.out" "$data"/part-m-*
}
validate() {
    "$quern" sort-validate --input "$data" --output "$work/q.out" >&2 || { say "quern sort output invalid"; exit 1; }
}

say "sort of $records records ($bytes bytes), $runs rounds after a warm-up, $(nproc) cores"
say "warm-up round"
quern_sort
validate
gnu_sort
: > "$work/results.tsv"
i=1
while [ $i -le "$runs" ]; do
    say "round $i"
    quern_sort
    validate
    gnu_sort
    i=$((i + 1))
done

# Medians per system from the rows: label n wall min max cpu MB/s roles(k=v;...)
medians=$(python3 "$here/medians.py" "$work/results.tsv")
gnu=$(echo "$medians" | awk -F '\t' '$1 == "gnu-sort" {print $2}')
table=$(echo "$medians" | while IFS="$(printf '\t')" read -r label wall cpu mbs peaks; do
    case $label in
        quern-sort) name="Quern \`sort\`, local, 2 workers" ;;
        *) name="GNU sort" ;;
    esac
    echo "| $name | $wall | $cpu | $peaks | $mbs | $(echo "scale=2; $wall / $gnu" | bc) |"
done)
section() {
    echo "### Sort"
    echo
    echo "$records records of 100 bytes ($bytes bytes, seed 42); \`quern local --workers 2 --job sort" \
        "--reducers $reducers\` (workers $QUERN_WORKER_OPTS) against \`LC_ALL=C sort --parallel=2 -S 1G\`;" \
        "medians of $runs rounds after a warm-up, $(nproc) cores, commit $(git -C "$root" rev-parse --short HEAD)."
    echo
    echo "| system | median wall s | cpu s | peak RSS per role | MB/s | x GNU sort |"
    echo "|---|---|---|---|---|---|"
    echo "$table"
}
if [ "${SUITE:-}" = 1 ]; then
    section
else
    section >&2
    echo >&2
    say "(the same to stdout with SUITE=1)"
fi
