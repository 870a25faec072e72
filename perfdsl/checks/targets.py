"""Part of pass 2 (resolve): an indicator's 年度指标值, consistency checks, 政策依据 and the layout.

Called by `perfdsl.checks.resolve` with its resolver, whose name tables, expression checks and
diagnostics these reuse. Expects syntax nodes (`Goal`, `Check`, `Layout`, `Target` with no
operands, the check-only functions `已填`/`已说明`). Guarantees checked model nodes, or a
diagnostic saying what is wrong:

- a goal (`年度指标值 ≥ 320`) is a number comparable with the indicator's value; a qualitative
  goal (`年度指标值 定性 "及时"`) is words, and its 实际完成值 is a level of the standard scale;
- `评分 对标` alone scores the indicator's value against its goal: the same rule as
  `对标 值 ≥ 目标` for a number (`model.Target`), and the standard scale's share for a
  qualitative goal (`model.Levels`) — the target is stated once, on the indicator;
- a check is a condition (or `A 则 B`), with a tolerance only on a comparison;
- `已填(输入)` and `已说明(指标)` are facts of the unit's data, usable only in checks.

The standard scale for qualitative targets is 财预〔2020〕10号's three grades: 达成 (80%–100% of
the weight), 部分达成 (60%–80%), 未达成 (0–60%). Judged scores (`人工评分`) must lie in the range;
`对标` alone scores 达成 at full marks and the others at the least their range allows (60%, 0).
A rubric that declares its own scale `达成程度` uses its own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfdsl.checks import model as m
from perfdsl.checks import units
from perfdsl.checks.units import ERROR
from perfdsl.language import syntax as s
from perfdsl.language.keywords import KEYWORDS
from perfdsl.language.source import Span

STANDARD_SCALE = "达成程度"

# name, share scored by `对标` alone, the judged range [low, high), closed at each end or not
_STANDARD_LEVELS = (
    ("达成", Decimal(1), Decimal("0.8"), Decimal(1), True, True),
    ("部分达成", Decimal("0.6"), Decimal("0.6"), Decimal("0.8"), True, False),
    ("未达成", Decimal(0), Decimal(0), Decimal("0.6"), True, False),
)

FACTS = ("given", "explained")

LAYOUTS = {"部门整体": "department", "department": "department",
           "项目支出": "project", "project": "project"}


def standard_scale(span: Span) -> m.Scale:
    """The built-in scale for qualitative targets (达成 / 部分达成 / 未达成)."""
    return m.Scale(name=STANDARD_SCALE, span=span, levels=tuple(
        m.Level(name=name, fraction=share, low=low, high=high, span=span, low_closed=lc,
                high_closed=hc)
        for name, share, low, high, lc, hc in _STANDARD_LEVELS))


def use_standard_scale(r: Any, name: str | None) -> m.Scale | None:
    """Make the standard scale known to the resolver when `name` is its name and the rubric does
    not declare a scale of that name itself; return the scale called `name`, if any."""
    if name == STANDARD_SCALE and name not in r.scales:
        r.scales[name] = standard_scale(Span(r.tree.source, 0, 0))
    return r.scales.get(name or "")


def goal(r: Any, node: s.Indicator, value: m.Expr | None) -> m.Goal | None:
    """The indicator's 年度指标值, checked against its value's unit."""
    goals = [c for c in node.clauses if isinstance(c, s.Goal)]
    if not goals:
        return None
    for extra in goals[1:]:
        r.twice(extra.span, goals[0].span, *KEYWORDS["GOAL"][:2])
    found = goals[0]
    if found.op == "qualitative":
        return m.Goal(op="qualitative", expr=None, text=found.text, span=found.span)
    unit_of = value if value is not None and value.type is not ERROR \
        and value.type.is_quantity else None
    expr = r.quantity(found.value, unit_of)
    if expr.type is ERROR:
        return None
    return m.Goal(op=found.op, expr=expr, text=None, span=found.span)


def declared_target(r: Any, rule: s.Target) -> m.Rule | None:
    """`评分 对标` alone: the indicator's value against its declared goal."""
    name, value, declared = r.current
    if declared is None:
        r.error("E703", rule.span, indicator=name)
        return None
    if value is None:
        r.error("E704", rule.span, indicator=name)
        return None
    own = m.ValueRef(name=name, type=value.type, span=rule.span)
    if declared.qualitative:
        scale = use_standard_scale(r, STANDARD_SCALE)
        assert scale is not None
        if value.type is not ERROR and (value.type.kind != "level"
                                         or value.type.scale != STANDARD_SCALE):
            r.error("E708", rule.span, indicator=name, scale=STANDARD_SCALE,
                    levels="、".join(lv.name for lv in scale.levels))
            return None
        return m.Levels(subject=own, scale=scale, span=rule.span)
    if value.type is not ERROR and not value.type.is_quantity:
        r.expect_quantity(own)
        return None
    return m.Target(actual=own, op=declared.op, target=declared.expr, span=rule.span)


def check(r: Any, found: s.Check, path: tuple[str, ...] | None) -> m.Check | None:
    """A consistency check: conditions that resolve, a tolerance only on a comparison."""
    before = len(r.diagnostics)
    r.in_check = True
    try:
        condition = r.condition(found.condition) if found.condition is not None else None
        expr = r.condition(found.expr)
    finally:
        r.in_check = False
    tolerance = None
    if found.tolerance is not None:
        tolerance = r.constant(found.tolerance, "tolerance")
        comparison = isinstance(expr, m.Binary) and expr.op in ("=", "<=", ">=", "<", ">")
        if tolerance is not None and (tolerance < 0 or not comparison):
            r.error("E702", found.tolerance.span, tolerance=found.tolerance.span.text)
            tolerance = None
        elif comparison and expr.left.type.is_quantity:  # type: ignore[union-attr]
            r.plain_number_for_percent(expr.left.type, found.tolerance)  # type: ignore[union-attr]
    if any(d.is_error for d in r.diagnostics[before:]):
        return None
    return m.Check(condition=condition, expr=expr, tolerance=tolerance, label=found.label,
                   span=found.span, indicator=path)


def fact(r: Any, call: s.Call) -> m.Expr:
    """`已填(输入)` / `已说明(指标)`: what the unit's data says, in a check."""
    words = {"given": ("an input", "输入"), "explained": ("an indicator", "指标")}
    expected, expected_zh = words[call.function]
    if not r.in_check:
        r.error("E705", call.span, function=call.span.text.split("(")[0].strip())
        return m.Const(value=False, type=ERROR, span=call.span)
    arg = call.args[0] if len(call.args) == 1 else None
    kind = r.names.get(arg.name, ("", None))[0] if isinstance(arg, s.Ref) else ""
    wanted = "input" if call.function == "given" else "indicator"
    if kind != wanted:
        r.error("E706", call.span, function=call.span.text.split("(")[0].strip(),
                expected=expected, expected_zh=expected_zh)
        return m.Const(value=False, type=ERROR, span=call.span)
    r.used.add(arg.name)  # type: ignore[union-attr]
    return m.Fact(kind=call.function, name=arg.name, type=units.BOOL,  # type: ignore[union-attr]
                  span=call.span)


def layout(r: Any, found: s.Layout | None) -> str:
    """The printed form the rubric chooses (`表样 项目支出`); 部门整体 when it says nothing."""
    if found is None:
        return "department"
    chosen = LAYOUTS.get(found.name.text)
    if chosen is None:
        r.error("E707", found.name.span, name=found.name.text,
                layouts="、".join(k for k in LAYOUTS if not k.isascii()),
                layouts_en=", ".join(k for k in LAYOUTS if k.isascii()))
        return "department"
    return chosen
