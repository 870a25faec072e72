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

CONTEXT = decimal.Context(prec=28, rounding=ROUND_HALF_UP,
                          traps=[decimal.DivisionByZero, decimal.InvalidOperation,
                                 decimal.Overflow])


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
    __neg__ = __abs__ = __bool__ = __hash__ = _raise

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
