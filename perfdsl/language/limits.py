"""The limits of the language: how long a number, how deep a nesting a rubric may have.

Every pass after parsing walks trees by recursion, the natural way to write it; Python gives
recursion about a thousand frames. These limits, checked before any recursive pass runs, are
what make that safe — and what keeps compile time in proportion to the text however it nests.
Each is generous for any real rubric (three or four levels of indicators, formulas of a dozen
operations) and has its own diagnostic, so a user who reaches one learns which and why.

What a later pass may rely on, once the limits have passed without an error:
- the rubric has at most `MAX_TOKENS` tokens (parse stops at the first past it, E015);
- the syntax tree and the model nest groups and indicators at most `MAX_BLOCK_DEPTH` deep;
- every expression, as written, is at most `MAX_EXPRESSION_DEPTH` nodes deep (parentheses do
  not count; every operator, call, negation, literal and name does);
- every expression of the model — a value, or an expression a scoring rule evaluates — with
  each value it reads (a `令` or an indicator's value) written out in its place, is at most
  `MAX_VALUE_DEPTH` nodes deep: a pass that follows value references by recursion goes no
  deeper than that;
- every numeric literal has at most `MAX_INTEGER_DIGITS` digits before the decimal point and
  `MAX_FRACTION_DIGITS` after, and every constant that resolve folds (a weight, a band edge,
  points) is below 10^MAX_INTEGER_DIGITS in size: 25 significant digits, inside the 28 of the
  decimal context, so weights and edges are held exactly and their sums and comparisons never
  trap.

This module checks the nesting of a syntax tree (`check`); parse counts tokens; resolve checks
the digits of literals and folded constants and the depth through values (`literal_fits`,
`constant_fits`, `MAX_VALUE_DEPTH`), since only it knows which names are values.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.source import Span

# 15 digits hold any amount of money a budget unit reports, even in 元 (10^15 元 is a thousand
# trillion, several times China's yearly GDP); 10 decimals hold any rate or fraction far finer
# than the 0.01 of a score. Both together fit the evaluator's 28-digit context with three
# digits to spare.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 10

# A real formula nests a dozen levels; a sum of a hundred terms is deeper than any form has.
MAX_EXPRESSION_DEPTH = 100
# 一级/二级/三级 indicators, sometimes a fourth level: twenty is far beyond any framework.
MAX_BLOCK_DEPTH = 20
# Values built on values: twice the depth of one expression.
MAX_VALUE_DEPTH = 200
# Syntax errors reported before parsing stops (E005); it also stops when error recovery has
# parsed three times the text plus 100,000 characters (see perfdsl.language.parse).
MAX_SYNTAX_ERRORS = 50
# Tokens (names, numbers, keywords, symbols) in a rubric: the seed has 1,200, a rubric of 5,000
# indicators 160,000. Parsing costs about 10–25 µs a token, so this keeps any file to seconds.
MAX_TOKENS = 300_000

_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS


def literal_fits(value: Decimal, percent: bool = False) -> bool:
    """Whether a number as written (`value`, or `value` as a percentage when `percent`) has at
    most MAX_INTEGER_DIGITS digits before the point and MAX_FRACTION_DIGITS after."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: the grammar never writes one
        return False
    if percent:
        exponent += 2  # 12.5% is written 12.5
    while len(digits) > 1 and digits[-1] == 0:  # 1.500 has one decimal
        digits, exponent = digits[:-1], exponent + 1
    if digits == (0,):
        return True
    integer_digits = len(digits) + exponent
    return integer_digits <= MAX_INTEGER_DIGITS and -exponent <= MAX_FRACTION_DIGITS


def constant_fits(value: Decimal) -> bool:
    """Whether a folded constant is below 10^MAX_INTEGER_DIGITS in size."""
    return value.is_finite() and abs(value) < _LIMIT


@attrs.frozen
class Breach:
    """A limit the tree breaks: its diagnostic, and the text to leave out to go on parsing."""

    diagnostic: Diagnostic
    cut: Span  # a whole statement, clause or block: its braces balance


_EXPRESSIONS = (s.Number, s.Boolean, s.Ref, s.Negate, s.Binary, s.Compare, s.Logical, s.Not,
                s.Conditional, s.Call)
_BLOCKS = (s.Group, s.Indicator, s.OrphanBlock)


def check(tree: s.Rubric) -> list[Breach]:
    """Every expression nested deeper than MAX_EXPRESSION_DEPTH and every block nested deeper
    than MAX_BLOCK_DEPTH, found without recursion, outermost first."""
    expressions: dict[int, list] = {}  # id(root) → [root, clause, deepest]
    blocks: dict[int, list] = {}  # id(first block past the limit) → [block, deepest]
    # (node, enclosing clause, expression root, expression depth, block depth, block past limit)
    stack: list[tuple] = [(child, child, None, 0, 0, None) for child in tree.statements]
    while stack:
        node, clause, root, depth, block_depth, too_deep = stack.pop()
        if isinstance(node, _EXPRESSIONS):
            root, depth = (node, 1) if root is None else (root, depth + 1)
            if depth > MAX_EXPRESSION_DEPTH and too_deep is None:
                found = expressions.setdefault(id(root), [root, clause, depth])
                found[2] = max(found[2], depth)
        elif isinstance(node, _BLOCKS):
            block_depth += 1
            clause = None
            if too_deep is None and block_depth > MAX_BLOCK_DEPTH:
                too_deep = blocks.setdefault(id(node), [node, block_depth])
            if too_deep is not None:
                too_deep[1] = max(too_deep[1], block_depth)
        elif clause is None:
            clause = node  # a clause directly inside a block
        for child in _children(node):
            stack.append((child, clause, root, depth, block_depth, too_deep))
    breaches = []
    for block, deepest in blocks.values():
        header = block.name.span if not isinstance(block, s.OrphanBlock) else block.span
        breaches.append(Breach(Diagnostic("E012", Span(header.source, header.start, header.end), {
            "depth": deepest, "limit": MAX_BLOCK_DEPTH}), block.span))
    for root, clause, deepest in expressions.values():
        breaches.append(Breach(Diagnostic("E011", root.span, {
            "depth": deepest, "limit": MAX_EXPRESSION_DEPTH}), clause.span))
    breaches.sort(key=lambda b: b.cut.start)
    return breaches


def _children(node) -> list:
    """The syntax nodes directly under `node`, in any order."""
    out = []
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        if isinstance(value, tuple):
            out.extend(v for v in value if attrs.has(type(v)))
        elif attrs.has(type(value)) and not isinstance(value, Span):
            out.append(value)
    return out
