"""Shared fixtures, and the hypothesis profiles: `ci` is derandomised so a CI run is repeatable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Every diagnostic the suite builds, here or in a `perfdsl` subprocess, must fill every argument
# its message needs: a missing one raises instead of rendering as an empty string.
os.environ["PERFDSL_STRICT_MESSAGES"] = "1"

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SEED_RUBRIC = ROOT / "rubrics" / "department-overall.rubric"
SEED_DATA = ROOT / "examples" / "huitong-2021.yaml"


@pytest.fixture(autouse=True)
def every_workbook_is_checked(monkeypatch):
    """Every workbook perfdsl.outputs.xlsx writes in any test has no formula and quote-prefixes
    formula-like text (tests/xlsx_check.py): issue 9, item 1."""
    from perfdsl.outputs import xlsx
    from xlsx_check import assert_no_formulas

    made = xlsx.workbook_bytes

    def checked(model):
        data = made(model)
        assert_no_formulas(data)
        return data

    monkeypatch.setattr(xlsx, "workbook_bytes", checked)


@pytest.fixture(scope="session")
def seed():
    import perfdsl

    return perfdsl.compile_file(SEED_RUBRIC)


@pytest.fixture(scope="session")
def seed_result(seed):
    import perfdsl

    return seed.evaluate(perfdsl.load_data(SEED_DATA))


def generated(compiled):
    """The same compiled rubric, run by the generated Python from its first unit (the default
    backend interprets the first few units before it compiles)."""
    from perfdsl.compiler import CompiledRubric

    return CompiledRubric(compiled.graph, (), backend="generated", program=compiled.program)
