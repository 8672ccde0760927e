"""The register of figures: which quote in which source states which indicator.

Values are never typed by hand: each is parsed from its quote, so a transcription error
cannot happen, and every number can be traced back to the words of a source.
"""

import difflib
import re
from pathlib import Path

import pandas as pd

from helpers.core.paths import display_path
from helpers.core.schemas import FIGURES, INDICATORS, REGISTER, TRANSLATIONS
from helpers.core.tables import read_input, table_rows
from helpers.extract.quantities import find_quantities
from helpers.extract.sources import row_lines

KINDS = ("actual", "target")
MEASURES = ("IDR", "USD", "%")  # units kept as written; every other unit counts something


def rounding_bounds(value: float, resolution: float) -> tuple[float, float]:
    """The interval a rounded figure stands for: Rp439 triliun means 438.5 to 439.5 triliun."""
    return value - resolution / 2, value + resolution / 2


def known_units(data_dir: Path) -> list[str]:
    """The units an indicator may have: money, percent, and the count units the reports can
    name (the `unit.*` keys of data/translations.csv)."""
    keys = read_input(TRANSLATIONS, data_dir).key
    return [*MEASURES, *(key.removeprefix("unit.") for key in keys if key.startswith("unit."))]


def load_indicators(data_dir: Path) -> pd.DataFrame:
    """Read data/indicators.csv, indexed by indicator id, each with a unit the reports know
    and its quotes can be written in."""
    path = data_dir / str(INDICATORS.file)
    indicators = read_input(INDICATORS, data_dir)
    units = known_units(data_dir)
    for line, row in zip(row_lines(path, data_dir), indicators.itertuples(), strict=True):
        where = f"{display_path(path, data_dir)} line {line}"
        if row.unit not in units:
            raise ValueError(f"{where}: unit {row.unit!r} is not one of {units}")
        written = set(row.written_units.split("|"))
        if (row.unit in MEASURES or written & set(MEASURES)) and written != {row.unit}:
            raise ValueError(
                f"{where}: unit {row.unit!r} does not fit written_units {row.written_units!r}: "
                "a value in IDR, USD or % is written in that unit, a count in counted nouns"
            )
    duplicated = indicators.indicator[indicators.indicator.duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{display_path(path, data_dir)}: duplicate indicator {duplicated}")
    return indicators.set_index("indicator")


def check_register_fields(row, where: str, indicators: pd.DataFrame) -> None:
    """Raise ValueError naming `where` unless a register row's indicator is known, its period
    a year, its kind one of KINDS and its quote not empty (load_register and the review of
    proposed rows both check rows so)."""
    if row.indicator not in indicators.index:
        known = sorted(indicators.index)
        raise ValueError(f"{where}: unknown indicator {row.indicator!r}; known: {known}")
    if not re.fullmatch(r"(19|20)\d\d", row.period):
        raise ValueError(f"{where}: period {row.period!r} must be a year such as 2016")
    if row.kind not in KINDS:
        raise ValueError(f"{where}: kind {row.kind!r} must be one of {list(KINDS)}")
    if not row.quote.strip():
        raise ValueError(f"{where}: quote is empty")


def load_register(data_dir: Path, source_ids: set[str], indicators: pd.DataFrame) -> pd.DataFrame:
    """Read data/register.csv and check each row's source, indicator, period and kind."""
    path = data_dir / str(REGISTER.file)
    register = read_input(REGISTER, data_dir)
    register.insert(0, "line", row_lines(path, data_dir))
    shown = display_path(path, data_dir)
    bad = (
        ~register.source_id.isin(source_ids)
        | ~register.indicator.isin(indicators.index)
        | ~register.period.str.fullmatch(r"(19|20)\d\d").astype(bool)
        | ~register.kind.isin(KINDS)
        | register.quote.str.strip().eq("")
    )  # every check at once; the first failing row is then checked field by field
    for row in table_rows(register[bad].iloc[:1]):
        where = f"{shown} line {row.line}"
        if row.source_id not in source_ids:
            raise ValueError(
                f"{where}: unknown source_id {row.source_id!r}; known: {sorted(source_ids)}"
            )
        check_register_fields(row, where, indicators)
    keys = ["source_id", "indicator", "period", "kind"]
    duplicated = register[register.duplicated(keys, keep=False)]
    if not duplicated.empty:
        lines = duplicated.line.tolist()
        raise ValueError(
            f"{display_path(path, data_dir)} lines {lines}: duplicate rows for the same {keys}"
        )
    return register


def closest_passage(quote: str, text: str) -> str:
    """The stretch of `text` most like `quote`, to show where a mistyped quote went wrong."""
    words = text.split()
    size = max(1, len(quote.split()))
    windows = [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))]
    return max(windows, key=lambda w: difflib.SequenceMatcher(None, quote, w).ratio())


def figure_from_row(
    row, text: str, indicators, where: str, language: str = "id", find=find_quantities
) -> dict:
    """Parse the one figure a register row's quote holds, after checking the quote and unit
    (in the source's language: `quantities.LANGUAGES`). `indicators`: data/indicators.csv
    indexed by id, or a mapping of id to its row; `find`: `find_quantities` or a cache of it."""
    if row.quote not in text:
        passage = closest_passage(row.quote, text)
        raise ValueError(
            f"{where}: quote {row.quote!r} is not in the normalised text of {row.source_id}; "
            f"closest passage: {passage!r}"
        )
    mentions = find(row.quote, language)
    if len(mentions) != 1:
        found = [m.text for m in mentions]
        raise ValueError(
            f"{where}: quote must hold exactly one figure, found {len(mentions)}: {found}"
        )
    quantity = mentions[0].quantity
    indicator = (
        indicators.loc[row.indicator]
        if isinstance(indicators, pd.DataFrame)
        else indicators[row.indicator]
    )
    allowed = indicator.written_units.split("|")
    if quantity.unit not in allowed:
        raise ValueError(
            f"{where}: unit {quantity.unit!r} of {mentions[0].text!r} does not fit indicator "
            f"{row.indicator} (allowed: {allowed})"
        )
    return {
        "indicator": row.indicator,
        "period": int(row.period),
        "kind": row.kind,
        "value": quantity.value,
        "lower": quantity.lower,
        "upper": quantity.upper,
        "resolution": quantity.resolution,
        "unit": indicator.unit,
        "qualifier": quantity.qualifier,
        "source_id": row.source_id,
        "quote": row.quote,
        "note": row.note,
    }


def stated_figures(
    register: pd.DataFrame,
    texts: dict[str, str],
    indicators: pd.DataFrame,
    data_dir: Path,
    languages: dict[str, str] | None = None,
    find=find_quantities,
) -> pd.DataFrame:
    """One row per registered figure, its value parsed from the quote (in the language of
    its source, `languages`, Indonesian by default; `find` may be a cache of the parses)."""
    name = display_path(data_dir / "register.csv", data_dir)
    languages = languages or {}
    rows_of = {row.Index: row for row in indicators.itertuples()}
    rows = [
        figure_from_row(
            row,
            texts[row.source_id],
            rows_of,
            f"{name} line {row.line}",
            languages.get(row.source_id, "id"),
            find,
        )
        for row in table_rows(register)
    ]
    return pd.DataFrame([list(row.values()) for row in rows], columns=FIGURES.names)
