"""Pass 5, evaluate: what each scoring rule gives, exactly, on small rubrics compiled from
strings; how data problems stay confined to the indicators that need the figure; and that the
caller's decimal context never changes a score."""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal

import pytest

import perfdsl
from perfdsl.outputs.sentences import explanations

D = Decimal

HEADER = """\
量表 评价 { 好 = 100%；较好 = 80%；一般 = 60%；差 = 0% }
量表 达成 { 达成 = [80%, 100%]；部分 = [50%, 80%)；未达成 = [0%, 50%) }
输入 r：百分比 范围 ≥ 0%
输入 n：数量（处） 范围 ≥ 0 默认值 0
输入 a：金额（万元） 范围 ≥ 0
输入 b：金额（万元） 范围 ≥ 0
输入 ok：是否
输入 ok2：是否
输入 lv：等次 评价
输入 dc：等次 达成
输入 s：数值
"""

# Figures for every input, so that the only problems in a result are the ones a test makes.
BASE = {"r": "100%", "n": 0, "a": "1", "b": "1", "ok": True, "ok2": True, "lv": "好",
        "dc": "达成", "s": 10}


@functools.cache
def rubric(rule: str, extra: str = "", weight: int = 10) -> perfdsl.CompiledRubric:
    """Indicator 甲 (weight `weight`) scored by `rule`, beside 乙 (weight 10, full if ok2)."""
    total = weight + 10
    return perfdsl.compile(
        f"总分 {total}\n{HEADER}分组 组 分值 {total} {{\n"
        f"  指标 甲 分值 {weight} {{\n    {extra}\n    评分 {rule}\n  }}\n"
        f"  指标 乙 分值 10 {{ 评分 满分条件 ok2 }}\n}}\n")


def run(rule: str, extra: str = "", weight: int = 10, **figures):
    return rubric(rule, extra, weight).evaluate({**BASE, **figures})


def score(rule: str, extra: str = "", weight: int = 10, **figures) -> Decimal:
    """甲's score for `figures` (over BASE); the result must have no data problem."""
    result = run(rule, extra, weight, **figures)
    assert result.problems == (), [str(p) for p in result.problems]
    return result.indicator("甲").score


# --- full_if ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("r,expected", [("100%", 10), ("100.01%", 0), ("0%", 10), ("99.99%", 10)])
def test_full_if_is_all_or_nothing(r, expected):
    """满分条件: the whole weight when the condition holds, else 0."""
    assert score("满分条件 r ≤ 100%", r=r) == expected


def test_full_if_records_whether_it_was_met():
    """The outcome says whether the condition was met."""
    outcome = run("满分条件 ok", ok=False).indicator("甲").outcome
    assert (outcome.met, outcome.case) == (False, "unmet")


# --- proportional ----------------------------------------------------------------------------------

@pytest.mark.parametrize("r,expected", [
    ("50%", "5.00"), ("61.68%", "6.17"), ("11.25%", "1.13"), ("11.24%", "1.12"),
    ("100%", "10.00"), ("150%", "10.00"), ("0%", "0.00"),
])
def test_proportional_is_rate_times_weight_capped_and_rounded_half_up(r, expected):
    """按比例: rate × weight, to 0.01 rounded half up (1.125 → 1.13), capped at the weight."""
    assert str(score("按比例 r", r=r)) == expected


def test_proportional_of_a_computed_rate():
    """按比例 a / b: the rate may be computed from money."""
    assert score("按比例 甲", extra="值 a / b", a="24.74", b="40.11") == D("6.17")


# --- bands -------------------------------------------------------------------------------------------

BANDS = "分档 r { ≥ 90%：满分；[80%, 90%)：80%；(70%, 80%)：5 分；= 70%：1；其他：0 }"


@pytest.mark.parametrize("r,expected,band", [
    ("95%", "10", 0), ("90%", "10", 0), ("89.99%", "8.00", 1), ("80%", "8.00", 1),
    ("79.99%", "5", 2), ("70.01%", "5", 2), ("70%", "1", 3), ("69.99%", "0", 4), ("0%", "0", 4),
])
def test_bands_take_the_first_row_that_matches(r, expected, band):
    """分档: closed edges [ include their end, open edges ( ) exclude it, `= x` is one point, and
    `其他` catches the rest; a fraction is of the weight, `N 分` is N points."""
    result = run(BANDS, r=r).indicator("甲")
    assert result.score == D(expected)
    assert result.outcome.row == band


def test_overlapping_bands_give_the_first_match():
    """Rows are tried in order: 95% meets both `≥ 90%` and `≥ 80%` and gets the first."""
    rule = "分档 r { ≥ 90%：满分；≥ 80%：60%；其他：0 }"
    assert [score(rule, r=v) for v in ("95%", "85%", "50%")] == [10, 6, 0]


def test_bands_of_money():
    """Band edges may be money, compared in the subject's unit."""
    rule = "分档 a { ≥ 100：满分；≥ 50：5 分；其他：0 }"
    assert [score(rule, a=v) for v in ("100", "99.99万元", "500000元", "10")] == [10, 5, 5, 0]


# --- stepwise ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode,r,expected", [
    ("不足一档不扣", "100%", "10"), ("不足一档不扣", "98.5%", "9.50"),
    ("不足一档不扣", "97%", "8.50"), ("不足一档不扣", "99.99%", "10"),
    ("不足一档按一档", "98.5%", "9.00"), ("不足一档按一档", "99.99%", "9.50"),
    ("不足一档按一档", "97%", "8.50"),
    ("按实际", "98.5%", "9.25"), ("按实际", "97%", "8.50"),
    ("按实际", "0%", "0"), ("不足一档不扣", "70%", "0"), ("不足一档按一档", "80.5%", "0"),
])
def test_stepwise_below_a_threshold(mode, r, expected):
    """逐档扣分 低于 100% 每 1% 扣 0.5 分: partial steps not counted (floor), counted as a whole
    step (ceil) or counted exactly; the score floors at 0 (扣完为止)."""
    assert score(f"逐档扣分 r 低于 100% 每 1% 扣 0.5 分 {mode}", r=r) == D(expected)


@pytest.mark.parametrize("mode,r,expected", [
    ("按实际", "100%", "10"), ("按实际", "90%", "10"), ("按实际", "101%", "9.50"),
    ("按实际", "103.3%", "8.35"), ("不足一档不扣", "100.9%", "10"), ("不足一档不扣", "101.9%", "9.50"), ("不足一档按一档", "100.1%", "9.50"),
    ("按实际", "200%", "0"),
])
def test_stepwise_above_a_threshold(mode, r, expected):
    """逐档扣分 高于: deductions for every step over the threshold, none below it."""
    assert score(f"逐档扣分 r 高于 100% 每 1% 扣 0.5 分 {mode}", r=r) == D(expected)


@pytest.mark.parametrize("r", ["100%", "101%", "103.3%", "150%"])
def test_stepwise_may_say_the_points_before_the_step(r):
    """`扣 0.5 分 每 2%` reads as `每 2% 扣 0.5 分`."""
    assert score("逐档扣分 r 高于 100% 扣 0.5 分 每 2% 按实际", r=r) == \
        score("逐档扣分 r 高于 100% 每 2% 扣 0.5 分 按实际", r=r)


def test_stepwise_records_steps_and_deduction():
    """The outcome gives the gap, the steps counted and the points deducted, as a deduction."""
    result = run("逐档扣分 r 低于 100% 每 1% 扣 0.5 分 不足一档不扣", r="97.5%").indicator("甲")
    o = result.outcome
    assert (o.subject, o.threshold, o.gap, o.steps, o.deduction, o.case) == (
        D("0.975"), D(1), D("0.025"), D(2), D("1.0"), "deducted")
    assert [d.points for d in result.deductions] == [D("1.0")]


@pytest.mark.parametrize("r,case", [("100%", "within"), ("99.5%", "under_step"),
                                    ("99%", "deducted"), ("60%", "floored")])
def test_stepwise_outcome_says_which_case_applied(r, case):
    """A gap too small for a step is told apart from no gap at all (they read differently)."""
    rule = "逐档扣分 r 低于 100% 每 1% 扣 0.5 分 不足一档不扣"
    assert run(rule, r=r).indicator("甲").outcome.case == case


# --- findings and deductions -------------------------------------------------------------------------

@pytest.mark.parametrize("n,expected", [(0, "10"), (1, "8.50"), (3, "5.50"), (6, "1.00"),
                                        (7, "0"), (100, "0")])
def test_findings_deduct_per_finding_and_floor_at_zero(n, expected):
    """按处扣分: count × points off the weight, never below 0."""
    assert score("按处扣分 n 每处 扣 1.5 分", n=n) == D(expected)


DEDUCTIONS = '扣分项 { 若 非 ok 扣 3 分 原因 "未达标"；若 n > 2 扣 4 分；若 r < 50% 扣 5 分 }'


@pytest.mark.parametrize("figures,expected,fired", [
    ({}, "10", []), ({"ok": False}, "7", [0]), ({"ok": False, "n": 3}, "3", [0, 1]),
    ({"n": 3, "r": "10%"}, "1", [1, 2]), ({"ok": False, "n": 3, "r": "10%"}, "0", [0, 1, 2]),
])
def test_deductions_add_up_and_floor_at_zero(figures, expected, fired):
    """扣分项: every condition that holds deducts its points; together they floor at 0."""
    result = run(DEDUCTIONS, **figures).indicator("甲")
    assert result.score == D(expected)
    assert [i for i, applies in enumerate(result.outcome.applies) if applies] == fired


def test_deductions_carry_their_reasons():
    """Each deduction that applied is listed with its points and reason (or its condition's
    text when the row gives no reason)."""
    result = run(DEDUCTIONS, ok=False, n=3).indicator("甲")
    assert [(d.points, d.reason) for d in result.deductions] == [(D(3), "未达标"), (D(4), "n > 2")]


# --- levels and judged scores ------------------------------------------------------------------------

@pytest.mark.parametrize("level,expected", [("好", "10"), ("较好", "8.0"), ("一般", "6.0"),
                                            ("差", "0")])
def test_levels_score_their_fraction_of_the_weight(level, expected):
    """按等次: the level's fraction of the weight (好/较好/一般/差 → 100%/80%/60%/0)."""
    assert score("按等次 lv", lv=level) == D(expected)


@pytest.mark.parametrize("s,level", [(10, "达成"), (8, "达成"), ("7.99", "部分"), (5, "部分"),
                                     ("4.99", "未达成"), (0, "未达成")])
def test_judged_scores_within_their_level_are_kept(s, level):
    """人工评分: a judged score inside its level's range is the score."""
    assert score("人工评分 s 等次 dc", s=s, dc=level) == D(str(s))


@pytest.mark.parametrize("s,level,shown", [(11, "达成", "[8, 10]"), ("7.99", "达成", "[8, 10]"),
                                           (8, "部分", "[5, 8)"), (5, "未达成", "[0, 5)"),
                                           (-1, "未达成", "[0, 5)")])
def test_judged_scores_outside_their_level_are_d006(s, level, shown):
    """A judged score outside its level's range (an open end excluded) is D006 naming the score,
    the level and the range; only that indicator scores 0, its neighbour is scored."""
    result = run("人工评分 s 等次 dc", s=s, dc=level)
    assert [p.code for p in result.problems] == ["D006"]
    problem = result.problems[0]
    assert problem.message("en") == (f"indicator `甲`: the judged score {s} is outside {shown} "
                                     f"allowed for level `{level}`")
    assert result.indicator("甲").score == 0 and result.indicator("甲").problem is problem
    assert result.indicator("乙").score == 10


# --- checklist, target, formula ----------------------------------------------------------------------

@pytest.mark.parametrize("figures,expected,met", [
    ({}, "10", ["合格", "n = 0", "r ≥ 100%"]), ({"ok": False}, "6", ["n = 0", "r ≥ 100%"]),
    ({"n": 1, "r": "99%"}, "4", ["合格"]), ({"ok": False, "n": 1, "r": "0%"}, "0", []),
])
def test_checklist_adds_the_points_of_the_items_met(figures, expected, met):
    """逐项计分: each item met gives its points; the result lists them by label (or text)."""
    result = run('逐项计分 { ok：4 分 "合格"；n = 0：3；r ≥ 100%：3 分 }', **figures).indicator("甲")
    assert result.score == D(expected)
    labels = [item.label for item in result.indicator.rule.items]
    assert [label for label, ok in zip(labels, result.outcome.met) if ok] == met


@pytest.mark.parametrize("op,a,b,expected", [
    ("≥", "10", "10", "10"), ("≥", "15", "10", "10"), ("≥", "5", "10", "5.00"),
    ("≥", "0", "10", "0"), ("≥", "5", "0", "10"), ("≥", "0", "0", "10"),
    ("≤", "5", "10", "10"), ("≤", "10", "10", "10"), ("≤", "15", "10", "6.67"),
    ("≤", "5", "0", "0"), ("≤", "0", "0", "10"),
    ("=", "10", "10", "10"), ("=", "5", "10", "5.00"), ("=", "15", "10", "5.00"),
    ("=", "25", "10", "0"), ("=", "5", "0", "0"), ("=", "0", "0", "10"),
])
def test_target_in_each_direction(op, a, b, expected):
    """对标: ≥ scores actual/target × weight when missed; ≤ target/actual × weight; = scores
    (1 − |actual − target| / target) × weight; a target of 0 is met only by 0 for = and ≤,
    and by anything for ≥ — never a division by zero."""
    assert score(f"对标 a {op} b", a=a, b=b) == D(expected)


@pytest.mark.parametrize("s,expected", [(0, "0"), (1, "0"), ("1.5", "0"), (3, "3"), ("4.255", "5.51"),
                                        ("6.5", "10"), (100, "10"), (-3, "0")])
def test_formula_is_clamped_to_zero_and_the_weight(s, expected):
    """公式 s × 2 − 3: whatever it computes, the score lies in [0, weight], to 0.01 half up."""
    result = run("公式 s * 2 - 3", s=s).indicator("甲")
    assert result.score == D(expected)
    assert result.raw == D(str(s)) * 2 - 3 and result.outcome.raw == result.raw


def test_scores_have_two_decimals_and_subtotals_add_rounded_scores():
    """Each score is rounded to 0.01 first; a subtotal is the sum of the rounded scores (three
    thirds of 1 make 0.99, not 1)."""
    text = ("总分 3\n输入 x：数值\n分组 组 分值 3 {\n"
            + "".join(f"  指标 甲{i} 分值 1 {{ 评分 公式 x / 3 }}\n" for i in range(3)) + "}\n")
    result = perfdsl.compile(text).evaluate({"x": 1})
    assert [i.score for i in result.indicators] == [D("0.33")] * 3
    assert result.subtotal("组") == D("0.99") and result.total == D("0.99")
    assert all(i.score.as_tuple().exponent == -2 for i in result.indicators)


# --- grades ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("s,grade", [(100, "优"), (90, "优"), ("89.99", "良"), (80, "良"),
                                     ("79.99", "中"), (60, "中"), ("59.99", "差"), (0, "差")])
def test_grades_from_the_default_bands(s, grade):
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (财预〔2020〕10号), bounds inclusive."""
    text = "总分 100\n输入 s：数值\n分组 组 分值 100 { 指标 甲 分值 100 { 评分 公式 s } }\n"
    assert perfdsl.compile(text).evaluate({"s": s}).grade == grade


def test_a_strict_grade_bound_excludes_its_value():
    """`优 > 90`: exactly 90 is not 优."""
    text = ("总分 100\n等级 { 优 > 90；合格 ≥ 60；不合格 }\n输入 s：数值\n"
            "分组 组 分值 100 { 指标 甲 分值 100 { 评分 公式 s } }\n")
    rubric = perfdsl.compile(text)
    assert [rubric.evaluate({"s": v}).grade for v in (91, 90, 60, 59)] == ["优", "合格", "合格", "不合格"]


# --- Data problems -----------------------------------------------------------------------------------

def test_a_zero_divisor_is_d005_naming_the_divisor_and_only_that_indicator_is_affected():
    """A division by zero is D005 at the division, naming the divisor as written; the indicator
    scores 0 and every other indicator is scored as usual."""
    result = run("按比例 甲", extra="值 a / (b - 1)", b="1")
    assert [p.code for p in result.problems] == ["D005"]
    problem = result.problems[0]
    assert problem.message("en") == "indicator `甲`: division by zero (b - 1 = 0)"
    assert problem.message("zh") == "指标 `甲`：除数为零（b - 1 = 0）"
    assert problem.span.text == "a / (b - 1)"
    assert result.indicator("甲").score == 0 and result.indicator("甲").value is None
    assert result.indicator("乙").score == 10 and result.total == 10


def test_a_fallback_score_is_used_when_an_indicator_cannot_be_scored():
    """`异常得分 4`: the indicator that cannot be scored gets 4, and the hint says so."""
    result = run("按比例 a / b", extra="异常得分 4", b="0")
    assert result.indicator("甲").score == 4
    assert result.problems[0].code == "D005"
    assert result.problems[0].hint("en") == "scored 4 as the rubric's fallback says"
    assert run("按比例 a / b", extra="异常得分 4", a="1", b="2").indicator("甲").score == 5


def test_without_a_fallback_the_hint_says_how_to_give_one():
    """No fallback: scored 0, and the hint names `fallback N`."""
    result = run("按比例 a / b", b="0")
    assert "give the indicator a `fallback N`" in result.problems[0].hint("en")


def test_a_missing_figure_affects_only_the_indicators_that_read_it():
    """A missing figure is D002 by name; the indicators reading it get D008 saying why, the
    others are scored."""
    figures = {k: v for k, v in BASE.items() if k != "r"}
    result = rubric("按比例 r").evaluate(figures)
    assert [p.code for p in result.problems] == ["D002", "D008"]
    assert result.problems[0].message("en") == "missing figure `r` (a percentage)"
    assert result.problems[1].message("en") == (
        "indicator `甲` cannot be scored: missing figure `r` (a percentage)")
    assert result.indicator("甲").score == 0 and result.indicator("乙").score == 10


def test_a_missing_figure_with_a_default_is_no_problem():
    """An input with `默认值` may be left out: the default is used."""
    figures = {k: v for k, v in BASE.items() if k != "n"}
    result = rubric("按处扣分 n 每处 扣 1 分").evaluate(figures)
    assert result.problems == () and result.indicator("甲").score == 10


def test_an_out_of_range_figure_is_d004_and_its_indicator_d008():
    """A figure outside its declared range is D004 and not used: its indicator is D008."""
    result = run("按处扣分 n 每处 扣 1 分", n=-2)
    assert [p.code for p in result.problems] == ["D004", "D008"]
    assert result.problems[0].message("en") == "`n` = -2处 is outside its allowed range ≥ 0处"
    assert result.indicator("甲").score == 0 and result.indicator("乙").score == 10


def test_a_figure_of_the_wrong_type_is_d003_and_its_indicator_d008():
    """A level that is not in the scale is D003, and the indicator reading it D008."""
    result = run("按等次 lv", lv="中")
    assert [p.code for p in result.problems] == ["D003", "D008"]
    assert result.indicator("乙").score == 10


# --- The caller's decimal context --------------------------------------------------------------------

SEED_FIGURES_AS_TEXT = {"r": "61.68%", "a": "40.11万元", "b": "401100元"}


@pytest.mark.parametrize("configure", [
    lambda c: setattr(c, "prec", 3),
    lambda c: setattr(c, "rounding", decimal.ROUND_FLOOR),
    lambda c: c.traps.update({decimal.Inexact: True, decimal.Rounded: True}),
    lambda c: (setattr(c, "prec", 2), setattr(c, "rounding", decimal.ROUND_UP)),
], ids=["prec3", "floor", "trap-inexact", "prec2-up"])
def test_the_callers_decimal_context_does_not_change_results(configure, seed):
    """Compiling, checking figures given as text, scoring and explaining under any decimal
    context the caller has set give exactly what the default context gives."""
    import conftest

    data = perfdsl.load_data(conftest.SEED_DATA)
    expected = seed.evaluate(data).to_json()
    expected_text = explanations(seed.evaluate(data))
    small = run("按比例 a / b", **SEED_FIGURES_AS_TEXT).to_json()
    with decimal.localcontext() as context:
        configure(context)
        compiled = perfdsl.compile_file(conftest.SEED_RUBRIC)
        assert compiled.evaluate(data).to_json() == expected
        assert seed.evaluate(data).to_json() == expected
        assert explanations(seed.evaluate(data)) == expected_text
        assert rubric("按比例 a / b").evaluate({**BASE, **SEED_FIGURES_AS_TEXT}).to_json() == small


def test_evaluation_leaves_the_callers_context_as_it_was():
    """After scoring, the caller's context is the one they had, unchanged."""
    with decimal.localcontext() as context:
        context.prec = 5
        run("按比例 r", r="33.333%")
        assert decimal.getcontext() is context and context.prec == 5


def test_arithmetic_is_exact_decimal():
    """0.1 + 0.2 = 0.3 in rubric arithmetic: a full_if on it holds (binary floats would not)."""
    text = ("总分 10\n输入 x：数值\n输入 y：数值\n"
            "分组 组 分值 10 { 指标 甲 分值 10 { 评分 满分条件 x + y = 0.3 } }\n")
    assert perfdsl.compile(text).evaluate({"x": "0.1", "y": "0.2"}).total == 10
    assert perfdsl.compile(text).evaluate({"x": 0.1, "y": 0.2}).total == 10


# --- Explanation templates cannot exhaust the machine --------------------------------------------

@pytest.mark.parametrize("template", ["{{ 得分 * 10 ** 100000000 }}", "{{ 值 | string * 100000000 }}",
                                      "{{ [值] * 1000000000 }}"])
def test_a_template_cannot_make_a_huge_number_or_text(template):
    """A rubric from someone else cannot hang the compiler or fill the memory through its
    explanation template: a huge power or repetition is refused, and the sentence is written
    as if the indicator had no template."""
    text = ("总分 10\n输入 x：百分比 范围 0% 至 100%\n分组 组 分值 10 {\n"
            f"  指标 甲 分值 10 {{ 值 x 评分 按比例 甲 计算分析 \"{template}\" }}\n}}\n")
    plain = text.replace(f" 计算分析 \"{template}\"", "")
    result = perfdsl.compile(text).evaluate({"x": "50%"})
    assert explanations(result) == explanations(perfdsl.compile(plain).evaluate({"x": "50%"}))


def test_small_powers_and_repetitions_in_templates_still_work():
    """`**` and `*` within reason render as Jinja would."""
    text = ("总分 10\n输入 x：百分比 范围 0% 至 100%\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 值 x 评分 按比例 甲 计算分析 \"{{ 2 ** 10 }} {{ '-' * 3 }} {{ 得分 * 2 }}\" }\n}\n")
    assert explanations(perfdsl.compile(text).evaluate({"x": "50%"})) == ["1024 --- 10"]


# --- Sentences that read the outcome ---------------------------------------------------------------

@pytest.mark.parametrize("rule,r,expected", [
    ("逐档扣分 r 高于 100% 每 1% 扣 0.5 分 不足一档不扣", "100.5%",
     "r 100.50%，超过 100% 0.5 个百分点，不足一档（每档 1 个百分点），不扣分，得满分 10 分"),
    ("逐档扣分 r 低于 100% 每 1% 扣 0.5 分 不足一档不扣", "99.27%",
     "r 99.27%，低于 100% 0.73 个百分点，不足一档（每档 1 个百分点），不扣分，得满分 10 分"),
    ("逐档扣分 r 低于 100% 每 1% 扣 0.5 分 不足一档不扣", "100%",
     "r 100.00%，未低于 100%，得满分 10 分"),
])
def test_a_gap_too_small_for_a_step_is_said_so(rule, r, expected):
    """Past the threshold by less than a step is not "not past it": the sentence gives the gap
    and says no step was counted (a defect of the first version said 未超过/未低于)."""
    result = run(rule, extra="值 r", r=r)
    assert explanations(result)[0] == expected


def test_a_proportional_rate_keeps_its_parentheses():
    """`按比例 1 − (a − t) / t`: the rate is a factor of `× weight`, so a difference stays in
    parentheses (the first version wrote 1 − （a − t） / t × 10)."""
    result = run("按比例 1 - (a - b) / b", a="25", b="20")
    assert explanations(result)[0].startswith(
        "得分 = （1 − （a 25.00万元 − b 20.00万元） / b 20.00万元） × 10 = 7.5")


def test_a_guarded_division_is_not_a_zero_divisor_warning():
    """`如果 t ≠ 0 则 a / t 否则 0%` never divides by 0: no W601 (the condition narrows t)."""
    compiled = perfdsl.compile(
        "总分 10\n输入 a：百分比 范围 0% 至 100%\n输入 t：百分比 范围 0% 至 100%\n"
        "分组 组 分值 10 {\n  指标 甲 分值 10 {\n    值 如果 t ≠ 0 则 a / t 否则 0%\n"
        "    评分 分档 甲 { ≥ 100%：满分；其他：0 }\n  }\n}\n")
    assert [w.code for w in compiled.warnings] == []
    unguarded = perfdsl.compile(
        "总分 10\n输入 a：百分比 范围 0% 至 100%\n输入 t：百分比 范围 0% 至 100%\n"
        "分组 组 分值 10 {\n  指标 甲 分值 10 {\n    值 a / t\n"
        "    评分 分档 甲 { ≥ 100%：满分；其他：0 }\n  }\n}\n")
    assert [w.code for w in unguarded.warnings] == ["W601"]


def test_round_of_a_huge_value_is_exact_not_an_error():
    """round(x³, 2) of x = 10¹⁰ is 10³⁰: exact arithmetic has no precision to overflow (the
    first version reported `[<class 'decimal.InvalidOperation'>]` as a data problem)."""
    compiled = perfdsl.compile("总分 10\n输入 x：数值\n分组 组 分值 10 {\n"
                               "  指标 甲 分值 10 { 评分 公式 round(x * x * x, 2) - x * x * x + 5 }\n}\n")
    result = compiled.evaluate({"x": D("1e10")})
    assert result.problems == () and result.indicator("甲").score == D("5.00")


def test_a_rate_just_below_a_band_edge_is_below_it():
    """89.99999999999999999999999999999% is below 90% however many 9s it has: the figure is read
    exactly and compared exactly (the first version rounded it to 28 digits, into the ≥ 90% band)."""
    rule = "分档 r { ≥ 90%：满分；其他：0 }"
    assert score(rule, r="89.99999999999999999999999999999%") == 0
    assert score(rule, r="90%") == 10
