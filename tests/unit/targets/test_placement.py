"""helpers.targets.placement: each stated target goes on the right series, as a level or a
growth rate, with its unit checked and the reason where it cannot be assessed."""

import dataclasses

import pytest

from helpers import clean
from helpers.clean.readings import STOCK
from helpers.core.paths import DATA
from helpers.targets import placement

SEEDS = ("antara-2017-ikm", "republika-2017-12-28-ikm")


@pytest.mark.parametrize(
    ("reading", "target"), [("increase", 165983 / 0.045 + 165983 + 182000), ("stock", 182000)]
)
def test_the_seeds_count_target_goes_on_the_unit_stock(reading, target):
    clean_table = clean.load(DATA / "processed", units_reading=reading, source_ids=SEEDS)
    targets = placement.targets_to_assess(clean_table, "ikm_value_added").set_index("target")
    row = targets.loc["ikm_units 2017"]
    assert (row.indicator, row.measure, row.reason) == (STOCK, "level", "")
    assert row.value == pytest.approx(target)


def test_on_the_record_the_count_target_adds_to_the_stated_stock_or_is_set_aside():
    increase = clean.load(DATA / "processed", prefer_source="best")
    row = placement.targets_to_assess(increase, "ikm_value_added").set_index("target")
    assert row.loc["ikm_units 2017", "value"] == 4.41e6 + 182000  # okezone's 2016 stock
    stock = clean.load(DATA / "processed", units_reading="stock")
    row = placement.targets_to_assess(stock, "ikm_value_added").set_index("target")
    assert "an order of magnitude" in row.loc["ikm_units 2017", "reason"]


def test_growth_target_uses_growth_measure_and_says_the_measure_is_undefined(clean_table):
    for measure in placement.GROWTH_MEASURES:
        row = (
            placement.targets_to_assess(clean_table, measure)
            .set_index("target")
            .loc["ikm_growth 2018"]
        )
        assert (row.indicator, row.measure, row.value, row.qualifier) == (
            measure,
            "growth",
            10,
            ">",
        )
        assert f"judged as the growth of {measure}" in row.note


def test_a_target_the_checks_set_aside_stays_with_their_reason(clean_table):
    targets = placement.targets_to_assess(clean_table, "ikm_value_added").set_index("target")
    stated = clean_table.figures[clean_table.figures.kind == "target"]
    assert set(targets.index) == {f"{f.indicator} {f.period}" for f in stated.itertuples()}
    # 400,000 workers against a workforce of some ten million: a yearly addition, not a level
    assert targets.loc["ikm_workers 2017", "reason"].startswith("an order of magnitude")


def test_unknown_growth_measure_is_refused(clean_table):
    with pytest.raises(ValueError, match=r"growth_measure='ikm_growth' is not allowed"):
        placement.targets_to_assess(clean_table, "ikm_growth")


def test_a_target_in_the_wrong_unit_is_refused(clean_table):
    used = clean_table.used.copy()
    where = (used.indicator == "esmart_trainees") & (used.kind == "target") & (used.period == 2017)
    used.loc[where, "unit"] = "%"
    broken = dataclasses.replace(clean_table, used=used)
    with pytest.raises(
        ValueError,
        match=r"target esmart_trainees 2017 .* is in '%' but is assessed on esmart_trainees in",
    ):
        placement.targets_to_assess(broken, "ikm_value_added")
