"""helpers.core.parameters: a notebook parameter outside its allowed values stops with the
parameter, its value and the allowed values named."""

import math
from fractions import Fraction

import pytest

from helpers.core.parameters import check_choice, check_choices, check_level

READINGS = ("increase", "stock")


@pytest.mark.parametrize("value", ["increase", "stock"])
def test_check_choice_accepts_an_allowed_value(value):
    assert check_choice("units_reading", value, READINGS) is None


def test_check_choice_refuses_another_value_naming_the_allowed_ones():
    with pytest.raises(
        ValueError,
        match=r"^parameter units_reading='stok' is not allowed; "
        r"choose one of \['increase', 'stock'\]$",
    ):
        check_choice("units_reading", "stok", READINGS)


def test_check_choice_compares_values_exactly():
    with pytest.raises(ValueError, match=r"^parameter lang='EN' is not allowed"):
        check_choice("lang", "EN", ["en", "id"])
    with pytest.raises(ValueError, match=r"^parameter year=2016 is not allowed; .* \['2016'\]$"):
        check_choice("year", 2016, ["2016"])


def test_check_choice_takes_allowed_values_from_any_iterable_once():
    allowed = (name for name in ["en", "id"])
    with pytest.raises(ValueError, match=r"choose one of \['en', 'id'\]$"):
        check_choice("lang", "fr", allowed)
    assert check_choice("lang", "id", iter(["en", "id"])) is None


@pytest.mark.parametrize("values", [["naive"], ["drift", "naive"], ("linear",)])
def test_check_choices_accepts_a_non_empty_list_of_allowed_values(values):
    assert check_choices("models", values, ["naive", "drift", "linear"]) is None


@pytest.mark.parametrize(
    ("values", "shown"),
    [("naive", "'naive'"), ("", "''"), ([], r"\[\]"), ((), r"\(\)"), (None, "None")],
)
def test_check_choices_refuses_a_string_or_an_empty_list(values, shown):
    with pytest.raises(
        ValueError,
        match=rf"^parameter models={shown} must be a non-empty list of \['naive', 'drift'\]$",
    ):
        check_choices("models", values, iter(["naive", "drift"]))


def test_check_choices_names_the_first_value_not_allowed():
    with pytest.raises(
        ValueError,
        match=r"^parameter models='arima' is not allowed; choose one of \['naive', 'drift'\]$",
    ):
        check_choices("models", ["naive", "arima", "prophet"], ["naive", "drift"])


@pytest.mark.parametrize(
    ("level", "expected"), [(0.95, 0.95), (0.5, 0.5), (1e-9, 1e-9), (0.999999, 0.999999)]
)
def test_check_level_returns_a_level_strictly_between_0_and_1(level, expected):
    assert check_level(level) == expected


def test_check_level_returns_a_float_for_other_numbers():
    assert type(check_level(0.8)) is float
    result = check_level(Fraction(4, 5))
    assert type(result) is float and result == 0.8


@pytest.mark.parametrize(
    ("level", "shown"),
    [
        (0, "0"),
        (1, "1"),
        (0.0, r"0\.0"),
        (1.0, r"1\.0"),
        (95, "95"),
        (-0.5, r"-0\.5"),
        (math.inf, "inf"),
        (math.nan, "nan"),
        (True, "True"),
        (False, "False"),
    ],
)
def test_check_level_refuses_numbers_outside_the_open_interval(level, shown):
    with pytest.raises(
        ValueError, match=rf"^parameter level={shown} must lie strictly between 0 and 1, e\.g\. "
    ):
        check_level(level)


@pytest.mark.parametrize(
    ("level", "shown"),
    [("high", "'high'"), ("", "''"), (None, "None"), ([0.9], r"\[0\.9\]"), ({}, r"\{\}")],
)
def test_check_level_refuses_non_numbers(level, shown):
    with pytest.raises(
        ValueError,
        match=rf"^parameter level={shown} must lie strictly between 0 and 1, e\.g\. 0\.95$",
    ):
        check_level(level)
