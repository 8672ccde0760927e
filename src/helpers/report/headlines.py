"""One-line results, one per notebook, that the report index shows beside each run.

Each notebook ends its narrative with a cell tagged `headline` whose output is one of these
lines, in the notebook's language (`lang`); the runner reads that output, so the index never
recomputes a result itself.
"""

import pandas as pd

from helpers.clean.table import CleanTable
from helpers.report.display import readable
from helpers.report.language import label, message, number, percent, text

PREFERRED_MODELS = ("combined", "linear")  # the number a headline quotes, the first run


def preferred_model(models) -> str:
    """The model whose numbers headlines and key findings quote: the models' combination
    where it was made, else the linear trend, else the first model run."""
    models = list(models)
    return next((m for m in PREFERRED_MODELS if m in models), models[0])


def figures_headline(table: CleanTable, lang: str = "en") -> str:
    """How many figures, from how many sources, and what the checks and conflicts found."""
    stated = table.figures[table.figures.kind != "derived"]
    status = table.checks.status.value_counts()
    counts = sorted(status.items())
    checks = ", ".join(f"{number(n, 0, lang)} {message(s, lang)}" for s, n in counts)
    return text(
        "headline.figures",
        lang,
        figures=number(len(stated), 0, lang),
        sources=number(stated.source_id.nunique(), 0, lang),
        checks=checks or text("value.none", lang),
        conflicts=number(len(table.conflicts), 0, lang),
    )


def _interval(row, unit: str, lang: str) -> str:
    """The interval as "(lower to upper)", or "(no interval)" where the fit gives none."""
    if pd.isna(row.lower):
        return f"({text('headline.no_interval', lang)})"
    lower, upper = (readable(v, unit, lang=lang) for v in (row.lower, row.upper))
    return f"({text('range', lang, lower=lower, upper=upper)})"


def projections_headline(
    projected: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> str:
    """Each indicator's projection at the horizon, by the linear model if it was run."""
    model = preferred_model(projected.model.unique())
    rows = projected[(projected.model == model) & (projected.year == projected.year.max())]
    parts = []
    for row in rows.itertuples():
        unit = indicators.unit[row.indicator]
        name = label(indicators, row.indicator, lang)
        parts.append(f"{name} {readable(row.value, unit, lang=lang)} {_interval(row, unit, lang)}")
    return text(
        "headline.projections",
        lang,
        year=int(rows.year.iloc[0]),
        model=message(model, lang),
        level=percent(100 * rows.level.iloc[0], 0, lang),
        parts="; ".join(parts),
    )


def targets_headline(assessment: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en") -> str:
    """For each assessable target, named by its indicator's label and year: met or not where
    its year was observed, else how many models' point projections meet it."""
    rows = assessment[assessment.assessable]
    if rows.empty:
        return text("headline.nothing_assessable", lang)
    parts = []
    for target, group in rows.groupby("target", sort=False):
        name = target_name(target, indicators, lang)
        met = int(group.met.astype(bool).sum())
        if group.basis.iloc[0] == "projected":
            models = number(len(group), 0, lang)
            parts.append(
                text("headline.target_met", lang, target=name, met=number(met), models=models)
            )
        else:
            verdict = text("findings.met" if met else "findings.not_met", lang)
            basis = message(group.basis.iloc[0], lang)
            parts.append(
                text("headline.target_judged", lang, target=name, verdict=verdict, basis=basis)
            )
    unassessable = number(int((~assessment.assessable).sum()), 0, lang)
    return "; ".join(parts) + f" ({text('headline.unassessable', lang, count=unassessable)})"


def target_name(target: str, indicators: pd.DataFrame, lang: str) -> str:
    """A target id ("ikm_units 2017") as the reader's label and year."""
    indicator, year = target.rsplit(" ", 1)
    return f"{label(indicators, indicator, lang)} {year}"


def multiverse_headline(
    shares: pd.DataFrame, decisive: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> str:
    """How many universes, and each target's share of them meeting it, with the choice whose
    change alone changes that verdict most often (none: "no single choice")."""
    parts = []
    for share in shares.itertuples(index=False):
        rows = decisive[decisive.target == share.target]
        best = rows.loc[rows.met_flips.idxmax()]
        choice = (
            text(f"choice.{best.choice}", lang)
            if best.met_flips > 0
            else text("headline.no_choice", lang)
        )
        parts.append(
            text(
                "headline.multiverse_target",
                lang,
                target=target_name(share.target, indicators, lang),
                share=percent(100 * share.share, 1 if 0 < share.share < 1 else 0, lang),
                choice=choice,
            )
        )
    universes = number(int(shares.universes.max()), 0, lang) if len(shares) else "0"
    return text("headline.multiverse", lang, universes=universes, parts="; ".join(parts))
