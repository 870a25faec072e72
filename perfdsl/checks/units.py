"""Types and units of values, and the table of what each operator does with them.

A value is a quantity with a unit (万元, 人, or none for a rate), a yes/no, a level of a scale,
or text. Dividing 万元 by 万元 gives a rate; adding 万元 to 人 is an error. A plain number
literal (`1`, `100`) takes whatever unit the other operand has, so `在职人员数 - 1` is fine;
a percent literal (`95%`) is a rate.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs

# Money units and their size in 元: a figure written 4000元 for a 万元 input is converted.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000),
    "yuan": Decimal(1), "CNY": Decimal(1),
}

ANY_UNIT = "*"  # the unit of a plain number literal: adopts the other operand's unit


@attrs.frozen
class Type:
    kind: str  # quantity, bool, level, text
    unit: str = ""  # for quantities: "" (a rate or plain number), 万元, 人, 万元/人, or ANY_UNIT
    scale: str | None = None  # for levels
    display: str = "number"  # money, count, percent, ratio, number, points: how values print

    def describe(self, lang: str = "en") -> str:
        """The type in words, for diagnostics: "money (万元)", "a rate"."""
        return _described(self, lang)

    def _describe(self, words: dict[str, str]) -> str:
        if self.kind == "quantity":
            if self.unit in ("", ANY_UNIT):
                return words[self.display if self.display in ("percent", "ratio") else "number"]
            if self.unit.split("/")[0] in MONEY_UNITS:
                return words["money"].format(unit=self.unit)
            return words["count"].format(unit=self.unit)
        if self.kind == "level":
            return words["level"].format(scale=self.scale or "?")
        return words[self.kind]

    @property
    def is_quantity(self) -> bool:
        return self.kind == "quantity"


@functools.lru_cache(maxsize=512)
def _described(type_: Type, lang: str) -> str:
    # Remembered: a bad figure's diagnostic says it for every unit of a batch.
    return type_._describe(_WORDS[lang])


_WORDS = {
    "en": {"number": "a number", "percent": "a percentage", "ratio": "a ratio",
           "money": "money ({unit})", "count": "a count ({unit})", "bool": "yes/no",
           "level": "a level of scale `{scale}`", "text": "text",
           "error": "a value with an error"},
    "zh": {"number": "数值", "percent": "百分比", "ratio": "比率", "money": "金额（{unit}）",
           "count": "数量（{unit}）", "bool": "是/否", "level": "量表 `{scale}` 的等次", "text": "文本",
           "error": "有错误的值"},
}

NUMBER = Type("quantity", ANY_UNIT)
RATE = Type("quantity", "", display="percent")
PLAIN = Type("quantity", "")
BOOL = Type("bool")
TEXT = Type("text")


def declared(kind: str, argument: str | None) -> Type:
    """The type of an input declared `kind(argument)`."""
    if kind == "money":
        return Type("quantity", argument or "万元", display="money")
    if kind == "count":
        return Type("quantity", argument or "个", display="count")
    if kind in ("percent", "ratio"):
        return Type("quantity", "", display=kind)
    if kind == "number":
        return PLAIN
    if kind == "level":
        return Type("level", scale=argument)
    return BOOL if kind == "bool" else TEXT


def unify_units(left: Type, right: Type) -> str | None:
    """The common unit of two quantities for + − and comparisons, or None if they differ."""
    if left.unit == ANY_UNIT:
        return right.unit
    if right.unit == ANY_UNIT or left.unit == right.unit:
        return left.unit
    return None


def _display(left: Type, right: Type) -> str:
    if left.unit == ANY_UNIT:
        return right.display
    if right.unit == ANY_UNIT:
        return left.display
    return left.display if left.display == right.display else "number"


def arithmetic(op: str, left: Type, right: Type) -> Type | None:
    """The type of `left op right` for + − * /, or None when the units make no sense."""
    if not (left.is_quantity and right.is_quantity):
        return None
    if op in "+-":
        unit = unify_units(left, right)
        return None if unit is None else Type("quantity", unit, display=_display(left, right))
    if op == "*":
        dimensionless = ("", ANY_UNIT)
        if left.unit in dimensionless and right.unit in dimensionless:
            unit = "" if "" in (left.unit, right.unit) else ANY_UNIT
            return Type("quantity", unit, display=_display(left, right))
        if left.unit in dimensionless:
            return Type("quantity", right.unit, display=right.display)
        if right.unit in dimensionless:
            return Type("quantity", left.unit, display=left.display)
        return None
    # Division
    if right.unit in ("", ANY_UNIT):
        return Type("quantity", left.unit, display=left.display)
    if left.unit == ANY_UNIT:
        return None if right.unit else Type("quantity", "", display="number")
    if left.unit == right.unit:
        return RATE
    if left.unit in MONEY_UNITS and right.unit in MONEY_UNITS:
        return None  # 元 ÷ 万元: declare both in one money unit rather than guess the scale
    if left.unit == "":
        return None
    return Type("quantity", f"{left.unit}/{right.unit}", display="number")

ERROR = Type("error")  # the type of an expression that already has a diagnostic: never reported again
