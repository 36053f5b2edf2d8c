#!/usr/bin/env bash
# Stops a test cluster that cluster-up.sh started and removes its network: every recorded server
# (SIGTERM, then SIGKILL after a grace period), then whatever still runs in its namespaces, then
# the namespaces, veths and bridge. Succeeds however much of the cluster is already gone, so it
# may run twice, or after a crash. The run directory (logs, data, shared files) stays.
#
#   cluster-down.sh --run-dir DIR      the cluster recorded in DIR/cluster.env
#   cluster-down.sh --prefix P         whatever namespaces and links of prefix P exist
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

run=
PREFIX=
grace=10
while (($#)); do
    case $1 in
        --run-dir) run=${2:?--run-dir needs a directory}; shift 2 ;;
        --prefix) PREFIX=${2:?--prefix needs a value}; shift 2 ;;
        --grace) grace=${2:?--grace needs seconds}; shift 2 ;;
        -h | --help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ -n $run || -n $PREFIX ]] || die "give --run-dir or --prefix"
[[ $grace =~ ^[0-9]+$ ]] || die "--grace must be whole seconds, not '$grace'"
need_root
if [[ -n $run && -d $run ]]; then
    run=$(cd "$run" && pwd)
    exec 9>"$run/.lock"
    flock -w 60 9 || die "another cluster-up or cluster-down holds $run"
    if [[ -f $run/cluster.env ]]; then
        given=$PREFIX
        load_env "$run"
        [[ -z $given || $given == "$PREFIX" ]] || die "$run holds cluster $PREFIX, not $given"
    fi
fi
[[ -n $PREFIX ]] || { say "nothing recorded in $run"; exit 0; }
check_prefix "$PREFIX"

# --- the recorded servers, by PID (only while the PID is still the process we started): the
# workers and the coordinator first, so they can hand back work and deregister, then ZooKeeper
# stop() NODE...: SIGTERM to each, SIGKILL to those still running after the grace period.
stop() {
    local node pid pids=() deadline=$((SECONDS + grace))
    for node in "$@"; do
        if pid=$(live_pid "$run" "$node"); then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    for pid in "${pids[@]}"; do
        while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
if [[ -n $run && -d $run/pids ]]; then
    servers=()
    zookeepers=()
    for f in "$run"/pids/*.pid; do
        [[ -e $f ]] || continue
        node=$(basename "$f" .pid)
        if [[ $node == zk* ]]; then zookeepers+=("$node"); else servers+=("$node"); fi
    done
    stop "${servers[@]}"
    stop "${zookeepers[@]}"
    rm -f "$run"/pids/*.pid
fi

# --- anything left in the namespaces, then the namespaces themselves
for ns in $(namespaces_of "$PREFIX"); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill -KILL "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < 50; i++)); do
        [[ -z $(ip netns pids "$ns" 2>/dev/null) ]] && break
        sleep 0.1
    done
    ip netns del "$ns" 2>/dev/null || say "could not delete namespace $ns"
done

# --- veths (their namespace ends usually went with the namespaces) and the bridge
for link in $(links_of "$PREFIX"); do
    ip link del "$link" 2>/dev/null || true
done
for ((i = 0; i < 50; i++)); do
    [[ -z $(links_of "$PREFIX") && -z $(namespaces_of "$PREFIX") ]] && break
    sleep 0.1
done
left=$(namespaces_of "$PREFIX"; links_of "$PREFIX")
if [[ -n $left ]]; then
    say "still present: ${left//$'\n'/ }"
    exit 1
fi
say "down: no process, namespace or link of $PREFIX is left"
