"""Traces: the computation behind an indicator's score, step by step, with rubric lines.

Expects a `Result`. For each indicator, lists every intermediate value in the order it is
computed — each input, derived value, constant and operation of the value formula, then each
named step of the rule's lowering (the subject, the gap, the steps counted, the band row, each
deduction clause and whether it applies), the raw score, the clamp to [0, weight] and the one
rounding — with the rubric line that states each. An indicator or group the unit is not scored
on (不适用, an optional item not chosen) has a block saying so and why; a subtotal or the total
shared out over what applies has one with the numbers it is rescaled from. Everything is read from the lowered program
(`perfdsl.core.ir`) and evaluated by the reference interpreter over the result's values, the
same evaluation every backend agrees with, so a trace cannot disagree with the score.
JSON schema: docs/reports.md.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from perfdsl import formatting as fmt
from perfdsl.backends.interpret import Evaluator
from perfdsl.core import exact, ir
from perfdsl.core.results import IndicatorResult, Result, json_value
from perfdsl.core.values import CONTEXT, DataProblem, Unavailable
from perfdsl.language.source import Span, file_of
from perfdsl.language.spacing import normal
from perfdsl.outputs.phrases import (NOT_APPLICABLE, STEPS, not_applicable_words,
                                     rescaled_words)

TRACE_SCHEMA_VERSION = 2


@attrs.frozen(kw_only=True)
class Step:
    origin: str  # input, value, indicator, constant, operation, rule, score
    text: str  # what the rubric wrote (an expression, a row) or what the step is
    value: Any  # Decimal, bool, str, or None when unavailable
    display: str  # the value as the form writes it
    line: int | None  # rubric line
    name: str | None = None
    note: str | None = None
    file: str | None = None  # the template the line is in, when not the rubric given


@attrs.frozen(kw_only=True)
class IndicatorTrace:
    path: tuple[str, ...]  # () for the total
    line: int | None
    score: Decimal | None  # None: not scored (不适用)
    steps: tuple[Step, ...]
    basis: tuple[str, ...] = ()  # the indicator's 政策依据, then the rubric's
    file: str | None = None  # the template the indicator is written in, when not the rubric
    # indicator; not_applicable or not_chosen (not scored); rescaled (a subtotal or the total
    # shared out over what applies)
    kind: str = "indicator"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": list(self.path), "file": self.file,
                "line": self.line, "score": json_value(self.score),
                "basis": list(self.basis),
                "steps": [{"origin": s.origin, "name": s.name, "text": s.text,
                           "value": json_value(s.value), "display": s.display,
                           "file": s.file, "line": s.line,
                           "note": s.note} for s in self.steps]}


def trace(result: Result, name: str | None = None, lang: str = "en") -> list[IndicatorTrace]:
    """Traces of every indicator, then of what the unit is not scored on and of each subtotal
    and total shared out because of it; or of the indicator called `name`, scored or not
    (KeyError if there is none)."""
    chosen = [ind for ind in result.indicators if name is None or ind.name == name]
    excluded = [n for n in result.not_applicable if name is None or n.name == name]
    if name is not None and not chosen and not excluded:
        raise KeyError(name)
    with decimal.localcontext(CONTEXT):  # the caller's context changes no digit
        out = [_Tracer(result, ind, lang).run() for ind in chosen]
    out += [_not_applicable(result, item, lang) for item in excluded]
    if name is None:
        out += [_rescaled(result, item, lang) for item in result.rescaled]
    return out


def _not_applicable(result: Result, item: Any, lang: str) -> IndicatorTrace:
    """Not scored: why (its 原因), at the line of its 不适用 or 选用."""
    shown, why = not_applicable_words(item, lang)
    rubric = result.rubric.source
    cause = item.cause
    return IndicatorTrace(
        path=item.path, line=item.span.line, file=file_of(item.span, rubric), score=None,
        kind=item.status, steps=(Step(
            origin="not_applicable", name="score", text=NOT_APPLICABLE[lang]["score"],
            value=None, display=shown, note=why, line=cause.line if cause else None,
            file=file_of(cause, rubric) if cause else None),))


def _rescaled(result: Result, item: Any, lang: str) -> IndicatorTrace:
    """A subtotal or the total shared out: the sum of what applies × weight ÷ the applicable
    weight, rounded once."""
    words = NOT_APPLICABLE[lang]
    group = next((g for g in _groups(result.rubric.groups) if g.path == item.path), None)
    line = group.span.line if group is not None else None
    file = file_of(group.span, result.rubric.source) if group is not None else None
    steps = (
        Step(origin="rescale", name="sum", text=words["sum"], value=item.sum,
             display=fmt.score(item.sum), line=None),
        Step(origin="rescale", name="applicable", text=words["applicable"],
             value=item.applicable, display=fmt.plain(item.applicable), line=None),
        Step(origin="rescale", name="weight", text=words["weight"], value=item.weight,
             display=fmt.plain(item.weight), line=None),
        Step(origin="score", name="score", text=STEPS[lang]["rounded"], value=item.score,
             display=fmt.score(item.score), line=None, note=rescaled_words(item, lang)),
    )
    return IndicatorTrace(path=item.path, line=line, file=file, score=item.score, steps=steps,
                          kind="rescaled")


def _groups(nodes):
    for node in nodes:
        if hasattr(node, "children"):
            yield node
            yield from _groups(node.children)


def to_json(traces: list[IndicatorTrace]) -> dict[str, Any]:
    return {"schema": "perfdsl.trace", "version": TRACE_SCHEMA_VERSION,
            "indicators": [t.to_json() for t in traces]}


_ORIGINS = {
    "zh": {"input": "输入", "value": "派生值", "indicator": "指标值", "constant": "常数",
           "operation": "运算", "rule": "规则", "score": "得分", "not_applicable": "不适用",
           "rescale": "折算"},
    "en": {"not_applicable": "n/a"},
}


def render_text(traces: list[IndicatorTrace], lang: str = "zh") -> str:
    """A readable listing: one block per indicator, one line per step."""
    words = _ORIGINS[lang]
    blocks = []
    for t in traces:
        heading = " › ".join(t.path)
        if t.kind == "rescaled":
            names = NOT_APPLICABLE[lang]
            heading = names["trace_group"].format(name=heading) if t.path \
                else names["trace_total"]
        where = f"  ({fmt.line_of(t.line, t.file, lang)})" if t.line else ""
        shown = fmt.score(t.score) if t.score is not None else t.steps[0].display
        lines = [f"{heading}{where}  → {shown}"]
        if t.basis:
            lines.append(("  政策依据：" if lang == "zh" else "  basis: ")
                         + ("；" if lang == "zh" else "; ").join(t.basis))
        for s in t.steps:
            where = fmt.line_of(s.line, s.file, lang) if s.line else ""
            note = f"  — {s.note}" if s.note else ""
            lines.append(f"  [{words.get(s.origin, s.origin):>4}] {s.text} = {s.display}{note}"
                         f"   {where}".rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


class _Tracer:
    def __init__(self, result: Result, ind: IndicatorResult, lang: str):
        self.result, self.ind, self.lang = result, ind, lang
        self.program = result.program
        self.indicator = self.program.indicators[ind.index]
        self.evaluator = Evaluator(result.exact_slots)
        self.steps: list[Step] = []
        self.seen: set[int] = set()
        self.definitions = {v.slot: v for v in self.program.values}
        self.inputs = {i.slot: i for i in self.program.inputs}
        self.words = STEPS[lang]
        self.types = {i.slot: i.type for i in self.program.inputs}
        self.types.update((v.slot, v.type) for v in self.program.values)
        self.step_types: dict[str, Any] = {}

    def value(self, node: ir.Expr) -> Any:
        """The node's value, or None where it is unavailable (a figure or a quotient that
        could not be computed: the trace shows "—")."""
        try:
            value = self.evaluator(node)
        except DataProblem:
            return None
        # A slot read directly holds its stand-in for a missing figure: shown as missing
        # ("—"), never as the stand-in's repr.
        return None if isinstance(value, Unavailable) else value

    def add(self, origin: str, text: str, value: Any, type_=None, at: Span | None = None,
            name: str | None = None, note: str | None = None) -> None:
        if isinstance(value, Fraction):
            shown_value: Any = exact.approx(value)
        else:
            shown_value = value
        if origin == "score" and isinstance(value, (Decimal, Fraction)):
            display = fmt.score(value) if isinstance(value, Decimal) else fmt.plain(value)
        elif isinstance(value, (Decimal, Fraction)) and type_ is None:
            display = fmt.plain(value)
        else:
            display = fmt.value(value, type_, self.lang) if not isinstance(value, (int, tuple)) \
                or isinstance(value, bool) else str(value)
        self.steps.append(Step(origin=origin, text=text, value=shown_value, display=display,
                               line=at.line if at is not None else None, name=name,
                               note=note, file=self.file(at)))

    def file(self, at: Span | None) -> str | None:
        """The template a place is in, relative to the rubric's folder; None in the rubric."""
        return None if at is None else file_of(at, self.result.rubric.source)

    def expr(self, node: ir.Expr) -> None:
        """Steps for an expression: the values it reads, its constants and each operation the
        rubric wrote (lowering-made nodes carry no span and are computed, not listed)."""
        order: list[ir.Expr] = []
        stack: list[tuple[ir.Expr, bool]] = [(node, False)]
        while stack:  # post-order: operands before the operation
            current, ready = stack.pop()
            if ready:
                order.append(current)
                continue
            stack.append((current, True))
            stack.extend((child, False) for child in reversed(ir.children(current)))
        for current in order:
            if isinstance(current, ir.Slot):
                self.slot(current.index)
            elif isinstance(current, ir.Const) and current.span is not None:
                self.add("constant", normal(current.span.text), current.value, current.type,
                         current.span)
            elif not isinstance(current, (ir.Const, ir.Local, ir.Slot)) \
                    and current.span is not None:
                self.add("operation", normal(current.span.text), self.value(current),
                         getattr(current, "type", None), current.span)

    def slot(self, index: int) -> None:
        if index in self.seen:
            return
        self.seen.add(index)
        if index in self.inputs:
            item = self.inputs[index]
            self.add("input", item.name, self.value(ir.Slot(index=index, name=item.name)),
                     item.type, item.span, name=item.name)
            return
        definition = self.definitions[index]
        self.expr(definition.expr)
        origin = "indicator" if definition.kind == "indicator" else "value"
        self.add(origin, definition.name, self.value(ir.Slot(index=index, name=definition.name)),
                 definition.type, definition.span, name=definition.name)

    def run(self) -> IndicatorTrace:
        ind, indicator = self.ind, self.indicator
        if indicator.value_slot is not None:
            self.slot(indicator.value_slot)
        rule_at = indicator.rule_span
        rule = ind.indicator.rule
        if ind.problem is None:
            self.evaluator.locals = {}
            for name, expr in indicator.locals:
                self.expr(expr)
                value = self.value(expr)
                self.evaluator.locals[name] = value
                self.rule_step(name, expr, value, rule, rule_at)
            raw = ind.raw
            if not any(name == "raw" for name, _expr in indicator.locals):  # said once
                self.add("rule", self.words["raw"], raw, None, rule_at, name="raw")
            clamped = min(max(raw, Decimal(0)), ind.weight)
            if clamped != raw:
                self.add("score", self.words["clamped"].format(weight=fmt.plain(ind.weight)),
                         clamped, None, rule_at)
            self.add("score", self.words["rounded"], ind.score, None, indicator.span)
        else:
            self.add("score", self.words["problem"], ind.score, None, indicator.span,
                     note=ind.problem.message(self.lang))
        return IndicatorTrace(path=ind.path, line=indicator.span.line, score=ind.score,
                              file=self.file(indicator.span),
                              steps=tuple(self.steps),
                              basis=ind.indicator.basis + self.result.rubric.basis)

    def rule_step(self, name: str, expr: ir.Expr, value: Any, rule: Any, at: Span) -> None:
        """One named step of the rule: its words, and for a row or an item of the rubric, the
        row's own text and line."""
        self.step_types[name] = self.type_of(expr)
        if name == "case" or isinstance(value, tuple):
            return
        if isinstance(expr, (ir.Slot, ir.Const)):
            return  # the figure or constant itself, listed where it was read
        stem, _, number = name.rpartition("_")
        if number.isdigit() and stem in self.words:  # applies_0, met_2: a row of the rule
            row = _rows(rule, stem)[int(number)]
            note = self.words["yes" if value else "no"][stem]
            self.add("rule", normal(row.span.text), value, None, row.span, name=name,
                     note=note)
            return
        if name == "row" and isinstance(value, int) and not isinstance(value, bool):
            band = rule.bands[value]
            self.add("rule", normal(band.span.text), band.points, None, band.span, name=name,
                     note=self.words["row"].format(n=value + 1))
            return
        words = self.words.get(name, name)
        here = expr.span if getattr(expr, "span", None) is not None else at
        type_ = self.step_types[name]
        self.add("rule", words if isinstance(words, str) else name, value, type_, here,
                 name=name)

    def type_of(self, node: ir.Expr):
        """The unit a step is shown in: that of what it is computed from (a gap past a rate is
        a rate), none for a count of steps or points."""
        for current in (node,):
            if getattr(current, "type", None) is not None:
                return current.type
            if isinstance(current, ir.Slot):
                return self.types.get(current.index)
            if isinstance(current, ir.Local):
                return self.step_types.get(current.name)
            if isinstance(current, ir.Arith) and current.op in "+-":
                return self.type_of(current.left) or self.type_of(current.right)
            if isinstance(current, (ir.Neg,)):
                return self.type_of(current.operand)
            if isinstance(current, (ir.Min, ir.Max)):
                return self.type_of(current.args[0])
        return None


def _rows(rule: Any, stem: str):
    return rule.deductions if stem == "applies" else rule.items
