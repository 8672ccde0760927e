"""helpers.clean.coverage: every quantity a source's text mentions outside its registered
quotes is listed, as a repeat of a figure registered from the same source or as not
registered."""

import pandas as pd

from helpers.clean.coverage import uncovered_mentions
from helpers.core.schemas import COVERAGE, FIGURES


def test_a_source_with_a_malformed_number_keeps_its_other_figures_and_says_why(built_from_raw):
    coverage = built_from_raw().coverage
    unread = coverage[coverage.reason.str.startswith("not read: ")]
    assert set(unread.source_id) <= {"industryco-2017-04-18"}  # "675.0007 tenaga kerja"
    stated = built_from_raw().figures
    assert "industryco-2017-04-18" in set(stated.source_id)


def test_every_figure_in_the_seed_articles_is_registered(built_from_raw):
    table = built_from_raw(source_ids=("antara-2017-ikm", "republika-2017-12-28-ikm"))
    stated = table.figures[table.figures.kind != "derived"]
    assert len(stated) == 16
    assert set(table.coverage.reason) <= {"repeats ikm_growth 2018 (target)"}
    assert table.coverage.mention.tolist() == ["di Atas 10 Persen"]


TEXT = (
    "Jumlah IKM mencapai 5.000 unit pada 2016, naik 4,5 persen.\n"
    "Judul: 5.000 unit IKM lagi, dengan 12 sentra baru dan target di atas 10 persen.\n"
)


def figure(source_id, indicator, period, kind, value, quote):
    row = dict.fromkeys(FIGURES.names, "")
    return row | dict(
        source_id=source_id, indicator=indicator, period=period, kind=kind, value=value, quote=quote
    )


def figures(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=FIGURES.names)


UNITS_2016 = figure("a", "ikm_units", 2016, "actual", 5000.0, "mencapai 5.000 unit pada 2016")


def test_mentions_outside_registered_quotes_are_repeats_or_not_registered():
    coverage = uncovered_mentions({"a": TEXT}, figures(UNITS_2016))
    assert list(coverage.columns) == COVERAGE.names
    assert coverage.values.tolist() == [
        ["a", "4,5 persen", 4.5, "%", "=", "not registered"],
        ["a", "5.000 unit", 5000.0, "unit", "=", "repeats ikm_units 2016 (actual)"],
        ["a", "12 sentra", 12.0, "sentra", "=", "not registered"],
        ["a", "di atas 10 persen", 10.0, "%", ">", "not registered"],
    ]


def test_mentions_inside_every_registered_quote_are_left_out():
    growth = figure("a", "ikm_units_growth", 2016, "actual", 4.5, "naik 4,5 persen")
    target = figure("a", "ikm_growth", 2017, "target", 10.0, "target di atas 10 persen")
    coverage = uncovered_mentions({"a": TEXT}, figures(UNITS_2016, growth, target))
    assert coverage.mention.tolist() == ["5.000 unit", "12 sentra"]
    assert coverage.reason.tolist() == ["repeats ikm_units 2016 (actual)", "not registered"]


def test_a_repeat_names_indicator_period_and_kind_of_the_first_figure_with_its_value():
    target = figure("a", "new_entrepreneurs", 2019, "target", 5000.0, "12 sentra baru")
    coverage = uncovered_mentions({"a": TEXT}, figures(target, UNITS_2016))
    assert coverage.reason.tolist() == [
        "not registered",
        "repeats new_entrepreneurs 2019 (target)",
        "not registered",
    ]
    assert coverage.mention.tolist() == ["4,5 persen", "5.000 unit", "di atas 10 persen"]


def test_a_repeat_is_looked_for_in_figures_of_the_same_source_only():
    texts = {"a": "IKM mencapai 5.000 unit pada 2016; 12 sentra.\n", "b": "Jumlah 5.000 unit.\n"}
    coverage = uncovered_mentions(texts, figures(UNITS_2016))
    assert coverage.values.tolist() == [
        ["a", "12 sentra", 12.0, "sentra", "=", "not registered"],
        ["b", "5.000 unit", 5000.0, "unit", "=", "not registered"],
    ]


def test_a_quote_written_twice_covers_its_first_occurrence_only():
    text = "naik 4,5 persen. Lagi: naik 4,5 persen.\n"
    growth = figure("a", "ikm_units_growth", 2016, "actual", 4.5, "naik 4,5 persen")
    coverage = uncovered_mentions({"a": text}, figures(growth))
    assert coverage.values.tolist() == [
        ["a", "4,5 persen", 4.5, "%", "=", "repeats ikm_units_growth 2016 (actual)"]
    ]


def test_a_mention_reaching_past_a_quote_is_not_covered_by_it():
    partial = figure("a", "ikm_units_growth", 2016, "actual", 4.5, "naik 4,5")
    coverage = uncovered_mentions({"a": "IKM naik 4,5 persen.\n"}, figures(partial))
    assert coverage.mention.tolist() == ["4,5 persen"]
    assert coverage.reason.tolist() == ["repeats ikm_units_growth 2016 (actual)"]


def test_sources_are_listed_by_id_and_mentions_in_text_order():
    texts = {"b": "Ada 7 sentra dan 3 sentra.\n", "a": "Ada 9 sentra.\n"}
    coverage = uncovered_mentions(texts, figures())
    assert coverage[["source_id", "mention"]].values.tolist() == [
        ["a", "9 sentra"],
        ["b", "7 sentra"],
        ["b", "3 sentra"],
    ]


def test_years_dates_and_prose_numbers_are_not_mentions():
    text = "Kamis 28 Dec 2017 18:24 WIB. Pada 2018, satu dari dua program (28/12).\n"
    coverage = uncovered_mentions({"a": text}, figures())
    assert list(coverage.columns) == COVERAGE.names
    assert coverage.empty


def test_no_texts_give_an_empty_table_with_the_coverage_columns():
    coverage = uncovered_mentions({}, figures(UNITS_2016))
    assert list(coverage.columns) == COVERAGE.names
    assert coverage.empty
