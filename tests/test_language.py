"""Reports in English or Indonesian: texts, numbers, errors, and no text of the other language."""

import html
import re
import string
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import SETS

from helpers import display, execute, headlines, language, pipeline, plots, projections, targets
from helpers.language import LANGUAGES, message, number, percent, text
from helpers.paths import DATA, NOTEBOOKS
from helpers.readings import UNITS_READINGS
from helpers.register import load_indicators
from helpers.trends import MODELS

NAMES = ("01-clean-figures", "02-trend-projections", "03-targets")  # 02 and 03 read 01's table
OTHER = {"en": "id", "id": "en"}
INDICATORS = load_indicators(DATA)


# --- numbers and figures --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "resolution", "en", "id"),
    [
        (520e12, "IDR", 1e12, "Rp 520 trillion", "Rp520 triliun"),
        (4.5, "%", 0.1, "4.5%", "4,5%"),
        (3.85e6, "unit", None, "3.85 million units", "3,85 juta unit"),
    ],
)
def test_figures_in_each_language(value, unit, resolution, en, id):
    assert display.readable(value, unit, resolution, "en") == en
    assert display.readable(value, unit, resolution, "id") == id


@pytest.mark.parametrize(
    ("value", "decimals", "trim", "en", "id"),
    [
        (165983, 0, False, "165,983", "165.983"),
        (4.5, 1, False, "4.5", "4,5"),
        (4036494.1, 1, False, "4,036,494.1", "4.036.494,1"),
        (-30.6, 2, False, "-30.60", "-30,60"),
        (0.18072, 3, True, "0.181", "0,181"),
        (10.0, 3, True, "10", "10"),
        (float("nan"), 2, False, "", ""),
        (None, 0, False, "", ""),
    ],
)
def test_numbers_in_each_language(value, decimals, trim, en, id):
    assert number(value, decimals, "en", trim) == en
    assert number(value, decimals, "id", trim) == id


@pytest.mark.parametrize(
    ("value", "decimals", "en", "id"),
    [(4.5, 1, "4.5%", "4,5%"), (95.0, 0, "95%", "95%"), (-100.0, 1, "-100.0%", "-100,0%")],
)
def test_percentages_in_each_language(value, decimals, en, id):
    assert (percent(value, decimals, "en"), percent(value, decimals, "id")) == (en, id)


def test_a_missing_percentage_shows_nothing():
    assert percent(float("nan")) == ""


def test_tick_labels_use_the_same_decimals_on_every_tick():
    assert plots._tick_decimals([3.7, 3.75, 3.8]) == 2
    assert plots._tick_decimals([400.0, 600.0]) == 0


# --- texts and their errors -----------------------------------------------------------------


def test_text_looks_up_the_language_and_fills_placeholders():
    row = language.translations()["range"]
    for lang in LANGUAGES:
        expected = row[lang].replace("{lower}", "1").replace("{upper}", "2")
        assert text("range", lang, lower=1, upper=2) == expected
    assert text("range", "en", lower=1, upper=2) != text("range", "id", lower=1, upper=2)


def test_a_missing_key_is_named():
    with pytest.raises(KeyError, match=r"no text for key 'no\.such\.key' in data/translations"):
        text("no.such.key", "id")


def test_a_missing_placeholder_value_is_named():
    with pytest.raises(KeyError, match="upper"):
        text("range", "en", lower=1)


@pytest.mark.parametrize(
    "show",
    [
        lambda lang: text("range", lang, lower=1, upper=2),
        lambda lang: number(1.0, 0, lang),
        lambda lang: display.readable(520e12, "IDR", 1e12, lang),
        lambda lang: language.label(INDICATORS, "ikm_units", lang),
        lambda lang: language.check_lang(lang),
        lambda lang: message("pass", lang),
        lambda lang: plots.display_scale("IDR", [1e12], lang),
        lambda lang: targets.verdict_table(pd.DataFrame(columns=list(targets.COLUMNS)), lang),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "EN", "", None])
def test_a_bad_language_names_the_parameter_and_the_choices(show, lang):
    with pytest.raises(ValueError, match=r"parameter lang=.* choose one of \['en', 'id'\]"):
        show(lang)


def test_every_indicator_has_its_unit_and_label_in_both_languages():
    for lang in LANGUAGES:
        for indicator, unit in INDICATORS.unit.items():
            assert display.readable(2e6, unit, lang=lang)
            assert language.label(INDICATORS, indicator, lang)


def write_table(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "translations.csv"
    path.write_text(rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ("key,en\na,b\n", "columns must be key,en,id"),
        ("key,en,id\na,x,y\na,x,z\n", r"line 3, key 'a': a key must be present and unique"),
        ("key,en,id\na,x,\n", r"line 2, key 'a': needs a text in every language"),
        ("key,en,id\na,{n} x,{m} y\n", r"line 2, key 'a': .* same \{placeholders\}"),
        ("key,en,id\nvalue.a,x,y\nvalue.b,x,z\n", "keys 'value.a' and 'value.b' share a text"),
    ],
)
def test_a_broken_translations_table_is_refused_with_the_line(tmp_path, rows, match):
    with pytest.raises(ValueError, match=match):
        language.load_translations(write_table(tmp_path, rows))


# --- what the code wrote in English, read back in Indonesian --------------------------------


def test_a_message_is_translated_with_its_fields_and_parts():
    reason = "2 points leave no residual degrees of freedom for a drift fit"
    sentence = f"Open lower bound; no uncertainty estimate ({reason})"
    inner = text("message.no_df", "id", n="2", model="drift")
    expected = "Open lower bound; " + text("message.no_uncertainty_because", "id", reason=inner)
    assert message(sentence, "id") == expected
    assert message(sentence, "en") == sentence


def test_a_text_no_row_matches_stays_as_written():
    assert message("Centres developed in 2017", "id") == "Centres developed in 2017"
    assert message("stock 20x", "id") == "stock 20x"  # a year is digits


def code_sentences() -> set[str]:
    """Every status, reason and note the code writes into the tables, under each reading."""
    sentences = set()
    for reading in UNITS_READINGS:
        table = pipeline.build(units_reading=reading)
        sentences |= {*table.checks.status, *table.checks.detail, *table.coverage.reason}
        clean = projections.load_clean(units_reading=reading)
        series = projections.projectable(clean)
        _, projected, _, _ = projections.project(clean, series, list(MODELS), 2019, 0.95)
        sentences |= set(projected.note)
        for measure in projections.GROWTH_MEASURES:
            assessment = projections.assess(clean, measure, list(MODELS), 0.95)
            columns = ["eurostat_category", "escap_category", "reason", "probability_note"]
            sentences |= set(assessment[columns].stack())
    return {s for s in sentences if isinstance(s, str) and s}


def test_every_sentence_the_code_writes_has_an_indonesian_text():
    for sentence in code_sentences():
        parts = zip(sentence.split("; "), message(sentence, "id").split("; "), strict=True)
        untranslated = [english for english, shown in parts if english == shown]
        assert not untranslated, f"{sentence!r}: no Indonesian text for {untranslated}"


# --- whole reports: no text of the other language ------------------------------------------


def test_a_notebook_stops_on_a_bad_language_before_writing_anything(tmp_path):
    source = NOTEBOOKS / f"{NAMES[0]}.ipynb"
    parameters = {"lang": "fr", "tables_dir": str(tmp_path / "tables")}
    failure = execute.execute(source, tmp_path / source.name, parameters, cwd=NOTEBOOKS)
    assert "ValueError: parameter lang='fr' is not allowed; choose one of ['en', 'id']" in str(
        failure
    )
    assert not (tmp_path / "tables").exists()


def set_parameter(name: str, parameter: str, default: str) -> str:
    return SETS[name].get("parameters", {}).get(parameter, default)


SET_OF = {set_parameter(name, "lang", "en"): name for name in SETS}  # conftest's shared sets


def test_the_published_sets_cover_every_notebook_in_each_language():
    assert sorted(SET_OF) == sorted(LANGUAGES)
    assert all(SETS[name]["notebooks"] == list(NAMES) for name in SET_OF.values())


@pytest.fixture(scope="session")
def reports(published) -> dict[str, dict[str, nbformat.NotebookNode]]:
    """Every notebook as the runner executed and published it, in each language."""
    return {
        lang: {name: nbformat.read(published / folder / f"{name}.ipynb", 4) for name in NAMES}
        for lang, folder in SET_OF.items()
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
    return sorted({t for t in found if t}, key=len, reverse=True)


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
    assert leaks(f"a report with {planted} in it", lang) == [planted]
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
    table = pipeline.build(units_reading=set_parameter(SET_OF[lang], "units_reading", "increase"))
    headline = headlines.figures_headline(table, lang)
    notebook = reports[lang]["01-clean-figures"]
    assert headline in report_text(notebook)
    figure = reports[lang]["02-trend-projections"]
    assert text("legend.official_target", lang) in report_text(figure)
