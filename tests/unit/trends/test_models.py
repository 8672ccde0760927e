"""helpers.trends.models against independent closed-form computations (numpy, Student's t in
closed form from support), and against statsmodels and scipy.stats where it must equal them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from support import student_t_above, student_t_quantile

from helpers.trends import models as trends
from helpers.trends.models import MODELS, backtest, backtest_summary, check_models, fit, project_fit

VA_YEARS = [2014, 2015, 2016]
VA_VALUES = [373e12, 439e12, 520e12]  # value added, IDR
UNIT_YEARS = [2015, 2016]
UNIT_VALUES = [3688511.1, 3854494.1]  # units
LEVEL = 0.95
FUTURE = [2017, 2018, 2019]
NO_DF = "no residual degrees of freedom"


# --- independent reference computations ----------------------------------------------------


def hand_ols(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Textbook simple regression: slope, intercept, residual s, Sxx, xbar, n."""
    n = len(x)
    xbar, ybar = x.mean(), y.mean()
    sxx = float(np.sum((x - xbar) ** 2))
    slope = float(np.sum((x - xbar) * (y - ybar)) / sxx)
    intercept = float(ybar - slope * xbar)
    resid = y - (intercept + slope * x)
    s = math.sqrt(np.sum(resid**2) / (n - 2)) if n > 2 else math.nan
    return {"slope": slope, "intercept": intercept, "s": s, "sxx": sxx, "xbar": xbar, "n": n}


def hand_regression(years, values, year: int, log: bool) -> tuple[float, float, int]:
    """(loc, se_obs, df) of the OLS prediction at ``year``; log scale when ``log``."""
    x = np.asarray(years, dtype=float)
    y = np.log(values) if log else np.asarray(values, dtype=float)
    o = hand_ols(x, y)
    loc = o["intercept"] + o["slope"] * year
    se = o["s"] * math.sqrt(1 + 1 / o["n"] + (year - o["xbar"]) ** 2 / o["sxx"])
    return loc, se, o["n"] - 2


def hand_random_walk(values, h: int, drift: bool) -> tuple[float, float, int]:
    """(loc, sd_h, df) of the FPP3 5.5 naive/drift forecast h steps ahead."""
    y = np.asarray(values, dtype=float)
    t_obs = len(y)
    c = (y[-1] - y[0]) / (t_obs - 1) if drift else 0.0
    e = np.diff(y) - c
    df = t_obs - 1 - (1 if drift else 0)
    sigma = math.sqrt(np.sum(e**2) / df) if df else math.nan
    sd = sigma * math.sqrt(h * (1 + h / (t_obs - 1))) if drift else sigma * math.sqrt(h)
    return y[-1] + h * c, sd, df


def hand_predictive(model: str, years, values, year: int) -> tuple[float, float, int]:
    if model in ("linear", "loglinear"):
        return hand_regression(years, values, year, log=model == "loglinear")
    return hand_random_walk(values, year - years[-1], drift=model == "drift")


def hand_interval(model: str, years, values, year: int, level: float):
    """(point, lower, upper) in the series' units."""
    loc, sd, df = hand_predictive(model, years, values, year)
    q = student_t_quantile(0.5 + level / 2, df)
    back = np.exp if model == "loglinear" else (lambda z: z)
    return back(loc), back(loc - q * sd), back(loc + q * sd)


# --- fits and projections -------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_value_added_projection_matches_closed_form(model: str) -> None:
    out = project_fit(fit(model, VA_YEARS, VA_VALUES), 2019, LEVEL)
    assert list(out.columns) == ["model", "year", "value", "lower", "upper", "level", "note"]
    assert out["year"].tolist() == FUTURE
    assert (out["model"] == model).all() and (out["level"] == LEVEL).all()
    for row in out.itertuples():
        point, lower, upper = hand_interval(model, VA_YEARS, VA_VALUES, row.year, LEVEL)
        assert row.value == pytest.approx(point, rel=1e-10)
        assert row.lower == pytest.approx(lower, rel=1e-9)
        assert row.upper == pytest.approx(upper, rel=1e-9)


def test_value_added_hand_points() -> None:
    """Points from arithmetic alone (Rp triliun)."""
    points = {
        m: project_fit(fit(m, VA_YEARS, VA_VALUES), 2019, LEVEL)["value"] / 1e12 for m in MODELS
    }
    assert points["naive"].tolist() == pytest.approx([520, 520, 520])
    assert points["drift"].tolist() == pytest.approx([593.5, 667, 740.5])
    # OLS on x = -1, 0, 1: slope (520 - 373) / 2, intercept the mean 444.
    assert points["linear"].tolist() == pytest.approx([444 + 73.5 * k for k in (2, 3, 4)])


def test_loglinear_note_and_median() -> None:
    out = project_fit(fit("loglinear", VA_YEARS, VA_VALUES), 2017, LEVEL)
    assert out["note"].tolist() == ["median (exp of log-scale prediction)"]
    g = np.log(VA_VALUES)
    b = (g[2] - g[0]) / 2
    assert out["value"].iloc[0] == pytest.approx(math.exp(g.mean() + 2 * b), rel=1e-12)


def test_the_t_functions_are_scipy_stats_t_and_the_intervals_statsmodels_obs_ci(subtests):
    """Against the libraries, in one test so that one test worker imports them (scipy.stats,
    which statsmodels imports too, takes half a second): the t functions equal scipy.stats.t
    exactly, and a regression interval is statsmodels' to 1e-12, for statsmodels goes
    through LAPACK, whose last digits depend on the CPU."""
    from scipy import stats
    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: 0.2 s more
    from statsmodels.tools.tools import add_constant

    for df in (1, 2, 3, 5, 30):
        with subtests.test(df=df):
            for q in (0.5, 0.6, 0.9, 0.975, 0.995):
                assert trends.t_quantile(q, df) == float(stats.t.ppf(q, df))
            for x in (-12.0, -3.1, 0.0, 0.2, 1.7, 40.0):
                assert trends.t_above(x, df) == float(stats.t.sf(x, df))
    x = add_constant(np.asarray(VA_YEARS, dtype=float) - VA_YEARS[0])
    for model in ("linear", "loglinear"):
        with subtests.test(model=model):
            log = model == "loglinear"
            res = OLS(np.log(VA_VALUES) if log else np.asarray(VA_VALUES), x).fit()
            f = fit(model, VA_YEARS, VA_VALUES)
            for year in FUTURE:
                frame = res.get_prediction(np.array([[1.0, year - VA_YEARS[0]]])).summary_frame(
                    alpha=1 - LEVEL
                )
                expected = frame[["obs_ci_lower", "obs_ci_upper"]].to_numpy()[0]
                expected = tuple(np.exp(expected) if log else expected)
                assert f.predictive(year).interval(LEVEL) == pytest.approx(expected, rel=1e-12)


def test_rates_and_standard_errors() -> None:
    x = np.asarray(VA_YEARS, dtype=float)
    lin = hand_ols(x, np.asarray(VA_VALUES))
    log = hand_ols(x, np.log(VA_VALUES))
    f = fit("linear", VA_YEARS, VA_VALUES)
    assert (f.rate, f.rate_se) == pytest.approx((lin["slope"], lin["s"] / math.sqrt(lin["sxx"])))
    f = fit("loglinear", VA_YEARS, VA_VALUES)
    assert f.rate == pytest.approx(math.exp(log["slope"]) - 1, rel=1e-12)
    assert f.rate_se == pytest.approx(log["s"] / math.sqrt(log["sxx"]), rel=1e-9)
    f = fit("drift", VA_YEARS, VA_VALUES)
    d = np.diff(VA_VALUES)
    sigma = math.sqrt(np.sum((d - d.mean()) ** 2) / 1)
    assert (f.rate, f.rate_se) == pytest.approx((73.5e12, sigma / math.sqrt(2)))
    f = fit("naive", VA_YEARS, VA_VALUES)
    assert (f.rate, f.rate_se, f.df_resid) == (None, None, 2)


def test_df_resid() -> None:
    assert [fit(m, VA_YEARS, VA_VALUES).df_resid for m in MODELS] == [2, 1, 1, 1]
    assert [fit(m, UNIT_YEARS, UNIT_VALUES).df_resid for m in MODELS] == [1, 0, 0, 0]


@pytest.mark.parametrize("model", ["drift", "linear", "loglinear"])
def test_two_points_give_no_interval(model: str) -> None:
    f = fit(model, UNIT_YEARS, UNIT_VALUES)
    assert f.rate_se is None
    pred = f.predictive(2017)
    assert pred.scale is None and NO_DF in pred.reason and "2 points" in pred.reason
    assert pred.interval(LEVEL) == (None, None)
    assert pred.prob_above(1.0) is None
    out = project_fit(f, 2018, LEVEL)
    assert out["lower"].isna().all() and out["upper"].isna().all()
    assert out["note"].str.contains(NO_DF).all()
    y1, y2 = UNIT_VALUES
    for row in out.itertuples():
        h = row.year - 2016
        expected = y2 * (y2 / y1) ** h if model == "loglinear" else y2 + h * (y2 - y1)
        assert row.value == pytest.approx(expected, rel=1e-9)


def test_two_points_naive_has_df1_interval() -> None:
    f = fit("naive", UNIT_YEARS, UNIT_VALUES)
    out = project_fit(f, 2018, LEVEL)
    sigma = abs(UNIT_VALUES[1] - UNIT_VALUES[0])
    q = student_t_quantile(0.975, 1)
    for row in out.itertuples():
        half = q * sigma * math.sqrt(row.year - 2016)
        assert row.value == UNIT_VALUES[1]
        assert (row.lower, row.upper) == pytest.approx((row.value - half, row.value + half))
        assert row.note == ""
    assert f.predictive(2017).df == 1


def test_horizon_equal_to_last_year_gives_empty_frame() -> None:
    out = project_fit(fit("drift", VA_YEARS, VA_VALUES), 2016, LEVEL)
    assert out.empty
    assert list(out.columns) == ["model", "year", "value", "lower", "upper", "level", "note"]


# --- Predictive.prob_above ------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("x", [450e12, 600e12, 800e12])
def test_prob_above_matches_scipy_t(model: str, x: float) -> None:
    loc, sd, df = hand_predictive(model, VA_YEARS, VA_VALUES, 2018)
    z = math.log(x) if model == "loglinear" else x
    expected = student_t_above((z - loc) / sd, df)
    got = fit(model, VA_YEARS, VA_VALUES).predictive(2018).prob_above(x)
    assert got == pytest.approx(expected, rel=1e-8, abs=1e-12)


@pytest.mark.parametrize("model", MODELS)
def test_prob_above_is_consistent_with_interval(model: str) -> None:
    pred = fit(model, VA_YEARS, VA_VALUES).predictive(2019)
    lower, upper = pred.interval(0.8)
    assert pred.prob_above(upper) == pytest.approx(0.1)
    assert pred.prob_above(lower) == pytest.approx(0.9)
    assert pred.prob_above(pred.point) == pytest.approx(0.5)


def test_loglinear_prob_above_nonpositive_is_certain() -> None:
    assert fit("loglinear", VA_YEARS, VA_VALUES).predictive(2017).prob_above(0.0) == 1.0


# --- backtest -------------------------------------------------------------------------------


def test_backtest_three_points_by_hand() -> None:
    out = backtest(VA_YEARS, VA_VALUES, MODELS)
    assert list(out.columns) == ["model", "origin", "year", "actual", "forecast", "error", "ape"]
    assert out["model"].tolist() == list(MODELS)
    assert (out["origin"] == 2015).all() and (out["year"] == 2016).all()
    expected = {"naive": 439e12, "drift": 505e12, "linear": 505e12, "loglinear": 439e12**2 / 373e12}
    for row in out.itertuples():
        err = 520e12 - expected[row.model]
        assert row.actual == 520e12
        assert row.forecast == pytest.approx(expected[row.model], rel=1e-12)
        assert row.error == pytest.approx(err, rel=1e-9)
        assert row.ape == pytest.approx(abs(err) / 520e12 * 100, rel=1e-9)
    summary = backtest_summary(out)
    assert list(summary.columns) == ["model", "n", "mape", "drift_mape"]
    assert summary["model"].tolist() == list(MODELS)
    assert (summary["n"] == 1).all()
    assert summary["drift_mape"].tolist() == pytest.approx([15e12 / 520e12 * 100] * 4)
    assert summary.set_index("model").loc["naive", "mape"] == pytest.approx(81 / 520 * 100)


def hand_one_step(model: str, years, values) -> float:
    """One-step-ahead point forecast by closed forms."""
    y = np.asarray(values, dtype=float)
    if model == "naive":
        return y[-1]
    if model == "drift":
        return y[-1] + (y[-1] - y[0]) / (len(y) - 1)
    x = np.asarray(years, dtype=float)
    o = hand_ols(x, np.log(y) if model == "loglinear" else y)
    pred = o["intercept"] + o["slope"] * (years[-1] + 1)
    return math.exp(pred) if model == "loglinear" else pred


def test_backtest_five_point_synthetic() -> None:
    years = list(range(2010, 2015))
    values = [100.0, 112.0, 121.0, 139.0, 150.0]
    out = backtest(years, values, MODELS)
    assert len(out) == 3 * len(MODELS)
    rows = []
    for model in MODELS:
        for end in (2, 3, 4):
            f = hand_one_step(model, years[:end], values[:end])
            rows.append((model, years[end - 1], years[end], values[end], f))
    exp = pd.DataFrame(rows, columns=["model", "origin", "year", "actual", "forecast"])
    exp["ape"] = (exp["actual"] - exp["forecast"]).abs() / exp["actual"] * 100
    key = ["model", "origin"]
    got = out.sort_values(key).reset_index(drop=True)
    exp = exp.sort_values(key).reset_index(drop=True)
    assert got[key + ["year"]].values.tolist() == exp[key + ["year"]].values.tolist()
    np.testing.assert_allclose(got["forecast"], exp["forecast"], rtol=1e-10)
    np.testing.assert_allclose(got["error"], exp["actual"] - exp["forecast"], rtol=1e-9)
    np.testing.assert_allclose(got["ape"], exp["ape"], rtol=1e-9)
    summary = backtest_summary(out).set_index("model")
    mape = exp.groupby("model")["ape"].mean()
    assert summary.index.tolist() == list(MODELS)
    assert (summary["n"] == 3).all()
    np.testing.assert_allclose(summary["mape"], mape.loc[list(MODELS)], rtol=1e-10)
    np.testing.assert_allclose(summary["drift_mape"], mape["drift"], rtol=1e-10)


def test_backtest_two_points_has_no_split() -> None:
    assert backtest(UNIT_YEARS, UNIT_VALUES, MODELS).empty


def test_backtest_summary_without_drift_is_nan() -> None:
    summary = backtest_summary(backtest(VA_YEARS, VA_VALUES, ["linear"]))
    assert summary["model"].tolist() == ["linear"] and summary["drift_mape"].isna().all()


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "values", "match"),
    [
        ([2015], [1.0], r"at least two points"),
        ([2014, 2015, 2016], [1.0, 2.0], r"years and values must have equal lengths"),
        ([2014, 2014, 2015], [1.0, 2.0, 3.0], r"years .*duplicate 2014"),
        ([2015, 2014, 2016], [1.0, 2.0, 3.0], r"years .*unsorted 2015 before 2014"),
        ([2014.5, 2015.5], [1.0, 2.0], r"years must be whole-number years"),
    ],
)
def test_series_errors(years, values, match: str) -> None:
    for model in MODELS:
        with pytest.raises(ValueError, match=match):
            fit(model, years, values)


@pytest.mark.parametrize("bad", [0.0, -5.0])
def test_loglinear_needs_positive_values(bad: float) -> None:
    with pytest.raises(ValueError, match=r"values must be positive .*loglinear"):
        fit("loglinear", [2014, 2015, 2016], [1.0, bad, 3.0])
    fit("linear", [2014, 2015, 2016], [1.0, bad, 3.0])  # fine for other models


def test_unknown_model_lists_models() -> None:
    with pytest.raises(ValueError, match=r"model must be one of .*'naive'.*'loglinear'.*'exp'"):
        fit("exp", VA_YEARS, VA_VALUES)
    with pytest.raises(ValueError, match=r"model must be one of"):
        backtest(VA_YEARS, VA_VALUES, ["exp"])


def test_horizon_before_last_year() -> None:
    with pytest.raises(ValueError, match=r"horizon must be >= the last observed year 2016.*2015"):
        project_fit(fit("drift", VA_YEARS, VA_VALUES), 2015, LEVEL)


@pytest.mark.parametrize("level", [0.0, 1.0, 95, -0.1])
def test_level_outside_unit_interval(level: float) -> None:
    f = fit("linear", VA_YEARS, VA_VALUES)
    with pytest.raises(ValueError, match=r"level=.* must lie strictly between 0 and 1"):
        project_fit(f, 2019, level)
    with pytest.raises(ValueError, match=r"level=.* must lie strictly between 0 and 1"):
        f.predictive(2019).interval(level)


def test_predictive_year_must_be_future() -> None:
    with pytest.raises(ValueError, match=r"year must be after the last observed year 2016"):
        fit("naive", VA_YEARS, VA_VALUES).predictive(2016)


def test_module_exports_contract() -> None:
    assert trends.MODELS == ("naive", "drift", "linear", "loglinear")
    pred = trends.Predictive(loc=0.0, scale=None, df=0, log=True, reason="r")
    assert pred.point == 1.0 and pred.interval(0.9) == (None, None)


def test_regression_sums_are_exact_so_an_exact_line_fits_exactly() -> None:
    """Correctly rounded sums: no BLAS kernel decides the last digits."""
    f = fit("linear", [2014, 2015, 2016, 2017], [0.1, 0.2, 0.3, 0.4])
    assert f.rate == pytest.approx(0.1, abs=1e-16)
    assert fit("linear", [2015, 2016, 2017], [3.0, 5.0, 7.0]).rate == 2.0
    pred = fit("linear", [2015, 2016, 2017], [3.0, 5.0, 7.0]).predictive(2018)
    assert (pred.point, pred.scale) == (9.0, 0.0)


# --- series with gaps: the years there are, over the real distance ---------------------------

GAP_YEARS = (2012, 2014, 2015, 2016, 2019)
GAP_VALUES = (4.0, 3.52, 3.68, 4.41, 4.4)


def test_drift_over_gaps_is_the_random_walk_of_yearly_steps():
    fitted = fit("drift", GAP_YEARS, GAP_VALUES)
    steps = [b - a for a, b in zip(GAP_YEARS, GAP_YEARS[1:], strict=False)]
    diffs = [b - a for a, b in zip(GAP_VALUES, GAP_VALUES[1:], strict=False)]
    c = (4.4 - 4.0) / (2019 - 2012)  # the mean yearly change over the real distance
    sigma2 = sum((d - c * g) ** 2 / g for d, g in zip(diffs, steps, strict=True)) / (len(diffs) - 1)
    assert fitted.rate == pytest.approx(c, rel=1e-12)
    assert fitted.rate_se == pytest.approx(math.sqrt(sigma2 / 7), rel=1e-12)
    pred = fitted.predictive(2024)
    h = 5
    assert pred.loc == pytest.approx(4.4 + h * c, rel=1e-12)
    assert pred.scale == pytest.approx(math.sqrt(sigma2 * h * (1 + h / 7)), rel=1e-12)
    assert pred.df == len(diffs) - 1


def test_naive_over_gaps_spreads_by_the_years_stepped():
    fitted = fit("naive", GAP_YEARS, GAP_VALUES)
    diffs = [b - a for a, b in zip(GAP_VALUES, GAP_VALUES[1:], strict=False)]
    steps = [2, 1, 1, 3]
    sigma2 = sum(d * d / g for d, g in zip(diffs, steps, strict=True)) / len(diffs)
    pred = fitted.predictive(2022)
    assert (pred.loc, pred.df) == (4.4, 4)
    assert pred.scale == pytest.approx(math.sqrt(sigma2 * 3), rel=1e-12)


def test_a_regression_over_gaps_fits_the_years_there_are():
    x = np.array(GAP_YEARS, float) - 2012
    slope, intercept = np.polyfit(x, np.array(GAP_VALUES), 1)
    fitted = fit("linear", GAP_YEARS, GAP_VALUES)
    assert fitted.rate == pytest.approx(slope, rel=1e-12)
    assert fitted.predictive(2024).loc == pytest.approx(intercept + slope * 12, rel=1e-12)
    assert fitted.df_resid == 3


def test_a_backtest_over_gaps_forecasts_the_next_observed_year_however_far():
    errors = backtest(GAP_YEARS, GAP_VALUES, ["naive"])
    splits = list(zip(errors.origin, errors.year, strict=True))
    assert splits == [(2014, 2015), (2015, 2016), (2016, 2019)]
    assert errors.forecast.tolist() == [3.52, 3.68, 4.41]


@pytest.mark.parametrize(
    "models", [["combined"], ["linear", "combined"], ["linear", "linear", "combined"]]
)
def test_a_combination_needs_two_models_to_combine(models):
    with pytest.raises(ValueError, match="'combined' combines two or more"):
        check_models(models)
    check_models(["naive", "linear", "combined"])
    with pytest.raises(ValueError, match="is not allowed"):
        check_models(["mean"])
