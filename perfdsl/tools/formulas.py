"""A formula as a filed form prints it, evaluated with the figures it cites.

A form's 计算分析情况 often prints its own formula — `（固定资产总额6.2万元/在用固定资产总额9.2万元）
×100% = 100%` — and a reviewer checks that its figures give its result. The claims record it
in the rubric's expression syntax with the names as printed (`固定资产总额 / 在用固定资产总额`)
and each name's printed figure; a name printed twice with two figures takes them in order.
Parsed by the rubric parser, evaluated exactly here; never with Python's `eval`.
"""

from __future__ import annotations

from typing import Any

from perfdsl.core import exact
from perfdsl.language import syntax as s
from perfdsl.language.parse import parse
from perfdsl.language.source import Source

_PREFIX = "令 _式 = "


def _expression(text: str) -> s.Expr | None:
    tree, diagnostics = parse(Source("<formula>", _PREFIX + text))
    if tree is None or any(d.is_error for d in diagnostics) or len(tree.statements) != 1:
        return None
    statement = tree.statements[0]
    return statement.value if isinstance(statement, s.Let) else None


def evaluate(text: str, figures: dict[str, list[Any]]) -> Any:
    """The formula's exact value with each name's figures in the order printed, or None when
    the formula cannot be read or needs a figure it does not cite."""
    expr = _expression(text)
    if expr is None:
        return None
    taken: dict[str, int] = {}
    try:
        return _value(expr, figures, taken)
    except (KeyError, ZeroDivisionError, ArithmeticError, TypeError):
        return None


def _value(expr: s.Expr, figures: dict[str, list[Any]], taken: dict[str, int]) -> Any:
    if isinstance(expr, s.Number):
        return expr.value
    if isinstance(expr, s.Ref):
        values = figures[expr.name]
        i = taken.get(expr.name, 0)
        taken[expr.name] = i + 1
        return values[min(i, len(values) - 1)]
    if isinstance(expr, s.Negate):
        return exact.negate(_value(expr.operand, figures, taken))
    if isinstance(expr, s.Binary):
        left = _value(expr.left, figures, taken)
        right = _value(expr.right, figures, taken)
        if expr.op == "/":
            if right == 0:
                raise ZeroDivisionError
            return exact.divide(left, right)
        return {"+": exact.add, "-": exact.subtract, "*": exact.multiply}[expr.op](left, right)
    if isinstance(expr, s.Call):
        args = [_value(a, figures, taken) for a in expr.args]
        if expr.function == "abs":
            return max(args[0], exact.negate(args[0]))
        if expr.function == "min":
            return min(args)
        if expr.function == "max":
            return max(args)
        places = int(args[1]) if len(args) > 1 else 0
        return exact.round_half_up(args[0], places)
    raise TypeError(type(expr).__name__)


def substitute(text: str, shown: dict[str, list[str]]) -> str:
    """The formula with each name followed by its printed figure: `固定资产总额 6.2 / …`."""
    expr = _expression(text)
    if expr is None:
        return text
    refs: list[s.Ref] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, s.Ref):
            refs.append(node)
        for name in ("operand", "left", "right"):
            child = getattr(node, name, None)
            if child is not None:
                stack.append(child)
        stack.extend(getattr(node, "args", ()))
    refs.sort(key=lambda r: r.span.start)
    out, at, taken = [], 0, {}  # type: ignore[var-annotated]
    offset = len(_PREFIX)
    for ref in refs:
        start, end = ref.span.start - offset, ref.span.end - offset
        values = shown.get(ref.name, [])
        i = taken.get(ref.name, 0)
        taken[ref.name] = i + 1
        figure = values[min(i, len(values) - 1)] if values else ""
        out.append(text[at:start] + text[start:end] + (f" {figure}" if figure else ""))
        at = end
    out.append(text[at:])
    return "".join(out)

