"""Key findings: the answer first, a few lines at the top of each reader's report.

Each block is computed from the notebook's results, never typed: the result, how uncertain
it is, and the caveat that matters most, in the reader's language. It is shown as a boxed
section (class `key-findings`) that the browser tests compare with the tables below it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.clean.readings import stock_by_reading
from helpers.clean.table import CleanTable
from helpers.report.display import labelled, readable
from helpers.report.headlines import PREFERRED_MODEL
from helpers.report.language import message, number, percent, text

BOX = "border-left: 4px solid #2a6f97; background: #f3f7fa; padding: 0.1rem 1rem 0.5rem"


@dataclass(frozen=True)
class KeyFindings:
    """A titled list of sentences, shown as a boxed section."""

    title: str
    points: tuple[str, ...]

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(p, quote=False)}</li>" for p in self.points)
        return (
            f'<section class="key-findings" style="{BOX}">'
            f"<h2>{html.escape(self.title, quote=False)}</h2>"
            f"<ul>{items}</ul></section>"
        )

    def __repr__(self) -> str:
        return "\n".join([self.title, *(f"- {p}" for p in self.points)])


def _findings(lang: str, *points: str) -> KeyFindings:
    return KeyFindings(text("findings.title", lang), tuple(p for p in points if p))


def figures_findings(table: CleanTable, lang: str = "en") -> KeyFindings:
    """What the sources state, whether every figure checks out, and what the reading of the
    IKM count changes."""
    stated = table.figures[table.figures.kind != "derived"]
    derived = table.figures[table.figures.kind == "derived"]
    passed = int((table.checks.status == "pass").sum()) if len(table.checks) else 0
    stocks = stock_by_reading(table.used)
    return _findings(
        lang,
        text(
            "findings.figures",
            lang,
            figures=number(len(stated), 0, lang),
            sources=number(stated.source_id.nunique(), 0, lang),
            derived=number(len(derived), 0, lang),
        ),
        text(
            "findings.checks",
            lang,
            passed=number(passed, 0, lang),
            checks=number(len(table.checks), 0, lang),
            conflicts=number(len(table.conflicts), 0, lang),
        ),
        _reading_caveat(stocks, lang),
    )


def _reading_caveat(stocks: pd.DataFrame, lang: str) -> str:
    """The last unit stock under each reading (stock_by_reading: a row per reading)."""
    years = [c for c in stocks.columns if str(c).startswith("stock ")]
    if not years or len(stocks) < 2:
        return ""
    column = stocks[years[-1]]
    parts = ", ".join(
        f"{message(f'reading {r}', lang)}: {readable(v, 'unit', lang=lang)}"
        for r, v in column.items()
    )
    return text("findings.reading", lang, row=message(years[-1], lang), parts=parts)


def projections_findings(
    projected: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> KeyFindings:
    """At the horizon, each indicator's spread of point projections across models, the
    preferred model's interval, and how few points the fits stand on."""
    last = projected[projected.year == projected.year.max()]
    points = []
    for indicator, rows in last.groupby("indicator", sort=False):
        unit = indicators.unit[indicator]
        low, high = rows.value.min(), rows.value.max()
        preferred = rows[rows.model == PREFERRED_MODEL]
        row = (preferred if len(preferred) else rows).iloc[0]
        interval = (
            text(
                "range",
                lang,
                lower=readable(row.lower, unit, lang=lang),
                upper=readable(row.upper, unit, lang=lang),
            )
            if pd.notna(row.lower)
            else text("headline.no_interval", lang)
        )
        points.append(
            text(
                "findings.projection",
                lang,
                indicator=labelled(indicator, lang),
                year=int(row.year),
                low=readable(low, unit, lang=lang),
                high=readable(high, unit, lang=lang),
                models=number(len(rows), 0, lang),
                model=message(row.model, lang),
                interval=interval,
                level=percent(100 * row.level, 0, lang),
            )
        )
    without = last[last.lower.isna()]
    caveat = text(
        "findings.few_points",
        lang,
        without=number(len(without), 0, lang),
        fits=number(len(last), 0, lang),
    )
    return _findings(lang, *points, caveat)


def targets_findings(
    assessment: pd.DataFrame, by_reading: Mapping[str, pd.DataFrame], lang: str = "en"
) -> KeyFindings:
    """For each assessable target: how many models' projections meet it and the probability
    of meeting it where a model gives one; then the main caveat, the targets whose verdict
    changes with the reading of the IKM count (or, if none, how many projections carry no
    uncertainty); and how many targets cannot be assessed."""
    rows = assessment[assessment.assessable]
    points = [_target_point(target, group, lang) for target, group in rows.groupby("target")]
    caveats = [_reading_point(target, by_reading, lang) for target in rows.target.unique()]
    caveats = [c for c in caveats if c]
    if not caveats:
        without = int(rows.probability.isna().sum())
        caveats = [
            text(
                "findings.no_uncertainty",
                lang,
                without=number(without, 0, lang),
                models=number(len(rows), 0, lang),
            )
        ]
    unassessable = int((~assessment.assessable).sum())
    points += [*caveats, text("findings.unassessable", lang, count=number(unassessable, 0, lang))]
    return _findings(lang, *points)


def _target_point(target: str, group: pd.DataFrame, lang: str) -> str:
    probabilities = group.probability.dropna()
    low, high = (number(p, 2, lang) for p in (probabilities.min(), probabilities.max()))
    if probabilities.empty:
        uncertainty = text("findings.no_probability", lang)
    elif len(probabilities) == 1:
        model = message(group.model[group.probability.notna()].iloc[0], lang)
        uncertainty = text("findings.probability_one", lang, probability=low, model=model)
    else:
        models = number(len(probabilities), 0, lang)
        uncertainty = text("findings.probability", lang, low=low, high=high, models=models)
    return text(
        "findings.target",
        lang,
        target=labelled(target, lang),
        met=number(int(group.met.astype(bool).sum()), 0, lang),
        models=number(len(group), 0, lang),
        uncertainty=uncertainty,
    )


def _verdict(rows: pd.DataFrame, lang: str) -> str:
    """Models meeting the target and the progress categories, as one phrase."""
    categories = [
        f"{method}: {message(c, lang)}"
        for method, column in (("Eurostat", "eurostat_category"), ("ESCAP", "escap_category"))
        for c in dict.fromkeys(rows[column].dropna())
    ]
    met = int(rows.met.astype(bool).sum())
    return text(
        "findings.verdict",
        lang,
        met=number(met, 0, lang),
        models=number(len(rows), 0, lang),
        categories=", ".join(categories),
    )


def _reading_point(target: str, by_reading: Mapping[str, pd.DataFrame], lang: str) -> str:
    """The target's verdict under each reading of the IKM count, if the readings differ."""
    verdicts = {
        reading: _verdict(a[(a.target == target) & a.assessable], lang)
        for reading, a in by_reading.items()
    }
    if len(set(verdicts.values())) < 2:
        return ""
    parts = "; ".join(f"{message(f'reading {r}', lang)}: {v}" for r, v in verdicts.items())
    return text("findings.reading_changes", lang, target=labelled(target, lang), parts=parts)
