"""Templates from someone else cannot hang, exhaust memory or crash perfdsl (issue 9, items 2
and 3; issue 7, item 5): explanation templates in a rubric and `--template FILE` layouts are
bounded when they compile and when they render, and every way they can fail is a diagnostic
(E501–E505 when the rubric compiles, W501 when it renders) or, for a layout, a report error
with its line and exit status 1 — never a traceback, never a hang."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

import perfdsl
from perfdsl.checks import templates
from perfdsl.cli import main
from perfdsl.outputs.sentences import explanations

from conftest import ROOT, SEED_DATA, SEED_RUBRIC

RUBRIC = """\
总分 10
输入 人数：数量（人） 范围 ≥ 0
输入 编制：数量（人） 范围 > 0
输入 备注：文本
分组 组 分值 10 {{
  指标 控制率 分值 10 {{
    值 人数 / 编制
    评分 满分条件 控制率 ≤ 100%
    计算分析 "{template}"
  }}
}}
"""
FIGURES = {"人数": 8, "编制": 16, "备注": "无"}


def compile_template(template: str) -> perfdsl.CompiledRubric:
    return perfdsl.compile(RUBRIC.format(template=template.replace('"', '\\"')), "t.rubric")


def errors_of(template: str) -> list[str]:
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template(template)
    return [d.code for d in caught.value.errors]


def rendered(template: str, figures=FIGURES) -> tuple[str, list]:
    """The indicator's sentence and the W501 warnings collected while it was written."""
    result = compile_template(template).evaluate(figures)
    with templates.collecting() as failures:
        (text,) = explanations(result)
    return text, failures


def run_cli(args: list[str], cwd, timeout: float = 60, memory: int = 1536 * 1024 * 1024):
    """The CLI in a fresh process, with an address-space limit and a time limit."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {"PATH": "/usr/bin:/bin", "PERFDSL_LANG": "en", "PYTHONPATH": str(ROOT),
           "HOME": str(cwd), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "perfdsl", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=timeout,
                          preexec_fn=limit)


# --- Compiling is bounded ---------------------------------------------------------------------------

@pytest.mark.parametrize("template,code", [
    ("{% for a in 指标 %}x{% endfor %}", "E503"),  # loops: a sentence needs none
    ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "E503"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "E503"),
    ("{% block b %}x{% endblock %}", "E503"),
    ("{% for a in 指标 %}" * 21 + "x" + "{% endfor %}" * 21, "E505"),
    ("{% if 值 %}" * 99 + "x" + "{% endif %}" * 99, "E505"),
    ("{{ " + "(" * 70 + "值" + ")" * 70 + " }}", "E505"),
    ("{{ " + "[" * 75 + "]" * 75 + " }}", "E505"),
    ("{{ 值" + "|abs" * 197 + " }}", "E505"),
    ("{{ 1" + "+1" * 150 + " }}", "E505"),
    ("{{ " + "not " * 150 + "值 }}", "E505"),
    ("{{ " + "9" * 5000 + " }}", "E505"),
    ("x" * 10_001, "E505"),
    ("{{ 值|_perfdsl_loop }}", "E504"),
])
def test_templates_beyond_the_compile_bounds_are_diagnostics(template, code):
    """Deep nesting, long chains, huge numbers, loops, macros and recursion in an explanation
    template are compile-time diagnostics (not a SyntaxError, IndentationError or
    RecursionError from Jinja or Python)."""
    assert code in errors_of(template)


def test_a_bound_names_itself_and_its_place():
    """E505 says which bound was passed, in English and Chinese, at the template's place."""
    with pytest.raises(perfdsl.CompileError) as caught:
        compile_template("{{ " + "(" * 20 + "值" + ")" * 20 + " }}")
    (diagnostic,) = caught.value.errors
    assert diagnostic.message("en") == "explanation template nests brackets more than 16 deep"
    assert diagnostic.message("zh") == "计算分析模板括号嵌套超过 16 层"
    assert diagnostic.span.line == 9


def test_constant_folding_cannot_hang_compile(tmp_path):
    """Jinja folds constant expressions while it compiles: `'%0999999999d' % 1` or
    `10 ** (10 ** 9)` must not be computed then. `perfdsl compile` finishes at once."""
    for template in ("{{ '%0999999999d' % 1 }}", "{{ 10 ** (10 ** 9) }}",
                     "{{ ('x' ~ 'y') * 999999999 }}", "{{ 'x'|replace('', 'y' * 99999) }}"):
        path = tmp_path / "t.rubric"
        path.write_text(RUBRIC.format(template=template.replace('"', '\\"')), "utf-8")
        done = run_cli(["compile", str(path)], tmp_path)
        assert (done.returncode, done.stdout) == (0, "ok\n"), (template, done.stderr)


# --- Rendering is bounded ---------------------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "{{ 指标.center(10**9) }}",
    "{{ 指标.ljust(10**9) }}",
    "{{ 指标.rjust(10**9) }}",
    "{{ 指标.zfill(10**9) }}",
    "{{ 指标|replace('', 'x' * 99999) }}",
    "{{ 指标.replace('', 'x' * 99999) }}",
    "{{ ('x' * 99999)|list|join('x' * 99999) }}",
    "{{ ('x' * 99999).join('x' * 99999) }}",
    "{% set a = 'x' * 99999 %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a }}",
    "{% set a = 'x' * 99999 %}{% set a = a + a %}{% set a = a + a %}{{ a }}",
    "{% set a = ['x' * 99999] * 99999 %}{{ a }}",
    "{% set s = 'x' * 99999 %}{{ [s, s, s, s, s, s, s, s, s, s, s, s] }}",
    "{% set s = 'x' * 99999 %}{{ [s, s]|string }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ 10 ** (10 ** 9) }}",
    "{% set n = 10 ** 30000 %}{% set n = n * n %}{% set n = n * n %}{{ n * n }}",
    "{{ 值.scaleb(999999)|int }}",
    "{{ 指标.expandtabs(10**9) }}",
    "{{ 指标.translate({25351: 'x' * 99999}) }}",
    "{{ 值|round(10**9, 'floor') }}",
    "{{ ([[1]] * 9999)|sum(start=[]) }}",
])
def test_templates_that_would_exhaust_memory_or_time_fall_back_with_w501(template):
    """What would take gigabytes or hang (`center(10**9)`, `|replace`, `|join`, `~` and `+`
    doubling, huge list reprs, `%` formatting, huge powers) passes a bound before the work is
    done: perfdsl writes the sentence itself and W501 says why."""
    text, failures = rendered(template)
    assert text.startswith("（人数 8人 / 编制 16人）")  # perfdsl's own sentence
    assert [d.code for d in failures] == ["W501"]
    assert failures[0].args["indicator"] == "控制率"


@pytest.mark.parametrize("template,reason", [
    ("{{ 指标|truncate(0) }}", "truncate"),
    ("{{ 值 + '1' }}", "unsupported operand"),
    ("{{ 值 / 0 }}", "DivisionByZero"),
])
def test_template_errors_at_render_time_are_w501(template, reason):
    """A template that fails for this unit — an assertion inside a filter, a type error, a
    division by zero — leaves the sentence to perfdsl, with W501 naming the failure."""
    text, failures = rendered(template)
    assert [d.code for d in failures] == ["W501"]
    assert reason in failures[0].message("en")


def test_an_output_beyond_the_bound_is_w501():
    """A text input of 200,000 characters shown by a template passes the output bound."""
    text, failures = rendered("{{ 备注 }}", {**FIGURES, "备注": "长" * 200_000})
    assert [d.code for d in failures] == ["W501"]
    assert len(text) < 1000


def test_good_templates_still_render():
    """The bounds leave ordinary templates alone: names, filters, `~`, `if`, `set`, methods."""
    text, failures = rendered("{% set r = 值|百分比 %}{{ 指标 ~ '：' ~ r }}"
                              "{% if 得分 > 5 %}，得 {{ 得分|分数 }} 分{% endif %}"
                              "（{{ 备注.strip()|upper }}，{{ 指标.center(5, '*') }}）")
    assert failures == []
    assert text == "控制率：50.00%，得 10.00 分（无，*控制率*）"


def test_score_prints_w501_and_writes_the_sentence(tmp_path, capsys):
    """`perfdsl score` prints W501 with the template's place and still prints the form."""
    path = tmp_path / "t.rubric"
    path.write_text(RUBRIC.format(template="{{ 指标.center(10**9) }}"), "utf-8")
    data = tmp_path / "d.yaml"
    data.write_text("人数: 8\n编制: 16\n备注: 无\n", "utf-8")
    assert main(["score", str(path), str(data), "--lang", "en", "--format", "markdown"]) == 0
    out, err = capsys.readouterr()
    assert "(人数 8人 / 编制 16人) × 100% = 50.00%" in out
    assert f"{path}:9:10: warning[W501]: indicator `控制率`: its explanation template makes a " \
           "text or list longer than 100000" in err


def test_a_hanging_template_does_not_hang_score(tmp_path):
    """The issue's `score` hang (nested loops over `'x' * 100000`) and a `%` width of a
    billion, run end to end: the command ends, with exit 0 and W501 or E503."""
    data = tmp_path / "d.yaml"
    data.write_text("人数: 8\n编制: 16\n备注: 无\n", "utf-8")
    for template, expected in (
            ("{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
             (1, "error[E503]")),
            ("{{ '%0999999999d' % 1 }}", (0, "warning[W501]"))):
        path = tmp_path / "t.rubric"
        path.write_text(RUBRIC.format(template=template.replace('"', '\\"')), "utf-8")
        done = run_cli(["score", str(path), str(data)], tmp_path)
        assert (done.returncode, expected[1] in done.stderr) == (expected[0], True), done.stderr
        assert "Traceback" not in done.stderr


# --- Layouts: --template FILE -----------------------------------------------------------------------

@pytest.mark.parametrize("layout,message", [
    ("{% include 'x' %}", "line 1: `include` is not allowed in a template"),
    ("{% import 'os' as os %}", "`import` is not allowed"),
    ("{% extends 'base' %}", "`extends` is not allowed"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "`macro` is not allowed"),
    ("{% for r in rows recursive %}{{ loop(rows) }}{% endfor %}", "`recursive` is not allowed"),
    ("\n\n{{ 1/0 }}", "line 3: the template fails: division by zero"),
    ("{{ title + 1 }}", "the template fails"),
    ("{{ 10**5000 }}", "the template fails"),
    ("{{ total.score_number / 0 }}", "the template fails"),
    ("{{ title.__class__ }}", "`__class__` is not allowed"),
    ("{{ title|attr('x') }}", "`attr` is not allowed"),
    ("{{ title|nope }}", "unknown filter `nope`"),
    ("{{ title", "syntax error"),
    ("{% for r in rows %}" * 9 + "{% endfor %}" * 9, "nests blocks"),
    ("{{ " + "(" * 70 + "1" + ")" * 70 + " }}", "nests brackets"),
    ("{{ title" + "|e" * 197 + " }}", "nests an expression"),
    ("{{ title * 10**7 }}", "makes a text or list longer than"),
    ("{{ title.center(10**9) }}", "makes a text or list longer than"),
    ("{% for r in rows %}{{ '%099999999d' % 1 }}{% endfor %}", "formats text with `%`"),
])
def test_a_layout_that_fails_is_a_report_error_with_its_line(tmp_path, capsys, layout, message):
    """Every way a layout can fail — a forbidden statement, a Python error while rendering, a
    bound — is `perfdsl: the template FILE cannot be rendered: line N: …` and exit 1."""
    path = tmp_path / "layout.j2"
    path.write_text(layout, "utf-8")
    code = main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "markdown",
                 "--template", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(f"perfdsl: the template {path} cannot be rendered: "), err
    assert message in err, err
    assert "Traceback" not in err


def test_layouts_that_would_hang_or_fill_memory_end_with_exit_1(tmp_path):
    """Nested loops over long texts, or a list doubled in a loop, end at a bound in a fresh
    process under a memory limit, with exit status 1."""
    for layout in (
            "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
            "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}y{% endfor %}{% endfor %}",
            "{% set s = 'x' * 999999 %}{% for a in 'x' * 100000 %}{{ s }}{% endfor %}",
            "{% filter upper %}{% for a in 'x' * 100000 %}{{ 'y' * 999999 }}{% endfor %}"
            "{% endfilter %}"):
        path = tmp_path / "layout.j2"
        path.write_text(layout, "utf-8")
        done = run_cli(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "html",
                        "--template", str(path)], tmp_path)
        assert done.returncode == 1, (layout, done.stderr[-2000:])
        assert "cannot be rendered" in done.stderr and "Traceback" not in done.stderr


def test_a_layout_that_is_not_utf8_or_too_long_is_a_report_error(tmp_path, capsys):
    """A layout saved in GBK, or longer than a million characters: exit 1 and a message."""
    path = tmp_path / "layout.j2"
    path.write_bytes("{{ title }}\n标题".encode("gbk"))
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "markdown",
                 "--template", str(path), "--lang", "en"]) == 1
    assert "line 2: it is not UTF-8 text" in capsys.readouterr().err
    path.write_text("x" * 1_000_001, "utf-8")
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "markdown",
                 "--template", str(path), "--lang", "en"]) == 1
    assert "longer than 1,000,000 characters" in capsys.readouterr().err


def test_an_ordinary_layout_with_loops_still_works(tmp_path, capsys):
    """The docs' example layout renders the seed as before."""
    path = tmp_path / "layout.j2"
    path.write_text('# {{ title }} — {{ unit }}\n{% for row in rows %}{% if row.kind == '
                    '"indicator" %}- {{ row.name }}：{{ row.score }}\n{% endif %}{% endfor %}'
                    '合计 {{ total.score }}，{{ labels.grade }} {{ grade }}\n', "utf-8")
    assert main(["score", str(SEED_RUBRIC), str(SEED_DATA), "--format", "markdown",
                 "--template", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 部门整体支出绩效自评表 — 汇通产业园事业服务中心\n")
    assert out.endswith("合计 92.00，等级 优\n")


def test_all_the_templates_of_a_report_share_one_time_bound():
    """Once the templates of one report have run for the report's bound, the rest are not run
    (W501 says so): 20,000 slow templates cannot take 20,000 times the bound of one."""
    result = compile_template("{{ 值 }}").evaluate(FIGURES)
    with templates.collecting(seconds=0) as failures:
        (text,) = explanations(result)
    assert text.startswith("（人数 8人 / 编制 16人）")
    assert [d.code for d in failures] == ["W501"]
    assert "took 0 seconds in all" in failures[0].message("en")
