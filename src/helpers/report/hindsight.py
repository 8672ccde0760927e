"""How the projections fared, as a reader reads it: the key findings, one vintage's view
against what happened, each model's score, the verdicts said and met, and a figure of every
vintage's projections beside the outcomes (helpers.hindsight)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.hindsight import Hindsight
from helpers.report.display import ReaderTables, labelled, readable, shown, source_name, table
from helpers.report.findings import KeyFindings
from helpers.report.language import answer, message, number, percent, text
from helpers.report.plots import LocalisedTicks, display_scale, sns
from helpers.trends.series import observed

HEADLINE_MODEL = "combined"  # the number the headline and the findings use


def _model_score(scores: pd.DataFrame, model: str) -> pd.Series | None:
    found = scores[scores.model == model]
    return found.iloc[0] if len(found) else None


def first_view(hindsight: Hindsight, indicator: str, view: str | None = None) -> str | None:
    """`view` if it projected `indicator`, else the earliest vintage that did."""
    rows = hindsight.projections[hindsight.projections.indicator == indicator]
    if view in set(rows.vintage):
        return view
    return min(rows.vintage) if len(rows) else None


def hindsight_findings(
    hindsight: Hindsight,
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    view: str | None = None,
) -> KeyFindings:
    """The score of the models' combination (else of the first model), what the `view`
    vintage (else the earliest) projected for each indicator's last outcome, and the
    verdicts' hit rate."""
    points = []
    model = HEADLINE_MODEL if _model_score(scores, HEADLINE_MODEL) is not None else None
    model = model or (scores.model.iloc[0] if len(scores) else None)
    row = _model_score(scores, model) if model else None
    vintages = hindsight.projections.vintage.nunique()
    if row is not None and row.projections:
        points.append(
            text(
                "findings.hindsight_score",
                lang,
                model=message(model, lang),
                vintages=number(vintages, 0, lang),
                projections=number(int(row.projections), 0, lang),
                mape=number(row.mape, 1, lang),
                coverage=percent(100 * row.coverage, 0, lang) if row.intervals else "",
                level=percent(100 * hindsight.projections.level.iloc[0], 0, lang),
            )
        )
    for indicator in dict.fromkeys(hindsight.projections.indicator):
        points.append(view_sentence(hindsight, indicator, model, indicators, sources, lang, view))
    if row is not None and row.verdicts:
        points.append(
            text(
                "findings.hindsight_verdicts",
                lang,
                model=message(model, lang),
                hits=number(round(row.hit_rate * row.verdicts), 0, lang),
                verdicts=number(int(row.verdicts), 0, lang),
            )
        )
    return KeyFindings(text("findings.title", lang), tuple(p for p in points if p))


def view_sentence(
    hindsight: Hindsight,
    indicator: str,
    model: str,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    view: str | None = None,
) -> str:
    """What the `view` vintage (else the earliest) projected for the indicator's last
    outcome, against it."""
    vintage = first_view(hindsight, indicator, view)
    rows = hindsight.projections
    rows = rows[(rows.indicator == indicator) & (rows.vintage == vintage) & (rows.model == model)]
    if rows.empty:
        return ""
    last = rows.loc[rows.year.idxmax()]
    unit = indicators.unit[indicator]
    interval = (
        text("range", lang, lower=readable(last.lower, unit, lang=lang),
             upper=readable(last.upper, unit, lang=lang))
        if pd.notna(last.lower) else text("headline.no_interval", lang)
    )  # fmt: skip
    return text(
        "findings.hindsight_view",
        lang,
        vintage=vintage[:4],
        indicator=labelled(indicator, lang),
        year=int(last.year),
        projected=readable(last.projected, unit, lang=lang),
        interval=interval,
        outcome=readable(last.outcome, unit, lang=lang),
        source=source_name(last.outcome_source, sources, lang),
        covered=text("findings.held" if bool(last.covered) else "findings.missed", lang)
        if pd.notna(last.covered)
        else "",
    )


def view_table(
    hindsight: Hindsight,
    indicator: str,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    vintage: str | None = None,
) -> pd.DataFrame:
    """One vintage's projections of an indicator (`vintage` if it projected it, else the
    earliest), every model, against the outcomes."""
    vintage = first_view(hindsight, indicator, vintage)
    rows = hindsight.projections
    rows = rows[(rows.indicator == indicator) & (rows.vintage == vintage)]
    unit = indicators.unit[indicator]

    def shown(column: str) -> list[str]:
        return [readable(v, unit, lang=lang) for v in rows[column]]

    frame = pd.DataFrame(
        {
            "year": rows.year,
            "model": rows.model,
            "projected": shown("projected"),
            "interval": [
                text("range", lang, lower=lo, upper=hi) if lo else ""
                for lo, hi in zip(shown("lower"), shown("upper"), strict=True)
            ],
            "outcome": shown("outcome"),
            "outcome_source": [source_name(s, sources, lang) for s in rows.outcome_source],
            "ape": [number(v, 1, lang) for v in rows.ape],
            "covered": [answer(v, lang) for v in rows.covered],
        }
    )
    return table(frame, lang)


def scores_table(scores: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Each model's score over every vintage, in percent."""
    frame = scores.assign(
        mape=scores.mape.map(lambda v: number(v, 1, lang)),
        coverage=scores.coverage.map(lambda v: percent(100 * v, 0, lang) if pd.notna(v) else ""),
        hit_rate=scores.hit_rate.map(lambda v: percent(100 * v, 0, lang) if pd.notna(v) else ""),
    )
    return table(frame, lang)


def verdicts_table(verdicts: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """What each vintage and model said of a target (rows of hindsight_verdicts.csv), and
    what happened."""
    frame = pd.DataFrame(
        {
            "vintage": verdicts.vintage.str[:4],
            "target": [labelled(t, lang) for t in verdicts.target],
            "model": verdicts.model,
            "said_met": verdicts.said_met,
            "probability": [number(v, 2, lang) for v in verdicts.probability],
            "was_met": verdicts.was_met,
            "agree": verdicts.agree,
        }
    )
    return table(frame, lang)


def vintage_figure(
    hindsight: Hindsight,
    history: tuple[list[int], list[float]],
    indicator: str,
    indicators: pd.DataFrame,
    model: str = HEADLINE_MODEL,
    lang: str = "en",
) -> plt.Figure:
    """The whole record's series as points, and each vintage's projection by `model` as a
    line from its last observed year: how far each view was from what came."""
    rows = hindsight.projections
    rows = rows[(rows.indicator == indicator) & (rows.model == model)]
    unit = indicators.unit[indicator]
    years, values = history
    scale, label = display_scale(unit, [*values, *rows.projected], lang)
    fig, ax = plt.subplots(layout="constrained")
    palette = sns.color_palette("viridis", n_colors=max(1, rows.vintage.nunique()))
    for colour, (vintage, lines) in zip(palette, rows.groupby("vintage"), strict=False):
        ax.plot(lines.year, lines.projected / scale, marker="o", markersize=3, color=colour,
                label=text("legend.vintage", lang, year=vintage[:4]))  # fmt: skip
    ax.scatter(years, [v / scale for v in values], color="black", s=40, zorder=5,
               label=text("legend.observed", lang))  # fmt: skip
    ax.set(
        title=text("title.hindsight", lang, indicator=labelled(indicator, lang)),
        xlabel=text("axis.year", lang),
        ylabel=label,
    )
    ax.yaxis.set_major_formatter(LocalisedTicks(lang))
    # below the plot: inside it, the legend hid the record's first figure
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=4, fontsize="small")
    return fig


def vintage_figures(
    hindsight: Hindsight, clean, indicators: list[str], lang: str = "en"
) -> dict[str, plt.Figure]:
    """One `vintage_figure` per indicator the vintages projected, by indicator id."""
    projected = set(hindsight.projections.indicator)
    return {
        indicator: vintage_figure(
            hindsight, observed(clean, indicator), indicator, clean.indicators, lang=lang
        )
        for indicator in indicators
        if indicator in projected
    }


def view_tables(
    hindsight: Hindsight,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    vintage: str | None = None,
):
    """`view_table` of every indicator the vintages projected, one reader's table each."""
    return ReaderTables(
        tuple(
            shown(
                view_table(hindsight, indicator, indicators, sources, lang, vintage),
                "hindsight_view",
                lang,
            )
            for indicator in dict.fromkeys(hindsight.projections.indicator)
        )
    )
