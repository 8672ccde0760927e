"""What a published run holds: notebooks, tables, figures, both HTML versions, the index, and
nothing loaded from another host."""

import json
import re

import nbformat
import pandas as pd
from support import ALL, SETS, files_under

from helpers.core.paths import DATA
from helpers.runner import browser


def test_each_set_publishes_notebooks_tables_figures_and_both_html_versions(published):
    stock = files_under(published / "stock")
    for name in ALL:
        assert {f"{name}.ipynb", f"{name}.html", f"{name}.full.html"} <= set(stock)
    assert {"tables/figures.csv", "tables/projections.csv", "tables/targets.csv"} <= set(stock)
    assert "figures/03-verdict.svg" in stock
    assert {"tables/multiverse.csv", "figures/04-ikm_units-2017.svg"} <= set(stock)
    assert not (published / ".build").exists() or not any((published / ".build").iterdir())


def test_the_stock_set_really_ran_with_its_parameter(published):
    stock = pd.read_csv(published / "stock" / "tables" / "targets.csv").set_index("target")
    default = pd.read_csv(DATA / "processed" / "targets.csv").set_index("target")
    # read as the number of IKM, the count's target is the count itself, and set aside
    assert stock.loc["ikm_units 2017", "target_value"] == 182000
    assert not stock.loc["ikm_units 2017", "assessable"]
    assert default.loc["ikm_units 2017", "target_value"] == 4.41e6 + 182000
    cells = nbformat.read(published / "stock" / "03-targets.ipynb", as_version=4).cells
    (injected,) = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'units_reading = "stock"' in injected.source
    assert 'tables_dir = "tables"' in injected.source


def test_the_reader_version_hides_code_and_the_full_version_shows_it(published):
    reader = (published / "stock" / "01-clean-figures.html").read_text(encoding="utf-8")
    full = (published / "stock" / "01-clean-figures.full.html").read_text(encoding="utf-8")
    assert "Angka IKM dalam catatan publik" in reader and "Republika, 28 Desember 2017" in reader
    assert '<html lang="id">' in reader  # the Indonesian set says its language
    assert "IKM figures in the public record" not in reader  # and holds no English prose
    comment = "Where sources disagree, the figure used"  # in the parameters cell
    assert comment not in reader and comment in full
    cells = re.compile(r'<div class="jp-Cell ')  # cells tagged remove-cell: the full report's
    notebook = nbformat.read(published / "stock" / "01-clean-figures.ipynb", as_version=4)
    removed = [c for c in notebook.cells if "remove-cell" in c.metadata.get("tags", [])]
    assert removed and len(cells.findall(reader)) == len(cells.findall(full)) - len(removed)


def test_reports_load_nothing_from_other_hosts(published):
    pages = list(published.rglob("*.html"))
    # the index, the methodology, two versions of each notebook
    assert len(pages) == 2 + len(ALL) * 2
    for page in pages:
        remote = browser.remote_loads(page.read_text(encoding="utf-8"))
        assert not remote, f"{page.name}: {remote}"


def test_the_index_lists_every_set_with_headlines_and_working_links(published):
    index = (published / "index.html").read_text(encoding="utf-8")
    for name in SETS:
        manifest = json.loads((published / name / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["parameters"] == SETS[name].get("parameters", {})
        for notebook in manifest["notebooks"]:
            assert notebook["headline"] and notebook["headline"] in index
    for link in re.findall(r'href="([^"#]+)"', index):
        assert (published / link).is_file(), link
    assert '<li>Bahasa Indonesia: <a href="#stock">stock</a></li>' in index
    assert '<tr id="stock">' in index
