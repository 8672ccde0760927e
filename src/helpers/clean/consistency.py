"""Consistency checks: does each stated growth rate agree with the levels it relates?

A rounded figure stands for an interval (Rp439 triliun: 438.5 to 439.5 triliun; 17,6
persen: 17.55 to 17.65), so a check passes when the stated growth interval and the growth
interval the rounded levels allow overlap.
"""

import pandas as pd

from helpers.core.schemas import CHECKS
from helpers.extract.register import rounding_bounds


def growth_check(growth, level_now, level_before) -> dict:
    """Compare one stated growth rate with the stated levels of its year and the year before.

    Arguments are figure rows (value, resolution, qualifier, period); a missing level is None.
    """
    stated_lo, stated_hi = rounding_bounds(growth.value, growth.resolution)
    row = {"stated_pct": growth.value, "stated_lower": stated_lo, "stated_upper": stated_hi}
    years = {growth.period - 1: level_before, growth.period: level_now}
    missing = [str(year) for year, level in years.items() if level is None]
    if missing:
        return row | {
            "status": "not checkable",
            "detail": f"no stated level for {', '.join(missing)}",
        }
    now_lo, now_hi = rounding_bounds(level_now.value, level_now.resolution)
    before_lo, before_hi = rounding_bounds(level_before.value, level_before.resolution)
    lo, hi = 100 * (now_lo / before_hi - 1), 100 * (now_hi / before_lo - 1)
    detail = f"levels {level_before.value:g} -> {level_now.value:g}"
    approximate = [str(year) for year, level in years.items() if level.qualifier != "="]
    if approximate:
        detail += f"; the level for {', '.join(approximate)} is approximate in the source"
    return row | {
        "implied_pct": 100 * (level_now.value / level_before.value - 1),
        "implied_lower": lo,
        "implied_upper": hi,
        "status": "pass" if lo <= stated_hi and stated_lo <= hi else "fail",
        "detail": detail,
    }


def growth_consistency(figures: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Check every stated actual growth rate against its levels (one figure per key)."""
    actual = {(f.indicator, f.period): f for f in figures[figures.kind == "actual"].itertuples()}
    rows = []
    for (indicator, period), growth in sorted(actual.items()):
        level_indicator = indicators.growth_of.get(indicator, "")
        if not level_indicator:
            continue
        now, before = (
            actual.get((level_indicator, period)),
            actual.get((level_indicator, period - 1)),
        )
        rows.append(
            {"growth_indicator": indicator, "level_indicator": level_indicator, "period": period}
            | growth_check(growth, now, before)
        )
    return pd.DataFrame(rows, columns=CHECKS.names)
