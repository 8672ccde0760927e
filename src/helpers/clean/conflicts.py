"""Conflicts: several sources giving different values for one indicator, period and kind.

All figures stay in the clean table; the policy `prefer_source` chooses the one used
downstream: "latest" (default, the most recently published source), "earliest", or a
source_id, which wins wherever it has a figure (elsewhere the latest source does).
"""

import pandas as pd

from helpers.core.parameters import check_choice
from helpers.core.schemas import CONFLICTS
from helpers.extract.sources import published_order

POLICIES = ("latest", "earliest")
KEY = ["indicator", "period", "subperiod", "kind"]


def check_policy(prefer_source: str, sources: pd.DataFrame) -> None:
    """Raise ValueError unless the policy is known or names a registered source."""
    check_choice("prefer_source", prefer_source, [*POLICIES, *sources.source_id])


def _ranked(figures: pd.DataFrame, sources: pd.DataFrame, prefer_source: str) -> pd.DataFrame:
    """Figures sorted so that, within each key, the preferred one comes first."""
    published = dict(zip(sources.source_id, sources.published, strict=True))
    order = {source_id: published_order(date) for source_id, date in published.items()}
    ranked = figures.assign(
        published=figures.source_id.map(published),
        _order=figures.source_id.map(order),
        _named=figures.source_id != prefer_source,
    )
    newest_first = prefer_source != "earliest"
    return ranked.sort_values(
        [*KEY, "_named", "_order", "source_id"],
        ascending=[True, True, True, True, True, not newest_first, True],
    )


def resolve(figures: pd.DataFrame, sources: pd.DataFrame, prefer_source: str = "latest"):
    """Return (one figure per key for downstream use, the table of conflicts)."""
    check_policy(prefer_source, sources)
    ranked = _ranked(figures, sources, prefer_source)
    first = ~ranked.duplicated(KEY)
    used = ranked[first].drop(columns=["published", "_order", "_named"])
    if ranked.empty:  # no register rows yet (articles just added): nothing to compare
        conflicting = pd.Series(False, index=ranked.index)
    else:
        compared = ranked[["value", "lower", "upper", "qualifier"]].astype(str)
        distinct = compared.groupby([ranked[k] for k in KEY]).transform("nunique")
        conflicting = (distinct > 1).any(axis=1)
    conflicts = ranked[conflicting].assign(used=first[conflicting])
    return used.reset_index(drop=True), conflicts[CONFLICTS.names].reset_index(drop=True)
