"""helpers.hindsight.vintages: each vintage's projections recomputed from what it could see,
scored against the whole record's outcomes; verdicts said against verdicts met; the scores
summed per model; write and load."""

import math

import pandas as pd
import pytest

from helpers import clean, hindsight
from helpers.core.schemas import HINDSIGHT, HINDSIGHT_VERDICTS
from helpers.hindsight.vintages import _scored_rows
from helpers.trends.models import MODELS, cut_at_floor, fit
from helpers.trends.series import observed_series

INDICATORS = ["ikm_value_added", "ikm_units_stock"]
ALL_MODELS = [*MODELS, "combined"]
LEVEL = 0.95


@pytest.fixture(scope="module")
def whole(built_from_raw) -> clean.CleanTable:
    return built_from_raw()


@pytest.fixture(scope="module")
def looked_back(whole) -> hindsight.Hindsight:
    return hindsight.build(whole, INDICATORS, ALL_MODELS, LEVEL, "ikm_value_added")


def test_the_vintages_are_year_ends_before_the_latest_source(whole):
    vintages = clean.vintage_dates(whole)
    years = sorted({p[:4] for p in whole.sources.published})
    assert vintages == [f"{year}-12-31" for year in years[:-1]]
    assert vintages == sorted(vintages) and len(vintages) >= 3


def test_each_projection_is_the_fit_on_what_its_vintage_could_see(whole, looked_back):
    rows = looked_back.projections
    assert set(rows.vintage) <= set(clean.vintage_dates(whole)) and len(rows)
    for (vintage, indicator), group in rows.groupby(["vintage", "indicator"]):
        years, values = observed_series(whole.under(as_of=vintage))[indicator]
        assert set(group.origin) == {years[-1]} and (group.year > years[-1]).all()
        for model in MODELS:
            for row in group[group.model == model].itertuples():
                again = fit(model, years, values).predictive(row.year)
                assert row.projected == pytest.approx(again.point, rel=1e-12)


def test_each_outcome_is_the_whole_records_figure_of_its_year(whole, looked_back):
    series = observed_series(whole)
    for row in looked_back.projections.itertuples():
        years, values = series[row.indicator]
        assert row.outcome == values[years.index(row.year)]
        assert row.error == pytest.approx(row.outcome - row.projected)
        assert row.ape == pytest.approx(100 * abs(row.error) / row.outcome)
        if pd.notna(row.covered):
            assert bool(row.covered) == (row.lower <= row.outcome <= row.upper)


def test_a_vintage_sees_no_source_published_after_it(whole, looked_back):
    for vintage in set(looked_back.projections.vintage):
        then = whole.under(as_of=vintage)
        assert (then.sources.published.str[:10] <= vintage).all()
        assert len(then.sources) < len(whole.sources)


def test_scored_rows_of_a_straight_line_hold_the_outcome_and_cut_at_the_floor():
    history = ([2010, 2011, 2012, 2013], [10.0, 12.1, 13.9, 16.0])
    outcomes = {2012: (13.9, "a"), 2014: (18.0, "b"), 2016: (-5.0, "c")}
    rows = pd.DataFrame(_scored_rows("v", "x", history, outcomes, ["linear", "naive"], LEVEL, 0))
    assert sorted(set(rows.year)) == [2014, 2016]  # only years after the vintage's last
    linear = rows[rows.model == "linear"].set_index("year")
    assert bool(linear.covered[2014]) and not bool(linear.covered[2016])
    assert (rows.lower.dropna() >= 0).all()  # no interval reaches below the floor
    assert cut_at_floor(-1.0, 0)[0] == 0
    assert rows.ape.notna().all()


def test_a_combined_projection_is_scored_beside_the_models():
    history = ([2010, 2011, 2012, 2013], [10.0, 12.1, 13.9, 16.0])
    rows = pd.DataFrame(_scored_rows("v", "x", history, {2015: (20.0, "s")}, ALL_MODELS, LEVEL, 0))
    assert list(rows.model) == ALL_MODELS
    points = rows.set_index("model").projected
    assert points["combined"] == pytest.approx(points[list(MODELS)].mean())


def test_verdicts_said_are_set_against_verdicts_met(whole, looked_back):
    verdicts = looked_back.verdicts
    assert len(verdicts) and set(verdicts.basis) <= {"observed", "interpolated"}
    assert (verdicts.agree == (verdicts.said_met == verdicts.was_met)).all()
    now = hindsight.vintages.assess(whole, "ikm_value_added", ALL_MODELS, LEVEL)
    judged = now[now.basis.isin(["observed", "interpolated"])].drop_duplicates("target")
    met = judged.set_index("target").met.astype(bool)
    assert (verdicts.was_met == verdicts.target.map(met)).all()
    assert (verdicts.vintage < verdicts.target.str[-4:].add("-12-31")).any()  # said before


def test_scores_sum_each_models_rows():
    projections = pd.DataFrame(
        {"model": ["a", "a", "a", "b"], "ape": [10.0, 20.0, 30.0, 5.0],
         "covered": [True, False, pd.NA, pd.NA]}
    )  # fmt: skip
    verdicts = pd.DataFrame({"model": ["a", "b", "b"], "agree": [True, True, False]})
    scored = hindsight.scores(hindsight.Hindsight(projections, verdicts)).set_index("model")
    assert scored.mape["a"] == pytest.approx(20.0) and scored.projections["a"] == 3
    assert scored.intervals["a"] == 2 and scored.coverage["a"] == pytest.approx(0.5)
    assert scored.intervals["b"] == 0 and math.isnan(scored.coverage["b"])
    assert scored.hit_rate["a"] == 1.0 and scored.hit_rate["b"] == 0.5


def test_write_and_load_give_back_the_tables(tmp_path, looked_back):
    written = hindsight.write(looked_back, tmp_path)
    assert sorted(p.rsplit("/", 1)[-1] for p in written) == [
        "hindsight.csv",
        "hindsight_verdicts.csv",
    ]
    again = hindsight.load(tmp_path)
    assert list(again.projections.columns) == HINDSIGHT.names
    assert list(again.verdicts.columns) == HINDSIGHT_VERDICTS.names
    pd.testing.assert_frame_equal(again.projections, looked_back.projections, check_dtype=False)
    pd.testing.assert_frame_equal(again.verdicts, looked_back.verdicts, check_dtype=False)


def test_loading_a_missing_table_names_it_and_its_writer(tmp_path):
    with pytest.raises(Exception, match=r"hindsight\.csv.*notebook 05"):
        hindsight.load(tmp_path)
