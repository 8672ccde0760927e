"""helpers.trends.projection: the stage's parameters checked, its tables in their schemas,
written and loaded back unchanged."""

import pandas as pd
import pytest
from support import MODELS

from helpers import targets, trends
from helpers.core.schemas import BACKTEST, BACKTEST_SUMMARY, FITS, PROJECTIONS
from helpers.core.tables import rounded


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        (
            {"indicators": ["ikm_centres"]},
            r"indicators='ikm_centres' is not allowed; .*ikm_value_added",
        ),
        ({"models": ["arima"]}, r"models='arima' is not allowed; .*'naive', 'drift'"),
        ({"models": "naive"}, r"models='naive' must be a non-empty list"),
        ({"horizon": 2016}, r"horizon=2016 must be a year after 2016"),
        ({"horizon": 2047}, r"horizon=2047 must be at most 2046, 30 years after 2016"),
        ({"level": 1.0}, r"level=1.0 must lie strictly between 0 and 1"),
    ],
)
def test_bad_parameters_name_the_parameter(clean_table, arguments, match):
    call = {"indicators": ["ikm_value_added"], "models": MODELS, "horizon": 2029, "level": 0.95}
    with pytest.raises(ValueError, match=match):
        trends.build(clean_table, **(call | arguments))


def test_every_table_has_the_columns_of_its_schema(clean_table):
    result = trends.build(clean_table, ["ikm_value_added"], MODELS, 2029, 0.9)
    assert list(result.projections.columns) == PROJECTIONS.names
    assert list(result.fits.columns) == FITS.names
    assert list(result.backtest.columns) == BACKTEST.names
    assert list(result.backtest_summary.columns) == BACKTEST_SUMMARY.names
    assert len(result.projections) == 4 * (2029 - 2016) and set(result.projections.level) == {0.9}
    summary = result.backtest_summary  # drift from 2014-2015 misses 2016 by 510.88 - 506.72
    expected = 100 * (510.88 - (2 * 439.86 - 373)) / 510.88
    assert summary.loc[summary.model == "drift", "mape"].item() == pytest.approx(expected)


def test_written_projections_load_back_as_built_to_twelve_significant_digits(clean_table, tmp_path):
    result = trends.build(clean_table, ["ikm_value_added", "ikm_units_stock"], MODELS, 2029, 0.95)
    assert trends.write(result, tmp_path) == ["projections.csv"]
    loaded = trends.load(tmp_path)
    assert loaded.equals(rounded(result.projections, PROJECTIONS))
    pd.testing.assert_frame_equal(loaded, result.projections, check_exact=False, rtol=1e-11)


def test_loading_projections_never_written_names_the_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"projections.csv is missing: run notebook 02"):
        trends.load(tmp_path)


def test_no_interval_of_a_quantity_that_cannot_be_negative_reaches_below_zero(clean_table):
    models = [*MODELS, "combined"]
    result = trends.build(clean_table, ["ikm_value_added", "ikm_units_stock"], models, 2029, 0.95)
    projected = result.projections
    assert (projected.lower.dropna() >= 0).all()
    cut = projected[projected.note.str.contains("interval cut")]
    assert len(cut) and set(cut.lower) == {0.0}  # naive's on value added, at least
    # the growth of a quantity may fall below zero: no cut there
    growth = targets.build(clean_table, "ikm_value_added", models, 0.95)
    assert (growth[growth.measure == "level"].lower.dropna() >= 0).all()


def test_the_combination_and_the_rounding_range_of_every_projection(clean_table):
    models = [*MODELS, "combined"]
    projected = trends.build(clean_table, ["ikm_units_stock"], models, 2029, 0.95).projections
    by_year = projected.set_index(["model", "year"])
    for year in (2025, 2029):
        points = [by_year.loc[(m, year), "value"] for m in MODELS]
        assert by_year.loc[("combined", year), "value"] == pytest.approx(sum(points) / 4)
    assert (projected.rounding_low <= projected.value + 1e-6).all()
    assert (projected.value <= projected.rounding_high + 1e-6).all()
    assert (projected.rounding_high > projected.rounding_low).any()  # "4 juta" is 3.5 to 4.5
