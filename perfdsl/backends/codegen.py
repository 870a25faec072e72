"""Generated evaluation: a rubric's core IR compiled once to straight-line Python, as Jinja2
compiles a template, then run for every unit.

Expects a `perfdsl.core.ir.Program`. Guarantees a function that scores one unit exactly as the
reference interpreter (`perfdsl.backends.interpret`) does — every score, subtotal and problem;
the differential tests hold it to that — but several times faster. It returns the typed inputs,
not the values computed on the way: an explanation that needs those gets them from the
interpreter, which computes the same values (the Result does this when asked).

- **No division at run time.** Every number is carried as a numerator and a positive
  denominator (the denominator is left out where it is statically 1); a comparison is decided by
  cross-multiplying, `floor` by integer division, and the score is rounded once, half up, from
  the exact pair. So 2.59 ÷ 2.40 is never rounded to 28 digits before a band or a step decides.
  Decimal `+ − ×` run in `exact.CONTEXT`, whose `Inexact` trap guarantees they are exact; were it
  ever to fire (figures beyond the data limits), the unit is scored by the interpreter instead.
- **Straight-line code.** Each value and each indicator is a block in its own `try`, so a bad
  figure stops only what needs it; conditions become `if`s, so only the branch taken runs.
- **Figures checked inline.** A figure that already has its type and lies within its declared
  range is taken as it is; only a figure that fails that test goes through the data checks
  (`perfdsl.data.figures.coerce`), so one bad figure costs one slow check, not a recheck of all.

Why the source is safe to `exec`: no text from a rubric or a data file ever reaches it. The
generated code names slots, locals and constants by compiler-made identifiers (`v3`, `t17`,
`k5`); every constant — numbers, level names, input names, problems — is bound in the function's
namespace, never written into the source. So a rubric whose names or levels are Python
(`"__import__('os')"`, `'); x = (`, newlines) cannot change the code (tests/test_codegen.py).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from perfdsl.core import exact, ir
from perfdsl.core.values import MISSING, DataProblem, Unavailable
from perfdsl.diagnostics import InternalError




@attrs.frozen
class _Value:
    """An emitted value: `n` (and `d`, a positive denominator, for a fraction) are identifiers."""

    n: str
    d: str | None = None  # None: the value is `n` itself (a number, a bool, a level name)
    boolean: bool = False  # `n` is already a bool (a comparison's result)

    @property
    def ratio(self) -> bool:
        return self.d is not None


_NEVER = _Value(n="<never>")  # what a `Fail` yields: control never gets past it


class _Code:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)


class _Emitter:
    """Emits the statements of one program; hands out identifiers and binds constants."""

    def __init__(self, program: ir.Program):
        self.program = program
        self.code = _Code()
        self.names: dict[str, Any] = {}
        self.constants: dict[tuple, str] = {}
        self.counter = 0
        self.slot_values: dict[int, _Value] = {}
        self.local_values: dict[str, _Value] = {}
        # Identifiers known never to be negative: inputs whose declared range says so (the
        # data checks enforce it), so a division by one needs no sign test after its zero test.
        self.non_negative: set[str] = set()

    # Identifiers and constants
    def temp(self) -> str:
        self.counter += 1
        return f"t{self.counter}"

    def bind(self, value: Any, prefix: str = "k") -> str:
        key = (type(value).__name__, value if not isinstance(value, Decimal) else str(value))
        try:
            name = self.constants.get(key)
        except TypeError:  # unhashable: bind it anew
            name = None
            key = (id(value),)
        if name is None:
            name = f"{prefix}{len(self.names)}"
            self.names[name] = value
            self.constants[key] = name
        return name

    def number(self, value: Decimal | int) -> str:
        return self.bind(Decimal(value))

    def line(self, text: str) -> None:
        self.code.line(text)

    def block(self) -> _Block:
        return _Block(self.code)

    def problem(self, problem: ir.Problem) -> str:
        """An identifier for a function making this problem (with the facts it states)."""
        args = problem.arguments()

        def make(**facts: Any) -> DataProblem:
            from perfdsl.backends.interpret import _fact

            return DataProblem(problem.code, problem.span, **args,
                               **{name: _fact(value) for name, value in facts.items()})

        return self.bind(make, "p")

    # Expressions
    def emit(self, node: ir.Expr) -> _Value:
        return _EMIT[type(node)](self, node)

    def const(self, node: ir.Const) -> _Value:
        value = node.value
        if value is None:
            return _Value("None")
        if isinstance(value, bool):
            return _Value("True" if value else "False", boolean=True)
        if isinstance(value, int):
            return _Value(self.bind(value))
        if isinstance(value, Decimal):
            return _Value(self.number(value))
        return _Value(self.bind(value))

    def slot(self, node: ir.Slot) -> _Value:
        return self.slot_values[node.index]

    def local(self, node: ir.Local) -> _Value:
        return self.local_values[node.name]

    def assign(self, expression: str) -> str:
        name = self.temp()
        self.line(f"{name} = {expression}")
        return name

    def arith(self, node: ir.Arith) -> _Value:
        a, b = self.emit(node.left), self.emit(node.right)
        if _NEVER in (a, b):
            return _NEVER
        op = node.op
        if op == "/":
            return self.divide(a, b, node)
        if op == "*":
            if self.is_one(a.n) and not a.ratio:
                return b
            if self.is_one(b.n) and not b.ratio:
                return a
            if not a.ratio and not b.ratio:
                return _Value(self.assign(f"{a.n} * {b.n}"))
            n = self.assign(f"{a.n} * {b.n}")
            d = self.product(a.d, b.d)
            return _Value(n, d)
        sign = "+" if op == "+" else "-"
        # x ± 0 is x and 0 + x is x (0 − x is −x): a rate compared with a threshold of 0 or 1
        # would otherwise multiply by 0 or 1 for every unit.
        if self.is_zero(b.n) and not b.ratio:
            return a
        if self.is_zero(a.n) and not a.ratio:
            return b if sign == "+" else _Value(self.assign(f"-{b.n}"), b.d)
        if not a.ratio and not b.ratio:
            return _Value(self.assign(f"{a.n} {sign} {b.n}"))
        if a.ratio and b.ratio and a.d == b.d:
            return _Value(self.assign(f"{a.n} {sign} {b.n}"), a.d)
        # a.n/a.d ± b.n/b.d = (a.n·b.d ± b.n·a.d) / (a.d·b.d), a plain side having d = 1
        left = self.times(a.n, b.d) if b.ratio else a.n
        right = self.times(b.n, a.d) if a.ratio else b.n
        n = self.assign(f"{left} {sign} {right}")
        return _Value(n, self.product(a.d, b.d))

    def product(self, a: str | None, b: str | None) -> str | None:
        if a is None or self.is_one(a):
            return b
        if b is None or self.is_one(b):
            return a
        return self.assign(f"{a} * {b}")

    def divide(self, a: _Value, b: _Value, node: ir.Arith) -> _Value:
        # a ÷ b = (a.n · b.d) / (a.d · b.n): check b.n ≠ 0, then keep the denominator positive.
        divisor = b.n
        constant = self.names.get(divisor) if divisor.startswith("k") else None
        if isinstance(constant, Decimal) and constant != 0:
            n = self.assign(f"{a.n} * {b.d}") if b.ratio else a.n
            if constant < 0:
                n = self.assign(f"-{n}")
                divisor = self.number(-constant)
            return _Value(n, self.product(a.d, divisor))
        problem = node.problem
        if problem is None:
            raise InternalError("a division with no zero-divisor problem")
        raiser = self.problem(problem)
        zero = self.number(0)
        self.line(f"if {divisor} == {zero}: raise {raiser}()")  # the divisor first
        n = self.assign(f"{a.n} * {b.d}") if b.ratio else a.n
        d = self.product(a.d, divisor)
        if divisor in self.non_negative:
            return _Value(n, d)
        numerator, denominator = self.temp(), self.temp()
        self.line(f"if {divisor} < {zero}: {numerator} = -{n}; {denominator} = -{d}")
        self.line(f"else: {numerator} = {n}; {denominator} = {d}")
        return _Value(numerator, denominator)

    def neg(self, node: ir.Neg) -> _Value:
        a = self.emit(node.operand)
        if a is _NEVER:
            return a
        return _Value(self.assign(f"-{a.n}"), a.d)

    def cmp(self, node: ir.Cmp) -> _Value:
        a, b = self.emit(node.left), self.emit(node.right)
        if _NEVER in (a, b):
            return _NEVER
        return _Value(self.assign(self.comparison(node.op, a, b)), boolean=True)

    def comparison(self, op: str, a: _Value, b: _Value) -> str:
        """`a op b` as a Python expression, cross-multiplied: denominators are positive."""
        op = _PY_OPS[op]
        # Against 0 a fraction's sign is its numerator's: no product needed.
        if self.is_zero(b.n) and not b.ratio:
            return f"{a.n} {op} {b.n}"
        if self.is_zero(a.n) and not a.ratio:
            return f"{a.n} {op} {b.n}"
        left = self.times(a.n, b.d) if b.ratio else a.n
        right = self.times(b.n, a.d) if a.ratio else b.n
        return f"{left} {op} {right}"

    def times(self, a: str, b: str) -> str:
        """`a * b` as an expression, without multiplying by a constant 1."""
        if self.is_one(a):
            return b
        if self.is_one(b):
            return a
        return f"{a} * {b}"

    def is_one(self, name: str) -> bool:
        value = self.names.get(name)
        return isinstance(value, Decimal) and value == 1

    def is_zero(self, name: str) -> bool:
        value = self.names.get(name)
        return isinstance(value, Decimal) and value == 0

    def inline(self, node: ir.Expr) -> str | None:
        """A condition as one Python expression, when it needs no statements: comparisons of
        values already computed, joined by and/or/not (which Python short-circuits too)."""
        if isinstance(node, ir.Cmp):
            a, b = self.simple(node.left), self.simple(node.right)
            if a is None or b is None:
                return None
            return f"({self.comparison(node.op, a, b)})"
        if isinstance(node, (ir.And, ir.Or)):
            left, right = self.inline(node.left), self.inline(node.right)
            if left is None or right is None:
                return None
            return f"({left} {'and' if isinstance(node, ir.And) else 'or'} {right})"
        if isinstance(node, ir.Not):
            inner = self.inline(node.operand)
            return None if inner is None else f"(not {inner})"
        value = self.simple(node)
        if value is not None and value.boolean:
            return value.n
        return None

    def simple(self, node: ir.Expr) -> _Value | None:
        """A value that needs no statements: a constant, a slot, a step already computed."""
        if isinstance(node, ir.Const):
            return self.const(node)
        if isinstance(node, ir.Slot):
            return self.slot_values[node.index]
        if isinstance(node, ir.Local):
            return self.local_values[node.name]
        return None

    def logical(self, node: ir.And | ir.Or) -> _Value:
        inline = self.inline(node)
        if inline is not None:
            return _Value(self.assign(inline), boolean=True)
        a = self.emit(node.left)
        if a is _NEVER:
            return a
        result = self.assign(a.n if a.boolean else f"bool({a.n})")
        self.line(f"if {'' if isinstance(node, ir.And) else 'not '}{result}:")
        with self.block():
            b = self.emit(node.right)
            if b is not _NEVER:
                self.line(f"{result} = {b.n if b.boolean else f'bool({b.n})'}")
        return _Value(result, boolean=True)

    def not_(self, node: ir.Not) -> _Value:
        a = self.emit(node.operand)
        if a is _NEVER:
            return a
        return _Value(self.assign(f"not {a.n}"), boolean=True)

    def if_(self, node: ir.If) -> _Value:
        # A conditional of two values at hand is one line; a chain of them (band rows, levels)
        # is one if/elif/else writing one result, not a variable per level of nesting.
        short = self.conditional(node)
        if short is not None:
            return short
        leaves = list(_chain(node))
        shapes: list[tuple[str | None, list[str], _Value]] = []
        for condition, value in leaves:
            test = None
            code: list[str] = []
            if condition is not None:
                inline = self.inline(condition)
                if inline is None:
                    # The test needs statements: nest the rest of the chain under `else`.
                    return self.nested(node)
                test = inline
            code, result = self.branch(value)
            shapes.append((test, code, result))
        live = [r for _, _, r in shapes if r is not _NEVER]
        if not live:
            result = _NEVER
        else:
            ratio = any(r.ratio for r in live)
            n = self.temp()
            d = self.temp() if ratio else None
            indent = "    " * (self.code.depth + 1)
            for _, code, value in shapes:
                if value is not _NEVER:
                    code.append(f"{indent}{n} = {value.n}")
                    if d is not None:
                        code.append(f"{indent}{d} = {value.d or self.number(1)}")
            result = _Value(n, d, boolean=all(r.boolean for r in live))
        for number, (test, code, _value) in enumerate(shapes):
            if test is None:
                self.line("else:")
            else:
                self.line(f"{'elif' if number else 'if'} {test}:")
            self.splice(code)
        return result

    def nested(self, node: ir.If) -> _Value:
        condition = self.emit(node.condition)
        if condition is _NEVER:
            return condition
        then_code, then = self.branch(node.then)
        else_code, otherwise = self.branch(node.otherwise)
        if then is _NEVER and otherwise is _NEVER:
            result = _NEVER
        else:
            live = [r for r in (then, otherwise) if r is not _NEVER]
            ratio = any(r.ratio for r in live)
            n = self.temp()
            d = self.temp() if ratio else None
            indent = "    " * (self.code.depth + 1)
            for code, value in ((then_code, then), (else_code, otherwise)):
                if value is not _NEVER:
                    code.append(f"{indent}{n} = {value.n}")
                    if d is not None:
                        code.append(f"{indent}{d} = {value.d or self.number(1)}")
            result = _Value(n, d, boolean=all(r.boolean for r in live))
        self.line(f"if {condition.n}:")
        self.splice(then_code)
        self.line("else:")
        self.splice(else_code)
        return result

    def conditional(self, node: ir.If) -> _Value | None:
        """`a if c else b` when the test and both values need no statements and no fraction."""
        if isinstance(node.condition, ir.Const) and isinstance(node.condition.value, bool):
            return self.emit(node.then if node.condition.value else node.otherwise)
        test = self.inline(node.condition)
        then, otherwise = self.simple(node.then), self.simple(node.otherwise)
        if test is None or then is None or otherwise is None or then.ratio or otherwise.ratio:
            return None
        return _Value(self.assign(f"{then.n} if {test} else {otherwise.n}"),
                      boolean=then.boolean and otherwise.boolean)

    def branch(self, node: ir.Expr) -> tuple[list[str], _Value]:
        """Emit `node` into a buffer of its own, indented one level deeper; return both."""
        saved, self.code.lines = self.code.lines, []
        self.code.depth += 1
        try:
            value = self.emit(node)
            return self.code.lines, value
        finally:
            self.code.lines = saved
            self.code.depth -= 1

    def splice(self, lines: list[str]) -> None:
        self.code.lines.extend(lines or ["    " * (self.code.depth + 1) + "pass"])

    def extreme(self, node: ir.Min | ir.Max) -> _Value:
        smaller = isinstance(node, ir.Min)
        best = self.emit(node.args[0])
        for arg in node.args[1:]:
            if best is _NEVER:
                return best
            candidate = self.emit(arg)
            if candidate is _NEVER:
                return candidate
            left = f"{candidate.n} * {best.d}" if best.ratio else candidate.n
            right = f"{best.n} * {candidate.d}" if candidate.ratio else best.n
            ratio = best.ratio or candidate.ratio
            n = self.temp()
            d = self.temp() if ratio else None
            one = self.number(1)
            self.line(f"if {left} {'<' if smaller else '>'} {right}:")
            self.line(f"    {n} = {candidate.n}" + (f"; {d} = {candidate.d or one}" if d else ""))
            self.line("else:")
            self.line(f"    {n} = {best.n}" + (f"; {d} = {best.d or one}" if d else ""))
            best = _Value(n, d)
        return best

    def rounding(self, node: ir.Floor | ir.Ceil) -> _Value:
        a = self.emit(node.operand)
        if a is _NEVER:
            return a
        floor = isinstance(node, ir.Floor)
        if not a.ratio:
            helper = self.bind(_floor if floor else _ceil, "f")
            return _Value(self.assign(f"{helper}({a.n})"))
        # n ÷ d with d > 0: `//` truncates toward zero, so step once more on the far side
        q = self.assign(f"{a.n} // {a.d}")
        one = self.number(1)
        if floor:
            self.line(f"if {a.n} < {self.number(0)} and {q} * {a.d} != {a.n}: {q} = {q} - {one}")
        else:
            self.line(f"if {a.n} > {self.number(0)} and {q} * {a.d} != {a.n}: {q} = {q} + {one}")
        return _Value(q)

    def fail(self, node: ir.Fail) -> _Value:
        facts = []
        for name, expr in node.facts:
            value = self.emit(expr)
            shown = value.n if not value.ratio else self.assign(
                f"{self.bind(_ratio, 'f')}({value.n}, {value.d})")
            facts.append((name, shown))
        # Fact names are the compiler's own (`score`), never text from a rubric.
        arguments = ", ".join(f"{name}={shown}" for name, shown in facts)
        self.line(f"raise {self.problem(node.problem)}({arguments})")
        return _NEVER

    def items(self, node: ir.Items) -> _Value:
        raise InternalError("outcome lists are computed by the interpreter, not generated code")

    # Scores
    def score(self, raw: _Value, weight: Decimal) -> str:
        """Statements that clamp the exact raw score to [0, weight] and round it once."""
        target = self.temp()
        full, nil = self.bind(exact.score(weight, weight)), self.bind(Decimal("0.00"))
        w, zero = self.number(weight), self.number(0)
        if raw.ratio:
            self.line(f"if {raw.n} >= {w} * {raw.d}: {target} = {full}")
            self.line(f"elif {raw.n} <= {zero}: {target} = {nil}")
            # ⌊(200n + d) ÷ 2d⌋ hundredths: n ÷ d rounded half up to 0.01, n and d positive
            self.line(f"else: {target} = ({raw.n} * {self.number(200)} + {raw.d}) // "
                      f"({raw.d} * {self.number(2)}) * {self.bind(exact.CENT)}")
        else:
            self.line(f"if {raw.n} >= {w}: {target} = {full}")
            self.line(f"elif {raw.n} <= {zero}: {target} = {nil}")
            self.line(f"else: {target} = {raw.n}.quantize({self.bind(exact.CENT)}, "
                      f"{self.bind(ROUND_HALF_UP)}, {self.bind(exact.ROUNDING)})")
        return target


def _chain(node: ir.Expr):
    """An if/else-if chain as (condition, value) pairs; the last has condition None. A row
    whose condition is the constant `true` (a band's `其他`) ends the chain; one that is
    `false` never applies."""
    while isinstance(node, ir.If):
        condition = node.condition
        if isinstance(condition, ir.Const) and condition.value is True:
            node = node.then
            break
        if not (isinstance(condition, ir.Const) and condition.value is False):
            yield condition, node.then
        node = node.otherwise
    yield None, node


class _Block:
    def __init__(self, code: _Code):
        self.code = code

    def __enter__(self) -> None:
        self.code.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.code.depth -= 1


_PY_OPS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "=": "==", "!=": "!="}

_EMIT: dict[type, Callable[[_Emitter, Any], _Value]] = {
    ir.Const: _Emitter.const, ir.Slot: _Emitter.slot, ir.Local: _Emitter.local,
    ir.Arith: _Emitter.arith, ir.Neg: _Emitter.neg, ir.Cmp: _Emitter.cmp,
    ir.And: _Emitter.logical, ir.Or: _Emitter.logical, ir.Not: _Emitter.not_,
    ir.If: _Emitter.if_, ir.Min: _Emitter.extreme, ir.Max: _Emitter.extreme,
    ir.Floor: _Emitter.rounding, ir.Ceil: _Emitter.rounding, ir.Fail: _Emitter.fail,
    ir.Items: _Emitter.items,
}


# --- Run-time helpers the generated code calls ---------------------------------------------------

def _ratio(n: Decimal, d: Decimal) -> Any:
    return exact.divide(n, d)


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(ROUND_FLOOR)


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(ROUND_CEILING)


def _floor_ratio(n: Decimal, d: Decimal) -> Decimal:
    q = n // d  # truncates toward zero
    return q - 1 if n < 0 and q * d != n else q


def _ceil_ratio(n: Decimal, d: Decimal) -> Decimal:
    q = n // d
    return q + 1 if n > 0 and q * d != n else q


def _round_ratio(n: Decimal, d: Decimal) -> Decimal:
    """n ÷ d (both positive) rounded half up to 0.01: ⌊(200n + d) ÷ 2d⌋ hundredths."""
    return ((n * 200 + d) // (d * 2)).scaleb(-2)


# --- The function ------------------------------------------------------------------------------

def generate(program: ir.Program, check: Callable[[int, Any, list], Any],
             unknown: Callable[[Any, list], None],
             limits: tuple[Decimal, Decimal] = (Decimal(10) ** 15, Decimal(10) ** -30)
             ) -> tuple[str, dict[str, Any]]:
    """The source of `run(figures)` and the namespace it runs in. `run` returns the typed
    inputs (in the program's input order), the scores, the subtotals (in the program's group
    order), the total, the grade, the figures' problems and the problems that stopped indicators
    (a dict by indicator, or None).

    `check(i, raw, problems)` is the slow path for input i (missing, text, out of range…): it
    returns the typed value or an `Unavailable`, appending what is wrong to `problems`;
    `unknown(figures, problems, defaulted)` reports figures the rubric has no input for
    (`defaulted`: how many inputs were missing and took their default)."""
    e = _Emitter(program)
    e.limits = limits
    D = e.bind(Decimal, "c")
    slow = e.bind(check, "c")
    extra = e.bind(unknown, "c")
    unavailable = e.bind(Unavailable, "c")
    problem_class = e.bind(DataProblem, "c")
    missing = e.bind(MISSING, "c")
    e.line("P = []")
    e.line("S = None")
    e.line("M = 0")

    # Inputs: the fast test, else the data checks for this one figure.
    for position, item in enumerate(program.inputs):
        var = f"v{item.slot}"
        key = e.bind(item.name)
        # A subscript in a `try` costs nothing until a figure is missing (3.11's zero-cost
        # exceptions); `get` would be a call for every figure of every unit.
        e.line("try:")
        e.line(f"    {var} = f[{key}]")
        e.line(f"except {e.bind(KeyError, 'c')}:")
        if item.default is not None:  # the default, counted so the names can be checked
            e.line(f"    {var} = {e.bind(item.default)}; M += 1")
        else:
            e.line(f"    {var} = {missing}")
        test = _fast_test(e, item, var, D)
        e.line(f"if not ({test}): {var} = {slow}({position}, {var}, P)")
        e.slot_values[item.slot] = _Value(var, boolean=item.type.kind == "bool")
        if any(b.op in (">=", ">") and b.value >= 0 for b in item.bounds):
            e.non_negative.add(var)
    # Every name given is an input unless a problem was found or the count is off (an input
    # missing with its default taken counts as given).
    e.line(f"if P or len(f) + M != {len(program.inputs)}: {extra}(f, P, M)")

    # Values, in order: each in its own try, so a bad figure spoils only what reads it.
    for value in program.values:
        var = f"v{value.slot}"
        if isinstance(value.expr, ir.Slot):  # `值 x`: the same value under another name
            e.slot_values[value.slot] = e.slot_values[value.expr.index]
            continue
        e.line("try:")
        with e.block():
            result = e.emit(value.expr)
            if result is _NEVER:
                e.line("pass")
                raise InternalError("a value that always fails")
            e.line(f"{var} = {result.n}")
            if result.ratio:
                e.line(f"{var}d = {result.d}")
        e.line(f"except {problem_class} as problem:")
        with e.block():
            e.line(f"{var} = {unavailable}(problem)")
            if result.ratio:
                e.line(f"{var}d = {var}")
        e.slot_values[value.slot] = _Value(var, f"{var}d" if result.ratio else None,
                                           boolean=result.boolean)

    # Indicators: the steps the raw score needs, the clamp and the one rounding.
    scores = []
    for indicator in program.indicators:
        score = f"sc{indicator.index}"
        scores.append(score)
        fallback = e.bind(indicator.fallback if indicator.fallback is not None
                          else Decimal("0.00"))
        folded = _constant_score(indicator)
        if folded is not None:
            e.line(f"{score} = {e.bind(folded)}")
            continue
        e.line("try:")
        with e.block():
            e.local_values = {}
            needed = _needed_locals(indicator)
            for name, expr in indicator.locals:
                if name in needed:
                    e.local_values[name] = e.emit(expr)
            scored = _score_leaves(indicator)
            raw = e.emit(scored if scored is not None else indicator.raw)
            if raw is _NEVER:
                e.line(f"{score} = {fallback}")
            elif scored is not None:
                e.line(f"{score} = {raw.n}")
            else:
                e.line(f"{score} = {e.score(raw, indicator.weight)}")
        e.line(f"except {problem_class} as problem:")
        with e.block():
            e.line(f"{score} = {fallback}")
            e.line("if S is None: S = {}")
            e.line(f"S[{indicator.index}] = problem")

    # Subtotals, the total and the grade. A group's subtotal is the sum of its parts — its
    # subgroups' subtotals and its own indicators' scores, so every score is added once per
    # level — rescaled where what does not apply is shared out (`ir.Group.scale`). Groups are
    # numbered in pre-order: backwards, every subgroup comes before its group.
    group_names = [f"g{number}" for number in range(len(program.groups))]
    for number in reversed(range(len(program.groups))):
        group = program.groups[number]
        _sum(e, f"g{number}", _terms(group.parts))
        _rescale(e, f"g{number}", group.scale)
    _sum(e, "T", _terms(program.top) if program.top else _top_terms(program))
    _rescale(e, "T", program.total_scale)
    for number, grade in enumerate(program.grades):
        name = e.bind(grade.name)
        if grade.minimum is None:
            e.line(f"{'else: ' if number else ''}G = {name}")
            break
        op = ">=" if grade.inclusive else ">"
        e.line(f"{'elif' if number else 'if'} T {op} {e.number(grade.minimum)}: G = {name}")
    else:
        # below every grade: the checks rule it out
        e.line(f"{'else: ' if program.grades else ''}G = {e.bind('')}")
    # The typed inputs, not every slot: a Result computes the others (with the reference
    # interpreter) only when an explanation asks for them, and most units are never explained.
    inputs = [e.slot_values[item.slot].n for item in program.inputs]
    e.line(f"return [{', '.join(inputs)}], [{', '.join(scores)}], "
           f"({''.join(g + ', ' for g in group_names)}), T, G, P, S")
    source = "def run(f):\n" + "\n".join(e.code.lines) + "\n"
    return source, e.names


def _fast_test(e: _Emitter, item: ir.Input, var: str, D: str) -> str:
    """The test a figure of this input passes when it can be used as it is: a subset of what
    the data checks accept (`limits`: figures below 10^15 in size, and none non-zero below
    10^-30), so the fast path never takes a figure the checks would refuse."""
    type_ = item.type
    if type_.kind == "quantity":
        upper, tiny = e.limits
        low, low_op, high, high_op = -upper, "<", upper, "<"
        extra = []
        for bound in item.bounds:
            if bound.op in (">=", ">") and bound.value >= low:
                low, low_op = bound.value, "<=" if bound.op == ">=" else "<"
            elif bound.op in ("<=", "<") and bound.value <= high:
                high, high_op = bound.value, "<=" if bound.op == "<=" else "<"
            elif bound.op in ("=", "!="):
                extra.append(f"{var} {_PY_OPS[bound.op]} {e.number(bound.value)}")
        cls = f"{var}.__class__ is {D}"
        if low >= 0:
            # Non-negative: one chained comparison from the larger of the lower bound and the
            # smallest size a figure may have; 0 itself apart, where the range admits it.
            zero = low == 0 and low_op == "<="
            if low < tiny:
                low, low_op = tiny, "<="
            test = f"{e.number(low)} {low_op} {var} {high_op} {e.number(high)}"
            if zero:
                test = f"({test} or {var} == {e.number(0)})"
        else:
            test = (f"{e.number(low)} {low_op} {var} {high_op} {e.number(high)} and "
                    f"({var} >= {e.number(tiny)} or {var} <= {e.number(-tiny)} or "
                    f"{var} == {e.number(0)})")
        return " and ".join([cls, test, *extra])
    if type_.kind == "bool":
        return f"{var} is True or {var} is False"
    if type_.kind == "level":
        levels = item.levels
        if levels is None:
            return "False"
        return f"{var}.__class__ is {e.bind(str, 'c')} and {var} in {e.bind(levels)}"
    return f"{var}.__class__ is {e.bind(str, 'c')}"


def _needed_locals(indicator: ir.Indicator) -> set[str]:
    """The steps the raw score depends on (the others only describe the outcome)."""
    definitions = dict(indicator.locals)
    needed: set[str] = set()
    stack = ir.locals_read(indicator.raw)
    while stack:
        name = stack.pop()
        if name in needed:
            continue
        needed.add(name)
        stack.extend(ir.locals_read(definitions[name]))
    return needed


def _score_leaves(indicator: ir.Indicator) -> ir.Expr | None:
    """When the raw score is a chain whose values are all constants (band rows, levels), the
    same chain with each constant already clamped and rounded: the score with no arithmetic."""
    leaves = list(_chain(indicator.raw))
    values = [value for _, value in leaves]
    if len(values) < 2 or not all(
            isinstance(v, ir.Fail) or isinstance(v, ir.Const) and isinstance(v.value, Decimal)
            for v in values):
        return None
    out: ir.Expr = _scored(values[-1], indicator.weight)
    for condition, value in reversed(leaves[:-1]):
        out = ir.If(condition=condition, then=_scored(value, indicator.weight), otherwise=out)
    return out


def _scored(value: ir.Expr, weight: Decimal) -> ir.Expr:
    if isinstance(value, ir.Const):
        return ir.Const(value=exact.score(value.value, weight))
    return value


def _constant_score(indicator: ir.Indicator) -> Decimal | None:
    if isinstance(indicator.raw, ir.Const) and isinstance(indicator.raw.value, Decimal):
        return exact.score(indicator.raw.value, indicator.weight)
    return None


def _sum(e: _Emitter, target: str, terms: list[str]) -> None:
    """`target = t1 + t2 + …`, in statements of at most 50 terms: Python's compiler recurses
    once per `+` of one expression, and a group may hold thousands of indicators."""
    if not terms:
        e.line(f"{target} = {e.bind(Decimal('0.00'))}")
        return
    e.line(f"{target} = {' + '.join(terms[:50])}")
    for start in range(50, len(terms), 50):
        e.line(f"{target} = {target} + {' + '.join(terms[start:start + 50])}")


def _terms(parts: tuple[tuple[str, int], ...]) -> list[str]:
    return [f"sc{index}" if kind == "indicator" else f"g{index}" for kind, index in parts]


def _rescale(e: _Emitter, name: str, scale: tuple[Decimal, Decimal] | None) -> None:
    """`name` × numerator ÷ denominator, rounded once half up to 0.01 (the sum is ≥ 0)."""
    if scale is None:
        return
    numerator, denominator = scale
    e.line(f"{name} = {e.bind(_round_ratio, 'f')}({name} * {e.number(numerator)}, "
           f"{e.number(denominator)})")


def _top_terms(program: ir.Program) -> list[str]:
    """The total as a sum of top-level subtotals and top-level indicators."""
    covered: set[int] = set()
    terms = []
    for number, group in enumerate(program.groups):
        if group.depth == 0:
            terms.append(f"g{number}")
            covered.update(group.indicators)
    terms += [f"sc{i.index}" for i in program.indicators if i.index not in covered]
    return terms


def compile_program(program: ir.Program, check, unknown,
                    limits: tuple[Decimal, Decimal] = (Decimal(10) ** 15, Decimal(10) ** -30)
                    ) -> Callable[[Any], tuple]:
    """The generated `run` function of a program; `limits` are the sizes a figure may have
    (below the first; zero, or at least the second)."""
    source, namespace = generate(program, check, unknown, limits)
    namespace = dict(namespace)
    namespace["__builtins__"] = {"bool": bool, "len": len}
    code = compile(source, "<perfdsl generated>", "exec")
    exec(code, namespace)  # noqa: S102 - compiler-made source; see the module docstring
    return namespace["run"]


def compile_groups(program: ir.Program, make: type) -> Callable[[Any], tuple]:
    """`groups(subtotals)`: each group's result, `make((path, weight, reference, subtotal,
    depth))`, built by one generated function — a subtotal for every group of every unit, so
    without the loop and the calls a general builder makes."""
    names: dict[str, Any] = {"R": make}
    rows = []
    for number, group in enumerate(program.groups):
        for prefix, value in (("p", group.path), ("w", group.weight), ("r", group.reference),
                              ("d", group.depth)):
            names[f"{prefix}{number}"] = value
        rows.append(f"R((p{number}, w{number}, r{number}, s{number}, d{number})),")
    unpack = "".join(f"s{number}, " for number in range(len(program.groups)))
    source = (f"def groups(s):\n    {unpack}= s\n    return (\n"
              + "".join(f"        {row}\n" for row in rows) + "    )\n")
    names["__builtins__"] = {}
    exec(compile(source, "<perfdsl generated groups>", "exec"), names)  # noqa: S102 - as above
    return names["groups"]


def run_in_context(run: Callable[[Any], tuple], figures: Any) -> tuple:
    """Call a generated function in the exact context, restoring the caller's afterwards."""
    previous = decimal.getcontext()
    decimal.setcontext(exact.CONTEXT)
    try:
        return run(figures)
    finally:
        decimal.setcontext(previous)
