"""Trend models for short annual series with gaps, projected honestly.

Models (`MODELS`), each fitted to one annual series: whole years, strictly increasing, with
gaps where no source states a year (the years there are are fitted, none is invented):

- `naive`: last value carried forward.
- `drift`: last value plus the mean yearly change (FPP3 5.2), over the real distance
  between the first and last observed years; the benchmark.
- `linear`: OLS of value on (year - first year), statsmodels.
- `loglinear`: OLS of log(value) on (year - first year), i.e. constant growth. Points and
  bounds are exp of log-scale quantities, so the point is the **median**, not the mean.

API:

- `fit(model, years, values) -> Fit`; `Fit.predictive(year) -> Predictive`.
- `Predictive`: a future value is `loc + scale * T(df)` (log scale when `log`);
  `point`, `interval(level)`, `prob_above(x)`. `scale` is None (with `reason`)
  when the fit leaves no residual degrees of freedom: no interval is ever invented.
- `project_fit(fit, horizon, level)` -> DataFrame[model, year, value, lower, upper, level, note].
- `backtest(years, values, models)` -> DataFrame[model, origin, year, actual, forecast,
  error, ape]: rolling origin, one step ahead, fitting at least two points.
- `backtest_summary(errors)` -> DataFrame[model, n, mape, drift_mape].

Intervals: linear/loglinear use the OLS prediction interval (statsmodels' `obs_ci`, which
the tests check against), computed here in closed form with correctly rounded sums
(`math.fsum`) instead of through LAPACK: on a few points the numbers are then the same to
the last bit on every machine, whichever BLAS kernels its CPU gets. Naive and drift use the
FPP3 5.5 h-step sd (naive `sigma*sqrt(h)`, drift `sigma*sqrt(h*(1 + h/(T-1)))`,
`sigma^2 = sum(e^2)/(T-K-1)`), written for gaps: a step of g years is a random walk's g
yearly steps, so its change has mean `c*g` and variance `sigma^2*g`; then
`c = (y_T - y_1)/(t_T - t_1)`, `sigma^2 = sum((d_i - c*g_i)^2/g_i)/df` over the n-1 steps
(df = n-1 for naive, n-2 for drift), and `t_T - t_1` takes the place of T-1 (the same
formulas where the years are consecutive). Departure from FPP3: the quantile is Student-t
with the residual df instead of normal, because with one or two residuals a normal
quantile overstates certainty.

`Fit.rate`/`rate_se`: drift: mean yearly change and `sigma/sqrt(T-1)`; linear: slope and
its standard error; loglinear: `exp(b) - 1` and the se of the log-scale slope `b`;
naive: None.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from helpers.core.parameters import check_choices, check_level
from helpers.core.schemas import BACKTEST, BACKTEST_SUMMARY, PROJECTIONS

MODELS: tuple[str, ...] = ("naive", "drift", "linear", "loglinear")
COMBINED = "combined"  # the models' equal-weight combination (helpers.trends.combined)
CHOICES: tuple[str, ...] = (*MODELS, COMBINED)  # what the `models` parameter may name


def check_models(models: object) -> None:
    """Raise ValueError unless `models` lists CHOICES, with at least two of MODELS beside
    `combined`: a combination of one model, or of none, is no combination."""
    check_choices("models", models, CHOICES)
    if COMBINED in models and sum(m != COMBINED for m in dict.fromkeys(models)) < 2:
        raise ValueError(
            f"parameter models={models!r}: {COMBINED!r} combines two or more of {list(MODELS)};"
            " list at least two of them beside it"
        )


# The stage tables' columns without the indicator, which helpers.trends.projection adds.
PROJECTION_COLUMNS = [
    c for c in PROJECTIONS.names if c not in ("indicator", "rounding_low", "rounding_high")
]
BACKTEST_COLUMNS = [c for c in BACKTEST.names if c != "indicator"]
SUMMARY_COLUMNS = [c for c in BACKTEST_SUMMARY.names if c != "indicator"]
MEDIAN_NOTE = "median (exp of log-scale prediction)"
CUT_NOTE = "interval cut where the model's reaches below what the quantity can be:"


# --- validation -----------------------------------------------------------------------------


def _check_model(model: str) -> str:
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}; got {model!r}")
    return model


def _as_year(value: object, name: str) -> int:
    """Return value as int, refusing non-integral numbers (a year is a whole number)."""
    try:
        as_int = int(value)  # type: ignore[call-overload]
        ok = as_int == value
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"{name} must be whole-number years; got {value!r}")
    return as_int


def _year_problems(years: Sequence[int]) -> list[str]:
    """Describe each adjacent pair of years that is not strictly increasing."""
    problems = []
    for a, b in zip(years[:-1], years[1:], strict=True):
        if b == a:
            problems.append(f"duplicate {a}")
        elif b < a:
            problems.append(f"unsorted {a} before {b}")
    return problems


def _check_series(
    model: str, years: Sequence[int], values: Sequence[float]
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Validate one annual series for `model`; return it as tuples of int and float."""
    _check_model(model)
    ys = tuple(_as_year(y, "years") for y in years)
    vs = tuple(float(v) for v in values)
    if len(ys) != len(vs):
        raise ValueError(
            f"years and values must have equal lengths; got {len(ys)} years, {len(vs)} values"
        )
    if len(ys) < 2:
        raise ValueError(f"years/values need at least two points; got {len(ys)}")
    problems = _year_problems(ys)
    if problems:
        raise ValueError(
            f"years must be strictly increasing whole years; got {list(ys)}: " + "; ".join(problems)
        )
    if not all(math.isfinite(v) for v in vs):
        raise ValueError(f"values must be finite; got {list(vs)}")
    if model == "loglinear" and min(vs) <= 0:
        bad = [v for v in vs if v <= 0]
        raise ValueError(f"values must be positive for model 'loglinear'; got {bad}")
    return ys, vs


# --- predictive distribution ----------------------------------------------------------------


def t_quantile(q: float, df: float) -> float:
    """Student's t quantile, as `scipy.stats.t.ppf` gives it: scipy.special imports in a
    fifth of scipy.stats' time, and every notebook kernel and run imports this module."""
    return float(special.stdtrit(df, q))


def t_above(x: float, df: float) -> float:
    """P(T(df) > x), as `scipy.stats.t.sf` gives it (see `t_quantile`)."""
    return float(special.stdtr(df, -x))


@dataclass(frozen=True)
class Predictive:
    """A future value as `loc + scale * T(df)`, on the log scale when `log` is True."""

    loc: float
    scale: float | None
    df: int
    log: bool
    reason: str = ""

    @property
    def point(self) -> float:
        """Point forecast; for log models exp(loc), which is the median, not the mean."""
        return math.exp(self.loc) if self.log else self.loc

    def _back(self, z: float) -> float:
        return math.exp(z) if self.log else z

    def interval(self, level: float) -> tuple[float | None, float | None]:
        """Central prediction interval at `level`; (None, None) without a scale."""
        alpha = 1.0 - check_level(level)
        if self.scale is None:
            return None, None
        # Same expression as statsmodels so regression intervals match obs_ci exactly.
        q = t_quantile(1 - alpha / 2.0, self.df)
        return self._back(self.loc - q * self.scale), self._back(self.loc + q * self.scale)

    def prob_above(self, x: float) -> float | None:
        """P(value > x) under the predictive; None without a scale."""
        if self.scale is None:
            return None
        if self.log:
            if x <= 0:
                return 1.0
            x = math.log(x)
        if self.scale == 0:
            return 1.0 if self.loc > x else 0.0
        return t_above((x - self.loc) / self.scale, self.df)


# --- fits -----------------------------------------------------------------------------------


def _no_df_reason(model: str, n: int) -> str:
    kind = {"drift": "drift", "linear": "linear", "loglinear": "log-linear"}.get(model, model)
    return f"{n} points leave no residual degrees of freedom for a {kind} fit"


@dataclass(frozen=True)
class _Regression:
    """OLS of y on x = year - first year: the numbers its predictions need."""

    intercept: float
    slope: float
    n: int
    x_mean: float
    sxx: float
    sigma2: float | None  # residual variance; None when no degree of freedom is left

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x

    def se_obs(self, x: float) -> float:
        """Standard error of a new observation at x (statsmodels' `se_obs`)."""
        return math.sqrt(self.sigma2 * (1 + 1 / self.n + (x - self.x_mean) ** 2 / self.sxx))


def _ols(model: str, years: tuple[int, ...], values: tuple[float, ...]) -> _Regression:
    """OLS of value (or log value) on year - first year, in closed form with exact sums."""
    y = [math.log(v) for v in values] if model == "loglinear" else list(values)
    x = [float(year - years[0]) for year in years]
    n = len(x)
    x_mean, y_mean = math.fsum(x) / n, math.fsum(y) / n
    sxx = math.fsum((xi - x_mean) ** 2 for xi in x)
    slope = math.fsum((xi - x_mean) * (yi - y_mean) for xi, yi in zip(x, y, strict=True)) / sxx
    intercept = y_mean - slope * x_mean
    residuals = [yi - (intercept + slope * xi) for xi, yi in zip(x, y, strict=True)]
    sigma2 = math.fsum(e * e for e in residuals) / (n - 2) if n > 2 else None
    return _Regression(intercept, slope, n, x_mean, sxx, sigma2)


def _random_walk_sigma(
    years: tuple[int, ...], values: tuple[float, ...], drift: bool
) -> tuple[float, float | None, int]:
    """Return (c, sigma, df) of the naive (c = 0) or drift random walk over steps of any
    number of years; sigma None if df 0."""
    steps = [b - a for a, b in zip(years[:-1], years[1:], strict=True)]
    diffs = [b - a for a, b in zip(values[:-1], values[1:], strict=True)]
    c = (values[-1] - values[0]) / (years[-1] - years[0]) if drift else 0.0
    df = len(diffs) - (1 if drift else 0)
    if df == 0:
        return c, None, 0
    squares = math.fsum((d - c * g) ** 2 / g for d, g in zip(diffs, steps, strict=True))
    return c, math.sqrt(squares / df), df


def _regression_predictive(fit: Fit, year: int) -> Predictive:
    regression = _ols(fit.model, fit.years, fit.values)
    x = float(year - fit.years[0])
    log = fit.model == "loglinear"
    if fit.df_resid == 0:
        reason = _no_df_reason(fit.model, len(fit.years))
        return Predictive(regression.at(x), None, 0, log, reason)
    return Predictive(regression.at(x), regression.se_obs(x), fit.df_resid, log)


def _random_walk_predictive(fit: Fit, year: int) -> Predictive:
    drift = fit.model == "drift"
    c, sigma, df = _random_walk_sigma(fit.years, fit.values, drift)
    h = year - fit.years[-1]
    loc = fit.values[-1] + h * c
    if sigma is None:
        return Predictive(loc, None, 0, False, _no_df_reason(fit.model, len(fit.years)))
    span = fit.years[-1] - fit.years[0]
    scale = sigma * math.sqrt(h * (1 + h / span)) if drift else sigma * math.sqrt(h)
    return Predictive(loc, scale, df, False)


@dataclass(frozen=True)
class Fit:
    """One model fitted to one annual series; see the module docstring for `rate`."""

    model: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    df_resid: int
    rate: float | None
    rate_se: float | None

    def predictive(self, year: int) -> Predictive:
        """Predictive distribution of the value in a year after the last observed one."""
        year = _as_year(year, "year")
        if year <= self.years[-1]:
            raise ValueError(
                f"year must be after the last observed year {self.years[-1]}; got {year}"
            )
        if self.model in ("linear", "loglinear"):
            return _regression_predictive(self, year)
        return _random_walk_predictive(self, year)


def fit(model: str, years: Sequence[int], values: Sequence[float]) -> Fit:
    """Fit `model` (one of MODELS) to one annual series (strictly increasing years)."""
    ys, vs = _check_series(model, years, values)
    if model in ("naive", "drift"):
        c, sigma, df = _random_walk_sigma(ys, vs, model == "drift")
        if model == "naive":
            return Fit(model, ys, vs, df, None, None)
        se = None if sigma is None else sigma / math.sqrt(ys[-1] - ys[0])
        return Fit(model, ys, vs, df, c, se)
    regression = _ols(model, ys, vs)
    df = len(vs) - 2
    slope_se = None if regression.sigma2 is None else math.sqrt(regression.sigma2 / regression.sxx)
    rate = math.expm1(regression.slope) if model == "loglinear" else regression.slope
    return Fit(model, ys, vs, df, rate, slope_se)


# --- projections and backtests --------------------------------------------------------------


def project_fit(fit: Fit, horizon: int, level: float, floor: float | None = None) -> pd.DataFrame:
    """Project each year after the last observed one up to `horizon`, with intervals; a
    lower end below `floor` (0 for a quantity that cannot be negative) is cut there, and the
    note says so."""
    level = check_level(level)
    last = fit.years[-1]
    horizon = _as_year(horizon, "horizon")
    if horizon < last:
        raise ValueError(f"horizon must be >= the last observed year {last}; got {horizon}")
    rows = [_projection_row(fit, year, level, floor) for year in range(last + 1, horizon + 1)]
    frame = pd.DataFrame(rows, columns=PROJECTION_COLUMNS)
    return frame.astype(
        {
            "model": "str",
            "year": "int64",
            "value": float,
            "lower": float,
            "upper": float,
            "level": float,
            "note": "str",
        }
    )


def cut_at_floor(lower: float | None, floor: float | None) -> tuple[float | None, str]:
    """The lower end of an interval cut at `floor`, and the note saying so ("" if uncut)."""
    if lower is None or floor is None or lower >= floor:
        return lower, ""
    return floor, f"{CUT_NOTE} {floor:g}"


def _projection_row(fit: Fit, year: int, level: float, floor: float | None) -> dict[str, object]:
    pred = fit.predictive(year)
    lower, upper = pred.interval(level)
    lower, cut = cut_at_floor(lower, floor)
    notes = [MEDIAN_NOTE] if pred.log else []
    notes += [cut] if cut else []
    if pred.scale is None:
        notes.append(pred.reason)
    return {
        "model": fit.model,
        "year": year,
        "value": pred.point,
        "lower": np.nan if lower is None else lower,
        "upper": np.nan if upper is None else upper,
        "level": level,
        "note": "; ".join(notes),
    }


def backtest(
    years: Sequence[int], values: Sequence[float], models: Sequence[str] = MODELS
) -> pd.DataFrame:
    """Rolling-origin errors one observation ahead (a step of as many years as the gap to
    the next observed year); each origin (last fitted year) fits >= 2 points.

    `ape` is abs(error) / abs(actual) * 100 (NaN when actual is 0). With `COMBINED` among
    the models, the combination's forecast is the mean of the other models' forecasts.
    """
    if isinstance(models, str):
        models = (models,)
    fitted = [m for m in models if m != COMBINED]
    checked = [_check_series(m, years, values) for m in fitted]
    rows = []
    for model, (ys, vs) in zip(fitted, checked, strict=True):
        for end in range(2, len(ys)):
            forecast = fit(model, ys[:end], vs[:end]).predictive(ys[end]).point
            rows.append((model, ys[end - 1], ys[end], vs[end], forecast))
    if COMBINED in models and len(fitted) > 1:
        splits: dict[tuple, list[float]] = {}
        for _, origin, year, actual, forecast in rows:
            splits.setdefault((origin, year, actual), []).append(forecast)
        rows += [
            (COMBINED, origin, year, actual, math.fsum(found) / len(found))
            for (origin, year, actual), found in splits.items()
        ]
    frame = pd.DataFrame(rows, columns=BACKTEST_COLUMNS[:5])
    frame = frame.astype(
        {"model": "str", "origin": "int64", "year": "int64", "actual": float, "forecast": float}
    )
    frame["error"] = frame["actual"] - frame["forecast"]
    actual = frame["actual"].abs().replace(0.0, np.nan)
    frame["ape"] = frame["error"].abs() / actual * 100
    return frame


def backtest_summary(errors: pd.DataFrame) -> pd.DataFrame:
    """Per model (in CHOICES order): number of splits, MAPE, and drift's MAPE on those splits.

    `drift_mape` is NaN when `errors` has no drift rows for the model's splits.
    """
    drift = errors.loc[errors["model"] == "drift"].set_index(["origin", "year"])["ape"]
    rows = []
    for model in [m for m in CHOICES if m in set(errors["model"])]:
        own = errors.loc[errors["model"] == model]
        keys = pd.MultiIndex.from_frame(own[["origin", "year"]])
        bench = drift.reindex(keys)
        drift_mape = float(bench.mean()) if bench.notna().all() else np.nan
        rows.append((model, len(own), float(own["ape"].mean()), drift_mape))
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return frame.astype({"model": "str", "n": "int64", "mape": float, "drift_mape": float})
