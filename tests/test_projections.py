"""Projections and targets from the clean table: parameters checked, targets put on the
right series, units matched, figures identical on every render."""

import hashlib

import pytest

from helpers import plots, projections
from helpers.readings import STOCK

MODELS = ["naive", "drift", "linear", "loglinear"]


@pytest.fixture(scope="module")
def clean() -> projections.Clean:
    return projections.load_clean()


def test_series_come_from_the_clean_table(clean):
    assert projections.observed(clean, "ikm_value_added") == (
        [2014, 2015, 2016],
        [373e12, 439e12, 520e12],
    )
    years, values = projections.observed(clean, STOCK)
    assert years == [2015, 2016]
    assert values[0] == pytest.approx(165983 / 0.045)
    assert set(projections.projectable(clean)) >= {"ikm_value_added", STOCK}


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        (
            {"indicators": ["ikm_workers"]},
            r"indicators='ikm_workers' is not allowed; .*ikm_value_added",
        ),
        ({"models": ["arima"]}, r"models='arima' is not allowed; .*'naive', 'drift'"),
        ({"models": "naive"}, r"models='naive' must be a non-empty list"),
        ({"horizon": 2016}, r"horizon=2016 must be a year after 2016"),
        ({"level": 1.0}, r"level=1.0 must lie strictly between 0 and 1"),
    ],
)
def test_bad_parameters_name_the_parameter(clean, arguments, match):
    call = {"indicators": ["ikm_value_added"], "models": MODELS, "horizon": 2019, "level": 0.95}
    with pytest.raises(ValueError, match=match):
        projections.project(clean, **(call | arguments))


def test_projections_table_has_the_documented_columns(clean):
    _, projected, _, summary = projections.project(clean, ["ikm_value_added"], MODELS, 2019, 0.9)
    assert list(projected.columns) == projections.PROJECTION_COLUMNS
    assert len(projected) == 4 * 3 and set(projected.level) == {0.9}
    assert summary.loc[summary.model == "drift", "mape"].item() == pytest.approx(100 * 15 / 520)


@pytest.mark.parametrize(
    ("reading", "target"), [("increase", 165983 / 0.045 + 165983 + 182000), ("stock", 182000)]
)
def test_the_count_target_goes_on_the_unit_stock(reading, target):
    clean = projections.load_clean(units_reading=reading)
    targets = projections.targets_to_assess(clean, "ikm_value_added").set_index("target")
    row = targets.loc["ikm_units 2017"]
    assert (row.indicator, row.measure, row.reason) == (STOCK, "level", "")
    assert row.value == pytest.approx(target)


def test_growth_target_uses_growth_measure_and_says_the_measure_is_undefined(clean):
    for measure in projections.GROWTH_MEASURES:
        row = (
            projections.targets_to_assess(clean, measure).set_index("target").loc["ikm_growth 2018"]
        )
        assert (row.indicator, row.measure, row.value, row.qualifier) == (
            measure,
            "growth",
            10,
            ">",
        )
        assert "does not say growth of what" in row.note


def test_targets_without_history_stay_with_a_reason(clean):
    targets = projections.targets_to_assess(clean, "ikm_value_added").set_index("target")
    assert len(targets) == 8
    assert targets.loc["ikm_workers 2017", "reason"].startswith("no history")
    assert (
        "cumulative target without yearly counts" in targets.loc["new_entrepreneurs 2019", "reason"]
    )


def test_unknown_growth_measure_is_refused(clean):
    with pytest.raises(ValueError, match=r"growth_measure='ikm_growth' is not allowed"):
        projections.targets_to_assess(clean, "ikm_growth")


def test_a_target_in_the_wrong_unit_is_refused(clean):
    used = clean.used.copy()
    used.loc[(used.indicator == "ikm_workers") & (used.kind == "target"), "unit"] = "%"
    broken = projections.Clean(used, clean.stock, clean.indicators, clean.units_reading)
    with pytest.raises(
        ValueError,
        match=r"target ikm_workers 2017 .* is in '%' but is assessed on ikm_workers in 'persons'",
    ):
        projections.targets_to_assess(broken, "ikm_value_added")


def test_verdicts_differ_between_readings(clean):
    by_reading = {
        r: projections.assess(
            projections.load_clean(units_reading=r), "ikm_value_added", MODELS, 0.95
        )
        for r in ("increase", "stock")
    }
    table = projections.compare_readings(by_reading, "ikm_units 2017")
    assert table[("increase", "Eurostat")].unique().tolist() == ["significant progress"]
    assert table[("stock", "Eurostat")].unique().tolist() == ["moderate progress"]
    assert table[("stock", "Target value")].unique().tolist() == ["182,000"]


def render(clean, tmp_path, name):
    plots.setup()
    _, projected, _, _ = projections.project(clean, [STOCK], MODELS, 2019, 0.95)
    fig = plots.projection_figure(
        projections.observed(clean, STOCK),
        projected,
        projections.official_targets(clean, STOCK),
        "stock",
        "unit",
    )
    paths = plots.save_figure(fig, tmp_path / name)
    verdict = plots.save_figure(
        plots.verdict_figure(projections.assess(clean, "ikm_value_added", MODELS, 0.95)),
        tmp_path / f"{name}-v",
    )
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths + verdict], paths + verdict


def test_figures_are_the_same_byte_for_byte_on_every_render(clean, tmp_path):
    first, paths = render(clean, tmp_path, "a")
    second, _ = render(clean, tmp_path, "b")
    assert first == second
    svg = paths[1].read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in paths[0].read_bytes()
