"""Reader-facing formatting: figures written the way Indonesian sources write them."""

import math

import pandas as pd
from IPython.display import Markdown

from helpers.projections import Clean, observed
from helpers.quantities import format_number

SCALES = [(1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")]
QUALIFIER_WORDS = {"~": "about ", ">": "above ", "<": "below ", ">=": "at least ", "<=": "at most "}


def number(value: float, decimals: int = 0) -> str:
    """165983 -> '165.983', (4.5, 1) -> '4,5' (Indonesian separators)."""
    return format_number(value, decimals)


def _decimals(resolution: float | None, size: float, default: int) -> int:
    """As many decimals as the figure was written with, or `default` if unknown."""
    if resolution is None or math.isnan(resolution):
        return default
    return max(0, math.ceil(-math.log10(resolution / size) - 1e-9))


def readable(value: float, unit: str, resolution: float | None = None) -> str:
    """A figure in readable units: Rp520 triliun, 3,85 juta unit, 4,5%.

    With a resolution, the digits written in the source; without, two decimals for scaled
    values and one for percentages.
    """
    if value is None or math.isnan(value):
        return ""
    if unit == "%":
        return f"{number(value, _decimals(resolution, 1, 1))}%"
    prefix = {"IDR": "Rp", "USD": "US$"}.get(unit, "")
    suffix = "" if prefix else f" {unit}"
    size, word = next(((s, w) for s, w in SCALES if abs(value) >= s), (1, ""))
    digits = number(value / size, _decimals(resolution, size, 2 if word else 0))
    return f"{prefix}{digits}{' ' + word if word else ''}{suffix}"


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The clean table as a reader sees it: one readable figure per row, with its quote."""

    def show(row: pd.Series) -> str:
        if row.qualifier == "range":
            bounds = (readable(b, row.unit, row.resolution) for b in (row.lower, row.upper))
            return " to ".join(bounds)
        return QUALIFIER_WORDS.get(row.qualifier, "") + readable(
            row.value, row.unit, row.resolution
        )

    return pd.DataFrame(
        {
            "indicator": figures.indicator,
            "period": figures.period,
            "kind": figures.kind,
            "figure": figures.apply(show, axis=1),
            "source": figures.source_id,
            "quote or derivation": figures.quote.where(figures.quote != "", figures.note),
        }
    )


def series_table(clean: Clean, indicators: list[str]) -> pd.DataFrame:
    """The observed series of each indicator, one readable column per indicator."""
    columns = {}
    for indicator in indicators:
        years, values = observed(clean, indicator)
        unit = clean.indicators.unit[indicator]
        columns[indicator] = {y: readable(v, unit) for y, v in zip(years, values, strict=True)}
    return pd.DataFrame(columns).sort_index().fillna("").rename_axis("year")


def projection_table(projected: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Projections with readable values and intervals (empty where there is none)."""
    unit = projected.indicator.map(indicators.unit)

    def show(column: str) -> pd.Series:
        return pd.Series(
            [readable(v, u) for v, u in zip(projected[column], unit, strict=True)],
            index=projected.index,
        )

    return projected[["indicator", "model", "year"]].assign(
        value=show("value"), lower=show("lower"), upper=show("upper"), note=projected.note
    )


def note(text: str) -> Markdown:
    """A sentence shown to readers as prose, not as a quoted string."""
    return Markdown(text)
