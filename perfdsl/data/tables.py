"""Tables of units: one row per unit, one column per input (headed by its name or its label),
key columns passed through — from CSV, Excel, Parquet or JSON lines, scored in bulk.

Cells are read as figures are (`perfdsl.data.figures.coerce`): a text cell ("40.11万元",
"95%", "是") as in a data file; a typed cell (a Parquet DECIMAL, an Excel number, a JSON number)
as the API takes a number — money in the input's unit, a percentage as the fraction. An empty
cell is a figure not given: the input's default, or D002. So a row scores exactly as
`rubric.evaluate(row_as_mapping(...))` would (`rows` gives those mappings).

CSV and Parquet are scored by DuckDB with the SQL backend: `TableReader` reads each cell in SQL
in its common forms — a plain number with an optional `%` or unit, 是/否 and the other yes/no
words, a level's name — and marks every other cell (text it cannot be sure of, a figure beyond
the query's digits, a DOUBLE) so that the row is scored by the generated Python from its cells,
through a DuckDB function. Either way a row's scores are the interpreter's; rows in = rows out.
Excel and JSON lines are read row by row in Python and scored by the generated Python.
"""

from __future__ import annotations

import csv
import json
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from perfdsl.checks import units
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.data import figures as data_pass

FORMATS = (".csv", ".xlsx", ".parquet", ".jsonl")
DUCKDB_FORMATS = (".csv", ".parquet")


@attrs.frozen
class Columns:
    """Which column holds which input, and the key columns."""

    inputs: dict[str, str]  # input name → column
    keys: tuple[str, ...]
    unknown: tuple[str, ...]  # columns that are neither an input nor a key (ignored)


def match_columns(model, header: Sequence[str], keys: Sequence[str]) -> Columns:
    """Map a table's header to the rubric's inputs (by name, else by label)."""
    names = {decl.name: decl.name for decl in model.inputs}
    labels = {decl.label: decl.name for decl in model.inputs if decl.label}
    missing_keys = [k for k in keys if k not in header]
    if missing_keys:
        raise DataError([Diagnostic("D007", None, {
            "reason": f"no key column {', '.join(missing_keys)} in the table "
                      f"(its columns: {', '.join(header)})"})])
    inputs: dict[str, str] = {}
    unknown = []
    for column in header:
        if column in keys:
            continue
        name = names.get(column.strip()) or labels.get(column.strip())
        if name is None:
            unknown.append(column)
        elif name in inputs:
            raise DataError([Diagnostic("D010", None, {"name": name})])
        else:
            inputs[name] = column
    return Columns(inputs, tuple(keys), tuple(unknown))


def unknown_columns(model, columns: Columns) -> list[Diagnostic]:
    """D001 once for each column the rubric has no input for."""
    from perfdsl.diagnostics import suggest

    out = []
    for column in columns.unknown:
        hint, hint_zh = suggest(column, [d.name for d in model.inputs])
        out.append(Diagnostic("D001", None, {"name": column, "suggestion": hint,
                                             "suggestion_zh": hint_zh}))
    return out


# --- Rows in Python -----------------------------------------------------------------------------

def header(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as file:
            return next(csv.reader(file), [])
    if suffix == ".xlsx":
        return [str(c) if c is not None else "" for c in next(_xlsx_rows(path), ())]
    if suffix == ".jsonl":
        for record in _jsonl(path):
            return list(record)
        return []
    if suffix == ".parquet":
        import duckdb

        con = duckdb.connect()
        return [row[0] for row in con.execute(
            "DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
    raise DataError([Diagnostic("D007", None, {
        "reason": f"{path}: a table of units is .csv, .xlsx, .parquet or .jsonl"})])


def records(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a table as column → cell (text, Decimal, int, bool or None)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as file:
            yield from csv.DictReader(file)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
        head = [str(c) if c is not None else "" for c in next(rows, ())]
        for row in rows:
            yield dict(zip(head, row))
    elif suffix == ".jsonl":
        yield from _jsonl(path)
    elif suffix == ".parquet":
        import duckdb

        con = duckdb.connect()
        cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        head = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(10_000):
            for row in batch:
                yield dict(zip(head, row))
    else:
        header(path)  # raises the error


# An .xlsx is a zip archive, and a small one can unpack to gigabytes. A table of units is
# measured from the archive's directory before openpyxl opens it (as a filed form is,
# `perfdsl.data.workbook.refusal`), with room for Excel's largest sheet: 1,048,576 rows of twenty
# figures unpack to about 800 MB, streamed row by row. Its shared strings (the text cells) are
# held in memory whole, so they have a smaller limit of their own.
MAX_UNPACKED = 1 << 30
MAX_SHARED_STRINGS = 100_000_000

_REFUSED = {
    "zip": ("it is not an Excel workbook (.xlsx)", "它不是 Excel 工作簿（.xlsx）"),
    "parts": ("it has more than {parts:,} parts", "其中的部件超过 {parts:,} 个"),
    "unpacked": ("it unpacks to more than {unpacked:,} bytes", "解压后超过 {unpacked:,} 字节"),
    "strings": ("its text cells unpack to more than {strings:,} bytes",
                "其中的文本单元格解压后超过 {strings:,} 字节"),
}


def _xlsx_refusal(path: Path) -> str | None:
    """Why a workbook of units is not opened (a key of `_REFUSED`), or None."""
    import zipfile

    from perfdsl.data.workbook import refusal

    refused = refusal(path, MAX_UNPACKED)
    if refused is not None:
        return refused
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {part.filename: part.file_size for part in archive.infolist()}
            types = b""
            if "[Content_Types].xml" in parts:
                with archive.open("[Content_Types].xml") as file:
                    types = file.read(_MAX_TYPES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    # The shared strings are the part the content types declare as such (any name).
    declared = {(found.group(1) or found.group(2)).decode("utf-8", "replace").lstrip("/")
                for found in _SHARED_STRINGS.finditer(types)}
    strings = sum(size for name, size in parts.items()
                  if name in declared or name.lower().endswith("sharedstrings.xml"))
    return "strings" if strings > MAX_SHARED_STRINGS else None


_MAX_TYPES = 1_000_000  # bytes of [Content_Types].xml read (a workbook's is about 1 KB)
_SHARED_STRINGS = re.compile(
    rb'<Override\b[^>]*?PartName="([^"]*)"[^>]*?ContentType="[^"]*sharedStrings\+xml"'
    rb'|<Override\b[^>]*?ContentType="[^"]*sharedStrings\+xml"[^>]*?PartName="([^"]*)"')


def _xlsx_rows(path: Path):
    """The first sheet's rows as tuples of cell values; DataError (D007, D012) for a file that is
    not a workbook, is too large unpacked, or that openpyxl cannot read."""
    try:
        import openpyxl
    except ImportError:
        raise DataError([Diagnostic("D007", None, {
            "reason": "reading .xlsx needs openpyxl: pip install 'perfdsl[excel]'"})]) from None
    from perfdsl.data.workbook import MAX_PARTS

    refused = _xlsx_refusal(path)
    if refused == "zip":
        raise DataError([Diagnostic("D007", None, {
            "reason": f"{path}: {_REFUSED['zip'][0]}"})])
    if refused is not None:
        en, zh = (words.format(parts=MAX_PARTS, unpacked=MAX_UNPACKED,
                               strings=MAX_SHARED_STRINGS) for words in _REFUSED[refused])
        raise DataError([Diagnostic("D012", None, {
            "reason": f"{path}: {en}", "reason_zh": f"{path}：{zh}",
            "advice": "save the table as CSV (read as a stream, with no limit on its size), or "
                      "split it into smaller workbooks",
            "advice_zh": "请将表格另存为 CSV（按流读取，不限大小），或拆分为较小的工作簿"})])
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - zip, XML or file errors: all "cannot be read"
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {error}"})]) from None
    try:
        if not book.worksheets:
            return
        rows = book.worksheets[0].iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # noqa: BLE001 - a damaged sheet's XML
                raise DataError([Diagnostic("D007", None, {
                    "reason": f"{path}: {error}"})]) from None
            yield row
    finally:
        book.close()


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                # numbers exactly as written, never through binary floats
                record = json.loads(line, parse_float=Decimal, parse_int=Decimal)
            except json.JSONDecodeError as error:
                raise DataError([Diagnostic("D007", None, {
                    "reason": f"{path}:{number}: {error}"})]) from None
            if not isinstance(record, dict):
                raise DataError([Diagnostic("D009", None, {"found": "a list"})])
            yield record


def figures_of(record: Mapping[str, Any], columns: Columns) -> dict[str, Any]:
    """A row's figures by input name: an empty cell is a figure not given."""
    out = {}
    for name, column in columns.inputs.items():
        cell = cell_value(record.get(column))
        if cell is not None:
            out[name] = cell
    return out


def cell_value(cell: Any) -> Any:
    """A cell as a figure: None for an empty cell; a number exactly (an Excel float as the API
    takes a float); anything else but text, yes/no and numbers as its text."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, float):
        return Decimal(repr(cell))
    if isinstance(cell, int) and not isinstance(cell, bool):
        return Decimal(cell)
    if not isinstance(cell, (str, bool, Decimal)):
        return str(cell)  # a date, a time: its text
    return cell


def rows(path: Path, model, keys: Sequence[str] = ()) -> Iterator[tuple[dict, dict]]:
    """(key cells, figures) of every row, for one-by-one scoring."""
    columns = match_columns(model, header(path), keys)
    for record in records(path):
        yield {k: record.get(k) for k in keys}, figures_of(record, columns)


# --- Cells read in SQL (DuckDB) ------------------------------------------------------------------

_PLAIN = r"^ *([+-]?)([0-9]+)(?:\.([0-9]+))? *(.*?) *$"


class TableReader:
    """Reads inputs from a DuckDB table's columns of any type (see the module docstring)."""

    def __init__(self, columns: Columns, types: Mapping[str, str]):
        self.columns = columns
        self.types = {k: v.upper() for k, v in types.items()}

    def column_of(self, item) -> Any:
        from perfdsl.backends import sql

        column = self.columns.inputs.get(item.name)
        if column is None:
            return sql.null()
        return sql.quoted(column)

    def read(self, compiler, item, domain, default):
        from sqlglot import exp

        from perfdsl.backends import sql

        column = self.columns.inputs.get(item.name)
        type_ = self.types.get(column or "", "")
        cell = self.column_of(item)
        pre: tuple = ()
        decided = False  # a cell the SQL cannot read is D003 (else: the row goes to Python)
        if column is None:
            value, given, known = sql.null(), exp.false(), True
        elif type_ in ("VARCHAR", "TEXT"):
            given = sql.all_of([sql.not_null(cell),
                                exp.NEQ(this=cell, expression=sql.text(""))])
            value, known, pre = self._text(compiler, item, domain, cell)
            # yes/no and levels are read exactly as the data checks read them
            decided = item.type.kind in ("bool", "level")
        else:
            given = sql.not_null(cell)
            value, known = self._typed(compiler, item, domain, cell, type_)
        if default is not None:
            value = sql.when([(given, value)], sql._default_value(compiler, item, domain, default))
        check = None
        if item.type.kind == "quantity" and column is not None and item.bounds:
            def check(read):
                """D004 for a figure outside the declared range."""
                return sql.range_check(compiler, item, domain, read)
        elif decided and (item.type.kind == "bool" or item.levels is not None):
            def check(read):
                """D003 for a cell that is not a yes/no or a level of the scale."""
                return sql.when([(sql.is_null(read), sql.code("D003"))]), sql.not_null(read)
        problem, ok = sql.given_figure(given, default is not None, check)
        elsewhere = None
        if known is not True and not decided:
            def elsewhere(read):
                """A figure given that the SQL cannot read (its value is NULL): the row goes to
                the generated Python."""
                return sql.all_of([given, sql.is_null(read)])
        return sql.Reading(value, problem, ok, elsewhere, pre)

    @staticmethod
    def _stripped(compiler, col, words, lower: bool = False):
        """The cell stripped of whitespace (and lower-cased), as Python's str.strip() and
        .lower() do; a cell that already is one of `words` as it is (trimming a set of
        characters costs DuckDB far more than a comparison)."""
        from sqlglot import exp

        from perfdsl.backends import sql

        slow: exp.Expression = sql._strip(compiler.dialect, col)
        if lower:
            slow = exp.Lower(this=slow)
        return sql.when([(exp.In(this=col, expressions=[sql.text(w) for w in words]), col)],
                        slow)

    def _typed(self, compiler, item, domain, col, type_):
        """A typed cell as the scaled integer of its domain, and whether it is within it."""
        from sqlglot import exp

        from perfdsl.backends import sql

        kind = item.type.kind
        if kind == "bool":
            return (col, True) if type_ == "BOOLEAN" else (sql.null(), exp.false())
        if kind in ("level", "text"):
            return sql.null(), exp.false()
        match = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", type_)
        if domain is None or not (match or type_ in _INTEGER_DIGITS):
            return sql.null(), exp.false()  # a DOUBLE, a date…: read by the data checks
        width, scale = (int(match.group(1)), int(match.group(2))) if match else \
            (_INTEGER_DIGITS[type_], 0)
        if scale > domain.places:
            return sql.null(), exp.false()
        target = compiler.type(sql.int_type(compiler.dialect, domain)[0])
        if match:
            value = sql.duckdb_scaled(col, domain, target)
        else:
            value = exp.Mul(this=exp.Cast(this=col, to=target),
                            expression=sql.number(10 ** domain.places))
        if width - scale <= domain.digits:  # the column's type keeps it within the domain
            return value, True
        known = exp.LT(this=exp.Abs(this=col), expression=sql.number(10 ** domain.digits))
        return sql.when([(known, value)]), known

    def _text(self, compiler, item, domain, col):
        """A text cell in its common forms, whether it is one, and the columns read first."""
        from sqlglot import exp

        from perfdsl.backends import sql

        kind = item.type.kind
        if kind == "bool":
            words = sorted(data_pass._TRUE | data_pass._FALSE)
            folded = self._stripped(compiler, col, words, lower=True)
            yes = exp.In(this=folded, expressions=[sql.text(w) for w in sorted(data_pass._TRUE)])
            no = exp.In(this=folded, expressions=[sql.text(w) for w in sorted(data_pass._FALSE)])
            return sql.when([(yes, exp.true()), (no, exp.false())]), False, ()
        if kind == "level":
            if item.levels is None:
                return sql._strip(compiler.dialect, col), exp.true(), ()
            value, pre = sql.read_level(compiler, item, col)
            return value, False, pre
        if kind == "text":
            return col, exp.true(), ()
        assert domain is not None
        target = compiler.type(sql.int_type(compiler.dialect, domain)[0])
        shifts = _suffix_shifts(item.type)
        # A cell as figures are mostly written — digits, a point, the suffix its type allows —
        # is matched by one regular expression and cast exactly (its digits fit the type).
        arms = []
        for written, moved in sorted(shifts.items(), key=lambda kv: (kv[0] != "", kv[0] != "%")):
            places, digits = domain.places + moved, domain.digits - moved
            if places < 0 or digits <= 0:
                continue
            pattern = f"-?[0-9]{{1,{digits}}}" + (rf"(\.[0-9]{{1,{places}}})?" if places else "")
            number = col if not written else exp.Anonymous(this="rtrim", expressions=[
                col, sql.text(written)])
            arms.append((exp.Anonymous(this="regexp_full_match", expressions=[
                col, sql.text(pattern + re.escape(written))]),
                sql.duckdb_scaled(number, sql.Domain(digits, places), target)))
        # Any other common form (a sign, spaces, zeros beyond the places): one regular
        # expression gives sign, digits before and after the point, and suffix.
        def part(name: str) -> exp.Expression:
            return exp.Anonymous(this="struct_extract", expressions=[exp.Anonymous(
                this="regexp_extract", expressions=[col, sql.text(_PLAIN), exp.Array(
                    expressions=[sql.text(n) for n in "swfu"])]), sql.text(name)])

        whole = exp.Anonymous(this="ltrim", expressions=[part("w"), sql.text("0")])
        fraction = exp.Anonymous(this="rtrim", expressions=[part("f"), sql.text("0")])
        suffix = part("u")
        tests = {written: exp.EQ(this=suffix, expression=sql.text(written))
                 for written in shifts}
        shift = sql.when([(tests[w], sql.literal(moved).e) for w, moved in shifts.items()])
        divisor = sql.when([(tests[w], sql.literal(10 ** (_FIXED - domain.places - moved)).e)
                            for w, moved in shifts.items()])
        # Every digit fits: the fraction within the places the suffix leaves, the whole part
        # within the domain; then value × 10^_FIXED is an integer of at most 37 digits.
        known = sql.all_of([
            exp.Anonymous(this="regexp_full_match", expressions=[col, sql.text(_PLAIN)]),
            sql.not_null(shift),
            exp.LTE(this=exp.Length(this=fraction), expression=sql._atom(exp.Add(
                this=sql.number(domain.places), expression=shift))),
            exp.LTE(this=exp.Length(this=whole), expression=sql._atom(exp.Sub(
                this=sql.number(domain.digits), expression=shift))),
            exp.LTE(this=exp.Length(this=fraction), expression=sql.number(_FIXED)),
            exp.LTE(this=exp.Length(this=whole), expression=sql.number(37 - _FIXED))])
        fixed = exp.Cast(this=exp.DPipe(this=exp.DPipe(this=sql.text("0"), expression=whole),
                                        expression=exp.Anonymous(this="rpad", expressions=[
                                            fraction, sql.number(_FIXED), sql.text("0")])),
                         to=compiler.type("HUGEINT"))
        magnitude = exp.IntDiv(this=fixed, expression=divisor)
        signed = sql.when([(exp.EQ(this=part("s"), expression=sql.text("-")),
                            exp.Neg(this=sql._atom(magnitude)))], magnitude)
        value = sql.when(arms + [(known, exp.Cast(this=signed, to=target))])
        return value, False, ()


# Digits of DuckDB's integer types.
_INTEGER_DIGITS = {"TINYINT": 3, "SMALLINT": 5, "INTEGER": 10, "BIGINT": 19, "HUGEINT": 39,
                   "UTINYINT": 3, "USMALLINT": 5, "UINTEGER": 10, "UBIGINT": 20}

_FIXED = 20  # decimals of the fixed-point integer a text figure is first read as


def _suffix_shifts(type_: units.Type) -> dict[str, int]:
    """Each suffix a figure of this type may carry in its common form, and the power of ten it
    moves the point by: `%` −2; `元` for a 万元 input −4; none 0."""
    if type_.display in ("percent", "ratio"):
        return {"%": -2} if type_.display == "percent" else {"": 0, "%": -2}
    out = {"": 0}
    money, _, per = type_.unit.partition("/")
    if money in units.MONEY_UNITS:
        for given, size in units.MONEY_UNITS.items():
            ratio = size / units.MONEY_UNITS[money]
            out[given + ("/" + per if per else "")] = ratio.adjusted()
    elif type_.unit and type_.unit != units.ANY_UNIT:
        out[type_.unit] = 0
    return out


# --- The Python fallback the query calls ---------------------------------------------------------

def fallback(compiled):
    """The function DuckDB calls for a row the query leaves to the generated Python: the cells of
    every input, in the program's order → "h1,h2,…|problems" (scores in hundredths, problems as
    the query lists them)."""
    order = [i.name for i in compiled.program.inputs]

    def score(*cells: Any) -> str:
        figures = {}
        for name, cell in zip(order, cells):
            value = cell_value(cell)
            if value is not None:
                figures[name] = value
        result = compiled.evaluate(figures)
        hundredths = ",".join(str(int(s * 100)) for s in result.scores)
        return hundredths + "|" + problems_text(result)

    import inspect  # DuckDB counts a function's parameters from its signature

    score.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(f"c{i}", inspect.Parameter.POSITIONAL_ONLY) for i in range(len(order))])
    return score


def problems_text(result) -> str:
    """A Result's problems as the query lists them: "D004 年初预算; D008 预算完成率"."""
    out = []
    for p in result.problems:
        subject = p.args.get("indicator") if p.code in ("D005", "D006", "D008") \
            else p.args.get("name")
        out.append(f"{p.code} {subject}")
    return "; ".join(out)


# --- Scoring a table with DuckDB -------------------------------------------------------------------

VIEW = "_perfdsl_units"
FUNCTION = "_perfdsl_fallback"


@attrs.frozen
class Batch:
    """A table opened in DuckDB and the query that scores it."""

    con: Any
    query: Any  # sql.Query
    columns: Columns
    sql: str


def open_table(path: Path, con=None):
    """A DuckDB connection with the table as the view `_perfdsl_units`, and its column types.
    CSV cells are all read as text, exactly as written."""
    import duckdb
    from sqlglot import exp

    con = con or duckdb.connect()
    literal = exp.Literal.string(str(path)).sql("duckdb")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        source = f"read_csv({literal}, header = true, all_varchar = true)"
    elif suffix == ".parquet":
        source = f"read_parquet({literal})"
    else:
        raise DataError([Diagnostic("D007", None, {
            "reason": f"{path}: DuckDB reads .csv and .parquet tables"})])
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {VIEW} AS SELECT * FROM {source}")
        types = {row[0]: row[1] for row in con.execute(f"DESCRIBE {VIEW}").fetchall()}
    except duckdb.Error as error:
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {error}"})]) from None
    return con, types


def prepare(compiled, con, types: Mapping[str, str], keys: Sequence[str],
            raw_columns: bool = False) -> Batch:
    """The query scoring the view, with the Python fallback registered on the connection.
    Raises `sql.TooWide` when the rubric's arithmetic does not fit DuckDB's digits."""
    from perfdsl.backends import sql

    columns = match_columns(compiled.model, list(types), keys)
    query, text = _query(compiled, columns, types, keys, raw_columns)
    if query.fallback is not None:  # rows the SQL cannot read are scored by the generated Python
        parameters = [types.get(columns.inputs.get(i.name, ""), "VARCHAR")
                      for i in compiled.program.inputs]
        try:
            con.remove_function(FUNCTION)
        except Exception:  # noqa: BLE001 - not registered yet
            pass
        con.create_function(FUNCTION, fallback(compiled), parameters, "VARCHAR",
                            null_handling="special", side_effects=False)
    return Batch(con, query, columns, text)


# Compiling the query and writing out its text take a few tenths of a second for a rubric the
# size of the seed: most of what scoring a small table costs. They depend only on the rubric, the
# table's columns and their types, the key columns and `raw_columns`, so each is done once per
# rubric (kept as long as the rubric is) and table shape; a process that scores many tables —
# the API, `perfdsl serve` — pays for it once.
_QUERIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
MAX_QUERIES = 8  # table shapes kept per rubric (each query's text is a few hundred KB)


def _query(compiled, columns: Columns, types: Mapping[str, str], keys: Sequence[str],
           raw_columns: bool):
    """The query for this rubric and table shape, and its text; compiled once, then reused."""
    from sqlglot import exp

    from perfdsl.backends import sql

    shape = (tuple(types.items()), tuple(keys), raw_columns)
    kept = _QUERIES.setdefault(compiled, {})
    if shape in kept:
        made = kept.pop(shape)
        kept[shape] = made  # the most recently used last
    else:
        try:
            query = sql.compile_query(compiled.program, compiled.model, "duckdb",
                                      exp.to_table(VIEW), keys, TableReader(columns, types),
                                      raw_columns=raw_columns, fallback=FUNCTION)
            made = (query, query.sql(pretty=False))
        except sql.TooWide as error:
            made = error
        kept[shape] = made
        while len(kept) > MAX_QUERIES:
            del kept[next(iter(kept))]
    if isinstance(made, Exception):
        raise made
    return made


def results(compiled, batch: Batch) -> Iterator[Any]:
    """A Result per row of a prepared batch (made with `raw_columns`), streamed."""
    from perfdsl.backends import interpret
    from perfdsl.core.results import Result

    program = compiled.program
    names = [i.name for i in program.inputs]
    output = batch.query.output
    n_keys, n_ind, n_groups = len(output.keys), len(output.indicators), len(output.groups)
    cursor = batch.con.execute(batch.sql)
    while chunk := cursor.fetchmany(10_000):
        for row in chunk:
            keys = dict(zip(output.keys, row[:n_keys]))
            at = n_keys
            scores = list(row[at:at + n_ind])
            at += n_ind
            subtotals = tuple(row[at:at + n_groups])
            at += n_groups
            total, grade, problems = row[at:at + 3]
            cells = row[at + 3:]
            figures = {}
            for name, cell in zip(names, cells):
                value = cell_value(cell)
                if value is not None:
                    figures[name] = value
            if problems:
                # the diagnostics, with their places and facts, from the data checks
                result = compiled.evaluate(figures)
            else:
                result = Result(compiled, _slots(compiled, figures, interpret), scores, {},
                                total, grade, (), subtotals)
            result.meta = keys
            yield result


def _slots(compiled, figures, interpret):
    def slots():
        checked, _ = data_pass.check(compiled.model, data_pass.from_mapping(figures))
        return interpret.values(compiled.program, [checked[i.name]
                                                   for i in compiled.program.inputs])
    return slots


# --- perfdsl score RUBRIC UNITS -o OUT ------------------------------------------------------------

_COPY_FORMATS = {".csv": "FORMAT csv, HEADER", ".parquet": "FORMAT parquet",
                 ".jsonl": "FORMAT json"}


# Below this size a CSV table is scored row by row in Python: DuckDB's fixed cost (binding and
# optimising a query of some hundred kilobytes, about 0.8 s for the seed) is then more than the
# rows cost. bench/bench_batch.py measures the crossover near 10,000 seed rows (3 MB or so);
# the bound stays below it, where Python is faster for any rubric of the seed's shape. Both
# ways give the same rows (tests/test_tables.py holds them to it).
SMALL_CSV_BYTES = 2_000_000


def score_table(compiled, path: Path, keys: Sequence[str], output: Path | None,
                progress: bool = False, engine: str = "auto") -> tuple[int, int, list[Diagnostic]]:
    """Score every row of a table into `output` (CSV on standard output when None).

    CSV and Parquet go through DuckDB, written by DuckDB itself when the output is CSV, Parquet
    or JSON lines: no Python object per row — except a CSV smaller than SMALL_CSV_BYTES written
    as anything but Parquet, which the generated Python scores faster (`engine` "duckdb" or
    "python" forces either). Returns (units, units with problems, D001 for columns the rubric
    has no input for)."""
    from perfdsl.backends import sql

    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        header(path)  # raises the error
    check_text(path)
    if by_duckdb(path, engine, output):
        con, types = open_table(path)
        try:
            batch = prepare(compiled, con, types, keys)
        except sql.TooWide:
            batch = None
        if batch is not None:
            unknown = unknown_columns(compiled.model, batch.columns)
            if progress:
                con.execute("SET enable_progress_bar = true")
            target = output.suffix.lower() if output is not None else None
            if target in _COPY_FORMATS:
                from sqlglot import exp

                literal = exp.Literal.string(str(output)).sql("duckdb")
                con.execute(f"COPY ({batch.sql}) TO {literal} ({_COPY_FORMATS[target]})")
                counted = con.execute(
                    f"SELECT count(*), count(*) FILTER (WHERE problems <> '') FROM "
                    f"read_{'json' if target == '.jsonl' else target[1:]}({literal})"
                ).fetchone()
                return counted[0], counted[1], unknown
            cursor = con.execute(batch.sql)
            names = [d[0] for d in cursor.description]
            problems_at = names.index("problems")

            def fetched():
                while chunk := cursor.fetchmany(10_000):
                    yield from chunk

            units, troubled = _write_rows(names, fetched(), problems_at, output, progress)
            return units, troubled, unknown
    columns = match_columns(compiled.model, header(path), keys)
    program_output = sql.output_columns(compiled.program, compiled.model, keys)

    def scored():
        for key_values, figures in rows(path, compiled.model, keys):
            result = compiled.evaluate(figures)
            yield ([key_values[k] for k in keys] + list(result.scores)
                   + [g.score for g in result.groups]
                   + [result.total, result.grade, problems_text(result)])

    names = list(program_output.names)
    units, troubled = _write_rows(names, scored(), names.index("problems"), output, progress)
    return units, troubled, unknown_columns(compiled.model, columns)


def by_duckdb(path: Path, engine: str = "auto", output: Path | None = None) -> bool:
    """Whether DuckDB scores the table at `path` (else the generated Python, row by row): a
    CSV or Parquet table, unless `engine` says "python" or, left "auto", the table is a CSV
    under SMALL_CSV_BYTES scored into anything but Parquet (which DuckDB writes typed)."""
    suffix = path.suffix.lower()
    if suffix not in DUCKDB_FORMATS or engine == "python":
        return False
    return engine == "duckdb" or not (
        suffix == ".csv" and path.stat().st_size < SMALL_CSV_BYTES
        and (output is None or output.suffix.lower() != ".parquet"))


def check_text(path: Path) -> None:
    """D013 for a text table that is not UTF-8 (a CSV saved as GBK by a Chinese Excel, most
    often), said where and how to fix it, as for a data file, instead of a reader's error. The
    first mebibyte is read: the header, with its Chinese column names, is there. Other tables
    (Excel, Parquet) are not text: nothing to check."""
    from perfdsl.untrusted import decode

    if path.suffix.lower() not in (".csv", ".jsonl"):
        return

    try:
        with open(path, "rb") as file:
            head = file.read(1 << 20)
            if file.read(1):  # more follows: end on a whole line, never inside a character
                head = head[:head.rfind(b"\n") + 1] or head[:-4]
    except OSError as error:
        raise DataError([Diagnostic("D007", None, {
            "reason": f"{path}: {error.strerror or error}"})]) from None
    decode(head, str(path), "D013")


def _write_rows(names: list[str], rows_in, problems_at: int, output: Path | None,
                progress: bool) -> tuple[int, int]:
    """Write scored rows as the output's suffix says; count them and those with problems."""
    import sys

    counts = [0, 0]

    def counted():
        for row in rows_in:
            counts[0] += 1
            if row[problems_at]:
                counts[1] += 1
            if progress and counts[0] % 1000 == 0:
                print(f"\r{counts[0]:,}", end="", file=sys.stderr, flush=True)
            yield row

    suffix = output.suffix.lower() if output is not None else ".csv"
    if suffix == ".csv":
        if output is None:
            writer = csv.writer(sys.stdout)
            writer.writerow(names)
            writer.writerows(counted())
        else:
            with open(output, "w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(names)
                writer.writerows(counted())
    elif suffix == ".jsonl":
        with open(output, "w", encoding="utf-8") as file:
            for row in counted():
                file.write(json.dumps(dict(zip(names, (_plain(v) for v in row))),
                                      ensure_ascii=False) + "\n")
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("scores")
        sheet.append([_xlsx_cell(sheet, v) for v in names])
        for row in counted():
            sheet.append([_xlsx_cell(sheet, v) for v in row])
        book.save(output)
    else:  # Parquet from Python rows: DuckDB writes it, the scores as DECIMAL
        import duckdb
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder) / "scored.csv"
            _write_rows(names, counted(), problems_at, staged, False)
            con = duckdb.connect()
            from sqlglot import exp

            literal = exp.Literal.string(str(staged)).sql("duckdb")
            out = exp.Literal.string(str(output)).sql("duckdb")
            con.execute(f"COPY (SELECT * FROM read_csv({literal}, header = true)) TO {out} "
                        "(FORMAT parquet)")
    if progress and counts[0] >= 1000:
        print(file=sys.stderr)
    return counts[0], counts[1]


def _xlsx_cell(sheet, value: Any) -> Any:
    """A cell of the scored workbook: a number as a number; text (a key cell from the table,
    a name, a problem) always as text — never a formula, quote-prefixed when it looks like one,
    without the control characters Excel refuses (as perfdsl.outputs.xlsx writes every cell)."""
    if isinstance(value, Decimal):
        return float(value)
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from perfdsl.outputs.xlsx import FORMULA_STARTS

    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value
