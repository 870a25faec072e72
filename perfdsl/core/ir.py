"""The core IR: the small language every rule kind, value formula and derived value lowers to.

A rubric's meaning is written here once. `perfdsl.core.lower` turns the checked model into a
`Program` of these nodes; every backend (the reference interpreter, the generated Python, SQL),
the interval analysis, the explanations, the trace and `perfdsl verify` read the program, never
the surface rules.

Expressions:

    Const       a number (Decimal), yes/no, or text (a level's name)
    Slot        a value slot: an input, a derived value (`令`) or an indicator's value
    Local       a value computed earlier in the same indicator's rule (an outcome field)
    Arith       + − × ÷ — division by zero is a data problem (D005), reported at the division
    Neg         unary minus
    Cmp         < ≤ > ≥ = ≠, exact: no quotient is ever rounded before it is compared
    And Or Not  with short-circuit evaluation: `b > 0 且 a / b > 1` never divides by 0
    If          a conditional; only the branch taken is evaluated
    Min Max     of one or more numbers
    Floor Ceil  of a number, to an integer
    Fail        a data problem raised where it stands (a level outside its scale, a judged score
                outside its level's range)
    Items       a tuple of values, for an outcome that lists things (the deductions that applied)

A score is the *exact* rational result of its rule, clamped to [0, weight] and rounded once, to
0.01 half up: that one rounding is not a node but the end of every indicator (`Indicator.raw`
is the exact value before it). Nodes compare by identity, like the model's; a node used twice
(the `x` of `abs(x)`) is the same object, so a backend may compute it once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from perfdsl.checks.units import Type
from perfdsl.language.source import Span

frozen = attrs.frozen(kw_only=True, eq=False)


# --- Expressions ------------------------------------------------------------------------------

@frozen
class Const:
    value: Decimal | bool | str | int | None
    span: Span | None = None
    type: Type | None = None


@frozen
class Slot:
    index: int
    name: str
    type: Type | None = None
    span: Span | None = None


@frozen
class Local:
    name: str
    span: Span | None = None


@frozen
class Problem:
    """A data problem a node can raise: its code and the facts of its message."""

    code: str
    span: Span | None
    args: tuple[tuple[str, Any], ...] = ()

    def arguments(self) -> dict[str, Any]:
        return dict(self.args)


@frozen
class Arith:
    op: str  # + - * /
    left: Expr
    right: Expr
    span: Span | None = None
    type: Type | None = None
    problem: Problem | None = None  # for `/`: what a zero divisor is (D005 with the divisor)


@frozen
class Neg:
    operand: Expr
    span: Span | None = None
    type: Type | None = None


@frozen
class Cmp:
    op: str  # < > <= >= = !=
    left: Expr
    right: Expr
    span: Span | None = None


@frozen
class And:
    left: Expr
    right: Expr
    span: Span | None = None


@frozen
class Or:
    left: Expr
    right: Expr
    span: Span | None = None


@frozen
class Not:
    operand: Expr
    span: Span | None = None


@frozen
class If:
    condition: Expr
    then: Expr
    otherwise: Expr
    span: Span | None = None
    type: Type | None = None


@frozen
class Min:
    args: tuple[Expr, ...]
    span: Span | None = None
    type: Type | None = None


@frozen
class Max:
    args: tuple[Expr, ...]
    span: Span | None = None
    type: Type | None = None


@frozen
class Floor:
    operand: Expr
    span: Span | None = None


@frozen
class Ceil:
    operand: Expr
    span: Span | None = None


@frozen
class Fail:
    problem: Problem
    span: Span | None = None
    facts: tuple[tuple[str, Expr], ...] = ()  # values its message states (the judged score)


@frozen
class Items:
    items: tuple[Expr, ...]
    span: Span | None = None


Expr = (Const | Slot | Local | Arith | Neg | Cmp | And | Or | Not | If | Min | Max | Floor | Ceil
        | Fail | Items)
NODES = Expr.__args__  # type: ignore[attr-defined]


def children(node: Expr) -> tuple[Expr, ...]:
    """The operands of a node, in evaluation order."""
    if isinstance(node, (Arith, Cmp, And, Or)):
        return (node.left, node.right)
    if isinstance(node, (Neg, Not, Floor, Ceil)):
        return (node.operand,)
    if isinstance(node, If):
        return (node.condition, node.then, node.otherwise)
    if isinstance(node, (Min, Max)):
        return node.args
    if isinstance(node, Items):
        return node.items
    if isinstance(node, Fail):
        return tuple(expr for _, expr in node.facts)
    return ()


def walk(node: Expr):
    """Every node under `node`, itself first (iteratively: expressions may be deep)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def slots_read(node: Expr) -> list[int]:
    """The value slots an expression reads, each once, in order."""
    return list(dict.fromkeys(n.index for n in walk(node) if isinstance(n, Slot)))


def locals_read(node: Expr) -> list[str]:
    return list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Local)))


# --- Programs ---------------------------------------------------------------------------------

@frozen
class Input:
    """An input slot: filled from the unit's figures."""

    slot: int
    name: str
    type: Type
    span: Span
    bounds: tuple[Any, ...] = ()  # the declared range (`model.Bound`s): figures outside it are bad
    levels: frozenset[str] | None = None  # for a level: the scale's levels
    default: Any = None  # the value taken when the figures do not give it (None: it is D002)


@frozen
class Value:
    """A computed slot: a derived value (`令`) or an indicator's value (`值`)."""

    slot: int
    name: str
    kind: str  # let, indicator
    expr: Expr
    type: Type
    span: Span


@frozen
class Indicator:
    """One indicator's rule, lowered: named steps (`locals`, each may read those before it), the
    raw score they give, and what the outcome record of its kind is made of."""

    index: int
    kind: str  # the rule kind: bands, stepwise, … (perfdsl.core.kinds)
    locals: tuple[tuple[str, Expr], ...]
    raw: Expr  # the exact score before the clamp to [0, weight] and the one rounding
    weight: Decimal
    fallback: Decimal | None  # the score when a figure it needs is bad, already within [0, w]
    value_slot: int | None
    span: Span  # the indicator
    rule_span: Span  # its `评分` clause
    reads: tuple[int, ...]  # every slot it depends on, directly or through values
    inputs: tuple[int, ...]  # the input slots among them


@frozen
class Grade:
    name: str
    minimum: Decimal | None
    inclusive: bool


@frozen
class Group:
    """A group's subtotal: the sum of its parts — its indicators' scores and its subgroups'
    subtotals — or, when some of what it holds does not apply (不适用, optional items not
    chosen) and the rubric shares their weight out within the group, that sum × `scale`
    (weight ÷ what the parts can reach at most), rounded once, half up to 0.01."""

    path: tuple[str, ...]
    weight: Decimal  # the most the subtotal can be: the written weight, less what does not apply
    reference: Decimal | None  # unless the group is rescaled to its weight
    indicators: tuple[int, ...]  # indicator indices under it, at any depth
    depth: int
    parts: tuple[tuple[str, int], ...] = ()  # ("indicator", index) / ("group", number), in order
    scale: tuple[Decimal, Decimal] | None = None  # (numerator, denominator); None: the plain sum


@frozen
class Goal:
    """An indicator's declared 年度指标值: `expr` over slots for a number, `text` for words."""

    index: int  # the indicator's
    op: str  # >=, <=, =, qualitative
    expr: Expr | None
    text: str | None
    span: Span


@frozen
class Fact:
    """A slot numbered after the program's own (`slot_count` on), read only by checks: what
    the unit's data says beside its figures — `given` (the input `name` is in the data, not
    defaulted) or `explained` (the indicator `name` has its 偏差原因分析及改进措施)."""

    slot: int
    kind: str  # given, explained
    name: str


@frozen
class Check:
    """A consistency check, lowered: `expr` is true when it holds (`若 A 则 B` is `非 A 或 B`;
    a tolerance t turns `a = b` into `max(a − b, b − a) ≤ t`). No backend runs checks: the
    reference interpreter evaluates them at audit time, and `perfdsl.core.bounds` proves or
    refutes them from the inputs' ranges where it can. `left`/`right` are the sides of its
    comparison (for reports), `indicator` the index of the indicator it is written in."""

    index: int
    expr: Expr
    condition: Expr | None
    op: str | None
    left: Expr | None
    right: Expr | None
    tolerance: Decimal | None
    label: str | None
    span: Span
    indicator: int | None
    reads: tuple[int, ...]  # every slot it reads, facts included


@frozen
class Program:
    """A rubric lowered to the core IR: what every backend runs."""

    inputs: tuple[Input, ...]
    values: tuple[Value, ...]  # in an order where each follows what it reads
    indicators: tuple[Indicator, ...]
    groups: tuple[Group, ...]  # pre-order: a group before its subgroups
    grades: tuple[Grade, ...]
    total: Decimal
    slot_count: int
    # Read by audits and reports, never by a backend: consistency checks, the facts only
    # checks read (slots `slot_count` on), and the indicators' declared goals.
    checks: tuple[Check, ...] = ()
    facts: tuple[Fact, ...] = ()
    goals: tuple[Goal, ...] = ()
    # The total: the sum of the top-level parts, or — when what does not apply leaves them
    # short of the total — that sum × total ÷ what they can reach, rounded once to 0.01.
    top: tuple[tuple[str, int], ...] = ()  # ("indicator", index) / ("group", number)
    total_scale: tuple[Decimal, Decimal] | None = None

    def slot_names(self) -> dict[str, int]:
        out = {i.name: i.slot for i in self.inputs}
        out.update((v.name, v.slot) for v in self.values)
        return out
