"""The multiverse as a reader reads it: key findings, tables and the specification curve.

Every text comes from data/translations.csv in the reader's language (`lang`): the choices'
names (`choice.*`), their options (`option.*`; a model by its `value.*` text, a source id
as written, the interval level a percentage, the growth measure its indicator's label), the
tables' headers (`multiverse.*`) and the findings (`finding.*`). Tables are reader tables
(helpers.report.display.shown), the findings a key-findings box.
"""

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from helpers.report.display import ReaderTable, shown
from helpers.report.findings import KeyFindings
from helpers.report.headlines import target_name
from helpers.report.language import label, message, number, percent, text
from helpers.report.plots import PRINT_WIDTH, LocalisedTicks

WORDED = {"units_reading", "base_year", "cutoffs"}  # options with an option.* text
PRESET = {"best", "latest", "earliest"}  # source policies with a text; a source id stays as is
MET_COLOUR, NOT_MET_COLOUR = "#1b9e77", "#d95f02"
LABEL_POINTS = 7  # the choices' labels beside the curve's marks: a line each, legible in print
LINE_HEIGHT = 0.14  # inches per choice's line: the curve and its heading fit one printed page


def choice_name(choice: str, lang: str = "en") -> str:
    """A choice's name in `lang` ("the trend model")."""
    return text(f"choice.{choice}", lang)


def option_label(choice: str, option: object, indicators: pd.DataFrame, lang: str = "en") -> str:
    """One option of a choice as readers see it."""
    if choice in WORDED or (choice == "prefer_source" and option in PRESET):
        return text(f"option.{choice}.{option}", lang)
    if choice == "level":
        return percent(100 * float(option), 0, lang)
    if choice == "growth_measure":
        return label(indicators, str(option), lang)
    if choice == "as_of":
        if option == "latest":
            return text("option.as_of.latest", lang)
        return text("option.as_of.vintage", lang, year=str(option)[:4])
    if choice == "model":  # as the tables and the projection figures' legends name it
        return message(str(option), lang)
    return str(option)


def _share(value: float, lang: str) -> str:
    return percent(100 * value, 1 if 0 < value < 1 else 0, lang)


def _most_decisive(rows: pd.DataFrame) -> pd.Series:
    """The row of the choice that flips `met` most; where none does, the one that flips the
    progress category most (the first in the choices' order on a tie)."""
    order = rows.assign(_rank=range(len(rows)))
    return order.sort_values(
        ["met_flips", "category_flips", "_rank"], ascending=[False, False, True]
    ).iloc[0]


def _target_finding(share: pd.Series, rows: pd.DataFrame, indicators, lang: str) -> str:
    best = _most_decisive(rows)
    fields = {
        "target": target_name(share.target, indicators, lang),
        "met": number(share.met, 0, lang),
        "universes": number(share.universes, 0, lang),
        "share": _share(share.share, lang),
        "choice": choice_name(best.choice, lang),
    }
    if best.met_flips > 0:
        return text("finding.met_flips", lang, flips=_share(best.met_flips, lang), **fields)
    if best.category_flips > 0:
        flips = _share(best.category_flips, lang)
        return text("finding.category_flips", lang, flips=flips, **fields)
    return text("finding.robust", lang, **fields)


def key_findings(
    multiverse: pd.DataFrame,
    shares: pd.DataFrame,
    decisive: pd.DataFrame,
    options: Mapping[str, tuple],
    indicators: pd.DataFrame,
    lang: str = "en",
) -> KeyFindings:
    """The key findings: how many universes, each target's share met and the choice that
    moves its verdict most, computed from the results."""
    sizes = " × ".join(number(len(values), 0, lang) for values in options.values())
    lines = [
        text(
            "finding.universes",
            lang,
            universes=number(multiverse.universe.nunique(), 0, lang),
            choices=number(len(options), 0, lang),
            sizes=sizes,
        )
    ]
    for share in shares.itertuples(index=False):
        rows = decisive[decisive.target == share.target]
        lines.append(_target_finding(pd.Series(share._asdict()), rows, indicators, lang))
    return KeyFindings(text("findings.title", lang), tuple(lines))


def choices_table(
    options: Mapping[str, tuple], indicators: pd.DataFrame, lang: str = "en"
) -> ReaderTable:
    """Each choice with its options, as readers see them."""
    frame = pd.DataFrame(
        {
            text("multiverse.choice", lang): [choice_name(c, lang) for c in options],
            text("multiverse.options", lang): [
                ", ".join(option_label(c, o, indicators, lang) for o in values)
                for c, values in options.items()
            ],
        }
    )
    return shown(frame, "choices", lang)


def met_share_table(
    shares: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> ReaderTable:
    """Each target: universes it is assessable in, how many meet it, the share."""
    frame = pd.DataFrame(
        {
            text("verdict.target", lang): [target_name(t, indicators, lang) for t in shares.target],
            text("multiverse.universes", lang): [number(n, 0, lang) for n in shares.universes],
            text("multiverse.met", lang): [number(n, 0, lang) for n in shares.met],
            text("multiverse.share", lang): [_share(s, lang) for s in shares.share],
        }
    )
    return shown(frame, "met_shares", lang)


def decisiveness_table(
    decisive: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> ReaderTable:
    """Each target and choice: how often changing the choice alone changes the verdict and
    the category, and the spread of the share met across its options."""
    frame = pd.DataFrame(
        {
            text("verdict.target", lang): [
                target_name(t, indicators, lang) for t in decisive.target
            ],
            text("multiverse.choice", lang): [choice_name(c, lang) for c in decisive.choice],
            text("multiverse.options", lang): [number(n, 0, lang) for n in decisive.options],
            text("multiverse.met_flips", lang): [_share(v, lang) for v in decisive.met_flips],
            text("multiverse.category_flips", lang): [
                _share(v, lang) for v in decisive.category_flips
            ],
            text("multiverse.met_spread", lang): [_share(v, lang) for v in decisive.met_spread],
        }
    )
    return shown(frame, "decisiveness", lang)


def specification_curve(
    rows: pd.DataFrame, options: Mapping[str, tuple], indicators: pd.DataFrame, lang: str = "en"
) -> plt.Figure:
    """One target's specification curve: every universe's projection as % of the target,
    sorted, with its interval and whether it meets the target; beneath, a mark for each
    universe's option of each choice. The marks, points and intervals are drawn as images
    inside the SVG: as vectors, hundreds of universes make a figure of hundreds of kilobytes.
    The frame holds the points and the target (`focus`): an interval reaching far beyond it
    runs off the frame instead of squeezing every point into a line."""
    rows = rows.sort_values(["pct_of_target", "universe"], kind="stable").reset_index(drop=True)
    x = range(len(rows))
    lines = [(c, o) for c, values in options.items() for o in values]
    fig, (top, bottom) = plt.subplots(  # as wide as the printed page (plots.PRINT_WIDTH)
        2,
        1,
        sharex=True,
        figsize=(PRINT_WIDTH, 3.6 + LINE_HEIGHT * len(lines)),
        gridspec_kw={"height_ratios": [3, LINE_HEIGHT * len(lines)]},
        layout="constrained",
    )
    colours = rows.met.map({True: MET_COLOUR, False: NOT_MET_COLOUR})
    scale = 100 / rows.target_lower
    band = rows.lower.notna() & rows.upper.notna()
    top.vlines(
        [i for i in x if band[i]],
        (rows.lower * scale)[band],
        (rows.upper * scale)[band],
        colors=colours[band],
        linewidth=0.6,
        alpha=0.35,
        rasterized=True,
    )
    top.scatter(x, rows.pct_of_target, c=colours, s=6, zorder=3, rasterized=True)
    top.axhline(100, color="black", linewidth=1)
    top.set_ylim(*focus(rows.pct_of_target))
    top.yaxis.set_major_formatter(LocalisedTicks(lang))
    top.set(ylabel=text("axis.pct_of_target", lang))
    target = target_name(rows.target.iloc[0], indicators, lang)
    # over the whole figure, not the plot beside the labels, where a long name ran off the page
    fig.suptitle(text("title.specification_curve", lang, target=target), fontsize="medium")
    handles = [
        mpl.lines.Line2D([], [], color=c, marker="o", linestyle="", label=text(k, lang))
        for c, k in ((MET_COLOUR, "legend.met"), (NOT_MET_COLOUR, "legend.not_met"))
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small")
    used = [[float(v == option) for v in rows[choice]] for choice, option in lines]
    grey = mpl.colors.ListedColormap(["white", "#333333"])
    bottom.imshow(used, aspect="auto", cmap=grey, interpolation="nearest", vmin=0, vmax=1)
    bottom.set_yticks(
        range(len(lines)),
        [f"{choice_name(c, lang)}: {option_label(c, o, indicators, lang)}" for c, o in lines],
        fontsize=LABEL_POINTS,
    )
    bottom.grid(False)
    bottom.set(xlabel=text("axis.universes", lang), xlim=(-1, len(rows)))
    bottom.xaxis.set_major_formatter(LocalisedTicks(lang))
    return fig


def focus(points: pd.Series, margin: float = 0.15) -> tuple[float, float]:
    """The vertical frame of a specification curve: its points and the target (100%), with a
    margin of `margin` of that span on each side."""
    low, high = min(points.min(), 100.0), max(points.max(), 100.0)
    pad = margin * max(high - low, 10.0)
    return low - pad, high + pad


def specification_curves(
    multiverse: pd.DataFrame,
    options: Mapping[str, tuple],
    indicators: pd.DataFrame,
    lang: str = "en",
) -> dict[str, plt.Figure]:
    """One specification curve per target (see `specification_curve`), by a file-safe name."""
    return {
        target.replace(" ", "-"): specification_curve(rows, options, indicators, lang)
        for target, rows in multiverse.groupby("target", sort=False)
    }
