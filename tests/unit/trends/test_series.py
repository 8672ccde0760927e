"""helpers.trends.series: the observed series and targets come from the clean table."""

import pytest

from helpers.clean.readings import STOCK
from helpers.trends import series

SEEDS = ("antara-2017-ikm", "republika-2017-12-28-ikm")


def test_series_come_from_the_clean_table(clean_table):
    # the best-stated figures: Okezone's "Rp439,86 triliun" and "Rp510,88 triliun"
    assert series.observed(clean_table, "ikm_value_added") == (
        [2014, 2015, 2016],
        [373e12, 439.86e12, 510.88e12],
    )
    years, values = series.observed(clean_table, STOCK)  # the stated stock, gaps and all
    assert years == [2012, 2014, 2015, 2016, 2019, 2022, 2024]
    assert values[:4] == [4e6, 3.52e6, 3.68e6, 4.41e6]
    assert set(series.projectable(clean_table)) >= {"ikm_value_added", STOCK, "ikm_workers"}


def test_the_seeds_alone_give_the_derived_stock(built_from_raw):
    table = built_from_raw(source_ids=SEEDS)
    years, values = series.observed(table, STOCK)
    assert years == [2015, 2016]
    assert values[0] == pytest.approx(165983 / 0.045)
    assert series.observed(table, "ikm_value_added")[1] == [373e12, 439e12, 520e12]
    assert series.observed(table, "ikm_workers")[0] == []
    assert "ikm_workers" not in series.projectable(table)


def test_part_year_figures_stand_for_their_year_only_when_included(built_from_raw):
    excluded = series.observed(built_from_raw(), STOCK)
    included = series.observed(built_from_raw(part_years="include"), STOCK)
    assert 2018 not in excluded[0]
    assert dict(zip(*included, strict=True))[2018] == 4.49e6  # first half of the year
    assert 2017 not in included[0]  # "4,59 IKM": set aside, a scale word missing
    value_added = series.observed(built_from_raw(part_years="include"), "ikm_value_added")
    assert dict(zip(*value_added, strict=True))[2017] == 540.88e12  # to the second quarter


def test_official_targets_are_on_the_scale_of_the_series(built_from_raw):
    seeds = series.official_targets(built_from_raw(source_ids=SEEDS), STOCK)
    assert seeds.period.tolist() == [2017]
    assert seeds.value.item() == pytest.approx(165983 / 0.045 + 165983 + 182000)
    record = series.official_targets(built_from_raw(), STOCK)
    assert record.value.item() == 4.41e6 + 182000  # on the stated stock of the year before
    assert series.official_targets(built_from_raw(), "ikm_value_added").empty


@pytest.mark.parametrize("reading", ["increase", "stock"])
def test_the_series_of_every_indicator_at_once_are_each_indicators_own(reading, built_from_raw):
    table = built_from_raw(units_reading=reading)
    every = series.observed_series(table)
    assert set(every) == {*table.used.indicator}
    assert every == {indicator: series.observed(table, indicator) for indicator in every}
    projectable = series.projectable_series(table)
    assert list(projectable) == sorted(i for i, s in every.items() if len(s[0]) >= 2)
    assert projectable == {i: every[i] for i in series.projectable(table)}
