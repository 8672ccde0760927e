"""The runner renders reports for readers (no code) and keeps volatile run details out of
the committed notebooks."""

import nbformat

from helpers import runner
from helpers.paths import NOTEBOOKS


def test_notebooks_are_found_in_data_flow_order():
    names = [p.name for p in runner.notebooks()]
    assert names == ["01-clean-figures.ipynb", "02-trend-projections.ipynb", "03-targets.ipynb"]


def test_every_notebook_has_a_parameters_cell():
    for path in runner.notebooks():
        cells = nbformat.read(path, as_version=4).cells
        assert any("parameters" in c.metadata.get("tags", []) for c in cells), path.name


def test_strip_volatile_drops_timings():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    notebook.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00"}
    notebook.cells[0].metadata.update(papermill={"duration": 1.0}, execution={"x": 1}, tags=["t"])
    cleaned = runner.strip_volatile(notebook)
    assert "papermill" not in cleaned.metadata
    assert dict(cleaned.cells[0].metadata) == {"tags": ["t"]}


def test_committed_notebooks_carry_no_run_details():
    for path in runner.notebooks():
        notebook = nbformat.read(path, as_version=4)
        assert "papermill" not in notebook.metadata, path.name
        for cell in notebook.cells:
            assert not {"papermill", "execution"} & set(cell.metadata), path.name


def test_html_report_shows_outputs_and_prose_but_no_code(tmp_path):
    source = NOTEBOOKS / "01-clean-figures.ipynb"
    target = tmp_path / "report.html"
    runner.render_html(source, target)
    html = target.read_text(encoding="utf-8")
    assert "IKM figures in the news" in html  # the prose
    assert "republika-2017-12-28-ikm" in html  # an output table
    assert "pipeline.build(" not in html  # the code
