"""Figures that are the same byte for byte on every run, inline and on disk.

nbval compares inline SVG, so the inline backend draws SVG with a fixed hash salt and no
date or software stamp; saved PNG and SVG files drop the same metadata.
"""

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
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
    """Call first in a notebook: deterministic inline SVG figures."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    setup()
    set_matplotlib_formats("svg", bbox_inches="tight", metadata=SVG_METADATA)


def save_figure(fig: plt.Figure, stem: Path) -> list[Path]:
    """Save a figure as stem.png and stem.svg without run-dependent metadata."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    fig.savefig(png, dpi=150, bbox_inches="tight", metadata=PNG_METADATA)
    fig.savefig(svg, bbox_inches="tight", metadata=SVG_METADATA)
    return [png, svg]
