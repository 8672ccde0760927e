"""Will IKM meet the ministry's targets, and did it meet those whose year has passed? The
targets stage.

Every stated target, put on its series (helpers.targets.placement), is judged on what was
observed where its year has been observed (`basis` "observed": the figure of that year;
"interpolated": a year between two observed ones, on the straight line between them), and
otherwise assessed under every chosen trend model (`basis` "projected"): the model's point
projection and interval for the target year, whether the point meets it, the probability of
meeting it, and the Eurostat and UN ESCAP progress ratios and categories
(helpers.targets.methods, where the methods and their departures are described).

A target is met when the outcome (or the point projection) reaches the least it asks: its
value, above it for "di atas"/"lebih dari" (`>`), or a range's lower end; a range target
("5%-6%") also says whether the upper end is reached (`met_upper`). A growth target is judged
first on the growth its own indicator states for that year (a source's "pertumbuhan IKM
... 10%"), else on the growth of its series between the target year and the year before.

Growth-rate targets ("tumbuh di atas 10 persen pada 2018") are assessed on the projected
growth point(T) / point(T-1) - 1 (observed values where a year is observed); Eurostat/ESCAP
ratios are not defined for them. Probabilities are predictive, for the target year itself:
`Predictive.prob_above` of `helpers.trends.models` for level targets, and for growth targets
each model's predictive distribution of that year's growth over the year before
(`helpers.trends.growth`), never the trend's rate; the combination's are the mixture's
(`helpers.trends.combined`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.clean.readings import UNITS_READINGS
from helpers.clean.table import CleanTable
from helpers.core.parameters import check_choice, check_level
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
    is_met,
    near_cutoff,
)
from helpers.targets.placement import GROWTH_MEASURES, targets_to_assess
from helpers.trends import models as trend_models
from helpers.trends.combined import Combined, combine
from helpers.trends.growth import GrowthPredictive, growth_predictive
from helpers.trends.models import COMBINED
from helpers.trends.projection import indicator_floors
from helpers.trends.rounding import point_ranges
from helpers.trends.series import observation_sources, observed_ranges, observed_series

MEASURES = ("level", "growth")
NOT_FOR_GROWTH = "not applicable (growth-rate target)"
NO_UNCERTAINTY = "no uncertainty estimate"
OBSERVED_YEAR = "target year is observed: no projection"
BASES = ("observed", "interpolated", "projected")
WRITTEN_BY = "notebook 03 (make run)"

Series = Mapping[str, tuple[Sequence[int], Sequence[float]]]
Sources = Mapping[tuple[str, int], str]

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


def _check_target(rec: Mapping[str, Any]) -> None:
    label = rec["target"]
    if rec["measure"] not in MEASURES:
        raise ValueError(f"target {label!r}: measure must be one of {MEASURES}")
    check_qualifier(rec["qualifier"])


# --- one assessment row ---------------------------------------------------------------------


def _value_at(fit: trend_models.Fit, year: int) -> float:
    """Observed value if `year` is observed, the straight line between the observed years
    around it if it lies between two, else the model's point projection."""
    if year <= fit.years[-1]:
        return interpolated(fit.years, fit.values, year)[0]
    return fit.predictive(year).point


def interpolated(years: Sequence[int], values: Sequence[float], year: int) -> tuple[float, tuple]:
    """(the value of `year` on the straight line between the observed years around it, the
    positions of the observations it rests on); the observation itself for an observed year.
    ValueError for a year outside the observed span."""
    years = list(years)
    if year in years:
        at = years.index(year)
        return float(values[at]), (at,)
    after = next((i for i, y in enumerate(years) if y > year), None)
    if after is None or after == 0:
        raise ValueError(f"year {year} lies outside the observed years {years[0]}-{years[-1]}")
    before = after - 1
    share = (year - years[before]) / (years[after] - years[before])
    return float(values[before] + share * (values[after] - values[before])), (before, after)


def _no_scale_note(pred) -> str:
    return f"{NO_UNCERTAINTY} ({pred.reason})" if pred.reason else NO_UNCERTAINTY


@dataclass(frozen=True)
class InPercent:
    """A growth predictive (fractions) read in percent, as growth targets are stated."""

    growth: GrowthPredictive

    @property
    def point(self) -> float:
        return 100 * self.growth.point

    def interval(self, level: float) -> tuple[float | None, float | None]:
        return tuple(None if g is None else 100 * g for g in self.growth.interval(level))

    def prob_above(self, x: float) -> float | None:
        return self.growth.prob_above(x / 100)


def predictive_of(fit: trend_models.Fit, measure: str, year: int):
    """A model's predictive distribution of the target year's value (a level target) or of
    its growth over the year before, in percent (a growth target)."""
    if measure == "growth":
        return InPercent(growth_predictive(fit, year))
    return fit.predictive(year)


def _has_scale(pred) -> bool:
    return (pred.growth.cov if isinstance(pred, InPercent) else pred.scale) is not None


def _probability_note(pred) -> str:
    if not _has_scale(pred):
        return _no_scale_note(pred.growth if isinstance(pred, InPercent) else pred)
    if isinstance(pred, InPercent):
        return f"predictive growth in the target year, Student-t, {pred.growth.df} df"
    return f"predictive, Student-t, {pred.df} df" + (" on the log scale" if pred.log else "")


def _projected_numbers(
    pred, target: float, level: float, floor: float | None, note: str = ""
) -> dict[str, Any]:
    """projected, lower, upper, probability and its note of a predictive distribution."""
    if isinstance(pred, Combined) or _has_scale(pred):
        lower, upper = pred.interval(level)
        prob = pred.prob_above(target)
    else:
        lower = upper = prob = None
    lower, cut = trend_models.cut_at_floor(lower, floor)
    note = "; ".join(filter(None, [note or _probability_note(pred), cut]))
    return _numbers(pred.point, lower, upper, prob, note)


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
        stated_indicator=_text(rec.get("stated_indicator", rec["indicator"])),
        stated=rec.get("stated", rec["value"]),
        resolution=rec.get("resolution", math.nan),
        target_lower=rec.get("lower", rec["value"]),
        target_upper=rec.get("upper", rec["value"]),
        qualifier=_text(rec["qualifier"]),
        source_id=_text(rec.get("source_id", "")),
        basis="",
        outcome_source="",
        model="",
        level=level,
        cutoffs=cutoffs,
        base_year=base_year,
        met=pd.NA,
        met_upper=pd.NA,
        rounding_moves=pd.NA,
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


def _least(rec: Mapping[str, Any]) -> float:
    """The least a target asks: its value, or a range's lower end."""
    lower = rec.get("lower", rec["value"])
    return float(rec["value"] if lower is None or pd.isna(lower) else lower)


def _verdict(row: dict[str, Any], rec: Mapping[str, Any], outcome: float) -> None:
    """Set gap, gap_pct, met and met_upper of a row from its outcome or projection."""
    least = _least(rec)
    row["gap"], row["gap_pct"] = gap(outcome, least)
    row["met"] = is_met(outcome, least, rec["qualifier"])
    if rec["qualifier"] == "range":
        row["met_upper"] = is_met(outcome, float(rec.get("upper", least)), "range")


def _assess_one(
    rec: Mapping[str, Any],
    fit: trend_models.Fit,
    level: float,
    cutoffs: str = "escap",
    base_year: str = "first",
    floor: float | None = None,
    pred=None,
) -> dict[str, Any]:
    """One (target, model) row of the assessment: the projection of the target year under
    `fit`, or under `pred` (the models' combination) with `fit` giving the observed series."""
    row = _base_row(rec, level, cutoffs, base_year)
    year, target = int(rec["year"]), _least(rec)
    growth = rec["measure"] == "growth"
    combined = pred is not None
    pred = pred if combined else predictive_of(fit, rec["measure"], year)
    note = pred.note(len(pred.points)) if combined else ""
    numbers = _projected_numbers(pred, target, level, None if growth else floor, note)
    model = COMBINED if combined else fit.model
    row.update(numbers, model=model, year=year, assessable=True, basis="projected")
    _verdict(row, rec, row["projected"])
    if growth:
        row.update(eurostat_category=NOT_FOR_GROWTH, escap_category=NOT_FOR_GROWTH)
        if min(fit.values[0], fit.values[-1]) > 0:
            row["observed_cagr"] = cagr(fit.values[0], fit.values[-1], fit.years[-1] - fit.years[0])
        return row
    qualifier = "=" if rec["qualifier"] == "range" else rec["qualifier"]
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


def _projected_rows(
    rec: Mapping[str, Any],
    fits: Sequence[trend_models.Fit],
    combined: bool,
    level: float,
    cutoffs: str,
    base_year: str,
    floor: float | None,
) -> list[dict[str, Any]]:
    """The rows of a target after its series' last year: one per model, and the models'
    equal-weight combination where asked (helpers.trends.combined)."""
    rows = [_assess_one(rec, fit, level, cutoffs, base_year, floor) for fit in fits]
    if combined and len(fits) > 1:
        year = int(rec["year"])
        preds = [predictive_of(fit, rec["measure"], year) for fit in fits]
        mixture = combine(
            [p.point for p in preds], [p.prob_above if _has_scale(p) else None for p in preds]
        )
        rows.append(_assess_one(rec, fits[0], level, cutoffs, base_year, floor, mixture))
    return rows


def _rounding_of_projections(
    rec: Mapping[str, Any], years: Sequence[int], ranges: tuple, models: Sequence[str]
) -> dict[str, tuple[float, float]]:
    """Each model's (and the combination's) point for the target year at the extremes the
    stated rounding of the series allows (helpers.trends.rounding)."""
    year, measure = int(rec["year"]), rec["measure"]
    fitted = [m for m in models if m != COMBINED]

    def points(values: Sequence[float]) -> list[float]:
        found = [
            predictive_of(trend_models.fit(m, years, values), measure, year).point for m in fitted
        ]
        return found + ([math.fsum(found) / len(found)] if COMBINED in models else [])

    found = point_ranges(points, *ranges)
    order = [*fitted, *([COMBINED] if COMBINED in models else [])]
    return dict(zip(order, found, strict=True)) if found else {}


def _with_rounding(row: dict[str, Any], rec: Mapping[str, Any], low: float, high: float) -> None:
    """Set the range of the outcome or projection under rounding, and whether the verdict
    changes within it."""
    least = _least(rec)
    row["rounding_low"], row["rounding_high"] = low, high
    if not (math.isnan(low) or math.isnan(high)):
        met = {is_met(v, least, rec["qualifier"]) for v in (low, high)}
        row["rounding_moves"] = len(met) > 1


# --- judged on what was observed ------------------------------------------------------------


Ranges = Mapping[str, tuple[Sequence[float], Sequence[float]]]


@dataclass(frozen=True)
class Judged:
    """What a target whose year has passed is judged on: the outcome, how it was found
    (`basis`), from which sources, and its range under the stated rounding."""

    outcome: float
    basis: str
    sources: str
    low: float = math.nan
    high: float = math.nan


def _observation(
    indicator: str, year: int, series: Series, sources: Sources, ranges: Ranges
) -> Judged | None:
    """An indicator's year: observed, or interpolated between the observed years around it;
    None outside its observed span."""
    years, values = series.get(indicator, ([], []))
    if not len(years) or not years[0] <= year <= years[-1]:
        return None
    value, positions = interpolated(years, values, year)
    basis = "observed" if len(positions) == 1 else "interpolated"
    found = [sources.get((indicator, int(years[i])), "") for i in positions]
    named = "+".join(dict.fromkeys(source for source in found if source))
    if indicator not in ranges:
        return Judged(value, basis, named)
    lows, highs = ranges[indicator]
    low, high = (interpolated(years, bound, year)[0] for bound in (lows, highs))
    return Judged(value, basis, named, low, high)


def judged_on_observation(
    rec: Mapping[str, Any], series: Series, sources: Sources, ranges: Ranges | None = None
) -> Judged | None:
    """What a target whose year has been observed is judged on; None for a target whose year
    lies after the observations (or before them)."""
    year, ranges = int(rec["year"]), ranges or {}
    if rec["measure"] == "level":
        return _observation(_text(rec["indicator"]), year, series, sources, ranges)
    own = _text(rec.get("stated_indicator", ""))
    if own and own != _text(rec["indicator"]):
        stated = _observation(own, year, series, sources, ranges)
        if stated is not None and stated.basis == "observed":
            return stated  # the growth a source states for that year
    now = _observation(_text(rec["indicator"]), year, series, sources, ranges)
    before = _observation(_text(rec["indicator"]), year - 1, series, sources, ranges)
    if now is None or before is None or before.outcome <= 0:
        return None
    basis = "observed" if now.basis == before.basis == "observed" else "interpolated"
    names = (*before.sources.split("+"), *now.sources.split("+"))
    named = "+".join(dict.fromkeys(s for s in names if s))
    low, high = 100 * (now.low / before.high - 1), 100 * (now.high / before.low - 1)
    return Judged(100 * (now.outcome / before.outcome - 1), basis, named, low, high)


def _judged_row(
    rec: Mapping[str, Any], judged: Judged, level: float, cutoffs: str, base: str
) -> dict[str, Any]:
    """The one row of a target judged on what was observed (no model)."""
    row = _base_row(rec, level, cutoffs, base)
    row.update(
        outcome=judged.outcome, basis=judged.basis, outcome_source=judged.sources, assessable=True
    )
    row["probability_note"] = OBSERVED_YEAR
    _verdict(row, rec, judged.outcome)
    _with_rounding(row, rec, judged.low, judged.high)
    return row


# --- orchestration --------------------------------------------------------------------------


def _missing_reason(rec: Mapping[str, Any], series: Series) -> str:
    """The row's given reason, or why its series cannot be projected to the target year."""
    given = _text(rec["reason"])
    if given:
        return given
    indicator, year = _text(rec["indicator"]), int(rec["year"])
    years = list(series.get(indicator, ([], []))[0])
    if not years:
        return f"no observed series for {indicator}"
    if year < years[0] or (rec["measure"] == "growth" and year - 1 < years[0]):
        return f"the target year is before the first observed year of {indicator} ({years[0]})"
    if len(years) < 2:
        return f"one observed year of {indicator} ({years[0]}): too few to project"
    return ""


def assessment_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows `assessed_rows` gives as a table (schemas.TARGETS)."""
    return typed(pd.DataFrame(rows, columns=TARGETS.names), TARGETS)


def assessed_rows(
    targets: pd.DataFrame,
    series: Series,
    models: Sequence[str],
    level: float,
    cutoffs: str = "escap",
    base_year: str = "first",
    sources: Sources | None = None,
    ranges: Ranges | None = None,
    floors: Mapping[str, float | None] | None = None,
) -> list[dict[str, Any]]:
    """Judge or assess each target: rows of `schemas.TARGETS`' columns (see the module
    docstring); `assessment_table` makes them a table.

    `targets` has columns `TARGETS_TO_ASSESS.names`; `series` maps an indicator to its
    observed (years, values), years strictly increasing, gaps allowed; `sources` maps
    (indicator, year) to the source of that observation; `ranges` an indicator to the stated
    ranges of its observations (with them, each row says how far rounding alone moves its
    outcome or projection, and whether that moves the verdict); `floors` an indicator to
    the least it can be (no interval reaches below). A target whose year has been observed
    gets one row (model ""), judged on the observation; any other one row per (assessable
    target, model), the models' combination included where `models` names it; a target
    that cannot be assessed one row (model "") with its reason. The progress categories
    follow `cutoffs` and `base_year` (helpers.targets.methods).

    Raises ValueError for a level outside (0, 1), an unknown model, cut-off convention or
    base year, or an unknown measure or qualifier.
    """
    level = check_level(level)
    check_cutoffs(cutoffs)
    check_base_year(base_year)
    trend_models.check_models(models)
    _check_columns(targets)
    sources, floors = sources or {}, floors or {}
    fitted = [m for m in models if m != COMBINED]
    fits: dict[tuple[str, str], trend_models.Fit] = {}
    rows = []
    for rec in targets.to_dict("records"):
        _check_target(rec)
        judged = (
            None if _text(rec["reason"]) else judged_on_observation(rec, series, sources, ranges)
        )
        if judged is not None:
            rows.append(_judged_row(rec, judged, level, cutoffs, base_year))
            continue
        reason = _missing_reason(rec, series)
        if reason:
            rows.append(_base_row(rec, level, cutoffs, base_year) | {"reason": reason})
            continue
        indicator = _text(rec["indicator"])
        years, values = series[indicator]
        for model in fitted:
            if (indicator, model) not in fits:
                fits[indicator, model] = trend_models.fit(model, years, values)
        found = _projected_rows(
            rec, [fits[indicator, m] for m in fitted], COMBINED in models, level, cutoffs,
            base_year, floors.get(indicator),
        )  # fmt: skip
        if ranges and indicator in ranges:
            extremes = _rounding_of_projections(rec, years, ranges[indicator], models)
            for row in found:
                _with_rounding(row, rec, *extremes.get(row["model"], (math.nan, math.nan)))
        rows += found
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
    series, sources = observed_series(clean), observation_sources(clean)
    to_assess = targets_to_assess(clean, growth_measure)
    rows = assessed_rows(
        to_assess, series, models, level, cutoffs, base_year, sources,
        observed_ranges(clean), indicator_floors(clean.indicators),
    )  # fmt: skip
    return assessment_table(rows)


def by_reading(
    clean: CleanTable,
    growth_measure: str,
    models: Sequence[str],
    level: float,
    cutoffs: str = "escap",
) -> dict[str, pd.DataFrame]:
    """The assessment under each reading of the IKM count, to show what the reading changes."""
    return {
        reading: build(clean.under(units_reading=reading), growth_measure, models, level, cutoffs)
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
