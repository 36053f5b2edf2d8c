#!/bin/sh
# The benchmark suite: every stage in one session, then one dated section appended to
# docs/benchmarks.md with the machine, the commit, the command, each stage's table and the
# performance goals, met or missed.
#
# Stages (STAGES, space-separated, in this order):
#   wordcount     word count over the anchors' corpus (gen-corpus.py --seed 42 --files 16): Quern
#                 (`quern local --workers 2`, workers at -Xmx512m; QuernGeneral: the same with
#                 --conf quern.kernels=false), Hadoop LocalJobRunner, Spark
#                 local[2], SingleThread and TwoThreads, interleaved in rounds (one run of each system
#                 per round, so they all see the same machine conditions). Every round's outputs are
#                 normalised and compared (the anchors' verify.sh); a difference stops the suite.
#   logstats      Quern's logstats over `quern example-data --kind logs` (16 files), checked: the
#                 requests counted per status plus the malformed lines equal the input's lines.
#   sort compression tiny-job small-files coordinator-scale bounded-memory
#                 run bench/NAME.sh with SUITE=1 when it exists; it prints its markdown section.
# Each timed stage runs one warm-up round, then RUNS rounds; figures are medians of the rounds.
#
# Usage: bench/suite.sh
# Environment:
#   SIZE (default 1g: suffix k, m or g, powers of 1024) the input of wordcount, logstats and sort
#   SYSTEMS (default: all) the systems of the wordcount stage, from Quern QuernGeneral Hadoop Spark
#     SingleThread TwoThreads; SingleThread is always run, as the reference of the outputs
#   RUNS (default 3) timed rounds after the warm-up; STAGES (default: all of the above)
#   CORPUS_ROOT (default /tmp) where generated inputs are cached: corpus-SIZE (the anchors' corpus,
#     the same path as the anchors' run-all.sh), quern-logs-SIZE
#   ANCHORS (default ../shared/anchors from the repository root) the anchors' sources; they are
#     copied to ANCHORS_BUILD (default bench/target/anchors) and built there when not built yet
#   WORK (default a new temporary directory) outputs and the raw log; REFCOUNT=1 also compares with
#     the anchors' independent Python count (about 2 min a GiB); SKIP_BUILD=1 skips the Quern build;
#   BENCH_DOC (default docs/benchmarks.md) the file the section is appended to
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
all_stages="wordcount logstats sort compression tiny-job small-files coordinator-scale bounded-memory"
size=${SIZE:-1g}
runs=${RUNS:-3}
stages=${STAGES:-$all_stages}
all_systems="Quern QuernGeneral Hadoop Spark SingleThread TwoThreads"
systems=${SYSTEMS:-$all_systems}
corpus_root=${CORPUS_ROOT:-/tmp}
anchors_src=${ANCHORS:-$root/../shared/anchors}
anchors=${ANCHORS_BUILD:-$here/target/anchors}
doc=${BENCH_DOC:-$root/docs/benchmarks.md}
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"

usage_error() { echo "suite.sh: $*" >&2; exit 2; }

# bytes_of SIZE: the size in bytes (k, m, g: powers of 1024), or nothing when it is not a size
bytes_of() {
    case $1 in
        *[kK]) n=${1%?}; unit=1024 ;;
        *[mM]) n=${1%?}; unit=1048576 ;;
        *[gG]) n=${1%?}; unit=1073741824 ;;
        *) n=$1; unit=1 ;;
    esac
    case $n in '' | *[!0-9]*) return 0 ;; esac
    echo $((n * unit))
}
bytes=$(bytes_of "$size")
[ -n "$bytes" ] && [ "$bytes" -gt 0 ] || usage_error "SIZE '$size' is not a size (e.g. 64m, 1g)"
case $runs in '' | *[!0-9]* | 0) usage_error "RUNS '$runs' is not a positive number" ;; esac
for s in $systems; do
    case " $all_systems " in *" $s "*) ;; *) usage_error "unknown system '$s' (systems: $all_systems)" ;; esac
done
case " $systems " in *" SingleThread "*) ;; *) systems="$systems SingleThread" ;; esac
for s in $stages; do
    case " $all_stages " in *" $s "*) ;; *) usage_error "unknown stage '$s' (stages: $all_stages)" ;; esac
done
[ -d "$anchors_src" ] || case " $stages " in
    *" wordcount "*) usage_error "no anchors at $anchors_src (set ANCHORS=path)" ;;
esac

work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quern-suite-XXXXXX")}
mkdir -p "$work"
log=$work/suite.log
: > "$log"
commit=$(git -C "$root" rev-parse --short HEAD)
dirty=""
[ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ] || dirty=" (dirty: uncommitted changes)"
command="SIZE=$size RUNS=$runs STAGES=\"$stages\"${SYSTEMS:+ SYSTEMS=\"$SYSTEMS\"} bench/suite.sh"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
suite_start=$(date +%s)
durations=""

say() { echo "suite: $*" | tee -a "$log" >&2; }
fail() { say "FAILED: $*"; say "raw log: $log"; exit 1; }
say "raw per-run log: $log"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building Quern (mvn -B -q package -DskipTests)"
    (cd "$root" && mvn -B -q package -DskipTests) >> "$log" 2>&1 || fail "the Quern build failed"
fi

# The anchors are copied out of their read-only home and built beside the suite, once; a copy
# whose sources differ from ANCHORS is rebuilt from scratch.
ensure_anchors() {
    if [ -d "$anchors" ] && diff -rq -x target "$anchors_src" "$anchors" > /dev/null 2>&1 \
        && [ -f "$anchors/limit/target/anchors-limit-1.0.jar" ] \
        && [ -f "$anchors/hadoop/target/anchors-hadoop-1.0.jar" ] \
        && [ -f "$anchors/spark/target/anchors-spark-1.0.jar" ]; then
        return 0
    fi
    say "building the anchors in $anchors (the first build downloads Hadoop and Spark)"
    rm -rf "$anchors"
    mkdir -p "$anchors"
    cp -R "$anchors_src/." "$anchors/"
    rm -rf "$anchors"/*/target
    (cd "$anchors" && mvn -B -q package) >> "$log" 2>&1 || fail "the anchors' build failed (see the log)"
}

# dir_bytes DIR: the total size of the regular files directly in DIR
dir_bytes() { find "$1" -maxdepth 1 -type f -exec cat {} + | wc -c; }

# timed ROUND LABEL TSV COMMAND...: one run through bench.py, its row appended to TSV after the round
timed() {
    round=$1 label=$2 tsv=$3
    shift 3
    : > "$work/run.tsv"
    : > "$work/run.out"
    echo "== round $round, $label: $*" >> "$log"
    status=0
    python3 "$here/bench.py" -n 1 --warmup 0 --label "$label" --bytes "$stage_bytes" --log "$work/run.out" \
        --tsv "$work/run.tsv" -- "$@" > /dev/null 2> "$work/run.err" || status=$?
    cat "$work/run.out" >> "$log"
    line="round $round$([ "$round" -eq 0 ] && echo ' (warm-up)'): $(head -n 1 "$work/run.err")"
    echo "$line" >> "$log"
    echo "suite: $line" >&2
    [ "$status" -eq 0 ] || fail "$label exited non-zero in round $round: $(tail -n 3 "$work/run.out" | tr '\n' ' ')"
    printf '%s\t%s\n' "$round" "$(cat "$work/run.tsv")" >> "$tsv"
}

# runs SYSTEM: whether the wordcount stage runs SYSTEM
runs_system() { case " $systems " in *" $1 "*) return 0 ;; esac; return 1; }

# counter NAME: a counter of the last Quern run's summary (0 when absent)
counter() { awk -v n="$1" '$1 == n && NF == 2 {v = $2} END {print v + 0}' "$work/run.out"; }

stage_wordcount() {
    ensure_anchors
    corpus=$corpus_root/corpus-$size
    if [ ! -d "$corpus" ] || [ "$(find "$corpus" -maxdepth 1 -type f | wc -l)" -ne 16 ] \
        || [ "$(dir_bytes "$corpus")" -ne "$bytes" ]; then
        say "generating $corpus (gen-corpus.py --bytes $bytes --seed 42 --files 16)"
        rm -rf "$corpus" "$corpus.tmp"
        python3 "$anchors/gen-corpus.py" --bytes "$bytes" --seed 42 --out "$corpus.tmp" --files 16 >> "$log" 2>&1
        mv "$corpus.tmp" "$corpus"
    fi
    stage_bytes=$bytes
    rm -f "$work/metrics"
    res=$work/wordcount
    rm -rf "$res"
    mkdir -p "$res"
    tsv=$res/runs.tsv
    round=0
    while [ "$round" -le "$runs" ]; do
        rm -rf "$res/quern" "$res/quern-cluster" "$res/quern-general" "$res/hadoop" "$res/spark" "$res/two.tsv"
        if runs_system Quern; then
            timed "$round" Quern "$tsv" "$root/bin/quern" local --workers 2 --data-dir "$res/quern-cluster" \
                --job wordcount --input "$corpus" --output "$res/quern"
            rm -rf "$res/quern-cluster"
        fi
        if runs_system QuernGeneral; then
            # The same job through the general mapper and reducer path: what the kernels gain.
            timed "$round" QuernGeneral "$tsv" "$root/bin/quern" local --workers 2 --data-dir "$res/quern-cluster" \
                --job wordcount --input "$corpus" --output "$res/quern-general" --conf quern.kernels=false
            rm -rf "$res/quern-cluster"
        fi
        ! runs_system Hadoop || timed "$round" Hadoop "$tsv" "$anchors/bin/run-hadoop.sh" "$res/hadoop" "$corpus"
        ! runs_system Spark || timed "$round" Spark "$tsv" "$anchors/bin/run-spark.sh" "$res/spark" "$corpus"
        timed "$round" SingleThread "$tsv" "$anchors/bin/run-single.sh" "$res/single.tsv" "$corpus"
        ! runs_system TwoThreads || timed "$round" TwoThreads "$tsv" "$anchors/bin/run-two.sh" "$res/two.tsv" "$corpus"
        # Every system's output of this round, normalised to sorted "word TAB count" lines, must be
        # identical: verify.sh compares each file in normalized/ with SingleThread's (or, with
        # REFCOUNT=1 in the warm-up round, with the anchors' independent Python count).
        rm -rf "$res/normalized"
        mkdir -p "$res/normalized"
        if runs_system Quern; then
            [ -f "$res/quern/_SUCCESS" ] || fail "word count round $round: Quern wrote no _SUCCESS"
            cat "$res"/quern/part-r-* | LC_ALL=C sort > "$res/normalized/quern.tsv"
        fi
        if runs_system QuernGeneral; then
            [ -f "$res/quern-general/_SUCCESS" ] || fail "word count round $round: QuernGeneral wrote no _SUCCESS"
            cat "$res"/quern-general/part-r-* | LC_ALL=C sort > "$res/normalized/quern-general.tsv"
        fi
        set -- "$res"
        [ "${REFCOUNT:-0}" != 1 ] || [ "$round" -ne 0 ] || set -- "$res" "$corpus"
        if ! "$anchors/verify.sh" "$@" > "$res/verify.out" 2>&1; then
            cat "$res/verify.out" >> "$log"
            fail "word count round $round: the outputs DIFFER: $(grep DIFFERS "$res/verify.out" | tr '\n' ' ')"
        fi
        cat "$res/verify.out" >> "$log"
        say "word count round $round: outputs identical ($(grep -c identical "$res/verify.out") compared with the reference)"
        round=$((round + 1))
    done
    distinct=$(wc -l < "$res/normalized/single.tsv")
    words=$(awk -F'\t' '{s += $2} END {printf "%d", s}' "$res/normalized/single.tsv")
    {
        echo "### Word count, $size"
        echo
        echo "Corpus: \`gen-corpus.py --bytes $bytes --seed 42 --files 16\` (the anchors' generator; $words words," \
            "$distinct distinct, ASCII letters only), in the page cache. Quern:" \
            "\`QUERN_WORKER_OPTS=$QUERN_WORKER_OPTS bin/quern local --workers 2 --job wordcount\` (1 slot a worker," \
            "2 reducers), and QuernGeneral the same with \`--conf quern.kernels=false\` (the general mapper and" \
            "reducer path instead of word count's kernels); the anchors: \`bin/run-{hadoop,spark,single,two}.sh\` of \`../shared/anchors\`, JVM defaults." \
            "One warm-up round, then RUNS=$runs rounds of one run of each system; every round's outputs were identical" \
            "after normalisation. Wall and cpu are of the whole process tree; peak RSS is per process, the" \
            "largest of each role (\`local\` = ZooKeeper + coordinator, \`worker\` = a worker JVM, \`java\` = an anchor's JVM)."
        echo
        python3 "$here/suite_report.py" table --runs "$tsv" --bytes "$bytes" --metrics "$work/metrics" \
            --ratio Hadoop/Quern --ratio Spark/Quern --ratio Quern/TwoThreads --ratio Quern/SingleThread \
            --ratio QuernGeneral/Quern
    } > "$work/wordcount.md"
}

stage_logstats() {
    logs=$corpus_root/quern-logs-$size
    if [ ! -d "$logs" ]; then
        say "generating $logs (quern example-data --kind logs --size $size --files 16)"
        rm -rf "$logs.tmp"
        "$root/bin/quern" example-data --kind logs --size "$size" --files 16 --output "$logs.tmp" >> "$log" 2>&1
        mv "$logs.tmp" "$logs"
    fi
    stage_bytes=$(dir_bytes "$logs")
    lines=$(find "$logs" -maxdepth 1 -type f ! -name '[._]*' -exec cat {} + | wc -l)
    res=$work/logstats
    rm -rf "$res"
    mkdir -p "$res"
    round=0
    while [ "$round" -le "$runs" ]; do
        rm -rf "$res/out" "$res/cluster"
        timed "$round" Quern "$res/runs.tsv" "$root/bin/quern" local --workers 2 --data-dir "$res/cluster" \
            --job logstats --input "$logs" --output "$res/out"
        rm -rf "$res/cluster"
        # Independent of the engine: every input line is one request of some status, or malformed.
        counted=$(cat "$res"/out/part-r-* | awk -F'\t' '$1 ~ /^status:/ || $1 == "malformed" {s += $2} END {printf "%d", s}')
        [ -f "$res/out/_SUCCESS" ] && [ "$counted" -eq "$lines" ] \
            || fail "logstats round $round: the output counts $counted requests and malformed lines, the input has $lines lines"
        round=$((round + 1))
    done
    malformed=$(counter malformed)
    {
        echo "### Logstats, $size"
        echo
        echo "Input: \`bin/quern example-data --kind logs --size $size --files 16\` ($stage_bytes bytes, $lines lines," \
            "$malformed malformed), in the page cache. \`QUERN_WORKER_OPTS=$QUERN_WORKER_OPTS bin/quern local --workers 2" \
            "--job logstats\`. One warm-up run, then RUNS=$runs runs; each output was checked: its per-status request counts" \
            "plus \`malformed\` add up to the input's line count."
        echo
        python3 "$here/suite_report.py" table --runs "$res/runs.tsv" --bytes "$stage_bytes"
    } > "$work/logstats.md"
}

# stage_script NAME: bench/NAME.sh with SUITE=1 prints its markdown section on stdout, progress on
# stderr (shown and logged). A missing script is skipped; a failing one is reported in the section.
stage_script() {
    name=$1
    script=$here/$name.sh
    md=$work/$name.md
    if [ ! -f "$script" ]; then
        say "stage $name: skipped, no bench/$name.sh"
        rm -f "$md"
        return 0
    fi
    set --
    case $name in sort | compression) set -- "$size" ;; esac
    if [ -x "$script" ]; then set -- "$script" "$@"; else set -- sh "$script" "$@"; fi
    say "stage $name: SUITE=1 $*"
    { { rc=0; SUITE=1 SIZE="$size" RUNS="$runs" CORPUS_ROOT="$corpus_root" "$@" || rc=$?; echo "$rc" > "$work/rc"; } \
        2>&1 1>&3 3>&- | tee -a "$log" >&2; } 3> "$md"
    rc=$(cat "$work/rc")
    if [ "$rc" -ne 0 ] || [ ! -s "$md" ]; then
        failed_stages="${failed_stages:-}$name "
        printf '### %s\n\n`bench/%s.sh` failed (exit %s); its output is in the raw log.\n' "$name" "$name" "$rc" > "$md"
        say "stage $name: FAILED (exit $rc)"
    fi
}

for stage in $stages; do
    say "stage $stage"
    start=$(date +%s)
    case $stage in
        wordcount) stage_wordcount ;;
        logstats) stage_logstats ;;
        *) stage_script "$stage" ;;
    esac
    durations="$durations${durations:+, }$stage $(($(date +%s) - start)) s"
done

section=$work/section.md
{
    echo
    echo "## Suite run, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- **Machine:** $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))," \
        "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, kernel $(uname -r);" \
        "$(java -version 2>&1 | sed -n 2p); $(mvn -B -v 2>/dev/null | tr -d '\033' | sed -n 's/\[[0-9;]*m//g; /Apache Maven/{s/ (.*//; p; q;}')."
    echo "- **Commit:** \`$commit\`$dirty."
    echo "- **Command:** \`$command\`."
    echo "- **Load average** (1, 5, 15 min) at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "- **Duration:** $durations; $(($(date +%s) - suite_start)) s in all."
    for stage in $stages; do
        if [ -s "$work/$stage.md" ]; then
            echo
            cat "$work/$stage.md"
        fi
    done
    echo
    echo "### Performance goals"
    echo
    set --
    for stage in sort tiny-job; do
        [ ! -s "$work/$stage.md" ] || set -- "$@" --stage "$stage=$work/$stage.md"
    done
    python3 "$here/suite_report.py" goals --metrics "$work/metrics" "$@"
} > "$section"
cat "$section" >> "$doc"
cat "$section"
say "appended the section above to $doc"
say "raw per-run log: $log"
if [ -n "${failed_stages:-}" ]; then
    say "stages that failed: $failed_stages"
    exit 1
fi
