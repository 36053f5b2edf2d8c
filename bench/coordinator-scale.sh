#!/bin/sh
# The coordinator at scale, by simulation: the real scheduler (coordinator.schedule.Scheduler and
# its collaborators) with simulated workers at the RPC boundary, on simulated time, through one job.
# Default shape: 2,000 workers x 2 slots, heartbeats every 500 ms, maps of 3 s and reduces of 4 s
# (each 0.6..1.4 of that, times a per-worker pace of 0.8..1.2), 200,000 maps and 5,000 reduces.
#
# Usage: bench/coordinator-scale.sh [options of CoordinatorScaleBenchmark]
#        e.g. --workers 50 --maps 2000 --reduces 50
# Environment: RUNS (default 3), XMX (default 1g), SKIP_BUILD=1 (use what is built),
#   SUITE=1 (stdout: only a markdown section; progress on stderr), WORK (default: a temp dir, kept)
# Figures: assignments (StartTask calls) per second of real time and per CPU second of the
# simulation thread (one thread owns the scheduler), total real time, and the heap: in use after a
# full GC when the last map reports, once the first wave of reduces is placed, and at the end; the
# largest heap after any GC in the GC log; the pools' peak (garbage included).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-3}
xmx=${XMX:-1g}
suite=${SUITE:-0}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quern-coordinator-scale-XXXXXX")}
mkdir -p "$work"
say() { echo "$@" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building (mvn -B -q package -DskipTests) ..."
    (cd "$root" && mvn -B -q package -DskipTests) >&2
fi
classes="$root/coordinator/target/classes"
tests="$root/coordinator/target/test-classes"
if [ ! -f "$tests/io/quern/coordinator/schedule/CoordinatorScaleBenchmark.class" ]; then
    say "coordinator-scale: not built: run 'mvn -B -q package -DskipTests' in $root"
    exit 2
fi
cat > "$work/logback.xml" <<'EOF'
<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%level %logger{0}: %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="ERR"/></root>
</configuration>
EOF

cmd_args="$*"
i=1
while [ "$i" -le "$runs" ]; do
    say "run $i of $runs ..."
    java -Xmx"$xmx" -Xlog:gc:file="$work/gc-$i.log" -Dlogback.configurationFile="$work/logback.xml" \
        -cp "$tests:$classes:$root/deploy/target/lib/*" io.quern.coordinator.schedule.CoordinatorScaleBenchmark \
        "$@" > "$work/run-$i.txt" 2> "$work/run-$i.err" || {
            say "run $i failed:"; cat "$work/run-$i.err" >&2; exit 1; }
    # Largest heap after any collection: "...M->123M(1024M)" in G1's gc log lines.
    gcmax=$(sed -n 's/.*->\([0-9]*\)M([0-9]*M).*/\1/p' "$work/gc-$i.log" | sort -n | tail -1)
    echo "gc_max_after_mib ${gcmax:-0}" >> "$work/run-$i.txt"
    say "$(tr '\n' ' ' < "$work/run-$i.txt")"
    i=$((i + 1))
done

# The run with the median real time stands for all; the table lists every run.
median_run=$(for i in $(seq 1 "$runs"); do echo "$(awk '$1=="real_seconds"{print $2}' "$work/run-$i.txt") $i"; done \
    | sort -n | awk -v n="$runs" 'NR==int((n+1)/2){print $2}')
get() { awk -v k="$1" '$1==k{print $2}' "$work/run-$2.txt"; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
ram=$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)
javav=$(java -version 2>&1 | head -1)
commit=$(cd "$root" && git rev-parse --short HEAD)
load=$(cut -d' ' -f1-3 /proc/loadavg)
m=$median_run

report() {
    echo "### Coordinator at scale"
    echo
    echo "Simulated: $(get assignments "$m") assignments ($(get map_assignments "$m") map, $(get reduce_assignments "$m") reduce, $(get backups "$m") of them backups), $(get heartbeats "$m") heartbeats, $(get reports "$m") reports over $(get simulated_seconds "$m") s of simulated time; options: \`${cmd_args:-defaults: 2000 workers x 2 slots, 200000 maps, 5000 reduces}\`."
    echo "Machine: $(nproc) cores ($cpu), $ram, $javav; load average $load at the end. Commit \`$commit\`."
    echo "Command: \`RUNS=$runs XMX=$xmx bench/coordinator-scale.sh${cmd_args:+ $cmd_args}\` (JVM \`-Xmx$xmx\`, G1, GC log)."
    echo
    echo "| run | real s | assignments / s | CPU s (scheduler thread) | assignments / CPU s | heap after GC, maps done | heap after GC, reduces assigned | largest heap after any GC | job |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for i in $(seq 1 "$runs"); do
        echo "| $i$([ "$i" = "$m" ] && echo ' (median)') | $(get real_seconds "$i") | $(get assignments_per_second "$i") | $(get cpu_seconds "$i") | $(get assignments_per_cpu_second "$i") | $(get heap_after_gc_maps_done_mib "$i") MiB | $(get heap_after_gc_reduces_assigned_mib "$i") MiB | $(get gc_max_after_mib "$i") MiB | $(get job_state "$i") |"
    done
    echo
    echo "Map output location tables handed to reduce assignments: $(get location_tables "$m") (shared). Problems found by the simulation's checks: $(get problems "$m")."
}

if [ "$suite" = 1 ]; then
    report
else
    report
    say "runs' output and GC logs: $work"
fi
