#!/usr/bin/env bash
# Builds one libFuzzer target of iijq and runs it for a while.
#   fuzz/run.sh parser|eval|loader SECONDS
# Exits non-zero when the run wrote a crash, timeout, leak or out-of-memory artifact
# (to fuzz/artifacts/TARGET/). Extra libFuzzer flags can be given in FUZZ_FLAGS.
set -euo pipefail

usage() { echo "usage: $0 parser|eval|loader SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
target=$1 seconds=$2
case $target in parser | eval | loader) ;; *) usage ;; esac
[[ $seconds =~ ^[0-9]+$ ]] || usage

fuzz=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$fuzz")
cd "$root"

# 1. Build. Without --disable-dead-strip the coverage counters are stripped and libFuzzer finds nothing.
# SwiftPM passes the two sanitizers as two -sanitize= flags and swiftc keeps only the last one, so
# the Swift code got either ASan or coverage, never both: -Xswiftc adds one flag naming both, last.
# (ld.gold warns "Cannot export local symbol" for each of ASan's helpers: noise, left out.)
# The tools the build runs (the fact compiler behind the CompileFacts plugin) must not be built as
# fuzzers: libFuzzer would take their main. -Xbuild-tools-swiftc gives them flags of their own.
swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xbuild-tools-swiftc -Onone --disable-dead-strip \
    --package-path fuzz --scratch-path fuzz/.build --product "$target" 2>&1 | { grep -v "Cannot export local symbol" || true; }

# 2. The seed corpus, once: one file per query or example (parser, eval), or fact files and pieces of them (loader).
corpus=fuzz/corpus-$target
seed() { # seed TEXT: one corpus file named by its content's hash, like libFuzzer's own
    local name
    name=$(printf '%s' "$1" | sha1sum | cut -c1-40)
    printf '%s' "$1" >"$corpus/$name"
}
if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    if [ "$target" = loader ]; then
        for f in Sources/FactBase/*.facts; do
            cp "$f" "$corpus/"
            # Pieces: the first 40 lines (declarations) and 60-line slices of the rest.
            seed "$(head -n 40 "$f")"
            total=$(wc -l <"$f")
            for ((start = 41; start <= total; start += 60)); do
                seed "$(sed -n "${start},$((start + 59))p" "$f")"
            done
        done
    else
        # A case's query is one or more lines `>FORMAT QUERY` in a row (FORMAT empty or an output
        # format: json, csv, …); `>complete`, `>command` and `>facts` lines are not queries.
        for f in Tests/IIJQTests/Cases/*.case; do
            query=""
            while IFS= read -r line || [ -n "$line" ]; do
                if [[ $line =~ ^\>([a-z]*)\ (.*)$ ]] && kind=${BASH_REMATCH[1]} text=${BASH_REMATCH[2]} \
                    && [[ $kind != complete && $kind != command && $kind != facts ]]; then
                    query+="${query:+$'\n'}$text"
                else
                    [ -n "$query" ] && seed "$query"
                    query=""
                fi
            done <"$f"
            [ -n "$query" ] && seed "$query"
        done
        for f in Examples/*.iq; do cp "$f" "$corpus/"; done
    fi
    echo "seed corpus: $(find "$corpus" -type f | wc -l) files in $corpus"
fi

# 3. Run, in this process (no -jobs/-workers: those fork and log to fuzz-N.log in the working
# directory; one in-process fuzzer is one core). Swift's backtracer and ASan clash (a run hung for minutes): turn the backtracer off.
artifacts=fuzz/artifacts/$target
mkdir -p "$artifacts"
before=$(find "$artifacts" -type f | wc -l)
log=fuzz/artifacts/$target.log
status=0
# shellcheck disable=SC2086
# fuzz/lsan.supp names the one false leak report (see the file).
LSAN_OPTIONS=suppressions=fuzz/lsan.supp SWIFT_BACKTRACE=enable=no "./fuzz/.build/release/$target" \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
    -dict=fuzz/iijq.dict -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} \
    "$corpus" 2>&1 | tee "$log" || status=$?
after=$(find "$artifacts" -type f | wc -l)

# 4. Inputs of the corpus slower than SLOW_MS (100 by default), each run once more on its own.
# An empty input first takes the one-time set-up (loading the fact base), which is not counted.
slow_ms=${SLOW_MS:-100}
warm_up=$(mktemp)
slow=$(SWIFT_BACKTRACE=enable=no "./fuzz/.build/release/$target" -timeout=5 -rss_limit_mb=2048 "$warm_up" "$corpus"/* 2>&1 |
    awk -v limit="$slow_ms" -v corpus="$corpus/" '/^Executed .* in [0-9]+ ms$/ && index($2, corpus) == 1 {
        if ($(NF - 1) + 0 > limit) print "  " $2 ": " $(NF - 1) " ms" }' || true)
rm -f "$warm_up"

# 5. A one-line summary from libFuzzer's final stats.
execs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log" | tail -n 1)
rate=$(awk '/stat::average_exec_per_sec:/ { print $2 }' "$log" | tail -n 1)
cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
used=$(grep -Eo 'corp: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
size=$(find "$corpus" -type f | wc -l)
if [ -n "$slow" ]; then
    echo "inputs slower than $slow_ms ms:"
    echo "$slow"
fi
echo "$target: ${execs:-?} executions in ${seconds} s (${rate:-?}/s), cov: ${cov:-?} ft: ${ft:-?}, corpus: ${used:-?} inputs kept of $size files, new artifacts: $((after - before)), exit: $status"
if [ "$after" -gt "$before" ] || [ "$status" -ne 0 ]; then
    echo "$target: see $artifacts/ and $log" >&2
    exit 1
fi
