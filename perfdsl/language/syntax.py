"""The syntax tree: what the author wrote, with the span of every node.

Produced by `perfdsl.language.parse`, consumed by `perfdsl.checks.resolve`. Nothing here is checked yet:
names are plain strings, weights are unevaluated expressions, a rule may be misplaced. Every
node is a frozen attrs class carrying `span`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfdsl.language.source import Source, Span

frozen = attrs.frozen(kw_only=True, eq=False)  # nodes compare by identity: cheaper to build and to hash


# --- Expressions ------------------------------------------------------------------------------

@frozen
class Number:
    value: Decimal
    percent: bool
    span: Span


@frozen
class Boolean:
    value: bool
    span: Span


@frozen
class Ref:
    name: str
    span: Span


@frozen
class Negate:
    operand: Expr
    span: Span


@frozen
class Binary:
    op: str  # + - * /
    left: Expr
    right: Expr
    span: Span


@frozen
class Compare:
    op: str  # < > <= >= = !=
    left: Expr
    right: Expr
    span: Span


@frozen
class Logical:
    op: str  # and, or
    left: Expr
    right: Expr
    span: Span


@frozen
class Not:
    operand: Expr
    span: Span


@frozen
class Conditional:
    condition: Expr
    then: Expr
    otherwise: Expr
    span: Span


@frozen
class Call:
    function: str  # min, max, round, abs
    args: tuple[Expr, ...]
    span: Span


Expr = Number | Boolean | Ref | Negate | Binary | Compare | Logical | Not | Conditional | Call


# --- Declarations -----------------------------------------------------------------------------

@frozen
class Name:
    text: str
    span: Span


@frozen
class TypeSpec:
    kind: str  # money, count, percent, ratio, number, bool, level, text
    argument: Name | None  # the unit of money/count, the scale of a level
    span: Span


@frozen
class Bound:
    op: str  # < > <= >= =
    value: Expr
    span: Span


@frozen
class Title:
    text: str
    span: Span


@frozen
class Year:
    value: Decimal  # as written: resolve checks that it is a whole number
    span: Span


@frozen
class Total:
    value: Expr
    span: Span


@frozen
class GradeRow:
    name: Name
    bound: Bound | None
    span: Span


@frozen
class Grades:
    rows: tuple[GradeRow, ...]
    span: Span


@frozen
class ScaleRow:
    name: Name
    low: Expr
    high: Expr | None  # a range `80% to 100%` for judged scores; None for a single fraction
    span: Span
    low_closed: bool = True  # `[60%, 80%)` leaves 80% to the level above
    high_closed: bool = True


@frozen
class Scale:
    name: Name
    rows: tuple[ScaleRow, ...]
    span: Span


@frozen
class Input:
    name: Name
    type: TypeSpec
    label: str | None
    default: Expr | None
    bounds: tuple[Bound, ...]
    description: str | None
    span: Span


@frozen
class Let:
    name: Name
    value: Expr
    label: str | None
    span: Span


@frozen
class Text:
    """A description or scoring standard: prose for the reader of the form."""

    kind: str  # description, standard, explain (a Jinja template; `span` is the string's)
    text: str
    span: Span


@frozen
class Weight:
    kind: str  # weight, reference
    value: Expr
    span: Span


# --- Scoring rules ----------------------------------------------------------------------------

@frozen
class FullIf:
    condition: Expr
    span: Span


@frozen
class Proportional:
    rate: Expr
    span: Span


@frozen
class BandRow:
    kind: str  # compare, interval, else
    op: str | None = None
    low: Expr | None = None
    high: Expr | None = None
    low_closed: bool = True
    high_closed: bool = True
    score: Expr | None = None  # None: full marks
    points: bool = False  # the score is written with `分`/`points`
    span: Span


@frozen
class Bands:
    subject: Expr
    rows: tuple[BandRow, ...]
    span: Span


@frozen
class Stepwise:
    subject: Expr
    direction: str  # below, above
    threshold: Expr
    step: Expr
    points: Expr
    mode: str  # floor, ceil, exact
    span: Span


@frozen
class Findings:
    count: Expr
    points: Expr
    span: Span


@frozen
class DeductionRow:
    condition: Expr
    points: Expr
    reason: str | None
    span: Span


@frozen
class Deductions:
    rows: tuple[DeductionRow, ...]
    span: Span


@frozen
class Levels:
    subject: Expr
    span: Span


@frozen
class Judged:
    score: Expr
    level: Expr
    span: Span


@frozen
class ChecklistItem:
    condition: Expr
    points: Expr
    label: str | None
    span: Span


@frozen
class Checklist:
    items: tuple[ChecklistItem, ...]
    span: Span


@frozen
class Overshoot:
    """`超额 ≥ 130% 扣 1 分 除非 C`: an actual this far past its target (a share of it) loses
    points — a target set too low — unless the condition (an explanation given) holds."""

    op: str  # >=, >
    ratio: Expr
    points: Expr
    unless: Expr | None
    span: Span


@frozen
class Target:
    actual: Expr | None  # None: `对标` alone, against the indicator's 年度指标值
    op: str | None  # >=, <=, =
    target: Expr | None
    span: Span
    tolerance: Expr | None = None  # `容差 D`: for `=`, a difference up to D still meets it
    over_ok: bool = False  # `超出不扣分`: for `=`, going past the target is no miss
    overshoot: Overshoot | None = None  # for `≥`


@frozen
class Decay:
    """`线性递减 A ≤ T 至 K 倍`: full marks up to T, then down in a straight line to 0 at K × T."""

    actual: Expr
    target: Expr
    factor: Expr | None  # K; None: 2
    span: Span


@frozen
class Formula:
    expr: Expr
    span: Span


Rule = (FullIf | Proportional | Bands | Stepwise | Findings | Deductions | Levels | Judged
        | Checklist | Target | Formula | Decay)


@frozen
class ScoreClause:
    rule: Rule
    span: Span


@frozen
class ValueClause:
    expr: Expr
    span: Span


@frozen
class Fallback:
    score: Expr
    span: Span


@frozen
class Monotone:
    """`单调 递增 NAME`: raising NAME, the rest fixed, never lowers the score (`perfdsl verify`)."""

    direction: str  # increasing, decreasing
    name: Name
    span: Span


@frozen
class Goal:
    """`年度指标值 ≥ 320` (the 指标性质 is the operator) or `年度指标值 定性 "及时"`."""

    op: str  # >=, <=, =, qualitative
    value: Expr | None  # None for a qualitative target
    text: str | None  # the qualitative target's words
    span: Span


@frozen
class Check:
    """`检查 A`, `检查 A 则 B` (where A holds, B must), with an optional tolerance and label."""

    condition: Expr | None  # the premise of `A 则 B`; None for a plain check
    expr: Expr  # what must hold
    tolerance: Expr | None
    label: str | None
    span: Span


@frozen
class Basis:
    """`政策依据 "财预〔2020〕10号 附件2"`: the document and clause a rule follows."""

    text: str
    span: Span


@frozen
class Layout:
    """`表样 项目支出`: the form the rubric is printed as."""

    name: Name
    span: Span


@frozen
class Indicator:
    name: Name
    clauses: tuple  # Weight | Text | ValueClause | ScoreClause | Fallback | Monotone
    span: Span


@frozen
class Group:
    name: Name
    clauses: tuple  # Weight | Text
    children: tuple  # Group | Indicator | OrphanBlock
    span: Span


@frozen
class OrphanBlock:
    """A block whose header was lost to a syntax error; kept so its contents are still checked."""

    items: tuple
    span: Span


# --- Building on a template (read by perfdsl.checks.compose, never by resolve) ----------------

@frozen
class Extends:
    """`基于 "模板.rubric"`: this rubric is the file it names, with this file's changes."""

    path: str
    path_span: Span
    span: Span


@frozen
class Override:
    """`修改 NAME 分值 W { clauses… children… }`: change an indicator or group of the template."""

    name: Name
    clauses: tuple  # Weight | Text | ValueClause | ScoreClause | Fallback | Monotone
    children: tuple  # Group | Indicator: added to the group
    span: Span


@frozen
class Remove:
    names: tuple[Name, ...]
    span: Span


@frozen
class NotApplicable:
    """`不适用 NAME…`: the indicators or groups do not apply to this unit; their weight is shared
    out as the rubric's policy says."""

    names: tuple[Name, ...]
    reason: str | None
    span: Span


@frozen
class Rescale:
    """`不适用 按比例折算 总分 / 分组`: how the weight of what does not apply is shared out."""

    scope: str  # total, group
    span: Span


@frozen
class Choose:
    """`选用 NAME…`: the alternative (择一) or the optional items (可选) this unit scores."""

    names: tuple[Name, ...]
    span: Span


@frozen
class OneOf:
    """`择一 { 指标 A …  指标 B … }`: alternatives; the unit scores one of them."""

    children: tuple  # Group | Indicator
    span: Span


@frozen
class Pool:
    """`可选` on a group: its children are optional and share the group's weight."""

    span: Span


@frozen
class Rubric:
    source: Source
    statements: tuple
    span: Span
    lost_names: frozenset[str] = frozenset()  # names in statements the parser had to skip
