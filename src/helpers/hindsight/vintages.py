"""The vintages of the record, and how their projections and verdicts fared.

A vintage is the record as it stood at the end of a year in which a source was published
(`vintage_dates`): the clean table under `as_of` that day. For each vintage whose series can
be projected, every model (and their combination) is fitted on what was known then and
projects each year observed since; the projection is scored against the whole record's
figure of that year, the one its source policy uses: its error and whether its interval
held the outcome. Each target the vintage projected, whose year has since been observed, is
scored too: what the model said (its point meets the target) against what happened (judged
on the observation, as the targets stage judges a target whose year has passed). `scores`
sums both per model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.clean.table import CleanTable, vintage_dates
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import HINDSIGHT, HINDSIGHT_SCORES, HINDSIGHT_VERDICTS
from helpers.core.tables import load_table, typed, write_tables
from helpers.targets import build as assess
from helpers.trends.models import COMBINED, fit
from helpers.trends.projection import floor_of, projected_rows
from helpers.trends.series import observation_sources, observed_series

WRITTEN_BY = "notebook 05 (make run)"
JUDGED = ("observed", "interpolated")


@dataclass(frozen=True)
class Hindsight:
    """Every vintage's projections and verdicts, scored against what happened."""

    projections: pd.DataFrame  # schemas.HINDSIGHT
    verdicts: pd.DataFrame  # schemas.HINDSIGHT_VERDICTS


def _scored_rows(
    vintage: str,
    indicator: str,
    history: tuple[list[int], list[float]],
    outcomes: dict[int, tuple[float, str]],
    models: Sequence[str],
    level: float,
    floor: float | None,
) -> list[dict]:
    """The projections a vintage's series gives for each year observed since, scored: the
    trends stage's own projections (helpers.trends.projection.projected_rows)."""
    years, values = history
    later = sorted(year for year in outcomes if year > years[-1])
    if not later:
        return []
    fitted = [fit(model, years, values) for model in models if model != COMBINED]
    projected = projected_rows(fitted, COMBINED in models, later[-1], level, floor)
    projected = projected[projected.year.isin(later)].sort_values("year", kind="stable")
    rows = []
    for row in projected.itertuples(index=False):
        outcome, source = outcomes[row.year]
        held = pd.notna(row.lower) and pd.notna(row.upper)
        rows.append(
            {
                "vintage": vintage, "indicator": indicator, "model": row.model,
                "origin": years[-1], "year": row.year, "projected": row.value,
                "lower": row.lower, "upper": row.upper, "level": level,
                "outcome": outcome, "outcome_source": source,
                "error": outcome - row.value,
                "ape": 100 * abs(outcome - row.value) / abs(outcome) if outcome else math.nan,
                "covered": bool(row.lower <= outcome <= row.upper) if held else pd.NA,
            }
        )  # fmt: skip
    return rows


def _verdict_rows(vintage: str, then: pd.DataFrame, now: pd.DataFrame) -> list[dict]:
    """Each target the vintage projected whose year has since been judged on an observation:
    what each model said, against what happened."""
    judged = now[now.basis.isin(JUDGED)].drop_duplicates("target").set_index("target")
    said = then[(then.basis == "projected") & then.target.isin(judged.index)]
    rows = []
    for row in said.itertuples(index=False):
        outcome = judged.loc[row.target]
        was, said_met = bool(outcome.met), bool(row.met)
        rows.append(
            {
                "vintage": vintage, "target": row.target, "model": row.model,
                "said_met": said_met, "probability": row.probability, "was_met": was,
                "basis": outcome.basis, "agree": said_met == was,
            }
        )  # fmt: skip
    return rows


def build(
    clean: CleanTable,
    indicators: Sequence[str],
    models: Sequence[str],
    level: float,
    growth_measure: str,
) -> Hindsight:
    """Every vintage's projections of `indicators` and verdicts on the targets, scored
    against the whole record `clean` (its other choices kept)."""
    latest = observed_series(clean)
    sources = observation_sources(clean)
    now = assess(clean, growth_measure, models, level)
    projections, verdicts = [], []
    for vintage in vintage_dates(clean):
        then = clean.under(as_of=vintage)
        series = observed_series(then)
        for indicator in indicators:
            history = series.get(indicator, ([], []))
            if len(history[0]) < 2:
                continue
            years, values = latest.get(indicator, ([], []))
            observed = zip(years, values, strict=True)
            outcomes = {y: (v, sources.get((indicator, y), "")) for y, v in observed}
            floor = floor_of(clean.indicators, indicator)
            projections += _scored_rows(vintage, indicator, history, outcomes, models, level, floor)
        verdicts += _verdict_rows(vintage, assess(then, growth_measure, models, level), now)
    return Hindsight(
        projections=typed(pd.DataFrame(projections, columns=HINDSIGHT.names), HINDSIGHT),
        verdicts=typed(
            pd.DataFrame(verdicts, columns=HINDSIGHT_VERDICTS.names), HINDSIGHT_VERDICTS
        ),
    )


def scores(hindsight: Hindsight) -> pd.DataFrame:
    """Each model over every vintage: how far its projections were from the outcomes, how
    often its intervals held them, how often its verdicts were right."""
    rows = []
    models = dict.fromkeys([*hindsight.projections.model, *hindsight.verdicts.model])
    for model in models:
        projected = hindsight.projections[hindsight.projections.model == model]
        with_interval = projected[projected.covered.notna()]
        said = hindsight.verdicts[hindsight.verdicts.model == model]
        rows.append(
            {
                "model": model,
                "projections": len(projected),
                "mape": projected.ape.mean() if len(projected) else math.nan,
                "intervals": len(with_interval),
                "coverage": with_interval.covered.astype(bool).mean()
                if len(with_interval)
                else math.nan,
                "verdicts": len(said),
                "hit_rate": said.agree.mean() if len(said) else math.nan,
            }
        )
    return typed(pd.DataFrame(rows, columns=HINDSIGHT_SCORES.names), HINDSIGHT_SCORES)


def write(hindsight: Hindsight, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write hindsight.csv and hindsight_verdicts.csv to `tables_dir`, all or nothing."""
    tables = {HINDSIGHT: hindsight.projections, HINDSIGHT_VERDICTS: hindsight.verdicts}
    return [display_path(path, data_dir) for path in write_tables(tables, tables_dir)]


def load(tables_dir: Path, data_dir: Path = DATA) -> Hindsight:
    """Read the tables `write` left in `tables_dir`."""
    return Hindsight(
        projections=load_table(HINDSIGHT, tables_dir, data_dir, WRITTEN_BY),
        verdicts=load_table(HINDSIGHT_VERDICTS, tables_dir, data_dir, WRITTEN_BY),
    )
