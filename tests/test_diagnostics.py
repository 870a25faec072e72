"""Every diagnostic code has a minimal example that triggers it, a golden output, and a doc entry."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from perfdsl.diagnostics import render_all
from perfdsl.messages import CATALOGUE

from diagnostics_doc import BAD, expected_output, generate, run

DOC = Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md"
UPDATE = bool(os.environ.get("PERFDSL_UPDATE_GOLDEN"))


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_example_triggers_its_code(code):
    """The example of each code in tests/bad/ produces that code."""
    codes = [d.code for d in run(code)]
    assert code in codes, f"{code} example produced {codes}"


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_example_output_matches_golden(code):
    """The full rendered output (English, then Chinese) is exactly the checked-in one."""
    text = expected_output(code)
    golden = BAD / f"{code}.expected"
    if UPDATE:
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_rendering_is_complete(code):
    """No message or hint is left with an unfilled placeholder or an empty quote, in either
    language."""
    for diagnostic in run(code):
        for lang in ("en", "zh"):
            for text in (diagnostic.message(lang), diagnostic.hint(lang) or ""):
                assert not re.search(r"\{[a-z_]+\}", text), text
                assert "``" not in text, text


def test_no_example_without_a_code():
    """Each file in tests/bad/ belongs to a code of the catalogue."""
    stems = {p.stem for p in BAD.iterdir() if p.suffix in (".rubric", ".yaml", ".expected")}
    assert stems <= set(CATALOGUE), stems - set(CATALOGUE)


def test_docs_list_every_code_with_its_example():
    """docs/diagnostics.md is generated from the catalogue and the examples, and is current."""
    text = generate()
    if UPDATE:
        DOC.write_text(text, "utf-8")
    assert DOC.read_text("utf-8") == text
    for code in CATALOGUE:
        assert f"### {code} " in text


# --- Arguments, related places, suggestions ---------------------------------------------------------

@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_example_fills_every_placeholder_of_its_code(code):
    """The diagnostics of each example carry every argument their message and hint need, in
    both languages (the strict formatter would raise otherwise)."""
    for diagnostic in run(code):
        assert not CATALOGUE[diagnostic.code].missing(diagnostic.args), diagnostic.code


def test_a_diagnostic_built_without_an_argument_fails_in_the_test_suite():
    """Under PERFDSL_STRICT_MESSAGES=1 (set for the whole suite) a missing argument raises
    MissingArgument where the diagnostic is built, instead of rendering as an empty string."""
    from perfdsl.diagnostics import Diagnostic
    from perfdsl.messages import MissingArgument

    assert os.environ.get("PERFDSL_STRICT_MESSAGES") == "1"
    assert CATALOGUE["E102"].placeholders == {"name"}
    with pytest.raises(MissingArgument, match=r"E311 is built without \['what_zh'\]"):
        Diagnostic("E311", None, {"what": "weight"})


def test_outside_the_suite_a_missing_chinese_twin_falls_back_to_english(monkeypatch):
    """A user who meets a missing `_zh` argument anyway reads its English twin, not nothing."""
    from perfdsl.diagnostics import Diagnostic

    from perfdsl import messages

    monkeypatch.delenv("PERFDSL_STRICT_MESSAGES")
    monkeypatch.setattr(messages, "_STRICT", None)  # read again, as a user's process reads it
    diagnostic = Diagnostic("E311", None, {"what": "weight"})
    assert diagnostic.message("zh") == "weight必须是常数"


def test_related_places_render_as_notes_and_travel_in_json():
    """A related place is a `note:` line with file:line:col in the text, and an entry with its
    position and message in JSON; the suggestion is a field of its own."""
    from perfdsl.diagnostics import Diagnostic, Related
    from perfdsl.language.source import Source, Span

    source = Source("r.rubric", "输入 甲：数值\n输入 甲：数值\n")
    diagnostic = Diagnostic("E102", Span(source, 11, 12), {"name": "甲"},
                            related=[Related(Span(source, 3, 4), "first-definition")])
    assert render_all([diagnostic], "zh").splitlines()[4] == "  = 提示: r.rubric:1:4: 第一次定义在这里"
    assert diagnostic.to_json()["related"] == [{
        "file": "r.rubric", "line": 1, "column": 4, "end_line": 1, "end_column": 5,
        "message": "first defined here"}]
    assert diagnostic.to_json()["suggestion"] is None
    with pytest.raises(ValueError):
        Related(Span(source, 3, 4), "no such note")


def test_a_misspelt_name_carries_the_name_it_suggests():
    """E101's did-you-mean is a field an editor can apply, and the hint says it."""
    (diagnostic,) = [d for d in run("E101") if d.code == "E101"]
    assert diagnostic.suggestion and diagnostic.hint() == f"did you mean `{diagnostic.suggestion}`?"


# Codes whose arguments come from files other passes own: the reason text of an OS or YAML
# error (E007, D007), a Jinja syntax error (E501), filter names (E504), a YAML node kind (D009).
_ENGLISH_FROM_ELSEWHERE = {"E007", "E501", "E504", "D007", "D009"}
# Names a Chinese user knows as they are (programs, encodings): not English words to translate.
_PRODUCT_NAMES = {"Excel", "WPS", "LibreOffice", "UTF", "GBK", "perfdsl"}


@pytest.mark.parametrize("code", sorted(set(CATALOGUE) - _ENGLISH_FROM_ELSEWHERE))
def test_chinese_messages_have_no_english_words(code):
    """Outside backquoted names and keywords, a Chinese message or hint has no English word:
    every argument that is a word has its Chinese twin."""
    for diagnostic in run(code):
        for text in (diagnostic.message("zh"), diagnostic.hint("zh") or ""):
            words = re.findall(r"[A-Za-z]{3,}", re.sub(r"`[^`]*`", "", text))
            assert not set(words) - _PRODUCT_NAMES, (code, text)


def test_a_long_source_line_is_cut_around_the_place_with_the_caret_under_it():
    """An error at column 3,800 of a long line shows the part of the line around it, cut with …,
    and the caret still stands under the place."""
    from perfdsl.compiler import diagnose
    from perfdsl.language.source import Source, cell_width

    name = "x" * 60
    text = (f"总分 10\n输入 {name}：百分比\n令 长 = " + f"{name} + " * 60 + "未知量\n"
            "分组 组 分值 10 { 指标 甲 分值 10 { 评分 按比例 长 } }\n")
    (error,) = [d for d in diagnose(Source("t.rubric", text))[1] if d.code == "E101"]
    source_line, caret_line = render_all([error]).splitlines()[2:4]
    assert source_line.startswith("3 | …") and source_line.endswith("未知量") and len(source_line) < 220
    before, carets = caret_line.split("^", 1)
    assert cell_width(before) == cell_width(source_line[:source_line.index("未知量")])
    assert caret_line.count("^") == cell_width("未知量")
