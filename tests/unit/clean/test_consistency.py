"""Growth-rate consistency checks respect the rounding of every figure."""

import pandas as pd
import pytest

from helpers.clean.consistency import growth_consistency

INDICATORS = pd.DataFrame({"growth_of": {"va": "", "va_growth": "va", "n": "", "n_growth": "n"}})


def fig(indicator, period, value, resolution=1.0, qualifier="="):
    return {
        "indicator": indicator, "period": period, "kind": "actual", "value": value,
        "resolution": resolution, "qualifier": qualifier,
    }  # fmt: skip


def checks(*rows) -> pd.DataFrame:
    return growth_consistency(pd.DataFrame(list(rows)), INDICATORS).set_index("period")


def test_seed_value_added_checks_pass_within_rounding():
    result = checks(
        fig("va", 2014, 373, qualifier="~"), fig("va", 2015, 439), fig("va", 2016, 520),
        fig("va_growth", 2015, 17.6, 0.1), fig("va_growth", 2016, 18.3, 0.1),
    )  # fmt: skip
    assert result.status.tolist() == ["pass", "pass"]
    assert result.loc[2015, "implied_lower"] == pytest.approx(100 * (438.5 / 373.5 - 1))
    assert result.loc[2015, "implied_upper"] == pytest.approx(100 * (439.5 / 372.5 - 1))
    assert result.loc[2016, "implied_pct"] == pytest.approx(100 * (520 / 439 - 1))
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
    assert result.loc[2016, "detail"] == "no stated level for 2015"
