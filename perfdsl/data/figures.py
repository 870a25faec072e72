"""A unit's figures: read a YAML or JSON data file, and check each figure against the rubric.

`load(path_or_text)` reads the file keeping every key's position; `check(rubric, mapping)`
turns raw values into typed ones — `40.11`, `40.11万元` and `401100元` into Decimals in the
input's unit, `61.68%` into 0.6168, `是`/`yes` into True, a level name into itself — and reports
unknown keys, missing figures, wrong types and values outside the declared range all together,
by name. A figure that cannot be used becomes `Unavailable`, so only the indicators that need it
are affected. YAML scalars are read from their text, never through binary floats.

A data file may come from someone else, so what it can make perfdsl do is bounded
(docs/security.md): the file's size (`MAX_FILE_BYTES`), what its YAML aliases expand to
(`MAX_EXPANDED`, so a small file cannot denote gigabytes), the digits of a figure
(`MAX_DIGITS` before the point, `MAX_PLACES` after: D011), and how much of a value a message
echoes (`SHOWN`, then "…"). Figures are read exactly: a percentage is its number with the point
moved (scaleb), money converted by a power of ten, in a context wide enough for every digit.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, Overflow
from pathlib import Path
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.checks import units
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.core.values import MISSING, DataProblem, Unavailable
from perfdsl.language.source import Source, Span
from perfdsl.checks.model import describe_bounds, show_quantity, within
from perfdsl.formatting import plain

META_KEYS = ("meta", "基本信息")  # a mapping of facts about the unit, not figures (name, date…)
# Mappings beside the figures, read by perfdsl.data.claims: what the filed form claims, and each
# indicator's 偏差原因分析及改进措施.
SECTION_KEYS = ("填报", "claims", "偏差原因", "reasons")

# 基本信息 entries that are amounts of money in 万元: the form's 资金情况 block.
FUND_KEYS = ("上年结转金额", "年初预算金额", "预算调整金额", "其他调整资金", "预算执行金额", "年末结余金额")

MAX_FILE_BYTES = 10_000_000  # a unit's figures take a few kilobytes
MAX_EXPANDED = 10_000_000  # characters the document may denote once its aliases are expanded
MAX_DIGITS = 15  # digits before the decimal point: below 10^15 (a thousand 万亿) in any unit
MAX_PLACES = 30  # digits after it
SHOWN = 60  # characters of a value a message echoes before "…"
MAX_SUGGESTIONS = 100  # unknown keys that get a "did you mean" (each costs a fuzzy search)
# Figures are read in a context wide enough to hold every digit a figure may have, converted.
_READ = decimal.Context(prec=MAX_DIGITS + MAX_PLACES + 40, rounding=ROUND_HALF_UP,
                        traps=[InvalidOperation, DivisionByZero, Overflow])

_TRUE = {"true", "yes", "y", "是", "有", "达标", "对"}
_FALSE = {"false", "no", "n", "否", "无", "未达标", "错"}
# Commas only as thousands separators (1,000.50): `40,11` is not read as 4011.
# Digits are 0-9 only: `\d` would take Arabic-Indic or other scripts' digits as well.
_NUMBER = re.compile(r"^\s*([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+)"
                     r"\s*(\S*?)\s*$")


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
    meta_spans: dict[str, Span] = attrs.field(factory=dict, eq=False)  # where each value stands


def load(path: str | Path) -> DataFile:
    """Read a YAML or JSON data file; raise `DataError` if it is not a mapping of figures."""
    from perfdsl.untrusted import decode

    path = Path(path)
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # never more: a path may name /dev/zero
    except (OSError, ValueError) as error:
        raise DataError([Diagnostic("D007", None, {"reason": f"{path}: {error}"})]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([_too_large(None, "bytes")])
    return loads(decode(raw, str(path), "D013"), str(path))


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
    # Without an anchor (`&name`) there is no alias, and the file's own size is the bound.
    expanded = _expanded_size(root) if "&" in text else 0
    if expanded is None or expanded > MAX_EXPANDED:
        span = Span(source, root.start_mark.index, root.start_mark.index + 1)
        raise DataError([_too_large(span, "endless" if expanded is None else "aliases")])
    if not isinstance(root, yaml.MappingNode):
        span = Span(source, root.start_mark.index, root.end_mark.index)
        raise DataError([Diagnostic("D009", span, {"found": _node_kind(root)})])
    figures = []
    meta: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    meta_spans: dict[str, Span] = {}
    for key_node, value_node in root.value:
        key = _key(key_node)
        if key in META_KEYS and isinstance(value_node, yaml.MappingNode):
            meta = {}
            for k, v in value_node.value:
                name = _key(k)
                meta[name] = _meta_value(v)
                meta_spans[name] = Span(source, v.start_mark.index, v.end_mark.index)
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
    return DataFile(figures=tuple(figures), meta=meta, source=source, meta_spans=meta_spans,
                    sections=sections)


def _meta_value(node) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL"):
            return ""
        return node.value
    return _node_value(node)


def _expanded_size(root) -> int | None:
    """Characters the document denotes with every alias expanded (None: an alias contains
    itself), computed once per node, so a billion laughs costs what its file costs."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        key = id(node)
        if closing:
            open_nodes.discard(key)
            children = _children(node)
            sizes[key] = min(MAX_EXPANDED + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            return None
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = len(node.value) + 1
            continue
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def _too_large(span: Span | None, why: str) -> Diagnostic:
    reasons = {
        "bytes": (f"it is larger than {MAX_FILE_BYTES:,} bytes",
                  f"文件超过 {MAX_FILE_BYTES:,} 字节"),
        "aliases": (f"its aliases (*name) expand it to more than {MAX_EXPANDED:,} characters",
                    f"其中的别名（*名称）展开后超过 {MAX_EXPANDED:,} 个字符"),
        "endless": ("an alias (*name) stands inside the value it names, so it never ends",
                    "别名（*名称）出现在它所指的值之中，展开后没有尽头"),
    }
    en, zh = reasons[why]
    return Diagnostic("D012", span, {
        "reason": en, "reason_zh": zh,
        "advice": "write each figure out plainly: a unit's figures take a few kilobytes and "
                  "need no aliases (&name, *name)",
        "advice_zh": "请直接写出每个数据：一个单位的数据只需几 KB，也无需使用别名（&名称、*名称）"})


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
        return node.value if depth == 0 else cut(node.value, 200)
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
    unknown = 0
    for figure in data.figures:
        decl = inputs.get(figure.name)
        if decl is None and figure.name in rubric.ignored_inputs:
            continue  # a template's figure this unit does not score (不适用, not chosen)
        if decl is None:
            from perfdsl.diagnostics import suggest

            # A fuzzy search per unknown key would make a file of 200,000 of them take minutes.
            unknown += 1
            hint, hint_zh = suggest(figure.name, inputs) if unknown <= MAX_SUGGESTIONS else ("", "")
            problems.append(Diagnostic("D001", figure.key_span, {
                "name": cut(figure.name), "suggestion": hint, "suggestion_zh": hint_zh}))
            continue
        if figure.name in figures:
            problems.append(Diagnostic("D010", figure.key_span, {"name": cut(figure.name)}))
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
    problems += check_funds(data)
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

    def unknown(figures: Mapping[str, Any], problems: list, defaulted: int = 0) -> None:
        found = [p for p in problems if p is not None]
        missing = defaulted + len(problems) - len(found) + sum(1 for p in found
                                                               if p.code == "D002")
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


_FUNDS_TYPE = units.Type(kind="quantity", unit="万元", display="money")


def check_funds(data: DataFile) -> list[Diagnostic]:
    """The 基本信息 funds block: each amount (万元) given must be one, of bounded size."""
    problems = []
    for name in FUND_KEYS:
        raw = data.meta.get(name)
        if raw is None or raw == "":
            continue
        span = data.meta_spans.get(name)
        try:
            if not isinstance(raw, str):
                raise _Bad(f"`{cut(str(raw))}`")
            _quantity(_FUNDS_TYPE, raw)
        except _Bad as bad:
            problems.append(Diagnostic("D003", span, {
                "name": name, "expected": _FUNDS_TYPE.describe(),
                "expected_zh": _FUNDS_TYPE.describe("zh"), "found": bad.found,
                "found_zh": bad.found_zh, "hint_en": bad.hint_en, "hint_zh": bad.hint_zh}))
        except _TooLarge:
            problems.append(_too_many_digits(name, raw, span))
    return problems


def money_in_wan(text: Any) -> Decimal | None:
    """A 基本信息 amount as a number of 万元 (`40.11`, `401100元`), or None if it is not one."""
    try:
        return _quantity(_FUNDS_TYPE, text) if isinstance(text, str) else None
    except (_Bad, _TooLarge):
        return None


def cut(text: str, limit: int = SHOWN) -> str:
    """`text`, or its first characters and "…" when it is longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _too_many_digits(name: str, raw: Any, span: Span | None) -> Diagnostic:
    return Diagnostic("D011", span, {"name": cut(name), "value": cut(str(raw)),
                                     "digits": MAX_DIGITS, "places": MAX_PLACES})


def in_magnitude(value: Decimal) -> bool:
    """A finite figure within what perfdsl reads: below 10^MAX_DIGITS, zero or at least
    10^-MAX_PLACES in size. (Decimal places are counted in the text a file gives.)"""
    return value.is_finite() and (not value or -MAX_PLACES <= value.adjusted() < MAX_DIGITS)


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
            if kind == "quantity" and type(value) is Decimal and in_magnitude(value):
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
    except _TooLarge:
        return None, _too_many_digits(decl.name, raw, span or decl.span)
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


class _TooLarge(Exception):
    """A figure with more digits than perfdsl reads (D011)."""


def _quantity(type_: units.Type, raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise _Bad(f"`{raw}`")
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise _Bad(f"`{raw}`")
        return _bounded(raw)
    if isinstance(raw, int):
        if raw.bit_length() > 4 * MAX_DIGITS:  # before Decimal() spends time on a huge int
            raise _TooLarge()
        return _bounded(Decimal(raw))
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _Bad(f"`{raw}`")
        return _bounded(Decimal(repr(raw)))
    if not isinstance(raw, str):
        raise _Bad(f"`{cut(str(raw))}`")
    shown = cut(raw)
    text = raw.translate(_FULL_WIDTH_DIGITS)
    # `1٢3` must not pass for 123, nor `12٫5` for anything: digits are 0-9 (or full-width).
    foreign = next((ch for ch in text if not ch.isascii() and (ch.isdigit() or ch in "٫٬")),
                   None)
    if foreign is not None:
        raise _Bad(f"`{shown}`", f"write the digits 0-9 (`{foreign}` belongs to another script)",
                   f"请使用数字 0-9（`{foreign}` 是其他文字的数字或符号）")
    match = _NUMBER.match(text)
    if not match:
        raise _Bad(f"`{shown}`", "write a number, e.g. 40.11", "请填写数字，例如 40.11")
    written = match.group(1).replace(",", "")
    whole, _, fraction = written.lstrip("+-").partition(".")
    if len(whole.lstrip("0")) > MAX_DIGITS or len(fraction) > MAX_PLACES:
        raise _TooLarge()
    try:
        number = Decimal(written)
    except InvalidOperation:
        raise _Bad(f"`{shown}`") from None
    suffix = match.group(2)
    if suffix[:1] == ",":
        raise _Bad(f"`{raw}`", "write decimals with a point, e.g. 40.11; a comma only separates "
                   "thousands, e.g. 1,000", "小数请用小数点，例如 40.11；逗号只用于千位分隔，例如 1,000")
    if type_.display in ("percent", "ratio"):
        if suffix == "%":
            # In the reading context, whatever the caller's: exact, 89.99…% is 0.8999…, never 0.9.
            return number.scaleb(-2, _READ)
        if suffix:
            raise _Bad(f"`{shown}`", "write a percentage like 61.68%", "请写成百分数，例如 61.68%")
        if type_.display == "percent":
            raise _Bad(f"`{shown}`", f"write `{shown}%` for a percentage (a bare number is ambiguous)",
                       f"百分比请写成 `{shown}%`（不带 % 的数字含义不明确）")
        return number
    if not suffix:
        return number
    money, _, per = type_.unit.partition("/")
    given, _, given_per = suffix.partition("/")
    if money in units.MONEY_UNITS and given in units.MONEY_UNITS and per == given_per:
        # A power of ten apart: exact in the reading context, which holds every digit.
        return _READ.divide(_READ.multiply(number, units.MONEY_UNITS[given]),
                            units.MONEY_UNITS[money])
    if suffix == type_.unit:
        return number
    raise _Bad(f"`{shown}`", f"the unit here is {type_.unit or 'none'}",
               f"此处的单位应为 {type_.unit or '无'}")


def _bounded(value: Decimal) -> Decimal:
    if not in_magnitude(value):
        raise _TooLarge()
    return value


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
    raise _Bad(f"`{cut(str(raw))}`", "write 是/否 or yes/no", "请填写 是/否（或 yes/no）")


def _level(scale: m.Scale | None, raw: Any) -> str:
    text = str(raw).strip()
    if scale is not None and scale.level(text) is None:
        levels = "、".join(lv.name for lv in scale.levels)
        raise _Bad(f"`{cut(str(raw))}`", f"one of: {levels}", f"应为以下之一：{levels}")
    return text
