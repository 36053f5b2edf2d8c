# shellcheck shell=bash disable=SC2034  # the settings here are used by the scripts that source it
# Shared by the scripts in deploy/netns: the names, addresses and helpers of a test cluster whose
# nodes live in network namespaces on one bridge. Sourced, never run.
#
# A cluster is named by its prefix P (1 to 8 of [a-z0-9], first a letter): bridge P-br, and per
# node a namespace P-NODE holding eth0, the end of a veth pair whose other end, P-NODE, is a port
# of the bridge. NODE is zk1..zk5, coord, w1..w99 or client. Addresses come from NET.0/24, NET
# being three octets in 198.18.0.0/15, the range reserved for network tests:
#   zkN NET.(10+N)   coord NET.20   client NET.30   wN NET.(100+N)
# The run directory holds cluster.env (what cluster-up made), pids/NODE.pid, NODE.out (a
# process's stdout and stderr) and NODE/ (its data directory, logs under NODE/logs).

NETNS_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
QUERN=${QUERN:-$NETNS_HOME/../../bin/quern}
ZK_PORT=2181
ZK_QUORUM_PORT=2888
ZK_ELECTION_PORT=3888
COORD_PORT=7070
WORKER_PORT=7100
NODE_PATTERN='zk[1-5]|coord|w[1-9][0-9]?|client'

die() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

say() {
    echo "$(basename "$0"): $*" >&2
}

need_root() {
    ip netns list >/dev/null 2>&1 || die "needs root and 'ip netns' (iproute2)"
}

check_prefix() {
    [[ $1 =~ ^[a-z][a-z0-9]{0,7}$ ]] || die "bad prefix '$1': 1 to 8 of a-z and 0-9, first a letter"
}

check_net() {
    if ! [[ $1 =~ ^198\.1[89]\.([0-9]{1,3})$ ]] || ((BASH_REMATCH[1] > 255)); then
        die "bad net '$1': three octets in 198.18.0.0/15, such as 198.18.0"
    fi
}

# The run directory as an absolute path (processes in every namespace see the same file system).
absolute() {
    mkdir -p "$1" && (cd "$1" && pwd)
}

# Reads RUN/cluster.env into PREFIX, NET, NODES, ZK_CONNECT, SHARED; fails without it.
load_env() {
    local run=$1 key value
    [[ -f $run/cluster.env ]] || die "$run holds no cluster.env: not a cluster's run directory"
    while IFS='=' read -r key value; do
        case $key in
            PREFIX) PREFIX=$value ;;
            NET) NET=$value ;;
            NODES) NODES=$value ;;
            ZK_CONNECT) ZK_CONNECT=$value ;;
            SHARED) SHARED=$value ;;
        esac
    done <"$run/cluster.env"
    check_prefix "$PREFIX"
    check_net "$NET"
}

ns_of() {
    echo "$PREFIX-$1"
}

addr_of() {
    case $1 in
        zk*) echo "$NET.$((10 + ${1#zk}))" ;;
        coord) echo "$NET.20" ;;
        client) echo "$NET.30" ;;
        w*) echo "$NET.$((100 + ${1#w}))" ;;
        *) die "unknown node '$1'" ;;
    esac
}

# Every namespace or link of prefix $1 for a node, whatever made it (what a crashed run left too).
namespaces_of() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$1-($NODE_PATTERN)\$" || true
}

links_of() {
    ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' \
        | grep -E "^$1-($NODE_PATTERN|br)\$" || true
}

# True when PID is a live process started for this run directory's node $3: the quern JVM, or
# one of the commands that exec it in turn (ip netns exec, setsid, bin/quern), which all carry
# the node's --data-dir. A PID reused by anything else does not match.
is_ours() {
    local pid=$1 run=$2 node=$3 cmd
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *quern* && $cmd == *" --data-dir $run/$node "* ]]
}

# True while PID runs (a zombie, dead but not yet reaped by its parent, does not).
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# The PID recorded for a node, if that process is still ours and alive.
live_pid() {
    local run=$1 node=$2 pid
    [[ -f $run/pids/$node.pid ]] || return 1
    pid=$(<"$run/pids/$node.pid")
    is_ours "$pid" "$run" "$node" && echo "$pid"
}

# The role ZooKeeper reports on its client port (leader, follower, standalone), asked from the
# client namespace with the four-letter command srvr; empty when it does not answer.
zk_mode() {
    local addr
    addr=$(addr_of "$1")
    # shellcheck disable=SC2016  # $0 and $1 belong to the inner shell
    ip netns exec "$(ns_of client)" timeout 3 bash -c \
        'exec 3<>"/dev/tcp/$0/$1" && printf srvr >&3 && cat <&3' "$addr" "$ZK_PORT" 2>/dev/null \
        | sed -n 's/^Mode: //p' || true
}

# link_state up|down --run-dir DIR NODE: sets the bridge's end of the node's veth (partition.sh, heal.sh).
link_state() {
    local state=$1 node
    shift
    [[ ${1:-} == --run-dir && -n ${2:-} && -n ${3:-} && $# == 3 ]] \
        || die "usage: $(basename "$0") --run-dir DIR NODE"
    need_root
    load_env "$2"
    node=$3
    [[ " $NODES " == *" $node "* ]] || die "no node '$node' in this cluster (its nodes: $NODES)"
    ip link set "$(ns_of "$node")" "$state" || die "cannot set the link of $node $state"
    say "$node ($(addr_of "$node")) $([[ $state == down ]] && echo "cut off" || echo "reconnected")"
}
