"""The extract stage in one call: every source read, checked and normalised, every register
row parsed into a figure, before any later stage runs."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.core.paths import DATA
from helpers.extract.cache import CheckedRows, Parsed, QuoteParses, cache_folder, parsed_source
from helpers.extract.register import load_indicators, load_register, stated_figures
from helpers.extract.sources import load_sources, read_raw


@dataclass(frozen=True)
class Extract:
    """What the sources state, with what is needed to read it."""

    sources: pd.DataFrame
    indicators: pd.DataFrame  # indexed by indicator id
    texts: dict[str, str]  # source_id -> normalised text
    stated: pd.DataFrame  # one row per registered figure (schemas.FIGURES)
    parsed: dict[str, Parsed] = field(default_factory=dict)  # source_id -> text and mentions


def parsed_sources(
    data_dir: Path, sources: pd.DataFrame, cache: Path | None = None
) -> dict[str, Parsed]:
    """Every source's normalised text and mentions, after its checksum is verified; parsed
    again only when the cache (helpers.extract.cache, or the folder `cache`) lacks it."""
    folder = cache_folder() if cache is None else cache
    rows = zip(*(sources[c].tolist() for c in ("source_id", "sha256", "language")), strict=True)
    return {
        source_id: parsed_source(read_raw(data_dir, source_id, sha256), sha256, language, folder)
        for source_id, sha256, language in rows
    }


def normalised_texts(data_dir: Path, sources: pd.DataFrame) -> dict[str, str]:
    """The normalised text of every source, after its checksum is verified."""
    return {source_id: p.text for source_id, p in parsed_sources(data_dir, sources).items()}


def build(data_dir: Path = DATA) -> Extract:
    """Read and verify every source and register row, and parse each registered figure."""
    sources = load_sources(data_dir)
    indicators = load_indicators(data_dir)
    register = load_register(data_dir, set(sources.source_id), indicators)
    parsed = parsed_sources(data_dir, sources)
    texts = {source_id: p.text for source_id, p in parsed.items()}
    languages = dict(zip(sources.source_id, sources.language, strict=True))
    quotes, kept = QuoteParses(), CheckedRows()
    stated = stated_figures(register, texts, indicators, data_dir, languages, quotes.find, kept)
    quotes.save()
    kept.save()
    return Extract(sources, indicators, texts, stated, parsed)
