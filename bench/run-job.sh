#!/bin/sh
# One timed run: a built-in job on `quern local --workers 2` into a fresh output, removed afterwards.
# Usage: run-job.sh INPUT JOB [MORE QUERN OPTIONS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
input=$1; job=$2; shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/quern-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$root/bin/quern" local --workers 2 --data-dir "$work/cluster" --job "$job" --input "$input" \
    --output "$work/out" "$@"
