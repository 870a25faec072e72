"""Building on a template: the loader reads the chain of files each into its own Source, the
compose pass applies the unit's changes (设定分值, 个性指标, 删除, 不适用, 择一, 可选) to one tree,
the weights are checked again after them, and what does not apply is shared out exactly as the
rubric's policy says, in every backend."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfdsl
from perfdsl.compiler import CompiledRubric, compose, diagnose
from perfdsl.diagnostics import CompileError
from perfdsl.language.source import Source
from perfdsl.tools.expand import expand

from test_seed import FORM_SCORES

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ROOT / "rubrics"
SEED_DATA = ROOT / "examples" / "huitong-2021.yaml"
UPDATE = bool(os.environ.get("PERFDSL_UPDATE_GOLDEN"))
D = Decimal


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def codes(path: Path, **kwargs) -> list[str]:
    _compiled, diagnostics = diagnose(Source(str(path), path.read_text("utf-8")), **kwargs)
    return [d.code for d in diagnostics if d.is_error]


def both(compiled: CompiledRubric) -> list[CompiledRubric]:
    """The rubric behind each backend."""
    return [compiled, CompiledRubric(compiled.graph, (), backend="interpret",
                                     program=compiled.program)]


# --- The seed, as a template and a unit ----------------------------------------------------------

def test_the_unit_scores_the_seed_form():
    """huitong-2021.rubric, built on the framework, gives the form's 26 scores, 92 and 优."""
    rubric = perfdsl.compile_file(RUBRICS / "huitong-2021.rubric")
    assert rubric.warnings == ()
    result = rubric.evaluate(perfdsl.load_data(SEED_DATA))
    assert {i.name: i.score for i in result.indicators} == {k: D(v) for k, v in FORM_SCORES.items()}
    assert (result.total, result.grade) == (D(92), "优")


def test_the_unit_is_a_short_delta_not_a_copy():
    """The unit's file declares no indicator or group of its own: it only changes the template."""
    text = (RUBRICS / "huitong-2021.rubric").read_text("utf-8")
    code = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(code) < 30
    assert not any(line.lstrip().startswith(("指标 ", "分组 ")) for line in code)


def test_the_cli_scores_the_unit_to_92(tmp_path):
    """`perfdsl score rubrics/huitong-2021.rubric examples/huitong-2021.yaml --format json`."""
    import json

    done = subprocess.run([sys.executable, "-m", "perfdsl", "score",
                           "rubrics/huitong-2021.rubric", "examples/huitong-2021.yaml",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["total"], report["grade"]) == (92, "优")
    assert {i["path"][-1]: i["score"] for i in report["indicators"]} == FORM_SCORES


def test_department_overall_is_the_unit_expanded():
    """department-overall.rubric is generated from the unit and its template and is current
    (PERFDSL_UPDATE_GOLDEN=1 regenerates it); it compiles alone and scores the same."""
    path = RUBRICS / "department-overall.rubric"
    _loaded, composed, diagnostics = compose(Source(
        "rubrics/huitong-2021.rubric", (RUBRICS / "huitong-2021.rubric").read_text("utf-8")),
        base=str(ROOT))
    assert composed is not None and not any(d.is_error for d in diagnostics)
    written = path.read_text("utf-8")
    comment = tuple(line[2:] for line in written.splitlines()[:5])
    text = expand(composed, comment)
    if UPDATE:
        path.write_text(text, "utf-8")
    assert written == text, "regenerate with PERFDSL_UPDATE_GOLDEN=1"
    data = perfdsl.load_data(SEED_DATA)
    a = perfdsl.compile_file(path).evaluate(data)
    b = perfdsl.compile_file(RUBRICS / "huitong-2021.rubric").evaluate(data)
    assert a.to_json() == b.to_json()


def test_a_figure_of_the_alternative_not_chosen_is_never_required():
    """The framework's 结转结余变动率 is not chosen: its figure 上年结转结余金额 is neither asked
    for nor reported as unknown when given."""
    rubric = perfdsl.compile_file(RUBRICS / "huitong-2021.rubric")
    assert rubric.model.input("上年结转结余金额") is None
    assert "上年结转结余金额" in rubric.model.ignored_inputs
    figures = {f.name: f.value for f in perfdsl.load_data(SEED_DATA).figures}
    for extra in ({}, {"上年结转结余金额": "20"}):
        for compiled in both(rubric):
            result = compiled.evaluate({**figures, **extra})
            assert result.problems == () and result.total == 92


def test_editions_build_on_each_other():
    """The 2022 edition builds on the 2021 unit, which builds on the framework: three files,
    each with its own source; a diagnostic of each file names that file."""
    loaded, composed, diagnostics = compose(Source(
        "rubrics/huitong-2022.rubric", (RUBRICS / "huitong-2022.rubric").read_text("utf-8")),
        base=str(ROOT))
    assert [Path(f.source.name).name for f in loaded.files] == [
        "department-framework.rubric", "huitong-2021.rubric", "huitong-2022.rubric"]
    assert all(os.path.isabs(path) for path in loaded.sources)
    assert composed is not None and diagnostics == []


# --- 不适用 -------------------------------------------------------------------------------------

NOT_APPLICABLE = """
总分 40
{policy}
输入 a：数值 范围 ≥ 0
输入 b：数值 范围 ≥ 0
分组 组 分值 40 {{
  指标 甲 分值 10 {{ 值 a; 评分 公式 min(甲, 10) }}
  指标 乙 分值 30 {{ 值 b; 评分 公式 min(乙, 30) }}
}}
不适用 甲
"""


@pytest.mark.parametrize("policy", ["", "不适用 按比例折算 总分", "不适用 按比例折算 分组",
                                    "not_applicable rescale group"])
def test_the_issues_worked_example(policy):
    """Weights 10 and 30 out of 40, the 10 not applicable, 乙 scoring 22: 22 × 40 / 30 = 29.33,
    whichever way the weight is shared out (here one group holds both), in every backend; 甲's
    figure is not needed."""
    rubric = perfdsl.compile(NOT_APPLICABLE.format(policy=policy))
    for compiled in both(rubric):
        result = compiled.evaluate({"a": "5.5", "b": "22"})
        assert [i.name for i in result.indicators] == ["乙"]
        assert result.total == D("29.33") and result.problems == ()
        assert compiled.evaluate({"b": "22"}).problems == ()


def test_total_policy_keeps_subtotals_and_rescales_the_total():
    """按比例折算 总分: a group's subtotal is its applicable scores' sum, out of its applicable
    weight; only the total is rescaled, once, from the rounded scores."""
    rubric = perfdsl.compile("""
总分 100
输入 x：数值 范围 0 至 1
分组 甲 分值 60 { 指标 一 分值 20 { 评分 公式 x × 20 }  指标 二 分值 40 { 评分 公式 x × 40 } }
分组 乙 分值 40 { 指标 三 分值 40 { 评分 公式 x × 40 } }
不适用 一
""")
    for compiled in both(rubric):
        result = compiled.evaluate({"x": "0.333"})
        assert [(g.name, g.weight, g.score) for g in result.groups] == [
            ("甲", D(40), D("13.32")), ("乙", D(40), D("13.32"))]
        assert result.total == D("33.30")  # 26.64 × 100 / 80


def test_group_policy_rescales_within_the_group():
    """按比例折算 分组: the group that lost weight is rescaled to its own weight, once; the total
    is the plain sum of the subtotals."""
    rubric = perfdsl.compile("""
总分 100
不适用 按比例折算 分组
输入 x：数值 范围 0 至 1
分组 甲 分值 60 { 指标 一 分值 20 { 评分 公式 x × 20 }  指标 二 分值 40 { 评分 公式 x × 40 } }
分组 乙 分值 40 { 指标 三 分值 40 { 评分 公式 x × 40 } }
不适用 一
""")
    for compiled in both(rubric):
        result = compiled.evaluate({"x": "0.333"})
        assert [(g.name, g.weight, g.score) for g in result.groups] == [
            ("甲", D(60), D("19.98")), ("乙", D(40), D("13.32"))]
        assert result.total == D("33.30")


def test_a_group_with_nothing_left_does_not_apply():
    """When every child of a group does not apply, the group does not either; at the top level
    its weight is shared out over the total."""
    rubric = perfdsl.compile("""
总分 100
输入 x：数值 范围 0 至 1
分组 甲 分值 50 { 指标 一 分值 50 { 评分 公式 x × 50 } }
分组 乙 分值 50 { 指标 二 分值 50 { 评分 公式 x × 50 } }
不适用 一
""")
    assert [g.name for g in rubric.model.groups] == ["乙"]
    assert rubric.evaluate({"x": "0.5"}).total == D(50)


def test_weights_are_checked_with_what_does_not_apply():
    """A group's children and its children that do not apply add up to its weight; 删除 shares
    nothing out, so the weights must add up again without it (E301 at the 删除)."""
    text = """
总分 10
输入 x：数值 范围 0 至 1
分组 组 分值 10 { 指标 甲 分值 4 { 评分 公式 x }  指标 乙 分值 6 { 评分 公式 x } }
{change} 甲
"""
    perfdsl.compile(text.replace("{change}", "不适用"))
    with pytest.raises(CompileError) as error:
        perfdsl.compile(text.replace("{change}", "删除"))
    (e301,) = error.value.diagnostics
    assert e301.code == "E301" and e301.span.text == "删除 甲"


# --- 择一, 可选 -----------------------------------------------------------------------------------

ALTERNATIVES = """
总分 10
输入 x：百分比 范围 ≥ 0%
输入 y：百分比
分组 组 分值 10 {
  择一 {
    指标 甲 分值 10 { 值 x; 评分 满分条件 甲 ≤ 10% }
    指标 乙 分值 10 { 值 y; 评分 满分条件 乙 ≤ 0% }
  }
}
"""


def test_alternatives_follow_the_choice():
    """Without a choice the first alternative counts; `选用` picks another, whose figure alone
    is asked for."""
    first = perfdsl.compile(ALTERNATIVES)
    assert [i.name for i in first.model.indicators] == ["甲"]
    assert first.evaluate({"x": "5%"}).problems == ()
    second = perfdsl.compile(ALTERNATIVES + "选用 乙\n")
    assert [i.name for i in second.model.indicators] == ["乙"]
    assert second.evaluate({"y": "-1%"}).total == 10


def test_optional_items_share_the_pool():
    """A `可选` group's chosen children share its weight: their scores × weight ÷ theirs."""
    rubric = perfdsl.compile("""
总分 40
输入 x：数值 范围 0 至 1
分组 项目效益 分值 40 可选 {
  指标 经济效益 分值 20 { 评分 公式 x × 20 }
  指标 社会效益 分值 20 { 评分 公式 x × 20 }
  指标 生态效益 分值 20 { 评分 公式 x × 20 }
  指标 可持续影响 分值 20 { 评分 公式 20 }
}
选用 经济效益、社会效益、可持续影响
""")
    assert [i.name for i in rubric.model.indicators] == ["经济效益", "社会效益", "可持续影响"]
    for compiled in both(rubric):
        result = compiled.evaluate({"x": "0.5"})
        assert result.subtotal("项目效益") == D("26.67")  # (10 + 10 + 20) × 40 / 60
        assert result.total == D("26.67")


# --- Changing a template --------------------------------------------------------------------------

def test_overrides_change_weight_rule_and_add_children(tmp_path):
    """`修改` sets the 设定分值 (the 参考分值 stays), replaces a clause in place, and adds a
    个性指标 to a group; each change records the template symbol it refers to."""
    write(tmp_path, {
        "template.rubric": """总分 10
输入 x：数值 范围 0 至 1
分组 组 参考分值 10 {
  指标 甲 参考分值 6 { 指标解释 "甲" 评分 公式 x × 6 }
  指标 乙 参考分值 4 { 评分 公式 x × 4 }
}
""",
        "unit.rubric": """基于 "template.rubric"
修改 甲 设定分值 3 { 评分 满分条件 x ≥ 0.5 }
修改 组 { 指标 丙 分值 3 { 评分 公式 x × 3 } }
""",
    })
    unit = tmp_path / "unit.rubric"
    rubric = perfdsl.compile_file(unit)
    first = rubric.model.indicators[0]
    assert (first.name, first.weight, first.reference, first.description) == (
        "甲", D(3), D(6), "甲")
    assert [i.name for i in rubric.model.indicators] == ["甲", "乙", "丙"]
    assert rubric.evaluate({"x": "0.5"}).total == D(6.5)
    _loaded, composed, _ = compose(Source(str(unit), unit.read_text("utf-8")))
    override = next(c for c in composed.changes if c.kind == "override" and c.name == "甲")
    assert override.span.source.name == str(unit)
    assert override.target.source.name == str(tmp_path / "template.rubric")
    assert override.target.text == "甲"


def test_diagnostics_point_into_the_file_of_their_cause(tmp_path):
    """An error in the template is reported in the template's file; one the unit causes (a sum
    its 设定分值 breaks) in the unit's."""
    write(tmp_path, {
        "template.rubric": """总分 10
输入 x：数值 范围 0 至 1
分组 组 参考分值 10 { 指标 甲 参考分值 10 { 评分 公式 y } }
""",
        "unit.rubric": '基于 "template.rubric"\n修改 甲 设定分值 8\n',
    })
    _compiled, diagnostics = diagnose(Source(str(tmp_path / "unit.rubric"),
                                             (tmp_path / "unit.rubric").read_text("utf-8")))
    where = {d.code: (Path(d.span.source.name).name, d.span.line) for d in diagnostics}
    assert where["E101"] == ("template.rubric", 3)
    (tmp_path / "template.rubric").write_text(
        (tmp_path / "template.rubric").read_text("utf-8").replace("公式 y", "公式 x"), "utf-8")
    _compiled, diagnostics = diagnose(Source(str(tmp_path / "unit.rubric"),
                                             (tmp_path / "unit.rubric").read_text("utf-8")))
    (e301,) = [d for d in diagnostics if d.is_error]
    assert e301.code == "E301"
    assert (Path(e301.span.source.name).name, e301.span.line) == ("unit.rubric", 2)


def test_an_editors_unsaved_buffer_counts(tmp_path):
    """`read(path)` is how the loader gets a template: an editor passes its open buffers."""
    write(tmp_path, {"template.rubric": "总分 10\n", "unit.rubric": '基于 "template.rubric"\n'})
    unsaved = {str(tmp_path / "template.rubric"): """总分 10
输入 x：数值 范围 0 至 1
指标 甲 分值 10 { 评分 公式 x × 10 }
"""}
    compiled, diagnostics = diagnose(Source(str(tmp_path / "unit.rubric"),
                                            '基于 "template.rubric"\n'),
                                     read=lambda path: unsaved[path])
    assert compiled is not None, diagnostics
    assert [i.name for i in compiled.model.indicators] == ["甲"]


def test_paths_with_either_slash_and_no_way_out(tmp_path):
    """A template path may use `\\` or `/`; it may not lead outside the rubric's folder, by
    `..` or by a symbolic link, unless a wider root is given."""
    write(tmp_path, {"units/t/template.rubric": "总分 10\n输入 x：数值\n"
                                                "指标 甲 分值 10 { 评分 公式 10 }\n",
                     "units/a.rubric": '基于 "t\\\\template.rubric"\n',
                     "units/b.rubric": '基于 "../outside.rubric"\n',
                     "outside.rubric": "总分 10\n指标 甲 分值 10 { 评分 公式 10 }\n"})
    assert codes(tmp_path / "units" / "a.rubric") == []
    assert codes(tmp_path / "units" / "b.rubric") == ["E802"]
    assert codes(tmp_path / "units" / "b.rubric", root=str(tmp_path)) == []
    if hasattr(os, "symlink"):
        os.symlink(tmp_path / "outside.rubric", tmp_path / "units" / "link.rubric")
        (tmp_path / "units" / "c.rubric").write_text('基于 "link.rubric"\n', "utf-8")
        assert codes(tmp_path / "units" / "c.rubric") == ["E802"]


def test_missing_templates_and_cycles_are_diagnostics(tmp_path):
    """A template that is not there (E801) and a chain that comes back (E803): no traceback."""
    write(tmp_path, {"a.rubric": '基于 "b.rubric"\n', "b.rubric": '基于 "a.rubric"\n',
                     "c.rubric": '基于 "nowhere.rubric"\n', "d.rubric": '基于 "d.rubric"\n'})
    assert codes(tmp_path / "a.rubric") == ["E803"]
    assert codes(tmp_path / "c.rubric") == ["E801"]
    assert codes(tmp_path / "d.rubric") == ["E803"]


def test_a_units_indicator_of_a_template_name_is_refused(tmp_path):
    """Redeclaring a template's indicator is E805 (use 修改); a template's input redeclared by
    the unit replaces it."""
    write(tmp_path, {
        "template.rubric": "总分 10\n输入 x：数值 范围 0 至 1\n指标 甲 分值 10 { 评分 公式 x }\n",
        "unit.rubric": '基于 "template.rubric"\n指标 甲 分值 10 { 评分 公式 x }\n',
        "unit2.rubric": '基于 "template.rubric"\n输入 x：数值 范围 0 至 5 标签 "新"\n',
    })
    assert codes(tmp_path / "unit.rubric") == ["E805"]
    rubric = perfdsl.compile_file(tmp_path / "unit2.rubric")
    assert rubric.model.input("x").label == "新"


def test_text_with_no_path_reads_no_file():
    """`perfdsl.compile(text)` — text with no path — builds on no file, even one that exists in
    the current folder: an embedding tool decides what may be read by giving `read` or `base`."""
    with pytest.raises(CompileError) as error:
        perfdsl.compile('基于 "README.md"\n')
    assert [d.code for d in error.value.diagnostics] == ["E801"]
    compiled = perfdsl.compile_string('基于 "template.rubric"\n', read=lambda path: (
        "总分 10\n指标 甲 分值 10 { 评分 公式 10 }\n"))
    assert compiled.evaluate({}).total == 10


def test_misplaced_composition_is_a_diagnostic():
    """A 个性指标 added to an indicator, alternatives inside an indicator, two policies, two
    `基于`: each a diagnostic with its English and Chinese words, never a traceback."""
    cases = {
        "总分 1\n输入 x：数值 范围 0 至 1\n指标 甲 分值 1 { 评分 公式 x }\n"
        "修改 甲 { 指标 乙 分值 1 { 评分 公式 x } }\n": "E314",
        "总分 1\n输入 x：数值 范围 0 至 1\n指标 甲 分值 1 { 评分 公式 x\n"
        "  择一 { 指标 乙 分值 1 { 评分 公式 x } 指标 丙 分值 1 { 评分 公式 x } } }\n": "E314",
        "总分 1\n不适用 按比例折算 总分\n不适用 按比例折算 分组\n输入 x：数值 范围 0 至 1\n"
        "指标 甲 分值 1 { 评分 公式 x }\n": "E006",
        '基于 "a.rubric"\n基于 "a.rubric"\n': "E006",
    }
    for text, code in cases.items():
        _compiled, diagnostics = diagnose(Source("t.rubric", text),
                                          read=lambda path: "总分 1\n")
        found = [d for d in diagnostics if d.code == code]
        assert found, (text, [d.code for d in diagnostics])
        for d in found:
            assert d.message("en") and d.message("zh")


def test_a_broken_header_around_composition_is_only_diagnostics():
    """A group whose header a syntax error took away may still hold a `可选` group or an
    alternatives block: the rubric gets its syntax errors, never a crash."""
    text = ("总分 2\n输入 x：数值 范围 0 至 1\n分组 组 分值 2 {\n 组4 {\n"
            "  分组 池 分值 1 可选 { 指标 甲 分值 1 { 评分 公式 x } }\n"
            "  择一 { 指标 乙 分值 1 { 评分 公式 x } 指标 丙 分值 1 { 评分 公式 x } }\n}\n}\n")
    compiled, diagnostics = diagnose(Source("t.rubric", text))
    assert compiled is None and any(d.code.startswith("E0") for d in diagnostics)


@st.composite
def units(draw, template: str) -> str:
    """A unit's rubric of random changes to `template`: its names, a name it does not have,
    weights, 不适用, 删除, 选用, a 个性指标, the policy — sensible or not."""
    names = re.findall(r"(?:indicator|指标|group|分组|指标组) (\S+)", template) + ["没有这个"]
    lines = ['基于 "template.rubric"']
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(names))
        lines.append(draw(st.sampled_from([
            f"修改 {name} 设定分值 {draw(st.integers(1, 40))}",
            f"不适用 {name}", f"删除 {name}", f"选用 {name}",
            f"修改 {name} {{ 指标 新{draw(st.integers(0, 99))} 分值 1 {{ 评分 公式 1 }} }}",
            f"修改 {name} 参考分值 3", "不适用 按比例折算 分组", "不适用 按比例折算 总分",
            f"指标 {name} 分值 1 {{ 评分 公式 1 }}",
        ])))
    return "\n".join(lines) + "\n"


@given(st.data())
def test_random_changes_to_a_template_never_crash(data):
    """Whatever a unit writes about whatever template, the compiler answers with a compiled
    rubric that scores, or with diagnostics — each in its file, with both languages."""
    from strategies import figures_for, rubrics

    template = data.draw(rubrics())
    unit = data.draw(units(template))
    compiled, diagnostics = diagnose(Source("unit.rubric", unit),
                                     read=lambda path: template)
    for d in diagnostics:
        assert d.message("en") and d.message("zh")
        assert d.span is None or d.span.source.name in ("unit.rubric", "template.rubric")
    if compiled is not None:
        result = compiled.evaluate(data.draw(figures_for(compiled.model)))
        assert 0 <= result.total <= compiled.model.total
