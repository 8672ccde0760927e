"""helpers.report.plots: figures identical on every render, without run-dependent metadata."""

import hashlib

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
