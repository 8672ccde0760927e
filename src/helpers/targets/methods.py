"""The progress methods: how far a series is towards a target, by Eurostat and UN ESCAP.

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
`"target already met at base year"`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy import stats

QUALIFIERS = ("=", ">", ">=", "~")
ALREADY_MET = "target already met at base year"
NON_POSITIVE = "not applicable (non-positive values)"


def cagr(first_value: float, last_value: float, years: int) -> float:
    """Compound annual growth rate (fraction) from first_value to last_value over `years`."""
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
    first observed year to `target_year`. Required CAGR <= 0 means the target was already
    met at the base year: ratio NaN, category `ALREADY_MET`. Non-positive values make
    CAGRs undefined: NaNs and `NON_POSITIVE`.
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
    """Return (ratio, category); `ALREADY_MET` with NaN when target <= base."""
    ratio = escap_ratio(base, projected, target)
    return ratio, ALREADY_MET if math.isnan(ratio) else escap_category(ratio)


def gap(projected: float, target: float) -> tuple[float, float]:
    """Return (projected - target, the same as percent of target; NaN when target is 0)."""
    absolute = projected - target
    return absolute, (absolute / target * 100.0 if target != 0 else math.nan)


def is_met(projected: float, target: float, qualifier: str) -> bool:
    """At-least target: met when projected >= target, or projected > target for `">"`."""
    check_qualifier(qualifier)
    return bool(projected > target) if qualifier == ">" else bool(projected >= target)


def growth_prob_above(rate: float, rate_se: float, df: int, threshold: float) -> float:
    """P(exp(b) - 1 > threshold) with b ~ log(1 + rate) + rate_se * T(df) (log-linear fit)."""
    if threshold <= -1:
        return 1.0
    b = math.log1p(rate)
    return float(stats.t.sf((math.log1p(threshold) - b) / rate_se, df))


def growth_interval(rate: float, rate_se: float, df: int, level: float) -> tuple[float, float]:
    """Central `level` interval of exp(b) - 1, b ~ log(1 + rate) + rate_se * T(df)."""
    q = float(stats.t.ppf(0.5 + level / 2.0, df))
    b = math.log1p(rate)
    return math.expm1(b - q * rate_se), math.expm1(b + q * rate_se)


def check_qualifier(qualifier: str) -> None:
    """Raise ValueError unless the qualifier is one an at-least target can have."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier must be one of {QUALIFIERS}; got {qualifier!r}")
