"""The reference interpreter: the core IR evaluated node by node, with exact numbers.

Expects a `perfdsl.core.ir.Program` and a unit's checked figures (typed values, or `Unavailable`
where a figure is missing or bad). Guarantees the meaning of the program, exactly: numbers are
Decimals, or Fractions where a quotient does not terminate (`perfdsl.core.exact`); nothing is
rounded but each score, once, half up to 0.01 after the clamp to [0, weight]. A data problem (a
zero divisor, an unusable figure, a level outside its scale, a judged score outside its range)
is confined to the values and indicators that need it.

The generated Python (`perfdsl.backends.codegen`) is the fast way to run a program and must
agree with this one on every score, value and problem (tests/test_backends.py); this one also
computes each indicator's named steps for its outcome record, on demand, and traces.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from perfdsl.core import exact, ir
from perfdsl.core.values import DataProblem, Unavailable
from perfdsl.diagnostics import InternalError


class Evaluator:
    """Evaluates expressions over the slots of one unit (and one indicator's steps)."""

    def __init__(self, slots: Sequence[Any]):
        self.slots = slots
        self.locals: dict[str, Any] = {}

    def __call__(self, node: ir.Expr) -> Any:
        return _EVAL[type(node)](self, node)

    def const(self, node: ir.Const) -> Any:
        return node.value

    def slot(self, node: ir.Slot) -> Any:
        # An unavailable value raises its problem where it is used, not where it is read, so
        # `令 y = x` is as unavailable as x, and which problem an expression reports when two
        # of its figures are bad is the same in every backend: the divisor first, then left
        # to right.
        return self.slots[node.index]

    def local(self, node: ir.Local) -> Any:
        return self.locals[node.name]

    def arith(self, node: ir.Arith) -> Any:
        left, right = self(node.left), self(node.right)
        if node.op == "/" and isinstance(right, Unavailable):
            raise right.problem
        if node.op != "/" or right != 0:
            for operand in (left, right):
                if isinstance(operand, Unavailable):
                    raise operand.problem
        if node.op == "+":
            return exact.add(left, right)
        if node.op == "-":
            return exact.subtract(left, right)
        if node.op == "*":
            return exact.multiply(left, right)
        if right == 0:
            problem = node.problem
            if problem is None:
                raise InternalError("a division with no zero-divisor problem met a zero divisor")
            raise DataProblem(problem.code, problem.span, **problem.arguments())
        return exact.divide(left, right)

    def neg(self, node: ir.Neg) -> Any:
        return exact.negate(self(node.operand))

    def cmp(self, node: ir.Cmp) -> bool:
        return _COMPARE[node.op](self(node.left), self(node.right))

    def and_(self, node: ir.And) -> bool:
        return bool(self(node.left)) and bool(self(node.right))

    def or_(self, node: ir.Or) -> bool:
        return bool(self(node.left)) or bool(self(node.right))

    def not_(self, node: ir.Not) -> bool:
        return not self(node.operand)

    def if_(self, node: ir.If) -> Any:
        return self(node.then) if self(node.condition) else self(node.otherwise)

    def min_(self, node: ir.Min) -> Any:
        return min(self(a) for a in node.args)

    def max_(self, node: ir.Max) -> Any:
        return max(self(a) for a in node.args)

    def floor(self, node: ir.Floor) -> Decimal:
        return exact.floor(self(node.operand))

    def ceil(self, node: ir.Ceil) -> Decimal:
        return exact.ceil(self(node.operand))

    def fail(self, node: ir.Fail) -> Any:
        problem = node.problem
        facts = {name: _fact(self(expr)) for name, expr in node.facts}
        raise DataProblem(problem.code, problem.span, **problem.arguments(), **facts)

    def items(self, node: ir.Items) -> tuple:
        return tuple(self(item) for item in node.items)

    def steps(self, indicator: ir.Indicator) -> dict[str, Any]:
        """Every named step of an indicator's rule, in order (raises its data problem)."""
        self.locals = {}
        for name, expr in indicator.locals:
            self.locals[name] = self(expr)
        return self.locals


def _eq(a: Any, b: Any) -> bool:
    return a == b


def _ne(a: Any, b: Any) -> bool:
    return a != b


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b, "=": _eq, "!=": _ne,
}

_EVAL: dict[type, Callable[[Evaluator, Any], Any]] = {
    ir.Const: Evaluator.const, ir.Slot: Evaluator.slot, ir.Local: Evaluator.local,
    ir.Arith: Evaluator.arith, ir.Neg: Evaluator.neg, ir.Cmp: Evaluator.cmp,
    ir.And: Evaluator.and_, ir.Or: Evaluator.or_, ir.Not: Evaluator.not_, ir.If: Evaluator.if_,
    ir.Min: Evaluator.min_, ir.Max: Evaluator.max_, ir.Floor: Evaluator.floor,
    ir.Ceil: Evaluator.ceil, ir.Fail: Evaluator.fail, ir.Items: Evaluator.items,
}


def values(program: ir.Program, inputs: Sequence[Any]) -> list[Any]:
    """Every slot of the unit: the inputs as given, each computed value in order (or
    `Unavailable` with the problem that stopped it)."""
    slots: list[Any] = [None] * program.slot_count
    for item, value in zip(program.inputs, inputs):
        slots[item.slot] = value
    evaluator = Evaluator(slots)
    for value in program.values:
        try:
            slots[value.slot] = evaluator(value.expr)
        except DataProblem as problem:
            slots[value.slot] = Unavailable(problem)
    return slots


def raw(program: ir.Program, index: int, slots: Sequence[Any]) -> tuple[dict[str, Any], Any]:
    """An indicator's named steps and its exact raw score (raises its data problem)."""
    indicator = program.indicators[index]
    evaluator = Evaluator(slots)
    steps = evaluator.steps(indicator)
    return steps, evaluator(indicator.raw)


def run(program: ir.Program, inputs: Sequence[Any]) -> tuple[list[Any], list[Decimal],
                                                            dict[int, DataProblem]]:
    """Score one unit: its slots, every indicator's score, and the problems that stopped some.
    `inputs` holds each input slot's checked value, in slot order."""
    slots = values(program, inputs)
    scores: list[Decimal] = []
    problems: dict[int, DataProblem] = {}
    for indicator in program.indicators:
        try:
            _steps, result = raw(program, indicator.index, slots)
            scores.append(exact.score(result, indicator.weight))
        except DataProblem as problem:
            problems[indicator.index] = problem
            scores.append(indicator.fallback if indicator.fallback is not None
                          else Decimal("0.00"))
    return slots, scores, problems


def totals(program: ir.Program, scores: Sequence[Decimal]) -> tuple[tuple[Decimal, ...], Decimal]:
    """Every group's subtotal and the total, from the rounded scores: sums of their parts, and
    where a `scale` is set (what does not apply shared out), that sum × scale, rounded once."""
    subtotals: list[Decimal] = [_NIL] * len(program.groups)

    def add(parts) -> Decimal:
        out = _NIL
        for kind, index in parts:
            out = exact.add(out, scores[index] if kind == "indicator" else subtotals[index])
        return out  # type: ignore[return-value]

    for number in reversed(range(len(program.groups))):  # pre-order reversed: children first
        group = program.groups[number]
        subtotals[number] = scaled(add(group.parts), group.scale)
    return tuple(subtotals), scaled(add(program.top), program.total_scale)


_NIL = Decimal("0.00")


def scaled(total: Decimal, scale: tuple[Decimal, Decimal] | None) -> Decimal:
    """A sum where what does not apply is shared out: × numerator ÷ denominator, rounded once,
    half up to 0.01 (`ir.Group.scale`); the sum itself when there is no scale."""
    if scale is None:
        return total
    numerator, denominator = scale
    return exact.round_half_up(exact.divide(exact.multiply(total, numerator), denominator))


def normal_value(value: Any) -> Any:
    """A slot's value as the public API shows it: exact numbers stay exact."""
    if isinstance(value, tuple):  # a (numerator, denominator) pair from generated code
        numerator, denominator = value
        if isinstance(numerator, Unavailable):
            return numerator
        return exact.divide(numerator, denominator)
    if isinstance(value, Fraction):
        return exact.normal(value)
    return value


def _fact(value: Any) -> Any:
    """A value as a problem's message states it."""
    from perfdsl.formatting import plain

    return plain(value) if exact.is_number(value) else value
