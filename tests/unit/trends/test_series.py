"""helpers.trends.series: the observed series and targets come from the clean table."""

import pytest

from helpers.clean.readings import STOCK
from helpers.trends import series


def test_series_come_from_the_clean_table(clean_table):
    assert series.observed(clean_table, "ikm_value_added") == (
        [2014, 2015, 2016],
        [373e12, 439e12, 520e12],
    )
    years, values = series.observed(clean_table, STOCK)
    assert years == [2015, 2016]
    assert values[0] == pytest.approx(165983 / 0.045)
    assert set(series.projectable(clean_table)) >= {"ikm_value_added", STOCK}


def test_an_indicator_with_one_observed_year_is_not_projectable(clean_table):
    assert series.observed(clean_table, "ikm_workers")[0] == []
    assert "ikm_workers" not in series.projectable(clean_table)


def test_official_targets_are_on_the_scale_of_the_series(clean_table):
    stock_targets = series.official_targets(clean_table, STOCK)
    assert stock_targets.period.tolist() == [2017]
    assert stock_targets.value.item() == pytest.approx(165983 / 0.045 + 165983 + 182000)
    assert series.official_targets(clean_table, "ikm_value_added").empty


@pytest.mark.parametrize("reading", ["increase", "stock"])
def test_the_series_of_every_indicator_at_once_are_each_indicators_own(reading, built_from_raw):
    table = built_from_raw(units_reading=reading)
    every = series.observed_series(table)
    assert set(every) == {*table.used.indicator, STOCK}
    assert every == {indicator: series.observed(table, indicator) for indicator in every}
    projectable = series.projectable_series(table)
    assert list(projectable) == sorted(i for i, s in every.items() if len(s[0]) >= 2)
    assert projectable == {i: every[i] for i in series.projectable(table)}
