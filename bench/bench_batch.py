"""Benchmark: scoring a table of units in bulk with DuckDB, against DuckDB's own floor.

Run from the checkout with the venv that has perfdsl installed:

    .venv/bin/python bench/bench_batch.py            # 1,000,000 units, a few minutes
    .venv/bin/python bench/bench_batch.py --units 100000 --repeats 1   # quicker

What it measures, in one run (the seed rubric, rubrics/department-overall.rubric):

1. A table of seed-like units — the example's figures, each money figure and rate varied at
   random within its declared range, judged scores within their drawn level, 1% of the cells
   empty (so about a third of the rows have a problem) — written by DuckDB as Parquet (typed as
   `perfdsl sql --schema` says) and as CSV (text, rates with their %).
2. The query alone, once the Parquet file is loaded into a DuckDB table: units per second
   (target ≥ 2,000,000/s). Every output column is aggregated, so none is pruned.
3. The whole command, `perfdsl score RUBRIC units.parquet -o scored.parquet` (a fresh process:
   start, compile, read, score, write), against DuckDB alone copying the same file to the same
   format (`COPY (SELECT * FROM read_parquet(…)) TO …`), the I/O floor: ratio target ≤ 3. Its
   peak memory (the process's maximum resident set): target ≤ 1 GiB.
4. The same for CSV in and out.
5. The crossover: tables of 10 to 30,000 rows scored to CSV by DuckDB and by the generated
   Python row by row, in one process; the size below which Python is faster. The query is
   compiled once per rubric and table shape, so this is the cost for a process that scores many
   tables (the API, `perfdsl serve`); the first table also pays for compiling the query.

Medians of `--repeats` runs (default 3); ratios compare runs of the same session.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "department-overall.rubric"
DATA = ROOT / "examples" / "huitong-2021.yaml"

sys.path.insert(0, str(ROOT))
import perfdsl  # noqa: E402
from perfdsl.backends import sql  # noqa: E402
from perfdsl.data import figures, tables  # noqa: E402


def generate(con, count: int, parquet: Path, csv_path: Path, empty: float = 0.01) -> None:
    """Seed-like units with DuckDB's random(): typed Parquet, and the same as CSV text.

    Each money figure and rate is the example's varied by ×0.6–1.4 (kept within the input's
    declared range), counts by +0–2, yes/no true nine times in ten, a level any of its scale's; a
    judged score (人工评分) lies within the range of the level drawn beside it. Then `empty` of
    the cells are left empty: a row with an empty figure that has no default gets D002 and its
    indicators their fallback, so about a third of the rows have a problem."""
    from perfdsl.checks import model as m

    rubric = perfdsl.compile_file(RUBRIC)
    checked, _ = figures.check(rubric.model, perfdsl.load_data(DATA))
    query = sql.compile_query(rubric.program, rubric.model, "duckdb",
                              __import__("sqlglot").exp.to_table("units"))
    judged = {}  # score input → (level input, scale, weight)
    for indicator in rubric.model.indicators:
        rule = indicator.rule
        if isinstance(rule, m.Judged) and isinstance(rule.score, m.InputRef) \
                and isinstance(rule.level, m.InputRef):
            judged[rule.score.name] = (rule.level.name, rule.scale, indicator.weight)
    draws = {level: f"_d{k}" for k, (level, _, _) in enumerate(judged.values())}
    columns = ["'单位' || i AS \"单位\""]
    for item in rubric.program.inputs:
        value = checked[item.name]
        name = '"' + item.name + '"'
        if item.type.kind == "bool":
            expr = "random() < 0.9"
        elif item.type.kind == "level":
            levels = [lv.name for lv in next(sc for sc in rubric.model.scales
                                             if sc.name == item.type.scale).levels]
            pick = draws.get(item.name, f"floor(random() * {len(levels)})::INT")
            expr = f"{[*levels]}[1 + {pick}]"
        elif item.type.display == "count":
            expr = f"({int(value)} + floor(random() * 3))::INTEGER"
        else:
            domain = query.domains[item.slot]
            places = 2 if item.type.display == "money" else 4
            expr = f"round({value} * (0.6 + random() * 0.8), {places})"
            for bound in item.bounds:  # within the declared range, as figures mostly are
                if bound.op in ("<", "<="):
                    expr = f"least({expr}, {bound.value})"
            if item.name in judged:
                level, scale, weight = judged[item.name]
                arms = " ".join(
                    f"WHEN {draws[level]} = {k} THEN round({weight} * ({lv.low or 0} + "
                    f"(0.05 + random() * 0.9) * {(lv.high or 0) - (lv.low or 0)}), 2)"
                    for k, lv in enumerate(scale.levels))
                expr = f"CASE {arms} END"
            expr += f"::DECIMAL({domain.digits + domain.places}, {domain.places})"
        columns.append(f"CASE WHEN random() < {empty} THEN NULL ELSE {expr} END AS {name}")
    picks = "".join(f", floor(random() * {len(scale.levels)})::INT AS {draws[level]}"
                    for level, scale, _ in judged.values())
    select = f"SELECT {', '.join(columns)} FROM (SELECT i{picks} FROM range({count}) AS t(i))"
    con.execute(f"COPY ({select}) TO '{parquet}' (FORMAT parquet)")
    # CSV as people write it: rates with their %, figures without trailing zeros
    texts = ['"单位"']
    for item in rubric.program.inputs:
        name = '"' + item.name + '"'
        if item.type.display in ("percent", "ratio"):
            texts.append(f"rtrim(rtrim(({name} * 100)::DECIMAL(18, 6)::VARCHAR, '0'), '.') || '%' "
                         f"AS {name}")
        else:
            texts.append(name)
    con.execute(f"COPY (SELECT {', '.join(texts)} FROM read_parquet('{parquet}')) TO "
                f"'{csv_path}' (FORMAT csv, HEADER)")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def process(args: list[str]) -> tuple[float, int]:
    """Wall time and peak memory (bytes) of a fresh Python process running perfdsl's main."""
    code = ("import resource, sys, time; t = time.perf_counter(); from perfdsl.cli import main; "
            "rc = main(sys.argv[1:]); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    seconds, kib = done.stdout.split()[-2:]
    return float(seconds), int(kib) * 1024


def duckdb_copy(source: Path, target: Path, reader: str, options: str) -> float:
    code = (f"import duckdb, time; t = time.perf_counter(); "
            f"duckdb.connect().execute(\"COPY (SELECT * FROM {reader}('{source}')) TO "
            f"'{target}' ({options})\"); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(done.stdout.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rubric = perfdsl.compile_file(RUBRIC)
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        parquet, csv_path = folder / "units.parquet", folder / "units.csv"
        con = duckdb.connect()
        print(f"generating {args.units:,} units …", file=sys.stderr)
        generate(con, args.units, parquet, csv_path)

        # 2. The query alone, over a loaded table.
        con.execute(f"CREATE TABLE loaded AS SELECT * FROM read_parquet('{parquet}')")
        types = {r[0]: r[1] for r in con.execute("DESCRIBE loaded").fetchall()}
        con.execute(f"CREATE VIEW {tables.VIEW} AS SELECT * FROM loaded")
        batch = tables.prepare(rubric, con, types, ["单位"])
        names = batch.query.output.indicators + batch.query.output.groups
        aggregate = ", ".join(f'sum("{n}")' for n in names)
        probe = (f"SELECT {aggregate}, sum(total), count(grade), sum(length(problems)) "
                 f"FROM ({batch.sql})")
        times = [timed(lambda: con.execute(probe).fetchall()) for _ in range(args.repeats)]
        rate = args.units / statistics.median(times)
        rows.append(("query on a loaded table", f"{statistics.median(times):.3f} s",
                     f"{rate / 1e6:.2f} M units/s", "≥ 2 M/s " + ("pass" if rate >= 2e6 else "FAIL")))

        # 3, 4. The whole command against DuckDB's copy, Parquet and CSV.
        for source, reader, suffix, options in (
                (parquet, "read_parquet", ".parquet", "FORMAT parquet"),
                (csv_path, "read_csv", ".csv", "FORMAT csv, HEADER")):
            out, copy = folder / f"scored{suffix}", folder / f"copy{suffix}"
            ours, memory, floor = [], [], []
            for _ in range(args.repeats):
                seconds, peak = process(["score", str(RUBRIC), str(source), "--key", "单位",
                                         "-o", str(out)])
                ours.append(seconds)
                memory.append(peak)
                floor.append(duckdb_copy(source, copy, reader, options))
            ratio = statistics.median(ours) / statistics.median(floor)
            peak = max(memory)
            kind = suffix[1:]
            rows.append((f"perfdsl score units{suffix} -o scored{suffix}",
                         f"{statistics.median(ours):.2f} s",
                         f"DuckDB copy {statistics.median(floor):.2f} s, ×{ratio:.2f}",
                         "≤ 3× " + ("pass" if ratio <= 3 else "FAIL")))
            rows.append((f"peak memory ({kind})", f"{peak / 2 ** 20:.0f} MiB", "",
                         "≤ 1 GiB " + ("pass" if peak <= 2 ** 30 else "FAIL")))

        # 5. The crossover between DuckDB and Python row by row.
        crossover = None
        for size in (10, 100, 300, 1000, 3000, 10_000, 30_000):
            small = folder / f"small{size}.csv"
            con.execute(f"COPY (SELECT * FROM read_csv('{csv_path}') LIMIT {size}) TO '{small}' "
                        "(FORMAT csv, HEADER)")
            target = folder / "small-out.csv"

            def by_duckdb():
                tables.score_table(rubric, small, ["单位"], target, engine="duckdb")

            def by_python():
                tables._write_rows(
                    list(sql.output_columns(rubric.program, rubric.model, ["单位"]).names),
                    ([keys["单位"]] + list(r.scores) + [g.score for g in r.groups]
                     + [r.total, r.grade, tables.problems_text(r)]
                     for keys, figures_ in tables.rows(small, rubric.model, ["单位"])
                     for r in [rubric.evaluate(figures_)]), -1, target, False)

            d = statistics.median(timed(by_duckdb) for _ in range(args.repeats))
            p = statistics.median(timed(by_python) for _ in range(args.repeats))
            rows.append((f"{size:,} rows to CSV", f"DuckDB {d * 1000:.0f} ms",
                         f"Python {p * 1000:.0f} ms", "Python faster" if p < d else "DuckDB faster"))
            if p >= d and crossover is None:
                crossover = size
        rows.append(("crossover", f"≈ {crossover:,} rows" if crossover else "> 30,000 rows", "",
                     "info"))
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, width)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
