"""From the clean table to the series, projections and targets notebooks 02 and 03 show.

Reads data/processed/figures.csv (the clean table), chooses one figure per key with the
conflict policy, and derives the unit stock under the chosen reading of the IKM count.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import trends
from helpers.conflicts import resolve
from helpers.language import text
from helpers.params import check_choice, check_choices, check_level
from helpers.paths import DATA
from helpers.pipeline import load_figures
from helpers.readings import COUNT, STOCK, unit_stock
from helpers.register import load_indicators
from helpers.sources import load_sources
from helpers.targets import INPUT_COLUMNS, assess_targets, verdict_table

GROWTH_MEASURES = ("ikm_value_added", STOCK)
PROJECTION_COLUMNS = ["indicator", "model", "year", "value", "lower", "upper", "level", "note"]


@dataclass(frozen=True)
class Clean:
    """The clean table as the trend and target notebooks use it."""

    used: pd.DataFrame  # stated figures, one per indicator, period and kind
    stock: pd.DataFrame  # unit stock (kind derived) and its targets under the reading
    indicators: pd.DataFrame
    units_reading: str


def load_clean(
    data_dir: Path = DATA,
    units_reading: str = "increase",
    prefer_source: str = "latest",
    tables_dir: Path | None = None,
) -> Clean:
    """Read the clean table and apply the conflict policy and the reading of the IKM count."""
    figures = load_figures(data_dir, tables_dir)
    stated = figures[figures.kind != "derived"]
    used, _ = resolve(stated, load_sources(data_dir), prefer_source)
    stock = unit_stock(used, units_reading)
    return Clean(used, stock, load_indicators(data_dir), units_reading)


def observed(clean: Clean, indicator: str) -> tuple[list[int], list[float]]:
    """An indicator's observed annual series: stated actuals, or the derived unit stock."""
    rows = clean.stock if indicator == STOCK else clean.used
    rows = rows[(rows.indicator == indicator) & rows.kind.isin(["actual", "derived"])]
    rows = rows.sort_values("period")
    return rows.period.astype(int).tolist(), rows.value.astype(float).tolist()


def projectable(clean: Clean) -> list[str]:
    """Indicators with at least two observed years, the least a trend needs."""
    candidates = [*clean.used.indicator.unique(), STOCK]
    return sorted(i for i in set(candidates) if len(observed(clean, i)[0]) >= 2)


def check_parameters(clean: Clean, indicators, models, horizon: int, level: float) -> None:
    """Stop on a bad parameter before anything is computed or written."""
    check_choices("indicators", indicators, projectable(clean))
    check_choices("models", models, trends.MODELS)
    check_level(level)
    for indicator in indicators:
        last = observed(clean, indicator)[0][-1]
        if not isinstance(horizon, int) or horizon <= last:
            raise ValueError(
                f"parameter horizon={horizon!r} must be a year after {last}, "
                f"the last observed year of {indicator}"
            )


def project(clean: Clean, indicators, models, horizon: int, level: float):
    """Fit every model to every indicator: (fits, projections, backtest errors, summary)."""
    check_parameters(clean, indicators, models, horizon, level)
    fits, projections, errors, summaries = [], [], [], []
    for indicator in indicators:
        years, values = observed(clean, indicator)
        for model in models:
            fit = trends.fit(model, years, values)
            fits.append(
                {
                    "indicator": indicator,
                    "model": model,
                    "years": f"{years[0]}-{years[-1]}",
                    "n": len(years),
                    "df_resid": fit.df_resid,
                    "rate": fit.rate,
                    "rate_se": fit.rate_se,
                }
            )
            projections.append(trends.project(fit, horizon, level).assign(indicator=indicator))
        tested = trends.backtest(years, values, models).assign(indicator=indicator)
        errors.append(tested)
        summaries.append(trends.backtest_summary(tested).assign(indicator=indicator))
    first = ["indicator"]
    return (
        pd.DataFrame(fits),
        pd.concat(projections, ignore_index=True)[PROJECTION_COLUMNS],
        pd.concat(errors, ignore_index=True).pipe(lambda t: t[first + [*t.columns[:-1]]]),
        pd.concat(summaries, ignore_index=True).pipe(lambda t: t[first + [*t.columns[:-1]]]),
    )


def official_targets(clean: Clean, indicator: str) -> pd.DataFrame:
    """The targets stated for an indicator, on its own scale (the unit stock's per reading)."""
    rows = clean.stock if indicator == STOCK else clean.used
    return rows[(rows.indicator == indicator) & (rows.kind == "target")]


def targets_to_assess(clean: Clean, growth_measure: str) -> pd.DataFrame:
    """Every stated target, put on the series it is assessed on, or with the reason it is not.

    The IKM count target goes on the unit stock (per reading); a growth-rate target
    (unit %, no level of its own) on the growth of `growth_measure`; any other target on
    its own indicator, which must share its unit.
    """
    check_choice("growth_measure", growth_measure, GROWTH_MEASURES)
    rows = []
    for target in clean.used[clean.used.kind == "target"].itertuples(index=False):
        row = {
            "target": f"{target.indicator} {target.period}",
            "year": int(target.period),
            "value": target.value,
            "qualifier": target.qualifier,
            "note": target.note,
            "reason": "",
            "indicator": target.indicator,
            "measure": "level",
        }
        if target.indicator == COUNT:
            stock = official_targets(clean, STOCK).set_index("period")
            row |= {"indicator": STOCK, "note": stock.note.get(target.period, target.note)}
            row["value"] = stock.value.get(target.period, float("nan"))
            if target.period not in stock.index:
                row["reason"] = f"no unit stock for {target.period - 1} under this reading"
        elif is_growth_target(clean, target.indicator):
            row |= {"indicator": growth_measure, "measure": "growth"}
            row["note"] = (
                f"{target.note}; assessed as growth of {growth_measure} "
                "(the source does not say growth of what)"
            )
        check_unit(clean, target, row)
        rows.append(row | {"reason": row["reason"] or no_history(clean, row)})
    return pd.DataFrame(rows, columns=list(INPUT_COLUMNS))


def is_growth_target(clean: Clean, indicator: str) -> bool:
    """A percent indicator that is not the growth of a stated level: growth of what, unsaid."""
    info = clean.indicators.loc[indicator]
    return info.unit == "%" and not info.growth_of


def no_history(clean: Clean, row: dict) -> str:
    """Why a target cannot be assessed when its series has fewer than two observed years."""
    if len(observed(clean, row["indicator"])[0]) >= 2:
        return ""
    reason = f"no history: the sources give no yearly series of {row['indicator']}"
    if "cumulative" in row["note"].lower():
        reason += "; a cumulative target without yearly counts"
    return reason


def check_unit(clean: Clean, target, row: dict) -> None:
    """A level target must be in its series' unit; a growth target in percent."""
    series_unit = clean.indicators.unit.get(row["indicator"], "")
    expected = "%" if row["measure"] == "growth" else series_unit
    if target.unit != expected:
        raise ValueError(
            f"target {target.indicator} {target.period} ({target.source_id}) is in "
            f"{target.unit!r} but is assessed on {row['indicator']} in {expected!r}"
        )


def assess(clean: Clean, growth_measure: str, models, level: float) -> pd.DataFrame:
    """Every stated target under every model (helpers.targets), not-assessable ones included."""
    series = {indicator: observed(clean, indicator) for indicator in projectable(clean)}
    return assess_targets(targets_to_assess(clean, growth_measure), series, models, level)


def compare_readings(
    assessments: dict[str, pd.DataFrame], target: str, lang: str = "en"
) -> pd.DataFrame:
    """One target's verdict under each reading of the IKM count, side by side, in `lang`."""
    keys = ["target_value", "projected", "met", "probability", "eurostat", "escap"]
    columns = [text(f"verdict.{key}", lang) for key in keys]
    model = text("verdict.model", lang)
    frames = {
        reading: verdict_table(table[table.target == target], lang).set_index(model)[columns]
        for reading, table in assessments.items()
    }
    return pd.concat(frames, axis=1, names=[text("column.units_reading", lang), ""])
