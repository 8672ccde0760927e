"""Will IKM meet the ministry's targets on current trends? Target assessment.

Two published methods, applied to every target that is an "at least" level target:

- **Eurostat**, "SDG indicators in the EU: monitoring report", methodology annex
  ("assessment of progress towards quantitative targets"): ratio = observed compound annual
  growth rate (CAGR, first to last observed year) / required CAGR (first observed year to
  the target year, reaching the target value). Categories: >= 0.95 significant progress,
  [0.60, 0.95) moderate progress, [0, 0.60) insufficient progress, < 0 movement away. It uses
  observed data only, so it is the same for every trend model.
- **UN ESCAP**, "Asia and the Pacific SDG Progress Report", anticipated progress method for
  targeted indicators: ratio = (projected value at the target year - base value) /
  (target value - base value), base = first observed year. Categories: >= 1 maintain
  progress, [0, 1) accelerate, < 0 reverse trend. The projection is the trend model's point.

Departure from both: the workspace's series are two or three years long, so the base
period is a two- or three-year window, not the five (Eurostat short-term) or fifteen
(Eurostat long-term, ESCAP from 2000/2015) years the reports use. Read the categories as
a description of a very short trend, not as the reports' verdicts.

Guard (not in the reports): when an at-least target is already reached at the base year
(target <= base value, i.e. required CAGR <= 0), both ratios are NaN and the category is
``"target already met at base year"``.

Growth-rate targets ("tumbuh di atas 10 persen pada 2018") are assessed on the projected
growth point(T) / point(T-1) - 1 (observed values where a year is observed); Eurostat/ESCAP
ratios are not defined for them. Probabilities come from ``helpers.trends`` (see its
contract): ``Predictive.prob_above`` for level targets; for growth targets only under
``loglinear``, where growth is the constant exp(b) - 1 and P(growth > g) = P(b > log(1+g))
with b ~ Student-t(df_resid) around its estimate with se ``Fit.rate_se``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from scipy import stats

from helpers import trends
from helpers.language import answer, message, number, percent, text
from helpers.params import check_choices, check_level

COLUMNS: tuple[str, ...] = (
    "target",
    "indicator",
    "measure",
    "year",
    "target_value",
    "qualifier",
    "model",
    "projected",
    "lower",
    "upper",
    "level",
    "gap",
    "gap_pct",
    "met",
    "probability",
    "probability_note",
    "observed_cagr",
    "required_cagr",
    "eurostat_ratio",
    "eurostat_category",
    "escap_ratio",
    "escap_category",
    "assessable",
    "reason",
    "note",
)
INPUT_COLUMNS = ("target", "indicator", "measure", "year", "value", "qualifier", "note", "reason")
QUALIFIERS = ("=", ">", ">=", "~")
MEASURES = ("level", "growth")

ALREADY_MET = "target already met at base year"
NOT_FOR_GROWTH = "not applicable (growth-rate target)"
NON_POSITIVE = "not applicable (non-positive values)"
NO_UNCERTAINTY = "no uncertainty estimate"
NO_CLOSED_FORM = "growth of a level projection has no closed-form distribution here"
OBSERVED_YEAR = "target year is observed: no projection"


# --- pure helpers ---------------------------------------------------------------------------


def cagr(first_value: float, last_value: float, years: int) -> float:
    """Compound annual growth rate (fraction) from first_value to last_value over ``years``."""
    if years <= 0:
        raise ValueError(f"years must be positive; got {years!r}")
    if first_value <= 0 or last_value <= 0:
        raise ValueError(
            f"cagr needs positive values; got first_value={first_value!r}, "
            f"last_value={last_value!r}"
        )
    return (last_value / first_value) ** (1.0 / years) - 1.0


def eurostat_category(ratio: float) -> str:
    """Eurostat category of the ratio observed CAGR / required CAGR (see module docstring)."""
    if math.isnan(ratio):
        raise ValueError("ratio is NaN: no Eurostat category")
    if ratio >= 0.95:
        return "significant progress"
    if ratio >= 0.60:
        return "moderate progress"
    if ratio >= 0:
        return "insufficient progress"
    return "movement away"


def eurostat_assessment(
    years: Sequence[int], values: Sequence[float], target_year: int, target_value: float
) -> tuple[float, float, float, str]:
    """Return (observed CAGR, required CAGR, ratio, category) for an at-least level target.

    Observed CAGR runs from the first to the last observed year; required CAGR from the
    first observed year to ``target_year``. Required CAGR <= 0 means the target was already
    met at the base year: ratio NaN, category ``ALREADY_MET``. Non-positive values make
    CAGRs undefined: NaNs and ``NON_POSITIVE``.
    """
    first, last = values[0], values[-1]
    if min(first, last, target_value) <= 0:
        return math.nan, math.nan, math.nan, NON_POSITIVE
    observed = cagr(first, last, years[-1] - years[0])
    required = cagr(first, target_value, target_year - years[0])
    if required <= 0:
        return observed, required, math.nan, ALREADY_MET
    ratio = observed / required
    return observed, required, ratio, eurostat_category(ratio)


def escap_ratio(base: float, projected: float, target: float) -> float:
    """UN ESCAP anticipated progress ratio; NaN when target <= base (already met at base)."""
    if target <= base:
        return math.nan
    return (projected - base) / (target - base)


def escap_category(ratio: float) -> str:
    """UN ESCAP category of the anticipated progress ratio (see module docstring)."""
    if math.isnan(ratio):
        raise ValueError("ratio is NaN: no ESCAP category")
    if ratio >= 1:
        return "maintain progress"
    if ratio >= 0:
        return "accelerate"
    return "reverse trend"


def escap_assessment(base: float, projected: float, target: float) -> tuple[float, str]:
    """Return (ratio, category); ``ALREADY_MET`` with NaN when target <= base."""
    ratio = escap_ratio(base, projected, target)
    return ratio, ALREADY_MET if math.isnan(ratio) else escap_category(ratio)


def gap(projected: float, target: float) -> tuple[float, float]:
    """Return (projected - target, the same as percent of target; NaN when target is 0)."""
    absolute = projected - target
    return absolute, (absolute / target * 100.0 if target != 0 else math.nan)


def is_met(projected: float, target: float, qualifier: str) -> bool:
    """At-least target: met when projected >= target, or projected > target for ``">"``."""
    _check_qualifier(qualifier)
    return bool(projected > target) if qualifier == ">" else bool(projected >= target)


def growth_prob_above(rate: float, rate_se: float, df: int, threshold: float) -> float:
    """P(exp(b) - 1 > threshold) with b ~ log(1 + rate) + rate_se * T(df) (log-linear fit)."""
    if threshold <= -1:
        return 1.0
    b = math.log1p(rate)
    return float(stats.t.sf((math.log1p(threshold) - b) / rate_se, df))


def growth_interval(rate: float, rate_se: float, df: int, level: float) -> tuple[float, float]:
    """Central ``level`` interval of exp(b) - 1, b ~ log(1 + rate) + rate_se * T(df)."""
    q = float(stats.t.ppf(0.5 + level / 2.0, df))
    b = math.log1p(rate)
    return math.expm1(b - q * rate_se), math.expm1(b + q * rate_se)


# --- validation -----------------------------------------------------------------------------


def _check_qualifier(qualifier: str) -> None:
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier must be one of {QUALIFIERS}; got {qualifier!r}")


def _check_columns(targets: pd.DataFrame) -> None:
    missing = [c for c in INPUT_COLUMNS if c not in targets.columns]
    if missing:
        raise ValueError(f"targets is missing column(s) {missing}; needs {list(INPUT_COLUMNS)}")


def _text(value: Any) -> str:
    """Missing -> "", otherwise str(value).strip()."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _check_target(rec: Mapping[str, Any], years: Sequence[int]) -> None:
    label = rec["target"]
    if rec["measure"] not in MEASURES:
        raise ValueError(f"target {label!r}: measure must be one of {MEASURES}")
    _check_qualifier(rec["qualifier"])
    if int(rec["year"]) < years[-1]:
        raise ValueError(
            f"target {label!r}: target year {rec['year']} is before the last observed year "
            f"{years[-1]} of {rec['indicator']!r} (observed {years[0]}-{years[-1]})"
        )


# --- one assessment row ---------------------------------------------------------------------


def _value_at(fit: trends.Fit, year: int) -> float:
    """Observed value if ``year`` is observed, else the model's point projection."""
    if year in fit.years:
        return fit.values[fit.years.index(year)]
    return fit.predictive(year).point


def _no_scale_note(pred: trends.Predictive) -> str:
    return f"{NO_UNCERTAINTY} ({pred.reason})" if pred.reason else NO_UNCERTAINTY


def _t_note(df: int, log: bool) -> str:
    return f"Student-t, {df} df" + (" on the log scale" if log else "")


def _level_numbers(fit: trends.Fit, year: int, target: float, level: float) -> dict[str, Any]:
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


def _growth_numbers(fit: trends.Fit, year: int, target_pct: float, level: float) -> dict[str, Any]:
    """Same as ``_level_numbers`` for a growth target; growth and bounds in percent."""
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


def _base_row(rec: Mapping[str, Any], level: float) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS, math.nan)
    row.update(
        target=_text(rec["target"]),
        indicator=_text(rec["indicator"]),
        measure=_text(rec["measure"]),
        year=rec["year"],
        target_value=rec["value"],
        qualifier=_text(rec["qualifier"]),
        model="",
        level=level,
        met=pd.NA,
        probability_note="",
        eurostat_category="",
        escap_category="",
        assessable=False,
        reason="",
        note=_text(rec["note"]),
    )
    return row


def _assess_one(rec: Mapping[str, Any], fit: trends.Fit, level: float) -> dict[str, Any]:
    """One (target, model) row of the assessment."""
    row = _base_row(rec, level)
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
    eurostat = eurostat_assessment(fit.years, fit.values, year, target)
    keys = ("observed_cagr", "required_cagr", "eurostat_ratio", "eurostat_category")
    row.update(zip(keys, eurostat, strict=True))
    row["escap_ratio"], row["escap_category"] = escap_assessment(
        fit.values[0], row["projected"], target
    )
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


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    numeric = [
        "target_value",
        "projected",
        "lower",
        "upper",
        "level",
        "gap",
        "gap_pct",
        "probability",
        "observed_cagr",
        "required_cagr",
        "eurostat_ratio",
        "escap_ratio",
    ]
    frame[numeric] = frame[numeric].astype(float)
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["met"] = frame["met"].astype("boolean")
    frame["assessable"] = frame["assessable"].astype(bool)
    return frame


def assess_targets(
    targets: pd.DataFrame,
    series: Mapping[str, tuple[Sequence[int], Sequence[float]]],
    models: Sequence[str],
    level: float,
) -> pd.DataFrame:
    """Assess each target under each model; columns ``COLUMNS`` (see module docstring).

    ``targets`` has columns ``INPUT_COLUMNS``; ``series`` maps an indicator to (years,
    values), strictly consecutive years (as ``helpers.trends.fit`` requires). One row per
    (assessable target, model) and one row (model "") per target that is not assessable:
    a non-empty ``reason``, or an indicator with no series of at least two points. Targets
    are at-least targets (met when projected >= value, > for ``">"``; ``"="`` and ``"~"``
    are read as at least). Growth targets: value, projected, lower, upper in percent.
    A target year equal to the last observed year uses the observation (no probability).

    Raises ValueError for a level outside (0, 1), an unknown model, a target year before
    the last observed year, or an unknown measure or qualifier.
    """
    level = check_level(level)
    check_choices("models", models, trends.MODELS)
    _check_columns(targets)
    fits: dict[tuple[str, str], trends.Fit] = {}
    rows = []
    for rec in targets.to_dict("records"):
        reason = _missing_reason(rec, series)
        if reason:
            rows.append(_base_row(rec, level) | {"reason": reason})
            continue
        indicator = _text(rec["indicator"])
        years, values = series[indicator]
        _check_target(rec, [int(y) for y in years])
        for model in models:
            if (indicator, model) not in fits:
                fits[indicator, model] = trends.fit(model, years, values)
            rows.append(_assess_one(rec, fits[indicator, model], level))
    return _frame(rows)


def verdict_table(assessment: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Reader-facing verdict in `lang`: one row per target and model, figures written out.

    Values in units (level targets) or percent (growth targets) with the language's
    separators, the interval as "lower - upper", gap in percent of the target (one decimal),
    probability and ratios to two decimals, categories and comments translated, "Met" yes,
    no or "" (not assessable).
    """
    a = assessment

    def shown(column: str) -> pd.Series:
        values = zip(a[column], a["measure"], strict=True)
        return pd.Series(
            [percent(v, 1, lang) if m == "growth" else number(v, 0, lang) for v, m in values],
            index=a.index,
        )

    def decimals(column: str, places: int) -> pd.Series:
        return a[column].map(lambda v: number(v, places, lang))

    def translated(column: str) -> pd.Series:
        return a[column].map(lambda v: message(v, lang))

    level = percent(100 * a["level"].iloc[0], 0, lang) if len(a) else ""
    interval = (shown("lower") + " - " + shown("upper")).where(a["lower"].notna(), "")
    columns = {
        "target": a["target"],
        "model": a["model"],
        "target_value": a["qualifier"].where(a["qualifier"] == ">", "") + shown("target_value"),
        "projected": shown("projected"),
        "interval": interval,
        "gap_pct": decimals("gap_pct", 1),
        "met": a["met"].map(lambda v: answer(v, lang)),
        "probability": decimals("probability", 2),
        "eurostat_ratio": decimals("eurostat_ratio", 2),
        "eurostat": translated("eurostat_category"),
        "escap_ratio": decimals("escap_ratio", 2),
        "escap": translated("escap_category"),
        "comment": translated("reason").where(a["reason"] != "", translated("probability_note")),
    }
    headers = {key: text(f"verdict.{key}", lang, level=level) for key in columns}
    return pd.DataFrame({headers[k]: v for k, v in columns.items()}).reset_index(drop=True)
