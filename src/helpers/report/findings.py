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

from helpers.clean.conflicts import POLICIES
from helpers.clean.table import CleanTable
from helpers.report.display import labelled, readable, source_name
from helpers.report.headlines import preferred_model
from helpers.report.language import message, number, percent, text
from helpers.report.verdicts import lower_end_only, target_written

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
    """What the record states and from when, what the checks set aside, how the sources
    disagree, and how the stated unit stock compares with the one derived from the count."""
    stated = table.figures[table.figures.kind != "derived"]
    sources = table.sources[table.sources.source_id.isin(stated.source_id)]
    dates = sorted(sources.published)
    points = [
        text(
            "findings.figures",
            lang,
            figures=number(len(stated), 0, lang),
            sources=number(len(sources), 0, lang),
            digests=number(int((sources.wording == "digest").sum()), 0, lang),
            first=dates[0][:4] if dates else "",
            last=dates[-1][:4] if dates else "",
        ),
        _set_aside(table, lang),
        text(
            "findings.conflicts",
            lang,
            keys=number(len(table.conflicts.drop_duplicates(CONFLICT_KEY)), 0, lang),
            policy=policy_words(table, lang),
        ),
        _derived_point(table, lang),
    ]
    return _findings(lang, *points)


CONFLICT_KEY = ["indicator", "period", "subperiod", "kind"]


def policy_words(table: CleanTable, lang: str = "en") -> str:
    """The source policy in words: which figure is used where sources disagree."""
    policy = table.choices.prefer_source
    if policy in POLICIES:
        return text(f"message.policy_{policy}", lang)
    return text("message.policy_source", lang, source=source_name(policy, table.sources, lang))


def _set_aside(table: CleanTable, lang: str) -> str:
    """How many figures the magnitude check set aside, and the first of them as stated."""
    failed = table.checks[table.checks.check == "magnitude"]
    if failed.empty:
        return text("findings.none_set_aside", lang)
    first = failed.iloc[0]
    unit = table.indicators.unit[first.indicator]
    figures = table.figures
    same = figures[(figures.source_id == first.source_id) & (figures.value == first.stated)]
    resolution = same.resolution.iloc[0] if len(same) else None
    return text(
        "findings.set_aside",
        lang,
        count=number(len(failed), 0, lang),
        example=readable(first.stated, unit, resolution, lang),
        indicator=labelled(first.indicator, lang),
        median=readable(first.expected, unit, lang=lang),
    )


def _derived_point(table: CleanTable, lang: str) -> str:
    """The largest gap between the derived and the stated unit stock, where both exist."""
    compared = table.checks[table.checks.check == "derived"]
    if compared.empty:
        return ""
    gaps = (compared.expected / compared.stated - 1).abs()
    row = compared.loc[gaps.idxmax()]
    return text(
        "findings.derived",
        lang,
        year=int(row.period),
        stated=readable(row.stated, "unit", lang=lang),
        derived=readable(row.expected, "unit", lang=lang),
        reading=text(f"message.read_as_{table.units_reading}", lang),
    )


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
        preferred = rows[rows.model == preferred_model(rows.model.unique())]
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
    caveat = (
        text(
            "findings.few_points",
            lang,
            without=number(len(without), 0, lang),
            fits=number(len(last), 0, lang),
        )
        if len(without)
        else text("findings.short_series", lang)
    )
    return _findings(lang, *points, caveat)


def target_sentence(
    target: str,
    rows: pd.DataFrame,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
) -> str:
    """One plain sentence on one target: met or not, on what it rests (an observation, the
    line between two, or the models' projections) and how sure it is."""
    first = rows.iloc[0]
    name = labelled(target, lang)
    asked = target_written(first, indicators, lang)
    if first.basis in ("observed", "interpolated"):
        unit = "%" if first.measure == "growth" else indicators.unit[first.indicator]
        verdict = _met_words(first, lang)
        return text(
            f"findings.judged_{first.basis}",
            lang,
            target=name,
            verdict=verdict,
            outcome=readable(first.outcome, unit, lang=lang),
            asked=asked,
            source=source_name(first.outcome_source, sources, lang),
        )
    met = int(rows.met.astype(bool).sum())
    probabilities = rows.probability.dropna()
    if probabilities.empty:
        uncertainty = text("findings.no_probability", lang)
    else:
        low, high = (number(p, 2, lang) for p in (probabilities.min(), probabilities.max()))
        span = low if low == high else text("range", lang, lower=low, upper=high)
        models = number(len(probabilities), 0, lang)
        uncertainty = text("findings.probability", lang, span=span, models=models)
    key = "findings.projected_split" if 0 < met < len(rows) else "findings.projected"
    return text(
        key,
        lang,
        target=name,
        asked=asked,
        met=number(met, 0, lang),
        models=number(len(rows), 0, lang),
        uncertainty=uncertainty,
    )


def _met_words(row, lang: str) -> str:
    """met, not met, or a range's lower end only, as words."""
    if lower_end_only(row):
        return text("findings.lower_end_only", lang)
    return text("findings.met" if bool(row.met) else "findings.not_met", lang)


def targets_findings(
    assessment: pd.DataFrame,
    by_reading: Mapping[str, pd.DataFrame],
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
) -> KeyFindings:
    """One sentence per assessable target (`target_sentence`), judged ones first; then the
    targets whose verdict changes with the reading of the IKM count, and how many targets
    cannot be assessed."""
    rows = assessment[assessment.assessable]
    order = rows.assign(_judged=rows.basis != "projected").sort_values("_judged", ascending=False)
    points = [
        target_sentence(target, group, indicators, sources, lang)
        for target, group in order.groupby("target", sort=False)
    ]
    caveats = [_reading_point(target, by_reading, lang) for target in rows.target.unique()]
    unassessable = int((~assessment.assessable).sum())
    tail = text("findings.unassessable", lang, count=number(unassessable, 0, lang))
    return _findings(lang, *points, *[c for c in caveats if c], tail if unassessable else "")


def _verdict(rows: pd.DataFrame, lang: str) -> str:
    """Met or not, or how many models' projections meet it; "" where not assessed."""
    if rows.empty:
        return text("findings.not_assessed", lang)
    if rows.basis.iloc[0] != "projected":
        return _met_words(rows.iloc[0], lang)
    met = int(rows.met.astype(bool).sum())
    return text(
        "findings.models_met", lang, met=number(met, 0, lang), models=number(len(rows), 0, lang)
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
