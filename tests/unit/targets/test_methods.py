"""helpers.targets.methods: the Eurostat and UN ESCAP progress methods, recomputed here."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from support import STOCK_2015, STOCK_2016, STOCK_TARGET

from helpers.targets import methods as tg


def test_cagr_matches_formula():
    assert tg.cagr(373e12, 520e12, 2) == pytest.approx((520 / 373) ** 0.5 - 1)
    assert tg.cagr(100, 50, 1) == pytest.approx(-0.5)


@pytest.mark.parametrize(
    ("first", "last", "years", "match"),
    [(0, 1, 1, "first_value"), (1, -1, 1, "last_value"), (1, 2, 0, "years"), (1, 2, -3, "years")],
)
def test_cagr_rejects_bad_input(first, last, years, match):
    with pytest.raises(ValueError, match=match):
        tg.cagr(first, last, years)


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        (2.0, "significant progress"),
        (0.95, "significant progress"),
        (np.nextafter(0.95, 0), "moderate progress"),
        (0.60, "moderate progress"),
        (np.nextafter(0.60, 0), "insufficient progress"),
        (0.0, "insufficient progress"),
        (-1e-12, "movement away"),
        (-3.0, "movement away"),
    ],
)
def test_eurostat_category_boundaries(ratio, category):
    assert tg.eurostat_category(ratio) == category


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        (1.5, "maintain progress"),
        (1.0, "maintain progress"),
        (np.nextafter(1.0, 0), "accelerate"),
        (0.0, "accelerate"),
        (-1e-12, "reverse trend"),
    ],
)
def test_escap_category_boundaries(ratio, category):
    assert tg.escap_category(ratio) == category


@pytest.mark.parametrize("func", [tg.eurostat_category, tg.escap_category])
def test_categories_refuse_nan(func):
    with pytest.raises(ValueError, match="NaN"):
        func(math.nan)


def test_eurostat_assessment_and_guard():
    obs, req, ratio, cat = tg.eurostat_assessment(
        [2015, 2016], [STOCK_2015, STOCK_2016], 2017, STOCK_TARGET
    )
    exp_obs = STOCK_2016 / STOCK_2015 - 1
    exp_req = (STOCK_TARGET / STOCK_2015) ** 0.5 - 1
    assert (obs, req, ratio) == pytest.approx((exp_obs, exp_req, exp_obs / exp_req))
    assert cat == "moderate progress"
    *_, ratio, cat = tg.eurostat_assessment([2015, 2016], [100.0, 110.0], 2018, 90.0)
    assert math.isnan(ratio) and cat == tg.ALREADY_MET
    *_, ratio, cat = tg.eurostat_assessment([2015, 2016], [100.0, 110.0], 2018, 100.0)
    assert math.isnan(ratio) and cat == "target already met at base year"


def test_escap_ratio_and_guard():
    assert tg.escap_ratio(100.0, 130.0, 120.0) == pytest.approx(30 / 20)
    assert tg.escap_assessment(100.0, 60.0, 120.0) == (pytest.approx(-2.0), "reverse trend")
    assert math.isnan(tg.escap_ratio(100.0, 130.0, 100.0))
    assert tg.escap_assessment(100.0, 130.0, 90.0)[1] == tg.ALREADY_MET


def test_gap():
    assert tg.gap(173.0, 182.0) == pytest.approx((-9.0, -9.0 / 182.0 * 100))
    absolute, pct = tg.gap(5.0, 0.0)
    assert absolute == 5.0 and math.isnan(pct)


def test_is_met_open_bound():
    assert tg.is_met(120.0, 120.0, ">=")
    assert tg.is_met(120.0, 120.0, "=")
    assert not tg.is_met(120.0, 120.0, ">")
    assert tg.is_met(120.1, 120.0, ">")
    with pytest.raises(ValueError, match="qualifier"):
        tg.is_met(1.0, 1.0, "<")


def test_growth_probability_and_interval_pure():
    rate, se, df = 0.18, 0.02, 1
    b = math.log(1.18)
    expected = stats.t.sf((math.log(1.10) - b) / se, df)
    assert tg.growth_prob_above(rate, se, df, 0.10) == pytest.approx(expected)
    q = stats.t.ppf(0.9, df)
    assert tg.growth_interval(rate, se, df, 0.8) == pytest.approx(
        (math.exp(b - q * se) - 1, math.exp(b + q * se) - 1)
    )
