"""Consistency checks: growth rates against their levels within rounding, figures an order of
magnitude from their indicator's others, the derived stock against the stated one."""

import pandas as pd
import pytest

from helpers.clean.consistency import (
    derived_against_stated,
    growth_consistency,
    magnitude_failures,
)

INDICATORS = pd.DataFrame(
    {
        "growth_of": {"va": "", "va_growth": "va", "n": "", "n_growth": "n", "share": ""},
        "measure": {"va": "level", "va_growth": "growth", "n": "level", "n_growth": "growth",
                    "share": "level"},
        "unit": {"va": "IDR", "va_growth": "%", "n": "unit", "n_growth": "%", "share": "%"},
    }
)  # fmt: skip


def fig(indicator, period, value, resolution=1.0, qualifier="=", source="a", kind="actual"):
    return {
        "indicator": indicator, "period": period, "subperiod": "", "kind": kind, "value": value,
        "lower": value, "upper": value, "resolution": resolution, "qualifier": qualifier,
        "source_id": source, "note": "",
    }  # fmt: skip


def checks(*rows, stated=None) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    extra = None if stated is None else pd.DataFrame(stated)
    return growth_consistency(frame, INDICATORS, extra).set_index("period")


def test_seed_value_added_checks_pass_within_rounding():
    result = checks(
        fig("va", 2014, 373, qualifier="~"), fig("va", 2015, 439), fig("va", 2016, 520),
        fig("va_growth", 2015, 17.6, 0.1), fig("va_growth", 2016, 18.3, 0.1),
    )  # fmt: skip
    assert result.status.tolist() == ["pass", "pass"]
    assert set(result.check) == {"growth"}
    assert result.loc[2015, "expected_lower"] == pytest.approx(100 * (438.5 / 373.5 - 1))
    assert result.loc[2015, "expected_upper"] == pytest.approx(100 * (439.5 / 372.5 - 1))
    assert result.loc[2016, "expected"] == pytest.approx(100 * (520 / 439 - 1))
    assert "2014 is approximate" in result.loc[2015, "detail"]


def test_a_growth_rate_the_levels_cannot_give_fails():
    result = checks(fig("va", 2015, 439), fig("va", 2016, 520), fig("va_growth", 2016, 18.8, 0.1))
    assert result.loc[2016, "status"] == "fail"  # levels allow 18.20% to 18.70%


def test_just_inside_rounding_passes():
    # the levels allow up to 520.5 / 438.5 - 1 = 18.70%; a stated 18,7 reaches down to 18.65
    ok = checks(fig("va", 2015, 439), fig("va", 2016, 520), fig("va_growth", 2016, 18.7, 0.1))
    assert ok.loc[2016, "status"] == "pass"


def test_missing_level_is_not_checkable():
    result = checks(fig("n", 2016, 165983), fig("n_growth", 2016, 4.5, 0.1))
    assert result.loc[2016, "status"] == "not checkable"
    assert result.loc[2016, "detail"].endswith("no stated level for 2015")


def test_a_growth_rate_is_checked_against_the_levels_of_its_own_source_where_it_states_them():
    # the levels used come from another, more precise source; the rate was computed from its own
    used = [fig("va", 2015, 439.86, 0.01, source="b"), fig("va", 2016, 510.88, 0.01, source="b"),
            fig("va_growth", 2016, 18.3, 0.1)]  # fmt: skip
    own = [fig("va", 2015, 439), fig("va", 2016, 520)]
    assert checks(*used).loc[2016, "status"] == "fail"
    result = checks(*used, stated=used + own)
    assert result.loc[2016, "status"] == "pass"
    assert "its own source's" in result.loc[2016, "detail"]


def test_a_figure_an_order_of_magnitude_from_the_others_of_its_indicator_fails():
    stated = pd.DataFrame(
        [fig("n", 2015, 3.68e6), fig("n", 2016, 4.41e6), fig("n", 2017, 4.59, source="b"),
         fig("n", 2019, 4.4e6)]
    )  # fmt: skip
    failed = magnitude_failures(stated, stated, INDICATORS)
    assert failed.stated.tolist() == [4.59]
    assert failed.expected.tolist() == [4.4e6]  # the median of the other three
    assert (failed.check.tolist(), failed.status.tolist()) == (["magnitude"], ["fail"])


def test_a_target_is_checked_against_the_stated_actuals():
    actuals = pd.DataFrame(
        [fig("n", y, v) for y, v in [(2015, 1e7), (2016, 1.03e7), (2019, 1.05e7)]]
    )
    target = pd.DataFrame([fig("n", 2017, 4e5, kind="target"), fig("n", 2018, 2e6, kind="target")])
    failed = magnitude_failures(target, actuals, INDICATORS)
    assert failed.stated.tolist() == [4e5]  # 2e6 is less than an order of magnitude off


def test_the_magnitude_check_needs_two_other_figures_and_spares_growth_and_percent():
    two = pd.DataFrame([fig("n", 2016, 1e6), fig("n", 2017, 5.0)])
    assert magnitude_failures(two, two, INDICATORS).empty  # which of two is wrong is unknown
    rates = pd.DataFrame([fig("share", y, v) for y, v in [(2015, 90), (2016, 99), (2017, 1)]])
    assert magnitude_failures(rates, rates, INDICATORS).empty


def test_the_derived_stock_is_compared_with_the_stated_one_which_is_used():
    stated = pd.DataFrame(
        [fig("n", 2015, 3.68e6, 1e4, source="okezone"), fig("n", 2016, 4.41e6, 1e4)]
    )
    bounds = [{"lower": 3.65e6, "upper": 3.73e6}, {"lower": 3.81e6, "upper": 3.9e6}]
    derived = pd.DataFrame(
        [fig("n", 2015, 3688511.0, kind="derived") | bounds[0],
         fig("n", 2016, 3854494.0, kind="derived") | bounds[1]]
    )  # fmt: skip
    result = derived_against_stated(derived, stated).set_index("period")
    assert result.status.tolist() == ["pass", "fail"]
    assert result.loc[2016, "stated"] == 4.41e6 and result.loc[2016, "expected"] == 3854494.0
    assert "-12.6%" in result.loc[2016, "detail"] and result.loc[2015, "source_id"] == "okezone"
