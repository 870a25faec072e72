"""`perfdsl fmt`: the canonical layout is idempotent, keeps the meaning (the compiled graph is
the same) and every line where it was, restores a mangled rubric, keeps comments and the
author's keywords, and never raises, whatever the text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdsl.compiler import diagnose
from perfdsl.core import graph
from perfdsl.language.source import Source
from perfdsl.tools.fmt import format_text

from strategies import mutated, rubrics, unicode_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rubrics").glob("*.rubric"))


def compiled_graph(text: str):
    """The compiled graph as JSON (a checklist item without a label is labelled with its
    condition spaced canonically, so layout cannot change it)."""
    compiled, diagnostics = diagnose(Source("t.rubric", text))
    assert compiled is not None, [str(d) for d in diagnostics if d.is_error]
    return graph.to_json(compiled.graph)


@st.composite
def mangled(draw, text: str) -> str:
    """`text` with its indentation and the spaces between tokens changed at random: spaces
    added where none were, removed where the words stay apart, tabs for spaces."""
    out = []
    for line in text.split("\n"):
        if '"' in line or "#" in line:  # strings and comments are the author's
            out.append(draw(st.sampled_from(["", " ", "\t", "      "])) + line.strip())
            continue
        pieces = re.split(r"(\s+)", line.strip())
        for i, piece in enumerate(pieces):
            if piece.isspace():
                pieces[i] = draw(st.sampled_from([" ", "  ", "\t", "   "]))
        line = "".join(pieces)
        line = re.sub(r"\s*([：；，:;{}()（）\[\]])\s*",
                      lambda m: draw(st.sampled_from(["", " "])) + m.group(1)
                      + draw(st.sampled_from(["", " ", "  "])), line)
        out.append(draw(st.sampled_from(["", " ", "\t", "        "])) + line)
    return "\n".join(out) + draw(st.sampled_from(["", "\n", "\n\n\n"]))


def test_the_readme_test_command_checks_the_layout_and_the_tests():
    """The README's one test command (which .ci/run runs verbatim) ends by checking that the
    shipped rubrics are formatted and pass their tests."""
    readme = (ROOT / "README.md").read_text("utf-8")
    command = next(line.strip() for line in readme.splitlines()
                   if "pytest" in line and line.startswith("    "))
    assert command.endswith("&& .venv/bin/perfdsl fmt --check rubrics/*.rubric "
                            "&& .venv/bin/perfdsl test rubrics/")


def test_the_shipped_rubrics_are_formatted():
    """`perfdsl fmt --check rubrics/*.rubric` is clean."""
    for path in SHIPPED:
        text = path.read_text("utf-8")
        assert format_text(text) == text, f"{path.name}: run perfdsl fmt"


def test_a_mangled_rubric_is_restored():
    """The seed rubric with its indentation and spacing mangled formats back to itself."""
    seed = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")
    lines = []
    for number, line in enumerate(seed.split("\n")):
        stripped = line.strip()
        if not stripped.startswith("#") and '"' not in stripped:
            stripped = re.sub(r"\s*([：{}≥])\s*", r" \1  ", stripped).replace(" ", "\t", 1)
        lines.append(" " * (number % 7) + stripped + "   ")
    assert format_text("\n".join(lines)) == seed


@given(st.data())
def test_format_is_idempotent_and_keeps_the_meaning(data):
    """fmt(fmt(x)) == fmt(x), and x, fmt(x) and fmt of x mangled compile to the same graph,
    line numbers included (lines do not move)."""
    text = data.draw(rubrics())
    formatted = format_text(text)
    assert format_text(formatted) == formatted
    expected = compiled_graph(text)
    assert compiled_graph(formatted) == expected
    messy = data.draw(mangled(text))
    assert format_text(messy) == formatted
    assert compiled_graph(messy) == expected


def outputs(compiled, figures) -> dict:
    """Everything a user reads of one unit scored: the result JSON, every report format but
    Excel (its bytes carry a timestamp; it is made from the same model as the others), the
    计算分析情况 sentences and the trace, in Chinese and English."""
    from perfdsl.outputs import report
    from perfdsl.outputs.sentences import explanations
    from perfdsl.outputs.trace import render_text, to_json, trace

    result = compiled.evaluate(figures)
    out: dict = {"json": result.to_json()}
    for lang in ("zh", "en"):
        for name, render in report.RENDERERS.items():
            if name not in report.BINARY_FORMATS:
                out[name, lang] = render(result, lang)
        out["sentences", lang] = explanations(result, lang)
        out["trace", lang] = render_text(trace(result, lang=lang), lang)
        out["trace json", lang] = to_json(trace(result, lang=lang))
    return out


SEED_FILES = {name: (ROOT / "rubrics" / name).read_text("utf-8")
              for name in ("huitong-2021.rubric", "department-framework.rubric")}


@settings(max_examples=4)
@given(st.data())
def test_fmt_changes_no_report_of_the_seed(data):
    """The seed unit (huitong-2021.rubric on department-framework.rubric) scores its data to
    the same result JSON, reports, sentences and trace whether its files are mangled,
    formatted, or as shipped: fmt never changes any output."""
    import perfdsl

    figures = perfdsl.load_data(ROOT / "examples" / "huitong-2021.yaml")

    def compiled(texts: dict[str, str]):
        folder = ROOT / "rubrics"

        def read(path: str) -> str:
            return texts[Path(path).name]

        return perfdsl.compile_string(texts["huitong-2021.rubric"], str(folder /
                                      "huitong-2021.rubric"), read=read)

    expected = outputs(compiled(SEED_FILES), figures)
    messy = {name: data.draw(mangled(text)) for name, text in SEED_FILES.items()}
    assert outputs(compiled(messy), figures) == expected
    assert outputs(compiled({n: format_text(t) for n, t in messy.items()}), figures) == expected


@settings(max_examples=25)
@given(st.data())
def test_fmt_changes_no_output_of_any_rubric(data):
    """For a random rubric (any rule kind, groups, checks, keywords in either language, full-width
    punctuation) and random figures within its ranges, the rubric, its formatted text and a
    mangled copy formatted give the same result JSON, reports, sentences and trace (columns
    aside: where a thing stands on its line is layout)."""
    import perfdsl
    from strategies import figures_for

    text = data.draw(rubrics())
    compiled = perfdsl.compile_string(text)
    figures = data.draw(figures_for(compiled.model))
    expected = laid_out(outputs(compiled, figures))
    assert laid_out(outputs(perfdsl.compile_string(format_text(text)), figures)) == expected
    messy = format_text(data.draw(mangled(text)))
    assert laid_out(outputs(perfdsl.compile_string(messy), figures)) == expected


def without_columns(value):
    """JSON without the columns of its places: where a thing is on its line is layout."""
    if isinstance(value, dict):
        return {k: without_columns(v) for k, v in value.items()
                if k not in ("column", "end_column")}
    if isinstance(value, list):
        return [without_columns(v) for v in value]
    return value


def laid_out(outputs: dict) -> dict:
    """The outputs with the JSON ones read and their columns left out."""
    import json

    return {key: without_columns(json.loads(v) if isinstance(v, str) else v)
            if "json" in key else v for key, v in outputs.items()}


UNLABELLED = """总分 10
输入 a：数值 范围 ≥ 0
输入 b：数值 范围 ≥ 0
输入 c：数值 范围 ≥ 0
指标 甲 分值 4 { 评分 逐项计分 { a>1 且 b<=2：2 分；非(a = b)：2 分 } }
指标 乙 分值 3 { 评分 扣分项 { 若 a+b>3 扣 1 分；若 b-a<0 扣 1 分 } }
指标 丙 分值 3 { 值 a/(b-c)；评分 按比例 min(丙,100%) }
检查 a+b>=c
"""


@given(st.data())
def test_fmt_changes_no_label_taken_from_a_condition(data):
    """A checklist item with no label, a deduction with no reason, a check with no label and
    the divisor of a division by zero are shown as their conditions spaced canonically: a
    rubric and its mangled copy give the same result JSON, reports, sentences and trace."""
    import perfdsl

    figures = {"a": "2", "b": "2", "c": "2"}  # 丙 divides by zero: D005 names its divisor
    expected = outputs(perfdsl.compile_string(UNLABELLED), figures)
    assert expected["json"]["indicators"][0]["deductions"] == []
    assert "a > 1 且 b <= 2（2 分）" in expected["sentences", "zh"][0]
    assert expected["json"]["indicators"][1]["deductions"][0]["reason"] == "a + b > 3"
    assert "(b - c = 0)" in expected["json"]["problems"][0]["message"]
    messy = data.draw(mangled(UNLABELLED))
    got = outputs(perfdsl.compile_string(messy), figures)
    assert laid_out(got) == laid_out(expected)


def test_comments_keywords_and_punctuation_are_kept():
    """The author's words stay: a comment, English or Chinese keywords, full-width or ASCII
    punctuation; only the spaces change."""
    text = ('# 注释  保持原样\n'
            'indicator   staff weight 3 {   # trailing\n'
            '      value staff/posts\n'
            '  score stepwise staff above 100%   per 1 %deduct 0.3 points exact\n'
            '}\n'
            '指标 甲 分值 2｛值 （a+b）/c；评分 按比例 甲｝\n')
    assert format_text(text) == (
        '# 注释  保持原样\n'
        'indicator staff weight 3 {  # trailing\n'
        '  value staff / posts\n'
        '  score stepwise staff above 100% per 1% deduct 0.3 points exact\n'
        '}\n'
        '指标 甲 分值 2 ｛ 值 （a + b） / c；评分 按比例 甲 ｝\n')


def test_operators_signs_and_calls():
    """Binary operators are spaced, a sign is not; a function or type hugs its parenthesis."""
    assert format_text("令 x=-a*max( b ,-3 )-(c - -2)\n") == "令 x = -a * max(b, -3) - (c - -2)\n"
    assert format_text("输入 x：金额 （万元） 范围 ≥-5\n") == "输入 x：金额（万元） 范围 ≥ -5\n"


def test_band_rows_are_aligned():
    """The rows of a band table, one per line, line up on their `：`."""
    text = ("指标 甲 分值 4 {\n评分 分档 x {\n≥ 90%：满分\n[80%, 90%)：80%\n其他：0\n}\n}\n")
    assert format_text(text) == ("指标 甲 分值 4 {\n"
                                 "  评分 分档 x {\n"
                                 "    ≥ 90%     ：满分\n"
                                 "    [80%, 90%)：80%\n"
                                 "    其他      ：0\n"
                                 "  }\n"
                                 "}\n")


@given(unicode_text())
def test_never_raises(text):
    """Any text at all formats without an exception, idempotently."""
    formatted = format_text(text)
    assert format_text(formatted) == formatted


@given(st.data())
def test_broken_rubrics_format_without_raising(data):
    """A rubric with a few characters or tokens damaged still formats, idempotently."""
    text = data.draw(mutated(data.draw(rubrics())))
    formatted = format_text(text)
    assert format_text(formatted) == formatted


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfdsl", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_the_command(tmp_path):
    """`--check` and `--diff` change nothing and exit 1 when a file would change; without them
    the file is rewritten (keeping its CRLF line ends); a file that does not parse is left."""
    messy = tmp_path / "messy.rubric"
    messy.write_bytes("总分 10\r\n指标 甲 分值 10 {   评分 公式 10 }\r\n".encode("utf-8"))
    broken = tmp_path / "broken.rubric"
    broken.write_text("指标 甲 分值 {\n", "utf-8")
    done = run("fmt", "--check", "messy.rubric", cwd=tmp_path)
    assert done.returncode == 1 and "would reformat messy.rubric" in done.stderr
    done = run("fmt", "--diff", "messy.rubric", cwd=tmp_path)
    assert done.returncode == 1 and "+指标 甲 分值 10 { 评分 公式 10 }" in done.stdout
    assert run("fmt", "messy.rubric", cwd=tmp_path).returncode == 0
    assert messy.read_bytes() == "总分 10\r\n指标 甲 分值 10 { 评分 公式 10 }\r\n".encode("utf-8")
    assert run("fmt", "--check", "messy.rubric", cwd=tmp_path).returncode == 0
    done = run("fmt", "broken.rubric", cwd=tmp_path)
    assert done.returncode == 1 and "E00" in done.stderr
    assert broken.read_text("utf-8") == "指标 甲 分值 {\n"


def test_a_carriage_return_alone_is_no_line_break():
    """The compiler reads a lone CR as a space, or as part of the comment or text it stands in:
    fmt keeps it so, and what it writes parses and scores as before (it once split a comment
    in two at a CR, writing a rubric that did not parse)."""
    seed = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")
    for text in ("#\r" + seed[1:], seed.replace("年度 2021", "年度\r2021"),
                 seed.replace('"部门整体', '"部门\r整体'), seed.replace("\n", "\r\r\n")):
        formatted = format_text(text)
        assert compiled_graph(formatted) == compiled_graph(text)
        assert format_text(formatted) == formatted
