#!/usr/bin/env bash
# Benchmarks iijq against sqlite3 on the same facts and writes bench/RESULTS.md (see README.md,
# "Benchmarks"). Builds iijq in release mode, exports the embedded facts with --export sql into
# bench/out/facts.db, then bench/bench.py generates the queries and synthetic fact files and runs
# hyperfine. Everything generated goes to bench/out/ (not committed).
#
# Usage: bench/run.sh            the full run (about 15 minutes on 2 cores)
#        bench/run.sh --quick    a smoke run: fewer runs, no 1M-fact rows (a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
case "${1:-}" in
    --quick) quick=(--quick) ;;
    "") ;;
    *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac
for tool in swift sqlite3 hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed and not found" >&2; exit 1; }
done
export LANG="${LANG:-C.UTF-8}"

swift build -c release --product iijq --static-swift-stdlib
iijq="$(swift build -c release --static-swift-stdlib --show-bin-path)/iijq"

mkdir -p bench/out
"$iijq" --export sql -o bench/out/facts.sql
rm -f bench/out/facts.db
sqlite3 -bail bench/out/facts.db < bench/out/facts.sql

python3 bench/bench.py --iijq "$iijq" "${quick[@]}"
