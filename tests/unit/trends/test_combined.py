"""helpers.trends.combined: the models' equal-weight mixture, its point, probability and
interval, checked against the mixture's definition."""

import pytest

from helpers.trends.combined import combine
from helpers.trends.models import fit

VA_YEARS, VA = [2014, 2015, 2016], [373.0, 439.0, 520.0]


def predictives(year: int):
    return [
        fit(m, VA_YEARS, VA).predictive(year) for m in ("naive", "drift", "linear", "loglinear")
    ]


def test_the_point_is_the_mean_of_the_points_and_the_spread_their_range():
    preds = predictives(2019)
    mixed = combine([p.point for p in preds], [p.prob_above for p in preds])
    points = [p.point for p in preds]
    assert mixed.point == pytest.approx(sum(points) / 4, rel=1e-15)
    assert mixed.spread == (min(points), max(points))


@pytest.mark.parametrize("x", [300.0, 520.0, 700.0, 900.0])
def test_the_probability_is_the_mean_of_the_models_probabilities(x):
    preds = predictives(2019)
    mixed = combine([p.point for p in preds], [p.prob_above for p in preds])
    assert mixed.prob_above(x) == pytest.approx(sum(p.prob_above(x) for p in preds) / 4)


def test_the_interval_ends_are_the_mixtures_quantiles():
    preds = predictives(2019)
    mixed = combine([p.point for p in preds], [p.prob_above for p in preds])
    lower, upper = mixed.interval(0.9)
    assert mixed.prob_above(lower) == pytest.approx(0.95, abs=1e-9)
    assert mixed.prob_above(upper) == pytest.approx(0.05, abs=1e-9)
    # between the models' own ends: it carries their disagreement, not their sum
    lowers, uppers = zip(*(p.interval(0.9) for p in preds), strict=True)
    assert min(lowers) <= lower <= max(lowers) and min(uppers) <= upper <= max(uppers)


def test_a_model_without_a_distribution_adds_its_point_not_its_spread():
    two = [fit(m, [2015, 2016], [3.0, 4.0]).predictive(2017) for m in ("naive", "drift")]
    mixed = combine([p.point for p in two], [p.prob_above if p.scale else None for p in two])
    assert mixed.with_distribution == 1 and mixed.point == 4.5
    assert mixed.prob_above(4.0) == two[0].prob_above(4.0)
    assert "1 without a distribution add their point" in mixed.note(2)
    nothing = combine([1.0, 2.0], [None, None])
    assert nothing.interval(0.95) == (None, None) and nothing.prob_above(1.0) is None
