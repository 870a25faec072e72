"""What a filed form claims, and each indicator's 偏差原因: the sections of a data file beside its
figures.

Expects a loaded `DataFile` (its `sections`, YAML nodes with their positions or plain data from a
workbook) and the compiled rubric. Guarantees `Claims`: every claim as a `Claim` naming the place
on the form that states it, what it is about (an indicator, a group, a figure, the total, the
grade) and the value as printed — with its decimals, so display rounding can be told from an
error — and every problem with the claims as a diagnostic (D023 a name the rubric does not
know, D024 a value that cannot be read). Nothing here judges a claim: `perfdsl.tools.audit` does.

The 填报 (`claims`) section maps each place of the form (`表`, `分析`…: any name, shown with
each discrepancy) to what it states:

    得分 scores      indicator or group → the score it gives (a group's is its subtotal)
    分值 weights     indicator or group → its weight as printed (设定分值, 应得)
    指标值 values     indicator → its value as printed (`50%`, `-10.14%`); also 实际完成值
    年度指标值 goals  indicator → its 年度指标值 as printed
    数据 figures     input (or any name) → a figure as this place states it
    扣分 deductions  indicator → the points it says were deducted
    说明 statements  indicator or group → text: `扣3分`, `实得3分`, `得分8分`, `应得20分`, `满分8分`
    算式 formulas    indicator → the printed formula: 式 (in the rubric's expression syntax,
                    names as printed), 数 (each name's figure, a list where a name is cited
                    twice), 即 (which input a printed name stands for), 得 (the printed result)
    合计 total, 等级 grade

A 填报 mapping whose keys are these kinds is one place, called 填报表. The 偏差原因 (`reasons`)
section maps indicators to their 偏差原因分析及改进措施 text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic, suggest
from perfdsl.language.source import Source, Span

CLAIMS_KEYS = ("填报", "claims")
REASONS_KEYS = ("偏差原因", "reasons")
ONE_PLACE = "填报表"

KINDS: dict[str, str] = {
    "得分": "score", "scores": "score", "评价得分": "score",
    "分值": "weight", "weights": "weight", "设定分值": "weight",
    "指标值": "value", "values": "value", "实际完成值": "value", "actuals": "value",
    "年度指标值": "goal", "goals": "goal",
    "数据": "figure", "figures": "figure",
    "扣分": "deduction", "deductions": "deduction",
    "说明": "statement", "statements": "statement",
    "算式": "formula", "formulas": "formula",
    "合计": "total", "total": "total", "总分": "total",
    "等级": "grade", "grade": "grade",
}
FORMULA_KEYS = {"式": "expr", "formula": "expr", "数": "operands", "operands": "operands",
                "即": "means", "means": "means", "得": "result", "result": "result"}


# --- What a claim is ----------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Printed:
    """A number as a form prints it: its value, how many decimals it shows, whether as a %."""

    value: Decimal  # a percentage as a fraction: 61.68% is 0.6168
    decimals: int  # after the point, in the printed unit (61.68% → 2)
    percent: bool
    unit: str  # 万元, 元, 人… or ""
    text: str


@attrs.frozen(kw_only=True)
class Formula:
    expr: str
    operands: dict[str, tuple[Printed, ...]]  # a name cited twice has two figures, in order
    means: dict[str, str]  # printed name → the input it stands for
    result: Printed | None


@attrs.frozen(kw_only=True)
class Claim:
    place: str  # where on the form: 表, 分析…
    kind: str  # score, weight, value, goal, figure, deduction, total, grade, formula
    subject: str  # the indicator, group or figure it is about; "" for the total and the grade
    value: Any  # Printed, a grade's name, or a Formula
    text: str  # as written in the data file (a statement's whole text)
    span: Span | None = None
    via: str | None = None  # for a claim read from a statement: "statement"


@attrs.frozen(kw_only=True)
class Claims:
    claims: tuple[Claim, ...]
    reasons: dict[str, str]  # indicator → 偏差原因分析及改进措施
    problems: tuple[Diagnostic, ...]

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.place for c in self.claims))


# --- Reading ------------------------------------------------------------------------------------

@attrs.frozen
class _Item:
    """A value of a section with where it was written: text, a list or a mapping of items."""

    value: Any
    span: Span | None


def _tree(node: Any, source: Source | None, depth: int = 0) -> _Item:
    import yaml

    if depth > 20:
        return _Item("…", None)
    if isinstance(node, yaml.Node):
        span = Span(source, node.start_mark.index, node.end_mark.index) if source else None
        if isinstance(node, yaml.ScalarNode):
            return _Item(node.value, span)
        if isinstance(node, yaml.SequenceNode):
            return _Item([_tree(n, source, depth + 1) for n in node.value], span)
        return _Item({str(getattr(k, "value", k)): _tree(v, source, depth + 1)
                      for k, v in node.value}, span)
    if isinstance(node, dict):
        return _Item({str(k): _tree(v, source, depth + 1) for k, v in node.items()}, None)
    if isinstance(node, (list, tuple)):
        return _Item([_tree(v, source, depth + 1) for v in node], None)
    return _Item(node, None)


def read(rubric: m.Rubric, data: Any) -> Claims:
    """The claims and 偏差原因 of a loaded data file, checked against the rubric's names."""
    reader = _Reader(rubric, getattr(data, "source", None))
    sections = getattr(data, "sections", {}) or {}
    for key in REASONS_KEYS:
        if key in sections:
            reader.reasons(_tree(sections[key], reader.source))
    for key in CLAIMS_KEYS:
        if key in sections:
            reader.places(_tree(sections[key], reader.source))
    return Claims(claims=tuple(reader.claims), reasons=reader.found_reasons,
                  problems=tuple(reader.problems))


def reasons_of(rubric: m.Rubric, data: Any) -> dict[str, str]:
    """Only the 偏差原因 of a data file (what scoring needs), without the claims."""
    sections = getattr(data, "sections", {}) or {}
    reader = _Reader(rubric, getattr(data, "source", None))
    for key in REASONS_KEYS:
        if key in sections:
            reader.reasons(_tree(sections[key], reader.source))
    return reader.found_reasons


class _Reader:
    def __init__(self, rubric: m.Rubric, source: Source | None):
        self.rubric, self.source = rubric, source
        self.claims: list[Claim] = []
        self.problems: list[Diagnostic] = []
        self.found_reasons: dict[str, str] = {}
        self.indicators = {ind.name: ind for ind in rubric.indicators}
        self.groups: dict[str, m.Group] = {}
        stack = list(rubric.groups)
        while stack:
            node = stack.pop()
            if isinstance(node, m.Group):
                self.groups.setdefault(node.name, node)
                self.groups.setdefault("/".join(node.path), node)
                stack.extend(node.children)

    def unknown(self, name: str, span: Span | None, what: str, what_zh: str,
                candidates) -> None:
        hint, hint_zh = suggest(name, list(candidates))
        self.problems.append(Diagnostic("D023", span, {
            "name": name, "what": what, "what_zh": what_zh, "suggestion": hint,
            "suggestion_zh": hint_zh}))

    def unreadable(self, text: Any, span: Span | None, expected: str, expected_zh: str) -> None:
        self.problems.append(Diagnostic("D024", span, {
            "value": str(text), "expected": expected, "expected_zh": expected_zh}))

    # Sections
    def reasons(self, item: _Item) -> None:
        if not isinstance(item.value, dict):
            return self.unreadable(item.value, item.span, "a mapping of indicators to text",
                                   "指标到文本的映射")
        for name, text in item.value.items():
            if name not in self.indicators:
                self.unknown(name, text.span, "indicator", "指标", self.indicators)
            elif text.value not in (None, ""):
                self.found_reasons[name] = str(text.value)

    def places(self, item: _Item) -> None:
        if not isinstance(item.value, dict):
            return self.unreadable(item.value, item.span, "a mapping of places on the form",
                                   "按表中位置给出的映射")
        if any(key in KINDS for key in item.value):
            self.place(ONE_PLACE, item)
            return
        for place, content in item.value.items():
            self.place(place, content)

    def place(self, place: str, item: _Item) -> None:
        if not isinstance(item.value, dict):
            return self.unreadable(item.value, item.span, "a mapping of claims",
                                   "填报内容的映射")
        for key, content in item.value.items():
            kind = KINDS.get(key)
            if kind is None:
                self.unknown(key, content.span, "kind of claim", "填报内容",
                             [k for k in KINDS if not k.isascii()])
            elif kind in ("total", "grade"):
                self.single(place, kind, content)
            else:
                self.per_name(place, kind, content)

    def single(self, place: str, kind: str, item: _Item) -> None:
        if kind == "grade":
            self.add(place, "grade", "", str(item.value), str(item.value), item.span)
            return
        printed = parse_number(item.value)
        if printed is None:
            return self.unreadable(item.value, item.span, "a number", "数字")
        self.add(place, kind, "", printed, str(item.value), item.span)

    def per_name(self, place: str, kind: str, item: _Item) -> None:
        if not isinstance(item.value, dict):
            return self.unreadable(item.value, item.span, "a mapping of names to values",
                                   "名称到数值的映射")
        for name, value in item.value.items():
            if not self.known(kind, name, value.span):
                continue
            if kind == "statement":
                texts = value.value if isinstance(value.value, list) else [value]
                for text in texts:
                    self.statement(place, name, text)
            elif kind == "formula":
                self.formula(place, name, value)
            elif kind == "figure":
                printed = self.figure(name, value.value)
                if printed is None:
                    self.unreadable(value.value, value.span, "a figure", "数据")
                else:
                    self.add(place, kind, name, printed, str(value.value), value.span)
            else:
                printed = parse_number(value.value)
                if printed is None:
                    self.unreadable(value.value, value.span, "a number", "数字")
                else:
                    self.add(place, kind, name, printed, str(value.value), value.span)

    def known(self, kind: str, name: str, span: Span | None) -> bool:
        if kind == "figure":
            return True  # a figure cited under any name: audit finds whether it is one of the form's
        if kind in ("score", "weight", "statement"):
            if name in self.indicators or name in self.groups:
                return True
            self.unknown(name, span, "indicator or group", "指标或指标组",
                         list(self.indicators) + list(self.groups))
            return False
        if name in self.indicators:
            return True
        self.unknown(name, span, "indicator", "指标", self.indicators)
        return False

    def figure(self, name: str, raw: Any) -> Printed | None:
        printed = parse_number(raw)
        decl = self.rubric.input(name)
        if printed is None or decl is None or not decl.type.is_quantity:
            return printed
        from perfdsl.data.figures import coerce

        value, problem = coerce(decl, raw, None, {})
        if problem is not None and not printed.unit:
            # a bare number for a percentage input (`41.8`): taken as printed
            return printed
        return printed if problem is not None else attrs.evolve(printed, value=value)

    def statement(self, place: str, name: str, item: _Item) -> None:
        text = str(item.value)
        found = False
        for kind, pattern in _STATEMENTS:
            for match in pattern.finditer(text):
                printed = parse_number(match.group(1))
                if printed is not None:
                    found = True
                    self.add(place, kind, name, printed, text, item.span, via="statement")
        if not found:
            self.unreadable(text, item.span, "a statement of points such as 扣3分, 实得3分, 应得20分",
                            "“扣3分”“实得3分”“应得20分”这样的得分说明")

    def formula(self, place: str, name: str, item: _Item) -> None:
        if not isinstance(item.value, dict):
            return self.unreadable(item.value, item.span, "a formula: 式, 数, 即, 得",
                                   "算式：式、数、即、得")
        parts = {FORMULA_KEYS.get(k, k): v for k, v in item.value.items()}
        expr = parts.get("expr")
        operands: dict[str, tuple[Printed, ...]] = {}
        for operand, value in (parts["operands"].value.items()
                               if "operands" in parts and isinstance(parts["operands"].value, dict)
                               else ()):
            values = value.value if isinstance(value.value, list) else [value]
            printed = tuple(self.figure(operand, v.value) for v in values)
            if any(p is None for p in printed):
                self.unreadable(value.value, value.span, "a figure", "数据")
                continue
            operands[operand] = printed  # type: ignore[assignment]
        means = {}
        if "means" in parts and isinstance(parts["means"].value, dict):
            for cited, target in parts["means"].value.items():
                if self.rubric.input(str(target.value)) is None:
                    self.unknown(str(target.value), target.span, "input", "输入",
                                 [i.name for i in self.rubric.inputs])
                else:
                    means[cited] = str(target.value)
        result = parse_number(parts["result"].value) if "result" in parts else None
        if "result" in parts and result is None:
            self.unreadable(parts["result"].value, parts["result"].span, "a number", "数字")
        formula = Formula(expr=str(expr.value) if expr is not None else "", operands=operands,
                          means=means, result=result)
        self.add(place, "formula", name, formula, str(expr.value) if expr else "", item.span)

    def add(self, place: str, kind: str, subject: str, value: Any, text: str,
            span: Span | None, via: str | None = None) -> None:
        self.claims.append(Claim(place=place, kind=kind, subject=subject, value=value, text=text,
                                 span=span, via=via))


_POINTS = r"([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分"
# A statement's points: 扣3分 (a deduction), 实得3分 / 得分8分 / 得3分 (a score), 应得20分 /
# 满分8分 (the weight). Read in this order, each phrase once.
_STATEMENTS: tuple[tuple[str, re.Pattern], ...] = (
    ("deduction", re.compile(r"扣(?:除)?\s*" + _POINTS)),
    ("weight", re.compile(r"(?:应得|满分|分值)\s*" + _POINTS)),
    ("score", re.compile(r"(?:实得|得分|(?<![应扣满实])得)\s*" + _POINTS)),
)

_NUMBER = re.compile(r"^\s*([+\-−–]?)\s*(\d+(?:\.(\d+))?)\s*(%|％)?\s*([^\d\s]*)\s*$")
_WIDE = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "，": ",",
                       "－": "-"})


def parse_number(raw: Any) -> Printed | None:
    """A printed number: `92`, `40.11万元`, `61.68%`, `−11.29%` — with its printed decimals."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, Decimal)):
        text = str(raw)
    elif isinstance(raw, float):
        text = repr(raw)
    else:
        text = str(raw)
    match = _NUMBER.match(text.translate(_WIDE).replace(",", ""))
    if not match:
        return None
    sign, digits, fraction, percent, unit = match.groups()
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if sign in ("-", "−", "–"):
        value = -value
    if percent:
        value = value / 100
    return Printed(value=value, decimals=len(fraction or ""), percent=bool(percent),
                   unit=unit or "", text=text.strip())
