"""The SQL backend: a program compiled, through sqlglot, to one SELECT that scores every row of a
table of units.

Expects a `perfdsl.core.ir.Program` (and the rubric's defaults), a dialect and a *reader*: what
the SELECT reads each input from (typed columns, `TypedReader`, or text cells parsed in SQL,
`perfdsl.data.tables`). Guarantees a sqlglot expression whose rows are one unit each — the key
columns as they were, every indicator's score, every group's subtotal, `total`, `grade` and
`problems` — equal to what the reference interpreter gives for the same figures, exactly.

How it is exact, as the generated Python is (`perfdsl.backends.codegen`):

- **No division.** Every number is a numerator `n` and a positive denominator `d × c` (`d` a
  run-time factor or none, `c` a constant); a comparison is decided by cross-multiplying, `floor`
  by an integer division, and the score is rounded once, half up, from the pair:
  ⌊(200n + den) ÷ 2den⌋ hundredths. No engine is ever asked to divide two numbers it would
  round (DuckDB's DECIMAL ÷ DECIMAL is DOUBLE; PostgreSQL's numeric ÷ keeps ~20 digits).
- **Integers of known size.** In the fixed-width engines (DuckDB, Oracle, Spark, Trino: 38
  digits; MySQL: 65) every figure is a scaled integer — its value × 10^places for its input's
  *domain* (`Domain`) — and every intermediate carries a bound; a rubric whose arithmetic could
  pass the engine's digits under the default domains gets smaller domains (`plan`), so no row can
  overflow. In DuckDB a value that stays below 2⁶² is a BIGINT, the rest HUGEINT. PostgreSQL's
  numeric has no such limit: figures stay numerics of any size.
- **Problems as the interpreter raises them.** Each expression carries the code it raises when
  evaluated (`raise_`: D005 at a zero divisor, D006/D008 at a `Fail`) and the code of the
  unavailable value it may *be* (`unavail`: a bad figure read through a slot raises only where
  it is used). They combine in the interpreter's order — the divisor first, then operands left
  to right; `and`/`or` and `if` only look at what they evaluate — so an indicator that cannot be
  scored gets the same code and its fallback, and every other indicator its score.

Every value is one or a few columns of a layer (`SELECT prev.*, … FROM prev`), computed once
however often it is read. The names in the SQL are compiler-made (`_v3n`, `_l12p`); rubric text
appears only as quoted output column names and string literals, which sqlglot quotes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from sqlglot import exp

from perfdsl.core import exact, ir
from perfdsl.diagnostics import InternalError


# --- Dialects -----------------------------------------------------------------------------------

@attrs.frozen
class Dialect:
    """What perfdsl needs to know of an engine."""

    name: str
    sqlglot: str
    digits: int | None  # exact integer digits it computes with; None: numerics of any size
    wide: str  # the type computations are done in
    narrow: str | None = None  # a faster type for values below 2^62 (DuckDB's BIGINT)
    exact_quotient: bool = True  # integer division truncates exactly (else: corrected by ±1)
    concat_ws: bool = True  # has CONCAT_WS skipping NULLs
    trim_chars: bool = False  # TRIM(s, chars) with a set of characters
    quantity: str = "DECIMAL({p}, {s})"  # the column type of a quantity, by its domain
    count: str = "INTEGER"
    boolean: str = "BOOLEAN"
    text: str = "VARCHAR"
    score: str = "DECIMAL(18, 2)"


DIALECTS: dict[str, Dialect] = {d.name: d for d in (
    Dialect("duckdb", "duckdb", 38, "HUGEINT", narrow="BIGINT", trim_chars=True),
    Dialect("postgres", "postgres", None, "NUMERIC", quantity="NUMERIC", trim_chars=True),
    Dialect("mysql", "mysql", 65, "DECIMAL(65, 0)", text="VARCHAR(200)"),
    Dialect("oracle", "oracle", 38, "NUMBER(38)", exact_quotient=False, concat_ws=False,
            quantity="NUMBER({p}, {s})", count="NUMBER(10)", text="VARCHAR2(200)",
            score="NUMBER(18, 2)"),
    Dialect("spark", "spark", 38, "DECIMAL(38, 0)", exact_quotient=False, text="STRING"),
    Dialect("trino", "trino", 38, "DECIMAL(38, 0)", exact_quotient=False),
)}


# --- Domains: the figures a fixed-width engine computes with exactly -----------------------------

@attrs.frozen
class Domain:
    """The figures of one input the SQL computes with: below 10^digits, with at most `places`
    decimals (figures are scaled integers: value × 10^places)."""

    digits: int
    places: int

    def column_type(self, dialect: Dialect) -> str:
        return dialect.quantity.format(p=self.digits + self.places, s=self.places)


# Decimal places by how an input is shown: money in 元 converted to 万元 needs 6, a percentage
# with 6 decimals as a fraction 8; counts are whole (a count with decimals is read, exactly, by
# the reference interpreter instead: see perfdsl.data.tables).
PLACES = {"money": 6, "percent": 8, "ratio": 8, "count": 0, "number": 6, "points": 6}
# Digits before the point tried in turn: the first that keeps every intermediate of the program
# within the engine's digits is used. 10^12 万元 is ten thousand times a year's national budget;
# a rate is at most 10^6 (a hundred million per cent), a count at most 10^9 (an INTEGER).
DIGITS = (12, 10, 8, 6)
MOST = {"percent": 6, "ratio": 6, "count": 10}


class TooWide(Exception):
    """The program's arithmetic needs more digits than the engine has, even for small figures."""


def domains(program: ir.Program, digits: int) -> dict[int, Domain]:
    """The domain of every quantity input, `digits` before the point."""
    out = {}
    for item in program.inputs:
        if item.type.kind == "quantity":
            display = item.type.display
            out[item.slot] = Domain(min(digits, MOST.get(display, digits)),
                                    PLACES.get(display, 6))
    return out


# --- Integers with a bound ------------------------------------------------------------------------

@attrs.frozen
class Int:
    """An integer (or, in PostgreSQL, any numeric) SQL expression, with a bound on its size."""

    e: exp.Expression
    bound: int | None  # |value| ≤ bound; None: not bounded (numerics of any size)
    level: int = 0  # its type: 0 INTEGER (a literal), 1 the narrow type, 2 the wide type
    const: int | None = None  # its value, when it is a literal


def literal(value: int) -> Int:
    e: exp.Expression = exp.Literal.number(abs(value))
    if value < 0:
        e = exp.Neg(this=e)
    return Int(e, abs(value), level=_level_of(abs(value)), const=value)


BIG = 2 ** 63 - 1  # the largest 64-bit integer
BITS = 62  # inputs per word of `_badN`


def _level_of(bound: int | None) -> int:
    """The type a value of this size needs: INTEGER, BIGINT (DuckDB's narrow type), wide."""
    if bound is None:
        return 2
    return 0 if bound < 2 ** 31 else 1 if bound < 2 ** 62 else 2


def _atom(e: exp.Expression) -> exp.Expression:
    """`e` in parentheses unless it is one term (sqlglot writes trees as they are built)."""
    if isinstance(e, (exp.Binary, exp.Unary, exp.Is, exp.In)) and not isinstance(e, exp.Paren):
        return exp.Paren(this=e)
    return e


# The trees are built directly, never through sqlglot's builder methods: those copy their
# arguments, and a query of thousands of nested expressions then takes seconds to build.

def null() -> exp.Null:
    return exp.Null()


def text(value: str) -> exp.Literal:
    return exp.Literal.string(value)


def number(value: int | str) -> exp.Literal:
    return exp.Literal.number(value)


def col(name: str) -> exp.Column:
    """A compiler-made column (`_v3`): a plain name, never quoted."""
    return exp.Column(this=exp.Identifier(this=name, quoted=False))


def quoted(name: str) -> exp.Column:
    """A column the user named (an input, a key)."""
    return exp.Column(this=exp.Identifier(this=name, quoted=True))


def when(whens: Sequence[tuple[exp.Expression, exp.Expression]],
         default: exp.Expression | None = None) -> exp.Case:
    """CASE WHEN … THEN … [ELSE …] END, built without copying; a CASE as the ELSE is merged
    into it (its tests are only reached where these fail)."""
    ifs = [exp.If(this=test, true=value) for test, value in whens]
    while isinstance(default, exp.Case) and default.args.get("this") is None:
        ifs += default.args["ifs"]
        default = default.args.get("default")
    return exp.Case(ifs=ifs, default=default)


def is_null(e: exp.Expression) -> exp.Expression:
    return exp.Is(this=_atom(e), expression=null())


def not_null(e: exp.Expression) -> exp.Expression:
    return exp.Not(this=is_null(e))


def all_of(tests: Sequence[exp.Expression]) -> exp.Expression:
    out = _atom(tests[0])
    for test in tests[1:]:
        out = exp.And(this=out, expression=_atom(test))
    return out


def any_of(tests: Sequence[exp.Expression]) -> exp.Expression:
    out = _atom(tests[0])
    for test in tests[1:]:
        out = exp.Or(this=out, expression=_atom(test))
    return out


def _covered(e: exp.Expression, names: set[str]) -> bool:
    """Whether `e`, where it is not NULL, is always one of the columns `names` (so that after
    them in a COALESCE it adds nothing)."""
    if isinstance(e, exp.Null):
        return True
    if isinstance(e, exp.Column):
        return e.name in names
    if isinstance(e, exp.Coalesce):
        return all(_covered(x, names) for x in [e.this, *e.expressions])
    if isinstance(e, exp.Case) and e.args.get("this") is None:
        default = e.args.get("default")
        return all(_covered(i.args["true"], names) for i in e.args["ifs"]) and \
            (default is None or _covered(default, names))
    return False


def _first(codes: Iterable[exp.Expression | None]) -> exp.Expression | None:
    """The first code that is not NULL (COALESCE), leaving out those statically none and those
    that can only repeat a code before them."""
    parts: list[exp.Expression] = []
    names: set[str] = set()
    flat: list[exp.Expression] = []
    for code in codes:
        if isinstance(code, exp.Coalesce):
            flat += [code.this, *code.expressions]
        elif code is not None:
            flat.append(code)
    for code in flat:
        if _covered(code, names):
            continue
        parts.append(code)
        if isinstance(code, exp.Literal):  # a code that is always raised ends the list
            break
        if isinstance(code, exp.Column):
            names.add(code.name)
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return exp.Coalesce(this=parts[0], expressions=parts[1:])


def case(whens: Sequence[tuple[exp.Expression, exp.Expression | None]],
         default: exp.Expression | None) -> exp.Expression | None:
    if all(v is None for _, v in whens) and default is None:
        return None
    return when([(test, value if value is not None else null()) for test, value in whens],
                default)


# --- Problem codes ------------------------------------------------------------------------------

# A problem is an integer while the query computes (D005 is 5): comparing and choosing integers
# costs an engine far less than text. The text is written once, at the end, for the rows that
# have a problem.

def code(name: str) -> exp.Literal:
    """The integer of a problem code: D005 → 5."""
    return number(int(name[1:]))


def code_name(value: int) -> str:
    return f"D{value:03d}"


@attrs.frozen(eq=False)
class Code:
    """The problem an expression raises (or the unavailable value it is), as two expressions: for
    a row whose inputs `deps` are all available (`clean`: most rows, and most codes are then
    statically none), and for any row (`full`). `clean is full` when no input's problem is
    involved. A stored code's `full` column is computed only for the rows where one of `deps`
    is not available, and is its clean one elsewhere."""

    clean: exp.Expression | None
    full: exp.Expression | None
    deps: frozenset[int] = frozenset()  # the inputs (their bits) whose problems it involves

    @property
    def same(self) -> bool:
        return self.clean is self.full


def raised(name: str) -> Code:
    """A code raised on every row that reaches it."""
    e = code(name)
    return Code(e, e)


def first(*codes: Code | None) -> Code | None:
    """The first problem raised, in the order given (the interpreter's order)."""
    given = [c for c in codes if c is not None]
    if not given:
        return None
    clean = _first(c.clean for c in given)
    if all(c.same for c in given):
        return None if clean is None else Code(clean, clean)
    full = _first(c.full for c in given)
    if clean is None and full is None:
        return None
    return Code(clean, full, frozenset().union(*(c.deps for c in given)))


def case_code(whens: Sequence[tuple[exp.Expression, Code | None]],
              default: Code | None) -> Code | None:
    """CASE over codes: the code of the first arm whose test holds."""
    if all(v is None for _, v in whens) and default is None:
        return None
    clean = case([(t, v.clean if v else None) for t, v in whens],
                 default.clean if default else None)
    given = [v for _, v in whens if v is not None] + ([default] if default else [])
    if all(v.same for v in given):
        return None if clean is None else Code(clean, clean)
    full = case([(t, v.full if v else None) for t, v in whens],
                default.full if default else None)
    if clean is None and full is None:
        return None
    return Code(clean, full, frozenset().union(*(v.deps for v in given)))


# --- Values while compiling ---------------------------------------------------------------------

@attrs.frozen
class Val:
    """What an IR node compiles to: its value and the problems evaluating it can raise.

    kind: num (n ÷ (d × c)), bool, text (the value is `n`), null, never (a `Fail`), items."""

    kind: str
    n: Any = None  # Int for a number, an expression for bool/text
    d: Int | None = None  # run-time positive factor of the denominator (None: 1)
    c: int = 1  # constant positive factor of the denominator
    raise_: Code | None = None  # code raised while evaluating it
    unavail: Code | None = None  # code of the unavailable value it is
    nonneg: bool = False  # never negative (a divisor needs no sign test)
    positive: bool = False  # above 0 whenever it is available (a divisor needs no zero test)
    coded: bool = False  # text held as the number of its word (`Compiler.words`)
    levels: frozenset[int] | None = None  # the words a coded level can be when available
    eq: tuple[str, int, frozenset[int]] | None = None  # a bool `level = word`: its column,
    # the word, the level's words


NEVER = Val("never")


class Compiler:
    """Compiles the program's values and indicators into layers of columns."""

    def __init__(self, program: ir.Program, dialect: Dialect, limit: int | None,
                 words: Iterable[str] = ()):
        self.program = program
        self.dialect = dialect
        self.limit = limit  # the largest integer allowed anywhere, None: unbounded
        # Every word the program compares (levels, text constants), numbered in their order:
        # a level is read as its number, and compared as one — far cheaper than text, and the
        # numbering keeps the order of the words.
        found = set(words)
        for item in program.inputs:
            found |= item.levels or set()
        roots = [v.expr for v in program.values] + [e for ind in program.indicators
                                                    for e in (*(x for _, x in ind.locals),
                                                              ind.raw)]
        for root in roots:
            for node in ir.walk(root):
                if isinstance(node, ir.Const) and isinstance(node.value, str):
                    found.add(node.value)
        self.words = {word: k for k, word in enumerate(sorted(found))}
        self.layers: list[list[tuple[str, exp.Expression]]] = [[]]
        self.layer_of: dict[str, int] = {}
        self.slots: dict[int, Val] = {}
        self.locals: dict[str, Val] = {}
        self.counter = 0
        self.ok: exp.Column | None = None  # whether every input of the row is available
        self.bad: list[exp.Column] = []  # the inputs with a problem, as bits

    # Columns and layers
    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"_{prefix}{self.counter}"

    def depth(self, e: exp.Expression) -> int:
        return max((self.layer_of.get(c.name, 0) for c in e.find_all(exp.Column)), default=0)

    def column(self, e: exp.Expression, prefix: str, layer: int | None = None) -> exp.Column:
        """`e` as a column of the first layer after every column it reads."""
        if isinstance(e, (exp.Column, exp.Literal)) or \
                isinstance(e, exp.Neg) and isinstance(e.this, exp.Literal):
            return e  # type: ignore[return-value]
        name = self.name(prefix)
        at = self.depth(e) + 1 if layer is None else layer
        while len(self.layers) <= at:
            self.layers.append([])
        self.layers[at].append((name, e))
        self.layer_of[name] = at
        return col(name)

    def clean(self, deps: Iterable[int]) -> exp.Expression | None:
        """A test that none of the inputs `deps` has a problem on this row (None: no input
        can have one). Each row carries the inputs with a problem as bits (`_badN`, 0 for a
        clean row)."""
        masks: dict[int, int] = {}
        for bit in deps:
            masks[bit // BITS] = masks.get(bit // BITS, 0) | 1 << bit % BITS
        if not masks or not self.bad:
            return None
        return all_of([exp.EQ(this=self.bitand(self.bad[w], number(m)), expression=number(0))
                       for w, m in sorted(masks.items())])

    def bitand(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        if self.dialect.name == "oracle":
            return exp.Anonymous(this="BITAND", expressions=[a, b])
        return exp.Paren(this=exp.BitwiseAnd(this=a, expression=b))

    def store_code(self, c: Code, prefix: str) -> Code:
        """A code as columns: the clean one for every row, the full one computed only where an
        input it involves has a problem (and the clean one elsewhere)."""
        clean = None if c.clean is None else self.column(c.clean, prefix)
        if c.same:
            return Code(clean, clean)
        full = c.full
        test = self.clean(c.deps)
        if full is not None and test is not None and not isinstance(full, exp.Column):
            full = when([(test, clean if clean is not None else null())], full)
        full = None if full is None else self.column(full, prefix + "f")
        return Code(clean, full, c.deps)

    def final_code(self, c: Code, prefix: str) -> tuple[exp.Expression, bool]:
        """One column holding the code of every row; and whether a clean row can have one."""
        c = self.store_code(c, prefix)
        out = c.full if c.full is not None else c.clean
        return out, c.clean is not None  # type: ignore[return-value]

    def store(self, v: Val, prefix: str) -> Val:
        """A value as columns, read wherever it is used; its raised code becomes what it is."""
        unavail = first(v.raise_, v.unavail)
        if unavail is not None:
            unavail = self.store_code(unavail, prefix + "p")
        if v.kind == "num":
            n = attrs.evolve(v.n, e=self.column(v.n.e, prefix + "n"))
            d = None if v.d is None else attrs.evolve(v.d, e=self.column(v.d.e, prefix + "d"))
            return attrs.evolve(v, n=n, d=d, raise_=None, unavail=unavail)
        if v.kind in ("bool", "text"):
            return attrs.evolve(v, n=self.column(v.n, prefix + "b"), raise_=None, unavail=unavail)
        return attrs.evolve(v, raise_=None, unavail=unavail)

    # Integer arithmetic with bounds
    def check(self, bound: int | None) -> None:
        if self.limit is not None and bound is not None and bound > self.limit:
            raise TooWide(bound)

    def type(self, name: str) -> exp.DataType:
        return _type(name, self.dialect.sqlglot)

    def widened(self, x: Int, bound: int | None, level: int = 0) -> Int:
        """`x` cast to a type that holds `bound` (INTEGER literals overflow at 2³¹)."""
        needed = _level_of(bound)
        if needed == 1 and self.dialect.narrow is None:
            needed = 2
        if max(x.level, level) >= needed:
            return x
        target = self.dialect.narrow if needed == 1 else self.dialect.wide
        return Int(exp.Cast(this=x.e, to=self.type(target)), x.bound, level=needed)

    def mul(self, x: Int, y: Int) -> Int:
        if x.const is not None and y.const is not None:
            return literal(x.const * y.const)
        if x.const == 1:
            return y
        if y.const == 1:
            return x
        if x.const == -1:
            return self.neg(y)
        if y.const == -1:
            return self.neg(x)
        bound = None if x.bound is None or y.bound is None else x.bound * y.bound
        self.check(bound)
        x = self.widened(x, bound, y.level)
        return Int(exp.Mul(this=_atom(x.e), expression=_atom(y.e)), bound, max(x.level, y.level))

    def add(self, x: Int, y: Int, sign: int = 1) -> Int:
        if x.const is not None and y.const is not None:
            return literal(x.const + sign * y.const)
        if y.const == 0:
            return x
        if x.const == 0:
            return y if sign > 0 else self.neg(y)
        bound = None if x.bound is None or y.bound is None else x.bound + y.bound
        self.check(bound)
        x = self.widened(x, bound, y.level)
        node = exp.Add if sign > 0 else exp.Sub
        return Int(node(this=_atom(x.e), expression=_atom(y.e)), bound, max(x.level, y.level))

    def neg(self, x: Int) -> Int:
        if x.const is not None:
            return literal(-x.const)
        return Int(exp.Neg(this=_atom(x.e)), x.bound, x.level)

    def scaled(self, x: Int, factor: int) -> Int:
        return self.mul(x, literal(factor)) if factor != 1 else x

    def den(self, v: Val) -> Int:
        """The whole denominator d × c of a number."""
        if v.d is None:
            return literal(v.c)
        return self.scaled(v.d, v.c)

    def trunc_div(self, a: Int, b: Int) -> exp.Expression:
        """a ÷ b rounded toward zero, b > 0 (or NULL where b is 0: a problem row)."""
        def divisor(e: exp.Expression) -> exp.Expression:
            return e if b.const is not None else exp.Nullif(this=e, expression=number(0))

        if self.dialect.name != "duckdb":
            return exp.IntDiv(this=a.e, expression=divisor(b.e))
        if max(a.level, b.level) < 2:
            return exp.IntDiv(this=_atom(a.e), expression=_atom(divisor(b.e)))
        # DuckDB divides 128-bit integers bit by bit, some fifty times slower than 64-bit ones:
        # operands that fit in 64 bits on this row are divided as such.
        a_col = self.column(a.e, "a")
        b_col = b.e if b.const is not None else self.column(b.e, "a")
        small = [exp.Between(this=a_col, low=number(-BIG), high=number(BIG))]
        if b.level == 2:
            small.append(exp.LTE(this=b_col, expression=number(BIG)))
        narrow = exp.IntDiv(this=exp.Cast(this=a_col, to=self.type("BIGINT")),
                            expression=divisor(exp.Cast(this=b_col, to=self.type("BIGINT"))
                                               if b.const is None else b_col))
        wide = exp.IntDiv(this=a_col, expression=divisor(b_col))
        return when([(all_of(small), narrow)], wide)

    def floor_div(self, a: Int, b: Int, nonneg: bool = False) -> Int:
        """⌊a ÷ b⌋, b > 0, exactly (`nonneg`: a is never negative)."""
        if b.const == 1:
            if self.dialect.digits is None:  # a numeric with decimals
                return Int(exp.Floor(this=a.e), a.bound)
            return a
        # |q| ≤ |a| ÷ b + 1, and |q·b| ≤ |a| + b: b ≥ 1, as every denominator is
        bound = None if a.bound is None else a.bound // (b.const or 1) + 1
        product = None if a.bound is None or b.bound is None else a.bound + b.bound
        self.check(product)

        def times_b(q: Int) -> exp.Expression:
            return exp.Mul(this=_atom(self.widened(q, product, b.level).e), expression=_atom(b.e))

        if self.dialect.exact_quotient:
            if nonneg or a.const is not None and a.const >= 0:
                return Int(self.trunc_div(a, b), bound, a.level)
            a = attrs.evolve(a, e=self.column(a.e, "a"))
            q = Int(self.column(self.trunc_div(a, b), "q"), bound, a.level)
            # truncation rounds a negative quotient up: one less when it was not exact
            off = all_of([exp.LT(this=_atom(a.e), expression=number(0)),
                          exp.NEQ(this=times_b(q), expression=_atom(a.e))])
            return Int(when([(off, self.add(q, literal(1), -1).e)], q.e), bound, a.level)
        # An engine whose division is only close (Oracle's 38 digits, Trino's rounding): the
        # quotient q₀ it gives is within 1 of the floor; step to the integer q with
        # q·b ≤ a < (q + 1)·b.
        q0 = Int(exp.Cast(this=exp.Floor(this=exp.Div(this=_atom(a.e), expression=_atom(
            exp.Nullif(this=b.e, expression=number(0))))), to=self.type(self.dialect.wide)),
            bound, 2)
        q0 = Int(self.column(q0.e, "q"), bound, 2)
        over = exp.GT(this=times_b(q0), expression=_atom(a.e))
        under = exp.LTE(this=times_b(self.add(q0, literal(1))), expression=_atom(a.e))
        return Int(when([(over, self.add(q0, literal(1), -1).e),
                         (under, self.add(q0, literal(1)).e)], q0.e), bound, 2)

    # Numbers
    def number(self, value: Decimal | int) -> Val:
        value = Decimal(value)
        sign, digits, exponent = value.as_tuple()
        n = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
        c = 1
        if isinstance(exponent, int) and exponent > 0:
            n *= 10 ** exponent
        elif isinstance(exponent, int):
            c = 10 ** -exponent
        g = math.gcd(n, c)
        return Val("num", literal(n // g), c=c // g, nonneg=n >= 0, positive=n > 0)

    def align(self, a: Val, b: Val) -> tuple[Int, Int, Int | None, int]:
        """Numerators of a and b over one denominator (d, c)."""
        if a.d is None and b.d is None or a.d is not None and b.d is not None and a.d.e == b.d.e:
            c = math.lcm(a.c, b.c)
            return self.scaled(a.n, c // a.c), self.scaled(b.n, c // b.c), a.d, c
        return (self.mul(a.n, self.den(b)), self.mul(b.n, self.den(a)),
                self.mul(self.den(a), self.den(b)), 1)

    def compare(self, op: str, a: Val, b: Val) -> exp.Expression:
        """a op b for two numbers, cross-multiplied (denominators are positive)."""
        if b.n.const == 0:
            left, right = a.n, literal(0)
        elif a.n.const == 0:
            left, right = literal(0), b.n
        else:
            left, right, _, _ = self.align(a, b)
        return _CMP[op](this=_atom(left.e), expression=_atom(right.e))

    # Expressions
    def emit(self, node: ir.Expr) -> Val:
        return _EMIT[type(node)](self, node)

    def const(self, node: ir.Const) -> Val:
        value = node.value
        if value is None:
            return Val("null", null())
        if isinstance(value, bool):
            return Val("bool", exp.true() if value else exp.false())
        if isinstance(value, (Decimal, int)):
            return self.number(value)
        return Val("text", number(self.words[value]), coded=True)

    def slot(self, node: ir.Slot) -> Val:
        return self.slots[node.index]

    def local(self, node: ir.Local) -> Val:
        return self.locals[node.name]

    def decode(self, v: Val) -> exp.Expression:
        """A text value as text (a coded one by its word)."""
        if not v.coded:
            return v.n
        if isinstance(v.n, exp.Literal):
            return text(next(w for w, k in self.words.items() if k == int(v.n.this)))
        return exp.Case(this=v.n, ifs=[exp.If(this=number(k), true=text(w))
                                       for w, k in self.words.items()])

    def level(self, cell: exp.Expression, levels: Iterable[str]) -> exp.Expression:
        """The number of the level a cell holds, NULL when it holds none of `levels`."""
        return exp.Case(this=cell, ifs=[exp.If(this=text(w), true=number(self.words[w]))
                                        for w in sorted(levels)])

    def arith(self, node: ir.Arith) -> Val:
        a, b = self.emit(node.left), self.emit(node.right)
        if node.op == "/":
            return self.divide(a, b, node)
        raise_ = first(a.raise_, b.raise_, a.unavail, b.unavail)
        if "never" in (a.kind, b.kind):
            return attrs.evolve(NEVER, raise_=raise_)
        if node.op == "*":
            positive = a.positive and b.positive
            if a.d is None and b.d is None:
                return Val("num", self.mul(a.n, b.n), None, a.c * b.c, raise_,
                           nonneg=a.nonneg and b.nonneg, positive=positive)
            d = b.d if a.d is None else a.d if b.d is None else self.mul(a.d, b.d)
            return Val("num", self.mul(a.n, b.n), d, a.c * b.c, raise_,
                       nonneg=a.nonneg and b.nonneg, positive=positive)
        left, right, d, c = self.align(a, b)
        sign = 1 if node.op == "+" else -1
        plus = node.op == "+"
        return Val("num", self.add(left, right, sign), d, c, raise_,
                   nonneg=plus and a.nonneg and b.nonneg,
                   positive=plus and (a.positive and b.nonneg or a.nonneg and b.positive))

    def divide(self, a: Val, b: Val, node: ir.Arith) -> Val:
        # The divisor first (its problem, then whether it is 0), then the dividend.
        if b.kind == "num" and b.n.const is not None and b.d is None:
            if b.n.const == 0:
                name = node.problem.code if node.problem else "D005"
                return attrs.evolve(NEVER, raise_=first(a.raise_, b.raise_, raised(name)))
            raise_ = first(a.raise_, a.unavail)
            if a.kind == "never":
                return attrs.evolve(NEVER, raise_=raise_)
            # a ÷ (m / c) = a·c ÷ m, common factors of the constants cancelled
            m = b.n.const
            g = math.gcd(b.c, a.c * abs(m))
            n = self.scaled(a.n, b.c // g * (1 if m > 0 else -1))
            return Val("num", n, a.d, a.c * abs(m) // g, raise_, nonneg=a.nonneg and m > 0,
                       positive=a.positive and m > 0)
        problem = node.problem
        if problem is None:
            raise InternalError("a division with no zero-divisor problem")
        if "never" in (a.kind, b.kind):
            return attrs.evolve(NEVER, raise_=first(a.raise_, b.raise_, b.unavail))
        if b.positive:
            # above 0 whenever available, and an unavailable divisor raises its own problem
            # first: the zero test can never decide
            zero_test = a.unavail
        else:
            zero = exp.EQ(this=_atom(b.n.e), expression=number(0))
            zero_test = case_code([(zero, raised(problem.code))], a.unavail)
        raise_ = first(a.raise_, b.raise_, b.unavail, zero_test)
        # (a.n / a.den) ÷ (b.n / b.den) = a.n·b.den ÷ (a.den·b.n), the sign moved up and the
        # constant factors of the denominators cancelled
        g = math.gcd(a.c, b.c)
        b_den = literal(b.c // g) if b.d is None else self.scaled(b.d, b.c // g)
        n = self.mul(a.n, b_den)
        if b.nonneg or b.positive:
            size = b.n
        else:
            size = Int(exp.Abs(this=b.n.e), b.n.bound, b.n.level)
            negative = exp.LT(this=_atom(b.n.e), expression=number(0))
            n = Int(when([(negative, self.neg(n).e)], n.e), n.bound, n.level)
        d = size if a.d is None else self.mul(a.d, size)
        both = b.nonneg or b.positive
        return Val("num", n, d, a.c // g, raise_, nonneg=a.nonneg and both,
                   positive=a.positive and b.positive)

    def negate(self, node: ir.Neg) -> Val:
        a = self.emit(node.operand)
        raise_ = first(a.raise_, a.unavail)
        if a.kind == "never":
            return attrs.evolve(NEVER, raise_=raise_)
        return Val("num", self.neg(a.n), a.d, a.c, raise_)

    def cmp(self, node: ir.Cmp) -> Val:
        a, b = self.emit(node.left), self.emit(node.right)
        raise_ = first(a.raise_, b.raise_, a.unavail, b.unavail)
        if "never" in (a.kind, b.kind):
            return attrs.evolve(NEVER, raise_=raise_)
        if "null" in (a.kind, b.kind):
            other = b if a.kind == "null" else a
            if other.kind == "null":
                value: exp.Expression = exp.true() if node.op == "=" else exp.false()
            else:
                value = is_null(other.n.e if other.kind == "num" else other.n)
                if node.op == "!=":
                    value = exp.Not(this=value)
            return Val("bool", value, raise_=raise_)
        if a.kind == "num" and b.kind == "num":
            return Val("bool", self.compare(node.op, a, b), raise_=raise_)
        if a.kind == b.kind:
            left, right = (a.n, b.n) if a.coded == b.coded else (self.decode(a), self.decode(b))
            eq = None
            if node.op == "=" and a.levels is not None and isinstance(a.n, exp.Column) \
                    and b.coded and isinstance(b.n, exp.Literal):
                eq = (a.n.name, int(b.n.this), a.levels)
            return Val("bool", _CMP[node.op](this=_atom(left), expression=_atom(right)),
                       raise_=raise_, eq=eq)
        # a number against a level name or a bool: never equal
        return Val("bool", exp.false() if node.op == "=" else exp.true(), raise_=raise_)

    def logical(self, node: ir.And | ir.Or) -> Val:
        a, b = self.emit(node.left), self.emit(node.right)
        is_and = isinstance(node, ir.And)
        if a.kind == "never":
            return attrs.evolve(NEVER, raise_=first(a.raise_))
        later = first(b.raise_, b.unavail)
        # the right side is evaluated only when the left does not decide
        right_raise = None if later is None else (
            case_code([(a.n, later)], None) if is_and else case_code([(a.n, None)], later))
        raise_ = first(a.raise_, a.unavail, right_raise)
        if b.kind == "never":
            value = exp.false() if is_and else exp.true()
            return Val("bool", exp.And(this=_atom(a.n), expression=value) if is_and
                       else exp.Or(this=_atom(a.n), expression=value), raise_=raise_)
        value = exp.And(this=_atom(a.n), expression=_atom(b.n)) if is_and \
            else exp.Or(this=_atom(a.n), expression=_atom(b.n))
        return Val("bool", value, raise_=raise_)

    def not_(self, node: ir.Not) -> Val:
        a = self.emit(node.operand)
        raise_ = first(a.raise_, a.unavail)
        if a.kind == "never":
            return attrs.evolve(NEVER, raise_=raise_)
        return Val("bool", exp.Not(this=_atom(a.n)), raise_=raise_)

    def if_(self, node: ir.If) -> Val:
        arms = []
        current: ir.Expr = node
        while isinstance(current, ir.If):
            arms.append((self.emit(current.condition), self.emit(current.then)))
            current = current.otherwise
        last = self.emit(current)
        return self.choose(arms, last)

    def choose(self, arms: list[tuple[Val, Val]], last: Val) -> Val:
        """The value of the first arm whose test holds, else `last`: one CASE."""
        tests = [t.eq for t, _ in arms]
        if tests and all(t is not None and t[0] == tests[0][0] for t in tests) \
                and tests[0][2] <= {t[1] for t in tests}:  # type: ignore[index]
            # every level the value can be has its arm: `last` (a D008 for a level outside
            # the scale) is reached only where the level is unavailable, and that raises the
            # level's own problem first
            last = NEVER
        # Raised: a test's own problem, then the chosen arm's.
        raise_ = first(last.raise_)
        for test, value in reversed(arms):
            if test.kind == "never":
                raise_ = first(test.raise_)
                continue
            raise_ = first(test.raise_, test.unavail, case_code([(test.n, value.raise_)], raise_))
            # arms after a test that always fails are never reached
        cut = next((i for i, (t, _) in enumerate(arms) if t.kind == "never"), None)
        if cut is not None:
            arms, last = arms[:cut], NEVER
        values = [v for _, v in arms] + [last]
        unavail = None
        if any(v.unavail is not None for v in values):
            unavail = case_code([(t.n, v.unavail) for t, v in arms], last.unavail)
        live = [v for v in values if v.kind not in ("never", "null")]
        kinds = {v.kind for v in live}
        if not live:
            kind = "null" if any(v.kind == "null" for v in values) else "never"
            return Val(kind, null() if kind == "null" else None, raise_=raise_, unavail=unavail)
        if len(kinds) > 1:
            raise InternalError(f"an if whose branches are {sorted(kinds)}")
        kind = kinds.pop()
        if kind != "num":
            coded = all(v.coded for v in live)
            def shown(v: Val) -> exp.Expression:
                return (v.n if coded else self.decode(v)) if v.kind == kind else null()
            parts = [(t.n, shown(v)) for t, v in arms]
            return Val(kind, case(parts, shown(last)), raise_=raise_, unavail=unavail,
                       coded=coded and kind == "text")
        return self.choose_number(arms, last, raise_, unavail)

    def choose_number(self, arms, last, raise_, unavail) -> Val:
        values = [v for _, v in arms] + [last]
        nums = [v for v in values if v.kind == "num"]
        nonneg = all(v.nonneg for v in nums)
        if all(v.d is None for v in nums):
            c = math.lcm(*(v.c for v in nums))
            scaled = [self.scaled(v.n, c // v.c) if v.kind == "num" else None for v in values]
            bound = _max_bound(s.bound for s in scaled if s is not None)
            n = case([(t.n, s.e if s is not None else null()) for (t, _), s in zip(arms, scaled)],
                     scaled[-1].e if scaled[-1] is not None else null())
            level = max(s.level for s in scaled if s is not None)
            return Val("num", Int(n, bound, level), None, c, raise_, unavail, nonneg)
        ns = [v.n if v.kind == "num" else None for v in values]
        ds = [self.den(v) if v.kind == "num" else None for v in values]
        n = case([(t.n, x.e if x is not None else null()) for (t, _), x in zip(arms, ns)],
                 ns[-1].e if ns[-1] is not None else null())
        d = case([(t.n, x.e if x is not None else null()) for (t, _), x in zip(arms, ds)],
                 ds[-1].e if ds[-1] is not None else null())
        n_int = Int(n, _max_bound(x.bound for x in ns if x is not None),
                    max(x.level for x in ns if x is not None))
        d_int = Int(d, _max_bound(x.bound for x in ds if x is not None),
                    max(x.level for x in ds if x is not None))
        return Val("num", n_int, d_int, 1, raise_, unavail, nonneg)

    def extreme(self, node: ir.Min | ir.Max) -> Val:
        args = [self.emit(a) for a in node.args]
        if len(args) == 1:
            return args[0]
        op = "<" if isinstance(node, ir.Min) else ">"
        best = args[0]
        raise_ = first(best.raise_)
        for i, candidate in enumerate(args[1:]):
            # min pulls the next value, then compares it with the best so far
            raise_ = first(raise_, candidate.raise_, candidate.unavail,
                           best.unavail if i == 0 else None)
            if "never" in (best.kind, candidate.kind):
                return attrs.evolve(NEVER, raise_=raise_)
            test = Val("bool", self.compare(op, candidate, best))
            best = self.choose_number([(test, attrs.evolve(candidate, raise_=None,
                                                           unavail=None))],
                                      attrs.evolve(best, raise_=None, unavail=None), None, None)
        return attrs.evolve(best, raise_=raise_, unavail=None)

    def rounding(self, node: ir.Floor | ir.Ceil) -> Val:
        a = self.emit(node.operand)
        raise_ = first(a.raise_, a.unavail)
        if a.kind == "never":
            return attrs.evolve(NEVER, raise_=raise_)
        den = self.den(a)
        if isinstance(node, ir.Floor):
            q = self.floor_div(a.n, den, nonneg=a.nonneg)
        else:
            q = self.neg(self.floor_div(self.neg(a.n), den))
        return Val("num", q, None, 1, raise_, nonneg=a.nonneg)

    def fail(self, node: ir.Fail) -> Val:
        facts = [self.emit(expr) for _, expr in node.facts]
        return attrs.evolve(NEVER, raise_=first(*(f.raise_ for f in facts),
                                                 raised(node.problem.code)))

    def items(self, node: ir.Items) -> Val:
        return Val("items", raise_=first(*(self.emit(i).raise_ for i in node.items)))

    # Scores
    def score(self, indicator: ir.Indicator
              ) -> tuple[exp.Expression, tuple[exp.Expression, bool] | None]:
        """The indicator's score in hundredths, and the column of the code of the problem that
        stopped it (with whether a clean row can have one)."""
        self.locals = {}
        codes = []
        for name, expr in indicator.locals:
            value = self.emit(expr)
            codes.append(value.raise_)
            self.locals[name] = self.store(value, "l")
        leaves = _constant_leaves(indicator)
        if leaves is not None:
            arms = [(self.emit(test), Val("num", literal(h)) if h is not None else
                     attrs.evolve(NEVER, raise_=self.emit(v).raise_))
                    for test, v, h in leaves[:-1]]
            _, v, h = leaves[-1]
            last = Val("num", literal(h)) if h is not None else \
                attrs.evolve(NEVER, raise_=self.emit(v).raise_)
            raw = self.choose(arms, last)
            hundredths = raw.n.e if raw.kind == "num" else None
        else:
            raw = self.emit(indicator.raw)
            hundredths = self.hundredths(raw, indicator.weight) if raw.kind == "num" else None
        stopped = first(*codes, raw.raise_, raw.unavail)
        fallback = number(int((indicator.fallback or Decimal(0)) * 100))
        if stopped is None:
            return hundredths, None
        final = self.final_code(stopped, "c")
        if hundredths is None:
            return fallback, final
        stop = not_null(final[0])
        if isinstance(hundredths, exp.Case):  # one CASE rather than two
            return exp.Case(ifs=[exp.If(this=stop, true=fallback), *hundredths.args["ifs"]],
                            default=hundredths.args.get("default")), final
        return when([(stop, fallback)], hundredths), final

    def hundredths(self, raw: Val, weight: Decimal) -> exp.Expression:
        """The raw score clamped to [0, weight] and rounded once, half up, in hundredths."""
        full = int(exact.score(weight, weight) * 100)
        top = self.compare(">=", raw, self.number(weight))
        bottom = self.compare("<=", raw, self.number(0))
        if raw.d is None and 100 % raw.c == 0 and self.dialect.digits is not None:
            # a scaled integer with at most two places (PostgreSQL's numerics have any)
            middle = self.scaled(raw.n, 100 // raw.c).e
        else:
            den = self.den(raw)
            twice = self.scaled(den, 2)
            numerator = self.add(self.scaled(raw.n, 200), den)
            # both positive here: truncation is the floor
            if self.dialect.exact_quotient:
                middle = self.trunc_div(numerator, twice)
            else:
                middle = self.floor_div(numerator, twice).e
        return when([(top, number(full)), (bottom, number(0))], middle)


@functools.lru_cache(maxsize=None)
def _type(name: str, dialect: str) -> exp.DataType:
    """A type, parsed once (the node is shared by every tree that casts to it)."""
    return exp.DataType.build(name, dialect=dialect)


def _max_bound(bounds: Iterable[int | None]) -> int | None:
    out = 0
    for b in bounds:
        if b is None:
            return None
        out = max(out, b)
    return out


_CMP = {"<": exp.LT, ">": exp.GT, "<=": exp.LTE, ">=": exp.GTE, "=": exp.EQ, "!=": exp.NEQ}

_EMIT = {
    ir.Const: Compiler.const, ir.Slot: Compiler.slot, ir.Local: Compiler.local,
    ir.Arith: Compiler.arith, ir.Neg: Compiler.negate, ir.Cmp: Compiler.cmp,
    ir.And: Compiler.logical, ir.Or: Compiler.logical, ir.Not: Compiler.not_,
    ir.If: Compiler.if_, ir.Min: Compiler.extreme, ir.Max: Compiler.extreme,
    ir.Floor: Compiler.rounding, ir.Ceil: Compiler.rounding, ir.Fail: Compiler.fail,
    ir.Items: Compiler.items,
}


def _constant_leaves(indicator: ir.Indicator):
    """When the raw score is a chain whose values are constants (band rows, levels) or `Fail`s:
    (test, value, score in hundredths or None for a Fail) per arm, the last with test None."""
    arms = []
    node = indicator.raw
    while isinstance(node, ir.If):
        arms.append((node.condition, node.then))
        node = node.otherwise
    arms.append((None, node))
    if len(arms) < 2:
        return None
    out = []
    for test, value in arms:
        if isinstance(value, ir.Fail):
            out.append((test, value, None))
        elif isinstance(value, ir.Const) and isinstance(value.value, Decimal):
            out.append((test, value, int(exact.score(value.value, indicator.weight) * 100)))
        else:
            return None
    return out


# --- Reading the inputs -------------------------------------------------------------------------

Check = Callable[[exp.Expression], exp.Expression | None]


@attrs.frozen
class Reading:
    """How the SELECT reads one input: its value (a scaled integer, bool or text), the code of
    its problem (NULL when it is fine), whether it is fine (a test that holds only where the
    problem is NULL, and may fail where it is NULL too: such a row just takes the full path),
    and whether the row must be scored by the reference interpreter instead (a figure beyond the
    domain; None: never). The problem and the test may be functions of the value's column."""

    value: exp.Expression
    problem: exp.Expression | Check | None
    ok: exp.Expression | Check | None = None  # None: `problem IS NULL`
    elsewhere: exp.Expression | Check | None = None
    pre: tuple[tuple[str, exp.Expression], ...] = ()  # columns the reading needs first


def given_figure(given: exp.Expression, has_default: bool,
                 check: Callable[[exp.Expression], tuple[exp.Expression, exp.Expression]] | None
                 ) -> tuple[Check | None, Check | None]:
    """The problem and the test of an input whose figure may be missing: D002 when it has no
    default; else the problem `check` finds in a figure given (and its test: fine)."""
    def problem(value: exp.Expression) -> exp.Expression | None:
        inner = check(value)[0] if check is not None else None
        if not has_default:
            return when([(exp.Not(this=_atom(given)), code("D002"))], inner)
        if inner is None:
            return None
        return when([(given, inner)])

    def ok(value: exp.Expression) -> exp.Expression | None:
        inside = check(value)[1] if check is not None else None
        if not has_default:
            return given if inside is None else all_of([given, inside])
        return any_of([exp.Not(this=_atom(given)), inside]) if inside is not None \
            else exp.true()

    if has_default and check is None:
        return None, None
    return problem, ok


class TypedReader:
    """Inputs from columns typed as `schema` says: money, percentages and numbers as DECIMAL in
    the input's unit (a percentage as a fraction), counts INTEGER, yes/no BOOLEAN, levels and
    text VARCHAR. A NULL is a figure not given: the input's default, or D002."""

    def __init__(self, columns: dict[str, str] | None = None):
        self.columns = columns or {}  # input name → column name, when they differ

    def column_of(self, item: ir.Input) -> exp.Column:
        return quoted(self.columns.get(item.name, item.name))

    def read(self, compiler: Compiler, item: ir.Input, domain: Domain | None,
             default: Any) -> Reading:
        cell = self.column_of(item)
        dialect = compiler.dialect
        kind = item.type.kind
        check = None
        pre: tuple = ()
        if kind == "quantity":
            value = typed_quantity(compiler, cell, domain)

            def check(read: exp.Expression):
                problem, inside = range_check(compiler, item, domain, read)
                if domain is None:  # PostgreSQL: D011 first, its test left to the problem
                    return _magnitude_problem(cell, problem), None
                return problem, inside
        elif kind == "level":
            value, pre = _strip(dialect, cell), ()
            if item.levels is not None:
                value, pre = read_level(compiler, item, cell)

                def check(read: exp.Expression):
                    return when([(is_null(read), code("D003"))]), not_null(read)
        else:
            value = cell
        if default is not None:
            fallback = _default_value(compiler, item, domain, default)
            value = when([(is_null(cell), fallback)], value) if kind == "level" else \
                exp.Coalesce(this=value, expressions=[fallback])
        problem, ok = given_figure(not_null(cell), default is not None, check)
        if kind == "quantity" and domain is None and problem is not None:
            ok = None  # the magnitude's test is the problem's own
        return Reading(value, problem, ok, pre=pre)


def read_level(compiler: Compiler, item: ir.Input, cell: exp.Expression
               ) -> tuple[exp.Expression, tuple[tuple[str, exp.Expression], ...]]:
    """A level's number from its cell as written, else from the cell stripped of whitespace (a
    costly step, taken only for a cell that is not a level as it stands); NULL for a cell that
    holds no level of its scale. Also the column it needs first."""
    name = f"_m{item.slot}"
    levels = item.levels or ()
    stripped = compiler.level(_strip(compiler.dialect, cell), levels)
    return when([(is_null(col(name)), stripped)], col(name)), \
        ((name, compiler.level(cell, levels)),)


def typed_quantity(compiler: Compiler, cell: exp.Expression, domain: Domain | None
                   ) -> exp.Expression:
    """A DECIMAL cell as the scaled integer of its domain (PostgreSQL: as a numeric)."""
    dialect = compiler.dialect
    if dialect.digits is None:
        return exp.Cast(this=cell, to=compiler.type("NUMERIC"))
    assert domain is not None
    target = compiler.type(int_type(dialect, domain)[0])
    if not domain.places:
        return exp.Cast(this=cell, to=target)
    if dialect.name == "duckdb":
        return duckdb_scaled(cell, domain, target)
    shifted = exp.Mul(this=exp.Cast(this=cell, to=compiler.type(
        f"DECIMAL(38, {domain.places})")), expression=number(10 ** domain.places))
    return exp.Cast(this=shifted, to=target)


def duckdb_scaled(cell: exp.Expression, domain: Domain, target: exp.DataType
                  ) -> exp.Expression:
    """value × 10^places of a DuckDB DECIMAL, in 64 bits when the domain allows: the whole part
    and the fraction apart (`x % 1` keeps x's sign), since DuckDB widens a DECIMAL product to
    128 bits and then divides bit by bit. The cell is first cast to the domain's type (a no-op
    for a column of that type; a finer one is rounded, as the database rounds)."""
    x = exp.Cast(this=cell, to=exp.DataType.build(
        f"DECIMAL({domain.digits + domain.places}, {domain.places})", dialect="duckdb"))
    shift = number(10 ** domain.places)
    whole = exp.Mul(this=exp.Cast(this=exp.Anonymous(this="trunc", expressions=[x]),
                                  to=target), expression=shift)
    fraction = exp.Cast(this=exp.Mul(this=exp.Paren(this=exp.Mod(this=x.copy(),
                                                                  expression=number(1))),
                                     expression=number(10 ** domain.places)), to=target)
    return exp.Add(this=whole, expression=fraction)


def _strip(dialect: Dialect, e: exp.Expression) -> exp.Expression:
    """Text with surrounding whitespace removed, as Python's str.strip() does."""
    if dialect.trim_chars:
        return exp.Trim(this=e, expression=text(WHITESPACE))
    return exp.Trim(this=e)


# Every character Python's str.strip() removes.
WHITESPACE = "".join(ch for ch in map(chr, range(0x3100)) if ch.isspace())


def _default_value(compiler: Compiler, item: ir.Input, domain: Domain | None,
                   default: Any) -> exp.Expression:
    if isinstance(default, bool):
        return exp.true() if default else exp.false()
    if isinstance(default, Decimal):
        if domain is None:
            return exp.Literal.number(str(default))
        return literal(int(default.scaleb(domain.places))).e
    if item.type.kind == "level" and item.levels is not None:
        return number(compiler.words[str(default)])
    return text(str(default))


def _magnitude_problem(col: exp.Expression,
                       problem: exp.Expression | None) -> exp.Expression:
    """D011 before anything else when a figure is beyond what perfdsl reads (10^15 or more in
    size, or not 0 and below 10^-30), as `perfdsl.data.figures` says; else `problem`. Only an
    engine with numerics of any size needs it: elsewhere such a figure is beyond the input's
    domain, and its row is scored by the interpreter."""
    from perfdsl.data.figures import MAX_DIGITS, MAX_PLACES

    size = exp.Abs(this=col)
    too_large = exp.GTE(this=size, expression=number(str(10 ** MAX_DIGITS)))
    too_small = all_of([exp.NEQ(this=col, expression=number(0)),
                        exp.LT(this=size.copy(), expression=number(
                            format(Decimal(1).scaleb(-MAX_PLACES), "f")))])
    return when([(any_of([too_large, too_small]), code("D011"))], problem or null())


def range_check(compiler: Compiler, item: ir.Input, domain: Domain | None,
                value: exp.Expression) -> tuple[exp.Expression | None, exp.Expression | None]:
    """D004 when a figure lies outside the input's declared range, and the test that it lies
    within (None, None: no range)."""
    scaled = input_value(compiler, item, domain, value)
    tests = [compiler.compare(bound.op, scaled, compiler.number(bound.value))
             for bound in item.bounds]
    if not tests:
        return None, None
    inside = all_of(tests)
    return when([(exp.Not(this=_atom(inside)), code("D004"))]), inside


def input_value(compiler: Compiler, item: ir.Input, domain: Domain | None,
                value: exp.Expression) -> Val:
    """The number an input's reading denotes."""
    if domain is None:
        return Val("num", Int(value, None, level=2), nonneg=_nonneg(item))
    bound = 10 ** (domain.digits + domain.places) - 1
    highs = [abs(b.value) for b in item.bounds if b.op in ("<", "<=")]
    lows = [abs(b.value) for b in item.bounds if b.op in (">", ">=")]
    if highs and lows:
        bound = min(bound, int((max(highs + lows)).scaleb(domain.places)) + 1)
    _, wide = int_type(compiler.dialect, domain)
    return Val("num", Int(value, bound, level=2 if wide else 1), None, 10 ** domain.places,
               nonneg=_nonneg(item))


def int_type(dialect: Dialect, domain: Domain) -> tuple[str, bool]:
    """The integer type a figure of this domain is read as, and whether it is the wide one."""
    if dialect.narrow is not None and domain.digits + domain.places <= 18:
        return dialect.narrow, False
    return dialect.wide, True


def _nonneg(item: ir.Input) -> bool:
    return any(b.op in (">=", ">") and b.value >= 0 for b in item.bounds)


# --- The query ----------------------------------------------------------------------------------

@attrs.frozen
class Output:
    """The columns of a scored table, in order: keys, indicators, groups, total, grade, problems."""

    keys: tuple[str, ...]
    indicators: tuple[str, ...]
    groups: tuple[str, ...]
    extra: tuple[str, ...] = ("total", "grade", "problems")

    @property
    def names(self) -> tuple[str, ...]:
        return self.keys + self.indicators + self.groups + self.extra


def output_columns(program: ir.Program, model, keys: Sequence[str]) -> Output:
    """Column names: each indicator and group by its name (its path where names repeat)."""
    indicators = [model.indicators[i.index] for i in program.indicators]
    names = [ind.name for ind in indicators]
    group_names = [g.path[-1] for g in program.groups]
    taken = list(keys) + ["total", "grade", "problems"]
    everything = names + group_names + taken
    out = []
    for name, path in [(n, ind.path) for n, ind in zip(names, indicators)] + \
            [(n, g.path) for n, g in zip(group_names, program.groups)]:
        out.append(name if everything.count(name) == 1 else "/".join(path))
    return Output(tuple(keys), tuple(out[:len(names)]), tuple(out[len(names):]))


@attrs.frozen
class Query:
    """A compiled query and what it is made of."""

    select: exp.Select
    dialect: Dialect
    output: Output
    domains: dict[int, Domain]
    fallback: str | None = None  # the function it calls for rows it leaves to Python, if any

    def sql(self, pretty: bool = True) -> str:
        return self.select.sql(dialect=self.dialect.sqlglot, pretty=pretty)


def compile_query(program: ir.Program, model, dialect: str | Dialect, table: exp.Expression,
                  keys: Sequence[str] = (), reader: Any = None, raw_columns: bool = False,
                  fallback: str | None = None) -> Query:
    """The SELECT scoring every row of `table`.

    `reader` reads the inputs (default: typed columns named as the inputs); `raw_columns` adds
    each input's cell as it was (`_raw0`…), for building Results; `fallback` names a SQL
    function (registered by the caller) that scores a row beyond the domains, given its cells."""
    dialect = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    reader = reader or TypedReader()
    if dialect.digits is None:
        return _compile(program, model, dialect, table, keys, reader, None, raw_columns,
                        fallback)
    last: TooWide | None = None
    for digits in DIGITS:
        try:
            return _compile(program, model, dialect, table, keys, reader,
                            domains(program, digits), raw_columns, fallback)
        except TooWide as error:
            last = error
    raise TooWide(f"the rubric's arithmetic needs more than {dialect.digits} digits in "
                  f"{dialect.name}, even for figures below 10^{DIGITS[-1]}") from last


def _compile(program, model, dialect, table, keys, reader, domain_of, raw_columns,
             fallback) -> Query:
    limit = None if dialect.digits is None else 10 ** dialect.digits - 1
    defaults = {decl.name: decl.default for decl in model.inputs}
    c = Compiler(program, dialect, limit, (str(d) for d in defaults.values()
                                           if isinstance(d, str)))
    key_columns = [quoted(k) for k in keys]

    # Layer 0: the keys, and every input as read.
    first_layer: list[tuple[str, exp.Expression]] = []
    readings: list[tuple[ir.Input, Domain | None, Reading, exp.Column]] = []
    elsewhere: list[exp.Expression] = []
    raws: list[exp.Expression] = []
    pre: list[tuple[str, exp.Expression]] = []
    for position, item in enumerate(program.inputs):
        domain = None if domain_of is None else domain_of.get(item.slot)
        reading = reader.read(c, item, domain, defaults.get(item.name))
        value_name = f"_i{position}"
        first_layer.append((value_name, reading.value))
        c.layer_of[value_name] = 0
        pre += reading.pre
        if reading.elsewhere is not None:
            elsewhere.append(reading.elsewhere(col(value_name)) if callable(reading.elsewhere)
                             else reading.elsewhere)
        if raw_columns or fallback:
            raws.append(reader.column_of(item))
        readings.append((item, domain, reading, col(value_name)))
    flag = c.column(any_of(elsewhere), "x") if elsewhere else None

    # Layer 1: whether the row is clean — every input available. Most rows are, and take the
    # clean path: values and scores with no input's problem to track. The problems of the
    # inputs, and every code that depends on them, are computed only for the other rows.
    tests: list[exp.Expression] = []
    problems: list[tuple[ir.Input, exp.Expression]] = []
    for item, _, reading, column in readings:
        problem = reading.problem(column) if callable(reading.problem) else reading.problem
        if problem is None:
            continue
        ok = reading.ok(column) if callable(reading.ok) else reading.ok
        tests.append(is_null(problem) if ok is None else ok)
        problems.append((item, problem))
    if tests:
        c.ok = c.column(all_of(tests), "ok", layer=1)
        # for a row that is not clean, which inputs have a problem, as bits
        for w in range(0, len(tests), BITS):
            bits = [when([(test, number(0))], number(1 << k))
                    for k, test in enumerate(tests[w:w + BITS])]
            total: exp.Expression = bits[0]
            for b in bits[1:]:
                total = exp.Add(this=total, expression=b)
            c.bad.append(c.column(when([(c.ok, number(0))], exp.Cast(
                this=total, to=c.type("BIGINT"))), "bad"))
    unavail = {}
    for bit, (item, problem) in enumerate(problems):
        guarded = when([(c.clean([bit]), null())], problem)
        unavail[item.slot] = Code(None, c.column(guarded, "p"), frozenset([bit]))
    for item, domain, reading, column in readings:
        kind = item.type.kind
        if kind == "quantity":
            val = input_value(c, item, domain, column)
            val = attrs.evolve(val, unavail=unavail.get(item.slot),
                               positive=_positive(item, defaults.get(item.name)))
        else:
            coded = kind == "level" and item.levels is not None
            val = Val("bool" if kind == "bool" else "text", column,
                      unavail=unavail.get(item.slot), coded=coded,
                      levels=frozenset(c.words[w] for w in item.levels or ()) if coded else None)
        c.slots[item.slot] = val

    # Values in order, then every indicator.
    for value in program.values:
        c.slots[value.slot] = c.store(c.emit(value.expr), "v")
    scores, codes = [], []
    for indicator in program.indicators:
        hundredths, stopped = c.score(indicator)
        scores.append(c.column(hundredths, "s"))
        codes.append(stopped)

    # Python-scored rows: every score and the problems from the fallback's answer.
    answer = None
    if fallback is not None and flag is not None:
        # "h1,h2,…|problems": the scores in hundredths, then the problems (DuckDB only)
        call = exp.Anonymous(this=fallback, expressions=[col(f"_raw{i}")
                                                        for i in range(len(raws))])
        answer = c.column(when([(flag, call)]), "f")
        parts = c.column(exp.Anonymous(this="string_split", expressions=[
            exp.Anonymous(this="split_part", expressions=[answer, text("|"), number(1)]),
            text(",")]), "fs")
        scores = [c.column(when([(flag, exp.Cast(
            this=exp.Anonymous(this="list_extract", expressions=[parts, number(i + 1)]),
            to=c.type("BIGINT")))], s), "s") for i, s in enumerate(scores)]

    # Subtotals, total and grade, in hundredths: each the sum of its parts — its subgroups'
    # subtotals and its own indicators' scores — rescaled where what does not apply is shared
    # out (`ir.Group.scale`), children before their group (groups are in pre-order).
    subtotals: list[exp.Expression] = [exp.Literal.number(0)] * len(program.groups)

    def summed(parts: Iterable[tuple[str, int]]) -> exp.Expression:
        terms = [scores[i] if kind == "indicator" else subtotals[i] for kind, i in parts]
        if not terms:
            return number(0)
        out = terms[0]
        for term in terms[1:]:
            out = exp.Add(this=out, expression=term)
        return out

    def rescaled(e: exp.Expression, scale) -> exp.Expression:
        """⌊(2·h·N + D) ÷ 2D⌋: h hundredths × N ÷ D (the scale in hundredths, weights having
        two places), rounded once half up; 0 ≤ h ≤ D, the most the parts can reach."""
        if scale is None:
            return e
        numerator, denominator = int(scale[0] * 100), int(scale[1] * 100)
        h = Int(e, denominator, _level_of(denominator))
        top = c.add(c.scaled(h, 2 * numerator), literal(denominator))
        if c.dialect.exact_quotient:
            return c.trunc_div(top, literal(2 * denominator))
        return c.floor_div(top, literal(2 * denominator)).e

    for k in reversed(range(len(program.groups))):
        group = program.groups[k]
        parts = group.parts or tuple(("indicator", i) for i in group.indicators)
        subtotals[k] = c.column(rescaled(summed(parts), group.scale), "g")
    if program.top:
        top_parts = program.top
    else:
        covered = {i for g in program.groups if g.depth == 0 for i in g.indicators}
        top_parts = tuple(("group", k) for k, g in enumerate(program.groups) if g.depth == 0) \
            + tuple(("indicator", i.index) for i in program.indicators if i.index not in covered)
    total = c.column(rescaled(summed(top_parts), program.total_scale), "t")
    total_val = Val("num", Int(total, None), None, 100)
    arms = []
    grade: exp.Expression = text("")
    for g in program.grades:
        if g.minimum is None:
            grade = text(g.name)
            break
        arms.append((c.compare(">=" if g.inclusive else ">", total_val, c.number(g.minimum)),
                     text(g.name)))
    if arms:
        grade = when(arms, grade)

    # Problems, as the interpreter lists them: figures, what is missing, then indicators. The
    # text is put together only for a row with a problem.
    pieces: list[Piece] = []
    for item, problem in problems:
        p = unavail[item.slot]
        found = [n for n in _codes_in(problem) if n != 2]
        if found:
            pieces.append(Piece(p.full, [(exp.EQ(this=p.full, expression=number(n)),
                                          f"{code_name(n)} {item.name}") for n in found], p.deps))
    for item, problem in problems:
        if 2 in _codes_in(problem):
            p = unavail[item.slot]
            pieces.append(Piece(p.full, [(exp.EQ(this=p.full, expression=number(2)),
                                          "D002 " + item.name)], p.deps))
    clean_codes = []
    for indicator, stopped in zip(program.indicators, codes):
        if stopped is None:
            continue
        column, clean = stopped
        if clean:
            clean_codes.append(column)
        name = model.indicators[indicator.index].name
        pieces.append(Piece(column, [
            (exp.EQ(this=column, expression=number(5)), "D005 " + name),
            (exp.EQ(this=column, expression=number(6)), "D006 " + name),
            (not_null(column), "D008 " + name)]))
    problems_expr = _join(dialect, pieces, c.clean)
    if c.ok is not None and pieces:
        problems_expr = when([(all_of([c.ok, *(is_null(x) for x in clean_codes)]), text(""))],
                             problems_expr)
    if answer is not None:
        rest = exp.Anonymous(this="substr", expressions=[answer, exp.Add(
            this=exp.Anonymous(this="strpos", expressions=[answer, text("|")]),
            expression=number(1))])
        problems_expr = when([(flag, rest)], problems_expr)

    # Nest the layers: SELECT prev.*, … FROM (…) AS _sK
    # Every column of the table is carried through the layers (a reading's problem, a layer
    # later, may look at its cell); `_t.*` rather than `*`, which Oracle refuses beside others.
    def everything(alias: str) -> exp.Column:
        return exp.Column(this=exp.Star(), table=exp.Identifier(this=alias, quoted=False))

    def aliased(e: exp.Expression, name: str) -> exp.Alias:
        return exp.Alias(this=e, alias=exp.Identifier(this=name, quoted=False))

    def subquery(select: exp.Expression, alias: str) -> exp.Subquery:
        return exp.Subquery(this=select, alias=exp.TableAlias(
            this=exp.Identifier(this=alias, quoted=False)))

    base: exp.Expression = table.copy()
    base.set("alias", exp.TableAlias(this=exp.Identifier(this="_t", quoted=False)))
    if pre:
        inner = exp.Select(expressions=[everything("_t"), *(aliased(e, n) for n, e in pre)])
        inner.set("from_", exp.From(this=base))
        base = subquery(inner, "_t")
    source = exp.Select(expressions=[everything("_t"),
                                     *(aliased(e, n) for n, e in first_layer),
                                     *(aliased(r, f"_raw{i}") for i, r in enumerate(raws))])
    source.set("from_", exp.From(this=base))
    for k, layer in enumerate(c.layers[1:], start=1):
        alias = f"_s{k}"
        if FENCE.get(dialect.name):
            # PostgreSQL pulls a subquery up into its reader, copying each column's expression
            # wherever it is read: layers of layers would grow exponentially. OFFSET 0 keeps
            # every layer computed once.
            source.set("offset", exp.Offset(expression=number(0)))
        outer = exp.Select(expressions=[everything(alias), *(aliased(e, n) for n, e in layer)])
        outer.set("from_", exp.From(this=subquery(source, alias)))
        source = outer
    output = output_columns(program, model, keys)
    score_type = c.type(dialect.score)

    def shown(hundredths: exp.Expression) -> exp.Expression:
        # hundredths as DECIMAL(16, 0) × 0.01: a 64-bit DECIMAL(18, 2) in DuckDB, no rounding
        whole = exp.Cast(this=hundredths, to=c.type("DECIMAL(16, 0)"))
        return exp.Cast(this=exp.Mul(this=whole, expression=number("0.01")), to=score_type)

    def named(e: exp.Expression, name: str) -> exp.Alias:
        return exp.Alias(this=e, alias=exp.Identifier(this=name, quoted=True))

    final = [*key_columns]
    final += [named(shown(s), n) for s, n in zip(scores, output.indicators)]
    final += [named(shown(g), n) for g, n in zip(subtotals, output.groups)]
    final += [named(shown(total), "total"), named(grade, "grade"),
              named(problems_expr, "problems")]
    if raw_columns:
        final += [col(f"_raw{i}") for i in range(len(raws))]
    select = exp.Select(expressions=final)
    select.set("from_", exp.From(this=subquery(source, "_units")))
    return Query(select, dialect, output, domain_of or {}, fallback if answer is not None else None)


def _codes_in(problem: exp.Expression) -> list[int]:
    """The codes a reading's problem can be (its CASE's results), in order."""
    out: set[int] = set()
    for node in problem.find_all(exp.If, exp.Case):
        value = node.args.get("true") if isinstance(node, exp.If) else node.args.get("default")
        if isinstance(value, exp.Literal) and not value.is_string:
            out.add(int(value.this))
    return sorted(out)


def _positive(item: ir.Input, default: Any) -> bool:
    """Above 0 whenever available: its declared range says so, and its default is too."""
    above = any(b.op == ">" and b.value >= 0 or b.op == ">=" and b.value > 0
                for b in item.bounds)
    return above and (default is None or isinstance(default, Decimal) and default > 0)


FENCE = {"postgres": True}


@attrs.frozen
class Piece:
    """One problem's text in the problems column: the arms of a CASE over the code column."""

    column: exp.Expression
    arms: list[tuple[exp.Expression, str]]
    bits: frozenset[int] | None = None  # an input's piece: its bit (NULL where it is clear)


CHUNK = 8  # pieces put together under one test that none of their codes is set


def _join(dialect: Dialect, pieces: list[Piece],
          clear: Callable[[Iterable[int]], exp.Expression | None]) -> exp.Expression:
    """The problems as one text: the pieces that are not NULL, joined by "; ".

    A row has a problem in one or two pieces of a hundred: the pieces go in chunks, each
    put together only where one of its codes is set (testing a code costs an engine far less
    than putting a text together)."""
    if not pieces:
        return text("")
    if not dialect.concat_ws:
        # Oracle: || treats NULL as '': each piece carries its separator, the first one trimmed
        out: exp.Expression = text("")
        for piece in pieces:
            out = exp.DPipe(this=out, expression=when([(t, text("; " + v))
                                                       for t, v in piece.arms]), safe=True)
        return exp.func("LTRIM", out, text("; "))

    def concat(parts: list[exp.Expression]) -> exp.Expression:
        # PostgreSQL takes at most 100 arguments
        return exp.Anonymous(this="CONCAT_WS", expressions=[text("; "), *parts])

    chunks: list[exp.Expression] = []
    for start in range(0, len(pieces), CHUNK):
        group = pieces[start:start + CHUNK]
        quiet = None
        if all(piece.bits is not None for piece in group):
            quiet = clear(frozenset().union(*(piece.bits or () for piece in group)))
        if quiet is None:
            columns: list[exp.Expression] = []
            for piece in group:
                if not any(piece.column is c or isinstance(c, exp.Column) and
                           c.name == piece.column.name for c in columns):
                    columns.append(piece.column)
            quiet = all_of([is_null(c) for c in columns])
        built = concat([when([(t, text(v)) for t, v in piece.arms]) for piece in group])
        # an empty chunk is NULL, so that CONCAT_WS leaves it out
        chunks.append(when([(quiet, null())], exp.Nullif(this=built, expression=text(""))))
    while len(chunks) > 50:
        chunks = [exp.Nullif(this=concat(chunks[i:i + 50]), expression=text(""))
                  for i in range(0, len(chunks), 50)]
    return concat(chunks) if len(chunks) > 1 else exp.Coalesce(this=chunks[0], expressions=[
        text("")])


# --- The table it expects -----------------------------------------------------------------------

def schema(program: ir.Program, model, dialect: str | Dialect, table: str = "units",
           keys: Sequence[str] = ()) -> exp.Create:
    """CREATE TABLE for the columns the query reads: keys as text, each input typed."""
    dialect = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    query = compile_query(program, model, dialect, exp.to_table(table), keys)
    columns = []
    for key in keys:
        columns.append(exp.ColumnDef(this=exp.to_identifier(key, quoted=True),
                                     kind=exp.DataType.build(dialect.text, dialect=dialect.sqlglot)))
    for item in program.inputs:
        columns.append(exp.ColumnDef(this=exp.to_identifier(item.name, quoted=True),
                                     kind=exp.DataType.build(column_type(item, query.domains.get(
                                         item.slot), dialect), dialect=dialect.sqlglot)))
    return exp.Create(this=exp.Schema(this=exp.to_table(table), expressions=columns),
                      kind="TABLE")


def column_type(item: ir.Input, domain: Domain | None, dialect: Dialect) -> str:
    kind = item.type.kind
    if kind == "bool":
        return dialect.boolean
    if kind in ("level", "text"):
        return dialect.text
    if item.type.display == "count":
        return dialect.count
    if domain is None:
        return dialect.quantity
    return domain.column_type(dialect)
