"""A table of units, scored for the batch page: what the page shows, and the scored table.

Expects a compiled rubric and an uploaded table (CSV, Excel or JSON lines: one row per unit, one
column per input, headed by its name or label). Scores it with the batch API —
`CompiledRubric.evaluate_many` for the page, `perfdsl.data.tables.score_table` for the file to
download, the same two `perfdsl score RUBRIC UNITS --key COL -o OUT` runs — in a temporary
folder removed before the response is sent (perfdsl.serve.uploads).

Guarantees a `Scoring` for the page: how many units, how many with problems, the first rows with
their key cells, subtotals, total and grade, and the first rows with problems, each problem's
message in the page's language; or a `TableError` saying why the table cannot be scored (not
UTF-8, no such key column, a file DuckDB or openpyxl cannot read), its messages naming the file
as the user knows it. A table is never more than the page's upload limit, so the first rows are
all the page holds; the whole table is in the download.

Key columns are those the user names. When none are named, every column that is no input of the
rubric is kept as a key (a unit's name, a code, a remark), and one that looks like a misspelt
input is reported with its "did you mean".
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

import perfdsl
from perfdsl import formatting as fmt
from perfdsl.data import tables
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.outputs.fillin import MARKER_SHEET
from perfdsl.serve import check
from perfdsl.serve.uploads import Refused, Upload, on_disk, rename, renamed, workbook_refusal
from perfdsl.untrusted import decode

log = logging.getLogger("perfdsl.serve")

# The tables the page takes: suffix → its name on the page. Parquet is for `perfdsl score`: its
# pages are compressed, so a small file can hold far more than a page should score.
TABLE_KINDS = {".csv": "CSV", ".xlsx": "Excel", ".jsonl": "JSON lines"}

# The scored table's formats: format → (suffix, media type), as `perfdsl score -o` writes them.
OUTPUTS: dict[str, tuple[str, str]] = {
    "csv": (".csv", "text/csv; charset=utf-8"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "parquet": (".parquet", "application/vnd.apache.parquet"),
    "jsonl": (".jsonl", "application/jsonl; charset=utf-8"),
}

SHOWN_ROWS = 100  # rows the page shows; the download has them all
SHOWN_PROBLEM_ROWS = 50  # rows with problems whose messages the page lists
MAX_KEYS = 20
_KEY_SEPARATORS = re.compile(r"[,，、;；\n\r\t]+")


class TableError(Exception):
    """The table cannot be scored: diagnostics to list (file names as the user knows them)."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        super().__init__("the table cannot be scored")
        self.diagnostics = tuple(diagnostics)


@attrs.frozen
class Row:
    number: int  # the unit's place in the table, from 1
    keys: tuple[str, ...]
    subtotals: tuple[str, ...]  # of the top-level groups
    total: str
    grade: str
    problems: tuple[check.Shown, ...]


@attrs.frozen
class Scoring:
    units: int
    troubled: int  # units with problems
    keys: tuple[str, ...]
    keys_chosen: bool  # False: the keys are every column that is no input
    groups: tuple[str, ...]  # top-level groups, the columns of their subtotals
    rows: tuple[Row, ...]  # the first SHOWN_ROWS rows
    problem_rows: tuple[Row, ...]  # the first SHOWN_PROBLEM_ROWS rows that have problems
    columns: tuple[check.Shown, ...]  # columns that are neither an input nor a key (D001)

    @property
    def more_rows(self) -> int:
        return self.units - len(self.rows)

    @property
    def more_problem_rows(self) -> int:
        return self.troubled - len(self.problem_rows)


def parse_keys(text: str) -> tuple[str, ...]:
    """Key column names as typed: separated by commas (either width), 、, semicolons or lines."""
    names = [name.strip() for name in _KEY_SEPARATORS.split(text or "")]
    return tuple(dict.fromkeys(name for name in names if name))[:MAX_KEYS]


def score(compiled: perfdsl.CompiledRubric, upload: Upload, keys_text: str, lang: str,
          max_unpacked: int) -> Scoring:
    """The table scored, as the page shows it; raises `TableError` or `Refused`."""
    _check_readable(upload, max_unpacked)
    with on_disk(upload) as path:
        with _reading(path, upload.name):
            keys, chosen = _keys(compiled, path, keys_text)
            columns = tables.match_columns(compiled.model, tables.header(path), keys)
            if chosen:
                unknown = tables.unknown_columns(compiled.model, columns)
            else:  # a key kept because it is no input: reported only if it looks like one
                unknown = [d for d in tables.unknown_columns(compiled.model, attrs.evolve(
                    columns, unknown=keys)) if d.args.get("suggestion")]
            tops = tuple(node.path for node in compiled.model.groups if hasattr(node, "children"))
            units = troubled = 0
            rows: list[Row] = []
            problem_rows: list[Row] = []
            for result in compiled.evaluate_many(path, keys):
                units += 1
                if result.problems:
                    troubled += 1
                want_row = len(rows) < SHOWN_ROWS
                want_problems = bool(result.problems) and len(problem_rows) < SHOWN_PROBLEM_ROWS
                if want_row or want_problems:
                    row = _row(units, result, keys, tops, lang, path, upload.name)
                    if want_row:
                        rows.append(row)
                    if want_problems:
                        problem_rows.append(row)
    return Scoring(units=units, troubled=troubled, keys=keys, keys_chosen=chosen,
                   groups=tuple(path[-1] for path in tops),
                   rows=tuple(rows), problem_rows=tuple(problem_rows),
                   columns=tuple(check.show(d, lang) for d in unknown))


def scored_file(compiled: perfdsl.CompiledRubric, upload: Upload, keys_text: str, kind: str,
                max_unpacked: int) -> bytes:
    """The scored table as `perfdsl score RUBRIC UNITS --key … -o scored.<kind>` writes it."""
    _check_readable(upload, max_unpacked)
    suffix, _ = OUTPUTS[kind]
    with on_disk(upload) as path:
        with _reading(path, upload.name):
            keys, _ = _keys(compiled, path, keys_text)
            output = path.parent / "scored" / f"scored{suffix}"  # never the table itself
            output.parent.mkdir()
            tables.score_table(compiled, path, keys, output)
            return output.read_bytes()


def _keys(compiled, path: Path, keys_text: str) -> tuple[tuple[str, ...], bool]:
    chosen = parse_keys(keys_text)
    if chosen:
        return chosen, True
    columns = tables.match_columns(compiled.model, tables.header(path), ())
    # an unnamed column (a trailing comma in a CSV) is no key: DuckDB names it `column3`
    return tuple(c for c in columns.unknown if c.strip())[:MAX_KEYS], False


def _row(number: int, result: Any, keys: Sequence[str], tops: Sequence[tuple[str, ...]],
         lang: str, path: Path, name: str) -> Row:
    meta = result.meta or {}
    subtotals = {tuple(g.path): g.score for g in result.groups}
    problems = tuple(check.show(d, lang) for d in renamed(result.problems, path, name))
    return Row(number=number, keys=tuple(_cell(meta.get(k)) for k in keys),
               subtotals=tuple(fmt.score(subtotals[p]) for p in tops), total=fmt.score(result.total),
               grade=result.grade or "", problems=problems)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _check_readable(upload: Upload, max_unpacked: int) -> None:
    """Refuse what the readers below must not be given: a text table that is not UTF-8 (the
    readers would stop on it with a Python error; D013 says where and what to do) and a
    workbook that unpacks beyond the limit."""
    if upload.suffix in (".csv", ".jsonl"):
        try:
            decode(upload.content, upload.name, "D013")
        except DataError as error:
            raise TableError(error.diagnostics) from None
    elif upload.suffix == ".xlsx":
        refusal = workbook_refusal(upload.content, max_unpacked)
        if refusal is not None:
            raise Refused(refusal)
        if _one_unit_workbook(upload.content):
            raise Refused("one_unit")


def _one_unit_workbook(content: bytes) -> bool:
    """Whether the workbook is `perfdsl template`'s or a scored form (one unit, for the fill
    page), which a table reader would read as nonsense rows."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception:  # noqa: BLE001 - a damaged workbook: the table reader says why
        return False
    try:
        return MARKER_SHEET in book.sheetnames
    finally:
        book.close()


class _reading:
    """Turns whatever reading the table raised into a `TableError` naming the uploaded file.

    `tables` raises `DataError` for what it recognises (no such key column, a line of JSON that
    is not JSON); DuckDB raises its own errors for a CSV it cannot parse, openpyxl anything from
    zipfile, XML parsers and its own descriptors for a damaged workbook (perfdsl.data.workbook
    catches them all as D007 too), and the JSON parser RecursionError for nesting thousands
    deep. Each is a fact about the file, not a bug: D007 with the reader's own words."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        if isinstance(error, DataError):
            raise TableError(renamed(error.diagnostics, self.path, self.name)) from None
        if isinstance(error, _FILE_ERRORS) or _is_duckdb_error(error) or (
                self.path.suffix == ".xlsx" and isinstance(error, Exception)):
            log.info("the table %s cannot be read", self.name, exc_info=error)
            reason = rename(f"{self.name}: {_first_line(error)}", self.path, self.name)
            raise TableError([Diagnostic("D007", None, {"reason": reason})]) from None
        return False


_FILE_ERRORS = (RecursionError, UnicodeDecodeError, csv.Error)


def _is_duckdb_error(error: BaseException) -> bool:
    import duckdb

    return isinstance(error, duckdb.Error)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]
