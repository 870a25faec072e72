"""The registry of scoring rule kinds, filled by `perfdsl.core.lower`, where each kind is
declared once beside its lowering: its name (`bands`, `stepwise`, …), its outcome record (the
typed facts its lowering's named steps fill), what its clamp means (`FLOOR`: it stops at 0 by
its meaning, 扣完为止; `CAP`: at the weight; `WARN`: the rubric would rely on the evaluator's
clamp there, which `perfdsl.core.bounds` reports as W602/W603; None: it cannot leave
[0, weight]) and the cases its `case` step can take.

`tests/test_kinds.py` checks that every model rule class has a kind, a lowering, an outcome its
steps fill, a bound, and words for every case.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from perfdsl.language.spacing import normal

WARN, FLOOR, CAP = "warn", "floor", "cap"

Number = Decimal | Fraction  # exact: a Fraction only where the decimal does not terminate


@attrs.frozen(kw_only=True)
class Deduction:
    """Points a rule took off, and why (public: `IndicatorResult.deductions`)."""

    points: Number
    reason: str


# --- The kinds ----------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Kind:
    name: str
    model: type
    outcome: type
    clamp: tuple[str, str] | None
    cases: tuple[str, ...]
    clamp_by_rule: Any = None  # a kind whose clamp depends on how the rule is written

    def clamp_of(self, rule: Any) -> tuple[str, str] | None:
        if self.clamp_by_rule is not None:
            return self.clamp_by_rule(rule)
        return self.clamp


KINDS: list[Kind] = []  # in the order `perfdsl.core.lower` declares them
BY_NAME: dict[str, Kind] = {}
KIND_OF: dict[type, str] = {}


def declare(kind: Kind) -> None:
    KINDS.append(kind)
    BY_NAME[kind.name] = kind
    KIND_OF[kind.model] = kind.name


def outcome(kind: str, steps: dict[str, Any]) -> Any:
    """The outcome record of `kind` from the values of its lowering's named steps."""
    cls = BY_NAME[kind].outcome
    names = {f.name for f in attrs.fields(cls)}
    return cls(**{name: value for name, value in steps.items() if name in names})


def relies_on_clamp(kind: str, rule: Any, raw: Number, weight: Decimal) -> bool:
    """Whether clamping this raw result to [0, weight] does more than the rule means (W603)."""
    meaning = BY_NAME[kind].clamp_of(rule)
    if meaning is None:
        return False
    below, above = meaning
    return (below == WARN and raw < 0) or (above == WARN and raw > weight)


def deductions(kind: str, rule: Any, result: Any) -> tuple[Deduction, ...]:
    """What a deducting rule took off, with reasons, from its outcome."""
    if kind == "stepwise" and result.deduction:
        return (Deduction(points=result.deduction, reason=_steps_reason(rule, result)),)
    if kind == "findings" and result.deduction:
        return (Deduction(points=result.deduction, reason=f"{_plain(result.count)} finding(s)"),)
    if kind == "deductions":
        return tuple(Deduction(points=row.points, reason=row.reason or normal(row.condition.span.text))
                     for row, applies in zip(rule.deductions, result.applies) if applies)
    return ()


def _steps_reason(rule: Any, result: Any) -> str:
    side = "below" if rule.direction == "below" else "above"
    return f"{side} the threshold by {_plain(result.steps)} step(s) of {_plain(rule.step)}"


def _plain(value: Number) -> str:
    from perfdsl.formatting import plain

    return plain(value)


from perfdsl.core import lower as _lower  # noqa: E402,F401 - declares every kind
