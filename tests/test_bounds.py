"""Interval analysis (perfdsl/core/bounds.py): the domain, what the compiler proves of each
indicator's raw score, divisors that may be 0, and soundness over random rubrics and figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfdsl
from perfdsl.core import bounds
from perfdsl.core.bounds import EVERYTHING, INF, NEG_INF, analyse, point, raw_intervals, span
from perfdsl.compiler import diagnose
from perfdsl.language.source import Source

from strategies import figures_for, rubrics

D = Decimal


def diagnostics(text: str):
    """Every diagnostic of a rubric text, compiled or not."""
    return diagnose(Source("t.rubric", text))[1]


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics(text)]


def one_indicator(rule: str, inputs: str, weight: str = "5", extra: str = "") -> str:
    """A rubric of one indicator: its inputs, rule and any extra clauses."""
    return (f"总分 {weight}\n{inputs}\n分组 组 分值 {weight} {{\n"
            f"  指标 甲 分值 {weight} {{\n    {rule}\n    {extra}\n  }}\n}}\n")


# --- The domain -------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b,op,expected", [
    (span(D(1), D(2)), span(D(0), D(4), False, True), bounds.divide, "[0.25, +∞)"),
    (span(D(0), D(10)), span(D(0), D(10)), bounds.divide, "[0, +∞)"),
    (span(D(-1), D(1)), span(D(2), INF), bounds.divide, "[-0.5, 0.5]"),
    (span(D(1), D(1)), span(D(3), D(3)), bounds.divide, "[0.3333333333333333333333333333, "
                                                          "0.3333333333333333333333333334]"),
    (span(D(0), D(5), False, True), span(D(1), INF), bounds.multiply, "(0, +∞)"),
    (span(D(-2), D(3)), span(D(-1), D(4), True, False), bounds.multiply, "(-8, 12)"),
    (span(NEG_INF, D(0)), span(D(0), D(0)), bounds.multiply, "{0}"),
    (span(D(0), D(10), True, False), span(D(5), D(5)), bounds.add, "[5, 15)"),
])
def test_interval_arithmetic_is_exact_with_open_and_closed_ends(a, b, op, expected):
    """+, × and ÷ give exact decimal ends, keep which ends are attained, round inexact
    quotients outwards, and treat a divisor's 0 as excluded (it is a data problem)."""
    assert op(a, b).text() == expected


def test_round_abs_min_max_and_comparisons():
    """round is monotone (4.996 rounds to 5.00, past the interval's end); abs folds; min/max
    take ends; a comparison is true, false or either."""
    x = span(D(0), D("4.996"))
    assert bounds._round(x, 2).hi == D("5.00")
    assert bounds._abs(span(D(-3), D(2))).text() == "[0, 3]"
    assert bounds._min([span(D(0), D(10)), point(D(5))]).text() == "[0, 5]"
    assert bounds._max([span(D(0), D(10)), point(D(5))]).text() == "[5, 10]"
    assert bounds._compare(">", span(D(0), D(1)), point(D(1))) == bounds.FALSE
    assert bounds._compare(">=", span(D(1), D(2)), point(D(1))) == bounds.TRUE
    assert bounds._compare("<", span(D(0), D(1), True, False), point(D(1))) == bounds.TRUE
    assert bounds._compare("=", EVERYTHING, point(D(1))) == bounds.EITHER


def test_interval_text_shows_percentages_and_points():
    """Intervals print as people write them: [80%, 85%), {90%}, (−∞, 10]."""
    assert span(D("0.8"), D("0.85"), True, False).text(percent=True) == "[80%, 85%)"
    assert point(D("0.9")).text(percent=True) == "{90%}"
    assert span(NEG_INF, D(10)).text() == "(−∞, 10]"


# --- What compile proves ----------------------------------------------------------------------

def test_seed_bounds_are_proven(seed):
    """The seed compiles with no warnings, and every rule that could leave [0, weight] is proven
    within it, except deductions, which floor at 0 by their meaning (N601 notes)."""
    assert seed.warnings == ()
    assert {d.code for d in analyse(seed.model, seed.program)} <= {"N601"}
    for ind, raw in zip(seed.model.indicators, raw_intervals(seed.program)):
        if raw is not None and not isinstance(ind.rule, (perfdsl.checks.model.Stepwise,
                                                         perfdsl.checks.model.Findings,
                                                         perfdsl.checks.model.Deductions)):
            assert raw.lo >= 0 and raw.hi <= ind.weight or isinstance(
                ind.rule, (perfdsl.checks.model.Proportional, perfdsl.checks.model.Target)), ind.name


def test_unbounded_formula_is_named_with_its_bound():
    """A formula that can exceed its weight: W602 names the indicator and which bound fails,
    in English and in Chinese."""
    rubric = perfdsl.compile("总分 5\n输入 违规数：数量（处） 范围 ≥ 0\n分组 组 分值 5 {\n"
                             "  指标 资金使用合规性 分值 5 { 评分 公式 10 - 违规数 * 2 }\n}\n")
    (warning,) = rubric.warnings
    assert warning.code == "W602"
    assert warning.message() == ("cannot prove the score of `资金使用合规性` lies in [0, 5]: "
                                 "lower bound −∞ < 0; upper bound 10 > 5 (the rule gives (−∞, 10])")
    assert "下限 −∞ < 0；上限 10 > 5" in warning.message("zh")


@pytest.mark.parametrize("rule,inputs,expected", [
    # the rate can be negative: a proportional score below 0 is not what 按比例 means
    ("评分 按比例 r", "输入 r：百分比 范围 -20% 至 150%", "lower bound -1 < 0"),
    # above 100% is fine: 按比例 caps at the weight (满分为止)
    ("评分 按比例 r", "输入 r：百分比 范围 0% 至 150%", None),
    ("评分 对标 r ≥ 80%", "输入 r：百分比 范围 -10% 至 100%", "lower bound -0.625 < 0"),
    ("评分 对标 r ≥ 80%", "输入 r：百分比 范围 0% 至 100%", None),
    # `=`: "zero at twice the target" is the rule's meaning
    ("评分 对标 n = 4", "输入 n：数量（个） 范围 ≥ 0", None),
    # a negative count of findings would score above the weight
    ("评分 按处扣分 n 每处 扣 1 分", "输入 n：数量（处）", "upper bound +∞ > 5"),
    ("评分 公式 min(n, 5)", "输入 n：数量（处） 范围 ≥ 0", None),
    ("评分 公式 round(x / 3, 2)", "输入 x：数值 范围 0 至 15", None),
    ("评分 公式 round(x / 3, 2)", "输入 x：数值 范围 0 至 15.01", None),  # rounds to 5.00
    ("评分 公式 round(x / 3, 2)", "输入 x：数值 范围 0 至 15.02", "upper bound 5.01 > 5"),
    ("评分 公式 abs(x) - 5", "输入 x：数值 范围 -10 至 10", "lower bound -5 < 0"),
])
def test_each_rule_is_held_to_what_it_means(rule, inputs, expected):
    """W602 only where a rule's raw result can leave [0, weight] on a side its meaning does not
    floor or cap, with the failing bound computed exactly."""
    found = [d for d in diagnostics(one_indicator(rule, inputs)) if d.code == "W602"]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message(), found[0].message()


def test_conditions_narrow_the_branches_they_guard():
    """`如果 b > 0 则 a / b 否则 0` never divides by 0, and a condition known to be true picks
    its branch: neither warns."""
    inputs = "输入 a：数值 范围 0 至 5\n输入 b：数值 范围 ≥ 0"
    assert codes(one_indicator("评分 公式 如果 b > 0 则 min(a / b, 5) 否则 0", inputs)) == []
    assert codes(one_indicator("评分 公式 如果 b ≥ 0 则 a 否则 100", inputs)) == []
    assert codes(one_indicator("评分 公式 如果 b > 0 且 a / b < 1 则 5 否则 0", inputs)) == []
    assert "W601" in codes(one_indicator("评分 公式 如果 b ≥ 0 则 min(a / b, 5) 否则 0", inputs))


def test_deduction_beyond_the_weight_is_only_a_note():
    """A deduction that can exceed the weight floors at 0 (扣完为止): a note, not a warning."""
    rubric = perfdsl.compile(one_indicator("评分 按处扣分 n 每处 扣 1 分",
                                           "输入 n：数量（处） 范围 0 至 10", weight="3"))
    assert rubric.warnings == ()
    (note,) = rubric.notes
    assert note.code == "N601" and note.message() == (
        "indicator `甲` can deduct up to 10 points, more than its weight 3: it floors at 0 (扣完为止)")


def test_fallback_outside_the_weight_is_an_error():
    """E604: a fallback score is a score, within [0, weight]."""
    found = [d for d in diagnostics(one_indicator("评分 公式 x", "输入 x：数值 范围 0 至 5",
                                                  extra="异常得分 7")) if d.code == "E604"]
    assert found[0].message() == "indicator `甲`: the fallback 7 is outside 0 to the weight 5"


def test_checklist_items_above_the_weight_are_an_error():
    """E408: checklist items may not add up to more than the weight."""
    text = one_indicator("评分 逐项计分 { ok：3 分；ok：3 分 }", "输入 ok：是否")
    assert "E408" in codes(text)


# --- Divisors that may be 0 -------------------------------------------------------------------

DIVISION = ("总分 10\n输入 a：数值 范围 ≥ 0\n输入 b：数值 范围 {range}\n令 q = a / b\n"
            "分组 组 分值 10 {{\n"
            "  指标 甲 分值 5 {{ 值 q; 评分 满分条件 甲 ≤ 100%; {fallback1} }}\n"
            "  指标 乙 分值 5 {{ 值 q; 评分 满分条件 乙 ≥ 50%; {fallback2} }}\n}}\n")


@pytest.mark.parametrize("range_,fallback1,fallback2,expected", [
    ("≥ 0", "", "", "indicator `甲`, `乙` divides by b, whose range [0, +∞) includes 0"),
    ("≥ 0", "异常得分 0", "", "indicator `乙` divides by b, whose range [0, +∞) includes 0"),
    ("≥ 0", "异常得分 0", "异常得分 5", None),
    ("> 0", "", "", None),
    ("-1 至 1", "", "", "indicator `甲`, `乙` divides by b, whose range [-1, 1] includes 0"),
])
def test_divisor_that_may_be_zero_warns_once_naming_readers_without_fallback(
        range_, fallback1, fallback2, expected):
    """W601 once per division whose divisor's range holds 0, naming every indicator reading it
    that has no fallback; silent when `范围 > 0` or every reader has a fallback."""
    found = [d for d in diagnostics(DIVISION.format(range=range_, fallback1=fallback1,
                                                    fallback2=fallback2)) if d.code == "W601"]
    if expected is None:
        assert found == []
    else:
        (warning,) = found
        assert warning.message() == expected
        assert warning.span.text == "a / b"


# --- Soundness --------------------------------------------------------------------------------

@given(st.data())
def test_every_raw_score_lies_in_its_interval(data):
    """Sound: for random rubrics and random figures within the declared ranges, each rule's raw
    result lies in the interval the analysis gives it."""
    compiled = perfdsl.compile(data.draw(rubrics()))
    result = compiled.evaluate(data.draw(figures_for(compiled.model)))
    raws = [result.indicator_at(i).raw for i in range(len(compiled.model.indicators))]
    for ind, interval, raw in zip(compiled.model.indicators, raw_intervals(compiled.program),
                                  raws):
        if interval is not None and raw is not None:
            assert interval.contains(raw), (ind.name, interval.text(), raw)


EXPRESSIONS = perfdsl.compile("""总分 10
输入 a：数值 范围 -5 至 5
输入 b：数值 范围 > 0
输入 c：百分比 范围 0% 至 120%
输入 ok：是否
令 q1 = a / b
令 q2 = 如果 a > 1 则 (a - 1) / b 否则 abs(a) * c
令 q3 = round(min(a, c * 10, 3) - max(a / 3, -1), 1)
令 q4 = 如果 ok 且 a ≥ 0 则 a * a - b 否则 -(b + c)
令 q5 = 如果 非 (a < 2 或 a > 4) 则 1 / (a - 1) 否则 0
分组 组 分值 10 {
  指标 甲 分值 10 { 评分 公式 min(max(q1 + q2 + q3 + q4 + q5, 0), 10) }
}
""")


@given(figures_for(EXPRESSIONS.model))
def test_every_value_lies_in_its_interval(figures):
    """Sound through ÷ with open ends, if/then/else with narrowing, and/or/not, round, min, max
    and abs: each derived value lies in its interval."""
    result = EXPRESSIONS.evaluate(figures)
    for name in ("q1", "q2", "q3", "q4", "q5"):
        value = result.exact(name)
        if value is not None:
            assert bounds.value_interval(EXPRESSIONS.program, name).contains(value), name


@given(rubrics())
def test_subtotals_and_the_total_are_bounded(text):
    """With what does not apply shared out (不适用, optional items), every subtotal stays
    within its group's weight and the total within the rubric's total, as the analysis of the
    program's sums and scales proves."""
    from perfdsl.core.bounds import total_intervals

    compiled = perfdsl.compile(text)
    groups, total = total_intervals(compiled.program)
    assert total.lo >= 0 and total.hi <= compiled.program.total
    for interval, group in zip(groups, compiled.program.groups):
        assert interval.hi <= group.weight, group.path
