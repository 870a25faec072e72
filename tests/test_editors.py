"""Highlighting outside the language server: the VS Code extension, its TextMate grammar, the
Pygments lexer and the documentation site.

What must hold: the checked-in grammar is valid JSON, is what the generator writes from
keywords.py today, and every regex in it compiles (with the `regex` module, which reads
Oniguruma's `\\p{…}` classes and lookbehinds); run through a small TextMate tokenizer, it scopes
every keyword of keywords.py as its kind, marks no character of a real rubric invalid and agrees
with the shared scanner; the extension's manifest and language configuration are consistent;
the Pygments lexer is registered as `rubric`, lexes every rubric without an error token, and the
docs site's Markdown settings highlight every ```rubric fence with it.

`PERFDSL_UPDATE_GOLDEN=1 python -m pytest tests/test_editors.py` rewrites the grammar after a
deliberate change (as `python editors/vscode/generate.py` does).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
import yaml

from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.language.parse import grammar_text
from perfdsl.tools import highlight
from perfdsl.tools.highlight import TEXTMATE_SCOPES, keyword_kind
from test_docs import blocks

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "rubric.tmLanguage.json"
RUBRICS = sorted((ROOT / "rubrics").glob("*.rubric"))
# diagnostics.md shows a broken rubric for every error code: its fences are meant to be wrong.
DOC_PAGES = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "diagnostics.md")
UPDATE = bool(os.environ.get("PERFDSL_UPDATE_GOLDEN"))


def doc_rubrics() -> list[tuple[str, str]]:
    """Every rubric and rubric fragment the documentation shows, with where it is."""
    return [(block.where, block.text) for page in DOC_PAGES for block in blocks(page)
            if block.kind in ("rubric", "rubric-fragment")]


ALL_RUBRICS = [(str(p.relative_to(ROOT)), p.read_text("utf-8")) for p in RUBRICS] + doc_rubrics()


def test_the_template_and_its_unit_are_among_the_rubrics_lexed():
    """The shipped template and the unit built on it (基于, 修改, 选用…) are lexed and scanned
    with the others."""
    assert {"rubrics/department-framework.rubric", "rubrics/huitong-2021.rubric"} <= {
        where for where, _ in ALL_RUBRICS}


# --- The grammar file -------------------------------------------------------------------------

def test_grammar_is_current():
    """The checked-in grammar is what the generator writes from today's keywords.py."""
    expected = highlight.textmate_json()
    if UPDATE:
        GRAMMAR.write_text(expected, "utf-8", newline="\n")
    assert GRAMMAR.read_text("utf-8") == expected, \
        "run: python editors/vscode/generate.py (a keyword was added or the patterns changed)"
    assert json.loads(GRAMMAR.read_text("utf-8"))["scopeName"] == highlight.SCOPE


def _regexes(node) -> list[str]:
    if isinstance(node, dict):
        found = [node[key] for key in ("match", "begin", "end") if key in node]
        return found + [r for value in node.values() for r in _regexes(value)]
    if isinstance(node, list):
        return [r for item in node for r in _regexes(item)]
    return []


def test_every_regex_compiles():
    """Every pattern of the grammar compiles in an Oniguruma-compatible engine."""
    patterns = _regexes(json.loads(GRAMMAR.read_text("utf-8")))
    assert len(patterns) > 10
    for pattern in patterns:
        regex.compile(pattern)


def test_name_characters_agree():
    """The grammar's name classes (\\p{…}) accept the same characters as the compiler's NAME,
    over the whole Basic Multilingual Plane; the scanner's NAME is the grammar file's."""
    assert f"NAME: /{highlight.NAME}/" in grammar_text()
    start_py, char_py = re.compile(r"(?:[^\W\d]|[“‘《])"), re.compile(r"[\w“”‘’《》·]")
    start_onig = regex.compile(highlight._NAME_START_ONIG)
    char_onig = regex.compile(highlight._NAME_CHAR_ONIG)
    # Characters this Python's Unicode tables leave unassigned (Cn) are skipped: a newer
    # `regex` module (or editor) may know them as letters already.
    differ = [hex(code) for code in range(0x10000)
              for ch in [chr(code)] if unicodedata.category(ch) not in ("Cn", "Cs")
              if bool(start_py.match(ch)) != bool(start_onig.match(ch))
              or bool(char_py.match(ch)) != bool(char_onig.match(ch))]
    assert differ == []


# --- A small TextMate tokenizer ---------------------------------------------------------------

class TextMate:
    """Enough of TextMate's rules to check a grammar: at each point the pattern matching
    earliest wins (the first listed on a tie; an open region's end before its patterns);
    `match` rules with captures, `begin`/`end` regions across lines, `include` of the
    repository. Gives each character the scopes that cover it."""

    def __init__(self, grammar: dict):
        self.repository = grammar["repository"]
        self.top = self.expand(grammar["patterns"])

    def expand(self, patterns: list) -> list[dict]:
        out = []
        for pattern in patterns:
            if "include" in pattern:
                out += self.expand([self.repository[pattern["include"].lstrip("#")]])
            elif "match" in pattern or "begin" in pattern:
                compiled = dict(pattern)
                for key in ("match", "begin", "end"):
                    if key in pattern:
                        compiled[key] = regex.compile(pattern[key])
                out.append(compiled)
            else:
                out += self.expand(pattern["patterns"])
        return out

    def scopes(self, text: str) -> list[tuple[str, ...]]:
        """The scopes of each character of `text` (line breaks get the open region's)."""
        out: list[tuple[str, ...]] = []
        regions: list[dict] = []
        for line in text.split("\n"):
            line_scopes: list = [None] * len(line)
            pos = 0
            while pos <= len(line):
                rule, match = self.next_match(line, pos, regions)
                end = len(line) if match is None else match.start()
                line_scopes[pos:end] = [self.base(regions)] * (end - pos)  # between matches
                if match is None:
                    break
                if rule is None:  # the open region ends
                    self.paint(line_scopes, match, self.base(regions), {})
                    regions.pop()
                elif "begin" in rule:
                    regions.append(rule)
                    self.paint(line_scopes, match, self.base(regions), {})
                else:
                    base = self.base(regions) + ((rule["name"],) if "name" in rule else ())
                    self.paint(line_scopes, match, base, rule.get("captures", {}))
                if match.end() > pos:
                    pos = match.end()
                else:  # an empty match: the character after it is not matched here
                    if pos < len(line):
                        line_scopes[pos] = self.base(regions)
                    pos += 1
            out += line_scopes + [self.base(regions)]
        return out[:len(text)]

    def base(self, regions: list[dict]) -> tuple[str, ...]:
        return tuple(r["name"] for r in regions if "name" in r)

    def next_match(self, line: str, pos: int, regions: list[dict]):
        candidates = []
        if regions:
            candidates.append((None, regions[-1]["end"]))
            candidates += [(rule, rule.get("begin") or rule["match"])
                           for rule in self.expand(regions[-1].get("patterns", []))]
        else:
            candidates = [(rule, rule.get("begin") or rule["match"]) for rule in self.top]
        best = (None, None)
        for rule, pattern in candidates:
            match = pattern.search(line, pos)
            if match is not None and (best[1] is None or match.start() < best[1].start()):
                best = (rule, match)
        return best

    @staticmethod
    def paint(line_scopes: list, match, base: tuple, captures: dict) -> None:
        for i in range(match.start(), match.end()):
            line_scopes[i] = base
        for group, capture in captures.items():
            if match.start(int(group)) >= 0:
                for i in range(match.start(int(group)), match.end(int(group))):
                    line_scopes[i] = base + (capture["name"],)


@pytest.fixture(scope="module")
def textmate() -> TextMate:
    return TextMate(json.loads(GRAMMAR.read_text("utf-8")))


def test_every_keyword_is_scoped(textmate):
    """Each spelling of each keyword of keywords.py is scoped as its kind, and as nothing of the
    kind when it is only the start of a longer name."""
    checked = 0
    for token_type, spellings in KEYWORDS.items():
        expected = TEXTMATE_SCOPES[keyword_kind(token_type)]
        for spelling in spellings:
            assert set(textmate.scopes(spelling)) == {(expected,)}, (token_type, spelling)
            assert (expected,) not in textmate.scopes(spelling + "甲"), spelling
            checked += 1
    for spelling in FUNCTIONS:
        assert set(textmate.scopes(spelling + "(")[:len(spelling)]) == \
            {(TEXTMATE_SCOPES["function"],)}
    assert checked == sum(len(s) for s in KEYWORDS.values())


def test_declared_names_are_scoped(textmate):
    """The name after a declaration keyword is scoped as what it declares, quoted or not."""
    text = '指标 "“三公经费”变动率" 分值 3\n分组　投入 {'
    scopes = textmate.scopes(text)
    assert scopes[text.index("变动率")] == (TEXTMATE_SCOPES["indicator"],)
    assert scopes[text.index("投入")] == (TEXTMATE_SCOPES["group"],)
    assert scopes[text.index("分值")] == (TEXTMATE_SCOPES["keyword"],)


@pytest.mark.parametrize("where, text", ALL_RUBRICS, ids=[w for w, _ in ALL_RUBRICS])
def test_grammar_on_real_rubrics(textmate, where, text):
    """No character of a shipped or documented rubric is invalid to the grammar, and the grammar
    scopes keywords, functions, numbers and comments exactly where the scanner finds them."""
    scopes = textmate.scopes(text)
    invalid = [i for i, s in enumerate(scopes) if TEXTMATE_SCOPES["error"] in s]
    assert invalid == [], [text[i] for i in invalid]
    for lexeme in highlight.scan(text):
        if lexeme.category == "keyword":
            expected = TEXTMATE_SCOPES[keyword_kind(lexeme.detail)]
        elif lexeme.category in ("function", "number", "comment"):
            expected = TEXTMATE_SCOPES[lexeme.category]
        else:
            continue
        found = {s[-1] if s else "" for s in scopes[lexeme.start:lexeme.end]}
        assert found == {expected}, (text[lexeme.start:lexeme.end], found)


# --- The extension ----------------------------------------------------------------------------

def test_extension_manifest():
    """package.json contributes the `rubric` language for .rubric files with the grammar and
    language configuration that exist, and starts `perfdsl lsp` through vscode-languageclient."""
    manifest = json.loads((VSCODE / "package.json").read_text("utf-8"))
    (language,) = manifest["contributes"]["languages"]
    assert language["id"] == "rubric" and language["extensions"] == [".rubric"]
    (grammar,) = manifest["contributes"]["grammars"]
    assert grammar["scopeName"] == highlight.SCOPE and grammar["language"] == "rubric"
    for path in (grammar["path"], language["configuration"], manifest["main"]):
        assert (VSCODE / path).is_file(), path
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings["perfdsl.server.command"]["default"] == "perfdsl"
    assert settings["perfdsl.server.args"]["default"] == ["lsp"]
    assert "vscode-languageclient" in manifest["dependencies"]
    readme = (VSCODE / "README.md").read_text("utf-8")
    assert "npm install" in readme and "code --install-extension" in readme
    script = (VSCODE / "extension.js").read_text("utf-8")
    assert 'require("vscode-languageclient/node")' in script
    assert 'config.get("server.args", ["lsp"])' in script


def test_language_configuration():
    """Comments start with `#`; full-width brackets pair up; a word is a rubric name, so
    double-click and completion take `在职人员控制率` whole but stop at `：` and `（`."""
    config = json.loads((VSCODE / "language-configuration.json").read_text("utf-8"))
    assert config["comments"]["lineComment"] == "#"
    for pair in (["（", "）"], ["【", "】"], ["「", "」"], ["{", "}"]):
        assert pair in config["brackets"]
    word = re.compile(config["wordPattern"])
    seed = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")
    for lexeme in highlight.scan(seed):
        if lexeme.category in ("name", "keyword", "definition", "function"):
            match = word.match(seed, lexeme.start)
            assert match and match.end() == lexeme.end, seed[lexeme.start:lexeme.end]
    assert word.match("年初预算：金额").group() == "年初预算"


# --- Pygments ---------------------------------------------------------------------------------

def test_lexer_is_registered():
    """The lexer is the `rubric` entry point of Pygments, found by name and by file name."""
    from pygments.lexers import find_lexer_class_for_filename, get_lexer_by_name

    from perfdsl.tools.pygments_lexer import RubricLexer

    points = importlib.metadata.entry_points(group="pygments.lexers")
    assert [p.value for p in points if p.name == "rubric"] == \
        ["perfdsl.tools.pygments_lexer:RubricLexer"]
    assert isinstance(get_lexer_by_name("rubric"), RubricLexer)
    assert find_lexer_class_for_filename("评价.rubric") is RubricLexer


@pytest.mark.parametrize("where, text", ALL_RUBRICS, ids=[w for w, _ in ALL_RUBRICS])
def test_lexer_has_no_error_tokens(where, text):
    """Every rubric in rubrics/ and in the docs lexes with no error token, losing no text."""
    from pygments.lexers import get_lexer_by_name
    from pygments.token import Error

    tokens = list(get_lexer_by_name("rubric", stripnl=False, ensurenl=False).get_tokens(text))
    assert [value for token, value in tokens if token in Error] == []
    assert "".join(value for _, value in tokens) == text


def test_pygmentize_command():
    """`pygmentize -l rubric FILE` highlights a rubric from the command line."""
    folder = Path(sys.executable).parent
    command = folder / ("pygmentize.exe" if os.name == "nt" else "pygmentize")
    result = subprocess.run([str(command), "-l", "rubric", "-f", "html",
                             str(ROOT / "rubrics" / "department-overall.rubric")],
                            capture_output=True, encoding="utf-8", check=True)
    assert '<span class="kd">评价体系</span>' in result.stdout
    assert 'class="err"' not in result.stdout


def test_docs_site_highlights_rubric_fences():
    """The docs site's Markdown settings (mkdocs.yml) turn every ```rubric fence of every page
    into code highlighted by the rubric lexer — none left as plain text, none with errors."""
    import markdown

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings[name] = options or {}
    for page in [*DOC_PAGES, "diagnostics.md"]:
        source = (ROOT / "docs" / page).read_text("utf-8")
        html = markdown.Markdown(extensions=names, extension_configs=settings).convert(source)
        fences = re.findall(r"^```(rubric[\w-]*)", source, re.M)
        highlighted = re.findall(r'<div class="language-(rubric[\w-]*) highlight">', html)
        assert highlighted == fences, page
        if page != "diagnostics.md":
            assert 'class="err"' not in html, page
        if fences:
            assert '<span class="kd">' in html, page  # a declaration keyword, so the lexer ran
