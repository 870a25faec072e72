"""Pass 5 — evaluate: evaluation graph + a unit's figures → results.

`plan(graph)` turns the graph into closures once, at compile time; `run(plan, figures)` scores
one unit. Expects figures already checked by `perfdsl.data.figures` (typed values, or `Unavailable`
markers where a figure is missing or bad). Guarantees a `Result` for any figures: every
indicator's score lies in [0, weight] (rounded to 0.01, half up), subtotals are sums of their
indicators' rounded scores, and a data problem (a zero divisor, a missing figure, a judged score
outside its level's range) is confined to the indicators that need that figure.

Arithmetic is `decimal` at 28 significant digits in a private context, so the caller's decimal
context never changes a score. A missing or failed value is an `Unavailable` object that raises
`DataProblem` the moment anything computes with it: indicators that never touch it are scored
as usual, and the fast path pays nothing for the check.
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.core.graph import Graph
from perfdsl.core.results import Result
from perfdsl.core.values import CONTEXT, DataProblem, Unavailable
from perfdsl.language.source import Span
from perfdsl.formatting import plain

CENT = Decimal("0.01")
ZERO = Decimal(0)
NIL = Decimal("0.00")  # a score of nothing, at the scores' two places
ONE = Decimal(1)
Step = Callable[[list], Any]


# --- Expressions → closures -------------------------------------------------------------------

_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_COMPARE = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
            "=": operator.eq, "!=": operator.ne}


def compile_expr(expr: m.Expr, slots: dict[str, int]) -> Step:
    """A closure computing `expr` from the slot list. Leaves are read inline where possible."""
    if isinstance(expr, m.Const):
        value = expr.value
        return lambda s: value
    if isinstance(expr, (m.InputRef, m.ValueRef)):
        return operator.itemgetter(slots[expr.name])
    if isinstance(expr, m.LevelConst):
        level = expr.level
        return lambda s: level
    if isinstance(expr, m.Unary):
        f = compile_expr(expr.operand, slots)
        if expr.op == "-":
            return lambda s: -f(s)
        return lambda s: not f(s)
    if isinstance(expr, m.Binary):
        return _binary(expr, slots)
    if isinstance(expr, m.Cond):
        c, t, o = (compile_expr(e, slots) for e in (expr.condition, expr.then, expr.otherwise))
        return lambda s: t(s) if c(s) else o(s)
    return _call(expr, slots)


def _binary(expr: m.Binary, slots: dict[str, int]) -> Step:
    left, right = compile_expr(expr.left, slots), compile_expr(expr.right, slots)
    op = expr.op
    if op == "and":
        return lambda s: bool(left(s)) and bool(right(s))
    if op == "or":
        return lambda s: bool(left(s)) or bool(right(s))
    if op == "/":
        return _division(expr, left, right)
    fn = _ARITHMETIC.get(op) or _COMPARE[op]
    left_slot, right_slot = _slot(expr.left, slots), _slot(expr.right, slots)
    if left_slot is not None and right_slot is not None:
        return lambda s: fn(s[left_slot], s[right_slot])
    if left_slot is not None:
        if isinstance(expr.right, m.Const):
            constant = expr.right.value
            return lambda s: fn(s[left_slot], constant)
        return lambda s: fn(s[left_slot], right(s))
    if isinstance(expr.right, m.Const):
        constant = expr.right.value
        return lambda s: fn(left(s), constant)
    return lambda s: fn(left(s), right(s))


def _slot(expr: m.Expr, slots: dict[str, int]) -> int | None:
    return slots[expr.name] if isinstance(expr, (m.InputRef, m.ValueRef)) else None


def _division(expr: m.Binary, left: Step, right: Step) -> Step:
    divisor = expr.right.span.text
    span = expr.span

    def divide(s: list) -> Any:
        try:
            return left(s) / right(s)
        except ArithmeticError:
            raise DataProblem("D005", span, divisor=divisor) from None

    return divide


def _call(expr: m.Call, slots: dict[str, int]) -> Step:
    args = [compile_expr(a, slots) for a in expr.args]
    if expr.function == "abs":
        (a,) = args
        return lambda s: abs(a(s))
    if expr.function == "round":
        a = args[0]
        places = expr.args[1].value if len(expr.args) == 2 else ZERO  # type: ignore[union-attr]
        exponent = Decimal(1).scaleb(-int(places))
        return lambda s: a(s).quantize(exponent, ROUND_HALF_UP)
    fn = min if expr.function == "min" else max
    if len(args) == 2:
        a, b = args
        return lambda s: fn(a(s), b(s))
    return lambda s: fn(f(s) for f in args)


# --- Scoring rules → closures returning (points, detail) --------------------------------------

def compile_rule(rule: m.Rule, weight: Decimal, slots: dict[str, int]) -> Step:
    return _RULES[type(rule)](rule, weight, slots)


def _full_if(rule: m.FullIf, weight: Decimal, slots) -> Step:
    condition = compile_expr(rule.condition, slots)
    return lambda s: (weight, True) if condition(s) else (ZERO, False)


def _proportional(rule: m.Proportional, weight: Decimal, slots) -> Step:
    rate = compile_expr(rule.rate, slots)

    def score(s: list) -> tuple:
        value = rate(s)
        return value * weight, value

    return score


def _formula(rule: m.Formula, weight: Decimal, slots) -> Step:
    expr = compile_expr(rule.expr, slots)

    def score(s: list) -> tuple:
        value = expr(s)
        return value, value

    return score


def _bands(rule: m.Bands, weight: Decimal, slots) -> Step:
    subject = compile_expr(rule.subject, slots)
    rows = tuple((b.low, b.low_closed, b.high, b.high_closed, b.points, i)
                 for i, b in enumerate(rule.bands))

    def score(s: list) -> tuple:
        value = subject(s)
        for low, low_closed, high, high_closed, points, i in rows:
            if low is not None and (value < low if low_closed else value <= low):
                continue
            if high is not None and (value > high if high_closed else value >= high):
                continue
            return points, i
        return ZERO, None

    return score


def _stepwise(rule: m.Stepwise, weight: Decimal, slots) -> Step:
    subject = compile_expr(rule.subject, slots)
    threshold = compile_expr(rule.threshold, slots)
    step, points, below = rule.step, rule.points, rule.direction == "below"
    rounding = {"floor": ROUND_FLOOR, "ceil": ROUND_CEILING}.get(rule.mode)

    def score(s: list) -> tuple:
        gap = threshold(s) - subject(s) if below else subject(s) - threshold(s)
        if gap <= 0:
            return weight, (ZERO, ZERO)
        steps = gap / step
        if rounding is not None:
            steps = steps.to_integral_value(rounding)
        deduction = steps * points
        return weight - deduction, (steps, deduction)

    return score


def _findings(rule: m.Findings, weight: Decimal, slots) -> Step:
    count = compile_expr(rule.count, slots)
    points = rule.points

    def score(s: list) -> tuple:
        n = count(s)
        deduction = n * points
        return weight - deduction, (n, deduction)

    return score


def _deductions(rule: m.Deductions, weight: Decimal, slots) -> Step:
    rows = tuple((compile_expr(d.condition, slots), d.points, i)
                 for i, d in enumerate(rule.deductions))

    def score(s: list) -> tuple:
        total = ZERO
        fired = []
        for condition, points, i in rows:
            if condition(s):
                total += points
                fired.append(i)
        return weight - total, tuple(fired)

    return score


def _levels(rule: m.Levels, weight: Decimal, slots) -> Step:
    subject = compile_expr(rule.subject, slots)
    points = {lv.name: (lv.fraction or ZERO) * weight for lv in rule.scale.levels}
    span = rule.subject.span

    def score(s: list) -> tuple:
        level = subject(s)
        try:
            return points[level], level
        except KeyError:
            raise DataProblem("D008", span, reason=f"`{level}` is not a level of "
                              f"`{rule.scale.name}`", reason_zh=f"`{level}` 不是量表 "
                              f"`{rule.scale.name}` 的等次") from None

    return score


def _judged(rule: m.Judged, weight: Decimal, slots) -> Step:
    entered = compile_expr(rule.score, slots)
    level_of = compile_expr(rule.level, slots)
    levels = {lv.name: lv for lv in rule.scale.levels}
    span = rule.span

    def score(s: list) -> tuple:
        value, level = entered(s), level_of(s)
        lv = levels[level]
        if not lv.admits(value / weight):
            low, high = (lv.low or ZERO) * weight, (lv.high or ZERO) * weight
            shown = (f"{'[' if lv.low_closed else '('}{plain(low)}, {plain(high)}"
                     f"{']' if lv.high_closed else ')'}")
            raise DataProblem("D006", span, score=plain(value), level=level, range=shown)
        return value, level

    return score


def _checklist(rule: m.Checklist, weight: Decimal, slots) -> Step:
    items = tuple((compile_expr(item.condition, slots), item.points, i)
                  for i, item in enumerate(rule.items))

    def score(s: list) -> tuple:
        total = ZERO
        met = []
        for condition, points, i in items:
            if condition(s):
                total += points
                met.append(i)
        return total, tuple(met)

    return score


def _target(rule: m.Target, weight: Decimal, slots) -> Step:
    actual_of, target_of = compile_expr(rule.actual, slots), compile_expr(rule.target, slots)
    op = rule.op

    def score(s: list) -> tuple:
        actual, target = actual_of(s), target_of(s)
        if op == ">=":
            if actual >= target:
                return weight, True
            return (actual / target * weight if target > 0 else ZERO), False
        if op == "<=":
            if actual <= target:
                return weight, True
            return (target / actual * weight if actual > 0 else ZERO), False
        if actual == target:
            return weight, True
        if target == 0:
            return ZERO, False
        return (ONE - abs(actual - target) / abs(target)) * weight, False

    return score


_RULES: dict[type, Callable[..., Step]] = {
    m.FullIf: _full_if, m.Proportional: _proportional, m.Formula: _formula, m.Bands: _bands,
    m.Stepwise: _stepwise, m.Findings: _findings, m.Deductions: _deductions, m.Levels: _levels,
    m.Judged: _judged, m.Checklist: _checklist, m.Target: _target,
}


# --- The plan and the run ---------------------------------------------------------------------

@attrs.frozen
class Plan:
    graph: Graph
    slots: dict[str, int]
    inputs: tuple[tuple[int, str], ...]  # (slot, name) of every input
    values: tuple[tuple[int, Step, Span], ...]  # derived and indicator values, in order
    # (rule, weight, the weight to 0.01, fallback)
    indicators: tuple[tuple[Step, Decimal, Decimal, Decimal | None], ...]
    grades: tuple[tuple[str, Decimal | None, bool], ...]


def plan(graph: Graph) -> Plan:
    """Closures for every value and rule of the graph: the compiled form `run` executes."""
    slots = graph.slots()
    values = tuple((v.slot, compile_expr(v.expr, slots), v.span)
                   for v in graph.values if v.expr is not None)
    indicators = tuple((compile_rule(n.indicator.rule, n.indicator.weight, slots),
                        n.indicator.weight, n.indicator.weight.quantize(CENT, ROUND_HALF_UP),
                        _bounded(n.indicator.fallback, n.indicator.weight))
                       for n in graph.indicators)
    inputs = tuple((v.slot, v.name) for v in graph.values if v.kind == "input")
    grades = tuple((g.name, g.minimum, g.inclusive) for g in graph.rubric.grades)
    return Plan(graph=graph, slots=slots, inputs=inputs, values=values, indicators=indicators,
                grades=grades)


def run(plan: Plan, figures: dict[str, Any], input_problems: tuple[Diagnostic, ...] = ()) -> Result:
    """Score one unit. `figures` maps every input name to a checked value or `Unavailable`."""
    slots: list[Any] = [None] * len(plan.slots)
    for slot, name in plan.inputs:
        slots[slot] = figures[name]
    problems: dict[int, Diagnostic] = {}
    # Our own context for the run, whatever the caller's is; set and restored rather than copied
    # (localcontext copies the context on every call, which costs more than a small unit's scoring).
    previous = decimal.getcontext()
    decimal.setcontext(CONTEXT)
    try:
        for slot, compute, span in plan.values:
            try:
                slots[slot] = compute(slots)
            except DataProblem as problem:
                slots[slot] = Unavailable(problem)
            except ArithmeticError as error:
                slots[slot] = Unavailable(DataProblem("D008", span, reason=str(error),
                                                      reason_zh=str(error)))
        scores: list[Decimal] = []
        details: list[Any] = []
        raws: list[Any] = []
        for index, (rule, weight, full, fallback) in enumerate(plan.indicators):
            try:
                raw, detail = rule(slots)
                if raw >= weight:
                    score = full
                elif raw <= ZERO:
                    score = NIL
                else:
                    score = raw.quantize(CENT, ROUND_HALF_UP)
            except DataProblem as problem:
                raw, detail, score = None, None, fallback if fallback is not None else NIL
                problems[index] = _indicator_problem(plan, index, problem)
            except (ArithmeticError, TypeError, KeyError) as error:
                raw, detail, score = None, None, fallback if fallback is not None else NIL
                problems[index] = _indicator_problem(
                    plan, index, DataProblem("D008", None, reason=str(error), reason_zh=str(error)))
            scores.append(score)
            details.append(detail)
            raws.append(raw)
        total = sum(scores, NIL)
    finally:
        decimal.setcontext(previous)
    grade = ""  # only when a total is below every grade, which the checks rule out
    for name, minimum, inclusive in plan.grades:
        if minimum is None or total > minimum or (inclusive and total == minimum):
            grade = name
            break
    return Result(plan.graph, slots, scores, raws, details, problems, total, grade, input_problems)


def _bounded(fallback: Decimal | None, weight: Decimal) -> Decimal | None:
    """A fallback score as scores are: within [0, weight], to 0.01 (the checks reject others)."""
    if fallback is None:
        return None
    return min(max(fallback, ZERO), weight).quantize(CENT, ROUND_HALF_UP)


def _indicator_problem(plan: Plan, index: int, problem: DataProblem) -> Diagnostic:
    indicator = plan.graph.indicators[index].indicator
    fallback = indicator.fallback
    args: dict[str, Any] = {"indicator": indicator.name}
    if fallback is not None:
        args["fallback_en"] = f"scored {plain(fallback)} as the rubric's fallback says"
        args["fallback_zh"] = f"按评价体系规定的异常得分计 {plain(fallback)} 分"
    else:
        args["fallback_en"] = ("scored 0; give the indicator a `fallback N` to score such a "
                               "case otherwise")
        args["fallback_zh"] = "计 0 分；可用 `异常得分 N` 规定此时的得分"
    if problem.code in ("D005", "D006"):
        return problem.diagnostic(**args)
    if problem.code == "D008":
        return problem.diagnostic(**args) if problem.span is not None else Diagnostic(
            "D008", indicator.span, {**problem.args_, **args})
    # A missing, malformed or out-of-range figure: say which, at the indicator.
    cause = problem.diagnostic()
    reason = cause.message("en")
    return Diagnostic("D008", indicator.span, {**args, "reason": reason,
                                               "reason_zh": cause.message("zh")})


