"""The register of figures: which quote in which source states which indicator.

Values are never typed by hand: each is parsed from its quote, so a transcription error
cannot happen, and every number can be traced back to the words of a source.
"""

import difflib
import hashlib
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.paths import display_path
from helpers.core.schemas import FIGURES, INDICATORS, REGISTER, TRANSLATIONS
from helpers.core.tables import read_input, table_rows
from helpers.extract.cache import CheckedRows
from helpers.extract.quantities import Quantity, find_quantities
from helpers.extract.sources import row_lines

KINDS = ("actual", "target")
MEASURES = ("IDR", "USD", "%")  # units kept as written; every other unit counts something
BARE = "bare"  # in written_units: a number written with no unit word ("berjumlah 4,4 juta")
INDICATOR_MEASURES = ("level", "growth")
# A register period: a year, or the part of it a source names (quarter, half, month)
PERIOD = re.compile(r"((?:19|20)\d\d)(?:-(Q[1-4]|H[12]|M(?:0[1-9]|1[0-2])))?")
CHECK_VERSION = 1  # bump when `checked_quantity` checks or reads a quote otherwise: kept checks
# of register rows (helpers.extract.cache.CheckedRows) are keyed by it
FIGURE_FIELDS = ("value", "lower", "upper", "resolution", "qualifier")  # what a quote gives


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
    lines = row_lines(path, data_dir)
    for line, row in zip(lines, indicators.itertuples(), strict=True):
        _check_measure(row, indicators, f"{display_path(path, data_dir)} line {line}")
    return indicators.set_index("indicator")


def _check_measure(row, indicators: pd.DataFrame, where: str) -> None:
    """Raise ValueError naming `where` unless an indicator's measure, growth_of and plausible
    range fit together: a growth rate is in %, and relates a known level indicator."""
    if row.measure not in INDICATOR_MEASURES:
        raise ValueError(f"{where}: measure {row.measure!r} must be one of {INDICATOR_MEASURES}")
    if row.measure == "growth" and row.unit != "%":
        raise ValueError(f"{where}: a growth indicator is in '%', not {row.unit!r}")
    if row.growth_of:
        levels = indicators[indicators.measure == "level"].indicator.tolist()
        if row.measure != "growth":
            raise ValueError(f"{where}: growth_of {row.growth_of!r} is given for a level indicator")
        if row.growth_of not in levels:
            raise ValueError(
                f"{where}: growth_of {row.growth_of!r} is not a level indicator of this file; "
                f"one of {sorted(levels)}"
            )
    if not row.min_value < row.max_value:
        raise ValueError(
            f"{where}: min_value {row.min_value:g} must be below max_value {row.max_value:g}"
        )


def check_register_fields(row, where: str, indicators: pd.DataFrame) -> None:
    """Raise ValueError naming `where` unless a register row's indicator is known, its period
    a year, its kind one of KINDS and its quote not empty (load_register and the review of
    proposed rows both check rows so)."""
    if row.indicator not in indicators.index:
        known = sorted(indicators.index)
        raise ValueError(f"{where}: unknown indicator {row.indicator!r}; known: {known}")
    if not PERIOD.fullmatch(row.period):
        raise ValueError(
            f"{where}: period {row.period!r} must be a year such as 2016, or a part of one "
            "(2017-Q2 a quarter, 2018-H1 a half, 2017-M11 a month)"
        )
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
        | ~register.period.str.fullmatch(PERIOD.pattern).astype(bool)
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


def checked_quantity(
    row, text: str, indicator, where: str, language: str = "id", find=find_quantities
) -> Quantity:
    """The one figure a register row's quote holds, after checking that the quote is in
    `text` (its source's normalised text) and holds exactly one figure, written in a unit
    `indicator` (the row's indicator in data/indicators.csv) allows; ValueError naming
    `where` otherwise. `find`: `find_quantities` or a cache of it."""
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
    allowed = indicator.written_units.split("|")
    if quantity.unit not in allowed and not (quantity.unit == "" and BARE in allowed):
        raise ValueError(
            f"{where}: unit {quantity.unit!r} of {mentions[0].text!r} does not fit indicator "
            f"{row.indicator} (allowed: {allowed})"
        )
    return quantity


def figure_from_row(
    row, text: str, indicators, where: str, language: str = "id", find=find_quantities
) -> dict:
    """The figure a register row states, as a row of the clean table, its value parsed from
    the quote after `checked_quantity`'s checks (in the source's language:
    `quantities.LANGUAGES`). `indicators`: data/indicators.csv indexed by id, or a mapping of
    id to its row."""
    indicator = (
        indicators.loc[row.indicator]
        if isinstance(indicators, pd.DataFrame)
        else indicators[row.indicator]
    )
    quantity = checked_quantity(row, text, indicator, where, language, find)
    year, part = split_period(row.period)
    return {
        "indicator": row.indicator,
        "period": year,
        "subperiod": part,
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


def split_period(period: str) -> tuple[int, str]:
    """A register period as (year, part of the year or "")."""
    year, _, part = period.partition("-")
    return int(year), part


def check_key(text: str, language: str, rows: list[tuple[str, str]]) -> str:
    """A key of everything the check of a source's register rows reads: its normalised text
    and language, each row's quote and its indicator's written units, in order, and
    `CHECK_VERSION`. The same key gives the same figures, so they can be kept
    (helpers.extract.cache.CheckedRows); any change makes another key."""
    text_sha256 = hashlib.sha256(text.encode()).hexdigest()
    content = repr((CHECK_VERSION, language, text_sha256, rows))  # unambiguous: strings quoted
    return hashlib.sha256(content.encode()).hexdigest()


def stated_figures(
    register: pd.DataFrame,
    texts: dict[str, str],
    indicators: pd.DataFrame,
    data_dir: Path,
    languages: dict[str, str] | None = None,
    find=find_quantities,
    kept: CheckedRows | None = None,
) -> pd.DataFrame:
    """One row per registered figure, its value parsed from the quote (in the language of
    its source, `languages`, Indonesian by default; `find` may be a cache of the parses).
    With `kept`, a source whose rows were checked before against the same text is not
    checked again, and the figures of the others are added to it."""
    if register.empty:  # typed as before any row: no column's type can be told
        return pd.DataFrame([], columns=FIGURES.names)
    name = display_path(data_dir / "register.csv", data_dir)
    figures = _checked_figures(register, texts, indicators, name, languages or {}, find, kept)
    _check_plausible(register, figures["value"], indicators, name)
    periods = [split_period(period) for period in register.period.tolist()]
    columns = {
        "indicator": register.indicator.tolist(),
        "period": [year for year, _ in periods],
        "subperiod": [part for _, part in periods],
        "kind": register.kind.tolist(),
        **figures,
        "unit": register.indicator.map(indicators.unit).tolist(),
        "source_id": register.source_id.tolist(),
        "quote": register.quote.tolist(),
        "note": register.note.tolist(),
    }
    return pd.DataFrame(columns, columns=FIGURES.names)


def _check_plausible(
    register: pd.DataFrame, values: list[float], indicators: pd.DataFrame, name: str
) -> None:
    """ValueError naming the register line of the first figure outside its indicator's
    plausible range (`min_value` to `max_value`): a typo, or a scale word misread."""
    low = register.indicator.map(indicators.min_value).to_numpy(dtype=float)
    high = register.indicator.map(indicators.max_value).to_numpy(dtype=float)
    found = np.asarray(values, dtype=float)
    outside = (found < low) | (found > high)
    if outside.any():
        at = int(outside.nonzero()[0][0])
        row = register.iloc[at]
        unit = indicators.unit[row.indicator]
        raise ValueError(
            f"{name} line {row.line}: {row.indicator} {found[at]:g} {unit}, read from "
            f"{row.quote!r}, is outside its plausible range {low[at]:g} to {high[at]:g} "
            "(data/indicators.csv): a typo, or a scale word misread?"
        )


def _checked_figures(
    register: pd.DataFrame,
    texts: dict[str, str],
    indicators: pd.DataFrame,
    name: str,
    languages: dict[str, str],
    find,
    kept: CheckedRows | None,
) -> dict[str, list]:
    """The `FIGURE_FIELDS` of the register rows, a list each, in register order: from `kept`
    where it holds the check of the rows' source, else checked now in register order (so the
    first bad row is the one named) and added to `kept`."""
    source_ids = register.source_id.tolist()
    by_source: dict[str, list[int]] = {}
    for position, source_id in enumerate(source_ids):
        by_source.setdefault(source_id, []).append(position)
    keys = _check_keys(register, texts, indicators, languages, by_source) if kept else {}
    flat = _kept_figures(kept, keys, by_source) if kept else {}
    done = {position for source_id in flat for position in by_source[source_id]}
    unchecked = [position for position in range(len(register)) if position not in done]
    rows_of = {row.Index: row for row in indicators.itertuples()}
    checked = {}
    for position, row in zip(unchecked, table_rows(register.iloc[unchecked]), strict=True):
        text, language = texts[row.source_id], languages.get(row.source_id, "id")
        where = f"{name} line {row.line}"
        quantity = checked_quantity(row, text, rows_of[row.indicator], where, language, find)
        checked[position] = [getattr(quantity, field) for field in FIGURE_FIELDS]
    for source_id in {source_ids[position] for position in unchecked} & set(keys):
        flat[source_id] = [v for position in by_source[source_id] for v in checked[position]]
        kept.add(keys[source_id], flat[source_id])
    return _in_register_order(flat, by_source, checked)


def _kept_figures(
    kept: CheckedRows, keys: dict[str, str], by_source: dict[str, list[int]]
) -> dict[str, list]:
    """The figures `kept` holds for each source, flat; none if one is malformed (then every
    row is checked again)."""
    found = {source_id: kept.get(key, len(by_source[source_id])) for source_id, key in keys.items()}
    flat = {source_id: fields for source_id, fields in found.items() if fields is not None}
    return flat if CheckedRows.well_formed(list(itertools.chain(*flat.values()))) else {}


def _in_register_order(
    flat: dict[str, list], by_source: dict[str, list[int]], checked: dict[int, list]
) -> dict[str, list]:
    """The figures of each source (`flat`, five fields a row) and of single rows checked
    without a key (`checked`, by position), as one list per field in register order."""
    order = [position for source_id in flat for position in by_source[source_id]]
    values = list(itertools.chain(*flat.values()))
    for position in set(checked) - set(order):
        order.append(position)
        values += checked[position]
    gathered = np.array(values, dtype=object).reshape(-1, len(FIGURE_FIELDS))
    ordered = np.empty_like(gathered)
    ordered[order] = gathered
    return dict(zip(FIGURE_FIELDS, ordered.T.tolist(), strict=True))


def _check_keys(register, texts, indicators, languages, by_source) -> dict[str, str]:
    """Each source's `check_key`."""
    quotes = register.quote.tolist()
    written = register.indicator.map(indicators.written_units).tolist()
    return {
        source_id: check_key(
            texts[source_id],
            languages.get(source_id, "id"),
            [(quotes[position], written[position]) for position in positions],
        )
        for source_id, positions in by_source.items()
    }
