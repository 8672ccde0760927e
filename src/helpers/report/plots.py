"""Figures that are the same byte for byte on every run, inline and on disk, in `lang`.

Inline, every figure is both SVG and PNG (`setup_inline_figures`): the reports and nbval
use the SVG (nbconvert prefers it; nbval compares it and skips PNG), and JupyterLab draws
the PNG where it will not draw SVG, in a notebook it does not trust, as a fresh clone's
are. Both are drawn with a fixed hash salt and no date or software stamp, as are the saved
PNG and SVG files, so a re-run writes the same bytes (test_rerun compares the executed
notebooks). Titles, axis labels,
legends and tick numbers follow the reader's language (helpers.report.language).

seaborn is imported without scipy.stats and scipy.cluster (`import_seaborn`): it loads them at
import only for plots this workspace never draws (KDE, clustermap), at 0.6 s of every kernel's
start. seaborn then uses its own copy of scipy's KDE, and both stay importable.
"""

import importlib
import sys
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from helpers.clean.table import CleanTable
from helpers.report.display import labelled
from helpers.report.language import label, message, number, percent, text
from helpers.trends.series import observed, official_targets

SEABORN_SKIPS = ("scipy.stats", "scipy.cluster")  # seaborn's optional imports we do not need


def import_seaborn() -> ModuleType:
    """seaborn, imported without SEABORN_SKIPS where they are not loaded yet (a `None` in
    sys.modules makes seaborn's `try: from scipy.stats import ...` fall back); a seaborn that
    needs them is imported as usual."""
    skipped = [name for name in SEABORN_SKIPS if name not in sys.modules]
    sys.modules.update(dict.fromkeys(skipped, None))
    try:
        return importlib.import_module("seaborn")
    except ImportError:  # a seaborn that needs them at import
        pass
    finally:
        for name in skipped:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return importlib.import_module("seaborn")


sns = import_seaborn()
HASH_SALT = "ikm-workspace"
# Inches: an A4 page's text width in the printed report (180 mm, a little less). A figure
# wider than this is shrunk to it, its text too: the verdict figure and the specification
# curves are drawn this wide, labels and legend inside, so their text prints at its size.
PRINT_WIDTH = 7.0
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}


def setup() -> None:
    """Fix the figure style and the details that would otherwise vary between runs."""
    mpl.rcParams["svg.hashsalt"] = HASH_SALT
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind")
    mpl.rcParams["figure.figsize"] = (8, 4.5)


def setup_inline_figures() -> None:
    """Call after display.setup_notebook in a notebook that draws: `setup`, and inline
    figures as SVG (the same bytes as the saved SVG files) and PNG, both without
    run-dependent metadata. The two need their own metadata (an SVG refuses a PNG's keys),
    so the PNG formatter is registered apart. A notebook without figures does not import
    this module, so it loads neither matplotlib nor seaborn."""
    from functools import partial

    from IPython.core.getipython import get_ipython
    from IPython.core.pylabtools import print_figure
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    setup()
    set_matplotlib_formats("svg", bbox_inches="tight", metadata=SVG_METADATA)
    shell = get_ipython()
    if shell is not None:  # in a kernel; a plain interpreter shows no inline figures
        png = partial(print_figure, fmt="png", base64=True, bbox_inches="tight")
        shell.display_formatter.formatters["image/png"].for_type(
            plt.Figure, partial(png, metadata=PNG_METADATA)
        )


def save_figure(fig: plt.Figure, stem: Path) -> list[Path]:
    """Save a figure as stem.png and stem.svg without run-dependent metadata."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    fig.savefig(png, dpi=150, bbox_inches="tight", metadata=PNG_METADATA)
    fig.savefig(svg, bbox_inches="tight", metadata=SVG_METADATA)
    return [png, svg]


def save_figures(figures: Mapping[str, plt.Figure], folder: Path, prefix: str = "") -> list[Path]:
    """Save each figure as folder/<prefix><name>.png and .svg (see `save_figure`)."""
    return [
        path
        for name, fig in figures.items()
        for path in save_figure(fig, folder / f"{prefix}{name}")
    ]


def display_scale(unit: str, values, lang: str = "en") -> tuple[float, str]:
    """A divisor and axis label in readable units: "Rp trillion", "million units" (en),
    "Rp triliun", "juta unit" (id)."""
    if unit == "IDR":
        return 1e12, f"Rp {text('scale.trillion', lang)}"
    if unit == "%":
        return 1.0, text("axis.percent", lang)
    largest = max(abs(v) for v in values)
    for size, scale in ((1e6, "million"), (1e3, "thousand")):
        if largest >= size:
            return size, f"{text(f'scale.{scale}', lang)} {text(f'unit.{unit}', lang)}"
    return 1.0, text(f"unit.{unit}", lang)


def _tick_decimals(ticks) -> int:
    """The fewest decimals that write every tick exactly (3.70, 3.75 -> 2)."""
    return next((d for d in range(7) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 6)


class LocalisedTicks(mpl.ticker.Formatter):
    """Tick labels with the language's separators and the same decimals on every tick."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.decimals = 0

    def set_locs(self, locs) -> None:
        self.decimals = _tick_decimals(locs)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return number(x, self.decimals, self.lang)


def projection_figure(
    history: tuple[list[int], list[float]],
    projections: pd.DataFrame,
    targets: pd.DataFrame,
    title: str,
    unit: str,
    lang: str = "en",
) -> plt.Figure:
    """History as points, each model's projection as a line with its band, targets as stars."""
    years, values = history
    scale, label = display_scale(unit, [*values, *projections.value], lang)
    last = pd.DataFrame({"year": [years[-1]], "value": [values[-1]]})
    fig, ax = plt.subplots()
    palette = dict(zip(projections.model.unique(), sns.color_palette(n_colors=8), strict=False))
    for model, rows in projections.groupby("model", sort=False):
        line = pd.concat([last.assign(lower=values[-1], upper=values[-1]), rows])
        color = palette[model]
        ax.plot(line.year, line.value / scale, color=color, label=message(model, lang))
        band = line.dropna(subset=["lower", "upper"])
        if len(band) > 1:
            ax.fill_between(
                band.year,
                band.lower / scale,
                band.upper / scale,
                color=color,
                alpha=0.12,
                linewidth=0,
            )
    sns.scatterplot(
        x=years,
        y=[v / scale for v in values],
        color="black",
        s=50,
        zorder=5,
        label=text("legend.observed", lang),
        ax=ax,
    )
    if len(targets):
        ax.scatter(
            targets.period,
            targets.value / scale,
            marker="*",
            s=250,
            color="crimson",
            edgecolor="black",
            zorder=6,
            label=text("legend.official_target", lang),
        )
    ax.set(title=title, xlabel=text("axis.year", lang), ylabel=label)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(LocalisedTicks(lang))
    ax.legend(loc="upper left", fontsize="small", frameon=True)
    return fig


CATEGORY_COLOURS = {
    "maintain progress": "#1b9e77",
    "on track": "#1b9e77",
    "accelerate": "#d95f02",
    "reverse trend": "#7570b3",
    "target achieved": "#66a61e",
    "moved away from a target met at base year": "#e7298a",
    "not applicable (growth-rate target)": "#666666",
    "observed": "#000000",
    "interpolated": "#8c8c8c",
}


def verdict_figure(assessment: pd.DataFrame, lang: str = "en") -> plt.Figure:
    """Each assessable target and model: projection as % of target, interval, ESCAP category
    (where none is assessable, as in an early vintage of the record, a figure that says so)."""
    rows = assessment[assessment.assessable].reset_index(drop=True)
    if rows.empty:
        fig, ax = plt.subplots(figsize=(8, 1.5))
        ax.text(0.5, 0.5, text("headline.nothing_assessable", lang), ha="center", va="center")
        ax.set_axis_off()
        ax.set(title=text("title.verdict", lang))
        return fig
    judged = rows.basis != "projected"
    rows = rows.assign(
        projected=rows.projected.where(~judged, rows.outcome),
        escap_category=rows.escap_category.where(~judged, rows.basis),
    )
    ratio = 100 * rows[["projected", "lower", "upper"]].div(rows.target_lower, axis=0)
    measures = rows.measure.map(lambda m: message(m, lang))
    targets = rows.target.map(lambda t: labelled(t, lang))
    how = rows.model.where(~judged, rows.basis).map(lambda m: message(m, lang))
    labels = (targets + " (" + measures + "), " + how).map(lambda t: textwrap.fill(t, 36))
    # as wide as the printed page, labels and legend inside: printed at their own sizes
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH, 0.5 * len(rows) + 2), layout="constrained")
    ax.axvline(100, color="black", linewidth=1)
    for i, row in rows.iterrows():
        colour = CATEGORY_COLOURS.get(row.escap_category, "#999999")
        if pd.notna(ratio.lower[i]):
            ax.plot([ratio.lower[i], ratio.upper[i]], [i, i], color=colour, linewidth=2)
        marker = "o" if row.met else "X"
        ax.scatter(ratio.projected[i], i, color=colour, marker=marker, s=70, zorder=3)
    handles = [
        mpl.lines.Line2D([], [], color=c, marker="s", linestyle="", label=message(name, lang))
        for name, c in CATEGORY_COLOURS.items()
        if name in set(rows.escap_category)
    ]
    for marker, key in (("o", "legend.met"), ("X", "legend.not_met")):
        name = text(key, lang)
        handles.append(
            mpl.lines.Line2D([], [], color="black", marker=marker, linestyle="", label=name)
        )
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small")
    ax.set_yticks(range(len(rows)), labels, fontsize="small")
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(LocalisedTicks(lang))
    level = percent(100 * rows.level.iloc[0], 0, lang)
    ax.set(
        xlabel=text("axis.percent_of_target", lang, level=level),
        title=text("title.verdict", lang),
    )
    return fig


def projection_figures(
    clean: CleanTable, projections: pd.DataFrame, indicators: Sequence[str], lang: str = "en"
) -> dict[str, plt.Figure]:
    """One projection figure per indicator (see `projection_figure`), by indicator id."""
    return {
        indicator: projection_figure(
            observed(clean, indicator),
            projections[projections.indicator == indicator],
            official_targets(clean, indicator),
            label(clean.indicators, indicator, lang),
            clean.indicators.unit[indicator],
            lang,
        )
        for indicator in indicators
    }
