"""`perfdsl test`: the test files beside the rubrics pass; a wrong expectation fails with the
difference; `--reset` rewrites expectations and keeps the rest of the file; `--junit` writes a
JUnit report; `--coverage` lists what no case exercised; bad test files are errors, never
tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from perfdsl.tools import testing

ROOT = Path(__file__).resolve().parent.parent

RUBRIC = """总分 10
等级 { 优 ≥ 9；良 ≥ 8；中 ≥ 6；差 }
输入 x：百分比 范围 ≥ 0%
输入 n：数量（处） 范围 ≥ 0 默认值 0
分组 组 分值 10 {
  指标 甲 分值 6 {
    值 x
    评分 分档 甲 { ≥ 90%：满分; ≥ 60%：60%; 其他：0 }
    异常得分 3
  }
  指标 乙 分值 4 { 评分 扣分项 { 若 n > 0 扣 1 分 原因 "有问题"; 若 n > 2 扣 2 分 } }
}
"""

TESTS = """# 甲乙的测试
cases:
  - name: 全部达标
    figures: {x: 95%}
    expect:
      total: 10
      grade: 优
      scores: {甲: 6, 乙: 4}   # both full
  - name: 一般
    figures:
      x: 70%
      n: 1
    expect:
      scores:
        甲: 3.6
      subtotals:
        组: 6.6
      problems: []
    tolerance: 0.01
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfdsl", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_the_shipped_rubrics_pass_their_tests():
    """`perfdsl test rubrics/` passes, with a test file for every rubric in rubrics/."""
    report = testing.run([ROOT / "rubrics"], root=ROOT)
    assert report.ok, testing.summary(report)
    tested = {o.file.rubric.resolve() for o in report.outcomes}
    assert tested == {p.resolve() for p in (ROOT / "rubrics").glob("*.rubric")}


def test_passing_and_failing_cases(tmp_path):
    """A pytest-like summary: a mark per case, each failure with every difference, a count."""
    (tmp_path / "a.rubric").write_text(RUBRIC, "utf-8")
    (tmp_path / "a.test.yaml").write_text(TESTS.replace("甲: 3.6", "甲: 3.5"), "utf-8")
    done = run("test", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "a.test.yaml .F"
    assert "a.test.yaml::一般" in done.stdout and "甲: expected 3.5, got 3.60" in done.stdout
    assert done.stdout.rstrip().endswith(" 1 failed, 1 passed ".center(70, "="))
    (tmp_path / "a.test.yaml").write_text(TESTS, "utf-8")
    assert run("test", ".", cwd=tmp_path).returncode == 0


def test_reset_rewrites_expectations_and_keeps_the_rest(tmp_path):
    """`--reset` writes today's values into the keys each case checks (everything for a case
    with none), and leaves comments, figures and tolerances as they were."""
    (tmp_path / "a.rubric").write_text(RUBRIC, "utf-8")
    wrong = TESTS.replace("total: 10", "total: 1").replace("甲: 3.6", "甲: 0") \
        + "  - name: 新的\n    figures: {x: 50%, n: 3}\n"
    (tmp_path / "a.test.yaml").write_text(wrong, "utf-8")
    done = run("test", "--reset", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (tmp_path / "a.test.yaml").read_text("utf-8")
    assert text.startswith("# 甲乙的测试\n") and "tolerance: 0.01" in text
    assert "total: 10\n" in text and "甲: 3.6\n" in text
    assert "figures: {x: 50%, n: 3}\n    expect:\n      total: 1\n" in text
    assert "problems: [D008]" not in text  # no problem: 甲 scores 0 in no band, not a problem
    assert run("test", cwd=tmp_path).returncode == 0


def test_junit_and_coverage(tmp_path):
    """`--junit` writes one testcase per case; `--coverage` counts the band rows, deductions and
    fallbacks the cases fired and lists, with their lines, those never fired."""
    (tmp_path / "a.rubric").write_text(RUBRIC, "utf-8")
    (tmp_path / "a.test.yaml").write_text(TESTS, "utf-8")
    done = run("test", "--junit", "out.xml", "--coverage", cwd=tmp_path)
    assert done.returncode == 0
    suites = ElementTree.parse(tmp_path / "out.xml").getroot()
    assert [c.get("name") for c in suites.iter("testcase")] == ["全部达标", "一般"]
    assert "band rows          2 of 3   fired" in done.stdout
    assert "deductions         1 of 2   fired" in done.stdout
    assert "fallbacks          0 of 1   fired" in done.stdout
    assert "a.rubric:8:36: 甲: 其他：0" in done.stdout


def test_bad_test_files_are_errors(tmp_path):
    """Malformed YAML, a case without figures, a rubric that does not compile, a data file
    outside the folder: each an error with its reason, the other files still run."""
    (tmp_path / "a.rubric").write_text(RUBRIC, "utf-8")
    (tmp_path / "bad.rubric").write_text("总分 10\n指标 甲 {\n", "utf-8")
    files = {"a.test.yaml": "cases: [{name: x}]\n", "b.test.yaml": "cases: [\n",
             "bad.test.yaml": "cases: [{name: y, figures: {}}]\n",
             "c.test.yaml": "rubric: a.rubric\ncases:\n  - {name: z, data: ../../x.yaml}\n",
             "d.test.yaml": TESTS.replace("a.rubric", "")}
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "d.rubric").write_text(RUBRIC, "utf-8")
    done = run("test", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "a.test.yaml E" in done.stdout and "gives no figures" in done.stdout
    assert "is not YAML" in done.stdout
    assert "E003" in done.stdout
    assert "outside" in done.stdout
    assert "d.test.yaml .." in done.stdout
