"""Invariants over random figures and random rubrics (hypothesis; the `ci` profile is derandomised)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfdsl
from perfdsl.diagnostics import CompileError
from perfdsl.explain import explanations

from conftest import SEED_RUBRIC
from strategies import figures_for, mutated, rubrics, wrong_values

SEED = perfdsl.compile_file(SEED_RUBRIC)
SEED_TEXT = SEED_RUBRIC.read_text("utf-8")


def check_invariants(rubric, result) -> None:
    for ind in result.indicators:
        assert Decimal(0) <= ind.score <= ind.weight, (ind.name, ind.score)
        assert ind.score == ind.score.quantize(Decimal("0.01"))
    by_path = {g.path: g for g in result.groups}
    for group in result.groups:
        children = [i.score for i in result.indicators if i.path[:len(group.path)] == group.path]
        assert group.score == sum(children, Decimal(0))
        direct = [g.score for g in result.groups if g.path[:-1] == group.path] + \
                 [i.score for i in result.indicators if i.path[:-1] == group.path]
        assert group.score == sum(direct, Decimal(0))
    top = [g.score for p, g in by_path.items() if len(p) == 1] + \
          [i.score for i in result.indicators if len(i.path) == 1]
    assert result.total == sum(top, Decimal(0))
    assert Decimal(0) <= result.total <= rubric.model.total
    expected = next(g.name for g in rubric.model.grades
                    if g.minimum is None or result.total > g.minimum
                    or (g.inclusive and result.total == g.minimum))
    assert result.grade == expected


@given(figures_for(SEED.model))
def test_seed_scores_stay_within_bounds_and_add_up(figures):
    """For any figures within the declared ranges: every score in [0, weight], subtotals are
    the sums of their children, the total is at most the rubric's total, the grade fits."""
    check_invariants(SEED, SEED.evaluate(figures))


@given(figures_for(SEED.model))
def test_evaluation_is_deterministic(figures):
    """The same figures give the same result, twice, down to the JSON."""
    first, second = SEED.evaluate(figures), SEED.evaluate(dict(figures))
    assert first.to_json() == second.to_json()
    assert explanations(first) == explanations(second)


@settings(max_examples=60)
@given(st.data())
def test_generated_rubrics_keep_their_invariants(data):
    """Random valid rubrics compile, and for random figures every invariant holds."""
    text = data.draw(rubrics(), label="rubric")
    rubric = perfdsl.compile(text, "generated.rubric")
    figures = data.draw(figures_for(rubric.model), label="figures")
    result = rubric.evaluate(figures)
    check_invariants(rubric, result)
    json.dumps(result.to_json())


@settings(max_examples=150)
@given(mutated(SEED_TEXT))
def test_mutated_seed_never_crashes_the_compiler(text):
    """A damaged rubric either compiles or raises CompileError whose diagnostics all have a code
    and a position — never any other exception."""
    try:
        perfdsl.compile(text, "mutated.rubric")
    except CompileError as error:
        assert error.errors
        for diagnostic in error.diagnostics:
            assert diagnostic.code
            assert diagnostic.span is not None or diagnostic.code in ("E005", "E007")
            diagnostic.message("en"), diagnostic.message("zh"), str(diagnostic)


@settings(max_examples=150)
@given(st.text(max_size=200))
def test_random_unicode_never_crashes_the_compiler(text):
    """Any text at all: a compiled rubric or CompileError, never a traceback."""
    try:
        perfdsl.compile(text, "random.rubric")
    except CompileError as error:
        for diagnostic in error.diagnostics:
            str(diagnostic)


@settings(max_examples=100)
@given(st.dictionaries(st.sampled_from([d.name for d in SEED.model.inputs] + ["未知项"]),
                       wrong_values(), max_size=12))
def test_wrong_figures_are_problems_not_crashes(figures):
    """Figures of the wrong type, missing or unknown are reported as problems; whatever can still
    be scored is, and every score stays within its weight."""
    result = SEED.evaluate(figures)
    check_invariants(SEED, result)
    assert result.problems  # something is always missing or wrong here
    for problem in result.problems:
        problem.message("zh"), problem.message("en")
    explanations(result)


@settings(max_examples=50)
@given(st.text(max_size=120))
def test_random_data_files_never_crash(text):
    """Any data file text: figures, or a DataError with its diagnostics."""
    from perfdsl import data

    try:
        loaded = data.loads(text, "random.yaml")
    except perfdsl.DataError as error:
        assert error.diagnostics
        return
    check_invariants(SEED, SEED.evaluate(loaded))
