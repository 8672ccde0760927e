"""From raw articles to the clean table of figures, in one checked pass.

`build` reads and verifies everything before `write` touches data/processed/, so bad input
stops the run with earlier outputs intact.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.checks import growth_checks
from helpers.conflicts import check_policy, resolve
from helpers.coverage import uncovered_mentions
from helpers.normalise import normalise
from helpers.paths import DATA, shown
from helpers.readings import unit_stock
from helpers.register import FIGURE_COLUMNS, load_indicators, load_register, stated_figures
from helpers.sources import load_sources, read_raw
from helpers.tables import write_tables

SORT = ["indicator", "period", "kind", "source_id"]


@dataclass(frozen=True)
class CleanTable:
    """Everything the first notebook shows and writes."""

    sources: pd.DataFrame
    indicators: pd.DataFrame
    texts: dict[str, str]
    figures: pd.DataFrame  # every stated figure of every source, plus derived rows
    used: pd.DataFrame  # one figure per indicator, period and kind, as chosen downstream
    stock: pd.DataFrame  # the unit-stock series and targets under the chosen reading
    coverage: pd.DataFrame
    checks: pd.DataFrame
    conflicts: pd.DataFrame


def load_texts(data_dir: Path, sources: pd.DataFrame) -> dict[str, str]:
    """The normalised text of every source, after its checksum is verified."""
    return {
        row.source_id: normalise(read_raw(data_dir, row.source_id, row.sha256))
        for row in sources.itertuples(index=False)
    }


def build(
    data_dir: Path = DATA, units_reading: str = "increase", prefer_source: str = "latest"
) -> CleanTable:
    """Read, verify and parse every source and register row; derive and check the figures."""
    sources = load_sources(data_dir)
    check_policy(prefer_source, sources)
    indicators = load_indicators(data_dir)
    register = load_register(data_dir, set(sources.source_id), indicators)
    texts = load_texts(data_dir, sources)
    stated = stated_figures(register, texts, indicators, data_dir)
    used, conflicts = resolve(stated, sources, prefer_source)
    stock = unit_stock(used, units_reading)
    derived = stock[stock.kind == "derived"]
    figures = pd.concat([stated, derived]).sort_values(SORT, ignore_index=True)
    return CleanTable(
        sources=sources,
        indicators=indicators,
        texts=texts,
        figures=figures[FIGURE_COLUMNS],
        used=pd.concat([used, derived]).sort_values(SORT, ignore_index=True),
        stock=stock,
        coverage=uncovered_mentions(texts, stated),
        checks=growth_checks(used, indicators),
        conflicts=conflicts,
    )


def write(table: CleanTable, data_dir: Path = DATA, tables_dir: Path | None = None) -> list[str]:
    """Write the clean table and its reports to `tables_dir` (data/processed/), all or nothing."""
    folder = tables_dir if tables_dir is not None else data_dir / "processed"
    outputs = {
        folder / "figures.csv": table.figures,
        folder / "coverage.csv": table.coverage,
        folder / "checks.csv": table.checks,
        folder / "conflicts.csv": table.conflicts,
    }
    write_tables(outputs)
    return [shown(path, data_dir) for path in outputs]


def load_figures(data_dir: Path = DATA, tables_dir: Path | None = None) -> pd.DataFrame:
    """Read the clean table written by the first notebook (to `tables_dir`, data/processed/)."""
    path = (tables_dir if tables_dir is not None else data_dir / "processed") / "figures.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{shown(path, data_dir)} is missing: run notebook 01 (make run)")
    numeric = ["value", "lower", "upper", "resolution"]
    return pd.read_csv(
        path,
        keep_default_na=False,
        na_values={column: [""] for column in numeric},
        dtype={column: float for column in numeric},
    )


if __name__ == "__main__":
    # python -m helpers.pipeline SOURCE_ID: a source's normalised text, to copy quotes from
    import sys

    print(load_texts(DATA, load_sources(DATA))[sys.argv[1]], end="")
