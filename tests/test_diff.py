"""`perfdsl diff A B [DATA]`: the changes from one rubric to another — header, inputs, groups,
indicators (weights, rules, added, removed, not applicable) — and, given a unit's figures, the
scores each change moves."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import perfdsl
from perfdsl.tools import diff

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ROOT / "rubrics"


def test_the_2022_edition_against_2021():
    """Each change of huitong-2022.rubric is listed once, in words, with its effect on the
    example unit's scores."""
    a = perfdsl.compile_file(RUBRICS / "huitong-2021.rubric")
    b = perfdsl.compile_file(RUBRICS / "huitong-2022.rubric")
    found = {(c.kind, c.what, c.name, c.field) for c in diff.changes(a, b)}
    assert found == {
        ("header", "changed", "year", "year"),
        ("input", "added", "招商引资到位资金", None), ("input", "added", "招商引资目标", None),
        ("input", "added", "超额已说明", None),
        ("input", "removed", "政府采购支出", None), ("input", "removed", "政府采购预算", None),
        ("indicator", "changed", "“三公经费”变动率", "rule"),
        ("indicator", "changed", "“三公经费”变动率", "standard"),
        ("indicator", "changed", "完成实绩情况", "weight"),
        ("indicator", "added", "招商引资完成率", None),
        ("indicator", "not_applicable", "政府采购执行率", None),
    }
    effects = {(e.kind, e.name): (e.before, e.after)
               for e in diff.effects(a, b, perfdsl.load_data(ROOT / "examples/huitong-2022.yaml"))}
    assert effects[("indicator", "完成实绩情况")] == (Decimal(8), Decimal(6))
    assert effects[("indicator", "政府采购执行率")] == (Decimal(0), None)
    assert effects[("total", "total")] == (Decimal(92), Decimal("92.42"))


def test_the_same_rubric_written_otherwise_has_no_changes():
    """A rubric against itself expanded, or laid out otherwise, has no changes and no effects."""
    a = perfdsl.compile_file(RUBRICS / "huitong-2021.rubric")
    b = perfdsl.compile_file(RUBRICS / "department-overall.rubric")
    assert diff.changes(a, b) == []
    assert diff.effects(a, b, perfdsl.load_data(ROOT / "examples/huitong-2021.yaml")) == []


def test_the_command():
    """Text for people, JSON for tools, exit 0."""
    args = [sys.executable, "-m", "perfdsl", "diff", "rubrics/department-framework.rubric",
            "rubrics/huitong-2021.rubric", "examples/huitong-2021.yaml"]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "~ 预算调整率: weight 3 → 4" in done.stdout
    assert "  total: 89 → 92  (+3)" in done.stdout and "  grade: 良 → 优" in done.stdout
    done = subprocess.run(args + ["--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    report = json.loads(done.stdout)
    assert report["schema"] == "perfdsl.diff"
    assert {"kind": "total", "name": "total", "before": "89", "after": "92"} in report["effects"]
