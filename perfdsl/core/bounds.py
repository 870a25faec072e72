"""Pass 5 — bounds: interval analysis of the lowered program, from the inputs' declared ranges.

Expects a `perfdsl.core.ir.Program` lowered from a checked model. Every number the program
computes is given an interval with exact decimal ends, open or closed (`范围 > 0` is not
`范围 ≥ 0`), or ±∞ where nothing bounds it; every condition is known true, known false, or
either. Conditions narrow what they test in the branch they guard, so `如果 t ≠ 0 则 a / t 否则 0`
divides by no interval holding 0. From those it reports:

- band tables: a row no value of the subject can reach (E601), a row wholly covered by the rows
  before it — first match wins, so it never applies (E602) — and values that fall in no row when
  there is no `else` row (E603), respecting ≥ against >;
- a division whose divisor's range includes 0, read by an indicator without a fallback (W601);
- a fallback outside [0, weight] (E604);
- each indicator's raw score, the interval of its lowered `raw` expression: where it can leave
  [0, weight] on a side its kind's meaning does not floor or cap (`perfdsl.core.kinds`), which
  bound fails (W602); a deduction that can exceed the weight is only a note (N601: 扣完为止).

Nothing here knows what a rule kind computes: the bound of every kind is the interval of its
lowering. The analysis is sound, not complete: every value the evaluator can compute from figures
within the declared ranges lies in the interval found (tests/test_bounds.py checks this on random
rubrics), but an interval may be wider than the values really reached (`x − x` is [−10, 10] for
x in [0, 10]); `perfdsl verify` then searches for figures that break the bound. Every final score
is clamped to [0, weight] whatever this pass says; what it proves is that the rubric does not
rely on that clamp where its author did not mean it to.
"""


from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.core import ir, kinds
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


# --- The analysis -----------------------------------------------------------------------------

Key = tuple[str, Any]  # ("slot", index) or ("local", name): what a condition can narrow
Env = dict[Key, Interval]  # what the conditions around an expression say of the values they test


@attrs.define
class _Reached:
    """What analysing one expression touched: divisions by a range holding 0, slots read."""

    divisions: dict[int, ir.Arith] = attrs.field(factory=dict)
    slots: dict[int, None] = attrs.field(factory=dict)


def _key(node: ir.Expr) -> Key | None:
    if isinstance(node, ir.Slot):
        return ("slot", node.index)
    if isinstance(node, ir.Local):
        return ("local", node.name)
    return None


_NONZERO = "nonzero"  # an Env entry ("nonzero", key): the value is known not to be 0


class _Analysis:
    def __init__(self, program: ir.Program):
        self.program = program
        self.slots: dict[int, Interval | frozenset] = {}
        self.own: dict[int, _Reached] = {}  # what each computed value's expression reached
        self.closure: dict[int, dict[int, ir.Arith]] = {}
        for item in program.inputs:
            self.slots[item.slot] = input_interval(item.bounds) if item.type.is_quantity \
                else EITHER if item.type.kind == "bool" else EVERYTHING
            self.own[item.slot] = _Reached()
        self.locals: dict[str, Interval | frozenset] = {}
        self.divisors: dict[int, tuple[ir.Arith, Interval]] = {}  # divisions whose range holds 0
        self.reached = _Reached()
        # Values in the program's order: each is analysed once, after what it reads.
        for value in program.values:
            self.reached = _Reached()
            self.slots[value.slot] = self.visit(value.expr, {})
            self.own[value.slot] = self.reached
        self.reached = _Reached()

    def divisions_of(self, reached: _Reached) -> dict[int, ir.Arith]:
        out = dict(reached.divisions)
        for slot in reached.slots:
            out.update(self.slot_divisions(slot))
        return out

    def slot_divisions(self, slot: int) -> dict[int, ir.Arith]:
        if slot not in self.closure:
            own = self.own[slot]
            out = dict(own.divisions)
            for read in own.slots:
                if read != slot:
                    out.update(self.slot_divisions(read))
            self.closure[slot] = out
        return self.closure[slot]

    # Numbers
    def read(self, node: ir.Slot | ir.Local) -> Interval | frozenset:
        if isinstance(node, ir.Slot):
            self.reached.slots[node.index] = None
            return self.slots.get(node.index, EVERYTHING)
        return self.locals.get(node.name, EVERYTHING)

    def interval(self, node: ir.Expr, env: Env) -> Interval:
        if isinstance(node, ir.Const):
            value = node.value
            if isinstance(value, Decimal):
                return point(value)
            return EVERYTHING
        if isinstance(node, (ir.Slot, ir.Local)):
            found = self.read(node)
            if not isinstance(found, Interval):
                return EVERYTHING
            key = _key(node)
            return found.intersect(env[key]) if key in env else found
        if isinstance(node, ir.Neg):
            return negate(self.interval(node.operand, env))
        if isinstance(node, ir.If):
            return hull(self.branches(node, env, self.interval))
        if isinstance(node, ir.Min):
            return _min([self.interval(a, env) for a in node.args])
        if isinstance(node, ir.Max):
            args = node.args
            # max(x, −x) is |x| (how `abs` lowers): its interval is |x|'s, not the hull's.
            if len(args) == 2 and isinstance(args[1], ir.Neg) and args[1].operand is args[0]:
                return _abs(self.interval(args[0], env))
            return _max([self.interval(a, env) for a in args])
        if isinstance(node, (ir.Floor, ir.Ceil)):
            inner = self.interval(node.operand, env)
            how = ROUND_FLOOR if isinstance(node, ir.Floor) else ROUND_CEILING
            return EMPTY if inner.empty else span(
                *(x if x.is_infinite() else x.to_integral_value(how) for x in (inner.lo, inner.hi)))
        if isinstance(node, ir.Fail):
            return EMPTY  # no value comes out of a data problem
        if isinstance(node, ir.Arith):
            a, b = self.interval(node.left, env), self.interval(node.right, env)
            if node.op == "+":
                return add(a, b)
            if node.op == "-":
                return add(a, negate(b))
            if node.op == "*":
                return multiply(a, b)
            if ("nonzero", _key(node.right)) in env:
                b = _without_zero(b)
            if not b.empty and b.contains(ZERO):
                self.reached.divisions[id(node)] = node
                self.divisors.setdefault(id(node), (node, b))
            return divide(a, b)
        return EVERYTHING  # not a number: the resolver has said so

    def branches(self, node: ir.If, env: Env, analyse):
        outcomes = self.truth(node.condition, env)
        out = []
        if True in outcomes:
            out.append(analyse(node.then, self.narrow(node.condition, True, env)))
        if False in outcomes:
            out.append(analyse(node.otherwise, self.narrow(node.condition, False, env)))
        return out

    # Conditions
    def truth(self, node: ir.Expr, env: Env) -> frozenset:
        if isinstance(node, ir.Const):
            return frozenset({node.value}) if isinstance(node.value, bool) else EITHER
        if isinstance(node, (ir.Slot, ir.Local)):
            found = self.read(node)
            return found if isinstance(found, frozenset) else EITHER
        if isinstance(node, ir.Not):
            return frozenset(not x for x in self.truth(node.operand, env))
        if isinstance(node, ir.If):
            out: frozenset = frozenset()
            for outcome in self.branches(node, env, self.truth):
                out |= outcome
            return out
        if isinstance(node, (ir.And, ir.Or)):
            left = self.truth(node.left, env)
            # Evaluation stops early (and/or), so the right side only runs where the left
            # allows it: `b > 0 and a / b > 1` never divides by 0.
            goes_on = isinstance(node, ir.And)
            if goes_on not in left:
                return left
            right = self.truth(node.right, self.narrow(node.left, goes_on, env))
            return (frozenset({not goes_on}) & left) | right
        if isinstance(node, ir.Cmp):
            a, b = self.visit(node.left, env), self.visit(node.right, env)
            if isinstance(a, Interval) and isinstance(b, Interval) and _numeric(node.left) \
                    and _numeric(node.right):
                return _compare(node.op, a, b)
            return EITHER
        if isinstance(node, ir.Fail):
            return frozenset()
        self.visit(node, env)
        return EITHER

    def visit(self, node: ir.Expr, env: Env) -> Interval | frozenset:
        if _boolean(node):
            return self.truth(node, env)
        if isinstance(node, ir.Items):
            for item in node.items:
                self.visit(item, env)
            return EVERYTHING
        return self.interval(node, env)

    def narrow(self, condition: ir.Expr, outcome: bool, env: Env) -> Env:
        """`env` with what `condition` having `outcome` says about the values it compares."""
        if isinstance(condition, ir.Not):
            return self.narrow(condition.operand, not outcome, env)
        if isinstance(condition, (ir.And, ir.Or)):
            if outcome != isinstance(condition, ir.And):
                return env  # `a and b` false, `a or b` true: either side may be the reason
            return self.narrow(condition.right, outcome, self.narrow(condition.left, outcome, env))
        if not isinstance(condition, ir.Cmp) or not (_numeric(condition.left)
                                                     and _numeric(condition.right)):
            return env
        op = condition.op if outcome else _NEGATED[condition.op]
        out = dict(env)
        for side, other, op_here in ((condition.left, condition.right, op),
                                     (condition.right, condition.left, _FLIPPED[op])):
            key = _key(side)
            if key is None:
                continue
            bound = self.interval(other, env)
            out[key] = out.get(key, EVERYTHING).intersect(_constraint(op_here, bound))
            if op_here == "!=" and bound.lo == bound.hi == 0:
                out[("nonzero", key)] = EVERYTHING  # `t ≠ 0`: a division by t is safe here
        return out

    # Indicators
    def indicator(self, indicator: ir.Indicator, rule: Any, name: str,
                  readers: dict[int, list[tuple[ir.Indicator, str]]],
                  diagnostics: list[Diagnostic]) -> Interval:
        self.reached = _Reached()
        self.locals = {}
        if indicator.value_slot is not None:
            self.reached.slots[indicator.value_slot] = None
        for step, expr in indicator.locals:
            self.locals[step] = self.visit(expr, {})
        raw = self.interval(indicator.raw, {})
        for key in self.divisions_of(self.reached):
            readers.setdefault(key, []).append((indicator, name))
        return raw


def _boolean(node: ir.Expr) -> bool:
    return isinstance(node, (ir.Cmp, ir.And, ir.Or, ir.Not)) or (
        isinstance(node, ir.Const) and isinstance(node.value, bool))


def _numeric(node: ir.Expr) -> bool:
    type_ = getattr(node, "type", None)
    if type_ is not None:
        return type_.is_quantity
    if isinstance(node, ir.Const):
        return isinstance(node.value, Decimal)
    return not _boolean(node) and not isinstance(node, ir.Items)


def _without_zero(a: Interval) -> Interval:
    """The interval with 0 taken from an end (an interior 0 cannot be taken out of one)."""
    if a.lo == 0 and a.lo_closed:
        return Interval(a.lo, a.hi, False, a.hi_closed)
    if a.hi == 0 and a.hi_closed:
        return Interval(a.lo, a.hi, a.lo_closed, False)
    if a.contains(ZERO):
        return EMPTY if a.lo == a.hi else a.intersect(span(ZERO, INF, False)) \
            if a.lo >= 0 else a
    return a


def input_interval(bounds) -> Interval:
    """The values a declared range allows (everything when none is declared)."""
    result = EVERYTHING
    for bound in bounds:
        if bound.op in (">=", ">"):
            result = result.intersect(span(bound.value, INF, bound.op == ">="))
        elif bound.op in ("<=", "<"):
            result = result.intersect(span(NEG_INF, bound.value, True, bound.op == "<="))
        elif bound.op == "=":
            result = result.intersect(point(bound.value))
    return result


def analyse(rubric: m.Rubric, program: ir.Program) -> list[Diagnostic]:
    """Every band, division and bound problem of the rubric, in the order written."""
    analysis = _Analysis(program)
    diagnostics: list[Diagnostic] = []
    readers: dict[int, list[tuple[ir.Indicator, str]]] = {}
    for indicator, model in zip(program.indicators, rubric.indicators):
        raw = analysis.indicator(indicator, model.rule, model.name, readers, diagnostics)
        if model.fallback is not None and not ZERO <= model.fallback <= model.weight:
            diagnostics.append(Diagnostic("E604", model.span, {
                "indicator": model.name, "fallback": plain(model.fallback),
                "weight": plain(model.weight)}))
        if isinstance(model.rule, m.Bands):
            subject = analysis.locals.get("subject")
            _bands(model, model.rule, subject if isinstance(subject, Interval) else EVERYTHING,
                   diagnostics)
        _raw_bound(indicator, model, raw, diagnostics)
    _zero_divisors(analysis, readers, diagnostics)
    diagnostics += checks(program)
    return diagnostics


def checks(program: ir.Program) -> list[Diagnostic]:
    """Each consistency check proven or refuted from the inputs' ranges: N701 where every figure
    within them satisfies it, E701 where none can. The rest are evaluated at audit time."""
    analysis = _Analysis(program)
    out = []
    for check in program.checks:
        analysis.locals = {}
        truth = analysis.truth(check.expr, {})
        text = check.label or " ".join(check.span.text.split()[1:])
        if truth == TRUE:
            out.append(Diagnostic("N701", check.span, {"check": text}))
        elif truth == FALSE:
            reason, reason_zh = "no figures within the declared ranges satisfy it", \
                "声明范围内的任何数据都不满足它"
            if check.left is not None and check.right is not None:
                sides = [analysis.interval(side, {}) for side in (check.left, check.right)]
                percent = any(getattr(getattr(side, "type", None), "display", "") == "percent"
                              for side in (check.left, check.right))
                left, right = (s.text(percent) for s in sides)
                reason = f"the left side lies in {left}, the right in {right}"
                reason_zh = f"左边的取值范围为 {left}，右边为 {right}"
            out.append(Diagnostic("E701", check.span, {"check": text, "reason": reason,
                                                       "reason_zh": reason_zh}))
    return out


def _raw_bound(indicator: ir.Indicator, model: m.Indicator, raw: Interval,
               diagnostics: list[Diagnostic]) -> None:
    """W602 where the raw score may leave [0, weight] on a side its kind does not mean to;
    N601 where a deduction may exceed the weight (it floors at 0: 扣完为止)."""
    meaning = kinds.BY_NAME[indicator.kind].clamp_of(model.rule)
    if raw.empty or meaning is None:
        return
    below, above = meaning
    w = model.weight
    low_fails = below == kinds.WARN and raw.lo < 0
    high_fails = above == kinds.WARN and raw.hi > w
    if low_fails or high_fails:
        en, zh = [], []
        if low_fails:
            en.append(f"lower bound {_show(raw.lo)} < 0")
            zh.append(f"下限 {_show(raw.lo)} < 0")
        if high_fails:
            en.append(f"upper bound {_show(raw.hi)} > {plain(w)}")
            zh.append(f"上限 {_show(raw.hi)} > {plain(w)}")
        diagnostics.append(Diagnostic("W602", model.rule.span, {
            "indicator": model.name, "weight": plain(w), "bound": "; ".join(en),
            "bound_zh": "；".join(zh), "range": raw.text()}))
    deducts = any(name == "deduction" for name, _ in indicator.locals)
    if below == kinds.FLOOR and raw.lo < 0 and deducts:
        diagnostics.append(Diagnostic("N601", model.rule.span, {
            "indicator": model.name, "most": _show(w - raw.lo).lstrip("+"), "weight": plain(w)}))


def _bands(ind: m.Indicator, rule: m.Bands, subject: Interval,
           diagnostics: list[Diagnostic]) -> None:
    """The band table against the subject's interval: unreachable rows, covered rows, gaps."""
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
            diagnostics.append(Diagnostic("E601", band.span, {
                "row": number, "subject": rule.subject.span.text,
                "range": subject.text(percent), "interval": row.text(percent)}))
            continue
        # An `else` row left with nothing is a harmless safety net, not a mistake.
        if not catch_all and all(piece.intersect(reach).empty for piece in left):
            above = [str(i) for i, r in enumerate(reaches[:-1], start=1)
                     if not r.intersect(reach).empty]
            diagnostics.append(Diagnostic("E602", band.span, {
                "row": number, "interval": reach.text(percent), "rows": ", ".join(above),
                "rows_zh": "、".join(above)}))
        left = subtract(left, reach)
    if not has_else and left:
        diagnostics.append(Diagnostic("E603", rule.span, {
            "subject": rule.subject.span.text, "indicator": ind.name,
            "gaps": ", ".join(p.text(percent) for p in left), "range": subject.text(percent)}))


def _zero_divisors(analysis: _Analysis, readers, diagnostics: list[Diagnostic]) -> None:
    for key, found in readers.items():
        without = list(dict.fromkeys(name for indicator, name in found
                                     if indicator.fallback is None))
        if not without:
            continue
        division, divisor = analysis.divisors[key]
        span_ = division.span if division.span is not None else (
            division.problem.span if division.problem is not None else None)
        divisor_text = dict(division.problem.args).get("divisor", "") if division.problem else ""
        right_type = getattr(division.right, "type", None)
        diagnostics.append(Diagnostic("W601", span_, {
            "divisor": divisor_text,
            "range": divisor.text(right_type is not None and right_type.display == "percent"),
            # several indicators reading one quotient: `甲`, `乙` — one warning, not two
            "indicator": "`, `".join(without), "indicator_zh": "`、`".join(without)}))


def raw_intervals(program: ir.Program) -> list[Interval]:
    """Each indicator's raw score as the analysis bounds it, in the program's order."""
    analysis = _Analysis(program)
    out = []
    for indicator in program.indicators:
        analysis.reached = _Reached()
        analysis.locals = {}
        for step, expr in indicator.locals:
            analysis.locals[step] = analysis.visit(expr, {})
        out.append(analysis.interval(indicator.raw, {}))
    return out


def value_interval(program: ir.Program, name: str) -> Interval | None:
    """The interval of an input or value (None for yes/no, levels and text)."""
    analysis = _Analysis(program)
    slot = program.slot_names().get(name)
    found = analysis.slots.get(slot) if slot is not None else None
    return found if isinstance(found, Interval) else None


def total_intervals(program: ir.Program) -> tuple[list[Interval], Interval]:
    """Each group's subtotal and the total as the program computes them — sums of scores and
    subtotals, rescaled where what does not apply is shared out (`ir.Group.scale`) — from
    scores that lie in [0, weight] (they are clamped there). The total's upper end is the
    rubric's total: sharing out never gives more than the whole."""
    scores = [span(ZERO, i.weight) for i in program.indicators]
    groups: list[Interval] = [EMPTY] * len(program.groups)

    def summed(parts, scale) -> Interval:
        out = point(ZERO)
        for kind, index in parts:
            out = add(out, scores[index] if kind == "indicator" else groups[index])
        if scale is not None:
            out = divide(multiply(out, point(scale[0])), point(scale[1]))
            out = span(out.lo.quantize(Decimal("0.01"), ROUND_HALF_UP),
                       out.hi.quantize(Decimal("0.01"), ROUND_HALF_UP))
        return out

    for number in reversed(range(len(program.groups))):
        group = program.groups[number]
        groups[number] = summed(group.parts, group.scale)
    return groups, summed(program.top, program.total_scale)

