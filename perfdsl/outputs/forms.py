"""The 项目支出绩效自评表 of 财预〔2020〕10号, and what both printed forms share.

Expects a `Result` whose rubric chooses `表样 项目支出`. `project_model` lays the form out as
plain data, like `perfdsl.outputs.report.report_model` does for the 部门整体 form:

- the header: 项目名称, 主管部门, 实施单位 (from the data file's 基本信息);
- the funds block: 年初预算数, 全年预算数, 全年执行数 for 年度资金总额 and, under it, 当年财政拨款,
  上年结转资金 and 其他资金 (基本信息 › 资金), with the 分值, 执行率 and 得分 of the rubric's
  预算执行率 indicator on the 年度资金总额 row; its unit is the data's (`资金单位`, or the unit
  written with the figures, or the unit of the rubric's money inputs) — never assumed;
- 年度总体目标: 预期目标 beside 实际完成情况;
- the indicator table: 一级 / 二级 / 三级指标, 年度指标值, 实际完成值, 分值, 得分 and 偏差原因分析
  及改进措施, group cells merged over their rows, each group's subtotal;
- 总分 and the grade, then each indicator's 指标解释, 评分标准 and 政策依据 as numbered notes.

Every format renders that model: a terminal table, Markdown and HTML (one printable A4 page,
Jinja layouts in `layouts/` rendered in the sandbox), Excel (every text written as text) and
JSON (the result schema plus the form's blocks).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.checks.units import MONEY_UNITS
from perfdsl.core.results import Result
from perfdsl.language.source import cell_width

FUNDS_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
FUNDS_INDICATOR = "预算执行率"
HEADER_KEYS = ("项目名称", "主管部门", "实施单位")

LABELS = {
    "zh": {"title": "项目支出绩效自评表", "header": HEADER_KEYS, "funds": "项目资金",
           "funds_rows": ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"),
           "funds_columns": ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
           "goals": "年度总体目标", "expected": "预期目标", "achieved": "实际完成情况",
           "levels": ("一级指标", "二级指标", "三级指标"), "goal": "年度指标值",
           "actual": "实际完成值", "weight": "分值", "score": "得分",
           "reason": "偏差原因分析及改进措施", "total": "总分", "grade": "等级",
           "notes": "指标解释、评分标准与计算分析", "description": "指标解释", "standard": "评分标准",
           "explanation": "计算分析",
           "basis": "政策依据", "problems": "数据问题", "subtotal": "小计"},
    "en": {"title": "Project expenditure self-evaluation", "header": HEADER_KEYS,
           "funds": "Project funds",
           "funds_rows": ("Total funds of the year", "of which: appropriations of the year",
                          "carried over from last year", "other funds"),
           "funds_columns": ("Budget at the start", "Budget for the year", "Spent in the year",
                             "Weight", "Execution rate", "Score"),
           "goals": "Overall goals of the year", "expected": "Expected",
           "achieved": "Achieved", "levels": ("Level 1", "Level 2", "Level 3"),
           "goal": "Target", "actual": "Actual", "weight": "Weight", "score": "Score",
           "reason": "Reasons for deviation and measures", "total": "Total", "grade": "Grade",
           "notes": "Indicators explained, scoring standards and computations",
           "description": "meaning", "explanation": "computation",
           "standard": "standard", "basis": "basis", "problems": "Data problems",
           "subtotal": "Subtotal"},
}
_OPS = {">=": "≥", "<=": "≤", "=": "="}


# --- Shared by both forms ------------------------------------------------------------------------

def funds_unit(result: Result, figures: list[Any]) -> str:
    """The unit of a form's funds block, from the data: the 基本信息's `资金单位` (or `金额单位`),
    else a money unit written with the figures (`40.11万元`), else the unit the rubric's money
    inputs are declared in when they share one; empty when nothing says."""
    meta = result.meta
    for key in ("资金单位", "金额单位", "unit_of_money"):
        if meta.get(key):
            return str(meta[key])
    for value in figures:
        text = str(value).strip()
        for unit in sorted(MONEY_UNITS, key=len, reverse=True):
            if text.endswith(unit) and text[: -len(unit)].strip():
                return unit
    units = {i.type.unit for i in result.rubric.inputs if i.type.display == "money"}
    return units.pop() if len(units) == 1 else ""


def notes(result: Result, lang: str = "zh") -> list[dict[str, Any]]:
    """Each indicator's 指标解释, 评分标准 and 政策依据, numbered in the rubric's order, for
    the notes under a form (indicators with none of them are left out)."""
    out = []
    for ind in result.indicators:
        model = ind.indicator
        if not (model.description or model.standard or model.basis):
            continue
        out.append({"n": len(out) + 1, "name": ind.name,
                    "description": (model.description or "").rstrip("。"),
                    "standard": (model.standard or "").rstrip("。"), "basis": "；".join(model.basis)
                    if lang == "zh" else "; ".join(model.basis)})
    return out


def note_lines(model: dict[str, Any]) -> list[str]:
    """The notes of a form's model as text lines (terminal output)."""
    words = LABELS[model["lang"]]
    colon = "：" if model["lang"] == "zh" else ": "
    lines = []
    if model.get("notes"):
        lines += ["", model.get("notes_title", words["notes"]) + colon.strip()]
        for note in model["notes"]:
            parts = [f"{words[k]}{colon}{note[k].rstrip('。')}"
                     for k in ("description", "standard", "explanation", "basis") if note.get(k)]
            lines.append(f"  {note['n']}. {note['name']} — " + ("；" if model["lang"] == "zh"
                                                               else "; ").join(parts))
    if model.get("basis"):
        lines += ["", words["basis"] + colon + ("；" if model["lang"] == "zh" else "; ").join(
            model["basis"])]
    return lines


# --- The 项目支出 form ----------------------------------------------------------------------------

def _funds_indicator(result: Result):
    for ind in result.indicators:
        if ind.name == FUNDS_INDICATOR and len(ind.path) == 1:
            return ind
    return None


def _funds(result: Result, lang: str) -> tuple[list[dict[str, Any]], str]:
    meta = result.meta
    table = meta.get("资金") if isinstance(meta.get("资金"), dict) else {}
    rows = []
    written: list[Any] = []
    ind = _funds_indicator(result)
    for key, label in zip(FUNDS_ROWS, LABELS[lang]["funds_rows"]):
        given = table.get(key) or table.get(f"其中：{key}") or table.get(f"其中{key}") or {}
        if not isinstance(given, dict):
            given = {}
        if key == "年度资金总额":  # flat keys of 基本信息 also fill the total row
            given = {**{c: meta[c] for c in FUNDS_COLUMNS if c in meta}, **given}
        cells = [given.get(c) for c in FUNDS_COLUMNS]
        written += [c for c in cells if c is not None]
        row = {"label": label, "cells": ["" if c is None else str(c) for c in cells],
               "numbers": [_money(c) for c in cells], "weight": "", "rate": "", "score": "",
               "score_number": None, "weight_number": None}
        if key == "年度资金总额" and ind is not None:
            row.update(weight=fmt.weight(ind.weight), weight_number=ind.weight,
                       rate=fmt.value(ind.value, ind.indicator.value.type if ind.indicator.value
                                      is not None else None, lang),
                       score=fmt.score(ind.score), score_number=ind.score)
        if any(cells) or key == "年度资金总额":
            rows.append(row)
    return rows, funds_unit(result, written)


def _money(value: Any) -> Decimal | None:
    from perfdsl.data.claims import parse_number

    printed = parse_number(value)
    return printed.value if printed is not None and not printed.percent else None


def project_model(result: Result, lang: str = "zh") -> dict[str, Any]:
    """The 项目支出绩效自评表 as plain data: what every format (and a --template) sees."""
    from perfdsl.outputs.report import report_model

    base = report_model(result, lang)
    words = LABELS[lang]
    funds_ind = _funds_indicator(result)
    by_path = {ind.path: ind for ind in result.indicators}
    rows = []
    for row in base["rows"]:
        path = tuple(row["path"])
        if funds_ind is not None and path == funds_ind.path:
            continue
        ind = by_path.get(path) if row["kind"] == "indicator" else None
        rows.append({**row, "goal": _goal_text(ind, lang) if ind else "",
                     "actual": _actual_text(ind, lang) if ind else "",
                     # 不适用: why, in the column of reasons
                     "reason": (ind.reason or "") if ind else row["explanation"]
                     if row["kind"] == "not_applicable" else ""})
    funds, unit = _funds(result, lang)
    meta = {str(k): v for k, v in result.meta.items()}
    # The form has no 计算分析情况 column: each indicator's computation goes with its notes.
    from perfdsl.outputs.sentences import explanations

    texts = dict(zip((ind.name for ind in result.indicators), explanations(result, lang)))
    listed = {note["name"] for note in base["notes"]}
    notes_ = [dict(note, explanation=texts.get(note["name"], "")) for note in base["notes"]]
    notes_ += [{"n": 0, "name": ind.name, "description": "", "standard": "", "basis": "",
                "explanation": texts[ind.name]} for ind in result.indicators
               if ind.name not in listed]
    order = {ind.name: i for i, ind in enumerate(result.indicators)}
    notes_.sort(key=lambda note: order[note["name"]])
    for n, note in enumerate(notes_, start=1):
        note["n"] = n
    depth = base["depth"]
    levels = list(words["levels"][:depth]) if depth <= 3 else base["levels"]
    return {
        "lang": lang, "labels": {**base["labels"], **{k: v for k, v in words.items()
                                                      if isinstance(v, str)}},
        "layout": "project", "title": result.rubric.title or words["title"],
        "year": result.rubric.year,
        "header": [{"label": k, "value": str(meta.get(k, ""))} for k in HEADER_KEYS],
        "funds": funds, "funds_unit": unit,
        "funds_caption": f"{words['funds']}（{unit}）" if unit and lang == "zh"
        else (f"{words['funds']} ({unit})" if unit else words["funds"]),
        "funds_columns": list(words["funds_columns"]),
        "expected": str(meta.get("年度总体目标", "")), "achieved": str(meta.get("实际完成情况", "")),
        "levels": levels, "depth": depth, "rows": rows,
        "total": base["total"], "grade": base["grade"], "problems": base["problems"],
        "rescaled": base["rescaled"],
        "notes": notes_, "basis": base["basis"], "unit": str(meta.get("项目名称", "")),
    }


def _goal_text(ind: Any, lang: str) -> str:
    target = ind.target
    if target is None:
        return ""
    if target.op == "qualitative":
        return target.text or ""
    goal = ind.indicator.goal
    type_ = goal.expr.type if goal is not None and goal.expr is not None else None
    shown = fmt.value(target.value, type_, lang) if target.value is not None else "—"
    return f"{_OPS[target.op]} {shown}" if target.op != "=" else shown


def _actual_text(ind: Any, lang: str) -> str:
    if ind.target is None and ind.value is None:
        return ""
    type_ = ind.indicator.value.type if ind.indicator.value is not None else None
    return fmt.value(ind.value, type_, lang)


# --- Formats ------------------------------------------------------------------------------------

def render_table(result: Result, lang: str = "zh", template: Any = None) -> str:
    model = project_model(result, lang)
    labels = model["labels"]
    lines = [_title(model), ""]
    lines += [f"{h['label']}：{h['value']}" if lang == "zh" else f"{h['label']}: {h['value']}"
              for h in model["header"]]
    lines += ["", model["funds_caption"]]
    funds = [[""] + model["funds_columns"]] + [
        [r["label"], *r["cells"], r["weight"], r["rate"], r["score"]] for r in model["funds"]]
    lines += _aligned(funds, numeric_from=1)
    lines += ["", f"{labels['goals']}："
              if lang == "zh" else f"{labels['goals']}:",
              f"  {labels['expected']}：{model['expected']}" if lang == "zh"
              else f"  {labels['expected']}: {model['expected']}",
              f"  {labels['achieved']}：{model['achieved']}" if lang == "zh"
              else f"  {labels['achieved']}: {model['achieved']}", ""]
    from perfdsl.outputs.report import level_texts

    table = [model["levels"] + [labels["goal"], labels["actual"], labels["weight"],
                                labels["score"], labels["reason"]]]
    for row, texts in zip(model["rows"], level_texts(model)):
        score = row["score"] + (" !" if row.get("problem") else "")
        table.append(texts + [row["goal"], row["actual"], row["weight"], score, row["reason"]])
    table.append([labels["total"]] + [""] * (model["depth"] - 1) + [
        "", f"{labels['grade']} {model['grade']}", model["total"]["weight"],
        model["total"]["score"], ""])
    lines += _aligned(table, numeric_from=model["depth"], numeric_to=len(table[0]) - 1)
    if model["rescaled"]:
        lines += [""] + model["rescaled"]
    if model["problems"]:
        lines += ["", f"{labels['problems']}:"] + [f"  {p}" for p in model["problems"]]
    lines += note_lines(model)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _aligned(table: list[list[str]], numeric_from: int = 1,
             numeric_to: int | None = None) -> list[str]:
    numeric_to = len(table[0]) if numeric_to is None else numeric_to
    widths = [max(cell_width(r[i]) for r in table) for i in range(len(table[0]))]
    out = []
    for n, row in enumerate(table):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - cell_width(cell))
            cells.append(pad + cell if n and numeric_from <= i < numeric_to else cell + pad)
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("─" * w for w in widths))
    return out


def _title(model: dict[str, Any]) -> str:
    title = model["title"]
    if model["year"]:
        title += f"（{model['year']}年度）" if model["lang"] == "zh" else f" ({model['year']})"
    return title


def _render_layout(model: dict[str, Any], layout: str, template: Any) -> str:
    from perfdsl.outputs.report import level_texts, render_layout

    return render_layout({**model, "level_texts": level_texts(model)}, layout, template)


def render_markdown(result: Result, lang: str = "zh", template: Any = None) -> str:
    return _render_layout(project_model(result, lang), "project.md.j2", template)


def render_html(result: Result, lang: str = "zh", template: Any = None) -> str:
    return _render_layout(project_model(result, lang), "project.html.j2", template)


def render_json(result: Result, lang: str = "zh", template: Any = None) -> str:
    """The result schema (docs/results.md) with the form's blocks: `layout`, `meta`, `funds`,
    `overall_goal`, and each indicator's `explanation`."""
    from perfdsl.outputs.sentences import explanations

    model = project_model(result, lang)
    data = result.to_json(lang)
    data["layout"] = "project"
    data["meta"] = {str(k): str(v) for k, v in result.meta.items() if not isinstance(v, dict)}
    data["funds"] = {"unit": model["funds_unit"], "rows": [
        {"label": r["label"], **dict(zip(FUNDS_COLUMNS, r["cells"])),
         "weight": r["weight"] or None, "rate": r["rate"] or None, "score": r["score"] or None}
        for r in model["funds"]]}
    data["overall_goal"] = {"expected": model["expected"], "achieved": model["achieved"]}
    for item, text in zip(data["indicators"], explanations(result, lang)):
        item["explanation"] = text
    from perfdsl.outputs.report import explain_not_applicable

    explain_not_applicable(data, result, lang)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_xlsx(result: Result, lang: str = "zh", template: Any = None) -> bytes:
    """The form as a workbook: merged group cells, numbers as numbers, A4 landscape; every text
    written as text. The figures ride along (`fillin.figures_sheets`) so it can be read back."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from perfdsl.outputs.fillin import figures_sheets, put

    model = project_model(result, lang)
    labels = model["labels"]
    depth = model["depth"]
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表" if lang == "zh" else "Self-evaluation"
    bold = Font(bold=True)
    thin = Side(style="thin", color="444444")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(vertical="center", wrap_text=True)
    columns = depth + 5
    put(sheet, 1, 1, _title(model)).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    row = 2
    for item in model["header"]:
        put(sheet, row, 1, item["label"]).font = bold
        put(sheet, row, 2, item["value"])
        row += 1
    row += 1
    put(sheet, row, 1, model["funds_caption"]).font = bold
    row += 1
    for i, text in enumerate(model["funds_columns"], start=2):
        put(sheet, row, i, text).font = bold
    row += 1
    for r in model["funds"]:
        put(sheet, row, 1, r["label"])
        for i, (text, number) in enumerate(zip(r["cells"], r["numbers"]), start=2):
            put(sheet, row, i, number if number is not None else text)
        put(sheet, row, 5, r["weight_number"])
        put(sheet, row, 6, r["rate"])
        if r["score_number"] is not None:
            put(sheet, row, 7, r["score_number"]).number_format = "0.00"
        row += 1
    row += 1
    put(sheet, row, 1, labels["goals"]).font = bold
    put(sheet, row, 2, labels["expected"]).font = bold
    put(sheet, row, 4, labels["achieved"]).font = bold
    row += 1
    put(sheet, row, 2, model["expected"]).alignment = wrap
    put(sheet, row, 4, model["achieved"]).alignment = wrap
    row += 2
    header_row = row
    headings = model["levels"] + [labels["goal"], labels["actual"], labels["weight"],
                                  labels["score"], labels["reason"]]
    for i, text in enumerate(headings, start=1):
        cell = put(sheet, row, i, text)
        cell.font, cell.fill, cell.alignment = bold, grey, wrap
    row += 1
    for entry in model["rows"]:
        for cell_info in entry["cells"]:
            column = cell_info["column"] + 1
            put(sheet, row, column, cell_info["text"]).alignment = wrap
            if cell_info["rowspan"] > 1 or cell_info["colspan"] > 1:
                sheet.merge_cells(start_row=row, start_column=column,
                                  end_row=row + cell_info["rowspan"] - 1,
                                  end_column=column + cell_info["colspan"] - 1)
        values = [entry["goal"], entry["actual"], entry["weight_number"],
                  entry["score"] if entry["score_number"] is None else entry["score_number"],
                  entry["reason"]]
        for offset, value in enumerate(values):
            cell = put(sheet, row, depth + 1 + offset, value)
            cell.alignment = wrap
            if offset == 3:
                cell.number_format = "0.00"
            if entry["kind"] == "group":
                cell.font = bold
        row += 1
    put(sheet, row, 1, labels["total"]).font = bold
    put(sheet, row, depth + 2, f"{labels['grade']}：{model['grade']}")
    put(sheet, row, depth + 3, model["total"]["weight_number"])
    put(sheet, row, depth + 4, model["total"]["score_number"]).number_format = "0.00"
    for r in range(header_row, row + 1):
        for c in range(1, columns + 1):
            sheet.cell(row=r, column=c).border = border
    row += 2
    if model["notes"]:
        put(sheet, row, 1, labels["notes"]).font = bold
        for note in model["notes"]:
            row += 1
            put(sheet, row, 1, f"{note['n']}. {note['name']}")
            put(sheet, row, 2, "；".join(x for x in (note["description"], note["standard"],
                                                    note["basis"]) if x))
    for line in model["rescaled"]:  # each subtotal and total shared out (不适用)
        row += 1
        put(sheet, row, 1, line)
    for problem in model["problems"]:
        row += 1
        put(sheet, row, 1, problem)
    widths = [12] * depth + [16, 16, 8, 8, 36]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    figures_sheets(book, result, lang)
    from perfdsl.outputs.xlsx import book_bytes

    return book_bytes(book)


RENDERERS: dict[str, Any] = {"table": render_table, "markdown": render_markdown,
                             "html": render_html, "json": render_json, "xlsx": render_xlsx}

