"""A unit's figures: read a YAML or JSON data file, and check each figure against the rubric.

`load(path_or_text)` reads the file keeping every key's position; `check(rubric, mapping)`
turns raw values into typed ones — `40.11`, `40.11万元` and `401100元` into Decimals in the
input's unit, `61.68%` into 0.6168, `是`/`yes` into True, a level name into itself — and reports
unknown keys, missing figures, wrong types and values outside the declared range all together,
by name. A figure that cannot be used becomes `Unavailable`, so only the indicators that need it
are affected. YAML scalars are read from their text, never through binary floats.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.checks import units
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.core.values import CONTEXT, MISSING, DataProblem, Unavailable
from perfdsl.language.source import Source, Span
from perfdsl.checks.model import describe_bounds, show_quantity, within
from perfdsl.formatting import plain

META_KEYS = ("meta", "基本信息")  # a mapping of facts about the unit, not figures (name, date…)
# Mappings beside the figures, read by perfdsl.data.claims: what the filed form claims, and each
# indicator's 偏差原因分析及改进措施.
SECTION_KEYS = ("填报", "claims", "偏差原因", "reasons")

_TRUE = {"true", "yes", "y", "是", "有", "达标", "对"}
_FALSE = {"false", "no", "n", "否", "无", "未达标", "错"}
# Commas only as thousands separators (1,000.50): `40,11` is not read as 4011.
_NUMBER = re.compile(r"^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(\S*?)\s*$")


@attrs.frozen
class Figure:
    """One raw figure from a data file, with where it was written."""

    name: str
    value: Any  # str for a scalar read from text; any Python value through the API
    key_span: Span | None
    value_span: Span | None


@attrs.frozen
class DataFile:
    figures: tuple[Figure, ...]
    meta: dict[str, Any]
    source: Source | None
    # SECTION_KEYS → the section as read (a YAML node, or plain data from a workbook)
    sections: dict[str, Any] = attrs.field(factory=dict, eq=False)


def load(path: str | Path) -> DataFile:
    """Read a YAML or JSON data file; raise `DataError` if it is not a mapping of figures."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {error}"})]) from None
    return loads(text, str(path))


def loads(text: str, name: str = "<data>") -> DataFile:
    import yaml  # only the commands that read data files pay for PyYAML

    source = Source(name, text)
    error = None
    try:
        # libyaml's composer when PyYAML has it: 7× faster, and its marks are character offsets too.
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        root = None
        error = _pure_python_error(text)
    except RecursionError:  # [[[[…]]]] thousands deep: the composer recurses once per level
        root = None
        error = yaml.YAMLError(_TOO_DEEP)
    if error is not None:
        mark = getattr(error, "problem_mark", None)
        span = Span(source, mark.index, mark.index + 1) if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise DataError([Diagnostic("D007", span, {"reason": reason})]) from None
    if root is None:
        return DataFile(figures=(), meta={}, source=source)
    if not isinstance(root, yaml.MappingNode):
        span = Span(source, root.start_mark.index, root.end_mark.index)
        raise DataError([Diagnostic("D009", span, {"found": _node_kind(root)})])
    figures = []
    meta: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = _key(key_node)
        if key in META_KEYS and isinstance(value_node, yaml.MappingNode):
            meta = {_key(k): _node_value(v) for k, v in value_node.value}
            continue
        if key in SECTION_KEYS and isinstance(value_node, yaml.MappingNode):
            sections[key] = value_node  # read with its positions by perfdsl.data.claims
            continue
        value: Any = value_node.value if isinstance(value_node, yaml.ScalarNode) else _node_value(value_node)
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null") \
                and value_node.value in ("", "~", "null", "Null", "NULL"):
            value = None
        figures.append(Figure(
            name=key, value=value,
            key_span=Span(source, key_node.start_mark.index, key_node.end_mark.index),
            value_span=Span(source, value_node.start_mark.index, value_node.end_mark.index)))
    return DataFile(figures=tuple(figures), meta=meta, source=source, sections=sections)


def _pure_python_error(text: str):
    """The pure-Python parser's error for bad YAML: its wording is clearer, and the same on
    every machine whether or not PyYAML was built with libyaml."""
    import yaml

    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return error
    except RecursionError:
        return yaml.YAMLError(_TOO_DEEP)
    return yaml.YAMLError("the YAML cannot be read")


_TOO_DEEP = "the data is nested too deeply"
# A figure is one value, so a list or mapping given as one is only shown in a message. Aliases
# can make a small file denote a huge or endless structure (`a: &x [*x]`, "billion laughs"):
# it is expanded this deep and this far at most, and the rest shown as `…`.
_MAX_DEPTH = 20
_MAX_NODES = 100


def _node_value(node, depth: int = 0, budget: list[int] | None = None) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node.value
    budget = [_MAX_NODES] if budget is None else budget
    budget[0] -= 1
    if depth >= _MAX_DEPTH or budget[0] < 0:
        return "…"
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(n, depth + 1, budget) for n in node.value]
    return {_key(k, depth + 1, budget): _node_value(v, depth + 1, budget) for k, v in node.value}


def _key(node, depth: int = 0, budget: list[int] | None = None) -> str:
    """A mapping key as text (a YAML key may itself be a list or a mapping)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return str(_node_value(node, depth, budget))


def _node_kind(node) -> str:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def from_mapping(mapping: Mapping[str, Any]) -> DataFile:
    """Figures given from Python: values may be Decimal, int, float, bool or text."""
    if isinstance(mapping, DataFile):
        return mapping
    return DataFile(figures=tuple(Figure(name=str(k), value=v, key_span=None, value_span=None)
                                  for k, v in mapping.items()), meta={}, source=None)


def check(rubric: m.Rubric, data: DataFile) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """Typed figures for every input (`Unavailable` where unusable) and the problems found."""
    problems: list[Diagnostic] = []
    inputs = {decl.name: decl for decl in rubric.inputs}
    scales = {scale.name: scale for scale in rubric.scales}
    figures: dict[str, Any] = {}
    for figure in data.figures:
        decl = inputs.get(figure.name)
        if decl is None and figure.name in rubric.ignored_inputs:
            continue  # a template's figure this unit does not score (不适用, not chosen)
        if decl is None:
            from perfdsl.diagnostics import suggest

            hint, hint_zh = suggest(figure.name, inputs)
            problems.append(Diagnostic("D001", figure.key_span, {
                "name": figure.name, "suggestion": hint, "suggestion_zh": hint_zh}))
            continue
        if figure.name in figures:
            problems.append(Diagnostic("D010", figure.key_span, {"name": figure.name}))
        value, problem = coerce(decl, figure.value, figure.value_span, scales)
        if problem is not None:
            problems.append(problem)
            value = Unavailable(DataProblem(problem.code, problem.span, **problem.args))
        figures[figure.name] = value
    for decl in rubric.inputs:
        if decl.name in figures:
            continue
        if decl.default is not None:
            figures[decl.name] = decl.default
            continue
        problem = Diagnostic("D002", decl.span, {
            "name": decl.name, "label": decl.label or decl.type.describe(),
            "label_zh": decl.label or decl.type.describe("zh")})
        problems.append(problem)
        figures[decl.name] = Unavailable(DataProblem("D002", decl.span, **problem.args))
    return figures, tuple(problems)


def slow_checks(rubric: m.Rubric, names: list[str]):
    """The checks generated evaluation calls for the figures its inline test did not take:
    `check(position, raw, problems)` for the input at `position` in `names` (the typed value or
    `Unavailable`, appending what is wrong), and `unknown(figures, problems)` for names the
    rubric has no input for. A `None` in `problems` only says a default was used (so the
    figures must be scanned for unknown names); `unknown` removes it."""
    decls = [rubric.input(name) for name in names]
    scales = {scale.name: scale for scale in rubric.scales}
    known = frozenset(names) | rubric.ignored_inputs  # a template's figures it does not score

    def check(position: int, raw: Any, problems: list) -> Any:
        decl = decls[position]
        if isinstance(raw, Unavailable):
            return raw  # already reported where the figures were read
        if raw is MISSING:
            if decl.default is not None:
                problems.append(None)
                return decl.default
            problem = Diagnostic("D002", decl.span, {
                "name": decl.name, "label": decl.label or decl.type.describe(),
                "label_zh": decl.label or decl.type.describe("zh")})
            problems.append(problem)
            return Unavailable(DataProblem("D002", decl.span, **problem.args))
        value, problem = coerce(decl, raw, None, scales)
        if problem is not None:
            problems.append(problem)
            return Unavailable(DataProblem(problem.code, problem.span, **problem.args))
        return value

    def unknown(figures: Mapping[str, Any], problems: list) -> None:
        found = [p for p in problems if p is not None]
        missing = len(problems) - len(found) + sum(1 for p in found if p.code == "D002")
        if len(figures) == len(names) - missing:  # every name given is an input: none unknown
            if len(found) > 1:
                _figure_order(found, figures)
            problems[:] = found
            return
        for name in figures:
            if name not in known:
                from perfdsl.diagnostics import suggest

                hint, hint_zh = suggest(str(name), names)
                found.append(Diagnostic("D001", None, {
                    "name": name, "suggestion": hint, "suggestion_zh": hint_zh}))
        _figure_order(found, figures)
        problems[:] = found

    return check, unknown


def _figure_order(found: list[Diagnostic], figures: Mapping[str, Any]) -> None:
    """The order `check` gives: the figures' own order, then what is missing, as declared."""
    position = {name: i for i, name in enumerate(figures)}
    found.sort(key=lambda d: (1, 0) if d.code == "D002"
               else (0, position.get(d.args.get("name"), 0)))


class FigureChecker:
    """`check` for figures given from Python, planned once per rubric.

    A figure that already has its type (a Decimal within range, a bool, a level name) is taken
    as it is; anything else goes through `coerce`, which accepts text like `40.11万元` and says
    what is wrong. The result is the same as `check(rubric, from_mapping(figures))`.
    """

    def __init__(self, rubric: m.Rubric):
        self.rubric = rubric
        self.scales = {scale.name: scale for scale in rubric.scales}
        self.names = frozenset(decl.name for decl in rubric.inputs)
        self.plan = []
        for decl in rubric.inputs:
            kind = decl.type.kind
            levels = None
            if kind == "level" and decl.type.scale in self.scales:
                levels = frozenset(lv.name for lv in self.scales[decl.type.scale].levels)
            bounds = tuple((_BOUND_TESTS[b.op], b.value) for b in decl.bounds)
            self.plan.append((decl.name, decl, kind, bounds, levels))

    def check(self, figures: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
        checked: dict[str, Any] = {}
        slow = False
        for name, decl, kind, bounds, levels in self.plan:
            value = figures.get(name, _ABSENT)
            if kind == "quantity" and type(value) is Decimal and value.is_finite():
                for test, limit in bounds:
                    if not test(value, limit):
                        slow = True
                        break
            elif kind == "bool" and type(value) is bool:
                pass
            elif kind == "level" and type(value) is str and (levels is None or value in levels):
                pass
            elif kind == "text" and type(value) is str:
                pass
            else:
                slow = True
            if slow:
                break
            checked[name] = value
        if slow or len(figures) != len(checked):
            return check(self.rubric, from_mapping(figures))
        return checked, ()


_ABSENT = object()
_BOUND_TESTS = {"<": Decimal.__lt__, "<=": Decimal.__le__, ">": Decimal.__gt__,
                ">=": Decimal.__ge__, "=": Decimal.__eq__, "!=": Decimal.__ne__}


def coerce(decl: m.InputDecl, raw: Any, span: Span | None,
           scales: Mapping[str, m.Scale]) -> tuple[Any, Diagnostic | None]:
    """The typed value of one figure, or the diagnostic saying why it has none."""
    type_ = decl.type
    try:
        if raw is None:
            raise _Bad("nothing", "a value is needed", "需要给出一个值", found_zh="空值")
        if type_.kind == "quantity":
            with decimal.localcontext(CONTEXT):  # 61.68% is 0.6168 whatever the caller's precision
                value = _quantity(type_, raw)
        elif type_.kind == "bool":
            value = _bool(raw)
        elif type_.kind == "level":
            value = _level(scales.get(decl.type.scale or ""), raw)
        else:
            value = str(raw)
    except _Bad as bad:
        return None, Diagnostic("D003", span or decl.span, {
            "name": decl.name, "expected": type_.describe(), "expected_zh": type_.describe("zh"),
            "found": bad.found, "found_zh": bad.found_zh, "hint_en": bad.hint_en,
            "hint_zh": bad.hint_zh})
    if type_.kind == "quantity":
        for bound in decl.bounds:
            if not within(value, bound):
                return None, Diagnostic("D004", span or decl.span, {
                    "name": decl.name, "value": show_quantity(value, type_),
                    "range": describe_bounds(decl.bounds, type_)})
    return value, None


class _Bad(Exception):
    def __init__(self, found: str, hint_en: str = "", hint_zh: str = "", found_zh: str | None = None):
        self.found, self.hint_en, self.hint_zh = found, hint_en, hint_zh
        self.found_zh = found if found_zh is None else found_zh


def _quantity(type_: units.Type, raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise _Bad(f"`{raw}`")
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise _Bad(f"`{raw}`")
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _Bad(f"`{raw}`")
        return Decimal(repr(raw))
    if not isinstance(raw, str):
        raise _Bad(f"`{raw}`")
    match = _NUMBER.match(raw.translate(_FULL_WIDTH_DIGITS))
    if not match:
        raise _Bad(f"`{raw}`", "write a number, e.g. 40.11", "请填写数字，例如 40.11")
    try:
        number = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        raise _Bad(f"`{raw}`") from None
    suffix = match.group(2)
    if suffix[:1] == ",":
        raise _Bad(f"`{raw}`", "write decimals with a point, e.g. 40.11; a comma only separates "
                   "thousands, e.g. 1,000", "小数请用小数点，例如 40.11；逗号只用于千位分隔，例如 1,000")
    if type_.display in ("percent", "ratio"):
        if suffix == "%":
            return number / 100
        if suffix:
            raise _Bad(f"`{raw}`", "write a percentage like 61.68%", "请写成百分数，例如 61.68%")
        if type_.display == "percent":
            raise _Bad(f"`{raw}`", f"write `{raw}%` for a percentage (a bare number is ambiguous)",
                       f"百分比请写成 `{raw}%`（不带 % 的数字含义不明确）")
        return number
    if not suffix:
        return number
    money, _, per = type_.unit.partition("/")
    given, _, given_per = suffix.partition("/")
    if money in units.MONEY_UNITS and given in units.MONEY_UNITS and per == given_per:
        return number * units.MONEY_UNITS[given] / units.MONEY_UNITS[money]
    if suffix == type_.unit:
        return number
    raise _Bad(f"`{raw}`", f"the unit here is {type_.unit or 'none'}",
               f"此处的单位应为 {type_.unit or '无'}")


_FULL_WIDTH_DIGITS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)},
                                    "．": ".", "％": "%", "，": ","})


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Bad(f"`{raw}`", "write 是/否 or yes/no", "请填写 是/否（或 yes/no）")


def _level(scale: m.Scale | None, raw: Any) -> str:
    text = str(raw).strip()
    if scale is not None and scale.level(text) is None:
        levels = "、".join(lv.name for lv in scale.levels)
        raise _Bad(f"`{raw}`", f"one of: {levels}", f"应为以下之一：{levels}")
    return text
