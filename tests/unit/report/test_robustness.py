"""helpers.report.robustness (the `robustness` fixture): the multiverse's findings, tables and
curves, in either language."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from support import SMALLEST_PRINTED, smallest_printed_text

from helpers import clean, multiverse
from helpers.core.paths import DATA
from helpers.extract.register import load_indicators
from helpers.report import headlines
from helpers.report.language import number, text

INDICATORS = load_indicators(DATA)


@pytest.fixture(scope="module")
def results():
    built = multiverse.load(DATA / "processed")  # the stage's committed output (notebook 04's)
    options = multiverse.choices(clean.load(DATA / "processed"))
    return built, options, multiverse.met_shares(built), multiverse.decisiveness(built)


def shares_of(numbers: dict[str, tuple[int, int]]) -> pd.DataFrame:
    rows = [(t, n, m, m / n) for t, (n, m) in numbers.items()]
    return pd.DataFrame(rows, columns=["target", "universes", "met", "share"])


def decisive_of(flips: dict[tuple[str, str], tuple[float, float]]) -> pd.DataFrame:
    rows = [(t, c, 2, m, k, m) for (t, c), (m, k) in flips.items()]
    columns = ["target", "choice", "options", "met_flips", "category_flips", "met_spread"]
    return pd.DataFrame(rows, columns=columns)


def test_key_findings_name_the_universes_each_share_and_the_most_decisive_choice(robustness):
    shares = shares_of({"ikm_units 2017": (8, 2), "ikm_growth 2018": (8, 8)})
    decisive = decisive_of(
        {
            ("ikm_units 2017", "model"): (0.25, 0.0),
            ("ikm_units 2017", "cutoffs"): (0.5, 0.0),
            ("ikm_growth 2018", "model"): (0.0, 0.0),
            ("ikm_growth 2018", "cutoffs"): (0.0, 0.0),
        }
    )
    frame = pd.DataFrame({"universe": range(1, 9)})
    options = {"model": ("a", "b"), "cutoffs": ("escap", "unsd"), "level": (0.8, 0.95)}
    found = robustness.key_findings(frame, shares, decisive, options, INDICATORS)
    lines = list(found.points)
    assert lines[0] == "8 universes: every combination of 3 choices (2 × 2 × 2 options)."
    assert "IKM count (business units) 2017: met in 2 of 8 universes (25.0%)" in lines[1]
    assert "the cut-offs of the progress ratio" in lines[1] and "50.0%" in lines[1]
    assert "no single choice changes its verdict or its category" in lines[2]


def test_where_no_choice_flips_met_the_category_decides(robustness, results):
    built, options, shares, decisive = results
    found = robustness.key_findings(built, shares, decisive, options, INDICATORS, "id")
    units = [line for line in found.points if "Jumlah IKM" in line]
    (line,) = units
    never = shares.set_index("target").loc["ikm_units 2017"]
    flips = decisive[decisive.target == "ikm_units 2017"]
    if flips.met_flips.max() == 0 and flips.category_flips.max() > 0:
        best = flips.loc[flips.category_flips.idxmax(), "choice"]
        assert text(f"choice.{best}", "id") in line
    elif flips.met_flips.max() == 0:  # judged on what was observed: nothing moves it
        assert "tidak ada pilihan tunggal" in line
    assert f"dari {number(int(never.universes), 0, 'id')} semesta" in line


def test_tables_show_labels_and_no_row_index(robustness, results):
    built, options, shares, decisive = results
    for shown in (
        robustness.met_share_table(shares, INDICATORS, "id"),
        robustness.decisiveness_table(decisive, INDICATORS, "en"),
        robustness.choices_table(options, INDICATORS, "en"),
    ):
        page = shown._repr_html_()
        header = re.search(r"<thead>(.*?)</thead>", page, re.S)[1]
        first = re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, re.S)[1]
        assert "<th></th>" not in header and "<th" not in first  # no index column
        assert "ikm_units" not in page and "ikm_growth" not in page  # labels, not ids
    assert "Porsi tercapai" in robustness.met_share_table(shares, INDICATORS, "id")._repr_html_()


def test_a_specification_curve_draws_every_universe_sorted_with_its_choices(robustness, results):
    built, options, _, _ = results
    rows = built[built.target == "ikm_units 2017"]
    fig = robustness.specification_curve(rows, options, INDICATORS, "en")
    top, bottom = fig.axes
    (points,) = top.collections[1:2]
    y = points.get_offsets()[:, 1]
    assert len(y) == len(rows) and (y[1:] >= y[:-1]).all()
    (image,) = bottom.images
    lines = sum(len(v) for v in options.values())
    assert image.get_array().shape == (lines, len(rows))
    assert (image.get_array().sum(axis=0) == len(options)).all()  # one option of each choice
    assert [t.get_text() for t in bottom.get_yticklabels()][0] == (
        "the vintage of the record: as it stood at the end of 2013"
    )


def test_options_read_in_the_readers_language(robustness):
    """The models and the source policies in Indonesian, as the tables and legends of the
    other reports name them: the curves' labels said naive, loglinear and best."""
    assert [
        robustness.option_label("model", m, INDICATORS, "id") for m in ("naive", "loglinear")
    ] == [
        "naif",
        "log-linier",
    ]
    assert (
        robustness.option_label("prefer_source", "best", INDICATORS, "id")
        == "paling jelas dinyatakan"
    )
    assert robustness.option_label("prefer_source", "antara-2017-ikm", INDICATORS, "id") == (
        "antara-2017-ikm"
    )


def test_a_specification_curve_prints_its_labels_at_7_points_or_more(robustness, results):
    """Its choices' labels printed at about 3 points, shrunk to the page's width; the curve
    of the target with the longest name in each language, as its title is the widest (a
    title wider than the page shrank a curve to 6.8 points)."""
    built, options, _, _ = results
    for lang in ("en", "id"):
        longest = max(
            built.target.unique(), key=lambda t: len(headlines.target_name(t, INDICATORS, lang))
        )
        fig = robustness.specification_curve(
            built[built.target == longest], options, INDICATORS, lang
        )
        assert smallest_printed_text(fig) >= SMALLEST_PRINTED, (lang, longest)
        robustness.plt.close(fig)


def test_the_headline_gives_each_target_its_share_and_decisive_choice():
    shares = shares_of({"ikm_growth 2018": (512, 192)})
    decisive = decisive_of(
        {("ikm_growth 2018", "model"): (0.5, 0.0), ("ikm_growth 2018", "growth_measure"): (0.75, 0)}
    )
    line = headlines.multiverse_headline(shares, decisive, INDICATORS, "id")
    assert line == (
        "512 semesta: Pertumbuhan IKM 2018 tercapai di "
        "37,5% (paling menentukan: deret acuan target pertumbuhan)"
    )


def test_the_curves_frame_holds_its_points_and_the_target_not_the_widest_interval(robustness):
    """An interval of thousands of percent squeezed every point of a curve into a line: the
    frame is the points' and the target's span, with a margin."""
    low, high = robustness.focus(pd.Series([80.0, 120.0, 150.0]))
    assert low < 80 and high > 150 and high - low < 150 * 1.5
    low, high = robustness.focus(pd.Series([150.0, 160.0]))
    assert low < 100 < high  # the target stays in view
