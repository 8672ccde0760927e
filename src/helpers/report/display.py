"""Reader-facing formatting: figures and tables in the reader's language (`lang`, "en" or "id").

English writes "Rp 520 trillion", "3.85 million units", "4.5%"; Indonesian, as the sources
do, "Rp520 triliun", "3,85 juta unit", "4,5%". Words come from data/translations.csv and
digits from Babel (helpers.report.language); identifiers, quotes and registrars' notes stay
as written.
"""

import html
import math

import pandas as pd
from IPython.display import Markdown

from helpers.clean.table import CleanTable
from helpers.report.language import answer, label, message, number, percent, text
from helpers.trends.series import observed

SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
CURRENCIES = {"IDR": "Rp", "USD": "US$"}
QUALIFIERS = {"~": "about", ">": "above", "<": "below", ">=": "at_least", "<=": "at_most"}
SIGNIFICANT = 6  # digits of a table's float shown at most (73499999999999.97 -> 73,500,...)


def _decimals(resolution: float | None, size: float, default: int) -> int:
    """As many decimals as the figure was written with, or `default` if unknown."""
    if resolution is None or math.isnan(resolution):
        return default
    return max(0, math.ceil(-math.log10(resolution / size) - 1e-9))


def readable(value: float, unit: str, resolution: float | None = None, lang: str = "en") -> str:
    """A figure in readable units: "Rp 520 trillion" (en), "Rp520 triliun" (id).

    With a resolution, the digits written in the source; without, two decimals for scaled
    values and one for percentages.
    """
    if value is None or math.isnan(value):
        return ""
    if unit == "%":
        return percent(value, _decimals(resolution, 1, 1), lang)
    size, scale = next(((s, w) for s, w in SCALES if abs(value) >= s), (1, ""))
    amount = number(value / size, _decimals(resolution, size, 2 if scale else 0), lang)
    if scale:
        amount += " " + text(f"scale.{scale}", lang)
    if unit in CURRENCIES:
        return text("money", lang, symbol=CURRENCIES[unit], amount=amount)
    return f"{amount} {text(f'unit.{unit}', lang)}"


def header(column: str, lang: str = "en") -> str:
    """A column's header in `lang` (key column.<name>); KeyError if it has no text yet."""
    return text(f"column.{column}", lang)


def _significant(value: float, digits: int = SIGNIFICANT) -> float:
    """The value to `digits` significant digits, so float noise is not shown as a digit."""
    return float(f"{value:.{digits}g}")


def _cells(column: pd.Series, lang: str, decimals: int) -> pd.Series:
    if pd.api.types.is_bool_dtype(column):
        return column.map(lambda v: answer(v, lang)).astype(object)
    if pd.api.types.is_float_dtype(column):
        shown = column.map(lambda v: number(_significant(v), decimals, lang, trim=True))
        return shown.astype(object)
    return column.map(lambda v: message(v, lang) if isinstance(v, str) else v)


def table(frame: pd.DataFrame, lang: str = "en", decimals: int = 3) -> pd.DataFrame:
    """A table as readers see it in `lang`: translated headers, statuses, reasons and notes,
    numbers with the language's separators (at most `decimals` places), yes/no for booleans.
    """
    shown = pd.DataFrame({c: _cells(frame[c], lang, decimals) for c in frame.columns})
    shown.columns = [header(c, lang) for c in frame.columns]
    if frame.index.name:
        shown.index.name = header(frame.index.name, lang)
    return shown


def _figure(row: pd.Series, lang: str) -> str:
    """One figure as stated: a range, or a value with its qualifier ("about 9%")."""
    if row.qualifier == "range":
        lower, upper = (readable(b, row.unit, row.resolution, lang) for b in (row.lower, row.upper))
        return text("range", lang, lower=lower, upper=upper)
    figure = readable(row.value, row.unit, row.resolution, lang)
    qualifier = QUALIFIERS.get(row.qualifier)
    return text(f"qualifier.{qualifier}", lang, figure=figure) if qualifier else figure


def figure_table(figures: pd.DataFrame, lang: str = "en", bounds: bool = False) -> pd.DataFrame:
    """The clean table as a reader sees it: one readable figure per row, with its quote,
    and with `bounds` the interval each figure stands for."""
    frame = pd.DataFrame(
        {
            "indicator": figures.indicator,
            "period": figures.period,
            "kind": figures.kind,
            "figure": figures.apply(_figure, axis=1, lang=lang),
            "source": figures.source_id,
            "quote_or_derivation": figures.quote.where(figures.quote != "", figures.note),
        }
    )
    if bounds:
        frame = frame.assign(lower=figures.lower, upper=figures.upper)
    return table(frame, lang, decimals=0)


def series_table(clean: CleanTable, indicators: list[str], lang: str = "en") -> pd.DataFrame:
    """The observed series, one readable column per indicator, headed by its label."""
    columns = {}
    for indicator in indicators:
        years, values = observed(clean, indicator)
        unit = clean.indicators.unit[indicator]
        shown = {y: readable(v, unit, lang=lang) for y, v in zip(years, values, strict=True)}
        columns[label(clean.indicators, indicator, lang)] = shown
    return pd.DataFrame(columns).sort_index().fillna("").rename_axis(header("year", lang))


def projection_table(
    projected: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """Projections with readable values and intervals (empty where there is none)."""
    unit = projected.indicator.map(indicators.unit)

    def show(column: str) -> pd.Series:
        values = zip(projected[column], unit, strict=True)
        return pd.Series([readable(v, u, lang=lang) for v, u in values], index=projected.index)

    frame = projected[["indicator", "model", "year"]].assign(
        value=show("value"), lower=show("lower"), upper=show("upper"), note=projected.note
    )
    return table(frame, lang)


def reading_table(comparison: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """clean.readings.stock_by_reading as readers see it: a column per reading, one decimal."""
    shown = comparison.T.map(lambda v: number(v, 1, lang))
    shown.index = [message(row, lang) for row in shown.index]
    shown.columns.name = header(comparison.index.name, lang)
    return shown


def note(sentence: str) -> Markdown:
    """A sentence shown to readers as prose, not as a quoted string; its & < > are escaped, as
    it may hold a data file's text (an indicator's label) that must not act as HTML."""
    return Markdown(html.escape(sentence, quote=False))
