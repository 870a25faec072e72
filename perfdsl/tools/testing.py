"""`perfdsl test`: run the test cases written beside rubrics, as pytest runs a test suite.

A test file is YAML named `NAME.test.yaml`; it tests `NAME.rubric` beside it (or the rubric its
`rubric:` key names). Each of its `cases` has a `name`, the unit's figures — a data file
(`data:`, relative to the test file), figures written in the case (`figures:`), or both, the
case's figures replacing the file's — and what must come out (`expect:`): the `scores` of
indicators and the `subtotals` of groups by name, the `total`, the `grade` and the codes of the
`problems`; anything left out is not checked. Numbers must match exactly unless the case gives a
`tolerance`. Values are read from the YAML's text, never through binary floats. docs/testing.md
has the whole format.

`run(paths)` expects test files or folders (searched for `*.test.yaml`) and returns a `Report`:
each case passed, failed (with every difference) or in error (a rubric that does not compile,
a data file that cannot be read, a malformed case). It never raises for bad input. `reset`
rewrites each case's `expect:` with what the rubric gives now, leaving the rest of the file —
comments included — as it was. `coverage` reads the outcomes of every case (the public Result
API: which band row, deduction and checklist item applied, which indicator fell back to its
fallback) and lists what no case exercised. Nothing is timed: the summary is the same on every
run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from perfdsl.diagnostics import PerfdslError, render

SUFFIX = ".test.yaml"


# --- Reading test files -------------------------------------------------------------------------

@attrs.frozen
class Case:
    name: str
    data: str | None  # the data file, as written (relative to the test file)
    figures: dict[str, Any]  # figures written in the case: text, as the YAML has them
    expect: dict[str, Any] | None
    tolerance: Decimal
    node: Any = attrs.field(eq=False, repr=False)  # the case's YAML node (for `reset`)


@attrs.frozen
class TestFile:
    path: Path
    rubric: Path
    cases: tuple[Case, ...]
    text: str
    problem: str | None = None  # why the file cannot be read as tests


class _Malformed(Exception):
    pass


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """The test files the paths name: files as given, folders searched for `*.test.yaml`."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read(path: Path) -> TestFile:
    """A test file, or one whose `problem` says why it cannot be used."""
    import yaml

    rubric = path.with_name(path.name[: -len(SUFFIX)] + ".rubric") \
        if path.name.endswith(SUFFIX) else path.with_suffix(".rubric")
    try:
        text = path.read_text("utf-8-sig")
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as error:
        return TestFile(path, rubric, (), "", f"cannot be read: {error}")
    except yaml.YAMLError as error:
        return TestFile(path, rubric, (), "", f"is not YAML: {_one_line(error)}")
    except RecursionError:
        return TestFile(path, rubric, (), "", "is nested too deeply")
    try:
        if not isinstance(root, yaml.MappingNode):
            raise _Malformed("must be a mapping with `cases:`")
        top = _mapping(root)
        if "rubric" in top:
            rubric = path.parent / _text(top["rubric"], "rubric")
        cases_node = top.get("cases")
        if not isinstance(cases_node, yaml.SequenceNode):
            raise _Malformed("needs `cases:`, a list of cases")
        cases = tuple(_case(node, number) for number, node in enumerate(cases_node.value, 1))
    except _Malformed as error:
        return TestFile(path, rubric, (), text, str(error))
    names = [c.name for c in cases]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return TestFile(path, rubric, cases, text, f"names two cases `{twice[0]}`")
    return TestFile(path, rubric, cases, text)


def _case(node, number: int) -> Case:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise _Malformed(f"case {number} must be a mapping (name, data or figures, expect)")
    fields = _mapping(node)
    unknown = set(fields) - {"name", "data", "figures", "expect", "tolerance"}
    if unknown:
        raise _Malformed(f"case {number} has an unknown key `{sorted(unknown)[0]}`")
    name = _text(fields["name"], "name") if "name" in fields else f"case {number}"
    figures = {}
    if "figures" in fields:
        if not isinstance(fields["figures"], yaml.MappingNode):
            raise _Malformed(f"case `{name}`: `figures` must be a mapping of input names to values")
        figures = {k: _plain(v) for k, v in _mapping(fields["figures"]).items()}
    if "data" not in fields and "figures" not in fields:
        raise _Malformed(f"case `{name}` gives no figures: add `data:` or `figures:`")
    expect = None
    if "expect" in fields:
        if not isinstance(fields["expect"], yaml.MappingNode):
            raise _Malformed(f"case `{name}`: `expect` must be a mapping")
        expect = {k: _plain(v) for k, v in _mapping(fields["expect"]).items()}
        bad = set(expect) - {"scores", "subtotals", "total", "grade", "problems"}
        if bad:
            raise _Malformed(f"case `{name}`: `expect` has an unknown key `{sorted(bad)[0]}`")
    tolerance = _number(_plain(fields["tolerance"]), f"case `{name}`: tolerance") \
        if "tolerance" in fields else Decimal(0)
    data = _text(fields["data"], "data") if "data" in fields else None
    return Case(name=name, data=data, figures=figures, expect=expect, tolerance=tolerance,
                node=node)


def _mapping(node) -> dict[str, Any]:
    return {str(_plain(k)): v for k, v in node.value}


def _plain(node) -> Any:
    """A YAML node as plain data, every scalar as its text (None for an empty value)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return {str(_plain(k)): _plain(v) for k, v in node.value}


def _text(node, what: str) -> str:
    value = _plain(node)
    if not isinstance(value, str) or not value:
        raise _Malformed(f"`{what}` must be a text")
    return value


def _number(value: Any, what: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise _Malformed(f"{what}: `{value}` is not a number") from None


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


# --- Running ------------------------------------------------------------------------------------

@attrs.frozen
class Outcome:
    file: TestFile
    case: Case | None
    status: str  # passed, failed, error
    details: tuple[str, ...] = ()
    result: Any = attrs.field(default=None, eq=False, repr=False)

    @property
    def title(self) -> str:
        return f"{self.file.path}::{self.case.name}" if self.case else str(self.file.path)


@attrs.frozen
class Report:
    outcomes: tuple[Outcome, ...]
    rubrics: dict = attrs.field(factory=dict, eq=False)  # rubric path → compiled (for coverage)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return bool(self.outcomes) and all(o.status == "passed" for o in self.outcomes)


def run(paths: Sequence[str | Path], *, root: str | Path | None = None, lang: str = "en"
        ) -> Report:
    """Run every case of every test file the paths name. Data files are read only from within
    `root` (default: the current folder)."""
    from perfdsl.compiler import compile_file

    # Paths are compared as written (`..` resolved, links not followed): a link inside the
    # folder is the user's own choice of where a file lives.
    root = Path(os.path.abspath(root or os.getcwd()))
    outcomes: list[Outcome] = []
    compiled: dict[Path, Any] = {}
    for path in discover(paths):
        file = read(path)
        if file.problem is not None:
            outcomes.append(Outcome(file, None, "error", (f"{path} {file.problem}",)))
            continue
        try:
            rubric = compiled.get(file.rubric) or compile_file(file.rubric)
        except PerfdslError as error:
            outcomes.append(Outcome(file, None, "error", tuple(
                render(d, lang) for d in error.diagnostics)))
            continue
        compiled[file.rubric] = rubric
        for case in file.cases:
            outcomes.append(_run_case(file, case, rubric, root, lang))
    return Report(tuple(outcomes), compiled)


def _run_case(file: TestFile, case: Case, rubric, root: Path, lang: str) -> Outcome:
    try:
        data = _data_of(file, case, root)
    except PerfdslError as error:
        return Outcome(file, case, "error", tuple(render(d, lang) for d in error.diagnostics))
    except _Malformed as error:
        return Outcome(file, case, "error", (str(error),))
    result = rubric.evaluate(data)
    if case.expect is None:
        return Outcome(file, case, "failed", ("no `expect:` yet: run with --reset to write it",),
                       result)
    try:
        differences = list(_differences(case, result))
    except _Malformed as error:
        return Outcome(file, case, "error", (str(error),), result)
    if differences:
        return Outcome(file, case, "failed", tuple(differences), result)
    return Outcome(file, case, "passed", (), result)


def _data_of(file: TestFile, case: Case, root: Path):
    from perfdsl.data import figures as data_pass

    figures: list = []
    meta: dict = {}
    source = None
    if case.data is not None:
        path = Path(os.path.normpath(os.path.abspath(file.path.parent / case.data)))
        if not path.is_relative_to(root):
            raise _Malformed(f"`{case.data}` is outside {root}: a test reads data only from "
                             "within the current folder (or `--root`)")
        loaded = data_pass.load(path)
        figures = [f for f in loaded.figures if f.name not in case.figures]
        meta, source = loaded.meta, loaded.source
    figures += [data_pass.Figure(name=k, value=v, key_span=None, value_span=None)
                for k, v in case.figures.items()]
    return data_pass.DataFile(figures=tuple(figures), meta=meta, source=source)


def _differences(case: Case, result) -> Iterable[str]:
    expect = case.expect or {}
    tolerance = case.tolerance

    def same(expected: Any, actual: Decimal, what: str) -> bool:
        return abs(_number(expected, what) - actual) <= tolerance

    if "total" in expect and not same(expect["total"], result.total, "total"):
        yield f"total: expected {expect['total']}, got {result.total}"
    if "grade" in expect and str(expect["grade"]) != result.grade:
        yield f"grade: expected {expect['grade']}, got {result.grade}"
    for key, lookup, what in (("scores", result.indicator, "indicator"),
                              ("subtotals", None, "group")):
        wanted = expect.get(key)
        if wanted is None:
            continue
        if not isinstance(wanted, dict):
            raise _Malformed(f"case `{case.name}`: `{key}` must be a mapping of names to numbers")
        for name, value in wanted.items():
            try:
                actual = lookup(name).score if lookup else result.subtotal(name)
            except KeyError:
                yield f"{key}: the rubric has no {what} `{name}`"
                continue
            if not same(value, actual, f"{key}: {name}"):
                yield f"{name}: expected {value}, got {actual}"
    if "problems" in expect:
        wanted = expect["problems"] or []
        if not isinstance(wanted, list):
            wanted = [wanted]
        actual = sorted(d.code for d in result.problems)
        if sorted(str(w) for w in wanted) != actual:
            yield f"problems: expected {sorted(str(w) for w in wanted) or 'none'}, got " \
                  f"{actual or 'none'}"


# --- Reporting ----------------------------------------------------------------------------------

_MARK = {"passed": ".", "failed": "F", "error": "E"}


def summary(report: Report) -> str:
    """What pytest prints: a line of marks per file, the failures and errors, a count."""
    lines: list[str] = []
    by_file: dict[Path, list[Outcome]] = {}
    for outcome in report.outcomes:
        by_file.setdefault(outcome.file.path, []).append(outcome)
    for path, outcomes in by_file.items():
        lines.append(f"{path} {''.join(_MARK[o.status] for o in outcomes)}")
    for status, heading in (("error", "ERRORS"), ("failed", "FAILURES")):
        bad = [o for o in report.outcomes if o.status == status]
        if not bad:
            continue
        lines += ["", f" {heading} ".center(70, "=")]
        for outcome in bad:
            lines.append(f" {outcome.title} ".center(70, "_"))
            lines += [f"  {detail}" if "\n" not in detail else detail
                      for detail in outcome.details]
    counts = [f"{report.count(s)} {w}" for s, w in
              (("failed", "failed"), ("passed", "passed"), ("error", "errors")) if report.count(s)]
    lines += ["", f" {', '.join(counts) or 'no tests ran'} ".center(70, "=")]
    return "\n".join(lines) + "\n"


def junit(report: Report) -> str:
    """The report as JUnit XML, for CI systems."""
    from xml.etree import ElementTree as ET

    suites = ET.Element("testsuites", name="perfdsl test", tests=str(len(report.outcomes)),
                        failures=str(report.count("failed")), errors=str(report.count("error")))
    by_file: dict[Path, list[Outcome]] = {}
    for outcome in report.outcomes:
        by_file.setdefault(outcome.file.path, []).append(outcome)
    for path, outcomes in by_file.items():
        suite = ET.SubElement(suites, "testsuite", name=str(path), tests=str(len(outcomes)),
                              failures=str(sum(o.status == "failed" for o in outcomes)),
                              errors=str(sum(o.status == "error" for o in outcomes)))
        for outcome in outcomes:
            case = ET.SubElement(suite, "testcase", classname=str(path),
                                 name=outcome.case.name if outcome.case else str(path))
            if outcome.status != "passed":
                tag = "failure" if outcome.status == "failed" else "error"
                text = "\n".join(outcome.details)
                ET.SubElement(case, tag, message=outcome.details[0] if outcome.details else tag
                              ).text = text
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


# --- Resetting expectations ---------------------------------------------------------------------

def reset(report: Report) -> list[Path]:
    """Rewrite the `expect:` of every case that ran with what the rubric gives now; return the
    files changed. Only those mappings are rewritten: comments and everything else stay."""
    changed = []
    by_file: dict[Path, list[Outcome]] = {}
    for outcome in report.outcomes:
        if outcome.case is not None and outcome.result is not None:
            by_file.setdefault(outcome.file.path, []).append(outcome)
    for path, outcomes in by_file.items():
        text = outcomes[0].file.text
        edits = sorted((_edit(text, o) for o in outcomes), reverse=True)
        new = text
        for start, end, replacement in edits:
            new = new[:start] + replacement + new[end:]
        if new != text:
            path.write_text(new, "utf-8")
            changed.append(path)
    return changed


def _edit(text: str, outcome: Outcome) -> tuple[int, int, str]:
    """(start, end, new text) of one case's `expect:` value (or where a missing one goes)."""
    node = outcome.case.node  # type: ignore[union-attr]
    lines = _expectation(outcome.result, outcome.case.expect)  # type: ignore[union-attr]
    column = node.start_mark.column
    for key, value in node.value:
        if key.value == "expect":
            if getattr(value, "flow_style", False) or not value.value:
                inner = " " * (column + 2)
                return (value.start_mark.index, _end(value),
                        "\n" + "\n".join(inner + line for line in lines))
            inner = " " * value.start_mark.column
            body = ("\n" + inner).join(lines)
            return value.start_mark.index, _end(value), body
    last = node.value[-1][1]
    inner = " " * column
    block = "\n".join(" " * (column + 2) + line for line in lines)
    return _end(last), _end(last), f"\n{inner}expect:\n{block}"


def _end(node) -> int:
    """Where a node's own text ends (a block mapping's end mark is at the next token)."""
    while getattr(node, "value", None) and isinstance(node.value, list) \
            and not getattr(node, "flow_style", False):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark.index


def _expectation(result, existing: dict[str, Any] | None) -> list[str]:
    """The lines of an `expect:` mapping: what the case already checks, with today's values,
    or — for a case with none — everything."""
    from perfdsl.formatting import plain

    keys = list(existing) if existing else ["total", "grade", "scores", "subtotals", "problems"]
    lines: list[str] = []
    for key in keys:
        if key == "total":
            lines.append(f"total: {plain(result.total)}")
        elif key == "grade":
            lines.append(f"grade: {_scalar(result.grade)}")
        elif key == "problems":
            lines.append(f"problems: [{', '.join(sorted(d.code for d in result.problems))}]")
        elif key in ("scores", "subtotals"):
            everything = {i.name: i.score for i in result.indicators} if key == "scores" \
                else {g.name: g.score for g in result.groups}
            wanted = existing.get(key) if existing else None
            # `scores: {}` asks for every one
            names = list(wanted) if isinstance(wanted, dict) and wanted else list(everything)
            names = [n for n in names if n in everything]
            if names:
                lines.append(f"{key}:")
                lines += [f"  {_scalar(n)}: {plain(everything[n])}" for n in names]
    return lines


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*")


def _scalar(text: str) -> str:
    """A YAML scalar for a name: plain where YAML reads it back as the same text."""
    if _PLAIN.fullmatch(text) and text.strip() == text and text.lower() not in (
            "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


# --- Coverage -----------------------------------------------------------------------------------

@attrs.frozen
class Item:
    """A band row, deduction, checklist item or fallback of a rubric, and whether it fired."""

    kind: str  # band, deduction, item, fallback
    indicator: str
    text: str
    location: str
    fired: bool


def coverage(report: Report) -> dict[Path, list[Item]]:
    """For each rubric tested, its rows, deductions, items and fallbacks, each with whether some
    case made it fire — read from the outcomes and problems of the results."""
    from perfdsl.checks import model as m

    out: dict[Path, list[Item]] = {}
    for path, rubric in report.rubrics.items():
        results = [o.result for o in report.outcomes
                   if o.result is not None and o.file.rubric == path]
        items: list[Item] = []
        for index, ind in enumerate(rubric.model.indicators):
            rule = ind.rule
            seen = [r.indicator_at(index) for r in results]
            outcomes = [s.outcome for s in seen if s.outcome is not None]
            if isinstance(rule, m.Bands):
                rows = {o.row for o in outcomes}
                items += [Item("band", ind.name, b.span.text, b.span.location(), n in rows)
                          for n, b in enumerate(rule.bands)]
            elif isinstance(rule, m.Deductions):
                items += [Item("deduction", ind.name, d.span.text, d.span.location(),
                               any(o.applies[n] for o in outcomes))
                          for n, d in enumerate(rule.deductions)]
            elif isinstance(rule, m.Checklist):
                items += [Item("item", ind.name, c.span.text, c.span.location(),
                               any(o.met[n] for o in outcomes))
                          for n, c in enumerate(rule.items)]
            if ind.fallback is not None:
                items.append(Item("fallback", ind.name, f"fallback {ind.fallback}",
                                  ind.span.location(),
                                  any(r.problem_of(index) is not None for r in results)))
        out[path] = items
    return out


_KIND_WORDS = {"band": "band rows", "deduction": "deductions", "item": "checklist items",
               "fallback": "fallbacks"}


def coverage_text(report: Report) -> str:
    lines = []
    for path, items in coverage(report).items():
        cases = sum(1 for o in report.outcomes if o.result is not None and o.file.rubric == path)
        lines.append(f"coverage of {path} ({cases} case{'s' if cases != 1 else ''}):")
        for kind, words in _KIND_WORDS.items():
            of_kind = [i for i in items if i.kind == kind]
            if of_kind:
                fired = sum(i.fired for i in of_kind)
                lines.append(f"  {words:<16} {fired:>3} of {len(of_kind):<3} fired")
        never = [i for i in items if not i.fired]
        if never:
            lines.append("  never fired:")
            lines += [f"    {i.location}: {i.indicator}: {' '.join(i.text.split())}"
                      for i in never]
        lines.append("")
    return "\n".join(lines)
