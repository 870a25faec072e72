"""Workbooks a unit fills in, and the sheets that let a scored form be read back.

`template_bytes(compiled)` is the 填报表 of `perfdsl template RUBRIC -o 填报表.xlsx`:

- 填报 (figures): one row per input — its name, label, type and unit, declared range, a cell
  to fill, its description. Yes/no and level inputs get a dropdown (data validation); money,
  counts and percentages get a number format (`0.00`, `0`, `0.00%`).
- 基本信息: the facts of the form's header (单位名称, 填报日期…, 项目名称… for a 项目支出 form).
- 指标: one row per indicator — its weight and 年度指标值 beside cells for the 偏差原因分析及
  改进措施 and, for a filed form, the 自评得分 and printed 指标值 it claims.
- 填报汇总: the claimed subtotals, total and grade.
- perfdsl (hidden): which rubric and which layout, so the reader knows the workbook.

`figures_sheets(book, result)` adds the 数据 and 基本信息 sheets to the workbook of
`perfdsl score --format xlsx`, so that form, edited in a spreadsheet program, can be scored or
audited again (`perfdsl.data.workbook`).

Every text written here goes in as text, never as a formula, even when it starts with = + - @
(`put`): a label or a figure from someone else's data file cannot run in Excel.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.language.source import cell_width
from perfdsl.language.spacing import normal

MARKER_SHEET = "perfdsl"
TEMPLATE_SCHEMA = "perfdsl.template"
FORM_SCHEMA = "perfdsl.form"

SHEETS = {
    "zh": {"figures": "填报", "meta": "基本信息", "indicators": "指标", "totals": "填报汇总",
           "data": "数据", "reasons": "偏差原因"},
    "en": {"figures": "Figures", "meta": "Header", "indicators": "Indicators",
           "totals": "Totals", "data": "Data", "reasons": "Reasons"},
}
HEADINGS = {
    "zh": {"name": "名称", "label": "标签", "type": "类型", "range": "范围", "value": "填写",
           "description": "说明", "key": "项目", "indicator": "指标", "path": "所属指标组",
           "weight": "分值", "goal": "年度指标值", "claimed": "自评得分",
           "printed": "填报指标值", "reason": "偏差原因分析及改进措施",
           "statement": "得分说明", "total": "合计", "grade": "等级",
           "default": "不填则取默认值 {default}",
           "figures_note": "在“填写”列填入本单位的数据：金额可写 40.11 或 40.11万元，百分比写 95%，是否与等次从下拉列表中选择。",
           "indicators_note": "“自评得分”“填报指标值”“得分说明”填写报送的自评表上的内容（审核用，可不填）；偏差较大的指标请说明偏差原因。"},
    "en": {"name": "name", "label": "label", "type": "type", "range": "range", "value": "value",
           "description": "description", "key": "item", "indicator": "indicator",
           "path": "group", "weight": "weight", "goal": "target", "claimed": "claimed score",
           "printed": "printed value", "reason": "reasons for deviation and measures",
           "statement": "statement", "total": "total", "grade": "grade",
           "default": "left empty: {default}",
           "figures_note": "Fill in the value column: money as 40.11 or 40.11万元, percentages as 95%, yes/no and levels from the list.",
           "indicators_note": "The claimed columns hold what the filed form states (for an audit; optional)."},
}
META_FIELDS = {
    "department": ("单位名称", "填报日期", "单位负责人", "上年结转金额", "年初预算金额", "预算调整金额",
                   "其他调整资金", "预算执行金额", "年末结余金额"),
    "project": ("项目名称", "主管部门", "实施单位", "年度总体目标", "实际完成情况"),
}


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell: a number as a number, anything else as text — never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, bool) or value is None:
        cell.value = value
    elif isinstance(value, (int, float)):
        cell.value = value
    elif isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else float(value)
    else:
        text = _printable(str(value))
        cell.value = text
        cell.data_type = "s"  # `=1+1` stays the text `=1+1`
    return cell


def append(sheet: Any, values: list[Any]) -> int:
    """Write a row after the last one (as `put` writes each cell); return its number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
    return row


def _printable(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _type_words(decl: Any, lang: str) -> str:
    return decl.type.describe(lang)


def _range_words(decl: Any) -> str:
    from perfdsl.checks.model import describe_bounds

    return describe_bounds(decl.bounds, decl.type) if decl.bounds else ""


def _number_format(decl: Any) -> str | None:
    t = decl.type
    if t.kind != "quantity":
        return None
    if t.display in ("percent",):
        return "0.00%"
    if t.display == "money":
        return "0.00"
    if t.display == "count":
        return "0"
    return None


def template_bytes(compiled: Any, lang: str = "zh") -> bytes:
    """The fill-in workbook for a rubric (see the module's docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    rubric = compiled.model
    names, heads = SHEETS[lang], HEADINGS[lang]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF7D6")
    book = Workbook()
    sheet = book.active
    sheet.title = names["figures"]
    title = (rubric.title or "") + (f"（{rubric.year}年度）" if rubric.year else "")
    put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    put(sheet, 2, 1, heads["figures_note"])
    columns = ["name", "label", "type", "range", "value", "description"]
    for i, key in enumerate(columns, start=1):
        put(sheet, 3, i, heads[key]).font = bold
    scales = {scale.name: scale for scale in rubric.scales}
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    for row, decl in enumerate(rubric.inputs, start=4):
        put(sheet, row, 1, decl.name)
        put(sheet, row, 2, decl.label or "")
        put(sheet, row, 3, _type_words(decl, lang))
        put(sheet, row, 4, _range_words(decl))
        value = sheet.cell(row=row, column=5)
        value.fill = fill
        number_format = _number_format(decl)
        if number_format:
            value.number_format = number_format
        if decl.type.kind == "bool":
            yes_no.add(value)
        elif decl.type.kind == "level" and decl.type.scale in scales:
            levels = ",".join(lv.name for lv in scales[decl.type.scale].levels)
            validation = DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True)
            sheet.add_data_validation(validation)
            validation.add(value)
        # A default is said, not filled in: a filled cell reads back as a figure the unit gave,
        # which 已填(…) checks and audits would then see as stated.
        description = decl.description or ""
        if decl.default is not None:
            note = heads["default"].format(default=fmt.value(decl.default, decl.type, lang))
            description = f"{description}（{note}）" if description and lang == "zh" \
                else f"{description} ({note})" if description else note
        put(sheet, row, 6, description)
    for i, width in enumerate((22, 30, 14, 16, 16, 40), start=1):
        sheet.column_dimensions[chr(64 + i)].width = width
    sheet.freeze_panes = "A4"

    meta = book.create_sheet(names["meta"])
    put(meta, 1, 1, heads["key"]).font = bold
    put(meta, 1, 2, heads["value"]).font = bold
    for row, key in enumerate(META_FIELDS.get(rubric.layout, META_FIELDS["department"]), start=2):
        put(meta, row, 1, key)
        meta.cell(row=row, column=2).fill = fill
    meta.column_dimensions["A"].width = 18
    meta.column_dimensions["B"].width = 40

    indicators = book.create_sheet(names["indicators"])
    put(indicators, 1, 1, heads["indicators_note"])
    keys = ["indicator", "path", "weight", "goal", "claimed", "printed", "statement", "reason"]
    for i, key in enumerate(keys, start=1):
        put(indicators, 2, i, heads[key]).font = bold
    for row, ind in enumerate(rubric.indicators, start=3):
        put(indicators, row, 1, ind.name)
        put(indicators, row, 2, " › ".join(ind.path[:-1]))
        put(indicators, row, 3, ind.weight)
        put(indicators, row, 4, _goal_words(ind))
        for column in (5, 6, 7, 8):
            indicators.cell(row=row, column=column).fill = fill
        indicators.cell(row=row, column=8).alignment = Alignment(wrap_text=True)
    for i, width in enumerate((24, 20, 8, 16, 10, 12, 24, 40), start=1):
        indicators.column_dimensions[chr(64 + i)].width = width
    indicators.freeze_panes = "A3"

    totals = book.create_sheet(names["totals"])
    put(totals, 1, 1, heads["key"]).font = bold
    put(totals, 1, 2, heads["claimed"]).font = bold
    row = 2
    stack = list(reversed(rubric.groups))
    while stack:
        node = stack.pop()
        if hasattr(node, "children"):
            put(totals, row, 1, node.name)
            totals.cell(row=row, column=2).fill = fill
            row += 1
            stack.extend(reversed(node.children))
    for key in ("total", "grade"):
        put(totals, row, 1, heads[key])
        totals.cell(row=row, column=2).fill = fill
        row += 1
    totals.column_dimensions["A"].width = 24

    _marker(book, TEMPLATE_SCHEMA, rubric, lang)
    from perfdsl.outputs.xlsx import book_bytes

    return book_bytes(book)


def _goal_words(ind: Any) -> str:
    goal = ind.goal
    if goal is None:
        return ""
    if goal.qualitative:
        return goal.text or ""
    op = {">=": "≥", "<=": "≤", "=": "="}[goal.op]
    return f"{op} {normal(goal.expr.span.text)}"


def _marker(book: Any, schema: str, rubric: Any, lang: str) -> None:
    sheet = book.create_sheet(MARKER_SHEET)
    for row, (key, value) in enumerate((("schema", schema), ("version", "1"),
                                        ("rubric", rubric.title or ""), ("layout", rubric.layout),
                                        ("lang", lang)), start=1):
        put(sheet, row, 1, key)
        put(sheet, row, 2, value)
    sheet.sheet_state = "hidden"


def figures_sheets(book: Any, result: Any, lang: str = "zh") -> None:
    """The 数据 and 基本信息 sheets of a scored form: every figure as the form writes it (so the
    workbook, edited, can be scored or audited again), and the data file's header facts."""
    names, heads = SHEETS[lang], HEADINGS[lang]
    data = book.create_sheet(names["data"])
    for i, key in enumerate(("name", "value", "type"), start=1):
        put(data, 1, i, heads[key])
    given = [i for i in result.program.inputs
             if result.given is None or i.name in result.given]  # defaults stay defaults
    for row, item in enumerate(given, start=2):
        value = result.exact(item.name)
        put(data, row, 1, item.name)
        put(data, row, 2, _figure_text(value, item.type))
        put(data, row, 3, item.type.describe(lang))
    data.column_dimensions["A"].width = max([cell_width(i.name) for i in result.program.inputs]
                                            + [10]) + 2
    data.column_dimensions["B"].width = 16
    if result.meta and names["meta"] not in book.sheetnames:
        meta = book.create_sheet(names["meta"])
        put(meta, 1, 1, heads["key"])
        put(meta, 1, 2, heads["value"])
        for row, (key, value) in enumerate(result.meta.items(), start=2):
            put(meta, row, 1, str(key))
            put(meta, row, 2, value if isinstance(value, (int, float, Decimal))
                else str(value))
    if result.reasons:
        reasons = book.create_sheet(names["reasons"])
        put(reasons, 1, 1, heads["indicator"])
        put(reasons, 1, 2, heads["reason"])
        for row, (name, text) in enumerate(result.reasons.items(), start=2):
            put(reasons, row, 1, name)
            put(reasons, row, 2, text)
    _marker(book, FORM_SCHEMA, result.rubric, lang)


def _figure_text(value: Any, type_: Any) -> Any:
    """A figure exactly, as text a data file would hold: 40.11万元, 61.68%, 是, 较好."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    from perfdsl.core import exact

    number = exact.approx(value)
    if type_.display == "percent":
        return fmt.plain(number * 100) + "%"
    if type_.unit and type_.unit != "*" and "/" not in type_.unit:
        return fmt.plain(number) + type_.unit
    return fmt.plain(number)


def with_figures(workbook: bytes, result: Any, lang: str = "zh") -> bytes:
    """A scored form's workbook with its 数据 and 基本信息 sheets added (`figures_sheets`)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:  # the form has no formulas: any text that looks like one is text
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    figures_sheets(book, result, lang)
    from perfdsl.outputs.xlsx import book_bytes

    return book_bytes(book)
