#!/bin/sh
# Word count over a generated text corpus (16 files, seed 42) on `quern local --workers 2`, timed
# by bench.py: median of RUNS runs after one warm-up, wall, cpu and every process's peak RSS.
# Worker JVMs run with -Xmx512m (QUERN_WORKER_OPTS), the bounded-memory requirement.
#
# Usage: bench/wordcount.sh [SIZE]        SIZE: 256m, 1g (default 1g)
# Environment: RUNS (default 3), CORPUS_ROOT (default /tmp), RESULTS (default bench/results.tsv)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
size=${1:-1g}
runs=${RUNS:-3}
corpus=${CORPUS_ROOT:-/tmp}/quern-corpus-$size
results=${RESULTS:-$here/results.tsv}
[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests)
if [ ! -d "$corpus" ]; then
    "$root/bin/quern" example-data --kind text --output "$corpus" --size "$size" --files 16 --seed 42
fi
bytes=$(cat "$corpus"/* | wc -c)
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"
python3 "$here/bench.py" -n "$runs" --warmup 1 --label "quern-local-2w-wordcount-$size" --bytes "$bytes" \
    --log "${TMPDIR:-/tmp}/quern-bench.log" --tsv "$results" -- "$here/run-job.sh" "$corpus" wordcount
