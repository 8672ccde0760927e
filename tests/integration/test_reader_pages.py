"""Every reader's page as Chromium shows it, each opened once (browser.check_pages): the index
and the Indonesian reports of the shared run (support.SETS), and the English reports, which are
the committed notebooks rendered here as the runner renders the default set's.

A page loads offline, with no error, every figure drawn; it is no wider than a phone, its
tables scrolling in their own box; it is wholly in its language, with labels instead of
ids, no bare row index, and key findings that agree with the verdict table.

Skipped with the reason where no Chromium is installed, except under CI=true, where a
missing browser is a failure (.ci/run installs Debian's chromium).
"""

import re
from pathlib import Path

import nbformat
import pytest
from support import ALL, SETS, set_parameter

from helpers.core.paths import NOTEBOOKS
from helpers.report.language import text
from helpers.runner import browser, prose, render

NAMES = tuple(path.stem for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")))
INDONESIAN = next(s for s in SETS if set_parameter(s, "lang", "en") == "id")  # the shared run's
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


PHONE = {"width": 390, "height": 844}
OVERFLOW = """() => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll('.scroll, .jp-RenderedHTMLCommon table')];
  return [page.scrollWidth, page.clientWidth,
          boxes.filter(b => b.scrollWidth > b.clientWidth + 1).length];
}"""


def read_page(page: browser.OpenedPage, path: Path) -> dict:
    """What a reader sees of an opened page: its key findings, tables, width on a phone, and
    its text in its own language (other languages' quotes cut)."""
    lang = page.evaluate("() => document.documentElement.lang")
    found = {
        "lang": lang,
        "findings": page.evaluate(FINDINGS),
        "first_columns": page.evaluate(FIRST_COLUMNS),
        "verdicts": page.evaluate(TABLE, text("caption.verdict", lang)),
        "judged": page.evaluate(TABLE, text("caption.judged", lang)),
    }
    page.set_viewport_size(PHONE)
    found["phone"] = page.evaluate(OVERFLOW)
    found["shown"] = page.evaluate(SHOWN, lang)  # last: it removes the quotes
    return found


def drawn_figures(notebook: nbformat.NotebookNode) -> int:
    """How many figures the executed notebook holds as outputs."""
    return sum(
        1
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if {"image/svg+xml", "image/png"} & set(output.get("data", {}))
    )


@pytest.fixture(scope="module")
def opened(published, tmp_path_factory, chromium) -> dict[str, browser.PageCheck]:
    """Each page's check, by "index", or language and notebook ("id/03-targets")."""
    english = tmp_path_factory.mktemp("english")
    for name in NAMES:
        notebook = prose.in_language(nbformat.read(NOTEBOOKS / f"{name}.ipynb", 4), "en")
        render.render_notebook(notebook, english / f"{name}.html", reader=True)
    index, *reports = browser.reader_pages(published)
    assert [p.parent.name for p in reports] == [INDONESIAN] * len(NAMES)
    pages = {"index": index} | {f"id/{p.stem}": p for p in reports}
    pages |= {f"en/{name}": english / f"{name}.html" for name in NAMES}
    checks = browser.check_pages(list(pages.values()), None, chromium, inspect=read_page)
    return dict(zip(pages, checks, strict=True))


def test_every_page_renders_offline_without_errors_with_every_figure_drawn(opened, published):
    assert {key: check.problems for key, check in opened.items()} == dict.fromkeys(opened, [])
    assert len(opened) == 1 + 2 * len(ALL)  # the index, and each notebook in each language
    for name in NAMES:
        for lang, folder in (("en", NOTEBOOKS), ("id", published / INDONESIAN)):
            expected = drawn_figures(nbformat.read(folder / f"{name}.ipynb", as_version=4))
            assert opened[f"{lang}/{name}"].figures == expected, (lang, name)
    assert sum(opened[f"id/{name}"].figures for name in NAMES) >= 5  # 2 in 02, 1 in 03, 2 in 04
    assert {check.inspected["lang"] for check in opened.values()} == {"en", "id"}


def test_every_page_fits_a_phone_screen_with_tables_scrolling_in_their_box(opened):
    widths = {key: check.inspected["phone"] for key, check in opened.items()}
    too_wide = {key: w for key, (w, phone, _) in widths.items() if w > phone}
    assert not too_wide, f"wider than a {PHONE['width']} px phone: {too_wide}"
    # a report's wide table scrolls in its box (the index, a contents page, has no table)
    assert any(boxes >= 1 for _, _, boxes in widths.values())


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
    shots = [p.name for p in (tmp_path / "shots").iterdir()]
    assert shots == [browser.screenshot_name(page)]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_reader_report_is_wholly_in_its_language(opened, lang, name):
    rate, foreign = foreign_rate(opened[f"{lang}/{name}"].inspected["shown"], lang)
    assert rate < PER_THOUSAND, f"{rate:.1f} per 1,000 words: {foreign}"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_reader_report_shows_no_identifier_and_no_bare_row_index(opened, lang, name):
    page = opened[f"{lang}/{name}"].inspected
    assert SNAKE_CASE.findall(page["shown"]) == []
    assert [c for c in page["first_columns"] if bare_index(c)] == []
    assert len(page["findings"]) >= 2  # it opens with the answer


def column(table: list[list[str]], key: str, lang: str) -> list[str]:
    """A column of a table as the page shows it (header row first), by its header's key."""
    header, *rows = table
    at = header.index(text(key, lang))
    return [row[at] for row in rows]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_key_findings_say_what_the_tables_below_say(opened, lang):
    """Each target's sentence, recomputed from the cells of the tables the reader sees."""
    page = opened[f"{lang}/03-targets"].inspected
    judged = page["judged"]
    names = column(judged, "column.target", lang)
    for at, name in enumerate(names):
        met = column(judged, "column.met", lang)[at]
        verdict = text(
            "findings.met" if met == text("value.yes", lang) else "findings.not_met", lang
        )
        basis = (
            "observed"
            if column(judged, "column.basis", lang)[at] == text("value.observed", lang)
            else "interpolated"
        )
        stated = text(
            f"findings.judged_{basis}",
            lang,
            target=name,
            verdict=verdict,
            outcome=column(judged, "column.outcome", lang)[at],
            asked=column(judged, "column.target_value", lang)[at],
            source=column(judged, "column.outcome_source", lang)[at],
        )
        assert stated in page["findings"], (stated, page["findings"])
    projected = page["verdicts"]
    targets = column(projected, "verdict.target", lang)
    for name in dict.fromkeys(targets):
        rows = [i for i, t in enumerate(targets) if t == name]
        met = sum(column(projected, "verdict.met", lang)[i] != text("value.no", lang) for i in rows)
        key = "findings.projected_split" if 0 < met < len(rows) else "findings.projected"
        asked = column(projected, "verdict.target_value", lang)[rows[0]]
        stated = text(
            key, lang, target=name, asked=asked, met=met, models=len(rows), uncertainty=""
        )
        stated = stated.removesuffix(".").removesuffix("; ")
        assert any(point.startswith(stated) for point in page["findings"]), (stated, page)
