"""The reader's reports of the shared run printed to PDF: A4 pages numbered "n / total", the
report's title and headline in the text, linked from the index; and the screenshot the run
takes of 03-targets. Skipped with the reason where no Chromium is installed, except under
CI=true, where a missing browser is a failure. The same bytes on a re-run: test_rerun.py."""

import html
import itertools
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
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
        document = pypdf.PdfReader(published / "stock" / f"{name}.pdf").metadata.title
        assert document == heading, f"{name}: the PDF is titled {document!r}"  # was the file name
        assert squeezed(manifest["made"]) in text, f"{name}: what made it is not printed"
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


PAGE_NUMBER = re.compile(r"\s*\d+\s*/\s*\d+\s*")  # the foot of every page: "2 / 7"


def layout_pages(pdf_file: Path) -> list[list[str]]:
    """Each page's lines as pdftotext -layout sets them out (columns kept in place)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext (Debian: apt-get install poppler-utils)")
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"], check=True, capture_output=True, text=True
    )
    return [page.splitlines() for page in done.stdout.split("\f")[:-1]]


def html_texts(page: Path, tag: str) -> list[str]:
    """The text of every `tag` element of a report (h2, th, ...), as a reader sees it."""
    found = re.findall(rf"(?s)<{tag}\b[^>]*>(.*?)</{tag}>", page.read_text(encoding="utf-8"))
    texts = [re.sub(r'<a class="anchor-link".*?</a>|<[^>]+>', "", f, flags=re.S) for f in found]
    return [" ".join(html.unescape(t).split()) for t in texts]


def broken_words(lines: list[str], words: set[str]) -> list[str]:
    """Words of `words` set out broken across lines: pieces one under the other (in line at
    their start or their end, as a left- or right-aligned cell sets them) that make one of
    them ("Me" over "t" for "Met")."""
    tokens = [[(m.start(), m.end(), m[0]) for m in re.finditer(r"\S+", line)] for line in lines]

    def ending(row: int, start: int, end: int, made: str) -> list[str]:
        """The pieces below (row, start, end) that complete `made` into a word of `words`."""
        for start2, end2, piece in tokens[row + 1] if row + 1 < len(tokens) else []:
            joined = made + piece
            if abs(start - start2) <= 1 or abs(end - end2) <= 1:
                if joined in words:
                    return [piece]
                going = any(w.startswith(joined) for w in words)
                if going and (rest := ending(row + 1, start2, end2, joined)):
                    return [piece, *rest]
        return []

    broken = []
    for row, line in enumerate(tokens):
        for start, end, piece in line:
            starts = piece not in words and any(w.startswith(piece) for w in words)
            if starts and (rest := ending(row, start, end, piece)):
                broken.append("|".join([piece, *rest]))
    return broken


def test_broken_words_finds_a_header_set_out_over_two_lines():
    lines = ["  Targ    Me   Projec", "    et    t       ted", "  Target  Model"]
    words = {"Target", "Met", "Projected", "Model"}
    assert broken_words(lines, words) == ["Targ|et", "Me|t", "Projec|ted"]
    assert broken_words(["Eur", "ost", "at"], {"Eurostat"}) == ["Eur|ost|at"]
    assert broken_words(["a word here", "x in there"], {"wording"}) == []  # prose
    assert broken_words(["  Target  Met", "  value   yes"], words | {"value"}) == []


def test_no_table_header_word_is_broken_across_lines_in_print(published, chromium):
    """A header word breaks only where it has a space ("Projecte d", "Me t" were printed)."""
    for name in ALL:
        page = published / "stock" / f"{name}.html"
        words = {w for header in html_texts(page, "th") for w in header.split() if len(w) > 2}
        lines = [line for lines in layout_pages(page.with_suffix(".pdf")) for line in lines]
        assert broken_words(lines, words) == [], name


HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


@dataclass
class Tagged:
    """An element of a tagged PDF's structure tree (Chromium tags the page's HTML): its
    type ("H2", "Table", "P", "NonStruct" for a div, ...), children and the pages it is on."""

    kind: str
    children: list["Tagged"]
    pages: list[int]

    def leaves(self, within: frozenset[str] = frozenset()) -> Iterator[tuple[int, frozenset]]:
        """Each piece of content in reading order: its page and the types it sits in."""
        inside = within | {self.kind}
        if not self.children:
            yield from ((page, inside) for page in self.pages)
        for child in self.children:
            yield from child.leaves(inside)

    def holds(self, kinds: set[str]) -> bool:
        return self.kind in kinds or any(child.holds(kinds) for child in self.children)


def structure(pdf_file: Path) -> Tagged:
    """The structure tree of a tagged PDF, each element with the pages of its content."""
    reader = pypdf.PdfReader(pdf_file)
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}

    def element(found: object, page: list[int]) -> Tagged | None:
        """An element, or a piece of content: a marked-content id on its element's `page`,
        or a reference to one on a page of its own."""
        found = found.get_object()
        if not isinstance(found, dict):
            return Tagged("MCID", [], page) if isinstance(found, int) else None
        own = [numbers[found.raw_get("/Pg").idnum]] if "/Pg" in found else page
        if "/S" not in found:
            return Tagged("MCR", [], own) if "/MCID" in found else None
        kids = found.get("/K", [])
        kids = [e for k in (kids if isinstance(kids, list) else [kids]) if (e := element(k, own))]
        return Tagged(
            str(found["/S"]).lstrip("/"), kids, sorted(set().union(*(k.pages for k in kids)))
        )

    return element(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], [])


def cells(tree: Tagged) -> list[Tagged]:
    """The notebook's cells: the children of the first element that has several (a report's
    body holds its notebook, whose divs are its cells)."""
    while len(tree.children) < 3:
        tree = tree.children[0]
    return tree.children


def headings_left_at_a_pages_foot(tree: Tagged) -> list[str]:
    """Where a heading ends a page: the content after it starts on the next page, or, after a
    Markdown cell with a heading, the table or figure its cell introduces (the next cell)."""
    found = []
    leaves = list(tree.leaves())
    for (page, within), (next_page, next_within) in itertools.pairwise(leaves):
        if within & HEADINGS and not next_within & HEADINGS and next_page != page:
            found.append(f"a heading at the foot of page {page}")
    for cell, following in itertools.pairwise(cells(tree)):
        introduces = cell.holds(HEADINGS) and following.holds({"Table", "Figure"})
        if introduces and cell.pages[-1] != following.pages[0]:
            found.append(f"a heading on page {cell.pages[-1]}, its table or figure on the next")
    return found


def test_no_heading_is_left_at_a_pages_foot_apart_from_its_table(published, chromium):
    """A heading is kept with what follows it, even where that is another cell (a table); the
    reports' headings and tables were printed on separate pages."""
    for name in ALL:
        tree = structure(published / "stock" / f"{name}.pdf")
        assert len(cells(tree)) >= 5, name
        assert headings_left_at_a_pages_foot(tree) == [], name
