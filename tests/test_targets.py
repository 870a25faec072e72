"""Targets and actuals, checks, policy basis, the 项目支出 layout in every format, widths and the
locale fallback."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

import perfdsl
from perfdsl.compiler import diagnose
from perfdsl.data import figures as data_pass
from perfdsl.language.source import Source, cell_width
from perfdsl.outputs.report import RENDERERS
from perfdsl.tools.audit import audit

from conftest import ROOT

PROJECT = perfdsl.compile_file(ROOT / "rubrics" / "project-expenditure.rubric")
ROAD = ROOT / "examples" / "project-2023-road.yaml"
ROAD_RESULT = PROJECT.evaluate(perfdsl.load_data(ROAD))


# --- Targets and actuals -------------------------------------------------------------------------

def test_result_carries_target_actual_deviation_and_reason():
    """An indicator with a 年度指标值 has its target (op and value), its actual (its value), the
    deviation actual − target, and the unit's 偏差原因 on the result and in its JSON."""
    ind = ROAD_RESULT.indicator("危桥改造数量")
    assert (ind.target.op, ind.target.value) == (">=", Decimal(8))
    assert ind.actual == Decimal(7) and ind.deviation == Decimal(-1)
    assert ind.reason.startswith("1座危桥因汛期停工")
    item = next(i for i in ROAD_RESULT.to_json()["indicators"] if i["path"][-1] == "危桥改造数量")
    assert item["target"] == {"op": ">=", "value": 8, "text": None}
    assert (item["actual"], item["deviation"]) == (7, -1) and "reason" in item
    qualitative = ROAD_RESULT.indicator("公路通行条件改善").target
    assert (qualitative.op, qualitative.value, qualitative.text) == ("qualitative", None, "明显改善")


def test_declared_target_scores_as_the_explicit_rule():
    """`评分 对标` against the declared 年度指标值 scores exactly as `对标 A ≥ T` written out."""
    declared = perfdsl.compile_string("""总分 10
输入 a：数量（个） 范围 ≥ 0
输入 t：数量（个） 范围 > 0
指标 x 分值 10 { 年度指标值 ≥ t; 实际完成值 a; 评分 对标 }""")
    written = perfdsl.compile_string("""总分 10
输入 a：数量（个） 范围 ≥ 0
输入 t：数量（个） 范围 > 0
指标 x 分值 10 { 值 a; 评分 对标 a ≥ t }""")
    for a, t in (("7", "8"), ("9", "8"), ("0", "3")):
        assert declared.evaluate({"a": a, "t": t}).total == written.evaluate({"a": a, "t": t}).total


@pytest.mark.parametrize("level,score", [("达成", "10.00"), ("部分达成", "6.00"),
                                         ("未达成", "0.00")])
def test_qualitative_target_uses_the_standard_scale(level, score):
    """A qualitative target needs no scale of its own: its actual is a level of the built-in
    达成程度, and `对标` gives 达成 full marks, the others the least their range allows."""
    rubric = perfdsl.compile_string("""总分 10
输入 完成情况：等次 达成程度
指标 及时性 分值 10 { 年度指标值 定性 "及时"; 实际完成值 完成情况; 评分 对标 }""")
    assert str(rubric.evaluate({"完成情况": level}).total) == score
    assert [s.name for s in rubric.model.scales] == ["达成程度"]


def test_judged_scores_against_the_standard_scale_ranges():
    """`人工评分` over 达成程度 admits [80%, 100%] for 达成 and [60%, 80%) for 部分达成."""
    rubric = perfdsl.compile_string("""总分 10
输入 判分：数值 范围 ≥ 0
输入 完成情况：等次 达成程度
指标 效果 分值 10 { 值 判分; 评分 人工评分 判分 等次 完成情况 }""")
    assert rubric.evaluate({"判分": "8", "完成情况": "达成"}).problems == ()
    assert rubric.evaluate({"判分": "8", "完成情况": "部分达成"}).problems[0].code == "D006"


# --- Checks --------------------------------------------------------------------------------------

CHECKED = """总分 10
输入 a：金额（万元） 范围 ≥ 0
输入 b：金额（万元） 范围 ≥ 0
输入 t：数量（个） 范围 > 0
输入 n：数量（个） 范围 ≥ 0
检查 a = b 误差 0.01 标签 "相等"
检查 a ≤ b 误差 0.5 标签 "不超过"
检查 若 n ≥ 130% × t 则 已说明(x) 标签 "超额须说明"
检查 若 已填(b) 则 b > 0 标签 "填了就为正"
指标 x 分值 10 { 年度指标值 ≥ t; 实际完成值 n; 评分 对标 }
"""


def outcomes(figures: str) -> dict[str, bool | None]:
    rubric = perfdsl.compile_string(CHECKED)
    found = audit(rubric, data_pass.loads(figures, "d.yaml"), "zh")
    return {c.text: c.holds for c in found.checks if c.place is None}


def test_checks_with_tolerances_and_requirements():
    """A tolerance lets = and ≤ hold within it; `若 A 则 B` holds where A does not; `已说明`
    reads the unit's 偏差原因 and `已填` whether the unit gave a figure itself."""
    base = "a: 10\nb: 10.005\nt: 10\nn: 10\n"
    assert outcomes(base) == {"相等": True, "不超过": True, "超额须说明": True, "填了就为正": True}
    assert outcomes("a: 10.6\nb: 10\nt: 10\nn: 13\n") == {
        "相等": False, "不超过": False, "超额须说明": False, "填了就为正": True}
    assert outcomes("a: 10\nb: 10\nt: 10\nn: 13\n偏差原因:\n  x: 超额完成\n")["超额须说明"]


def test_checks_do_not_change_what_the_program_computes():
    """Adding checks lowers them beside the program: values and indicators are the same nodes
    kinds, the same scores come out of every backend."""
    with_checks = perfdsl.compile_string(CHECKED)
    without = perfdsl.compile_string("\n".join(line for line in CHECKED.splitlines()
                                               if not line.startswith("检查")))
    figures = {"a": "10", "b": "10", "t": "10", "n": "7"}
    assert with_checks.evaluate(figures).scores == without.evaluate(figures).scores
    assert len(with_checks.program.checks) == 4 and without.program.checks == ()
    assert [f.kind for f in with_checks.program.facts] == ["explained", "given"]
    assert all(f.slot >= with_checks.program.slot_count for f in with_checks.program.facts)


def test_checks_are_proven_or_refuted_from_the_ranges():
    """The interval analysis proves a check that every figure in range satisfies (N701) and
    refutes one that none can (E701)."""
    _, found = diagnose(Source("x.rubric", """总分 10
输入 a：数量（个） 范围 ≥ 0
输入 b：数量（个） 范围 > 100
检查 a ≥ 0
检查 b < 50
检查 a ≤ b
指标 x 分值 10 { 值 a / b; 评分 按比例 x }"""))
    assert [(d.code, d.span.line) for d in found if d.code in ("N701", "E701")] == [
        ("N701", 4), ("E701", 5)]


def test_policy_basis_in_trace_and_reports():
    """政策依据 of an indicator and of the rubric is shown by trace and in the form's notes."""
    from perfdsl.outputs.trace import render_text, trace

    text = render_text(trace(ROAD_RESULT, "预算执行率", "zh"), "zh")
    assert "政策依据：财预〔2020〕10号 附件2" in text
    markdown = RENDERERS["markdown"](ROAD_RESULT, "zh", None)
    assert "政策依据：财预〔2020〕10号 附件2" in markdown


# --- The 项目支出 layout -----------------------------------------------------------------------

COLUMNS = ("年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


@pytest.mark.parametrize("format_", ["table", "markdown", "html"])
def test_project_form_has_all_its_columns(format_):
    """The road example prints the 项目支出 form with its header, funds block, 年度总体目标,
    every column of the indicator table, 评分标准 and 指标解释 as notes, and the total."""
    out = RENDERERS[format_](ROAD_RESULT, "zh", None)
    for text in ("项目名称", "主管部门", "实施单位", "项目资金（万元）", "年初预算数", "全年预算数",
                 "全年执行数", "执行率", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金",
                 "年度总体目标", "预期目标", "实际完成情况", *COLUMNS, "评分标准", "指标解释", "总分",
                 "96.14", "≥ 8座", "沥青价格上涨约8%"):
        assert text in out, text


def test_project_form_as_json_and_excel(tmp_path):
    """JSON gives the layout, funds rows with their unit and the overall goal; the workbook has
    the form's columns and the funds row with its score."""
    from openpyxl import load_workbook

    data = json.loads(RENDERERS["json"](ROAD_RESULT, "zh", None))
    assert data["layout"] == "project" and data["funds"]["unit"] == "万元"
    assert data["funds"]["rows"][0]["score"] == "9.40"
    assert data["overall_goal"]["expected"].startswith("完成320公里")
    path = tmp_path / "f.xlsx"
    path.write_bytes(RENDERERS["xlsx"](ROAD_RESULT, "zh", None))
    values = {c.value for row in load_workbook(path)["自评表"].iter_rows() for c in row}
    assert set(COLUMNS) <= values and "年度资金总额" in values and 96.14 in values


def test_funds_unit_comes_from_the_data():
    """The funds caption takes the unit the data gives (元 here), never an assumed 万元."""
    text = ROAD.read_text("utf-8").replace("资金单位: 万元", "资金单位: 元")
    result = PROJECT.evaluate(data_pass.loads(text, "r.yaml"))
    assert "项目资金（元）" in RENDERERS["table"](result, "zh", None)
    seed = perfdsl.compile_file(ROOT / "rubrics" / "department-overall.rubric")
    seed_text = (ROOT / "examples" / "huitong-2021.yaml").read_text("utf-8").replace(
        "  年初预算金额: 40.11", "  年初预算金额: 401100元")
    markdown = RENDERERS["markdown"](seed.evaluate(data_pass.loads(seed_text, "h.yaml")), "zh",
                                     None)
    assert "**资金情况（元）**" in markdown


def test_project_html_is_one_a4_page(tmp_path):
    """The project form's HTML prints on one A4 page in Chromium."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("PERFDSL_CHROMIUM", "/usr/bin/chromium")
    assert Path(chromium).exists(), f"no Chromium at {chromium}: apt-get install -y chromium"
    html = tmp_path / "form.html"
    html.write_text(RENDERERS["html"](ROAD_RESULT, "zh", None), "utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(html.as_uri())
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        browser.close()
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # page objects


# --- Widths and locale ---------------------------------------------------------------------------

def test_widths_follow_wcwidth():
    """A combining mark takes no cell, a CJK character two, an emoji ZWJ sequence two."""
    assert cell_width("e\u0301") == 1
    assert cell_width("中文") == 4
    assert cell_width("👨\u200d👩\u200d👧") == 2
    assert cell_width("a\tb") == 2


@pytest.mark.parametrize("name,lang", [("zh_CN", "zh"), ("Chinese (Simplified)_China", "zh"),
                                       ("en_US", "en"), (None, "en")])
def test_messages_fall_back_to_the_system_locale(monkeypatch, name, lang):
    """With no PERFDSL_LANG, LC_ALL, LC_MESSAGES or LANG (as on Windows), messages follow
    `locale.getlocale()`."""
    import locale

    from perfdsl.diagnostics import default_lang

    for var in ("PERFDSL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: (name, "UTF-8"))
    assert default_lang() == lang
