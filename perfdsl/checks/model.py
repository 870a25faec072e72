"""The checked model: a rubric whose names are resolved, types known and weights settled.

Produced by `perfdsl.checks.resolve` and vouched for by `perfdsl.checks.weights`; consumed by `perfdsl.core.graph`.
Constants (weights, band edges, points) are `Decimal`s here; what depends on a unit's figures
stays an expression. Every node keeps the span it was written at.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfdsl.language.source import Source, Span
from perfdsl.checks import units
from perfdsl.checks.units import Type
from perfdsl.formatting import plain

frozen = attrs.frozen(kw_only=True, eq=False)  # nodes compare by identity: cheaper to build and to hash


# --- Expressions ------------------------------------------------------------------------------

@frozen
class Const:
    value: Decimal | bool
    type: Type
    span: Span


@frozen
class InputRef:
    name: str
    type: Type
    span: Span


@frozen
class ValueRef:
    """A derived value (`let`)."""

    name: str
    type: Type
    span: Span


@frozen
class LevelConst:
    level: str
    type: Type
    span: Span


@frozen
class Unary:
    op: str  # -, not
    operand: Expr
    type: Type
    span: Span


@frozen
class Binary:
    op: str  # + - * / < > <= >= = != and or
    left: Expr
    right: Expr
    type: Type
    span: Span


@frozen
class Cond:
    condition: Expr
    then: Expr
    otherwise: Expr
    type: Type
    span: Span


@frozen
class Call:
    function: str  # min, max, round, abs
    args: tuple[Expr, ...]
    type: Type
    span: Span


@frozen
class Fact:
    """What a unit's data says beside its figures, for checks only: `已填(X)` (the data gives
    the input X itself, not its default) or `已说明(X)` (it gives the indicator X's
    偏差原因分析及改进措施)."""

    kind: str  # given, explained
    name: str
    type: Type
    span: Span


Expr = Const | InputRef | ValueRef | LevelConst | Unary | Binary | Cond | Call | Fact


# --- Declarations -----------------------------------------------------------------------------

@frozen
class Bound:
    op: str  # < > <= >=
    value: Decimal


@frozen
class InputDecl:
    name: str
    type: Type
    label: str | None
    default: Decimal | bool | str | None
    bounds: tuple[Bound, ...]
    description: str | None
    span: Span


@frozen
class Derived:
    name: str
    expr: Expr
    label: str | None
    span: Span


@frozen
class Level:
    name: str
    fraction: Decimal | None  # `好 = 100%`
    low: Decimal | None  # `达成 = 80% to 100%`: the share of the weight a judged score may take
    high: Decimal | None
    span: Span
    low_closed: bool = True
    high_closed: bool = True

    def admits(self, share: Decimal) -> bool:
        """Whether a judged score of `share` of the weight is within this level's range."""
        if self.low is None or self.high is None:
            return False
        above = share >= self.low if self.low_closed else share > self.low
        below = share <= self.high if self.high_closed else share < self.high
        return above and below


@frozen
class Scale:
    name: str
    levels: tuple[Level, ...]
    span: Span

    def level(self, name: str) -> Level | None:
        return next((lv for lv in self.levels if lv.name == name), None)


@frozen
class Grade:
    name: str
    minimum: Decimal | None  # None: every total below the grade above
    inclusive: bool
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
class Band:
    low: Decimal | None  # None: unbounded below
    low_closed: bool
    high: Decimal | None  # None: unbounded above
    high_closed: bool
    points: Decimal  # what a value in this band scores
    span: Span

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_closed)):
            return False
        if self.high is not None and (value > self.high or (value == self.high and not self.high_closed)):
            return False
        return True


@frozen
class Bands:
    subject: Expr
    bands: tuple[Band, ...]  # first match wins
    span: Span


@frozen
class Stepwise:
    subject: Expr
    direction: str  # below, above
    threshold: Expr
    step: Decimal
    points: Decimal
    mode: str  # floor, ceil, exact
    span: Span


@frozen
class Findings:
    count: Expr
    points: Decimal
    span: Span


@frozen
class Deduction:
    condition: Expr
    points: Decimal
    reason: str | None
    span: Span


@frozen
class Deductions:
    deductions: tuple[Deduction, ...]
    span: Span


@frozen
class Levels:
    subject: Expr
    scale: Scale
    span: Span


@frozen
class Judged:
    score: Expr
    level: Expr
    scale: Scale
    span: Span


@frozen
class ChecklistItem:
    condition: Expr
    points: Decimal
    label: str
    span: Span


@frozen
class Checklist:
    items: tuple[ChecklistItem, ...]
    span: Span


@frozen
class Target:
    actual: Expr
    op: str  # >=, <=, =
    target: Expr
    span: Span


@frozen
class Formula:
    expr: Expr
    span: Span


@frozen
class Decay:
    """A reverse indicator: W up to the target, then down in a straight line to 0 at
    `factor` × the target."""

    actual: Expr
    target: Expr
    factor: Decimal  # > 1
    span: Span


@frozen
class EqualTarget:
    """`对标 A = T 容差 D [超出不扣分]`: met within D of T (or anywhere above T when `over_ok`);
    otherwise W × (1 − (|A − T| − D) ÷ |T|), and 0 when T is 0."""

    actual: Expr
    target: Expr
    tolerance: Decimal
    over_ok: bool
    span: Span


@frozen
class NegativeTarget:
    """`对标 A ≤ T` or `≥ T` with a constant T below 0 (a reduction: 变动率 ≤ −30%): a miss
    scores the share of the change achieved."""

    actual: Expr
    op: str  # <=, >=
    target: Expr
    span: Span


@frozen
class OvershootTarget:
    """`对标 A ≥ T 超额 ≥ R 扣 P 分 [除非 C]`: scored as `对标 A ≥ T`, but an actual of R × T or
    more (a target set too low) loses P points unless C holds."""

    actual: Expr
    target: Expr
    op: str  # >=, > : how the actual is compared with ratio × target
    ratio: Decimal  # > 1
    points: Decimal
    unless: Expr | None
    span: Span


Rule = (FullIf | Proportional | Bands | Stepwise | Findings | Deductions | Levels | Judged
        | Checklist | Target | Formula | Decay | EqualTarget | NegativeTarget | OvershootTarget)


@frozen
class Monotone:
    """A declared property: raising `name` (an input, or a value the indicator reads), the other
    figures fixed, never lowers (increasing) or never raises (decreasing) the score."""

    direction: str  # increasing, decreasing
    name: str
    span: Span


# --- Targets and checks --------------------------------------------------------------------------

@frozen
class Goal:
    """An indicator's 年度指标值 and 指标性质: `op` is >=, <= or = for a number (`expr`),
    `qualitative` for words (`text`), whose 实际完成值 is a level of the standard scale."""

    op: str
    expr: Expr | None
    text: str | None
    span: Span

    @property
    def qualitative(self) -> bool:
        return self.op == "qualitative"


@frozen
class Check:
    """A relation among figures that must hold: `expr`, where `condition` holds (if any), with
    a tolerance on its comparison. `indicator` is the path of the indicator it is written in."""

    condition: Expr | None
    expr: Expr
    tolerance: Decimal | None
    label: str | None
    span: Span
    indicator: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        """How the rubric states it, for reports: its label, or its source text."""
        return self.label or " ".join(self.span.text.split()[1:])


# --- The tree ---------------------------------------------------------------------------------

@frozen
class Indicator:
    path: tuple[str, ...]  # names from the top-level group down to this indicator
    weight: Decimal
    reference: Decimal | None
    description: str | None
    standard: str | None
    value: Expr | None
    rule: Rule
    fallback: Decimal | None
    span: Span
    explain: str | None = None  # a Jinja template for the 计算分析情况 column
    explain_span: Span | None = None  # where the template's string literal stands
    monotone: tuple[Monotone, ...] = ()  # declared monotonicity, checked by `perfdsl verify`
    goal: Goal | None = None  # its 年度指标值 and 指标性质
    basis: tuple[str, ...] = ()  # its 政策依据

    @property
    def name(self) -> str:
        return self.path[-1]


@frozen
class Excluded:
    """A child that does not count for this unit: 不适用, or an optional item not chosen. Its
    weight is shared out by the rubric's policy (`Rubric.rescale`) or, in a pool, by the pool."""

    name: str
    weight: Decimal
    span: Span  # where it was declared
    why: str  # not_applicable, not_chosen
    cause: Span | None = None  # the statement that excluded it


@frozen
class Group:
    path: tuple[str, ...]
    weight: Decimal
    reference: Decimal | None
    description: str | None
    children: tuple[Group | Indicator, ...]
    span: Span
    basis: tuple[str, ...] = ()
    excluded: tuple[Excluded, ...] = ()  # children that do not apply (perfdsl.checks.compose)
    pool: bool = False  # `可选`: the children share the weight, rescaled to it
    changed: Span | None = None  # the unit's change to its weight or children, if any (E301)

    @property
    def name(self) -> str:
        return self.path[-1]


@frozen
class Rubric:
    source: Source
    title: str | None
    year: int | None
    total: Decimal
    grades: tuple[Grade, ...]
    scales: tuple[Scale, ...]
    inputs: tuple[InputDecl, ...]
    derived: tuple[Derived, ...]  # in an order where each comes after what it uses
    groups: tuple[Group | Indicator, ...]
    indicators: tuple[Indicator, ...]  # every leaf, in the order written
    checks: tuple[Check, ...] = ()  # consistency checks, in the order written
    basis: tuple[str, ...] = ()  # the rubric's 政策依据
    layout: str = "department"  # the printed form: department (部门整体) or project (项目支出)
    # Set by perfdsl.checks.compose: what does not apply and how its weight is shared out.
    rescale: str = "total"  # total, group: where the weight of what does not apply goes
    excluded: tuple[Excluded, ...] = ()  # top-level nodes that do not apply
    ignored_inputs: frozenset[str] = frozenset()  # a template's figures no longer needed
    changed: Span | None = None  # the unit's change to the top level, if any (E302)

    def input(self, name: str) -> InputDecl | None:
        return next((i for i in self.inputs if i.name == name), None)


# --- Walking the model -------------------------------------------------------------------------

def reads_of(expr: Expr | None):
    """The value nodes (inputs, lets, indicator values) an expression reads, in order."""
    if expr is None:
        return
    if isinstance(expr, (InputRef, ValueRef)):
        yield expr.name
    elif isinstance(expr, Unary):
        yield from reads_of(expr.operand)
    elif isinstance(expr, Binary):
        yield from reads_of(expr.left)
        yield from reads_of(expr.right)
    elif isinstance(expr, Cond):
        yield from reads_of(expr.condition)
        yield from reads_of(expr.then)
        yield from reads_of(expr.otherwise)
    elif isinstance(expr, Call):
        for arg in expr.args:
            yield from reads_of(arg)


def rule_exprs(rule: Rule):
    """Every expression a scoring rule evaluates."""
    for field in attrs.fields(type(rule)):
        value = getattr(rule, field.name)
        if isinstance(value, Expr.__args__):  # type: ignore[attr-defined]
            yield value
        elif isinstance(value, tuple):
            for item in value:
                if hasattr(item, "condition"):
                    yield item.condition


def _rule_reads(rule: Rule):
    for expr in rule_exprs(rule):
        yield from reads_of(expr)


# --- Declared ranges ---------------------------------------------------------------------------

def within(value: Decimal, bound: Bound) -> bool:
    return {"<": value < bound.value, "<=": value <= bound.value, ">": value > bound.value,
            ">=": value >= bound.value, "=": value == bound.value,
            "!=": value != bound.value}[bound.op]


def describe_bounds(bounds, type_: units.Type) -> str:
    ops = {"<=": "≤", ">=": "≥", "!=": "≠"}
    return ", ".join(f"{ops.get(b.op, b.op)} {show_quantity(b.value, type_)}" for b in bounds)


def show_quantity(value: Decimal, type_: units.Type) -> str:
    """A value as a reader of the form writes it: 61.68%, 40.11万元, 8人."""
    if type_.display == "percent":
        return f"{plain(value * 100)}%"
    if type_.unit and type_.unit != units.ANY_UNIT and "/" not in type_.unit:
        return f"{plain(value)}{type_.unit}"
    return plain(value)
