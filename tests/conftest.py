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


@pytest.fixture(scope="session")
def seed():
    import perfdsl

    return perfdsl.compile_file(SEED_RUBRIC)


@pytest.fixture(scope="session")
def seed_result(seed):
    import perfdsl

    return seed.evaluate(perfdsl.load_data(SEED_DATA))
