"""Figures that are the same byte for byte on every run, inline and on disk.

nbval compares inline SVG, so the inline backend draws SVG with a fixed hash salt and no
date or software stamp; saved PNG and SVG files drop the same metadata.
"""

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

HASH_SALT = "ikm-workspace"
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}


def setup() -> None:
    """Fix the figure style and the details that would otherwise vary between runs."""
    mpl.rcParams["svg.hashsalt"] = HASH_SALT
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind")
    mpl.rcParams["figure.figsize"] = (8, 4.5)


def setup_notebook() -> None:
    """Call first in a notebook: deterministic inline SVG figures, tables shown in full."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    setup()
    pd.set_option("display.max_colwidth", None)  # quotes and reasons are read in full
    set_matplotlib_formats("svg", bbox_inches="tight", metadata=SVG_METADATA)


def save_figure(fig: plt.Figure, stem: Path) -> list[Path]:
    """Save a figure as stem.png and stem.svg without run-dependent metadata."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    fig.savefig(png, dpi=150, bbox_inches="tight", metadata=PNG_METADATA)
    fig.savefig(svg, bbox_inches="tight", metadata=SVG_METADATA)
    return [png, svg]


def display_scale(unit: str, values) -> tuple[float, str]:
    """A divisor and axis label in readable units: Rp triliun, juta unit, ribu unit."""
    if unit == "IDR":
        return 1e12, "Rp triliun"
    if unit == "%":
        return 1.0, "percent"
    largest = max(abs(v) for v in values)
    if largest >= 1e6:
        return 1e6, f"juta {unit}"
    return (1e3, f"ribu {unit}") if largest >= 1e3 else (1.0, unit)


def projection_figure(
    history: tuple[list[int], list[float]],
    projections: pd.DataFrame,
    targets: pd.DataFrame,
    title: str,
    unit: str,
) -> plt.Figure:
    """History as points, each model's projection as a line with its band, targets as stars."""
    years, values = history
    scale, label = display_scale(unit, [*values, *projections.value])
    last = pd.DataFrame({"year": [years[-1]], "value": [values[-1]]})
    fig, ax = plt.subplots()
    palette = dict(zip(projections.model.unique(), sns.color_palette(n_colors=8), strict=False))
    for model, rows in projections.groupby("model", sort=False):
        line = pd.concat([last.assign(lower=values[-1], upper=values[-1]), rows])
        color = palette[model]
        ax.plot(line.year, line.value / scale, color=color, label=model)
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
        label="observed",
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
            label="official target",
        )
    ax.set(title=title, xlabel="year", ylabel=label)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper left", fontsize="small", frameon=True)
    return fig


CATEGORY_COLOURS = {
    "maintain progress": "#1b9e77",
    "accelerate": "#d95f02",
    "reverse trend": "#7570b3",
    "target already met at base year": "#66a61e",
    "not applicable (growth-rate target)": "#666666",
}


def verdict_figure(assessment: pd.DataFrame) -> plt.Figure:
    """Each assessable target and model: projection as % of target, interval, ESCAP category."""
    rows = assessment[assessment.assessable].reset_index(drop=True)
    ratio = 100 * rows[["projected", "lower", "upper"]].div(rows.target_value, axis=0)
    labels = rows.target + " (" + rows.measure + ") - " + rows.model
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.5))
    ax.axvline(100, color="black", linewidth=1)
    for i, row in rows.iterrows():
        colour = CATEGORY_COLOURS.get(row.escap_category, "#999999")
        if pd.notna(ratio.lower[i]):
            ax.plot([ratio.lower[i], ratio.upper[i]], [i, i], color=colour, linewidth=2)
        marker = "o" if row.met else "X"
        ax.scatter(ratio.projected[i], i, color=colour, marker=marker, s=70, zorder=3)
    handles = [
        mpl.lines.Line2D([], [], color=c, marker="s", linestyle="", label=name)
        for name, c in CATEGORY_COLOURS.items()
        if name in set(rows.escap_category)
    ]
    for marker, name in (("o", "met by the point projection"), ("X", "not met")):
        handles.append(
            mpl.lines.Line2D([], [], color="black", marker=marker, linestyle="", label=name)
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set(
        xlabel=f"projection as % of target (line: {rows.level.iloc[0]:.0%} interval)",
        title="Projected against the official targets",
    )
    return fig
