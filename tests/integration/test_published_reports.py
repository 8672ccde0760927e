"""What a published run holds: notebooks, tables, figures, both HTML versions, the index, and
nothing loaded from another host."""

import html
import json
import re

import nbformat
import pandas as pd
import pytest
from support import ALL, SETS, files_under

from helpers.core.paths import DATA, NOTEBOOKS
from helpers.runner import browser, prose, render


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


# What the machinery said in the reader's reports (issue 29), in either language: a write's
# return value, the files it wrote, how the tests check them, and the index's own line
LEAKS = re.compile(
    r"'written'|'ditulis'|\[\s*'[^']*\.(?:csv|png|svg)'|PosixPath\(|byte for byte|byte demi byte"
    r"|the result in one line|the line the report index shows|saved image files"
    r"|\bnotebook 0\d\b|\bnotebooks? 0\d and\b|^outputs$|^keluaran$",
    re.IGNORECASE | re.MULTILINE,
)


def shown_text(page: str) -> str:
    """A page's text as a reader reads it: no style, script or tags, entities undone."""
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", page)
    lines = html.unescape(re.sub(r"<[^>]+>", "\n", page)).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def test_leaks_finds_what_the_reports_said():
    said = "Outputs\n'written'\n['tables/figures.csv', 'tables/checks.csv']\nas in notebook 01"
    assert [m[0] for m in LEAKS.finditer(said)] == [
        "Outputs",
        "'written'",
        "['tables/figures.csv'",
        "notebook 01",
    ]
    assert not LEAKS.search("the figure as written in the source; tabel lengkapnya ditulis")


@pytest.fixture(scope="module")
def english_reports(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """The committed notebooks (the default set's) rendered as the runner renders English
    reports: each notebook's reader's and full report."""
    folder = tmp_path_factory.mktemp("english")
    pages = {}
    for name in ALL:
        notebook = prose.in_language(nbformat.read(NOTEBOOKS / f"{name}.ipynb", 4), "en")
        for suffix, reader in ((".html", True), (".full.html", False)):
            render.render_notebook(notebook, folder / f"{name}{suffix}", reader=reader)
        pages[name] = tuple(
            (folder / f"{name}{suffix}").read_text(encoding="utf-8")
            for suffix in (".html", ".full.html")
        )
    return pages


def test_no_readers_report_shows_the_machinery_which_the_full_report_keeps(
    published, english_reports
):
    """In both languages: the reader's report holds none of the machinery (the cells tagged
    remove-cell: imports, writes, the index's headline), the full report all of it."""
    indonesian = {
        name: tuple(
            (published / "stock" / f"{name}{suffix}").read_text(encoding="utf-8")
            for suffix in (".html", ".full.html")
        )
        for name in ALL
    }
    for lang, reports in (("en", english_reports), ("id", indonesian)):
        for name, (reader, full) in reports.items():
            leaked = [m[0] for m in LEAKS.finditer(shown_text(reader))]
            assert leaked == [], f"{lang} {name}"
            for machinery in ("import", "tables_dir"):  # the imports' and the writes' cells
                assert machinery not in shown_text(reader), f"{lang} {name}: {machinery}"
                assert machinery in shown_text(full), f"{lang} {name}: {machinery}"


def test_reports_load_nothing_from_other_hosts(published):
    pages = list(published.rglob("*.html"))
    # the index, the methodology in each language, two versions of each notebook
    assert len(pages) == 3 + len(ALL) * 2
    for page in pages:
        remote = browser.remote_loads(page.read_text(encoding="utf-8"))
        assert not remote, f"{page.name}: {remote}"


def test_the_index_lists_every_set_with_titles_headlines_and_working_links(published):
    index = (published / "index.html").read_text(encoding="utf-8")
    for name in SETS:
        manifest = json.loads((published / name / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["parameters"] == SETS[name].get("parameters", {})
        assert manifest["made"] and html.escape(manifest["made"]) in index
        for notebook in manifest["notebooks"]:
            assert notebook["headline"] and html.escape(notebook["headline"]) in index
            assert notebook["title"] and f">{html.escape(notebook['title'])}</a>" in index
    for link in re.findall(r'href="([^"#]+)"', index):
        assert (published / link).is_file(), link
    assert '<li>Bahasa Indonesia: <a href="#stock">stock</a></li>' in index
    assert '<section id="stock">' in index and ".ipynb" not in index


def test_each_report_ends_with_what_made_it_in_its_language(published):
    """The latest publication date of the figures used and the workspace's version, at the
    foot of the reader's and the full report (and so of the PDF), in the set's language."""
    manifest = json.loads((published / "stock" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["made"].startswith("Angka yang terbit sampai ")
    assert re.search(r"versi \d+\.\d+\.\d+\+[0-9a-f]{8}\.$", manifest["made"])
    for name in ALL:
        for page in (f"{name}.html", f"{name}.full.html"):
            text = (published / "stock" / page).read_text(encoding="utf-8")
            assert f'<p class="ikm-made">{html.escape(manifest["made"])}</p>' in text, page
