"""Pass 4 — graph: checked model → evaluation graph.

Expects a `model.Rubric` that `resolve` and `check` passed. Guarantees a `Graph`: a DAG whose
value nodes (inputs, derived values, indicator values) come in an order where every node follows
what it reads, so evaluation computes each exactly once; one node per indicator with its rule
and the inputs it depends on; the group tree for subtotals. The graph is what `evaluate` runs
and what `to_json` publishes for tools in other languages (schema: docs/graph.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.checks.model import _rule_reads, reads_of
from perfdsl.diagnostics import InternalError
from perfdsl.language.source import Span

GRAPH_SCHEMA_VERSION = 1


@attrs.frozen(kw_only=True)
class ValueNode:
    slot: int
    name: str
    kind: str  # input, let, indicator
    expr: m.Expr | None  # None for inputs
    reads: tuple[str, ...]  # value nodes this one reads directly
    span: Span


@attrs.frozen(kw_only=True)
class IndicatorNode:
    index: int
    indicator: m.Indicator
    value_slot: int | None
    reads: tuple[str, ...]  # value nodes the value and the rule read directly
    inputs: frozenset[str]  # every input it depends on, directly or through values


@attrs.frozen(kw_only=True)
class GroupNode:
    path: tuple[str, ...]
    weight: Decimal
    reference: Decimal | None
    indicators: tuple[int, ...]  # the indicator indices under it, at any depth
    depth: int


@attrs.frozen(kw_only=True)
class Graph:
    rubric: m.Rubric
    values: tuple[ValueNode, ...]  # topological order; slot i is values[i]
    indicators: tuple[IndicatorNode, ...]
    groups: tuple[GroupNode, ...]  # pre-order: a group before its subgroups
    explanations: dict[int, Any] = attrs.field(factory=dict)  # indicator index → Jinja template

    def slots(self) -> dict[str, int]:
        """Value node name → slot."""
        return {v.name: v.slot for v in self.values}


def build(rubric: m.Rubric, explanations: dict[int, Any] | None = None) -> Graph:
    """The evaluation graph of a checked rubric, with its compiled explanation templates."""
    exprs: dict[str, tuple[str, m.Expr | None, Span]] = {}
    for decl in rubric.inputs:
        exprs[decl.name] = ("input", None, decl.span)
    for derived in rubric.derived:
        exprs[derived.name] = ("let", derived.expr, derived.span)
    for indicator in rubric.indicators:
        if indicator.value is not None:
            exprs[indicator.name] = ("indicator", indicator.value, indicator.span)

    order = _topological_order({name: tuple(reads_of(expr)) for name, (_, expr, _) in exprs.items()})
    values = tuple(
        ValueNode(slot=i, name=name, kind=exprs[name][0], expr=exprs[name][1],
                  reads=tuple(reads_of(exprs[name][1])), span=exprs[name][2])
        for i, name in enumerate(order))
    by_name = {v.name: v for v in values}

    def inputs_of(names) -> frozenset[str]:
        out: set[str] = set()
        stack = list(names)
        while stack:
            node = by_name[stack.pop()]
            if node.kind == "input":
                out.add(node.name)
            stack.extend(node.reads)
        return frozenset(out)

    indicators = []
    for index, indicator in enumerate(rubric.indicators):
        reads = tuple(dict.fromkeys(
            list(reads_of(indicator.value)) + list(_rule_reads(indicator.rule))))
        value_slot = by_name[indicator.name].slot if indicator.value is not None else None
        indicators.append(IndicatorNode(index=index, indicator=indicator, value_slot=value_slot,
                                        reads=reads, inputs=inputs_of(reads)))
    index_of = {id(ind): i for i, ind in enumerate(rubric.indicators)}
    groups: list[GroupNode] = []

    def walk(node, depth: int) -> tuple[int, ...]:
        if isinstance(node, m.Indicator):
            return (index_of[id(node)],)
        position = len(groups)
        groups.append(None)  # type: ignore[arg-type]  # placeholder keeps pre-order
        leaves = tuple(i for child in node.children for i in walk(child, depth + 1))
        groups[position] = GroupNode(path=node.path, weight=node.weight,
                                     reference=node.reference, indicators=leaves, depth=depth)
        return leaves

    for top in rubric.groups:
        walk(top, 0)
    return Graph(rubric=rubric, values=values, indicators=tuple(indicators), groups=tuple(groups),
                 explanations=dict(explanations or {}))


def _topological_order(reads: dict[str, tuple[str, ...]]) -> list[str]:
    """The names in an order where each follows what it reads, ties in the given order.

    Depth-first with an explicit stack: a chain of values as long as the rubric allows costs no
    recursion. Resolve has already rejected cycles; one here is a bug.
    """
    order: list[str] = []
    done: set[str] = set()
    for root in reads:
        if root in done:
            continue
        stack = [(root, iter(reads[root]))]
        on_stack = {root}
        while stack:
            name, pending = stack[-1]
            read = next(pending, None)
            if read is None:
                stack.pop()
                on_stack.discard(name)
                done.add(name)
                order.append(name)
            elif read in on_stack:
                raise InternalError(f"cycle through {read!r} reached the graph builder")
            elif read not in done:
                on_stack.add(read)
                stack.append((read, iter(reads[read])))
    return order


# --- JSON form --------------------------------------------------------------------------------

def to_json(graph: Graph) -> dict[str, Any]:
    """The compiled graph as plain data (documented in docs/graph.md)."""
    rubric = graph.rubric
    groups_by_path = _groups_by_path(rubric.groups)
    return {
        "schema": "perfdsl.graph",
        "version": GRAPH_SCHEMA_VERSION,
        "title": rubric.title,
        "year": rubric.year,
        "total": _dec(rubric.total),
        "grades": [{"name": g.name, "minimum": _dec(g.minimum), "inclusive": g.inclusive}
                   for g in rubric.grades],
        "scales": [{"name": sc.name, "levels": [
            {"name": lv.name, "fraction": _dec(lv.fraction), "low": _dec(lv.low),
             "high": _dec(lv.high), "low_closed": lv.low_closed, "high_closed": lv.high_closed}
            for lv in sc.levels]} for sc in rubric.scales],
        "inputs": [_input_json(decl) for decl in rubric.inputs],
        "values": [{"slot": v.slot, "name": v.name, "kind": v.kind, "reads": list(v.reads),
                    "expr": expr_json(v.expr), "line": v.span.line}
                   for v in graph.values if v.kind != "input"],
        "groups": [_group_json(g, groups_by_path.get(g.path)) for g in graph.groups],
        "rescale": rubric.rescale,
        "excluded": [_excluded_json(e) for e in rubric.excluded],
        "ignored_inputs": sorted(rubric.ignored_inputs),
        "indicators": [_indicator_json(node) for node in graph.indicators],
    }


def _group_json(g: GroupNode, group: m.Group | None) -> dict[str, Any]:
    out = {"path": list(g.path), "weight": _dec(g.weight), "reference": _dec(g.reference),
           "indicators": list(g.indicators)}
    out["excluded"] = [_excluded_json(e) for e in group.excluded] if group is not None else []
    out["pool"] = bool(group is not None and group.pool)
    return out


def _excluded_json(e: m.Excluded) -> dict[str, Any]:
    return {"name": e.name, "weight": _dec(e.weight), "why": e.why}


def _groups_by_path(nodes) -> dict[tuple[str, ...], m.Group]:
    out: dict[tuple[str, ...], m.Group] = {}
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, m.Group):
            out[node.path] = node
            stack.extend(node.children)
    return out


def _input_json(decl: m.InputDecl) -> dict[str, Any]:
    default = decl.default
    return {"name": decl.name, "type": type_json(decl.type), "label": decl.label,
            "default": _dec(default) if isinstance(default, Decimal) else default,
            "bounds": [{"op": b.op, "value": _dec(b.value)} for b in decl.bounds],
            "description": decl.description, "line": decl.span.line}


def _indicator_json(node: IndicatorNode) -> dict[str, Any]:
    ind = node.indicator
    return {"index": node.index, "path": list(ind.path), "weight": _dec(ind.weight),
            "reference": _dec(ind.reference), "description": ind.description,
            "standard": ind.standard, "value": ind.name if ind.value is not None else None,
            "rule": rule_json(ind.rule), "fallback": _dec(ind.fallback),
            "inputs": sorted(node.inputs), "line": ind.span.line}


def type_json(type_) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": type_.kind}
    if type_.kind == "quantity":
        out.update(unit=type_.unit if type_.unit != "*" else "", display=type_.display)
    if type_.kind == "level":
        out["scale"] = type_.scale
    return out


def expr_json(expr: m.Expr | None) -> Any:
    if expr is None:
        return None
    if isinstance(expr, m.Const):
        value = expr.value if isinstance(expr.value, bool) else _dec(expr.value)
        return {"const": value}
    if isinstance(expr, m.InputRef):
        return {"input": expr.name}
    if isinstance(expr, m.ValueRef):
        return {"value": expr.name}
    if isinstance(expr, m.LevelConst):
        return {"level": expr.level}
    if isinstance(expr, m.Unary):
        return {"op": expr.op, "args": [expr_json(expr.operand)]}
    if isinstance(expr, m.Binary):
        return {"op": expr.op, "args": [expr_json(expr.left), expr_json(expr.right)]}
    if isinstance(expr, m.Cond):
        return {"op": "if", "args": [expr_json(expr.condition), expr_json(expr.then),
                                     expr_json(expr.otherwise)]}
    return {"op": expr.function, "args": [expr_json(a) for a in expr.args]}


def rule_json(rule: m.Rule) -> dict[str, Any]:
    from perfdsl.core import kinds

    out: dict[str, Any] = {"kind": kinds.KIND_OF[type(rule)]}
    for field in attrs.fields(type(rule)):
        if field.name == "span":
            continue
        value = getattr(rule, field.name)
        out[field.name] = _field_json(value)
    return out


def _field_json(value: Any) -> Any:
    if isinstance(value, m.Expr.__args__):  # type: ignore[attr-defined]
        return expr_json(value)
    if isinstance(value, Decimal):
        return _dec(value)
    if isinstance(value, m.Scale):
        return value.name
    if isinstance(value, tuple):
        return [{f.name: _field_json(getattr(item, f.name)) for f in attrs.fields(type(item))
                 if f.name != "span"} for item in value]
    return value


def __getattr__(name: str) -> Any:
    """`RULE_KINDS`: each model rule class's kind name, from the registry the kinds' lowerings
    fill (`perfdsl.core.kinds`), so a new kind is named in one place."""
    if name == "RULE_KINDS":
        from perfdsl.core import kinds

        return dict(kinds.KIND_OF)
    raise AttributeError(name)


def _dec(value: Decimal | None) -> str | None:
    """Decimals travel as strings in JSON, so no reader turns them into binary floats."""
    return None if value is None else format(value, "f")
