#!/usr/bin/env bash
# Starts a Quern test cluster across network namespaces on one host: a bridge, a namespace per
# node with its own address, ZooKeeper (one server or an ensemble), a coordinator and workers,
# each bound to and advertising its namespace's address, and a client namespace to run quern
# commands from. Returns once every server is up. Idempotent: run again on the same run
# directory, it creates only what is missing and starts only the servers that are not running.
#
#   cluster-up.sh --run-dir DIR [--prefix quern] [--net 198.18.0] [--zookeepers 1|3|5]
#                 [--workers 3] [--slots 2] [--shared DIR] [--timeout 90]
#
# Then, for example:
#   ip netns exec quern-client bin/quern submit --zk "$(sed -n 's/^ZK_CONNECT=//p' DIR/cluster.env)" ...
# Inputs and outputs go under the shared directory (DIR/shared by default), the same path in
# every namespace. JAVA_OPTS reaches every server's JVM. Stop it all with cluster-down.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

run=
PREFIX=quern
NET=198.18.0
zookeepers=1
workers=3
slots=2
shared=
timeout=90
while (($#)); do
    case $1 in
        --run-dir) run=${2:?--run-dir needs a directory}; shift 2 ;;
        --prefix) PREFIX=${2:?--prefix needs a value}; shift 2 ;;
        --net) NET=${2:?--net needs three octets}; shift 2 ;;
        --zookeepers) zookeepers=${2:?--zookeepers needs 1, 3 or 5}; shift 2 ;;
        --workers) workers=${2:?--workers needs a count}; shift 2 ;;
        --slots) slots=${2:?--slots needs a count}; shift 2 ;;
        --shared) shared=${2:?--shared needs a directory}; shift 2 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
        -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ -n $run ]] || die "--run-dir is required"
check_prefix "$PREFIX"
check_net "$NET"
[[ $zookeepers =~ ^[135]$ ]] || die "--zookeepers must be 1, 3 or 5, not '$zookeepers'"
[[ $workers =~ ^[1-9][0-9]?$ ]] || die "--workers must be 1 to 99, not '$workers'"
[[ $slots =~ ^[1-9][0-9]*$ ]] || die "--slots must be at least 1, not '$slots'"
[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "--timeout must be whole seconds, not '$timeout'"
[[ -x $QUERN ]] || die "$QUERN not found (set QUERN)"
need_root
run=$(absolute "$run")
shared=$(absolute "${shared:-$run/shared}")
mkdir -p "$run/pids"
exec 9>"$run/.lock"
flock -w 60 9 || die "another cluster-up or cluster-down holds $run"

zk_nodes=()
for ((i = 1; i <= zookeepers; i++)); do zk_nodes+=("zk$i"); done
worker_nodes=()
for ((i = 1; i <= workers; i++)); do worker_nodes+=("w$i"); done
nodes=("${zk_nodes[@]}" coord "${worker_nodes[@]}" client)
zk_connect=
for n in "${zk_nodes[@]}"; do zk_connect+=${zk_connect:+,}$(addr_of "$n"):$ZK_PORT; done

env_text="PREFIX=$PREFIX
NET=$NET
NODES=${nodes[*]}
ZK_CONNECT=$zk_connect
SHARED=$shared"
if [[ -f $run/cluster.env ]]; then
    [[ $(<"$run/cluster.env") == "$env_text" ]] \
        || die "$run holds another cluster (see its cluster.env): run cluster-down.sh, or use another --run-dir"
else
    printf '%s\n' "$env_text" >"$run/cluster.env"
fi

# --- network: bridge, then per node a namespace with loopback and a veth into the bridge
bridge=$PREFIX-br
ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
ip link set "$bridge" up
for n in "${nodes[@]}"; do
    ns=$(ns_of "$n")
    ip netns list | awk '{print $1}' | grep -qx "$ns" || ip netns add "$ns"
    ip -n "$ns" link set lo up
    if ! ip link show "$ns" >/dev/null 2>&1; then
        ip -n "$ns" link del eth0 2>/dev/null || true
        ip link add "$ns" type veth peer name eth0 netns "$ns"
    fi
    ip link set "$ns" master "$bridge" up
    ip -n "$ns" addr replace "$(addr_of "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
done

# --- servers
# start NODE ARGS...: runs 'quern ARGS' in the node's namespace unless it already runs there.
start() {
    local node=$1 pid
    shift
    if pid=$(live_pid "$run" "$node"); then
        say "$node already runs (pid $pid)"
        return
    fi
    mkdir -p "$run/$node"
    ip netns exec "$(ns_of "$node")" setsid "$QUERN" "$@" --data-dir "$run/$node" \
        >"$run/$node.out" 2>&1 </dev/null 9>&- &
    echo $! >"$run/pids/$node.pid"
}

deadline=$((SECONDS + timeout))

# await NODE WHAT CHECK...: polls CHECK until it succeeds; fails if the node's process died or time ran out.
await() {
    local node=$1 what=$2 pid
    shift 2
    pid=$(<"$run/pids/$node.pid")
    until "$@"; do
        if ! alive "$pid"; then
            tail -n 20 "$run/$node.out" >&2 || true
            die "$node exited before $what; see $run/$node.out and $run/$node/logs"
        fi
        ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what; see $run/$node.out"
        sleep 0.2
    done
}

ensemble=
if ((zookeepers > 1)); then
    for n in "${zk_nodes[@]}"; do
        ensemble+=${ensemble:+,}$(addr_of "$n"):$ZK_QUORUM_PORT:$ZK_ELECTION_PORT
    done
fi
for n in "${zk_nodes[@]}"; do
    if [[ -n $ensemble ]]; then
        start "$n" zookeeper --port "$ZK_PORT" --ensemble "$ensemble" --id "${n#zk}"
    else
        start "$n" zookeeper --port "$ZK_PORT" --bind "$(addr_of "$n")"
    fi
done
zk_serves() {
    [[ $(zk_mode "$1") =~ ^(leader|follower|standalone)$ ]]
}
for n in "${zk_nodes[@]}"; do
    await "$n" "ZooKeeper $n to serve" zk_serves "$n"
done

start coord coordinator --zk "$zk_connect" --port "$COORD_PORT" \
    --bind "$(addr_of coord)" --advertise "$(addr_of coord)"
await coord "the coordinator to lead" grep -qs '^coordinator serving at' "$run/coord.out"

for n in "${worker_nodes[@]}"; do
    start "$n" worker --zk "$zk_connect" --port "$WORKER_PORT" --slots "$slots" \
        --bind "$(addr_of "$n")" --advertise "$(addr_of "$n")"
done
for n in "${worker_nodes[@]}"; do
    await "$n" "worker $n to register" grep -qs '^worker w-[0-9a-f]* serving at' "$run/$n.out"
done

say "up: ${nodes[*]} as $PREFIX-*; run quern in $(ns_of client) with --zk $zk_connect; shared directory $shared"
cat "$run/cluster.env"
