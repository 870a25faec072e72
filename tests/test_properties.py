"""Invariants over random figures and random rubrics (hypothesis; the `ci` profile is
derandomised): scores within bounds, subtotals that add up, grades that fit, determinism, and no
crash on damaged rubrics, random text, wrong figures or random data files."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfdsl
from perfdsl.data import figures as data_pass
from perfdsl.compiler import diagnose
from perfdsl.diagnostics import CompileError
from perfdsl.outputs.sentences import explanations
from perfdsl.language.source import Source

from conftest import SEED_RUBRIC
from strategies import (as_text, figures_for, keyword_spellings, mutated, rubric_templates,
                        rubrics, spell, unicode_text, wrong_values)

SEED = perfdsl.compile_file(SEED_RUBRIC)
SEED_TEXT = SEED_RUBRIC.read_text("utf-8")
CENT = Decimal("0.01")


def check_invariants(rubric: perfdsl.CompiledRubric, result: perfdsl.Result) -> None:
    """Every invariant a result must keep, whatever the figures."""
    for ind in result.indicators:
        assert Decimal(0) <= ind.score <= ind.weight, (ind.name, ind.score, ind.weight)
        assert ind.score == ind.score.quantize(CENT), (ind.name, ind.score)
    program = rubric.program
    for group, planned in zip(result.groups, program.groups):
        direct = [g.score for g in result.groups if g.path[:-1] == group.path] + \
                 [i.score for i in result.indicators if i.path[:-1] == group.path]
        assert group.score == _scaled(sum(direct, Decimal(0)), planned.scale), group.path
        if planned.scale is None and not any(g.scale for g in program.groups
                                             if g.path[:len(group.path)] == group.path):
            leaves = [i.score for i in result.indicators
                      if i.path[:len(group.path)] == group.path]
            assert group.score == sum(leaves, Decimal(0)), group.path
        assert group.score <= group.weight, group.path
    top = [g.score for g in result.groups if len(g.path) == 1] + \
          [i.score for i in result.indicators if len(i.path) == 1]
    assert result.total == _scaled(sum(top, Decimal(0)), program.total_scale)
    assert Decimal(0) <= result.total <= rubric.model.total
    expected = next(g.name for g in rubric.model.grades
                    if g.minimum is None or result.total > g.minimum
                    or (g.inclusive and result.total == g.minimum))
    assert result.grade == expected, (result.total, result.grade)
    for problem in result.problems:
        assert problem.code.startswith("D")
        problem.message("zh"), problem.message("en"), str(problem)


def _scaled(total: Decimal, scale) -> Decimal:
    """A sum rescaled where what does not apply is shared out: × scale, rounded once."""
    if scale is None:
        return total
    return (total * scale[0] / scale[1]).quantize(CENT, ROUND_HALF_UP)


def check_compiles_or_fails_cleanly(text: str) -> perfdsl.CompiledRubric | None:
    """Compile `text`: a rubric, or CompileError whose every diagnostic has a code and (except
    E005, too many errors, and E007, unreadable file) a span inside the text — and renders."""
    try:
        return perfdsl.compile(text, "t.rubric")
    except CompileError as error:
        assert error.errors, "a CompileError must carry at least one error"
        for diagnostic in error.diagnostics:
            assert diagnostic.code
            if diagnostic.code not in ("E005", "E007"):
                assert diagnostic.span is not None, diagnostic.code
                assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)
            for lang in ("en", "zh"):
                assert diagnostic.message(lang)
                diagnostic.hint(lang)
            str(diagnostic)
            json.dumps(diagnostic.to_json())
        return None


# --- The seed rubric with random figures -------------------------------------------------------

@settings(max_examples=150)
@given(figures_for(SEED.model))
def test_seed_scores_stay_within_bounds_and_add_up(figures):
    """For any figures within the declared ranges: every indicator score in [0, weight] with two
    decimals, every group's score the sum of its children, the total the sum of the top-level
    groups and at most the rubric's total, and the grade the one its bands give."""
    check_invariants(SEED, SEED.evaluate(figures))


@settings(max_examples=60)
@given(figures_for(SEED.model))
def test_evaluation_is_deterministic(figures):
    """The same figures give the same result twice, down to the JSON and the explanations."""
    first, second = SEED.evaluate(figures), SEED.evaluate(dict(figures))
    assert first.to_json() == second.to_json()
    assert json.dumps(first.to_json(), sort_keys=True) == json.dumps(second.to_json(), sort_keys=True)
    for lang in ("zh", "en"):
        assert explanations(first, lang) == explanations(second, lang)


@settings(max_examples=60)
@given(st.data())
def test_figures_written_as_text_score_as_typed_figures(data):
    """Figures written as a data file holds them (40.11万元, 401100元, 61.68%, 是) score exactly as
    the typed figures do — through the API and through a YAML data file."""
    figures = data.draw(figures_for(SEED.model), label="figures")
    texts = {name: data.draw(as_text(SEED.model.input(name), value), label=name)
             for name, value in figures.items()}
    expected = SEED.evaluate(figures).to_json()
    assert SEED.evaluate(texts).to_json() == expected
    yaml_text = "".join(f'"{name}": "{text}"\n' for name, text in texts.items())
    assert SEED.evaluate(data_pass.loads(yaml_text, "d.yaml")).to_json() == expected


# --- Random rubrics ------------------------------------------------------------------------------

@settings(max_examples=80)
@given(st.data())
def test_generated_rubrics_keep_their_invariants(data):
    """Random valid rubrics (nested groups, random rules and spellings) compile, and for random
    figures within range every invariant holds and the result is plain JSON."""
    text = data.draw(rubrics(), label="rubric")
    rubric = perfdsl.compile(text, "generated.rubric")
    figures = data.draw(figures_for(rubric.model), label="figures")
    result = rubric.evaluate(figures)
    check_invariants(rubric, result)
    json.dumps(result.to_json())
    explanations(result, "zh"), explanations(result, "en")


@settings(max_examples=40)
@given(st.data())
def test_generated_rubrics_are_deterministic(data):
    """Compiling a rubric twice gives the same graph, which is plain JSON; scoring twice gives
    the same JSON."""
    text = data.draw(rubrics(), label="rubric")
    first, second = perfdsl.compile(text), perfdsl.compile(text)
    assert first.to_json() == second.to_json()
    assert json.loads(json.dumps(first.to_json(), ensure_ascii=False)) == first.to_json()
    figures = data.draw(figures_for(first.model), label="figures")
    assert first.evaluate(figures).to_json() == second.evaluate(figures).to_json()


@settings(max_examples=40)
@given(rubric_templates(), keyword_spellings(), keyword_spellings(), st.booleans())
def test_keyword_spelling_and_punctuation_width_do_not_matter(template, one, other, full_width):
    """The same rubric spelt with two random choices of English, Chinese and synonym keywords,
    one of them with full-width punctuation, compiles to the same graph — but for a checklist
    item's label, which is the item's text as the author typed it."""
    first = perfdsl.compile(spell(template, one))
    second = perfdsl.compile(spell(template, other, full_width))
    assert _without_labels(first.to_json()) == _without_labels(second.to_json())


def _without_labels(value):
    if isinstance(value, dict):
        return {k: _without_labels(v) for k, v in value.items()
                if not (k == "label" and "condition" in value)}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


@settings(max_examples=40)
@given(st.data())
def test_a_bad_figure_only_affects_the_indicators_that_read_it(data):
    """Replacing one figure with a wrong value reports a problem, and leaves the score of every
    indicator that does not depend on that input exactly as it was."""
    text = data.draw(rubrics(), label="rubric")
    rubric = perfdsl.compile(text)
    figures = data.draw(figures_for(rubric.model, omit_defaults=False), label="figures")
    name = data.draw(st.sampled_from(sorted(figures)), label="broken")
    broken = {**figures, name: data.draw(st.sampled_from([None, "不是数字", [1]]), label="value")}
    good, bad = rubric.evaluate(figures), rubric.evaluate(broken)
    check_invariants(rubric, bad)
    assert any(p.args.get("name") == name for p in bad.problems)
    for node, before, after in zip(rubric.graph.indicators, good.indicators, bad.indicators):
        if name not in node.inputs:
            assert after.score == before.score, node.indicator.name
            assert (after.problem is None) == (before.problem is None), node.indicator.name


# --- Never a crash -------------------------------------------------------------------------------

@settings(max_examples=200)
@given(mutated(SEED_TEXT))
def test_mutated_seed_never_crashes_the_compiler(text):
    """A damaged rubric either compiles — and then scores with its invariants — or raises
    CompileError whose diagnostics all have a code and a position; never any other exception."""
    rubric = check_compiles_or_fails_cleanly(text)
    if rubric is not None:
        check_invariants(rubric, rubric.evaluate({}))


@settings(max_examples=60)
@given(st.data())
def test_mutated_generated_rubrics_never_crash_the_compiler(data):
    """The same holds for damaged random rubrics, which use every rule kind and spelling."""
    text = data.draw(rubrics(), label="rubric")
    rubric = check_compiles_or_fails_cleanly(data.draw(mutated(text), label="mutated"))
    if rubric is not None:
        check_invariants(rubric, rubric.evaluate({}))


@settings(max_examples=200)
@given(unicode_text())
def test_random_unicode_never_crashes_the_compiler(text):
    """Any text at all: a compiled rubric or CompileError with positioned diagnostics."""
    check_compiles_or_fails_cleanly(text)


@settings(max_examples=60)
@given(unicode_text())
def test_the_diagnose_front_door_never_raises(text):
    """`diagnose` (what `perfdsl compile` runs) returns diagnostics for any text, sorted by
    position, and a rubric exactly when none of them is an error."""
    compiled, found = diagnose(Source("t.rubric", text))
    assert (compiled is None) == any(d.is_error for d in found)
    starts = [d.span.start for d in found if d.span is not None]
    assert starts == sorted(starts)


@settings(max_examples=100)
@given(st.dictionaries(st.sampled_from([d.name for d in SEED.model.inputs] + ["未知项"]),
                       wrong_values(), max_size=12))
def test_wrong_figures_are_problems_not_crashes(figures):
    """Figures of the wrong type, missing or unknown are reported as problems; whatever can still
    be scored is, and every score stays within its weight."""
    result = SEED.evaluate(figures)
    check_invariants(SEED, result)
    assert result.problems  # something is always missing or wrong here
    explanations(result)
    json.dumps(result.to_json())


@settings(max_examples=40)
@given(st.data())
def test_wrong_figures_for_generated_rubrics_are_problems_not_crashes(data):
    """Random wrong values for the inputs of random rubrics never raise."""
    rubric = perfdsl.compile(data.draw(rubrics(), label="rubric"))
    names = [d.name for d in rubric.model.inputs]
    figures = data.draw(st.dictionaries(st.sampled_from(names), wrong_values(), max_size=6),
                        label="figures")
    result = rubric.evaluate(figures)
    check_invariants(rubric, result)
    explanations(result)


@settings(max_examples=60)
@given(st.one_of(st.text(max_size=120), st.lists(
    st.tuples(st.sampled_from([d.name for d in SEED.model.inputs] + ["x", "基本信息"]),
              st.text(max_size=10)), max_size=8).map(
    lambda rows: "".join(f"{k}: {v}\n" for k, v in rows))))
def test_random_data_files_never_crash(text):
    """Any data file text: figures that score with every invariant, or a DataError with its
    diagnostics — never another exception."""
    try:
        loaded = data_pass.loads(text, "random.yaml")
    except perfdsl.DataError as error:
        assert error.diagnostics and all(d.code in ("D007", "D009") for d in error.diagnostics)
        str(error)
        return
    check_invariants(SEED, SEED.evaluate(loaded))
