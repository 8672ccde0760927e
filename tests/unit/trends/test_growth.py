"""helpers.trends.growth: the predictive distribution of a year's growth under each model,
checked against a simulation of the models' joint predictive, and the bisection its
interval ends come from."""

import math

import numpy as np
import pytest

from helpers.trends.growth import bisect_above, growth_predictive
from helpers.trends.models import MODELS, fit

YEARS = [2012, 2013, 2014, 2015, 2016]
VALUES = [3.52e6, 3.61e6, 3.68e6, 3.95e6, 4.41e6]


def simulated_growth(predictive, draws: int = 400_000) -> np.ndarray:
    """Draws of the growth from the bivariate Student-t the predictive describes, built
    from normal and chi-square draws (a fixed seed)."""
    rng = np.random.default_rng(20171228)
    cov = np.array(predictive.cov)
    z = rng.standard_normal((draws, 2))
    scale = np.sqrt(predictive.df / rng.chisquare(predictive.df, draws))[:, None]
    if cov[0][0] == 0:  # the year before is observed: only the second value varies
        values = np.column_stack([np.zeros(draws), z[:, 1] * math.sqrt(cov[1][1])])
    else:
        values = z @ np.linalg.cholesky(cov).T
    values = np.asarray(predictive.loc) + values * scale
    before, now = values[:, 0], values[:, 1]
    return np.expm1(now - before) if predictive.log else now / before - 1


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("year", [2017, 2019])  # the year before observed, or projected too
def test_the_growth_probability_matches_a_simulation_of_the_joint_predictive(model, year):
    predictive = growth_predictive(fit(model, YEARS, VALUES), year)
    growth = simulated_growth(predictive)
    for g in (0.0, 0.05, 0.10):
        assert predictive.prob_above(g) == pytest.approx((growth > g).mean(), abs=0.004)


@pytest.mark.parametrize("model", MODELS)
def test_the_interval_ends_are_where_the_probability_is_the_tail(model):
    predictive = growth_predictive(fit(model, YEARS, VALUES), 2019)
    low, high = predictive.interval(0.8)
    assert predictive.prob_above(low) == pytest.approx(0.9, abs=1e-9)
    assert predictive.prob_above(high) == pytest.approx(0.1, abs=1e-9)
    assert low < predictive.point < high


def test_the_growth_of_the_year_after_the_last_has_the_last_value_as_its_base():
    predictive = growth_predictive(fit("naive", YEARS, VALUES), 2017)
    assert predictive.loc == (VALUES[-1], VALUES[-1]) and predictive.point == 0
    assert predictive.prob_above(0.0) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="after the last observed year 2016"):
        growth_predictive(fit("naive", YEARS, VALUES), 2016)


def test_two_points_leave_no_distribution_only_a_point():
    predictive = growth_predictive(fit("linear", [2015, 2016], [1.0, 2.0]), 2017)
    assert predictive.cov is None and "no residual degrees of freedom" in predictive.reason
    assert predictive.prob_above(0.1) is None and predictive.interval(0.95) == (None, None)
    assert predictive.point == pytest.approx(0.5)


def test_bisection_finds_the_crossing_or_says_there_is_none():
    def survival(x: float) -> float:
        return 1 / (1 + math.exp(x - 3))  # decreasing, 0.5 at 3

    assert bisect_above(survival, 0.5, 100.0) == pytest.approx(3, abs=1e-9)
    assert bisect_above(survival, 0.2, -50.0) == pytest.approx(3 + math.log(4), abs=1e-9)
    assert bisect_above(lambda x: 0.3, 0.5, 1.0) == -math.inf  # never as high on the left
    assert bisect_above(lambda x: 0.7, 0.5, 1.0) == math.inf  # never as low on the right
