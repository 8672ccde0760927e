"""Reports in English or Indonesian: texts, numbers, errors, and no text of the other language."""

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from helpers import clean, targets, trends
from helpers.clean.readings import UNITS_READINGS
from helpers.core.paths import DATA
from helpers.core.schemas import TARGETS
from helpers.extract.register import load_indicators
from helpers.report import display, language, verdicts
from helpers.report.language import LANGUAGES, message, number, percent, text
from helpers.targets.placement import GROWTH_MEASURES
from helpers.trends.models import MODELS
from helpers.trends.series import projectable

INDICATORS = load_indicators(DATA)


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


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_every_kind_of_empty_cell_is_missing_and_shows_nothing(value):
    assert language.missing(value)
    assert (number(value), language.answer(value)) == ("", "")


@pytest.mark.parametrize("value", [0, 0.0, False, "", "0"])
def test_a_zero_false_or_empty_text_is_not_missing(value):
    assert not language.missing(value)


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
        lambda lang: verdicts.verdict_table(pd.DataFrame(columns=TARGETS.names), INDICATORS, lang),
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


def code_sentences(build: Callable[..., clean.CleanTable]) -> set[str]:
    """Every status, reason and note the code writes into the tables, under each reading."""
    sentences = set()
    for reading in UNITS_READINGS:
        table = build(units_reading=reading)
        sentences |= {*table.checks.status, *table.checks.detail, *table.coverage.reason}
        sentences |= {*table.stock.note}  # the derivations the code writes
        projected = trends.build(table, projectable(table), [*MODELS, "combined"], 2029, 0.95)
        sentences |= set(projected.projections.note)
        for measure in GROWTH_MEASURES:
            assessment = targets.build(table, measure, [*MODELS, "combined"], 0.95)
            columns = ["eurostat_category", "escap_category", "reason", "probability_note"]
            columns += ["basis"]
            sentences |= set(assessment[columns].stack())
    return {s for s in sentences if isinstance(s, str) and s}


def test_every_sentence_the_code_writes_has_an_indonesian_text(built_from_raw):
    for sentence in code_sentences(built_from_raw):
        parts = zip(sentence.split("; "), message(sentence, "id").split("; "), strict=True)
        untranslated = [english for english, shown in parts if english == shown]
        assert not untranslated, f"{sentence!r}: no Indonesian text for {untranslated}"
