"""The scoring rule kinds: their names, their outcome records, and what their clamp means.

Each kind's *computation* is its lowering in `perfdsl.core.lower`; this module declares the rest
of the kind as data:

- `name`: how results, graphs and messages call it (`bands`, `stepwise`, …);
- `outcome`: the typed record its lowering's named steps fill — which band, row, deduction or
  item applied, with its operands. Sentences, traces and audits read outcomes, never rules;
- `clamp`: how its raw result may leave [0, weight] (`FLOOR`: it stops at 0 by its meaning,
  扣完为止; `CAP`: it stops at the weight by its meaning; `WARN`: the rubric would rely on the
  evaluator's clamp there, which `perfdsl.core.bounds` reports as W602/W603; None: it cannot);
- `cases`: the cases its `case` step can take, each with words in `perfdsl.outputs.phrases`.

`tests/test_kinds.py` checks that every model rule class has a kind, a lowering and words for
every case.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from perfdsl.checks import model as m

WARN, FLOOR, CAP = "warn", "floor", "cap"

Number = Decimal | Fraction  # exact: a Fraction only where the decimal does not terminate


@attrs.frozen(kw_only=True)
class Deduction:
    """Points a rule took off, and why (public: `IndicatorResult.deductions`)."""

    points: Number
    reason: str


# --- Outcome records ----------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class FullIfOutcome:
    met: bool
    case: str


@attrs.frozen(kw_only=True)
class ProportionalOutcome:
    rate: Number
    raw: Number
    case: str


@attrs.frozen(kw_only=True)
class FormulaOutcome:
    raw: Number
    case: str


@attrs.frozen(kw_only=True)
class BandsOutcome:
    subject: Any
    row: int | None  # which row applied (first match), None when none did
    case: str


@attrs.frozen(kw_only=True)
class StepwiseOutcome:
    subject: Number
    threshold: Number
    gap: Number  # how far past the threshold, in the subject's unit (≤ 0: not past it)
    steps: Number  # steps counted as the mode says
    deduction: Number
    case: str


@attrs.frozen(kw_only=True)
class FindingsOutcome:
    count: Number
    deduction: Number
    case: str


@attrs.frozen(kw_only=True)
class DeductionsOutcome:
    applies: tuple[bool, ...]  # one per deduction row
    deduction: Number
    case: str


@attrs.frozen(kw_only=True)
class ChecklistOutcome:
    met: tuple[bool, ...]  # one per item
    case: str


@attrs.frozen(kw_only=True)
class LevelsOutcome:
    level: str
    share: Number  # the share of the weight the level gives
    case: str


@attrs.frozen(kw_only=True)
class JudgedOutcome:
    entered: Number
    level: str
    case: str


@attrs.frozen(kw_only=True)
class TargetOutcome:
    actual: Number
    target: Number
    met: bool
    case: str
    difference: Number | None = None  # for `=`: |actual − target|


# --- The kinds ----------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Kind:
    name: str
    model: type
    outcome: type
    clamp: tuple[str, str] | None
    cases: tuple[str, ...]

    def clamp_of(self, rule: Any) -> tuple[str, str] | None:
        # An `=` target floors at 0 by its meaning ("zero at twice the target"); the others
        # would rely on the evaluator's clamp below 0.
        if self.name == "target" and getattr(rule, "op", None) == "=":
            return (FLOOR, CAP)
        return self.clamp


KINDS: tuple[Kind, ...] = (
    Kind(name="full_if", model=m.FullIf, outcome=FullIfOutcome, clamp=None,
         cases=("met", "unmet")),
    Kind(name="proportional", model=m.Proportional, outcome=ProportionalOutcome,
         clamp=(WARN, CAP), cases=("scored", "capped", "negative")),
    Kind(name="bands", model=m.Bands, outcome=BandsOutcome, clamp=None,
         cases=("band", "no_band")),
    Kind(name="stepwise", model=m.Stepwise, outcome=StepwiseOutcome, clamp=(FLOOR, WARN),
         cases=("within", "under_step", "deducted", "floored")),
    Kind(name="findings", model=m.Findings, outcome=FindingsOutcome, clamp=(FLOOR, WARN),
         cases=("none", "deducted", "floored")),
    Kind(name="deductions", model=m.Deductions, outcome=DeductionsOutcome, clamp=(FLOOR, WARN),
         cases=("none", "deducted", "floored")),
    Kind(name="levels", model=m.Levels, outcome=LevelsOutcome, clamp=None, cases=("level",)),
    Kind(name="judged", model=m.Judged, outcome=JudgedOutcome, clamp=None, cases=("judged",)),
    Kind(name="checklist", model=m.Checklist, outcome=ChecklistOutcome, clamp=None,
         cases=("items",)),
    Kind(name="target", model=m.Target, outcome=TargetOutcome, clamp=(WARN, CAP),
         cases=("met", "short", "short_no_ratio", "over", "over_no_ratio", "off", "off_zero")),
    Kind(name="formula", model=m.Formula, outcome=FormulaOutcome, clamp=(WARN, WARN),
         cases=("scored", "capped", "negative")),
)

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
KIND_OF: dict[type, str] = {kind.model: kind.name for kind in KINDS}


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
        return tuple(Deduction(points=row.points, reason=row.reason or row.condition.span.text)
                     for row, applies in zip(rule.deductions, result.applies) if applies)
    return ()


def _steps_reason(rule: Any, result: StepwiseOutcome) -> str:
    side = "below" if rule.direction == "below" else "above"
    return f"{side} the threshold by {_plain(result.steps)} step(s) of {_plain(rule.step)}"


def _plain(value: Number) -> str:
    from perfdsl.formatting import plain

    return plain(value)
