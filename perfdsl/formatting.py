"""How figures read on the form: 61.68%, 40.11万元, 8人, 3.00 — one place for every report.

Display rounding is ROUND_HALF_UP to two decimals for rates (as percentages) and money, and
for scores; it never feeds back into scoring, which works on exact values.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Any

from perfdsl.checks.units import ANY_UNIT, MONEY_UNITS, Type

CENT = Decimal("0.01")
_DISPLAY = Context(prec=1000, Emax=MAX_EMAX, Emin=MIN_EMIN)
_SHORT = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)


def plain(value: Decimal | Fraction) -> str:
    """A decimal without trailing zeros or exponent: 20, 2.5, 0.3 (a fraction that does not end
    as a decimal: 28 significant digits).

    Stripped as text, not with `normalize()`, which rounds to the caller's decimal context."""
    if isinstance(value, Fraction):
        value = _SHORT.divide(Decimal(value.numerator), Decimal(value.denominator))
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def fixed(value: Decimal | Fraction, places: int = 2) -> str:
    """A number rounded half up to `places` decimals, from its exact value: 61.68, 3.00."""
    if isinstance(value, Fraction):
        scaled = value * 10 ** places
        whole = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
        value = Decimal(whole if scaled >= 0 else -whole).scaleb(-places, _DISPLAY)
    exponent = Decimal(1).scaleb(-places)
    # Display only: enough digits for any figure, however absurd, to print rather than trap.
    text = format(value.quantize(exponent, ROUND_HALF_UP, context=_DISPLAY), "f")
    return "0.00" if text in ("-0.00", "-0") and places == 2 else text


def score(value: Decimal) -> str:
    return fixed(value, 2)


def weight(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def percent(value: Decimal) -> str:
    return fixed(value * 100, 2) + "%"


def money(value: Decimal, unit: str = "万元", with_unit: bool = True) -> str:
    return fixed(value, 2) + (unit if with_unit else "")


def value(value: Any, type_: Type | None, lang: str = "zh") -> str:
    """A computed or entered value as the form writes it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        return value
    if not isinstance(value, (Decimal, Fraction)):
        return str(value)
    if type_ is None or type_.kind != "quantity":
        return plain(value)
    if type_.display in ("percent", "ratio") or (type_.unit == "" and type_.display != "number"):
        return percent(value)
    if type_.unit.split("/")[0] in MONEY_UNITS:
        return money(value, type_.unit)
    if type_.unit in ("", ANY_UNIT) or "/" in type_.unit:
        return plain(value) if _whole(value) else fixed(value, 2)
    count = plain(value) if _whole(value) else fixed(value, 2)
    return count + type_.unit


def _whole(value: Decimal | Fraction) -> bool:
    if isinstance(value, Fraction):
        return value.denominator == 1
    return value == value.to_integral_value()
