"""Band tables checked against the subject's possible values (perfdsl/core/bounds.py): rows no value
reaches (E601), rows the rows above already cover (E602), and values in no row (E603), with
exact intervals that respect ≥ against >."""

from __future__ import annotations

import pytest

from perfdsl.compiler import diagnose
from perfdsl.language.source import Source

RATE = "输入 完成率：百分比 范围 0% 至 100%"


def band_messages(rows: str, inputs: str = RATE, subject: str = "完成率",
                  lang: str = "en") -> dict[str, list[str]]:
    """The band diagnostics of one indicator scored `分档 subject { rows }`, by code."""
    text = (f"总分 10\n{inputs}\n分组 组 分值 10 {{\n"
            f"  指标 甲 分值 10 {{ 评分 分档 {subject} {{ {rows} }} }}\n}}\n")
    out: dict[str, list[str]] = {}
    for d in diagnose(Source("t.rubric", text))[1]:
        if d.code in ("E601", "E602", "E603"):
            out.setdefault(d.code, []).append(d.message(lang))
    return out


@pytest.mark.parametrize("rows,code,message", [
    ("≥ 90%：满分；≥ 60%：60%；< 0%：0；其他：0", "E601",
     "band row 3 can never apply: no value of 完成率 in [0%, 100%] falls in (−∞, 0%)"),
    ("≥ 90%：满分；(100%, 120%]：满分；其他：0", "E601",
     "band row 2 can never apply: no value of 完成率 in [0%, 100%] falls in (100%, 120%]"),
    ("≥ 80%：80%；≥ 90%：满分；其他：0", "E602",
     "band row 2 can never apply: [90%, 100%] is already covered by row 1"),
    # [70%, 90%) of row 3 is still its own: not shadowed
    ("≥ 90%：满分；[50%, 70%)：5；[60%, 95%)：6；其他：0", "E602", None),
])
def test_unreachable_and_shadowed_rows(rows, code, message):
    """A row outside the subject's range is E601; a row wholly covered by the rows above is
    E602, naming them — the first matching row wins, so it never applies."""
    found = band_messages(rows)
    if message is None:
        assert code not in found, found
    else:
        assert found[code] == [message]


def test_a_row_covered_by_several_rows_names_them_all():
    """[60%, 95%) is covered by ≥ 90% and [50%, 92%) together: E602 names rows 1 and 2."""
    found = band_messages("≥ 90%：满分；[50%, 92%)：5；[60%, 95%)：6；其他：0")
    assert found["E602"] == [
        "band row 3 can never apply: [60%, 95%) is already covered by row 1, 2"]
    assert band_messages("≥ 90%：满分；[50%, 92%)：5；[60%, 95%)：6；其他：0", lang="zh")["E602"] == [
        "第 3 档永远不会适用：[60%, 95%) 已被第 1、2 档覆盖"]


def test_partial_overlap_is_allowed():
    """A row partly covered by an earlier one still applies to the rest: no diagnostic."""
    assert band_messages("≥ 80%：满分；[70%, 85%)：6；< 70%：0") == {}


@pytest.mark.parametrize("rows,gaps", [
    ("≥ 90%：满分；[60%, 85%)：60%；< 60%：0", "[85%, 90%)"),
    ("> 90%：满分；< 90%：0", "{90%}"),
    ("≥ 90%：满分；(60%, 90%)：60%；< 60%：0", "{60%}"),
    ("≥ 90%：满分；[60%, 90%]：60%", "[0%, 60%)"),
    ("> 95%：满分；[60%, 90%)：60%；[20%, 50%)：5", "[0%, 20%), [50%, 60%), [90%, 95%]"),
    ("≤ 50%：满分", "(50%, 100%]"),
])
def test_gaps_are_named_with_exact_intervals(rows, gaps):
    """Without an `else` row, every value of the subject's range that no row covers is named,
    open or closed at each end exactly as the rows leave it."""
    assert band_messages(rows)["E603"] == [f"values of 完成率 in {gaps} fall in no band"]


@pytest.mark.parametrize("rows", [
    "≥ 90%：满分；[60%, 90%)：60%；< 60%：0",
    "> 90%：满分；≤ 90%：0",
    "≥ 90%：满分；< 90%：0",
    "≥ 90%：满分；[60%, 90%)：60%；其他：0",
    "= 100%：满分；< 100%：0",
    "≥ 60%：满分；< 60%：0；其他：0",
])
def test_complete_tables_pass(rows):
    """Edges that meet exactly, or an `else` row, leave no gap and no diagnostic; an `else`
    row after rows that already cover everything is a harmless safety net."""
    assert band_messages(rows) == {}


def test_the_subject_range_comes_from_the_inputs_through_the_value():
    """A band on a computed value uses the value's interval: a / b with a in [0, 50] and
    b in [100, 200] lies in [0%, 50%], so a row ≥ 90% is unreachable and the table needs no
    row below 0%."""
    inputs = "输入 a：金额（万元） 范围 0 至 50\n输入 b：金额（万元） 范围 100 至 200"
    found = band_messages("≥ 90%：满分；[30%, 90%)：6；< 30%：0", inputs=inputs, subject="a / b")
    assert found == {"E601": ["band row 1 can never apply: no value of a / b in [0%, 50%] "
                              "falls in [90%, +∞)"]}


def test_an_input_with_no_range_can_take_any_value():
    """With no declared range the subject is (−∞, +∞): a table from 0% up leaves values below
    0% uncovered, and says so."""
    found = band_messages("≥ 90%：满分；[0%, 90%)：6", inputs="输入 完成率：百分比")
    assert found["E603"] == ["values of 完成率 in (−∞, 0%) fall in no band"]


def test_gap_message_in_chinese_with_hint():
    """The gap message and its hint, in Chinese."""
    text = (f"总分 10\n{RATE}\n分组 组 分值 10 {{\n"
            "  指标 甲 分值 10 { 评分 分档 完成率 { ≥ 85%：满分；< 80%：0 } }\n}\n")
    (gap,) = [d for d in diagnose(Source("t.rubric", text))[1] if d.code == "E603"]
    assert gap.message("zh") == "完成率 在 [80%, 85%) 内的取值不属于任何一档"
    assert gap.hint("zh") == "为这些取值加一档，或加上 `其他` 档"
    assert gap.hint("en") == "add a row for them, or an `else` row"
