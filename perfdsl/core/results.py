"""Results of scoring one unit: every indicator, every group, the total and the grade.

A `Result` is the same object whichever backend scored the unit (the interpreter, the generated
Python, SQL): scores, subtotals, total, grade and problems, each value by name, and each
indicator's outcome record — which band, row, deduction or item applied, with its operands.
Nothing outside this module reads its private fields; explanations, traces, reports, audits and
`perfdsl verify` use the public API below (docs/api.md).

It keeps what the backend computed in flat lists and builds the per-indicator objects only when
asked, so scoring thousands of units stays cheap. Outcomes are computed on demand by the
reference interpreter from the unit's values: every backend agrees with it on every score
(tests/test_backends.py), so an outcome always explains the score beside it.
`to_json` is the documented result schema (docs/results.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from perfdsl.checks import model as m
from perfdsl.core import exact, kinds
from perfdsl.core.kinds import Deduction
from perfdsl.core.values import DataProblem, Unavailable
from perfdsl.diagnostics import Diagnostic
from perfdsl.formatting import plain

if TYPE_CHECKING:
    from perfdsl.compiler import CompiledRubric
    from perfdsl.core.ir import Program

RESULT_SCHEMA_VERSION = 2
_NIL = Decimal("0.00")

_RULE_WORDS = {  # how W603 names the rule whose result was clamped
    "formula": ("formula", "公式"), "proportional": ("proportional rule", "按比例评分"),
    "target": ("target rule", "对标评分"), "stepwise": ("stepwise deduction", "逐档扣分"),
    "findings": ("findings rule", "按处扣分"), "deductions": ("deductions rule", "扣分项"),
}

__all__ = ["Deduction", "GroupResult", "IndicatorResult", "Result", "Target"]


@attrs.frozen(kw_only=True)
class Target:
    """An indicator's declared 年度指标值 and 指标性质 (`op`: >=, <=, = or qualitative): its
    value for this unit (a Decimal; None for words or when a figure it needs is unavailable),
    or its words for a qualitative target."""

    op: str
    value: Any
    text: str | None


@attrs.frozen(kw_only=True)
class IndicatorResult:
    path: tuple[str, ...]
    weight: Decimal
    reference: Decimal | None
    value: Any  # the indicator's value (Decimal, bool, level name) or None
    score: Decimal
    rule: str  # the rule's kind: bands, stepwise, …
    outcome: Any  # the kind's outcome record (perfdsl.core.kinds), None when not scored
    raw: Any  # the exact result of the rule before the clamp and the rounding, or None
    deductions: tuple[Deduction, ...]
    problem: Diagnostic | None
    indicator: m.Indicator = attrs.field(repr=False, eq=False)
    notice: Diagnostic | None = None  # W603: the rule's result was clamped, against its meaning
    index: int = 0
    # Targets and actuals (项目支出 forms): the declared 年度指标值, the 实际完成值 (the
    # indicator's value), their difference (actual − target, numbers only) and the unit's
    # 偏差原因分析及改进措施 text.
    target: Target | None = None
    actual: Any = None
    deviation: Any = None
    reason: str | None = None

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def fired(self) -> dict[str, Any]:
        """The outcome as plain facts (numbers as Decimals), for JSON and quick looks."""
        if self.outcome is None:
            return {}
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self.outcome)):
            value = getattr(self.outcome, field.name)
            if field.name == "case" or value is None and field.name == "difference":
                continue
            out[field.name] = _shown(value)
        if self.raw is not None and "raw" not in out:
            out["raw"] = _shown(self.raw)
        return out


class GroupResult(tuple):
    """A group's subtotal: `GroupResult((path, weight, reference, score, depth))`, a tuple
    whose fields have names. Not a NamedTuple, whose constructor is Python: this one is C's
    tuple constructor alone, and one is built for every group of every unit."""

    __slots__ = ()

    path = property(itemgetter(0), doc="the group's path of names")
    weight = property(itemgetter(1), doc="its 设定分值")
    reference = property(itemgetter(2), doc="its 参考分值")
    score = property(itemgetter(3), doc="its subtotal")
    depth = property(itemgetter(4), doc="0 for a top-level group")

    @property
    def name(self) -> str:
        return self[0][-1]

    def __repr__(self) -> str:
        path, weight, reference, score, depth = self
        return (f"GroupResult(path={path!r}, weight={weight!r}, reference={reference!r}, "
                f"score={score!r}, depth={depth!r})")


def group_builder(program: Program) -> Callable[[Sequence[Decimal]], tuple[GroupResult, ...]]:
    """Each group's result from the subtotals (in the program's group order), built in C (map,
    zip, the tuple constructor); the generated backend replaces it with a generated builder."""
    groups = program.groups
    paths, weights = tuple(g.path for g in groups), tuple(g.weight for g in groups)
    references, depths = tuple(g.reference for g in groups), tuple(g.depth for g in groups)

    def build(subtotals: Sequence[Decimal]) -> tuple[GroupResult, ...]:
        return tuple(map(GroupResult, zip(paths, weights, references, subtotals, depths)))

    return build


class Result:
    """The scored unit. `total`, `grade`, `indicators`, `groups`, `problems`, `to_json()`."""

    # A Result is made for every unit scored, so its making is kept cheap: what is computed
    # only when asked for starts as these class-level Nones, not as stores in __init__.
    _problems: dict[int, Diagnostic] | None = None
    _groups: tuple[GroupResult, ...] | None = None
    _meta: dict[str, Any] | None = None
    _indicators: tuple[IndicatorResult, ...] | None = None
    _built: dict[int, IndicatorResult] | None = None
    _exact_slots: list[Any] | None = None
    _reasons: dict[str, str] | None = None
    given: frozenset[str] | None = None  # inputs the data file gives itself (no default)

    def __init__(self, compiled: CompiledRubric, slots: list[Any] | Callable[[], list[Any]],
                 scores: list[Decimal],
                 problems: dict[int, DataProblem] | None, total: Decimal, grade: str,
                 input_problems: tuple[Diagnostic, ...], subtotals: tuple[Decimal, ...] | None = None):
        self.compiled = compiled
        # Every slot; or the typed inputs alone, in the program's input order (the others are
        # computed when asked for); or a callable giving every slot (a backend that scores in
        # bulk).
        self._slots = slots
        self.scores: list[Decimal] = scores
        # What stopped each indicator that could not be scored, as the backend raised it; the
        # diagnostics (with their messages) are made only when asked for.
        self._stopped = problems or None
        self.total: Decimal = total
        self.grade: str = grade
        self.input_problems: tuple[Diagnostic, ...] = input_problems
        self._subtotals = subtotals

    @property
    def meta(self) -> dict[str, Any]:
        """Facts about the unit from the data file (name, date…); empty for a mapping."""
        if self._meta is None:
            self._meta = {}
        return self._meta

    @meta.setter
    def meta(self, value: dict[str, Any]) -> None:
        self._meta = value

    @property
    def reasons(self) -> dict[str, str]:
        """Indicator → 偏差原因分析及改进措施, from the data file."""
        if self._reasons is None:
            self._reasons = {}
        return self._reasons

    @reasons.setter
    def reasons(self, value: dict[str, str]) -> None:
        self._reasons = value

    # --- The rubric it was scored by -------------------------------------------------------------

    @property
    def rubric(self) -> m.Rubric:
        return self.compiled.model

    @property
    def program(self):
        return self.compiled.program

    # --- Scores --------------------------------------------------------------------------------

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        if self._indicators is None:
            self._indicators = tuple(self.indicator_at(i) for i in range(len(self.scores)))
        return self._indicators

    def indicator_at(self, index: int) -> IndicatorResult:
        """The result of the indicator at `index` in the rubric's order (built once)."""
        if self._built is None:
            self._built = {}
        cache = self._built
        if index not in cache:
            cache[index] = self._indicator(index)
        return cache[index]

    def problem_of(self, index: int) -> Diagnostic | None:
        """What kept the indicator at `index` from being scored, or None (cheap: no outcome)."""
        return self.stopped().get(index)

    def stopped(self) -> dict[int, Diagnostic]:
        """The diagnostic of every indicator that could not be scored, by index."""
        if self._problems is None:
            from perfdsl.core.values import indicator_problem

            model = self.compiled.model.indicators
            self._problems = {index: indicator_problem(model[index], model[index].fallback,
                                                       problem)
                              for index, problem in sorted((self._stopped or {}).items())}
        return self._problems

    def _indicator(self, index: int) -> IndicatorResult:
        program = self.program.indicators[index]
        ind = self.rubric.indicators[index]
        value = None
        if program.value_slot is not None:
            value = _public(self._value_at(program.value_slot))
        problem = self.stopped().get(index)
        outcome = raw = None
        deductions: tuple[Deduction, ...] = ()
        notice = None
        if problem is None:
            steps, raw = self._steps(index)
            outcome = kinds.outcome(program.kind, steps)
            deductions = kinds.deductions(program.kind, ind.rule, outcome)
            if kinds.relies_on_clamp(program.kind, ind.rule, raw, ind.weight):
                en, zh = _RULE_WORDS[program.kind]
                notice = Diagnostic("W603", ind.rule.span, {
                    "indicator": ind.name, "raw": plain(exact.approx(raw)),
                    "weight": plain(ind.weight), "rule": en, "rule_zh": zh})
        target, deviation = self._target(index, value)
        return IndicatorResult(
            path=ind.path, weight=ind.weight, reference=ind.reference, value=value,
            score=self.scores[index], rule=program.kind, outcome=outcome, raw=raw,
            deductions=deductions, problem=problem, indicator=ind, notice=notice, index=index,
            target=target, actual=value if target is not None else None, deviation=deviation,
            reason=self.reasons.get(ind.name))

    def _target(self, index: int, actual: Any) -> tuple[Target | None, Any]:
        """The declared target of the indicator at `index` for this unit, and actual − target."""
        goal = next((g for g in self.program.goals if g.index == index), None)
        if goal is None:
            return None, None
        value = None
        if goal.expr is not None:
            from perfdsl.backends.interpret import Evaluator

            try:
                value = _public(Evaluator(self.exact_slots)(goal.expr))
            except DataProblem:
                value = None
        deviation = None
        if isinstance(value, Decimal) and isinstance(actual, Decimal):
            deviation = actual - value
        return Target(op=goal.op, value=value, text=goal.text), deviation

    def _steps(self, index: int) -> tuple[dict[str, Any], Any]:
        from perfdsl.backends import interpret

        try:
            return interpret.raw(self.program, index, self.exact_slots)
        except DataProblem as problem:  # the backend scored it, so the interpreter must too
            from perfdsl.diagnostics import InternalError

            raise InternalError(f"the outcome of indicator {index} raised {problem.code} "
                                "where the backend scored it") from None

    @property
    def groups(self) -> tuple[GroupResult, ...]:
        # Not functools.cached_property: on Python 3.11 it takes a lock on every first read,
        # which costs more than building the subtotals.
        groups = self._groups
        if groups is not None:
            return groups
        subtotals = self._subtotals
        if subtotals is None:
            score_of = self.scores.__getitem__
            subtotals = tuple(sum(map(score_of, g.indicators), _NIL) for g in self.program.groups)
        self._groups = groups = self.compiled.group_results(subtotals)
        return groups

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """Every data problem: figures first, then indicators that could not be scored."""
        stopped = self.stopped()
        return self.input_problems + tuple(stopped[i] for i in sorted(stopped))

    @property
    def notices(self) -> tuple[Diagnostic, ...]:
        """W603 for every rule whose result fell outside [0, weight] on a side its meaning does
        not floor or cap (a formula either way, a proportional or target score below 0…): the
        rubric relied on the clamp there (`perfdsl verify` finds such figures in advance)."""
        return tuple(r.notice for r in self.indicators if r.notice is not None)

    def indicator(self, name: str) -> IndicatorResult:
        """The result of the indicator called `name` (its last path element)."""
        for result in self.indicators:
            if result.name == name:
                return result
        raise KeyError(name)

    def subtotal(self, name: str) -> Decimal:
        """The score of the group called `name`."""
        for group in self.groups:
            if group.name == name:
                return group.score
        raise KeyError(name)

    # --- Values --------------------------------------------------------------------------------

    @property
    def exact_slots(self) -> list[Any]:
        """Every slot with exact numbers (Decimal, or Fraction where a quotient does not end)."""
        if self._exact_slots is None:
            from perfdsl.backends.interpret import normal_value

            slots = self._slots
            if callable(slots):  # a backend that scores in bulk (SQL) gives them on demand
                slots = slots()
            elif len(slots) < self.program.slot_count:  # the typed inputs alone (generated code)
                from perfdsl.backends.interpret import values

                slots = values(self.program, slots)
            self._exact_slots = [v if isinstance(v, Unavailable) else normal_value(v)
                                 for v in slots]
        return self._exact_slots

    def _value_at(self, slot: int) -> Any:
        value = self.exact_slots[slot]
        return None if isinstance(value, Unavailable) else value

    def value(self, name: str) -> Any:
        """A value (input, derived value or indicator value) by name: a Decimal (28 significant
        digits where the exact value does not end), bool or text; None if unavailable."""
        return _public(self.exact(name))

    def exact(self, name: str) -> Any:
        """A value by name, exactly: a Decimal, or a Fraction where the decimal does not end."""
        return self._value_at(self.compiled.slot_index[name])

    @property
    def figures(self) -> dict[str, Any]:
        """The unit's checked figures by input name (None for one that could not be used)."""
        return {i.name: self._value_at(i.slot) for i in self.program.inputs}

    # --- JSON ----------------------------------------------------------------------------------

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The result schema of docs/results.md; messages of problems in `lang`."""
        rubric = self.rubric
        return {
            "schema": "perfdsl.result",
            "version": RESULT_SCHEMA_VERSION,
            "title": rubric.title,
            "year": rubric.year,
            "total": _num(self.total),
            "max_total": _num(rubric.total),
            "grade": self.grade,
            "groups": [{"path": list(g.path), "weight": _num(g.weight),
                        "reference": _num(g.reference), "score": _num(g.score)}
                       for g in self.groups],
            "indicators": [_indicator_json(r, lang) for r in self.indicators],
            "problems": [d.to_json(lang) for d in self.problems],
            "notices": [d.to_json(lang) for d in self.notices],
        }


def _public(value: Any) -> Any:
    if isinstance(value, Fraction):
        return exact.approx(value)
    return value if isinstance(value, (Decimal, bool, str)) else None


def _shown(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_shown(v) for v in value]
    if isinstance(value, Fraction):
        return exact.approx(value)
    return value


def _indicator_json(r: IndicatorResult, lang: str) -> dict[str, Any]:
    out = _indicator_core_json(r, lang)
    if r.target is not None:
        out["target"] = {"op": r.target.op, "value": json_value(r.target.value),
                         "text": r.target.text}
        out["actual"] = json_value(r.actual)
        out["deviation"] = json_value(r.deviation)
    if r.reason is not None:
        out["reason"] = r.reason
    return out


def _indicator_core_json(r: IndicatorResult, lang: str) -> dict[str, Any]:
    return {
        "path": list(r.path),
        "weight": _num(r.weight),
        "reference": _num(r.reference),
        "value": json_value(r.value),
        "score": _num(r.score),
        "rule": r.rule,
        "fired": {k: json_value(v) for k, v in r.fired.items()},
        "deductions": [{"points": _num(exact.approx(d.points)), "reason": d.reason}
                       for d in r.deductions],
        "problem": r.problem.to_json(lang) if r.problem else None,
    }


def json_value(value: Any) -> Any:
    if isinstance(value, Fraction):
        value = exact.approx(value)
    if isinstance(value, Decimal):
        return _num(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def _num(value: Decimal | None) -> float | int | None:
    """A decimal as a JSON number: an int when whole, else the nearest float.

    Weights, scores and totals have at most two decimals, so the float prints back as the same
    digits; values (rates) keep about 15 significant digits (docs/results.md).
    """
    if value is None:
        return None
    # A whole number of more than 15 digits goes as a float too: JSON readers hold numbers in
    # binary floats anyway, and Python refuses to print an int of more than 4,300 digits.
    if value.adjusted() < 15 and value == value.to_integral_value():
        return int(value)
    return float(value)
