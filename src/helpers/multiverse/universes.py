"""The multiverse: the targets assessed under every combination of the defensible choices.

A *universe* is one option of each choice of `choices`: the vintage of the record, the
reading of the IKM count, the source policy where sources disagree, the trend model (or their
combination), the series a growth-rate target is measured on, the progress ratio's base year
and its cut-off convention. Each universe's rows are what notebook 03 shows under those
parameters, its intervals at `LEVEL` and cut at each indicator's floor (the rounding
columns are notebook 03's alone): the targets stage's own steps (`helpers.targets.build` is
`targets_to_assess` then `assessed_rows`), with the clean table put under each vintage,
reading and policy (`CleanTable.under`), the targets put on their series once per growth
measure, and the assessment run once per setting of the other choices with every model at
once (each model fitted once per series), its rows framed as one table at the end: a few
milliseconds per universe.

The verdicts: `met` (the point projection meets the target, as in notebook 03's headline)
and `progress_category` (the anticipated progress category under the universe's base year
and cut-offs, or the status on the latest observation).

How much a choice decides the verdict (`decisiveness`): hold every other choice fixed at
one setting; the verdict *flips* there when it is not the same under all of this choice's
options. `met_flips` is the share of the settings of the other choices at which `met`
flips, so 0 means the choice never matters and 1 that it always does (`category_flips`
likewise for the category). `met_spread` is the largest minus the smallest share of
universes meeting the target among the choice's options (Simonsohn et al.'s curve read one
choice at a time). Both are per target.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

from helpers.clean.conflicts import POLICIES
from helpers.clean.readings import UNITS_READINGS
from helpers.clean.table import CleanTable, vintage_dates
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import CHOICE_COLUMNS, DECISIVENESS, MET_SHARES, MULTIVERSE, TARGETS
from helpers.core.tables import load_table, typed, write_tables
from helpers.targets.assessment import assessed_rows
from helpers.targets.methods import BASE_YEARS, CUTOFFS
from helpers.targets.placement import GROWTH_MEASURES, targets_to_assess
from helpers.trends.models import CHOICES as CHOICES_OF_MODEL
from helpers.trends.projection import indicator_floors
from helpers.trends.series import observation_sources, observed_series

CHOICES = [column.name for column in CHOICE_COLUMNS]
# the choices that shape what is assessed; the others are the assessment's own arguments
ASSESSED_BY = ("as_of", "units_reading", "prefer_source", "growth_measure")
# The intervals' level: no choice of a verdict, as it widens or narrows an interval and never
# moves a point (it doubled the universes and never changed one); the notebooks' default.
LEVEL = 0.95
WRITTEN_BY = "notebook 04 (make run)"
# targets.csv's columns as multiverse.csv names them
RENAMED = {
    "escap_ratio": "progress_ratio",
    "escap_category": "progress_category",
    "escap_near_cutoff": "near_cutoff",
}


LATEST = "latest"  # the vintage of the whole record


def choices(table: CleanTable) -> dict[str, tuple]:
    """Every choice a researcher can defend, with its options, in the order of CHOICES.

    The vintages are the record's year ends (helpers.clean.vintage_dates) and the whole
    record; the models the four and their combination. The source policies are the three
    rules (`best`, `latest`, `earliest`); a single source preferred everywhere is a notebook
    parameter, not a universe: with many sources it would multiply the universes without a
    rule behind them.
    """
    return {
        "as_of": (*vintage_dates(table), LATEST),
        "units_reading": UNITS_READINGS,
        "prefer_source": POLICIES,
        "model": CHOICES_OF_MODEL,
        "growth_measure": GROWTH_MEASURES,
        "base_year": BASE_YEARS,
        "cutoffs": tuple(CUTOFFS),
    }


def universes(options: dict[str, tuple]) -> pd.DataFrame:
    """One row per universe: its number (1, 2, ...) and its option of each choice, the last
    choice varying fastest."""
    combinations = list(itertools.product(*options.values()))
    frame = pd.DataFrame(combinations, columns=list(options))
    return frame.assign(universe=range(1, len(frame) + 1))


def _every_model(rows: list[dict]) -> list[dict]:
    """The assessable rows, a target judged on what was observed (no model) once per model:
    its verdict is the same in every model's universe."""
    found = []
    for row in rows:
        if row["assessable"]:
            found += [row | {"model": m} for m in CHOICES_OF_MODEL] if not row["model"] else [row]
    return found


def build(table: CleanTable) -> pd.DataFrame:
    """Every target assessable in a universe, in every universe (schemas.MULTIVERSE), from
    the clean table under every reading and policy (its other choices as they are)."""
    options = choices(table)
    lowest = indicator_floors(table.indicators)
    assessed = []
    views = itertools.product(options["as_of"], options["units_reading"], options["prefer_source"])
    for as_of, reading, policy in views:
        vintage = table.choices.as_of if as_of == LATEST else as_of  # latest: the table's
        under = table.under(as_of=vintage, units_reading=reading, prefer_source=policy)
        series, sources = observed_series(under), observation_sources(under)
        for measure in options["growth_measure"]:
            to_assess = targets_to_assess(under, measure)
            chosen = dict(zip(ASSESSED_BY, (as_of, reading, policy, measure), strict=True))
            for base_year, cutoffs in itertools.product(options["base_year"], options["cutoffs"]):
                rows = assessed_rows(
                    to_assess,
                    series,
                    CHOICES_OF_MODEL,
                    LEVEL,
                    cutoffs,
                    base_year,
                    sources,
                    floors=lowest,
                )
                assessed += [row | chosen for row in _every_model(rows)]
    found = pd.DataFrame(assessed, columns=[*TARGETS.names, *ASSESSED_BY])
    found = typed(found, TARGETS).rename(columns=RENAMED)
    value = found.projected.where(found.basis == "projected", found.outcome)
    found = found.assign(
        projected=value,
        pct_of_target=100 * value / found.target_lower,
        met=found.met.astype(bool),
    )
    frame = universes(options).merge(found, on=CHOICES, how="inner", validate="one_to_many")
    frame = frame.sort_values(["universe", "target"], ignore_index=True)
    return typed(frame[MULTIVERSE.names], MULTIVERSE)


def write(multiverse: pd.DataFrame, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write multiverse.csv to `tables_dir`."""
    return [
        display_path(path, data_dir) for path in write_tables({MULTIVERSE: multiverse}, tables_dir)
    ]


def load(tables_dir: Path, data_dir: Path = DATA) -> pd.DataFrame:
    """Read the multiverse `write` left in `tables_dir`."""
    return load_table(MULTIVERSE, tables_dir, data_dir, WRITTEN_BY)


def met_shares(multiverse: pd.DataFrame) -> pd.DataFrame:
    """For each target: the universes it is assessable in, how many meet it, the share."""
    grouped = multiverse.groupby("target", sort=False).met
    frame = pd.DataFrame(
        {"universes": grouped.size(), "met": grouped.sum().astype(int)}
    ).reset_index()
    frame["share"] = frame.met / frame.universes
    return typed(frame[MET_SHARES.names], MET_SHARES)


def _flips(rows: pd.DataFrame, choice: str, verdict: str) -> float:
    """Share of the settings of every other choice at which the verdict is not the same
    under all of `choice`'s options."""
    others = [c for c in CHOICES if c != choice]
    return float((rows.groupby(others)[verdict].nunique(dropna=False) > 1).mean())


def decisiveness(multiverse: pd.DataFrame) -> pd.DataFrame:
    """For each target and choice: `met_flips`, `category_flips`, `met_spread` (see the
    module docstring), in the order of CHOICES."""
    rows = []
    for target, group in multiverse.groupby("target", sort=False):
        for choice in CHOICES:
            by_option = group.groupby(choice).met.mean()
            rows.append(
                {
                    "target": target,
                    "choice": choice,
                    "options": group[choice].nunique(),
                    "met_flips": _flips(group, choice, "met"),
                    "category_flips": _flips(group, choice, "progress_category"),
                    "met_spread": float(by_option.max() - by_option.min()),
                }
            )
    return typed(pd.DataFrame(rows, columns=DECISIVENESS.names), DECISIVENESS)
