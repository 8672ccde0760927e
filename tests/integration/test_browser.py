"""The published reports as a reader opens them: headless Chromium, no network, no errors.

Skipped with the reason where no Chromium is installed, except under CI=true, where a
missing browser is a failure (.ci/run installs Debian's chromium).
"""

import nbformat
from support import ALL

from helpers.runner import browser


def drawn_figures(notebook: nbformat.NotebookNode) -> int:
    """How many figures the executed notebook holds as outputs."""
    return sum(
        1
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if {"image/svg+xml", "image/png"} & set(output.get("data", {}))
    )


def test_index_and_reader_reports_render_offline_without_errors(published, chromium):
    pages = browser.reader_pages(published)
    assert len(pages) == 1 + len(ALL)  # the index, and each notebook of the set
    results = browser.check_pages(pages, published / "screenshots", chromium)
    assert [r.problems for r in results] == [[] for _ in results]
    for page, result in zip(pages[1:], results[1:], strict=True):
        expected = drawn_figures(nbformat.read(page.with_suffix(".ipynb"), as_version=4))
        assert result.figures == expected, page.name
    assert sum(r.figures for r in results) >= 5  # 2 in 02, 1 in 03, 2 in 04
    shots = sorted(p.name for p in (published / "screenshots").iterdir())
    assert "index.png" in shots and len(shots) == len(pages)


PHONE = {"width": 390, "height": 844}
OVERFLOW = """() => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll('.scroll, .jp-RenderedHTMLCommon table')];
  return [page.scrollWidth, page.clientWidth,
          boxes.filter(b => b.scrollWidth > b.clientWidth + 1).length];
}"""


def test_the_index_and_reader_reports_fit_a_phone_screen_with_tables_scrolling_in_their_box(
    published, chromium
):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=chromium, args=browser.CHROMIUM_ARGS)
        try:
            page = opened.new_page(viewport=PHONE)
            widths = {}
            for path in browser.reader_pages(published):
                page.goto(path.resolve().as_uri(), wait_until="load")
                widths[browser.page_name(path)] = page.evaluate(OVERFLOW)
        finally:
            opened.close()
    too_wide = {name: w for name, (w, phone, _) in widths.items() if w > phone}
    assert not too_wide, f"wider than a {PHONE['width']} px phone: {too_wide}"
    assert widths["index.html"][2] >= 1  # the index's table is wider: it scrolls in its box


def test_the_check_catches_a_remote_script_a_console_error_and_a_broken_image(tmp_path, chromium):
    page = tmp_path / "bad.html"
    page.write_text(
        '<script src="https://cdn.example.org/x.js"></script>'
        '<script>console.error("boom")</script>'
        '<div class="jp-OutputArea-output"><img src="missing.png"></div>',
        encoding="utf-8",
    )
    (result,) = browser.check_pages([page], tmp_path / "shots", chromium)
    problems = " | ".join(result.problems)
    assert "request leaves the machine: https://cdn.example.org/x.js" in problems
    assert "console: boom" in problems
    assert "figure 1 is not rendered" in problems
