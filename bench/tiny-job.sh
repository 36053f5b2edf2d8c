#!/bin/sh
# A tiny job on a warm cluster: how long from submit to _SUCCESS. Starts ZooKeeper, a coordinator
# and 2 workers (2 slots each) once, with the bin/quern subcommands, on 127.0.0.1 and free ports;
# then one JVM (io.quern.deploy.bench.TinyJobBench, with the Java client) submits WARMUP + RUNS word
# counts over 1 KiB of text, one after another, each into a fresh output directory, and times the
# counted ones from calling submit until _SUCCESS exists. Prints the median and p90. Every process it
# started is killed by PID at the end, also on failure.
#
# Usage: bench/tiny-job.sh
# Environment: RUNS (default 30), WARMUP (default 5), JAVA_OPTS for the servers (default -Xmx512m),
#   WORK (default: a temp dir, removed at the end unless given), SUITE=1: only a markdown section
#   on stdout (progress on stderr).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-30}
warmup=${WARMUP:-5}
quern="$root/bin/quern"
if [ -n "${WORK:-}" ]; then
    work=$WORK
    keep=1
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/quern-tiny-XXXXXX")
    keep=0
fi
mkdir -p "$work"
say() { echo "$@" >&2; }

pids=""
cleanup() {
    for p in $pids; do
        kill "$p" 2>/dev/null || true
    done
    for p in $pids; do
        wait "$p" 2>/dev/null || true
    done
    [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -d "$root/deploy/target/lib" ] && [ -d "$root/deploy/target/test-classes/io/quern/deploy/bench" ] \
    || (cd "$root" && mvn -B -q package -DskipTests >&2)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

export JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
zk_port=$(free_port)
zk="127.0.0.1:$zk_port"
"$quern" zookeeper --port "$zk_port" --data-dir "$work/zk" >"$work/zk.out" 2>&1 &
pids="$pids $!"
"$quern" coordinator --zk "$zk" --port "$(free_port)" --data-dir "$work/coordinator" >"$work/coordinator.out" 2>&1 &
pids="$pids $!"
for i in 1 2; do
    "$quern" worker --zk "$zk" --port "$(free_port)" --data-dir "$work/w$i" --slots 2 >"$work/w$i.out" 2>&1 &
    pids="$pids $!"
done

say "tiny-job: waiting for 2 workers at $zk (logs under $work)"
tries=0
until [ "$("$quern" workers --zk "$zk" 2>/dev/null | wc -l)" -eq 2 ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ]; then
        say "tiny-job: the cluster did not come up within 60 s; see $work"
        exit 1
    fi
    sleep 0.5
done

say "tiny-job: $warmup warm-up jobs, then $runs timed jobs"
result=$(java -Xmx256m -cp "$root/deploy/target/lib/*:$root/deploy/target/test-classes" \
    io.quern.deploy.bench.TinyJobBench "$zk" "$work/jobs" "$runs" "$warmup")
set -- $result
median=$1 p90=$2 min=$3 max=$4 await_extra=$5 counted=$6
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)

if [ "${SUITE:-0}" = 1 ]; then
    cat <<EOF
### Tiny job

Word count over 1 KiB of text on a warm cluster (ZooKeeper, a coordinator and 2 workers of 2 slots,
separate JVMs on 127.0.0.1), $counted sequential jobs after $warmup warm-up ones, submitted from one
JVM with the Java client and timed from calling submit until \`_SUCCESS\` exists. Commit \`$commit\`,
$(nproc) cores. Command: \`RUNS=$runs WARMUP=$warmup bench/tiny-job.sh\`.

| median ms | p90 ms | min ms | max ms |
|---|---|---|---|
| $median | $p90 | $min | $max |
EOF
else
    echo "tiny job (word count, 1 KiB, warm cluster of 2 workers), $counted runs after $warmup warm-up, commit $commit:"
    echo "  submit to _SUCCESS: median $median ms, p90 $p90 ms (min $min, max $max)"
    echo "  _SUCCESS to await() returning: mean $await_extra ms"
fi
