"""The rule shapes real templates use: linear decay to 0 at k× the target, `=` targets with a
tolerance and no overshoot penalty (t = 0 included), negative targets, over-achievement cut
unless explained, and judged ranges rounded to 0.01. For each: a worked example, its bound (the
interval analysis proves the score within [0, weight] from the declared ranges), and the
sentence that explains it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfdsl
from perfdsl.compiler import CompiledRubric
from perfdsl.core import bounds
from perfdsl.outputs import sentences

D = Decimal

DECAY = """
总分 6
输入 处治时限：数量（小时） 范围 ≥ 0
指标 路面病害处治时限 分值 6 {
  值 处治时限
  评分 线性递减 路面病害处治时限 ≤ 48 至 2 倍
}
"""

EQUAL = """
总分 10
输入 人数：数量（人） 范围 ≥ 0
输入 事故：数量（起） 范围 ≥ 0
输入 合格率：百分比 范围 0% 至 100%
指标 聘用养护员 分值 4 { 值 人数; 评分 对标 聘用养护员 = 40 容差 2 }
指标 事故起数 分值 3 { 值 事故; 评分 对标 事故起数 = 0 容差 1 }
指标 验收合格率 分值 3 { 值 合格率; 评分 对标 验收合格率 = 95% 超出不扣分 }
"""

NEGATIVE = """
总分 6
输入 变动率：百分比 范围 -100% 至 100%
指标 压减 分值 3 { 值 变动率; 评分 对标 压减 ≤ -30% }
指标 降幅上限 分值 3 { 值 变动率; 评分 对标 降幅上限 ≥ -10% }
"""

OVERSHOOT = """
总分 8
输入 完成值：数量（公里） 范围 ≥ 0
输入 有说明：是否 默认值 否
指标 养护里程 分值 8 {
  值 完成值
  评分 对标 养护里程 ≥ 320 超额 ≥ 130% 扣 2 分 除非 有说明
}
"""

JUDGED = """
总分 3.33
量表 达成情况 { 达成 = 80% 至 100%；部分达成 = [60%, 80%)；未达成 = [0%, 60%) }
输入 得分：数值 范围 ≥ 0
输入 达成等次：等次 达成情况
指标 质量 分值 3.33 { 值 得分; 评分 人工评分 得分 等次 达成等次 }
"""


def backends(text: str) -> list[CompiledRubric]:
    python = perfdsl.compile(text)
    return [python, CompiledRubric(python.graph, (), backend="interpret", program=python.program)]


def scores(text: str, figures: dict) -> list[dict[str, Decimal]]:
    return [{i.name: i.score for i in r.evaluate(figures).indicators} for r in backends(text)]


def explained(text: str, figures: dict, name: str, lang: str = "zh") -> str:
    result = perfdsl.compile(text).evaluate(figures)
    return sentences.sentence(result, result.indicator(name), lang)


def proven_within_weight(text: str) -> bool:
    """The interval analysis bounds every raw score within [0, weight], or the kind floors it
    there by its meaning: no W602 warning."""
    return not any(w.code == "W602" for w in perfdsl.compile(text).warnings)


# --- Linear decay ------------------------------------------------------------------------------

@pytest.mark.parametrize("hours,score", [("36", "6"), ("48", "6"), ("60", "4.5"), ("72", "3"),
                                         ("96", "0"), ("200", "0")])
def test_decay_reaches_zero_at_twice_the_target(hours, score):
    """48 hours is the target: 60 hours is 25% past it, so 6 × (1 − 12/48) = 4.5; 96 is 0."""
    for found in scores(DECAY, {"处治时限": hours}):
        assert found["路面病害处治时限"] == D(score)


def test_decay_at_another_multiple():
    """`至 3 倍`: zero at 3 × the target, so 60 of 48 is 6 × (1 − 12 / 96) = 5.25."""
    text = DECAY.replace("至 2 倍", "至 3 倍")
    assert all(s["路面病害处治时限"] == D("5.25") for s in scores(text, {"处治时限": "60"}))


def test_decay_is_bounded_and_explained():
    """Its score is proved within [0, 6]; the sentence shows the formula with the figures."""
    assert proven_within_weight(DECAY)
    text = explained(DECAY, {"处治时限": "60"}, "路面病害处治时限")
    assert "按线性递减（2 倍时为 0）" in text and "(1 − (60 − 48) / 48) × 6" in text
    assert text.endswith("得 4.5 分")


# --- `=` targets ---------------------------------------------------------------------------------

def test_equal_with_tolerance():
    """40 ± 2 people: 41 meets it; 45 is 3 past the tolerance: 4 × (1 − 3 / 40) = 3.7."""
    for figures, expected in (({"人数": "41"}, "4"), ({"人数": "45"}, "3.70"),
                              ({"人数": "35"}, "3.70")):
        for found in scores(EQUAL, {**figures, "事故": "0", "合格率": "95%"}):
            assert found["聘用养护员"] == D(expected)


def test_equal_with_a_target_of_zero():
    """A target of 0 with a tolerance of 1: up to 1 accident meets it, 2 scores 0 (there is no
    share of a target of 0)."""
    for accidents, expected in (("0", "3"), ("1", "3"), ("2", "0")):
        for found in scores(EQUAL, {"人数": "40", "事故": accidents, "合格率": "95%"}):
            assert found["事故起数"] == D(expected)


def test_equal_without_an_overshoot_penalty():
    """`超出不扣分`: 100% against 95% loses nothing; 90% scores 3 × (1 − 5/95)."""
    for rate, expected in (("100%", "3"), ("95%", "3"), ("90%", "2.84")):
        for found in scores(EQUAL, {"人数": "40", "事故": "0", "合格率": rate}):
            assert found["验收合格率"] == D(expected)


def test_equal_is_bounded_and_explained():
    assert proven_within_weight(EQUAL)
    figures = {"人数": "45", "事故": "2", "合格率": "100%"}
    assert "超出容差 3人" in explained(EQUAL, figures, "聘用养护员")
    assert "目标值为 0" in explained(EQUAL, figures, "事故起数")
    assert "超出不扣分" in explained(EQUAL, figures, "验收合格率")
    assert "past the tolerance" in explained(EQUAL, figures, "聘用养护员", "en")


# --- Negative targets ----------------------------------------------------------------------------

@pytest.mark.parametrize("rate,cut,floor", [("-35%", "3", "0.86"), ("-30%", "3", "1"),
                                            ("-25%", "2.5", "1.20"), ("-20%", "2", "1.5"),
                                            ("-10%", "1", "3"), ("0%", "0", "3"),
                                            ("5%", "0", "3")])
def test_negative_targets_score_the_share_achieved(rate, cut, floor):
    """变动率 ≤ −30%: a fall of 20% achieves two thirds of it (−20 ÷ −30 × 3 = 2), no fall
    nothing; 变动率 ≥ −10%: a fall of 25% scores −10 ÷ −25 × 3 = 1.2."""
    for found in scores(NEGATIVE, {"变动率": rate}):
        assert found["压减"] == D(cut) and found["降幅上限"] == D(floor)


def test_a_negative_target_is_its_own_kind():
    """A constant target below 0 lowers to the negative-target kind; any other stays a target."""
    rubric = perfdsl.compile(NEGATIVE)
    assert [i.kind for i in rubric.program.indicators] == ["negative_target"] * 2
    assert proven_within_weight(NEGATIVE)
    assert "得分 = -20.00% / -30.00% × 3" in explained(NEGATIVE, {"变动率": "-20%"}, "压减")


# --- Over-achievement -------------------------------------------------------------------------

@pytest.mark.parametrize("done,explained_,score", [("300", "否", "7.50"), ("320", "否", "8"),
                                                   ("400", "否", "8"), ("416", "否", "6"),
                                                   ("500", "否", "6"), ("416", "是", "8")])
def test_overshooting_a_target_set_too_low_is_cut(done, explained_, score):
    """≥ 130% of 320 (416) loses 2 points unless explained; short of 320 scores A ÷ T × 8."""
    for found in scores(OVERSHOOT, {"完成值": done, "有说明": explained_}):
        assert found["养护里程"] == D(score)


def test_the_explanation_is_only_needed_when_overshot():
    """The condition of `除非` is only read past the ratio: without the figure, a unit within it
    has no problem."""
    text = OVERSHOOT.replace(" 默认值 否", "")
    for compiled in backends(text):
        result = compiled.evaluate({"完成值": "350"})
        assert result.indicator("养护里程").score == 8
        assert [p.code for p in result.problems] == ["D002"]  # the figure is missing…
        assert result.problem_of(0) is None  # …but the indicator did not need it


def test_overshoot_is_bounded_and_explained():
    assert proven_within_weight(OVERSHOOT)
    cut = explained(OVERSHOOT, {"完成值": "416"}, "养护里程")
    assert "达到 320 的 130%，目标设定偏低，扣 2 分" in cut
    assert "explained" in explained(OVERSHOOT, {"完成值": "416", "有说明": "是"}, "养护里程", "en")


# --- Judged ranges --------------------------------------------------------------------------------

@pytest.mark.parametrize("entered,level,ok", [("2.66", "达成", True), ("2.65", "达成", False),
                                              ("3.33", "达成", True), ("2.66", "部分达成", False),
                                              ("2.65", "部分达成", True), ("2", "部分达成", True),
                                              ("1.99", "部分达成", False)])
def test_judged_ranges_are_rounded_to_hundredths(entered, level, ok):
    """3.33 × 80% = 2.664: a score entered as 2.66 is 达成 (the edge rounds to 2.66), and the
    [60%, 80%) range of 部分达成 ends before 2.66."""
    for compiled in backends(JUDGED):
        result = compiled.evaluate({"得分": entered, "达成等次": level})
        assert (result.problem_of(0) is None) is ok
        if ok:
            assert result.indicator("质量").score == D(entered)


def test_judged_sentence_states_the_rounded_range():
    text = explained(JUDGED, {"得分": "2.66", "达成等次": "达成"}, "质量")
    assert "可得 2.66–3.33 分" in text


# --- Bounds hold on random figures ----------------------------------------------------------------

@given(st.data())
def test_the_bounds_of_the_new_shapes_hold(data):
    """Every raw score the evaluator computes, from figures within the declared ranges, lies in
    the interval the analysis gives it."""
    from decimal import Decimal as Dec

    from strategies import figures_for

    for text in (DECAY, EQUAL, NEGATIVE, OVERSHOOT):
        rubric = perfdsl.compile(text)
        intervals = bounds.raw_intervals(rubric.program)
        result = rubric.evaluate(data.draw(figures_for(rubric.model)))
        for index, interval in enumerate(intervals):
            raw = result.indicator_at(index).raw
            if raw is not None:
                assert interval.contains(Dec(raw.numerator) / Dec(raw.denominator)
                                         if not isinstance(raw, Dec) else raw)
