"""What a value slot can hold while a unit is scored, and the arithmetic context of scoring.

A slot holds a typed value (Decimal, bool, level name, text) or `Unavailable`: a stand-in for a
figure that is missing or bad, or a value that could not be computed from it. Any use of an
`Unavailable` raises its `DataProblem`, so only what depends on the bad figure is affected.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP
from typing import Any

from perfdsl.diagnostics import Diagnostic
from perfdsl.language.source import Span

# The context of compile-time constants (weights, band edges) and of reading figures; scoring
# itself is exact (perfdsl.core.exact).
CONTEXT = decimal.Context(prec=28, rounding=ROUND_HALF_UP,
                          traps=[decimal.DivisionByZero, decimal.InvalidOperation,
                                 decimal.Overflow])


MISSING = object()  # where a unit's figures have nothing for an input


class DataProblem(Exception):
    """A figure that cannot be used: missing, malformed, out of range, or a zero divisor."""

    def __init__(self, code: str, span: Span | None, **args: Any):
        super().__init__(code)
        self.code = code
        self.span = span
        self.args_ = args

    def diagnostic(self, **more: Any) -> Diagnostic:
        return Diagnostic(self.code, self.span, {**self.args_, **more})


class Unavailable:
    """Stands in a slot for a value that could not be had; any use raises its problem."""

    __slots__ = ("problem",)

    def __init__(self, problem: DataProblem):
        self.problem = problem

    def _raise(self, *_args: Any) -> Any:
        raise self.problem

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _raise
    __truediv__ = __rtruediv__ = __lt__ = __le__ = __gt__ = __ge__ = _raise
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _raise
    __neg__ = __abs__ = __bool__ = __hash__ = __iter__ = _raise

    def __eq__(self, other: object) -> bool:
        raise self.problem

    def __ne__(self, other: object) -> bool:
        raise self.problem

    def __getattr__(self, name: str) -> Any:
        if name == "problem":
            raise AttributeError(name)
        raise self.problem

    def __repr__(self) -> str:
        return f"Unavailable({self.problem.code})"


def indicator_problem(indicator: Any, fallback: Any, problem: DataProblem) -> Diagnostic:
    """The diagnostic for an indicator that could not be scored, from the problem that stopped
    it: a zero divisor or a judged score out of range as itself, anything else (a missing,
    malformed or out-of-range figure) as D008 at the indicator, saying which figure and why."""
    from perfdsl.formatting import plain

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
        if problem.span is not None:
            return problem.diagnostic(**args)
        return Diagnostic("D008", indicator.span, {**problem.args_, **args})
    cause = problem.diagnostic()
    return Diagnostic("D008", indicator.span, {**args, "reason": cause.message("en"),
                                               "reason_zh": cause.message("zh")})
