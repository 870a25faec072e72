"""The whole command line on random and damaged rubrics, data files and --template layouts
(issue 9, "Done when"; issue 7, item 5): no traceback, no exit status outside 0/1/2, and
nothing past the limits — every run ends within 60 seconds of wall time and CPU, inside 1 GB
of address space, with bounded output, and every workbook it writes has no formula.

Each example runs `compile`, `score` in every format (with the layout when there is one),
`explain` and `graph` in one fresh process (tests/fuzz_driver.py) under `resource.setrlimit`.
The suite runs 80 examples (derandomised under the `ci` profile); a longer campaign:

    PERFDSL_FUZZ_EXAMPLES=2000 HYPOTHESIS_PROFILE=dev .venv/bin/python -m pytest tests/test_fuzz_cli.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import (data_texts, mutated, rubrics, rubrics_with_templates, template_texts,
                        unicode_text)
from xlsx_check import assert_no_formulas

from conftest import ROOT

MEMORY = 1024 * 1024 * 1024  # address space, bytes
SECONDS = 60  # wall time and CPU time of one example's process
MAX_OUTPUT = 20_000_000  # characters one command may print
LAYOUT = (ROOT / "perfdsl" / "outputs" / "layouts" / "report.md.j2").read_text("utf-8")
DRIVER = Path(__file__).with_name("fuzz_driver.py")


@st.composite
def cases(draw):
    """A rubric, a data file for it, and a layout (or none), any of them damaged or random."""
    kind = draw(st.sampled_from(["template"] * 4 + ["valid", "damaged", "random"]))
    rubric = draw({"template": rubrics_with_templates(), "valid": rubrics(),
                   "damaged": st.one_of(rubrics(), rubrics_with_templates()).flatmap(mutated),
                   "random": unicode_text(300)}[kind])
    data = draw(data_texts(rubric))
    layout = draw(st.one_of(st.none(), template_texts(layout=True), template_texts(layout=True),
                            mutated(LAYOUT)))
    return rubric, data, layout


def limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


@settings(max_examples=int(os.environ.get("PERFDSL_FUZZ_EXAMPLES", 80)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_the_cli_never_crashes_hangs_or_runs_past_its_limits(case):
    """For any rubric, data file and layout: every command exits 0, 1 or 2 without a traceback
    or an internal error, within the time and memory limits, printing a bounded amount, and a
    workbook it writes has no formula."""
    rubric, data, layout = case
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "r.rubric").write_text(rubric, "utf-8", errors="surrogatepass")
        (work / "d.yaml").write_text(data, "utf-8", errors="surrogatepass")
        template = []
        if layout is not None:
            (work / "l.j2").write_text(layout, "utf-8", errors="surrogatepass")
            template = ["--template", "l.j2"]
        commands = [["compile", "r.rubric"], ["compile", "r.rubric", "--format", "json"],
                    ["score", "r.rubric", "d.yaml"],
                    ["score", "r.rubric", "d.yaml", "--format", "markdown", *template],
                    ["score", "r.rubric", "d.yaml", "--format", "html", *template],
                    ["score", "r.rubric", "d.yaml", "--format", "json", "--lang", "en"],
                    ["score", "r.rubric", "d.yaml", "--format", "xlsx", "-o", "out.xlsx"],
                    ["explain", "r.rubric", "d.yaml"], ["graph", "r.rubric", "-o", "g.json"]]
        (work / "commands.json").write_text(json.dumps(commands), "utf-8")
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}",
               "HOME": folder, "PERFDSL_LANG": "en", "PYTHONIOENCODING": "utf-8",
               "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache"))}
        try:
            done = subprocess.run([sys.executable, str(DRIVER), folder], cwd=folder, env=env,
                                  capture_output=True, text=True, timeout=SECONDS,
                                  preexec_fn=limits)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"ran longer than {SECONDS} s") from None
        assert done.returncode == 0, f"the process ended with {done.returncode}: {done.stderr[-3000:]}"
        for run in json.loads(done.stdout):
            what = f"{run['argv']}: {run['stderr']}"
            assert run["code"] in (0, 1, 2), what
            assert not run["traceback"] and not run["internal"], what
            assert run["out"] + run["err"] < MAX_OUTPUT, what
        if (work / "out.xlsx").exists():
            assert_no_formulas((work / "out.xlsx").read_bytes())
