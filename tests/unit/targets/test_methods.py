"""helpers.targets.methods: the Eurostat and UN ESCAP progress methods, recomputed here."""

from __future__ import annotations

import math

import numpy as np
import pytest
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
    assert math.isnan(ratio) and cat == tg.TARGET_ACHIEVED
    *_, ratio, cat = tg.eurostat_assessment([2015, 2016], [100.0, 110.0], 2018, 100.0)
    assert math.isnan(ratio) and cat == "target achieved"
    *_, ratio, cat = tg.eurostat_assessment([2015, 2016], [100.0, 95.0], 2018, 100.0)
    assert math.isnan(ratio) and cat == "moved away from a target met at base year"


def test_escap_ratio_and_guard():
    assert tg.escap_ratio(100.0, 130.0, 120.0) == pytest.approx(30 / 20)
    assert tg.escap_assessment(100.0, 90.0, 60.0, 120.0) == (pytest.approx(-2.0), "reverse trend")
    assert math.isnan(tg.escap_ratio(100.0, 130.0, 100.0))
    assert tg.escap_assessment(100.0, 130.0, 140.0, 90.0)[1] == tg.TARGET_ACHIEVED
    assert tg.escap_assessment(100.0, 85.0, 80.0, 90.0)[1] == tg.MOVED_AWAY


# --- cut-off conventions, the boundary band, the base year (issue 14) -------------------------


@pytest.mark.parametrize(
    ("ratio", "escap", "unsd"),
    [
        (1.0, "maintain progress", "on track"),
        (0.98, "accelerate", "on track"),  # the peer's "on track", ESCAP's "accelerate"
        (0.95, "accelerate", "on track"),  # exactly on UNSD's cut-off
        (np.nextafter(0.95, 0), "accelerate", "accelerate"),
        (0.0, "accelerate", "accelerate"),
        (-0.1, "reverse trend", "reverse trend"),
    ],
)
def test_the_unsd_convention_is_on_track_from_0_95(ratio, escap, unsd):
    assert tg.escap_category(ratio, "escap") == escap
    assert tg.escap_category(ratio, "unsd") == unsd


def test_a_ratio_exactly_on_a_cut_off_is_near_it_and_takes_the_upper_category():
    assert tg.escap_category(1.0) == "maintain progress"
    assert tg.near_cutoff(1.0, tg.escap_cutoffs("escap"))
    assert tg.near_cutoff(0.95, tg.EUROSTAT_CUTOFFS)
    assert tg.eurostat_category(0.95) == "significant progress"


@pytest.mark.parametrize(
    ("ratio", "near"),
    [(0.95, True), (1.05, True), (1.0501, False), (0.9499, True), (0.899, False), (0.04, True)],
)
def test_the_boundary_band_is_0_05_in_ratio_units(ratio, near):
    assert tg.BOUNDARY_BAND == 0.05
    # ESCAP's cut-offs 1 and 0: 0.9499 is 0.0501 from 1 but lies near nothing else
    assert tg.near_cutoff(ratio, (1.0, 0.0)) == (ratio in (0.95, 1.05, 0.04))
    assert tg.near_cutoff(ratio, (1.0, 0.95, 0.0)) == near
    assert not tg.near_cutoff(math.nan, (1.0, 0.0))


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (
            tg.check_cutoffs,
            "parameter cutoffs='oecd' is not allowed; choose one of ['escap', 'unsd']",
        ),
        (
            tg.check_base_year,
            "parameter base_year='oecd' is not allowed; choose one of ['first', 'latest']",
        ),
    ],
)
def test_an_unknown_convention_or_base_year_names_the_parameter_and_the_choices(check, message):
    with pytest.raises(ValueError) as error:
        check("oecd")
    assert str(error.value) == message


def test_a_base_at_the_latest_observation_leaves_eurostat_no_window():
    *_, ratio, cat = tg.eurostat_assessment(
        [2015, 2016], [100.0, 110.0], 2018, 130.0, base_year="latest"
    )
    assert math.isnan(ratio) and cat == tg.NO_WINDOW


def test_gap():
    assert tg.gap(173.0, 182.0) == pytest.approx((-9.0, -9.0 / 182.0 * 100))
    absolute, pct = tg.gap(5.0, 0.0)
    assert absolute == 5.0 and math.isnan(pct)


def test_is_met_open_bound():
    assert tg.is_met(120.0, 120.0, ">=")
    assert tg.is_met(120.0, 120.0, "=")
    assert not tg.is_met(120.0, 120.0, ">")
    assert tg.is_met(120.1, 120.0, ">")
    assert tg.is_met(120.0, 120.0, "range")  # a range's lower end, as at least
    assert tg.is_met(119.0, 120.0, "<") and not tg.is_met(120.0, 120.0, "<")  # at most
    assert tg.is_met(120.0, 120.0, "<=") and not tg.is_met(120.5, 120.0, "<=")
    with pytest.raises(ValueError, match="qualifier"):
        tg.is_met(1.0, 1.0, "about")
