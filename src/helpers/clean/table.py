"""The clean table: built from what the sources state, written to a tables folder, and put
under the later stages' own choices.

`build` reads and verifies everything before `write` touches a file, so bad input stops the
run with earlier outputs intact. The choices that shape the table (`Choices`: the reading of
the IKM count, the figure used where sources disagree, whether part-year figures stand for
their year, the sources used and the day of what was known) are re-applied by
`CleanTable.under` and `load` to the same stated figures, so every notebook can take its own.
No figure stops a run: one the checks cannot trust (`helpers.clean.consistency`) is left out
of `used`, with the reason in `checks`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from helpers import extract
from helpers.clean.conflicts import check_policy, resolve
from helpers.clean.consistency import (
    derived_against_stated,
    growth_consistency,
    magnitude_failures,
)
from helpers.clean.coverage import uncovered_mentions
from helpers.clean.readings import STOCK, UNITS_READINGS, unit_stock
from helpers.core.parameters import check_choice, check_choices
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import CHECKS, CONFLICTS, COVERAGE, FIGURES
from helpers.core.tables import load_table, write_tables
from helpers.extract.register import load_indicators
from helpers.extract.sources import load_sources, official_publishers, published_order

SORT = ["indicator", "period", "subperiod", "kind", "source_id"]
FIGURE_KEY = ["source_id", "indicator", "period", "subperiod", "kind"]
PART_YEARS = ("exclude", "include")
WRITTEN_BY = "notebook 01 (make run)"


@dataclass(frozen=True)
class Choices:
    """What shapes the clean table: each a notebook parameter of the same name.

    `part_years`: "exclude" (default) leaves part-year figures (a quarter, a half, the year
    to a month) out of the annual series; "include" lets the latest part of a year stand for
    the year where no full-year figure exists. `as_of`: only sources published on or before
    this day (YYYY-MM-DD; a year-only date counts as 1 January); None: every source.
    `source_ids`: only these sources; empty: every source.
    """

    units_reading: str = "increase"
    prefer_source: str = "best"
    part_years: str = "exclude"
    as_of: str | None = None
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanTable:
    """The clean table and its reports, under one set of `Choices`."""

    sources: pd.DataFrame  # the sources used
    indicators: pd.DataFrame  # indexed by indicator id
    figures: pd.DataFrame  # every stated figure of the sources used, plus derived rows
    used: pd.DataFrame  # one trusted figure per key, the unit stock's series and targets
    stock: pd.DataFrame  # the unit stock derived from the count, and its targets
    coverage: pd.DataFrame
    checks: pd.DataFrame
    conflicts: pd.DataFrame
    choices: Choices
    record: tuple = field(repr=False, default=None)  # (stated, sources, coverage, official)

    @property
    def units_reading(self) -> str:
        """The reading of the IKM count this table is under."""
        return self.choices.units_reading

    def under(self, **changes) -> "CleanTable":
        """The same record under other choices (`Choices` fields), as `load` gives them."""
        stated, sources, coverage, official = self.record
        chosen = replace(self.choices, **_normalised(changes))
        return _assemble(stated, sources, self.indicators, coverage, chosen, official)


def _in_view(sources: pd.DataFrame, choices: Choices) -> pd.Series:
    """Which sources the choices keep."""
    keep = pd.Series(True, index=sources.index)
    if choices.source_ids:
        keep &= sources.source_id.isin(choices.source_ids)
    if choices.as_of:
        keep &= sources.published.map(published_order) <= choices.as_of
    return keep


def _without(figures: pd.DataFrame, failures: pd.DataFrame) -> pd.DataFrame:
    """The figures, less those the checks failed (matched on source, indicator and period)."""
    if failures.empty:
        return figures
    failed = set(failures[FIGURE_KEY].itertuples(index=False, name=None))
    keys = figures[FIGURE_KEY].itertuples(index=False, name=None)
    return figures[[key not in failed for key in keys]]


def _stock_rows(
    used: pd.DataFrame, indicators: pd.DataFrame, reading: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(the derived stock and its targets, the rows of them the series takes, their checks).

    A year whose stock a source states takes the stated figure (the derived one is compared
    with it); a derived figure or target an order of magnitude from the stated stock (or,
    with none stated, from the derived series) is left out."""
    stock = unit_stock(used, reading)
    stated = used[(used.indicator == STOCK) & (used.kind == "actual") & (used.subperiod == "")]
    derived = stock[stock.kind == "derived"]
    compared = derived_against_stated(derived, stated)
    fills = derived[~derived.period.isin(stated.period)]
    reference = stated if len(stated) else derived.assign(source_id="(derived)")
    candidates = pd.concat([fills, stock[stock.kind == "target"]])
    failed = magnitude_failures(candidates, reference, indicators)
    return stock, _without(candidates, failed), pd.concat([compared, failed])


def _assemble(
    stated: pd.DataFrame,
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    coverage: pd.DataFrame,
    choices: Choices,
    official: frozenset[str] = frozenset(),
) -> CleanTable:
    """Keep the sources in view, set aside the figures the checks cannot trust, choose one
    figure per key, put the unit stock together and check the growth rates."""
    check_choice("units_reading", choices.units_reading, UNITS_READINGS)
    check_choice("part_years", choices.part_years, PART_YEARS)
    check_as_of(choices.as_of)
    check_source_ids(list(choices.source_ids), sources)
    check_policy(choices.prefer_source, sources)
    kept = sources[_in_view(sources, choices)]
    in_view = stated[stated.source_id.isin(kept.source_id)]
    actuals = in_view[in_view.kind == "actual"]
    failed = magnitude_failures(in_view, actuals, indicators)
    used, conflicts = resolve(_without(in_view, failed), kept, choices.prefer_source, official)
    stock, stock_used, stock_checks = _stock_rows(used, indicators, choices.units_reading)
    derived = stock[stock.kind == "derived"]
    trusted = _without(in_view, failed)
    checks = pd.concat([growth_consistency(used, indicators, trusted), failed, stock_checks])
    return CleanTable(
        sources=kept.reset_index(drop=True),
        indicators=indicators,
        figures=pd.concat([in_view, derived]).sort_values(SORT, ignore_index=True)[FIGURES.names],
        used=pd.concat([used, stock_used]).sort_values(SORT, ignore_index=True),
        stock=stock,
        coverage=coverage[coverage.source_id.isin(kept.source_id)].reset_index(drop=True),
        checks=checks.sort_values(["check", *SORT], ignore_index=True)[CHECKS.names],
        conflicts=conflicts,
        choices=choices,
        record=(stated, sources, coverage, official),
    )


def vintage_dates(table: CleanTable) -> list[str]:
    """The record's vintages: the last day of each year in which a source in view was
    published, before the year of the latest one (whose view is the whole record's)."""
    years = sorted({published_order(p)[:4] for p in table.sources.published})
    return [f"{year}-12-31" for year in years[:-1]]


def build(data_dir: Path = DATA, **choices) -> CleanTable:
    """Extract every figure (helpers.extract), then choose, derive and check them under the
    `Choices` given by name (units_reading, prefer_source, part_years, as_of, source_ids)."""
    chosen = Choices(**_normalised(choices))
    found = extract.build(data_dir)
    check_policy(chosen.prefer_source, found.sources)  # before the coverage scan, not after
    coverage = uncovered_mentions(found.texts, found.stated, found.parsed)
    official = official_publishers(data_dir)
    return _assemble(found.stated, found.sources, found.indicators, coverage, chosen, official)


def _normalised(choices: dict) -> dict:
    """Choices as `Choices` keeps them: source ids as a tuple, an empty as_of as None."""
    fixed = dict(choices)
    if "source_ids" in fixed:
        fixed["source_ids"] = tuple(fixed["source_ids"] or ())
    if "as_of" in fixed and not fixed["as_of"]:
        fixed["as_of"] = None
    return fixed


def write(table: CleanTable, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write the clean table and its reports to `tables_dir`, all or nothing."""
    tables = {
        FIGURES: table.figures,
        COVERAGE: table.coverage,
        CHECKS: table.checks,
        CONFLICTS: table.conflicts,
    }
    return [display_path(path, data_dir) for path in write_tables(tables, tables_dir)]


def load(tables_dir: Path, data_dir: Path = DATA, **choices) -> CleanTable:
    """Read the clean table `write` left in `tables_dir`, under these `Choices`."""
    figures = load_table(FIGURES, tables_dir, data_dir, WRITTEN_BY)
    coverage = load_table(COVERAGE, tables_dir, data_dir, WRITTEN_BY)
    stated = figures[figures.kind != "derived"]
    sources, indicators = load_sources(data_dir), load_indicators(data_dir)
    chosen, official = Choices(**_normalised(choices)), official_publishers(data_dir)
    return _assemble(stated, sources, indicators, coverage, chosen, official)


def check_as_of(value: object) -> None:
    """Raise ValueError unless `as_of` is None or a real day written YYYY-MM-DD."""
    if value is None or value == "":
        return
    try:
        ok = isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"parameter as_of={value!r} must be a date YYYY-MM-DD, or None")


def check_source_ids(value: object, sources: pd.DataFrame) -> None:
    """Raise ValueError unless `source_ids` lists registered sources (empty: all)."""
    check_choices("source_ids", value, list(sources.source_id), allow_empty=True)


def parameter_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The notebook parameters this stage takes, each with the check a value must pass."""
    return {
        "units_reading": lambda value: check_choice("units_reading", value, UNITS_READINGS),
        "prefer_source": lambda value: check_policy(value, load_sources(data_dir)),
        "part_years": lambda value: check_choice("part_years", value, PART_YEARS),
        "as_of": check_as_of,
        "source_ids": lambda value: check_source_ids(value, load_sources(data_dir)),
    }
