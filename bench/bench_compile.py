"""Compile time with every check: the seed rubric in-process, and generated rubrics of 500 to
5,000 indicators, with the growth from 500 to 5,000 against linear (10×); and for the same
rubrics, scoring a unit and writing its filled form (`perfdsl score`'s work: the generated code
made on the first unit, every indicator's 计算分析情况 sentence, the Markdown form), which must
grow linearly too (a 20,000-indicator form once took 48 s against a 5.5 s compile).

    .venv/bin/python bench/bench_compile.py [--quick]

Prints medians of repeated runs measured in this process. Targets: the seed under 100 ms,
5,000 indicators under 5 s, growth close to linear.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import perfdsl  # noqa: E402


def generated(n: int) -> str:
    """A rubric of `n` indicators in groups of 10, mixing value formulas, bands and deductions."""
    lines = [f"总分 {n}", "输入 x：数值 范围 0 至 100", "输入 r：百分比 范围 0% 至 100%",
             "输入 ok：是否"]
    rules = ["评分 分档 {name} {{ ≥ 90%：满分；[60%, 90%)：60%；< 60%：0 }}",
             "评分 按比例 {name}",
             "评分 逐档扣分 {name} 低于 100% 每 1% 扣 0.1 分 不足一档不扣",
             "评分 扣分项 {{ 若 非 ok 扣 0.5 分 原因 \"未达标\"；若 x > 3 扣 0.5 分 }}"]
    for g in range(n // 10):
        lines.append(f"分组 组{g} 分值 10 {{")
        for i in range(10):
            name = f"指标{g * 10 + i}"
            rule = rules[i % len(rules)].format(name=name)
            lines.append(f"  指标 {name} 分值 1 {{ 值 min(r + x / {i + 1000}, 100%)  {rule} }}")
        lines.append("}")
    return "\n".join(lines) + "\n"


def median_seconds(text: str, name: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        perfdsl.compile(text, name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def score_seconds(text: str, repeats: int) -> float:
    """Median time to compile nothing more, then score one unit and render its form."""
    from perfdsl.outputs.report import render_markdown

    times = []
    for _ in range(repeats):
        compiled = perfdsl.compile(text, "generated")
        # What compiling left for the cycle collector is collected now, as bench_eval does
        # before each repeat, not charged to the first scoring: a fresh `perfdsl score` pays it
        # once whatever it does next.
        gc.collect()
        start = time.perf_counter()
        render_markdown(compiled.evaluate({"x": 50, "r": "95%", "ok": True}))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    seed_text = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")
    perfdsl.compile(seed_text, "seed")  # builds (or loads) the parser tables once
    rows = []
    seed = median_seconds(seed_text, "seed", 5 if args.quick else 21)
    rows.append(("seed rubric (26 indicators), all checks", seed * 1000, "ms", "< 100 ms",
                 seed < 0.1))
    sizes = (500, 1000, 2000, 5000)
    timings = {}
    for n in sizes:
        timings[n] = median_seconds(generated(n), f"gen{n}", 1 if args.quick else 3)
        target = "< 5 s" if n == 5000 else "—"
        rows.append((f"generated, {n} indicators", timings[n], "s", target,
                     timings[n] < 5 if n == 5000 else None))
    growth = timings[5000] / timings[500]
    rows.append(("growth 500 → 5,000 (linear: 10×)", growth, "×", "≈ 10×", growth < 13))
    scoring = {n: score_seconds(generated(n), 1 if args.quick else 3) for n in (500, 5000)}
    for n, seconds in scoring.items():
        rows.append((f"score + Markdown form, {n} indicators", seconds, "s", "—", None))
    growth = scoring[5000] / scoring[500]
    rows.append(("growth of scoring 500 → 5,000 (linear: 10×)", growth, "×", "≈ 10×",
                 growth < 13))
    print(f"{'what':<44} {'median':>10}  {'target':>10}  result")
    for what, value, unit, target, ok in rows:
        shown = f"{value:.1f} {unit}" if unit != "s" else f"{value:.2f} s"
        verdict = "" if ok is None else ("pass" if ok else "FAIL")
        print(f"{what:<44} {shown:>10}  {target:>10}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
