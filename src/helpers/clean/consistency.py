"""Consistency checks: do the figures agree with each other?

Three checks, one table (schemas.CHECKS):

- `growth`: each stated growth rate against the levels it relates. A rounded figure stands
  for an interval (Rp439 triliun: 438.5 to 439.5 triliun; 17,6 persen: 17.55 to 17.65), so
  the check passes when the stated growth interval and the interval the rounded levels
  allow overlap.
- `magnitude`: each figure of a level indicator against the other stated figures of that
  indicator (at least two, so that their median says which is the odd one). A figure an
  order of magnitude or more from their median ("4,59 IKM" among
  stated stocks of some 4 million, a target of 182,000 on a stock of 4.4 million) fails:
  it is a missing scale word or a different measure, so it is left out of every series and
  verdict, and listed with the reason. Only failures are listed.
- `derived`: the unit stock derived from the seeds' count (helpers.clean.readings) against
  the stock a source states for the same year. The stated stock wins; the check says by how
  much the two differ (pass when their intervals overlap).
"""

import math

import numpy as np
import pandas as pd

from helpers.core.schemas import CHECKS
from helpers.extract.register import rounding_bounds

ORDER_OF_MAGNITUDE = 1.0  # |log10(figure / median of the others)| at or above it fails
MIN_OTHERS = 2  # the fewest other figures whose median says which figure is the odd one


def growth_check(growth, level_now, level_before) -> dict:
    """Compare one stated growth rate with the stated levels of its year and the year before.

    Arguments are figure rows (value, resolution, qualifier, period); a missing level is None.
    """
    stated_lo, stated_hi = rounding_bounds(growth.value, growth.resolution)
    row = {"stated": growth.value, "stated_lower": stated_lo, "stated_upper": stated_hi}
    years = {growth.period - 1: level_before, growth.period: level_now}
    missing = [str(year) for year, level in years.items() if level is None]
    if missing:
        return row | {"status": "not checkable", "detail": f"no stated level for {missing[0]}"}
    now_lo, now_hi = rounding_bounds(level_now.value, level_now.resolution)
    before_lo, before_hi = rounding_bounds(level_before.value, level_before.resolution)
    lo, hi = 100 * (now_lo / before_hi - 1), 100 * (now_hi / before_lo - 1)
    approximate = [str(year) for year, level in years.items() if level.qualifier != "="]
    detail = f"the level for {approximate[0]} is approximate in the source" if approximate else ""
    return row | {
        "expected": 100 * (level_now.value / level_before.value - 1),
        "expected_lower": lo,
        "expected_upper": hi,
        "status": "pass" if lo <= stated_hi and stated_lo <= hi else "fail",
        "detail": detail,
    }


def _check_row(check: str, figure, **fields) -> dict:
    """A row of the checks table about one figure."""
    subperiod = getattr(figure, "subperiod", "")
    return {
        "check": check,
        "indicator": figure.indicator,
        "period": int(figure.period),
        "subperiod": subperiod if isinstance(subperiod, str) else "",
        "kind": figure.kind,
        "source_id": figure.source_id,
    } | fields


def _full_year_actuals(figures: pd.DataFrame) -> pd.DataFrame:
    return figures[(figures.kind == "actual") & (figures.subperiod == "")]


def growth_consistency(
    figures: pd.DataFrame, indicators: pd.DataFrame, stated: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Check every full-year growth rate of `figures` (one figure per key) against its levels:
    those its own source states (of `stated`), which the rate was computed from, where that
    source states both; else the levels of `figures`."""
    actual = {(f.indicator, f.period): f for f in _full_year_actuals(figures).itertuples()}
    own = {
        (f.source_id, f.indicator, f.period): f
        for f in _full_year_actuals(figures if stated is None else stated).itertuples()
    }
    rows = []
    for (indicator, period), growth in sorted(actual.items()):
        level_indicator = indicators.growth_of.get(indicator, "")
        if not level_indicator:
            continue
        same = [own.get((growth.source_id, level_indicator, year)) for year in (period, period - 1)]
        now, before = (
            same
            if None not in same
            else [actual.get((level_indicator, year)) for year in (period, period - 1)]
        )
        found = growth_check(growth, now, before)
        whose = "against its own source's levels" if None not in same else "against the levels used"
        found["detail"] = "; ".join(
            filter(None, [f"{whose} of {level_indicator}", found["detail"]])
        )
        rows.append(_check_row("growth", growth, **found))
    return pd.DataFrame(rows, columns=CHECKS.names)


def scale_of(indicators: pd.DataFrame) -> set[str]:
    """The indicators whose figures have a size to compare: levels not in percent."""
    levels = indicators[(indicators.measure == "level") & (indicators.unit != "%")]
    return set(levels.index)


def magnitude_failures(
    figures: pd.DataFrame, reference: pd.DataFrame, indicators: pd.DataFrame
) -> pd.DataFrame:
    """The figures an order of magnitude or more from the median of the `reference` figures of
    their indicator (stated actuals), the figure itself left out of its own reference."""
    compared = scale_of(indicators)
    by_indicator = {
        name: group.value.to_numpy(dtype=float)
        for name, group in reference[reference.indicator.isin(compared)].groupby("indicator")
    }
    keys = {
        name: list(zip(group.source_id, group.period, group.subperiod, group.kind, strict=True))
        for name, group in reference.groupby("indicator")
    }
    rows = []
    for figure in figures[figures.indicator.isin(compared)].itertuples(index=False):
        values = by_indicator.get(figure.indicator)
        if values is None or not figure.value > 0:
            continue
        own = (figure.source_id, figure.period, figure.subperiod, figure.kind)
        others = [v for v, key in zip(values, keys[figure.indicator], strict=True) if key != own]
        if len(others) < MIN_OTHERS:
            continue
        median = float(np.median(others))
        if median > 0 and abs(math.log10(figure.value / median)) >= ORDER_OF_MAGNITUDE:
            detail = (
                f"an order of magnitude or more from the median of the other {len(others)} "
                f"stated figures of {figure.indicator}; left out of every series and verdict"
            )
            rows.append(
                _check_row(
                    "magnitude",
                    figure,
                    stated=figure.value,
                    stated_lower=figure.lower,
                    stated_upper=figure.upper,
                    expected=median,
                    status="fail",
                    detail=detail,
                )
            )
    return pd.DataFrame(rows, columns=CHECKS.names)


def derived_against_stated(derived: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Each derived figure beside the stated figure of its indicator and year (the one used):
    pass when their intervals overlap; the stated figure is the one used either way."""
    chosen = {(f.indicator, f.period): f for f in stated.itertuples(index=False)}
    rows = []
    for row in derived.itertuples(index=False):
        figure = chosen.get((row.indicator, row.period))
        if figure is None:
            continue
        low, high = rounding_bounds(figure.value, figure.resolution)
        low = low if pd.isna(figure.lower) else min(low, figure.lower)
        high = high if pd.isna(figure.upper) else max(high, figure.upper)
        overlap = row.lower <= high and low <= row.upper
        difference = 100 * (row.value / figure.value - 1)
        detail = (
            f"the derived figure is {difference:+.1f}% from the stated one, which is used; "
            f"{row.note}"
        )
        rows.append(
            _check_row(
                "derived",
                figure,
                stated=figure.value,
                stated_lower=low,
                stated_upper=high,
                expected=row.value,
                expected_lower=row.lower,
                expected_upper=row.upper,
                status="pass" if overlap else "fail",
                detail=detail,
            )
        )
    return pd.DataFrame(rows, columns=CHECKS.names)
