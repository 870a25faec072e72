"""Text from a rubric or a data file cannot act on whoever reads the report (issue 9, items 1
and 7): Markdown output carries no markup, HTML or links of the data's making and no forged
lines; terminal output and diagnostics carry no ESC/OSC sequence, NUL or bidi override (they
are shown as `\\u{1b}`, like rustc); every text cell of a workbook is text, never a formula."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import perfdsl
from perfdsl import untrusted
from perfdsl.cli import main
from perfdsl.outputs.report import render_html, render_markdown, render_table, render_xlsx

from xlsx_check import assert_no_formulas

ESC = "\x1b]0;pwned\x07\x1b[2J"
RLO = "\u202e"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[点我](javascript:alert(1))"
FORGED = "A\n\n# 合计 100.00 等级 优\n| x | y |"

HOSTILE_RUBRIC = f'''\
评价体系 "{SCRIPT}{RLO}{ESC}=HYPERLINK(\\"http://x/?\\",\\"t\\")"
总分 10
等级 {{ "{IMG}\n# 优" ≥ 5; "@SUM(1)" }}
输入 人数：数量（人） 范围 ≥ 0
输入 编制：数量（人） 范围 > 0
输入 原因说明：文本
分组 "{IMG}" 分值 10 {{
  指标 "{LINK}" 分值 5 {{
    值 人数 / 编制
    评分 满分条件 "{LINK}" ≤ 100%
    计算分析 "{{{{ 原因说明 }}}}"
  }}
  指标 "+cmd|' /C calc'!A0" 分值 5 {{
    评分 扣分项 {{ 如果 人数 > 100 扣 1 分 原因 "-2+3{ESC}" }}
  }}
}}
'''.replace("原因说明", "情况")

_FORGED_YAML = FORGED.replace("\n", "\\n")
_ESC_YAML = ESC.replace("\x1b", "\\e").replace("\x07", "\\a")
HOSTILE_DATA = f'''\
基本信息:
  单位名称: "{_FORGED_YAML}"
  "=cmd|' /C calc'!A0": "@SUM(A1:A9)"
  "{SCRIPT}": "{LINK}"
  年初预算金额: "=1+1"
  填报人: "{_ESC_YAML}{RLO}\\0"
人数: 8
编制: 16
情况: "{SCRIPT}{IMG}{LINK}\\t\\r=HYPERLINK(1)"
'''


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    rubric = folder / "r.rubric"
    rubric.write_text(HOSTILE_RUBRIC, "utf-8")
    data = folder / "d.yaml"
    data.write_text(HOSTILE_DATA, "utf-8")
    compiled = perfdsl.compile_file(rubric)
    return rubric, data, compiled.evaluate(perfdsl.load_data(data))


def test_the_hostile_files_are_read_as_written(hostile):
    """The rubric and data really carry the payloads (or the other tests prove nothing)."""
    _, _, result = hostile
    assert SCRIPT in result.rubric.title and RLO in result.rubric.title
    assert result.meta["单位名称"].startswith("A\n\n# 合计")
    assert "\x1b" in result.meta["填报人"] and "\x00" in result.meta["填报人"]
    assert any(LINK == i.name for i in result.indicators)


def test_markdown_renders_to_no_markup_of_the_datas_making(hostile):
    """The Markdown report, rendered by a CommonMark parser with HTML allowed, has no script,
    image, link or heading but the title's, one table row per form row with the right number
    of cells, and the payloads shown as text."""
    _, _, result = hostile
    text = render_markdown(result)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert len(re.findall(r"<h\d", html)) == 1
    from perfdsl.outputs.report import report_model

    model = report_model(result)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    funds = 2 if model["funds"] else 0  # the funds table: headings and amounts
    assert len(rows) == funds + 1 + len(model["rows"]) + 1  # headings, rows, total
    widths = {len(re.findall(r"<t[dh]", row)) for row in rows[funds:]}
    assert widths == {len(model["levels"]) + 4}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u{202e}" in text and RLO not in text and "\x1b" not in text
    forged = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(forged) == 1


def test_html_escapes_every_field(hostile):
    """The HTML page has no element of the data's making, and no raw control or bidi
    character."""
    _, _, result = hostile
    page = render_html(result)
    assert SCRIPT not in page and IMG not in page and "<a " not in page
    assert "&lt;script&gt;" in page
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)


def test_the_terminal_table_and_diagnostics_show_controls_visibly(hostile, capsys):
    """`perfdsl score` (table, markdown, html, json), `explain` and `compile` print no ESC, NUL,
    C1 control or bidi override: they appear as `\\u{1b}`, `\\u{0}`, `\\u{202e}`."""
    rubric, data, _ = hostile
    invisible = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                           "\u202a-\u202e\u2066-\u2069]")
    for args in (["score", str(rubric), str(data)],
                 ["score", str(rubric), str(data), "--format", "markdown"],
                 ["score", str(rubric), str(data), "--format", "html"],
                 ["score", str(rubric), str(data), "--format", "json"],
                 ["explain", str(rubric), str(data)],
                 ["explain", str(rubric), str(data), "--format", "json"],
                 ["compile", str(rubric)], ["graph", str(rubric)]):
        main(args + ["--lang", "en"])
        out, err = capsys.readouterr()
        assert not invisible.search(out), (args, invisible.search(out))
        assert not invisible.search(err), (args, invisible.search(err))
    main(["score", str(rubric), str(data)])
    out = capsys.readouterr().out
    assert "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J" in out and "\\u{202e}" in out


def test_diagnostics_show_controls_in_the_source_line_and_keep_the_caret(tmp_path, capsys):
    """A rubric line with an ESC and a bidi override before an error: the line is shown with
    `\\u{…}` and the caret stands under the error in the line as shown."""
    path = tmp_path / "r.rubric"
    path.write_text(f'总分 10\n输入 x：数值\n令 "a{RLO}\x1b[2Jb" = x + 未知\n', "utf-8")
    main(["compile", str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and RLO not in err
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if "error[E101]" in line)
    source, caret = lines[at + 2], lines[at + 3]
    assert source == '3 | 令 "a\\u{202e}\\u{1b}[2Jb" = x + 未知'
    from perfdsl.language.source import cell_width

    assert cell_width(caret[:caret.index("^")]) == cell_width(source[:source.index("未知")])


def test_every_workbook_cell_of_rubric_or_data_text_is_text(hostile, tmp_path):
    """The title, 基本信息 keys and values, funds values, group and indicator names,
    explanations, 原因 and grade texts that look like formulas (= + - @ tab CR) are stored as
    text, quote-prefixed, never as formulas."""
    _, _, result = hostile
    data = render_xlsx(result)
    assert_no_formulas(data)
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = {cell.value: cell for row in book.active.iter_rows() for cell in row
             if isinstance(cell.value, str)}
    for looks_like_formula in ("@SUM(A1:A9)", "=1+1", "=cmd|' /C calc'!A0"):
        assert texts[looks_like_formula].quotePrefix, looks_like_formula
    assert any(v.startswith("+cmd") and c.quotePrefix for v, c in texts.items())


@given(st.text(min_size=0, max_size=30))
def test_markdown_escaping_leaves_no_markup(text):
    """Any text escaped for Markdown renders, inside a paragraph, as exactly itself (made
    visible): no element, entity or link of its making."""
    escaped = untrusted.markdown(text)
    html = MarkdownIt("commonmark").render("x " + escaped)
    shown = untrusted.visible(text).strip()
    inner = html.removeprefix("<p>x").removesuffix("</p>\n").strip()
    import html as html_lib

    assert html_lib.unescape(inner).replace("\n", " ").split() == shown.split() or not shown


@given(st.text())
def test_visible_text_has_no_control_or_bidi_character(text):
    """`visible` leaves no character that acts on a terminal or reverses text, and keeps every
    other character."""
    shown = untrusted.visible(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]", shown)
    plain = [ch for ch in text if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d"
             "\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff"]
    assert all(ch in shown for ch in plain)


def test_json_output_escapes_c1_and_bidi_characters():
    """JSON keeps the data but writes C1 controls and bidi overrides as \\u escapes, which
    json.dumps leaves raw."""
    text = untrusted.json_safe(json.dumps({"a": "x\x9b2J\u202ey"}, ensure_ascii=False))
    assert json.loads(text) == {"a": "x\x9b2J\u202ey"}
    assert "\x9b" not in text and "\u202e" not in text


def test_the_workbook_check_finds_formulas():
    """The check every workbook of the suite goes through fails on a formula cell, and on
    formula-like text that is not quote-prefixed (so it can catch a regression)."""
    import openpyxl

    for make in (lambda cell: setattr(cell, "value", "=1+1"),
                 lambda cell: (setattr(cell, "value", "@SUM(1)"), setattr(cell, "data_type", "s"))):
        book = openpyxl.Workbook()
        make(book.active["A1"])
        buffer = io.BytesIO()
        book.save(buffer)
        with pytest.raises(AssertionError):
            assert_no_formulas(buffer.getvalue())
