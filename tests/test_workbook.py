"""Excel in and out: the fill-in template, reading it back, reading back a scored form, unsaved
formulas, and text that must never become a formula."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

import perfdsl
from perfdsl.data import workbook
from perfdsl.diagnostics import DataError
from perfdsl.outputs.fillin import template_bytes
from perfdsl.outputs.report import RENDERERS
from perfdsl.tools.audit import audit

from conftest import ROOT, SEED_RUBRIC, SEED_DATA

SEED = perfdsl.compile_file(SEED_RUBRIC)
PROJECT = perfdsl.compile_file(ROOT / "rubrics" / "project-expenditure.rubric")
ROAD = ROOT / "examples" / "project-2023-road.yaml"


def fill_template(compiled, data_path, path, claims=None, reasons=None):
    """Fill `perfdsl template`'s workbook as a unit would: every figure of a YAML data file in
    the 填写 column (typed into the cell as the file writes it), the header facts, and
    optionally claimed scores and 偏差原因 on the 指标 sheet."""
    path.write_bytes(template_bytes(compiled))
    book = load_workbook(path)
    data = perfdsl.load_data(data_path)
    given = {f.name: f.value for f in data.figures}
    sheet = book["填报"]
    for row in range(4, sheet.max_row + 1):
        name = sheet.cell(row=row, column=1).value
        if name in given:
            sheet.cell(row=row, column=5).value = str(given[name])
    meta = book["基本信息"]
    for row, (key, value) in enumerate(data.meta.items(), start=2):
        if not isinstance(value, dict):
            meta.cell(row=row, column=1).value = key
            meta.cell(row=row, column=2).value = str(value)
    indicators = book["指标"]
    for row in range(3, indicators.max_row + 1):
        name = indicators.cell(row=row, column=1).value
        if claims and name in claims:
            indicators.cell(row=row, column=5).value = claims[name]
        if reasons and name in reasons:
            indicators.cell(row=row, column=8).value = reasons[name]
    book.save(path)


def test_template_has_a_row_per_input_with_dropdowns_and_formats(tmp_path):
    """The template lists every input with its label, type and range; yes/no and levels have
    dropdowns, money and percentages number formats; a hidden sheet says what it is."""
    path = tmp_path / "填报表.xlsx"
    path.write_bytes(template_bytes(SEED))
    book = load_workbook(path)
    assert book.sheetnames == ["填报", "基本信息", "指标", "填报汇总", "perfdsl"]
    assert book["perfdsl"].sheet_state == "hidden"
    sheet = book["填报"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(4, sheet.max_row + 1)}
    assert set(rows) == {i.name for i in SEED.model.inputs}
    assert sheet.cell(row=rows["在职人员数"], column=2).value == "在职人员"
    assert sheet.cell(row=rows["满意度"], column=4).value == "≥ 0%, ≤ 100%"
    assert sheet.cell(row=rows["满意度"], column=5).number_format == "0.00%"
    assert sheet.cell(row=rows["年初预算"], column=5).number_format == "0.00"
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"是,否"' in lists and '"好,较好,一般,较差"' in lists
    assert book["指标"].cell(row=2, column=8).value == "偏差原因分析及改进措施"


@pytest.mark.parametrize("compiled,data_path", [(SEED, SEED_DATA), (PROJECT, ROAD)])
def test_filled_template_scores_as_the_yaml(tmp_path, compiled, data_path):
    """The template filled by a test with a YAML file's figures scores exactly as the YAML:
    every indicator, every group, the total and the grade."""
    path = tmp_path / "填报表.xlsx"
    fill_template(compiled, data_path, path)
    from_yaml = compiled.evaluate(perfdsl.load_data(data_path))
    from_xlsx = compiled.evaluate(workbook.load(path))
    assert from_xlsx.problems == ()
    assert from_xlsx.scores == from_yaml.scores
    assert [g.score for g in from_xlsx.groups] == [g.score for g in from_yaml.groups]
    assert (from_xlsx.total, from_xlsx.grade) == (from_yaml.total, from_yaml.grade)


@pytest.mark.parametrize("compiled,data_path", [(SEED, SEED_DATA), (PROJECT, ROAD)])
def test_a_filled_template_audits_as_the_yaml(tmp_path, compiled, data_path):
    """A default is said in the description, never typed into the cell to fill: a cell left
    empty is a figure not given, so checks on what was given (已填) see what the YAML gives."""
    import yaml

    path = tmp_path / "填报表.xlsx"
    reasons = yaml.safe_load(data_path.read_text(encoding="utf-8")).get("偏差原因")
    fill_template(compiled, data_path, path, reasons=reasons)
    sheet = load_workbook(path)["填报"]
    given = {f.name for f in perfdsl.load_data(data_path).figures}
    for row in range(4, sheet.max_row + 1):
        name = sheet.cell(row=row, column=1).value
        if name not in given:
            assert sheet.cell(row=row, column=5).value is None, name
    defaulted = [i for i in compiled.model.inputs if i.default is not None]
    assert defaulted or compiled is PROJECT
    assert all("默认值" in sheet.cell(row=r, column=6).value
                             for r in range(4, sheet.max_row + 1)
                             if sheet.cell(row=r, column=1).value in {i.name for i in defaulted})
    from_yaml = audit(compiled, perfdsl.load_data(data_path))
    from_xlsx = audit(compiled, workbook.load(path))
    assert [d.code for d in from_xlsx.discrepancies] == [d.code for d in from_yaml.discrepancies]


def test_percentages_typed_as_numbers_in_a_percentage_cell(tmp_path):
    """A number in a percentage-formatted cell is the percentage it shows (0.95 → 95%); a bare
    number in a General cell for a percentage input is reported as in YAML (D003)."""
    path = tmp_path / "t.xlsx"
    fill_template(SEED, SEED_DATA, path)
    book = load_workbook(path)
    sheet = book["填报"]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == "满意度")
    sheet.cell(row=row, column=5).value = 0.95
    book.save(path)
    assert SEED.evaluate(workbook.load(path)).figures["满意度"] == Decimal("0.95")
    sheet.cell(row=row, column=5).number_format = "General"
    sheet.cell(row=row, column=5).value = 95
    book.save(path)
    problems = SEED.evaluate(workbook.load(path)).problems
    assert [p.code for p in problems][:1] == ["D003"]


def test_claims_and_reasons_from_the_template(tmp_path):
    """The 指标 sheet's 自评得分 and 偏差原因 columns are the claims and reasons: a wrong
    claimed score is found by audit, the reason is on the result."""
    path = tmp_path / "t.xlsx"
    fill_template(PROJECT, ROAD, path, claims={"危桥改造数量": 7},
                  reasons={"危桥改造数量": "汛期顺延"})
    found = audit(PROJECT, workbook.load(path), "zh")
    assert [(d.kind, d.subject) for d in found.discrepancies] == [("score", "危桥改造数量")]
    assert found.result.indicator("危桥改造数量").reason == "汛期顺延"


def test_a_formula_with_no_saved_value_is_a_data_problem(tmp_path):
    """A formula cell that was never computed and saved (openpyxl writes none) is D021 with its
    sheet and cell, never a silent 0."""
    path = tmp_path / "t.xlsx"
    fill_template(SEED, SEED_DATA, path)
    book = load_workbook(path)
    book["填报"]["E6"] = "=40.11*1"
    book.save(path)
    with pytest.raises(DataError) as raised:
        workbook.load(path)
    (problem,) = raised.value.diagnostics
    assert problem.code == "D021" and problem.args["cell"] == "E6"


def test_an_unknown_workbook_is_reported(tmp_path):
    """A workbook that is neither perfdsl's template nor its form is D022."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["满意度", "95%"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    with pytest.raises(DataError) as raised:
        workbook.load(path)
    assert raised.value.diagnostics[0].code == "D022"


@pytest.mark.parametrize("compiled,data_path", [(SEED, SEED_DATA), (PROJECT, ROAD)])
def test_a_scored_form_read_back_scores_the_same(tmp_path, compiled, data_path):
    """`--format xlsx` carries the figures: read back, the form scores the same total, and its
    printed scores are claims that audit finds true."""
    result = compiled.evaluate(perfdsl.load_data(data_path))
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(RENDERERS["xlsx"](result, "zh"))
    again = compiled.evaluate(workbook.load(path))
    assert again.total == result.total and again.scores == result.scores
    found = audit(compiled, workbook.load(path), "zh")
    assert found.exit_code == 0, found.discrepancies
    claims = {c.subject for c in found.claims.claims if c.kind == "score"}
    assert {ind.name for ind in result.indicators} - {"预算执行率"} <= claims


def test_an_edited_score_in_a_scored_form_is_found(tmp_path):
    """Change a score in the scored form as a spreadsheet user would: audit finds it, and that
    its group's printed subtotal is no longer the sum of its rows."""
    result = SEED.evaluate(perfdsl.load_data(SEED_DATA))
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(RENDERERS["xlsx"](result, "zh"))
    book = load_workbook(path)
    sheet = book["自评表"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 3).value == "预算完成率")
    sheet.cell(row=row, column=7).value = 2
    book.save(path)
    found = audit(SEED, workbook.load(path), "zh")
    assert [(d.kind, d.subject) for d in found.discrepancies] == [("score", "预算完成率"),
                                                                   ("sum", "预算执行")]


def test_text_from_a_data_file_never_becomes_a_formula(tmp_path):
    """A unit name or figure that starts with = + - @ is written into every workbook as text."""
    data = perfdsl.load_data(SEED_DATA)
    from perfdsl.data.figures import DataFile

    data = DataFile(figures=data.figures, meta={**data.meta, "单位名称": "=HYPERLINK(\"x\")",
                                                "填报日期": "@SUM(A1)"}, source=None)
    result = SEED.evaluate(data)
    path = tmp_path / "f.xlsx"
    path.write_bytes(RENDERERS["xlsx"](result, "zh"))
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert any(c.value == "=HYPERLINK(\"x\")" for row in book["基本信息"].iter_rows()
               for c in row)
