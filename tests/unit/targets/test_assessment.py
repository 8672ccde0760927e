"""helpers.targets.assessment: every target under every model; each expected number is
recomputed here with numpy and Student's t in closed form (support)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from support import (
    INC_2015,
    INC_2016,
    INC_TARGET,
    LEVEL,
    MODELS,
    SERIES,
    STOCK_2015,
    STOCK_2016,
    STOCK_TARGET,
    VA,
    VA_YEARS,
    assess,
    student_t_above,
    student_t_quantile,
    target_row,
)

from helpers import targets
from helpers.core.schemas import TARGETS
from helpers.targets import assessment as tg


def by_model(frame):
    return frame.set_index("model")


def ols(years, values):
    """Slope, intercept, residual sd, df and a prediction-se function (textbook OLS)."""
    x = np.asarray(years, float)
    y = np.asarray(values, float)
    b, a = np.polyfit(x, y, 1)
    n = len(x)
    df = n - 2
    s = math.sqrt(np.sum((y - (a + b * x)) ** 2) / df) if df else math.nan
    sxx = np.sum((x - x.mean()) ** 2)

    def pred_se(x0):
        return s * math.sqrt(1 + 1 / n + (x0 - x.mean()) ** 2 / sxx)

    return b, a, s, df, sxx, pred_se


def reference_level(model, years, values, year, target):
    """(point, P(value > target)) by FPP3 / textbook OLS formulas; P NaN without df."""
    y = np.asarray(values, float)
    h = year - years[-1]
    diffs = np.diff(y)
    if model == "naive":
        df = len(diffs)
        sigma = math.sqrt(np.sum(diffs**2) / df)
        point, scale = y[-1], sigma * math.sqrt(h)
        return point, student_t_above((target - point) / scale, df)
    if model == "drift":
        d = diffs.mean()
        point = y[-1] + h * d
        df = len(diffs) - 1
        if df == 0:
            return point, math.nan
        sigma = math.sqrt(np.sum((diffs - d) ** 2) / df)
        scale = sigma * math.sqrt(h * (1 + h / (len(y) - 1)))
        return point, student_t_above((target - point) / scale, df)
    logged = model == "loglinear"
    b, a, s, df, _, pred_se = ols(years, np.log(y) if logged else y)
    loc = a + b * year
    if logged:
        prob = student_t_above((math.log(target) - loc) / pred_se(year), df) if df else math.nan
        return math.exp(loc), prob
    return loc, (student_t_above((target - loc) / pred_se(year), df) if df else math.nan)


def test_columns_and_types():
    out = assess(target_row("u", "units_stock", 2017, STOCK_TARGET))
    assert list(out.columns) == TARGETS.names
    assert str(out.met.dtype) == "boolean" and str(out.met_upper.dtype) == "boolean"
    assert str(out.year.dtype) == "Int64" and out.projected.dtype == float


@pytest.mark.parametrize(
    ("indicator", "first", "last", "target"),
    [
        ("units_increase", INC_2015, INC_2016, INC_TARGET),
        ("units_stock", STOCK_2015, STOCK_2016, STOCK_TARGET),
    ],
)
def test_unit_stock_2017_both_readings(indicator, first, last, target):
    out = by_model(assess(target_row("units 2017", indicator, 2017, target)))
    years = [2015, 2016]
    obs = last / first - 1
    req = (target / first) ** (1 / 2) - 1
    ratio = obs / req
    expected_cat = "significant progress" if ratio >= 0.95 else "moderate progress"
    assert out["observed_cagr"].to_numpy() == pytest.approx([obs] * 4)
    assert out["required_cagr"].to_numpy() == pytest.approx([req] * 4)
    assert out["eurostat_ratio"].to_numpy() == pytest.approx([ratio] * 4)
    assert set(out["eurostat_category"]) == {expected_cat}
    for model in MODELS:
        point, prob = reference_level(model, years, [first, last], 2017, target)
        row = out.loc[model]
        assert row["projected"] == pytest.approx(point)
        assert row["gap"] == pytest.approx(point - target)
        assert row["gap_pct"] == pytest.approx((point - target) / target * 100)
        assert row["met"] == bool(point >= target)
        escap = (point - first) / (target - first)
        assert row["escap_ratio"] == pytest.approx(escap)
        assert row["escap_category"] == ("maintain progress" if escap >= 1 else "accelerate")
        if math.isnan(prob):  # n = 2: no residual df for drift and the regressions
            assert model != "naive"
            assert math.isnan(row["probability"])
            assert row["probability_note"].startswith("no uncertainty estimate")
            assert math.isnan(row["lower"]) and math.isnan(row["upper"])
        else:
            assert row["probability"] == pytest.approx(prob)
    # the two readings give opposite Eurostat verdicts for the same growth rate
    assert expected_cat == (
        "significant progress" if indicator == "units_increase" else "moderate progress"
    )


def test_level_target_three_points_all_models():
    target = 800e12
    out = by_model(assess(target_row("va 2019", "value_added", 2019, target)))
    obs = (VA[-1] / VA[0]) ** (1 / 2) - 1
    req = (target / VA[0]) ** (1 / 5) - 1
    assert out["eurostat_ratio"].to_numpy() == pytest.approx([obs / req] * 4)
    for model in MODELS:
        point, prob = reference_level(model, VA_YEARS, VA, 2019, target)
        assert out.loc[model, "projected"] == pytest.approx(point)
        assert out.loc[model, "probability"] == pytest.approx(prob)
        assert out.loc[model, "escap_ratio"] == pytest.approx((point - VA[0]) / (target - VA[0]))
    # loglinear bounds: exp of the t interval on the log scale
    b, a, _, df, _, pred_se = ols(VA_YEARS, np.log(VA))
    q = student_t_quantile(0.5 + LEVEL / 2, df)
    loc = a + b * 2019
    expected = [math.exp(loc - q * pred_se(2019)), math.exp(loc + q * pred_se(2019))]
    assert out.loc["loglinear", ["lower", "upper"]].to_numpy(float) == pytest.approx(expected)


def joint_predictive(model: str, years, values, future) -> tuple[np.ndarray, np.ndarray, int]:
    """(means, covariance, df) of the values of `future` years, by matrix algebra: the
    regression's X (X'X)^-1 X' + I, or the random walk's sum of yearly errors and drift."""
    years, values, future = (np.asarray(a, float) for a in (years, values, future))
    if model in ("linear", "loglinear"):
        y = np.log(values) if model == "loglinear" else values
        design = np.column_stack([np.ones_like(years), years - years[0]])
        beta, *_ = np.linalg.lstsq(design, y, rcond=None)
        df = len(y) - 2
        sigma2 = np.sum((y - design @ beta) ** 2) / df
        new = np.column_stack([np.ones_like(future), future - years[0]])
        inverse = np.linalg.inv(design.T @ design)
        return new @ beta, sigma2 * (new @ inverse @ new.T + np.eye(len(future))), df
    steps, diffs = np.diff(years), np.diff(values)
    c = (values[-1] - values[0]) / (years[-1] - years[0]) if model == "drift" else 0.0
    df = len(diffs) - (model == "drift")
    sigma2 = np.sum((diffs - c * steps) ** 2 / steps) / df
    h = future - years[-1]
    drift_part = np.outer(h, h) / (years[-1] - years[0]) if model == "drift" else 0.0
    return values[-1] + h * c, sigma2 * (np.minimum.outer(h, h) + drift_part), df


def test_growth_target_2018():
    """The probability of growth above 10% in 2018, both 2017 and 2018 unobserved, is that
    of the predictive distribution of the two years, to a billionth; the log-linear one is
    the peer review's P = 0.98 with interval 12.0% to 24.4% at 95%."""
    row = target_row("growth 2018", "value_added", 2018, 10.0, measure="growth", qualifier=">")
    out = by_model(assess(row, level=0.95))
    for model in MODELS:
        means, cov, df = joint_predictive(model, VA_YEARS, VA, [2017, 2018])
        if model == "loglinear":
            weights, threshold = np.array([-1.0, 1.0]), math.log(1.10)
        else:
            weights, threshold = np.array([-1.10, 1.0]), 0.0  # Y18 - 1.1 Y17 > 0
        mean, sd = weights @ means, math.sqrt(weights @ cov @ weights)
        expected = student_t_above((threshold - mean) / sd, df)
        assert out.loc[model, "probability"] == pytest.approx(expected, abs=1e-9), model
        point = math.expm1(means[1] - means[0]) if model == "loglinear" else means[1] / means[0] - 1
        assert out.loc[model, "projected"] == pytest.approx(100 * point, abs=1e-9)
        assert out.loc[model, "met"] == bool(100 * point > 10.0)
        assert out.loc[model, "probability_note"].startswith("predictive growth")
    loglinear = out.loc["loglinear"]
    assert round(loglinear.probability, 2) == 0.98
    assert (round(loglinear.lower, 1), round(loglinear.upper, 1)) == (12.0, 24.4)
    assert set(out["eurostat_category"]) == {"not applicable (growth-rate target)"}
    assert out[["eurostat_ratio", "escap_ratio", "required_cagr"]].isna().all().all()


def test_the_growth_interval_ends_are_where_the_probability_is_the_tail():
    row = target_row("g", "value_added", 2018, 10.0, measure="growth", qualifier=">")
    out = by_model(assess(row, level=0.9))
    for model in ("naive", "drift", "linear"):
        lower, upper = out.loc[model, ["lower", "upper"]]
        at = [assess(target_row("g", "value_added", 2018, bound, measure="growth"), level=0.9,
                     models=[model]).probability.iloc[0] for bound in (lower, upper)]  # fmt: skip
        assert at == pytest.approx([0.95, 0.05], abs=1e-9)


def test_growth_target_n2_has_no_uncertainty():
    row = target_row("g", "units_stock", 2017, 4.0, measure="growth", qualifier=">")
    out = by_model(assess(row, models=["drift", "loglinear"]))
    for model in ("drift", "loglinear"):
        assert math.isnan(out.loc[model, "probability"])
        assert out.loc[model, "probability_note"].startswith("no uncertainty estimate")
    # T - 1 = 2016 is observed: growth uses the observation
    expected = (2 * STOCK_2016 - STOCK_2015) / STOCK_2016 - 1
    assert out.loc["drift", "projected"] == pytest.approx(expected * 100)


def test_target_met_at_base_and_at_the_latest_observation():
    out = by_model(assess(target_row("low", "above", 2018, 90.0)))
    assert set(out["eurostat_category"]) == {"target achieved"}
    assert set(out["escap_category"]) == {"target achieved"}
    assert out[["eurostat_ratio", "escap_ratio"]].isna().all().all()
    assert out[["eurostat_near_cutoff", "escap_near_cutoff"]].isna().all().all()
    assert out["met"].all()


def test_series_moving_away():
    target = 120.0
    out = by_model(assess(target_row("up", "falling", 2018, target)))
    obs = (80 / 100) ** 0.5 - 1
    req = (target / 100) ** (1 / 4) - 1
    assert out["eurostat_ratio"].to_numpy() == pytest.approx([obs / req] * 4)
    assert set(out["eurostat_category"]) == {"movement away"}
    drift = 80 - 2 * 10
    assert out.loc["drift", "escap_ratio"] == pytest.approx((drift - 100) / (target - 100))
    assert out.loc["drift", "escap_category"] == "reverse trend"
    assert out.loc["naive", "escap_category"] == "reverse trend"
    assert not out["met"].any()


@pytest.mark.parametrize(("qualifier", "met"), [(">", False), (">=", True), ("=", True)])
def test_open_bound_at_equality(qualifier, met):
    # drift on 100, 110 projects exactly 120 in 2017
    out = by_model(assess(target_row("eq", "above", 2017, 120.0, qualifier=qualifier)))
    assert out.loc["drift", "projected"] == 120.0
    assert bool(out.loc["drift", "met"]) is met


def test_a_target_whose_year_is_observed_is_judged_on_the_observation_once():
    sources = {("value_added", 2016): "antara", ("value_added", 2015): "okezone"}
    out = assess(target_row("now", "value_added", 2016, 500e12), sources=sources)
    assert len(out) == 1  # no model: the observation decides
    row = out.iloc[0]
    found = (row.basis, row.model, row.outcome, row.outcome_source)
    assert found == ("observed", "", VA[-1], "antara")
    assert row.met and math.isnan(row.probability) and math.isnan(row.projected)
    assert row.gap == pytest.approx(20e12) and row.gap_pct == pytest.approx(4.0)
    missed = assess(target_row("then", "value_added", 2015, 440e12)).iloc[0]
    assert (missed.basis, bool(missed.met), missed.gap) == ("observed", False, -1e12)


def test_a_target_between_two_observed_years_is_judged_on_the_line_between_them():
    series = {"stock": ([2016, 2019], [4.41e6, 4.4e6])}
    sources = {("stock", 2016): "okezone", ("stock", 2019): "jpnn"}
    row = assess(target_row("t", "stock", 2017, 4.592e6), series=series, sources=sources).iloc[0]
    assert row.basis == "interpolated" and row.outcome_source == "okezone+jpnn"
    assert row.outcome == pytest.approx(4.41e6 - 0.01e6 / 3)
    assert not row.met


def test_a_growth_target_is_judged_on_the_growth_its_indicator_states_else_on_its_series():
    series = {"growth": ([2017, 2018], [9.0, 10.0]), "value_added": (VA_YEARS, VA)}
    stated = target_row("g", "value_added", 2018, 10.0, measure="growth", qualifier=">",
                        stated_indicator="growth")  # fmt: skip
    row = assess(stated, series=series).iloc[0]
    assert (row.basis, row.outcome, bool(row.met)) == ("observed", 10.0, False)  # not above 10
    early = target_row("e", "value_added", 2016, 1.0, measure="growth", stated_indicator="growth")
    row = assess(early, series=series).iloc[0]
    assert row.basis == "observed" and row.outcome == pytest.approx(100 * (520 / 439 - 1))
    assert row.met


def test_a_range_target_is_met_at_its_lower_end_and_says_whether_it_reached_the_upper():
    series = {"growth": ([2018, 2019], [10.0, 5.5])}
    rng = dict(qualifier="range", lower=5.0, upper=6.0)
    row = assess(target_row("r", "growth", 2019, 5.5, **rng), series=series).iloc[0]
    assert (bool(row.met), bool(row.met_upper)) == (True, False)
    assert (row.target_lower, row.target_upper, row.gap) == (5.0, 6.0, 0.5)
    projected = by_model(assess(target_row("p", "value_added", 2019, 5.5e14, **rng | {
        "lower": 5e14, "upper": 6e14}), models=["naive"]))  # fmt: skip
    assert projected.loc["naive", "met"] and not projected.loc["naive", "met_upper"]


def test_not_assessable_rows_pass_through():
    rows = [
        target_row("vague", "value_added", 2019, 1.0, reason="target has no number"),
        target_row("exports", "exports", 2019, 1.0),
        target_row("short", "one_point", 2019, 1.0),
        target_row("early", "value_added", 2012, 1.0),
        target_row("units", "units_stock", 2017, STOCK_TARGET),
    ]
    out = assess(*rows)
    assert len(out) == 4 + 4
    na = out.loc[~out["assessable"]].set_index("target")
    assert list(na.index) == ["vague", "exports", "short", "early"]
    assert list(na["reason"]) == [
        "target has no number",
        "no observed series for exports",
        "one observed year of one_point (2016): too few to project",
        "the target year is before the first observed year of value_added (2014)",
    ]
    assert (na["model"] == "").all() and na["met"].isna().all()
    numbers = ["projected", "lower", "upper", "gap", "probability", "eurostat_ratio"]
    assert na[numbers].isna().all().all()
    assert na.loc["vague", "target_value"] == 1.0 and na.loc["vague", "note"] == "note vague"
    assert (out.loc[out["assessable"], "reason"] == "").all()


def test_unknown_model():
    with pytest.raises(ValueError, match=r"arima.*naive.*drift.*linear.*loglinear"):
        assess(target_row("u", "units_stock", 2017, 1.0), models=["drift", "arima"])


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.2, 95, math.nan, "high", None])
def test_level_outside_unit_interval(level):
    with pytest.raises(ValueError, match="level"):
        assess(target_row("u", "units_stock", 2017, 1.0), level=level)


def test_bad_measure_and_qualifier():
    with pytest.raises(ValueError, match="measure"):
        assess(target_row("m", "units_stock", 2017, 1.0, measure="share"))
    with pytest.raises(ValueError, match="qualifier"):
        assess(target_row("q", "units_stock", 2017, 1.0, qualifier="about"))


def test_missing_input_column():
    frame = pd.DataFrame([target_row("u", "units_stock", 2017, 1.0)]).drop(columns="reason")
    with pytest.raises(ValueError, match="reason"):
        tg.assessed_rows(frame, SERIES, MODELS, LEVEL)


def test_the_written_assessment_loads_back_with_its_types(clean_table, tmp_path):
    built = targets.build(clean_table, "ikm_value_added", MODELS, 0.95)
    assert targets.write(built, tmp_path) == ["targets.csv"]
    loaded = targets.load(tmp_path)
    pd.testing.assert_frame_equal(loaded, built, check_exact=False, rtol=1e-11)  # 12 digits
    assert str(loaded.met.dtype) == "boolean" and str(loaded.year.dtype) == "Int64"


def test_loading_an_assessment_never_written_names_the_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"targets.csv is missing: run notebook 03"):
        targets.load(tmp_path)


# --- the status on the latest observation (issue 14) ----------------------------------------

MOVED = {
    "met_then_fell": ([2015, 2016], [110.0, 95.0]),  # 100 met at base, below it at the latest
    "rose_past": ([2015, 2016], [90.0, 105.0]),  # 100 not met at base, met at the latest
}


def test_a_target_met_at_base_then_left_behind_is_reported_as_moved_away():
    out = by_model(assess(target_row("t", "met_then_fell", 2018, 100.0), series=MOVED))
    moved = "moved away from a target met at base year"
    assert set(out["eurostat_category"]) == {moved}
    assert set(out["escap_category"]) == {moved}
    assert not out["met"].any()  # every model projects the fall on, below 100


def test_a_target_the_latest_observation_meets_is_achieved_whatever_the_base():
    out = by_model(assess(target_row("t", "rose_past", 2018, 100.0), series=MOVED))
    assert set(out["eurostat_category"]) == {"target achieved"}
    assert set(out["escap_category"]) == {"target achieved"}
    # the ratios stay where they are defined (target above the base value)
    expected = (105 / 90 - 1) / ((100 / 90) ** (1 / 3) - 1)
    assert out["eurostat_ratio"].tolist() == pytest.approx([expected] * len(MODELS))
    above = by_model(assess(target_row("low", "above", 2018, 90.0)))
    assert set(above["escap_category"]) == {"target achieved"}
