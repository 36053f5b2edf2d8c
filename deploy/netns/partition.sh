#!/usr/bin/env bash
# Cuts one node of a test cluster off the network: the bridge's end of its veth goes down, so
# its packets are dropped both ways (like a pulled cable) while its processes keep running.
# heal.sh brings it back. Idempotent.
#
#   partition.sh --run-dir DIR NODE      NODE: zk1.., coord, w1.., client
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
link_state down "$@"
