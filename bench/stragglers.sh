#!/bin/sh
# Stragglers and skew: word count on `quern local`, side by side, in rounds (one run of every case
# per round, RUNS rounds after one warm-up round), then the median of each case and its ratio to the
# healthy balanced run with mitigation on.
#
#   healthy      balanced corpus, every worker at full speed
#   slow         balanced corpus, one worker JVM at half speed for the whole run: SIGSTOP 200 ms,
#                SIGCONT 200 ms, repeated (far below the 3 s of silence that suspends a worker)
#   skewed       skewed corpus: the first file SKEW times each other one (--skew-file) and 60% of all
#                words "the" (--hot-key-share 0.6), the same total size
# each with mitigation on (the default) and off (--no-speculation --no-skew-mitigation).
#
# Cluster: --workers 2 --slots 2, on a machine of 2 cores. With 1 slot a worker, a worker at half
# speed takes away half of one of the two slots and nothing can use the core it leaves idle, so no
# scheduler can do better than 2 / 1.5 = 1.33x the healthy time. With 2 slots a worker, the healthy
# worker's two task threads can use both cores while the slow one is stopped, as a cluster with
# spare capacity can; what is then measured is what stragglers cost beyond lost capacity (the tail
# of tasks stuck on the slow worker), which is what backups and splits are for. (Three workers of
# one slot would do the same with three JVMs on two cores.)
#
# Tasks must be large enough for a straggler's tail to show: with many small maps, a slow worker
# simply takes fewer of them. So the corpora have FILES files (default 4) and the job runs with
# --split-size 1g --conf quern.split.pack=false: one map per file, never cut and never packed
# with other files. The skewed corpus has 16 files, the first SKEW (default 30)
# times each other one, so that it is 30 / 45 of the input: on 2 cores a map of 40% of the input
# (SKEW 10) would barely show, because the tail of one map running alone still gets a whole core.
#
# Usage: bench/stragglers.sh [SIZE]       SIZE: e.g. 128m, 256m (default 256m)
# Environment: RUNS (default 3), CORPUS_ROOT (default /tmp), CASES (default: all, space-separated),
#   WORKERS and SLOTS (default 2 and 2: the cluster shape, see above), FILES (default 4),
#   JOB_OPTS (default "--split-size 1g --conf quern.split.pack=false"): more options for every job,
#   SKEW (default 30)
# Prints one line per run and a table of medians; the runs' logs stay in $WORK (default: a temp dir).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
size=${1:-256m}
runs=${RUNS:-3}
workers=${WORKERS:-2}
slots=${SLOTS:-2}
cases=${CASES:-"healthy-on healthy-off slow-on slow-off skewed-on skewed-off"}
files=${FILES:-4}
job_opts=${JOB_OPTS:---split-size 1g --conf quern.split.pack=false}
balanced=${CORPUS_ROOT:-/tmp}/quern-corpus-$size-$files
skew=${SKEW:-30}
skewed=${CORPUS_ROOT:-/tmp}/quern-skewed-$size-$skew
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quern-stragglers-XXXXXX")}
mkdir -p "$work"
[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests)
[ -d "$balanced" ] || "$root/bin/quern" example-data --kind text --output "$balanced" --size "$size" --files "$files" --seed 42
[ -d "$skewed" ] || "$root/bin/quern" example-data --kind text --output "$skewed" --size "$size" --files 16 \
    --seed 42 --skew-file "$skew" --hot-key-share 0.6
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"

# slow_down PID: halves the speed of the first worker the `quern local` of PID starts, until PID ends.
slow_down() {
    victim=""
    while [ -z "$victim" ] && kill -0 "$1" 2>/dev/null; do
        victim=$(pgrep -f "QuernMain worker .*--parent-pid $1" | head -n 1 || true)
        [ -n "$victim" ] || sleep 0.1
    done
    while kill -0 "$1" 2>/dev/null && kill -STOP "$victim" 2>/dev/null; do
        sleep 0.2
        kill -CONT "$victim" 2>/dev/null || break
        sleep 0.2
    done
    kill -CONT "$victim" 2>/dev/null || true
}

# one_run CASE N: prints "CASE wall_s job_s backups_launched backups_won maps_split"
one_run() {
    name=$1
    corpus=$balanced
    mitigation=""
    case $name in skewed-*) corpus=$skewed ;; esac
    case $name in *-off) mitigation="--no-speculation --no-skew-mitigation" ;; esac
    log="$work/$name-$2"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # $mitigation and $job_opts are words or none
    "$root/bin/quern" local --workers "$workers" --slots "$slots" --data-dir "$log.cluster" --job wordcount --input "$corpus" \
        --output "$log.out" $job_opts $mitigation > "$log.stdout" 2> "$log.stderr" &
    pid=$!
    slower=""
    case $name in slow-*) slow_down "$pid" & slower=$! ;; esac
    status=0
    wait "$pid" || status=$?
    [ -z "$slower" ] || wait "$slower" || true
    end=$(date +%s.%N)
    if [ "$status" -ne 0 ]; then
        echo "$name run $2 failed (exit $status): $(tail -n 3 "$log.stderr")" >&2
        return 1
    fi
    job=$(sed -n 's/^job job-[0-9]* (wordcount) SUCCEEDED in \([0-9.]*\) s.*/\1/p' "$log.stderr")
    mit=$(sed -n 's/^stragglers: \([0-9]*\) backup attempts launched, \([0-9]*\) won; \([0-9]*\) straggling.*/\1 \2 \3/p' \
        "$log.stderr")
    echo "$name $(echo "$end - $start" | bc) ${job:-?} ${mit:-0 0 0}"
    rm -rf "$log.cluster" "$log.out"
}

echo "cluster: --workers $workers --slots $slots; job options: $job_opts; $(nproc) cores; commit $(git -C "$root" rev-parse --short HEAD)"
echo "corpora: $balanced ($(cat "$balanced"/* | wc -c) bytes), $skewed ($(cat "$skewed"/* | wc -c) bytes); logs in $work"
for c in $cases; do one_run "$c" 0 > /dev/null; done # warm-up: page cache, disk
results="$work/results"
: > "$results"
i=1
while [ $i -le "$runs" ]; do
    for c in $cases; do
        line=$(one_run "$c" "$i")
        echo "round $i: $line (case, wall s, job s, backups launched, won, maps split)"
        echo "$line" >> "$results"
    done
    i=$((i + 1))
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
base=$(awk '$1 == "healthy-on" {print $2}' "$results" | median)
echo
echo "| case | median wall s | median job s | x healthy-on (wall) | backups launched / won, maps split (per run) |"
echo "|---|---|---|---|---|"
for c in $cases; do
    wall=$(awk -v c="$c" '$1 == c {print $2}' "$results" | median)
    job=$(awk -v c="$c" '$1 == c {print $3}' "$results" | median)
    mit=$(awk -v c="$c" '$1 == c {printf "%s%s/%s, %s", sep, $4, $5, $6; sep="; "}' "$results")
    ratio=$(echo "scale=2; $wall / $base" | bc)
    echo "| $c | $wall | $job | $ratio | $mit |"
done
