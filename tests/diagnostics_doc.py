"""The diagnostics reference: every code, a minimal rubric that triggers it, its output, the fix.

tests/bad/<CODE>.rubric holds the example (first line: `# CODE: how to fix it`), with
<CODE>.yaml beside it for the data codes. `run(code)` returns the diagnostics an example
produces; `generate()` writes docs/diagnostics.md from the catalogue and the examples, so the
doc and the checked examples cannot drift apart (tests/test_diagnostics.py compares them).
Regenerate on purpose: PERFDSL_UPDATE_GOLDEN=1 python -m pytest tests/test_diagnostics.py
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from perfdsl.data import figures as data
from perfdsl.compiler import diagnose
from perfdsl.diagnostics import DataError, Diagnostic, render_all
from perfdsl.messages import CATALOGUE
from perfdsl.language.source import Source

BAD = Path(__file__).parent / "bad"
MISSING_FILE = "no-such-file.rubric"  # E007: the example is a path that does not exist
# Examples run with a limit lowered, to fit on the page: code → (name in limits, value).
LOWERED = {"E015": ("MAX_TOKENS", 30)}
GBK_FILES = {"E008": "E008.rubric", "D013": "D013.yaml"}  # saved in GBK on purpose


def run(code: str) -> list[Diagnostic]:
    """The diagnostics the example of `code` produces (compile, then score its data if any)."""
    if code == "E007":
        from perfdsl.compiler import read_rubric
        from perfdsl.diagnostics import CompileError

        try:
            read_rubric(MISSING_FILE)  # relative, so the output is the same in every checkout
        except CompileError as error:
            return list(error.diagnostics)
        raise AssertionError("the E007 example file exists")
    rubric_file = BAD / f"{code}.rubric"
    if code == "E008":  # what compiler.read_rubric does with the file's bytes
        from perfdsl.diagnostics import CompileError
        from perfdsl.untrusted import decode

        try:
            decode(rubric_file.read_bytes(), rubric_file.name, "E008")
        except CompileError as error:
            return list(error.diagnostics)
        raise AssertionError("the E008 example reads as UTF-8")
    with _lowered(code):
        compiled, diagnostics = diagnose(Source(rubric_file.name, rubric_file.read_text("utf-8")),
                                         base=str(BAD))
    if code in WORKBOOKS:
        return diagnostics + _workbook_problems(code, compiled)
    data_file = BAD / f"{code}.yaml"
    if not data_file.exists():
        return diagnostics
    assert compiled is not None, f"{code}: the rubric of a data example must compile"
    try:
        if code in GBK_FILES:  # what data.load does with the file's bytes
            from perfdsl.untrusted import decode

            loaded = data.loads(decode(data_file.read_bytes(), data_file.name, code), data_file.name)
        else:
            loaded = data.loads(data_file.read_text("utf-8"), data_file.name)
    except DataError as error:
        return diagnostics + list(error.diagnostics)
    result = compiled.evaluate(loaded)
    from perfdsl.data import claims

    # Explanation templates run when the report is written: W501 comes from there.
    from perfdsl.checks.templates import collecting
    from perfdsl.outputs.sentences import explanations

    with collecting() as failures:
        explanations(result, "en")
    return diagnostics + list(result.notices) + list(result.problems) + list(
        claims.read(compiled.model, loaded).problems) + failures


# Workbook examples are made when run, from the example's rubric: (what the page says, how).
WORKBOOKS = {
    "D021": "the workbook of `perfdsl template` with `=95%` typed as a formula in the 填写 "
            "cell of 满意度, saved by a program that computes no formulas",
    "D022": "a workbook whose only sheet, `Sheet1`, holds the figures in columns of its own",
}


def _workbook_problems(code: str, compiled) -> list[Diagnostic]:
    import tempfile

    from openpyxl import Workbook, load_workbook

    from perfdsl.data import workbook
    from perfdsl.outputs.fillin import template_bytes

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{code}.xlsx"
        if code == "D021":
            path.write_bytes(template_bytes(compiled))
            book = load_workbook(path)
            book["填报"].cell(row=4, column=5).value = "=95%"
        else:
            book = Workbook()
            book.active.title = "Sheet1"
            book.active.append(["满意度", "95%"])
        book.save(path)
        try:
            workbook.load(path)
        except DataError as error:
            return list(error.diagnostics)
    raise AssertionError(f"{code}: the workbook example was read")


@contextlib.contextmanager
def _lowered(code: str):
    from perfdsl.language import limits

    if code not in LOWERED:
        yield
        return
    name, value = LOWERED[code]
    saved = getattr(limits, name)
    setattr(limits, name, value)
    try:
        yield
    finally:
        setattr(limits, name, saved)


def example_text(code: str) -> tuple[str, str, str | None]:
    """(how to fix, the rubric without its first line, the data file or None)."""
    if code == "E007":
        return ("Check the path and that the file is UTF-8 text.", "", None)
    encoding = {"E008": "gbk"}.get(code, "utf-8")
    lines = (BAD / f"{code}.rubric").read_text(encoding).split("\n", 1)
    fix = lines[0].split(":", 1)[1].strip()
    data_file = BAD / f"{code}.yaml"
    data_encoding = {"D013": "gbk"}.get(code, "utf-8")
    return fix, lines[1], data_file.read_text(data_encoding) if data_file.exists() else None


def workbook_text(code: str) -> str | None:
    """What a workbook example is, in words (the page cannot show the file itself)."""
    return WORKBOOKS.get(code)


def expected_output(code: str) -> str:
    diagnostics = run(code)
    return render_all(diagnostics, "en") + "\n\n" + render_all(diagnostics, "zh") + "\n"


_GROUPS = [("E00", "Syntax"), ("E01", "Limits"), ("E1", "Names"), ("E2", "Types and units"),
           ("E3", "Weights and structure"), ("E4", "Scoring rules"),
           ("E5", "Explanation templates"), ("E6", "Verification errors"),
           ("E7", "Targets, checks and layouts"), ("E8", "Building on a template"),
           ("D", "Data"),
           ("W", "Warnings"), ("N", "Notes")]


def generate() -> str:
    out = ["# Diagnostics", "",
           "Every problem perfdsl reports has a stable code, a severity, a position, a message and",
           "a hint, in English and Chinese (`--lang en|zh`, else from the locale). `perfdsl compile",
           "--format json` gives the same as JSON for editors and CI. This page is generated from",
           "the catalogue (`perfdsl/messages.py`) and the examples in `tests/bad/`; a test checks",
           "that every example below produces its code and exactly the output shown.", ""]
    for prefix, title in _GROUPS:
        codes = [c for c in CATALOGUE if c.startswith(prefix)]
        if not codes:
            continue
        out += [f"## {title}", ""]
        for code in codes:
            entry = CATALOGUE[code]
            fix, rubric, data_text = example_text(code)
            out += [f"### {code} ({entry.severity_name})", "",
                    f"- English: {_template(entry.en)}", f"- 中文：{_template(entry.zh)}",
                    f"- How to fix: {fix}", ""]
            if code == "E007":
                out += ["Example: `perfdsl compile no-such-file.rubric`", ""]
            else:
                saved = " (saved in GBK, not UTF-8)" if GBK_FILES.get(code, "").endswith(".rubric") else ""
                out += [f"`{code}.rubric`{saved}:", "", "```rubric", rubric.rstrip("\n"), "```", ""]
            if code in LOWERED:
                name, value = LOWERED[code]
                out += [f"(Run with `{name}` lowered to {value} for the example's sake.)", ""]
            if data_text is not None:
                saved = " (saved in GBK, not UTF-8)" if GBK_FILES.get(code, "").endswith(".yaml") else ""
                out += [f"`{code}.yaml`{saved}:", "", "```yaml", data_text.rstrip("\n"), "```", ""]
            if workbook_text(code) is not None:
                out += [f"`{code}.xlsx`: {workbook_text(code)}.", ""]
            out += ["Output:", "", "```text", render_all(run(code), "en"), "```", ""]
    return "\n".join(out)


def _template(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"
