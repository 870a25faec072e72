"""Pass 3b — bounds: interval analysis of the checked model, from the inputs' declared ranges.

Expects a `model.Rubric` that `resolve` and `check` passed. Reports, with exact intervals:

- band tables: a row no value of the subject can reach (E601), a row wholly covered by the rows
  before it — first match wins, so it never applies (E602) — and values that fall in no row when
  there is no `else` row (E603), respecting ≥ against >;
- a division whose divisor's range includes 0 in an indicator without a fallback (W601);
- each indicator's raw rule result: where it cannot be proven to lie in [0, weight] and the rule
  does not floor or cap by its meaning, which bound fails (W602); a deduction that can exceed
  the weight is a note (N601: it floors at 0, 扣完为止).

Every final score is clamped to [0, weight] by the evaluator whatever this pass says; what it
proves is that the rubric does not rely on that clamp where its author did not mean it to.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfdsl import model as m
from perfdsl.diagnostics import Diagnostic

ZERO = Decimal(0)


@attrs.frozen
class Interval:
    """[lo, hi] with open or closed ends; None is −∞ / +∞."""

    lo: Decimal | None
    hi: Decimal | None
    lo_closed: bool = True
    hi_closed: bool = True

    @property
    def empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def contains_zero(self) -> bool:
        return not self.intersect(Interval(ZERO, ZERO)).empty

    def intersect(self, other: Interval) -> Interval:
        lo, lo_closed = self.lo, self.lo_closed
        if other.lo is not None and (lo is None or other.lo > lo or (other.lo == lo and not other.lo_closed)):
            lo, lo_closed = other.lo, other.lo_closed
        hi, hi_closed = self.hi, self.hi_closed
        if other.hi is not None and (hi is None or other.hi < hi or (other.hi == hi and not other.hi_closed)):
            hi, hi_closed = other.hi, other.hi_closed
        return Interval(lo, hi, lo_closed, hi_closed)

    def text(self, percent: bool = False) -> str:
        def show(x: Decimal) -> str:
            if percent:
                return format((x * 100).normalize(), "f") + "%"
            return format(x.normalize(), "f") if x else "0"

        lo = "−∞" if self.lo is None else show(self.lo)
        hi = "+∞" if self.hi is None else show(self.hi)
        if self.lo is not None and self.lo == self.hi:
            return f"{{{lo}}}"
        return (f"{'[' if self.lo_closed and self.lo is not None else '('}{lo}, {hi}"
                f"{']' if self.hi_closed and self.hi is not None else ')'}")


EVERYTHING = Interval(None, None, False, False)


def subtract(pieces: list[Interval], cut: Interval) -> list[Interval]:
    """`pieces` with `cut` taken out (each piece split into at most two)."""
    out = []
    for piece in pieces:
        if piece.intersect(cut).empty:
            out.append(piece)
            continue
        if cut.lo is not None:
            left = piece.intersect(Interval(None, cut.lo, False, not cut.lo_closed))
            if not left.empty:
                out.append(left)
        if cut.hi is not None:
            right = piece.intersect(Interval(cut.hi, None, not cut.hi_closed, False))
            if not right.empty:
                out.append(right)
    return out


def _add(a, b):
    return None if a is None or b is None else a + b


class _Analysis:
    def __init__(self, rubric: m.Rubric):
        self.rubric = rubric
        self.inputs = {d.name: d for d in rubric.inputs}
        self.values: dict[str, m.Expr] = {d.name: d.expr for d in rubric.derived}
        self.values.update({i.name: i.value for i in rubric.indicators if i.value is not None})
        self.memo: dict[str, Interval | None] = {}
        self.zero_divisors: list[m.Binary] = []
        self.diagnostics: list[Diagnostic] = []

    # Intervals of expressions (None: not a number)
    def input_interval(self, decl: m.InputDecl) -> Interval | None:
        if not decl.type.is_quantity:
            return None
        result = EVERYTHING
        for bound in decl.bounds:
            if bound.op in (">=", ">"):
                result = result.intersect(Interval(bound.value, None, bound.op == ">=", False))
            elif bound.op in ("<=", "<"):
                result = result.intersect(Interval(None, bound.value, False, bound.op == "<="))
            elif bound.op == "=":
                result = result.intersect(Interval(bound.value, bound.value))
        return result

    def interval(self, expr: m.Expr) -> Interval | None:
        if isinstance(expr, m.Const):
            return None if isinstance(expr.value, bool) else Interval(expr.value, expr.value)
        if isinstance(expr, m.InputRef):
            return self.input_interval(self.inputs[expr.name])
        if isinstance(expr, m.ValueRef):
            if expr.name not in self.memo:
                self.memo[expr.name] = None
                self.memo[expr.name] = self.interval(self.values[expr.name])
            return self.memo[expr.name]
        if isinstance(expr, m.Unary):
            inner = self.interval(expr.operand)
            if expr.op != "-" or inner is None:
                return None
            return Interval(None if inner.hi is None else -inner.hi,
                            None if inner.lo is None else -inner.lo, inner.hi_closed, inner.lo_closed)
        if isinstance(expr, m.Cond):
            self.interval(expr.condition)
            a, b = self.interval(expr.then), self.interval(expr.otherwise)
            return None if a is None or b is None else _hull(a, b)
        if isinstance(expr, m.Call):
            args = [self.interval(a) for a in expr.args]
            if any(a is None for a in args):
                return None
            if expr.function == "abs":
                (a,) = args
                if a.lo is not None and a.lo >= 0:
                    return a
                if a.hi is not None and a.hi <= 0:
                    return Interval(-a.hi, None if a.lo is None else -a.lo)
                top = None if a.lo is None or a.hi is None else max(-a.lo, a.hi)
                return Interval(ZERO, top)
            if expr.function == "round":
                a = args[0]
                return Interval(a.lo, a.hi)  # rounding moves a value by at most half a unit;
                # the analysis stays on the safe side by ignoring that tiny widening
            lows, highs = [a.lo for a in args], [a.hi for a in args]
            known_lows = [x for x in lows if x is not None]
            known_highs = [x for x in highs if x is not None]
            if expr.function == "min":
                return Interval(None if None in lows else min(lows),
                                min(known_highs) if known_highs else None)
            return Interval(max(known_lows) if known_lows else None,
                            None if None in highs else max(highs))
        if isinstance(expr, m.Binary):
            left, right = self.interval(expr.left), self.interval(expr.right)
            if expr.op not in ("+", "-", "*", "/") or left is None or right is None:
                return None
            return self.arithmetic(expr, left, right)
        return None

    def arithmetic(self, expr: m.Binary, a: Interval, b: Interval) -> Interval:
        if expr.op == "+":
            return Interval(_add(a.lo, b.lo), _add(a.hi, b.hi), a.lo_closed and b.lo_closed,
                            a.hi_closed and b.hi_closed)
        if expr.op == "-":
            return Interval(_add(a.lo, None if b.hi is None else -b.hi),
                            _add(a.hi, None if b.lo is None else -b.lo),
                            a.lo_closed and b.hi_closed, a.hi_closed and b.lo_closed)
        if expr.op == "/":
            if b.contains_zero():
                # A zero divisor is a data problem (W601 says so), not a score: what the division
                # gives is what it gives for every other divisor in the range.
                self.zero_divisors.append(expr)
                if b.lo == 0:
                    b = Interval(b.lo, b.hi, False, b.hi_closed)
                elif b.hi == 0:
                    b = Interval(b.lo, b.hi, b.lo_closed, False)
                else:
                    return EVERYTHING
            return _product(a, _reciprocal(b))
        return _product(a, b)

    # Per indicator
    def indicator(self, ind: m.Indicator) -> None:
        before = len(self.zero_divisors)
        if ind.value is not None:
            self.memo.pop(ind.name, None)
            self.interval(m.ValueRef(name=ind.name, type=ind.value.type, span=ind.span))
        raw = self.raw(ind)
        divisions = self.zero_divisors[before:]
        if ind.fallback is None:
            for division in divisions:
                divisor = self.interval(division.right)
                self.diagnostics.append(Diagnostic("W601", division.span, {
                    "indicator": ind.name, "divisor": division.right.span.text,
                    "range": divisor.text() if divisor else "?"}))
        if ind.fallback is not None and not ZERO <= ind.fallback <= ind.weight:
            self.diagnostics.append(Diagnostic("E604", ind.span, {
                "indicator": ind.name, "fallback": _plain(ind.fallback), "weight": _plain(ind.weight)}))
        if raw is None:
            return
        kind, interval = raw
        w = ind.weight
        if kind == "deduction":
            if interval.hi is None or interval.hi > w:
                most = "∞" if interval.hi is None else _plain(interval.hi)
                self.diagnostics.append(Diagnostic("N601", ind.rule.span, {
                    "indicator": ind.name, "most": most, "weight": _plain(w)}))
            return
        low_fails = interval.lo is None or interval.lo < 0
        high_fails = kind == "formula" and (interval.hi is None or interval.hi > w)
        if low_fails or high_fails:
            bound = []
            if low_fails:
                bound.append(f"lower bound {'−∞' if interval.lo is None else _plain(interval.lo)} < 0")
            if high_fails:
                bound.append(f"upper bound {'+∞' if interval.hi is None else _plain(interval.hi)} > {_plain(w)}")
            self.diagnostics.append(Diagnostic("W602", ind.rule.span, {
                "indicator": ind.name, "weight": _plain(w), "bound": "; ".join(bound),
                "range": interval.text()}))

    def raw(self, ind: m.Indicator) -> tuple[str, Interval] | None:
        rule = ind.rule
        w = ind.weight
        if isinstance(rule, m.Formula):
            interval = self.interval(rule.expr)
            return None if interval is None else ("formula", interval)
        if isinstance(rule, m.Proportional):
            rate = self.interval(rule.rate)
            return None if rate is None else ("capped", _product(rate, Interval(w, w)))
        if isinstance(rule, m.Target):
            actual, target = self.interval(rule.actual), self.interval(rule.target)
            if actual is None or target is None:
                return None
            negative = (actual.lo is None or actual.lo < 0) or (target.lo is None or target.lo < 0)
            return ("capped", Interval(None if negative else ZERO, w))
        if isinstance(rule, m.Stepwise):
            subject, threshold = self.interval(rule.subject), self.interval(rule.threshold)
            if subject is None or threshold is None:
                return None
            gap = (Interval(_add(threshold.hi, None if subject.lo is None else -subject.lo), None)
                   if rule.direction == "below" else
                   Interval(_add(subject.hi, None if threshold.lo is None else -threshold.lo), None))
            most = None if gap.lo is None else max(gap.lo, ZERO) / rule.step * rule.points
            if most is not None and rule.mode == "ceil":
                most = (max(gap.lo, ZERO) / rule.step).to_integral_value("ROUND_CEILING") * rule.points
            return ("deduction", Interval(ZERO, most))
        if isinstance(rule, m.Findings):
            count = self.interval(rule.count)
            most = None if count is None or count.hi is None else max(count.hi, ZERO) * rule.points
            return ("deduction", Interval(ZERO, most))
        if isinstance(rule, m.Deductions):
            return ("deduction", Interval(ZERO, sum((d.points for d in rule.deductions), ZERO)))
        for expr in _conditions(rule):
            self.interval(expr)
        if isinstance(rule, m.Bands):
            self.bands(ind, rule)
        return None

    def bands(self, ind: m.Indicator, rule: m.Bands) -> None:
        subject = self.interval(rule.subject) or EVERYTHING
        percent = rule.subject.type.display == "percent"
        covered: list[Interval] = []
        left = [subject]
        has_else = False
        for number, band in enumerate(rule.bands, start=1):
            row = Interval(band.low, band.high, band.low_closed and band.low is not None,
                           band.high_closed and band.high is not None)
            if band.low is None and band.high is None:
                has_else = True
            reach = row.intersect(subject)
            if reach.empty:
                self.diagnostics.append(Diagnostic("E601", band.span, {
                    "row": number, "subject": rule.subject.span.text,
                    "range": subject.text(percent), "interval": row.text(percent)}))
                continue
            new = [p.intersect(reach) for p in left]
            new = [p for p in new if not p.empty]
            if not new:
                self.diagnostics.append(Diagnostic("E602", band.span, {
                    "row": number, "interval": reach.text(percent)}))
            for cut in [reach]:
                left = subtract(left, cut)
            covered.append(reach)
        if not has_else and left:
            gaps = ", ".join(p.text(percent) for p in left)
            self.diagnostics.append(Diagnostic("E603", rule.span, {
                "subject": rule.subject.span.text, "gaps": gaps, "indicator": ind.name}))


def _conditions(rule: m.Rule):
    from perfdsl.graph import rule_exprs

    return list(rule_exprs(rule))


def _reciprocal(b: Interval) -> Interval:
    """1 / b for an interval that excludes 0."""
    if b.lo is not None and (b.lo > 0 or (b.lo == 0 and not b.lo_closed)):
        return Interval(ZERO if b.hi is None else 1 / b.hi, None if b.lo == 0 else 1 / b.lo)
    if b.hi is not None and (b.hi < 0 or (b.hi == 0 and not b.hi_closed)):
        return Interval(None if b.hi == 0 else 1 / b.hi, ZERO if b.lo is None else 1 / b.lo)
    return EVERYTHING


def _product(a: Interval, b: Interval) -> Interval:
    corners = []
    for x in (a.lo, a.hi):
        for y in (b.lo, b.hi):
            if x is None or y is None:
                if (x == 0) or (y == 0):
                    corners.append(ZERO)
                    continue
                return _unbounded_product(a, b)
            corners.append(x * y)
    return Interval(min(corners), max(corners))


def _unbounded_product(a: Interval, b: Interval) -> Interval:
    """Both signs known non-negative keeps a lower bound; anything else is unbounded."""
    if a.lo is not None and a.lo >= 0 and b.lo is not None and b.lo >= 0:
        return Interval(a.lo * b.lo, None)
    return EVERYTHING


def _hull(a: Interval, b: Interval) -> Interval:
    lo = None if a.lo is None or b.lo is None else min(a.lo, b.lo)
    hi = None if a.hi is None or b.hi is None else max(a.hi, b.hi)
    return Interval(lo, hi)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def analyse(rubric: m.Rubric) -> list[Diagnostic]:
    """Every band, division and bound problem of the rubric, in the order written."""
    analysis = _Analysis(rubric)
    for indicator in rubric.indicators:
        analysis.indicator(indicator)
    return analysis.diagnostics


def raw_interval(rubric: m.Rubric, indicator: m.Indicator) -> tuple[str, Interval] | None:
    """The interval of an indicator's raw rule result, and whether it is a formula, a capped
    rule or a deduction (for `perfdsl verify`)."""
    return _Analysis(rubric).raw(indicator)
