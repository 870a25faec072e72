"""Pass 4 — lower: the checked model → the core IR (`perfdsl.core.ir.Program`).

Expects a `model.Rubric` that every check passed and its `graph.Graph` (the order of the value
slots). Guarantees a `Program` in which every value formula and derived value is a core
expression over slots, and every indicator's rule is lowered by the one function of its kind
below: a few named steps (the fields of the kind's outcome record) and the exact raw score.

This module is where each scoring rule *means* something. A rule kind is:

- its lowering (`@kind(...)` below), the only definition of what it computes;
- its outcome record, declared beside its lowering, which the lowering's named steps fill:
  which band, row, deduction or item applied, with its operands — what sentences, traces and
  audits read;
- how its raw result may leave [0, weight] (`clamp`): deductions stop at 0 (扣完为止),
  proportional and target scores stop at the weight, a formula relies on neither;
- its words, in `perfdsl.outputs.phrases`.

Nothing else restates a rule: evaluation, SQL, interval bounds, explanations, traces and
`perfdsl verify` all read the lowered program. `tests/test_kinds.py` fails when a kind in the
model lacks a lowering, an outcome, a bound or its words.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.core import ir
from perfdsl.core import kinds
from perfdsl.core.kinds import CAP, FLOOR, WARN, Number
from perfdsl.core.graph import Graph
from perfdsl.diagnostics import InternalError
from perfdsl.formatting import plain

ZERO, ONE, HUNDREDTH = Decimal(0), Decimal(1), Decimal("0.01")


# --- Expressions --------------------------------------------------------------------------------

class _Expressions:
    """Model expressions → core expressions, over the graph's slots."""

    def __init__(self, slots: dict[str, int]):
        self.slots = slots

    def __call__(self, expr: m.Expr) -> ir.Expr:
        # Iterative post-order: expressions may nest as deep as the language's limits allow.
        done: dict[int, ir.Expr] = {}
        stack: list[tuple[m.Expr, bool]] = [(expr, False)]
        while stack:
            node, ready = stack.pop()
            if id(node) in done:
                continue
            kids = _model_children(node)
            if not ready and kids:
                stack.append((node, True))
                stack.extend((kid, False) for kid in reversed(kids))
                continue
            done[id(node)] = self.node(node, [done[id(kid)] for kid in kids])
        return done[id(expr)]

    def node(self, e: m.Expr, args: list[ir.Expr]) -> ir.Expr:
        span, type_ = e.span, getattr(e, "type", None)
        if isinstance(e, m.Const):
            return ir.Const(value=e.value, span=span, type=type_)
        if isinstance(e, (m.InputRef, m.ValueRef)):
            return ir.Slot(index=self.slots[e.name], name=e.name, type=type_, span=span)
        if isinstance(e, m.LevelConst):
            return ir.Const(value=e.level, span=span, type=type_)
        if isinstance(e, m.Unary):
            (operand,) = args
            if e.op == "-":
                return ir.Neg(operand=operand, span=span, type=type_)
            return ir.Not(operand=operand, span=span)
        if isinstance(e, m.Binary):
            left, right = args
            if e.op in ("+", "-", "*"):
                return ir.Arith(op=e.op, left=left, right=right, span=span, type=type_)
            if e.op == "/":
                return ir.Arith(op="/", left=left, right=right, span=span, type=type_,
                                problem=ir.Problem(code="D005", span=span,
                                                   args=(("divisor", e.right.span.text),)))
            if e.op == "and":
                return ir.And(left=left, right=right, span=span)
            if e.op == "or":
                return ir.Or(left=left, right=right, span=span)
            return ir.Cmp(op=e.op, left=left, right=right, span=span)
        if isinstance(e, m.Cond):
            condition, then, otherwise = args
            return ir.If(condition=condition, then=then, otherwise=otherwise, span=span,
                         type=type_)
        if isinstance(e, m.Call):
            return _CALLS[e.function](e, args)
        raise InternalError(f"no lowering for the expression {type(e).__name__}")


def _model_children(e: m.Expr) -> list[m.Expr]:
    if isinstance(e, m.Unary):
        return [e.operand]
    if isinstance(e, m.Binary):
        return [e.left, e.right]
    if isinstance(e, m.Cond):
        return [e.condition, e.then, e.otherwise]
    if isinstance(e, m.Call):
        # round's places are a constant the resolver checked: the lowering reads it directly
        return list(e.args[:1]) if e.function == "round" else list(e.args)
    return []


def _abs(e: m.Call, args: list[ir.Expr]) -> ir.Expr:
    (x,) = args
    return ir.Max(args=(x, ir.Neg(operand=x)), span=e.span, type=e.type)


def _min(e: m.Call, args: list[ir.Expr]) -> ir.Expr:
    return ir.Min(args=tuple(args), span=e.span, type=e.type)


def _max(e: m.Call, args: list[ir.Expr]) -> ir.Expr:
    return ir.Max(args=tuple(args), span=e.span, type=e.type)


def _round(e: m.Call, args: list[ir.Expr]) -> ir.Expr:
    """round(x, n), half away from zero (四舍五入): ⌊x·10ⁿ + ½⌋ / 10ⁿ, mirrored below 0."""
    (x,) = args
    places = int(e.args[1].value) if len(e.args) == 2 else 0  # type: ignore[union-attr]
    scale = Decimal(1).scaleb(places)
    half = Decimal("0.5")

    def rounded(v: ir.Expr) -> ir.Expr:
        scaled = ir.Arith(op="*", left=v, right=ir.Const(value=scale))
        floored = ir.Floor(operand=ir.Arith(op="+", left=scaled, right=ir.Const(value=half)))
        return ir.Arith(op="/", left=floored, right=ir.Const(value=scale))

    up = rounded(x)
    down = ir.Neg(operand=rounded(ir.Neg(operand=x)))
    return ir.If(condition=ir.Cmp(op=">=", left=x, right=ir.Const(value=ZERO)), then=up,
                 otherwise=down, span=e.span, type=e.type)


_CALLS: dict[str, Callable[[m.Call, list[ir.Expr]], ir.Expr]] = {
    "abs": _abs, "min": _min, "max": _max, "round": _round,
}


# --- Helpers for lowerings ----------------------------------------------------------------------

def const(value: Any) -> ir.Const:
    return ir.Const(value=value)


def local(name: str) -> ir.Local:
    return ir.Local(name=name)


def arith(op: str, left: ir.Expr, right: ir.Expr) -> ir.Arith:
    return ir.Arith(op=op, left=left, right=right)


def cmp(op: str, left: ir.Expr, right: ir.Expr) -> ir.Cmp:
    return ir.Cmp(op=op, left=left, right=right)


def when(condition: ir.Expr, then: ir.Expr, otherwise: ir.Expr) -> ir.If:
    return ir.If(condition=condition, then=then, otherwise=otherwise)


def total(terms: list[ir.Expr]) -> ir.Expr:
    """The sum of `terms` as a balanced tree, so a long list nests only log₂ n deep."""
    if not terms:
        return const(ZERO)
    while len(terms) > 1:
        terms = [arith("+", terms[i], terms[i + 1]) if i + 1 < len(terms) else terms[i]
                 for i in range(0, len(terms), 2)]
    return terms[0]


def chain(cases: list[tuple[ir.Expr, ir.Expr]], otherwise: ir.Expr) -> ir.Expr:
    """`if c₁ then v₁ else if c₂ then v₂ … else otherwise`: the first case that holds."""
    out = otherwise
    for condition, value in reversed(cases):
        out = when(condition, value, out)
    return out


def within(value: ir.Expr, low: Decimal | None, low_closed: bool, high: Decimal | None,
           high_closed: bool) -> ir.Expr:
    """`value` lies in the interval: a conjunction of exact comparisons with constants."""
    tests: list[ir.Expr] = []
    if low is not None:
        tests.append(cmp(">=" if low_closed else ">", value, const(low)))
    if high is not None:
        tests.append(cmp("<=" if high_closed else "<", value, const(high)))
    if not tests:
        return const(True)
    out = tests[0]
    for test in tests[1:]:
        out = ir.And(left=out, right=test)
    return out


@attrs.frozen
class Lowering:
    """What a kind's lowering returns: the named steps and the raw score."""

    steps: tuple[tuple[str, ir.Expr], ...]
    raw: ir.Expr


# --- The rule kinds -----------------------------------------------------------------------------

LOWERINGS: dict[type, Callable[..., Lowering]] = {}


def kind(model_class: type, name: str, outcome: type, *, clamp: tuple[str, str] | None,
         cases: tuple[str, ...], clamp_of: Callable[[Any], tuple[str, str] | None] | None = None
         ) -> Callable:
    """Declare a rule kind with its lowering: the model rule it lowers, its name, its outcome
    record, what its clamp means (`FLOOR`: it stops at 0 by its meaning, 扣完为止; `CAP`: at the
    weight; `WARN`: the rubric would rely on the evaluator's clamp; None: it cannot leave
    [0, weight]) and the cases its `case` step can take, each with words in
    `perfdsl.outputs.phrases`."""

    def register(fn: Callable[..., Lowering]) -> Callable[..., Lowering]:
        LOWERINGS[model_class] = fn
        kinds.declare(kinds.Kind(name=name, model=model_class, outcome=outcome, clamp=clamp,
                                 cases=cases, clamp_by_rule=clamp_of))
        return fn

    return register


@attrs.frozen(kw_only=True)
class FullIfOutcome:
    met: bool
    case: str


@kind(m.FullIf, 'full_if', FullIfOutcome, clamp=None,
      cases=("met", "unmet"))
def _full_if(rule: m.FullIf, w: Decimal, expr: _Expressions) -> Lowering:
    met = local("met")
    return Lowering(
        steps=(("met", expr(rule.condition)),
               ("case", when(met, const("met"), const("unmet")))),
        raw=when(met, const(w), const(ZERO)))


@attrs.frozen(kw_only=True)
class ProportionalOutcome:
    rate: Number
    raw: Number
    case: str


@kind(m.Proportional, 'proportional', ProportionalOutcome, clamp=(WARN, CAP),
      cases=("scored", "capped", "negative"))
def _proportional(rule: m.Proportional, w: Decimal, expr: _Expressions) -> Lowering:
    rate, raw = local("rate"), local("raw")
    return Lowering(
        steps=(("rate", expr(rule.rate)),
               ("raw", arith("*", rate, const(w))),
               ("case", chain([(cmp(">", raw, const(w)), const("capped")),
                               (cmp("<", raw, const(ZERO)), const("negative"))],
                              const("scored")))),
        raw=raw)


@attrs.frozen(kw_only=True)
class FormulaOutcome:
    raw: Number
    case: str


@kind(m.Formula, 'formula', FormulaOutcome, clamp=(WARN, WARN),
      cases=("scored", "capped", "negative"))
def _formula(rule: m.Formula, w: Decimal, expr: _Expressions) -> Lowering:
    raw = local("raw")
    return Lowering(
        steps=(("raw", expr(rule.expr)),
               ("case", chain([(cmp(">", raw, const(w)), const("capped")),
                               (cmp("<", raw, const(ZERO)), const("negative"))],
                              const("scored")))),
        raw=raw)


@attrs.frozen(kw_only=True)
class BandsOutcome:
    subject: Any
    row: int | None  # which row applied (first match), None when none did
    case: str


@kind(m.Bands, 'bands', BandsOutcome, clamp=None,
      cases=("band", "no_band"))
def _bands(rule: m.Bands, w: Decimal, expr: _Expressions) -> Lowering:
    subject, row = local("subject"), local("row")
    tests = [within(subject, b.low, b.low_closed, b.high, b.high_closed) for b in rule.bands]
    # The first row whose interval holds the subject: its index for the outcome, its points
    # for the score (one list of tests, read twice).
    return Lowering(
        steps=(("subject", expr(rule.subject)),
               ("row", chain([(test, const(i)) for i, test in enumerate(tests)], const(None))),
               ("case", when(cmp("=", row, const(None)), const("no_band"), const("band")))),
        raw=chain([(test, const(b.points)) for test, b in zip(tests, rule.bands)], const(ZERO)))


@attrs.frozen(kw_only=True)
class StepwiseOutcome:
    subject: Number
    threshold: Number
    gap: Number  # how far past the threshold, in the subject's unit (≤ 0: not past it)
    steps: Number  # steps counted as the mode says
    deduction: Number
    case: str


@kind(m.Stepwise, 'stepwise', StepwiseOutcome, clamp=(FLOOR, WARN),
      cases=("within", "under_step", "deducted", "floored"))
def _stepwise(rule: m.Stepwise, w: Decimal, expr: _Expressions) -> Lowering:
    subject, threshold, gap = local("subject"), local("threshold"), local("gap")
    steps, deduction = local("steps"), local("deduction")
    below = rule.direction == "below"
    quotient = ir.Arith(op="/", left=gap, right=const(rule.step))
    counted = {"floor": ir.Floor(operand=quotient), "ceil": ir.Ceil(operand=quotient),
               "exact": quotient}[rule.mode]
    return Lowering(
        steps=(("subject", expr(rule.subject)),
               ("threshold", expr(rule.threshold)),
               ("gap", arith("-", threshold, subject) if below else arith("-", subject, threshold)),
               ("steps", when(cmp("<=", gap, const(ZERO)), const(ZERO), counted)),
               ("deduction", arith("*", steps, const(rule.points))),
               ("case", chain([(cmp("<=", gap, const(ZERO)), const("within")),
                               (cmp("=", steps, const(ZERO)), const("under_step")),
                               (cmp(">", deduction, const(w)), const("floored"))],
                              const("deducted")))),
        raw=arith("-", const(w), deduction))


@attrs.frozen(kw_only=True)
class FindingsOutcome:
    count: Number
    deduction: Number
    case: str


@kind(m.Findings, 'findings', FindingsOutcome, clamp=(FLOOR, WARN),
      cases=("none", "deducted", "floored"))
def _findings(rule: m.Findings, w: Decimal, expr: _Expressions) -> Lowering:
    count, deduction = local("count"), local("deduction")
    return Lowering(
        steps=(("count", expr(rule.count)),
               ("deduction", arith("*", count, const(rule.points))),
               ("case", chain([(cmp("<=", count, const(ZERO)), const("none")),
                               (cmp(">", deduction, const(w)), const("floored"))],
                              const("deducted")))),
        raw=arith("-", const(w), deduction))


@attrs.frozen(kw_only=True)
class DeductionsOutcome:
    applies: tuple[bool, ...]  # one per deduction row
    deduction: Number
    case: str


@kind(m.Deductions, 'deductions', DeductionsOutcome, clamp=(FLOOR, WARN),
      cases=("none", "deducted", "floored"))
def _deductions(rule: m.Deductions, w: Decimal, expr: _Expressions) -> Lowering:
    names = [f"applies_{i}" for i in range(len(rule.deductions))]
    deduction = local("deduction")
    taken = [when(local(name), const(d.points), const(ZERO))
             for name, d in zip(names, rule.deductions)]
    return Lowering(
        steps=(*((name, expr(d.condition)) for name, d in zip(names, rule.deductions)),
               ("applies", ir.Items(items=tuple(local(name) for name in names))),
               ("deduction", total(taken)),
               ("case", chain([(cmp("=", deduction, const(ZERO)), const("none")),
                               (cmp(">", deduction, const(w)), const("floored"))],
                              const("deducted")))),
        raw=arith("-", const(w), deduction))


@attrs.frozen(kw_only=True)
class ChecklistOutcome:
    met: tuple[bool, ...]  # one per item
    case: str


@kind(m.Checklist, 'checklist', ChecklistOutcome, clamp=None,
      cases=("items",))
def _checklist(rule: m.Checklist, w: Decimal, expr: _Expressions) -> Lowering:
    names = [f"met_{i}" for i in range(len(rule.items))]
    got = [when(local(name), const(item.points), const(ZERO))
           for name, item in zip(names, rule.items)]
    return Lowering(
        steps=(*((name, expr(item.condition)) for name, item in zip(names, rule.items)),
               ("met", ir.Items(items=tuple(local(name) for name in names))),
               ("case", const("items"))),
        raw=total(got))


def _not_a_level(scale: m.Scale, span) -> ir.Fail:
    levels = "、".join(lv.name for lv in scale.levels)
    return ir.Fail(problem=ir.Problem(code="D008", span=span, args=(
        ("reason", f"the level is not one of the scale `{scale.name}`: {levels}"),
        ("reason_zh", f"等次不属于量表 `{scale.name}`：{levels}"))))


@attrs.frozen(kw_only=True)
class LevelsOutcome:
    level: str
    share: Number  # the share of the weight the level gives
    case: str


@kind(m.Levels, 'levels', LevelsOutcome, clamp=None,
      cases=("level",))
def _levels(rule: m.Levels, w: Decimal, expr: _Expressions) -> Lowering:
    level = local("level")
    cases = [(cmp("=", level, const(lv.name)), const((lv.fraction or ZERO) * w))
             for lv in rule.scale.levels]
    shares = [(cmp("=", level, const(lv.name)), const(lv.fraction or ZERO))
              for lv in rule.scale.levels]
    return Lowering(
        steps=(("level", expr(rule.subject)),
               ("share", chain(shares, _not_a_level(rule.scale, rule.subject.span))),
               ("case", const("level"))),
        raw=chain(cases, _not_a_level(rule.scale, rule.subject.span)))


def judged_range(level: m.Level, w: Decimal) -> tuple[Decimal, Decimal]:
    """The points a judged score of `level` may take: its shares of W, each rounded half up to
    0.01 — scores are entered to two decimals, so 80% of 3.33 (2.664) admits 2.66."""
    low, high = (level.low or ZERO) * w, (level.high or ZERO) * w
    return low.quantize(HUNDREDTH, ROUND_HALF_UP), high.quantize(HUNDREDTH, ROUND_HALF_UP)


@attrs.frozen(kw_only=True)
class JudgedOutcome:
    entered: Number
    level: str
    case: str


@kind(m.Judged, 'judged', JudgedOutcome, clamp=None,
      cases=("judged",))
def _judged(rule: m.Judged, w: Decimal, expr: _Expressions) -> Lowering:
    entered, level = local("entered"), local("level")
    cases = []
    for lv in rule.scale.levels:
        low, high = judged_range(lv, w)
        shown = (f"{'[' if lv.low_closed else '('}{plain(low)}, {plain(high)}"
                 f"{']' if lv.high_closed else ')'}")
        outside = ir.Fail(problem=ir.Problem(code="D006", span=rule.span, args=(
            ("level", lv.name), ("range", shown))), facts=(("score", entered),))
        # `entered / w` within the level's shares, compared without dividing: w > 0.
        admitted = within(entered, low, lv.low_closed, high, lv.high_closed)
        cases.append((cmp("=", level, const(lv.name)), when(admitted, entered, outside)))
    return Lowering(
        steps=(("entered", expr(rule.score)),
               ("level", expr(rule.level)),
               ("case", const("judged"))),
        raw=chain(cases, _not_a_level(rule.scale, rule.level.span)))


@attrs.frozen(kw_only=True)
class TargetOutcome:
    actual: Number
    target: Number
    met: bool
    case: str
    difference: Number | None = None  # for `=`: |actual − target|


@kind(m.Target, 'target', TargetOutcome, clamp=(WARN, CAP),
      cases=("met", "short", "short_no_ratio", "over", "over_no_ratio", "off", "off_zero"),
      clamp_of=lambda rule: (FLOOR, CAP) if rule.op == "=" else (WARN, CAP))
def _target(rule: m.Target, w: Decimal, expr: _Expressions) -> Lowering:
    actual, target, met = local("actual"), local("target"), local("met")
    zero = const(ZERO)
    if rule.op == ">=":
        # A ÷ T × W when the actual falls short of a positive target, else 0.
        ratio = _quotient(actual, target, rule.target.span)
        partial = when(cmp(">", target, zero), arith("*", ratio, const(w)), zero)
        case = chain([(met, const("met")), (cmp(">", target, zero), const("short"))],
                     const("short_no_ratio"))
    elif rule.op == "<=":
        # T ÷ A × W when a positive actual exceeds the target, else 0.
        ratio = _quotient(target, actual, rule.actual.span)
        partial = when(cmp(">", actual, zero), arith("*", ratio, const(w)), zero)
        case = chain([(met, const("met")), (cmp(">", actual, zero), const("over"))],
                     const("over_no_ratio"))
    else:
        # (1 − |A − T| ÷ |T|) × W; a target of 0 missed scores 0.
        difference, magnitude = local("difference"), local("magnitude")
        share = arith("-", const(ONE), _quotient(difference, magnitude, rule.target.span))
        partial = when(cmp("=", magnitude, zero), zero, arith("*", share, const(w)))
        case = chain([(met, const("met")), (cmp("=", magnitude, zero), const("off_zero"))],
                     const("off"))
    steps: list[tuple[str, ir.Expr]] = [("actual", expr(rule.actual)),
                                        ("target", expr(rule.target))]
    if rule.op == "=":
        gap = arith("-", actual, target)
        steps.append(("difference", ir.Max(args=(gap, ir.Neg(operand=gap)))))
        steps.append(("magnitude", ir.Max(args=(target, ir.Neg(operand=target)))))
    steps.append(("met", cmp(rule.op, actual, target)))
    steps.append(("case", case))
    return Lowering(steps=tuple(steps), raw=when(met, const(w), partial))


@attrs.frozen(kw_only=True)
class DecayOutcome:
    actual: Number
    target: Number
    share: Number  # of the weight: 1 up to the target, 0 from factor × target on
    case: str


@kind(m.Decay, 'decay', DecayOutcome, clamp=(FLOOR, CAP),
      cases=("met", "decayed", "zero", "zero_target"))
def _decay(rule: m.Decay, w: Decimal, expr: _Expressions) -> Lowering:
    """W up to the target T, then W × (1 − (A − T) ÷ ((K − 1) × T)): 0 at K × T, and below 0
    past it (floored: 扣完为止). A target of 0 or less missed scores 0."""
    actual, target, share = local("actual"), local("target"), local("share")
    zero = const(ZERO)
    # The divisor is the target itself, inside the branch where it is positive: the interval
    # analysis sees no zero divisor there.
    excess = ir.Arith(op="/", left=arith("-", actual, target), right=target, problem=ir.Problem(
        code="D005", span=rule.target.span, args=(("divisor", rule.target.span.text),)))
    decayed = arith("-", const(ONE), arith("/", excess, const(rule.factor - 1)))
    return Lowering(
        steps=(("actual", expr(rule.actual)),
               ("target", expr(rule.target)),
               ("share", chain([(cmp("<=", actual, target), const(ONE)),
                                (cmp(">", target, zero), decayed)], zero)),
               ("case", chain([(cmp("<=", actual, target), const("met")),
                               (cmp("<=", target, zero), const("zero_target")),
                               (cmp("<=", share, zero), const("zero"))], const("decayed")))),
        raw=arith("*", share, const(w)))


@attrs.frozen(kw_only=True)
class EqualTargetOutcome:
    actual: Number
    target: Number
    difference: Number  # |A − T|
    beyond: Number  # how far past the tolerance (≤ 0: within it)
    share: Number
    case: str


@kind(m.EqualTarget, 'equal', EqualTargetOutcome, clamp=(FLOOR, CAP),
      cases=("exact", "within", "over", "off", "off_zero"))
def _equal(rule: m.EqualTarget, w: Decimal, expr: _Expressions) -> Lowering:
    """Met when |A − T| ≤ D (or, with 超出不扣分, when A ≥ T); otherwise
    W × (1 − (|A − T| − D) ÷ |T|), and 0 when T is 0 (there is no share of nothing)."""
    actual, target, difference = local("actual"), local("target"), local("difference")
    beyond, magnitude, share = local("beyond"), local("magnitude"), local("share")
    zero = const(ZERO)
    gap = arith("-", actual, target)
    met = cmp("<=", beyond, zero)
    if rule.over_ok:
        met = ir.Or(left=met, right=cmp(">=", actual, target))
    missed = arith("-", const(ONE), _quotient(beyond, magnitude, rule.target.span))
    return Lowering(
        steps=(("actual", expr(rule.actual)),
               ("target", expr(rule.target)),
               ("difference", ir.Max(args=(gap, ir.Neg(operand=gap)))),
               ("magnitude", ir.Max(args=(target, ir.Neg(operand=target)))),
               ("beyond", arith("-", difference, const(rule.tolerance))),
               ("share", chain([(met, const(ONE)), (cmp("=", magnitude, zero), zero)], missed)),
               ("case", chain([(cmp("=", difference, zero), const("exact")),
                               (cmp("<=", beyond, zero), const("within")),
                               (met, const("over")),
                               (cmp("=", magnitude, zero), const("off_zero"))], const("off")))),
        raw=arith("*", share, const(w)))


@attrs.frozen(kw_only=True)
class NegativeTargetOutcome:
    actual: Number
    target: Number
    share: Number  # of the change the target asks for, achieved
    case: str


@kind(m.NegativeTarget, 'negative_target', NegativeTargetOutcome, clamp=None,
      cases=("met", "partial", "none", "fell"))
def _negative_target(rule: m.NegativeTarget, w: Decimal, expr: _Expressions) -> Lowering:
    """A target below 0. `≤ T` (a reduction, 变动率 ≤ −30%): a miss scores A ÷ T × W while A is
    below 0 — the share of the reduction achieved — and 0 from 0 up. `≥ T` (a fall of at most
    |T|): a miss, A below T, scores T ÷ A × W."""
    actual, target = local("actual"), local("target")
    zero = const(ZERO)
    met = cmp(rule.op, actual, target)
    if rule.op == "<=":
        share = chain([(met, const(ONE)),
                       (cmp("<", actual, zero), _quotient(actual, target, rule.target.span))],
                      zero)
        case = chain([(met, const("met")), (cmp("<", actual, zero), const("partial"))],
                     const("none"))
    else:
        share = when(met, const(ONE), _quotient(target, actual, rule.actual.span))
        case = when(met, const("met"), const("fell"))
    return Lowering(
        steps=(("actual", expr(rule.actual)),
               ("target", expr(rule.target)),
               ("share", share),
               ("case", case)),
        raw=arith("*", local("share"), const(w)))


@attrs.frozen(kw_only=True)
class OvershootOutcome:
    actual: Number
    target: Number
    met: bool
    over: bool  # at or past ratio × target
    explained: bool  # the `除非` condition held (False when there is none or it was not over)
    deduction: Number
    case: str


@kind(m.OvershootTarget, 'overshoot', OvershootOutcome, clamp=(FLOOR, CAP),
      cases=("met", "short", "short_no_ratio", "cut", "explained"))
def _overshoot(rule: m.OvershootTarget, w: Decimal, expr: _Expressions) -> Lowering:
    """`对标 A ≥ T`, and when a positive target is overshot — A ≥ R × T, a target set too low —
    P points off, unless the condition holds (an explanation was given). The condition is only
    read when the target is overshot, so its figure is needed only then."""
    actual, target, met, over = local("actual"), local("target"), local("met"), local("over")
    explained, deduction = local("explained"), local("deduction")
    zero = const(ZERO)
    past = ir.And(left=cmp(">", target, zero),
                  right=cmp(rule.op, actual, arith("*", const(rule.ratio), target)))
    reason = expr(rule.unless) if rule.unless is not None else const(False)
    partial = when(cmp(">", target, zero),
                   arith("*", _quotient(actual, target, rule.target.span), const(w)), zero)
    return Lowering(
        steps=(("actual", expr(rule.actual)),
               ("target", expr(rule.target)),
               ("met", cmp(">=", actual, target)),
               ("over", past),
               ("explained", when(over, reason, const(False))),
               ("deduction", when(ir.And(left=over, right=ir.Not(operand=explained)),
                                  const(rule.points), zero)),
               ("case", chain([(ir.And(left=over, right=explained), const("explained")),
                               (over, const("cut")), (met, const("met")),
                               (cmp(">", target, zero), const("short"))],
                              const("short_no_ratio")))),
        raw=when(met, arith("-", const(w), deduction), partial))


def _quotient(left: ir.Expr, right: ir.Expr, span) -> ir.Arith:
    return ir.Arith(op="/", left=left, right=right, span=None, problem=ir.Problem(
        code="D005", span=span, args=(("divisor", span.text if span is not None else ""),)))


# --- The program --------------------------------------------------------------------------------

def lower(rubric: m.Rubric, graph: Graph) -> ir.Program:
    """The rubric as a core-IR program, over the graph's slots."""
    slots = graph.slots()
    expr = _Expressions(slots)
    scales = {scale.name: scale for scale in rubric.scales}
    inputs = []
    for v in graph.values:
        if v.kind != "input":
            continue
        decl = rubric.input(v.name)
        assert decl is not None
        scale = scales.get(decl.type.scale or "") if decl.type.kind == "level" else None
        inputs.append(ir.Input(
            slot=v.slot, name=v.name, type=decl.type, span=v.span, bounds=decl.bounds,
            default=decl.default,
            levels=frozenset(lv.name for lv in scale.levels) if scale is not None else None))
    values = tuple(ir.Value(slot=v.slot, name=v.name, kind=v.kind, expr=expr(v.expr),
                            type=v.expr.type, span=v.span)
                   for v in graph.values if v.expr is not None)
    input_slots = frozenset(i.slot for i in inputs)
    inputs.sort(key=lambda i: i.slot)
    indicators = []
    by_name = {v.name: v for v in graph.values}
    for node in graph.indicators:
        ind = node.indicator
        lowering = LOWERINGS.get(type(ind.rule))
        if lowering is None:
            raise InternalError(f"the rule kind {type(ind.rule).__name__} has no lowering")
        lowered = lowering(ind.rule, ind.weight, expr)
        reads = tuple(sorted(slots[name] for name in _depends_on(by_name, node)))
        indicators.append(ir.Indicator(
            index=node.index, kind=kinds.KIND_OF[type(ind.rule)], locals=lowered.steps,
            raw=lowered.raw, weight=ind.weight, fallback=_bounded(ind.fallback, ind.weight),
            value_slot=node.value_slot, span=ind.span, rule_span=ind.rule.span, reads=reads,
            inputs=tuple(s for s in reads if s in input_slots)))
    groups, top, total_scale = _subtotals(rubric, graph)
    grades = tuple(ir.Grade(name=g.name, minimum=g.minimum, inclusive=g.inclusive)
                   for g in rubric.grades)
    facts: dict[tuple[str, str], ir.Fact] = {}
    checks = tuple(_check(i, check, rubric, slots, facts) for i, check in enumerate(rubric.checks))
    goals = tuple(ir.Goal(index=i, op=ind.goal.op, text=ind.goal.text, span=ind.goal.span,
                          expr=expr(ind.goal.expr) if ind.goal.expr is not None else None)
                  for i, ind in enumerate(rubric.indicators) if ind.goal is not None)
    return ir.Program(inputs=tuple(inputs), values=values, indicators=tuple(indicators), groups=groups,
                      grades=grades, total=rubric.total, slot_count=len(graph.values),
                      checks=checks, facts=tuple(facts.values()), goals=goals, top=top,
                      total_scale=total_scale)


def _subtotals(rubric: m.Rubric, graph: Graph):
    """The groups' subtotals and the total, with what does not apply shared out.

    What does not apply to a unit (不适用, an optional item not chosen) is not in the model's
    tree: a group only knows the weight it lost (`excluded`). The rubric says where that weight
    goes (`rescale`): with `总分` (the default) the total is rescaled — the sum of the top-level
    parts × total ÷ the most they can reach — and a group's subtotal is the plain sum, out of its
    applicable weight; with `分组` each group that lost weight is rescaled to its own weight the
    same way. A `可选` group (pool) is always rescaled to its weight. A rescaled sum is computed
    exactly from the rounded scores and rounded once, half up to 0.01.
    """
    index_of = {id(node.indicator): node.index for node in graph.indicators}
    out: list[ir.Group | None] = []
    within_groups = rubric.rescale == "group"

    def walk(node, depth: int) -> tuple[tuple[str, int], Decimal]:
        """This node as a part of its parent, and the most it can score."""
        if isinstance(node, m.Indicator):
            return ("indicator", index_of[id(node)]), node.weight
        number = len(out)
        out.append(None)  # pre-order, as the graph numbers groups
        parts, most = [], Decimal(0)
        for child in node.children:
            part, reach = walk(child, depth + 1)
            parts.append(part)
            most += reach
        scale = None
        if (node.pool or (within_groups and node.excluded)) and most != node.weight:
            scale = (node.weight, most)
        reach = node.weight if scale is not None else most
        planned = graph.groups[number]
        out[number] = ir.Group(path=planned.path, weight=reach, reference=planned.reference,
                               indicators=planned.indicators, depth=planned.depth,
                               parts=tuple(parts), scale=scale)
        return ("group", number), reach

    top, most = [], Decimal(0)
    for node in rubric.groups:
        part, reach = walk(node, 0)
        top.append(part)
        most += reach
    total_scale = (rubric.total, most) if most != rubric.total and most > 0 else None
    return tuple(out), tuple(top), total_scale  # type: ignore[arg-type]


# --- Checks ---------------------------------------------------------------------------------------

class _CheckExpressions(_Expressions):
    """Expressions of a check: a fact of the unit's data (`已填`, `已说明`) is a slot of its own,
    numbered after the program's value slots."""

    def __init__(self, slots: dict[str, int], first: int, facts: dict[tuple[str, str], ir.Fact]):
        super().__init__(slots)
        self.first, self.facts = first, facts

    def node(self, e: m.Expr, args: list[ir.Expr]) -> ir.Expr:
        if isinstance(e, m.Fact):
            key = (e.kind, e.name)
            if key not in self.facts:
                self.facts[key] = ir.Fact(slot=self.first + len(self.facts), kind=e.kind,
                                          name=e.name)
            return ir.Slot(index=self.facts[key].slot, name=f"{e.kind}({e.name})", type=e.type,
                           span=e.span)
        return super().node(e, args)


_TOLERATED = {"<=": "<=", "<": "<", ">=": "<=", ">": "<"}


def _check(index: int, check: m.Check, rubric: m.Rubric, slots: dict[str, int],
           facts: dict[tuple[str, str], ir.Fact]) -> ir.Check:
    """A check as one condition over slots: `A 则 B` is `非 A 或 B`; with a tolerance t,
    `a = b` holds when |a − b| ≤ t, `a ≤ b` when a − b ≤ t, `a ≥ b` when b − a ≤ t."""
    expr = _CheckExpressions(slots, len(slots), facts)
    body = check.expr
    op = left = right = None
    if isinstance(body, m.Binary) and body.op in ("=", "!=", "<", "<=", ">", ">="):
        op, left, right = body.op, expr(body.left), expr(body.right)
    holds = expr(body)
    if check.tolerance is not None and left is not None and right is not None:
        tolerance = const(check.tolerance)
        if op == "=":
            gap = arith("-", left, right)
            holds = cmp("<=", ir.Max(args=(gap, ir.Neg(operand=gap))), tolerance)
        elif op in ("<=", "<"):
            holds = cmp(_TOLERATED[op], arith("-", left, right), tolerance)
        else:
            holds = cmp(_TOLERATED[op], arith("-", right, left), tolerance)  # type: ignore[index]
    condition = expr(check.condition) if check.condition is not None else None
    whole = holds if condition is None else ir.Or(left=ir.Not(operand=condition), right=holds)
    position = {ind.path: i for i, ind in enumerate(rubric.indicators)}
    return ir.Check(index=index, expr=whole, condition=condition, op=op, left=left, right=right,
                    tolerance=check.tolerance, label=check.label, span=check.span,
                    indicator=position.get(check.indicator) if check.indicator else None,
                    reads=tuple(ir.slots_read(whole)))


def _depends_on(by_name: dict, node) -> set[str]:
    """Every value node an indicator depends on, directly or through other values."""
    seen: set[str] = set()
    stack = list(node.reads)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack.extend(by_name[name].reads)
    return seen


def _bounded(fallback: Decimal | None, weight: Decimal) -> Decimal | None:
    """A fallback score as scores are: within [0, weight], to 0.01 (the checks reject others)."""
    if fallback is None:
        return None
    return min(max(fallback, ZERO), weight).quantize(HUNDREDTH, ROUND_HALF_UP)

