"""The extract stage in one call: every source read, checked and normalised, every register
row parsed into a figure, before any later stage runs."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core.paths import DATA
from helpers.extract.normalise import normalise
from helpers.extract.register import load_indicators, load_register, stated_figures
from helpers.extract.sources import load_sources, read_raw


@dataclass(frozen=True)
class Extract:
    """What the sources state, with what is needed to read it."""

    sources: pd.DataFrame
    indicators: pd.DataFrame  # indexed by indicator id
    texts: dict[str, str]  # source_id -> normalised text
    stated: pd.DataFrame  # one row per registered figure (schemas.FIGURES)


def normalised_texts(data_dir: Path, sources: pd.DataFrame) -> dict[str, str]:
    """The normalised text of every source, after its checksum is verified."""
    return {
        row.source_id: normalise(read_raw(data_dir, row.source_id, row.sha256))
        for row in sources.itertuples(index=False)
    }


def build(data_dir: Path = DATA) -> Extract:
    """Read and verify every source and register row, and parse each registered figure."""
    sources = load_sources(data_dir)
    indicators = load_indicators(data_dir)
    register = load_register(data_dir, set(sources.source_id), indicators)
    texts = normalised_texts(data_dir, sources)
    return Extract(
        sources, indicators, texts, stated_figures(register, texts, indicators, data_dir)
    )
