"""Pass 2, resolve: names, kinds, types and units, cycles, scales and levels, weights and rules —
each mistake reported once, where it was made, with a hint where one helps."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfdsl
from perfdsl.checks import model as m
from perfdsl.checks import units
from perfdsl.compiler import diagnose
from perfdsl.language.source import Source

HEADER = """\
总分 10
量表 评价 { 好 = 100%；较好 = 80%；差 = 0% }
量表 达成情况 { 达成 = 80% 至 100%；未达成 = 0% 至 80% }
输入 经费：金额（万元） 范围 ≥ 0
输入 支出：金额（万元） 范围 ≥ 0
输入 费用：金额（元） 范围 ≥ 0
输入 人数：数量（人） 范围 ≥ 0
输入 率：百分比 范围 ≥ 0%
输入 lv：等次 评价
输入 dc：等次 达成情况
输入 ok：是否
输入 备注：文本
"""


def rubric_with(body: str, header: str = HEADER) -> str:
    """A rubric of HEADER and one indicator `甲` of weight 10 whose clauses are `body`."""
    return header + "分组 组 分值 10 {\n  指标 甲 分值 10 {\n    " + body + "\n  }\n}\n"


def diagnostics(text: str):
    return diagnose(Source("t.rubric", text))[1]


def errors(text: str):
    return [d for d in diagnostics(text) if d.is_error]


def only_error(text: str):
    """The one error `text` has (it must have exactly one)."""
    found = errors(text)
    assert len(found) == 1, [str(d) for d in found]
    return found[0]


def position(text: str, fragment: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based, in characters) of the n-th `fragment` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def at(diagnostic) -> tuple[int, int]:
    return diagnostic.span.line, diagnostic.span.column


# --- Names ------------------------------------------------------------------------------------------

def test_unknown_name_with_did_you_mean():
    """An unknown name is E101 at the name, with the closest declared name as a hint in both
    languages."""
    text = rubric_with("评分 满分条件 经废 > 0")
    error = only_error(text)
    assert error.code == "E101" and at(error) == position(text, "经废")
    assert error.message("en") == "unknown name `经废`"
    assert error.hint("en") == "did you mean `经费`?"
    assert error.hint("zh") == "是否应为 `经费`？"


def test_unknown_name_without_a_close_match_has_no_hint():
    """When nothing declared is close, E101 gives no guess."""
    error = only_error(rubric_with("评分 满分条件 完全不同的名字 > 0"))
    assert error.code == "E101" and error.hint("en") is None


def test_unknown_name_is_reported_once_per_use_and_not_again_by_its_expression():
    """An unknown name inside a larger expression gives E101 only — the sum and the comparison
    around it are not reported too."""
    text = rubric_with("评分 满分条件 (经费 + 未知) / 支出 > 50%")
    assert [d.code for d in errors(text)] == ["E101"]


def related(diagnostic) -> list[tuple[int, int, str]]:
    """Line, column and English note of each place related to a diagnostic."""
    return [(r.span.line, r.span.column, r.message("en")) for r in diagnostic.related]


def test_duplicate_inputs():
    """A name declared twice is E102 at the second, with the first as a related place."""
    text = HEADER + "输入 经费：数值\n" + "分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 1 } }\n"
    error = only_error(text)
    assert error.code == "E102" and at(error) == position(text, "经费", 2)
    assert related(error) == [(4, 4, "first defined here")]
    assert error.hint("en") == "rename one of them"
    assert "t.rubric:4:4: first defined here" in str(error)


def test_duplicate_indicators_in_different_groups():
    """Indicator names are unique across the whole rubric: a second `甲` anywhere is E102."""
    text = ("总分 10\n分组 A 分值 5 { 指标 甲 分值 5 { 评分 公式 1 } }\n"
            "分组 B 分值 5 { 指标 甲 分值 5 { 评分 公式 1 } }\n")
    error = only_error(text)
    assert error.code == "E102" and at(error) == (3, 16)
    assert related(error) == [(2, 16, "first defined here")]


def test_duplicate_sibling_groups_and_scale_levels():
    """Two sibling groups of one name, and a level named twice in a scale, are E102, related to
    the first sibling or level — not to the parent group or the scale."""
    groups = ("总分 10\n分组 组 分值 10 {\n  分组 子 分值 5 { 指标 甲 分值 5 { 评分 公式 1 } }\n"
              "  分组 子 分值 5 { 指标 乙 分值 5 { 评分 公式 1 } }\n}\n")
    assert [(d.code, at(d), related(d)) for d in errors(groups)] == [
        ("E102", (4, 6), [(3, 6, "first defined here")])]
    levels = "总分 10\n量表 评价 { 好 = 100%；好 = 0% }\n分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 1 } }\n"
    assert [(d.code, at(d), related(d)) for d in errors(levels)] == [
        ("E102", (2, 18), [(2, 9, "first defined here")])]


def test_duplicate_top_level_groups():
    """Two top-level groups of one name are E102 (a subtotal could not tell them apart)."""
    text = ("总分 10\n分组 组 分值 5 { 指标 甲 分值 5 { 评分 公式 1 } }\n"
            "分组 组 分值 5 { 指标 乙 分值 5 { 评分 公式 1 } }\n")
    assert [(d.code, at(d), related(d)) for d in errors(text)] == [
        ("E102", (3, 4), [(2, 4, "first defined here")])]


def test_duplicate_scales():
    """A scale declared twice is E102 related to the first scale's name."""
    text = ("总分 10\n量表 评价 { 好 = 100% }\n量表 评价 { 差 = 0% }\n"
            "分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 1 } }\n")
    assert [(d.code, at(d), related(d)) for d in errors(text)] == [
        ("E102", (3, 4), [(2, 4, "first defined here")])]


@pytest.mark.parametrize("name,kind,kind_zh", [("组", "a group", "指标组"),
                                              ("乙", "an indicator", "指标")])
def test_wrong_kind_of_name(name, kind, kind_zh):
    """A group, or an indicator without a value, used where a value is needed is E103, saying
    what the name is."""
    text = (HEADER + "分组 组 分值 10 {\n  指标 乙 分值 5 { 评分 公式 1 }\n"
            f"  指标 甲 分值 5 {{ 评分 公式 {name} + 1 }}\n}}\n")
    error = only_error(text)
    assert error.code == "E103" and at(error) == position(text, f"{name} + 1")
    assert error.message("en") == f"`{name}` is {kind}, but a value is needed here"
    assert error.message("zh") == f"`{name}` 是{kind_zh}，此处需要一个值"


def test_an_indicator_with_a_value_may_be_used_as_a_value():
    """An indicator's value (`值`) is readable by name from other indicators."""
    text = (HEADER.replace("总分 10", "总分 10") + "分组 组 分值 10 {\n"
            "  指标 乙 分值 5 { 值 经费 / 支出 评分 按比例 乙 }\n"
            "  指标 甲 分值 5 { 评分 满分条件 乙 ≥ 90% }\n}\n")
    assert errors(text) == []


# --- Types and units --------------------------------------------------------------------------------

def test_adding_money_to_people_is_e201():
    """万元 + 人 is E201 over the whole sum, saying which units, with the same-unit hint."""
    text = rubric_with("值 经费 + 人数\n    评分 公式 1")
    error = only_error(text)
    assert error.code == "E201" and error.span.text == "经费 + 人数"
    assert error.message("en") == "cannot add money (万元) and a count (人)"
    assert error.message("zh") == "不能对金额（万元）与数量（人）进行加运算"
    assert error.hint("en") == "both sides of + and − need the same unit"


@pytest.mark.parametrize("expr", ["经费 * 支出", "经费 / 人数 + 经费", "费用 / 经费", "率 / 经费",
                                  "经费 - 费用"])
def test_meaningless_arithmetic_of_units_is_e201(expr):
    """万元 × 万元, (万元/人) + 万元, 元 ÷ 万元, rate ÷ 万元 and 万元 − 元 have no unit: E201."""
    assert only_error(rubric_with(f"值 {expr}\n    评分 公式 1")).code == "E201"


def test_money_divided_by_money_is_a_rate():
    """万元 ÷ 万元 is a rate: `按比例` accepts it, and the value is typed as a percentage."""
    text = rubric_with("值 支出 / 经费\n    评分 按比例 甲")
    assert errors(text) == []
    indicator = perfdsl.compile(text).model.indicators[0]
    assert indicator.value.type == units.RATE


def test_a_plain_number_takes_the_unit_of_the_other_side():
    """`经费 - 1` is money and `人数 × 2` people: plain numbers adopt the other operand's unit."""
    text = rubric_with("值 (经费 - 1) / (支出 + 1)\n    评分 满分条件 人数 × 2 ≥ 人数")
    assert errors(text) == []


def test_proportional_needs_a_rate_not_money():
    """`按比例` of money is E203: a rate is expected."""
    error = only_error(rubric_with("评分 按比例 经费"))
    assert error.code == "E203"
    assert error.message("en") == "expected a rate, found money (万元)"


def test_comparing_a_rate_with_money_is_e202():
    """A percentage compared with 万元 is E202 over the comparison."""
    text = rubric_with("评分 满分条件 率 > 经费")
    error = only_error(text)
    assert error.code == "E202" and error.span.text == "率 > 经费"
    assert error.message("en") == "cannot compare a percentage with money (万元)"
    assert error.hint("en") == "compare figures of the same unit"


def test_comparing_a_level_with_a_number_is_e202_with_a_hint():
    """A level is compared only with = or ≠ to a level of its scale."""
    error = only_error(rubric_with("评分 满分条件 lv > 1"))
    assert error.code == "E202"
    assert error.message("en") == "cannot compare a level of scale `评价` with a number"
    assert error.hint("en") == "a level can only be compared with = or ≠ to a level of its scale"


def test_comparing_a_level_with_a_level_of_another_scale_is_e105():
    """`lv = 达成` where 达成 belongs to another scale is E105, listing the scale's levels."""
    error = only_error(rubric_with("评分 满分条件 lv = 达成"))
    assert error.code == "E105"
    assert error.message("en") == "`达成` is not a level of scale `评价` (levels: 好, 较好, 差)"


def test_comparing_a_level_with_its_own_level_is_fine():
    """`lv = 好` and `lv ≠ 差` are conditions."""
    assert errors(rubric_with("评分 满分条件 lv = 好 或 lv ≠ 差")) == []


def test_yes_no_compared_with_a_number_is_e202():
    """A yes/no is not a number."""
    assert only_error(rubric_with("评分 满分条件 ok = 1")).code == "E202"


def test_a_condition_must_be_yes_no():
    """`满分条件 经费` (money, not a condition) is E203 asking for yes/no."""
    error = only_error(rubric_with("评分 满分条件 经费"))
    assert error.code == "E203" and error.message("en") == "expected yes/no (a condition), found money (万元)"


def test_a_percentage_compared_with_a_plain_number_warns_w003():
    """`率 ≥ 90` means 9000%: a warning with the hint `90%`."""
    text = rubric_with("评分 满分条件 率 ≥ 90")
    assert errors(text) == []
    warning = next(d for d in diagnostics(text) if d.code == "W003")
    assert at(warning) == position(text, "90") and warning.hint("en") == "did you mean 90%?"
    assert warning.message("en") == "a percentage meets the plain number 90, which means 9000%"


@pytest.mark.parametrize("number,means", [("1.5", "150%"), ("2", "200%"), ("12.345", "1234.5%")])
def test_w003_says_what_a_plain_number_means_as_a_percentage(number, means):
    """1.5 against a percentage means 150% — not "1.500%"."""
    warning = next(d for d in diagnostics(rubric_with(f"评分 满分条件 率 ≥ {number}"))
                   if d.code == "W003")
    assert warning.message("en").endswith(f"which means {means}")
    assert warning.message("zh").endswith(f"{number} 即 {means}")


def test_if_branches_of_different_units_are_e205():
    """The two branches of `如果` must have one type."""
    error = only_error(rubric_with("评分 公式 如果 ok 则 经费 否则 人数"))
    assert error.code == "E205"


@pytest.mark.parametrize("call,code", [("abs(经费, 支出)", "E204"), ("round()", "E002"),
                                       ("round(经费, 经费)", "E311"), ("round(经费, 1/3)", "E203"),
                                       ("round(经费, 99)", "E203"), ("max(经费, 人数)", "E202")])
def test_function_arguments(call, code):
    """Functions check their number of arguments, round's places (a whole number) and the units
    of min/max's arguments."""
    assert [d.code for d in errors(rubric_with(f"评分 满分条件 {call} > 0"))] == [code]


def test_round_to_tens_is_allowed():
    """round(x, -1) rounds to tens: a negative number of places compiles and scores."""
    text = "总分 100\n输入 x：数值\n分组 组 分值 100 {\n  指标 甲 分值 100 { 评分 公式 round(x, -1) }\n}\n"
    assert perfdsl.compile(text).evaluate({"x": 44}).total == 40


# --- Cycles ------------------------------------------------------------------------------------------

def test_a_cycle_among_lets_is_spelled_out():
    """Lets that depend on each other in a cycle are one E106, naming every member in order."""
    text = ("总分 10\n输入 x：数值\n令 a = b + x\n令 b = c * 2\n令 c = a - 1\n"
            "分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 a } }\n")
    error = only_error(text)
    assert error.code == "E106"
    assert error.message("en") == "derived values depend on each other in a cycle: a → b → c → a"
    assert error.message("zh") == "派生值之间存在循环依赖：a → b → c → a"


def test_a_let_that_uses_itself():
    """`令 a = a + x` is the cycle a → a."""
    text = "总分 10\n输入 x：数值\n令 a = a + x\n分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 a } }\n"
    assert only_error(text).message("en").endswith(": a → a")


def test_a_cycle_through_indicator_values():
    """Indicator values that read each other form a cycle too."""
    text = ("总分 10\n分组 组 分值 10 {\n  指标 甲 分值 5 { 值 乙 评分 公式 甲 }\n"
            "  指标 乙 分值 5 { 值 甲 评分 公式 乙 }\n}\n")
    assert only_error(text).message("en").endswith(": 甲 → 乙 → 甲")


def test_lets_may_be_used_before_they_are_declared():
    """Order of declaration does not matter when there is no cycle."""
    text = ("总分 10\n输入 x：数值\n令 a = b + 1\n令 b = x * 2\n"
            "分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 a } }\n")
    assert perfdsl.compile(text).evaluate({"x": 2}).total == 5


# --- Scales and levels -------------------------------------------------------------------------------

def test_unknown_scale_is_e104_with_a_suggestion_and_no_cascade():
    """A level input of an unknown scale is E104 with did-you-mean — and the rule reading that
    input is not reported again."""
    text = HEADER.replace("输入 lv：等次 评价", "输入 lv：等次 评介")
    error = only_error(rubric_with("评分 按等次 lv", header=text))
    assert error.code == "E104" and error.hint("en") == "did you mean `评价`?"


def test_a_default_that_is_not_a_level_is_e105():
    """`默认值 中` for a scale without 中 is E105 at the default."""
    header = HEADER.replace("输入 lv：等次 评价", "输入 lv：等次 评价 默认值 中")
    text = rubric_with("评分 按等次 lv", header=header)
    error = only_error(text)
    assert error.code == "E105" and at(error) == position(text, "中")


@pytest.mark.parametrize("rule,code", [("按等次 经费", "E403"), ("按等次 dc", "E404"),
                                       ("人工评分 经费 等次 lv", "E405")])
def test_scoring_levels_needs_the_right_kind_of_scale(rule, code):
    """`按等次` needs a level input of a scale of fractions; `人工评分` a scale of ranges."""
    assert {d.code for d in errors(rubric_with(f"评分 {rule}"))} == {code}


def test_scale_fractions_must_lie_between_0_and_100_percent():
    """`好 = 120%` is E409."""
    text = rubric_with("评分 按等次 lv", header=HEADER.replace("好 = 100%", "好 = 120%"))
    assert only_error(text).code == "E409"


# --- Weights and rules -------------------------------------------------------------------------------

def test_missing_weight_is_e303_without_an_unused_input_warning():
    """An indicator without a weight is E303 at its name; the inputs its rule reads are still
    counted as used (no W001)."""
    text = "总分 10\n输入 x：数值\n分组 组 分值 10 {\n  指标 甲 { 评分 公式 x }\n}\n"
    found = diagnostics(text)
    assert [(d.code, at(d)) for d in found] == [("E303", (4, 6))]
    assert found[0].hint("en") == "give it one with `weight N` / `分值 N`"


def test_the_rule_of_an_indicator_without_weight_is_still_checked():
    """Every problem at once: an unknown name in the rule of an unweighted indicator is reported
    beside the missing weight."""
    text = "总分 10\n输入 x：数值\n分组 组 分值 10 {\n  指标 甲 { 评分 公式 y }\n}\n"
    assert [d.code for d in errors(text)] == ["E303", "E101"]


@pytest.mark.parametrize("weight,code", [("0", "E304"), ("-1", "E304"), ("2.555", "E315"),
                                         ("x", "E311")])
def test_bad_weights(weight, code):
    """A weight must be a positive constant with at most two decimals."""
    text = f"总分 10\n输入 x：数值\n分组 组 分值 10 {{\n  指标 甲 分值 {weight} {{ 评分 公式 x }}\n}}\n"
    assert [d.code for d in errors(text)] == [code]
    assert not [d for d in diagnostics(text) if d.code == "W001"]


def test_a_group_without_weight_takes_the_sum_of_its_children():
    """A group's weight may be left out: it is then the sum of its children's."""
    text = "总分 10\n分组 组 {\n  指标 甲 分值 4 { 评分 公式 4 }\n  指标 乙 分值 6 { 评分 公式 6 }\n}\n"
    assert perfdsl.compile(text).model.groups[0].weight == 10


def test_missing_score_rule_is_e305():
    """An indicator without `评分` is E305 at its name."""
    text = "总分 10\n分组 组 分值 10 {\n  指标 甲 分值 10 { 说明 \"无\" }\n}\n"
    error = only_error(text)
    assert error.code == "E305" and at(error) == (3, 6)
    assert error.hint("zh") == "添加 `评分 ...`"


def test_duplicate_score_rule_is_e306_at_the_second():
    """Two rules in one indicator: E306 at the second."""
    text = rubric_with("评分 公式 1\n    评分 公式 2")
    error = only_error(text)
    assert error.code == "E306" and at(error) == position(text, "评分 公式 2")


@pytest.mark.parametrize("clauses,what", [("值 1\n    值 2\n    评分 公式 1", "value"),
                                          ("分值 3\n    评分 公式 1", "weight")])
def test_a_clause_given_twice_is_e006(clauses, what):
    """`值` or `分值` given twice in one indicator is E006 naming the clause."""
    found = errors(rubric_with(clauses))
    assert [d.code for d in found][:1] == ["E006"] and found[0].args["what"] == what


def test_total_given_twice_is_e006():
    """Two `总分` lines: E006 at the second."""
    text = "总分 10\n总分 10\n分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 1 } }\n"
    assert [(d.code, at(d)) for d in errors(text)] == [("E006", (2, 1))]


def test_a_score_rule_in_a_group_is_e314():
    """`评分` belongs in an indicator: in a group it is E314."""
    text = "总分 10\n分组 组 分值 10 {\n  评分 公式 1\n  指标 甲 分值 10 { 评分 公式 1 }\n}\n"
    assert [(d.code, at(d)) for d in errors(text)] == [("E314", (3, 3))]


def test_an_empty_rubric_has_no_total_and_no_indicators():
    """Empty text: E307 (no indicators) and E308 (no total), and nothing else."""
    assert sorted(d.code for d in diagnostics("")) == ["E307", "E308"]
    assert sorted(d.code for d in diagnostics("# 只有注释\n")) == ["E307", "E308"]


def test_rubric_without_total_is_e308():
    """The total must be stated."""
    assert [d.code for d in errors("分组 组 分值 10 { 指标 甲 分值 10 { 评分 公式 1 } }\n")] == ["E308"]


@pytest.mark.parametrize("grades,code", [("{ 优 ≥ 90；良 ≥ 95；差 }", "E309"),
                                         ("{ 优 ≥ 90；良；差 }", "E310"),
                                         ("{ 优 ≥ 90；差 ≥ 60 }", "E316"),
                                         ("{ 优 ≤ 90；差 }", "E314")])
def test_grade_bands(grades, code):
    """Grades go from the best down with falling bounds; only the last omits its bound."""
    text = f"总分 10\n等级 {grades}\n分组 组 分值 10 {{ 指标 甲 分值 10 {{ 评分 公式 1 }} }}\n"
    assert [d.code for d in errors(text)] == [code]


@pytest.mark.parametrize("total,bounds", [("100", ["90", "80", "60", None]),
                                          ("10", ["9", "8", "6", None]),
                                          ("25", ["22.5", "20", "15", None])])
def test_default_grades_are_shares_of_the_total(total, bounds):
    """Without `等级`, 优/良/中/差 start at 90%, 80%, 60% of the total: 90 out of 100, 9 out of
    10 — so a perfect 10 out of 10 is 优, not 差."""
    text = (f"总分 {total}\n输入 x：百分比\n"
            f"分组 组 分值 {total} {{ 指标 甲 分值 {total} {{ 评分 按比例 x }} }}\n")
    rubric = perfdsl.compile(text)
    assert [(g.name, None if g.minimum is None else str(g.minimum))
            for g in rubric.model.grades] == list(zip("优良中差", bounds))
    assert rubric.evaluate({"x": Decimal(1)}).grade == "优"


def test_default_of_the_wrong_type_and_out_of_range():
    """A default must have the input's type (E206) and lie in its range (E317)."""
    typed = rubric_with("评分 满分条件 ok", header=HEADER.replace("输入 ok：是否", "输入 ok：是否 默认值 3"))
    assert only_error(typed).code == "E206"
    ranged = rubric_with("评分 公式 人数",
                         header=HEADER.replace("输入 人数：数量（人） 范围 ≥ 0", "输入 人数：数量（人） 范围 ≥ 0 默认值 -1"))
    assert only_error(ranged).code == "E317"


@pytest.mark.parametrize("rule,code", [
    ("逐档扣分 率 低于 100% 每 0% 扣 1 分 按实际", "E401"),
    ("按处扣分 人数 每处 扣 -1 分", "E402"),
    ("分档 率 { }", "E406"),
    ("分档 率 { 其他：0；≥ 90%：满分 }", "E407"),
    ("逐项计分 { ok：6；lv = 好：6 }", "E408"),
    ("分档 率 { ≥ 90%：12 分；其他：0 }", "E410"),
    ("分档 率 { ≠ 90%：满分；其他：0 }", "E411"),
])
def test_scoring_rule_errors(rule, code):
    """Each malformed scoring rule gives its own code."""
    assert code in [d.code for d in errors(rubric_with(f"评分 {rule}"))]


# --- Unused declarations ---------------------------------------------------------------------------

def test_an_unused_input_warns_w001_at_its_name():
    """An input no value or rule reads is W001 at its name (a warning: the rubric compiles)."""
    text = ("总分 10\n输入 x：数值\n输入 y：数值\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 评分 公式 x }\n}\n")
    compiled = perfdsl.compile(text)
    warnings = [d for d in compiled.warnings if d.code == "W001"]
    assert [(d.args["name"], at(d)) for d in warnings] == [("y", (3, 4))]
    assert warnings[0].message("zh") == "输入 `y` 未被使用"


def test_unused_text_inputs_do_not_warn_but_unused_lets_do():
    """Text inputs are for the report and never warn; an unused `令` is W002."""
    text = ("总分 10\n输入 x：数值\n输入 单位：文本\n令 z = x\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 评分 公式 x }\n}\n")
    codes = [d.code for d in diagnostics(text) if d.code.startswith("W00")]
    assert codes == ["W002"]


def test_resolved_model_keeps_types_and_spans():
    """The model types each input as declared and keeps every node's span."""
    text = rubric_with("值 支出 / 经费\n    评分 按比例 甲")
    model = perfdsl.compile(text).model
    assert model.input("经费").type == units.Type("quantity", "万元", display="money")
    assert model.input("人数").type.unit == "人"
    assert model.input("lv").type == units.Type("level", scale="评价")
    indicator = model.indicators[0]
    assert isinstance(indicator.rule, m.Proportional)
    assert indicator.rule.span.text == "按比例 甲"
    assert indicator.weight == Decimal(10)
