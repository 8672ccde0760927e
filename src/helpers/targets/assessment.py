"""Will IKM meet the ministry's targets on current trends? The targets stage.

Every stated target, put on its series (helpers.targets.placement), is assessed under every
chosen trend model: the model's point projection and interval for the target year, whether
the point meets it, the probability of meeting it, and the Eurostat and UN ESCAP progress
ratios and categories (helpers.targets.methods, where the methods and their departures are
described).

Growth-rate targets ("tumbuh di atas 10 persen pada 2018") are assessed on the projected
growth point(T) / point(T-1) - 1 (observed values where a year is observed); Eurostat/ESCAP
ratios are not defined for them. Probabilities come from `helpers.trends.models` (see its
contract): `Predictive.prob_above` for level targets; for growth targets only under
`loglinear`, where growth is the constant exp(b) - 1 and P(growth > g) = P(b > log(1+g))
with b ~ Student-t(df_resid) around its estimate with se `Fit.rate_se`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.clean.readings import UNITS_READINGS
from helpers.clean.table import CleanTable
from helpers.clean.table import load as load_clean
from helpers.core.parameters import check_choice, check_choices, check_level
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import TARGETS, TARGETS_TO_ASSESS
from helpers.core.tables import load_table, typed, write_tables
from helpers.targets.methods import (
    EUROSTAT_CUTOFFS,
    base_index,
    cagr,
    check_base_year,
    check_cutoffs,
    check_qualifier,
    escap_assessment,
    escap_cutoffs,
    eurostat_assessment,
    gap,
    growth_interval,
    growth_prob_above,
    is_met,
    near_cutoff,
)
from helpers.targets.placement import GROWTH_MEASURES, targets_to_assess
from helpers.trends import models as trend_models
from helpers.trends.series import projectable_series

MEASURES = ("level", "growth")
NOT_FOR_GROWTH = "not applicable (growth-rate target)"
NO_UNCERTAINTY = "no uncertainty estimate"
NO_CLOSED_FORM = "growth of a level projection has no closed-form distribution here"
OBSERVED_YEAR = "target year is observed: no projection"
WRITTEN_BY = "notebook 03 (make run)"

# --- validation -----------------------------------------------------------------------------


def _check_columns(targets: pd.DataFrame) -> None:
    missing = [c for c in TARGETS_TO_ASSESS.names if c not in targets.columns]
    if missing:
        raise ValueError(
            f"targets is missing column(s) {missing}; needs {list(TARGETS_TO_ASSESS.names)}"
        )


def _text(value: Any) -> str:
    """Missing -> "", otherwise str(value).strip()."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _check_target(rec: Mapping[str, Any], years: Sequence[int]) -> None:
    label = rec["target"]
    if rec["measure"] not in MEASURES:
        raise ValueError(f"target {label!r}: measure must be one of {MEASURES}")
    check_qualifier(rec["qualifier"])
    if int(rec["year"]) < years[-1]:
        raise ValueError(
            f"target {label!r}: target year {rec['year']} is before the last observed year "
            f"{years[-1]} of {rec['indicator']!r} (observed {years[0]}-{years[-1]})"
        )


# --- one assessment row ---------------------------------------------------------------------


def _value_at(fit: trend_models.Fit, year: int) -> float:
    """Observed value if `year` is observed, else the model's point projection."""
    if year in fit.years:
        return fit.values[fit.years.index(year)]
    return fit.predictive(year).point


def _no_scale_note(pred: trend_models.Predictive) -> str:
    return f"{NO_UNCERTAINTY} ({pred.reason})" if pred.reason else NO_UNCERTAINTY


def _t_note(df: int, log: bool) -> str:
    return f"Student-t, {df} df" + (" on the log scale" if log else "")


def _level_numbers(fit: trend_models.Fit, year: int, target: float, level: float) -> dict[str, Any]:
    """projected, lower, upper, probability and its note for a level target."""
    if year <= fit.years[-1]:
        value = _value_at(fit, year)
        return _numbers(value, math.nan, math.nan, math.nan, OBSERVED_YEAR)
    pred = fit.predictive(year)
    if pred.scale is None:
        return _numbers(pred.point, math.nan, math.nan, math.nan, _no_scale_note(pred))
    lower, upper = pred.interval(level)
    prob = pred.prob_above(target)
    return _numbers(pred.point, lower, upper, prob, _t_note(pred.df, pred.log))


def _growth_numbers(
    fit: trend_models.Fit, year: int, target_pct: float, level: float
) -> dict[str, Any]:
    """Same as `_level_numbers` for a growth target; growth and bounds in percent."""
    growth = (_value_at(fit, year) / _value_at(fit, year - 1) - 1.0) * 100.0
    if year <= fit.years[-1]:
        return _numbers(growth, math.nan, math.nan, math.nan, OBSERVED_YEAR)
    pred = fit.predictive(year)
    if pred.scale is None or (fit.model == "loglinear" and fit.rate_se is None):
        return _numbers(growth, math.nan, math.nan, math.nan, _no_scale_note(pred))
    if fit.model != "loglinear":
        return _numbers(growth, math.nan, math.nan, math.nan, NO_CLOSED_FORM)
    args = (fit.rate, fit.rate_se, fit.df_resid)
    lower, upper = growth_interval(*args, level)
    prob = growth_prob_above(*args, target_pct / 100.0)
    note = f"trend growth exp(b)-1; b Student-t, {fit.df_resid} df"
    return _numbers(growth, lower * 100.0, upper * 100.0, prob, note)


def _numbers(
    projected: float, lower: float | None, upper: float | None, prob: float | None, note: str
) -> dict[str, Any]:
    def num(x: float | None) -> float:
        return math.nan if x is None else float(x)

    return {
        "projected": float(projected),
        "lower": num(lower),
        "upper": num(upper),
        "probability": num(prob),
        "probability_note": note,
    }


def _base_row(
    rec: Mapping[str, Any], level: float, cutoffs: str = "escap", base_year: str = "first"
) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(TARGETS.names, math.nan)
    row.update(
        target=_text(rec["target"]),
        indicator=_text(rec["indicator"]),
        measure=_text(rec["measure"]),
        year=rec["year"],
        target_value=rec["value"],
        qualifier=_text(rec["qualifier"]),
        model="",
        level=level,
        cutoffs=cutoffs,
        base_year=base_year,
        met=pd.NA,
        eurostat_near_cutoff=pd.NA,
        escap_near_cutoff=pd.NA,
        probability_note="",
        eurostat_category="",
        escap_category="",
        assessable=False,
        reason="",
        note=_text(rec["note"]),
    )
    return row


def _assess_one(
    rec: Mapping[str, Any],
    fit: trend_models.Fit,
    level: float,
    cutoffs: str = "escap",
    base_year: str = "first",
) -> dict[str, Any]:
    """One (target, model) row of the assessment."""
    row = _base_row(rec, level, cutoffs, base_year)
    year, target = int(rec["year"]), float(rec["value"])
    growth = rec["measure"] == "growth"
    numbers = (_growth_numbers if growth else _level_numbers)(fit, year, target, level)
    row.update(numbers, model=fit.model, year=year, target_value=target, assessable=True)
    row["gap"], row["gap_pct"] = gap(row["projected"], target)
    row["met"] = is_met(row["projected"], target, rec["qualifier"])
    if growth:
        row.update(eurostat_category=NOT_FOR_GROWTH, escap_category=NOT_FOR_GROWTH)
        if min(fit.values[0], fit.values[-1]) > 0:
            row["observed_cagr"] = cagr(fit.values[0], fit.values[-1], fit.years[-1] - fit.years[0])
        return row
    qualifier = rec["qualifier"]
    eurostat = eurostat_assessment(fit.years, fit.values, year, target, qualifier, base_year)
    keys = ("observed_cagr", "required_cagr", "eurostat_ratio", "eurostat_category")
    row.update(zip(keys, eurostat, strict=True))
    base = fit.values[base_index(fit.years, base_year)]
    row["escap_ratio"], row["escap_category"] = escap_assessment(
        base, fit.values[-1], row["projected"], target, qualifier, cutoffs
    )
    for method, cuts in (("eurostat", EUROSTAT_CUTOFFS), ("escap", escap_cutoffs(cutoffs))):
        ratio = row[f"{method}_ratio"]
        row[f"{method}_near_cutoff"] = pd.NA if math.isnan(ratio) else near_cutoff(ratio, cuts)
    return row


# --- orchestration --------------------------------------------------------------------------


def _missing_reason(rec: Mapping[str, Any], series: Mapping[str, Any]) -> str:
    """The row's given reason, or "no observed series for X" when it has < 2 points."""
    given = _text(rec["reason"])
    if given:
        return given
    indicator = _text(rec["indicator"])
    if indicator not in series or len(series[indicator][0]) < 2:
        return f"no observed series for {indicator}"
    return ""


def assessment_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows `assessed_rows` gives as a table (schemas.TARGETS)."""
    return typed(pd.DataFrame(rows, columns=TARGETS.names), TARGETS)


def assessed_rows(
    targets: pd.DataFrame,
    series: Mapping[str, tuple[Sequence[int], Sequence[float]]],
    models: Sequence[str],
    level: float,
    cutoffs: str = "escap",
    base_year: str = "first",
) -> list[dict[str, Any]]:
    """Assess each target under each model: rows of `schemas.TARGETS`' columns (see the
    module docstring); `assessment_table` makes them a table.

    `targets` has columns `TARGETS_TO_ASSESS.names`; `series` maps an indicator to (years,
    values), strictly consecutive years (as `helpers.trends.models.fit` requires). One row per
    (assessable target, model) and one row (model "") per target that is not assessable:
    a non-empty `reason`, or an indicator with no series of at least two points. Targets
    are at-least targets (met when projected >= value, > for `">"`; `"="` and `"~"`
    are read as at least). Growth targets: value, projected, lower, upper in percent.
    A target year equal to the last observed year uses the observation (no probability).

    The progress categories follow `cutoffs` and `base_year` (helpers.targets.methods).

    Raises ValueError for a level outside (0, 1), an unknown model, cut-off convention or
    base year, a target year before the last observed year, or an unknown measure or
    qualifier.
    """
    level = check_level(level)
    check_cutoffs(cutoffs)
    check_base_year(base_year)
    check_choices("models", models, trend_models.MODELS)
    _check_columns(targets)
    fits: dict[tuple[str, str], trend_models.Fit] = {}
    rows = []
    for rec in targets.to_dict("records"):
        reason = _missing_reason(rec, series)
        if reason:
            rows.append(_base_row(rec, level, cutoffs, base_year) | {"reason": reason})
            continue
        indicator = _text(rec["indicator"])
        years, values = series[indicator]
        _check_target(rec, [int(y) for y in years])
        for model in models:
            if (indicator, model) not in fits:
                fits[indicator, model] = trend_models.fit(model, years, values)
            rows.append(_assess_one(rec, fits[indicator, model], level, cutoffs, base_year))
    return rows


# --- the stage ------------------------------------------------------------------------------


def build(
    clean: CleanTable,
    growth_measure: str,
    models: Sequence[str],
    level: float,
    cutoffs: str = "escap",
    base_year: str = "first",
) -> pd.DataFrame:
    """Every stated target under every model, not-assessable ones included (schemas.TARGETS)."""
    series = projectable_series(clean)
    to_assess = targets_to_assess(clean, growth_measure)
    return assessment_table(assessed_rows(to_assess, series, models, level, cutoffs, base_year))


def by_reading(
    tables_dir: Path,
    prefer_source: str,
    growth_measure: str,
    models: Sequence[str],
    level: float,
    data_dir: Path = DATA,
    cutoffs: str = "escap",
) -> dict[str, pd.DataFrame]:
    """The assessment under each reading of the IKM count, to show what the reading changes."""
    return {
        reading: build(
            load_clean(tables_dir, data_dir, reading, prefer_source),
            growth_measure,
            models,
            level,
            cutoffs,
        )
        for reading in UNITS_READINGS
    }


def write(assessment: pd.DataFrame, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write targets.csv to `tables_dir`."""
    return [
        display_path(path, data_dir) for path in write_tables({TARGETS: assessment}, tables_dir)
    ]


def load(tables_dir: Path, data_dir: Path = DATA) -> pd.DataFrame:
    """Read the assessment `write` left in `tables_dir`."""
    return load_table(TARGETS, tables_dir, data_dir, WRITTEN_BY)


def parameter_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The notebook parameters this stage takes, each with the check a value must pass."""
    return {
        "growth_measure": lambda value: check_choice("growth_measure", value, GROWTH_MEASURES),
        "cutoffs": lambda value: check_cutoffs(value),
    }
