"""What a published run holds: notebooks, tables, figures, both HTML versions, the index, and
nothing loaded from another host."""

import json
import re

import nbformat
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
    stock = (published / "stock" / "tables" / "targets.csv").read_text(encoding="utf-8")
    default = (DATA / "processed" / "targets.csv").read_text(encoding="utf-8")
    assert ",182000.0," in stock and ",182000.0," not in default
    cells = nbformat.read(published / "stock" / "03-targets.ipynb", as_version=4).cells
    (injected,) = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'units_reading = "stock"' in injected.source
    assert 'tables_dir = "tables"' in injected.source


def test_the_reader_version_hides_code_and_the_full_version_shows_it(published):
    reader = (published / "stock" / "01-clean-figures.html").read_text(encoding="utf-8")
    full = (published / "stock" / "01-clean-figures.full.html").read_text(encoding="utf-8")
    assert "Angka IKM dalam berita" in reader and "republika-2017-12-28-ikm" in reader
    assert '<html lang="id">' in reader  # the Indonesian set says its language
    assert "IKM figures in the news" not in reader  # and holds no English prose
    comment = "Which figure is used downstream where sources disagree"  # in the parameters cell
    assert comment not in reader and comment in full


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
