#!/usr/bin/env python3
"""The benchmark of iijq against sqlite3 and DuckDB; bench/run.sh builds iijq and runs this.

Usage: bench/bench.py --iijq PATH --duckdb PATH [--quick]

It writes everything it generates under bench/out/, prints one Markdown table of medians
and writes it, with the method, to bench/RESULTS.md; bench/pairs.md shows each iijq query
beside its SQL and both outputs, with a check that they give the same figures.

Python 3 standard library only; needs hyperfine, sqlite3 and /usr/bin/time on PATH, and the
DuckDB binary (pip install duckdb-cli) at --duckdb.
"""
import argparse
import datetime
import decimal
import json
import math
import os
import platform
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
CACHE = OUT / "cache"  # XDG_CACHE_HOME for iijq while it is measured
TIMEOUT = 60.0  # a single process that takes longer is reported as "> 60 s"
TARGET = 2.0  # the R repetitions of a query take at most about this long (seconds)
R_MAX = 1_000_000  # repetitions of a query in one process
SCRIPT_STATEMENTS = 10_000
DUCKDB = "duckdb"  # the DuckDB binary; --duckdb sets it
ENGINES = ("iijq", "sqlite3", "duckdb")


def duckdb_load(csv):
    """DuckDB's load of a synthetic CSV: the table as read_csv_auto infers it, values kept as printed."""
    return (f"CREATE TABLE facts AS SELECT * FROM read_csv_auto('{csv}', types={{'value': 'VARCHAR', 'high': 'VARCHAR'}});")

# ---------------------------------------------------------------------------------------------
# Queries: each kind as iijq writes it and as SQL over the `facts` table of `iijq --export sql`.


def q(s):
    """An SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def nulls(columns, alias=""):
    return "".join(f" AND {alias}{c} IS NULL" for c in columns)


def scaled(alias):
    # Money keeps the scale it was printed in (¥ mn, 億円, ¥ bn): convert before comparing.
    return f"{alias}.value_num * pow(10, {alias}.unit_scale)"


class Schema:
    """What the candidate queries need to know about the exported fact base."""

    def __init__(self, db):
        con = sqlite3.connect(db)
        self.dims = [r[0] for r in con.execute("SELECT name FROM dimensions ORDER BY rowid")]
        self.parent = dict(con.execute("SELECT name, parent FROM dimensions"))
        self.used = {}
        for (metric,) in con.execute("SELECT name FROM metrics ORDER BY rowid"):
            row = con.execute("SELECT " + ", ".join(f"count({d})" for d in self.dims)
                              + " FROM facts WHERE metric = ?", (metric,)).fetchone()
            self.used[metric] = [d for d, n in zip(self.dims, row) if n]
        self.con = con

    def ancestors(self, d):
        out = []
        while self.parent.get(d):
            d = self.parent[d]
            out.append(d)
        return out

    def others(self, metric, keep):
        """The dimensions of `metric` that must be the "all" member when `keep` are fixed or kept."""
        keep = set(keep) | {a for k in keep for a in self.ancestors(k)}
        return [d for d in self.used[metric] if d not in keep]


def lookup(s, m, p):
    return (f"{m} @ {p}",
            f"SELECT value FROM facts WHERE metric = {q(m)} AND basis = 'actual' AND period = {q(p)}"
            f"{nulls(s.others(m, []))};")


def breakdown(s, m, p, d):
    return (f"{m} @ {p} by {d}",
            f"SELECT {d}, value FROM facts WHERE metric = {q(m)} AND basis = 'actual' AND period = {q(p)}"
            f" AND {d} IS NOT NULL{nulls(s.others(m, [d]))};")


def pivot(s, m, periods, d):
    columns = ", ".join(f"max(CASE WHEN period = {q(p)} THEN value END) AS \"{p}\"" for p in periods)
    return (f"{m} @ {periods[0]}..{periods[-1]} by {d}",
            f"SELECT {d}, {columns} FROM facts WHERE metric = {q(m)} AND basis = 'actual'"
            f" AND period IN ({', '.join(map(q, periods))}) AND {d} IS NOT NULL{nulls(s.others(m, [d]))}"
            f" GROUP BY {d} ORDER BY min(rowid);")


def yoy(s, m, p, before, member=None):
    fixed = [member[0]] if member else []
    where = "".join(f" AND {x}.{member[0]} = {q(member[1])}" for x in "ab") if member else ""
    selector = f"{m}{{{member[0]}={member[1]}}}" if member else m
    return (f"yoy({selector}) @ {p}",
            f"SELECT round(({scaled('a')} - {scaled('b')}) / abs({scaled('b')}) * 100, 1) FROM facts a, facts b"
            f" WHERE a.metric = {q(m)} AND a.basis = 'actual' AND a.period = {q(p)}{nulls(s.others(m, fixed), 'a.')}"
            f" AND b.metric = {q(m)} AND b.basis = 'actual' AND b.period = {q(before)}{nulls(s.others(m, fixed), 'b.')}"
            f"{where};")


def ratio(s, a, b, p):
    return (f"{a} / {b} @ {p}",
            f"SELECT round({scaled('a')} / ({scaled('b')}) * 100, 1) FROM facts a, facts b"
            f" WHERE a.metric = {q(a)} AND a.basis = 'actual' AND a.period = {q(p)}{nulls(s.others(a, []), 'a.')}"
            f" AND b.metric = {q(b)} AND b.basis = 'actual' AND b.period = {q(p)}{nulls(s.others(b, []), 'b.')};")


def one_shot_pairs(s):
    """The five representative one-shot queries."""
    return [
        ("lookup", *lookup(s, "revenue", "1Q24")),
        ("breakdown", *breakdown(s, "revenue", "1Q24", "segment")),
        ("pivot over five quarters", *pivot(s, "revenue", ["1Q23", "2Q23", "3Q23", "4Q23", "1Q24"], "segment")),
        ("YoY", *yoy(s, "revenue", "1Q24", "1Q23")),
        ("ratio", *ratio(s, "operating_profit", "revenue", "1Q24")),
    ]


MONEY = ("¥", "¥ thousand", "¥ mn", "億円", "¥ bn")
QUARTERS = ["1Q23", "2Q23", "3Q23", "4Q23", "1Q24"]
YEARS = [f"FY{y:02d}" for y in range(16, 25)]


def year_before(p):
    if p.startswith("FY"):
        return f"FY{int(p[2:]) - 1:02d}"
    return f"{p[:2]}{int(p[2:]) - 1:02d}"


def candidates(s):
    """Queries of each kind over the embedded facts, for the 10,000-statement script."""
    con = s.con
    flows = [m for (m,) in con.execute("SELECT name FROM metrics WHERE kind = 'flow' ORDER BY rowid")]
    periods = QUARTERS + YEARS
    out = {k: [] for k in ("lookup", "breakdown", "pivot", "yoy", "ratio")}

    def rows(sql):
        return con.execute(sql).fetchall()

    def total(m, p, money=False):
        unit = f" AND unit IN ({', '.join(map(q, MONEY))})" if money else ""
        return rows(f"SELECT count(*) FROM facts WHERE metric = {q(m)} AND basis = 'actual' AND period = {q(p)}"
                    f"{nulls(s.others(m, []))}{unit}")[0][0] == 1

    for m in flows:
        for p in periods:
            if total(m, p):
                out["lookup"].append(lookup(s, m, p))
            if total(m, p, money=True) and total(m, year_before(p), money=True):
                out["yoy"].append(yoy(s, m, p, year_before(p)))
            if m != "revenue" and total(m, p, money=True) and total("revenue", p, money=True):
                out["ratio"].append(ratio(s, m, "revenue", p))
        for d in s.used[m]:
            where = f"metric = {q(m)} AND basis = 'actual' AND {d} IS NOT NULL{nulls(s.others(m, [d]))}"
            for p in periods:
                n, units = rows(f"SELECT count(*), count(DISTINCT unit) FROM facts WHERE {where} AND period = {q(p)}")[0]
                if n >= 2 and units == 1:
                    out["breakdown"].append(breakdown(s, m, p, d))
            for window in [QUARTERS] + [YEARS[i:i + 5] for i in range(len(YEARS) - 4)]:
                n, units, present = rows(f"SELECT count(*), count(DISTINCT unit), count(DISTINCT period) FROM facts"
                                         f" WHERE {where} AND period IN ({', '.join(map(q, window))})")[0]
                if units == 1 and present == 5 and n >= 10:
                    out["pivot"].append(pivot(s, m, window, d))
            if not s.others(m, [d]):
                for (v,) in rows(f"SELECT DISTINCT {d} FROM facts WHERE {where} ORDER BY rowid"):
                    for p in periods:
                        one = f" AND {d} = {q(v)} AND unit IN ({', '.join(map(q, MONEY))})"
                        both = rows(f"SELECT count(*) FROM facts WHERE {where}{one} AND period IN ({q(p)}, {q(year_before(p))})")
                        if both[0][0] == 2:
                            out["yoy"].append(yoy(s, m, p, year_before(p), (d, v)))
    return out


# ---------------------------------------------------------------------------------------------
# Checking that iijq and SQL give the same figures.

NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


def iijq_numbers(block):
    """The numbers in the body of an iijq table (not its header, labels or notes)."""
    numbers = []
    for line in block.splitlines()[1:]:
        if line.startswith("note:"):
            continue
        for token in line.split():
            if NUMBER.match(token):
                numbers.append(decimal.Decimal(token.rstrip("%").replace(",", "")))
    return sorted(numbers)


def sql_numbers(text):
    numbers = []
    for line in text.splitlines():
        for token in line.split("|"):
            token = token.strip()
            try:
                numbers.append(decimal.Decimal(token))
            except decimal.InvalidOperation:
                pass
    return sorted(numbers)


def run_iijq_statements(iijq, statements, path, facts=None):
    """Runs statements as one iijq script; returns each one's output (None where it failed)."""
    path.write_text("".join(st + "\n" for st in statements), encoding="utf-8")
    args = [iijq] + (["--facts", str(facts)] if facts else []) + [str(path)]
    r = subprocess.run(args, capture_output=True, text=True)
    failed = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(path))}:(\d+):\d+: error:", r.stderr, re.M)}
    blocks = [b for b in r.stdout.split("\n\n") if b.strip()]
    outputs, i = [], 0
    for line, _ in enumerate(statements, 1):
        if line in failed:
            outputs.append(None)
        else:
            outputs.append(blocks[i] if i < len(blocks) else "")
            i += 1
    if i != len(blocks):
        sys.exit(f"bench: iijq printed {len(blocks)} results for {len(statements) - len(failed)} statements in {path}")
    return outputs


def sql_argv(engine, db, *args):
    """The command that runs SQL on `db` with `engine`, printing rows as `a|b` lines."""
    return (["sqlite3", str(db)] if engine == "sqlite3" else [DUCKDB, "-list", "-noheader", str(db)]) + list(args)


def run_sql_statements(db, statements, path, engine="sqlite3"):
    marker = "@@ next @@"
    path.write_text("".join(f"{st}\n.print '{marker}'\n" for st in statements), encoding="utf-8")
    r = subprocess.run(sql_argv(engine, db, f".read {path}"), capture_output=True, text=True)
    if r.returncode != 0 or r.stderr:
        sys.exit(f"bench: {engine} failed on {path}:\n{r.stderr}")
    return r.stdout.split(marker + "\n")[:len(statements)]


def duckdb_agrees(pairs, checked, ddb, name):
    """Whether DuckDB, over `ddb`, prints the figures sqlite3 printed for each checked pair."""
    out = run_sql_statements(ddb, [p[1] for p in pairs], OUT / f"{name}-duckdb.sql", "duckdb")
    return [sql_numbers(d) == sql_numbers(c[2]) for d, c in zip(out, checked)]


def verify(iijq, db, pairs, name, facts=None):
    """Runs each (iijq, SQL) pair; returns [(pair, iijq output, sql output, same figures?)]."""
    iq = run_iijq_statements(iijq, [p[0] for p in pairs], OUT / f"{name}.iq", facts)
    sq = run_sql_statements(db, [p[1] for p in pairs], OUT / f"{name}.sql")
    return [(p, a, b, a is not None and iijq_numbers(a) == sql_numbers(b) and sql_numbers(b) != [])
            for p, a, b in zip(pairs, iq, sq)]


# ---------------------------------------------------------------------------------------------
# Timing.

def hyperfine(name, commands, runs, warmup, prepare=None):
    """Medians (seconds) of each (label, argv) command, measured together by hyperfine."""
    path = OUT / f"hyperfine-{name}.json"
    args = ["hyperfine", "-N", "--style", "basic", "--warmup", str(warmup), "--runs", str(runs), "--export-json", str(path)]
    for label, argv in commands:
        args += ["-n", label]
        if prepare:
            args += ["--prepare", prepare.get(label, "true")]
    args += [shlex.join(argv) for _, argv in commands]
    with open(OUT / "hyperfine.log", "a", encoding="utf-8") as log:
        log.write(f"\n### {name}\n")
        log.flush()
        subprocess.run(args, check=True, stdout=log, stderr=subprocess.STDOUT)
    results = json.loads(path.read_text())["results"]
    SPREAD.update({r["command"]: r["stddev"] or 0.0 for r in results})
    return {r["command"]: r["median"] for r in results}


SPREAD = {}  # the standard deviation of the last hyperfine measurement of each command label


def once(argv, timeout=TIMEOUT):
    """Seconds one run takes, or None when it takes longer than `timeout` (it is then killed)."""
    t0 = time.perf_counter()
    try:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - t0


def iijq_base_memory(iijq):
    """iijq's peak memory (MB) on the embedded facts alone, the median of five runs."""
    path = OUT / "memory-iijq-embedded.txt"
    path.write_text("")
    for _ in range(5):
        subprocess.run(["/usr/bin/time", "-v", "-a", "-o", str(path), iijq, "-c", "1"], stdout=subprocess.DEVNULL, check=True)
    kb = peak_memory(path)
    return kb / 1024 if kb else None


def peak_memory(path):
    """The median of the "Maximum resident set size" lines /usr/bin/time -v appended to `path`, in kB."""
    values = [int(m) for m in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text())]
    return statistics.median(values) if values else None


def signal_target(one_time):
    """How long the R repetitions of a query should take: well clear of the noise of t_one
    (a few per cent of it), and not so long that a row takes minutes."""
    return min(TARGET, max(0.05, 0.3 * one_time))


def estimate_query_time(write, argv, one_time, previous):
    """Roughly how long one query takes (seconds), or None when a process with the query once
    runs over TIMEOUT. `write(P)` writes the script with the query P times. One run with the
    query once; if that is not clearly longer than t_one, the time at the previous size ×10
    (an upper bound unless the query grows faster than the facts); at the first size, runs with
    the query 10, 100, 1,000 … times until they are clearly longer than t_one."""
    clear = 0.2 * one_time + 0.01
    write(1)
    t = once(argv)
    if t is None:
        return None
    if t - one_time > clear:
        return t - one_time
    if previous and previous > 0:
        return 10 * previous
    p = 10
    while p <= R_MAX:
        write(p)
        t = once(argv)
        if t is None:
            return (TIMEOUT - one_time) / p
        if t - one_time > clear:
            return (t - one_time) / p
        p *= 10
    return signal_target(one_time) / R_MAX


def progress(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# ---------------------------------------------------------------------------------------------
# The rows.

class Row:
    """One line of the table. `peer` says what the goal is set against: "sqlite3", or "faster"
    for the faster of sqlite3 and DuckDB (issue #20)."""

    def __init__(self, section, name, iijq, sqlite, duckdb=None, unit="s", goal=None, note="", peer="faster"):
        self.section, self.name, self.iijq, self.sqlite, self.unit, self.goal, self.note = section, name, iijq, sqlite, unit, goal, note
        self.duckdb, self.peer = duckdb, peer

    def ratio(self, peer="sqlite3"):
        other = self.sqlite if peer == "sqlite3" else self.duckdb
        if isinstance(self.iijq, (int, float)) and isinstance(other, (int, float)) and other > 0:
            return self.iijq / other
        return None

    def goal_ratio(self):
        """iijq ÷ the peer the goal names."""
        if self.peer == "sqlite3":
            return self.ratio("sqlite3")
        ratios = [r for r in (self.ratio("sqlite3"), self.ratio("duckdb")) if r is not None]
        return max(ratios) if ratios else None


def fmt_time(t):
    if t is None:
        return "–"
    if isinstance(t, str):
        return t
    if t < 0:
        return f"{t * 1e6:.1f} µs (noise)"
    if t < 1e-3:
        return f"{t * 1e6:.1f} µs"
    if t < 1:
        return f"{t * 1e3:.1f} ms"
    return f"{t:.2f} s"


def fmt(value, unit):
    if unit == "s":
        return fmt_time(value)
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}"


def main():
    global DUCKDB
    ap = argparse.ArgumentParser()
    ap.add_argument("--iijq", required=True)
    ap.add_argument("--duckdb", required=True)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    iijq, quick, DUCKDB = args.iijq, args.quick, args.duckdb
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hyperfine.log").write_text("")
    # iijq keeps a compiled image of each --facts file here (README, "Benchmarks"): the load rows
    # empty it before every run, the start rows and the per-query runs read the image it holds.
    os.environ["XDG_CACHE_HOME"] = str(CACHE)
    started = time.time()
    rows = []

    # The embedded facts in SQLite.
    db, ddb = OUT / "facts.db", OUT / "facts.duckdb"
    schema = Schema(db)

    # ---- one-shot ----
    oneshot = one_shot_pairs(schema)
    checked_oneshot = verify(iijq, db, [(p[1], p[2]) for p in oneshot], "oneshot-check")
    duck_oneshot = duckdb_agrees([(p[1], p[2]) for p in oneshot], checked_oneshot, ddb, "oneshot-check")
    runs, warmup = (5, 1) if quick else (30, 3)
    for (kind, iq, sql), (_, _, _, same), duck_same in zip(oneshot, checked_oneshot, duck_oneshot):
        progress(f"one-shot {kind}: {iq}")
        med = hyperfine(f"oneshot-{kind.split()[0].lower()}", [("iijq", [iijq, "-c", iq]), ("sqlite3", sql_argv("sqlite3", db, sql)),
                                                                ("duckdb", sql_argv("duckdb", ddb, sql))], runs, warmup)
        note = "; ".join(n for n, ok in (("figures differ, see pairs.md", same), ("DuckDB's figures differ", duck_same)) if not ok)
        rows.append(Row("one-shot (whole process)", f"{kind}: `{iq}`", med["iijq"], med["sqlite3"], med["duckdb"], goal=1.0,
                        note=note, peer="sqlite3"))

    # ---- script of 10,000 statements ----
    cands = candidates(schema)
    flat = [(kind, iq, sql) for kind, lst in cands.items() for iq, sql in lst]
    checked = verify(iijq, db, [(iq, sql) for _, iq, sql in flat], "candidates-check")
    good = {k: [] for k in cands}
    bad = []
    for (kind, iq, sql), (_, a, b, same) in zip(flat, checked):
        (good[kind].append((iq, sql)) if same else bad.append((kind, iq, sql, a, b)))
    script_iq, script_sql = OUT / "script.iq", OUT / "script.sql"
    lines_iq, lines_sql = [], []
    kinds = [k for k in good if good[k]]
    for i in range(SCRIPT_STATEMENTS):
        kind = kinds[i % len(kinds)]
        iq, sql = good[kind][(i // len(kinds)) % len(good[kind])]
        lines_iq.append(iq + "\n")
        lines_sql.append(sql + "\n")
    script_iq.write_text("".join(lines_iq), encoding="utf-8")
    script_sql.write_text("".join(lines_sql), encoding="utf-8")
    progress(f"script: {SCRIPT_STATEMENTS:,} statements ({', '.join(f'{len(good[k])} {k}' for k in kinds)} distinct)")
    runs, warmup = (3, 1) if quick else (10, 3)
    med = hyperfine("script", [("iijq", [iijq, str(script_iq)]), ("sqlite3", sql_argv("sqlite3", db, f".read {script_sql}")),
                               ("duckdb", sql_argv("duckdb", ddb, f".read {script_sql}"))], runs, warmup)
    rows.append(Row("script (whole process)", f"{SCRIPT_STATEMENTS:,} mixed statements, `iijq FILE` vs `.read FILE.sql`",
                    med["iijq"], med["sqlite3"], med["duckdb"], goal=1.0, peer="sqlite3"))

    # ---- scale ----
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    per_query = {}  # (engine, kind, size) -> seconds
    scale_checks = []
    duck_notes = {}
    details = []
    base_memory = iijq_base_memory(iijq)
    previous = None
    for n in sizes:
        label = f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"
        prefix = OUT / f"synthetic-{label}"
        facts, csv = prefix.with_suffix(".facts"), prefix.with_suffix(".csv")
        generator = BENCH / "generate.py"
        if not facts.exists() or facts.stat().st_mtime < generator.stat().st_mtime:
            progress(f"{label}: generating {n:,} facts")
            subprocess.run([sys.executable, str(generator), str(n), str(prefix)], check=True)
        sdb = OUT / f"synthetic-{label}.db"
        load_sql = OUT / f"load-{label}.sql"
        load_sql.write_text(SYNTHETIC_SCHEMA + f".import --csv --skip 1 {csv} facts\n" + SYNTHETIC_INDEXES, encoding="utf-8")
        regions = n // 1000
        queries = {
            "selective lookup": ("m3{region=r7} @ 2Q2010",
                                 "SELECT value FROM facts WHERE metric = 'm3' AND basis = 'actual' AND period = '2Q10' AND region = 'r7';"),
            "breakdown": ("m3 @ 2Q2010 by region",
                          "SELECT region, value FROM facts WHERE metric = 'm3' AND basis = 'actual' AND period = '2Q10' AND region IS NOT NULL;"),
            "full aggregate": ("sum(m3{region in [" + ", ".join(f"r{i}" for i in range(regions)) + "]}) @ 1Q2000..4Q2024",
                               "SELECT printf('%.1f', sum(value_num)) FROM facts WHERE metric = 'm3' AND basis = 'actual'"
                               " AND grain = 'quarter' AND period_start >= '2000-04-01' AND period_end <= '2025-03-31' AND region IS NOT NULL;"),
        }
        base_iq, base_sql = queries["selective lookup"]
        (OUT / f"one-{label}.iq").write_text(base_iq + "\n", encoding="utf-8")
        (OUT / f"one-{label}.sql").write_text(base_sql + "\n", encoding="utf-8")
        heavy = n >= 1_000_000
        runs = 3 if quick else 10
        warmup = 0 if heavy else (1 if quick else 3)

        # Load: the whole process that loads the facts and answers one lookup, vs sqlite3's .import and
        # CREATE INDEX into a new database and DuckDB's CREATE TABLE from read_csv_auto.
        progress(f"{label}: load")
        ddb_n = OUT / f"synthetic-{label}.duckdb"
        mem = {e: OUT / f"memory-{e}-{label}.txt" for e in ENGINES}
        for path in mem.values():
            path.write_text("")
        timed = lambda e, argv: ["/usr/bin/time", "-v", "-a", "-o", str(mem[e])] + argv  # noqa: E731
        loads = {"iijq": timed("iijq", [iijq, "--facts", str(facts), str(OUT / f"one-{label}.iq")]),
                 "sqlite3": timed("sqlite3", sql_argv("sqlite3", sdb, f".read {load_sql}")),
                 "duckdb": timed("duckdb", sql_argv("duckdb", ddb_n, duckdb_load(csv)))}
        # A load that might take over TIMEOUT is tried once first (stopped at TIMEOUT).
        projected = 15 * t_one_previous if previous else 0.0
        probe = once(loads["iijq"][5:]) if projected > TIMEOUT / 2 else 0.0
        if probe is None:
            rows.append(Row(f"scale: {label} facts", "load + one lookup (whole process)", f"> {TIMEOUT:.0f} s (1 run)", None))
            continue
        med = hyperfine(f"load-{label}", list(loads.items()), runs, warmup,
                        prepare={"iijq": f"rm -rf {CACHE}", "sqlite3": f"rm -f {sdb}", "duckdb": f"rm -f {ddb_n}"})
        t_one_previous = med["iijq"]
        first_load = med["iijq"]
        # hyperfine's prepare removes each database before every run; the last run leaves it whole.
        if subprocess.run(["sqlite3", str(sdb), "SELECT count(*) FROM facts"], capture_output=True, text=True).stdout.strip() != str(n):
            subprocess.run(["sqlite3", str(sdb), f".read {load_sql}"], check=True)
        if subprocess.run(sql_argv("duckdb", ddb_n, "SELECT count(*) FROM facts"), capture_output=True, text=True).stdout.strip() != str(n):
            subprocess.run(["rm", "-f", str(ddb_n)], check=True)
            subprocess.run(sql_argv("duckdb", ddb_n, duckdb_load(csv)), check=True)
        section = f"scale: {label} facts"
        million = n == 1_000_000
        rows.append(Row(section, "load: iijq `--facts` + one lookup vs sqlite3 `.import` + CREATE INDEX, DuckDB `read_csv_auto`",
                        med["iijq"], med["sqlite3"], med["duckdb"], goal=1.0 if million else None))
        peak = {e: (peak_memory(mem[e]) or 0) / 1024 or None for e in ENGINES}
        rows.append(Row(section, "peak memory of the load (max RSS)", peak["iijq"], peak["sqlite3"], peak["duckdb"], unit="MB",
                        goal="≤ 200 MB" if million else None))
        if peak["iijq"] and base_memory:
            growth = (peak["iijq"] - base_memory) * 1024 * 1024 / facts.stat().st_size
            rows.append(Row(section, f"iijq's memory for the file ÷ its size ({facts.stat().st_size / 1e6:.1f} MB; peak − {base_memory:.0f} MB"
                            " without it)", growth, None, unit="÷", goal="≤ 1.5"))
        # Start: iijq reads the image its first load compiled; the peers open their databases.
        t_one, spread = {}, {}
        subprocess.run(loads["iijq"][5:], stdout=subprocess.DEVNULL, check=True)
        for e, argv in (("iijq", loads["iijq"][5:]), ("sqlite3", sql_argv("sqlite3", sdb, f".read {OUT / f'one-{label}.sql'}")),
                        ("duckdb", sql_argv("duckdb", ddb_n, f".read {OUT / f'one-{label}.sql'}"))):
            med = hyperfine(f"one-{e}-{label}", [(e, argv)], runs, 1 if quick else 3)
            t_one[e], spread[e] = med[e], SPREAD[e]
        rows.append(Row(section, "start and answer a lookup: iijq from the image its first load compiled vs opening"
                        " the database", t_one["iijq"], t_one["sqlite3"], t_one["duckdb"], goal=2.0 if million else None, peer="sqlite3"))
        rows.append(Row(section, "first load ÷ start from the image (iijq)", first_load / t_one["iijq"], None, unit="÷"))

        if n == sizes[0]:
            checks = verify(iijq, sdb, list(queries.values()), f"scale-check-{label}", facts=facts)
            duck = duckdb_agrees(list(queries.values()), checks, ddb_n, f"scale-check-{label}")
            scale_checks = [(kind, *c) for kind, c in zip(queries, checks)]
            duck_notes = {kind: "" if ok else "DuckDB's figures differ" for kind, ok in zip(queries, duck)}

        # Per query, by difference: the lookup once, then the query R more times.
        for kind, (iq, sql) in queries.items():
            progress(f"{label}: {kind}")
            engines = {}
            for engine in ENGINES:
                stmt, base = (iq, base_iq) if engine == "iijq" else (sql, base_sql)
                many = OUT / f"many-{engine}-{label}-{kind.split()[-1]}.{'iq' if engine == 'iijq' else 'sql'}"

                def write(r, many=many, base=base, stmt=stmt):
                    many.write_text(base + "\n" + (stmt + "\n") * r, encoding="utf-8")

                argv = ([iijq, "--facts", str(facts), str(many)] if engine == "iijq"
                        else sql_argv(engine, sdb if engine == "sqlite3" else ddb_n, f".read {many}"))
                q_est = estimate_query_time(write, argv, t_one[engine], per_query.get((engine, kind, previous)))
                if q_est is None:
                    engines[engine] = None
                    continue
                r = max(1, min(R_MAX, int(signal_target(t_one[engine]) / max(q_est, 1e-9))))
                engines[engine] = {"argv": argv, "r": r, "write": write, "slow": q_est > 1.0 or t_one[engine] > 1.0}
            per = {}
            for attempt in range(2):
                todo = [e for e, v in engines.items() if v and e not in per]
                if not todo:
                    break
                for e in todo:
                    engines[e]["write"](engines[e]["r"])
                slow = any(engines[e]["slow"] for e in todo)
                med = hyperfine(f"many-{label}-{kind.split()[-1]}" + ("-again" if attempt else ""),
                                [(e, engines[e]["argv"]) for e in todo], runs, 0 if slow or heavy else warmup)
                for e in todo:
                    one_time, v = t_one[e], engines[e]
                    signal = med[e] - one_time
                    # Too little above t_one to tell from its noise (or well short of the signal wanted,
                    # when the estimate came from one slow cold run): more repetitions, once — at least
                    # ten times as many, and as many as the signal wanted asks for.
                    wanted = signal_target(one_time)
                    if attempt == 0 and signal < max(3 * spread[e], 0.03 * one_time, 0.002, 0.5 * wanted) and v["r"] < R_MAX:
                        v["r"] = min(R_MAX, v["r"] * min(100, max(10, math.ceil(wanted / max(signal, 1e-6)))))
                        continue
                    per[e] = signal / v["r"]
                    per_query[(e, kind, n)] = per[e]
                    details.append(f"| {label} | {kind} | {e} | {v['r']:,} | {fmt_time(one_time)} | {fmt_time(med[e])} | {fmt_time(per[e])} |")
            for engine in ENGINES:
                if engines[engine] is None:
                    per[engine] = f"> {TIMEOUT:.0f} s (1 run)"
            shown = iq if len(iq) < 60 else f"sum(m3{{region in [r0, …, r{regions - 1}]}}) @ 1Q2000..4Q2024"
            rows.append(Row(section, f"{kind}, per query: `{shown}`", per["iijq"], per["sqlite3"], per["duckdb"],
                            goal=1.0 if million else None, note=duck_notes.get(kind, "")))
            if kind != "selective lookup":
                whole = {e: t_one[e] - per_query.get((e, "selective lookup", n), 0) + per[e] if isinstance(per[e], float) else per[e]
                         for e in ENGINES}
                rows.append(Row(section, f"{kind}, whole process (start + this query, derived)", whole["iijq"], whole["sqlite3"], whole["duckdb"]))

        previous = n

    # ---- slope ----
    lo, hi = sizes[0], sizes[-1]
    slope = {}
    for engine in ENGINES:
        a, b = per_query.get((engine, "selective lookup", lo)), per_query.get((engine, "selective lookup", hi))
        slope[engine] = b / a if a and b and a > 0 and b > 0 else None
    factor = hi // lo
    rows.append(Row("slope", f"selective lookup per query, {hi // 1000}k ÷ {lo // 1000}k facts (×{factor} facts)",
                    slope["iijq"], slope["sqlite3"], slope["duckdb"], unit="x", goal=f"< {factor} (sub-linear)"))

    elapsed = time.time() - started
    table = render(rows)
    print()
    print(table)
    write_results(table, rows, details, elapsed, quick, iijq)
    write_pairs(oneshot, checked_oneshot, cands, good, bad, scale_checks)
    progress(f"done in {elapsed / 60:.1f} min: bench/RESULTS.md, bench/pairs.md")


SYNTHETIC_SCHEMA = """CREATE TABLE facts (metric TEXT NOT NULL, kind TEXT, period TEXT NOT NULL, grain TEXT NOT NULL,
  period_start TEXT NOT NULL, period_end TEXT NOT NULL, basis TEXT NOT NULL, region TEXT,
  value TEXT NOT NULL, value_num REAL NOT NULL, high TEXT, high_num REAL, unit TEXT NOT NULL, unit_scale INTEGER,
  document TEXT, slide TEXT, label TEXT);
"""
SYNTHETIC_INDEXES = """CREATE INDEX facts_metric_period ON facts (metric, period);
CREATE INDEX facts_metric_basis_period ON facts (metric, basis, period);
CREATE INDEX facts_metric_basis_end ON facts (metric, basis, period_end);
CREATE INDEX facts_by_region ON facts (region, metric, basis, period) WHERE region IS NOT NULL;
"""


def met(row):
    if row.goal is None:
        return ""
    if row.unit == "MB":
        return "yes" if isinstance(row.iijq, float) and row.iijq <= 200 else "no"
    if row.unit == "x":
        factor = int(re.search(r"×(\d+)", row.name).group(1))
        return "yes" if isinstance(row.iijq, float) and row.iijq < factor else "no"
    if row.unit == "÷":
        return "yes" if isinstance(row.iijq, float) and row.iijq <= float(row.goal.split()[-1]) else "no"
    r = row.goal_ratio()
    if r is None:
        return "no" if isinstance(row.iijq, str) else "–"
    if isinstance(row.iijq, float) and row.iijq < 0:
        return "– (lost in noise)"
    return "yes" if r <= row.goal else "no"


def ratio_text(row, peer):
    other = row.sqlite if peer == "sqlite3" else row.duckdb
    if row.unit in ("x", "÷"):
        return "–"
    r = row.ratio(peer)
    if r is not None:
        return f"{r:.2f}"
    if isinstance(row.iijq, str) and isinstance(other, float) and other > 0:
        return f"> {TIMEOUT / other:.0f}"
    return "–"


def render(rows):
    out = ["| section | row | iijq | sqlite3 | DuckDB | iijq ÷ sqlite3 | iijq ÷ DuckDB | goal | met |",
           "|---|---|--:|--:|--:|--:|--:|---|---|"]
    for row in rows:
        if isinstance(row.goal, float):
            goal = f"≤ {row.goal:.1f} × " + ("sqlite3" if row.peer == "sqlite3" else "the faster")
        else:
            goal = row.goal or ""
        note = f" ({row.note})" if row.note else ""
        out.append(f"| {row.section} | {row.name}{note} | {fmt(row.iijq, row.unit)} | {fmt(row.sqlite, row.unit)} | "
                   f"{fmt(row.duckdb, row.unit)} | {ratio_text(row, 'sqlite3')} | {ratio_text(row, 'duckdb')} | {goal} | {met(row)} |")
    return "\n".join(out)


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    return f"{uname}; {cpu}, {os.cpu_count()} cores{mem}"


def commit():
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    return head + (" (with uncommitted changes)" if dirty else "")


def versions(iijq):
    def first(argv):
        r = subprocess.run(argv, capture_output=True, text=True)
        return (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr).strip() else "?"
    return (f"iijq {first([iijq, '--version'])}, {first(['swift', '--version'])}; "
            f"sqlite3 {first(['sqlite3', '--version']).split()[0]}; DuckDB {first([DUCKDB, '--version']).split()[0]}; "
            f"{first(['hyperfine', '--version'])}; Python {platform.python_version()}")


def write_results(table, rows, details, elapsed, quick, iijq):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = f"""# iijq vs sqlite3 and DuckDB: benchmark results

- Date: {now}{' — a `--quick` run: fewer runs, no 1M facts' if quick else ''}
- Machine: {machine()}
- Commit: {commit()}
- Tools: {versions(iijq)}
- Run time: {elapsed / 60:.1f} min (`bench/run.sh{' --quick' if quick else ''}`)

Medians of hyperfine runs (`--runs 30` for one-shots, 10 otherwise{'; fewer with --quick' if quick else ''}); the ratios are
iijq ÷ sqlite3 and iijq ÷ DuckDB, so below 1 iijq is faster. Goals are from issue #20: one-shot and
script against sqlite3 (DuckDB starts slower), the 1M-fact load and queries against the faster of
the two peers, start at 1M against sqlite3 opening its database; memory at most 200 MB at 1M facts
and (issue #17) at most 1.5 × the file's size.

{table}

## What is measured

- **iijq** is the release build (`swift build -c release --static-swift-stdlib`); **sqlite3** reads
  `bench/out/facts.db`, made from `iijq --export sql`, and **DuckDB** (the `duckdb-cli` binary,
  `-list` output) reads `bench/out/facts.duckdb`, the same `facts` table through CSV and
  `read_csv_auto`, so all three answer from the same facts with the same SQL. Every command runs
  without a shell (`hyperfine -N`); output goes to /dev/null.
- **One-shot**: `iijq -c QUERY` vs `sqlite3 facts.db SQL`, one process each, the whole process timed.
  `bench/pairs.md` shows each query beside its SQL, both outputs, and whether their figures agree.
- **Script**: {SCRIPT_STATEMENTS:,} statements cycling through the five kinds (lookup, breakdown, pivot over five
  periods, YoY, ratio) over every metric, dimension and period of the embedded facts where the
  iijq query and its SQL give the same figures (`bench/out/script.iq`, `bench/out/script.sql`).
- **Scale**: `bench/generate.py N` writes N synthetic facts (10 flow metrics × N/1000 regions ×
  100 quarters, 1Q2000..4Q2024, values with one decimal) as a `.facts` file and as CSV rows of the
  export's `facts` table.
  - *Load*: iijq loads the file with `--facts` and answers one selective lookup (a process can do
    no less), its cache of compiled images (`XDG_CACHE_HOME=bench/out/cache`) emptied before each
    run, so the load parses the text and writes the image; sqlite3 runs `CREATE TABLE`, `.import --csv` and the four `CREATE INDEX` of the export
    into a new database; DuckDB runs `CREATE TABLE facts AS SELECT * FROM read_csv_auto(CSV)` into a
    new database. iijq's memory for the file is its peak less its peak on the embedded facts alone. Peak memory is "Maximum resident set size" from `/usr/bin/time -v`
    around the same runs (median); the wrapper is in the load times of both.
  - *Start*: the same process once the image exists: iijq reads the image its first load
    compiled; sqlite3 and DuckDB open their databases; each answers the lookup once (t_one).
  - *Per query*, by difference: every process starts (iijq from the image), so a script holding
    the lookup once (t_one, the start row) is set against the same script followed by the query R
    times (t_many): per query = (t_many − t_one) ÷ R. The same for sqlite3 on its indexed database
    and DuckDB on its table. R is chosen so that the
    repetitions take about 0.3 × t_one (at least 0.05 s, at most {TARGET:.0f} s), enough to stand
    clear of t_one's noise: a probe run with the query once estimates its time when that is
    clearly longer than t_one; otherwise the per-query time at the previous size ×10 does, and at
    the first size probes with the query 10, 100, 1,000 … times. When t_many lies less than three
    standard deviations of t_one (or 3 % of it, or half the time the repetitions should take) above
    t_one, the row is measured again with R raised to reach that time (10 to 100 × R): a probe that
    ran cold can overestimate a query many times over, and 10 lookups at 1M facts then measured
    the start's noise. The R of each row is in the table below.
  - *Whole process* of a breakdown or aggregate is derived: t_one − lookup + the query.
  - A process that runs longer than {TIMEOUT:.0f} s is stopped and its row says so (one run).
  - *Slope*: the selective lookup's per-query time at the largest size ÷ at 10k; with 100× the
    facts, a value well below 100 means sub-linear growth.
- The full aggregate is `sum(m3{{region in [r0, …, rN]}}) @ 1Q2000..4Q2024`: an aggregate collapses
  every dimension made a key by an `in [...]` filter (docs/language.md §8.1), and iijq has no
  other way to sum over every member of a dimension; SQL: `sum(value_num)` over `region IS NOT NULL`
  and the quarters' dates.

## Per-query detail

| size | query | engine | R | t_one | t_many | per query |
|---|---|---|--:|--:|--:|--:|
""" + "\n".join(details) + "\n"
    (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")


def write_pairs(oneshot, checked_oneshot, cands, good, bad, scale_checks):
    out = ["# iijq queries and their SQL", "",
           "Written by `bench/run.sh`: each iijq query of the benchmark beside the SQL it is measured against",
           "(over the `facts` table of `iijq --export sql`), with both outputs. \"Same figures\" compares the",
           "numbers in iijq's table with those sqlite3 prints.", ""]

    def pair(title, iq, sql, a, b, same, facts=""):
        out.extend([f"## {title}", "", "```", f"$ iijq {facts}-c '{iq}'", (a or "(error)").rstrip(), "```", "",
                    "```sql", sql, "```", "```", (b or "").rstrip(), "```", "", f"Same figures: {'yes' if same else 'NO'}", ""])

    for (kind, iq, sql), (_, a, b, same) in zip(oneshot, checked_oneshot):
        pair(f"One-shot: {kind}", iq, sql, a, b, same)
    for kind, (iq, sql), a, b, same in scale_checks:
        pair(f"Scale (10k synthetic facts): {kind}", iq, sql, a, b, same, facts="--facts bench/out/synthetic-10k.facts ")
    total = sum(len(v) for v in cands.values())
    out += ["## The script's statements", "",
            f"{total} candidate queries were generated from the fact base; {total - len(bad)} give the same figures in",
            "iijq and SQL and make up the script: " + ", ".join(f"{len(v)} {k}" for k, v in good.items()) + ".", ""]
    if bad:
        out += [f"Left out, {len(bad)} (iijq fails or the figures differ):", ""]
        for kind, iq, sql, a, b in bad:
            why = "iijq: error" if a is None else "figures differ"
            out.append(f"- {kind}: `{iq}` — {why}; iijq: {' '.join((a or '').split())[:160]!r}; SQL: {' '.join((b or '').split())[:120]!r}")
        out.append("")
    (BENCH / "pairs.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
