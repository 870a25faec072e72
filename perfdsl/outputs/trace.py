"""Traces: the computation behind an indicator's score, step by step, with rubric lines.

Expects a `Result`. For each indicator, lists every intermediate value in the order it is
computed — each input, derived value, constant and operation of the value formula and the rule,
then what the rule found (the band row, each deduction clause, each checklist item, the steps of
a stepwise deduction), the raw score, the clamp to [0, weight] and the rounding — with where the
value came from and the rubric line that states it. Values are recomputed with the evaluator's
own closures, so a trace can never disagree with the score. JSON schema: docs/reports.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.backends.interpret import compile_expr
from perfdsl.core.values import CONTEXT, DataProblem, Unavailable
from perfdsl.checks.model import rule_exprs
from perfdsl.core.results import IndicatorResult, Result, json_value

TRACE_SCHEMA_VERSION = 1


@attrs.frozen(kw_only=True)
class Step:
    origin: str  # input, value, indicator, constant, operation, band, deduction, item, rule, score
    text: str  # what the rubric wrote (an expression, a row) or what the step is
    value: Any  # Decimal, bool, str, or None when unavailable
    display: str  # the value as the form writes it
    line: int | None  # rubric line
    name: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class IndicatorTrace:
    path: tuple[str, ...]
    line: int
    score: Decimal
    steps: tuple[Step, ...]

    def to_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "line": self.line, "score": json_value(self.score),
                "steps": [{"origin": s.origin, "name": s.name, "text": s.text,
                           "value": json_value(s.value), "display": s.display, "line": s.line,
                           "note": s.note} for s in self.steps]}


def trace(result: Result, name: str | None = None) -> list[IndicatorTrace]:
    """Traces of every indicator, or of the one called `name` (KeyError if there is none)."""
    chosen = [ind for ind in result.indicators if name is None or ind.name == name]
    if name is not None and not chosen:
        raise KeyError(name)
    return [_Tracer(result, ind).run() for ind in chosen]


def to_json(traces: list[IndicatorTrace]) -> dict[str, Any]:
    return {"schema": "perfdsl.trace", "version": TRACE_SCHEMA_VERSION,
            "indicators": [t.to_json() for t in traces]}


_STEP_WORDS = {  # the fixed step texts, in Chinese
    "steps": "档数", "deduction": "扣分", "raw score": "规则得分", "problem": "无法计分",
    "score (rounded to 0.01, half up)": "得分（保留两位小数，四舍五入）",
}
_NOTE_WORDS = {"applies": "适用", "does not apply": "不适用", "met": "满足", "not met": "不满足",
               "mode floor": "不足一档不扣", "mode ceil": "不足一档按一档", "mode exact": "按实际"}


def _zh(text: str) -> str:
    if text in _STEP_WORDS:
        return _STEP_WORDS[text]
    if text.startswith("clamped to "):
        return "限定在 " + text[len("clamped to "):] + " 之间"
    if text.startswith("row ") and ", first match" in text:
        return "第 " + text[4:text.index(",")] + " 档（首个符合的档）"
    return _NOTE_WORDS.get(text, text)


def render_text(traces: list[IndicatorTrace], lang: str = "zh") -> str:
    """A readable listing: one block per indicator, one line per step."""
    origin_words = {
        "zh": {"input": "输入", "value": "派生值", "indicator": "指标值", "constant": "常数", "operation": "运算",
               "band": "分档", "deduction": "扣分项", "item": "逐项", "rule": "规则",
               "score": "得分"},
        "en": {}}[lang]
    blocks = []
    line_word = "第 {n} 行" if lang == "zh" else "line {n}"
    for t in traces:
        lines = [f"{' › '.join(t.path)}  ({line_word.format(n=t.line)})  → {fmt.score(t.score)}"]
        for s in t.steps:
            where = line_word.format(n=s.line) if s.line else ""
            origin = origin_words.get(s.origin, s.origin)
            text = _zh(s.text) if lang == "zh" and s.origin in ("rule", "score") else s.text
            note = s.note if lang != "zh" or s.origin == "score" else _zh(s.note or "")
            note = f"  — {note}" if note else ""
            lines.append(f"  [{origin:>4}] {text} = {s.display}{note}   {where}".rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


class _Tracer:
    def __init__(self, result: Result, ind: IndicatorResult):
        self.result, self.ind = result, ind
        self.slots = result._slots
        self.slot_of = result.graph.slots()
        self.steps: list[Step] = []
        self.seen: set[str] = set()
        rubric = result.rubric
        self.definitions: dict[str, tuple[m.Expr | None, int]] = {
            d.name: (None, d.span.line) for d in rubric.inputs}
        self.definitions.update({d.name: (d.expr, d.span.line) for d in rubric.derived})
        self.definitions.update({i.name: (i.value, i.span.line) for i in rubric.indicators
                                 if i.value is not None})
        self.indicator_names = {i.name for i in rubric.indicators}

    def value(self, expr: m.Expr) -> Any:
        import decimal

        try:
            with decimal.localcontext(CONTEXT):
                value = compile_expr(expr, self.slot_of)(self.slots)
        except (DataProblem, ArithmeticError, TypeError):
            return None
        return None if isinstance(value, Unavailable) else value

    def show(self, value: Any, type_) -> str:
        return fmt.value(value, type_)

    def add(self, origin: str, text: str, value: Any, type_=None, line: int | None = None,
            name: str | None = None, note: str | None = None) -> None:
        if origin == "score" and isinstance(value, Decimal):
            display = fmt.score(value)
        else:
            display = self.show(value, type_)
        self.steps.append(Step(origin=origin, text=text, value=value, display=display, line=line,
                               name=name, note=note))

    def expr(self, expr: m.Expr) -> None:
        """Steps for an expression: its operands first, then itself."""
        if isinstance(expr, m.Const):
            self.add("constant", expr.span.text, expr.value, expr.type, expr.span.line)
            return
        if isinstance(expr, m.LevelConst):
            return
        if isinstance(expr, (m.InputRef, m.ValueRef)):
            self.reference(expr)
            return
        children = {m.Unary: lambda e: [e.operand], m.Binary: lambda e: [e.left, e.right],
                    m.Cond: lambda e: [e.condition, e.then, e.otherwise],
                    m.Call: lambda e: list(e.args)}[type(expr)](expr)
        for child in children:
            self.expr(child)
        self.add("operation", expr.span.text, self.value(expr), expr.type, expr.span.line)

    def reference(self, ref: m.InputRef | m.ValueRef) -> None:
        if ref.name in self.seen:
            return
        self.seen.add(ref.name)
        definition, line = self.definitions.get(ref.name, (None, ref.span.line))
        if definition is not None:
            self.expr(definition)
        origin = "input" if isinstance(ref, m.InputRef) else (
            "indicator" if ref.name in self.indicator_names else "value")
        self.add(origin, ref.name, self.value(ref), ref.type, line, name=ref.name)

    def run(self) -> IndicatorTrace:
        ind = self.ind
        indicator = ind.indicator
        if indicator.value is not None:
            self.reference(m.ValueRef(name=indicator.name, type=indicator.value.type,
                                      span=indicator.span))
        for expr in rule_exprs(indicator.rule):
            self.expr(expr)
        self.rule_steps(indicator)
        if ind.problem is not None:
            self.add("score", "problem", ind.score, None, indicator.span.line,
                     note=ind.problem.message("en"))
        else:
            raw = _raw(ind)
            if raw is not None:
                self.add("rule", "raw score", raw, None, indicator.rule.span.line)
                clamped = min(max(raw, Decimal(0)), ind.weight)
                if clamped != raw:
                    self.add("score", f"clamped to [0, {fmt.plain(ind.weight)}]", clamped, None,
                             indicator.rule.span.line)
            self.add("score", "score (rounded to 0.01, half up)", ind.score, None,
                     indicator.span.line)
        return IndicatorTrace(path=ind.path, line=indicator.span.line, score=ind.score,
                              steps=tuple(self.steps))

    def rule_steps(self, indicator: m.Indicator) -> None:
        rule, fired = indicator.rule, self.ind.fired
        if isinstance(rule, m.Bands) and fired.get("band") is not None:
            band = rule.bands[fired["band"]]
            self.add("band", band.span.text, band.points, None, band.span.line,
                     note=f"row {fired['band'] + 1}, first match")
        elif isinstance(rule, m.Deductions):
            for i, d in enumerate(rule.deductions):
                hit = i in fired.get("fired", [])
                self.add("deduction", d.span.text, d.points if hit else Decimal(0), None,
                         d.span.line, note="applies" if hit else "does not apply")
        elif isinstance(rule, m.Checklist):
            met = fired.get("met", [])
            for item in rule.items:
                hit = item.label in met
                self.add("item", item.span.text, item.points if hit else Decimal(0), None,
                         item.span.line, note="met" if hit else "not met")
        elif isinstance(rule, (m.Stepwise, m.Findings)) and fired:
            if isinstance(rule, m.Stepwise):
                self.add("rule", "steps", fired["steps"], None, rule.span.line,
                         note=f"mode {rule.mode}")
            self.add("rule", "deduction", fired["deduction"], None, rule.span.line)


def _raw(ind: IndicatorResult) -> Decimal | None:
    fired = ind.fired
    if "raw" in fired:
        return fired["raw"]
    if "deduction" in fired:
        return ind.weight - fired["deduction"]
    if ind.deductions:
        return ind.weight - sum((d.points for d in ind.deductions), Decimal(0))
    return None
