"""Pass 3b — bounds: interval analysis of the checked model, from the inputs' declared ranges.

Expects a `model.Rubric` that `resolve` and `check` passed. Every number the rubric computes is
given an interval with exact decimal ends, open or closed (`范围 > 0` is not `范围 ≥ 0`), or ±∞
where nothing bounds it; every condition is known true, known false, or either. From those it
reports:

- band tables: a row no value of the subject can reach (E601), a row wholly covered by the rows
  before it — first match wins, so it never applies (E602) — and values that fall in no row when
  there is no `else` row (E603), respecting ≥ against >;
- a division whose divisor's range includes 0, read by an indicator without a fallback (W601);
- a fallback outside [0, weight] (E604);
- each indicator's raw rule result, before the evaluator's clamp: where it can leave
  [0, weight] on a side the rule's meaning does not floor or cap (`CLAMP_MEANING`), which bound
  fails (W602); a deduction that can exceed the weight is only a note (N601: 扣完为止).

The analysis is sound, not complete: every value the evaluator can compute from figures within
the declared ranges lies in the interval found (tests/test_bounds.py checks this on random
rubrics), but an interval may be wider than the values really reached (`x − x` is [−10, 10] for
x in [0, 10]); `perfdsl verify` then searches for figures that break the bound. Every final score
is clamped to [0, weight] by the evaluator whatever this pass says; what it proves is that the
rubric does not rely on that clamp where its author did not mean it to.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

import attrs

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.formatting import plain

ZERO = Decimal(0)
INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

# Ends are rounded outwards, so an inexact quotient (1 ÷ 3) still gives a sound interval.
_DOWN = Context(prec=28, rounding=ROUND_FLOOR, traps=[])
_UP = Context(prec=28, rounding=ROUND_CEILING, traps=[])


# --- The interval domain ----------------------------------------------------------------------

@attrs.frozen
class Interval:
    """The numbers between `lo` and `hi` (±Infinity when unbounded), each end open or closed.
    Build with `span()`, which keeps an infinite end open."""

    lo: Decimal
    hi: Decimal
    lo_closed: bool
    hi_closed: bool

    @property
    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def contains(self, x: Decimal) -> bool:
        above = x > self.lo or (x == self.lo and self.lo_closed)
        below = x < self.hi or (x == self.hi and self.hi_closed)
        return above and below

    def intersect(self, other: Interval) -> Interval:
        lo, lo_closed = max((self.lo, not self.lo_closed), (other.lo, not other.lo_closed))
        hi, hi_closed = min((self.hi, self.hi_closed), (other.hi, other.hi_closed))
        return Interval(lo, hi, not lo_closed, hi_closed)

    def text(self, percent: bool = False) -> str:
        """`[0, 5)`, `(−∞, 10]`, `{90%}` — percentages as people write them when `percent`."""
        if self.empty:
            return "∅"
        lo, hi = _show(self.lo, percent), _show(self.hi, percent)
        if self.lo == self.hi:
            return f"{{{lo}}}"
        return f"{'[' if self.lo_closed else '('}{lo}, {hi}{']' if self.hi_closed else ')'}"


def span(lo: Decimal = NEG_INF, hi: Decimal = INF, lo_closed: bool = True,
         hi_closed: bool = True) -> Interval:
    """An interval; an infinite end is always open."""
    return Interval(lo, hi, lo_closed and lo.is_finite(), hi_closed and hi.is_finite())


def point(x: Decimal) -> Interval:
    return Interval(x, x, True, True)


EVERYTHING = span()
EMPTY = Interval(INF, NEG_INF, False, False)
NON_NEGATIVE = span(ZERO)

# A condition's possible outcomes.
TRUE, FALSE, EITHER = frozenset({True}), frozenset({False}), frozenset({True, False})


def hull(intervals: Iterable[Interval]) -> Interval:
    """The smallest interval holding all of them (EMPTY for none)."""
    live = [i for i in intervals if not i.empty]
    if not live:
        return EMPTY
    lo = min(i.lo for i in live)
    hi = max(i.hi for i in live)
    return Interval(lo, hi, any(i.lo_closed for i in live if i.lo == lo),
                    any(i.hi_closed for i in live if i.hi == hi))


def subtract(pieces: list[Interval], cut: Interval) -> list[Interval]:
    """`pieces` with `cut` taken out (each piece split into at most two)."""
    out = []
    for piece in pieces:
        if piece.intersect(cut).empty:
            out.append(piece)
            continue
        for rest in (span(NEG_INF, cut.lo, True, not cut.lo_closed),
                     span(cut.hi, INF, not cut.hi_closed, True)):
            left = piece.intersect(rest)
            if not left.empty:
                out.append(left)
    return out


def negate(a: Interval) -> Interval:
    return EMPTY if a.empty else Interval(-a.hi, -a.lo, a.hi_closed, a.lo_closed)


def add(a: Interval, b: Interval) -> Interval:
    if a.empty or b.empty:
        return EMPTY
    return span(_DOWN.add(a.lo, b.lo), _UP.add(a.hi, b.hi), a.lo_closed and b.lo_closed,
                a.hi_closed and b.hi_closed)


def multiply(a: Interval, b: Interval) -> Interval:
    if a.empty or b.empty:
        return EMPTY
    if _is_zero(a) or _is_zero(b):
        return point(ZERO)
    return _from_corners(_mul_corner(x, y) for x in _ends(a) for y in _ends(b))


def divide(a: Interval, b: Interval) -> Interval:
    """a ÷ b for the divisors in b other than 0 (a zero divisor is a data problem, not a value)."""
    if a.empty or b.empty:
        return EMPTY
    if _is_zero(a):
        return point(ZERO) if not _is_zero(b) else EMPTY
    parts = [b.intersect(span(NEG_INF, ZERO, True, False)), b.intersect(span(ZERO, INF, False))]
    return hull(_from_corners(_div_corner(x, y) for x in _ends(a) for y in _ends(part))
                for part in parts if not part.empty)


def _is_zero(a: Interval) -> bool:
    return a.lo == a.hi == 0


def _ends(a: Interval) -> tuple[tuple[Decimal, bool, int], ...]:
    # (value, closed, the side the interval's other values lie on: +1 above a low end)
    return ((a.lo, a.lo_closed, 1), (a.hi, a.hi_closed, -1))


def _sign(x: Decimal, side: int) -> int:
    return (x > 0) - (x < 0) or side


def _infinity(sign: int) -> tuple[Decimal, Decimal, bool]:
    value = INF if sign > 0 else NEG_INF
    return (value, value, False)


def _mul_corner(x, y) -> list[tuple[Decimal, Decimal, bool]]:
    """What x × y approaches at one corner of the box: (rounded down, rounded up, attained)."""
    (xv, xc, xs), (yv, yc, ys) = x, y
    if xv == 0 or yv == 0:
        out = [(ZERO, ZERO, (xv == 0 and xc) or (yv == 0 and yc))]
        if xv.is_infinite() or yv.is_infinite():  # 0 × ∞: small times huge is anything
            out.append(_infinity(_sign(xv, xs) * _sign(yv, ys)))
        return out
    if xv.is_infinite() or yv.is_infinite():
        return [_infinity(_sign(xv, xs) * _sign(yv, ys))]
    return [(_DOWN.multiply(xv, yv), _UP.multiply(xv, yv), xc and yc)]


def _div_corner(x, y) -> list[tuple[Decimal, Decimal, bool]]:
    """What x ÷ y approaches at one corner, for a divisor interval on one side of 0."""
    (xv, xc, xs), (yv, yc, ys) = x, y
    if yv.is_infinite():
        out = [(ZERO, ZERO, False)]
        if xv.is_infinite():
            out.append(_infinity(_sign(xv, xs) * _sign(yv, ys)))
        return out
    if yv == 0:  # an open end: divisors close to 0
        out = [(ZERO, ZERO, xc)] if xv == 0 else []
        return out + [_infinity(_sign(xv, xs) * ys)]
    if xv.is_infinite():
        return [_infinity(_sign(xv, xs) * _sign(yv, ys))]
    return [(_DOWN.divide(xv, yv), _UP.divide(xv, yv), xc and yc)]


def _from_corners(corners: Iterable[list[tuple[Decimal, Decimal, bool]]]) -> Interval:
    every = [c for corner in corners for c in corner]
    lo = min(c[0] for c in every)
    hi = max(c[1] for c in every)
    return span(lo, hi, any(c[2] for c in every if c[0] == lo),
                any(c[2] for c in every if c[1] == hi))


def _round(a: Interval, places: int) -> Interval:
    """round() is monotone: the rounded ends bound every rounded value."""
    if a.empty:
        return EMPTY
    exponent = Decimal(1).scaleb(-places)

    def r(x: Decimal) -> Decimal:
        return x if x.is_infinite() else x.quantize(exponent, ROUND_HALF_UP)

    return span(r(a.lo), r(a.hi))


def _abs(a: Interval) -> Interval:
    if a.empty:
        return EMPTY
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        return negate(a)
    top = max((-a.lo, a.lo_closed), (a.hi, a.hi_closed))
    return span(ZERO, top[0], True, top[1])


def _min(args: list[Interval]) -> Interval:
    if any(a.empty for a in args):
        return EMPTY
    lo = min(a.lo for a in args)
    hi = min(a.hi for a in args)
    return span(lo, hi, any(a.lo_closed for a in args if a.lo == lo),
                any(a.hi_closed for a in args if a.hi == hi))


def _max(args: list[Interval]) -> Interval:
    return negate(_min([negate(a) for a in args]))


def _compare(op: str, a: Interval, b: Interval) -> frozenset:
    """Whether `a op b` is true for every pair, false for every pair, or either."""
    if a.empty or b.empty:
        return frozenset()
    if op in (">", ">="):
        return _compare("<" if op == ">" else "<=", b, a)
    if op == "<":
        always = a.hi < b.lo or (a.hi == b.lo and not (a.hi_closed and b.lo_closed))
        never = a.lo >= b.hi
    elif op == "<=":
        always = a.hi <= b.lo
        never = a.lo > b.hi or (a.lo == b.hi and not (a.lo_closed and b.hi_closed))
    else:
        never = a.intersect(b).empty
        always = a.lo == a.hi == b.lo == b.hi
        if op == "!=":
            always, never = never, always
    return TRUE if always else FALSE if never else EITHER


_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


def _constraint(op: str, other: Interval) -> Interval:
    """The values x can take when `x op y` holds for some y in `other`."""
    if op == "<":
        return span(NEG_INF, other.hi, True, False)
    if op == "<=":
        return span(NEG_INF, other.hi, True, other.hi_closed)
    if op == ">":
        return span(other.lo, INF, False)
    if op == ">=":
        return span(other.lo, INF, other.lo_closed)
    if op == "=":
        return other
    return EVERYTHING


def _show(x: Decimal, percent: bool = False) -> str:
    if x.is_infinite():
        return "+∞" if x > 0 else "−∞"
    if percent:
        return plain(x * 100) + "%"
    return plain(x)


# --- What each rule means beyond [0, weight] --------------------------------------------------

WARN, FLOOR, CAP = "warn", "floor", "cap"

# (below 0, above the weight): `floor`/`cap` where the clamp is part of the rule's documented
# meaning — deductions stop at 0 (扣完为止), proportional and target scores stop at the weight
# (满分为止) — and `warn` where the rubric would be relying on the evaluator's clamp.
CLAMP_MEANING: dict[type, tuple[str, str]] = {
    m.Formula: (WARN, WARN),
    m.Proportional: (WARN, CAP),
    m.Target: (WARN, CAP),
    m.Stepwise: (FLOOR, WARN),
    m.Findings: (FLOOR, WARN),
    m.Deductions: (FLOOR, WARN),
}


def clamp_meaning(rule: m.Rule) -> tuple[str, str] | None:
    """How a rule's raw result may leave [0, weight]; None for rules that cannot."""
    if isinstance(rule, m.Target) and rule.op == "=":
        return (FLOOR, CAP)  # "zero at twice the target": the floor is the rule's meaning
    return CLAMP_MEANING.get(type(rule))


def relies_on_clamp(rule: m.Rule, raw: Decimal, weight: Decimal) -> bool:
    """Whether clamping this raw result to [0, weight] does more than the rule means (W603)."""
    meaning = clamp_meaning(rule)
    if meaning is None:
        return False
    below, above = meaning
    return (below == WARN and raw < 0) or (above == WARN and raw > weight)


# --- The analysis -----------------------------------------------------------------------------

@attrs.define
class _Reached:
    """What analysing one expression touched: divisions by a range holding 0, values read."""

    divisions: dict[int, m.Binary] = attrs.field(factory=dict)
    values: dict[str, None] = attrs.field(factory=dict)


Env = dict[str, Interval]  # names narrowed by the conditions around an expression


class _Analysis:
    def __init__(self, rubric: m.Rubric):
        self.rubric = rubric
        self.inputs = {d.name: input_interval(d) for d in rubric.inputs if d.type.is_quantity}
        self.exprs: dict[str, m.Expr] = {d.name: d.expr for d in rubric.derived}
        self.exprs.update({i.name: i.value for i in rubric.indicators if i.value is not None})
        self.memo: dict[str, Interval | frozenset] = {}
        self.own: dict[str, _Reached] = {}
        self.closure: dict[str, dict[int, m.Binary]] = {}
        self.divisors: dict[int, tuple[m.Binary, Interval]] = {}  # divisions whose range holds 0
        self.reached = _Reached()
        self.diagnostics: list[Diagnostic] = []

    # Values, analysed once each
    def value(self, name: str) -> Interval | frozenset:
        found = self.memo.get(name)
        if found is None:
            outer, self.reached = self.reached, _Reached()
            expr = self.exprs[name]
            found = self.visit(expr, {})
            self.memo[name], self.own[name] = found, self.reached
            self.reached = outer
        return found

    def divisions_of(self, reached: _Reached) -> dict[int, m.Binary]:
        out = dict(reached.divisions)
        for name in reached.values:
            out.update(self.value_divisions(name))
        return out

    def value_divisions(self, name: str) -> dict[int, m.Binary]:
        if name not in self.closure:
            self.closure[name] = self.divisions_of(self.own[name])
        return self.closure[name]

    # Numbers
    def interval(self, expr: m.Expr, env: Env) -> Interval:
        if isinstance(expr, m.Const):
            return point(expr.value) if not isinstance(expr.value, bool) else EVERYTHING
        if isinstance(expr, m.InputRef):
            found = self.inputs.get(expr.name, EVERYTHING)
            return found.intersect(env[expr.name]) if expr.name in env else found
        if isinstance(expr, m.ValueRef):
            self.reached.values[expr.name] = None
            found = self.value(expr.name)
            if not isinstance(found, Interval):
                return EVERYTHING
            return found.intersect(env[expr.name]) if expr.name in env else found
        if isinstance(expr, m.Unary):
            return negate(self.interval(expr.operand, env))
        if isinstance(expr, m.Cond):
            outcomes = self.truth(expr.condition, env)
            branches = []
            if True in outcomes:
                branches.append(self.interval(expr.then, self.narrow(expr.condition, True, env)))
            if False in outcomes:
                branches.append(self.interval(expr.otherwise,
                                              self.narrow(expr.condition, False, env)))
            return hull(branches)
        if isinstance(expr, m.Call):
            return self.call(expr, env)
        if isinstance(expr, m.Binary) and expr.op in ("+", "-", "*", "/"):
            a, b = self.interval(expr.left, env), self.interval(expr.right, env)
            if expr.op == "+":
                return add(a, b)
            if expr.op == "-":
                return add(a, negate(b))
            if expr.op == "*":
                return multiply(a, b)
            if not b.empty and b.contains(ZERO):
                self.reached.divisions[id(expr)] = expr
                self.divisors.setdefault(id(expr), (expr, b))
            return divide(a, b)
        return EVERYTHING  # not a number: the resolver has said so

    def call(self, expr: m.Call, env: Env) -> Interval:
        if expr.function == "round":
            places = expr.args[1].value if len(expr.args) == 2 else ZERO  # type: ignore[union-attr]
            return _round(self.interval(expr.args[0], env), int(places))
        args = [self.interval(a, env) for a in expr.args]
        if expr.function == "abs":
            return _abs(args[0])
        return _min(args) if expr.function == "min" else _max(args)

    # Conditions
    def truth(self, expr: m.Expr, env: Env) -> frozenset:
        if isinstance(expr, m.Const):
            return frozenset({expr.value}) if isinstance(expr.value, bool) else EITHER
        if isinstance(expr, m.ValueRef):
            self.reached.values[expr.name] = None
            found = self.value(expr.name)
            return found if isinstance(found, frozenset) else EITHER
        if isinstance(expr, m.Unary) and expr.op == "not":
            return frozenset(not x for x in self.truth(expr.operand, env))
        if isinstance(expr, m.Cond):
            outcomes = self.truth(expr.condition, env)
            out: frozenset = frozenset()
            if True in outcomes:
                out |= self.truth(expr.then, self.narrow(expr.condition, True, env))
            if False in outcomes:
                out |= self.truth(expr.otherwise, self.narrow(expr.condition, False, env))
            return out
        if isinstance(expr, m.Binary) and expr.op in ("and", "or"):
            left = self.truth(expr.left, env)
            # Evaluation stops early (and/or), so the right side only runs where the left
            # allows it: `b > 0 and a / b > 1` never divides by 0.
            goes_on = expr.op == "and"
            if goes_on not in left:
                return left
            right = self.truth(expr.right, self.narrow(expr.left, goes_on, env))
            stops = frozenset({not goes_on}) & left
            return stops | right
        if isinstance(expr, m.Binary) and expr.op in _NEGATED:
            if not (expr.left.type.is_quantity and expr.right.type.is_quantity):
                self.visit(expr.left, env), self.visit(expr.right, env)  # divisions inside
                return EITHER
            return _compare(expr.op, self.interval(expr.left, env),
                            self.interval(expr.right, env))
        self.interval(expr, env)
        return EITHER  # a yes/no input, a level

    def visit(self, expr: m.Expr, env: Env) -> Interval | frozenset:
        return self.truth(expr, env) if expr.type.kind == "bool" else self.interval(expr, env)

    def narrow(self, condition: m.Expr, outcome: bool, env: Env) -> Env:
        """`env` with what `condition` having `outcome` says about the names it compares."""
        if isinstance(condition, m.Unary) and condition.op == "not":
            return self.narrow(condition.operand, not outcome, env)
        if isinstance(condition, m.Binary) and condition.op in ("and", "or"):
            if outcome != (condition.op == "and"):
                return env  # `a and b` false, `a or b` true: either side may be the reason
            return self.narrow(condition.right, outcome, self.narrow(condition.left, outcome, env))
        if not (isinstance(condition, m.Binary) and condition.op in _NEGATED
                and condition.left.type.is_quantity and condition.right.type.is_quantity):
            return env
        op = condition.op if outcome else _NEGATED[condition.op]
        out = dict(env)
        for side, other, op_here in ((condition.left, condition.right, op),
                                     (condition.right, condition.left, _FLIPPED[op])):
            if isinstance(side, (m.InputRef, m.ValueRef)):
                limit = _constraint(op_here, self.interval(other, env))
                out[side.name] = out.get(side.name, EVERYTHING).intersect(limit)
        return out

    # Indicators
    def indicator(self, ind: m.Indicator, readers: dict[int, list[m.Indicator]]) -> None:
        self.reached = _Reached()
        if ind.value is not None:
            self.reached.values[ind.name] = None
            self.value(ind.name)
        raw = self.raw(ind)
        for key in self.divisions_of(self.reached):
            readers.setdefault(key, []).append(ind)
        if ind.fallback is not None and not ZERO <= ind.fallback <= ind.weight:
            self.diagnostics.append(Diagnostic("E604", ind.span, {
                "indicator": ind.name, "fallback": plain(ind.fallback), "weight": plain(ind.weight)}))
        meaning = clamp_meaning(ind.rule)
        if raw is None or raw.empty or meaning is None:
            return
        below, above = meaning
        w = ind.weight
        low_fails = below == WARN and raw.lo < 0
        high_fails = above == WARN and raw.hi > w
        if low_fails or high_fails:
            en, zh = [], []
            if low_fails:
                en.append(f"lower bound {_show(raw.lo)} < 0")
                zh.append(f"下限 {_show(raw.lo)} < 0")
            if high_fails:
                en.append(f"upper bound {_show(raw.hi)} > {plain(w)}")
                zh.append(f"上限 {_show(raw.hi)} > {plain(w)}")
            self.diagnostics.append(Diagnostic("W602", ind.rule.span, {
                "indicator": ind.name, "weight": plain(w), "bound": "; ".join(en),
                "bound_zh": "；".join(zh), "range": raw.text()}))
        if below == FLOOR and raw.lo < 0 and not isinstance(ind.rule, m.Target):
            self.diagnostics.append(Diagnostic("N601", ind.rule.span, {
                "indicator": ind.name, "most": _show(w - raw.lo).lstrip("+"), "weight": plain(w)}))

    def raw(self, ind: m.Indicator) -> Interval | None:
        """The interval of the rule's result before the clamp (None where it cannot leave
        [0, weight]: bands, levels, judged, checklist and all-or-nothing are checked elsewhere)."""
        rule, w = ind.rule, point(ind.weight)
        if isinstance(rule, m.Formula):
            return self.interval(rule.expr, {})
        if isinstance(rule, m.Proportional):
            return multiply(self.interval(rule.rate, {}), w)
        if isinstance(rule, m.Target):
            return self.target(rule, w)
        if isinstance(rule, m.Stepwise):
            subject, threshold = self.interval(rule.subject, {}), self.interval(rule.threshold, {})
            gap = add(threshold, negate(subject)) if rule.direction == "below" else \
                add(subject, negate(threshold))
            steps = divide(gap.intersect(NON_NEGATIVE), point(rule.step))
            if rule.mode != "exact" and not steps.empty:
                how = ROUND_FLOOR if rule.mode == "floor" else ROUND_CEILING
                steps = span(*(x if x.is_infinite() else x.to_integral_value(how)
                               for x in (steps.lo, steps.hi)))
            return add(w, negate(multiply(hull([steps, point(ZERO)]), point(rule.points))))
        if isinstance(rule, m.Findings):
            return add(w, negate(multiply(self.interval(rule.count, {}), point(rule.points))))
        if isinstance(rule, m.Deductions):
            outcomes = [self.truth(d.condition, {}) for d in rule.deductions]
            most = sum((d.points for d, o in zip(rule.deductions, outcomes) if True in o), ZERO)
            least = sum((d.points for d, o in zip(rule.deductions, outcomes) if o == TRUE), ZERO)
            return span(ind.weight - most, ind.weight - least)
        if isinstance(rule, m.Bands):
            self.bands(ind, rule)
            return None
        for expr in _rule_exprs(rule):  # the rest: only for the divisions inside
            self.visit(expr, {})
        return None

    def target(self, rule: m.Target, w: Interval) -> Interval:
        actual, target = self.interval(rule.actual, {}), self.interval(rule.target, {})
        if rule.op == "=":
            return span(NEG_INF, w.hi)  # (1 − |A − T| ÷ |T|) × W: floors at 0 by its meaning
        positive = span(ZERO, INF, False)
        if rule.op == ">=":  # A ÷ T × W when A < T and T > 0
            share = divide(actual, target.intersect(positive))
        else:  # T ÷ A × W when A > T and A > 0
            share = divide(target, actual.intersect(positive))
        return hull([w, point(ZERO), multiply(share, w).intersect(span(NEG_INF, w.hi))])

    def bands(self, ind: m.Indicator, rule: m.Bands) -> None:
        subject = self.interval(rule.subject, {})
        percent = rule.subject.type.display == "percent"
        left = [subject]
        reaches: list[Interval] = []
        has_else = False
        for number, band in enumerate(rule.bands, start=1):
            row = span(band.low if band.low is not None else NEG_INF,
                       band.high if band.high is not None else INF, band.low_closed,
                       band.high_closed)
            catch_all = band.low is None and band.high is None
            has_else |= catch_all
            reach = row.intersect(subject)
            reaches.append(reach)
            if reach.empty:
                self.diagnostics.append(Diagnostic("E601", band.span, {
                    "row": number, "subject": rule.subject.span.text,
                    "range": subject.text(percent), "interval": row.text(percent)}))
                continue
            # An `else` row left with nothing is a harmless safety net, not a mistake.
            if not catch_all and all(piece.intersect(reach).empty for piece in left):
                above = [str(i) for i, r in enumerate(reaches[:-1], start=1)
                         if not r.intersect(reach).empty]
                self.diagnostics.append(Diagnostic("E602", band.span, {
                    "row": number, "interval": reach.text(percent), "rows": ", ".join(above),
                    "rows_zh": "、".join(above)}))
            left = subtract(left, reach)
        if not has_else and left:
            self.diagnostics.append(Diagnostic("E603", rule.span, {
                "subject": rule.subject.span.text, "indicator": ind.name,
                "gaps": ", ".join(p.text(percent) for p in left),
                "range": subject.text(percent)}))

    def zero_divisors(self, readers: dict[int, list[m.Indicator]]) -> None:
        for key, indicators in readers.items():
            without = list(dict.fromkeys(i.name for i in indicators if i.fallback is None))
            if not without:
                continue
            division, divisor = self.divisors[key]
            self.diagnostics.append(Diagnostic("W601", division.span, {
                "divisor": division.right.span.text,
                "range": divisor.text(division.right.type.display == "percent"),
                # several indicators reading one quotient: `甲`, `乙` — one warning, not two
                "indicator": "`, `".join(without),
                "indicator_zh": "`、`".join(without)}))


def input_interval(decl: m.InputDecl) -> Interval:
    """The values an input's declared range allows (everything when it declares none)."""
    result = EVERYTHING
    for bound in decl.bounds:
        if bound.op in (">=", ">"):
            result = result.intersect(span(bound.value, INF, bound.op == ">="))
        elif bound.op in ("<=", "<"):
            result = result.intersect(span(NEG_INF, bound.value, True, bound.op == "<="))
        elif bound.op == "=":
            result = result.intersect(point(bound.value))
    return result


def _rule_exprs(rule: m.Rule):
    from perfdsl.checks.model import rule_exprs

    return list(rule_exprs(rule))


def analyse(rubric: m.Rubric) -> list[Diagnostic]:
    """Every band, division and bound problem of the rubric, in the order written."""
    analysis = _Analysis(rubric)
    readers: dict[int, list[m.Indicator]] = {}
    for indicator in rubric.indicators:
        analysis.indicator(indicator, readers)
    analysis.zero_divisors(readers)
    return analysis.diagnostics


def raw_intervals(rubric: m.Rubric) -> list[Interval | None]:
    """Each indicator's raw rule result as the analysis bounds it (None where the rule cannot
    leave [0, weight]), in the order of `rubric.indicators`."""
    analysis = _Analysis(rubric)
    out = []
    for indicator in rubric.indicators:
        analysis.reached = _Reached()
        out.append(analysis.raw(indicator))
    return out


def value_interval(rubric: m.Rubric, name: str) -> Interval | None:
    """The interval of an input or value (None for yes/no, levels and text)."""
    analysis = _Analysis(rubric)
    if name in analysis.inputs:
        return analysis.inputs[name]
    if name in analysis.exprs:
        found = analysis.value(name)
        return found if isinstance(found, Interval) else None
    return None
