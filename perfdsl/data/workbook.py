"""A unit's figures from an Excel workbook: the 填报表 `perfdsl template` writes, or the form
`perfdsl score --format xlsx` writes (so a scored form edited in a spreadsheet program can be
scored or audited again).

Expects a path to an .xlsx file. Guarantees a `DataFile` like the YAML reader's: figures by input
name, the header facts (基本信息), and the sections beside them — the claims of a filed form
(the 自评得分, printed values, statements, subtotals, total and grade; for a scored form, the
scores its table shows) and each indicator's 偏差原因. Every figure then goes through the same
checks as a YAML figure (`perfdsl.data.figures.coerce`): text cells such as `40.11万元` and `95%`
are read as text, a number in a percentage-formatted cell as the percentage it shows, any other
number as the number it is (so a percentage input given a bare 95 is reported, as in YAML).

A formula cell whose value the spreadsheet program never saved (a workbook written by a
program, not saved by Excel, WPS or LibreOffice) has no value to read: it is a data problem
(D021), never a silent 0. A workbook that is neither kind is D022.

openpyxl reads it (imported here only). python-calamine would read faster, but a one-unit
workbook is a few hundred cells, and calamine cannot tell a formula with no saved value from an
empty cell, which is the one thing this reader must not get wrong.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfdsl.data.figures import DataFile, Figure
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.outputs.fillin import FORM_SCHEMA, HEADINGS, MARKER_SHEET, SHEETS, TEMPLATE_SCHEMA

_SUBTOTAL_WORDS = {"小计", "Subtotal"}
_TOTAL_WORDS = {"合计", "总分", "Total"}
_SCORE_WORDS = {"评价得分", "得分", "Score"}
# What a form writes for a score the unit is not scored on (perfdsl.outputs.phrases.NOT_APPLICABLE):
# no claim of a score.
_NOT_SCORED_WORDS = {"不适用", "未选用", "not applicable", "not chosen"}
_LEVEL_WORDS = ("级指标", "Level ")


def is_workbook(path: str | Path) -> bool:
    return str(path).lower().endswith((".xlsx", ".xlsm"))


MAX_PARTS = 2000  # parts of an .xlsx archive (a workbook has a few dozen)
MAX_UNPACKED = 4_000_000  # bytes a one-unit workbook may unpack to (the seed's: about 50 KB)


def refusal(source: str | Path | bytes, max_unpacked: int = MAX_UNPACKED) -> str | None:
    """Why a workbook is not opened: `zip` (not an .xlsx at all), `parts` (too many parts) or
    `unpacked` (its parts unpack to more than `max_unpacked` bytes — a small file can unpack to
    gigabytes); None when it may be. Read from the archive's directory, before openpyxl."""
    import io
    import zipfile

    try:
        opened = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        with opened as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    if len(parts) > MAX_PARTS:
        return "parts"
    if sum(part.file_size for part in parts) > max_unpacked:
        return "unpacked"
    return None


def is_unit_workbook(path: str | Path) -> bool:
    """Whether an .xlsx is one unit's workbook (`perfdsl template`'s, or a scored form): it has
    perfdsl's marker sheet. A table of many units has not."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return False
    return f'name="{MARKER_SHEET}"' in book


_REFUSED = {
    "zip": ("it is not an Excel workbook (.xlsx)", "它不是 Excel 工作簿（.xlsx）"),
    "parts": (f"it has more than {MAX_PARTS:,} parts", f"其中的部件超过 {MAX_PARTS:,} 个"),
    "unpacked": (f"it unpacks to more than {MAX_UNPACKED:,} bytes",
                 f"解压后超过 {MAX_UNPACKED:,} 字节"),
}


def load(path: str | Path) -> DataFile:
    """Read a workbook; raise `DataError` when it cannot be read or has unsaved formulas."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # a broken install: openpyxl is a dependency
        raise DataError([Diagnostic("D022", None, {
            "reason": "openpyxl is not installed", "reason_zh": "未安装 `openpyxl`"})]) from None
    path = Path(path)
    refused = refusal(path)
    if refused == "zip":
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {_REFUSED['zip'][0]}"})])
    if refused is not None:
        en, zh = _REFUSED[refused]
        raise DataError([Diagnostic("D012", None, {
            "reason": en, "reason_zh": zh,
            "advice": "a unit's workbook is a few hundred cells: open it in Excel or WPS and save "
                      "it again, or give the figures as a YAML file",
            "advice_zh": "一个单位的填报表只有几百个单元格：请用 Excel 或 WPS 打开后重新保存，"
                         "或改用 YAML 数据文件"})])
    try:
        formulas = load_workbook(path, data_only=False, read_only=False)
        values = load_workbook(path, data_only=True, read_only=False)
    except Exception as error:  # noqa: BLE001 - zip, XML or file errors: all "cannot be read"
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {error}"})]) from None
    reader = _Reader(formulas, values, path.name)
    data = reader.read()
    if reader.unsaved:
        raise DataError(reader.unsaved)
    return data


class _Reader:
    def __init__(self, formulas: Any, values: Any, name: str):
        self.formulas, self.values, self.name = formulas, values, name
        self.unsaved: list[Diagnostic] = []

    def cell(self, sheet: str, row: int, column: int) -> Any:
        """A cell's value as a figure: text, a Decimal for a percentage-formatted number, the
        number's shortest text otherwise; None when empty."""
        formula = self.formulas[sheet].cell(row=row, column=column)
        cell = self.values[sheet].cell(row=row, column=column)
        value = cell.value
        if formula.data_type == "f" and value is None:
            self.unsaved.append(Diagnostic("D021", None, {
                "sheet": sheet, "cell": formula.coordinate, "formula": str(formula.value)}))
            return None
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if "%" in (cell.number_format or ""):
                return Decimal(repr(value))
            return repr(value) if isinstance(value, float) else str(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.date().isoformat() if isinstance(value, datetime.datetime) \
                else value.isoformat()
        text = str(value).strip()
        return text or None

    def rows(self, sheet: str, first: int = 1):
        for row in range(first, self.values[sheet].max_row + 1):
            yield row

    def schema(self) -> tuple[str | None, str]:
        if MARKER_SHEET in self.values.sheetnames:
            facts = {str(self.cell(MARKER_SHEET, r, 1)): self.cell(MARKER_SHEET, r, 2)
                     for r in self.rows(MARKER_SHEET)}
            return facts.get("schema"), str(facts.get("lang") or "zh")
        for lang, names in SHEETS.items():
            if names["figures"] in self.values.sheetnames:
                return TEMPLATE_SCHEMA, lang
            if names["data"] in self.values.sheetnames:
                return FORM_SCHEMA, lang
        return None, "zh"

    def read(self) -> DataFile:
        schema, lang = self.schema()
        if schema == TEMPLATE_SCHEMA:
            return self.template(lang)
        if schema == FORM_SCHEMA:
            return self.form(lang)
        raise DataError([Diagnostic("D022", None, {
            "reason": f"{self.name} has no sheet of figures ({SHEETS['zh']['figures']}, "
                      f"{SHEETS['zh']['data']})",
            "reason_zh": f"`{self.name}` 中没有数据工作表（{SHEETS['zh']['figures']}、"
                         f"{SHEETS['zh']['data']}）"})])

    def pairs(self, sheet: str, first: int, key: int, value: int) -> list[tuple[str, Any]]:
        out = []
        for row in self.rows(sheet, first):
            name = self.cell(sheet, row, key)
            if name is None:
                continue
            out.append((str(name), self.cell(sheet, row, value)))
        return out

    def meta(self, lang: str) -> dict[str, Any]:
        sheet = SHEETS[lang]["meta"]
        if sheet not in self.values.sheetnames:
            return {}
        return {k: v for k, v in self.pairs(sheet, 2, 1, 2) if v is not None}

    def template(self, lang: str) -> DataFile:
        names, heads = SHEETS[lang], HEADINGS[lang]
        figures = tuple(Figure(name=name, value=value, key_span=None, value_span=None)
                        for name, value in self.pairs(names["figures"], 4, 1, 5)
                        if value is not None)
        claims: dict[str, dict[str, Any]] = {}
        reasons: dict[str, Any] = {}
        sheet = names["indicators"]
        if sheet in self.values.sheetnames:
            columns = {self.cell(sheet, 2, c): c for c in range(1, 12)}
            for row in self.rows(sheet, 3):
                name = self.cell(sheet, row, 1)
                if name is None:
                    continue
                for key, kind in (("claimed", "得分"), ("printed", "指标值"),
                                  ("statement", "说明")):
                    column = columns.get(heads[key])
                    value = self.cell(sheet, row, column) if column else None
                    if value is not None:
                        claims.setdefault(kind, {})[str(name)] = value
                column = columns.get(heads["reason"])
                reason = self.cell(sheet, row, column) if column else None
                if reason is not None:
                    reasons[str(name)] = str(reason)
        sheet = names["totals"]
        if sheet in self.values.sheetnames:
            for name, value in self.pairs(sheet, 2, 1, 2):
                if value is None:
                    continue
                if name == heads["total"]:
                    claims["合计"] = value
                elif name == heads["grade"]:
                    claims["等级"] = value
                else:
                    claims.setdefault("得分", {})[name] = value
        sections: dict[str, Any] = {}
        if claims:
            sections["填报"] = {names["indicators"]: claims}
        if reasons:
            sections["偏差原因"] = reasons
        return DataFile(figures=figures, meta=self.meta(lang), source=None, sections=sections)

    def form(self, lang: str) -> DataFile:
        names = SHEETS[lang]
        figures = tuple(Figure(name=name, value=value, key_span=None, value_span=None)
                        for name, value in self.pairs(names["data"], 2, 1, 2)
                        if value is not None)
        sheet = self.values.sheetnames[0]
        claims = self.scores(sheet)
        sections: dict[str, Any] = {"填报": {sheet: claims}} if claims else {}
        if names["reasons"] in self.values.sheetnames:
            reasons = {k: v for k, v in self.pairs(names["reasons"], 2, 1, 2) if v is not None}
            if reasons:
                sections["偏差原因"] = reasons
        return DataFile(figures=figures, meta=self.meta(lang), source=None, sections=sections)

    def scores(self, sheet: str) -> dict[str, Any]:
        """The scores a scored form's table shows (possibly edited): 评价得分 of each group and
        indicator row, the total and the grade."""
        # The table's heading row starts with its level columns (一级指标, 二级指标…).
        header = score_column = None
        levels = 0
        width = self.values[sheet].max_column
        for row in self.rows(sheet):
            headings = [self.cell(sheet, row, c) for c in range(1, width + 1)]
            if not (isinstance(headings[0], str) and any(w in headings[0] for w in _LEVEL_WORDS)):
                continue
            header = row
            levels = next((i for i, h in enumerate(headings)
                           if not (isinstance(h, str) and any(w in h for w in _LEVEL_WORDS))),
                          len(headings))
            score_column = next((i + 1 for i, h in enumerate(headings) if h in _SCORE_WORDS),
                                None)
            break
        if header is None or score_column is None:
            return {}
        claims: dict[str, Any] = {}
        for row in self.rows(sheet, header + 1):
            texts = [self.cell(sheet, row, c) for c in range(1, levels + 1)]
            named = [str(t) for t in texts if t is not None and str(t) not in _SUBTOTAL_WORDS]
            score = self.cell(sheet, row, score_column)
            if not named or score is None or str(score).strip() in _NOT_SCORED_WORDS:
                continue
            if named[0] in _TOTAL_WORDS:
                claims["合计"] = score
                for column in range(levels + 1, width + 1):
                    grade = self.cell(sheet, row, column)
                    if isinstance(grade, str) and grade.replace(":", "：").startswith(
                            ("等级：", "Grade：")):
                        claims["等级"] = grade.replace(":", "：").split("：", 1)[1].strip()
                break
            claims.setdefault("得分", {})[named[-1]] = score
        return claims
