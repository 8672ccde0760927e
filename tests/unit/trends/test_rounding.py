"""helpers.trends.rounding: a figure's stated range, and the range of a projection over the
stated ranges of the figures it is fitted to."""

import itertools
import math

import numpy as np
import pytest

from helpers.trends import rounding
from helpers.trends.models import fit


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ((439e12, 439e12, 439e12, 1e12, "="), (438.5e12, 439.5e12)),  # Rp439 triliun
        ((373e12, 373e12, 373e12, 1e12, "~"), (372e12, 374e12)),  # sekitar Rp373 triliun
        ((4.4e6, 4.4e6, math.nan, 1e5, ">"), (4.4e6, 4.5e6)),  # melampaui 4,4 juta
        ((5.5, 5.0, 6.0, 1.0, "range"), (5.0, 6.0)),  # 5%-6%
        ((3.85e6, 3.81e6, 3.9e6, math.nan, "="), (3.81e6, 3.9e6)),  # a derived figure
    ],
)
def test_the_stated_range_of_a_figure(figure, expected):
    assert rounding.stated_range(*figure) == pytest.approx(expected)


def test_a_projection_is_at_its_extremes_at_corners_of_the_stated_ranges():
    years, lows, highs = [2014, 2015, 2016], [372.0, 438.5, 519.5], [374.0, 439.5, 520.5]

    def points(values):
        return [fit(m, years, values).predictive(2019).point for m in ("linear", "loglinear")]

    found = rounding.point_ranges(points, lows, highs)
    grid = [np.linspace(lo, hi, 5) for lo, hi in zip(lows, highs, strict=True)]
    inside = [points(v) for v in itertools.product(*grid)]
    for k, (low, high) in enumerate(found):
        assert low == pytest.approx(min(p[k] for p in inside), rel=1e-12)
        assert high == pytest.approx(max(p[k] for p in inside), rel=1e-12)
    # the peer review's case: 2014 alone within 372 to 374 moves the log-linear point
    assert found[1][1] - found[1][0] > 0


def test_a_long_series_is_sampled_the_same_way_on_every_run():
    lows, highs = [float(i) for i in range(12)], [i + 0.5 for i in range(12)]
    first = list(rounding.corners(lows, highs))
    assert len(first) == rounding.MAX_CORNERS
    assert first[:2] == [tuple(lows), tuple(highs)]
    assert first == list(rounding.corners(lows, highs))


def test_a_corner_a_model_cannot_fit_is_skipped():
    def points(values):
        return [fit("loglinear", [2015, 2016, 2017], values).predictive(2018).point]

    low, high = rounding.point_ranges(points, [-1.0, 2.0, 3.0], [1.0, 2.5, 3.5])[0]
    assert low > 0 and high > low
