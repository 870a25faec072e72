"""The user documentation in docs/ is true: every example in it runs and gives what the page says.

The pages mark their examples with the info string of a fenced code block. The first word is
the kind; `key=value` words after it are attributes (Markdown renderers show only the first):

    ```rubric                  a complete rubric: compiles with no error, and no warning unless
                               listed (`warnings=W001,W002`); `file=NAME` also saves it as NAME
    ```rubric-error codes=E301 a complete rubric that must fail with exactly these error codes;
                               a line whose comment names a code (`# E201`) must get it there
    ```rubric-fragment         a piece of a rubric: must parse as written, or inside an
                               indicator's braces, or as the right-hand side of a `let`
    ```yaml data               figures for the last rubric above (`file=NAME` saves them)
    ```scores                  what those figures score: `name = 8.50` per indicator or group,
                               `合计`/`total`, `等级`/`grade`, `问题`/`problems` (codes);
                               anything after `#` is a comment for the reader
    ```console                 `$ perfdsl …` commands with their exact output (stdout and stderr
                               as a terminal shows them); `$ echo $?` shows the exit code
    ```python + ```output      docs/api.md's complete example and exactly what it prints
    ```pycon                   interactive examples in docs/api.md, run as doctests

Console commands run in a scratch folder holding the page's saved files and links to the
repository's docs/, rubrics/ and examples/, with messages in English (`PERFDSL_LANG=en`), or
in Chinese for the Chinese tutorial — as each page says. After a deliberate change of wording,
`PERFDSL_UPDATE_GOLDEN=1 python -m pytest tests/test_docs.py` rewrites the console blocks with
the real output; review the diff. Everything else on the pages is checked, never rewritten.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import perfdsl
from perfdsl.data import figures as data_module
from perfdsl.checks import units
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.language.parse import parse
from perfdsl.language.source import Source

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RUBRIC_DOCS = ("language.md", "tutorial.zh.md", "data.md", "cli.md", "api.md", "results.md",
               "graph.md", "audit.md", "testing.md")
CONSOLE_DOCS = ("cli.md", "tutorial.zh.md", "data.md", "results.md", "graph.md", "audit.md",
                "testing.md")
ALL_DOCS = ("language.md", "tutorial.zh.md", "cli.md", "api.md", "results.md", "graph.md",
            "data.md", "audit.md", "reports.md")
LANG_OF_DOC = {"tutorial.zh.md": "zh"}
UPDATE = bool(os.environ.get("PERFDSL_UPDATE_GOLDEN"))


# --- Reading the pages ------------------------------------------------------------------------

@attrs.frozen
class Block:
    doc: str
    line: int  # the line of the opening fence
    kind: str
    attrs: dict
    text: str

    @property
    def where(self) -> str:
        return f"docs/{self.doc}:{self.line}"


def blocks(doc: str) -> list[Block]:
    """The fenced code blocks of a page, in order."""
    out = []
    lines = (DOCS / doc).read_text("utf-8").split("\n")
    i = 0
    while i < len(lines):
        match = re.match(r"^ {0,3}(`{3,}|~{3,})(.*)$", lines[i])
        if not match:
            i += 1
            continue
        fence, info = match.group(1), match.group(2).strip()
        body = []
        j = i + 1
        while j < len(lines) and not re.match(rf"^ {{0,3}}{re.escape(fence)}\s*$", lines[j]):
            body.append(lines[j])
            j += 1
        words = info.split()
        kind = words[0] if words else ""
        attributes = {}
        for word in words[1:]:
            key, _, value = word.partition("=")
            attributes[key] = value
        out.append(Block(doc, i + 1, kind, attributes, "\n".join(body) + "\n"))
        i = j + 1
    return out


def codes_of(value: str) -> set[str]:
    return {c for c in value.split(",") if c}


# --- Rubric examples --------------------------------------------------------------------------

def compile_block(block: Block):
    """Compile a rubric block; return (compiled or None, every diagnostic). A rubric that
    builds on another (`基于 "NAME"`) reads the page's block saved as `file=NAME` above it."""
    from perfdsl.compiler import diagnose

    saved = {b.attrs["file"]: b.text for b in blocks(block.doc)
             if "file" in b.attrs and b.line < block.line}

    def read(path: str) -> str:
        name = os.path.basename(path)
        if name not in saved:
            raise OSError(f"no block above saved as {name}")
        return saved[name]

    return diagnose(Source(block.attrs.get("file") or block.where, block.text), read=read)


@pytest.mark.parametrize("doc", RUBRIC_DOCS)
def test_every_full_rubric_compiles(doc):
    """Every ```rubric block is a complete rubric that compiles with no error, and warns about
    exactly what its `warnings=` attribute lists (nothing if absent)."""
    failures = []
    for block in blocks(doc):
        if block.kind != "rubric":
            continue
        compiled, diagnostics = compile_block(block)
        if compiled is None:
            failures.append(f"{block.where}: does not compile:\n"
                            + "\n".join(str(d) for d in diagnostics if d.is_error))
            continue
        warned = {d.code for d in diagnostics if d.severity.value == "warning"}  # notes inform
        if warned != codes_of(block.attrs.get("warnings", "")):
            failures.append(f"{block.where}: warnings {sorted(warned)}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("doc", RUBRIC_DOCS)
def test_every_bad_rubric_fails_as_stated(doc):
    """Every ```rubric-error block fails to compile with exactly the error codes it names, and
    a line whose comment names a code (`# E201: …`) gets that diagnostic on that line."""
    failures = []
    for block in blocks(doc):
        if block.kind != "rubric-error":
            continue
        assert block.attrs.get("codes"), f"{block.where}: say which codes with codes=…"
        compiled, diagnostics = compile_block(block)
        found = {d.code for d in diagnostics if d.is_error}
        if compiled is not None or found != codes_of(block.attrs["codes"]):
            failures.append(f"{block.where}: expected {block.attrs['codes']}, found "
                            f"{sorted(found)}:\n" + "\n".join(str(d) for d in diagnostics))
        at = {(d.code, d.span.line) for d in diagnostics if d.span is not None}
        for number, line in enumerate(block.text.splitlines(), 1):
            comment = line.partition("#")[2]
            for code in re.findall(r"\b[EW]\d{3}\b", comment):
                if (code, number) not in at:
                    failures.append(f"{block.where}: line {number} says {code}, but perfdsl "
                                    f"reports {sorted(c for c, n in at if n == number)} there")
    assert not failures, "\n\n".join(failures)


FRAGMENT_WRAPPINGS = ("{}", "指标 _文档 分值 1 {{\n{}\n}}", "令 _文档 = {}")


@pytest.mark.parametrize("doc", RUBRIC_DOCS)
def test_every_fragment_parses(doc):
    """Every ```rubric-fragment block is valid syntax: as a statement, as the inside of an
    indicator, or as an expression."""
    failures = []
    for block in blocks(doc):
        if block.kind != "rubric-fragment":
            continue
        for wrapping in FRAGMENT_WRAPPINGS:
            tree, diagnostics = parse(Source(block.where, wrapping.format(block.text)))
            if tree is not None and not any(d.is_error for d in diagnostics):
                break
        else:
            failures.append(f"{block.where}: does not parse:\n{block.text}")
    assert not failures, "\n\n".join(failures)


def check_scores(block: Block, result) -> list[str]:
    """Differences between a ```scores block and a result."""
    failures = []
    for raw in block.text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, expected = (part.strip() for part in line.partition("="))
        if name in ("合计", "total"):
            actual = result.total
        elif name in ("等级", "grade"):
            actual = result.grade
        elif name in ("问题", "problems"):
            actual = ",".join(sorted({d.code for d in result.problems})) or "无"
            expected = ",".join(sorted(codes_of(expected.replace(" ", "")))) or "无"
        elif name in {ind.name for ind in result.indicators}:
            actual = result.indicator(name).score
        else:
            actual = result.subtotal(name)
        if isinstance(actual, Decimal):
            ok = actual == Decimal(expected)
        else:
            ok = str(actual) == expected
        if not ok:
            failures.append(f"{block.where}: {name}: the page says {expected}, the rubric gives "
                            f"{actual}")
    return failures


@pytest.mark.parametrize("doc", RUBRIC_DOCS)
def test_stated_scores_hold(doc):
    """Each ```yaml data block scored by the rubric above it gives exactly the scores, total,
    grade and problems its ```scores block states — and every data block is followed by one."""
    failures = []
    rubric = result = data_block = None
    for block in blocks(doc):
        if block.kind == "rubric":
            rubric, _ = compile_block(block)
            result = None
        elif block.kind in ("yaml", "json") and "data" in block.attrs:
            assert rubric is not None, f"{block.where}: data with no rubric above it"
            result = rubric.evaluate(data_module.loads(block.text, block.where))
            data_block = block
        elif block.kind == "scores":
            assert result is not None, f"{block.where}: scores with no data above them"
            failures += check_scores(block, result)
            result = None
        elif result is not None and block.kind != "console":
            failures.append(f"{data_block.where}: data with no ```scores block after it")
            result = None
    assert not failures, "\n".join(failures)


# --- Console examples -------------------------------------------------------------------------

def console_sessions(doc: str) -> Iterator[tuple[Block, dict[str, str]]]:
    """Each ```console block with the files the page has saved before it."""
    files: dict[str, str] = {}
    for block in blocks(doc):
        if "file" in block.attrs:
            files[block.attrs["file"]] = block.text
        if block.kind == "console":
            yield block, dict(files)


def console_cases():
    for doc in CONSOLE_DOCS:
        yield from console_sessions(doc)


def run_console(block: Block, files: dict[str, str], scratch: Path) -> list[str]:
    """Run the block's commands; return its text as it would be with the real output."""
    for name, text in files.items():
        (scratch / name).write_text(text, "utf-8")
    for folder in ("docs", "rubrics", "examples"):
        link = scratch / folder
        if not link.exists():
            link.symlink_to(ROOT / folder)
    env = {**os.environ, "PERFDSL_LANG": LANG_OF_DOC.get(block.doc, "en"),
           "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    env.pop("LC_ALL", None)
    out: list[str] = []
    status = 0
    for line in block.text[:-1].split("\n"):
        if not line.startswith("$ "):
            continue
        out.append(line)
        command = line[2:].strip()
        if command == "echo $?":
            out.append(str(status))
            continue
        argv = shlex.split(command)
        assert argv[0] == "perfdsl", f"{block.where}: only perfdsl commands run here: {command}"
        done = subprocess.run([sys.executable, "-m", "perfdsl", *argv[1:]], cwd=scratch, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              encoding="utf-8", timeout=120)
        status = done.returncode
        out += done.stdout.splitlines()
    return out


def _normal(lines: list[str]) -> list[str]:
    return [line.rstrip() for line in lines]


def rewrite_console_blocks(tmp_path) -> None:
    """Rewrite every ```console block with the real output of its commands (on purpose, after a
    change of wording, with PERFDSL_UPDATE_GOLDEN=1: review the diff before committing)."""
    for doc in CONSOLE_DOCS:
        path = DOCS / doc
        lines = path.read_text("utf-8").split("\n")
        for n, (block, files) in enumerate(reversed(list(console_sessions(doc)))):
            scratch = tmp_path / f"{doc}-{n}"
            scratch.mkdir(parents=True)
            first = block.line  # the line after the opening fence, counted from 0
            lines[first:first + len(block.text[:-1].split("\n"))] = \
                run_console(block, files, scratch)
        path.write_text("\n".join(lines), "utf-8")


def test_console_output_is_real(tmp_path):
    """Each ```console block shows exactly what its commands print and the exit codes they
    return."""
    if UPDATE:
        rewrite_console_blocks(tmp_path / "rewrite")
    for n, (block, files) in enumerate(console_cases()):
        scratch = tmp_path / f"case-{n}"
        scratch.mkdir()
        written = block.text[:-1].split("\n")
        actual = run_console(block, files, scratch)
        assert _normal(actual) == _normal(written), f"{block.where}:\n" + "\n".join(actual)


# --- docs/api.md ------------------------------------------------------------------------------

def python_example() -> tuple[Block, Block]:
    found = blocks("api.md")
    for i, block in enumerate(found):
        if block.kind == "python":
            assert found[i + 1].kind == "output", f"{block.where}: no ```output block after it"
            return block, found[i + 1]
    raise AssertionError("docs/api.md has no ```python example")


def test_api_example_prints_what_the_page_says():
    """The complete example of docs/api.md runs from the repository root and prints exactly the
    ```output block shown under it."""
    code, output = python_example()
    done = subprocess.run([sys.executable, "-c", code.text], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PERFDSL_LANG": "en", "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert _normal(done.stdout.rstrip("\n").split("\n")) == \
        _normal(output.text.rstrip("\n").split("\n"))


def test_api_interactive_examples(monkeypatch):
    """Every ```pycon example of docs/api.md gives the output shown (run as one doctest session
    from the repository root)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PERFDSL_LANG", "en")
    text = "\n".join(b.text for b in blocks("api.md") if b.kind == "pycon")
    assert text.strip(), "docs/api.md has no ```pycon examples"
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/api.md", "docs/api.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} of {runner.tries} pycon examples fail"


# --- Reference tables -------------------------------------------------------------------------

def section(doc: str, heading: str) -> str:
    """The text of a page from `heading` to the next heading of the same or a higher level."""
    text = (DOCS / doc).read_text("utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert match, f"docs/{doc} has no heading {heading!r}"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def table_spellings(text: str) -> set[str]:
    """Every `code` span in the rows of the Markdown tables of `text`."""
    spellings = set()
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"^\|[\s:|-]+\|$", line):
            spellings |= set(re.findall(r"`([^`]+)`", line))
    return spellings


def test_keyword_table_lists_every_spelling():
    """The keyword table of docs/language.md lists every spelling of every keyword and function
    in perfdsl/language/keywords.py, and nothing that is not one."""
    listed = set()
    for line in section("language.md", "Keywords").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or re.match(r"^[\s:|-]+$", line.strip("|")):
            continue
        spelling_cells = cells[1:3] if len(cells) == 4 else cells[1:2]
        listed |= set(re.findall(r"`([^`]+)`", " ".join(spelling_cells)))
    known = {s for spellings in KEYWORDS.values() for s in spellings} | set(FUNCTIONS)
    assert known - listed == set(), f"missing from the table: {sorted(known - listed)}"
    assert listed - known == set(), f"not keywords: {sorted(listed - known)}"


def test_keyword_table_rows_follow_keywords_py():
    """Each row of the keyword table gives one token's spellings: English first, then Chinese,
    as keywords.py has them."""
    rows = {}
    for line in section("language.md", "Keywords").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"`[A-Z_]+`", cells[0]):
            rows[cells[0].strip("`")] = tuple(re.findall(r"`([^`]+)`", " ".join(cells[1:3])))
    assert rows == dict(KEYWORDS)


def test_data_page_lists_every_yes_no_spelling_and_money_unit():
    """docs/data.md lists exactly the yes/no spellings and money units the data reader knows."""
    yes = table_spellings(section("data.md", "Yes/no"))
    assert yes == data_module._TRUE | data_module._FALSE
    money = table_spellings(section("data.md", "Money"))
    assert set(units.MONEY_UNITS) <= money


# --- JSON schemas -----------------------------------------------------------------------------

def json_keys(value, path="") -> Iterator[str]:
    """Every object key in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from json_keys(item, path)


def documented_names(doc: str) -> set[str]:
    """Every `code` span of a page outside its code blocks, and every word inside one (so
    `{low, high}` documents both `low` and `high`)."""
    text = (DOCS / doc).read_text("utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    names = set()
    for span in re.findall(r"`([^`\n]+)`", text):
        names.add(span)
        names |= set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", span))
    return names


def every_rule_rubric() -> perfdsl.CompiledRubric:
    """A rubric using every scoring rule and every input type (tests/docs_fixtures)."""
    return perfdsl.compile_file(Path(__file__).parent / "docs_fixtures" / "every-rule.rubric")


def every_rule_data():
    return perfdsl.load_data(Path(__file__).parent / "docs_fixtures" / "every-rule.yaml")


def test_results_page_documents_every_field():
    """Every key of the result JSON — for the seed form and for a rubric using every rule, with
    and without data problems — is documented in docs/results.md."""
    seed = perfdsl.compile_file(ROOT / "rubrics" / "department-overall.rubric")
    keys = set(json_keys(seed.evaluate(perfdsl.load_data(ROOT / "examples" / "huitong-2021.yaml"))
                         .to_json()))
    keys |= set(json_keys(every_rule_rubric().evaluate(every_rule_data()).to_json()))
    keys |= set(json_keys(every_rule_rubric().evaluate({}).to_json()))
    missing = keys - documented_names("results.md")
    assert not missing, f"undocumented result fields: {sorted(missing)}"


def test_graph_page_documents_every_field():
    """Every key of the graph JSON — for the seed form and for a rubric using every rule and
    every expression — is documented in docs/graph.md."""
    keys = set(json_keys(perfdsl.compile_file(ROOT / "rubrics" / "department-overall.rubric")
                         .to_json()))
    keys |= set(json_keys(every_rule_rubric().to_json()))
    missing = keys - documented_names("graph.md")
    assert not missing, f"undocumented graph fields: {sorted(missing)}"


def test_graph_page_documents_every_rule_kind_and_operator():
    """docs/graph.md names every rule kind and every expression operator the graph JSON uses."""
    from perfdsl.core.graph import RULE_KINDS

    names = documented_names("graph.md")
    graph = every_rule_rubric().to_json()
    ops = set()

    def walk(value):
        if isinstance(value, dict):
            if "op" in value and "args" in value:
                ops.add(value["op"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(graph)
    assert set(RULE_KINDS.values()) <= names
    assert ops <= names, sorted(ops - names)


def test_every_rule_fixture_uses_every_rule():
    """The fixture behind the schema tests really has one indicator per rule kind."""
    from perfdsl.core.graph import RULE_KINDS

    kinds = {ind["rule"]["kind"] for ind in every_rule_rubric().to_json()["indicators"]}
    assert kinds == set(RULE_KINDS.values())


# --- Links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ALL_DOCS)
def test_links_between_pages_resolve(doc):
    """Every relative link of a page points at a file that exists, and every #anchor at a
    heading of that page."""
    text = (DOCS / doc).read_text("utf-8")
    failures = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        page = (DOCS / path).resolve() if path else DOCS / doc
        if not page.exists():
            failures.append(target)
            continue
        if anchor and page.suffix == ".md":
            anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", page.read_text("utf-8"), re.M)}
            if anchor not in anchors:
                failures.append(target)
    assert not failures, failures


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")
