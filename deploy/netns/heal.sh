#!/usr/bin/env bash
# Reconnects a node that partition.sh cut off. Idempotent.
#
#   heal.sh --run-dir DIR NODE      NODE: zk1.., coord, w1.., client
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
link_state up "$@"
