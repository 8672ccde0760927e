"""helpers.report.plots: figures identical on every render, without run-dependent metadata."""

import hashlib
import sys

from support import MODELS

from helpers import targets, trends
from helpers.clean.readings import STOCK
from helpers.report import plots


def render(clean_table, tmp_path, name):
    plots.setup()
    projected = trends.build(clean_table, [STOCK], MODELS, 2019, 0.95).projections
    figures = plots.projection_figures(clean_table, projected, [STOCK])
    paths = plots.save_figures(figures, tmp_path, prefix=f"{name}-")
    verdict = plots.verdict_figure(targets.build(clean_table, "ikm_value_added", MODELS, 0.95))
    paths += plots.save_figures({"verdict": verdict}, tmp_path, prefix=f"{name}-")
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths], paths


def test_figures_are_the_same_byte_for_byte_on_every_render(clean_table, tmp_path):
    first, paths = render(clean_table, tmp_path, "a")
    second, _ = render(clean_table, tmp_path, "b")
    assert first == second
    assert [p.name for p in paths] == [
        f"a-{STOCK}.png", f"a-{STOCK}.svg", "a-verdict.png", "a-verdict.svg"
    ]  # fmt: skip
    svg = paths[1].read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in paths[0].read_bytes()


def test_a_projection_figure_is_titled_by_the_indicator_label(clean_table):
    projected = trends.build(clean_table, [STOCK], MODELS, 2019, 0.95).projections
    (figure,) = plots.projection_figures(clean_table, projected, [STOCK], "id").values()
    assert figure.axes[0].get_title() == clean_table.indicators.label_id[STOCK]


def test_seaborn_is_imported_without_scipy_stats_which_stays_importable(monkeypatch):
    skipped = plots.SEABORN_SKIPS
    for name in [n for n in sys.modules if n.startswith(("seaborn", *skipped))]:
        monkeypatch.delitem(sys.modules, name)  # as in a fresh kernel; restored after
    seaborn = plots.import_seaborn()
    assert seaborn.scatterplot and seaborn is sys.modules["seaborn"]
    assert [n for n in sys.modules if n.startswith(skipped)] == []  # neither loaded nor barred


def test_a_seaborn_that_needs_scipy_stats_at_import_is_imported_as_usual(monkeypatch):
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


def test_inline_figures_are_svg_without_run_dependent_metadata(monkeypatch):
    import matplotlib_inline.backend_inline as inline

    asked = []
    monkeypatch.setattr(inline, "set_matplotlib_formats", lambda *a, **k: asked.append((a, k)))
    plots.setup_inline_figures()
    assert asked == [(("svg",), {"bbox_inches": "tight", "metadata": plots.SVG_METADATA})]
    assert plots.mpl.rcParams["svg.hashsalt"] == plots.HASH_SALT
