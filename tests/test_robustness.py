"""No traceback, ever, on the compile path: the language's limits (each with its own diagnostic,
checked before any recursive pass), numbers too long for exact arithmetic, constant division by
zero, error recovery that resumes from a saved state, and a property that damaged and deep
rubrics always give diagnostics, never an exception, and never hang."""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfdsl
from perfdsl.compiler import diagnose
from perfdsl.core.graph import _topological_order
from perfdsl.diagnostics import InternalError
from perfdsl.language import limits
from perfdsl.language import parse as parse_pass
from perfdsl.language.source import Source, Span

from conftest import ROOT
from strategies import SEED_TEXTS, damaged_rubrics, deep_rubric, mutated

EXPR, BLOCKS, VALUES = limits.MAX_EXPRESSION_DEPTH, limits.MAX_BLOCK_DEPTH, limits.MAX_VALUE_DEPTH

# Far above anything a rubric the size of these inputs needs (tens of milliseconds), far below a
# hang: not a measure of speed, a guard against exponential or unbounded work.
HANG = 10.0


def codes(text: str) -> list[str]:
    return [d.code for d in diagnose(Source("t.rubric", text))[1]]


def errors(text: str) -> list[str]:
    return [d.code for d in diagnose(Source("t.rubric", text))[1] if d.is_error]


def rubric(value: str, lets: str = "", rule: str = "按比例 甲") -> str:
    """One indicator `甲` of weight 10 with the value `value`, after `lets`."""
    return ("总分 10\n输入 x：百分比 范围 0% 至 100%\n输入 y：金额（万元） 范围 ≥ 0\n" + lets
            + f"分组 组 分值 10 {{\n  指标 甲 分值 10 {{\n    值 {value}\n    评分 {rule}\n  }}\n}}\n")


# --- Expression depth (E011) ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["minus", "sum", "if", "calls", "not"])
def test_an_expression_as_deep_as_the_limit_compiles_and_one_more_level_is_e011(kind):
    """Every kind of nesting is counted alike: at MAX_EXPRESSION_DEPTH the rubric compiles, one
    level deeper it is E011 alone (no cascade for the clause left out)."""
    depth_of = {"minus": EXPR - 1, "sum": EXPR, "if": EXPR - 2, "calls": EXPR - 1,
                "not": EXPR - 3}
    n = depth_of[kind]
    assert errors(deep_rubric(kind, n)) == [], kind
    found = [d for d in diagnose(Source("t.rubric", deep_rubric(kind, n + 1)))[1] if d.is_error]
    assert [(d.code, d.args["depth"]) for d in found] == [("E011", EXPR + 1)], kind


def test_parentheses_do_not_count_as_depth():
    """Parentheses make no node: a thousand of them around a name are fine."""
    assert errors(deep_rubric("parens", 1000)) == []


def test_e011_points_at_the_expression_and_says_how_deep():
    """E011 is at the too-deep expression, with its depth and the limit, in both languages."""
    text = rubric(" + ".join(["x"] * 1000))
    (error,) = diagnose(Source("t.rubric", text))[1]
    assert error.code == "E011"
    assert error.span.text.startswith("x + x") and error.span.line == 6
    assert error.message() == f"this expression is nested 1000 levels deep; at most {EXPR} are allowed"
    assert error.message("zh") == f"该表达式嵌套了 1000 层，最多允许 {EXPR} 层"


def test_other_errors_are_still_reported_after_a_limit():
    """The too-deep clause is left out like a broken statement: the rest is still checked, and
    names it declared raise no E101."""
    text = ("总分 10\n输入 x：百分比\n令 深 = " + "-" * 300 + "x\n"
            "分组 组 分值 10 {\n  指标 甲 分值 10 { 评分 按比例 深 + 未知 }\n}\n")
    assert errors(text) == ["E011", "E101"]
    found = diagnose(Source("t.rubric", text))[1]
    assert found[1].args["name"] == "未知"


# --- Block depth (E012) -------------------------------------------------------------------------

def test_groups_as_deep_as_the_limit_compile_and_one_more_level_is_e012():
    """Groups and indicators nest MAX_BLOCK_DEPTH deep; one level more is E012 at the block past
    the limit, and only that."""
    assert errors(deep_rubric("groups", BLOCKS - 1)) == []
    found = [d for d in diagnose(Source("t.rubric", deep_rubric("groups", BLOCKS)))[1]
             if d.is_error]
    assert [d.code for d in found] == ["E012"]
    assert found[0].args == {"depth": BLOCKS + 1, "limit": BLOCKS}
    assert found[0].span.line == 3 + BLOCKS and found[0].span.text == "甲"


def test_unclosed_braces_nested_far_too_deep_are_one_e012():
    """Five hundred nested groups: one E012, no traceback."""
    assert errors(deep_rubric("groups", 500)) == ["E012"]


# --- Depth through values (E013) ------------------------------------------------------------------

def test_a_chain_of_values_as_deep_as_the_limit_compiles_and_one_more_is_e013():
    """A value read through a chain of `令` counts every value in its place: at MAX_VALUE_DEPTH
    it compiles, one more is E013 at the first value past the limit, and only there."""
    assert errors(deep_rubric("lets", VALUES - 2)) == []  # 甲 reads v(n-1): n + 1; its rule n + 2
    found = [d for d in diagnose(Source("t.rubric", deep_rubric("lets", VALUES)))[1]
             if d.is_error]
    assert [d.code for d in found] == ["E013"]
    assert found[0].args["name"] == "甲" and found[0].args["depth"] == VALUES + 1
    assert found[0].args["chain"].startswith("甲 → v199 → v198 → … → ")


def test_a_chain_of_1500_values_is_one_e013_not_a_recursion_error():
    """The chain the fuzz campaign found crashing: E013 once, at the first value past the limit."""
    found = [d for d in diagnose(Source("t.rubric", deep_rubric("lets", 1500)))[1] if d.is_error]
    assert [(d.code, d.args["name"]) for d in found] == [("E013", f"v{VALUES}")]


def test_depth_through_values_adds_the_depth_of_each_expression():
    """Two values each 100 deep, the second reading the first at its deepest point, reach 200."""
    lets = f"令 a = {'-' * (EXPR - 1)}x\n令 b = {'-' * (EXPR - 3)}a\n"
    assert errors(rubric("b", lets)) == []  # a: 100; b: 98 + 100; 甲: 1 + 198; its rule 1 + 199
    assert errors(rubric("-b", lets)) == ["E013"]  # 甲: 2 + 198; its rule 1 + 200


def test_a_rule_reading_values_counts_them_in_place_too():
    """The expressions of a scoring rule are bound like values: a rule reading a value at the
    limit is one level past it (E013 at the rule), one reading a value one shallower is fine."""
    lets = f"令 a = {'-' * (EXPR - 1)}x\n令 b = {'-' * (EXPR - 2)}a\n"  # b: 199
    assert errors(rubric("x", lets, rule="按比例 b")) == []  # 1 + 199
    found = [d for d in diagnose(Source("t.rubric", rubric("x", lets, rule="按比例 -b")))[1]
             if d.is_error]
    assert [(d.code, d.args["name"], d.args["chain"], d.span.text) for d in found] == [
        ("E013", "甲", "甲 → b → a", "按比例 -b")]


def test_a_cycle_is_still_e106_with_values_typed_without_recursion():
    """The explicit walk finds a cycle where the recursive one did, and spells it out."""
    found = diagnose(Source("t.rubric", rubric("a + y", "令 a = b + x\n令 b = c\n令 c = a\n")))[1]
    assert [(d.code, d.args.get("cycle")) for d in found] == [("E106", "a → b → c → a")]


# --- Numbers (E010, E014, E207, E203) ---------------------------------------------------------

@pytest.mark.parametrize("value,percent,fits", [
    ("999999999999999", False, True), ("1000000000000000", False, False),
    ("0.0000000001", False, True), ("0.00000000001", False, False),
    ("1.50000000000000000000", False, True),  # trailing zeros are not decimals
    ("000000000000000000001", False, True), ("0", False, True),
    ("99999999999999.9999999999", False, True),
    ("0.000000000001", True, True),  # 0.0000000001% as written
    ("0.0000000000001", True, False), ("9999999999999.99", True, True),
    ("10000000000000", True, False),  # 1000000000000000% as written
])
def test_literal_fits(value, percent, fits):
    """A literal fits with at most 15 digits before the point and 10 after, as written: a
    percentage is counted as typed, before it is divided by 100."""
    assert limits.literal_fits(Decimal(value), percent) is fits


@pytest.mark.parametrize("where", [
    "总分 {n}\n", "分值 {n}", "评分 满分条件 y ≤ {n}", "评分 分档 y {{ ≥ {n}：满分；其他：0 }}",
    "值 y * {n}\n",
])
def test_a_number_too_long_is_e010_wherever_it_stands(where):
    """A weight, a total, a threshold, a band edge or a factor of 16 digits is E010 — never a
    decimal.InvalidOperation traceback, and no cascade (E304, E311)."""
    n = "1234567890123456789012345678"
    if where.startswith("总分"):
        text = where.format(n=n) + rubric("x")[len("总分 10\n"):]
    elif where.startswith("分值"):
        text = rubric("x").replace("指标 甲 分值 10", "指标 甲 " + where.format(n=n))
    elif where.startswith("值"):
        text = rubric(where.format(n=n)[2:].strip())
    else:
        text = rubric("x", rule=where.format(n=n)[3:])
    assert errors(text) == ["E010"], where


def test_a_percentage_too_precise_is_e010():
    """`12.12345678901%` has 11 decimals as written."""
    assert errors(rubric("x", rule="满分条件 x ≥ 12.12345678901%")) == ["E010"]


def test_a_constant_that_works_out_too_large_is_e014():
    """Folding `100000000 * 100000000` gives 17 digits: E014 at the expression, with its value."""
    found = [d for d in diagnose(Source("t.rubric", rubric(
        "x", rule="分档 y { ≤ 100000000 * 100000000：满分；其他：0 }")))[1] if d.is_error]
    assert [(d.code, d.args["value"], d.span.text) for d in found] == [
        ("E014", "10000000000000000", "100000000 * 100000000")]


@pytest.mark.parametrize("text,at", [
    (rubric("y / (1 - 100%)"), "1 - 100%"),
    (rubric("y / 0"), "0"),
    (rubric("y / (2 * (3 - 3))"), "2 * (3 - 3)"),
    (rubric("x").replace("指标 甲 分值 10", "指标 甲 分值 10 / 0"), "0"),
    (rubric("x", rule="分档 y { ≥ 5 / (1 - 1)：满分；其他：0 }"), "1 - 1"),
])
def test_a_divisor_that_folds_to_zero_is_e207(text, at):
    """Dividing by a constant 0 is an error where it is written, once, in a value, a weight or a
    band edge alike — not a warning, and not E311."""
    found = [d for d in diagnose(Source("t.rubric", text))[1] if d.is_error]
    assert [d.code for d in found] == ["E207"]
    assert found[0].span.text == at


def test_a_divisor_that_is_zero_only_for_some_figures_is_not_e207():
    """`y - y` is not a constant: its zero is a data matter (W601/D005), not E207."""
    assert "E207" not in codes(rubric("x / (y - y + 1%)"))


@pytest.mark.parametrize("year,ok", [("2021", True), ("2021.5", False), ("0", False),
                                     ("99999999999999999999", False)])
def test_a_year_is_a_whole_number(year, ok):
    """`年度 2021.5` is E203, not a ValueError from int()."""
    assert errors(f"年度 {year}\n" + rubric("x")) == ([] if ok else ["E203"])


# --- Length (E015) -----------------------------------------------------------------------------------

def test_a_rubric_with_more_tokens_than_the_limit_is_e015_where_reading_stopped(monkeypatch):
    """A rubric of exactly MAX_TOKENS tokens is read; one token more stops parsing with E015 at
    that token, counted the same after a repair resumes from a saved state."""
    text = rubric("x")
    count = sum(1 for _ in parse_pass._parser().lex(parse_pass.fold_full_width(text)))
    monkeypatch.setattr(limits, "MAX_TOKENS", count)
    assert errors(text) == []
    monkeypatch.setattr(parse_pass, "_CHECKPOINT_EVERY", 1)
    broken = text.replace("值 x", "值 x )")  # one more token, and a syntax error before the end
    found = [d for d in diagnose(Source("t.rubric", broken))[1] if d.is_error]
    assert [d.code for d in found] == ["E002"]  # the `)` is left out: back to `count` tokens
    longer = text + "分组 乙组 分值 0 { }\n"
    found = [d for d in diagnose(Source("t.rubric", longer))[1] if d.is_error]
    assert [(d.code, d.span.text, d.args["limit"]) for d in found] == [("E015", "分组", count)]


# --- The whole pipeline at the limits -------------------------------------------------------------

def at_limits() -> str:
    """A rubric at every limit at once: groups MAX_BLOCK_DEPTH deep, holding an indicator whose
    value reads a chain of values exactly MAX_VALUE_DEPTH deep and one whose value is an
    expression of calls, sums and a conditional exactly MAX_EXPRESSION_DEPTH deep."""
    lines = ["总分 10", "输入 x：百分比 范围 0% 至 100%", "输入 y：金额（万元） 范围 ≥ 0", "令 v0 = x"]
    k = VALUES - EXPR - 2  # 甲's value is VALUES - 1 deep, and its rule reads it: VALUES
    lines += [f"令 v{i} = v{i - 1}" for i in range(1, k + 1)]
    body, depth = "abs(x - 50%)", 3
    while depth + 2 <= EXPR - 1:
        body, depth = f"max(({body}) * 1, 0%)", depth + 2
    lines += [f"分组 g{d} {{" for d in range(1, BLOCKS)]
    lines.append(f"指标 甲 分值 5 {{ 值 {'-' * (EXPR - 1)}v{k}；"
                 "评分 分档 甲 { ≤ -50%：满分；其他：0 } }")
    lines.append(f"指标 乙 分值 5 {{ 值 如果 y > 0 且 x < 100% 则 {body} 否则 0%；评分 按比例 乙 }}")
    lines += ["}"] * (BLOCKS - 1)
    return "\n".join(lines) + "\n"


def test_a_rubric_at_every_limit_compiles_scores_and_reports_from_the_command_line(tmp_path):
    """What the limits promise: every pass recurses safely at them. In fresh processes, with
    Python's default recursion limit, the rubric at every limit compiles, scores as Markdown and
    JSON, is explained and verified, with exit 0 and no traceback."""
    (tmp_path / "at.rubric").write_text(at_limits(), "utf-8")
    (tmp_path / "at.yaml").write_text("x: 60%\ny: 3\n", "utf-8")
    for command in (["compile", "at.rubric"], ["score", "at.rubric", "at.yaml", "--format", "markdown"],
                    ["score", "at.rubric", "at.yaml", "--format", "json"],
                    ["explain", "at.rubric", "at.yaml", "--format", "json"],
                    ["verify", "at.rubric", "--examples", "5"]):
        done = subprocess.run([sys.executable, "-m", "perfdsl", *command], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (command, done.stderr)


# --- Error recovery ---------------------------------------------------------------------------------

def test_a_stray_closing_brace_is_reported_once():
    """A `}` too many at the top level is one E002; recovery drops it instead of reporting it
    until E005."""
    text = rubric("x").replace("分值 10", "分值 5") + "}\n" \
        + "分组 组二 分值 5 {\n  指标 乙 分值 5 { 评分 按比例 x }\n}\n"
    found = [d.code for d in diagnose(Source("t.rubric", text))[1] if d.is_error]
    assert found.count("E002") == 1 and "E005" not in found


def test_many_syntax_errors_in_a_long_rubric_do_not_reparse_it_from_the_top(monkeypatch):
    """A long rubric with a broken line every so often: recovery resumes from a saved parser
    state, so it parses about as much text as the rubric holds, not once per error."""
    runs = []

    class Recording(parse_pass._Run):
        def __init__(self, *args):
            super().__init__(*args)
            runs.append(self)

    monkeypatch.setattr(parse_pass, "_Run", Recording)
    good = "".join(f"  指标 指标{i} 分值 1 {{ 值 x；评分 按比例 指标{i} }}\n" for i in range(40))
    text = "总分 1000\n输入 x：百分比\n" + "分组 组 分值 40 {\n" + good + "}\n" + (
        "分组 坏 分值 {\n" + good + "}\n") * 30
    found = codes(text)
    assert found.count("E002") == 30 and "E005" not in found
    assert runs[0].work < 2 * len(text), (runs[0].work, len(text))


@settings(max_examples=40)
@given(st.one_of(st.sampled_from(SEED_TEXTS).flatmap(mutated), damaged_rubrics()))
def test_recovery_gives_the_same_diagnostics_from_a_checkpoint_as_from_the_top(text):
    """Where parsing resumes after a repair changes nothing: with a checkpoint at every statement
    and with none, a damaged rubric gets the same diagnostics, lost names and statements (which
    also checks that a restored parser state is the state that was saved)."""
    outcomes = []
    saved = parse_pass._CHECKPOINT_EVERY, parse_pass._PARSES
    try:
        for every in (1, 10**9):
            parse_pass._CHECKPOINT_EVERY, parse_pass._PARSES = every, 10**6
            tree, found = parse_pass.parse(Source("t.rubric", text))
            outcomes.append(([(d.code, d.span and (d.span.start, d.span.end), dict(d.args))
                              for d in found],
                             None if tree is None else (tree.lost_names, _shape(tree))))
    finally:
        parse_pass._CHECKPOINT_EVERY, parse_pass._PARSES = saved
    assert outcomes[0] == outcomes[1]


def _shape(tree) -> list:
    """The kinds and spans of every node of a syntax tree, in order, found without recursion."""
    out, stack = [], [tree]
    while stack:
        node = stack.pop()
        out.append((type(node).__name__, getattr(node, "span", None) and node.span.start))
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            children = value if isinstance(value, tuple) else (value,)
            stack.extend(c for c in reversed(children) if attrs.has(type(c))
                         and not isinstance(c, (Span, Source)))
    return out


# --- Never a traceback, never a hang --------------------------------------------------------------

@settings(max_examples=250)
@given(damaged_rubrics())
def test_damaged_and_deep_rubrics_always_give_diagnostics(text):
    """Any rubric of the checkout or any deep rubric, damaged by characters, tokens or lines:
    `diagnose` returns — a compiled rubric exactly when there is no error, otherwise at least
    one error — every diagnostic renders in both languages, and no input takes more than HANG
    seconds (a guard against unbounded work, not a measure of speed)."""
    started = time.perf_counter()
    compiled, found = diagnose(Source("t.rubric", text))
    elapsed = time.perf_counter() - started
    assert (compiled is None) == any(d.is_error for d in found)
    for diagnostic in found:
        for lang in ("en", "zh"):
            str(diagnostic), diagnostic.message(lang), diagnostic.hint(lang)
            diagnostic.to_json(lang)
    assert elapsed < HANG, (elapsed, len(text))


def test_every_rubric_of_the_checkout_still_compiles_or_fails_as_it_did():
    """The limits reject nothing real: the shipped rubrics and docs examples compile."""
    for path in [*sorted((ROOT / "rubrics").glob("*.rubric")),
                 *sorted((ROOT / "docs" / "examples").glob("*.rubric"))]:
        perfdsl.compile_file(path)


def test_the_graph_orders_values_without_recursion():
    """The topological sort takes a chain longer than the recursion limit, keeps each name after
    what it reads, and calls a cycle a bug."""
    chain = {f"v{i}": (f"v{i - 1}",) if i else () for i in range(5000)}
    order = _topological_order(dict(reversed(chain.items())))
    assert order == [f"v{i}" for i in range(5000)]
    with pytest.raises(InternalError):
        _topological_order({"a": ("b",), "b": ("a",)})
