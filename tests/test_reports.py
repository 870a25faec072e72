"""Explanations and reports: the 计算分析情况 column, traces, and the filled form in every format.

Golden files live in tests/golden/; regenerate them on purpose with PERFDSL_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfdsl
from perfdsl.outputs.sentences import explanations
from perfdsl.outputs.report import render_html, render_json, render_markdown, render_table, render_xlsx
from perfdsl.outputs.trace import to_json as trace_json
from perfdsl.outputs.trace import trace

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PERFDSL_UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert path.exists(), f"missing golden file {path}; run with PERFDSL_UPDATE_GOLDEN=1"
    assert text == path.read_text("utf-8")


@pytest.mark.parametrize("name,render", [
    ("seed.md", render_markdown), ("seed.html", render_html), ("seed.report.json", render_json),
    ("seed.table.txt", render_table)])
def test_seed_reports_match_golden_files(seed_result, name, render):
    """The seed's Markdown, HTML, JSON and terminal reports are exactly the checked-in ones."""
    check_golden(name, render(seed_result, "zh"))


def test_english_markdown_matches_golden(seed_result):
    """The report and its explanations in English."""
    check_golden("seed.en.md", render_markdown(seed_result, "en"))


QUANTITATIVE = {  # indicator → the operands and result its sentence must state
    "在职人员控制率": ["8", "16", "50.00%"],
    "“三公经费”变动率": ["3.19", "3.55", "-10.14%"],
    "重点支出安排率": ["24.74", "24.74", "100.00%"],
    "预算完成率": ["24.74", "40.11", "61.68%"],
    "预算调整率": ["0.00", "40.11", "0.00%"],
    "结转结余率": ["26.46", "40.11", "65.97%"],
    "公用经费控制率": ["4.98", "11.89", "41.88%"],
    "“三公经费”控制率": ["1.17", "3.19", "36.68%"],
    "政府采购执行率": ["3.43", "5.10", "67.25%"],
    "固定资产利用率": ["9.20", "9.20", "100.00%"],
    "完成实绩情况": ["101.00%"],
    "社会公众或服务对象满意度": ["95.00%"],
}


@pytest.mark.parametrize("name,pieces", QUANTITATIVE.items())
def test_explanations_state_operands_and_result(seed_result, name, pieces):
    """Each quantitative indicator's 计算分析情况 states its operands and the result, in order."""
    text = dict(zip((i.name for i in seed_result.indicators), explanations(seed_result)))[name]
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} not after position {position} in {text!r}"
        position = found + len(piece)


def test_explanation_sentences_read_like_the_form(seed_result):
    """The sentences of the issue: formula, comparison, score; deductions with reasons."""
    texts = dict(zip((i.name for i in seed_result.indicators), explanations(seed_result)))
    assert texts["在职人员控制率"] == "（在职人员数 8人 / 编制数 16人）× 100% = 50.00%，未超过 100%，得满分 3 分"
    assert texts["支付进度"] == ("第一季度支出进度未达到25%，扣 1 分；第二季度支出进度未达到50%，扣 1 分；"
                              "得 2 分")
    assert texts["预算完成率"].endswith("扣 3.8 分，扣完为止，不得分")
    english = dict(zip((i.name for i in seed_result.indicators), explanations(seed_result, "en")))
    assert english["在职人员控制率"].endswith("not above 100%, full marks, 3 points")


def test_excel_workbook_reads_back(seed_result):
    """The workbook has real merged group cells, numeric weights and scores, and fitting widths."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(seed_result, "zh")))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "一级指标")
    assert rows[header][:7] == ("一级指标", "二级指标", "三级指标", "参考分值", "设定分值",
                                "计算分析情况", "评价得分")
    by_name = {r[2]: r for r in rows[header + 1:] if r[2]}
    assert by_name["在职人员控制率"][3:5] == (3, 3)
    assert by_name["预算完成率"][6] == 0 and isinstance(by_name["支付进度"][6], (int, float))
    assert by_name["支付进度"][6] == 2
    assert "50.00%" in by_name["在职人员控制率"][5]
    total = next(r for r in rows if r[0] == "合计")
    assert total[6] == 92 and total[4] == 100
    merged = {str(r) for r in sheet.merged_cells.ranges}
    first = header + 2  # 1-based row of the first table row
    assert any(m.startswith(f"A{first}:A") for m in merged), merged
    assert sheet.column_dimensions["F"].width >= 40
    assert sheet.column_dimensions["C"].width >= 12


def test_html_is_standalone_and_printable(seed_result):
    """One page: no external assets, an A4 print rule, a phone viewport, merged group cells."""
    html = render_html(seed_result, "zh")
    assert "<link" not in html and "src=" not in html and "http" not in html
    assert "size: A4" in html and 'name="viewport"' in html
    assert 'rowspan="' in html and "92.00" in html and "优" in html


def test_json_report_carries_explanations_and_meta(seed_result):
    """The JSON report is the result schema plus header facts and each explanation."""
    data = json.loads(render_json(seed_result, "zh"))
    assert data["total"] == 92 and data["grade"] == "优"
    assert data["meta"]["单位名称"] == "汇通产业园事业服务中心"
    assert all(item["explanation"] for item in data["indicators"])


def test_trace_lists_every_step_with_lines(seed_result):
    """A trace shows inputs, the operation, the indicator value and the score, with rubric lines."""
    (t,) = trace(seed_result, "预算完成率")
    origins = [s.origin for s in t.steps]
    assert origins[:4] == ["input", "input", "operation", "indicator"]
    assert [s.display for s in t.steps[:3]] == ["24.74万元", "40.11万元", "61.68%"]
    assert all(s.line for s in t.steps)
    assert t.steps[-1].origin == "score" and t.steps[-1].value == 0
    data = trace_json(trace(seed_result))
    assert data["schema"] == "perfdsl.trace" and len(data["indicators"]) == 26
    json.dumps(data, ensure_ascii=False)


def test_trace_of_an_unknown_indicator_is_a_key_error(seed_result):
    """Asking for an indicator the rubric does not have raises KeyError naming it."""
    with pytest.raises(KeyError):
        trace(seed_result, "没有这个指标")


# --- Explanation templates --------------------------------------------------------------------

TEMPLATE_RUBRIC = """
总分 10
输入 在职人员数：数量（人） 范围 ≥ 0
输入 编制数：数量（人） 范围 > 0
分组 投入 分值 10 {{
  指标 在职人员控制率 分值 10 {{
    值 在职人员数 / 编制数
    评分 满分条件 在职人员控制率 ≤ 100%
    计算分析 "{template}"
  }}
}}
"""


def compile_template(template: str):
    return perfdsl.compile(TEMPLATE_RUBRIC.format(template=template), "t.rubric")


def test_template_renders_with_the_indicators_own_names():
    """A template sees the inputs the indicator reads, its value and score, and the filters."""
    rubric = compile_template(
        "（在职人员{{ 在职人员数 }}人/编制数{{ 编制数 }}人）×100% = {{ 值 | 百分比 }}，得 {{ 得分 | 分数 }} 分")
    result = rubric.evaluate({"在职人员数": 8, "编制数": 16})
    assert explanations(result) == ["（在职人员8人/编制数16人）×100% = 50.00%，得 10.00 分"]


def test_template_undefined_name_is_a_compile_error_with_position():
    """A name the indicator does not use is diagnosed at its place in the rubric, not left blank."""
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template("{{ 在职人数 }}")
    (diag,) = caught.value.errors
    assert diag.code == "E502"
    assert (diag.span.line, diag.span.column) == (9, 14)  # the name itself, inside {{ }}
    assert "在职人员数" in diag.hint("en")


def test_template_unknown_filter_and_syntax_error():
    """An unknown filter is E504; a template syntax error is E501 — both at compile time."""
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template("{{ 值 | 不存在 }}")
    assert [d.code for d in caught.value.errors] == ["E504"]
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template("{{ 值 ")
    assert [d.code for d in caught.value.errors] == ["E501"]


PAYLOADS = [
    "{{ 值.__class__ }}",
    "{{ 值.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ config }}",
    "{{ request.application.__globals__ }}",
    "{{ 值|attr('__class__') }}",
    "{{ 值|attr('\\\\x5f\\\\x5fclass\\\\x5f\\\\x5f') }}",
    "{{ 值['__class__'] }}",
    "{{ 值.mro() }}",
    "{{ '%s'|format(值) }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{% extends 'base.html' %}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ range(10**9)|list }}",
    "{% macro m() %}x{% endmacro %}{{ m() }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_injection_payloads_are_refused(payload):
    """Each known template-injection payload is a compile-time diagnostic, never executed."""
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template(payload)
    codes = {d.code for d in caught.value.errors}
    assert codes and codes <= {"E501", "E502", "E503", "E504"}, codes


# --- Properties -------------------------------------------------------------------------------

def seed_figures():
    """Random figures for the seed rubric, within each input's declared type and range."""
    from perfdsl.checks.units import MONEY_UNITS

    def for_input(decl):
        t = decl.type
        if t.kind == "bool":
            return st.booleans()
        if t.kind == "level":
            return st.sampled_from(["好", "较好", "一般", "较差"] if t.scale == "评价等次"
                                   else ["达成", "部分达成", "未达成"])
        places = 2 if t.unit in MONEY_UNITS or t.display == "percent" else 0
        low = Decimal(1) if any(b.op == ">" for b in decl.bounds) else Decimal(0)
        high = Decimal(1) if decl.name == "满意度" else Decimal(200)
        return st.decimals(min_value=low, max_value=high, places=places)

    return for_input


@given(st.data())
def test_no_report_shows_none_nan_or_raw_values(seed, data):
    """For random valid figures no explanation or report has None, nan, Undefined, a Decimal
    repr or an unrendered template."""
    for_input = seed_figures()
    figures = {decl.name: data.draw(for_input(decl), label=decl.name)
               for decl in seed.model.inputs}
    result = seed.evaluate(figures)
    texts = explanations(result) + [render_markdown(result), render_table(result, "en")]
    for text in texts:
        for bad in ("None", "nan", "NaN", "Undefined", "Decimal(", "{{", "}}", "E+", "e+"):
            assert bad not in text, (bad, text)
