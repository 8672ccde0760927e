"""Conflicts: several sources giving different figures for one indicator, period and kind.

All figures stay in the clean table; the policy `prefer_source` chooses the one used
downstream:

- "best" (default): the best-stated figure: an exact figure before an approximate, bounded
  or ranged one, then the most significant digits written ("4,41 juta" before "4 juta"),
  then the ministry's own words before a relay (a publisher data/publishers.csv marks as
  official), then the latest published;
- "latest": the most recently published source;
- "earliest": the earliest published source;
- a source_id, which wins wherever it has a figure (elsewhere the best-stated figure does).

A full-year figure and a part-year one (`subperiod`) are different keys, never a conflict:
which of them a series takes is the `part_years` choice (helpers.trends.series).
"""

import numpy as np
import pandas as pd

from helpers.core.parameters import check_choice
from helpers.core.schemas import CONFLICTS
from helpers.extract.sources import published_order

POLICIES = ("best", "latest", "earliest")
KEY = ["indicator", "period", "subperiod", "kind"]


def check_policy(prefer_source: str, sources: pd.DataFrame) -> None:
    """Raise ValueError unless the policy is known or names a registered source."""
    check_choice("prefer_source", prefer_source, [*POLICIES, *sources.source_id])


def _ranked(
    figures: pd.DataFrame, sources: pd.DataFrame, prefer_source: str, official: set[str]
) -> pd.DataFrame:
    """Figures sorted so that, within each key, the preferred one comes first."""
    published = dict(zip(sources.source_id, sources.published, strict=True))
    publisher = dict(zip(sources.source_id, sources.publisher, strict=True))
    order = {source_id: published_order(date) for source_id, date in published.items()}
    size = figures.value.abs().where(figures.value != 0, 1.0)
    digits = np.floor(np.log10(size / figures.resolution)).fillna(-1.0) + 1
    ranked = figures.assign(
        published=figures.source_id.map(published),
        _order=figures.source_id.map(order),
        _named=figures.source_id != prefer_source,
        _inexact=figures.qualifier != "=",
        _coarseness=-digits,
        _relay=~figures.source_id.map(publisher).isin(official),
    )
    if prefer_source == "earliest":
        by, ascending = ["_order"], [True]
    elif prefer_source == "latest":
        by, ascending = ["_order"], [False]
    else:  # best, or a named source and the best elsewhere
        by = ["_inexact", "_coarseness", "_relay", "_order"]
        ascending = [True, True, True, False]
    return ranked.sort_values(
        [*KEY, "_named", *by, "source_id"], ascending=[True] * (len(KEY) + 1) + ascending + [True]
    )


def resolve(
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    prefer_source: str = "best",
    official: set[str] = frozenset(),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (one figure per key for downstream use, the table of conflicts). `official`:
    the publishers whose words are the ministry's own (data/publishers.csv)."""
    check_policy(prefer_source, sources)
    ranked = _ranked(figures, sources, prefer_source, set(official))
    first = ~ranked.duplicated(KEY)
    helpers = ["published", "_order", "_named", "_inexact", "_coarseness", "_relay"]
    used = ranked[first].drop(columns=helpers)
    if ranked.empty:  # no register rows yet (articles just added): nothing to compare
        conflicting = pd.Series(False, index=ranked.index)
    else:
        compared = ranked[["value", "lower", "upper", "qualifier"]].astype(str)
        distinct = compared.groupby([ranked[k] for k in KEY]).transform("nunique")
        conflicting = (distinct > 1).any(axis=1)
    conflicts = ranked[conflicting].assign(used=first[conflicting])
    return used.reset_index(drop=True), conflicts[CONFLICTS.names].reset_index(drop=True)
