"""Benchmark: how fast perfdsl scores, compiles and starts, against honest baselines.

Run from the checkout (any venv with perfdsl installed, e.g. the README's):

    .venv/bin/python bench/bench_eval.py              # full run, well under a minute
    .venv/bin/python bench/bench_eval.py --quick      # fewer repetitions, a few seconds
    .venv/bin/python bench/bench_eval.py --check-only # only the agreement check, no timing

What it measures, all in the same run so that ratios compare like with like:

1. Per-unit evaluation of the seed rubric (rubrics/department-overall.rubric):
   `compiled.evaluate(figures)` with the seed's figures already as Python values, against
   `score_by_hand(figures)`, a hand-written function scoring the same 26 indicators with
   `decimal` exactly as the rubric says (each score clamped to [0, weight] and rounded to 0.01
   half up, subtotals, total, grade). Before any timing, the two must agree on every score,
   subtotal, total, grade and unscorable indicator for the seed figures and for 200 random
   perturbations of them (random.Random(0)); otherwise the script exits 1.
   Target: perfdsl within 2x of the hand-written function.
2. Scoring a data file: `perfdsl.load_data(path)` and `compiled.evaluate(data_file)`, timed
   apart (information only).
3. Compile time of the seed rubric in-process (the Lark parser already built), and, each in
   fresh subprocesses: building the Lark parser from its table cache and without the cache,
   and the first compile of a process (information only).
4. Wall time of `perfdsl compile RUBRIC` and `perfdsl score RUBRIC DATA` as fresh processes
   (the venv's `perfdsl` script), against `python -c pass` measured in the same run.

Timings use time.perf_counter_ns; in-process lines are the median of 7 repeats (3 with
--quick), each repeat a loop sized to take about 0.2 s (0.03 s with --quick); the candidates
are measured interleaved, repeat by repeat. Exit status: 0, or 1 if perfdsl and the
hand-written function disagree. A timing that misses its target is reported, not an error.
"""

from __future__ import annotations

import argparse
import decimal
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the checkout's perfdsl

import perfdsl  # noqa: E402

RUBRIC = ROOT / "rubrics" / "department-overall.rubric"
DATA = ROOT / "examples" / "huitong-2021.yaml"
PERFDSL_SCRIPT = Path(sys.executable).parent / "perfdsl"
D = Decimal

# --- The seed's figures as Python values (examples/huitong-2021.yaml) ------------------------

SEED_FIGURES: dict[str, Any] = {
    "上年结转金额": D("0"), "年初预算": D("40.11"), "预算执行金额": D("24.74"), "预算调整金额": D("0"),
    "其他调整资金": D("11.09"),
    "结转结余金额": D("26.46"),
    "工作规划评价": "好", "符合总体规划": True, "目标细化分解": True, "任务可以实现": True,
    "在职人员数": D("8"), "编制数": D("16"), "本年三公经费预算": D("3.19"),
    "上年三公经费预算": D("3.55"), "重点项目支出": D("24.74"), "项目总支出": D("24.74"),
    # 第三季度 and 十一月底 are not given, as in the data file: their default is 是
    "第一季度支出进度达标": False, "第二季度支出进度达标": False,
    "公用经费实际支出": D("4.98"), "公用经费预算": D("11.89"),
    "三公经费实际支出": D("1.17"), "政府采购支出": D("3.43"), "政府采购预算": D("5.1"),
    "预算管理制度评价": "好", "资金使用违规数": D("0"), "按规定公开预决算": True,
    "按规定公开三公经费": True, "基础数据真实完整": True, "会计信息真实完整": True,
    "资产管理制度评价": "好", "资产管理问题数": D("0"), "固定资产总额": D("9.2"),
    "在用固定资产总额": D("9.2"),
    "实际完成率": D("1.01"), "质量达标得分": D("8"), "质量达标等次": "达成",
    "重点工作评价": "好", "经济效益评价": "好", "社会效益评价": "好", "生态效益评价": "好",
    "满意度": D("0.95"),
}

# --- The hand-written baseline ----------------------------------------------------------------

CONTEXT = decimal.Context(prec=28, rounding=ROUND_HALF_UP,
                          traps=[decimal.DivisionByZero, decimal.InvalidOperation,
                                 decimal.Overflow])
CENT = D("0.01")
ZERO = D(0)
NIL = D("0.00")
EVALUATION = {"好": D(1), "较好": D("0.8"), "一般": D("0.6"), "较差": D(0)}  # 量表 评价等次
ACHIEVED = {"达成": (D("0.8"), D(1)), "部分达成": (D("0.6"), D("0.8")),  # 量表 达成情况
            "未达成": (D(0), D("0.6"))}
GROUPS = {  # every group with its indicators, at any depth
    "投入": ("工作规划合理性", "工作目标明确性", "在职人员控制率", "“三公经费”变动率",
           "重点支出安排率"),
    "工作目标设定": ("工作规划合理性", "工作目标明确性"),
    "预算配置": ("在职人员控制率", "“三公经费”变动率", "重点支出安排率"),
    "过程": ("预算完成率", "预算调整率", "支付进度", "结转结余率", "公用经费控制率",
           "“三公经费”控制率", "政府采购执行率", "管理制度健全性", "资金使用合规性",
           "预决算信息公开性", "基础信息完善性", "资产管理制度健全性", "资产管理安全性",
           "固定资产利用率"),
    "预算执行": ("预算完成率", "预算调整率", "支付进度", "结转结余率", "公用经费控制率",
             "“三公经费”控制率", "政府采购执行率"),
    "预算管理": ("管理制度健全性", "资金使用合规性", "预决算信息公开性", "基础信息完善性"),
    "资产管理": ("资产管理制度健全性", "资产管理安全性", "固定资产利用率"),
    "产出": ("完成实绩情况", "质量达标情况", "重点工作完成情况"),
    "职责履行": ("完成实绩情况", "质量达标情况", "重点工作完成情况"),
    "效果": ("经济效益", "社会效益", "生态效益", "社会公众或服务对象满意度"),
    "履职效益": ("经济效益", "社会效益", "生态效益", "社会公众或服务对象满意度"),
}


class Unscorable(Exception):
    """A judged score outside its level's range: the indicator cannot be scored, and scores 0."""


W2, W3, W4, W5, W6, W8 = (D(w) for w in (2, 3, 4, 5, 6, 8))
P01, P03, P15 = D("0.1"), D("0.3"), D("1.5")
ONE = D(1)
KEY_SPENDING = ((D("0.9"), W4), (D("0.8"), D("3.2")), (D("0.7"), D("2.4")), (D("0.6"), D("1.6")))
PROCUREMENT = ((D("0.95"), W2), (D("0.9"), D("1.6")), (D("0.8"), D("1.2")))
SATISFACTION = ((D("0.9"), W5), (D("0.8"), W4), (D("0.6"), W3))
JUDGED_RANGE = {level: (low * 8, high * 8) for level, (low, high) in ACHIEVED.items()}


def _clamp(raw: Decimal, weight: Decimal) -> Decimal:
    """A raw score within [0, weight], to 0.01 half up."""
    if raw >= weight:
        return weight.quantize(CENT, ROUND_HALF_UP)
    if raw <= 0:
        return NIL
    return raw.quantize(CENT, ROUND_HALF_UP)


def _above(numerator: Decimal, denominator: Decimal, threshold: Decimal, points: Decimal,
           weight: Decimal) -> Decimal:
    """逐档扣分 (numerator ÷ denominator) 高于 threshold 每 1% 扣 points 分 按实际, denominator > 0.

    The deduction is one quotient, (n − t·d) · points ÷ (d · 1%), so the only rounding before the
    score's is that quotient's, at 28 digits: the rubric's exact arithmetic, written by hand
    (dividing first, n ÷ d, then subtracting, would round twice: 2.59 ÷ 2.40 scores 0.62, not 0.63).
    """
    if denominator <= 0:
        raise decimal.DivisionByZero  # the rubric's zero divisor: the indicator is unscorable
    excess = numerator - threshold * denominator
    return weight if excess <= 0 else weight - excess * points / (denominator * CENT)


def _bands_at_least(value: Decimal, rows: tuple[tuple[Decimal, Decimal], ...]) -> Decimal:
    """分档 with rows `≥ low：points`, the first that holds, else 0."""
    for low, points in rows:
        if value >= low:
            return points
    return ZERO


POSITIVE_FIGURES = {  # the seed's inputs declared `范围 > 0`, and the indicators that read them
    "年初预算": ("预算完成率", "预算调整率", "结转结余率"),
    "编制数": ("在职人员控制率",),
    "上年三公经费预算": ("“三公经费”变动率",),
    "本年三公经费预算": ("“三公经费”变动率", "“三公经费”控制率"),
    "项目总支出": ("重点支出安排率",),
    "公用经费预算": ("公用经费控制率",),
    "政府采购预算": ("政府采购执行率",),
    "固定资产总额": ("固定资产利用率",),
}


def score_by_hand(f: dict[str, Any]) -> dict[str, Any]:
    """The seed rubric's 26 scores, subtotals, total and grade, written out by hand.

    An indicator whose figures cannot score it (a zero divisor, which the context traps as
    DivisionByZero or InvalidOperation for 0/0; a judged score outside its level's range)
    scores 0 and is listed in `unscorable`, as the rubric says (no fallbacks are given).
    """
    previous = decimal.getcontext()
    decimal.setcontext(CONTEXT)
    try:
        s: dict[str, Decimal] = {}
        bad: list[str] = []
        # 投入
        s["工作规划合理性"] = _clamp(EVALUATION[f["工作规划评价"]] * W3, W3)
        s["工作目标明确性"] = _clamp(D(f["符合总体规划"] + f["目标细化分解"] + f["任务可以实现"]), W3)
        try:
            s["在职人员控制率"] = _clamp(_above(f["在职人员数"], f["编制数"], ONE, P03, W3), W3)
        except ArithmeticError:
            s["在职人员控制率"] = ZERO
            bad.append("在职人员控制率")
        try:
            last = f["上年三公经费预算"]
            s["“三公经费”变动率"] = _clamp(_above(f["本年三公经费预算"] - last, last, ZERO, P03,
                                              W3), W3)
        except ArithmeticError:
            s["“三公经费”变动率"] = ZERO
            bad.append("“三公经费”变动率")
        try:
            s["重点支出安排率"] = _clamp(_bands_at_least(f["重点项目支出"] / f["项目总支出"],
                                                   KEY_SPENDING), W4)
        except ArithmeticError:
            s["重点支出安排率"] = ZERO
            bad.append("重点支出安排率")
        # 过程 · 预算执行
        budget = f["年初预算"]
        try:  # 低于 100% 每 1% 扣 0.1 分 不足一档不扣
            if budget <= 0:
                raise decimal.DivisionByZero
            short = budget - f["预算执行金额"]  # below 100% by short ÷ budget: whole 1% steps
            raw = W2 if short <= 0 else \
                W2 - (short / (budget * CENT)).to_integral_value(ROUND_FLOOR) * P01
            s["预算完成率"] = _clamp(raw, W2)
        except ArithmeticError:
            s["预算完成率"] = ZERO
            bad.append("预算完成率")
        try:
            rate = f["预算调整金额"] / budget
            if rate == 0:
                raw = W4
            elif 0 < rate <= D("0.1"):
                raw = W3
            elif D("0.1") < rate <= D("0.2"):
                raw = W2
            elif D("0.2") < rate <= D("0.3"):
                raw = ONE
            else:
                raw = ZERO
            s["预算调整率"] = _clamp(raw, W4)
        except ArithmeticError:
            s["预算调整率"] = ZERO
            bad.append("预算调整率")
        missed = (not f["第一季度支出进度达标"]) + (not f["第二季度支出进度达标"]) \
            + (not f.get("第三季度支出进度达标", True)) + (not f.get("十一月底支出进度达标", True))
        s["支付进度"] = _clamp(W4 - missed, W4)
        try:
            s["结转结余率"] = _clamp(_above(f["结转结余金额"], budget, ZERO, P01, W2), W2)
        except ArithmeticError:
            s["结转结余率"] = ZERO
            bad.append("结转结余率")
        try:
            s["公用经费控制率"] = _clamp(W3 if f["公用经费实际支出"] / f["公用经费预算"] <= ONE
                                    else ZERO, W3)
        except ArithmeticError:
            s["公用经费控制率"] = ZERO
            bad.append("公用经费控制率")
        try:
            s["“三公经费”控制率"] = _clamp(_above(f["三公经费实际支出"], f["本年三公经费预算"],
                                              ONE, P03, W3), W3)
        except ArithmeticError:
            s["“三公经费”控制率"] = ZERO
            bad.append("“三公经费”控制率")
        try:
            s["政府采购执行率"] = _clamp(_bands_at_least(f["政府采购支出"] / f["政府采购预算"],
                                                   PROCUREMENT), W2)
        except ArithmeticError:
            s["政府采购执行率"] = ZERO
            bad.append("政府采购执行率")
        # 过程 · 预算管理
        s["管理制度健全性"] = _clamp(EVALUATION[f["预算管理制度评价"]] * W3, W3)
        s["资金使用合规性"] = _clamp(W3 - f["资金使用违规数"], W3)
        s["预决算信息公开性"] = _clamp((W2 if f["按规定公开预决算"] else ZERO)
                                + (ONE if f["按规定公开三公经费"] else ZERO), W3)
        s["基础信息完善性"] = _clamp((P15 if f["基础数据真实完整"] else ZERO)
                               + (P15 if f["会计信息真实完整"] else ZERO), W3)
        # 过程 · 资产管理
        s["资产管理制度健全性"] = _clamp(EVALUATION[f["资产管理制度评价"]] * W3, W3)
        s["资产管理安全性"] = _clamp(W3 - f["资产管理问题数"], W3)
        try:
            s["固定资产利用率"] = _clamp(f["在用固定资产总额"] / f["固定资产总额"] * W4, W4)
        except ArithmeticError:
            s["固定资产利用率"] = ZERO
            bad.append("固定资产利用率")
        # 产出
        s["完成实绩情况"] = _clamp(f["实际完成率"] * W8, W8)
        low, high = JUDGED_RANGE[f["质量达标等次"]]
        judged = f["质量达标得分"]
        if low <= judged <= high:
            s["质量达标情况"] = _clamp(judged, W8)
        else:
            s["质量达标情况"] = ZERO
            bad.append("质量达标情况")
        s["重点工作完成情况"] = _clamp(EVALUATION[f["重点工作评价"]] * W6, W6)
        # 效果
        s["经济效益"] = _clamp(EVALUATION[f["经济效益评价"]] * W5, W5)
        s["社会效益"] = _clamp(EVALUATION[f["社会效益评价"]] * W5, W5)
        s["生态效益"] = _clamp(EVALUATION[f["生态效益评价"]] * W5, W5)
        s["社会公众或服务对象满意度"] = _clamp(_bands_at_least(f["满意度"], SATISFACTION), W5)
        # A divisor the rubric declares `范围 > 0` given as 0 is a bad figure: every indicator
        # that reads it is unscorable, whether or not its own division would have trapped.
        for figure, readers in POSITIVE_FIGURES.items():
            if f[figure] <= 0:
                for name in readers:
                    s[name] = ZERO
                    if name not in bad:
                        bad.append(name)
        bad.sort(key=list(s).index)

        subtotals = {group: sum([s[name] for name in names], NIL)
                     for group, names in GROUPS.items()}
        total = sum(s.values(), NIL)
    finally:
        decimal.setcontext(previous)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return {"scores": s, "subtotals": subtotals, "total": total, "grade": grade,
            "unscorable": bad}


# --- Agreement check --------------------------------------------------------------------------

_EVALUATION_LEVELS = tuple(EVALUATION)
_ACHIEVED_LEVELS = tuple(ACHIEVED)


def perturb(rng: random.Random) -> dict[str, Any]:
    """The seed figures with about half of them replaced, edge cases (band limits, step
    boundaries, zero divisors, judged scores outside their level) included on purpose."""
    f = dict(SEED_FIGURES)

    def money(high: int = 60) -> Decimal:
        if rng.random() < 0.04:
            return ZERO  # a zero divisor now and then
        return D(rng.randint(0, high * 100)).scaleb(-2)

    def share(of: Decimal, edges: tuple[str, ...], low: str, high: str) -> Decimal:
        """`of` times an edge of a band or step, or times a random rate in [low, high]."""
        if rng.random() < 0.4:
            return of * D(rng.choice(edges))
        rate = D(rng.randint(int(D(low) * 10000), int(D(high) * 10000))).scaleb(-4)
        return (of * rate).quantize(CENT)

    def maybe() -> bool:
        return rng.random() < 0.5

    for name in ("第三季度支出进度达标", "十一月底支出进度达标"):  # given now and then
        if maybe():
            f[name] = maybe()
    for name, value in SEED_FIGURES.items():
        if not maybe():
            continue
        if isinstance(value, bool):
            f[name] = maybe()
        elif isinstance(value, str) and name != "质量达标等次":
            f[name] = rng.choice(_EVALUATION_LEVELS)
        elif name in ("资金使用违规数", "资产管理问题数"):
            f[name] = D(rng.choice((0, 0, 1, 2, 3, 4)))
        elif name in ("在职人员数", "编制数"):
            f[name] = D(rng.choice((0, 1, 8, 9, 12, 16, 17, 100, 101, 103)))
        elif name == "实际完成率":
            f[name] = rng.choice((ZERO, ONE, D(rng.randint(0, 15000)).scaleb(-4)))
        elif name == "满意度":
            f[name] = rng.choice((ZERO, D("0.6"), D("0.8"), D("0.9"), ONE,
                                  D(rng.randint(0, 10000)).scaleb(-4)))
        elif name not in ("质量达标等次", "质量达标得分"):
            f[name] = money()
    # Ratios at and around the limits of bands and steps.
    if maybe():
        f["重点项目支出"] = share(f["项目总支出"], ("0.6", "0.7", "0.8", "0.9", "1", "0.5999"),
                            "0.5", "1")
    if maybe():
        f["预算调整金额"] = share(f["年初预算"], ("0", "0.1", "0.2", "0.3", "0.1001"), "0", "0.4")
    if maybe():
        f["政府采购支出"] = share(f["政府采购预算"], ("0.8", "0.9", "0.95", "0.9499"), "0.7", "1.1")
    if maybe():
        f["预算执行金额"] = share(f["年初预算"], ("1", "0.99", "0.985", "0.9", "0.6168"),
                            "0.75", "1.05")
    if maybe():
        f["结转结余金额"] = share(f["年初预算"], ("0", "0.01", "0.005", "0.2"), "0", "0.25")
    if maybe():
        f["三公经费实际支出"] = share(f["本年三公经费预算"], ("1", "1.01", "1.015", "1.1"),
                              "0.5", "1.12")
    if maybe():
        f["本年三公经费预算"] = share(f["上年三公经费预算"], ("1", "1.005", "1.1"), "0.8", "1.12")
    if maybe():
        f["公用经费实际支出"] = share(f["公用经费预算"], ("1", "1.0001"), "0.3", "1.2")
    if maybe():
        f["在用固定资产总额"] = share(f["固定资产总额"], ("1", "0.5", "0.33335"), "0", "1")
    # A judged score mostly within its level's range, now and then outside it.
    if maybe():
        level = f["质量达标等次"] = rng.choice(_ACHIEVED_LEVELS)
        low, high = JUDGED_RANGE[level]
        if rng.random() < 0.15:
            f["质量达标得分"] = D(rng.randint(0, 900)).scaleb(-2)
        else:
            f["质量达标得分"] = rng.choice((low, high, D(rng.randint(int(low * 100),
                                                                 int(high * 100))).scaleb(-2)))
    return f


def compare(compiled, figures: dict[str, Any]) -> list[str]:
    """Every difference between perfdsl and `score_by_hand` on these figures."""
    result = compiled.evaluate(figures)
    hand = score_by_hand(figures)
    out = []
    names = [node.indicator.name for node in compiled.graph.indicators]
    if names != list(hand["scores"]):
        return [f"indicators differ: {names} vs {list(hand['scores'])}"]
    for name, score in zip(names, result.scores):
        if score != hand["scores"][name]:
            out.append(f"{name}: perfdsl {score} hand {hand['scores'][name]}")
    unscorable = [i.name for i in result.indicators if i.problem is not None]
    if unscorable != hand["unscorable"]:
        out.append(f"unscorable: perfdsl {unscorable} hand {hand['unscorable']}")
    expected = ["D004"] * sum(figures[k] <= 0 for k in POSITIVE_FIGURES)
    if [p.code for p in result.input_problems] != expected:
        out.append(f"figure problems: {[p.code for p in result.input_problems]}")
    groups = {g.name: g.score for g in result.groups}
    if groups != hand["subtotals"]:
        out.append(f"subtotals: perfdsl {groups} hand {hand['subtotals']}")
    if result.total != hand["total"] or result.grade != hand["grade"]:
        out.append(f"total: perfdsl {result.total} {result.grade} "
                   f"hand {hand['total']} {hand['grade']}")
    return out


def check_agreement(compiled, trials: int = 200) -> bool:
    # The seed dict is the data file: same scores either way, and the form's total.
    from_file = compiled.evaluate(perfdsl.load_data(DATA))
    seed = compiled.evaluate(SEED_FIGURES)
    ok = from_file.scores == seed.scores and from_file.total == seed.total == 92
    if not ok:
        print(f"FAIL: SEED_FIGURES does not match {DATA.name}: {seed.total} vs {from_file.total}")
    rng = random.Random(0)
    # Where the arithmetic must be exact: 2.59 spent of 2.40 deducts exactly 2.375 of 3 points
    # (0.625 → 0.63); a quotient rounded first to 28 digits gives 0.62.
    exactness = {**SEED_FIGURES, "三公经费实际支出": D("2.59"), "本年三公经费预算": D("2.40")}
    if compiled.evaluate(exactness).indicator("“三公经费”控制率").score != D("0.63"):
        ok = False
        print("FAIL: 2.59 / 2.40 does not score 0.63")
    cases = [("seed", SEED_FIGURES), ("2.59 / 2.40", exactness)] + [
        (f"perturbation {i}", perturb(rng)) for i in range(trials)]
    distinct: dict[str, set] = {}
    with_problems = 0
    grades: set[str] = set()
    for label, figures in cases:
        problems = compare(compiled, figures)
        if problems:
            ok = False
            print(f"FAIL {label}: {figures}")
            for line in problems:
                print("   ", line)
        hand = score_by_hand(figures)
        with_problems += bool(hand["unscorable"])
        grades.add(hand["grade"])
        for name, score in hand["scores"].items():
            distinct.setdefault(name, set()).add(score)
    counts = sorted(len(v) for v in distinct.values())
    print(f"agreement: {'ok' if ok else 'FAILED'} — seed, 2.59/2.40 + {trials} perturbations (random.Random(0)), "
          f"26 scores, 11 subtotals, total, grade and unscorable indicators each; "
          f"{with_problems} cases with an unscorable indicator; grades seen "
          f"{''.join(sorted(grades))}; distinct scores per indicator {counts[0]}–{counts[-1]}")
    return ok


# --- Timing -----------------------------------------------------------------------------------

def _loop(fn: Callable[[], Any], number: int) -> float:
    start = time.perf_counter_ns()
    for _ in range(number):
        fn()
    return (time.perf_counter_ns() - start) / number


def _number(fn: Callable[[], Any], seconds: float) -> int:
    """How many calls take about `seconds` (after a warm-up call)."""
    fn()
    n = 1
    while True:
        per_call = _loop(fn, n)
        if per_call * n > 0.01e9 or n >= 1 << 20:
            return max(1, int(seconds * 1e9 / per_call))
        n *= 4


def bench(candidates: dict[str, Callable[[], Any]], repeat: int, seconds: float) -> dict[str, float]:
    """Median ns per call of each candidate, repeats interleaved."""
    numbers = {name: _number(fn, seconds) for name, fn in candidates.items()}
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(repeat):
        for name, fn in candidates.items():
            gc.collect()
            samples[name].append(_loop(fn, numbers[name]))
    return {name: statistics.median(s) for name, s in samples.items()}


def wall(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall ns of each command as a fresh process, runs interleaved; each must exit 0."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, argv in commands.items():
            start = time.perf_counter_ns()
            done = subprocess.run(argv, cwd=ROOT, capture_output=True)
            elapsed = time.perf_counter_ns() - start
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n"
                                 f"{done.stderr.decode(errors='replace')}")
            if i:  # the first round warms the OS caches and perfdsl's Lark table cache
                samples[name].append(elapsed)
    return {name: statistics.median(s) for name, s in samples.items()}


_FRESH = r"""
import json, sys, time
t = time.perf_counter_ns
out = {}
start = t(); import perfdsl, perfdsl.language.parse; out["import"] = t() - start
mode, path = sys.argv[1], sys.argv[2]
if mode == "nocache":
    perfdsl.language.parse._cache_file = lambda grammar: False
if mode in ("cache", "nocache"):
    start = t(); perfdsl.language.parse._parser(); out["parser"] = t() - start
start = t(); perfdsl.compile_file(path); out["first"] = t() - start
start = t(); perfdsl.compile_file(path); out["second"] = t() - start
print(json.dumps(out))
"""


def fresh(runs: int) -> dict[str, float]:
    """Medians over fresh interpreters: parser construction (cached tables / none) and first
    compile with or without the parser already built."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for mode in ("cold", "cache", "nocache"):
            done = subprocess.run([sys.executable, "-c", _FRESH, mode, str(RUBRIC)], cwd=ROOT,
                                  capture_output=True, text=True, check=True)
            for key, ns in json.loads(done.stdout).items():
                samples.setdefault(f"{mode}.{key}", []).append(ns)
    return {key: statistics.median(s) for key, s in samples.items()}


# --- Report -----------------------------------------------------------------------------------

def _show(ns: float | None, unit: str) -> str:
    if ns is None:
        return "—"
    return f"{ns / 1e3:.1f} µs" if unit == "us" else f"{ns / 1e6:.1f} ms"


def row(what: str, median: float, unit: str, baseline: float | None = None,
        target: float | None = None) -> tuple[str, ...]:
    ratio = median / baseline if baseline else None
    if target is None or ratio is None:
        verdict, target_text = "info", "—"
    else:
        verdict, target_text = ("pass" if ratio <= target else "FAIL"), f"≤ {target:g}×"
    return (what, _show(median, unit), _show(baseline, unit),
            "—" if ratio is None else f"{ratio:.2f}×", target_text, verdict)


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("what", "median", "baseline", "ratio", "target", "result")
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, None, *rows]:
        if r is None:
            print("  ".join("-" * w for w in widths))
            continue
        cells = [r[0] + " " * (widths[0] - _width(r[0]))]
        cells += [" " * (w - _width(c)) + c for c, w in zip(r[1:], widths[1:])]
        print("  ".join(cells))


def _width(text: str) -> int:  # CJK characters take two columns
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--check-only", action="store_true",
                        help="only check that perfdsl and the hand-written function agree")
    args = parser.parse_args(argv)

    compiled = perfdsl.compile_file(RUBRIC)
    from perfdsl.compiler import CompiledRubric

    reference = CompiledRubric(compiled.graph, (), backend="interpret", program=compiled.program)
    if not check_agreement(compiled):
        return 1
    if args.check_only:
        return 0

    repeat, seconds, runs = (3, 0.03, 3) if args.quick else (7, 0.2, 10)
    started = time.perf_counter()
    print(f"python {sys.version.split()[0]} · perfdsl {perfdsl.__version__} · "
          f"{repeat} repeats of ~{seconds:g} s per in-process line, {runs} fresh processes per "
          f"CLI line\n")

    figures = dict(SEED_FIGURES)
    # One bad figure: a budget typed as text that is not a number. Only that figure takes the
    # slow check, and only the indicators that read it lose their score.
    one_bad = {**figures, "政府采购预算": "五点一"}
    per_unit = bench({
        "hand": lambda: score_by_hand(figures),
        "perfdsl": lambda: compiled.evaluate(figures),
        "perfdsl+groups": lambda: compiled.evaluate(figures).groups,
        "one bad figure": lambda: compiled.evaluate(one_bad).groups,
        "interpreter": lambda: reference.evaluate(figures).groups,
    }, repeat, seconds)
    data_file = perfdsl.load_data(DATA)
    files = bench({
        "load": lambda: perfdsl.load_data(DATA),
        "evaluate": lambda: compiled.evaluate(data_file),
    }, repeat, seconds)
    compiles = bench({"compile": lambda: perfdsl.compile_file(RUBRIC)}, repeat, seconds)
    first = fresh(max(2, runs // 2))
    python = [sys.executable]
    cli = wall({
        "pass": [*python, "-c", "pass"],
        "import": [*python, "-c", "import perfdsl.cli"],
        "compile": [str(PERFDSL_SCRIPT), "compile", str(RUBRIC.relative_to(ROOT))],
        "score": [str(PERFDSL_SCRIPT), "score", str(RUBRIC.relative_to(ROOT)),
                  str(DATA.relative_to(ROOT))],
    }, runs)

    rows = [
        row("evaluate(figures) per unit  vs score_by_hand", per_unit["perfdsl"], "us",
            per_unit["hand"], 0.6),
        row("  … + result.groups (subtotals, like for like)", per_unit["perfdsl+groups"], "us",
            per_unit["hand"], 0.6),
        row("  … one bad figure  vs a clean unit", per_unit["one bad figure"], "us",
            per_unit["perfdsl+groups"], 2),
        row("  … the reference interpreter  vs generated code", per_unit["interpreter"], "us",
            per_unit["perfdsl+groups"]),
        row("load_data(huitong-2021.yaml)", files["load"], "us"),
        row("evaluate(loaded data file)  vs evaluate(figures)", files["evaluate"], "us",
            per_unit["perfdsl"]),
        row("compile_file(seed), parser built, in-process", compiles["compile"], "ms"),
        row("fresh process: import perfdsl", first["cold.import"], "ms"),
        row("fresh process: Lark parser from table cache", first["cache.parser"], "ms"),
        row("fresh process: Lark parser, no table cache", first["nocache.parser"], "ms"),
        row("fresh process: 1st compile incl. parser  vs later", first["cold.first"], "ms",
            compiles["compile"]),
        row("fresh process: 1st compile, parser built  vs later", first["cache.first"], "ms",
            compiles["compile"]),
        row("`python -c 'import perfdsl.cli'` wall  vs python -c pass", cli["import"], "ms",
            cli["pass"]),
        row("`perfdsl compile RUBRIC` wall  vs python -c pass", cli["compile"], "ms",
            cli["pass"]),
        row("`perfdsl score RUBRIC DATA` wall  vs python -c pass", cli["score"], "ms",
            cli["pass"]),
    ]
    print_table(rows)
    print(f"\nhand-written per unit: {per_unit['hand'] / 1e3:.1f} µs; "
          f"load + evaluate a data file: {(files['load'] + files['evaluate']) / 1e3:.1f} µs; "
          f"benchmark took {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
