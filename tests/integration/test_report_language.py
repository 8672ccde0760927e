"""Reports in English or Indonesian: texts, numbers, errors, and no text of the other language."""

import html
import re
import string

import nbformat
import pandas as pd
import pytest
from support import ALL, SETS, set_parameter

from helpers import clean
from helpers.clean.readings import UNITS_READINGS
from helpers.core.paths import DATA, NOTEBOOKS
from helpers.extract.register import load_indicators
from helpers.report import headlines, language
from helpers.report.language import LANGUAGES, text
from helpers.trends.models import MODELS

NAMES = tuple(ALL)


OTHER = {"en": "id", "id": "en"}


INDICATORS = load_indicators(DATA)


# The English reports are the committed notebooks (the default run, which nbval re-runs); the
# Indonesian ones, the shared published set (support.SETS).
SET_OF = {set_parameter(name, "lang", "en"): name for name in SETS}
READING = {"en": "increase", "id": set_parameter(SET_OF["id"], "units_reading", "increase")}


def test_the_reports_cover_every_notebook_in_each_language():
    assert sorted(SET_OF) == ["id"] and SETS[SET_OF["id"]]["notebooks"] == list(NAMES)
    assert "05-hindsight" in NAMES  # the list is read from notebooks/, not typed


@pytest.fixture(scope="session")
def reports(published) -> dict[str, dict[str, nbformat.NotebookNode]]:
    """Every notebook as a reader gets it, in each language."""
    folders = {"en": NOTEBOOKS, "id": published / SET_OF["id"]}
    return {
        lang: {name: nbformat.read(folder / f"{name}.ipynb", 4) for name in NAMES}
        for lang, folder in folders.items()
    }


def visible_text(output: dict) -> str:
    """What a reader of one output sees: HTML without markup, SVG figures' text, prose."""
    data = output.get("data", {})
    plain = re.sub(r"<(Figure size|IPython\.core\.display)[^>]*>", "", data.get("text/plain", ""))
    page = re.sub(r"(?s)<style.*?</style>|<[^>]+>", " ", data.get("text/html", ""))
    figure = " ".join(re.findall(r"(?s)<!-- (.*?) -->", data.get("image/svg+xml", "")))
    shown = [plain, html.unescape(page), data.get("text/markdown", ""), figure]
    return "\n".join([*shown, output.get("text", "")])


def data_text() -> list[str]:
    """Text that comes from the data as written (quotes, titles, registrars' notes, article
    mentions) and identifiers (readings, models, table files), not from the code's texts:
    cut out before looking for labels."""
    register = pd.read_csv(DATA / "register.csv", keep_default_na=False)
    sources = pd.read_csv(DATA / "sources.csv", keep_default_na=False)
    coverage = pd.read_csv(DATA / "processed" / "coverage.csv", keep_default_na=False)
    found = [*register.quote, *register.note, *sources.title, *sources.publisher]
    found += [*coverage.mention, *UNITS_READINGS, *MODELS]
    found += [path.name for path in (DATA / "processed").glob("*.csv")]
    return sorted({t for t in found if any(ch.isalpha() for ch in t)}, key=len, reverse=True)


def report_text(notebook: nbformat.NotebookNode) -> str:
    """Every code cell's output as a reader sees it, with the data's own text cut out."""
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    shown = "\n".join(visible_text(o) for o in outputs)
    for written in data_text():
        shown = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", " ", shown)
    return shown


def labels(lang: str) -> set[str]:
    """The texts of `lang` a report may show: the words around each translation's
    placeholders, and the indicator labels."""
    found = set(INDICATORS[f"label_{lang}"])
    for texts in language.translations().values():
        found |= {part.strip(" ;:,()") for part, *_ in string.Formatter().parse(texts[lang])}
    return {t for t in found if len(t) >= 3 and any(ch.isalpha() for ch in t)}


def contains(shown: str, label: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(label)}(?!\w)", shown, re.IGNORECASE) is not None


def foreign_labels(lang: str) -> set[str]:
    """The other language's texts, less those that also occur in `lang`'s own (IKM, target)."""
    own = "\n".join(labels(lang))
    return {label for label in labels(OTHER[lang]) if not contains(own, label)}


def leaks(shown: str, lang: str) -> list[str]:
    """The other language's texts found in a report in `lang`."""
    return sorted(label for label in foreign_labels(lang) if contains(shown, label))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_leaks_finds_a_planted_label(lang):
    planted = sorted(foreign_labels(lang))[0]
    assert planted in leaks(f"a report with {planted} in it", lang)
    assert leaks("IKM 2019: 1.234", lang) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_report_shows_no_text_of_the_other_language(reports, lang, name):
    assert leaks(report_text(reports[lang][name]), lang) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_report_shows_its_own_language(reports, lang, name):
    shown = report_text(reports[lang][name])
    own = [label for label in foreign_labels(OTHER[lang]) if contains(shown, label)]
    assert len(own) >= 3, f"too few {lang} texts found: {own}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_and_headlines_are_in_the_report_language(reports, lang):
    table = clean.build(units_reading=READING[lang])
    headline = headlines.figures_headline(table, lang)
    notebook = reports[lang]["01-clean-figures"]
    assert headline in report_text(notebook)
    figure = reports[lang]["02-trend-projections"]
    assert text("legend.official_target", lang) in report_text(figure)


ENGLISH_MODELS = re.compile(r"(?<![\w-])(?:naive|linear|loglinear)(?![\w-])")


def model_names(notebook: nbformat.NotebookNode, headline: bool) -> list[str]:
    """The English names of the trend models a report shows: in its figures (their legends,
    the specification curves' labels) and tables, or in its headline cell alone."""
    cells = [
        c
        for c in notebook.cells
        if c.cell_type == "code" and ("headline" in c.metadata.get("tags", [])) == headline
    ]
    shown = "\n".join(visible_text(o) for c in cells for o in c.get("outputs", []))
    return ENGLISH_MODELS.findall(shown)


@pytest.mark.parametrize("name", NAMES[1:])
def test_the_indonesian_figures_and_tables_name_the_models_in_indonesian(reports, name):
    """naif, linier, log-linier: the specification curves' labels and the choices table said
    naive, linear and loglinear."""
    assert model_names(reports["id"][name], headline=False) == []


def test_the_indonesian_headlines_name_the_models_in_indonesian(reports):
    """The index's line for the projections said "tren linear" in Indonesian."""
    named = [m for name in NAMES for m in model_names(reports["id"][name], headline=True)]
    assert named == []
