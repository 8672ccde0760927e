"""The reader's reports of the shared run printed to PDF: A4 pages numbered "n / total", the
report's title and headline in the text, linked from the index; and the screenshot the run
takes of 03-targets. Skipped with the reason where no Chromium is installed, except under
CI=true, where a missing browser is a failure. The same bytes on a re-run: test_rerun.py."""

import html
import json
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from support import ALL, published_by_run

from helpers.runner import pdf

MM_PER_POINT = 25.4 / 72


def squeezed(text: str) -> str:
    """Text without spaces or line breaks, ligatures undone (PDF text breaks lines anywhere)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def title(page: Path) -> str:
    """The report's first heading, as a reader sees it (no anchor link)."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)[1]
    heading = re.sub(r'<a class="anchor-link".*?</a>', "", heading, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()


@pytest.fixture(scope="module")
def printed(published, chromium) -> dict[str, list[tuple[list[float], str]]]:
    """Each report's PDF pages, by notebook: (size in mm, text), read once (pypdf is slow)."""
    return {
        name: [
            ([round(float(side) * MM_PER_POINT) for side in page.mediabox[2:]], page.extract_text())
            for page in pypdf.PdfReader(published / "stock" / f"{name}.pdf").pages
        ]
        for name in ALL
    }


def test_each_readers_report_is_printed_on_a4_pages_numbered_n_of_total(published, printed):
    for name, pages in printed.items():
        data = (published / "stock" / f"{name}.pdf").read_bytes()
        assert len(pages) >= 1 and pdf.page_count(data) == len(pages), name
        for number, (size, text) in enumerate(pages, 1):
            assert size == [210, 297], f"{name} page {number}: {size} mm"
            assert f"{number} / {len(pages)}" in text, f"{name} page {number}"
        assert pdf.stable(data) == data, f"{name}: the time of printing or a DOM node id is in it"
        assert b"file://" not in data, f"{name}: a link to the build folder"


def test_each_pdf_shows_its_reports_title_and_key_findings(published, printed):
    manifest = json.loads((published / "stock" / "manifest.json").read_text(encoding="utf-8"))
    index = (published / "index.html").read_text(encoding="utf-8")
    for notebook in manifest["notebooks"]:
        name = notebook["name"]
        assert notebook["pdf"] == f"{name}.pdf"
        assert f'<a href="stock/{name}.pdf">PDF</a>' in index
        text = squeezed("".join(text for _, text in printed[name]))
        heading = title(published / "stock" / f"{name}.html")
        assert heading and squeezed(heading) in text, f"{name}: {heading!r} not in the PDF"
        page = (published / "stock" / f"{name}.html").read_text(encoding="utf-8")
        findings = re.search(r'(?s)<section class="key-findings".*?<li>(.*?)</li>', page)[1]
        first = squeezed(html.unescape(re.sub(r"<[^>]+>", "", findings)))
        assert first in text, f"{name}: its first key finding is not in the PDF"


def test_the_run_screenshots_03_targets_of_the_first_set_of_each_language(published, chromium):
    listed = published_by_run(published)
    assert [p for p in listed if p.startswith("screenshots/")] == [
        "screenshots/stock--03-targets.png"
    ]
    assert (published / "screenshots" / "stock--03-targets.png").read_bytes()[:4] == b"\x89PNG"
