"""Static verification: interval analysis, band tables, divisors, and `perfdsl verify`."""

from __future__ import annotations

import pytest

import perfdsl
from perfdsl.bounds import analyse
from perfdsl.cli import main
from perfdsl.verify import verify

UNBOUNDED = """总分 5
输入 违规数：数量（处） 范围 ≥ 0
分组 组 分值 5 {
  指标 资金使用合规性 分值 5 {
    评分 公式 10 - 违规数 * 2
  }
}
"""

IMPRECISE = """总分 5
输入 x：数值 范围 0 至 10
分组 组 分值 5 {
  指标 甲 分值 5 {
    评分 公式 x - x + 5
  }
}
"""


def codes(text: str) -> list[str]:
    from perfdsl.compiler import diagnose
    from perfdsl.source import Source

    return [d.code for d in diagnose(Source("t.rubric", text))[1]]


def test_seed_bounds_are_proven(seed):
    """The seed compiles with no warnings, and the analysis proves every score and the total."""
    assert seed.warnings == ()
    found = analyse(seed.model)
    assert [d.code for d in found if d.code != "N601"] == []


def test_unbounded_formula_is_named_with_its_bound():
    """A formula that can exceed its weight: the warning names the indicator and both bounds."""
    rubric = perfdsl.compile(UNBOUNDED, "u.rubric")
    (warning,) = rubric.warnings
    assert warning.code == "W602"
    assert "资金使用合规性" in warning.message()
    assert "upper bound 10 > 5" in warning.message()
    assert "lower bound −∞ < 0" in warning.message()


def test_verify_finds_the_counterexample_and_its_file_reproduces_it(tmp_path, capsys):
    """`perfdsl verify` finds figures that break the bound, writes them as a data file, and
    `perfdsl score` on that file shows the clamp (W603)."""
    rubric_file = tmp_path / "u.rubric"
    rubric_file.write_text(UNBOUNDED, "utf-8")
    assert main(["verify", str(rubric_file), "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "资金使用合规性: counterexample" in out
    data_file = tmp_path / "资金使用合规性.counterexample.yaml"
    assert "违规数: 0" in data_file.read_text("utf-8")
    assert main(["score", str(rubric_file), str(data_file), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "W603" in err and "the formula gives 10" in err


def test_imprecise_analysis_is_reported_without_a_counterexample():
    """x − x + 5 is always 5: the intervals cannot see that, the search finds nothing, and
    verify says the bound is only unproven."""
    rubric = perfdsl.compile(IMPRECISE, "i.rubric")
    assert [w.code for w in rubric.warnings] == ["W602"]
    (finding,) = verify(rubric, examples=50)
    assert finding.counterexample is None and finding.tried >= 10


@pytest.mark.parametrize("rows,expected", [
    ("≥ 90%：满分；≥ 60%：60%；< 0%：0；其他：0", ("E601", "no value of 完成率 in [0%, 100%] falls in (−∞, 0%)")),
    ("≥ 80%：80%；≥ 90%：满分；其他：0", ("E602", "[90%, 100%] is already covered")),
    ("≥ 90%：满分；[60%, 85%)：60%；< 60%：0", ("E603", "in [85%, 90%) fall in no band")),
    ("> 90%：满分；< 90%：0", ("E603", "in {90%} fall in no band")),
])
def test_band_tables_are_checked_with_exact_intervals(rows, expected):
    """Unreachable rows, shadowed rows and gaps are reported with their exact intervals,
    respecting ≥ against >."""
    text = ("总分 10\n输入 完成率：百分比 范围 0% 至 100%\n分组 组 分值 10 {\n"
            f"  指标 甲 分值 10 {{ 评分 分档 完成率 {{ {rows} }} }}\n}}\n")
    with pytest.raises(perfdsl.CompileError) as caught:
        perfdsl.compile(text)
    messages = {d.code: d.message() for d in caught.value.diagnostics}
    code, words = expected
    assert words in messages[code], messages


def test_complete_band_tables_pass():
    """Edges that meet exactly (≥ 90% then [60%, 90%) then < 60%) leave no gap."""
    assert "E603" not in codes("总分 10\n输入 完成率：百分比 范围 0% 至 100%\n分组 组 分值 10 {\n"
                               "  指标 甲 分值 10 { 评分 分档 完成率 { ≥ 90%：满分；[60%, 90%)：60%；"
                               "< 60%：0 } }\n}\n")


def test_divisor_that_may_be_zero_warns_unless_there_is_a_fallback():
    """W601 for a divisor whose range includes 0; a fallback or `范围 > 0` silences it."""
    body = "值 a / b\n    评分 满分条件 甲 ≤ 100%"
    template = ("总分 10\n输入 a：数值 范围 ≥ 0\n输入 b：数值 范围 {range}\n"
                "分组 组 分值 10 {{\n  指标 甲 分值 10 {{\n    {body}\n    {fallback}\n  }}\n}}\n")
    assert "W601" in codes(template.format(range="≥ 0", body=body, fallback=""))
    assert "W601" not in codes(template.format(range="> 0", body=body, fallback=""))
    assert "W601" not in codes(template.format(range="≥ 0", body=body, fallback="异常得分 0"))


def test_deduction_beyond_the_weight_is_only_a_note():
    """A deduction that can exceed the weight floors at 0: a note, not a warning."""
    rubric = perfdsl.compile("总分 3\n输入 n：数量（处） 范围 0 至 10\n分组 组 分值 3 {\n"
                             "  指标 甲 分值 3 { 评分 按处扣分 n 每处 扣 1 分 }\n}\n")
    assert rubric.warnings == ()
    assert [n.code for n in rubric.notes] == ["N601"]
