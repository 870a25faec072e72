"""Pass 3 — check: the whole-rubric rules a resolved model must satisfy.

Expects a `model.Rubric` from `perfdsl.checks.resolve`. Guarantees, when it reports no error, that
every group's children add up to the group's weight exactly and the top level to the rubric's
total, so the scores that `perfdsl.core.graph` computes can be summed with no surprise.
"""

from __future__ import annotations

from decimal import Decimal

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.formatting import plain


def check(rubric: m.Rubric) -> list[Diagnostic]:
    """Every weight problem in `rubric`, in the order the groups are written."""
    diagnostics: list[Diagnostic] = []
    for node in rubric.groups:
        _check_group(node, diagnostics)
    top = sum((node.weight for node in rubric.groups), Decimal(0))
    if rubric.groups and top != rubric.total:
        span = rubric.groups[0].span
        diagnostics.append(Diagnostic("E302", span, {
            "actual": plain(top), "expected": plain(rubric.total),
            "children": _listing(rubric.groups)}))
    return diagnostics


def _check_group(node: m.Group | m.Indicator, diagnostics: list[Diagnostic]) -> None:
    if isinstance(node, m.Indicator):
        return
    total = sum((child.weight for child in node.children), Decimal(0))
    if node.children and total != node.weight:
        diagnostics.append(Diagnostic("E301", node.span, {
            "name": node.name, "actual": plain(total), "expected": plain(node.weight),
            "children": _listing(node.children)}))
    for child in node.children:
        _check_group(child, diagnostics)


def _listing(nodes) -> str:
    return " + ".join(f"{n.name} {plain(n.weight)}" for n in nodes)

