"""helpers.report.plots (the `plots` fixture): figures identical on every render, without
run-dependent metadata."""

import hashlib
import sys

import pytest
from support import MODELS, SMALLEST_PRINTED, smallest_printed_text

from helpers import targets, trends
from helpers.clean.readings import STOCK
from helpers.report.language import text


def projection_figures(plots, clean_table, lang: str = "en") -> dict:
    projected = trends.build(clean_table, [STOCK], MODELS, 2029, 0.95).projections
    return plots.projection_figures(clean_table, projected, [STOCK], lang)


def digests(paths) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_figures_are_the_same_byte_for_byte_on_every_render(plots, clean_table, tmp_path):
    """Each kind of figure saved once, and the projection figure drawn and saved again from
    scratch: the run-dependent details (SVG ids, dates, software stamps) are fixed in `setup`
    and `save_figure` for every figure alike. test_rerun compares a whole run's figures."""
    plots.setup()
    paths = plots.save_figures(projection_figures(plots, clean_table), tmp_path, prefix="a-")
    verdict = plots.verdict_figure(targets.build(clean_table, "ikm_value_added", MODELS, 0.95))
    paths += plots.save_figures({"verdict": verdict}, tmp_path, prefix="a-")
    plots.setup()
    again = plots.save_figures(projection_figures(plots, clean_table), tmp_path, prefix="b-")
    assert digests(again) == digests(paths[:2])
    assert [p.name for p in paths] == [
        f"a-{STOCK}.png", f"a-{STOCK}.svg", "a-verdict.png", "a-verdict.svg"
    ]  # fmt: skip
    for svg in (paths[1], paths[3]):
        text = svg.read_text()
        assert "<dc:date>" not in text and "Matplotlib v" not in text
    for png in (paths[0], paths[2]):
        assert b"Software" not in png.read_bytes()


def test_every_figure_prints_its_text_at_7_points_or_more(plots, clean_table):
    """Shrunk to an A4 page's text width, as the PDF prints it: the verdict figure's labels
    printed at about 5 points."""
    figures = projection_figures(plots, clean_table, "id")
    figures["verdict"] = plots.verdict_figure(
        targets.build(clean_table, "ikm_value_added", MODELS, 0.95), "id"
    )
    sizes = {name: round(smallest_printed_text(figure), 1) for name, figure in figures.items()}
    assert min(sizes.values()) >= SMALLEST_PRINTED, sizes


def test_a_projection_figure_is_titled_by_the_indicator_label(plots, clean_table):
    (figure,) = projection_figures(plots, clean_table, "id").values()
    assert figure.axes[0].get_title() == clean_table.indicators.label_id[STOCK]


def test_tick_labels_use_the_same_decimals_on_every_tick(plots):
    assert plots._tick_decimals([3.7, 3.75, 3.8]) == 2
    assert plots._tick_decimals([400.0, 600.0]) == 0


@pytest.mark.parametrize("lang", ["fr", "EN", "", None])
def test_a_bad_language_for_an_axis_names_the_parameter_and_the_choices(plots, lang):
    with pytest.raises(ValueError, match=r"parameter lang=.* choose one of \['en', 'id'\]"):
        plots.display_scale("IDR", [1e12], lang)


def test_seaborn_is_imported_without_scipy_stats_which_stays_importable(plots, monkeypatch):
    skipped = plots.SEABORN_SKIPS
    for name in [n for n in sys.modules if n.startswith(("seaborn", *skipped))]:
        monkeypatch.delitem(sys.modules, name)  # as in a fresh kernel; restored after
    seaborn = plots.import_seaborn()
    assert seaborn.scatterplot and seaborn is sys.modules["seaborn"]
    assert [n for n in sys.modules if n.startswith(skipped)] == []  # neither loaded nor barred


def test_a_seaborn_that_needs_scipy_stats_at_import_is_imported_as_usual(plots, monkeypatch):
    imported = []

    def import_module(name):  # a seaborn whose import fails while scipy.stats is skipped
        imported.append(sys.modules.get("scipy.stats", "absent"))
        if imported[-1] is None:
            raise ImportError("import of scipy.stats halted; None in sys.modules")
        return plots.sns

    monkeypatch.delitem(sys.modules, "scipy.stats", raising=False)
    monkeypatch.setattr(plots.importlib, "import_module", import_module)
    assert plots.import_seaborn() is plots.sns
    assert imported == [None, "absent"]  # skipped first, then imported as usual
    assert "scipy.stats" not in sys.modules


def test_inline_figures_are_svg_and_png_the_same_bytes_every_time(plots):
    """A figure a cell shows is SVG (the reports, nbval) and PNG (JupyterLab draws it in a
    notebook it does not trust, as a fresh clone's are), neither with a date or a software
    stamp, so a re-run stores the same bytes."""
    import base64

    from IPython.core.interactiveshell import InteractiveShell

    formats = InteractiveShell.instance().display_formatter
    plots.setup_inline_figures()
    assert plots.mpl.rcParams["svg.hashsalt"] == plots.HASH_SALT
    shown = []
    for _ in range(2):
        figure, axes = plots.plt.subplots()
        axes.plot([2015, 2016, 2017], [3.6, 3.7, 4.4])
        shown.append(formats.format(figure)[0])
        plots.plt.close(figure)
    assert {"image/svg+xml", "image/png"} <= set(shown[0])
    assert shown[0] == shown[1]
    png = base64.b64decode(shown[0]["image/png"])
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    svg = shown[0]["image/svg+xml"]
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_the_verdict_figure_says_so_when_no_target_can_be_assessed(plots, built_from_raw):
    """An early vintage of the record (as_of 2015) holds no target a model can reach: the
    notebook still draws its verdict figure, saying there is nothing to assess."""
    early = built_from_raw(as_of="2015-12-31")
    assessment = targets.build(early, "ikm_value_added", MODELS, 0.95)
    assert not assessment.assessable.any()
    figure = plots.verdict_figure(assessment, "id")
    (axes,) = figure.axes
    assert [t.get_text() for t in axes.texts] == [text("headline.nothing_assessable", "id")]
