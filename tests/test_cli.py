"""The `perfdsl` command: exit codes, compiler-style diagnostics with a caret that lines up under
CJK and full-width characters, JSON diagnostics, score reports — and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

from perfdsl.cli import main

from conftest import ROOT, SEED_DATA, SEED_RUBRIC

GOOD = """\
总分 10
输入 预算：金额（万元） 范围 > 0
输入 支出：金额（万元） 范围 ≥ 0
分组 组 分值 10 {
  指标 执行率 分值 10 { 值 支出 / 预算 评分 按比例 执行率 }
}
"""

# An unknown name after CJK text and full-width punctuation: the caret must stand under it.
UNKNOWN_NAME = GOOD.replace("评分 按比例 执行率", "评分 按比例 （执行率 ＋ 执行律）")


def cells(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def caret_line(stderr: str, line_no: int) -> tuple[str, str]:
    """The source line and the caret line printed for `line_no`."""
    lines = stderr.splitlines()
    source_index = next(i for i, line in enumerate(lines) if line.startswith(f"{line_no} | "))
    return lines[source_index], lines[source_index + 1]


# --- compile ------------------------------------------------------------------------------------

def test_compile_a_good_rubric_prints_ok_and_exits_0(tmp_path, capsys):
    """A clean rubric: exit 0, `ok` on stdout, nothing on stderr."""
    assert main(["compile", write(tmp_path, "good.rubric", GOOD)]) == 0
    out, err = capsys.readouterr()
    assert out == "ok\n" and err == ""


def test_compile_the_seed_rubric(capsys):
    """The seed rubric compiles cleanly."""
    assert main(["compile", str(SEED_RUBRIC)]) == 0
    assert capsys.readouterr().out == "ok\n"


def test_compile_several_rubrics_counts_them(tmp_path, capsys):
    """`compile A B`: exit 0 and `ok: 2 rubrics`."""
    a, b = write(tmp_path, "a.rubric", GOOD), write(tmp_path, "b.rubric", GOOD)
    assert main(["compile", a, b]) == 0
    assert capsys.readouterr().out == "ok: 2 rubrics\n"


def test_compile_errors_are_compiler_style_on_stderr(tmp_path, capsys):
    """A bad rubric: exit 1, nothing on stdout, and on stderr `file:line:col: error[CODE]:
    message`, the source line, a caret under the span and the hint."""
    path = write(tmp_path, "bad.rubric", UNKNOWN_NAME)
    assert main(["compile", path, "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    line = UNKNOWN_NAME.splitlines()[4]
    column = line.index("执行律") + 1
    assert err.startswith(f"{path}:5:{column}: error[E101]: unknown name `执行律`\n")
    assert "  = hint: did you mean `执行率`?" in err


def test_the_caret_lines_up_under_wide_characters_and_full_width_punctuation(tmp_path, capsys):
    """The caret stands in the same terminal cell as the name it marks, counting CJK characters
    and full-width punctuation as two cells, and is as wide as the name."""
    path = write(tmp_path, "bad.rubric", UNKNOWN_NAME)
    main(["compile", path, "--lang", "en"])
    source, carets = caret_line(capsys.readouterr().err, 5)
    line = UNKNOWN_NAME.splitlines()[4]
    assert source == f"5 | {line}"
    before = line[:line.index("执行律")]
    assert carets == "  | " + " " * cells(before) + "^" * cells("执行律")
    # The caret's cell on screen is the name's cell on the line above.
    assert cells(carets[:carets.index("^")]) == cells(source[:source.index("执行律")])


@pytest.mark.parametrize("broken,marked", [
    ("评分 按比例 执行率 ＠", "＠"),
    ("评分 按比例 执行率 ）", "）"),
])
def test_the_caret_under_a_full_width_character(tmp_path, capsys, broken, marked):
    """A syntax error on a full-width character is marked by two carets under it."""
    text = GOOD.replace("评分 按比例 执行率", broken)
    main(["compile", write(tmp_path, "bad.rubric", text), "--lang", "en"])
    err = capsys.readouterr().err
    source, carets = caret_line(err, 5)
    line = text.splitlines()[4]
    index = line.index(marked)
    assert carets == "  | " + " " * cells(line[:index]) + "^^"
    assert f":5:{index + 1}: error[" in err


def test_compile_messages_in_chinese(tmp_path, capsys):
    """`--lang zh`: 错误 and the Chinese message and hint."""
    main(["compile", write(tmp_path, "bad.rubric", UNKNOWN_NAME), "--lang", "zh"])
    err = capsys.readouterr().err
    assert "错误[E101]: 未定义的名称 `执行律`" in err and "= 建议: 是否应为 `执行率`？" in err


def test_compile_reports_every_error_and_warning(tmp_path, capsys):
    """Several problems in one file are all printed, errors and warnings alike."""
    text = UNKNOWN_NAME.replace("输入 支出", "输入 未用：数值\n输入 支出").replace("分值 10 {\n  指标", "分值 9 {\n  指标")
    assert main(["compile", write(tmp_path, "bad.rubric", text), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "warning[W001]: input `未用` is never used" in err
    assert "error[E101]" in err


def test_compile_format_json(tmp_path, capsys):
    """`--format json`: a JSON list of diagnostics (code, severity, message, hint, file, line,
    column, end, the suggested name, related places) on stdout even when the rubric fails —
    machine output belongs on stdout — with exit code 1 and nothing on stderr."""
    path = write(tmp_path, "bad.rubric", UNKNOWN_NAME)
    assert main(["compile", path, "--format", "json", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    (diagnostic,) = json.loads(out)
    line = UNKNOWN_NAME.splitlines()[4]
    assert diagnostic == {
        "code": "E101", "severity": "error", "message": "unknown name `执行律`",
        "hint": "did you mean `执行率`?", "file": path, "line": 5,
        "column": line.index("执行律") + 1, "end_line": 5,
        "end_column": line.index("执行律") + 4, "suggestion": "执行率", "related": []}


def test_compile_format_json_lists_related_places(tmp_path, capsys):
    """A duplicate's first definition travels in `related`, with its own position and note."""
    text = GOOD.replace("输入 支出", "输入 预算：金额（万元）\n输入 支出", 1)
    path = write(tmp_path, "dup.rubric", text)
    assert main(["compile", path, "--format", "json", "--lang", "zh"]) == 1
    (diagnostic,) = json.loads(capsys.readouterr().out)
    first = text.splitlines().index(next(l for l in text.splitlines() if l.startswith("输入 预算")))
    assert diagnostic["code"] == "E102" and diagnostic["suggestion"] is None
    assert diagnostic["related"] == [{
        "file": path, "line": first + 1, "column": 4, "end_line": first + 1, "end_column": 6,
        "message": "第一次定义在这里"}]


def test_a_missing_file_with_format_json_is_json_on_stdout(tmp_path, capsys):
    """E007 for a file that cannot be read is part of the JSON array too, not text on stderr."""
    path = str(tmp_path / "none.rubric")
    assert main(["compile", path, "--format", "json", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert err == "" and [d["code"] for d in json.loads(out)] == ["E007"]


def test_compile_format_json_of_a_clean_rubric_is_an_empty_list(tmp_path, capsys):
    """A clean rubric with `--format json`: exit 0 and `[]` on stdout."""
    assert main(["compile", write(tmp_path, "good.rubric", GOOD), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_missing_rubric_file_is_a_diagnostic_not_a_traceback(tmp_path, capsys):
    """A rubric path that does not exist: exit 1 and E007 naming the path, no traceback."""
    path = str(tmp_path / "无此文件.rubric")
    assert main(["compile", path, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error[E007]: the rubric file cannot be read: ")
    assert "无此文件.rubric" in err and "Traceback" not in err


def test_a_rubric_that_is_not_utf8_is_a_diagnostic(tmp_path, capsys):
    """A rubric saved in GBK is E008 at the line and column of its first non-UTF-8 byte, with
    the line shown as GBK text and a hint to save it as UTF-8 — not Python's codec error."""
    path = tmp_path / "gbk.rubric"
    path.write_bytes(("# 说明\n" + GOOD).encode("utf-8")[:9] + GOOD.encode("gbk"))
    assert main(["compile", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:2:1: error[E008]: the rubric file is not UTF-8 text: byte 0xd7")
    assert "2 | 总分 10\n" in err
    assert "save the file as UTF-8" in err and "looks like GBK" in err
    assert "codec" not in err and "Traceback" not in err
    assert main(["compile", str(path), "--lang", "zh"]) == 1
    assert "另存为 UTF-8 编码" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys):
    """`perfdsl` alone shows the usage on stderr, exit 2."""
    assert main([]) == 2
    assert "usage: perfdsl" in capsys.readouterr().err


# --- score --------------------------------------------------------------------------------------

def test_score_table(capsys):
    """`score` prints the filled table with the total and grade; exit 0 for the seed."""
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA)]) == 0
    out, err = capsys.readouterr()
    assert "一级指标" in out and "在职人员控制率" in out and "92.00" in out and "优" in out
    assert err == ""


def test_score_json(capsys):
    """`score --format json`: the result schema with total 92, grade 优 and 26 indicators."""
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "perfdsl.result"
    assert report["total"] == 92 and report["grade"] == "优"
    assert len(report["indicators"]) == 26


def test_score_markdown(capsys):
    """`score --format markdown`: a Markdown table of the form."""
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 部门整体支出绩效自评表")
    assert "| " in out and "在职人员控制率" in out and "92.00" in out


def test_score_with_data_problems_reports_them_and_exits_1(tmp_path, capsys):
    """Figures with a problem: the report is still printed, the problems go to stderr in
    compiler style, and the exit code is 1."""
    rubric = write(tmp_path, "r.rubric", GOOD)
    data = write(tmp_path, "d.yaml", "预算: 0\n支出: 很多\n")
    assert main(["score", rubric, data, "--format", "json", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["total"] == 0
    assert "d.yaml:1:5: error[D004]" in err and "d.yaml:2:5: error[D003]" in err
    assert "Traceback" not in err


def test_score_with_a_missing_data_file(tmp_path, capsys):
    """A data path that does not exist: exit 1, D007, no traceback."""
    rubric = write(tmp_path, "r.rubric", GOOD)
    assert main(["score", rubric, str(tmp_path / "none.yaml")]) == 1
    err = capsys.readouterr().err
    assert "[D007]" in err and "Traceback" not in err


def test_score_with_a_broken_rubric(tmp_path, capsys):
    """Scoring with a rubric that does not compile shows its errors and exits 1."""
    rubric = write(tmp_path, "r.rubric", UNKNOWN_NAME)
    assert main(["score", rubric, str(SEED_DATA), "--lang", "en"]) == 1
    assert "error[E101]" in capsys.readouterr().err


def test_score_with_bad_yaml_points_at_the_place(tmp_path, capsys):
    """Data that is not YAML: D007 with file:line:col."""
    rubric = write(tmp_path, "r.rubric", GOOD)
    data = write(tmp_path, "d.yaml", "预算: [1\n")
    assert main(["score", rubric, data, "--lang", "en"]) == 1
    assert f"{data}:2:1: error[D007]" in capsys.readouterr().err


# --- The module as a program --------------------------------------------------------------------

def test_python_dash_m_perfdsl(tmp_path):
    """`python -m perfdsl compile` runs in a fresh process: exit 1 with the diagnostic on stderr
    for a bad rubric, exit 0 and `ok` for a good one."""
    bad = write(tmp_path, "bad.rubric", UNKNOWN_NAME)
    good = write(tmp_path, "good.rubric", GOOD)
    env = {"PATH": "/usr/bin:/bin", "PERFDSL_LANG": "en", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    failed = subprocess.run([sys.executable, "-m", "perfdsl", "compile", bad],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            cwd=tmp_path, timeout=60)
    assert failed.returncode == 1 and failed.stdout == ""
    assert f"{bad}:5:" in failed.stderr and "error[E101]" in failed.stderr
    passed = subprocess.run([sys.executable, "-m", "perfdsl", "compile", good],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            cwd=tmp_path, timeout=60)
    assert (passed.returncode, passed.stdout, passed.stderr) == (0, "ok\n", "")


def test_xlsx_without_openpyxl_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    """Without openpyxl, --format xlsx is a clear message and exit 2, not a traceback."""
    import builtins

    from conftest import SEED_DATA, SEED_RUBRIC
    from perfdsl.cli import main

    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    code = main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "xlsx",
                 "-o", str(tmp_path / "x.xlsx")])
    assert code == 2
    assert "pip install 'perfdsl[excel]'" in capsys.readouterr().err


def test_score_xlsx_with_control_characters_in_a_figure(tmp_path, capsys):
    """A figure pasted with a control character Excel refuses (\\x08) still gives a workbook:
    the problem is reported and the workbook is written, without a traceback."""
    import openpyxl
    rubric = write(tmp_path, "r.rubric", GOOD)
    data = write(tmp_path, "d.yaml", '预算: "\\x08"\n支出: 1\n')
    out = tmp_path / "表.xlsx"
    assert main(["score", rubric, data, "--format", "xlsx", "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "error[D003]" in err and "Traceback" not in err and "internal error" not in err
    sheet = openpyxl.load_workbook(out).active
    assert any("D003" in str(c.value) or "预算" in str(c.value) for row in sheet.iter_rows() for c in row)


def _perfdsl(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "perfdsl", *map(str, args), "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          input=stdin)


UNITS = ROOT / "examples" / "units.csv"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_scored_table_is_never_written_over_its_input(tmp_path, suffix):
    """`-o` naming the table being scored is refused before any work, as for one unit's
    report: the input is left as it was."""
    units = tmp_path / f"units{suffix}"
    done = _perfdsl("score", SEED_RUBRIC, UNITS, "--key", "单位", "-o", units)
    assert done.returncode == 1, done.stderr  # the example's bad row
    before = units.read_bytes()
    done = _perfdsl("score", SEED_RUBRIC, units, "--key", "单位", "-o", units)
    assert done.returncode == 2 and "it is the input file" in done.stderr
    assert units.read_bytes() == before


@pytest.mark.parametrize("name", ["nosuch.csv", "nosuch.parquet", "nosuch.xlsx", "nosuch.jsonl"])
def test_a_missing_table_is_a_data_error_in_plain_words(tmp_path, name):
    done = _perfdsl("score", SEED_RUBRIC, tmp_path / name, "-o", tmp_path / "out.csv")
    assert done.returncode == 1
    assert "error[D007]" in done.stderr and "no such file" in done.stderr
    assert "Traceback" not in done.stderr and "DuckDB" not in done.stderr
    assert "IO Error" not in done.stderr


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_a_scored_table_into_a_missing_folder_is_exit_2(tmp_path, suffix):
    target = tmp_path / "nodir" / f"scored{suffix}"
    done = _perfdsl("score", SEED_RUBRIC, UNITS, "--key", "单位", "-o", target)
    assert done.returncode == 2 and "does not exist" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_a_scored_table_replaces_the_previous_one_whole(tmp_path, suffix):
    """The table is written beside its target and renamed over it: no temporary file is left,
    and the previous table is replaced only by a complete one."""
    target = tmp_path / f"scored{suffix}"
    target.write_bytes(b"previous")
    done = _perfdsl("score", SEED_RUBRIC, UNITS, "--key", "单位", "-o", target)
    assert done.returncode == 1 and "scored 4 units, 1 with problems" in done.stderr
    assert target.read_bytes() != b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_the_shipped_table_of_units_scores_as_each_unit_alone(tmp_path):
    """examples/units.csv (the README's batch example): the seed unit scores 92 优, the others
    as `evaluate` scores them, the row with bad figures with its problems."""
    import csv

    import perfdsl

    out = tmp_path / "scored.csv"
    _perfdsl("score", SEED_RUBRIC, UNITS, "--key", "单位", "-o", out)
    with open(out, encoding="utf-8", newline="") as file:
        scored = list(csv.DictReader(file))
    with open(UNITS, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    compiled = perfdsl.compile_file(SEED_RUBRIC)
    assert (scored[0]["total"], scored[0]["grade"]) == ("92.00", "优")
    for row, got in zip(rows, scored, strict=True):
        want = compiled.evaluate({k: v for k, v in row.items() if k != "单位" and v != ""})
        assert (got["total"], got["grade"]) == (str(want.total), want.grade)
    assert [bool(r["problems"]) for r in scored] == [False, False, False, True]


def test_the_language_server_exits_0_after_shutdown_and_exit():
    """The protocol's own end (shutdown, then exit) is a normal end: pygls closes standard
    output, which is not a failed write."""
    def message(body):
        data = json.dumps(body).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n" % len(data) + data

    stream = b"".join(message(m) for m in (
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"capabilities": {}, "processId": None, "rootUri": None}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"}))
    done = subprocess.run([sys.executable, "-m", "perfdsl", "lsp"], input=stream,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"cannot write" not in done.stderr


def test_trace_shows_a_missing_figure_as_missing(tmp_path):
    data = tmp_path / "单位.yaml"
    data.write_text(SEED_DATA.read_text(encoding="utf-8").replace("编制数:", "编制人数:"),
                    encoding="utf-8")
    done = _perfdsl("trace", SEED_RUBRIC, data, "在职人员控制率")
    assert "Unavailable" not in done.stdout
    assert any(line.split("=")[0].strip().endswith("编制数") and line.split("=")[1].split()[0]
               == "—" for line in done.stdout.splitlines() if "=" in line), done.stdout


def test_audit_marks_on_a_gbk_console_are_gbk_marks():
    """✗ and ✓ are not in GBK: a Chinese Windows console gets × and √, not `\\u2717`; a
    character with no stand-in is still escaped, never an error."""
    import os

    env = dict(os.environ, PYTHONIOENCODING="gbk")
    done = subprocess.run([sys.executable, "-m", "perfdsl", "audit", str(SEED_RUBRIC),
                           str(ROOT / "examples" / "huitong-2021.filed.yaml")],
                          capture_output=True, env=env)
    assert done.returncode == 1
    text = done.stdout.decode("gbk")
    assert "× [A" in text and "\\u2717" not in text and "\\u2713" not in text
    probe = subprocess.run([sys.executable, "-c", "import perfdsl.cli as c; c._safe_streams(); "
                            "print('✓ › 😀')"], capture_output=True, env=env)
    assert probe.stdout.decode("gbk").split() == ["√", ">", "\\U0001f600"]


@pytest.mark.parametrize("argv,words", [
    (["--lang", "zh", "score", str(SEED_RUBRIC), "nosuch.yaml"], "无法读取数据文件"),
    (["--lang", "en", "score", str(SEED_RUBRIC), "nosuch.yaml"], "cannot be read"),
    (["--lang", "zh", "score", str(SEED_RUBRIC), "nosuch.yaml", "--lang", "en"], "cannot be read"),
])
def test_lang_may_come_before_the_command(capsys, argv, words):
    """`perfdsl --lang zh score …` as `perfdsl score … --lang zh`; after the command wins."""
    assert main(argv) == 1
    assert words in capsys.readouterr().err
