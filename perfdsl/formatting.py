"""How figures read on the form: 61.68%, 40.11万元, 8人, 3.00 — one place for every report.

Display rounding is ROUND_HALF_UP to two decimals for rates (as percentages) and money, and
for scores; it never feeds back into scoring, which works on exact values.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from typing import Any

from perfdsl.checks.units import ANY_UNIT, MONEY_UNITS, Type

CENT = Decimal("0.01")
_DISPLAY = Context(prec=1000, Emax=MAX_EMAX, Emin=MIN_EMIN)


def plain(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 20, 2.5, 0.3.

    Stripped as text, not with `normalize()`, which rounds to the caller's decimal context."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def fixed(value: Decimal, places: int = 2) -> str:
    """A decimal rounded half up to `places` decimals: 61.68, 3.00."""
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
    if not isinstance(value, Decimal):
        return str(value)
    if type_ is None or type_.kind != "quantity":
        return plain(value)
    if type_.display in ("percent", "ratio") or (type_.unit == "" and type_.display != "number"):
        return percent(value)
    if type_.unit.split("/")[0] in MONEY_UNITS:
        return money(value, type_.unit)
    if type_.unit in ("", ANY_UNIT) or "/" in type_.unit:
        return plain(value) if value == value.to_integral_value() else fixed(value, 2)
    count = plain(value) if value == value.to_integral_value() else fixed(value, 2)
    return count + type_.unit
