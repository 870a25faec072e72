"""Pass 3, check: the weights of every group's children add up to the group's weight exactly,
and the top level to the rubric's total — with the numbers in the message."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfdsl
from perfdsl.compiler import diagnose
from perfdsl.language.source import Source


def errors(text: str):
    return [d for d in diagnose(Source("t.rubric", text))[1] if d.is_error]


def indicator(name: str, weight: str) -> str:
    return f"指标 {name} 分值 {weight} {{ 评分 公式 1 }}"


SHORT_GROUP = f"""\
总分 100
分组 投入 分值 20 {{
  分组 预算执行 分值 20 {{
    {indicator("甲", "10")}
    {indicator("乙", "9")}
  }}
}}
分组 产出 分值 80 {{ {indicator("丙", "80")} }}
"""


def test_children_must_add_up_to_their_parent():
    """A group whose children give 19 of its 20 is E301 at the group, giving both numbers and
    the children's weights."""
    found = errors(SHORT_GROUP)
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("E301", 3, 3)]
    error = found[0]
    assert error.message("en") == "the weights under 预算执行 add up to 19, but 预算执行 has weight 20"
    assert error.message("zh") == "预算执行 的子指标分值合计 19，应为 20"
    assert error.hint("en") == "children: 甲 10 + 乙 9"
    assert error.hint("zh") == "子指标：甲 10 + 乙 9"


def test_the_top_level_must_add_up_to_the_total():
    """Top-level weights giving 90 of a total of 100 are E302, with both numbers."""
    text = f"总分 100\n分组 投入 分值 20 {{ {indicator('甲', '20')} }}\n分组 产出 分值 70 {{ {indicator('乙', '70')} }}\n"
    found = errors(text)
    assert [d.code for d in found] == ["E302"]
    assert found[0].message("en") == ("the top-level weights add up to 90, "
                                      "but the rubric's total is 100")
    assert found[0].message("zh") == "一级指标分值合计 90，应为总分 100"
    assert found[0].hint("en") == "top level: 投入 20 + 产出 70"


def test_top_level_indicators_count_towards_the_total():
    """An indicator may stand at the top level (预算执行率 10 on the project form); it counts
    towards the total like a group."""
    text = f"总分 30\n{indicator('预算执行率', '10')}\n分组 产出 分值 20 {{ {indicator('甲', '20')} }}\n"
    assert errors(text) == []
    short = text.replace("总分 30", "总分 40")
    assert [d.message("en") for d in errors(short)] == [
        "the top-level weights add up to 30, but the rubric's total is 40"]


def test_nested_groups_are_each_checked():
    """Every level is checked: a wrong 三级 group inside a right 二级 one is reported, and a
    wrong outer group too, each at its own line, in the order written."""
    text = f"""\
总分 30
分组 A 分值 30 {{
  分组 B 分值 20 {{
    分组 C 分值 10 {{ {indicator("甲", "4")} }}
    {indicator("乙", "10")}
  }}
  {indicator("丙", "5")}
}}
"""
    found = errors(text)
    assert [(d.code, d.span.line, d.args["name"], d.args["actual"], d.args["expected"])
            for d in found] == [("E301", 2, "A", "25", "30"), ("E301", 4, "C", "4", "10")]


def test_sums_are_exact_decimals():
    """0.1 + 0.2 is exactly 0.3 — weights are Decimals, so three children of 0.1, 0.2 and 2.7
    make a group of 3 with no rounding error."""
    text = (f"总分 3\n分组 组 分值 3 {{ {indicator('甲', '0.1')} {indicator('乙', '0.2')} "
            f"{indicator('丙', '2.7')} }}\n")
    rubric = perfdsl.compile(text)
    assert sum(i.weight for i in rubric.model.indicators) == Decimal(3)


@pytest.mark.parametrize("weights,total", [(("2.5", "2.5"), "5"), (("0.01", "9.99"), "10")])
def test_decimal_weights_that_add_up_pass(weights, total):
    """Weights with decimals that add up exactly are accepted."""
    body = " ".join(indicator(f"x{i}", w) for i, w in enumerate(weights))
    assert errors(f"总分 {total}\n分组 组 分值 {total} {{ {body} }}\n") == []


def test_weights_are_printed_as_people_write_them():
    """Sums in messages read 19.5 and 20, never 19.50 or 2E+1."""
    text = (f"总分 20\n分组 组 分值 20 {{ {indicator('甲', '10.50')} {indicator('乙', '9')} }}\n")
    error = errors(text)[0]
    assert error.message("en") == "the weights under 组 add up to 19.5, but 组 has weight 20"
    assert error.hint("en") == "children: 甲 10.5 + 乙 9"


def test_every_weight_problem_is_reported_at_once():
    """Two wrong groups and a wrong total: all three reported in one compile."""
    text = (f"总分 100\n分组 A 分值 10 {{ {indicator('甲', '9')} }}\n"
            f"分组 B 分值 10 {{ {indicator('乙', '11')} }}\n")
    assert [(d.code, d.span.line) for d in errors(text)] == [
        ("E301", 2), ("E302", 2), ("E301", 3)]
    with pytest.raises(perfdsl.CompileError) as info:
        perfdsl.compile(text)
    assert len(info.value.errors) == 3


def test_the_seed_rubric_adds_up():
    """The seed form's weights add up at every level: 16 + 42 + 22 + 20 = 100."""
    from conftest import SEED_RUBRIC

    rubric = perfdsl.compile_file(SEED_RUBRIC)
    assert [g.weight for g in rubric.model.groups] == [16, 42, 22, 20]

    def check(node):
        if hasattr(node, "children"):
            assert sum(c.weight for c in node.children) == node.weight, node.name
            for child in node.children:
                check(child)

    for group in rubric.model.groups:
        check(group)
