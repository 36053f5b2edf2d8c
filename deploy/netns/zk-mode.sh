#!/usr/bin/env bash
# Prints each ZooKeeper server's role as it reports it (leader, follower, standalone), one line
# per server, "NODE ROLE", or "NODE down" when it does not answer.
#
#   zk-mode.sh --run-dir DIR [NODE...]      default: every zkN of the cluster
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
[[ ${1:-} == --run-dir && -n ${2:-} ]] || die "usage: zk-mode.sh --run-dir DIR [NODE...]"
load_env "$2"
shift 2
if (($# == 0)); then
    for n in $NODES; do
        [[ $n == zk* ]] && set -- "$@" "$n"
    done
fi
for n in "$@"; do
    mode=$(zk_mode "$n")
    echo "$n ${mode:-down}"
done
