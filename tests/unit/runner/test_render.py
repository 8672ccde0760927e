"""helpers.runner.render: headline, page, the methodology and index pages, and the reader's
and full HTML of a tiny in-memory notebook (nbconvert, no kernel)."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.report import display
from helpers.runner import browser, render


def test_remote_loads_finds_scripts_styles_and_images_but_not_links():
    page = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="//cdn.example/x.css"><style>@import "https://f.example/a.css"; '
        "b { background: url(https://i.example/b.png) }</style><img src=http://i.example/c.png>"
    )
    assert len(browser.remote_loads(page)) == 5
    assert (
        browser.remote_loads('<a href="https://otexts.com/fpp3/">FPP3</a><img src="data:x">') == []
    )


def test_headline_reads_the_tagged_cell():
    cell = nbformat.v4.new_code_cell("x", metadata={"tags": ["headline"]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "3 met\n"})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("y"), cell])
    assert render.headline(notebook) == "3 met"


def headline_cell(*outputs, tags=("headline",)) -> nbformat.NotebookNode:
    return new_code_cell("note()", metadata={"tags": list(tags)}, outputs=list(outputs))


def shown(**data) -> nbformat.NotebookNode:
    return new_output("display_data", data={k.replace("_", "/"): v for k, v in data.items()})


# --- headline -------------------------------------------------------------------------------


def test_headline_prefers_markdown_to_plain_text():
    cell = headline_cell(shown(text_plain="<Markdown object>", text_markdown="**3** met"))
    assert render.headline(new_notebook(cells=[cell])) == "**3** met"


def test_headline_falls_back_to_plain_text():
    cell = headline_cell(shown(text_plain="  3 of 5 targets met\n"))
    assert render.headline(new_notebook(cells=[cell])) == "3 of 5 targets met"


def test_headline_skips_outputs_without_text_and_reads_the_next():
    stream = new_output("stream", name="stdout", text="printed, not shown\n")
    cell = headline_cell(stream, shown(image_png="iVBORw0K"), shown(text_plain="second"))
    assert render.headline(new_notebook(cells=[cell])) == "second"


def test_headline_is_empty_without_a_tagged_cell_with_text():
    untagged = new_code_cell("x", outputs=[shown(text_plain="not tagged")])
    other_tag = headline_cell(shown(text_plain="parameters"), tags=("parameters",))
    empty = headline_cell()
    notes = new_markdown_cell("headline", metadata={"tags": ["headline"]})
    assert render.headline(new_notebook(cells=[untagged, other_tag, empty, notes])) == ""
    assert render.headline(new_notebook()) == ""


def test_a_label_with_html_reaches_the_index_as_text_through_note_and_headline():
    label = "<script>alert(1)</script> R&D"
    markdown = display.note(f"{label} 2017: met by 3 of 4 models").data
    cell = headline_cell(
        shown(text_plain="<IPython.core.display.Markdown object>", text_markdown=markdown)
    )
    line = render.headline(new_notebook(cells=[cell]))
    assert line == f"{label} 2017: met by 3 of 4 models"
    page = render.index_page(
        [manifest("x") | {"notebooks": [{"name": "03", "headline": line}]}], {}
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D 2017: met by 3 of 4 models" in page
    assert "<script>" not in page and "&amp;lt;" not in page


def test_headline_reads_markdown_back_as_the_text_it_shows():
    cell = headline_cell(shown(text_markdown="3 &lt; 4 &amp; 5\n"))
    assert render.headline(new_notebook(cells=[cell])) == "3 < 4 & 5"


def test_headline_leaves_plain_text_as_written():
    cell = headline_cell(shown(text_plain="3 &lt; 4"))
    assert render.headline(new_notebook(cells=[cell])) == "3 &lt; 4"


# --- page and methodology_page --------------------------------------------------------------


def test_page_escapes_the_title_but_not_the_body():
    text = render.page('R&D <"draft">', "<p>a &amp; b</p>")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert "<title>R&amp;D &lt;&quot;draft&quot;&gt;</title>\n" in text
    assert text.endswith("<body>\n<p>a &amp; b</p>\n</body>\n</html>\n")
    assert f"<style>{render.PAGE_STYLE}</style>" in text


def test_methodology_page_renders_the_markdown_titled_by_its_heading_in_its_language():
    text = render.methodology_page("# Methods\n\nSources are *cited*.\n")
    assert "<title>Methods</title>" in text and '<html lang="en">' in text
    assert "<h1>Methods</h1>\n<p>Sources are <em>cited</em>.</p>\n" in text
    assert '<a href="methodology.id.html" lang="id">Metodologi (Bahasa Indonesia)</a>' in text
    indonesian = render.methodology_page("# Metodologi\n\nSumber *dikutip*.\n", "id")
    assert '<html lang="id">' in indonesian and "<title>Metodologi</title>" in indonesian
    assert '<a href="index.html">Semua laporan</a>' in indonesian
    assert '<a href="methodology.html" lang="en">Methodology (English)</a>' in indonesian
    assert render.methodology_file("en") == "methodology.html"
    assert render.methodology_file("id") == "methodology.id.html"


# --- index_page -----------------------------------------------------------------------------


def manifest(name: str, language: str | None = "en", **parameters) -> dict:
    found = {
        "set": name,
        "description": f"about {name}",
        "parameters": parameters,
        "notebooks": [{"name": "01-clean", "title": "Clean figures", "headline": f"{name} result"}],
        "made": "Figures published up to 8 August 2022; made by the IKM workspace, version 0.1.0.",
    }
    return found | ({"language": language} if language else {})


def test_index_page_lists_a_set_as_contents_titles_results_and_what_made_it():
    """A contents page, not a build log: no parameters as JSON, no file names for reports and
    no notebook beside them (the issue's index showed all three)."""
    listed = {
        "set": "r&d",
        "description": "costs <b>& benefits",
        "language": "id",
        "parameters": {"lang": "id", "note": "a<b"},
        "notebooks": [
            {"name": "01-clean", "title": "Angka <IKM>", "headline": "3 < 4 & 5"},
            {"name": "02-trend", "title": "Tren", "headline": ""},
        ],
        "made": "Angka yang terbit sampai 2022; versi 0.1.0.",
    }
    text = render.index_page([listed], {})
    assert (
        '<section id="r&amp;d">\n<h2>r&amp;d</h2>\n<p>costs &lt;b&gt;&amp; benefits</p>\n'
        '<ol class="reports" lang="id">'
        '<li><a href="r&amp;d/01-clean.html">Angka &lt;IKM&gt;</a>'
        '<br><span class="headline">3 &lt; 4 &amp; 5</span></li>'
        '<li><a href="r&amp;d/02-trend.html">Tren</a></li></ol>\n'
        '<p class="made" lang="id">Angka yang terbit sampai 2022; versi 0.1.0.</p>\n'
        '<p class="analysts">For analysts, each report with its code: '
        '<a href="r&amp;d/01-clean.full.html">1</a> &middot; '
        '<a href="r&amp;d/02-trend.full.html">2</a></p>\n</section>'
    ) in text
    assert "<title>IKM workspace: reports</title>" in text
    assert '<a href="methodology.html" lang="en">Methodology (English)</a>' in text
    assert '<a href="methodology.id.html" lang="id">Metodologi (Bahasa Indonesia)</a>' in text
    for build_log in (".ipynb", "{&quot;", "<code>", "01-clean</"):
        assert build_log not in text


def test_index_page_names_a_report_by_its_file_only_where_it_has_no_title():
    listed = manifest("a")
    listed["notebooks"] = [{"name": "01-clean", "headline": "x"}]  # a manifest of before
    assert '<a href="a/01-clean.html">01-clean</a>' in render.index_page([listed], {})


def test_index_page_links_a_pdf_next_to_its_report_only_where_one_was_printed():
    listed = manifest("a")
    listed["notebooks"] = [
        {"name": "01-clean", "title": "One", "headline": "x", "pdf": "01-clean.pdf"},
        {"name": "02-trend", "title": "Two", "headline": "y"},
    ]
    text = render.index_page([listed], {})
    assert '<a href="a/01-clean.html">One</a> (<a href="a/01-clean.pdf">PDF</a>)<br>' in text
    assert '<a href="a/02-trend.html">Two</a><br>' in text
    assert text.count(".pdf") == 1


def test_pages_have_a_phone_viewport_and_print_on_numbered_a4_pages():
    text = render.page("t", "<p>x</p>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "size: A4" in text and 'content: counter(page) " / " counter(pages)' in text
    assert "@media print" in text and "@media (max-width: 600px)" in text


def test_index_page_lists_every_set_in_the_order_given():
    text = render.index_page([manifest("b"), manifest("a"), manifest("c")], {})
    rows = [line for line in text.splitlines() if line.startswith("<section id=")]
    assert [row.split('"')[1] for row in rows] == ["b", "a", "c"]
    assert "Sets without a good report" not in text
    assert 'class="failed"' not in text


def test_index_page_shows_the_failure_of_a_set_that_kept_its_previous_report():
    failed = {"b": "02.ipynb: cell 3 failed: E <x>"}
    text = render.index_page([manifest("a"), manifest("b")], failed)
    assert (
        "<h2>b</h2>\n<p>about b</p>\n"
        '<p class="failed">Last run failed: 02.ipynb: cell 3 failed: E &lt;x&gt;</p>\n'
    ) in text
    assert text.count('class="failed"') == 1
    assert "Sets without a good report" not in text


def test_index_page_lists_failed_sets_without_a_good_report():
    failed = {"new": "01.ipynb: cell 1 failed: E", "r&d": "x <y>", "a": "kept"}
    text = render.index_page([manifest("a")], failed)
    assert (
        "<h2>Sets without a good report</h2><ul><li>new: 01.ipynb: cell 1 failed: E</li>"
        "<li>r&amp;d: x &lt;y&gt;</li></ul>\n"
    ) in text
    assert '<section id="new"' not in text


def test_index_page_groups_sets_by_language_in_one_line():
    manifests = [manifest("a"), manifest("b", "id"), manifest("c", None), manifest("d", "fr")]
    text = render.index_page(manifests, {})
    assert (
        '<ul class="languages">'
        '<li>English: <a href="#a">a</a>, <a href="#c">c</a></li>'
        '<li>Bahasa Indonesia: <a href="#b">b</a></li>'
        '<li>fr: <a href="#d">d</a></li></ul>\n'
    ) in text


def test_index_page_with_no_sets_lists_none():
    text = render.index_page([], {})
    assert '<ul class="languages"></ul>\n' in text and "<section" not in text


def test_title_is_the_first_headings_text():
    cells = [
        new_code_cell("x = 1"),
        new_markdown_cell("Some text\n\n# Did *IKM* meet &amp; its targets?\n\n## Later"),
        new_markdown_cell("# Not this"),
    ]
    assert render.title(new_notebook(cells=cells)) == "Did IKM meet & its targets?"
    assert render.title(new_notebook(cells=[new_markdown_cell("no heading")])) == ""


# --- render_notebook ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    """A markdown cell and a code cell with an output, as the reader's and the full page."""
    code = new_code_cell('print("code_marker")', execution_count=1)
    code.outputs = [new_output("stream", name="stdout", text="output_marker\n")]
    notebook = new_notebook(cells=[new_markdown_cell("# Findings"), code])
    folder = tmp_path_factory.mktemp("rendered")
    pages = {}
    for name, reader in (("nb", True), ("nb.full", False)):
        render.render_notebook(notebook, folder / f"{name}.html", reader=reader)
        pages[name] = (folder / f"{name}.html").read_text(encoding="utf-8")
    return pages


def test_the_readers_report_hides_the_code_but_shows_text_and_outputs(rendered):
    page = rendered["nb"]
    assert "<title>Findings</title>" in page  # the report's title, and its PDF's
    assert '<h1 id="Findings">Findings' in page
    assert "<pre>output_marker\n</pre>" in page
    assert "code_marker" not in page
    assert "In\xa0[1]:" not in page


def test_the_full_report_shows_the_code_and_its_prompt(rendered):
    page = rendered["nb.full"]
    assert "<title>Findings</title>" in page
    assert '<h1 id="Findings">Findings' in page
    assert "<pre>output_marker\n</pre>" in page
    assert "code_marker" in page
    assert '<div class="jp-InputPrompt jp-InputArea-prompt">In\xa0[1]:</div>' in page


def test_both_reports_load_nothing_remote_and_link_the_index_and_methodology(rendered):
    for page in rendered.values():
        assert browser.remote_loads(page) == []
        assert "<script" not in page
        assert '<a href="../index.html">All reports</a>' in page
        assert '<a href="../methodology.html">Methodology' in page
    assert '<a href="nb.ipynb">The executed notebook</a>' in rendered["nb.full"]
    assert ".ipynb" not in rendered["nb"]  # the reader's report links no notebook


def test_the_footer_is_in_the_reports_language_and_says_what_made_it(tmp_path):
    """An Indonesian report's footer said "All reports · Methodology ..." in English."""
    notebook = new_notebook(cells=[new_markdown_cell("# Temuan")])
    made = "Angka yang terbit sampai 8 Agustus 2022; dibuat oleh ruang kerja IKM, versi 0.1.0."
    render.render_notebook(notebook, tmp_path / "nb.html", reader=True, lang="id", made=made)
    page = (tmp_path / "nb.html").read_text(encoding="utf-8")
    footer = page[page.index('<footer class="ikm-footer">') :]
    assert f'<p class="ikm-made">{made}</p>' in footer
    assert '<a href="../index.html">Semua laporan</a>' in footer
    assert '<a href="../methodology.id.html">Metodologi' in footer
    assert "All reports" not in page and "Methodology" not in page


def test_both_reports_print_on_numbered_a4_pages_and_fit_a_phone(rendered):
    for page in rendered.values():
        assert '<meta content="width=device-width, initial-scale=1.0" name="viewport"/>' in page
        setup = page.index("size: A4")
        assert setup > page.index("margin: 0.5in")  # after the lab template's page, so it wins
        assert 'content: counter(page) " / " counter(pages);' in page[setup:]
        assert "break-inside: avoid" in page and ".ikm-links { display: none; }" in page
        assert "@media (max-width: 600px)" in page and "overflow-x: auto" in page
