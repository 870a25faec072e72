"""Generated evaluation is safe and faithful: the Python it writes contains only identifiers and
numbers the compiler made — no text from a rubric or a data file, however hostile — and scores
exactly as the reference interpreter does."""

from __future__ import annotations

import ast
import re
from decimal import Decimal

import pytest

import perfdsl
from perfdsl.backends import codegen
from perfdsl.compiler import CompiledRubric
from perfdsl.data.figures import slow_checks

from conftest import SEED_RUBRIC, generated

# Names the code generator makes: slots, temporaries, constants, helpers, problems, scores.
COMPILER_NAME = re.compile(
    r"^(v\d+d?|t\d+|k\d+|c\d+|p\d+|f\d+|g\d+|sc\d+|f|P|S|T|G|M|problem|bool|len)$")

HOSTILE = [
    "__import__('os').system('echo pwned')",
    '"); import os; os.system("x',
    "a\nb = 1",
    "'''",
    "eval(input())",
    "k0",
    "{{ 7 * 7 }}",
]


def source_of(compiled) -> str:
    program = compiled.program
    source, _names = codegen.generate(program, *slow_checks(compiled.model,
                                                            [i.name for i in program.inputs]))
    return source


def assert_compiler_made(source: str) -> None:
    """Every name is the compiler's, every constant a number or None/True/False: no string at all."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert COMPILER_NAME.match(node.id), node.id
        elif isinstance(node, ast.Constant):
            assert node.value is None or isinstance(node.value, (bool, int)), repr(node.value)
        elif isinstance(node, ast.Attribute):
            assert node.attr in ("get", "quantize", "__class__"), node.attr
        elif isinstance(node, (ast.Import, ast.ImportFrom, ast.Lambda, ast.Global)):
            raise AssertionError(ast.dump(node))


def hostile_rubric(name: str) -> str:
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return (f"总分 10\n量表 {quoted} {{ {quoted} = 100%；差 = 0% }}\n"
            f"输入 {quoted}：数值 范围 ≥ 0\n输入 级：等次 {quoted}\n"
            f"分组 {quoted} 分值 10 {{\n"
            f"  指标 甲 分值 5 {{ 值 {quoted} / 2; 评分 分档 甲 {{ ≥ 1：满分；其他：0 }} }}\n"
            f"  指标 乙 分值 5 {{ 评分 按等次 级 }}\n}}\n")


def test_the_seed_compiles_to_compiler_made_code():
    """The seed's generated source holds no text of the rubric: names and levels are bound
    as constants, never written into the code."""
    assert_compiler_made(source_of(perfdsl.compile_file(SEED_RUBRIC)))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_never_reach_the_source(name):
    """An input, a scale, a level and a group named like Python code: the source stays the
    compiler's own, and the rubric scores as it should."""
    compiled = generated(perfdsl.compile(hostile_rubric(name)))
    source = source_of(compiled)
    assert_compiler_made(source)
    assert name not in source
    level_name = compiled.model.scales[0].levels[0].name
    result = compiled.evaluate({compiled.model.inputs[0].name: Decimal(4), "级": level_name})
    assert result.total == Decimal(10) and result.problems == ()
    reference = CompiledRubric(compiled.graph, (), backend="interpret", program=compiled.program)
    assert reference.evaluate({compiled.model.inputs[0].name: Decimal(4),
                               "级": level_name}).scores == result.scores


def test_hostile_data_values_stay_data():
    """Figures and unknown names that look like code are read as data: problems, not code."""
    compiled = generated(perfdsl.compile(hostile_rubric("x")))
    result = compiled.evaluate({"x": "__import__('os')", "级": "'); os.system('", HOSTILE[0]: 1})
    assert {p.code for p in result.problems} == {"D001", "D003", "D008"}


def test_the_namespace_has_no_builtins_beyond_what_the_code_needs():
    """The generated function runs with `bool` and `len` as its only builtins."""
    compiled = perfdsl.compile_file(SEED_RUBRIC)
    program = compiled.program
    run = codegen.compile_program(program, *slow_checks(compiled.model,
                                                        [i.name for i in program.inputs]))
    assert set(run.__globals__["__builtins__"]) == {"bool", "len"}


def test_generated_group_results_are_the_general_builders():
    """The generated builder of GroupResults gives what the general one gives; a GroupResult
    reads by name, prints its fields and survives pickling."""
    import pickle

    from perfdsl.core.results import GroupResult, group_builder

    compiled = perfdsl.compile_file(SEED_RUBRIC)
    program = compiled.program
    subtotals = [Decimal(n) / 4 for n in range(len(program.groups))]
    generated_groups = codegen.compile_groups(program, GroupResult)(subtotals)
    general = group_builder(program)(subtotals)
    assert generated_groups == general
    assert all(type(g) is GroupResult for g in generated_groups + general)
    first = general[0]
    assert (first.path, first.weight, first.reference, first.score, first.depth) == tuple(first)
    assert first.name == first.path[-1] == program.groups[0].path[-1]
    assert repr(first).startswith(f"GroupResult(path={first.path!r}, weight=")
    assert pickle.loads(pickle.dumps(general)) == general
    assert type(pickle.loads(pickle.dumps(first))) is GroupResult
