"""The reports' language: texts from data/translations.csv and numbers through Babel.

Every reader-facing text the code writes (titles, axis labels, legends, headers, verdicts,
headlines, notes) is a key of data/translations.csv with its English and Indonesian text;
indicator labels come from data/indicators.csv. The tables in data/processed/ stay
language-neutral: the code writes their statuses, reasons and notes in English, and
`message` reads each back against the English texts of the `value.*` and `message.*` rows
to show it in the reader's language (tests/unit/report/test_language.py checks every one
has its row).
"""

from __future__ import annotations

import csv
import re
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from helpers.core.parameters import check_choice
from helpers.core.paths import DATA

if TYPE_CHECKING:
    import pandas as pd

LANGUAGES = ("en", "id")
TRANSLATIONS = DATA / "translations.csv"
MATCHED = ("value.", "message.")  # rows whose English text `message` recognises
WHOLE_NUMBER_FIELDS = {"year", "period", "n", "df"}  # placeholders that stand for digits


def check_lang(lang: str) -> str:
    """The language, or ValueError naming the parameter and the allowed values."""
    check_choice("lang", lang, LANGUAGES)
    return lang


def placeholders(template: str) -> set[str]:
    """The {field} names of a template: "{lower} to {upper}" -> {"lower", "upper"}."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def load_translations(path: Path = TRANSLATIONS) -> dict[str, dict[str, str]]:
    """key -> {language: text}; ValueError naming the line for a row that cannot be used."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if reader.fieldnames != ["key", *LANGUAGES]:
            raise ValueError(f"{path.name}: columns must be key,{','.join(LANGUAGES)}")
        table = {}
        for line, row in enumerate(reader, start=2):
            _check_row(path.name, line, row, table)
            table[row["key"]] = {lang: row[lang] for lang in LANGUAGES}
    _check_unique_english(path.name, table)
    return table


def _check_row(name: str, line: int, row: dict, table: dict) -> None:
    where = f"{name}, line {line}, key {row['key']!r}"
    if not row["key"] or row["key"] in table:
        raise ValueError(f"{where}: a key must be present and unique")
    if not all(row[lang] for lang in LANGUAGES):
        raise ValueError(f"{where}: needs a text in every language {list(LANGUAGES)}")
    if len({frozenset(placeholders(row[lang])) for lang in LANGUAGES}) > 1:
        raise ValueError(f"{where}: the languages' texts must have the same {{placeholders}}")


def _check_unique_english(name: str, table: dict) -> None:
    """`message` reads a value or message back from its English text, so that must be unique."""
    seen: dict[str, str] = {}
    for key, texts in table.items():
        if key.startswith(MATCHED):
            if texts["en"] in seen:
                raise ValueError(f"{name}: keys {seen[texts['en']]!r} and {key!r} share a text")
            seen[texts["en"]] = key


@cache
def translations() -> dict[str, dict[str, str]]:
    """The workspace's translations table, read once."""
    return load_translations(TRANSLATIONS)


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The text of `key` in `lang`, with its {placeholders} filled from `fields`."""
    check_lang(lang)
    try:
        template = translations()[key][lang]
    except KeyError:
        raise KeyError(f"no text for key {key!r} in data/translations.csv") from None
    return template.format(**fields)


def label(indicators: pd.DataFrame, indicator: str, lang: str = "en") -> str:
    """An indicator's label in `lang`, from data/indicators.csv (label_en, label_id)."""
    return str(indicators.at[indicator, f"label_{check_lang(lang)}"])


def missing(value: object) -> bool:
    """Whether a table cell is empty (None, NaN, pd.NA, NaT): written as ""."""
    import pandas as pd  # here, not at the top: the runner reads LANGUAGES without pandas

    return value is None or bool(pd.isna(value))


def number(value: float | None, decimals: int = 0, lang: str = "en", trim: bool = False) -> str:
    """Digits with the language's separators: 3.85 -> "3.85" (en), "3,85" (id); "" if missing.

    `decimals` places, or at most that many with `trim` (no trailing zeros).
    """
    if missing(value):
        return ""
    places = ("#" if trim else "0") * decimals
    pattern = "#,##0" + (f".{places}" if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=check_lang(lang))


def answer(value: object, lang: str = "en") -> str:
    """A boolean as "yes" or "no" in `lang`; "" if missing (e.g. a target not assessed)."""
    if missing(value):
        return ""
    return text("value.yes" if value else "value.no", lang)


def percent(value: float, decimals: int = 1, lang: str = "en") -> str:
    """A percentage (4.5 -> "4.5%" or "4,5%"); both languages write the sign unspaced."""
    digits = number(value, decimals, lang)
    return f"{digits}%" if digits else ""


def message(sentence: str, lang: str = "en") -> str:
    """A value or sentence the code wrote in English (a status, reason or note) in `lang`.

    It is read back against the English texts of the `value.*` and `message.*` rows, its
    fields translated in turn; parts joined by "; " are translated one by one. A part no row
    matches (an identifier, a registrar's note, a formula) stays as written.
    """
    if check_lang(lang) == "en" or not sentence:
        return sentence
    whole = _translate_whole(sentence, lang)
    if whole is not None:
        return whole
    parts = sentence.split("; ")
    return sentence if len(parts) == 1 else "; ".join(message(p, lang) for p in parts)


def _translate_whole(sentence: str, lang: str) -> str | None:
    for pattern, key in _patterns():
        found = pattern.fullmatch(sentence)
        if found:
            fields = {name: message(value, lang) for name, value in found.groupdict().items()}
            return text(key, lang, **fields)
    return None


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    """A regular expression per value and message; fixed texts first, then the longest."""
    rows = [(key, t["en"]) for key, t in translations().items() if key.startswith(MATCHED)]
    rows.sort(key=lambda row: (bool(placeholders(row[1])), -len(row[1])))
    return [(_pattern(english), key) for key, english in rows]


def _pattern(template: str) -> re.Pattern:
    """A template as a regex: "{n} points of {x}" -> "(?P<n>[0-9]+) points of (?P<x>.+?)"."""
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pieces.append(re.escape(literal))
        if field:
            digits = field in WHOLE_NUMBER_FIELDS
            pieces.append(f"(?P<{field}>{'[0-9]+' if digits else '.+?'})")
    return re.compile("".join(pieces))


def parameter_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The notebook parameters the reports take, each with the check a value must pass."""
    return {"lang": check_lang}
