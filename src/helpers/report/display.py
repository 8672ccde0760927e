"""Reader-facing formatting: figures and tables in the reader's language (`lang`, "en" or "id").

English writes "Rp 520 trillion", "3.85 million units", "4.5%"; Indonesian, as the sources
do, "Rp520 triliun", "3,85 juta unit", "4,5%". Words come from data/translations.csv and
digits from Babel (helpers.report.language); identifiers, quotes and registrars' notes stay
as written.
"""

import dataclasses
import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd
from babel.dates import format_date
from IPython.display import Markdown

from helpers.clean.table import CleanTable
from helpers.core.paths import DATA
from helpers.core.processes import skip_final_collection
from helpers.extract.register import load_indicators
from helpers.report.language import answer, check_lang, label, message, number, percent, text
from helpers.trends.series import observed

SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
CURRENCIES = {"IDR": "Rp", "USD": "US$"}
QUALIFIERS = {"~": "about", ">": "above", "<": "below", ">=": "at_least", "<=": "at_most"}
SIGNIFICANT = 6  # digits of a table's float shown at most (73499999999999.97 -> 73,500,...)
NO_HEADLINE = "(headline not in the text)"  # how data/sources.csv marks a title it had to write
NUMERIC = re.compile(r"^[-\u2212+]?(?:Rp ?|US\$ ?)?[0-9]")  # a cell a reader reads as a number
LIMIT = 30  # rows a long table shows (`long_table`); the rest is in its CSV file


class Quote(str):
    """A source's own words in a table cell: shown as written, marked with their language."""

    def __new__(cls, words: str, lang: str = "id") -> "Quote":
        quote = super().__new__(cls, words)
        quote.lang = lang
        return quote


@dataclass(frozen=True)
class ReaderTable:
    """A table as a reader sees it: no row index, numbers right-aligned, a caption under it.

    Jupyter shows its HTML; `frame` holds the cells as text, for tests and for the plain
    text a terminal shows. A source quote (`Quote`) is marked `<q lang=..>`, so a reader's
    browser, a screen reader and the language checks know it is not the report's language.
    """

    frame: pd.DataFrame
    caption: str

    def _repr_html_(self) -> str:
        numeric = [_is_numeric(self.frame[c]) for c in self.frame.columns]
        head = "".join(
            f"<th{_aligned(n)}>{html.escape(str(c), quote=False)}</th>"
            for c, n in zip(self.frame.columns, numeric, strict=True)
        )
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td{_aligned(n)}>{_cell_html(v)}</td>" for v, n in zip(row, numeric, strict=True)
            )
            + "</tr>\n"
            for row in self.frame.itertuples(index=False)
        )
        caption = html.escape(self.caption, quote=False)
        caption = f'<caption style="caption-side: bottom">{caption}</caption>' if caption else ""
        return (
            f'<table class="reader-table">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>\n{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        shown = self.frame.to_string(index=False) if len(self.frame) else "(no rows)"
        return f"{shown}\n{self.caption}" if self.caption else shown


def setup_notebook(lang: str = "en") -> None:
    """Call first in every notebook: the language checked, tables' texts shown in full, and a
    kernel that ends at once when asked (skip_final_collection). A notebook that draws also
    calls plots.setup_inline_figures."""
    check_lang(lang)
    skip_final_collection()
    pd.set_option("display.max_colwidth", None)  # quotes and reasons are read in full


def _is_numeric(column: pd.Series) -> bool:
    """Most filled cells read as numbers ("1,234", "Rp 520 trillion", "-4.5%")."""
    filled = [str(v) for v in column if str(v).strip()]
    return bool(filled) and sum(bool(NUMERIC.match(v)) for v in filled) * 2 > len(filled)


def _aligned(numeric: bool) -> str:
    """Numbers right, text left, inline: JupyterLab's and nbconvert's styles align all right."""
    return ' class="num" style="text-align: right"' if numeric else ' style="text-align: left"'


def _cell_html(value: object) -> str:
    escaped = html.escape("" if value is None else str(value), quote=False)
    return f'<q lang="{value.lang}">{escaped}</q>' if isinstance(value, Quote) else escaped


def shown(frame: pd.DataFrame, caption: str, lang: str = "en") -> ReaderTable:
    """A reader's table of `frame` (as the functions here build it) with the caption of key
    caption.<caption>: a meaningful row index becomes the first columns, a bare one
    (0, 1, 2, ...) is dropped, and column levels are joined ("stock: Met")."""
    frame = frame.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [": ".join(str(p) for p in c if str(p)) for c in frame.columns]
    bare = frame.index.name is None and frame.index.nlevels == 1
    frame = frame.reset_index(drop=bare)
    return ReaderTable(frame, text(f"caption.{caption}", lang))


@dataclass(frozen=True)
class ReaderTables:
    """Reader's tables shown one after the other: a long table's counts, then its first rows."""

    tables: tuple[ReaderTable, ...]

    def _repr_html_(self) -> str:
        return "\n".join(table._repr_html_() for table in self.tables)

    def __repr__(self) -> str:
        return "\n\n".join(repr(table) for table in self.tables)


def long_table(
    frame: pd.DataFrame,
    cells: Callable[..., pd.DataFrame],
    caption: str,
    lang: str = "en",
    counts: tuple[str, ...] = (),
    file: str = "",
    limit: int = LIMIT,
    **options: object,
) -> ReaderTable | ReaderTables:
    """`shown(cells(frame, lang, **options), caption, lang)` for a table of at most `limit`
    rows. A longer one (thousands of articles) shows the number of its rows by the values of
    the `counts` columns, then its first `limit` rows, only those formatted, its caption
    saying how many rows it shows and that the full table is in `file` (by default
    tables/<caption>.csv, the report's own copy): a reader gets the overview and the way to
    the rest, and the notebook does not format rows no one reads."""
    if len(frame) <= limit:
        return shown(cells(frame, lang, **options), caption, lang)
    first = shown(cells(frame.head(limit), lang, **options), caption, lang)
    rows = {"shown": number(limit, 0, lang), "rows": number(len(frame), 0, lang)}
    where = text("note.first_rows", lang, **rows) + " "
    where += text("note.full_table", lang, file=file or f"tables/{caption}.csv")
    first = dataclasses.replace(first, caption=f"{first.caption} {where}")
    return ReaderTables((counted(frame, counts, lang), first)) if counts else first


def counted(frame: pd.DataFrame, columns: tuple[str, ...], lang: str = "en") -> ReaderTable:
    """The number of rows of `frame` for each combination of values of `columns`, as a
    reader's table."""
    counts = frame.groupby(list(columns)).size()
    cells = table(counts.index.to_frame(index=False), lang).assign(
        **{header("rows", lang): [number(n, 0, lang) for n in counts.tolist()]}
    )
    names = ", ".join(header(column, lang) for column in columns)
    return ReaderTable(cells, text("caption.counts", lang, columns=names))


def caption(key: str, lang: str = "en") -> Markdown:
    """The caption under a figure (key caption.<key>), set apart as a figure's caption."""
    return Markdown(f"*{html.escape(text(f'caption.{key}', lang), quote=False)}*")


@cache
def _labels(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    """Each indicator id as a whole word, longest first, with its label in `lang`."""
    indicators = load_indicators(DATA)
    ids = sorted(indicators.index, key=len, reverse=True)
    return tuple((re.compile(rf"\b{re.escape(i)}\b"), label(indicators, i, lang)) for i in ids)


def labelled(sentence: str, lang: str = "en") -> str:
    """A sentence with every indicator id written as its label ("ikm_units 2017" ->
    "IKM count (business units) 2017"): readers meet labels, never identifiers."""
    for pattern, name in _labels(lang):
        sentence = pattern.sub(name, sentence)
    return sentence


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
    return column.map(
        lambda v: (
            v
            if isinstance(v, Quote)
            else labelled(message(v, lang), lang)
            if isinstance(v, str)
            else v
        )
    )


def table(
    frame: pd.DataFrame, lang: str = "en", decimals: int = 3, quoted: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A table as readers see it in `lang`: translated headers, statuses, reasons and notes,
    numbers with the language's separators (at most `decimals` places), yes/no for booleans,
    labels for indicator ids, and the `quoted` columns kept as the sources wrote them.
    """
    cells = {
        c: frame[c].map(Quote).astype(object) if c in quoted else _cells(frame[c], lang, decimals)
        for c in frame.columns
    }
    shown = pd.DataFrame(cells, index=frame.index)
    shown.columns = [header(c, lang) for c in frame.columns]
    if frame.index.name:
        shown.index.name = header(frame.index.name, lang)
    return shown


def date_written(published: str, lang: str = "en") -> str:
    """A publication date as readers write it ("23 October 2017", "23 Oktober 2017"); a
    year-only date as the year."""
    if len(published) != 10:
        return published
    return format_date(date.fromisoformat(published), format="d MMMM y", locale=check_lang(lang))


def source_name(source_ids: str, sources: pd.DataFrame, lang: str = "en") -> str:
    """Sources as readers name them, the outlet and the date ("ANTARA News, 23 October 2017"),
    several joined by "+" in a derived figure's source_id read as a list."""
    rows = sources.set_index("source_id")
    names = []
    for source_id in dict.fromkeys(s for s in str(source_ids).split("+") if s):
        if source_id in rows.index:
            row = rows.loc[source_id]
            names.append(f"{row.publisher}, {date_written(row.published, lang)}")
        else:
            names.append(source_id)
    return "; ".join(names)


def _sources_named(source_ids: pd.Series, sources: pd.DataFrame | None, lang: str) -> pd.Series:
    """Each row's source as readers name it (`source_name`) where `sources` is given, else
    its id."""
    if sources is None:
        return source_ids.map(str)
    return source_ids.map(lambda s: source_name(s, sources, lang))


def _periods_written(rows: pd.DataFrame, lang: str) -> list[str]:
    """Each row's period as readers read it, a part-year one named (`period_written`)."""
    return [period_written(p, sp, lang) for p, sp in zip(rows.period, rows.subperiod, strict=True)]


def sources_table(sources: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The sources as readers see them: outlet, date, whether the text is kept as published
    or as a digest, the language named, the headline as the source wrote it, or a note where
    the text has none (the registrar's description stays in sources.csv)."""
    titles = [
        text("note.no_headline", lang) if title.startswith(NO_HEADLINE) else Quote(title, code)
        for title, code in zip(sources.title, sources.language, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "publisher": sources.publisher,
            "published": sources.published.map(lambda p: date_written(p, lang)),
            "wording": sources.wording.map(lambda w: text(f"value.{w}", lang)),
            "language": sources.language.map(lambda code: text(f"language.{code}", lang)),
        }
    )
    return table(frame, lang).assign(**{header("title", lang): titles})


def _figure(row: pd.Series, lang: str) -> str:
    """One figure as stated: a range, or a value with its qualifier ("about 9%")."""
    if row.qualifier == "range":
        lower, upper = (readable(b, row.unit, row.resolution, lang) for b in (row.lower, row.upper))
        return text("range", lang, lower=lower, upper=upper)
    figure = readable(row.value, row.unit, row.resolution, lang)
    qualifier = QUALIFIERS.get(row.qualifier)
    return text(f"qualifier.{qualifier}", lang, figure=figure) if qualifier else figure


def period_written(period: int, subperiod: str, lang: str = "en") -> str:
    """A figure's period as readers write it: "2017", or the part of it, "2017 Q2", "2018 H1",
    "2017 to November" (key period.<part kind>)."""
    if not subperiod:
        return str(int(period))
    kind, number_ = subperiod[0], int(subperiod[1:])
    if kind == "M":
        month = format_date(date(2000, number_, 1), "MMMM", locale=check_lang(lang))
        part = text("period.M", lang, month=month)
    else:
        part = text(f"period.{kind}", lang, n=number_)
    return text("period.part", lang, year=int(period), part=part)


def figure_table(
    figures: pd.DataFrame,
    lang: str = "en",
    bounds: bool = False,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The clean table as a reader sees it: one readable figure per row, with its period (a
    part-year one named), its source by outlet and date (with `sources`), its quote, and with
    `bounds` the interval each figure stands for."""
    frame = pd.DataFrame(
        {
            "indicator": figures.indicator,
            "period": _periods_written(figures, lang),
            "kind": figures.kind,
            "figure": figures.apply(_figure, axis=1, lang=lang),
            "source": _sources_named(figures.source_id, sources, lang),
            "quote_or_derivation": [
                Quote(quote) if quote else note
                for quote, note in zip(figures.quote, figures.note, strict=True)
            ],
        }
    )
    if bounds:
        units = figures.unit.tolist()
        frame = frame.assign(
            lower=[readable(v, u, lang=lang) for v, u in zip(figures.lower, units, strict=True)],
            upper=[readable(v, u, lang=lang) for v, u in zip(figures.upper, units, strict=True)],
        )
    return table(frame, lang, decimals=0)


def check_table(
    checks: pd.DataFrame, lang: str = "en", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The checks as readers see them: which check, of which figure (its period and source
    named), the figure and what it was compared with in its unit, and the verdict."""
    units = [
        "%" if check == "growth" else _UNITS.get(indicator, "")
        for check, indicator in zip(checks.check, checks.indicator, strict=True)
    ]

    def shown(column: str) -> list[str]:
        return [readable(v, u, lang=lang) for v, u in zip(checks[column], units, strict=True)]

    frame = pd.DataFrame(
        {
            "check": checks.check,
            "indicator": checks.indicator,
            "period": _periods_written(checks, lang),
            "kind": checks.kind,
            "source": _sources_named(checks.source_id, sources, lang),
            "stated": shown("stated"),
            "expected": shown("expected"),
            "status": checks.status,
            "detail": checks.detail,
        }
    )
    return table(frame, lang)


def conflict_table(
    conflicts: pd.DataFrame, lang: str = "en", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The conflicts as readers see them: each figure as its source wrote it, the source by
    outlet and date, and which one is used."""
    with_units = conflicts.assign(unit=conflicts.indicator.map(lambda i: _UNITS.get(i, "")))
    frame = pd.DataFrame(
        {
            "indicator": conflicts.indicator,
            "period": _periods_written(conflicts, lang),
            "kind": conflicts.kind,
            "figure": with_units.apply(_figure, axis=1, lang=lang),
            "source": _sources_named(conflicts.source_id, sources, lang),
            "used": conflicts.used,
        }
    )
    return table(frame, lang)


def coverage_table(
    coverage: pd.DataFrame, lang: str = "en", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What the register leaves out, as readers see it: the source by outlet and date, the
    mention as the text writes it, and why it is listed."""
    frame = pd.DataFrame(
        {
            "source": _sources_named(coverage.source_id, sources, lang),
            "mention": coverage.mention,
            "reason": coverage.reason,
        }
    )
    return table(frame, lang, quoted=("mention",))


class _Units(dict):
    """Each indicator's unit (data/indicators.csv), read when first asked."""

    def get(self, indicator: str, default: str = "") -> str:
        if not self:
            self.update(load_indicators(DATA).unit.to_dict())
        return super().get(indicator, default)


_UNITS = _Units()


def series_table(clean: CleanTable, indicators: list[str], lang: str = "en") -> pd.DataFrame:
    """The observed series, one readable column per indicator, headed by its label."""
    columns = {}
    for indicator in indicators:
        years, values = observed(clean, indicator)
        unit = clean.indicators.unit[indicator]
        shown = {y: readable(v, unit, lang=lang) for y, v in zip(years, values, strict=True)}
        columns[label(clean.indicators, indicator, lang)] = shown
    return pd.DataFrame(columns).sort_index().fillna("").rename_axis(header("year", lang))


def _in_units(frame: pd.DataFrame, columns: list[str], indicators: pd.DataFrame, lang: str):
    """The columns of a table of one row per indicator, each value readable in its unit."""
    units = frame.indicator.map(indicators.unit).tolist()
    return {
        c: [readable(v, u, lang=lang) for v, u in zip(frame[c], units, strict=True)]
        for c in columns
    }


def projection_table(
    projected: pd.DataFrame, lang: str = "en", indicators: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Projections with readable values and intervals (empty where there is none)."""
    indicators = load_indicators(DATA) if indicators is None else indicators
    frame = projected[["indicator", "model", "year"]].assign(
        **_in_units(projected, ["value", "lower", "upper"], indicators, lang),
        note=projected.note,
    )
    return table(frame, lang)


def fit_table(fits: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The fitted models: the yearly rate in the indicator's unit a year (drift, linear) or as
    a growth rate (log-linear), its standard error likewise (log-linear: on the log scale)."""
    rates, errors = [], []
    for row in fits.itertuples():
        if pd.isna(row.rate):
            rates.append("")
            errors.append("")
        elif row.model == "loglinear":
            rates.append(percent(100 * row.rate, 1, lang))
            errors.append(number(row.rate_se, 3, lang))
        else:
            unit = indicators.unit[row.indicator]
            rates.append(text("per_year", lang, value=readable(row.rate, unit, lang=lang)))
            errors.append(readable(row.rate_se, unit, lang=lang))
    frame = fits[["indicator", "model", "years", "n", "df_resid"]].assign(
        rate=rates, rate_se=errors
    )
    return table(frame, lang)


def backtest_table(
    errors: pd.DataFrame, lang: str = "en", indicators: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The backtest with readable values, the error in the indicator's unit, the absolute
    percentage error to one decimal."""
    indicators = load_indicators(DATA) if indicators is None else indicators
    frame = errors[["indicator", "model", "origin", "year"]].assign(
        **_in_units(errors, ["actual", "forecast", "error"], indicators, lang),
        ape=errors.ape.map(lambda v: number(v, 1, lang)),
    )
    return table(frame, lang)


def reading_table(comparison: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """clean.readings.stock_by_reading as readers see it: a column per reading, one decimal."""
    shown = comparison.T.map(lambda v: number(v, 1, lang))
    shown.index = pd.Index(
        [message(row, lang) for row in shown.index], name=header("quantity", lang)
    )
    shown.columns = [message(reading, lang) for reading in shown.columns]
    return shown


def note(sentence: str) -> Markdown:
    """A sentence shown to readers as prose, not as a quoted string; its & < > are escaped, as
    it may hold a data file's text (an indicator's label) that must not act as HTML."""
    return Markdown(html.escape(sentence, quote=False))
