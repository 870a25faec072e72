"""Exact numbers: the arithmetic of the language, with no rounding until the one at the end.

A number while a unit is scored is a `Decimal` when its decimal expansion terminates (figures,
constants, sums, products, most quotients) and a `Fraction` when it does not (2.59 ÷ 2.40).
Every operation here is exact; comparisons between the two kinds are exact in Python already.
A score is rounded once, half up to 0.01 (`round_half_up`), from the exact value.

Decimal operations run in `CONTEXT`: precision far beyond any figure the data checks let through,
with `Inexact` trapped, so a Decimal result is exact or the operation is redone with Fractions.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

Number = Decimal | Fraction

# Figures and constants are bounded (digits before and after the point) by the language's and
# the data's limits, so products and sums of them stay far below this precision; a result that
# would not is an Inexact signal, never a silently rounded number.
CONTEXT = decimal.Context(
    prec=100_000, rounding=ROUND_HALF_UP, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])

# For the one rounding of a score: rounding is the point, so it does not trap as inexact.
ROUNDING = decimal.Context(prec=100_000, rounding=ROUND_HALF_UP, Emax=decimal.MAX_EMAX,
                           Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation])

# For showing a Fraction as a decimal (a rate, a value in a trace): never used to score.
DISPLAY = decimal.Context(prec=28, rounding=ROUND_HALF_UP, Emax=decimal.MAX_EMAX,
                          Emin=decimal.MIN_EMIN, traps=[])

CENT = Decimal("0.01")
ZERO = Decimal(0)


def normal(x: Fraction) -> Number:
    """A Fraction as a Decimal when its decimal expansion terminates."""
    d = x.denominator
    if d == 1:
        return Decimal(x.numerator)
    twos = (d & -d).bit_length() - 1
    rest = d >> twos
    fives = 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return x
    places = max(twos, fives)
    scaled = x.numerator * (10 ** places // d)
    return Decimal(scaled).scaleb(-places, CONTEXT)


def _fraction(x: Number) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


def add(a: Number, b: Number) -> Number:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return CONTEXT.add(a, b)
    return normal(_fraction(a) + _fraction(b))


def subtract(a: Number, b: Number) -> Number:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return CONTEXT.subtract(a, b)
    return normal(_fraction(a) - _fraction(b))


def multiply(a: Number, b: Number) -> Number:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return CONTEXT.multiply(a, b)
    return normal(_fraction(a) * _fraction(b))


# Quotients are tried at this precision: an exact quotient of figures fits in it; one that does
# not end is found out after 60 digits, not after CONTEXT's 100,000.
_QUOTIENT = decimal.Context(prec=60, rounding=ROUND_HALF_UP, Emax=decimal.MAX_EMAX,
                            Emin=decimal.MIN_EMIN,
                            traps=[decimal.Inexact, decimal.InvalidOperation,
                                   decimal.DivisionByZero, decimal.Overflow])


def divide(a: Number, b: Number) -> Number:
    """a ÷ b, exact; b ≠ 0 (the caller reports a zero divisor as the data problem it is)."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        try:
            return _QUOTIENT.divide(a, b)
        except decimal.Inexact:
            pass
    return normal(_fraction(a) / _fraction(b))


def negate(a: Number) -> Number:
    return CONTEXT.minus(a) if isinstance(a, Decimal) else -a


def floor(a: Number) -> Decimal:
    if isinstance(a, Decimal):
        return a.to_integral_value(ROUND_FLOOR, CONTEXT)
    return Decimal(a.numerator // a.denominator)


def ceil(a: Number) -> Decimal:
    if isinstance(a, Decimal):
        return a.to_integral_value(ROUND_CEILING, CONTEXT)
    return Decimal(-(-a.numerator // a.denominator))


def round_half_up(a: Number, places: int = 2) -> Decimal:
    """`a` rounded half away from zero to `places` decimals, from its exact value."""
    exponent = Decimal(1).scaleb(-places)
    if isinstance(a, Decimal):
        return a.quantize(exponent, ROUND_HALF_UP, ROUNDING)
    scaled = a * 10 ** places
    whole = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(whole if scaled >= 0 else -whole).scaleb(-places, CONTEXT)


def score(raw: Number, weight: Decimal) -> Decimal:
    """A score: the exact raw result clamped to [0, weight], rounded once to 0.01 half up."""
    if raw >= weight:
        return weight.quantize(CENT, ROUND_HALF_UP, ROUNDING)
    if raw <= 0:
        return Decimal("0.00")
    return round_half_up(raw, 2)


def approx(a: Number) -> Decimal:
    """A Decimal for showing `a`: itself when exact, else 28 significant digits."""
    if isinstance(a, Decimal):
        return a
    return DISPLAY.divide(Decimal(a.numerator), Decimal(a.denominator))


def is_number(value: object) -> bool:
    return isinstance(value, (Decimal, Fraction)) and not isinstance(value, bool)
