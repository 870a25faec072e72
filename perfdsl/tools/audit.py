"""Audit: every claim of a filed form against what its rubric computes from its figures.

Expects a compiled rubric and a loaded data file carrying claims (`perfdsl.data.claims`).
Guarantees an `Audit`: the `Result` recomputed from the figures, and every `Discrepancy` between
what the form claims and what the rules give — each with the claimed value, the recomputed one,
the rule with its rubric line and standard, and the figures behind it — or the problems that
kept the audit from being trusted (bad figures, claims naming what the rubric does not have).

Nothing here restates what a rule means. A claimed score is compared with the result's score, a
claimed deduction (`扣3分`) with the deduction the rule's outcome recorded, a printed rate with
the exact value rounded as the form prints it, a check with the reference interpreter's verdict
on the lowered program. The classes (`KINDS`):

    score          a score that differs from the rule's
    deduction      a deduction that differs from the one the rule's outcome applied
    value          a printed value beyond display rounding of the computed one
    sum            a subtotal or total that is not the sum of its parts
    grade          a grade outside the band of the total
    over_weight    a score above its weight
    over_deduction a deduction beyond the weight
    check          a consistency check (`检查`) that fails, on the unit's figures or on the
                   figures one place of the form states
    figure         a figure stated with another value than the unit's, or found nowhere else
    weight         a weight (应得 N 分, 满分 N 分) other than the rubric's
    formula        a printed formula whose own figures do not give its printed result
    rounding       (a note) a printed value that differs only by display rounding
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from perfdsl import formatting as fmt
from perfdsl.core import exact
from perfdsl.core.results import IndicatorResult, Result
from perfdsl.core.values import DataProblem
from perfdsl.data import claims as claims_pass
from perfdsl.data.claims import Claim, Claims, Printed
from perfdsl.diagnostics import Diagnostic

AUDIT_SCHEMA_VERSION = 1

# kind → (code, severity)
KINDS: dict[str, tuple[str, str]] = {
    "score": ("A101", "error"), "deduction": ("A102", "error"), "value": ("A103", "error"),
    "sum": ("A104", "error"), "grade": ("A105", "error"), "over_weight": ("A106", "error"),
    "over_deduction": ("A107", "error"), "check": ("A108", "error"),
    "figure": ("A109", "error"), "weight": ("A110", "error"), "formula": ("A111", "error"),
    "rounding": ("A201", "note"),
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "score": "得分与评分规则不符", "deduction": "扣分与评分规则不符",
        "value": "填报的数值与计算结果不符（超出显示舍入）", "sum": "小计或合计不等于各项之和",
        "grade": "等级与总分所在档次不符", "over_weight": "得分超过分值",
        "over_deduction": "扣分超过分值", "check": "一致性检查不成立",
        "figure": "同一数据前后不一致，或引用的数据在表中别处找不到",
        "weight": "分值与评价体系不符", "formula": "算式按其自身数据算不出所填结果",
        "rounding": "仅差显示舍入（提示）",
        "claimed": "填报", "recomputed": "重算", "rule": "规则", "figures": "依据数据",
        "place": "位置", "line": "第 {n} 行", "nowhere": "表中别处没有这个数",
        "none": "无", "total": "合计", "grade_of": "等级", "sum_of": "{parts} = {sum}",
        "title": "审核结果", "found": "发现 {n} 处不一致，{notes} 处仅差显示舍入",
        "clean": "未发现不一致", "holds": "成立", "fails": "不成立",
        "deduction_words": "扣 {points} 分", "weight_words": "分值 {points}",
        "score_words": "{points} 分", "check_in": "按“{place}”所填数据",
        "cited": "{name}（{place}的算式引用）", "form": "填报与重算对照",
        "computed": "重算得分", "mark": "核对",
        "rule_words": "{kind}（第 {line} 行）", "standard": "评分标准：{text}",
        "basis": "政策依据：{text}", "of": "{a} 的 {b}",
        "problems": "数据问题（无法审核）",
    },
    "en": {
        "score": "a score that differs from the rule's", "deduction":
            "a deduction that differs from the rule's",
        "value": "a printed value that differs from the computed one beyond display rounding",
        "sum": "a subtotal or total that is not the sum of its parts",
        "grade": "a grade that does not match the band of the total",
        "over_weight": "a score above its weight", "over_deduction": "a deduction beyond the weight",
        "check": "a consistency check that fails",
        "figure": "a figure stated with two values, or found nowhere else on the form",
        "weight": "a weight other than the rubric's",
        "formula": "a printed formula whose own figures do not give its printed result",
        "rounding": "differs only by display rounding (a note)",
        "claimed": "claimed", "recomputed": "recomputed", "rule": "rule", "figures": "figures",
        "place": "place", "line": "line {n}", "nowhere": "found nowhere else on the form",
        "none": "none", "total": "total", "grade_of": "grade", "sum_of": "{parts} = {sum}",
        "title": "Audit", "found": "{n} discrepancies, {notes} only display rounding",
        "clean": "no discrepancies", "holds": "holds", "fails": "fails",
        "deduction_words": "{points} points off", "weight_words": "weight {points}",
        "score_words": "{points} points", "check_in": "on the figures {place} states",
        "cited": "{name} (cited by the formula in {place})", "form": "Claimed beside recomputed",
        "computed": "recomputed score", "mark": "check",
        "rule_words": "{kind} (line {line})", "standard": "standard: {text}",
        "basis": "basis: {text}", "of": "{b} of {a}",
        "problems": "data problems (the audit cannot be trusted)",
    },
}

RULE_NAMES = {
    "zh": {"full_if": "满分条件", "proportional": "按比例", "bands": "分档", "stepwise": "逐档扣分",
           "findings": "按处扣分", "deductions": "扣分项", "levels": "按等次", "judged": "人工评分",
           "checklist": "逐项计分", "target": "对标", "formula": "公式", "check": "检查"},
    "en": {"full_if": "full_if", "proportional": "proportional", "bands": "bands",
           "stepwise": "stepwise", "findings": "findings", "deductions": "deductions",
           "levels": "levels", "judged": "judged", "checklist": "checklist", "target": "target",
           "formula": "formula", "check": "check"},
}


@attrs.frozen(kw_only=True)
class Discrepancy:
    """One place where the filed form and the rules disagree."""

    kind: str  # a key of KINDS
    place: str | None  # where on the form the claim stands (表, 分析…)
    subject: str  # the indicator, group, figure or check it is about
    claimed: str  # the claim as printed
    recomputed: str  # what perfdsl computes, as the form would print it
    rule: str | None = None  # the rule and its rubric line
    standard: str | None = None  # the rubric's 评分标准 / the check's text
    basis: tuple[str, ...] = ()  # 政策依据 of the indicator
    figures: tuple[tuple[str, str], ...] = ()  # the figures behind it: (name, as shown)
    explanation: str | None = None  # the 计算分析情况 sentence, or how the recomputed value arose
    line: int | None = None  # rubric line of the rule or check
    where: str | None = None  # data file:line of the claim

    @property
    def code(self) -> str:
        return KINDS[self.kind][0]

    @property
    def severity(self) -> str:
        return KINDS[self.kind][1]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "severity": self.severity,
                "what": WORDS[lang][self.kind], "place": self.place, "subject": self.subject,
                "claimed": self.claimed, "recomputed": self.recomputed, "rule": self.rule,
                "standard": self.standard, "basis": list(self.basis),
                "figures": [{"name": n, "value": v} for n, v in self.figures],
                "explanation": self.explanation, "line": self.line, "where": self.where}


@attrs.frozen(kw_only=True)
class CheckOutcome:
    """A consistency check evaluated on one set of figures."""

    index: int
    text: str
    holds: bool | None  # None: a figure it reads is unavailable
    sides: str  # the two sides of its comparison with their values
    place: str | None  # None: the unit's figures; else the place whose figures it used
    line: int


@attrs.frozen(kw_only=True)
class Audit:
    result: Result
    claims: Claims
    discrepancies: tuple[Discrepancy, ...]
    checks: tuple[CheckOutcome, ...]
    problems: tuple[Diagnostic, ...]  # what keeps the audit from being trusted

    @property
    def errors(self) -> tuple[Discrepancy, ...]:
        return tuple(d for d in self.discrepancies if d.severity == "error")

    @property
    def notes(self) -> tuple[Discrepancy, ...]:
        return tuple(d for d in self.discrepancies if d.severity == "note")

    @property
    def exit_code(self) -> int:
        """0 no discrepancy, 1 discrepancies, 2 the figures or claims cannot be used."""
        if self.problems:
            return 2
        return 1 if self.errors else 0

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"schema": "perfdsl.audit", "version": AUDIT_SCHEMA_VERSION,
                "title": self.result.rubric.title, "total": _json_number(self.result.total),
                "grade": self.result.grade, "exit_code": self.exit_code,
                "discrepancies": [d.to_json(lang) for d in self.discrepancies],
                "checks": [{"text": c.text, "holds": c.holds, "sides": c.sides,
                            "place": c.place, "line": c.line} for c in self.checks],
                "problems": [d.to_json(lang) for d in self.problems]}


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- Comparing printed numbers -------------------------------------------------------------------

MATCH, ROUNDING, DIFFERS = "match", "rounding", "differs"


def compare(printed: Printed, computed: Any, *, exact_only: bool = False) -> str:
    """How a printed number stands to the exact computed one: `match` when the computed value
    rounded half up to the printed decimals is the printed number; `rounding` when they differ by
    less than one unit of the last printed digit (86.19% against 86.1849%: a truncation, a
    different rounding); `differs` otherwise. With `exact_only` (scores, deductions), only
    equality matches and anything else differs."""
    if not exact.is_number(computed):
        return DIFFERS
    with decimal.localcontext(exact.ROUNDING):
        scale = Decimal(100) if printed.percent else Decimal(1)
        shown = exact.multiply(computed, scale)
        claimed = printed.value * scale
        if exact.subtract(shown, claimed) == 0:
            return MATCH
        if exact_only:  # a score is printed as it is: 4 for 3.5 is another score
            return DIFFERS
        rounded = exact.round_half_up(shown, printed.decimals)
        unit = Decimal(1).scaleb(-printed.decimals)
        if rounded == claimed and not exact_only:
            return MATCH
        if abs(Fraction(shown) - Fraction(claimed)) < unit or rounded == claimed:
            return ROUNDING
        return DIFFERS


# --- The audit -----------------------------------------------------------------------------------

def audit(compiled: Any, data: Any, lang: str = "zh") -> Audit:
    """Recompute the unit from its figures and hold every claim of the data file against it."""
    result = compiled.evaluate(data)
    found = claims_pass.read(compiled.model, data)
    problems = tuple(d for d in (*result.problems, *found.problems) if d.is_error)
    auditor = _Auditor(compiled, data, result, found, lang)
    if not problems:
        auditor.run()
    return Audit(result=result, claims=found, discrepancies=tuple(auditor.found_list),
                 checks=tuple(auditor.check_outcomes), problems=problems)


class _Auditor:
    def __init__(self, compiled: Any, data: Any, result: Result, found: Claims, lang: str):
        self.compiled, self.data, self.result, self.claims = compiled, data, result, found
        self.lang = lang
        self.words = WORDS[lang]
        self.rubric = result.rubric
        self.found_list: list[Discrepancy] = []
        self.check_outcomes: list[CheckOutcome] = []
        self.groups = {}
        for group in result.groups:
            self.groups.setdefault(group.name, group)
            self.groups.setdefault("/".join(group.path), group)
        self.indicators = {ind.name: ind for ind in result.indicators}

    def add(self, kind: str, claim: Claim | None, subject: str, claimed: str, recomputed: str,
            ind: IndicatorResult | None = None, **more: Any) -> None:
        if ind is not None:
            more.setdefault("rule", self.rule_text(ind))
            more.setdefault("standard", ind.indicator.standard)
            more.setdefault("basis", ind.indicator.basis)
            more.setdefault("figures", self.figures_of(ind))
            more.setdefault("explanation", self.sentence(ind))
            more.setdefault("line", ind.indicator.rule.span.line)
        where = None
        if claim is not None and claim.span is not None:
            where = claim.span.location()
        self.found_list.append(Discrepancy(kind=kind, place=claim.place if claim else more.pop(
            "place", None), subject=subject, claimed=claimed, recomputed=recomputed,
            where=where, **{k: v for k, v in more.items() if k != "place"}))

    # What to show
    def rule_text(self, ind: IndicatorResult) -> str:
        return self.words["rule_words"].format(kind=RULE_NAMES[self.lang][ind.rule],
                                               line=ind.indicator.rule.span.line)

    def sentence(self, ind: IndicatorResult) -> str:
        from perfdsl.outputs.sentences import sentence

        return sentence(self.result, ind, self.lang)

    def figures_of(self, ind: IndicatorResult) -> tuple[tuple[str, str], ...]:
        program = self.result.program.indicators[ind.index]
        return tuple(self.figure_shown(self.result.program.inputs[self.input_position(slot)])
                     for slot in program.inputs)

    def input_position(self, slot: int) -> int:
        return next(i for i, item in enumerate(self.result.program.inputs) if item.slot == slot)

    def figure_shown(self, item: Any, result: Result | None = None) -> tuple[str, str]:
        result = result or self.result
        value = result.exact(item.name)
        return item.name, fmt.value(value, item.type, self.lang)

    def points(self, value: Decimal) -> str:
        return fmt.plain(value)

    def score_words(self, value: Decimal) -> str:
        return self.words["score_words"].format(points=fmt.plain(value))

    # The pass
    def run(self) -> None:
        for claim in self.claims.claims:
            getattr(self, "claim_" + claim.kind)(claim)
        self.sums()
        self.checks()

    def claim_score(self, claim: Claim) -> None:
        printed: Printed = claim.value
        ind = self.indicators.get(claim.subject)
        if ind is not None:
            if printed.value > ind.weight:
                self.add("over_weight", claim, ind.name, self.show_points(claim),
                         self.score_words(ind.score), ind,
                         standard=self.weight_note(ind.weight, ind.indicator.standard))
                return
            verdict = compare(printed, ind.score, exact_only=True)
            if verdict != MATCH:
                self.add("score" if verdict == DIFFERS else "rounding", claim, ind.name,
                         self.show_points(claim), self.score_words(ind.score), ind)
            return
        group = self.groups[claim.subject]
        if printed.value > group.weight:
            self.add("over_weight", claim, group.name, self.show_points(claim),
                     self.score_words(group.score), None,
                     standard=self.words["weight_words"].format(points=self.points(group.weight)))

    def weight_note(self, weight: Decimal, standard: str | None) -> str:
        note = self.words["weight_words"].format(points=self.points(weight))
        return f"{note}；{standard}" if standard and self.lang == "zh" else \
            (f"{note}; {standard}" if standard else note)

    def show_points(self, claim: Claim) -> str:
        shown = self.words["score_words"].format(points=fmt.plain(claim.value.value))
        return f"{shown}（“{claim.text}”）" if claim.via == "statement" and self.lang == "zh" \
            else (f"{shown} (“{claim.text}”)" if claim.via == "statement" else shown)

    def claim_deduction(self, claim: Claim) -> None:
        ind = self.indicators.get(claim.subject)
        if ind is None:
            return  # a group's deduction: its score claims say what is checked
        printed: Printed = claim.value
        applied = getattr(ind.outcome, "deduction", None)
        if applied is None:
            applied = ind.weight - ind.score
        shown = self.words["deduction_words"].format(points=fmt.plain(exact.approx(applied)))
        said = self.words["deduction_words"].format(points=fmt.plain(printed.value))
        if claim.via == "statement":
            said += f"（“{claim.text}”）" if self.lang == "zh" else f" (“{claim.text}”)"
        if compare(printed, applied, exact_only=True) == MATCH:
            return  # what the rule deducted (even past the weight: 扣完为止)
        if printed.value > ind.weight:
            self.add("over_deduction", claim, ind.name, said, shown, ind,
                     standard=self.weight_note(ind.weight, ind.indicator.standard))
        else:
            self.add("deduction", claim, ind.name, said, shown, ind)

    def claim_weight(self, claim: Claim) -> None:
        printed: Printed = claim.value
        node = self.indicators.get(claim.subject) or self.groups.get(claim.subject)
        weight = node.weight  # type: ignore[union-attr]
        if printed.value != weight:
            ind = self.indicators.get(claim.subject)
            said = self.words["weight_words"].format(points=fmt.plain(printed.value))
            if claim.via == "statement":
                said += f"（“{claim.text}”）" if self.lang == "zh" else f" (“{claim.text}”)"
            self.add("weight", claim, claim.subject, said,
                     self.words["weight_words"].format(points=self.points(weight)), ind)

    def claim_value(self, claim: Claim) -> None:
        ind = self.indicators[claim.subject]
        computed = self.result.exact(ind.name) if ind.indicator.value is not None else None
        self.printed(claim, ind, computed, ind.indicator.value.type
                     if ind.indicator.value is not None else None)

    def claim_goal(self, claim: Claim) -> None:
        ind = self.indicators[claim.subject]
        if ind.target is None or ind.target.value is None:
            return
        goal_type = ind.indicator.goal.expr.type if ind.indicator.goal else None  # type: ignore[union-attr]
        self.printed(claim, ind, ind.target.value, goal_type)

    def printed(self, claim: Claim, ind: IndicatorResult, computed: Any, type_: Any) -> None:
        printed: Printed = claim.value
        verdict = compare(printed, computed)
        if verdict == MATCH:
            return
        shown = fmt.value(computed, type_, self.lang) if computed is not None else "—"
        if printed.percent and exact.is_number(computed):
            shown = self.percent(computed, max(printed.decimals, 2))
        self.add("value" if verdict == DIFFERS else "rounding", claim, ind.name, claim.text,
                 shown, ind)

    def percent(self, value: Any, decimals: int) -> str:
        return fmt.fixed(exact.multiply(value, Decimal(100)), decimals) + "%"

    def claim_total(self, claim: Claim) -> None:
        pass  # with the sums

    def claim_grade(self, claim: Claim) -> None:
        pass  # with the sums

    def claim_figure(self, claim: Claim) -> None:
        self.figure(claim, claim.subject, claim.value, claim.subject)

    def figure(self, claim: Claim, name: str, printed: Printed, shown_name: str,
               means: str | None = None) -> None:
        """A figure as the form states it, against the unit's figure of that name (or the one a
        formula says it stands for); a name that is no figure must at least be a value found
        elsewhere on the form."""
        target = means or name
        item = next((i for i in self.result.program.inputs if i.name == target), None)
        if item is not None:
            computed = self.result.exact(target)
            if compare(printed, computed) == DIFFERS:
                shown = fmt.value(computed, item.type, self.lang)
                self.add("figure", claim, shown_name, printed.text, f"{target} {shown}",
                         None, figures=(self.figure_shown(item),))
            return
        meta = self.result.meta
        if target in meta:
            stated = claims_pass.parse_number(meta[target])
            if stated is not None and compare(printed, stated.value) == DIFFERS:
                self.add("figure", claim, shown_name, printed.text, f"{target} {meta[target]}")
            return
        if not self.found_elsewhere(printed):
            self.add("figure", claim, shown_name, printed.text, self.words["nowhere"])

    def found_elsewhere(self, printed: Printed) -> bool:
        values = [v for v in self.result.figures.values() if exact.is_number(v)]
        for text in self.result.meta.values():
            stated = claims_pass.parse_number(text)
            if stated is not None:
                values.append(stated.value)
        values += [c.value.value for c in self.claims.claims
                   if c.kind == "figure" and isinstance(c.value, Printed)
                   and (self.rubric.input(c.subject) is not None or c.subject in self.result.meta)]
        return any(compare(printed, v) != DIFFERS for v in values)

    def claim_formula(self, claim: Claim) -> None:
        formula: claims_pass.Formula = claim.value
        ind = self.indicators[claim.subject]
        cited = self.words["cited"]
        for name, printed in formula.operands.items():
            for value in printed:
                self.figure(claim, name, value, cited.format(name=name, place=claim.place),
                            means=formula.means.get(name))
        if formula.result is not None:
            own = self.formula_value(formula)
            if own is not None and compare(formula.result, own) == DIFFERS:
                shown = self.percent(own, 2) if formula.result.percent else fmt.plain(
                    exact.approx(own))
                self.add("formula", claim, ind.name, f"{formula.expr} = {formula.result.text}",
                         shown, ind, explanation=self.formula_words(formula, own))
            value_claim = attrs.evolve(claim, kind="value", value=formula.result,
                                       text=formula.result.text)
            self.claim_value(value_claim)

    def formula_value(self, formula: claims_pass.Formula) -> Any:
        """The printed formula evaluated with its own printed figures (a name cited twice takes
        its figures in the order they are printed)."""
        from perfdsl.tools.formulas import evaluate

        return evaluate(formula.expr, {k: [p.value for p in v]
                                       for k, v in formula.operands.items()})

    def formula_words(self, formula: claims_pass.Formula, own: Any) -> str:
        from perfdsl.tools.formulas import substitute

        text = substitute(formula.expr, {k: [p.text for p in v]
                                         for k, v in formula.operands.items()})
        shown = self.percent(own, 2) if formula.result and formula.result.percent \
            else fmt.plain(exact.approx(own))
        return f"{text} = {shown}"

    # Sums and grades, place by place
    def sums(self) -> None:
        for place in self.claims.places:
            scores = {c.subject: c for c in self.claims.claims
                      if c.place == place and c.kind == "score" and c.via is None}
            for claim in [c for c in self.claims.claims if c.place == place
                          and c.kind == "score" and c.subject in self.groups
                          and c.subject not in self.indicators]:
                group = self.groups[claim.subject]
                planned = next(g for g in self.result.program.groups if g.path == group.path)
                self.sum_of(claim, group.name, self.parts_of(group.path), scores, group.score,
                            planned.scale)
            for claim in [c for c in self.claims.claims if c.place == place
                          and c.kind == "total"]:
                tops = [g.path for g in self.result.groups if len(g.path) == 1]
                tops += [ind.path for ind in self.result.indicators if len(ind.path) == 1]
                self.sum_of(claim, self.words["total"], tops, scores, self.result.total,
                            self.result.program.total_scale)
            totals = [c for c in self.claims.claims if c.kind == "total"]
            for claim in [c for c in self.claims.claims if c.place == place
                          and c.kind == "grade"]:
                self.grade(claim, totals)

    def parts_of(self, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        parts = [g.path for g in self.result.groups if g.path[:-1] == path]
        return parts + [ind.path for ind in self.result.indicators if ind.path[:-1] == path]

    def score_at(self, path: tuple[str, ...]) -> Decimal:
        ind = self.indicators.get(path[-1])
        if ind is not None and ind.path == path:
            return ind.score
        return next(g.score for g in self.result.groups if g.path == path)

    def sum_of(self, claim: Claim, subject: str, parts: list[tuple[str, ...]],
               scores: dict[str, Claim], computed: Decimal,
               scale: tuple[Decimal, Decimal] | None = None) -> None:
        """A claimed subtotal or total against the claimed parts: their sum, or — where what
        does not apply is shared out (不适用) — that sum rescaled as the program says."""
        from perfdsl.backends.interpret import scaled

        printed: Printed = claim.value
        names = [p[-1] for p in parts]
        if names and all(n in scores for n in names):
            values = [scores[n].value.value for n in names]
            own = scaled(sum(values, Decimal(0)), scale)
            if own != printed.value:
                shown = self.words["sum_of"].format(
                    parts=" + ".join(fmt.plain(v) for v in values), sum=fmt.plain(own))
                self.add("sum", claim, subject, fmt.plain(printed.value), shown,
                         explanation=self.words["sum_of"].format(
                             parts=" + ".join(f"{n} {fmt.plain(v)}" for n, v in zip(names, values)),
                             sum=fmt.plain(own)))
                return
        if compare(printed, computed, exact_only=True) != MATCH:
            values = [self.score_at(p) for p in parts]
            self.add("sum", claim, subject, fmt.plain(printed.value), fmt.score(computed),
                     explanation=self.words["sum_of"].format(
                         parts=" + ".join(f"{n} {fmt.score(v)}" for n, v in zip(names, values)),
                         sum=fmt.score(computed)))

    def grade(self, claim: Claim, totals: list[Claim]) -> None:
        from perfdsl.compiler import grade_of

        own = [c for c in totals if c.place == claim.place] or totals
        # The band of the total the form claims, else of the recomputed total: a grade right
        # for a wrong total is listed too, with the recomputed one (the total is listed apart).
        total = own[0].value.value if own else self.result.total
        band = grade_of(self.result.program, total)
        if claim.value == band and claim.value != self.result.grade:
            total, band = self.result.total, self.result.grade
        if claim.value != band:
            bands = "；".join(f"{g.name} ≥ {fmt.plain(g.minimum)}" if g.minimum is not None
                             else g.name for g in self.result.program.grades)
            self.add("grade", claim, self.words["grade_of"], str(claim.value),
                     f"{band}（{fmt.plain(total)}）" if self.lang == "zh" else
                     f"{band} ({fmt.plain(total)})", standard=bands)

    # Checks
    def checks(self) -> None:
        program = self.result.program
        if not program.checks:
            return
        base = self.evaluate_checks(self.result, None)
        self.check_outcomes += base
        for outcome in base:
            if outcome.holds is False:
                self.check_failed(outcome, self.result)
        failing = {o.index for o in base if o.holds is False}
        for place in self.claims.places:
            view = self.view(place)
            if view is None:
                continue
            for outcome in self.evaluate_checks(view, place):
                if outcome.holds == base[outcome.index].holds:
                    continue  # as on the unit's figures: listed once
                self.check_outcomes.append(outcome)
                if outcome.holds is False and outcome.index not in failing:
                    self.check_failed(outcome, view)

    def view(self, place: str) -> Result | None:
        """The unit scored on the figures one place of the form states, where they differ."""
        stated: dict[str, Any] = {}
        for claim in self.claims.claims:
            if claim.place != place:
                continue
            if claim.kind == "figure" and self.rubric.input(claim.subject) is not None:
                stated[claim.subject] = claim.value.value
            elif claim.kind == "formula":
                for name, printed in claim.value.operands.items():
                    target = claim.value.means.get(name, name)
                    if self.rubric.input(target) is not None and len(
                            {p.value for p in printed}) == 1:
                        stated.setdefault(target, printed[0].value)
        changed = {k: v for k, v in stated.items()
                   if not exact.is_number(self.result.exact(k)) or v != self.result.exact(k)}
        if not changed:
            return None
        from perfdsl.data.figures import DataFile, Figure

        figures = [f if f.name not in changed else attrs.evolve(f, value=changed[f.name])
                   for f in self.data.figures]
        figures += [Figure(name=k, value=v, key_span=None, value_span=None)
                    for k, v in changed.items() if k not in {f.name for f in self.data.figures}]
        data = DataFile(figures=tuple(figures), meta=self.data.meta, source=self.data.source,
                        sections=self.data.sections)
        return self.compiled.evaluate(data)

    def evaluate_checks(self, result: Result, place: str | None) -> list[CheckOutcome]:
        from perfdsl.backends.interpret import Evaluator

        program = result.program
        slots = list(result.exact_slots)
        given = result.given if result.given is not None else frozenset(result.figures)
        for fact in program.facts:
            value = fact.name in given if fact.kind == "given" else fact.name in result.reasons
            slots.append(value)
        out = []
        evaluator = Evaluator(slots)
        for check, model in zip(program.checks, self.rubric.checks):
            try:
                holds: bool | None = bool(evaluator(check.expr))
            except DataProblem:
                holds = None
            out.append(CheckOutcome(index=check.index, text=model.text, holds=holds,
                                    sides=self.sides(evaluator, check),
                                    place=place, line=check.span.line))
        return out

    def sides(self, evaluator: Any, check: Any) -> str:
        if check.left is None or check.right is None:
            return ""
        try:
            left, right = evaluator(check.left), evaluator(check.right)
        except DataProblem:
            return ""
        type_ = getattr(check.left, "type", None) or getattr(check.right, "type", None)
        op = {"<=": "≤", ">=": "≥", "!=": "≠"}.get(check.op, check.op)
        actual = "=" if left == right else ("<" if left < right else ">")
        shown = f"{self.side(check.left, left, type_)} {actual} " \
                f"{self.side(check.right, right, type_)}"
        if check.tolerance is not None:
            shown += f"（误差 {fmt.plain(check.tolerance)}）" if self.lang == "zh" \
                else f" (tolerance {fmt.plain(check.tolerance)})"
        return shown if op else shown

    def side(self, node: Any, value: Any, type_: Any) -> str:
        """One side of a check's comparison: its text and value, or just the value of a constant."""
        from perfdsl.core import ir

        shown = fmt.value(value, getattr(node, "type", None) or type_, self.lang)
        if isinstance(node, ir.Const) or node.span is None:
            return shown
        return f"{node.span.text} {shown}"

    def relation(self, model: Any) -> str:
        """A check as the rubric writes it, without its label: `若 A 则 B`, `A ≤ B 误差 t`."""
        text = model.expr.span.text
        if model.condition is not None:
            text = f"若 {model.condition.span.text} 则 {text}" if self.lang == "zh" \
                else f"if {model.condition.span.text} then {text}"
        if model.tolerance is not None:
            text += f" 误差 {fmt.plain(model.tolerance)}" if self.lang == "zh" \
                else f" tolerance {fmt.plain(model.tolerance)}"
        return text

    def check_failed(self, outcome: CheckOutcome, result: Result) -> None:
        program = result.program
        check = program.checks[outcome.index]
        model = self.rubric.checks[outcome.index]
        inputs = self.check_inputs(check)
        figures = tuple(self.figure_shown(item, result) for item in inputs)
        facts = [f for f in program.facts if f.slot in check.reads]
        for fact in facts:
            given = result.given if result.given is not None else frozenset(result.figures)
            holds = fact.name in given if fact.kind == "given" else fact.name in result.reasons
            word = {"given": "已填", "explained": "已说明"}[fact.kind] if self.lang == "zh" \
                else fact.kind
            figures += ((f"{word}({fact.name})", self.words["holds" if holds else "fails"]),)
        place = outcome.place
        subject = model.text
        if place is not None:
            subject = f"{subject}（{self.words['check_in'].format(place=place)}）" \
                if self.lang == "zh" else f"{subject} ({self.words['check_in'].format(place=place)})"
        self.add("check", None, subject, self.relation(model),
                 outcome.sides or self.words["fails"], place=place,
                 rule=self.words["rule_words"].format(kind=RULE_NAMES[self.lang]["check"],
                                                      line=outcome.line),
                 standard=model.label, figures=figures, line=outcome.line)

    def check_inputs(self, check: Any) -> list[Any]:
        """The inputs a check depends on, directly or through values, in the rubric's order."""
        from perfdsl.core import ir

        program = self.result.program
        values = {v.slot: v for v in program.values}
        inputs = {i.slot: i for i in program.inputs}
        seen: set[int] = set()
        stack = list(check.reads)
        while stack:
            slot = stack.pop()
            if slot in seen:
                continue
            seen.add(slot)
            if slot in values:
                stack.extend(ir.slots_read(values[slot].expr))
        return [inputs[s] for s in sorted(seen) if s in inputs]

