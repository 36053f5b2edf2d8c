#!/bin/sh
# Word count on `quern local --workers 2`, healthy and with one worker killed (SIGKILL) mid-run,
# alternately, RUNS pairs after one warm-up; prints each run's wall time and the work re-done, then
# the medians. The killed worker is not replaced: the job finishes on the survivor.
#
# Usage: bench/kill-worker.sh [SIZE]      SIZE: 256m, 1g (default 1g)
# Environment: RUNS (default 3), KILL_AFTER seconds (default 20), CORPUS_ROOT (default /tmp)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
size=${1:-1g}
runs=${RUNS:-3}
kill_after=${KILL_AFTER:-20}
corpus=${CORPUS_ROOT:-/tmp}/quern-corpus-$size
[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests)
[ -d "$corpus" ] || "$root/bin/quern" example-data --kind text --output "$corpus" --size "$size" --files 16 --seed 42
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"

# one_run KILL: prints "wall_seconds failed_map_attempts failed_reduce_attempts rerun_maps"
one_run() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/quern-kill-XXXXXX")
    start=$(date +%s.%N)
    "$root/bin/quern" local --workers 2 --data-dir "$work/cluster" --job wordcount --input "$corpus" \
        --output "$work/out" > "$work/stdout" 2> "$work/stderr" &
    pid=$!
    if [ "$1" = kill ]; then
        sleep "$kill_after"
        victim=$(pgrep -f "QuernMain worker .*--parent-pid $pid" | head -n 1)
        [ -n "$victim" ] && kill -9 "$victim"
    fi
    wait "$pid" || { echo "job failed: $(tail -n 3 "$work/stderr")" >&2; rm -rf "$work"; return 1; }
    end=$(date +%s.%N)
    failed=$(sed -n 's/^failed attempts: \([0-9]*\) map, \([0-9]*\) reduce.*/\1 \2/p' "$work/stderr")
    rerun=$(sed -n 's/.*lost: \([0-9]*\) completed map tasks re-run.*/\1/p' "$work/stderr" | awk '{s+=$1} END {print s+0}')
    echo "$(echo "$end - $start" | bc) ${failed:-0 0} $rerun"
    rm -rf "$work"
}

one_run healthy > /dev/null
healthy=""; killed=""
i=0
while [ $i -lt "$runs" ]; do
    h=$(one_run healthy); k=$(one_run kill)
    echo "pair $((i + 1)): healthy ${h%% *} s | killed after ${kill_after} s: $k (wall, failed map/reduce attempts, maps re-run)"
    healthy="$healthy ${h%% *}"; killed="$killed ${k%% *}"
    i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median wall: healthy $(median "$healthy") s, one worker killed $(median "$killed") s"
