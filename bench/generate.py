#!/usr/bin/env python3
"""Writes a synthetic fact base of N facts for the benchmark, in two forms:

  OUT_PREFIX.facts  iijq's fact format, loaded with `iijq --facts`
  OUT_PREFIX.csv    the same facts as rows of the `facts` table that `iijq --export sql`
                    creates (one column per dimension, here just `region`), with a header
                    line, for sqlite3's `.import --csv --skip 1`

The shape follows the real fact base: 10 flow metrics (m0..m9, in ¥ mn) broken down by one
dimension, `region`, with N/1000 members (r0, r1, …), over 100 quarters, 1Q2000..4Q2024.
Values have one decimal (1234.5), so exact decimals matter. The values are pseudo-random
from a fixed seed: the same N always gives the same files.

Usage: bench/generate.py N OUT_PREFIX      (N a multiple of 1000: 10000, 100000, 1000000)
"""
import random
import sys

METRICS = 10
FIRST_YEAR, YEARS = 2000, 25  # fiscal years 2000..2024: 100 quarters
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def quarters():
    """(iijq's period text, start date, end date) of each quarter, in order."""
    for fy in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for q in range(1, 5):
            start_month = 4 + 3 * (q - 1)
            year = fy if start_month <= 12 else fy + 1
            start_month = (start_month - 1) % 12 + 1
            end_month = start_month + 2
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            end_day = 29 if end_month == 2 and leap else DAYS[end_month - 1]
            # iijq writes years 2000-2099 with two digits: 1Q2000 is 1Q00.
            yield (f"{q}Q{fy % 100:02d}", f"{year}-{start_month:02d}-01", f"{year}-{end_month:02d}-{end_day:02d}")


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) % 1000 or int(sys.argv[1]) == 0:
        sys.exit("usage: generate.py N OUT_PREFIX   (N a positive multiple of 1000)")
    n, prefix = int(sys.argv[1]), sys.argv[2]
    regions = n // 1000
    periods = list(quarters())
    assert len(periods) == 100
    rng = random.Random(n)
    with open(prefix + ".facts", "w", encoding="utf-8") as facts, open(prefix + ".csv", "w", encoding="utf-8") as csv:
        facts.write(f"-- {n} synthetic facts for bench/run.sh: {METRICS} metrics x {regions} regions x 100 quarters\n")
        facts.write('document syn file="synthetic.txt" title="Synthetic facts"\n')
        facts.write('source syn "Synthetic"\n')
        facts.write('dimension region "Region"\n')
        for r in range(regions):
            facts.write(f'member region r{r} "Region {r}"\n')
        for m in range(METRICS):
            facts.write(f'metric m{m} flow "Synthetic metric {m}" dims=region\n')
        csv.write("metric,kind,period,grain,period_start,period_end,basis,region,value,value_num,high,high_num,"
                  "unit,unit_scale,document,slide,label\n")
        for m in range(METRICS):
            for r in range(regions):
                label = f"M{m} region {r}"
                fact_lines, csv_lines = [], []
                for (period, start, end), fy_q in zip(periods, range(100)):
                    tenths = rng.randrange(1000, 1000000)
                    value = f"{tenths // 10}.{tenths % 10}"
                    fy, q = FIRST_YEAR + fy_q // 4, fy_q % 4 + 1
                    fact_lines.append(f'm{m}{{region=r{r}}} @ {q}Q{fy} = {value} yen_mn "{label}"\n')
                    csv_lines.append(f"m{m},flow,{period},quarter,{start},{end},actual,r{r},{value},{value},,,"
                                     f"¥ mn,6,synthetic.txt,Synthetic,{label}\n")
                facts.write("".join(fact_lines))
                csv.write("".join(csv_lines))


if __name__ == "__main__":
    main()
