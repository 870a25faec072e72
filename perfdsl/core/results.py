"""Results of scoring one unit: every indicator, every group, the total and the grade.

A `Result` keeps what the evaluator computed in flat lists and builds the per-indicator
objects only when asked, so scoring thousands of units stays cheap. `to_json` is the documented
result schema (docs/results.md).
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.formatting import plain

RESULT_SCHEMA_VERSION = 1
_NIL = Decimal("0.00")

_RULE_WORDS = {  # how W603 names the rule whose result was clamped
    m.Formula: ("formula", "公式"), m.Proportional: ("proportional rule", "按比例评分"),
    m.Target: ("target rule", "对标评分"), m.Stepwise: ("stepwise deduction", "逐档扣分"),
    m.Findings: ("findings rule", "按处扣分"), m.Deductions: ("deductions rule", "扣分项"),
}


@attrs.frozen(kw_only=True)
class Deduction:
    points: Decimal
    reason: str


@attrs.frozen(kw_only=True)
class IndicatorResult:
    path: tuple[str, ...]
    weight: Decimal
    reference: Decimal | None
    value: Any  # the indicator's value (Decimal, bool, level name) or None
    score: Decimal
    rule: str  # the rule's kind: bands, stepwise, …
    fired: dict[str, Any]  # what the rule found: the band, the steps, the items met…
    deductions: tuple[Deduction, ...]
    problem: Diagnostic | None
    indicator: m.Indicator = attrs.field(repr=False, eq=False)
    notice: Diagnostic | None = None  # W603: the rule's result was clamped, against its meaning

    @property
    def name(self) -> str:
        return self.path[-1]


class GroupResult(NamedTuple):
    """A group's subtotal. A named tuple: cheap to build for every group of every unit."""

    path: tuple[str, ...]
    weight: Decimal
    reference: Decimal | None
    score: Decimal
    depth: int

    @property
    def name(self) -> str:
        return self.path[-1]


class Result:
    """The scored unit. `total`, `grade`, `indicators`, `groups`, `problems`, `to_json()`."""

    def __init__(self, graph, slots, scores, raws, details, problems, total, grade,
                 input_problems):
        self.graph = graph
        self._slots = slots
        self.scores: list[Decimal] = scores
        self._raws = raws
        self._details = details
        self._problems: dict[int, Diagnostic] = problems
        self.total: Decimal = total
        self.grade: str = grade
        self.input_problems: tuple[Diagnostic, ...] = input_problems
        self.meta: dict[str, Any] = {}  # facts about the unit from the data file (name, date…)

    @property
    def rubric(self) -> m.Rubric:
        return self.graph.rubric

    @functools.cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        out = []
        for node, score, raw, detail in zip(self.graph.indicators, self.scores, self._raws,
                                            self._details):
            ind = node.indicator
            value = self._slots[node.value_slot] if node.value_slot is not None else None
            if not isinstance(value, (Decimal, bool, str)):
                value = None
            fired, deductions = describe_fired(ind, raw, detail)
            out.append(IndicatorResult(
                path=ind.path, weight=ind.weight, reference=ind.reference, value=value,
                score=score, rule=rule_kind(ind.rule), fired=fired, deductions=deductions,
                problem=self._problems.get(node.index), indicator=ind,
                notice=self._notices.get(node.index)))
        return tuple(out)

    @functools.cached_property
    def groups(self) -> tuple[GroupResult, ...]:
        score_of = self.scores.__getitem__
        return tuple(GroupResult(g.path, g.weight, g.reference,
                                 sum(map(score_of, g.indicators), _NIL), g.depth)
                     for g in self.graph.groups)

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """Every data problem: figures first, then indicators that could not be scored."""
        return self.input_problems + tuple(self._problems[i] for i in sorted(self._problems))

    @property
    def notices(self) -> tuple[Diagnostic, ...]:
        """W603 for every rule whose result fell outside [0, weight] on a side its meaning does
        not floor or cap (a formula either way, a proportional or target score below 0…): the
        rubric relied on the clamp there (`perfdsl verify` finds such figures in advance)."""
        return tuple(self._notices.values())

    @functools.cached_property
    def _notices(self) -> dict[int, Diagnostic]:
        from perfdsl.checks.bounds import relies_on_clamp

        out = {}
        for node, raw in zip(self.graph.indicators, self._raws):
            ind = node.indicator
            if raw is not None and relies_on_clamp(ind.rule, raw, ind.weight):
                en, zh = _RULE_WORDS[type(ind.rule)]
                out[node.index] = Diagnostic("W603", ind.rule.span, {
                    "indicator": ind.name, "raw": plain(raw), "weight": plain(ind.weight),
                    "rule": en, "rule_zh": zh})
        return out

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

    def value(self, name: str) -> Any:
        """A computed value (input, derived value or indicator value) by name."""
        value = self._slots[self.graph.slots()[name]]
        return value if isinstance(value, (Decimal, bool, str)) else None

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


def _indicator_json(r: IndicatorResult, lang: str) -> dict[str, Any]:
    return {
        "path": list(r.path),
        "weight": _num(r.weight),
        "reference": _num(r.reference),
        "value": json_value(r.value),
        "score": _num(r.score),
        "rule": r.rule,
        "fired": {k: json_value(v) for k, v in r.fired.items()},
        "deductions": [{"points": _num(d.points), "reason": d.reason} for d in r.deductions],
        "problem": r.problem.to_json(lang) if r.problem else None,
    }


def json_value(value: Any) -> Any:
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
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def rule_kind(rule: m.Rule) -> str:
    from perfdsl.core.graph import RULE_KINDS

    return RULE_KINDS[type(rule)]


def describe_fired(ind: m.Indicator, raw: Any, detail: Any) -> tuple[dict[str, Any], tuple]:
    """What the rule found, as plain facts, and the deductions it made with their reasons."""
    rule = ind.rule
    if raw is None:
        return {}, ()
    if isinstance(rule, m.FullIf):
        return {"met": detail}, ()
    if isinstance(rule, (m.Proportional, m.Formula)):
        return {"raw": raw}, ()
    if isinstance(rule, m.Bands):
        if detail is None:
            return {"band": None}, ()
        band = rule.bands[detail]
        return {"band": detail, "low": band.low, "high": band.high,
                "low_closed": band.low_closed, "high_closed": band.high_closed,
                "points": band.points}, ()
    if isinstance(rule, m.Stepwise):
        steps, deduction = detail
        fired = {"steps": steps, "deduction": deduction}
        if deduction:
            reason = (f"{'below' if rule.direction == 'below' else 'above'} the threshold by "
                      f"{plain(steps)} step(s) of {plain(rule.step)}")
            return fired, (Deduction(points=deduction, reason=reason),)
        return fired, ()
    if isinstance(rule, m.Findings):
        count, deduction = detail
        deductions = (Deduction(points=deduction, reason=f"{plain(count)} finding(s)"),) \
            if deduction else ()
        return {"count": count, "deduction": deduction}, deductions
    if isinstance(rule, m.Deductions):
        return {"fired": list(detail)}, tuple(
            Deduction(points=rule.deductions[i].points,
                      reason=rule.deductions[i].reason or rule.deductions[i].condition.span.text)
            for i in detail)
    if isinstance(rule, (m.Levels, m.Judged)):
        return {"level": detail}, ()
    if isinstance(rule, m.Checklist):
        return {"met": [rule.items[i].label for i in detail]}, ()
    if isinstance(rule, m.Target):
        return {"met": detail, "raw": raw}, ()
    return {}, ()

