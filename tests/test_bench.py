"""Smoke test of bench/bench_eval.py: its hand-written baseline agrees with perfdsl.

Only the agreement check runs (`--check-only`); timings never go in tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_eval.py"


def test_bench_check_only_agrees():
    """The hand-written scorer and perfdsl agree on the seed and 200 perturbations of it."""
    done = subprocess.run([sys.executable, str(BENCH), "--quick", "--check-only"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "agreement: ok" in done.stdout
