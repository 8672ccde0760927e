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

**Cut-off conventions** (`cutoffs`, `CUTOFFS`): the anticipated progress ratio is on track
at 1 under ESCAP (category "maintain progress") and at 0.95 under the UN Statistics
Division's convention as open-sdg's sdg-build applies it ("on track"); below that, both say
"accelerate" down to 0 and "reverse trend" under it. Eurostat's cut-offs are unchanged.

**Status on the latest observation** (open-sdg's `target_achieved`): before a ratio is read,
a target the latest observation already meets is `TARGET_ACHIEVED`; a target met at the base
year (target <= base value) that the latest observation no longer meets is `MOVED_AWAY`,
not "already met". Only then does the ratio give the category. The ratios are kept wherever
they are defined (target above the base value).

**Boundary flag** (`BOUNDARY_BAND`, 0.05 in ratio units): a ratio within the band of one of
its method's cut-offs (`EUROSTAT_CUTOFFS`; 1 or 0.95, and 0, for the anticipated progress
ratio) is flagged by `near_cutoff`, so a verdict that rests on the second decimal of a ratio
from two or three points reads as the boundary case it is.

**Base year** (`BASE_YEARS`): `"first"`, the series' first observed year (the reports' fixed
base period, the default), or `"latest"`, the latest observed year: the ESCAP ratio is then
the share of the remaining distance the projection covers (>= 1 exactly when the point
meets the target), and Eurostat's observed growth has no window (`NO_WINDOW`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from helpers.core.parameters import check_choice

QUALIFIERS = ("=", ">", ">=", "~", "range", "<", "<=")
TARGET_ACHIEVED = "target achieved"
MOVED_AWAY = "moved away from a target met at base year"
NON_POSITIVE = "not applicable (non-positive values)"
NO_WINDOW = "not applicable (base year is the latest observation)"
CUTOFFS = {"escap": 1.0, "unsd": 0.95}  # anticipated progress ratio at which a target is on track
ON_TRACK = {"escap": "maintain progress", "unsd": "on track"}
EUROSTAT_CUTOFFS = (0.95, 0.60, 0.0)
BOUNDARY_BAND = 0.05  # a ratio this close (ratio units) to a cut-off is flagged near_cutoff
BASE_YEARS = ("first", "latest")


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
    high, medium, low = EUROSTAT_CUTOFFS
    if ratio >= high:
        return "significant progress"
    if ratio >= medium:
        return "moderate progress"
    if ratio >= low:
        return "insufficient progress"
    return "movement away"


def base_index(years: Sequence[int], base_year: str) -> int:
    """The position in `years` of the progress ratios' base year (`BASE_YEARS`)."""
    check_base_year(base_year)
    return 0 if base_year == "first" else len(years) - 1


def progress_status(base: float, latest: float, target: float, qualifier: str = "=") -> str:
    """`TARGET_ACHIEVED` when the latest observation meets the target; else `MOVED_AWAY` when
    the base value met it (target <= base); else "" (the ratio decides)."""
    if is_met(latest, target, qualifier):
        return TARGET_ACHIEVED
    if target <= base:
        return MOVED_AWAY
    return ""


def eurostat_assessment(
    years: Sequence[int],
    values: Sequence[float],
    target_year: int,
    target_value: float,
    qualifier: str = "=",
    base_year: str = "first",
) -> tuple[float, float, float, str]:
    """Return (observed CAGR, required CAGR, ratio, category) for an at-least level target.

    Observed CAGR runs from the base year (`base_year`: the first or the latest observed
    year) to the last observed year; required CAGR from the base year to `target_year`. The
    status on the latest observation comes first (`progress_status`); otherwise the ratio's
    category. Required CAGR <= 0 leaves the ratio NaN. Non-positive values make CAGRs
    undefined (`NON_POSITIVE`); a base at the latest observation leaves no window
    (`NO_WINDOW`).
    """
    start = base_index(years, base_year)
    base, last = values[start], values[-1]
    status = progress_status(base, last, target_value, qualifier)
    if min(base, last, target_value) <= 0:
        return math.nan, math.nan, math.nan, status or NON_POSITIVE
    if start == len(years) - 1:
        return math.nan, math.nan, math.nan, status or NO_WINDOW
    observed = cagr(base, last, years[-1] - years[start])
    required = cagr(base, target_value, target_year - years[start])
    ratio = observed / required if required > 0 else math.nan
    return observed, required, ratio, status or eurostat_category(ratio)


def escap_ratio(base: float, projected: float, target: float) -> float:
    """UN ESCAP anticipated progress ratio; NaN when target <= base (met at base)."""
    if target <= base:
        return math.nan
    return (projected - base) / (target - base)


def check_cutoffs(cutoffs: str) -> str:
    """The cut-off convention; ValueError naming the parameter and the allowed values."""
    check_choice("cutoffs", cutoffs, CUTOFFS)
    return cutoffs


def check_base_year(base_year: str) -> str:
    """The base year choice; ValueError naming the parameter and the allowed values."""
    check_choice("base_year", base_year, BASE_YEARS)
    return base_year


def escap_category(ratio: float, cutoffs: str = "escap") -> str:
    """Category of the anticipated progress ratio under the `cutoffs` convention."""
    if math.isnan(ratio):
        raise ValueError("ratio is NaN: no ESCAP category")
    if ratio >= CUTOFFS[check_cutoffs(cutoffs)]:
        return ON_TRACK[cutoffs]
    if ratio >= 0:
        return "accelerate"
    return "reverse trend"


def escap_assessment(
    base: float,
    latest: float,
    projected: float,
    target: float,
    qualifier: str = "=",
    cutoffs: str = "escap",
) -> tuple[float, str]:
    """Return (ratio, category): the status on the latest observation (`progress_status`),
    else the ratio's category under `cutoffs`; the ratio is NaN when target <= base."""
    ratio = escap_ratio(base, projected, target)
    status = progress_status(base, latest, target, qualifier)
    return ratio, status or escap_category(ratio, cutoffs)


def near_cutoff(ratio: float, cutoffs: Sequence[float], band: float = BOUNDARY_BAND) -> bool:
    """Whether `ratio` lies within `band` of one of `cutoffs`, the edge included (1.05 is
    within 0.05 of 1, whatever the last bit of 1.05 - 1); False for NaN."""
    return not math.isnan(ratio) and any(abs(ratio - cut) <= band + 1e-12 for cut in cutoffs)


def escap_cutoffs(cutoffs: str = "escap") -> tuple[float, float]:
    """The anticipated progress ratio's category cut-offs under a convention."""
    return (CUTOFFS[check_cutoffs(cutoffs)], 0.0)


def gap(projected: float, target: float) -> tuple[float, float]:
    """Return (projected - target, the same as percent of target; NaN when target is 0)."""
    absolute = projected - target
    return absolute, (absolute / target * 100.0 if target != 0 else math.nan)


def is_met(projected: float, target: float, qualifier: str) -> bool:
    """Met when projected reaches the target: above it for `">"`, at most it for an at-most
    target (`"<"`, `"<="`), at least it otherwise (`"="`, `"~"` and a range's lower end are
    read as at least)."""
    check_qualifier(qualifier)
    if qualifier == ">":
        return bool(projected > target)
    if qualifier == "<":
        return bool(projected < target)
    if qualifier == "<=":
        return bool(projected <= target)
    return bool(projected >= target)


def check_qualifier(qualifier: str) -> None:
    """Raise ValueError unless the qualifier is one an at-least target can have."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier must be one of {QUALIFIERS}; got {qualifier!r}")
