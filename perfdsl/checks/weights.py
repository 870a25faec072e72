"""Pass 3 — check: the whole-rubric rules a resolved model must satisfy.

Expects a `model.Rubric` from `perfdsl.checks.resolve`, annotated by `perfdsl.checks.compose`.
Guarantees, when it reports no error, that every group's children — with the weight of those
that do not apply to this unit (不适用) — add up to the group's weight exactly and the top level
to the rubric's total, so the scores that `perfdsl.core.graph` computes can be summed with no
surprise. These are the weights after a unit's changes (设定分值, 个性指标, 删除): a sum a change
breaks is reported at the change. A `可选` group's children share its weight whatever they add
up to, so it is only checked to have one.
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
    top = sum((node.weight for node in rubric.groups), Decimal(0)) \
        + sum((e.weight for e in rubric.excluded), Decimal(0))
    if rubric.groups and top != rubric.total:
        span = rubric.changed or rubric.groups[0].span
        diagnostics.append(Diagnostic("E302", span, {
            "actual": plain(top), "expected": plain(rubric.total),
            "children": _listing(rubric.groups, rubric.excluded)}))
    return diagnostics


def _check_group(node: m.Group | m.Indicator, diagnostics: list[Diagnostic]) -> None:
    if isinstance(node, m.Indicator):
        return
    total = sum((child.weight for child in node.children), Decimal(0)) \
        + sum((e.weight for e in node.excluded), Decimal(0))
    if node.children and total != node.weight and not node.pool:
        diagnostics.append(Diagnostic("E301", node.changed or node.span, {
            "name": node.name, "actual": plain(total), "expected": plain(node.weight),
            "children": _listing(node.children, node.excluded)}))
    for child in node.children:
        _check_group(child, diagnostics)


def _listing(nodes, excluded=()) -> str:
    """`A 3 + B 4`, and what does not apply as `(C 3, 不适用)`."""
    parts = [f"{n.name} {plain(n.weight)}" for n in nodes]
    parts += [f"{e.name} {plain(e.weight)} (不适用)" for e in excluded]
    return " + ".join(parts)

