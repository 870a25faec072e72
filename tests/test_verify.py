"""`perfdsl verify` (perfdsl/tools/verify.py): counterexamples to unproven score bounds and to declared
monotonicity, written as data files that `perfdsl score` reproduces; the `monotone` clause."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
import yaml

import perfdsl
from perfdsl.cli import main
from perfdsl.compiler import diagnose
from perfdsl.language.source import Source
from perfdsl.tools.verify import verify

from conftest import SEED_RUBRIC

UNBOUNDED = """总分 5
输入 违规数：数量（处） 范围 ≥ 0
输入 说明文字：文本
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

MONOTONE = """总分 20
输入 完成率：百分比 范围 0% 至 100%
输入 执行数：金额（万元） 范围 ≥ 0
输入 预算数：金额（万元） 范围 > 0
输入 投诉数：数量（件） 范围 0 至 50
分组 组 分值 20 {
  指标 任务完成 分值 5 {
    值 完成率
    评分 分档 任务完成 { ≥ 90%：满分；[60%, 90%)：3；[30%, 60%)：3.5；其他：0 }
    单调 递增 完成率
  }
  指标 预算执行率 分值 5 {
    值 执行数 / 预算数
    评分 分档 预算执行率 { ≥ 95%：4；[80%, 95%)：满分；其他：0 }
    monotone increasing 预算执行率
  }
  指标 服务质量 分值 5 {
    评分 公式 如果 投诉数 < 10 则 5 - 投诉数 * 0.5 否则 投诉数 * 0.1
    单调 递减 投诉数
  }
  指标 满意程度 分值 5 {
    值 完成率
    评分 按比例 满意程度
    单调 递增 满意程度
  }
}
"""


@pytest.fixture
def rubric_file(tmp_path):
    """Write a rubric text to a file in a fresh folder; return its path."""

    def write(text: str, name: str = "u.rubric"):
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return write


def test_compile_warns_naming_the_indicator_and_the_bound(rubric_file, capsys):
    """`perfdsl compile` prints W602 with the indicator and which bound it cannot prove."""
    assert main(["compile", str(rubric_file(UNBOUNDED)), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert ("warning[W602]: cannot prove the score of `资金使用合规性` lies in [0, 5]: "
            "lower bound −∞ < 0; upper bound 10 > 5 (the rule gives (−∞, 10])") in err


def test_verify_finds_the_counterexample_and_its_file_reproduces_it(rubric_file, tmp_path, capsys):
    """`perfdsl verify` finds figures that break the bound and writes them, every input filled,
    as a data file; `perfdsl score` on it shows the clamp (W603)."""
    path = rubric_file(UNBOUNDED)
    out = tmp_path / "out"
    assert main(["verify", str(path), "--out", str(out), "--lang", "en"]) == 1
    data_file = out / "资金使用合规性.counterexample.yaml"
    assert capsys.readouterr().out == (
        f"{path}:6:8: `资金使用合规性`: counterexample — the rule gives 10, outside [0, 5] "
        f"(lower bound −∞ < 0; upper bound 10 > 5); written to {data_file}\n")
    assert yaml.safe_load(data_file.read_text("utf-8")) == {"违规数": 0, "说明文字": ""}
    assert main(["score", str(path), str(data_file), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert ("warning[W603]: indicator `资金使用合规性`: the formula gives 10, outside [0, 5]; "
            "the score is clamped") in err
    result = perfdsl.compile_file(path).evaluate(perfdsl.load_data(data_file))
    scored = result.indicator("资金使用合规性")
    assert scored.score == 5 and scored.notice.code == "W603" and result.notices == (scored.notice,)


def test_verify_speaks_chinese(rubric_file, tmp_path, capsys):
    """`--lang zh` gives the report in Chinese."""
    path = rubric_file(UNBOUNDED)
    assert main(["verify", str(path), "--out", str(tmp_path), "--lang", "zh"]) == 1
    assert "指标 `资金使用合规性` 找到反例——规则结果为 10，超出 [0, 5]（下限 −∞ < 0；上限 10 > 5）" \
        in capsys.readouterr().out


def test_a_negative_proportional_score_is_a_counterexample_but_above_the_weight_is_not(
        rubric_file, tmp_path, capsys):
    """按比例 caps at the weight by its meaning: the counterexample is a negative rate, whatever
    the search meets first, and `perfdsl score` names the proportional rule."""
    text = ("总分 5\n输入 增长率：百分比 范围 -50% 至 200%\n分组 组 分值 5 {\n"
            "  指标 增长 分值 5 { 值 增长率; 评分 按比例 增长 }\n}\n")
    (finding,) = verify(perfdsl.compile(text, "p.rubric"), examples=50, out=tmp_path)
    assert finding.raw < 0 and finding.figures["增长率"] < 0
    path = rubric_file(text, "p.rubric")
    assert main(["score", str(path), str(finding.file), "--lang", "en"]) == 0
    assert "the proportional rule gives -2.5, outside [0, 5]" in capsys.readouterr().err


def test_edges_of_comparisons_are_tried_before_the_random_search():
    """A formula that leaves its weight only at x = 37 is caught among the interval endpoints
    (37 is an edge the formula compares x with), before any random example."""
    text = ("总分 5\n输入 x：数量（个） 范围 0 至 100\n分组 组 分值 5 {\n"
            "  指标 甲 分值 5 { 评分 公式 如果 x = 37 则 10 否则 0 }\n}\n")
    (finding,) = verify(perfdsl.compile(text), examples=10)
    assert finding.figures == {"x": 37} and finding.raw == 10
    assert finding.tried < 20


def test_edges_of_computed_values_are_found_by_bisection():
    """A formula that leaves its weight only while a computed ratio lies in [37.5%, 37.6%) is
    caught by moving one input until the ratio meets that edge, not by luck."""
    text = ("总分 5\n输入 a：金额（万元） 范围 ≥ 0\n输入 b：金额（万元） 范围 > 0\n令 率 = a / b\n"
            "分组 组 分值 5 {\n  指标 甲 分值 5 { 评分 公式 如果 率 ≥ 37.5% 且 率 < 37.6% 则 10 否则 0 }\n}\n")
    (finding,) = verify(perfdsl.compile(text), examples=1)
    ratio = finding.figures["a"] / finding.figures["b"]
    assert finding.raw == 10 and Decimal("0.375") <= ratio < Decimal("0.376")


def test_a_range_finer_than_the_usual_step_is_searched_on_its_own_grid():
    """Figures are tried on a grid of 0.01 for plain numbers, finer where the declared range
    needs it (> 0.001 and < 0.002 holds no value of 0.01); a range no figure fits (a count
    between 10 and 11) is not searched, and does not fail."""
    text = ("总分 5\n输入 y：{type} 范围 {range}\n分组 组 分值 5 {{\n"
            "  指标 甲 分值 5 {{ 评分 公式 y * {factor} }}\n}}\n")
    fine = text.format(type="数值", range="> 0.001, < 0.002", factor=10000)
    (finding,) = verify(perfdsl.compile(fine), examples=5)
    assert finding.figures == {"y": Decimal("0.0011")} and finding.raw == 11
    empty = text.format(type="数量（个）", range="> 10, < 11", factor=1)
    (finding,) = verify(perfdsl.compile(empty), examples=5)
    assert finding.figures is None


def test_imprecise_analysis_is_reported_without_a_counterexample(rubric_file, tmp_path, capsys):
    """x − x + 5 is always 5: the intervals cannot see that, the search finds nothing, verify
    says the bound is only unproven, writes nothing and exits 0."""
    rubric = perfdsl.compile(IMPRECISE, "i.rubric")
    assert [w.code for w in rubric.warnings] == ["W602"]
    path = rubric_file(IMPRECISE)
    assert main(["verify", str(path), "--out", str(tmp_path / "out"), "--examples", "50",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:5:8: `甲`: bound not proven by interval analysis "
                          "(lower bound -5 < 0; upper bound 15 > 5), but no counterexample "
                          "found in ")
    assert out.endswith(" examples\n")
    assert int(out.split("found in ")[1].split()[0]) >= 50
    assert not (tmp_path / "out").exists()


def test_monotonicity_violations_are_found_and_written_as_two_files(rubric_file, tmp_path, capsys):
    """A band table whose 30–60% row scores more than its 60–90% row breaks `单调 递增 完成率`;
    a value breaks it through one of its inputs; a formula that rises past 10 complaints breaks
    `单调 递减 投诉数`. Each pair is written as two data files whose scores show it; a clause
    that holds is reported as holding."""
    path = rubric_file(MONOTONE)
    out = tmp_path / "out"
    assert main(["verify", str(path), "--out", str(out), "--examples", "100", "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{path}:10:5: `任务完成` is declared monotone increasing in "
                               "`完成率`, but raising `完成率` from ")
    assert " lowers the score from 3.50 to 3.00; written to " in lines[0]
    assert "`预算执行率` is declared monotone increasing in `预算执行率`, but when `预算执行率` " \
           "rises from " in lines[1] and "the score falls from 5.00 to 4.00" in lines[1]
    assert "`服务质量` is declared monotone decreasing in `投诉数`" in lines[2]
    assert lines[3].startswith(f"{path}:24:5: `满意程度`: monotone increasing in `满意程度` — "
                               "no counterexample found in ")
    compiled = perfdsl.compile_file(path)
    for stem, name in (("任务完成", "任务完成"), ("预算执行率", "预算执行率"), ("服务质量", "服务质量")):
        lower = compiled.evaluate(perfdsl.load_data(out / f"{stem}.monotone.lower.yaml"))
        higher = compiled.evaluate(perfdsl.load_data(out / f"{stem}.monotone.higher.yaml"))
        assert lower.problems == higher.problems == ()
        if stem == "服务质量":  # decreasing: more complaints, yet a higher score
            assert higher.indicator(name).score > lower.indicator(name).score
        else:
            assert higher.indicator(name).score < lower.indicator(name).score


def test_monotonicity_in_the_seed(tmp_path):
    """On the seed rubric (yes/no and level inputs, a judged score), a raised 年初预算 lowers
    预算完成率's score: `单调 递增 年初预算` is broken by two neighbouring budgets, while
    `单调 递增 预算完成率` holds. Both files score without any data problem."""
    text = SEED_RUBRIC.read_text("utf-8").replace(
        "评分 逐档扣分 预算完成率 低于 100% 每 1% 扣 0.1 分 不足一档不扣",
        "评分 逐档扣分 预算完成率 低于 100% 每 1% 扣 0.1 分 不足一档不扣\n"
        "      单调 递增 预算完成率\n      单调 递增 年初预算")
    compiled = perfdsl.compile(text, "seed.rubric")
    holds, broken = verify(compiled, examples=20, out=tmp_path)
    assert holds.pair is None and broken.varied == "年初预算"
    assert broken.values[0] < broken.values[1] and broken.scores[0] > broken.scores[1]
    for name in ("lower", "higher"):
        result = compiled.evaluate(perfdsl.load_data(tmp_path / f"预算完成率.monotone.{name}.yaml"))
        assert result.problems == ()


def test_monotone_clause_in_english_and_chinese_resolves():
    """`单调 递增 NAME` and `monotone increasing NAME` reach the model with their direction."""
    rubric = perfdsl.compile(MONOTONE)
    declared = {ind.name: [(c.direction, c.name) for c in ind.monotone]
                for ind in rubric.model.indicators}
    assert declared == {"任务完成": [("increasing", "完成率")],
                        "预算执行率": [("increasing", "预算执行率")],
                        "服务质量": [("decreasing", "投诉数")],
                        "满意程度": [("increasing", "满意程度")]}


@pytest.mark.parametrize("clause,code,message", [
    ("单调 递增 b", "E605", "`monotone` names `b`, which the score of `甲` does not depend on"),
    ("单调 递增 ok", "E606", "`monotone` needs a number, but `ok` is yes/no"),
    ("单调 递增 未知", "E101", "unknown name `未知`"),
    ("单调 递增 a；单调 递减 a", "E006", "`monotone a` is given twice"),
])
def test_monotone_clause_errors(clause, code, message):
    """The named thing must be a number the indicator's score depends on, declared once."""
    text = ("总分 10\n输入 a：数值 范围 0 至 10\n输入 b：数值\n输入 ok：是否\n分组 组 分值 10 {\n"
            f"  指标 甲 分值 5 {{ 评分 公式 min(a, 5); {clause} }}\n"
            "  指标 乙 分值 5 { 评分 公式 如果 ok 则 min(max(b, 0), 5) 否则 0 }\n}\n")
    found = [d for d in diagnose(Source("t.rubric", text))[1] if d.code == code]
    assert [d.message() for d in found] == [message]


def test_monotone_clause_in_a_group_is_misplaced():
    """`单调` belongs to an indicator: in a group it is E314."""
    text = ("总分 10\n输入 a：数值 范围 0 至 10\n分组 组 分值 10 {\n  单调 递增 a\n"
            "  指标 甲 分值 10 { 评分 公式 a }\n}\n")
    assert "E314" in [d.code for d in diagnose(Source("t.rubric", text))[1]]


def test_seed_needs_no_search_and_no_hypothesis(monkeypatch, capsys):
    """The seed proves every bound and declares no monotonicity: verify says so and exits 0,
    even without hypothesis installed."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    assert main(["verify", str(SEED_RUBRIC), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("ok: every score is proven to lie within [0, weight]")


def test_missing_hypothesis_says_how_to_install_it(rubric_file, monkeypatch, capsys):
    """When a search is needed and hypothesis is not installed, verify says how to install it
    (exit 2) instead of failing with a traceback."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    assert main(["verify", str(rubric_file(IMPRECISE)), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "perfdsl verify needs hypothesis to search for counterexamples: "
        "pip install 'perfdsl[verify]'\n")


def test_the_verify_page_is_true(tmp_path):
    """docs/verify.md: its rubrics compile (or fail) as stated, its console sessions print
    exactly what is shown, and the counterexample file it shows is the one verify writes."""
    import test_docs

    test_docs.test_every_full_rubric_compiles("verify.md")
    test_docs.test_every_bad_rubric_fails_as_stated("verify.md")
    test_docs.test_every_fragment_parses("verify.md")
    sessions = list(test_docs.console_sessions("verify.md"))
    assert len(sessions) == 4
    for n, (block, files) in enumerate(sessions):
        scratch = tmp_path / f"case-{n}"
        scratch.mkdir()
        actual = test_docs.run_console(block, files, scratch)
        assert test_docs._normal(actual) == test_docs._normal(block.text[:-1].split("\n")), \
            f"{block.where}:\n" + "\n".join(actual)
    shown = next(b for b in test_docs.blocks("verify.md") if b.kind == "yaml")
    written = tmp_path / "case-2" / "out" / "资金使用合规性.counterexample.yaml"
    assert written.read_text("utf-8") == shown.text
