"""The annual series the trends are fitted to, read off the clean table."""

import pandas as pd

from helpers.clean.readings import STOCK
from helpers.clean.table import CleanTable

OBSERVED = ["actual", "derived"]  # the kinds of figure a series is made of


def observed(clean: CleanTable, indicator: str) -> tuple[list[int], list[float]]:
    """An indicator's observed annual series: stated actuals, or the derived unit stock."""
    rows = clean.stock if indicator == STOCK else clean.used
    return _series(rows[(rows.indicator == indicator) & rows.kind.isin(OBSERVED)])


def projectable(clean: CleanTable) -> list[str]:
    """Indicators with at least two observed years, the least a trend needs."""
    return list(projectable_series(clean))


def projectable_series(clean: CleanTable) -> dict[str, tuple[list[int], list[float]]]:
    """The observed series of the `projectable` indicators, by indicator in name order."""
    found = observed_series(clean)
    return {i: found[i] for i in sorted(found) if len(found[i][0]) >= 2}


def observed_series(clean: CleanTable) -> dict[str, tuple[list[int], list[float]]]:
    """`observed` of every indicator of the clean table and of the unit stock, in one pass."""
    found = {indicator: ([], []) for indicator in [*clean.used.indicator.unique(), STOCK]}
    stock = clean.stock[clean.stock.indicator == STOCK]
    for rows in (clean.used[clean.used.indicator != STOCK], stock):
        rows = rows[rows.kind.isin(OBSERVED)]
        found |= {key: _series(group) for key, group in rows.groupby("indicator", sort=False)}
    return found


def _series(rows: pd.DataFrame) -> tuple[list[int], list[float]]:
    rows = rows.sort_values("period")
    return rows.period.astype(int).tolist(), rows.value.astype(float).tolist()


def official_targets(clean: CleanTable, indicator: str) -> pd.DataFrame:
    """The targets stated for an indicator, on its own scale (the unit stock's per reading)."""
    rows = clean.stock if indicator == STOCK else clean.used
    return rows[(rows.indicator == indicator) & (rows.kind == "target")]
