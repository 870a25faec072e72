"""Explanations: the 计算分析情况 sentence of every indicator, written from the figures.

Expects a `Result`. For an indicator with an explanation template, the template is rendered in
the sandbox with the indicator's own numbers; otherwise the sentence is written from the graph:
the formula with the unit's figures substituted, the result, the rule that fired and each
deduction with its reason and points — in Chinese (default) or English.

    （在职人员数 8人 / 编制数 16人）× 100% = 50.00%，未超过 100%，得满分 3 分
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.checks import templates
from perfdsl.backends.interpret import compile_expr
from perfdsl.core.values import CONTEXT
from perfdsl.core.results import IndicatorResult, Result
from perfdsl.checks.units import Type

_OPS = {"+": "+", "-": "−", "*": "×", "/": "/", "<": "<", ">": ">", "<=": "≤", ">=": "≥",
        "=": "=", "!=": "≠"}
_PRECEDENCE = {"or": 1, "and": 2, "<": 4, ">": 4, "<=": 4, ">=": 4, "=": 4, "!=": 4,
               "+": 5, "-": 5, "*": 6, "/": 6}

# Phrases, by language. Each rule kind writes its sentence from these.
P = {
    "zh": {
        "sep": "，", "join": "；", "full": "得满分 {w} 分", "got": "得 {s} 分", "zero": "不得分",
        "not_above": "未超过 {t}", "above": "超过 {t} {gap}", "not_below": "未低于 {t}",
        "below": "低于 {t} {gap}", "per": "每 {step}扣 {p} 分", "deduct": "扣 {d} 分",
        "floored": "扣完为止", "steps_floor": "不足一档不扣，按 {n} 档计",
        "steps_ceil": "不足一档按一档，按 {n} 档计", "pp": "{x} 个百分点",
        "band": "属于“{band}”档", "else_band": "其他", "no_band": "不在任何一档",
        "proportional": "得分 = {rate} × {w} = {raw}", "capped": "超过分值按满分计",
        "no_findings": "未发现问题", "findings": "发现 {n} 处，每处扣 {p} 分",
        "no_deductions": "无扣分情形", "level": "评价等次为“{level}”",
        "level_fraction": "按 {f} 计", "judged": "评价等次为“{level}”（可得 {low}–{high} 分），评分 {s} 分",
        "met": "满足：{items}", "unmet": "未满足：{items}", "item": "{label}（{p} 分）",
        "target_met": "{a} {op} {t}，达到目标", "target_missed": "{a} 未达到 {t}",
        "target_over": "{a} 超过 {t}", "target_off": "{a} 偏离 {t} {gap}",
        "target_not_zero": "{a} 不为 0，未达到目标",
        "target_ratio": "得分 = {x} × {w}", "formula": "得分 = {expr} = {raw}",
        "condition_met": "满足条件 {cond}", "condition_unmet": "不满足条件 {cond}",
        "problem": "无法计分：{reason}；{fallback}", "fallback": "按规定计 {s} 分", "fallback0": "计 0 分",
        "cmp_met": {"<=": "未超过 {r}", "<": "低于 {r}", ">=": "达到 {r}", ">": "超过 {r}",
                    "=": "等于 {r}", "!=": "不等于 {r}"},
        "cmp_unmet": {"<=": "超过 {r}", "<": "未低于 {r}", ">=": "未达到 {r}", ">": "未超过 {r}",
                      "=": "不等于 {r}", "!=": "等于 {r}"},
        "yes": "是", "no": "否",
    },
    "en": {
        "sep": ", ", "join": "; ", "full": "full marks, {w} points", "got": "{s} points",
        "zero": "0 points", "not_above": "not above {t}", "above": "above {t} by {gap}",
        "not_below": "not below {t}", "below": "below {t} by {gap}",
        "per": "{p} points off per {step}", "deduct": "{d} points off",
        "floored": "floored at 0", "steps_floor": "partial steps not counted: {n} step(s)",
        "steps_ceil": "a partial step counts as a step: {n} step(s)", "pp": "{x} percentage points",
        "band": "in band “{band}”", "else_band": "otherwise", "no_band": "in no band",
        "proportional": "score = {rate} × {w} = {raw}", "capped": "capped at the weight",
        "no_findings": "no findings", "findings": "{n} finding(s), {p} points off each",
        "no_deductions": "no deductions apply", "level": "level “{level}”",
        "level_fraction": "scored at {f}",
        "judged": "level “{level}” (allows {low}–{high} points), judged {s} points",
        "met": "met: {items}", "unmet": "not met: {items}", "item": "{label} ({p} points)",
        "target_met": "{a} {op} {t}: target met", "target_missed": "{a} misses {t}",
        "target_over": "{a} exceeds {t}", "target_off": "{a} is off {t} by {gap}",
        "target_not_zero": "{a} is not 0: target missed",
        "target_ratio": "score = {x} × {w}", "formula": "score = {expr} = {raw}",
        "condition_met": "{cond} holds", "condition_unmet": "{cond} does not hold",
        "problem": "cannot be scored: {reason}; {fallback}", "fallback": "scored {s} as the rubric says",
        "fallback0": "scored 0",
        "cmp_met": {"<=": "not above {r}", "<": "below {r}", ">=": "reaches {r}", ">": "above {r}",
                    "=": "equal to {r}", "!=": "not equal to {r}"},
        "cmp_unmet": {"<=": "above {r}", "<": "not below {r}", ">=": "does not reach {r}",
                      ">": "not above {r}", "=": "not equal to {r}", "!=": "equal to {r}"},
        "yes": "yes", "no": "no",
    },
}


_SINGULAR = re.compile(r"(?<![\d.])(1) points(\b)")


def explanations(result: Result, lang: str = "zh") -> list[str]:
    """The 计算分析情况 text of every indicator, in the rubric's order."""
    return [explain(result, ind, lang, index) for index, ind in enumerate(result.indicators)]


def explain(result: Result, ind: IndicatorResult, lang: str = "zh", index: int | None = None) -> str:
    """One indicator's sentence; `index` is its position in the rubric, if the caller knows it."""
    if index is None:
        index = next(i for i, r in enumerate(result.indicators) if r is ind)
    template = result.graph.explanations.get(index)
    # The numbers are the evaluator's, in its context: the caller's precision or traps would
    # round them differently, or raise.
    with decimal.localcontext(CONTEXT):
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
    fixed = {"value": ind.value, "score": ind.score, "weight": ind.weight,
             "reference": ind.reference, "name": ind.name,
             "deduction": sum((d.points for d in ind.deductions), Decimal(0)),
             "level": ind.fired.get("level")}
    for name, key in templates.FIXED_NAMES.items():
        if fixed[key] is not None:
            context[name] = fixed[key]
    return context


class _Writer:
    def __init__(self, result: Result, ind: IndicatorResult, lang: str):
        self.result, self.ind, self.lang = result, ind, lang
        self.p = P[lang]
        self.slots = result._slots
        self.slot_of = result.graph.slots()

    # Numbers
    def num(self, value: Any, type_: Type | None) -> str:
        if isinstance(value, bool):
            return self.p["yes"] if value else self.p["no"]
        return fmt.value(value, type_, self.lang)

    def bare(self, value: Any, type_: Type) -> str:
        """A figure inside a formula: a percentage keeps its %, other figures lose their unit."""
        if isinstance(value, Decimal) and type_.display != "percent":
            return fmt.plain(value) if value == value.to_integral_value() else fmt.fixed(value, 2)
        return self.num(value, type_)

    def pts(self, value: Decimal) -> str:
        return fmt.plain(value.quantize(Decimal("0.01")) if value.as_tuple().exponent < -2 else value)

    def value_of(self, expr: m.Expr) -> Any:
        try:
            return compile_expr(expr, self.slot_of)(self.slots)
        except Exception:  # an unavailable figure: shown as —
            return None

    # Expressions with the unit's figures in place of names
    def expr(self, expr: m.Expr, parent: int = 0) -> str:
        if isinstance(expr, m.Const):
            if isinstance(expr.value, bool):
                return self.num(expr.value, None)
            return fmt.plain(expr.value * 100) + "%" if expr.type.display == "percent" \
                else fmt.plain(expr.value)
        if isinstance(expr, (m.InputRef, m.ValueRef)):
            label = expr.name
            return f"{label} {self.num(self.value_of(expr), expr.type)}"
        if isinstance(expr, m.LevelConst):
            return f"“{expr.level}”"
        if isinstance(expr, m.Unary):
            inner = self.expr(expr.operand, 7)
            return f"−{inner}" if expr.op == "-" else ("非 " if self.lang == "zh" else "not ") + inner
        if isinstance(expr, m.Binary):
            own = _PRECEDENCE[expr.op]
            op = _OPS.get(expr.op) or {"and": {"zh": "且", "en": "and"},
                                       "or": {"zh": "或", "en": "or"}}[expr.op][self.lang]
            text = f"{self.expr(expr.left, own)} {op} {self.expr(expr.right, own + 1)}"
            if own < parent:
                return f"（{text}）" if self.lang == "zh" else f"({text})"
            return text
        if isinstance(expr, m.Cond):
            return (f"{self.expr(expr.then)}" if self.value_of(expr.condition)
                    else f"{self.expr(expr.otherwise)}")
        args = ", ".join(self.expr(a) for a in expr.args)
        return f"{expr.function}({args})"

    def formula(self) -> str | None:
        """`（a / b）× 100% = x%`, or None when the value is a lone figure shown elsewhere."""
        value_expr = self.ind.indicator.value
        if value_expr is None or self.ind.value is None:
            return None
        rule = self.ind.indicator.rule
        if isinstance(rule, m.Target) and isinstance(value_expr, (m.InputRef, m.ValueRef)) \
                and value_expr.name in (getattr(rule.actual, "name", None),
                                        getattr(rule.target, "name", None)):
            return None  # the rule's sentence states this figure already
        if isinstance(value_expr, (m.InputRef, m.ValueRef)):
            if value_expr.type.kind == "level":
                return None
            return f"{value_expr.name} {self.num(self.ind.value, value_expr.type)}"
        shown = self.num(self.ind.value, value_expr.type)
        if isinstance(value_expr, m.Binary) and value_expr.op == "/" \
                and value_expr.type.display == "percent":
            body = self.expr(value_expr)
            if self.lang == "zh":
                return f"（{body}）× 100% = {shown}"
            return f"({body}) × 100% = {shown}"
        return f"{self.expr(value_expr)} = {shown}"

    def quantity(self, expr: m.Expr) -> str:
        """A rule operand: the indicator's own value by its figure, else the expression."""
        own = self.ind.indicator.value
        if isinstance(expr, (m.InputRef, m.ValueRef)) and (
                expr.name == self.ind.name
                or isinstance(own, (m.InputRef, m.ValueRef)) and own.name == expr.name):
            return self.num(self.value_of(expr), expr.type)
        if isinstance(expr, m.Const):
            return self.expr(expr)
        return self.expr(expr)

    # The sentence
    def sentence(self) -> str:
        p = self.p
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
            parts.append(p["problem"].format(
                reason=reason, fallback=p["fallback"].format(s=self.pts(fallback))
                if fallback is not None else p["fallback0"]))
            return p["sep"].join(parts)
        rule = self.ind.indicator.rule
        parts.extend(getattr(self, "rule_" + type(rule).__name__)(rule))
        text = p["sep"].join(x for x in parts if x)
        return _SINGULAR.sub(r"\1 point\2", text) if self.lang == "en" else text

    def outcome(self) -> str:
        score, weight = self.ind.score, self.ind.weight
        if score == weight:
            return self.p["full"].format(w=self.pts(weight))
        if score == 0:
            return self.p["zero"]
        return self.p["got"].format(s=self.pts(score))

    def rule_FullIf(self, rule: m.FullIf) -> list[str]:
        met = self.ind.fired.get("met")
        return [self.condition(rule.condition, met), self.outcome()]

    def condition(self, cond: m.Expr, met: bool) -> str:
        if isinstance(cond, m.Binary) and cond.op in self.p["cmp_met"] \
                and isinstance(cond.left, m.ValueRef) and cond.left.name == self.ind.name:
            table = self.p["cmp_met"] if met else self.p["cmp_unmet"]
            return table[cond.op].format(r=self.expr(cond.right))
        key = "condition_met" if met else "condition_unmet"
        return self.p[key].format(cond=self.expr(cond))

    def gap_text(self, gap: Decimal, type_: Type) -> str:
        if type_.display in ("percent", "ratio") and type_.unit == "":
            return self.p["pp"].format(x=fmt.fixed(gap * 100, 2).rstrip("0").rstrip("."))
        return self.num(gap, type_)

    def rule_Stepwise(self, rule: m.Stepwise) -> list[str]:
        p = self.p
        subject, threshold = self.value_of(rule.subject), self.value_of(rule.threshold)
        type_ = rule.subject.type
        t = self.quantity(rule.threshold)
        steps, deduction = self.ind.fired["steps"], self.ind.fired["deduction"]
        if not deduction:
            return [p["not_above" if rule.direction == "above" else "not_below"].format(t=t),
                    self.outcome()]
        gap = subject - threshold if rule.direction == "above" else threshold - subject
        step = (self.gap_text(rule.step, type_) if type_.display == "percent"
                else self.num(rule.step, type_))
        parts = [p[rule.direction].format(t=t, gap=self.gap_text(gap, type_)),
                 p["per"].format(step=step, p=self.pts(rule.points))]
        if rule.mode in ("floor", "ceil"):
            parts.append(p["steps_" + rule.mode].format(n=fmt.plain(steps)))
        parts.append(p["deduct"].format(d=self.pts(deduction)))
        if deduction > self.ind.weight:
            parts.append(p["floored"])
        parts.append(self.outcome())
        return parts

    def rule_Bands(self, rule: m.Bands) -> list[str]:
        index = self.ind.fired.get("band")
        if index is None:
            return [self.p["no_band"], self.outcome()]
        band = rule.bands[index]
        return [self.p["band"].format(band=self.band_text(band, rule.subject.type)), self.outcome()]

    def band_text(self, band: m.Band, type_: Type) -> str:
        def show(x: Decimal) -> str:
            return fmt.plain(x * 100) + "%" if type_.display == "percent" else fmt.plain(x)

        if band.low is None and band.high is None:
            return self.p["else_band"]
        if band.low is not None and band.high is not None:
            if band.low == band.high:
                return f"= {show(band.low)}"
            return (f"{'[' if band.low_closed else '('}{show(band.low)}, {show(band.high)}"
                    f"{']' if band.high_closed else ')'}")
        if band.low is not None:
            return f"{'≥' if band.low_closed else '>'} {show(band.low)}"
        return f"{'≤' if band.high_closed else '<'} {show(band.high)}"  # type: ignore[arg-type]

    def rule_Proportional(self, rule: m.Proportional) -> list[str]:
        raw = self.ind.fired.get("raw")
        rate = self.quantity(rule.rate)
        parts = [self.p["proportional"].format(rate=rate, w=self.pts(self.ind.weight),
                                               raw=self.pts(raw))]
        if raw is not None and raw > self.ind.weight:
            parts.append(self.p["capped"])
        return parts + [self.outcome()]

    def rule_Formula(self, rule: m.Formula) -> list[str]:
        raw = self.ind.fired.get("raw")
        return [self.p["formula"].format(expr=self.expr(rule.expr), raw=self.pts(raw)),
                self.outcome()]

    def rule_Findings(self, rule: m.Findings) -> list[str]:
        count, deduction = self.ind.fired["count"], self.ind.fired["deduction"]
        if not count:
            return [self.p["no_findings"], self.outcome()]
        parts = [self.p["findings"].format(n=fmt.plain(count), p=self.pts(rule.points)),
                 self.p["deduct"].format(d=self.pts(deduction))]
        if deduction > self.ind.weight:
            parts.append(self.p["floored"])
        return parts + [self.outcome()]

    def rule_Deductions(self, rule: m.Deductions) -> list[str]:
        if not self.ind.deductions:
            return [self.p["no_deductions"], self.outcome()]
        clauses = [f"{d.reason}{self.p['sep']}{self.p['deduct'].format(d=self.pts(d.points))}"
                   for d in self.ind.deductions]
        total = sum((d.points for d in self.ind.deductions), Decimal(0))
        tail = [self.p["floored"]] if total > self.ind.weight else []
        return [self.p["join"].join(clauses + [self.p["sep"].join(tail + [self.outcome()])])]

    def rule_Levels(self, rule: m.Levels) -> list[str]:
        level = self.ind.fired.get("level")
        fraction = rule.scale.level(level).fraction if rule.scale.level(level) else None
        parts = [self.p["level"].format(level=level)]
        if fraction is not None and fraction not in (0, 1):
            parts.append(self.p["level_fraction"].format(f=fmt.plain(fraction * 100) + "%"))
        return parts + [self.outcome()]

    def rule_Judged(self, rule: m.Judged) -> list[str]:
        level = self.ind.fired.get("level")
        lv = rule.scale.level(level)
        low = self.pts((lv.low or Decimal(0)) * self.ind.weight) if lv else "?"
        high = self.pts((lv.high or Decimal(0)) * self.ind.weight) if lv else "?"
        return [self.p["judged"].format(level=level, low=low, high=high,
                                        s=self.pts(self.ind.score))]

    def rule_Checklist(self, rule: m.Checklist) -> list[str]:
        met = set(self.ind.fired.get("met", []))
        listed = "、" if self.lang == "zh" else ", "
        ok = [self.p["item"].format(label=i.label, p=self.pts(i.points)) for i in rule.items
              if i.label in met]
        missing = [i.label for i in rule.items if i.label not in met]
        parts = []
        if ok:
            parts.append(self.p["met"].format(items=listed.join(ok)))
        if missing:
            parts.append(self.p["unmet"].format(items=listed.join(missing)))
        return [self.p["join"].join(parts + [self.outcome()])]

    def rule_Target(self, rule: m.Target) -> list[str]:
        p = self.p
        a, t = self.expr(rule.actual), self.expr(rule.target)
        if self.ind.fired.get("met"):
            return [p["target_met"].format(a=a, t=t, op=_OPS[rule.op]), self.outcome()]
        actual, target = self.value_of(rule.actual), self.value_of(rule.target)
        av, tv = self.bare(actual, rule.actual.type), self.bare(target, rule.target.type)
        w = self.pts(self.ind.weight)
        if rule.op == ">=":
            parts = [p["target_missed"].format(a=a, t=t)]
            if target and target > 0:
                parts.append(p["target_ratio"].format(x=f"{av} / {tv}", w=w))
        elif rule.op == "<=":
            parts = [p["target_over"].format(a=a, t=t)]
            if actual and actual > 0:
                parts.append(p["target_ratio"].format(x=f"{tv} / {av}", w=w))
        elif not target:
            parts = [p["target_not_zero"].format(a=a)]
        else:
            difference = abs(actual - target)
            gap = self.bare(difference, rule.actual.type)
            parts = [p["target_off"].format(a=a, t=t, gap=self.num(difference, rule.actual.type)),
                     p["target_ratio"].format(x=f"(1 − {gap} / {tv})", w=w)]
        return parts + [self.outcome()]
