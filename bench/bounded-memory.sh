#!/bin/sh
# Bounded memory: inputs far larger than the workers' heaps. With worker JVMs at -Xmx512m, one run
# each on `quern local --workers 2` of
#   word count over WC_SIZE (default 10g) of `quern example-data --kind text --files 16 --seed 42`,
#   sort over SORT_SIZE (default 4g) of 100-byte records (bench/sortrecords.py), only when the
#     built-in `sort` job exists,
# recording wall, cpu and the peak RSS of every process by role (bench/bench.py). Each output is
# checked for completeness, independently of the engine:
#   word count: the counts add up to the input's words, counted by `tr` (a word is a run of ASCII
#     letters or non-ASCII bytes: every non-ASCII character the generator writes is a letter); the
#     output has reduce.output.records lines;
#   sort: as many lines as input records, keys (the first 10 bytes of a line) never decreasing
#     across the part files, and the key sequence equal to the input's keys sorted by GNU sort.
# Inputs, the word total and the sorted keys' digest are cached under CORPUS_ROOT.
#
# Usage: bench/bounded-memory.sh
# Environment: WC_SIZE, SORT_SIZE (suffix k, m or g), CORPUS_ROOT (default /tmp), WORK (default a
#   new temporary directory: logs), QUERN_WORKER_OPTS (default -Xmx512m), SUITE=1 (the suite's
#   call: the same markdown section on stdout, progress on stderr).
# Prints a markdown section (### Bounded memory) on stdout; exit 1 when a run fails or an output
# is incomplete.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
wc_size=${WC_SIZE:-10g}
sort_size=${SORT_SIZE:-4g}
corpus_root=${CORPUS_ROOT:-/tmp}
export QUERN_WORKER_OPTS="${QUERN_WORKER_OPTS:--Xmx512m -XX:+UseParallelGC}"
quern=$root/bin/quern

progress() { echo "bounded-memory: $*" >&2; }
fail() { progress "FAILED: $*"; exit 1; }
bytes_of() {
    case $1 in
        *[kK]) n=${1%?}; unit=1024 ;;
        *[mM]) n=${1%?}; unit=1048576 ;;
        *[gG]) n=${1%?}; unit=1073741824 ;;
        *) n=$1; unit=1 ;;
    esac
    case $n in '' | *[!0-9]*) echo "bounded-memory.sh: '$1' is not a size (e.g. 4g)" >&2; exit 2 ;; esac
    echo $((n * unit))
}
wc_bytes=$(bytes_of "$wc_size")
sort_bytes=$(bytes_of "$sort_size")
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quern-bounded-XXXXXX")}
mkdir -p "$work"
[ -d "$root/deploy/target/lib" ] || (cd "$root" && mvn -B -q package -DskipTests) >&2
inputs() { find "$1" -maxdepth 1 -type f ! -name '[._]*' | LC_ALL=C sort; }

# run LABEL BYTES OUT -- QUERN LOCAL ARGS: one timed run; leaves its summary in $work/LABEL.out
run() {
    label=$1 bytes=$2 out=$3
    shift 4
    rm -rf "$out" "$work/$label-cluster"
    progress "$label: quern local $*"
    python3 "$here/bench.py" -n 1 --warmup 0 --label "$label" --bytes "$bytes" --log "$work/$label.out" \
        --tsv "$work/$label.tsv" -- "$quern" local --workers 2 --data-dir "$work/$label-cluster" --output "$out" "$@" \
        > /dev/null 2> "$work/$label.err" || fail "$label: $(cat "$work/$label.err"); see $work/$label.out"
    cat "$work/$label.err" >&2
    rm -rf "$work/$label-cluster"
    [ -f "$out/_SUCCESS" ] || fail "$label: no _SUCCESS in $out"
}
counter() { awk -v n="$2" '$1 == n && NF == 2 {v = $2} END {print v + 0}' "$work/$1.out"; }
row() { # row LABEL INPUT CHECK: a table row from bench.py's tsv line
    awk -F'\t' -v input="$2" -v check="$3" '{
        n = split($8, roles, ";"); peaks = ""
        for (i = 1; i <= n; i++) { # helpers forked for a moment (under 8 MiB) are left out
            split(roles[i], kv, "=")
            if (kv[2] >= 8) peaks = peaks (peaks == "" ? "" : ", ") kv[1] " " kv[2]
        }
        printf "| %s | %s | %.1f | %.1f | %s | %.1f | %s |\n", $1, input, $3, $6, peaks, $7, check }' "$work/$1.tsv"
}
rows=""

# Word count.
corpus=$corpus_root/quern-corpus-$wc_size
if [ ! -d "$corpus" ]; then
    progress "generating $corpus"
    rm -rf "$corpus.tmp"
    "$quern" example-data --kind text --output "$corpus.tmp" --size "$wc_size" --files 16 --seed 42 >&2
    mv "$corpus.tmp" "$corpus"
fi
if [ ! -s "$corpus.words" ] || [ "$corpus" -nt "$corpus.words" ]; then
    progress "counting the words of $corpus with tr"
    # A file's last word gets its own line even when the file does not end with a separator.
    inputs "$corpus" | while read -r f; do LC_ALL=C tr -cs 'A-Za-z\200-\377' '\n' < "$f"; echo; done \
        | grep -c . > "$corpus.words.tmp"
    mv "$corpus.words.tmp" "$corpus.words"
fi
expected=$(cat "$corpus.words")
input_bytes=$(inputs "$corpus" | xargs cat | wc -c)
run wordcount "$input_bytes" "$work/wordcount-out" -- --job wordcount --input "$corpus"
set -- $(cat "$work"/wordcount-out/part-r-* | awk -F'\t' '{s += $2} END {printf "%d %d", s, NR}')
total=$1 lines=$2
[ "$total" -eq "$expected" ] || fail "word count: the output counts $total words, the input has $expected"
[ "$lines" -eq "$(counter wordcount reduce.output.records)" ] \
    || fail "word count: $lines output lines, reduce.output.records says $(counter wordcount reduce.output.records)"
rm -rf "$work/wordcount-out"
rows="$rows$(row wordcount "$wc_size text, 16 files" "$total words = the input's (tr), $lines distinct")
"
progress "word count: complete, $total words"

# Sort, when the engine has it.
if "$quern" local --help 2>/dev/null | grep -e '--job=NAME' | grep -qw sort; then
    records=$corpus_root/quern-sortrecords-$sort_size
    if [ ! -d "$records" ]; then
        progress "generating $records"
        rm -rf "$records.tmp"
        python3 "$here/sortrecords.py" --bytes "$sort_bytes" --files 16 --seed 42 --out "$records.tmp"
        mv "$records.tmp" "$records"
    fi
    if [ ! -s "$records.keys" ] || [ "$records" -nt "$records.keys" ]; then
        progress "sorting the keys of $records with GNU sort"
        inputs "$records" | xargs cut -c1-10 | LC_ALL=C sort -S 1G --parallel=2 -T "$work" | md5sum \
            | cut -d' ' -f1 > "$records.keys.tmp"
        mv "$records.keys.tmp" "$records.keys"
    fi
    count=$(inputs "$records" | xargs cat | wc -l)
    input_bytes=$(inputs "$records" | xargs cat | wc -c)
    run sort "$input_bytes" "$work/sort-out" -- --job sort --input "$records"
    [ "$(counter sort malformed)" -eq 0 ] || fail "sort: $(counter sort malformed) records counted malformed"
    out_lines=$(cat "$work"/sort-out/part-r-* | wc -l)
    [ "$out_lines" -eq "$count" ] || fail "sort: $out_lines output lines, the input has $count records"
    cut -c1-10 "$work"/sort-out/part-r-* | LC_ALL=C sort -c 2> "$work/sort.order" \
        || fail "sort: keys out of order: $(cat "$work/sort.order")"
    [ "$(cut -c1-10 "$work"/sort-out/part-r-* | md5sum | cut -d' ' -f1)" = "$(cat "$records.keys")" ] \
        || fail "sort: the output's keys are not the input's keys"
    rm -rf "$work/sort-out"
    rows="$rows$(row sort "$sort_size records, 16 files" "$count records, ordered, keys = the input's (GNU sort)")
"
    progress "sort: complete, $count records"
else
    progress "sort: skipped, no built-in sort job"
fi

echo "### Bounded memory"
echo
echo "Worker JVMs at \`QUERN_WORKER_OPTS=$QUERN_WORKER_OPTS\`, \`bin/quern local --workers 2\` (1 slot a worker," \
    "2 reducers), one run each (\`bench/bounded-memory.sh\`, WC_SIZE=$wc_size SORT_SIZE=$sort_size); inputs in" \
    "the page cache as far as it holds them. Wall and cpu are of the whole process tree; peak RSS is per" \
    "process, the largest of each role (\`local\` = ZooKeeper + coordinator, \`worker\` = a worker JVM)."
echo
echo "| job | input | wall s | cpu s | peak RSS MiB by role (8 MiB and up) | MB/s | output check |"
echo "|---|---|---|---|---|---|---|"
printf '%s' "$rows"
