"""One-line results, one per notebook, that the report index shows beside each run.

Each notebook ends its narrative with a cell tagged `headline` whose output is one of these
lines; the runner reads that output, so the index never recomputes a result itself.
"""

import pandas as pd

from helpers.display import readable
from helpers.pipeline import CleanTable

PREFERRED_MODEL = "linear"


def figures_headline(table: CleanTable) -> str:
    """How many figures, from how many sources, and what the checks and conflicts found."""
    stated = table.figures[table.figures.kind != "derived"]
    status = table.checks.status.value_counts()
    checks = ", ".join(f"{n} {s}" for s, n in sorted(status.items()))
    return (
        f"{len(stated)} figures from {stated.source_id.nunique()} sources; "
        f"checks: {checks or 'none'}; conflicts: {len(table.conflicts)}"
    )


def projections_headline(projected: pd.DataFrame, indicators: pd.DataFrame) -> str:
    """Each indicator's projection at the horizon, by the linear model if it was run."""
    models = list(projected.model.unique())
    model = PREFERRED_MODEL if PREFERRED_MODEL in models else models[0]
    rows = projected[(projected.model == model) & (projected.year == projected.year.max())]
    parts = []
    for row in rows.itertuples():
        unit = indicators.unit[row.indicator]
        interval = (
            f" ({readable(row.lower, unit)} to {readable(row.upper, unit)})"
            if pd.notna(row.lower)
            else " (no interval)"
        )
        parts.append(f"{indicators.label_en[row.indicator]} {readable(row.value, unit)}{interval}")
    year, level = int(rows.year.iloc[0]), rows.level.iloc[0]
    return f"{year}, {model} trend, {level:.0%} interval: " + "; ".join(parts)


def targets_headline(assessment: pd.DataFrame) -> str:
    """For each assessable target, how many models' point projections meet it."""
    rows = assessment[assessment.assessable]
    if rows.empty:
        return "no target can be assessed"
    parts = [
        f"{target}: met by {int(group.met.astype(bool).sum())} of {len(group)} models"
        for target, group in rows.groupby("target", sort=False)
    ]
    unassessable = (~assessment.assessable).sum()
    return "; ".join(parts) + f" ({unassessable} targets cannot be assessed)"
