"""The annual series the trends are fitted to, read off the clean table."""

import pandas as pd

from helpers.clean.readings import STOCK
from helpers.clean.table import CleanTable


def observed(clean: CleanTable, indicator: str) -> tuple[list[int], list[float]]:
    """An indicator's observed annual series: stated actuals, or the derived unit stock."""
    rows = clean.stock if indicator == STOCK else clean.used
    rows = rows[(rows.indicator == indicator) & rows.kind.isin(["actual", "derived"])]
    rows = rows.sort_values("period")
    return rows.period.astype(int).tolist(), rows.value.astype(float).tolist()


def projectable(clean: CleanTable) -> list[str]:
    """Indicators with at least two observed years, the least a trend needs."""
    candidates = [*clean.used.indicator.unique(), STOCK]
    return sorted(i for i in set(candidates) if len(observed(clean, i)[0]) >= 2)


def official_targets(clean: CleanTable, indicator: str) -> pd.DataFrame:
    """The targets stated for an indicator, on its own scale (the unit stock's per reading)."""
    rows = clean.stock if indicator == STOCK else clean.used
    return rows[(rows.indicator == indicator) & (rows.kind == "target")]
