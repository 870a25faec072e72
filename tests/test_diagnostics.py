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
