"""perfdsl audit: every class of discrepancy, the property that true claims give none, the seed
form's contradictions, and the command's exit codes and formats."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfdsl
from perfdsl import formatting as fmt
from perfdsl.core import exact
from perfdsl.data import figures as data_pass
from perfdsl.outputs.audit_report import RENDERERS
from perfdsl.tools.audit import KINDS, WORDS, audit

from conftest import ROOT, SEED_RUBRIC
from strategies import figures_for, rubrics

SEED = perfdsl.compile_file(SEED_RUBRIC)
FILED = ROOT / "examples" / "huitong-2021.filed.yaml"
PLAIN = ROOT / "examples" / "huitong-2021.yaml"

SMALL = perfdsl.compile_string("""
总分 10
等级 { 优 ≥ 9；良 ≥ 8；中 ≥ 6；差 }
输入 年初预算：金额（万元） 范围 > 0
输入 支出：金额（万元） 范围 ≥ 0
输入 结余：金额（万元） 范围 ≥ 0
输入 问题数：数量（处） 范围 ≥ 0
检查 年初预算 = 支出 + 结余 误差 0.01 标签 "预算等于支出加结余"
分组 过程 分值 10 {
  指标 预算完成率 分值 6 {
    评分标准 "每低于1个百分点扣0.1分"
    值 支出 / 年初预算
    评分 逐档扣分 预算完成率 低于 100% 每 1% 扣 0.1 分 按实际
  }
  指标 合规性 分值 4 {
    值 问题数
    评分 按处扣分 问题数 每处 扣 1 分
  }
}
""", "small.rubric")


def small(claims: str, figures: str = "年初预算: 40\n支出: 30\n结余: 10\n问题数: 1\n"):
    """Audit the small rubric's unit (预算完成率 75%: 3.5 of 6; 合规性 3 of 4; total 6.5, 中)
    with these claims (YAML under 填报)."""
    text = figures + "填报:\n" + "".join(f"  {line}\n" for line in claims.strip().splitlines())
    return audit(SMALL, data_pass.loads(text, "filed.yaml"), "en")


def kinds(found) -> list[str]:
    return [d.kind for d in found.discrepancies]


# --- Each class ----------------------------------------------------------------------------------

def test_true_claims_give_nothing():
    """Claims that say what the rules give — scores, subtotal, total, grade, values, deductions,
    weights, figures — give no discrepancy and exit 0."""
    found = small("""
表:
  得分: {预算完成率: 3.5, 合规性: 3, 过程: 6.5}
  分值: {预算完成率: 6, 过程: 10}
  指标值: {预算完成率: 75%}
  扣分: {预算完成率: 2.5, 合规性: 1}
  数据: {支出: 30万元, 年初预算: 400000元}
  合计: 6.5
  等级: 中
""")
    assert found.discrepancies == () and found.problems == ()
    assert found.exit_code == 0


def test_wrong_score():
    """A claimed score other than the rule's is `score`, with the rule's kind, line and standard,
    and the figures behind it."""
    found = small("表: {得分: {预算完成率: 4}}")
    (d,) = found.discrepancies
    assert d.kind == "score" and d.code == "A101" and d.subject == "预算完成率"
    assert d.claimed == "4 points" and d.recomputed == "3.5 points"
    assert d.rule == "stepwise (line 13)" and d.line == 13
    assert d.standard == "每低于1个百分点扣0.1分"
    assert ("支出", "30.00万元") in d.figures and ("年初预算", "40.00万元") in d.figures
    assert found.exit_code == 1


def test_wrong_deduction_read_from_a_statement():
    """`扣2分` in a statement is compared with the deduction the rule's outcome applied (2.5)."""
    found = small("分析: {说明: {预算完成率: 完成率75%，扣2分。}}")
    (d,) = found.discrepancies
    assert d.kind == "deduction" and d.claimed.startswith("2 points off")
    assert d.recomputed == "2.5 points off"


def test_printed_value_beyond_display_rounding():
    """A printed rate is compared with the exact value rounded as printed: 75.1% is wrong."""
    found = small("表: {指标值: {预算完成率: 75.1%}}")
    assert kinds(found) == ["value"]
    assert found.discrepancies[0].recomputed == "75.00%"


def test_display_rounding_is_a_note():
    """A printed value within one unit of its last digit (66.66% for 66.666…%) is a note, and
    the audit still exits 0."""
    found = small("表: {指标值: {预算完成率: 66.66%}}", "年初预算: 30\n支出: 20\n结余: 10\n问题数: 0\n")
    assert kinds(found) == ["rounding"] and found.discrepancies[0].severity == "note"
    assert found.exit_code == 0


def test_subtotal_not_the_sum_of_its_parts():
    """A subtotal other than the sum of the place's own claimed parts is `sum`, with the parts."""
    found = small("表: {得分: {预算完成率: 3.5, 合规性: 3, 过程: 7}, 合计: 7}")
    assert kinds(found) == ["sum", "sum"]
    assert found.discrepancies[0].recomputed == "3.5 + 3 = 6.5"


def test_total_not_the_sum_when_parts_are_not_claimed():
    """A total claimed alone is compared with the sum of the recomputed parts."""
    found = small("表: {合计: 8}")
    (d,) = found.discrepancies
    assert d.kind == "sum" and d.recomputed == "6.50" and "过程 6.50" in d.explanation


def test_grade_outside_the_band_of_the_total():
    """A grade that is not the one the claimed total's band gives is `grade`."""
    found = small("表: {合计: 6.5, 等级: 良}")
    (d,) = found.discrepancies
    assert d.kind == "grade" and d.claimed == "良" and d.recomputed.startswith("中")


def test_score_above_its_weight():
    """`实得5分` for an indicator of weight 4 is `over_weight`."""
    found = small("分析: {说明: {合规性: 实得5分}}")
    (d,) = found.discrepancies
    assert d.kind == "over_weight" and d.code == "A106"


def test_deduction_beyond_the_weight():
    """`扣5分` for an indicator of weight 4 is `over_deduction`."""
    found = small("分析: {说明: {合规性: 扣5分}}")
    (d,) = found.discrepancies
    assert d.kind == "over_deduction"


def test_weight_other_than_the_rubric():
    """`应得12分，实得6.5分` for a group of weight 10 is `weight` (its score is right)."""
    found = small("分析: {说明: {过程: 应得12分，实得6.5分}}")
    assert kinds(found) == ["weight"]


def test_failed_check_on_the_figures():
    """A check that fails on the unit's figures is `check`, with both sides and the figures."""
    found = small("表: {合计: 6.5}", "年初预算: 40\n支出: 30\n结余: 9\n问题数: 1\n")
    (d,) = found.discrepancies
    assert d.kind == "check" and d.subject == "预算等于支出加结余"
    assert "40.00万元 > 支出 + 结余 39.00万元" in d.recomputed
    assert ("结余", "9.00万元") in d.figures


def test_failed_check_on_the_figures_one_place_states():
    """A place that states another figure (结余 0) is checked on its own figures too."""
    found = small("分析: {数据: {结余: 0}}")
    assert sorted(kinds(found)) == ["check", "figure"]
    check = next(d for d in found.discrepancies if d.kind == "check")
    assert check.place == "分析" and "分析" in check.subject


def test_figure_stated_twice_and_found_nowhere_else():
    """A figure stated with another value is `figure`; so is a cited figure found nowhere."""
    found = small("""
表:
  数据: {支出: 31}
  算式:
    预算完成率: {式: 支出 / 预算数, 数: {支出: 30, 预算数: 39.12}, 得: 75%}
""")
    subjects = sorted(d.subject for d in found.discrepancies)
    assert kinds(found).count("figure") == 2
    assert "支出" in subjects
    nowhere = next(d for d in found.discrepancies if "预算数" in d.subject)
    assert nowhere.recomputed == WORDS["en"]["nowhere"]


def test_formula_whose_own_figures_do_not_give_its_result():
    """A printed formula is evaluated with its own figures (a name cited twice takes them in
    order): (40 − 10) / 39 is 76.92%, not the printed 75%."""
    found = small("""
表:
  算式:
    预算完成率:
      式: (年初预算 - 结余) / 年初预算
      数: {年初预算: [40, 39], 结余: 10}
      得: 75%
""")
    formula = next(d for d in found.discrepancies if d.kind == "formula")
    assert formula.recomputed == "76.92%"
    assert "(年初预算 40 - 结余 10) / 年初预算 39" in formula.explanation
    assert kinds(found).count("figure") == 1  # 39 is not 年初预算 40


def test_every_class_has_words_in_both_languages():
    """Each class has a code, a severity and a description in Chinese and English."""
    for kind in KINDS:
        assert WORDS["zh"][kind] and WORDS["en"][kind]
    assert len({code for code, _ in KINDS.values()}) == len(KINDS)


def test_unknown_names_and_unreadable_claims_are_input_errors():
    """A claim naming no indicator (D023, with a suggestion) or one that cannot be read (D024)
    makes the audit untrustworthy: exit 2."""
    found = small("表: {得分: {预算完成: 3, 合规性: 满分}}")
    assert sorted(d.code for d in found.problems) == ["D023", "D024"]
    assert "预算完成率" in found.problems[0].hint("en") or "预算完成率" in found.problems[1].hint("en")
    assert found.exit_code == 2


def test_bad_figures_are_input_errors():
    """A figure that cannot be used makes the audit exit 2: nothing can be recomputed from it."""
    found = small("表: {合计: 6.5}", "年初预算: 40\n支出: abc\n结余: 10\n问题数: 1\n")
    assert found.exit_code == 2 and found.problems[0].code == "D003"


# --- The property ------------------------------------------------------------------------------

def claims_of(result) -> dict:
    """What a form would claim if it said exactly what the rules give, as a data file writes it."""
    scores = {ind.name: fmt.score(ind.score) for ind in result.indicators}
    scores.update({g.name: fmt.score(g.score) for g in result.groups})
    values, deductions, figures = {}, {}, {}
    for ind in result.indicators:
        if exact.is_number(ind.value) and ind.indicator.value.type.is_quantity:
            values[ind.name] = fmt.value(ind.value, ind.indicator.value.type)
        applied = getattr(ind.outcome, "deduction", None)
        if isinstance(applied, Decimal) and applied == applied.quantize(Decimal("0.01")):
            deductions[ind.name] = fmt.plain(applied)
    for item in result.program.inputs:
        value = result.exact(item.name)
        if exact.is_number(value):
            figures[item.name] = fmt.value(value, item.type)
    return {"表": {"得分": scores, "指标值": values, "扣分": deductions, "数据": figures,
                  "分值": {ind.name: fmt.weight(ind.weight) for ind in result.indicators},
                  "合计": fmt.score(result.total), "等级": result.grade}}


def audit_with_true_claims(compiled, figures):
    result = compiled.evaluate(figures)
    data = data_pass.from_mapping(figures)
    data = data_pass.DataFile(figures=data.figures, meta={}, source=None,
                              sections={"填报": claims_of(result)})
    return audit(compiled, data, "en")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(figures_for(SEED.model))
def test_true_claims_on_the_seed_rubric_give_no_discrepancy(figures):
    """For any figures of the seed rubric, claims equal to the computed scores, subtotals,
    total, grade, printed values, deductions, weights and figures give no discrepancy (checks,
    which test the figures themselves, aside)."""
    found = audit_with_true_claims(SEED, figures)
    assert found.problems == ()
    assert [d for d in found.discrepancies if d.kind != "check"] == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_true_claims_on_random_rubrics_give_no_discrepancy(data):
    """The same on random rubrics with random figures: true claims, no discrepancy."""
    text = data.draw(rubrics(), label="rubric")
    compiled = perfdsl.compile_string(text)
    figures = data.draw(figures_for(compiled.model), label="figures")
    found = audit_with_true_claims(compiled, figures)
    if found.problems:  # a zero divisor or a judged score out of range: nothing to compare
        return
    assert found.discrepancies == ()


# --- The seed form ------------------------------------------------------------------------------

SEED_FINDINGS = [  # (class, place, subject) — docs/audit.md lists each with how it is found
    ("figure", "评分表", "年初预算（评分表的算式引用）"),
    ("figure", "评分表", "年末结余（评分表的算式引用）"),
    ("formula", "评分表", "预算完成率"),
    ("figure", "评分表", "预算数（评分表的算式引用）"),
    ("figure", "评分表", "固定资产总额（评分表的算式引用）"),
    ("formula", "评分表", "固定资产利用率"),
    ("figure", "分析", "项目总支出"),
    ("figure", "分析", "公用经费实际支出"),
    ("figure", "分析", "结转结余金额"),
    ("value", "分析", "“三公经费”变动率"),
    ("rounding", "分析", "公用经费控制率"),
    ("value", "分析", "“三公经费”控制率"),
    ("over_deduction", "分析", "预算完成率"),
    ("score", "分析", "预算调整率"),
    ("over_weight", "分析", "结转结余率"),
    ("score", "分析", "公用经费控制率"),
    ("score", "分析", "“三公经费”控制率"),
    ("over_deduction", "分析", "政府采购执行率"),
    ("check", None, "第三季度支出进度达到75%的，全年预算完成率不低于75%"),
    ("check", None, "11月底支出进度达到90%的，全年预算完成率不低于90%"),
    ("check", "评分表", "资金来源与支出、结余相符（上年结转＋年初预算＋预算调整＋其他调整＝预算执行＋年末结余）（按“评分表”所填数据）"),
    ("check", "评分表", "在用固定资产不超过固定资产总额（按“评分表”所填数据）"),
    ("check", "分析", "资金来源与支出、结余相符（上年结转＋年初预算＋预算调整＋其他调整＝预算执行＋年末结余）（按“分析”所填数据）"),
    ("check", "分析", "重点项目支出不超过项目总支出（按“分析”所填数据）"),
]


def test_the_seed_form_contradicts_itself_where_docs_audit_md_says():
    """The filed seed form: exactly the contradictions docs/audit.md lists, each classified."""
    found = audit(SEED, perfdsl.load_data(FILED), "zh")
    assert found.problems == ()
    assert [(d.kind, d.place, d.subject) for d in found.discrepancies] == SEED_FINDINGS
    assert found.exit_code == 1


def test_docs_audit_md_lists_every_seed_finding():
    """docs/audit.md names the class code and the subject of every seed finding."""
    text = (ROOT / "docs" / "audit.md").read_text("utf-8")
    found = audit(SEED, perfdsl.load_data(FILED), "zh")
    for d in found.discrepancies:
        subject = d.subject.split("（")[0]
        assert d.code in text and subject in text, (d.code, subject)


def test_the_seed_figures_alone_pass():
    """examples/huitong-2021.yaml has no claims, and its figures pass every check: exit 0."""
    found = audit(SEED, perfdsl.load_data(PLAIN), "zh")
    assert found.discrepancies == () and found.exit_code == 0
    assert all(c.holds for c in found.checks)


# --- The command -------------------------------------------------------------------------------

def perfdsl_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfdsl", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd,
                          env={"PERFDSL_LANG": "en", "PYTHONIOENCODING": "utf-8",
                               "PATH": "/usr/bin:/bin"})


def test_cli_exit_codes():
    """`perfdsl audit` exits 1 on the filed seed form, 0 on its figures alone, and 2 for a
    rubric with errors, a missing file or an --format xlsx without -o."""
    assert perfdsl_cli("audit", str(SEED_RUBRIC), str(FILED)).returncode == 1
    assert perfdsl_cli("audit", str(SEED_RUBRIC), str(PLAIN)).returncode == 0
    assert perfdsl_cli("audit", str(SEED_RUBRIC), "no-such.yaml").returncode == 2
    bad = ROOT / "tests" / "bad" / "E301.rubric"
    assert perfdsl_cli("audit", str(bad), str(PLAIN)).returncode == 2
    assert perfdsl_cli("audit", str(SEED_RUBRIC), str(FILED), "--format", "xlsx").returncode == 2


@pytest.mark.parametrize("format_", ["text", "markdown", "html", "json"])
def test_every_text_format_lists_the_seed_findings(format_):
    """Each format names every finding's code, and the form beside it is there (claimed 92)."""
    found = audit(SEED, perfdsl.load_data(FILED), "zh")
    out = RENDERERS[format_](found, "zh")
    for d in found.discrepancies:
        assert d.code in out
    if format_ == "json":
        data = json.loads(out)
        assert data["schema"] == "perfdsl.audit" and data["exit_code"] == 1
        assert len(data["discrepancies"]) == len(found.discrepancies)
    else:
        assert "92" in out and "✗" in out


def test_xlsx_audit_keeps_text_as_text(tmp_path):
    """The Excel audit has the discrepancies and the form sheets, and a claim that looks like a
    formula (`=1+1`) is written as text, never a formula."""
    from openpyxl import load_workbook

    found = small("分析: {说明: {合规性: '=1+1 实得5分'}}")
    path = tmp_path / "audit.xlsx"
    path.write_bytes(RENDERERS["xlsx"](found, "en"))
    book = load_workbook(path)
    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any(str(c.value).startswith("5 points (“=1+1") for c in cells)
    assert all(c.data_type != "f" for c in cells)
    assert len(book.sheetnames) == 2


def test_chinese_paths_with_spaces(tmp_path):
    """A rubric and a data file in folders whose names are Chinese with spaces work."""
    folder = tmp_path / "评价 体系 2021"
    folder.mkdir()
    rubric = folder / "部门 整体.rubric"
    data = folder / "汇通 2021.yaml"
    rubric.write_text(SEED_RUBRIC.read_text("utf-8"), "utf-8")
    data.write_text(FILED.read_text("utf-8"), "utf-8")
    run = perfdsl_cli("audit", str(rubric), str(data), "--format", "json", "-o",
                      str(folder / "审核 结果.json"))
    assert run.returncode == 1, run.stderr
    assert json.loads((folder / "审核 结果.json").read_text("utf-8"))["exit_code"] == 1
    run = perfdsl_cli("score", rubric.name, data.name, cwd=folder)
    assert run.returncode == 0 and "92.00" in run.stdout
