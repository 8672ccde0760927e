"""The reader's reports as Chromium shows them: wholly in one language, labels instead of ids,
no bare row index, and key findings that agree with the verdict table.

The Indonesian reports are the shared published set (support.SETS); the English ones are the
committed notebooks, rendered here as the runner renders the default set's.
"""

import re
from pathlib import Path

import nbformat
import pytest
from support import SETS, set_parameter

from helpers.core.paths import NOTEBOOKS
from helpers.report.language import text
from helpers.runner import browser, prose, render

NAMES = tuple(path.stem for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")))
# fmt: off
FUNCTION_WORDS = {  # frequent words of each language that the other language does not use
    "en": {
        "the", "of", "and", "to", "in", "is", "are", "was", "were", "for", "with", "on", "by",
        "that", "this", "from", "as", "at", "be", "it", "its", "not", "or", "which", "an",
        "has", "have", "their", "than", "but", "into", "under", "over", "between", "what",
        "where", "when", "how",
    },
    "id": {
        "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "ini", "itu", "adalah",
        "atau", "tidak", "dalam", "akan", "juga", "oleh", "sebagai", "bahwa", "karena",
        "namun", "tetapi", "bila", "menurut", "setiap", "sampai",
    },
}
# fmt: on
OTHER = {"en": "id", "id": "en"}
PER_THOUSAND = 3  # at most this many of the other language's function words per 1,000 words
SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
SHOWN = """lang => {
  document.querySelectorAll('[lang]').forEach(e => {
    if (e !== document.documentElement && e.getAttribute('lang') !== lang) e.remove();
  });
  return document.body.innerText;
}"""
FIRST_COLUMNS = """() => [...document.querySelectorAll('table')].map(t =>
  [...t.querySelectorAll('tbody tr')].map(r => r.cells.length ? r.cells[0].innerText.trim() : '')
)"""
FINDINGS = "() => [...document.querySelectorAll('.key-findings li')].map(e => e.innerText.trim())"
TABLE = """caption => { const table = [...document.querySelectorAll('table')].find(
  t => t.caption && t.caption.innerText.trim() === caption);
  return table ? [[...table.tHead.rows[0].cells].map(c => c.innerText.trim()),
    ...[...table.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))] : null; }"""


def words(shown: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", shown.lower())


def foreign_rate(shown: str, lang: str) -> tuple[float, list[str]]:
    """The other language's function words per 1,000 words of `shown`, and which they are."""
    found = words(shown)
    foreign = [w for w in found if w in FUNCTION_WORDS[OTHER[lang]]]
    return 1000 * len(foreign) / max(len(found), 1), foreign


def bare_index(first_columns: list[str]) -> bool:
    """A table's first column reads 0, 1, 2, ...: pandas' row numbers, not data."""
    return len(first_columns) > 1 and first_columns == [str(i) for i in range(len(first_columns))]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_foreign_rate_finds_planted_function_words(lang):
    own = " ".join(sorted(FUNCTION_WORDS[lang])) * 20
    assert foreign_rate(own, lang)[0] == 0
    planted = own + " " + " ".join(sorted(FUNCTION_WORDS[OTHER[lang]])[:3])
    assert foreign_rate(planted, lang)[1] == sorted(FUNCTION_WORDS[OTHER[lang]])[:3]


def test_bare_index_tells_row_numbers_from_data():
    assert bare_index(["0", "1", "2"]) and not bare_index(["2015", "2016"])
    assert not bare_index(["0"]) and not bare_index(["1", "2", "3"])


@pytest.fixture(scope="module")
def pages(published, tmp_path_factory, chromium) -> dict[str, dict[str, dict]]:
    """What Chromium shows of each reader's report, by language and notebook."""
    from playwright.sync_api import sync_playwright

    english = tmp_path_factory.mktemp("english")
    for name in NAMES:
        notebook = prose.in_language(nbformat.read(NOTEBOOKS / f"{name}.ipynb", 4), "en")
        render.render_notebook(notebook, english / f"{name}.html", reader=True)
    indonesian = published / next(s for s in SETS if set_parameter(s, "lang", "en") == "id")
    folders = {"en": english, "id": indonesian}
    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=chromium, args=browser.CHROMIUM_ARGS)
        try:
            return {
                lang: {n: read_page(chrome, folders[lang] / f"{n}.html", lang) for n in NAMES}
                for lang in folders
            }
        finally:
            chrome.close()


def read_page(chrome, path: Path, lang: str) -> dict:
    """The page's text in `lang` (other languages' quotes cut), tables and key findings."""
    page = chrome.new_page()
    page.route("**/*", lambda r, q: r.continue_() if q.url.startswith("file:") else r.abort())
    page.goto(path.resolve().as_uri(), wait_until="load")
    found = {
        "findings": page.evaluate(FINDINGS),
        "first_columns": page.evaluate(FIRST_COLUMNS),
        "verdicts": page.evaluate(TABLE, text("caption.verdict", lang)),
    }
    found["shown"] = page.evaluate(SHOWN, lang)  # last: it removes the quotes
    page.close()
    return found


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_reader_report_is_wholly_in_its_language(pages, lang, name):
    rate, foreign = foreign_rate(pages[lang][name]["shown"], lang)
    assert rate < PER_THOUSAND, f"{rate:.1f} per 1,000 words: {foreign}"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_reader_report_shows_no_identifier_and_no_bare_row_index(pages, lang, name):
    page = pages[lang][name]
    assert SNAKE_CASE.findall(page["shown"]) == []
    assert [c for c in page["first_columns"] if bare_index(c)] == []
    assert len(page["findings"]) >= 2  # it opens with the answer


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_key_findings_match_the_verdict_table(pages, lang):
    page = pages[lang]["03-targets"]
    header, *rows = page["verdicts"]
    target, met = (
        header.index(text("verdict.target", lang)),
        header.index(text("verdict.met", lang)),
    )
    yes = text("value.yes", lang)
    for name in dict.fromkeys(row[target] for row in rows):
        verdicts = [row[met] for row in rows if row[target] == name]
        met_by = {"met": sum(v == yes for v in verdicts), "models": len(verdicts)}
        stated = text("findings.target", lang, target=name, uncertainty="", **met_by)
        stated = stated.removesuffix(".").removesuffix("; ")
        assert any(point.startswith(stated) for point in page["findings"]), (stated, page)
