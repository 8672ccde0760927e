"""The annual series the trends are fitted to, read off the clean table.

A series holds the years there are, gaps and all: a year no source states is not invented.
It is made of full-year figures; with the clean table's `part_years` choice "include", the
latest part of a year (a quarter, a half, the year to a month) stands for a year that has no
full-year figure.
"""

import pandas as pd

from helpers.clean.table import CleanTable
from helpers.trends.rounding import stated_range

OBSERVED = ["actual", "derived"]  # the kinds of figure a series is made of
PART_ORDER = {"": 99}  # a full year sorts after every part of it


def _part_rank(subperiod: str) -> int:
    """How far into the year a part reaches (Q2 and H1 to June, M11 to November)."""
    if not subperiod:
        return PART_ORDER[""]
    kind, number = subperiod[0], int(subperiod[1:])
    return {"Q": 3 * number, "H": 6 * number, "M": number}[kind]


def observed_rows(clean: CleanTable) -> pd.DataFrame:
    """The figures the series are made of: one per indicator and year."""
    rows = clean.used[clean.used.kind.isin(OBSERVED)]
    if clean.choices.part_years == "exclude":
        return rows[rows.subperiod == ""]
    ranked = rows.assign(_reach=rows.subperiod.map(_part_rank))
    ranked = ranked.sort_values(["indicator", "period", "_reach"])
    return ranked.drop_duplicates(["indicator", "period"], keep="last").drop(columns="_reach")


def observed(clean: CleanTable, indicator: str) -> tuple[list[int], list[float]]:
    """An indicator's observed annual series: (years, values), the years increasing."""
    return observed_series(clean).get(indicator, ([], []))


def projectable(clean: CleanTable) -> list[str]:
    """Indicators with at least two observed years, the least a trend needs."""
    return list(projectable_series(clean))


def projectable_series(clean: CleanTable) -> dict[str, tuple[list[int], list[float]]]:
    """The observed series of the `projectable` indicators, by indicator in name order."""
    found = observed_series(clean)
    return {i: found[i] for i in sorted(found) if len(found[i][0]) >= 2}


def observed_series(clean: CleanTable) -> dict[str, tuple[list[int], list[float]]]:
    """`observed` of every indicator of the clean table, in one pass."""
    found = {indicator: ([], []) for indicator in clean.used.indicator.unique()}
    rows = observed_rows(clean)
    found |= {key: _series(group) for key, group in rows.groupby("indicator", sort=False)}
    return found


def observed_ranges(clean: CleanTable) -> dict[str, tuple[list[float], list[float]]]:
    """The stated range of each observation of each series (helpers.trends.rounding), in the
    order of `observed_series`: (lowest values, highest values)."""
    found: dict[str, tuple[list[float], list[float]]] = {}
    for indicator, rows in observed_rows(clean).sort_values("period").groupby("indicator"):
        ranges = [
            stated_range(r.value, r.lower, r.upper, r.resolution, r.qualifier)
            for r in rows.itertuples(index=False)
        ]
        found[indicator] = ([low for low, _ in ranges], [high for _, high in ranges])
    return found


def observation_sources(clean: CleanTable) -> dict[tuple[str, int], str]:
    """The source of each observation of the series: (indicator, year) -> source_id."""
    rows = observed_rows(clean)
    keys = zip(rows.indicator, rows.period.astype(int), strict=True)
    return dict(zip(keys, rows.source_id, strict=True))


def _series(rows: pd.DataFrame) -> tuple[list[int], list[float]]:
    rows = rows.sort_values("period")
    return rows.period.astype(int).tolist(), rows.value.astype(float).tolist()


def official_targets(clean: CleanTable, indicator: str) -> pd.DataFrame:
    """The targets stated for an indicator, on its own scale (the unit stock's per reading)."""
    rows = clean.used
    return rows[(rows.indicator == indicator) & (rows.kind == "target")]
