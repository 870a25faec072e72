"""Every scoring rule kind is whole: a lowering, an outcome record its steps fill, a declared
meaning for its clamp (its bound), words for every case its lowering can produce, a sentence
writer, and a trace word for every step. A kind missing any of these fails here, not at report
time."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import perfdsl
from perfdsl.checks import model as m
from perfdsl.core import bounds, ir, kinds
from perfdsl.core.lower import LOWERINGS
from perfdsl.outputs import sentences
from perfdsl.outputs.phrases import PHRASES, STEPS

EVERY_RULE = Path(__file__).parent / "docs_fixtures" / "every-rule.rubric"
MODEL_RULES = m.Rule.__args__  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def every_rule():
    return perfdsl.compile_file(EVERY_RULE)


def test_every_model_rule_has_a_kind_and_a_lowering():
    """Each rule class of the checked model is a declared kind with one lowering."""
    assert set(MODEL_RULES) == set(kinds.KIND_OF) == set(LOWERINGS)
    assert len(kinds.BY_NAME) == len(kinds.KINDS)


def test_the_fixture_uses_every_kind(every_rule):
    """The rubric the other tests lower has an indicator of every kind."""
    assert {i.kind for i in every_rule.program.indicators} == set(kinds.BY_NAME)


def _cases(indicator: ir.Indicator) -> set[str]:
    """The cases an indicator's `case` step can take: every text constant it can yield."""
    (case,) = [expr for name, expr in indicator.locals if name == "case"]
    return {node.value for node in ir.walk(case)
            if isinstance(node, ir.Const) and isinstance(node.value, str)}


def test_outcomes_are_filled_by_the_steps(every_rule):
    """Every field of a kind's outcome record without a default is a named step of its
    lowering, and the case step yields only the kind's declared cases."""
    for indicator in every_rule.program.indicators:
        kind = kinds.BY_NAME[indicator.kind]
        steps = {name for name, _ in indicator.locals}
        required = {f.name for f in attrs.fields(kind.outcome) if f.default is attrs.NOTHING}
        assert required <= steps, (kind.name, required - steps)
        assert _cases(indicator) <= set(kind.cases), kind.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_case_of_every_kind_has_words(lang):
    """The sentence words of each kind cover each case it declares, in both languages."""
    for kind in kinds.KINDS:
        words = PHRASES[lang][kind.name]
        for case in kind.cases:
            assert case in words, (lang, kind.name, case)


def test_every_kind_has_a_sentence_writer():
    """The catalogue can write every kind's outcome."""
    from perfdsl.outputs.phrases import WRITERS

    assert set(WRITERS) == set(kinds.BY_NAME)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_reads_as_a_rule(every_rule, lang):
    """Each kind has a name and a sentence for the rule itself, before any figures (what an
    editor's hover shows), and every indicator of the fixture is written with its operands."""
    from perfdsl.outputs.phrases import RULE_WRITERS, RULES, rule_words

    assert set(RULES[lang]) == set(RULE_WRITERS) == set(kinds.BY_NAME)
    for indicator in every_rule.model.indicators:
        name, sentence = rule_words(indicator.rule, lang)
        assert name == RULES[lang][kinds.KIND_OF[type(indicator.rule)]]["name"]
        assert sentence and "{" not in sentence, (indicator.name, sentence)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_step_has_a_trace_word(every_rule, lang):
    """A trace can name every step a lowering makes (rows of a table by their own text)."""
    for indicator in every_rule.program.indicators:
        for name, _expr in indicator.locals:
            stem, _, number = name.rpartition("_")
            assert name in ("case", "row") or name in STEPS[lang] or (
                number.isdigit() and stem in STEPS[lang]), (indicator.kind, name)


def test_every_kind_has_a_bound(every_rule):
    """The interval analysis bounds every kind's raw score from its lowering alone, and each
    kind declares what its clamp means."""
    for indicator, interval in zip(every_rule.program.indicators,
                                   bounds.raw_intervals(every_rule.program)):
        assert not interval.empty, indicator.kind
        kind = kinds.BY_NAME[indicator.kind]
        assert kind.clamp is None or set(kind.clamp) <= {kinds.WARN, kinds.FLOOR, kinds.CAP}


def test_every_kind_explains_and_traces(every_rule):
    """Each indicator of the fixture, scored, has an outcome, a sentence and a trace."""
    from perfdsl.outputs.trace import trace

    result = every_rule.evaluate(perfdsl.load_data(EVERY_RULE.with_suffix(".yaml")))
    for ind in result.indicators:
        assert ind.problem is not None or isinstance(ind.outcome, kinds.BY_NAME[ind.rule].outcome)
    for lang in ("zh", "en"):
        assert all(sentences.explanations(result, lang))
        assert all(t.steps for t in trace(result, lang=lang))
