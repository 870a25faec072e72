"""`perfdsl diff A B [DATA]`: what changed from one rubric to another, and what it does to scores.

Expects two compiled rubrics — two editions of one rubric (2021 and the 2022 that builds on it),
or a template and a unit's rubric. Guarantees the list of changes, in the order of B's tree:

- the header: title, year, total, grades, how the weight of what does not apply is shared out;
- inputs and derived values added, removed, or changed (type, range, default; formula);
- groups and indicators added, removed, moved, re-weighted (设定分值, 参考分值), given another
  value formula, rule or fallback, or no longer applying (不适用);

and, given a unit's figures, both rubrics' scores of every indicator and group whose score
differs, with the total and the grade, so each change can be read beside its effect. An
indicator is the same indicator in both when it has the same name (names are unique).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.core import graph as graph_pass
from perfdsl.formatting import plain


@attrs.frozen
class Change:
    kind: str  # header, input, let, group, indicator
    what: str  # added, removed, changed, moved, not_applicable
    name: str
    before: str | None = None
    after: str | None = None
    field: str | None = None  # for `changed`: which part (weight, rule, type…)


@attrs.frozen
class Effect:
    kind: str  # indicator, group, total, grade
    name: str
    before: Any
    after: Any


def changes(a, b) -> list[Change]:
    """Every change from compiled rubric `a` to `b`."""
    ma, mb = a.model, b.model
    out: list[Change] = []
    for field, get in (("title", lambda r: r.title), ("year", lambda r: r.year),
                       ("total", lambda r: plain(r.total)), ("grades", _grades),
                       ("rescale", lambda r: r.rescale)):
        x, y = get(ma), get(mb)
        if x != y:
            out.append(Change("header", "changed", field, _str(x), _str(y), field))
    out += _declarations("input", {i.name: i for i in ma.inputs}, {i.name: i for i in mb.inputs},
                         _input_facts)
    out += _declarations("let", {d.name: d for d in ma.derived}, {d.name: d for d in mb.derived},
                         lambda d: {"formula": _expr(d.expr)})
    groups_a, groups_b = dict(_groups(ma.groups)), dict(_groups(mb.groups))
    out += _declarations("group", groups_a, groups_b, _group_facts)
    inds_a = {i.name: i for i in ma.indicators}
    inds_b = {i.name: i for i in mb.indicators}
    gone_b = {e.name for e in _excluded(mb)}
    for name, ind in inds_b.items():
        before = inds_a.get(name)
        if before is None:
            out.append(Change("indicator", "added", name, None, _where(ind), None))
            continue
        if before.path[:-1] != ind.path[:-1]:
            out.append(Change("indicator", "moved", name, _where(before), _where(ind), "path"))
        facts_a, facts_b = _indicator_facts(before), _indicator_facts(ind)
        for field in facts_b:
            x, y = facts_a[field][0], facts_b[field][0]
            if field == "rule" and (x[0] == y[0] or x[1] == y[1]):
                continue
            if x != y:
                out.append(Change("indicator", "changed", name, facts_a[field][1],
                                  facts_b[field][1], field))
    for name, ind in inds_a.items():
        if name not in inds_b:
            what = "not_applicable" if name in gone_b else "removed"
            out.append(Change("indicator", what, name, _where(ind), None))
    return out


def effects(a, b, data) -> list[Effect]:
    """The scores that differ between the two rubrics for one unit's figures."""
    ra, rb = a.evaluate(data), b.evaluate(data)
    out: list[Effect] = []
    scores_a = {i.name: i.score for i in ra.indicators}
    for ind in rb.indicators:
        before = scores_a.pop(ind.name, None)
        if before != ind.score:
            out.append(Effect("indicator", ind.name, before, ind.score))
    out += [Effect("indicator", name, score, None) for name, score in scores_a.items()]
    subtotals_a = {g.path: g.score for g in ra.groups}
    for group in rb.groups:
        before = subtotals_a.pop(group.path, None)
        if before != group.score:
            out.append(Effect("group", " › ".join(group.path), before, group.score))
    out += [Effect("group", " › ".join(p), s, None) for p, s in subtotals_a.items()]
    if ra.total != rb.total:
        out.append(Effect("total", "total", ra.total, rb.total))
    if ra.grade != rb.grade:
        out.append(Effect("grade", "grade", ra.grade, rb.grade))
    return out


# --- Facts compared ---------------------------------------------------------------------------

def _declarations(kind: str, a: dict, b: dict, facts) -> list[Change]:
    out = []
    for name, item in b.items():
        if name not in a:
            out.append(Change(kind, "added", name, None, _summary(facts(item))))
            continue
        fa, fb = facts(a[name]), facts(item)
        for field in fb:
            if fa.get(field) != fb[field]:
                out.append(Change(kind, "changed", name, _str(fa.get(field)), _str(fb[field]),
                                  field))
    out += [Change(kind, "removed", name, _summary(facts(item)), None)
            for name, item in a.items() if name not in b]
    return out


def _input_facts(decl: m.InputDecl) -> dict[str, str]:
    return {"type": decl.type.describe(), "range": m.describe_bounds(decl.bounds, decl.type),
            "default": _str(decl.default), "label": _str(decl.label)}


def _group_facts(group: m.Group) -> dict[str, str]:
    return {"weight": plain(group.weight), "reference": _str(group.reference and
                                                             plain(group.reference))}


def _indicator_facts(ind: m.Indicator) -> dict[str, tuple[Any, str]]:
    """Each comparable part: (what is compared, how it is shown)."""
    # A rule is compared as written (a band of `75%` is the same rule at another weight) and as
    # checked (the same rule in other words, or other spacing, is no change).
    rule = (_text(ind.rule.span.text), repr(graph_pass.rule_json(ind.rule)))
    value = graph_pass.expr_json(ind.value)
    return {
        "weight": (ind.weight, plain(ind.weight)),
        "reference": (ind.reference, _str(ind.reference and plain(ind.reference))),
        "value": (repr(value), _text(ind.value.span.text) if ind.value is not None else "—"),
        "rule": (rule, _text(ind.rule.span.text)),
        "fallback": (ind.fallback, _str(ind.fallback and plain(ind.fallback))),
        "standard": (ind.standard, _str(ind.standard)),
    }


def _groups(nodes, parent: tuple[str, ...] = ()):
    for node in nodes:
        if isinstance(node, m.Group):
            yield " › ".join(node.path), node
            yield from _groups(node.children)


def _excluded(rubric: m.Rubric):
    yield from rubric.excluded
    stack = list(rubric.groups)
    while stack:
        node = stack.pop()
        if isinstance(node, m.Group):
            yield from node.excluded
            stack.extend(node.children)


def _grades(rubric: m.Rubric) -> str:
    return "；".join(f"{g.name} ≥ {plain(g.minimum)}" if g.minimum is not None else g.name
                    for g in rubric.grades)


def _where(ind: m.Indicator) -> str:
    return f"{' › '.join(ind.path[:-1]) or '—'}, weight {plain(ind.weight)}"


def _expr(expr) -> str:
    return _text(expr.span.text)


def _text(text: str) -> str:
    return " ".join(text.split())


def _str(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


def _summary(facts: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in facts.items() if v not in (None, "—", ""))


# --- Text ---------------------------------------------------------------------------------------

_SIGN = {"added": "+", "removed": "-", "changed": "~", "moved": "~", "not_applicable": "-"}


def text(a_name: str, b_name: str, found: list[Change], scored: list[Effect] | None) -> str:
    lines = [f"--- {a_name}", f"+++ {b_name}"]
    if not found:
        lines.append("no changes")
    for change in found:
        sign = _SIGN[change.what]
        label = change.name if change.kind == "indicator" else f"{change.kind} {change.name}"
        if change.kind == "header":
            lines.append(f"~ {change.name}: {change.before} → {change.after}")
            continue
        if change.what == "added":
            lines.append(f"{sign} {label}: added ({change.after})")
        elif change.what == "removed":
            lines.append(f"{sign} {label}: removed ({change.before})")
        elif change.what == "not_applicable":
            lines.append(f"{sign} {label}: 不适用 ({change.before})")
        else:
            lines.append(f"{sign} {label}: {change.field} {change.before} → {change.after}")
    if scored is not None:
        lines += ["", "scores:"]
        if not scored:
            lines.append("  no score differs")
        for effect in scored:
            before = "—" if effect.before is None else _str(effect.before)
            after = "—" if effect.after is None else _str(effect.after)
            delta = ""
            if isinstance(effect.before, Decimal) and isinstance(effect.after, Decimal):
                d = effect.after - effect.before
                delta = f"  ({'+' if d > 0 else ''}{plain(d)})"
            label = effect.name if effect.kind == "indicator" else \
                f"{'group ' if effect.kind == 'group' else ''}{effect.name}"
            lines.append(f"  {label}: {before} → {after}{delta}")
    return "\n".join(lines) + "\n"


def to_json(found: list[Change], scored: list[Effect] | None) -> dict[str, Any]:
    def value(v: Any) -> Any:
        return plain(v) if isinstance(v, Decimal) else v

    return {
        "schema": "perfdsl.diff", "version": 1,
        "changes": [attrs.asdict(c) for c in found],
        "effects": None if scored is None else [
            {"kind": e.kind, "name": e.name, "before": value(e.before), "after": value(e.after)}
            for e in scored],
    }
