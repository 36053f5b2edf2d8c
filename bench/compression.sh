#!/bin/sh
# Intermediate compression (`--conf quern.intermediate.compress=none|lz4|zstd`) on `quern local --workers 2`:
# word count over the text corpus of bench/wordcount.sh (16 files, seed 42) and the sort over the records
# of bench/sort.sh (seed 42), SIZE each, generated once and kept under CORPUS_ROOT. One warm-up round,
# then RUNS rounds; each round runs both jobs with every codec, one after the other, so that drift in the
# machine's speed falls on every codec alike. Each run is timed by bench.py (wall, cpu, peak RSS per
# role) and checked (not timed): word count's output must be the same words and counts with every codec
# and hold as many words as the input, counted independently once; the sort must pass
# `quern sort-validate`. Reported per job and codec: the medians of wall, cpu, shuffle.bytes (what the
# shuffle moved) and map.output.file.bytes (the map output on disk), that against the raw map output
# (map.output.file.raw.bytes), and wall time against none's. Worker JVMs run with -Xmx512m
# (QUERN_WORKER_OPTS), as in the other benchmarks.
#
# Usage: bench/compression.sh [SIZE]          SIZE: e.g. 16m, 256m, 1g (default 1g)
# Environment: RUNS (default 3), CODECS (default "none lz4 zstd"), REDUCERS (default 2),
#   CORPUS_ROOT (default /tmp), SUITE=1: print only a markdown section to stdout (progress always goes
#   to stderr)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
size=${1:-1g}
runs=${RUNS:-3}
codecs=${CODECS:-none lz4 zstd}
reducers=${REDUCERS:-2}
corpus=${CORPUS_ROOT:-/tmp}/quern-corpus-$size
records=${CORPUS_ROOT:-/tmp}/quern-sort-$size
work=$(mktemp -d "${TMPDIR:-/tmp}/quern-compression-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
quern="$root/bin/quern"
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"
say() { echo "$@" >&2; }

[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests) >&2
if [ ! -d "$corpus" ]; then
    say "generating $size of text into $corpus"
    "$quern" example-data --kind text --output "$corpus" --size "$size" --files 16 --seed 42 >&2
fi
"$here/sort-records.sh" "$size" "$records"
text_bytes=$(cat "$corpus"/* | wc -c)
sort_bytes=$(cat "$records"/part-m-* | wc -c)
# Words as wordcount defines them, for ASCII and other letters alike: runs of \p{L}; counted once per corpus.
if [ ! -f "$corpus.words" ]; then
    say "counting the words of $corpus"
    cat "$corpus"/* | python3 -c '
import re, sys
print(sum(len(re.findall(r"[^\W\d_]+", line)) for line in sys.stdin))' > "$corpus.words.tmp"
    mv "$corpus.words.tmp" "$corpus.words"
fi
words=$(cat "$corpus.words")

# The value of counter NAME in a run's log (its summary lines: `name value`), 0 if absent.
counter() {
    awk -v n="$1" '$1 == n && NF == 2 {v = $2} END {print v + 0}' "$2"
}

# one JOB CODEC: one timed run into a fresh output, checked; rows go to results.tsv and counters.tsv
one() {
    job=$1
    codec=$2
    label=$job-$codec
    case $job in
        wordcount) input=$corpus; bytes=$text_bytes ;;
        *) input=$records; bytes=$sort_bytes ;;
    esac
    rm -rf "$work/out" "$work/cluster" "$work/run.log"
    python3 "$here/bench.py" -n 1 --warmup 0 --label "$label" --bytes "$bytes" --log "$work/run.log" \
        --tsv "$work/results.tsv" -- "$quern" local --workers 2 --data-dir "$work/cluster" --job "$job" \
        --reducers "$reducers" --input "$input" --output "$work/out" \
        --conf "quern.intermediate.compress=$codec" >&2
    case $job in
        wordcount)
            got=$(cat "$work"/out/part-r-* | awk -F '\t' '{n += $2} END {print n + 0}')
            [ "$got" = "$words" ] || { say "$label: the output counts $got words, the input has $words"; exit 1; }
            digest=$(cat "$work"/out/part-r-* | LC_ALL=C sort | cksum)
            [ -f "$work/wordcount.cksum" ] || echo "$digest" > "$work/wordcount.cksum"
            [ "$digest" = "$(cat "$work/wordcount.cksum")" ] \
                || { say "$label: the output differs from the first run's"; exit 1; }
            ;;
        *)
            "$quern" sort-validate --input "$records" --output "$work/out" >&2 \
                || { say "$label: the sort output is invalid"; exit 1; }
            ;;
    esac
    printf '%s\t%s\t%s\t%s\n' "$label" "$(counter shuffle.bytes "$work/run.log")" \
        "$(counter map.output.file.bytes "$work/run.log")" "$(counter map.output.file.raw.bytes "$work/run.log")" \
        >> "$work/counters.tsv"
}

round() {
    for job in wordcount sort; do
        for codec in $codecs; do
            one "$job" "$codec"
        done
    done
}

say "compression: word count ($text_bytes bytes, $words words) and sort ($sort_bytes bytes) with $codecs;" \
    "$runs rounds after a warm-up, $(nproc) cores"
say "warm-up round"
round
: > "$work/results.tsv"
: > "$work/counters.tsv"
i=1
while [ "$i" -le "$runs" ]; do
    say "round $i"
    round
    i=$((i + 1))
done

# Medians per label: label, median wall s, cpu s, MB/s, peaks; and of the counters: label, shuffle, disk, raw.
python3 "$here/medians.py" "$work/results.tsv" > "$work/medians.tsv"
python3 - "$work/counters.tsv" > "$work/counter-medians.tsv" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    rows.setdefault(f[0], []).append([int(x) for x in f[1:]])
for label, rs in rows.items():
    print(label, *(int(statistics.median(r[i] for r in rs)) for i in range(3)), sep="\t")
EOF
table=$(while IFS="$(printf '\t')" read -r label wall cpu mbs peaks; do
    job=${label%-*}
    codec=${label##*-}
    none=$(awk -F '\t' -v l="$job-none" '$1 == l {print $2}' "$work/medians.tsv")
    set -- $(awk -F '\t' -v l="$label" '$1 == l {print $2, $3, $4}' "$work/counter-medians.tsv")
    ratio=$(awk -v d="$2" -v r="$3" 'BEGIN {printf (r > 0 ? "%.2f" : "-"), d / r}')
    vs=$(awk -v w="$wall" -v n="${none:-0}" 'BEGIN {printf (n > 0 ? "%.2f" : "-"), w / n}')
    mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
    echo "| $job | $codec | $wall | $cpu | $peaks | $(mib "$1") | $(mib "$2") | $ratio | $vs |"
done < "$work/medians.tsv")
section() {
    echo "### Intermediate compression"
    echo
    echo "Word count over \`example-data --kind text --size $size --files 16 --seed 42\` ($text_bytes bytes) and" \
        "sort over \`sortgen\` records, seed 42 ($sort_bytes bytes); \`quern local --workers 2 --reducers $reducers" \
        "--conf quern.intermediate.compress=CODEC\` (workers $QUERN_WORKER_OPTS); medians of $runs interleaved" \
        "rounds after a warm-up, every output checked; $(nproc) cores, commit $(git -C "$root" rev-parse --short HEAD)."
    echo
    echo "| job | codec | median wall s | cpu s | peak RSS per role | shuffle MiB | map output on disk MiB |" \
        "on disk / raw | wall x none |"
    echo "|---|---|---|---|---|---|---|---|---|"
    echo "$table"
}
if [ "${SUITE:-}" = 1 ]; then
    section
else
    section >&2
    echo >&2
    say "(the same to stdout with SUITE=1)"
fi
