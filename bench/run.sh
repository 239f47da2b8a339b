#!/usr/bin/env bash
# Benchmarks iijq against sqlite3 and DuckDB on the same facts and writes bench/RESULTS.md (see
# README.md, "Benchmarks"). Builds iijq in release mode, exports the embedded facts with
# --export sql into bench/out/facts.db (and, through CSV, bench/out/facts.duckdb), then
# bench/bench.py generates the queries and synthetic fact files and runs hyperfine. Everything
# generated goes to bench/out/ (not committed).
#
# Tools: hyperfine and sqlite3 are Debian packages (apt-get install hyperfine sqlite3); DuckDB's
# command-line shell comes from PyPI (pip install duckdb-cli). This script says which is missing.
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
missing() { echo "bench: $1 is needed and not found; install it with: $2" >&2; exit 1; }
command -v swift >/dev/null || missing swift "the Swift toolchain (see README.md)"
command -v python3 >/dev/null || missing python3 "apt-get install python3"
command -v sqlite3 >/dev/null || missing sqlite3 "apt-get install sqlite3"
command -v hyperfine >/dev/null || missing hyperfine "apt-get install hyperfine"
[ -x /usr/bin/time ] || missing /usr/bin/time "apt-get install time"
# The duckdb-cli package's `duckdb` command is a Python wrapper; time the binary it runs.
duckdb="$(python3 -c 'import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), "duckdb"))' 2>/dev/null || true)"
[ -x "$duckdb" ] || missing DuckDB "pip install duckdb-cli"
export LANG="${LANG:-C.UTF-8}"

swift build -c release --product iijq --static-swift-stdlib
iijq="$(swift build -c release --static-swift-stdlib --show-bin-path)/iijq"

mkdir -p bench/out
"$iijq" --export sql -o bench/out/facts.sql
rm -f bench/out/facts.db
sqlite3 -bail bench/out/facts.db < bench/out/facts.sql
# DuckDB gets the same facts table through CSV, as it loads the synthetic facts.
sqlite3 -header -csv bench/out/facts.db 'SELECT * FROM facts' > bench/out/facts.csv
rm -f bench/out/facts.duckdb
"$duckdb" bench/out/facts.duckdb "CREATE TABLE facts AS SELECT * FROM read_csv_auto('bench/out/facts.csv', types={'value': 'VARCHAR', 'high': 'VARCHAR'})"

python3 bench/bench.py --iijq "$iijq" --duckdb "$duckdb" "${quick[@]}"
