"""How figures read on the form: 61.68%, 40.11万元, 8人, 3.00 — one place for every report.

Display rounding is ROUND_HALF_UP to two decimals for rates (as percentages) and money, and
for scores; it never feeds back into scoring, which works on exact values.

Every function here is total over Decimals: it returns text of bounded length, in bounded
time, whatever it is given. Figures from data files are bounded (perfdsl.data.figures), but
values computed from them, or made in a template, can be far larger or smaller; a number
beyond `POSITIONAL` digits either side of the point is written in scientific form
(`1.00E+45`), never as a thousand digits, and NaN or infinity as `NaN`, `∞`, `-∞`.
"""

from __future__ import annotations

import decimal
from fractions import Fraction
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from typing import Any

from perfdsl.checks.units import ANY_UNIT, MONEY_UNITS, Type

CENT = Decimal("0.01")
POSITIONAL = 40  # digits before (or zeros after) the point still written out in full
# Display only: enough digits that anything written out in full is exact, and no trap.
_DISPLAY = Context(prec=2 * POSITIONAL + 100, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP,
                   traps=[])
# A value that does not end as a decimal (a Fraction, perfdsl.core.exact) shown to 28 digits.
_SHORT = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP, traps=[])


_LINE = {"zh": ("第 {line} 行", "{file} 第 {line} 行"), "en": ("line {line}", "{file}, line {line}")}


def line_of(line: int, file: str | None, lang: str = "zh") -> str:
    """Where in a rubric: `第 12 行`, or — in a template the rubric builds on —
    `department-framework.rubric 第 12 行` (`perfdsl.language.source.file_of`)."""
    own, other = _LINE[lang]
    return own.format(line=line) if file is None else other.format(line=line, file=file)


def plain(value: Decimal | Fraction) -> str:
    """A decimal without trailing zeros or exponent: 20, 2.5, 0.3 (a fraction that does not end
    as a decimal: 28 significant digits).

    Stripped as text, not with `normalize()`, which rounds to the caller's decimal context."""
    if isinstance(value, Fraction):
        value = _SHORT.divide(Decimal(value.numerator), Decimal(value.denominator))
    if not value.is_finite():
        return _non_finite(value)
    if value and abs(value.adjusted()) > POSITIONAL:
        return _scientific(value, None)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def plain_size(value: Decimal) -> int:
    """len(plain(value)), for measuring text before it is made."""
    return len(plain(value))


def fixed(value: Decimal | Fraction, places: int = 2) -> str:
    """A number rounded half up to `places` decimals, from its exact value: 61.68, 3.00."""
    if isinstance(value, Fraction):
        scaled = value * 10 ** places
        whole = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
        value = Decimal(whole if scaled >= 0 else -whole).scaleb(-places, _DISPLAY)
    if not value.is_finite():
        return _non_finite(value)
    if value and value.adjusted() > POSITIONAL:
        return _scientific(value, places)
    exponent = Decimal(1).scaleb(-places)
    text = format(value.quantize(exponent, ROUND_HALF_UP, context=_DISPLAY), "f")
    return "0.00" if text in ("-0.00", "-0") and places == 2 else text


def score(value: Decimal) -> str:
    return fixed(value, 2)


def weight(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def percent(value: Decimal) -> str:
    if isinstance(value, Fraction):
        return fixed(value * 100, 2) + "%"
    if not value.is_finite():
        return _non_finite(value) + "%"
    return fixed(value.scaleb(2, context=_DISPLAY), 2) + "%"


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
    return not value.is_finite() or value == value.to_integral_value(context=_DISPLAY)


def _scientific(value: Decimal, places: int | None) -> str:
    """1.23E+45: `places` digits after the point (None: as many as the value has, up to 28)."""
    digits = len(value.as_tuple().digits)
    shown = min(digits - 1, 27) if places is None else places
    with decimal.localcontext(_DISPLAY):
        return format(value, f".{shown}E")


def _non_finite(value: Decimal) -> str:
    if value.is_nan():
        return "NaN"
    return "-∞" if value.is_signed() else "∞"
