#!/bin/sh
# Generates SIZE of 100-byte sort records (bin/quern sort-rows + the map-only sortgen job, seed 42,
# 4 maps) into DIR, unless DIR already holds them (DIR/_SUCCESS): the input of bench/sort.sh and
# bench/compression.sh, so that both measure the same records.
# Usage: bench/sort-records.sh SIZE DIR
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
size=$1
data=$2
[ ! -f "$data/_SUCCESS" ] || exit 0
quern="$root/bin/quern"
work=$(mktemp -d "${TMPDIR:-/tmp}/quern-sort-records-XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$data" "$data.rows"
echo "generating $size of sort records into $data" >&2
"$quern" sort-rows --size "$size" --maps 4 --output "$data.rows" >&2
"$quern" local --workers 2 --data-dir "$work/gen" --job sortgen --conf seed=42 --reducers 0 \
    --input "$data.rows" --output "$data" > "$work/gen.out" 2>&1 || { cat "$work/gen.out" >&2; exit 1; }
