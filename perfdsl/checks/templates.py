"""Explanation templates: Jinja in its sandbox, checked when the rubric compiles.

An indicator may carry `计算分析 "..."` / `explain "..."`, a Jinja template for its 计算分析情况
cell, with the indicator's own numbers in scope by their rubric names:

    计算分析 "（在职人员{{ 在职人员数 }}人/编制数{{ 编制数 }}人）×100% = {{ 值 | 百分比 }}"

`check(model)` is a pass over the checked model: it parses every template and reports, with a
position in the rubric, a syntax error, a name the indicator does not use, an unknown filter, or
anything that reaches for Python internals (`__class__`, `mro`, `attr`, imports) — so a template
never renders blank or does something it should not. It returns the compiled templates. Rendering
happens in an immutable sandbox with `StrictUndefined` and no globals at all.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.checks.model import reads_of, rule_exprs
from perfdsl.language.source import Span

# Names every indicator's template has, in both languages.
FIXED_NAMES = {"值": "value", "value": "value", "得分": "score", "score": "score",
               "分值": "weight", "weight": "weight", "参考分值": "reference",
               "reference": "reference", "指标": "name", "name": "name",
               "扣分": "deduction", "deduction": "deduction", "等次": "level", "level": "level"}

_UNSAFE_ATTRIBUTES = {"mro", "gi_frame", "gi_code", "cr_frame", "f_globals", "f_locals",
                      "func_globals", "func_code", "im_class", "im_func", "format", "format_map"}
_SAFE_BUILTIN_FILTERS = {"abs", "round", "default", "d", "join", "length", "count", "lower",
                         "upper", "trim", "replace", "first", "last", "int", "float", "string",
                         "sum", "min", "max", "truncate", "e", "escape", "list"}
_FORBIDDEN_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Macro,
                    nodes.CallBlock, nodes.Block)


def _money(value: Any, unit: str | bool = False) -> str:
    if not isinstance(value, Decimal):
        return fmt.value(value, None)
    if unit is True:
        unit = "万元"
    return fmt.money(value, unit or "", with_unit=bool(unit))


def _percent(value: Any) -> str:
    return fmt.percent(value) if isinstance(value, Decimal) else fmt.value(value, None)


def _score(value: Any) -> str:
    return fmt.score(value) if isinstance(value, Decimal) else fmt.value(value, None)


def _number(value: Any, places: int | None = None) -> str:
    if not isinstance(value, Decimal):
        return fmt.value(value, None)
    return fmt.plain(value) if places is None else fmt.fixed(value, places)


def _level(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else fmt.value(value, None)


DOMAIN_FILTERS = {
    "金额": _money, "money": _money,
    "百分比": _percent, "percent": _percent,
    "分数": _score, "score": _score,
    "数": _number, "number": _number,
    "等次": _level, "level": _level,
}


def _finalize(value: Any) -> Any:
    """How a bare `{{ x }}` prints: decimals plainly (8, 0.5), yes/no as 是/否."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return fmt.plain(value)
    return value


_MAX_TEXT = 100_000  # characters (or items) a `*` may make
_MAX_POWER_BITS = 100_000  # bits an integer `**` may make


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, where `*` and `**` cannot make a huge string or number.

    Jinja folds constant expressions when it compiles a template, so without this a rubric with
    `{{ 10 ** 100000000 }}` would hang `perfdsl compile`, and `{{ 值 | string * 10**9 }}` fill
    the memory when rendered. Intercepted operators are not folded; refused ones raise
    SecurityError, and the indicator's sentence is then written without the template.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and abs(left) > 1 and right > 0 and left.bit_length() * right > _MAX_POWER_BITS:
            raise jinja2.exceptions.SecurityError("the power is too large")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                        and len(sequence) * count > _MAX_TEXT:
                    raise jinja2.exceptions.SecurityError("the repeated text is too long")
        return super().call_binop(context, operator, left, right)


def environment(loader: jinja2.BaseLoader | None = None) -> ImmutableSandboxedEnvironment:
    """The sandbox every template renders in: no globals, strict undefined, domain filters."""
    env = _Sandbox(
        loader=loader, undefined=jinja2.StrictUndefined, finalize=_finalize,
        autoescape=False, keep_trailing_newline=True)
    env.globals.clear()
    env.filters = {name: f for name, f in env.filters.items() if name in _SAFE_BUILTIN_FILTERS}
    env.filters.update(DOMAIN_FILTERS)
    return env


_ENV = environment()


def scope_of(indicator: m.Indicator, values: dict[str, m.Expr]) -> list[str]:
    """The names an indicator's template may use: what it reads, directly or through values."""
    seen: dict[str, None] = {}
    if indicator.value is not None:
        seen[indicator.name] = None
    stack = list(reads_of(indicator.value))
    for expr in rule_exprs(indicator.rule):
        stack.extend(reads_of(expr))
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen[name] = None
        if name in values:
            stack.extend(reads_of(values[name]))
    return list(seen)


def text_inputs(rubric: m.Rubric) -> list[str]:
    """Text inputs (偏差原因分析…) are for the report: every template may show them."""
    return [decl.name for decl in rubric.inputs if decl.type.kind == "text"]


def value_exprs(rubric: m.Rubric) -> dict[str, m.Expr]:
    exprs = {d.name: d.expr for d in rubric.derived}
    exprs.update({i.name: i.value for i in rubric.indicators if i.value is not None})
    return exprs


def check(rubric: m.Rubric) -> tuple[dict[int, jinja2.Template], list[Diagnostic]]:
    """Compile every explanation template; report each problem at its place in the rubric."""
    templates: dict[int, jinja2.Template] = {}
    diagnostics: list[Diagnostic] = []
    values = value_exprs(rubric)
    for index, indicator in enumerate(rubric.indicators):
        if indicator.explain is None:
            continue
        scope = scope_of(indicator, values) + text_inputs(rubric)
        found = check_template(indicator.explain, indicator.explain_span, set(scope) | set(FIXED_NAMES))
        diagnostics += found
        if not found:
            templates[index] = _ENV.from_string(indicator.explain)
    return templates, diagnostics


def check_template(text: str, span: Span | None, scope: set[str]) -> list[Diagnostic]:
    """Every problem in one template; an empty list means it is safe and complete."""
    try:
        tree = _ENV.parse(text)
    except jinja2.TemplateSyntaxError as error:
        return [Diagnostic("E501", _line_span(span, text, error.lineno), {"reason": error.message})]
    out = []
    for node in tree.find_all(_FORBIDDEN_NODES):
        out.append(Diagnostic("E503", _node_span(span, text, node), {"what": _node_word(node)}))
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else _const(node.arg)
        if isinstance(attr, str) and (attr.startswith("_") or attr in _UNSAFE_ATTRIBUTES):
            out.append(Diagnostic("E503", _find(span, text, attr), {"what": attr}))
    for node in tree.find_all(nodes.Filter):
        if node.name not in _ENV.filters:
            what = {"attr": "attr", "format": "format", "map": "map"}.get(node.name)
            if what:
                out.append(Diagnostic("E503", _find(span, text, node.name), {"what": node.name}))
            else:
                out.append(Diagnostic("E504", _find(span, text, node.name), {
                    "name": node.name, "filters": ", ".join(sorted(DOMAIN_FILTERS))}))
    for node in tree.find_all(nodes.Test):
        if node.name not in _ENV.tests:
            out.append(Diagnostic("E504", _find(span, text, node.name), {
                "name": node.name, "filters": ", ".join(sorted(DOMAIN_FILTERS))}))
    from perfdsl.diagnostics import suggest

    try:
        undeclared = meta.find_undeclared_variables(tree)
    except jinja2.TemplateAssertionError as error:  # an unknown filter or test, reported above
        if not out:
            out.append(Diagnostic("E501", _line_span(span, text, error.lineno),
                                  {"reason": error.message}))
        return out
    for name in sorted(undeclared - scope):
        hint, hint_zh = suggest(name, scope)
        shown = "、".join(sorted(n for n in scope if not n.isascii() or n not in FIXED_NAMES))
        out.append(Diagnostic("E502", _find(span, text, name), {
            "name": name, "suggestion": hint, "suggestion_zh": hint_zh, "scope": shown}))
    return out


def render(template: jinja2.Template, context: dict[str, Any]) -> str | None:
    """The rendered text, or None when a value it needs is unavailable for this unit."""
    try:
        return template.render(context).strip()
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, ArithmeticError, TypeError,
            ValueError):
        return None


def _const(node: nodes.Node) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


def _node_word(node: nodes.Node) -> str:
    return {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
            nodes.Extends: "extends", nodes.Macro: "macro", nodes.CallBlock: "call",
            nodes.Block: "block"}.get(type(node), type(node).__name__.lower())


def _find(span: Span | None, text: str, needle: str) -> Span | None:
    """The span of `needle`'s first occurrence inside the template's string literal."""
    if span is None:
        return None
    raw = span.text
    index = raw.find(needle)
    if index < 0:
        return span
    return Span(span.source, span.start + index, span.start + index + len(needle))


def _line_span(span: Span | None, text: str, lineno: int | None) -> Span | None:
    if span is None:
        return None
    raw = span.text
    offset = 1  # past the opening quote
    for _ in range(max((lineno or 1) - 1, 0)):
        newline = raw.find("\n", offset)
        if newline < 0:
            break
        offset = newline + 1
    return Span(span.source, span.start + offset, span.start + offset + 1)


def _node_span(span: Span | None, text: str, node: nodes.Node) -> Span | None:
    word = _node_word(node)
    found = re.search(r"\{%-?\s*" + re.escape(word), span.text) if span is not None else None
    if span is None or found is None:
        return _line_span(span, text, getattr(node, "lineno", 1))
    return Span(span.source, span.start + found.start(), span.start + found.end())
