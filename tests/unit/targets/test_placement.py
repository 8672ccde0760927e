"""helpers.targets.placement: each stated target goes on the right series, as a level or a
growth rate, with its unit checked and the reason where it cannot be assessed."""

import dataclasses

import pytest

from helpers import clean
from helpers.clean.readings import STOCK
from helpers.core.paths import DATA
from helpers.targets import placement


@pytest.mark.parametrize(
    ("reading", "target"), [("increase", 165983 / 0.045 + 165983 + 182000), ("stock", 182000)]
)
def test_the_count_target_goes_on_the_unit_stock(reading, target):
    clean_table = clean.load(DATA / "processed", units_reading=reading)
    targets = placement.targets_to_assess(clean_table, "ikm_value_added").set_index("target")
    row = targets.loc["ikm_units 2017"]
    assert (row.indicator, row.measure, row.reason) == (STOCK, "level", "")
    assert row.value == pytest.approx(target)


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
        assert "does not say growth of what" in row.note


def test_targets_without_history_stay_with_a_reason(clean_table):
    targets = placement.targets_to_assess(clean_table, "ikm_value_added").set_index("target")
    assert len(targets) == 8
    assert targets.loc["ikm_workers 2017", "reason"].startswith("no history")
    assert (
        "cumulative target without yearly counts" in targets.loc["new_entrepreneurs 2019", "reason"]
    )


def test_unknown_growth_measure_is_refused(clean_table):
    with pytest.raises(ValueError, match=r"growth_measure='ikm_growth' is not allowed"):
        placement.targets_to_assess(clean_table, "ikm_growth")


def test_a_target_in_the_wrong_unit_is_refused(clean_table):
    used = clean_table.used.copy()
    used.loc[(used.indicator == "ikm_workers") & (used.kind == "target"), "unit"] = "%"
    broken = dataclasses.replace(clean_table, used=used)
    with pytest.raises(
        ValueError,
        match=r"target ikm_workers 2017 .* is in '%' but is assessed on ikm_workers in 'persons'",
    ):
        placement.targets_to_assess(broken, "ikm_value_added")
