"""The trends stage: every chosen model fitted to every chosen indicator, projected to the
horizon and backtested, in one call; written as projections.csv."""

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
from helpers.trends.series import observed, projectable

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
    check_choices("models", models, trend_models.MODELS)
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


def build(
    clean: CleanTable,
    indicators: Sequence[str],
    models: Sequence[str],
    horizon: int,
    level: float,
) -> Projections:
    """Fit every model to every indicator's observed series, project and backtest it."""
    check_projection_parameters(clean, indicators, models, horizon, level)
    fits, projections, errors, summaries = [], [], [], []
    for indicator in indicators:
        years, values = observed(clean, indicator)
        for model in models:
            fit = trend_models.fit(model, years, values)
            fits.append(_fit_row(indicator, years, fit))
            projected = trend_models.project_fit(fit, horizon, level)
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
        "models": lambda value: check_choices("models", value, trend_models.MODELS),
        "indicators": lambda value: check_choices("indicators", value, known),
        "level": check_level,
    }
