"""Sentences: the 计算分析情况 text of every indicator, written from its outcome.

Expects a `Result`. For an indicator with an explanation template (`计算分析 "..."`), the template
is rendered in the sandbox with the indicator's own numbers; otherwise the sentence is written
from the result's public API: the value formula with the unit's figures in place of the names,
then what the rule's outcome record says (which band, which deductions, how many steps), in the
words of `perfdsl.outputs.phrases`, then the score — in Chinese (default) or English.

    （在职人员数 8人 / 编制数 16人）× 100% = 50.00%，未超过 100%，得满分 3 分

Nothing here decides a score: every fact comes from the outcome the rule's lowering computed.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.checks import templates
from perfdsl.checks.units import Type
from perfdsl.core import exact
from perfdsl.core.results import IndicatorResult, Result
from perfdsl.core.values import CONTEXT
from perfdsl.outputs.phrases import PHRASES, WRITERS

_OPS = {"+": "+", "-": "−", "*": "×", "/": "/", "<": "<", ">": ">", "<=": "≤", ">=": "≥",
        "=": "=", "!=": "≠"}
_PRECEDENCE = {"or": 1, "and": 2, "<": 4, ">": 4, "<=": 4, ">=": 4, "=": 4, "!=": 4,
               "+": 5, "-": 5, "*": 6, "/": 6}
_SINGULAR = re.compile(r"(?<![\d.])(1) points(\b)")


def explanations(result: Result, lang: str = "zh") -> list[str]:
    """The 计算分析情况 text of every indicator, in the rubric's order."""
    return [sentence(result, ind, lang) for ind in result.indicators]


def sentence(result: Result, ind: IndicatorResult, lang: str = "zh") -> str:
    """One indicator's 计算分析情况 text."""
    # Display arithmetic (a rate × 100) in a context of our own: the caller's precision or
    # traps must not change a digit of the sentence.
    with decimal.localcontext(CONTEXT):
        return _sentence(result, ind, lang)


def _sentence(result: Result, ind: IndicatorResult, lang: str) -> str:
    template = result.compiled.graph.explanations.get(ind.index)
    if template is not None and ind.problem is None:
        text = templates.render(template, template_context(result, ind))
        if text is not None:
            return text
    return _Writer(result, ind, lang).sentence()


def template_context(result: Result, ind: IndicatorResult) -> dict[str, Any]:
    """What an explanation template sees: the values it may use, by their rubric names."""
    values = templates.value_exprs(result.rubric)
    context: dict[str, Any] = {}
    for name in templates.scope_of(ind.indicator, values) + templates.text_inputs(result.rubric):
        value = result.value(name)
        if value is not None:
            context[name] = value
    deduction: Decimal | Fraction = Decimal(0)
    for item in ind.deductions:
        deduction = exact.add(deduction, item.points)
    fixed = {"value": ind.value, "score": ind.score, "weight": ind.weight,
             "reference": ind.reference, "name": ind.name, "deduction": exact.approx(deduction),
             "level": getattr(ind.outcome, "level", None)}
    for name, key in templates.FIXED_NAMES.items():
        if fixed[key] is not None:
            context[name] = fixed[key]
    return context


def points(value: Decimal | Fraction) -> str:
    """Points as the form writes them: 0.3, 6.6 (rounded to 0.01 where they have more places)."""
    if isinstance(value, Fraction) or value.as_tuple().exponent < -2:  # type: ignore[operator]
        return fmt.plain(Decimal(fmt.fixed(value, 2)))
    return fmt.plain(value)


class _Writer:
    def __init__(self, result: Result, ind: IndicatorResult, lang: str):
        self.result, self.ind, self.lang = result, ind, lang
        self.words = PHRASES[lang]
        self.common = self.words["common"]
        self.rule = ind.indicator.rule
        self.outcome = ind.outcome

    # Numbers
    def show(self, value: Any, type_: Type | None) -> str:
        if isinstance(value, bool):
            return self.common["yes"] if value else self.common["no"]
        return fmt.value(value, type_, self.lang)

    def bare(self, value: Any, type_: Type | None) -> str:
        """A figure inside a formula: a percentage keeps its %, other figures lose their unit."""
        if isinstance(value, (Decimal, Fraction)) and (type_ is None or type_.display != "percent"):
            whole = value.denominator == 1 if isinstance(value, Fraction) \
                else value == value.to_integral_value()
            return fmt.plain(value) if whole else fmt.fixed(value, 2)
        return self.show(value, type_)

    def gap(self, value: Any, type_: Type) -> str:
        if type_.display in ("percent", "ratio") and type_.unit == "":
            return self.common["pp"].format(x=fmt.fixed(value * 100, 2).rstrip("0").rstrip("."))
        return self.show(value, type_)

    def value_of(self, expr: m.Expr) -> Any:
        """The value of a name the rubric wrote (None where it could not be computed)."""
        if isinstance(expr, (m.InputRef, m.ValueRef)):
            return self.result.exact(expr.name)
        return None

    # Expressions with the unit's figures in place of names
    def expr(self, expr: m.Expr, parent: int = 0) -> str:
        if isinstance(expr, m.Const):
            if isinstance(expr.value, bool):
                return self.show(expr.value, None)
            return fmt.plain(expr.value * 100) + "%" if expr.type.display == "percent" \
                else fmt.plain(expr.value)
        if isinstance(expr, (m.InputRef, m.ValueRef)):
            return f"{expr.name} {self.show(self.value_of(expr), expr.type)}"
        if isinstance(expr, m.LevelConst):
            return f"“{expr.level}”"
        if isinstance(expr, m.Unary):
            inner = self.expr(expr.operand, 7)
            return f"−{inner}" if expr.op == "-" else self.common["not"] + inner
        if isinstance(expr, m.Binary):
            own = _PRECEDENCE[expr.op]
            op = _OPS.get(expr.op) or self.common[expr.op]
            text = f"{self.expr(expr.left, own)} {op} {self.expr(expr.right, own + 1)}"
            return self.parenthesised(text) if own < parent else text
        if isinstance(expr, m.Cond):
            taken = expr.then if self.truth(expr.condition) else expr.otherwise
            return self.expr(taken, parent)
        args = ", ".join(self.expr(a) for a in expr.args)
        return f"{expr.function}({args})"

    def parenthesised(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f"({text})"

    def truth(self, condition: m.Expr) -> bool:
        """Which branch of an `if` the unit took, evaluated by the reference interpreter."""
        from perfdsl.backends.interpret import Evaluator
        from perfdsl.core.lower import _Expressions
        from perfdsl.core.values import DataProblem

        try:
            lowered = _Expressions(self.result.compiled.slot_index)(condition)
            return bool(Evaluator(self.result.exact_slots)(lowered))
        except DataProblem:
            return False

    def formula(self) -> str | None:
        """`（a / b）× 100% = x%`, or None when the value is a lone figure shown elsewhere."""
        value_expr = self.ind.indicator.value
        if value_expr is None or self.ind.value is None:
            return None
        rule = self.rule
        if getattr(rule, "actual", None) is not None \
                and isinstance(value_expr, (m.InputRef, m.ValueRef)) \
                and (value_expr.name in (getattr(rule.actual, "name", None),
                                         getattr(rule.target, "name", None))
                     or getattr(rule.actual, "name", None) == self.ind.name):
            return None  # the rule's sentence states this figure already
        value = self.result.exact(self.ind.name)
        if isinstance(value_expr, (m.InputRef, m.ValueRef)):
            if value_expr.type.kind == "level":
                return None
            return f"{value_expr.name} {self.show(value, value_expr.type)}"
        shown = self.show(value, value_expr.type)
        if isinstance(value_expr, m.Binary) and value_expr.op == "/" \
                and value_expr.type.display == "percent":
            return f"{self.parenthesised(self.expr(value_expr))}× 100% = {shown}" \
                if self.lang == "zh" else f"({self.expr(value_expr)}) × 100% = {shown}"
        return f"{self.expr(value_expr)} = {shown}"

    def quantity(self, expr: m.Expr, parent: int = 0) -> str:
        """A rule operand: the indicator's own value by its figure, else the expression."""
        own = self.ind.indicator.value
        if isinstance(expr, (m.InputRef, m.ValueRef)) and (
                expr.name == self.ind.name
                or isinstance(own, (m.InputRef, m.ValueRef)) and own.name == expr.name):
            return self.show(self.value_of(expr), expr.type)
        return self.expr(expr, parent)

    # The sentence
    def sentence(self) -> str:
        c = self.common
        parts = []
        formula = self.formula()
        if formula:
            parts.append(formula)
        if self.ind.problem is not None:
            fallback = self.ind.indicator.fallback
            problem = self.ind.problem
            if problem.code == "D008":  # "indicator X cannot be scored: …" — say only the why
                reason = problem.args.get("reason_zh" if self.lang == "zh" else "reason") \
                    or problem.message(self.lang)
            else:
                reason = problem.message(self.lang)
            parts.append(c["problem"].format(
                reason=reason, fallback=c["fallback"].format(score=points(fallback))
                if fallback is not None else c["fallback0"]))
            return c["sep"].join(parts)
        words = self.words[self.ind.rule]
        parts.append(WRITERS[self.ind.rule](self, words, self.outcome))
        text = c["sep"].join(x for x in parts if x)
        return _SINGULAR.sub(r"\1 point\2", text) if self.lang == "en" else text

    def then(self, text: str, joiner: str | None = None) -> str:
        """The rule's words followed by the score."""
        return (joiner or self.common["sep"]).join(x for x in (text, self.score()) if x)

    def score(self) -> str:
        score, weight = self.ind.score, self.ind.weight
        if score == weight:
            return self.common["full"].format(weight=points(weight))
        if score == 0:
            return self.common["zero"]
        return self.common["got"].format(score=points(score))
