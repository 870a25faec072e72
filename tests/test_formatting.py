"""perfdsl.formatting is total (issue 9, item 5): every formatter turns any Decimal — huge,
tiny, NaN, infinite, in any caller's decimal context — into short text, without raising and
without building a number of a million digits; and the reports built on it stay total."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdsl import formatting as fmt
from perfdsl.checks.units import Type

D = Decimal

# Any Decimal at all: built from its digits and exponent, so nothing is rounded on the way.
any_decimal = st.one_of(
    st.builds(lambda sign, digits, exponent: Decimal((sign, digits, exponent)),
              st.integers(0, 1), st.lists(st.integers(0, 9), min_size=1, max_size=60).map(tuple),
              st.integers(-1_100_000, 1_100_000)),
    st.builds(lambda sign, digits, exponent: Decimal((sign, digits, exponent)),
              st.integers(0, 1), st.lists(st.integers(0, 9), min_size=1, max_size=40).map(tuple),
              st.integers(-60, 60)),
    st.sampled_from([D("NaN"), D("-NaN"), D("Infinity"), D("-Infinity"), D("0E-1000000"),
                     D("-0"), D("1E+999999999"), D("1E-999999999")]),
)
TYPES = [None, Type("quantity", "万元", display="money"), Type("quantity", "", display="percent"),
         Type("quantity", "", display="ratio"), Type("quantity", "人", display="count"),
         Type("quantity", "", display="number"), Type("quantity", "万元/人", display="money"),
         Type("quantity", "个", display="count")]


@given(any_decimal, st.sampled_from(TYPES), st.sampled_from([2, 28, 1000]))
def test_every_formatter_is_total_and_short(value, type_, precision):
    """plain, fixed, score, weight, percent, money and value return text of at most ~100
    characters for any Decimal (beyond 40 digits either side of the point, in scientific
    form), in any caller's context, and never raise."""
    with decimal.localcontext(decimal.Context(prec=precision)):
        texts = [fmt.plain(value), fmt.fixed(value), fmt.fixed(value, 0), fmt.score(value),
                 fmt.weight(value), fmt.percent(value), fmt.money(value),
                 fmt.value(value, type_), fmt.value(value, type_, "en")]
    for text in texts:
        assert isinstance(text, str) and 0 < len(text) <= 130, (value, text)
    if value.is_finite() and value and abs(value.adjusted()) <= 30 and len(value.as_tuple().digits) <= 40:
        assert D(fmt.plain(value)) == value  # written out in full, exactly


@pytest.mark.parametrize("value,expected", [
    (D("61.68"), "61.68"), (D("1E+45"), "1E+45"), (D("1.234567E+50"), "1.234567E+50"),
    (D("1E-45"), "1E-45"), (D("NaN"), "NaN"), (D("-Infinity"), "-∞"), (D("0E+99"), "0"),
    (D("1" + "0" * 40), "1" + "0" * 40)])
def test_plain_writes_out_what_a_reader_can_read(value, expected):
    """Up to 40 digits either side of the point a number is written out; beyond, in
    scientific form; NaN and infinities by name."""
    assert fmt.plain(value) == expected


@pytest.mark.parametrize("value,expected", [
    (D("1E+1000"), "1.00E+1000"), (D("1E-1000"), "0.00"), (D("-1E-1000"), "0.00"),
    (D("0.005"), "0.01"), (D("444444444444444444444444444444.555"),
                           "444444444444444444444444444444.56")])
def test_fixed_rounds_half_up_and_never_traps(value, expected):
    """fixed() of a figure with 1,000 digits or a divisor of 1e-1000 (InvalidOperation before)
    and of a value of 31 digits (beyond the evaluator's 28)."""
    assert fmt.fixed(value) == expected


def test_percent_of_an_extreme_value():
    """percent() moves the point exactly, without Overflow in a caller's narrow context."""
    with decimal.localcontext(decimal.Context(Emax=10, traps=[decimal.Overflow])):
        assert fmt.percent(D("1E+999999")) == "1.00E+1000001%"
        assert fmt.percent(D("0.8999999999999999999999999999999")) == "90.00%"
