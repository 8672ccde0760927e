"""The trends stage: every chosen model fitted to every chosen indicator, projected to the
horizon and backtested, in one call; written as projections.csv."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.clean.table import CleanTable
from helpers.core.parameters import check_choices, check_level
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import BACKTEST, BACKTEST_SUMMARY, FITS, PROJECTIONS
from helpers.core.tables import load_table, write_tables
from helpers.extract.register import load_indicators
from helpers.trends import models as trend_models
from helpers.trends.combined import combine
from helpers.trends.models import COMBINED
from helpers.trends.rounding import point_ranges
from helpers.trends.series import observed, observed_ranges, projectable

WRITTEN_BY = "notebook 02 (make run)"
MAX_HORIZON_YEARS = 30  # the farthest a projection reaches past its last observed year


@dataclass(frozen=True)
class Projections:
    """The fits, projections and backtests of one run of the trends stage."""

    fits: pd.DataFrame  # schemas.FITS
    projections: pd.DataFrame  # schemas.PROJECTIONS
    backtest: pd.DataFrame  # schemas.BACKTEST
    backtest_summary: pd.DataFrame  # schemas.BACKTEST_SUMMARY


def check_projection_parameters(
    clean: CleanTable, indicators: Sequence[str], models: Sequence[str], horizon: int, level: float
) -> None:
    """Stop on a bad parameter before anything is computed or written."""
    check_choices("indicators", indicators, projectable(clean))
    trend_models.check_models(models)
    check_level(level)
    for indicator in indicators:
        last = observed(clean, indicator)[0][-1]
        if not isinstance(horizon, int) or horizon <= last:
            raise ValueError(
                f"parameter horizon={horizon!r} must be a year after {last}, "
                f"the last observed year of {indicator}"
            )
        if horizon > last + MAX_HORIZON_YEARS:
            raise ValueError(
                f"parameter horizon={horizon!r} must be at most {last + MAX_HORIZON_YEARS}, "
                f"{MAX_HORIZON_YEARS} years after {last}, the last observed year of {indicator}"
            )


def _fit_row(indicator: str, years: list[int], fit: trend_models.Fit) -> dict[str, object]:
    return {
        "indicator": indicator,
        "model": fit.model,
        "years": f"{years[0]}-{years[-1]}",
        "n": len(years),
        "df_resid": fit.df_resid,
        "rate": fit.rate,
        "rate_se": fit.rate_se,
    }


def floor_of(indicators: pd.DataFrame, indicator: str) -> float | None:
    """The least a level indicator can be (its plausible minimum, where it is not negative):
    no interval of it reaches below; None for a growth rate or a quantity that can fall
    below zero."""
    row = indicators.loc[indicator]
    if row.measure != "level" or row.min_value < 0:
        return None
    return float(row.min_value)


def indicator_floors(indicators: pd.DataFrame) -> dict[str, float | None]:
    """`floor_of` every indicator, by id: what the assessment takes."""
    return {name: floor_of(indicators, name) for name in indicators.index}


def projected_rows(
    fits: Sequence[trend_models.Fit],
    combined: bool,
    horizon: int,
    level: float,
    floor: float | None,
) -> pd.DataFrame:
    """Each fitted model's projection of every year up to `horizon`, and with `combined` (and
    two fits or more) the models' combination: one frame, model by model."""
    rows = [trend_models.project_fit(fit, horizon, level, floor) for fit in fits]
    if combined and len(fits) > 1:
        rows.append(_combined_rows(fits, horizon, level, floor))
    return pd.concat(rows, ignore_index=True)


def _combined_rows(
    fits: Sequence[trend_models.Fit], horizon: int, level: float, floor: float | None
) -> pd.DataFrame:
    """The models' equal-weight combination for each projected year (helpers.trends.combined)."""
    rows = []
    for year in range(fits[0].years[-1] + 1, horizon + 1):
        predictive = [f.predictive(year) for f in fits]
        combination = combine(
            [p.point for p in predictive],
            [p.prob_above if p.scale is not None else None for p in predictive],
        )
        lower, upper = combination.interval(level)
        lower, cut = trend_models.cut_at_floor(lower, floor)
        note = "; ".join(filter(None, [combination.note(len(fits)), cut]))
        rows.append([COMBINED, year, combination.point, lower, upper, level, note])
    frame = pd.DataFrame(rows, columns=trend_models.PROJECTION_COLUMNS[:7])
    return frame.astype({"lower": float, "upper": float})


def _rounding(
    projected: pd.DataFrame,
    models: Sequence[str],
    series: tuple[list[int], list[float]],
    ranges: tuple[list[float], list[float]],
) -> pd.DataFrame:
    """The projections with the range of each point the stated rounding of the series allows
    (helpers.trends.rounding)."""
    years = series[0]
    horizon = int(projected.year.max())
    fitted = [m for m in models if m != COMBINED]

    def points(values: Sequence[float]) -> list[float]:
        found = []
        for model in fitted:
            fit = trend_models.fit(model, years, values)
            found += [fit.predictive(y).point for y in range(years[-1] + 1, horizon + 1)]
        span = horizon - years[-1]
        if COMBINED in models:
            found += [
                math.fsum(found[i + span * k] for k in range(len(fitted))) / len(fitted)
                for i in range(span)
            ]
        return found

    ranges_found = point_ranges(points, *ranges)
    order = [*fitted, *([COMBINED] if COMBINED in models else [])]
    keys = [(m, y) for m in order for y in range(years[-1] + 1, horizon + 1)]
    lows = dict(zip(keys, [low for low, _ in ranges_found], strict=True))
    highs = dict(zip(keys, [high for _, high in ranges_found], strict=True))
    pairs = list(zip(projected.model, projected.year, strict=True))
    return projected.assign(
        rounding_low=[lows[pair] for pair in pairs], rounding_high=[highs[pair] for pair in pairs]
    )


def build(
    clean: CleanTable,
    indicators: Sequence[str],
    models: Sequence[str],
    horizon: int,
    level: float,
) -> Projections:
    """Fit every model to every indicator's observed series, project and backtest it; with
    `combined` among the models, their equal-weight combination too."""
    check_projection_parameters(clean, indicators, models, horizon, level)
    fitted = [m for m in models if m != COMBINED]
    models = [*fitted, *([COMBINED] if COMBINED in models and len(fitted) > 1 else [])]
    ranges = observed_ranges(clean)
    fits, projections, errors, summaries = [], [], [], []
    for indicator in indicators:
        years, values = observed(clean, indicator)
        floor = floor_of(clean.indicators, indicator)
        fitted_here = [trend_models.fit(model, years, values) for model in fitted]
        fits += [_fit_row(indicator, years, fit) for fit in fitted_here]
        projected = projected_rows(fitted_here, COMBINED in models, horizon, level, floor)
        projected = _rounding(projected, models, (years, values), ranges[indicator])
        projections.append(projected.assign(indicator=indicator))
        tested = trend_models.backtest(years, values, models).assign(indicator=indicator)
        errors.append(tested)
        summaries.append(trend_models.backtest_summary(tested).assign(indicator=indicator))
    return Projections(
        fits=pd.DataFrame(fits, columns=FITS.names),
        projections=pd.concat(projections, ignore_index=True)[PROJECTIONS.names],
        backtest=pd.concat(errors, ignore_index=True)[BACKTEST.names],
        backtest_summary=pd.concat(summaries, ignore_index=True)[BACKTEST_SUMMARY.names],
    )


def write(projections: Projections, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write projections.csv to `tables_dir`."""
    written = write_tables({PROJECTIONS: projections.projections}, tables_dir)
    return [display_path(path, data_dir) for path in written]


def load(tables_dir: Path, data_dir: Path = DATA) -> pd.DataFrame:
    """Read the projections `write` left in `tables_dir`."""
    return load_table(PROJECTIONS, tables_dir, data_dir, WRITTEN_BY)


def parameter_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The notebook parameters this stage takes, each with the check a value must pass."""
    known = list(load_indicators(data_dir).index)
    return {
        "models": trend_models.check_models,
        "indicators": lambda value: check_choices("indicators", value, known),
        "level": check_level,
    }
