"""The clean table: built from what the sources state, written to a tables folder, and loaded
back by the later stages under their own reading and conflict policy.

`build` reads and verifies everything before `write` touches a file, so bad input stops the
run with earlier outputs intact; `load` re-derives the choices (the figure used where sources
disagree, the unit stock under a reading) from the written figures, so notebooks 02 and 03
can take other parameters than notebook 01 did.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import extract
from helpers.clean.conflicts import check_policy, resolve
from helpers.clean.consistency import growth_consistency
from helpers.clean.coverage import uncovered_mentions
from helpers.clean.readings import UNITS_READINGS, unit_stock
from helpers.core.parameters import check_choice
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import CHECKS, CONFLICTS, COVERAGE, FIGURES
from helpers.core.tables import load_table, write_tables
from helpers.extract.register import load_indicators
from helpers.extract.sources import load_sources

SORT = ["indicator", "period", "subperiod", "kind", "source_id"]
WRITTEN_BY = "notebook 01 (make run)"


@dataclass(frozen=True)
class CleanTable:
    """The clean table and its reports, under one reading and one conflict policy."""

    sources: pd.DataFrame
    indicators: pd.DataFrame  # indexed by indicator id
    figures: pd.DataFrame  # every stated figure of every source, plus derived rows
    used: pd.DataFrame  # one figure per indicator, period and kind, as chosen downstream
    stock: pd.DataFrame  # the unit-stock series and targets under the reading
    coverage: pd.DataFrame
    checks: pd.DataFrame
    conflicts: pd.DataFrame
    units_reading: str

    def under(self, units_reading: str = "increase", prefer_source: str = "latest") -> "CleanTable":
        """The same stated figures under another reading and policy, as `load` gives them."""
        stated = self.figures[self.figures.kind != "derived"]
        return _assemble(
            stated, self.sources, self.indicators, self.coverage, units_reading, prefer_source
        )


def _assemble(
    stated: pd.DataFrame,
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    coverage: pd.DataFrame,
    units_reading: str,
    prefer_source: str,
) -> CleanTable:
    """Choose one figure per key, derive the unit stock and check the growth rates."""
    used, conflicts = resolve(stated, sources, prefer_source)
    stock = unit_stock(used, units_reading)
    derived = stock[stock.kind == "derived"]
    figures = pd.concat([stated, derived]).sort_values(SORT, ignore_index=True)
    return CleanTable(
        sources=sources,
        indicators=indicators,
        figures=figures[FIGURES.names],
        used=pd.concat([used, derived]).sort_values(SORT, ignore_index=True),
        stock=stock,
        coverage=coverage,
        checks=growth_consistency(used, indicators),
        conflicts=conflicts,
        units_reading=units_reading,
    )


def build(
    data_dir: Path = DATA, units_reading: str = "increase", prefer_source: str = "latest"
) -> CleanTable:
    """Extract every figure (helpers.extract), then choose, derive and check them."""
    found = extract.build(data_dir)
    check_policy(prefer_source, found.sources)  # before the coverage scan, not after
    coverage = uncovered_mentions(found.texts, found.stated, found.parsed)
    return _assemble(
        found.stated, found.sources, found.indicators, coverage, units_reading, prefer_source
    )


def write(table: CleanTable, tables_dir: Path, data_dir: Path = DATA) -> list[str]:
    """Write the clean table and its reports to `tables_dir`, all or nothing."""
    tables = {
        FIGURES: table.figures,
        COVERAGE: table.coverage,
        CHECKS: table.checks,
        CONFLICTS: table.conflicts,
    }
    return [display_path(path, data_dir) for path in write_tables(tables, tables_dir)]


def load(
    tables_dir: Path,
    data_dir: Path = DATA,
    units_reading: str = "increase",
    prefer_source: str = "latest",
) -> CleanTable:
    """Read the clean table `write` left in `tables_dir`, under this reading and policy."""
    figures = load_table(FIGURES, tables_dir, data_dir, WRITTEN_BY)
    coverage = load_table(COVERAGE, tables_dir, data_dir, WRITTEN_BY)
    stated = figures[figures.kind != "derived"]
    sources, indicators = load_sources(data_dir), load_indicators(data_dir)
    return _assemble(stated, sources, indicators, coverage, units_reading, prefer_source)


def parameter_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The notebook parameters this stage takes, each with the check a value must pass."""
    return {
        "units_reading": lambda value: check_choice("units_reading", value, UNITS_READINGS),
        "prefer_source": lambda value: check_policy(value, load_sources(data_dir)),
    }
