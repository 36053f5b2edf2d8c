#!/bin/sh
# Word count over 10,000 small files on `quern local --workers 2` (workers at -Xmx512m): the files
# are packed into combined splits of up to --split-size, so they make a handful of map tasks rather
# than 10,000. One warm-up run, then RUNS runs, each timed by bench.py (wall, cpu, peak RSS per
# role); each run's word total is checked against the input's, counted independently by the script.
# With UNPACKED=1 one more run (not a median) uses `--conf quern.split.pack=false`: a map task per
# file, to show what packing saves.
#
# Usage: bench/small-files.sh            (the input: FILES files, TOTAL bytes together)
# Environment: RUNS (default 3), FILES (default 10000), TOTAL (default 100m), CORPUS_ROOT (default /tmp),
#   UNPACKED=1, SUITE=1: print only a markdown section to stdout (progress always goes to stderr)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-3}
files=${FILES:-10000}
total=${TOTAL:-100m}
data=${CORPUS_ROOT:-/tmp}/quern-small-$files-$total
work=$(mktemp -d "${TMPDIR:-/tmp}/quern-small-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
quern="$root/bin/quern"
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"
say() { echo "$@" >&2; }

[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests) >&2
if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    say "generating $files files, $total in all, into $data"
    "$quern" example-data --kind text --size "$total" --files "$files" --seed 42 --output "$data" >&2
    touch "$data/.complete"
fi
bytes=$(cat "$data"/* | wc -c)
# Words as wordcount defines them, for ASCII and other letters alike: runs of \p{L}.
expected=$(cat "$data"/* | python3 -c '
import re, sys
print(sum(len(re.findall(r"[^\W\d_]+", line)) for line in sys.stdin))')

# one LABEL [MORE OPTIONS]: one timed run, its row appended to $work/results.tsv, its output checked
one() {
    label=$1
    shift
    rm -rf "$work/out" "$work/cluster"
    python3 "$here/bench.py" -n 1 --warmup 0 --label "$label" --bytes "$bytes" --log "$work/$label.log" \
        --tsv "$work/results.tsv" -- "$quern" local --workers 2 --data-dir "$work/cluster" --job wordcount \
        --input "$data" --output "$work/out" "$@" >&2
    got=$(cat "$work"/out/part-r-* | awk -F '\t' '{n += $2} END {print n + 0}')
    [ "$got" = "$expected" ] || { say "$label: the output counts $got words, the input has $expected"; exit 1; }
    maps=$(sed -n 's/.*SUCCEEDED in .*: map \([0-9]*\)\/[0-9]* tasks.*/\1/p' "$work/$label.log" | tail -n 1)
    echo "$label ${maps:-?}" >> "$work/maps"
}

say "word count over $files files ($bytes bytes, $expected words), $runs runs after a warm-up, $(nproc) cores"
one warm-up
: > "$work/results.tsv"
i=1
while [ $i -le "$runs" ]; do
    say "run $i"
    one packed
    i=$((i + 1))
done
[ "${UNPACKED:-}" != 1 ] || one one-map-per-file --conf quern.split.pack=false

table=$(python3 "$here/medians.py" "$work/results.tsv" | while IFS="$(printf '\t')" read -r label wall cpu mbs peaks; do
    case $label in
        packed) name="packed splits (the default)" ;;
        *) name="a map task per file (\`quern.split.pack=false\`), one run" ;;
    esac
    echo "| $name | $(awk -v l="$label" '$1 == l {print $2}' "$work/maps" | tail -n 1) | $wall | $cpu | $peaks | $mbs |"
done)
section() {
    echo "### $files small files"
    echo
    echo "Word count over $files files of \`example-data --kind text --size $total --files $files --seed 42\`" \
        "($bytes bytes); \`quern local --workers 2 --job wordcount\` (workers $QUERN_WORKER_OPTS); medians of $runs" \
        "runs after a warm-up, every output's word total checked; $(nproc) cores, commit $(git -C "$root" rev-parse --short HEAD)."
    echo
    echo "| splits | map tasks | median wall s | cpu s | peak RSS per role | MB/s |"
    echo "|---|---|---|---|---|---|"
    echo "$table"
}
if [ "${SUITE:-}" = 1 ]; then
    section
else
    section >&2
fi
