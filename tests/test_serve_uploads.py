"""`perfdsl serve`'s pages for files: the batch page (a table of units scored as `perfdsl score
RUBRIC UNITS` scores it), the audit of an uploaded file that records claims (as `perfdsl audit`
gives it), and Excel workbooks uploaded to fill the form (as `perfdsl score` reads them) — every
route through Starlette's TestClient. Also what must hold of any upload: it is read within its
limits, never kept (its temporary folder is gone when the answer comes), named in messages as
the user named it, and escaped wherever it shows."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfdsl
from perfdsl.data import figures as data
from perfdsl.data import tables, workbook
from perfdsl.outputs import audit_report
from perfdsl.outputs.fillin import template_bytes
from perfdsl.serve import batch as batch_module
from perfdsl.serve.app import MAX_TABLE_UNPACKED, MAX_UPLOAD_BYTES, MAX_WORKBOOK_UNPACKED
from perfdsl.serve.form import Layout
from perfdsl.tools.audit import audit

import strategies
from conftest import ROOT, SEED_DATA, SEED_RUBRIC
from test_serve import HOSTILE_RUBRIC, SEED, SEED_URL, assert_escaped, client_for, text_of
from xlsx_check import assert_no_formulas

FILED = ROOT / "examples" / "huitong-2021.filed.yaml"
BATCH_URL = f"/batch/{SEED}"


@pytest.fixture(scope="module")
def client():
    return client_for(ROOT / "rubrics")


@pytest.fixture(scope="module")
def seed():
    return perfdsl.compile_file(SEED_RUBRIC)


@pytest.fixture(scope="module")
def seed_layout(seed):
    return Layout.of(seed)


def seed_figures() -> dict[str, str]:
    return {figure.name: str(figure.value) for figure in data.load(SEED_DATA).figures}


def units_csv(rows: list[dict[str, str]], keys: tuple[str, ...] = ("单位",)) -> bytes:
    """A CSV table of units: the key columns, then every input of the seed."""
    names = list(seed_figures())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(keys) + names)
    for row in rows:
        writer.writerow([row.get(k, "") for k in keys] + [row.get(n, "") for n in names])
    return out.getvalue().encode("utf-8")


def units_jsonl(rows: list[dict[str, str]]) -> bytes:
    """The same table as JSON lines: read and scored row by row in Python, where a CSV goes
    through DuckDB's query (whose building costs a few seconds: the tests that are not about
    CSV use this)."""
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")


def three_units() -> list[dict[str, str]]:
    """The seed (92.00, 优); the seed with 年初预算 mistyped; the seed with 满意度 80%."""
    first = {"单位": "汇通", **seed_figures()}
    second = {**first, "单位": "甲单位", "年初预算": "四十万"}
    third = {**first, "单位": "乙单位", "满意度": "80%"}
    return [first, second, third]


def carried_of(page: str) -> dict[str, str]:
    """The hidden fields a page carries its upload back in."""
    fields = {}
    for name in ("filename", "carried", "keys", "lang"):
        match = re.search(rf'<form[^>]*class="(?:batch|audit)-downloads".*?name="{name}" '
                          rf'value="([^"]*)"', page, re.S)
        if match:
            fields[name] = html.unescape(match.group(1))  # as a browser reads the attribute
    return fields


def post_carried(client, url: str, fields: dict[str, str], **extra):
    """Post a carried upload back, as the page's download buttons do (multipart)."""
    return client.post(url, data={**fields, **extra}, files={"none": ("", b"")})


def cells(html: str, row_id: str) -> list[str]:
    match = re.search(rf'<tr[^>]*id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, f"no row {row_id}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>",
                                                                    match.group(1), re.S)]


# --- Batch ---------------------------------------------------------------------------------------

def test_the_batch_page_asks_for_a_table_and_is_linked_from_home_and_the_form(client):
    """GET /batch/RUBRIC offers a file box for CSV, Excel and JSON lines and a box for the key
    columns; the home page and the fill page link to it."""
    page = client.get(BATCH_URL)
    assert page.status_code == 200
    assert 'name="file" accept=".csv,.xlsx,.jsonl"' in page.text and 'name="keys"' in page.text
    assert f'href="/batch/{SEED}?lang=zh"' in client.get("/").text
    assert f'href="/batch/{SEED}?lang=zh"' in client.get(SEED_URL).text
    assert "Score many units" in client.get(BATCH_URL + "?lang=en").text


def test_a_csv_of_units_is_scored_row_by_row_as_the_api_scores_each(client, seed):
    """Three units in a CSV: the page counts 3, one with problems; each row's subtotals, total
    and grade are those `CompiledRubric.evaluate` gives that row alone; the problems of the bad
    row are listed with their messages; the column that is no input is kept as the key."""
    rows = three_units()
    page = client.post(BATCH_URL, files={"file": ("units.csv", units_csv(rows))},
                       data={"lang": "zh"}).text
    assert text_of(page, "batch-summary") == "units.csv：已评分 3 个单位，其中 1 个有问题。"
    assert "关键列（不是评价体系输入的列）：单位" in page
    for number, row in enumerate(rows, start=1):
        expected = seed.evaluate({k: v for k, v in row.items() if k != "单位"})
        tops = [g for g in expected.groups if len(g.path) == 1]
        shown = cells(page, f"row{number}")
        assert shown[:2] == [str(number), row["单位"]]
        assert shown[2:6] == [f"{g.score:.2f}" for g in tops]
        assert shown[6:8] == [f"{expected.total:.2f}", expected.grade]
    assert cells(page, "row1")[6:8] == ["92.00", "优"]
    problems = text_of(page, "problems2") + page[page.index('id="problems2"'):][:3000]
    assert "甲单位" in problems
    assert "`年初预算` 应为金额（万元），实际为 `四十万`" in problems
    assert "指标 `预算完成率` 无法计分" in problems
    assert 'id="problems1"' not in page and 'id="problems3"' not in page


BUDGET_UNITS = """\
单位,年度预算数,执行数,计划完成数,实际完成数,违规问题数,制度评价,满意度
示例单位A,120,1026000元,40,37,1,较好,93.5%
"=HYPERLINK(""http://x"")",100,95,0,3,,好,96%
示例单位C,100,95万元,10,10,0,好,96
"""


@pytest.fixture(scope="module")
def budget(tmp_path_factory):
    """A folder with docs/examples/budget.rubric (seven inputs: its DuckDB query is quick to
    build), its client and the rubric compiled."""
    folder = tmp_path_factory.mktemp("budget")
    source = ROOT / "docs" / "examples" / "budget.rubric"
    (folder / source.name).write_text(source.read_text("utf-8"), "utf-8")
    return client_for(folder), perfdsl.compile_file(source), "/batch/budget.rubric"


def test_the_scored_table_downloads_as_perfdsl_score_writes_it(budget, tmp_path):
    """After scoring, the page carries the table back, and each download is the file
    `perfdsl score RUBRIC units.csv --key 单位 -o scored.<format>` writes: CSV byte for byte;
    Parquet, Excel and JSON lines with the same rows. Each is an attachment named after the
    table; a key cell that looks like a formula stays text in the workbook."""
    import duckdb
    import openpyxl

    client, rubric, url = budget
    content = BUDGET_UNITS.encode("utf-8")
    page = client.post(url, files={"file": ("单位表.csv", content)}).text
    assert "单位表.csv：已评分 3 个单位，其中 2 个有问题。" in page  # D005, and D003 for `96`
    fields = carried_of(page)
    assert fields["filename"] == "单位表.csv" and fields["keys"] == ""
    source = tmp_path / "units.csv"
    source.write_bytes(content)
    expected = {}
    for kind, (suffix, _) in batch_module.OUTPUTS.items():
        tables.score_table(rubric, source, ["单位"], tmp_path / f"scored{suffix}")
        expected[kind] = (tmp_path / f"scored{suffix}").read_bytes()
        response = post_carried(client, f"{url}/download/{kind}", fields)
        assert response.status_code == 200, (kind, response.text[:500])
        assert quote(f"单位表-评分{suffix}", safe="") in response.headers["content-disposition"]
        (tmp_path / f"got{suffix}").write_bytes(response.content)
    assert (tmp_path / "got.csv").read_bytes() == expected["csv"]
    assert (tmp_path / "got.jsonl").read_bytes() == expected["jsonl"]
    want = list(csv.reader(io.StringIO(expected["csv"].decode("utf-8"))))
    parquet = duckdb.connect().execute(
        f"SELECT * FROM read_parquet('{tmp_path / 'got.parquet'}')").fetchall()
    assert [_plain_row(r) for r in parquet] == [_plain_row(r) for r in want[1:]]
    got = openpyxl.load_workbook(tmp_path / "got.xlsx")
    assert_no_formulas((tmp_path / "got.xlsx").read_bytes())
    assert [[c.value for c in r] for r in got.active.iter_rows()] == [
        [c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "scored.xlsx").active.iter_rows()]
    assert got.active["A3"].value == '=HYPERLINK("http://x")' and got.active["A3"].quotePrefix


def _plain_row(row) -> list[str]:
    """A scored row as text, numbers to two places, whatever format it came from."""
    out = []
    for value in row:
        if value is None or value == "":
            out.append("")
        elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            out.append(f"{Decimal(str(value)):.2f}")
        else:
            text = str(value)
            out.append(f"{Decimal(text):.2f}" if re.fullmatch(r"-?\d+(\.\d+)?", text) else text)
    return out


def test_keys_named_on_the_page_and_columns_that_are_no_input(client):
    """Key columns named in the box (either comma) are the ones kept; a column that is neither
    an input nor a key is listed with its "did you mean"; a key the table lacks is a message
    naming the table's columns; with no key at all, units are told apart by their number."""
    rows = [{**r, "备注": f"第{i}行", "年初预算数": "1"} for i, r in enumerate(three_units())]
    content = units_jsonl(rows)
    page = client.post(BATCH_URL, files={"file": ("u.jsonl", content)},
                       data={"keys": "备注，单位"}).text
    assert "关键列：备注、单位" in page
    assert cells(page, "row2")[:3] == ["2", "第1行", "甲单位"]
    assert "未知的数据项 `年初预算数`" in page and "是否应为 `年初预算`" in page
    page = client.post(BATCH_URL, files={"file": ("u.jsonl", content)}, data={"keys": "编号"}).text
    assert "无法读取表格 u.jsonl" in page and "no key column 编号" in page
    plain = units_csv([{k: v for k, v in r.items() if k != "单位"} for r in three_units()], keys=())
    page = client.post(BATCH_URL, files={"file": ("u.csv", plain)}).text
    assert "没有关键列：各单位按序号区分" in page and cells(page, "row1")[5:7] == ["92.00", "优"]


def test_a_workbook_and_json_lines_of_units_score_as_the_csv_does(client):
    """The same units as an Excel table and as JSON lines give the same rows as the CSV."""
    import openpyxl

    rows = three_units()
    book = openpyxl.Workbook()
    reader = csv.reader(io.StringIO(units_csv(rows).decode("utf-8")))
    for line in reader:
        book.active.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    jsonl = units_jsonl(rows)
    pages = [client.post(BATCH_URL, files={"file": (name, content)}).text
             for name, content in (("u.csv", units_csv(rows)), ("u.xlsx", buffer.getvalue()),
                                   ("u.jsonl", jsonl))]
    for number in (1, 2, 3):
        assert len({tuple(cells(page, f"row{number}")) for page in pages}) == 1
    assert all("已评分 3 个单位，其中 1 个有问题" in page for page in pages)


def test_only_the_first_rows_are_shown_and_the_rest_counted(client):
    """A table of 130 units, every other one with a problem: the page shows the first 100 rows
    and says how many more there are; it lists the problems of the first 50 troubled units and
    counts the other 15."""
    good = {"单位": "", **seed_figures()}
    rows = [{**good, "单位": f"U{i}", **({"满意度": "95"} if i % 2 else {})} for i in range(130)]
    page = client.post(BATCH_URL, files={"file": ("u.jsonl", units_jsonl(rows))}).text
    assert "已评分 130 个单位，其中 65 个有问题" in page
    assert len(re.findall(r'<tr[^>]*id="row\d+"', page)) == batch_module.SHOWN_ROWS
    assert "只显示前 100 个单位，其余 30 个见下载的评分表" in page
    assert len(re.findall(r'<li id="problems\d+"', page)) == batch_module.SHOWN_PROBLEM_ROWS
    assert "另有 15 个单位有问题" in page
    assert "`满意度` 应为百分比，实际为 `95`" in text_of(page, "problems2") + page[
        page.index('id="problems2"'):][:600]


def test_tables_that_cannot_be_scored_get_a_plain_message(client, seed):
    """No file, a kind of file the page does not take (Parquet goes to `perfdsl score`), a file
    over the limit, a CSV in GBK, broken JSON lines, a table with no units, a workbook that is
    not one, one that unpacks too far, and a one-unit workbook: each a message on the batch
    page, never an error page."""
    cases = [
        (None, "请选择一个数据文件"),
        (("u.parquet", b"PAR1"), "只能上传 CSV / Excel / JSON lines 数据文件，而此文件是 u.parquet"),
        (("u.csv", b"a\n" + b"1\n" * MAX_UPLOAD_BYTES), "数据文件不能超过 1 MB"),
        (("u.csv", "单位,年初预算\n甲,40\n".encode("gbk")), "数据文件不是 UTF-8 编码"),
        (("u.jsonl", b'{"x": 1}\n{"x": \n'), "无法读取表格 u.jsonl"),
        (("u.jsonl", b"[" * 200_000), "无法读取表格 u.jsonl"),
        (("u.csv", units_csv([])), "表格中没有单位"),
        (("u.xlsx", b"PK\x03\x04 not a zip"), "此文件不是 Excel 工作簿"),
        (("u.xlsx", declared_bomb(MAX_TABLE_UNPACKED)), "此工作簿解压后超过 32 MB"),
        (("u.xlsx", template_bytes(seed)), "这是单个单位的工作簿"),
        (("u.xlsx", zip_of({"[Content_Types].xml": b"<x/>"})), "无法读取表格 u.xlsx"),
    ]
    for upload, message in cases:
        files = {"file": upload} if upload else {"none": ("", b"")}
        response = client.post(BATCH_URL, files=files)
        assert response.status_code == 200, (upload and upload[0], response.text[:300])
        assert message in response.text, (upload and upload[0], message)
        assert "perfdsl-serve-" not in response.text and tempfile.gettempdir() not in response.text


def declared_bomb(size: int) -> bytes:
    """A small zip whose parts declare more than `size` bytes unpacked (they do unpack so)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<c/>" * (size // 4 + 1))
    return buffer.getvalue()


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_language_switch_scores_the_carried_table_again(client):
    """On a scored table the language switch posts the carried table: the same rows come back
    in English, problems in English."""
    page = client.post(BATCH_URL, files={"file": ("u.jsonl", units_jsonl(three_units()))}).text
    english = post_carried(client, BATCH_URL, carried_of(page), switch_lang="en").text
    assert '<html lang="en">' in english
    assert "u.jsonl: 3 unit(s) scored, 1 with problems." in english
    assert cells(english, "row1") == cells(page, "row1")
    assert "`年初预算` should be money (万元), found `四十万`" in english


def test_a_carried_file_is_read_again_through_every_limit(client):
    """What a page carries back is checked as an upload is: text that is not what the page
    wrote is a plain 400 page; bytes over the limit are refused; an unknown format is 404."""
    bad = post_carried(client, f"{BATCH_URL}/download/csv", {"filename": "u.csv",
                                                             "carried": "%%% not base64"})
    assert bad.status_code == 400 and "请求无法读取" in bad.text
    import base64

    big = base64.b64encode(b"a\n" + b"1\n" * MAX_UPLOAD_BYTES).decode()
    over = post_carried(client, f"{BATCH_URL}/download/csv", {"filename": "u.csv", "carried": big})
    assert over.status_code in (400, 413)
    assert "不能超过 1 MB" in over.text or "请求太大" in over.text
    small = base64.b64encode(units_csv(three_units())).decode()
    assert post_carried(client, f"{BATCH_URL}/download/exe",
                        {"filename": "u.csv", "carried": small}).status_code == 404
    assert post_carried(client, f"{SEED_URL}/audit/pdf",
                        {"filename": "a.yaml", "carried": small}).status_code == 404


# --- Nothing is kept ------------------------------------------------------------------------------

def test_no_upload_leaves_a_file_behind(client, budget, seed, tmp_path, monkeypatch):
    """Every upload that must be on disk to be read — a workbook for the form, a table for the
    page and for each download, an audit download — is written into a temporary folder that is
    gone when the answer comes: the temporary directory is as empty after as before."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    budget_client, _, url = budget
    table = budget_client.post(url, files={"file": ("u.csv", BUDGET_UNITS.encode())}).text
    assert "已评分 3 个单位" in table
    post_carried(budget_client, f"{url}/download/parquet", carried_of(table))
    post_carried(budget_client, f"{url}/download/csv", carried_of(table))
    lines = client.post(BATCH_URL, files={"file": ("u.jsonl", units_jsonl(three_units()))}).text
    post_carried(client, f"{BATCH_URL}/download/xlsx", carried_of(lines))
    client.post(BATCH_URL, files={"file": ("u.xlsx", b"PK\x03\x04")})
    client.post(BATCH_URL, files={"file": ("u.xlsx", zip_of({"a": b"b"}))})
    filed = client.post(f"{SEED_URL}/upload", files={"file": ("s.xlsx", filed_workbook(seed))}).text
    assert 'id="audit"' in filed
    post_carried(client, f"{SEED_URL}/audit/xlsx", carried_of(filed))
    client.post(f"{SEED_URL}/upload", files={"file": ("t.xlsx", zip_of({"a": b"b"}))})
    assert list(tmp_path.iterdir()) == []


# --- Excel workbooks on the fill page -------------------------------------------------------------

def filled_template(seed) -> bytes:
    """`perfdsl template`'s workbook filled in as a person would in Excel: money and counts as
    numbers, percentages as numbers in their percentage cells, yes/no and levels as text."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template_bytes(seed)))
    figures = seed_figures()
    sheet = book["填报"]
    for row in range(4, sheet.max_row + 1):
        name = sheet.cell(row, 1).value
        if name not in figures:
            continue
        text = figures[name]
        cell = sheet.cell(row, 5)
        number = re.fullmatch(r"(-?\d+(?:\.\d+)?)(万元|人|处)?", text)
        if text.endswith("%"):
            cell.value = float(Decimal(text[:-1]) / 100)
            assert "%" in cell.number_format
        elif number:
            cell.value = float(number.group(1))
        else:
            cell.value = text
    facts = book["基本信息"]
    for row in range(2, facts.max_row + 1):
        if facts.cell(row, 1).value == "单位名称":
            facts.cell(row, 2).value = "汇通产业园事业服务中心"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filed_workbook(seed, score: int = 2) -> bytes:
    """The seed scored as `perfdsl score --format xlsx` writes it, with the printed score of
    工作规划合理性 changed to `score` (the rule gives 3), as a unit might file it."""
    import openpyxl

    from perfdsl.outputs.report import render_xlsx

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed.evaluate(
        perfdsl.load_data(SEED_DATA)), "zh")))
    sheet = book["自评表"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 3).value == "工作规划合理性")
    sheet.cell(row, 7).value = score
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_filled_template_workbook_fills_the_form_and_scores_92(client, seed, seed_layout):
    """`perfdsl template`'s workbook, filled in with numbers where Excel keeps numbers, fills the
    form: 92.00 and 优, a percentage cell's 0.95 shown as 95%, the unit's name among the facts;
    it records no claim, so no audit is shown."""
    page = client.post(f"{SEED_URL}/upload", files={"file": ("填报表.xlsx", filled_template(seed))}).text
    assert "已按 填报表.xlsx 填入" in page
    assert text_of(page, "total") == "92.00" and text_of(page, "grade") == "优"
    rate = next(f for f in seed_layout.fields if f.name == "满意度")
    assert f'name="f{rate.index}" value="95%"' in page
    assert 'value="汇通产业园事业服务中心"' in page
    assert 'id="audit"' not in page
    expected = seed.evaluate(workbook_of(filled_template(seed)))
    assert expected.total == Decimal("92.00")


def workbook_of(content: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.xlsx"
        path.write_bytes(content)
        return workbook.load(path)


def test_a_scored_form_fills_the_form_and_shows_its_audit(client, seed):
    """A form `perfdsl score --format xlsx` wrote fills the form (92.00); its printed scores are
    claims, so its audit is shown: none when unchanged; when one score is edited, that score
    (A101) and the subtotal that no longer adds up (A104)."""
    unchanged = filed_workbook(seed, score=3)
    page = client.post(f"{SEED_URL}/upload", files={"file": ("form.xlsx", unchanged)}).text
    assert text_of(page, "total") == "92.00"
    assert text_of(page, "audit-verdict") == "未发现不一致"
    page = client.post(f"{SEED_URL}/upload", files={"file": ("form.xlsx", filed_workbook(seed))}).text
    assert text_of(page, "audit-verdict") == "发现 2 处不一致，0 处仅差显示舍入"
    audit_part = page[page.index('id="audit"'):]
    assert re.search(r"A101</code>\s*<span class=\"what\">得分与评分规则不符</span>\s*"
                     r"<span class=\"subject\">自评表 · 工作规划合理性</span>", audit_part)
    assert '<dd class="claimed">2 分</dd>' in audit_part
    assert '<dd class="recomputed">3 分</dd>' in audit_part
    assert "A104" in audit_part


def test_workbooks_that_cannot_be_read_get_a_plain_message(client):
    """A workbook of neither kind (D022), one with a formula whose value was never saved (D021,
    naming its sheet and cell), a damaged one (D007 naming the file as uploaded, never the
    temporary folder), one that is no zip, and one that unpacks beyond the limit: each a message
    and an empty form."""
    import openpyxl

    other = openpyxl.Workbook()
    other.active["A1"] = "hello"
    unsaved = openpyxl.load_workbook(io.BytesIO(template_bytes(perfdsl.compile_file(SEED_RUBRIC))))
    unsaved["填报"]["E4"] = "=1+1"
    cases = [(book_bytes(other), "无法识别该工作簿：`w.xlsx` 中没有数据工作表"),
             (book_bytes(unsaved), "工作表 `填报` 的单元格 E4"),
             (zip_of({"[Content_Types].xml": b"<"}), "w.xlsx"),
             (b"not a zip", "此文件不是 Excel 工作簿"),
             (declared_bomb(MAX_WORKBOOK_UNPACKED), "此工作簿解压后超过 4 MB")]
    for content, expected in cases:
        response = client.post(f"{SEED_URL}/upload", files={"file": ("w.xlsx", content)})
        assert response.status_code == 200
        assert expected in response.text, expected
        assert "perfdsl-serve-" not in response.text and tempfile.gettempdir() not in response.text
        assert text_of(response.text, "total") == "0.00" or "未填" in response.text
    formula = client.post(f"{SEED_URL}/upload", files={"file": ("w.xlsx", book_bytes(unsaved))}).text
    assert "E4" in formula and "=1+1" in formula


def book_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- The audit of an uploaded file ----------------------------------------------------------------

def test_uploading_the_filed_seed_shows_every_discrepancy_of_perfdsl_audit(client, seed):
    """examples/huitong-2021.filed.yaml: the form is filled (92.00), and above it the audit lists
    the 24 findings `perfdsl audit` gives, in its order, each with its code, class, place and
    subject, the claimed and the recomputed value, the rule with its line and where the claim
    is in the file."""
    page = client.post(f"{SEED_URL}/upload", files={"file": (FILED.name, FILED.read_bytes())}).text
    assert text_of(page, "total") == "92.00"
    found = audit_report.audit_model(audit(seed, data.loads(FILED.read_text("utf-8"), FILED.name),
                                           "zh"), "zh")
    assert len(found["discrepancies"]) == 24
    assert text_of(page, "audit-verdict") == "发现 23 处不一致，1 处仅差显示舍入"
    shown = re.findall(r'<li class="discrepancy (\w+)">(.*?)</li>', page, re.S)
    assert len(shown) == 24
    from markupsafe import escape

    for (severity, card), d in zip(shown, found["discrepancies"]):
        assert severity == d["severity"]
        assert f'<code class="code">{d["code"]}</code>' in card
        assert f'<span class="what">{escape(d["what"])}</span>' in card
        assert f'{escape(d["place"])} · {escape(d["subject"])}' in card
        assert f'<dd class="claimed">{escape(d["claimed"])}</dd>' in card
        assert f'<dd class="recomputed">{escape(d["recomputed"])}</dd>' in card
        if d["rule"]:
            assert f'<dd class="rule">{escape(d["rule"])}</dd>' in card
        if d["where"]:  # a check of the unit's figures stands at no place of the file
            assert d["where"].startswith(FILED.name + ":")
            assert f'<dd class="where">{escape(d["where"])}</dd>' in card
    over = shown[12][1]
    assert "A107" in over and "扣 3 分" in over and "逐档扣分（第 116 行）" in over
    assert "资金来源与支出、结余相符" in page[page.index('class="audit-checks"'):]
    assert "填报·评分表" in page[page.index('class="audit-form"'):]


def test_the_audit_downloads_are_those_of_perfdsl_audit(client, seed):
    """The audit's Markdown, HTML and JSON downloads are exactly what `perfdsl audit --format`
    writes, in the page's language; its workbook has the same discrepancies, none as a formula."""
    import openpyxl

    page = client.post(f"{SEED_URL}/upload", files={"file": (FILED.name, FILED.read_bytes())},
                       data={"lang": "en"}).text
    fields = carried_of(page)
    assert fields["filename"] == FILED.name
    found = audit(seed, data.loads(FILED.read_text("utf-8"), FILED.name), "en")
    for kind in ("markdown", "html", "json", "xlsx"):
        response = post_carried(client, f"{SEED_URL}/audit/{kind}", fields)
        assert response.status_code == 200, kind
        name = f"huitong-2021.filed-audit.{'md' if kind == 'markdown' else kind}"
        assert quote(name, safe="") in response.headers["content-disposition"]
        expected = audit_report.RENDERERS[kind](found, "en")
        if kind == "xlsx":
            assert_no_formulas(response.content)
            got = openpyxl.load_workbook(io.BytesIO(response.content))
            want = openpyxl.load_workbook(io.BytesIO(expected))
            assert [[c.value for c in r] for s in got.worksheets for r in s.iter_rows()] == \
                [[c.value for c in r] for s in want.worksheets for r in s.iter_rows()]
        else:
            assert response.text == expected
    assert json.loads(post_carried(client, f"{SEED_URL}/audit/json", fields).text)[
        "exit_code"] == 1


def test_a_file_without_claims_shows_no_audit_and_bad_claims_say_why(client):
    """The seed's plain data file records no claim: no audit. A claim naming an indicator the
    rubric lacks makes the audit untrustworthy: it says so and lists the problem (D023)."""
    page = client.post(f"{SEED_URL}/upload", files={"file": ("d.yaml", SEED_DATA.read_bytes())}).text
    assert 'id="audit"' not in page
    content = SEED_DATA.read_bytes() + "\n填报:\n  表:\n    得分: {预算完成律: 2}\n".encode("utf-8")
    page = client.post(f"{SEED_URL}/upload", files={"file": ("d.yaml", content)}).text
    audit_part = page[page.index('id="audit"'):]
    assert "<h3>数据问题</h3>" in audit_part and "预算完成律" in audit_part
    assert '<p class="verdict error"' in audit_part


# --- Escaping -------------------------------------------------------------------------------------

HOSTILE_CLAIMS = """\
"完成率<script>x</script>": 50%
评价: 差
基本信息:
  单位名称: "<script>alert('unit')</script>"
填报:
  "<script>alert('place')</script>":
    得分:
      "指标\\"><img src=x onerror=alert(2)>": "<img src=x onerror=alert(3)>"
      "等次指标</textarea><script>alert(3)</script>": 99
      "<svg onload=alert(4)>": 1
    合计: 99
    等级: "<b>优</b>"
"""


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "hostile.rubric").write_text(HOSTILE_RUBRIC, "utf-8")
    return folder


def test_batch_and_audit_pages_escape_every_text_of_the_rubric_and_the_files(hostile):
    """Key cells, column names, file names, figures quoted in problems, claimed values, places,
    subjects and grades from the files, and the hostile rubric's names, are escaped on the
    batch page, its scored table, the audit of an uploaded file and its HTML download."""
    c = client_for(hostile)
    url = "/batch/hostile.rubric"
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["<script>alert('key')</script>", "完成率<script>x</script>",
                     "<img src=x onerror=alert(7)>"])
    writer.writerow(["\"><img src=x onerror=alert(5)>", "<script>alert(9)</script>", "1"])
    writer.writerow(["=HYPERLINK(\"http://x\")", "50%", "2"])
    content = table.getvalue().encode("utf-8")
    for keys in ("", "<script>alert('key')</script>"):
        page = c.post(url, files={"file": ("<svg onload=alert(1)>.csv", content)},
                      data={"keys": keys})
        assert page.status_code == 200
        assert_escaped(page.text)
        assert "&lt;script&gt;alert(9)&lt;/script&gt;" in page.text  # the figure, quoted
        assert "&lt;svg onload=alert(1)&gt;.csv" in page.text
    assert "&lt;img src=x onerror=alert(7)&gt;" in page.text  # the unknown column
    fields = carried_of(page.text)
    workbook_download = post_carried(c, f"{url}/download/xlsx", fields)
    assert workbook_download.status_code == 200
    assert_no_formulas(workbook_download.content)
    refused = c.post(url, files={"file": ("<img src=x onerror=alert(1)>.exe", b"x")})
    assert_escaped(refused.text)
    assert c.get(url).status_code == 200 and "<script>alert" not in c.get(url).text
    filed = c.post("/fill/hostile.rubric/upload",
                   files={"file": ("<b>x</b>.yaml", HOSTILE_CLAIMS.encode("utf-8"))})
    assert filed.status_code == 200
    assert 'id="audit"' in filed.text
    assert_escaped(filed.text)
    assert "&lt;script&gt;alert(&#39;place&#39;)&lt;/script&gt;" in filed.text or \
        "&lt;svg onload=alert(4)&gt;" in filed.text
    html = post_carried(c, "/fill/hostile.rubric/audit/html", carried_of(filed.text))
    assert html.status_code == 200
    assert_escaped(html.text)


def test_the_new_pages_use_no_inline_script_or_style(client, seed):
    """The batch page (empty and scored) and a form with its audit work under the page's own
    policy: no inline script, no style attribute, no URL of another site."""
    pages = [client.get(BATCH_URL).text,
             client.post(BATCH_URL, files={"file": ("u.jsonl", units_jsonl(three_units()))}).text,
             client.post(f"{SEED_URL}/upload", files={"file": (FILED.name, FILED.read_bytes())}).text]
    for page in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert " style=" not in page and " on" + "click=" not in page
        assert not re.search(r"https?://(?!127\.0\.0\.1)", page)


# --- Properties -----------------------------------------------------------------------------------

@settings(max_examples=30)
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx", ".jsonl", ".yaml", ".json"]))
def test_any_bytes_uploaded_get_a_page_never_an_error(content, suffix):
    """Whatever bytes are uploaded, under whatever name, the batch page and the fill page answer
    with a page (200), never the internal-error page, and no temporary path shows."""
    for url in (BATCH_URL, f"{SEED_URL}/upload"):
        response = _CLIENT.post(url, files={"file": ("f" + suffix, content)})
        assert response.status_code == 200, response.text[:500]
        assert "perfdsl-serve-" not in response.text


@settings(max_examples=15)
@given(st.lists(st.dictionaries(st.sampled_from(["单位", "年初预算", "满意度", "编制数",
                                                 "工作规划评价", "符合总体规划"]),
                                strategies.unicode_text(12), max_size=6), max_size=6))
def test_any_table_of_text_cells_scores_each_row_as_the_api_does(rows):
    """For any cells of text (random, in any script), each shown row's total and grade are those
    `CompiledRubric.evaluate` gives the row's figures, read from the same cells."""
    rows = [{k: v.replace("\x00", "") for k, v in r.items()} for r in rows]
    jsonl = "\n".join(json.dumps({"单位": "", **r}, ensure_ascii=False) for r in rows).encode()
    page = _CLIENT.post(BATCH_URL, files={"file": ("u.jsonl", jsonl)}).text
    compiled = _SEED
    for number, row in enumerate(rows, start=1):
        figures = {k: v for k, v in row.items() if k != "单位" and v != ""}
        expected = compiled.evaluate(figures)
        shown = cells(page, f"row{number}")
        assert shown[-3:-1] == [f"{expected.total:.2f}", expected.grade or ""]


_CLIENT = client_for(ROOT / "rubrics")
_SEED = perfdsl.compile_file(SEED_RUBRIC)
