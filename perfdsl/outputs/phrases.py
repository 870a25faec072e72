"""The words of the 计算分析情况 sentences and traces: how each rule kind's outcome reads, in
Chinese and English — the message catalogue of the rule kinds.

One table per language. `common` holds the words every sentence uses (the score, a problem,
comparisons); each rule kind has a row per case its lowering can produce
(`perfdsl.core.kinds.Kind.cases`), and a writer (`WRITERS`) that fills its words with the facts
of its outcome record, each formatted as the form writes it (61.68%, 40.11万元, 0.3 分), using the
helpers of `perfdsl.outputs.sentences`. `STEPS` names the steps of each kind's lowering in a
trace. `RULES` says what each kind does before any figures, with the rule's operands as
written (`rule_words`: what an editor's hover shows on an indicator). `tests/test_kinds.py`
fails when a kind, a case or a step has no words.

A writer states facts; it never decides them: which case applies, how far past the threshold,
how many steps — all come from the outcome the kind's lowering computed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.checks.units import Type

PHRASES: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "common": {
            "sep": "，", "join": "；", "list": "、",
            "full": "得满分 {weight} 分", "got": "得 {score} 分", "zero": "不得分",
            "problem": "无法计分：{reason}；{fallback}", "fallback": "按规定计 {score} 分",
            "fallback0": "计 0 分", "floored": "扣完为止", "capped": "超过分值按满分计",
            "deduct": "扣 {points} 分", "pp": "{x} 个百分点", "yes": "是", "no": "否",
            "and": "且", "or": "或", "not": "非 ",
            "condition_met": "满足条件 {condition}", "condition_unmet": "不满足条件 {condition}",
        },
        "compare_met": {"<=": "未超过 {bound}", "<": "低于 {bound}", ">=": "达到 {bound}",
                        ">": "超过 {bound}", "=": "等于 {bound}", "!=": "不等于 {bound}"},
        "compare_unmet": {"<=": "超过 {bound}", "<": "未低于 {bound}", ">=": "未达到 {bound}",
                          ">": "未超过 {bound}", "=": "不等于 {bound}", "!=": "等于 {bound}"},
        "full_if": {"met": "{condition}", "unmet": "{condition}"},
        "proportional": {"scored": "得分 = {rate} × {weight} = {raw}",
                         "capped": "得分 = {rate} × {weight} = {raw}，超过分值按满分计",
                         "negative": "得分 = {rate} × {weight} = {raw}"},
        "formula": {"scored": "得分 = {expression} = {raw}",
                    "capped": "得分 = {expression} = {raw}，超过分值按满分计",
                    "negative": "得分 = {expression} = {raw}"},
        "bands": {"band": "属于“{band}”档", "no_band": "不在任何一档"},
        "stepwise": {
            "within": "未超过 {threshold}", "within_below": "未低于 {threshold}",
            "under_step": "超过 {threshold} {gap}，不足一档（每档 {step}），不扣分",
            "under_step_below": "低于 {threshold} {gap}，不足一档（每档 {step}），不扣分",
            "deducted": "超过 {threshold} {gap}，每 {step}扣 {per_step} 分{counted}，扣 {deduction} 分",
            "deducted_below": "低于 {threshold} {gap}，每 {step}扣 {per_step} 分{counted}，扣 {deduction} 分",
            "floored": "超过 {threshold} {gap}，每 {step}扣 {per_step} 分{counted}，扣 {deduction} 分，扣完为止",
            "floored_below": "低于 {threshold} {gap}，每 {step}扣 {per_step} 分{counted}，扣 {deduction} 分，扣完为止",
            "counted_floor": "，不足一档不扣，按 {steps} 档计",
            "counted_ceil": "，不足一档按一档，按 {steps} 档计",
            "counted_exact": "",
        },
        "findings": {"none": "未发现问题",
                     "deducted": "发现 {count} 处，每处扣 {per_finding} 分，扣 {deduction} 分",
                     "floored": "发现 {count} 处，每处扣 {per_finding} 分，扣 {deduction} 分，扣完为止"},
        "deductions": {"none": "无扣分情形", "row": "{reason}，扣 {points} 分",
                       "deducted": "{rows}", "floored": "{rows}；扣完为止"},
        "levels": {"level": "评价等次为“{level}”{share}", "share": "，按 {share} 计"},
        "judged": {"judged": "评价等次为“{level}”（可得 {low}–{high} 分），评分 {entered} 分"},
        "checklist": {"items": "{met}{unmet}", "met": "满足：{items}", "unmet": "未满足：{items}",
                      "item": "{label}（{points} 分）"},
        "target": {
            "met": "{actual} {op} {target}，达到目标",
            "short": "{actual} 未达到 {target}，得分 = {actual_value} / {target_value} × {weight}",
            "short_no_ratio": "{actual} 未达到 {target}",
            "over": "{actual} 超过 {target}，得分 = {target_value} / {actual_value} × {weight}",
            "over_no_ratio": "{actual} 超过 {target}",
            "off": "{actual} 偏离 {target} {difference}，得分 = (1 − {difference_value} / "
                   "{target_value}) × {weight}",
            "off_zero": "{actual} 不为 0，未达到目标",
        },
        "decay": {
            "met": "{actual} 未超过 {target}，达到目标",
            "decayed": "{actual} 超过 {target}，按线性递减（{factor} 倍时为 0），得分 = {formula}",
            "zero": "{actual} 达到 {target} 的 {factor} 倍及以上",
            "zero_target": "{actual} 超过 {target}",
        },
        "equal": {
            "exact": "{actual} 等于 {target}，达到目标",
            "within": "{actual} 与 {target} 相差 {difference}，在容差 {tolerance} 以内",
            "over": "{actual} 超过 {target}，超出不扣分",
            "off": "{actual} 偏离 {target} {difference}{past}，得分 = (1 − {beyond_value} / "
                   "{target_value}) × {weight}",
            "off_zero": "{actual} 偏离 {target} {difference}{past}，目标值为 0",
            "past": "，超出容差 {beyond}",
        },
        "negative_target": {
            "met": "{actual} {op} {target}，达到目标",
            "partial": "{actual} 未达到 {target}，得分 = {actual_value} / {target_value} × {weight}",
            "none": "{actual} 未低于 0，未达到 {target}",
            "fell": "{actual} 低于 {target}，得分 = {target_value} / {actual_value} × {weight}",
        },
        "overshoot": {
            "met": "{actual} ≥ {target}，达到目标",
            "short": "{actual} 未达到 {target}，得分 = {actual_value} / {target_value} × {weight}",
            "short_no_ratio": "{actual} 未达到 {target}",
            "cut": "{actual} {over} {target} 的 {ratio}，目标设定偏低，扣 {points} 分",
            "explained": "{actual} {over} {target} 的 {ratio}，已说明原因，不扣分",
            ">=": "达到", ">": "超过",
        },
    },
    "en": {
        "common": {
            "sep": ", ", "join": "; ", "list": ", ",
            "full": "full marks, {weight} points", "got": "{score} points", "zero": "0 points",
            "problem": "cannot be scored: {reason}; {fallback}",
            "fallback": "scored {score} as the rubric says", "fallback0": "scored 0",
            "floored": "floored at 0", "capped": "capped at the weight",
            "deduct": "{points} points off", "pp": "{x} percentage points", "yes": "yes",
            "no": "no", "and": "and", "or": "or", "not": "not ",
            "condition_met": "{condition} holds", "condition_unmet": "{condition} does not hold",
        },
        "compare_met": {"<=": "not above {bound}", "<": "below {bound}", ">=": "reaches {bound}",
                        ">": "above {bound}", "=": "equal to {bound}",
                        "!=": "not equal to {bound}"},
        "compare_unmet": {"<=": "above {bound}", "<": "not below {bound}",
                          ">=": "does not reach {bound}", ">": "not above {bound}",
                          "=": "not equal to {bound}", "!=": "equal to {bound}"},
        "full_if": {"met": "{condition}", "unmet": "{condition}"},
        "proportional": {"scored": "score = {rate} × {weight} = {raw}",
                         "capped": "score = {rate} × {weight} = {raw}, capped at the weight",
                         "negative": "score = {rate} × {weight} = {raw}"},
        "formula": {"scored": "score = {expression} = {raw}",
                    "capped": "score = {expression} = {raw}, capped at the weight",
                    "negative": "score = {expression} = {raw}"},
        "bands": {"band": "in band “{band}”", "no_band": "in no band"},
        "stepwise": {
            "within": "not above {threshold}", "within_below": "not below {threshold}",
            "under_step": "above {threshold} by {gap}, less than one step ({step}): nothing off",
            "under_step_below": "below {threshold} by {gap}, less than one step ({step}): nothing off",
            "deducted": "above {threshold} by {gap}, {per_step} points off per {step}{counted}, "
                        "{deduction} points off",
            "deducted_below": "below {threshold} by {gap}, {per_step} points off per {step}"
                              "{counted}, {deduction} points off",
            "floored": "above {threshold} by {gap}, {per_step} points off per {step}{counted}, "
                       "{deduction} points off, floored at 0",
            "floored_below": "below {threshold} by {gap}, {per_step} points off per {step}"
                             "{counted}, {deduction} points off, floored at 0",
            "counted_floor": ", partial steps not counted: {steps} step(s)",
            "counted_ceil": ", a partial step counts as a step: {steps} step(s)",
            "counted_exact": "",
        },
        "findings": {"none": "no findings",
                     "deducted": "{count} finding(s), {per_finding} points off each, "
                                 "{deduction} points off",
                     "floored": "{count} finding(s), {per_finding} points off each, "
                                "{deduction} points off, floored at 0"},
        "deductions": {"none": "no deductions apply", "row": "{reason}, {points} points off",
                       "deducted": "{rows}", "floored": "{rows}; floored at 0"},
        "levels": {"level": "level “{level}”{share}", "share": ", scored at {share}"},
        "judged": {"judged": "level “{level}” (allows {low}–{high} points), judged {entered} "
                             "points"},
        "checklist": {"items": "{met}{unmet}", "met": "met: {items}", "unmet": "not met: {items}",
                      "item": "{label} ({points} points)"},
        "target": {
            "met": "{actual} {op} {target}: target met",
            "short": "{actual} misses {target}, score = {actual_value} / {target_value} × {weight}",
            "short_no_ratio": "{actual} misses {target}",
            "over": "{actual} exceeds {target}, score = {target_value} / {actual_value} × {weight}",
            "over_no_ratio": "{actual} exceeds {target}",
            "off": "{actual} is off {target} by {difference}, score = (1 − {difference_value} / "
                   "{target_value}) × {weight}",
            "off_zero": "{actual} is not 0: target missed",
        },
        "decay": {
            "met": "{actual} is within {target}: target met",
            "decayed": "{actual} exceeds {target}, decaying linearly to 0 at {factor} times it, "
                       "score = {formula}",
            "zero": "{actual} is {factor} times {target} or more",
            "zero_target": "{actual} exceeds {target}",
        },
        "equal": {
            "exact": "{actual} equals {target}: target met",
            "within": "{actual} is {difference} off {target}, within the tolerance {tolerance}",
            "over": "{actual} exceeds {target}, which costs nothing",
            "off": "{actual} is off {target} by {difference}{past}, score = (1 − {beyond_value} / "
                   "{target_value}) × {weight}",
            "off_zero": "{actual} is off {target} by {difference}{past}, and the target is 0",
            "past": ", {beyond} past the tolerance",
        },
        "negative_target": {
            "met": "{actual} {op} {target}: target met",
            "partial": "{actual} misses {target}, score = {actual_value} / {target_value} × {weight}",
            "none": "{actual} is not below 0: {target} missed",
            "fell": "{actual} is below {target}, score = {target_value} / {actual_value} × {weight}",
        },
        "overshoot": {
            "met": "{actual} ≥ {target}: target met",
            "short": "{actual} misses {target}, score = {actual_value} / {target_value} × {weight}",
            "short_no_ratio": "{actual} misses {target}",
            "cut": "{actual} {over} {ratio} of {target}: the target was set too low, "
                   "{points} points off",
            "explained": "{actual} {over} {ratio} of {target}, explained: nothing off",
            ">=": "reaches", ">": "exceeds",
        },
    },
}


# Each kind as a rule, before any unit's figures: its name and what it does, with its operands
# as the rubric wrote them — what an editor shows on an indicator (`perfdsl lsp` hover).
# `rule` is the sentence; a kind whose sentence depends on how the rule is written (a direction,
# an operator, a mode) has a row per way, chosen by its writer in `RULE_WRITERS`.
RULES: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "full_if": {"name": "满分条件", "rule": "{condition} 时得满分，否则不得分"},
        "proportional": {"name": "按比例", "rule": "得分 = {rate} × 分值"},
        "formula": {"name": "公式", "rule": "得分 = {expression}"},
        "bands": {"name": "分档", "rule": "按 {subject} 所在的档得分（取第一个符合的档）"},
        "stepwise": {"name": "逐档扣分",
                     "rule": "{subject} 高于 {threshold} 时，每 {step} 扣 {points} 分，{mode}，扣完为止",
                     "below": "{subject} 低于 {threshold} 时，每 {step} 扣 {points} 分，{mode}，扣完为止",
                     "floor": "不足一档不扣", "ceil": "不足一档按一档", "exact": "按实际"},
        "findings": {"name": "按处扣分", "rule": "按 {count} 每处扣 {points} 分，扣完为止"},
        "deductions": {"name": "扣分项", "rule": "满分减去每个成立的扣分项，扣完为止"},
        "levels": {"name": "按等次", "rule": "按 {subject} 的等次，得分值的相应比例"},
        "judged": {"name": "人工评分", "rule": "人工评分 {score}，须在等次 {level} 对应的区间内"},
        "checklist": {"name": "逐项计分", "rule": "每项成立得相应分数"},
        "target": {"name": "对标",
                   "rule": "{actual} ≥ {target} 时得满分，否则得分 = {actual} / {target} × 分值",
                   "<=": "{actual} ≤ {target} 时得满分，否则得分 = {target} / {actual} × 分值",
                   "=": "{actual} = {target} 时得满分，否则得分 = （1 − |{actual} − {target}| / "
                        "|{target}|）× 分值"},
        "decay": {"name": "线性递减",
                  "rule": "{actual} ≤ {target} 时得满分，超过后线性递减，达到 {target} 的 {factor} "
                          "倍时为 0"},
        "equal": {"name": "对标（容差）",
                  "rule": "{actual} 与 {target} 相差不超过 {tolerance} 时得满分{over_ok}，否则得分 = "
                          "（1 − 超出容差的偏差 / |{target}|）× 分值",
                  "over_ok": "，超过 {target} 不扣分"},
        "negative_target": {"name": "对标（负目标）",
                            "rule": "{actual} ≤ {target} 时得满分；{actual} 低于 0 时得分 = "
                                    "{actual} / {target} × 分值，否则不得分",
                            ">=": "{actual} ≥ {target} 时得满分，否则得分 = {target} / {actual} × 分值"},
        "overshoot": {"name": "对标（超额扣分）",
                      "rule": "{actual} ≥ {target} 时得满分，否则得分 = {actual} / {target} × 分值；"
                              "{actual} {over} {target} 的 {ratio} 时扣 {points} 分{unless}",
                      ">=": "达到", ">": "超过", "unless": "，除非 {unless}"},
    },
    "en": {
        "full_if": {"name": "full_if", "rule": "full marks when {condition}, else 0"},
        "proportional": {"name": "proportional", "rule": "score = {rate} × the weight"},
        "formula": {"name": "formula", "rule": "score = {expression}"},
        "bands": {"name": "bands", "rule": "the points of the band {subject} falls in (the first "
                                           "that matches)"},
        "stepwise": {"name": "stepwise",
                     "rule": "{points} points off for every {step} that {subject} is above "
                             "{threshold}; {mode}; floored at 0",
                     "below": "{points} points off for every {step} that {subject} is below "
                              "{threshold}; {mode}; floored at 0",
                     "floor": "a part step deducts nothing",
                     "ceil": "a part step counts as a whole one",
                     "exact": "a part step deducts its share"},
        "findings": {"name": "findings",
                     "rule": "{points} points off for each of {count} findings; floored at 0"},
        "deductions": {"name": "deductions",
                       "rule": "the weight, less each deduction that applies; floored at 0"},
        "levels": {"name": "levels", "rule": "the share of the weight the level of {subject} gives"},
        "judged": {"name": "judged",
                   "rule": "{score}, judged, within the range of level {level}"},
        "checklist": {"name": "checklist", "rule": "the points of each item that holds"},
        "target": {"name": "target",
                   "rule": "full marks when {actual} ≥ {target}, else {actual} / {target} × the "
                           "weight",
                   "<=": "full marks when {actual} ≤ {target}, else {target} / {actual} × the "
                         "weight",
                   "=": "full marks when {actual} = {target}, else (1 − |{actual} − {target}| / "
                        "|{target}|) × the weight"},
        "decay": {"name": "decay",
                  "rule": "full marks when {actual} ≤ {target}, then down in a straight line to 0 "
                          "at {factor} times {target}"},
        "equal": {"name": "target with a tolerance",
                  "rule": "full marks when {actual} is within {tolerance} of {target}{over_ok}, "
                          "else (1 − the difference past the tolerance / |{target}|) × the weight",
                  "over_ok": " or above it"},
        "negative_target": {"name": "negative target",
                            "rule": "full marks when {actual} ≤ {target}; while {actual} is below "
                                    "0, {actual} / {target} × the weight, else 0",
                            ">=": "full marks when {actual} ≥ {target}, else {target} / {actual} "
                                  "× the weight"},
        "overshoot": {"name": "target with an overshoot",
                      "rule": "full marks when {actual} ≥ {target}, else {actual} / {target} × the "
                              "weight; {points} points off when {actual} {over} {ratio} of "
                              "{target}{unless}",
                      ">=": "reaches", ">": "exceeds", "unless": ", unless {unless}"},
    },
}


# How a trace (`perfdsl trace`) names the steps of a rule's lowering, the raw score, the clamp
# and the rounding. A kind's named steps (its outcome's fields) each need a word here.
STEPS: dict[str, dict] = {
    "zh": {
        "raw": "规则得分", "clamped": "限定在 [0, {weight}] 之间",
        "rounded": "得分（保留两位小数，四舍五入）", "problem": "无法计分",
        "row": "第 {n} 档（首个符合的档）", "applies": "扣分项", "met": "是否达到",
        "yes": {"applies": "适用", "met": "满足", "over": "是", "explained": "是"},
        "no": {"applies": "不适用", "met": "不满足", "over": "否", "explained": "否"},
        "subject": "评分对象", "threshold": "阈值", "gap": "与阈值的差距", "steps": "档数",
        "deduction": "扣分", "rate": "比率", "count": "问题处数", "level": "等次",
        "share": "等次对应比例", "entered": "评分", "actual": "实际值", "target": "目标值",
        "difference": "偏差", "magnitude": "目标值的绝对值", "beyond": "超出容差的偏差",
        "over": "超额", "explained": "已说明原因",
    },
    "en": {
        "raw": "raw score", "clamped": "clamped to [0, {weight}]",
        "rounded": "score (rounded to 0.01, half up)", "problem": "problem",
        "row": "row {n}, first match", "applies": "deduction", "met": "met",
        "yes": {"applies": "applies", "met": "met", "over": "yes", "explained": "yes"},
        "no": {"applies": "does not apply", "met": "not met", "over": "no", "explained": "no"},
        "subject": "subject", "threshold": "threshold", "gap": "gap past the threshold",
        "steps": "steps", "deduction": "deduction", "rate": "rate", "count": "findings",
        "level": "level", "share": "share of the weight", "entered": "judged score",
        "actual": "actual", "target": "target", "difference": "difference",
        "magnitude": "size of the target", "beyond": "difference past the tolerance",
        "over": "overshoot", "explained": "explained",
    },
}


# --- Writers: the facts each kind's words need, from its outcome -----------------------------

def _points(value) -> str:
    from perfdsl.outputs.sentences import points

    return points(value)


def _full_if(w, words, o) -> str:
    condition = w.rule.condition
    if isinstance(condition, m.Binary) and condition.op in w.words["compare_met"] \
            and isinstance(condition.left, m.ValueRef) and condition.left.name == w.ind.name:
        table = w.words["compare_met" if o.met else "compare_unmet"]
        return w.then(table[condition.op].format(bound=w.expr(condition.right)))
    key = "condition_met" if o.met else "condition_unmet"
    return w.then(words[o.case].format(condition=w.common[key].format(
        condition=w.expr(condition))))

def _proportional(w, words, o) -> str:
    # The rate is a factor of `× weight`: a sum or a difference needs its parentheses.
    return w.then(words[o.case].format(rate=w.quantity(w.rule.rate, 6),
                                          weight=_points(w.ind.weight), raw=_points(o.raw)))

def _formula(w, words, o) -> str:
    return w.then(words[o.case].format(expression=w.expr(w.rule.expr),
                                          raw=_points(o.raw)))

def _bands(w, words, o) -> str:
    if o.row is None:
        return w.then(words["no_band"])
    return w.then(words["band"].format(band=band_text(w, w.rule.bands[o.row],
                                                              w.rule.subject.type)))

def band_text(w, band: m.Band, type_: Type) -> str:
    def show(x: Decimal) -> str:
        return fmt.plain(x * 100) + "%" if type_.display == "percent" else fmt.plain(x)

    if band.low is None and band.high is None:
        return "其他" if w.lang == "zh" else "otherwise"
    if band.low is not None and band.high is not None:
        if band.low == band.high:
            return f"= {show(band.low)}"
        return (f"{'[' if band.low_closed else '('}{show(band.low)}, {show(band.high)}"
                f"{']' if band.high_closed else ')'}")
    if band.low is not None:
        return f"{'≥' if band.low_closed else '>'} {show(band.low)}"
    return f"{'≤' if band.high_closed else '<'} {show(band.high)}"  # type: ignore[arg-type]

def _stepwise(w, words, o) -> str:
    rule = w.rule
    type_ = rule.subject.type
    key = o.case + ("_below" if rule.direction == "below" else "")
    step = w.gap(rule.step, type_) if type_.display == "percent" \
        else w.show(rule.step, type_)
    counted = words["counted_" + rule.mode].format(steps=fmt.plain(o.steps))
    return w.then(words[key].format(threshold=w.quantity(rule.threshold),
                                       gap=w.gap(o.gap, type_), step=step,
                                       per_step=_points(rule.points), counted=counted,
                                       deduction=_points(o.deduction)))

def _findings(w, words, o) -> str:
    return w.then(words[o.case].format(count=fmt.plain(o.count),
                                          per_finding=_points(w.rule.points),
                                          deduction=_points(o.deduction)))

def _deductions(w, words, o) -> str:
    rows = w.common["join"].join(
        words["row"].format(reason=d.reason, points=_points(d.points))
        for d in w.ind.deductions)
    # rows are listed with `；`, and the last is followed by the score the same way
    return w.then(words[o.case].format(rows=rows),
                     w.common["join"] if o.case == "deducted" else None)

def _levels(w, words, o) -> str:
    share = o.share
    shown = "" if share in (0, 1) else words["share"].format(share=fmt.plain(share * 100) + "%")
    return w.then(words["level"].format(level=o.level, share=shown))

def _judged(w, words, o) -> str:
    from perfdsl.core.lower import judged_range

    level = w.rule.scale.level(o.level)
    low, high = judged_range(level, w.ind.weight) if level else ("?", "?")
    low, high = (_points(low), _points(high)) if level else (low, high)
    # the judged score is the score: no second mention
    return words["judged"].format(level=o.level, low=low, high=high, entered=_points(o.entered))

def _checklist(w, words, o) -> str:
    items = w.rule.items
    met = [words["item"].format(label=i.label, points=_points(i.points))
           for i, ok in zip(items, o.met) if ok]
    unmet = [i.label for i, ok in zip(items, o.met) if not ok]
    join, listed = w.common["join"], w.common["list"]
    parts = []
    if met:
        parts.append(words["met"].format(items=listed.join(met)))
    if unmet:
        parts.append(words["unmet"].format(items=listed.join(unmet)))
    return w.then(join.join(parts), join)

def _target(w, words, o) -> str:
    rule = w.rule
    actual_type, target_type = rule.actual.type, rule.target.type
    actual = rule.actual
    own = w.ind.indicator.value
    if getattr(actual, "name", None) == w.ind.name and own is not None:
        actual = own  # `对标` against the declared target: the 实际完成值 as the rubric names it
    return w.then(words[o.case].format(
        actual=w.expr(actual), target=w.expr(rule.target), op={'>=': '≥', '<=': '≤', '=': '='}[rule.op],
        actual_value=w.bare(o.actual, actual_type),
        target_value=w.bare(o.target, target_type), weight=_points(w.ind.weight),
        difference=w.show(o.difference, actual_type) if o.difference is not None else "",
        difference_value=w.bare(o.difference, actual_type)
        if o.difference is not None else ""))


def _decay(w, words, o) -> str:
    rule = w.rule
    type_ = rule.actual.type
    a, target = w.bare(o.actual, type_), w.bare(o.target, rule.target.type)
    factor = fmt.plain(rule.factor)
    times = fmt.plain(rule.factor - 1)
    divisor = target if rule.factor == 2 else f"({times} × {target})"
    formula = f"(1 − ({a} − {target}) / {divisor}) × {_points(w.ind.weight)}"
    return w.then(words[o.case].format(actual=w.expr(rule.actual), target=w.expr(rule.target),
                                       factor=factor, formula=formula))

def _equal(w, words, o) -> str:
    rule = w.rule
    type_ = rule.actual.type
    past = words["past"].format(beyond=w.show(o.beyond, type_)) if rule.tolerance else ""
    return w.then(words[o.case].format(
        actual=w.expr(rule.actual), target=w.expr(rule.target),
        difference=w.show(o.difference, type_), tolerance=w.show(rule.tolerance, type_),
        past=past, beyond_value=w.bare(o.beyond, type_),
        target_value=w.bare(abs(o.target), rule.target.type), weight=_points(w.ind.weight)))

def _negative_target(w, words, o) -> str:
    rule = w.rule
    return w.then(words[o.case].format(
        actual=w.expr(rule.actual), target=w.expr(rule.target), op={'>=': '≥', '<=': '≤'}[rule.op],
        actual_value=w.bare(o.actual, rule.actual.type),
        target_value=w.bare(o.target, rule.target.type), weight=_points(w.ind.weight)))

def _overshoot(w, words, o) -> str:
    rule = w.rule
    return w.then(words[o.case].format(
        actual=w.expr(rule.actual), target=w.expr(rule.target), over=words[rule.op],
        ratio=fmt.plain(rule.ratio * 100) + "%", points=_points(rule.points),
        actual_value=w.bare(o.actual, rule.actual.type),
        target_value=w.bare(o.target, rule.target.type), weight=_points(w.ind.weight)))


WRITERS: dict[str, Callable[[Any, dict, Any], str]] = {
    "full_if": _full_if,
    "proportional": _proportional,
    "formula": _formula,
    "bands": _bands,
    "stepwise": _stepwise,
    "findings": _findings,
    "deductions": _deductions,
    "levels": _levels,
    "judged": _judged,
    "checklist": _checklist,
    "target": _target,
    "decay": _decay,
    "equal": _equal,
    "negative_target": _negative_target,
    "overshoot": _overshoot,
}


# --- The rule itself, before any figures: `RULES` filled from the model's rule ------------------

def _written(expr) -> str:
    """An operand as the rubric wrote it, on one line."""
    span = getattr(expr, "span", None)
    return " ".join(span.text.split()) if span is not None else ""


def _amount(value: Decimal, like) -> str:
    """A constant of the rule (a step, a tolerance) as a figure of the operand it goes with."""
    type_ = getattr(like, "type", None)
    if type_ is not None and type_.display == "percent":
        return fmt.plain(value * 100) + "%"
    return fmt.plain(value)


def _rule_stepwise(rule, words) -> str:
    return words["below" if rule.direction == "below" else "rule"].format(
        subject=_written(rule.subject), threshold=_written(rule.threshold),
        step=_amount(rule.step, rule.subject), points=fmt.plain(rule.points),
        mode=words[rule.mode])


RULE_WRITERS: dict[str, Callable[[Any, dict], str]] = {
    "full_if": lambda r, w: w["rule"].format(condition=_written(r.condition)),
    "proportional": lambda r, w: w["rule"].format(rate=_written(r.rate)),
    "formula": lambda r, w: w["rule"].format(expression=_written(r.expr)),
    "bands": lambda r, w: w["rule"].format(subject=_written(r.subject)),
    "stepwise": _rule_stepwise,
    "findings": lambda r, w: w["rule"].format(count=_written(r.count),
                                              points=fmt.plain(r.points)),
    "deductions": lambda r, w: w["rule"],
    "levels": lambda r, w: w["rule"].format(subject=_written(r.subject)),
    "judged": lambda r, w: w["rule"].format(score=_written(r.score), level=_written(r.level)),
    "checklist": lambda r, w: w["rule"],
    "target": lambda r, w: w[r.op if r.op in ("<=", "=") else "rule"].format(
        actual=_written(r.actual), target=_written(r.target)),
    "decay": lambda r, w: w["rule"].format(actual=_written(r.actual), target=_written(r.target),
                                           factor=fmt.plain(r.factor)),
    "equal": lambda r, w: w["rule"].format(
        actual=_written(r.actual), target=_written(r.target),
        tolerance=_amount(r.tolerance, r.actual),
        over_ok=w["over_ok"].format(target=_written(r.target)) if r.over_ok else ""),
    "negative_target": lambda r, w: w[">=" if r.op == ">=" else "rule"].format(
        actual=_written(r.actual), target=_written(r.target)),
    "overshoot": lambda r, w: w["rule"].format(
        actual=_written(r.actual), target=_written(r.target), over=w[r.op],
        ratio=fmt.plain(r.ratio * 100) + "%", points=fmt.plain(r.points),
        unless=w["unless"].format(unless=_written(r.unless)) if r.unless is not None else ""),
}


def rule_words(rule, lang: str = "zh") -> tuple[str, str]:
    """A checked rule's kind, named in `lang`, and what it does, with its operands as written."""
    from perfdsl.core.kinds import KIND_OF

    kind = KIND_OF[type(rule)]
    words = RULES["zh" if lang == "zh" else "en"][kind]
    return words["name"], RULE_WRITERS[kind](rule, words)
