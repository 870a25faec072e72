"""`perfdsl serve`, every route through Starlette's TestClient: the pages score exactly as
`perfdsl score` does, read uploads and write downloads that read back, check rubrics in either
language — and never read outside the rubric folder, never let rubric or data text run as
markup, never show a traceback."""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
from decimal import Decimal
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

import perfdsl
from markupsafe import escape

from perfdsl.data import figures as data
from perfdsl.outputs.report import report_model
from perfdsl.serve import form as form_module
from perfdsl.serve.app import MAX_BODY_BYTES, MAX_RUBRIC_CHARS, MAX_UPLOAD_BYTES, create_app
from perfdsl.serve.form import Entered, Layout, figures_yaml

import strategies
from conftest import ROOT, SEED_DATA, SEED_RUBRIC

SEED = "department-overall.rubric"
SEED_URL = f"/fill/{SEED}"


def client_for(folder, **kwargs) -> TestClient:
    return TestClient(create_app(folder, **kwargs), base_url="http://127.0.0.1",
                      raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client():
    return client_for(ROOT / "rubrics")


@pytest.fixture(scope="module")
def seed_layout():
    return Layout.of(perfdsl.compile_file(SEED_RUBRIC))


def seed_form(layout: Layout, **extra) -> dict[str, str]:
    """The seed's figures as a browser posts them: each box's text as the data file writes it."""
    file = data.load(SEED_DATA)
    by_name = {f.name: f for f in layout.fields}
    boxes = {f"f{by_name[figure.name].index}": str(figure.value) for figure in file.figures}
    boxes.update(mk0="单位名称", mv0=file.meta["单位名称"], lang="zh")
    boxes.update(extra)
    return boxes


def text_of(html: str, element_id: str) -> str:
    """The text inside the element with this id (tags dropped)."""
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</', html, re.S)
    assert match, f"no element #{element_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def problems_of(html: str, index: int) -> str:
    match = re.search(rf'<div class="problems" id="p{index}"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no problems element for f{index}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


# --- Home ----------------------------------------------------------------------------------------

def test_home_lists_each_rubric_with_title_year_total_and_status(client):
    """The home page lists every rubric of the folder with its title, year, total, and a status
    saying it compiles, and links to its form and its check."""
    page = client.get("/")
    assert page.status_code == 200
    assert "部门整体支出绩效自评表" in page.text and "项目支出绩效自评表" in page.text
    assert "2021" in page.text and "2023" in page.text
    assert page.text.count('<span class="status good">可用</span>') == \
        len(list((ROOT / "rubrics").glob("*.rubric")))
    assert f'href="/fill/{SEED}?lang=zh"' in page.text
    assert f'href="/check?rubric={SEED}&amp;lang=zh"' in page.text


def test_home_counts_the_errors_of_a_broken_rubric(tmp_path):
    """A rubric with errors is listed with its title as far as it parses and its error count,
    without a link to a form it cannot fill."""
    (tmp_path / "broken.rubric").write_text(
        '评价体系 "坏的"\n年度 2022\n总分 10\n输入 甲：金额（万元）\n'
        '分组 组 分值 10 { 指标 乙 分值 10 { 值 丙 评分 按比例 丁 } }\n', "utf-8")
    page = client_for(tmp_path).get("/")
    assert "坏的" in page.text and "2022" in page.text
    assert re.search(r'<span class="status error">\d+ 个错误</span>', page.text)
    assert "/fill/broken.rubric" not in page.text
    assert client_for(tmp_path).get("/fill/broken.rubric").status_code == 409


def test_home_in_english_and_for_an_empty_or_missing_folder(tmp_path):
    """`?lang=en` gives the page in English; an empty folder and a missing one each say what to
    do rather than showing an empty table."""
    assert "Rubrics" in client_for(ROOT / "rubrics").get("/?lang=en").text
    assert "没有 .rubric 文件" in client_for(tmp_path).get("/").text
    assert "找不到文件夹" in client_for(tmp_path / "nowhere").get("/").text


def test_unreadable_rubric_files_are_listed_with_their_error(tmp_path):
    """A rubric that is not UTF-8 is listed with one error, and its check page says why."""
    (tmp_path / "gbk.rubric").write_bytes("总分 10 # 中文".encode("gbk"))
    c = client_for(tmp_path)
    assert "1 个错误" in c.get("/").text
    page = c.get("/check?rubric=gbk.rubric")
    assert "E007" in page.text and "UTF-8" in page.text


# --- Fill and score ---------------------------------------------------------------------------

def test_the_form_has_a_box_for_every_input_with_its_label_unit_range_and_default(client, seed_layout):
    """Every input of the seed has a box named by its position; money shows 万元, ranges and
    defaults are stated, yes/no and levels are dropdowns of their values."""
    page = client.get(SEED_URL).text
    for field in seed_layout.fields:
        assert f'name="f{field.index}"' in page
    assert page.count('<span class="unit">万元</span>') == sum(
        1 for f in seed_layout.fields if f.unit == "万元")
    assert "范围 &gt; 0万元" in page and "默认 0" in page
    level = next(f for f in seed_layout.fields if f.name == "工作规划评价")
    select = re.search(rf'<select id="f{level.index}".*?</select>', page, re.S).group(0)
    assert [o for o in re.findall(r'<option value="([^"]*)"', select)] == ["", "好", "较好", "一般", "较差"]
    yes_no = next(f for f in seed_layout.fields if f.name == "符合总体规划")
    select = re.search(rf'<select id="f{yes_no.index}".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "是", "否"]
    assert "工作规划合理性评价" in page  # a label


def test_inputs_sit_in_the_innermost_group_of_the_indicators_that_read_them(seed_layout):
    """An input read by one group's indicators is in that group; one read by two top-level
    groups is in the shared section; every input is placed exactly once."""
    placed: dict[str, tuple] = {}

    def walk(section):
        for field in section.fields:
            assert field.name not in placed
            placed[field.name] = (section.role, section.path)
        for item in section.items:
            if item.is_section:
                walk(item)

    for section in seed_layout.sections:
        walk(section)
    assert set(placed) == {f.name for f in seed_layout.fields}
    assert placed["上年三公经费预算"] == ("group", ("投入", "预算配置"))
    assert placed["本年三公经费预算"] == ("shared", ())  # 投入/预算配置 and 过程/预算执行
    assert placed["年初预算"] == ("group", ("过程", "预算执行"))
    assert placed["满意度"] == ("group", ("效果", "履职效益"))


@settings(max_examples=40)
@given(strategies.rubrics())
def test_every_input_is_placed_once_in_the_innermost_group_that_holds_its_readers(text):
    """For any rubric: each input is in exactly one section; every indicator that reads it is
    inside that section's group, and no child group holds them all."""
    compiled = perfdsl.compile_string(text)
    layout = Layout.of(compiled)
    readers = {}
    for item in compiled.to_json()["indicators"]:
        for name in item["inputs"]:
            readers.setdefault(name, []).append(tuple(item["path"]))
    seen = []

    def walk(section):
        for field in section.fields:
            seen.append(field.name)
            paths = readers.get(field.name, [])
            if section.role == "unread":
                assert not paths
                continue
            assert paths and all(p[:len(section.path)] == section.path for p in paths)
            for child in section.items:
                if child.is_section:
                    assert not all(p[:len(child.path)] == child.path for p in paths)
        for item in section.items:
            if item.is_section:
                walk(item)

    for section in layout.sections:
        walk(section)
    assert sorted(seen) == sorted(f.name for f in layout.fields)


def test_the_seed_figures_score_92_and_grade_you(client, seed_layout):
    """Posting the seed's figures as typed (`40.11万元`, `101%`, 是/否, levels) scores 92.00, 优,
    with every indicator's 计算分析情况 and every subtotal, exactly as `perfdsl score` does."""
    page = client.post(SEED_URL, data=seed_form(seed_layout))
    assert page.status_code == 200
    assert text_of(page.text, "total") == "92.00"
    assert text_of(page.text, "grade") == "优"
    expected = perfdsl.compile_file(SEED_RUBRIC).evaluate(perfdsl.load_data(SEED_DATA))
    rows = {tuple(row["path"]): row for row in report_model(expected, "zh")["rows"]}
    for slot in seed_layout.indicators:
        card = re.search(rf'id="i{slot.number}".*?</div>\s*</div>|id="i{slot.number}".*?(?=<div class="indicator|</section)',
                         page.text, re.S).group(0)
        assert escape(rows[slot.path]["explanation"]) in card
        assert f"<output>{rows[slot.path]['score']}</output>" in card
    for section in sections(seed_layout):
        subtotal = re.search(rf'id="g{section.number}".*?<output>(.*?)</output>', page.text, re.S)
        assert subtotal.group(1) == rows[section.path]["score"]
    assert "数据完整，无问题" in page.text


def sections(layout: Layout):
    """Every group section of the form, at any depth."""
    stack = list(layout.sections)
    while stack:
        section = stack.pop(0)
        if section.role == "group":
            yield section
        stack += [item for item in section.items if item.is_section]


def test_each_problem_is_shown_beside_its_box(client, seed_layout):
    """A figure that cannot be read, one out of range and a bare number for a percentage each
    get their message beside their own box; an empty box is counted as not filled."""
    index = {f.name: f.index for f in seed_layout.fields}
    boxes = seed_form(seed_layout)
    boxes[f"f{index['年初预算']}"] = "四十万"
    boxes[f"f{index['编制数']}"] = "0"
    boxes[f"f{index['满意度']}"] = "95"
    del boxes[f"f{index['公用经费预算']}"]
    page = client.post(SEED_URL, data=boxes).text
    assert "应为金额（万元），实际为 `四十万`" in problems_of(page, index["年初预算"])
    assert "超出允许范围 &gt; 0人" in problems_of(page, index["编制数"])
    assert "`95%`" in problems_of(page, index["满意度"])
    assert "缺少数据项" in problems_of(page, index["公用经费预算"])
    assert problems_of(page, index["预算执行金额"]) == ""
    assert "未填 1 项" in page and "数据问题 3 处" in page
    assert 'class="field has-problem"' in page


def test_money_and_percentages_are_read_as_data_files_read_them(client, seed_layout):
    """`40.11`, `40.11万元` and `401100元` are the same 年初预算; `95%` and `95.00%` the same
    满意度: the page scores them alike."""
    index = {f.name: f.index for f in seed_layout.fields}
    totals = set()
    for budget in ("40.11", "40.11万元", "401100元", " 40.11 "):
        boxes = seed_form(seed_layout, **{f"f{index['年初预算']}": budget,
                                          f"f{index['满意度']}": "95.00%"})
        totals.add(text_of(client.post(SEED_URL, data=boxes).text, "total"))
    assert totals == {"92.00"}


@settings(max_examples=25)
@given(st.data())
def test_the_page_scores_any_figures_exactly_as_the_api_does(data_):
    """For any rubric and any figures written as text in any accepted way, the form's total,
    grade and every indicator's score are those of `CompiledRubric.evaluate`."""
    text = data_.draw(strategies.rubrics())
    compiled = perfdsl.compile_string(text)
    layout = Layout.of(compiled)
    figures = data_.draw(strategies.figures_for(compiled.model))
    decls = {d.name: d for d in compiled.model.inputs}
    typed = {name: data_.draw(strategies.as_text(decls[name], value)) for name, value in figures.items()}
    entered = Entered(values={f.index: typed[f.name] for f in layout.fields if f.name in typed})
    result = compiled.evaluate(entered.figures(layout))
    expected = compiled.evaluate(figures)
    scored = form_module.Scored.of(layout, result, "zh")
    assert (result.total, result.grade) == (expected.total, expected.grade)
    assert scored.total == f"{expected.total}"
    assert [r.score for r in result.indicators] == [r.score for r in expected.indicators]


def test_upload_fills_the_form_and_scores_it(client, seed_layout):
    """Uploading examples/huitong-2021.yaml fills every box with the file's text and scores 92."""
    content = SEED_DATA.read_bytes()
    page = client.post(f"{SEED_URL}/upload", files={"file": ("huitong-2021.yaml", content)},
                       data={"lang": "zh"}).text
    assert text_of(page, "total") == "92.00" and text_of(page, "grade") == "优"
    assert "已按 huitong-2021.yaml 填入" in page
    budget = next(f for f in seed_layout.fields if f.name == "年初预算")
    assert f'name="f{budget.index}" value="40.11万元"' in page
    assert 'value="汇通产业园事业服务中心"' in page
    assert 'value="杨克勤"' in page  # the other facts about the unit are kept


def test_upload_of_json_and_of_yes_no_spellings(client, seed_layout):
    """A JSON data file fills the form too; `yes`/`true` for a yes/no input select 是."""
    file = data.load(SEED_DATA)
    mapping = {fig.name: str(fig.value) for fig in file.figures}
    mapping["符合总体规划"] = "yes"
    mapping["目标细化分解"] = "true"
    content = json.dumps(mapping, ensure_ascii=False).encode("utf-8")
    page = client.post(f"{SEED_URL}/upload", files={"file": ("unit.json", content)}).text
    assert text_of(page, "total") == "92.00"
    field = next(f for f in seed_layout.fields if f.name == "符合总体规划")
    select = re.search(rf'<select id="f{field.index}".*?</select>', page, re.S).group(0)
    assert '<option value="是" selected>' in select


def test_upload_problems_are_shown_with_their_line(client):
    """An unknown figure and a figure given twice are listed with their line in the file; a
    YAML error, a file that is not UTF-8, an unknown kind of file, a missing file and one too
    large each get a plain message and an empty form."""
    content = "年初预算: 40.11\n年初預算: 1\n年初预算: 40.12\n".encode("utf-8")
    page = client.post(f"{SEED_URL}/upload", files={"file": ("a.yml", content)}).text
    assert re.search(r"第 2 行</span> 未知的数据项 `年初預算`", page)
    assert "是否应为 `年初预算`" in page
    assert re.search(r"第 3 行</span> 数据文件中 `年初预算` 出现了两次", page)
    page = client.post(f"{SEED_URL}/upload", files={"file": ("b.yaml", b"a: [1, 2\n")}).text
    assert "无法读取数据文件" in page
    page = client.post(f"{SEED_URL}/upload", files={"file": ("c.yaml", "年初预算: 1".encode("gbk"))}).text
    assert re.search(r"第 1 行</span> 数据文件不是 UTF-8 编码：此处的字节 0xc4 无法识别", page)
    assert "该文件看起来是 GBK" in page
    page = client.post(f"{SEED_URL}/upload", files={"file": ("d.csv", b"a,b\n")}).text
    assert ('<p class="notice failed" role="status">只能上传 YAML / JSON / Excel 数据文件，'
            '而此文件是 d.csv') in page
    page = client.post(f"{SEED_URL}/upload", data={"lang": "zh"}).text
    assert "请选择一个数据文件" in page
    big = b"# " + b"x" * MAX_UPLOAD_BYTES + b"\n"
    page = client.post(f"{SEED_URL}/upload", files={"file": ("e.yaml", big)}).text
    assert "数据文件不能超过 1 MB" in page
    page = client.post(f"{SEED_URL}/upload", files={"file": ("f.yaml", b"- 1\n- 2\n")}).text
    assert "数据应为“名称: 值”的映射" in page


def test_downloads_of_the_filled_form(client, seed_layout):
    """The filled form downloads as Excel, HTML and JSON (total 92), and its figures as YAML
    that perfdsl reads back to the same score; each is an attachment named for the rubric and
    the unit."""
    boxes = seed_form(seed_layout)
    got = {}
    for kind in ("xlsx", "html", "json", "yaml"):
        response = client.post(f"{SEED_URL}/download/{kind}", data=boxes)
        assert response.status_code == 200, kind
        disposition = response.headers["content-disposition"]
        assert disposition.startswith("attachment;")
        assert quote(f"department-overall-汇通产业园事业服务中心.{kind}", safe="") in disposition
        got[kind] = response
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(got["xlsx"].content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert Decimal("92") in [Decimal(str(v)) for v in cells if isinstance(v, (int, float))]
    assert "汇通产业园事业服务中心" in got["html"].text and "92.00" in got["html"].text
    assert got["json"].json()["total"] == 92 and got["json"].json()["grade"] == "优"
    text = got["yaml"].text
    assert "年初预算: 40.11万元" in text and "满意度: 95%" in text
    assert text.startswith("基本信息:\n  单位名称: 汇通产业园事业服务中心\n")
    rubric = perfdsl.compile_file(SEED_RUBRIC)
    assert rubric.evaluate(data.loads(text, "figures.yaml")).total == Decimal("92.00")


def test_download_of_an_unknown_format_or_rubric_is_not_found(client, seed_layout):
    """Only the four formats download; another name is a plain 404 page."""
    assert client.post(f"{SEED_URL}/download/exe", data=seed_form(seed_layout)).status_code == 404
    assert client.post("/fill/nope.rubric/download/json", data={}).status_code == 404


@settings(max_examples=60)
@given(values=st.lists(strategies.unicode_text(40), min_size=3, max_size=3),
       meta=st.dictionaries(st.text(min_size=1, max_size=10), strategies.unicode_text(20), max_size=4))
def test_downloaded_figures_read_back_to_the_same_form(values, meta):
    """Whatever text the boxes and the facts about the unit hold, the YAML download read back
    (as an upload is) gives the same text in the same boxes."""
    layout = _small_layout()
    boxes = {i: v.strip() for i, v in enumerate(values) if v.strip()}
    facts = tuple((k.strip(), v.strip()) for k, v in meta.items() if k.strip() and v.strip())
    facts = tuple(dict(facts).items())
    entered = Entered(values=boxes, meta=(("单位名称", ""),) + tuple(
        (k, v) for k, v in facts if k != "单位名称"))
    text = figures_yaml(layout, entered)
    back = Entered.from_data_file(layout, data.loads(text, "back.yaml"))
    assert dict(back.values) == boxes
    assert [kv for kv in back.meta if kv[1]] == [kv for kv in entered.meta if kv[1]]


_SMALL = """\
总分 10
输入 甲：文本
输入 乙：金额（万元）
输入 丙：百分比
分组 组 分值 10 { 指标 丁 分值 10 { 值 丙 评分 按比例 丁 } }
"""


def _small_layout(cache={}):
    if "layout" not in cache:
        cache["layout"] = Layout.of(perfdsl.compile_string(_SMALL))
    return cache["layout"]


def test_switching_language_keeps_the_figures(client, seed_layout):
    """The language switch on the fill page posts the form: the page comes back in English with
    the same figures and scores, and English messages beside the boxes."""
    boxes = seed_form(seed_layout, switch_lang="en")
    index = {f.name: f.index for f in seed_layout.fields}
    boxes[f"f{index['编制数']}"] = "0"
    page = client.post(SEED_URL, data=boxes).text
    assert '<html lang="en">' in page and "Fill in and score" in page
    assert "is outside its allowed range" in problems_of(page, index["编制数"])
    assert 'value="40.11万元"' in page


def test_a_rubric_not_in_the_folder_is_not_found(client):
    """A name that is not a rubric of the folder gets a plain 404 page naming it."""
    page = client.get("/fill/none.rubric")
    assert page.status_code == 404 and "没有名为 none.rubric 的评价体系" in page.text


# --- Rubric check ------------------------------------------------------------------------------

BAD = """\
评价体系 "有错误的示例"
总分 10
输入 实际：金额（万元）
输入 预算：金额（万元）
输入 人数：数量（人）
分组 执行 分值 10 {
  指标 执行率 分值 6 {
    值 实际 / 预算
    评分 按比例 执行律
  }
  指标 人均支出 分值 4 {
    值 实际 / 人数
    评分 满分条件 人均支出 ≤ 50%
  }
}
"""


def test_check_shows_each_diagnostic_with_line_column_message_and_hint(client):
    """Pasted text with two mistakes gets both, each with its line and column, its message and
    its hint, in Chinese or English as chosen, and the source line with the place marked."""
    page = client.post("/check", data={"text": BAD, "lang": "zh"}).text
    assert "2 个错误，0 个警告" in page
    assert "第 9 行，第 12 列" in page and "未定义的名称 `执行律`" in page
    assert "是否应为 `执行率`" in page
    assert "第 13 行，第 13 列" in page
    assert "<mark>执行律</mark>" in page
    page = client.post("/check", data={"text": BAD, "lang": "en"}).text
    assert "line 9, column 12" in page and "unknown name `执行律`" in page
    assert "did you mean `执行率`?" in page


def test_check_outlines_groups_and_indicators_also_with_errors(client):
    """The outline lists groups and indicators with their weights: from the checked model when
    the rubric compiles, from the syntax tree when it has errors."""
    page = client.post("/check", data={"text": BAD, "lang": "zh"}).text
    outline = page[page.index('class="outline"'):]
    assert re.search(r"分组</span>\s*<a[^>]*>执行</a>\s*<span class=\"weight\">分值 10", outline)
    assert re.search(r"指标</span>\s*<a[^>]*>执行率</a>\s*<span class=\"weight\">分值 6", outline)
    assert re.search(r"指标</span>\s*<a[^>]*>人均支出</a>", outline)
    page = client.get(f"/check?rubric={SEED}").text
    assert "没有错误，也没有警告" in page
    assert re.search(r"预算执行</a>\s*<span class=\"weight\">分值 20", page)
    assert re.search(r"预算调整率</a>\s*<span class=\"weight\">分值 4</span>\s*"
                     r"<span class=\"reference\">参考分值 3", page)


def test_check_of_text_that_does_not_parse_far_enough(client):
    """Text that ends too early gets its syntax error and says no outline can be made; an empty
    check page and an over-long text each get a plain page."""
    page = client.post("/check", data={"text": "总分 10\n分组 组 分值 10 {\n", "lang": "zh"}).text
    assert "E003" in page and "文本无法解析到能列出结构的程度" in page
    assert client.get("/check").status_code == 200
    page = client.post("/check", data={"text": "#" * (MAX_RUBRIC_CHARS + 1), "lang": "zh"})
    assert page.status_code == 413 and "文本太长" in page.text


def test_check_reads_crlf_lines_as_the_file_would(client):
    """A browser sends a textarea's lines with CRLF: positions are those of the file."""
    page = client.post("/check", data={"text": BAD.replace("\n", "\r\n"), "lang": "zh"}).text
    assert "第 9 行，第 12 列" in page


@settings(max_examples=30)
@given(st.one_of(strategies.unicode_text(), strategies.rubrics().flatmap(strategies.mutated)))
def test_check_page_answers_any_text(text):
    """Any text at all, random or a mutated rubric, gets a check page, never an error page."""
    page = _CHECK_CLIENT.post("/check", data={"text": text, "lang": "en"})
    assert page.status_code == 200
    assert 'id="verdict"' in page.text


_CHECK_CLIENT = client_for(ROOT / "rubrics")


# --- Safety ------------------------------------------------------------------------------------

@pytest.fixture
def fenced(tmp_path):
    """A rubric folder beside a secret file outside it, with symlinks leading out and in."""
    folder = tmp_path / "rubrics"
    folder.mkdir()
    shutil.copy(SEED_RUBRIC, folder / SEED)
    secret = tmp_path / "secret.rubric"
    secret.write_text('评价体系 "SECRET-OUTSIDE"\n总分 10\n', "utf-8")
    (folder / "out.rubric").symlink_to(secret)
    (folder / "out-dir.rubric").symlink_to(tmp_path)
    (folder / "inside.rubric").symlink_to(folder / SEED)
    (folder / "loop.rubric").symlink_to(folder / "loop.rubric")
    (folder / ".hidden.rubric").write_text('评价体系 "SECRET-HIDDEN"\n总分 10\n', "utf-8")
    (folder / "notes.txt").write_text("SECRET-TXT", "utf-8")
    return folder


TRAVERSALS = [
    "../secret.rubric", "..%2Fsecret.rubric", "%2E%2E%2Fsecret.rubric", "%2e%2e",
    "out.rubric", "out-dir.rubric", "loop.rubric", ".hidden.rubric", "notes.txt",
    "%2Fetc%2Fpasswd", "/etc/passwd", "..%5Csecret.rubric", "rubrics%2F..%2Fsecret.rubric",
    "department-overall.rubric%00", "DEPARTMENT-OVERALL.RUBRIC",
]


@pytest.mark.parametrize("name", TRAVERSALS)
def test_no_name_reaches_a_file_outside_the_folder(fenced, name):
    """`..`, encoded slashes and backslashes, absolute paths, symlinks out of the folder (to a
    file or a folder), a symlink loop, hidden and non-rubric files: none is found, none listed,
    and nothing of what lies outside ever appears in a page."""
    c = client_for(fenced)
    for response in (c.get(f"/fill/{name}"), c.post(f"/fill/{name}", data={}),
                     c.get(f"/check?rubric={name}"),
                     c.post(f"/fill/{name}/download/yaml", data={}),
                     c.post(f"/fill/{name}/upload", files={"file": ("a.yaml", b"x: 1")}),
                     c.post(f"/fill/{name}/audit/json", files={"file": ("a.yaml", b"x: 1")}),
                     c.get(f"/batch/{name}"),
                     c.post(f"/batch/{name}", files={"file": ("a.csv", b"x\n1\n")}),
                     c.post(f"/batch/{name}/download/csv", files={"file": ("a.csv", b"x\n1\n")})):
        assert response.status_code in (404, 405), response.status_code
        assert "SECRET" not in response.text
    home = c.get("/").text
    assert "SECRET" not in home and "out.rubric" not in home and "loop.rubric" not in home


@pytest.mark.parametrize("name", ["..", ".", "../secret.rubric", "/etc/passwd", "rubrics/../secret.rubric",
                                  "out.rubric", "loop.rubric", ".hidden.rubric", ""])
def test_the_folder_finds_no_name_that_leads_out(fenced, name):
    """Names a client would normalise away before sending (`..`), asked of the folder itself:
    none is found."""
    from perfdsl.serve.folder import RubricFolder

    assert RubricFolder(fenced).find(name) is None
    assert RubricFolder(fenced).find(SEED) is not None


def test_a_symlink_inside_the_folder_is_served(fenced):
    """A symlink to a rubric inside the folder is an ordinary entry."""
    c = client_for(fenced)
    assert "inside.rubric" in c.get("/").text
    assert c.get("/fill/inside.rubric").status_code == 200


HOSTILE_RUBRIC = """\
评价体系 "<script>alert('title')</script>"
年度 2024
总分 10
量表 "等次<b>" { "好\\"><img src=x onerror=alert(1)>" = 100%；差 = 0% }
输入 "完成率<script>x</script>"：百分比 范围 ≥ 0% 标签 "\\"><img src=x onerror=alert('label')>" 说明 "<script>alert('desc')</script>"
输入 评价：等次 "等次<b>" 标签 "<i>level</i>"
分组 "组<script>alert(1)</script>" 分值 10 {
  指标 "指标\\"><img src=x onerror=alert(2)>" 分值 6 {
    指标解释 "<script>alert('explain')</script>"
    评分标准 "<img src=x onerror=alert('std')>"
    值 "完成率<script>x</script>"
    评分 按比例 "指标\\"><img src=x onerror=alert(2)>"
  }
  指标 "等次指标</textarea><script>alert(3)</script>" 分值 4 {
    值 评价
    评分 按等次 "等次指标</textarea><script>alert(3)</script>"
  }
}
"""

HOSTILE_DATA = """\
"完成率<script>x</script>": "<script>alert(9)</script>"
评价: "好\\"><img src=x onerror=alert(1)>"
"<img src=x onerror=alert(7)>": 1
基本信息:
  "<script>k</script>": "\\"><img src=x onerror=alert(5)>"
"""

# Markup that must never reach a page unescaped (the pages' own tags never look like these).
RAW = ("<script>alert", "<script>x", "<script>k", "<img src=x", "<b>", "<i>level", "</textarea><script>",
       "\"><img", "<svg")


def assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "hostile.rubric").write_text(HOSTILE_RUBRIC, "utf-8")
    (folder / "\"><img src=x onerror=alert(8)>.rubric").write_text(HOSTILE_RUBRIC, "utf-8")
    (folder / "<svg onload=alert(1)>.rubric").write_text("总分 <script>", "utf-8")
    return folder


def test_rubric_and_data_text_is_escaped_on_every_page(hostile):
    """Titles, group and indicator names, labels, descriptions, level names, file names, figures,
    facts about the unit and messages that quote them are all escaped: on the home page, the
    form (empty, scored, uploaded), the check page and the HTML download."""
    c = client_for(hostile)
    home = c.get("/")
    assert home.status_code == 200
    assert_escaped(home.text)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in home.text
    for name in ("hostile.rubric", "\"><img src=x onerror=alert(8)>.rubric"):
        url = "/fill/" + quote(name, safe="")
        page = c.get(url)
        assert page.status_code == 200
        assert_escaped(page.text)
        uploaded = c.post(url + "/upload", files={"file": ("\"><img src=x>.yaml", HOSTILE_DATA.encode())})
        assert uploaded.status_code == 200
        assert_escaped(uploaded.text)
        assert "&lt;script&gt;alert(9)&lt;/script&gt;" in uploaded.text  # the figure, in its box
        assert "&lt;img src=x onerror=alert(7)&gt;" in uploaded.text  # the unknown name
        refused = c.post(url + "/upload", files={"file": ("<img src=x onerror=alert(1)>.exe", b"x")})
        assert_escaped(refused.text)
        assert "&lt;img src=x onerror=alert(1)&gt;.exe" in refused.text
        boxes = {"f0": "<script>alert(9)</script>", "f1": "好\"><img src=x onerror=alert(1)>",
                 "mk0": "<script>k</script>", "mv0": "\"><img src=x onerror=alert(5)>"}
        scored = c.post(url, data=boxes)
        assert_escaped(scored.text)
        html = c.post(url + "/download/html", data=boxes)
        assert_escaped(html.text)
        checked = c.get("/check?rubric=" + quote(name, safe=""))
        assert checked.status_code == 200
        assert_escaped(checked.text)
    broken = c.get("/check?rubric=" + quote("<svg onload=alert(1)>.rubric", safe=""))
    assert_escaped(broken.text)
    pasted = c.post("/check", data={"text": HOSTILE_RUBRIC + "\n<img src=x onerror=alert(1)>",
                                    "name": "<script>alert(1)</script>", "lang": "en"})
    assert_escaped(pasted.text)
    assert "&lt;/textarea&gt;&lt;script&gt;" in pasted.text


def test_every_response_forbids_foreign_scripts_and_framing(client):
    """Every page — a form, a 404, a refused host — carries a Content-Security-Policy that
    allows only the site's own script and stylesheet, and no framing or sniffing."""
    for response in (client.get("/"), client.get(SEED_URL), client.get("/nowhere"),
                     client.get("/", headers={"host": "evil.example"})):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host,allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("127.0.0.1", True),
    ("evil.example", False), ("evil.example:8000", False), ("127.0.0.1.evil.example", False),
    ("", False),
])
def test_only_requests_addressed_to_this_machine_are_answered(client, host, allowed):
    """A page elsewhere cannot reach the server through a name rebound to 127.0.0.1: a request
    whose Host is not this machine gets a plain 400 page."""
    response = client.get("/", headers={"host": host})
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code == 400 and "只接受来自本机地址的请求" in response.text


def test_any_host_is_answered_when_bound_to_a_network():
    """A server the user bound to a network address answers whatever name the network uses."""
    c = client_for(ROOT / "rubrics", allowed_hosts=None)
    assert c.get("/", headers={"host": "perf.intranet"}).status_code == 200


def test_request_bodies_are_limited(client):
    """A body announced larger than the limit, and one streamed past it without a length, each
    get a plain 413 page."""
    too_much = b"x" * (MAX_BODY_BYTES + 1)
    response = client.post("/check", content=too_much,
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and "请求太大" in response.text

    def chunks():
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"text=" + b"x" * 65531

    response = client.post("/check", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and "请求太大" in response.text


def test_only_post_computes_and_get_only_reads(client):
    """Uploads and downloads take only POST; a GET of them is a plain 405 page."""
    for url in (f"{SEED_URL}/upload", f"{SEED_URL}/download/json", f"{SEED_URL}/audit/json",
                f"/batch/{SEED}/download/csv"):
        response = client.get(url)
        assert response.status_code == 405 and "不接受这种请求" in response.text
    assert client.put(SEED_URL).status_code == 405


def test_an_internal_error_is_a_plain_page_and_logged(client, seed_layout, monkeypatch, caplog):
    """A bug gives a plain page saying it is a bug, with no traceback, and the traceback goes
    to the server's log."""
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(form_module.Scored, "of", boom)
    with caplog.at_level(logging.ERROR, logger="perfdsl.serve"):
        response = client.post(SEED_URL, data=seed_form(seed_layout))
    assert response.status_code == 500
    assert "这是 perfdsl 的缺陷" in response.text
    assert "Traceback" not in response.text and "secret internals" not in response.text
    record = next(r for r in caplog.records if r.name == "perfdsl.serve")
    assert record.exc_info and "secret internals" in str(record.exc_info[1])


def test_static_assets_are_served_by_name_only(client):
    """The stylesheet and the script are served; any other name, or a path, is not found."""
    page = client.get("/").text
    css = re.search(r'href="(/static/app\.css\?v=\w+)"', page).group(1)
    js = re.search(r'src="(/static/app\.js\?v=\w+)"', page).group(1)
    assert client.get(css).headers["content-type"].startswith("text/css")
    assert client.get(js).headers["content-type"].startswith("text/javascript")
    for name in ("app.py", "..%2Fapp.py", "..%2F__init__.py", "%2Fetc%2Fpasswd"):
        assert client.get(f"/static/{name}").status_code == 404


def test_pages_use_no_inline_script_or_style_and_nothing_from_outside(client, seed_layout):
    """Every page works under its own policy: no inline script, no style attribute, no URL of
    another site, so the page works on a machine without internet."""
    pages = [client.get("/").text, client.get(SEED_URL).text,
             client.post(SEED_URL, data=seed_form(seed_layout)).text,
             client.get(f"/check?rubric={SEED}").text, client.get("/nowhere").text]
    assets = [client.get("/static/app.css").text, client.get("/static/app.js").text]
    for page in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert " style=" not in page and " on" + "click=" not in page
    for text in pages + assets:
        assert not re.search(r"https?://(?!127\.0\.0\.1)", text)
        assert "@import" not in text and "url(" not in text


# --- Rubrics that build on a template --------------------------------------------------------------

def test_a_rubric_builds_on_a_template_of_the_folder(tmp_path):
    """A folder rubric that builds on another (`基于`) compiles with the folder's template, and
    its form scores with the template's indicators."""
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "template.rubric").write_text(
        '评价体系 "模板"\n总分 10\n输入 x：数值 范围 0 至 10\n'
        '分组 组 参考分值 10 { 指标 甲 参考分值 10 { 评分 公式 x } }\n', "utf-8")
    (folder / "unit.rubric").write_text('基于 "template.rubric"\n年度 2022\n', "utf-8")
    page = client_for(folder).get("/")
    assert page.text.count('<span class="status good">可用</span>') == 2


def test_pasted_text_reads_no_file_outside_the_folder(tmp_path):
    """Pasted text that builds on a file outside the served folder is refused with E802, and the
    file's text never reaches the page."""
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (tmp_path / "secret.rubric").write_text("总分 10 # 机密内容\n", "utf-8")
    c = client_for(folder)
    page = c.post("/check", data={"text": '基于 "../secret.rubric"\n', "name": "x.rubric",
                                  "lang": "en"})
    assert "E802" in page.text and "机密内容" not in page.text
    page = c.post("/check", data={"text": '基于 "../secret.rubric"\n',
                                  "name": "../../x.rubric", "lang": "en"})
    assert "E802" in page.text and "机密内容" not in page.text
