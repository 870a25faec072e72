"""Tables of units score row by row as one-by-one scoring does: text cells read in SQL give the
values and problems the data checks give (or leave the row to them), typed Parquet cells are
read as the API reads numbers, every format in and out keeps rows in = rows out, and the
`perfdsl sql` query run on a table typed as `--schema` says scores as `perfdsl score` does."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfdsl
from conftest import SEED_DATA, SEED_RUBRIC
from perfdsl.data import tables
from strategies import as_text, figures_for, rubrics, wrong_values

SEED = perfdsl.compile_file(SEED_RUBRIC)


@pytest.fixture(autouse=True, scope="module")
def _every_csv_through_duckdb():
    """These tests are of the DuckDB path, and their tables are small: a small CSV would be
    scored by the generated Python (tables.SMALL_CSV_BYTES). The two are compared below."""
    saved, tables.SMALL_CSV_BYTES = tables.SMALL_CSV_BYTES, 0
    yield
    tables.SMALL_CSV_BYTES = saved


def one_by_one(rubric, figures: dict) -> tuple:
    result = rubric.evaluate(figures)
    return ([str(s) for s in result.scores], [str(g.score) for g in result.groups],
            str(result.total), result.grade, tables.problems_text(result))


def batch(result) -> tuple:
    return ([str(s) for s in result.scores], [str(g.score) for g in result.groups],
            str(result.total), result.grade, tables.problems_text(result))


def write_csv(path: Path, names: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["k"] + names)
        for k, row in enumerate(rows):
            writer.writerow([k] + [row.get(n, "") for n in names])


_ODD = ["1,000", "４０．１１", "12%", "-3", "0.0000001", "1e5", " 好 ", "是", "NaN", "401100元",
        "9" * 20, "40.11万元", "40.11 万元", "+7", ".5", "7.", "08", "1,0,0", "３％", "达标", "YES",
        " no ", "\u3000是", "0.5亿元", "3千元", "12人", "12 人", "12个", "-0", "00.100", "%",
        "95 %", "1.000000001%", "123456789012.123456", "1234567890123", "0.00000001%"]


@st.composite
def text_unit(draw, rubric) -> dict:
    """A unit's figures as text cells: as a data file writes them, or odd, or wrong."""
    figures = draw(figures_for(rubric.model))
    out = {}
    decls = {d.name: d for d in rubric.model.inputs}
    for name, value in figures.items():
        roll = draw(st.integers(0, 9))
        if roll == 0:
            continue
        if roll == 1:
            out[name] = draw(st.sampled_from(_ODD))
        elif roll == 2:
            wrong = draw(wrong_values())
            out[name] = wrong if isinstance(wrong, str) else str(wrong)
        else:
            out[name] = draw(as_text(decls[name], value))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_text_cells_read_in_sql_as_the_data_checks_read_them(tmp_path_factory, data):
    """CSV cells — as data files write figures, odd forms, wrong values — score in DuckDB as
    each row scores on its own."""
    text = data.draw(rubrics())
    rubric = perfdsl.compile(text)
    names = [d.name for d in rubric.model.inputs]
    units = [data.draw(text_unit(rubric)) for _ in range(30)]
    units = [{k: v for k, v in u.items() if "\n" not in v and "\r" not in v} for u in units]
    path = tmp_path_factory.mktemp("t") / "units.csv"
    write_csv(path, names, units)
    got = list(rubric.evaluate_many(path, keys=["k"]))
    assert len(got) == len(units)
    for unit, result in zip(units, got):
        figures = {k: v for k, v in unit.items() if v != ""}
        assert batch(result) == one_by_one(rubric, figures), unit


def seed_rows(count: int) -> list[dict]:
    data = perfdsl.load_data(SEED_DATA)
    base = {f.name: f.value for f in data.figures}
    rows = []
    for k in range(count):
        row = dict(base)
        row["单位"] = f"单位{k}"
        names = list(base)
        row[names[k % len(names)]] = _ODD[k % len(_ODD)]
        rows.append(row)
    return rows


def test_perfdsl_score_a_csv_agrees_with_one_by_one_scoring(tmp_path):
    """`perfdsl score rubrics/department-overall.rubric UNITS.csv --key 单位 -o out.csv`: one row
    out per row in, in order, each as `perfdsl score` scores it alone, bad rows included."""
    rows = seed_rows(120)
    names = ["单位"] + [f.name for f in perfdsl.load_data(SEED_DATA).figures]
    units = tmp_path / "units.csv"
    with open(units, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, names)
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, "-m", "perfdsl", "score", str(SEED_RUBRIC), str(units),
                           "--key", "单位", "-o", str(out), "--lang", "en", "--engine", "duckdb"],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and "scored 120 units" in done.stderr
    with open(out, encoding="utf-8", newline="") as file:
        scored = list(csv.DictReader(file))
    assert [r["单位"] for r in scored] == [r["单位"] for r in rows]
    indicators = [ind.name for ind in SEED.model.indicators]
    for row, got in zip(rows, scored):
        want = SEED.evaluate({k: v for k, v in row.items() if k != "单位" and v != ""})
        assert [got[n] for n in indicators] == [str(s) for s in want.scores]
        assert got["total"] == str(want.total) and got["grade"] == want.grade
        assert got["problems"] == tables.problems_text(want)


def test_the_sql_query_on_a_table_typed_as_its_schema(tmp_path):
    """`perfdsl sql … --dialect duckdb --key 单位` run on a DuckDB table created by `--schema`
    scores the seed's example as `perfdsl score` does."""
    def run(*extra):
        return subprocess.run([sys.executable, "-m", "perfdsl", "sql", str(SEED_RUBRIC),
                               "--dialect", "duckdb", "--key", "单位", *extra],
                              capture_output=True, text=True, encoding="utf-8",
                              check=True).stdout
    con = duckdb.connect()
    con.execute(run("--schema"))
    from perfdsl.data import figures

    checked, _ = figures.check(SEED.model, perfdsl.load_data(SEED_DATA))
    names = [i.name for i in SEED.program.inputs]
    con.execute(f"INSERT INTO units VALUES ({', '.join(['?'] * (len(names) + 1))})",
                ["汇通"] + [checked[n] for n in names])
    cursor = con.execute(run().rstrip().rstrip(";"))
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone()))
    want = SEED.evaluate(perfdsl.load_data(SEED_DATA))
    assert row["单位"] == "汇通" and row["total"] == want.total and row["grade"] == want.grade
    assert [row[ind.name] for ind in SEED.model.indicators] == want.scores


def test_typed_parquet_cells_and_every_output_format(tmp_path):
    """Parquet DECIMALs within the domain are read in SQL, finer ones and DOUBLEs by the data
    checks; every output format has one row per unit."""
    con = duckdb.connect()
    path = tmp_path / "units.parquet"
    con.execute(f"""COPY (SELECT 'a' AS 单位, 40.11::DECIMAL(10,2) AS 年初预算,
        24.7412345678::DECIMAL(20,10) AS 预算执行金额, 0.95::DOUBLE AS 满意度,
        true AS 按规定公开预决算, '好' AS 工作规划评价) TO '{path}' (FORMAT parquet)""")
    result = next(iter(SEED.evaluate_many(path, keys=["单位"])))
    figures = {"年初预算": Decimal("40.11"), "预算执行金额": Decimal("24.7412345678"),
               "满意度": 0.95, "按规定公开预决算": True, "工作规划评价": "好"}
    assert batch(result) == one_by_one(SEED, figures)
    assert result.meta == {"单位": "a"}
    for suffix in (".csv", ".parquet", ".jsonl", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        units, troubled, unknown = tables.score_table(SEED, path, ["单位"], out)
        assert (units, unknown) == (1, []) and troubled == 1
        assert out.stat().st_size > 0


def test_evaluate_many_takes_mappings_excel_jsonl_and_relations(tmp_path):
    """Every kind of table gives the Results of one-by-one scoring, in order."""
    figures = [{"年初预算": "40.11万元", "满意度": "95%"}, {"年初预算": "0", "满意度": "否"}]
    want = [one_by_one(SEED, f) for f in figures]
    assert [batch(r) for r in SEED.evaluate_many(figures)] == want
    jsonl = tmp_path / "units.jsonl"
    jsonl.write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in figures), "utf-8")
    assert [batch(r) for r in SEED.evaluate_many(jsonl)] == want
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["年初预算", "满意度"])
    for f in figures:
        sheet.append([f["年初预算"], f["满意度"]])
    book.save(tmp_path / "units.xlsx")
    assert [batch(r) for r in SEED.evaluate_many(tmp_path / "units.xlsx")] == want
    con = duckdb.connect()
    relation = con.sql("SELECT * FROM (VALUES ('40.11万元', '95%'), ('0', '否')) "
                       "AS t(年初预算, 满意度)")
    scored = SEED.evaluate_many(relation, connection=con).fetchall()
    assert [str(row[-3]) for row in scored] == [w[2] for w in want]
    assert [row[-1] for row in scored] == [w[4] for w in want]


def test_a_result_from_sql_explains_itself():
    """A Result built from a query's row has values and outcomes, computed on demand by the
    interpreter from the row's figures."""
    rows = [{"年初预算": "40.11", "预算执行金额": "24.74"}]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        units = Path(folder) / "u.csv"
        write_csv(units, ["年初预算", "预算执行金额"], rows)
        result = next(iter(SEED.evaluate_many(units, keys=["k"])))
    alone = SEED.evaluate({"年初预算": "40.11", "预算执行金额": "24.74"})
    assert result.value("预算完成率") == alone.value("预算完成率")
    assert result.indicator("预算完成率").outcome == alone.indicator("预算完成率").outcome


def _score_table(path: Path, out: Path, capsys) -> tuple[int, str]:
    from perfdsl.cli import main

    code = main(["score", str(SEED_RUBRIC), str(path), "-o", str(out)])
    return code, capsys.readouterr().err


def _units_workbook(path: Path, rows: int = 3, strings_part: str = "xl/strings.xml") -> None:
    """A workbook of units whose text cells are shared strings, as Excel and WPS write them
    (openpyxl writes its own inline), in a part named `strings_part`."""
    import re
    import zipfile
    from xml.sax.saxutils import escape

    import openpyxl

    plain = path.with_suffix(".plain.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["年初预算", "满意度"])
    for k in range(rows):
        sheet.append([f"{k}.5万元", f"9{k % 10}%"])
    book.save(plain)
    shared: list[str] = []

    def share(match: re.Match) -> str:
        shared.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(shared) - 1}</v></c>'

    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as archive:
        for part in source.infolist():
            content = source.read(part).decode("utf-8")
            if part.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(r'<c r="(\w+)" t="inlineStr"><is><t>([^<]*)</t></is></c>',
                                 share, content)
            elif part.filename == "[Content_Types].xml":
                content = content.replace("</Types>", (
                    f'<Override PartName="/{strings_part}" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    "</Types>"))
            elif part.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace("</Relationships>", (
                    '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/sharedStrings" Target="/{strings_part}" Id="rId99"/>'
                    "</Relationships>"))
            archive.writestr(part, content.encode("utf-8"))
        archive.writestr(strings_part, (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{escape(t)}</t></si>" for t in shared) + "</sst>"))
    plain.unlink()


@pytest.mark.parametrize("content", [
    b"",
    b"PK\x03\x04 not really a zip",
    bytes(range(256)) * 4,
    "年初预算,满意度\n40万元,95%\n".encode("utf-8"),
])
def test_a_table_that_is_not_a_workbook_is_d007(tmp_path, capsys, content):
    """An .xlsx table that is not a zip archive at all is D007 (exit 1), from the command and from
    evaluate_many — never a zipfile traceback."""
    path = tmp_path / "units.xlsx"
    path.write_bytes(content)
    code, err = _score_table(path, tmp_path / "out.csv", capsys)
    assert code == 1
    assert "D007" in err and "not an Excel workbook" in err and "Traceback" not in err
    with pytest.raises(perfdsl.DataError) as raised:
        list(SEED.evaluate_many(path))
    assert [d.code for d in raised.value.diagnostics] == ["D007"]


def test_a_zip_that_is_not_a_workbook_or_is_damaged_is_d007(tmp_path, capsys):
    """A zip archive with no workbook in it, and a workbook whose sheet is not XML, are D007."""
    import zipfile

    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    damaged = tmp_path / "damaged.xlsx"
    _units_workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(tmp_path / "good.xlsx") as source, \
            zipfile.ZipFile(damaged, "w") as archive:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]  # cut off mid-element
            archive.writestr(part, content)
    for path in (other, damaged):
        code, err = _score_table(path, tmp_path / "out.csv", capsys)
        assert code == 1, err
        assert "D007" in err and "Traceback" not in err, err


def test_a_workbook_that_unpacks_too_far_is_d012(tmp_path, capsys, monkeypatch):
    """A zip bomb: a workbook of units whose parts unpack beyond the table limit, or whose text
    cells (held in memory whole) unpack beyond theirs, is refused with D012 before openpyxl
    reads it; one within both limits is scored."""
    import zipfile

    path = tmp_path / "units.xlsx"
    _units_workbook(path, rows=200)
    with zipfile.ZipFile(path) as archive:
        sizes = {p.filename: p.file_size for p in archive.infolist()}
    total, strings = sum(sizes.values()), sizes["xl/strings.xml"]
    monkeypatch.setattr(tables, "MAX_UNPACKED", total)
    monkeypatch.setattr(tables, "MAX_SHARED_STRINGS", strings)
    code, err = _score_table(path, tmp_path / "out.csv", capsys)
    assert "scored 200 units" in err and "D012" not in err, err  # (the seed's other figures
    assert (tmp_path / "out.csv").read_text("utf-8").count("\n") == 201  # are missing: D002)
    first = next(iter(SEED.evaluate_many(path)))
    assert batch(first) == one_by_one(SEED, {"年初预算": "0.5万元", "满意度": "90%"})
    monkeypatch.setattr(tables, "MAX_SHARED_STRINGS", strings - 1)
    code, err = _score_table(path, tmp_path / "out.csv", capsys)
    assert code == 1 and "D012" in err and "text cells" in err, err
    monkeypatch.setattr(tables, "MAX_SHARED_STRINGS", strings)
    monkeypatch.setattr(tables, "MAX_UNPACKED", total - 1)
    code, err = _score_table(path, tmp_path / "out.csv", capsys)
    assert code == 1 and "D012" in err and "unpacks to more than" in err, err
    with pytest.raises(perfdsl.DataError) as raised:
        list(SEED.evaluate_many(path))
    assert [d.code for d in raised.value.diagnostics] == ["D012"]


def test_the_query_is_compiled_once_per_rubric_and_table_shape(tmp_path, monkeypatch):
    """Scoring a second table with the same columns reuses the compiled query (DuckDB's fixed
    cost is what decides the crossover with Python); other columns, or the same names with other
    types, compile their own — and every table still scores as its rows do one by one."""
    from perfdsl.backends import sql

    rubric = perfdsl.compile_file(SEED_RUBRIC)  # a rubric of its own: nothing cached yet
    compiled = []
    real = sql.compile_query
    monkeypatch.setattr(sql, "compile_query", lambda *a, **k: compiled.append(1) or real(*a, **k))
    first = [{"年初预算": "40.11万元", "满意度": "95%"}, {"年初预算": "", "满意度": "否"}]
    second = [{"年初预算": "12万元", "满意度": "80%"}]
    third = [{"年初预算": "7万元"}]
    for name, rows, count in (("a", first, 1), ("b", second, 1), ("c", third, 2)):
        path = tmp_path / f"{name}.csv"
        write_csv(path, sorted({k for r in rows for k in r}), rows)
        got = [batch(r) for r in rubric.evaluate_many(path)]
        assert got == [one_by_one(rubric, {k: v for k, v in r.items() if v}) for r in rows]
        assert len(compiled) == count, name
    con = duckdb.connect()
    typed = con.sql("SELECT 7.5::DECIMAL(18, 2) AS 年初预算")  # same name, another type
    rubric.evaluate_many(typed, connection=con).fetchall()
    assert len(compiled) == 3


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_a_small_csv_scored_in_python_gives_the_same_table_as_duckdb(tmp_path, suffix):
    """Below SMALL_CSV_BYTES a CSV is scored row by row by the generated Python (DuckDB's fixed
    cost is more than the rows cost): the scored table is the same, cell for cell, and
    evaluate_many gives the same Results."""
    rows = seed_rows(60)
    names = ["单位"] + [f.name for f in perfdsl.load_data(SEED_DATA).figures]
    units = tmp_path / "units.csv"
    write_csv(units, names, rows)
    assert units.stat().st_size < 2_000_000
    saved, tables.SMALL_CSV_BYTES = tables.SMALL_CSV_BYTES, 2_000_000
    try:
        assert not tables.by_duckdb(units)
        outputs = {}
        for engine in ("auto", "duckdb", "python"):
            out = tmp_path / f"{engine}{suffix}"
            counted = tables.score_table(SEED, units, ["单位"], out, engine=engine)
            outputs[engine] = (counted, _cells(out))
        assert outputs["auto"] == outputs["python"] == outputs["duckdb"]
        assert [batch(r) for r in SEED.evaluate_many(units)] \
            == [batch(r) for r in SEED.evaluate_many(units, engine="duckdb")]
    finally:
        tables.SMALL_CSV_BYTES = saved


def _cells(path: Path) -> list:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as file:
            return list(csv.reader(file))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_a_text_table_that_is_not_utf8_is_d013(tmp_path, capsys):
    """A CSV saved as GBK (a Chinese Excel's default CSV) gets the data file's D013, with the
    place and the fix, from every path — never a reader's error."""
    units = tmp_path / "units.csv"
    units.write_bytes("单位,年初预算\n甲,40.11万元\n".encode("gbk"))
    for engine in ("duckdb", "python"):
        with pytest.raises(perfdsl.DataError) as raised:
            tables.score_table(SEED, units, ["单位"], tmp_path / "out.csv", engine=engine)
        assert [d.code for d in raised.value.diagnostics] == ["D013"]
        with pytest.raises(perfdsl.DataError) as raised:
            list(SEED.evaluate_many(units, engine=engine))
        assert [d.code for d in raised.value.diagnostics] == ["D013"]
