"""helpers.extract.register: indicators and register rows are checked with the file and line
named, each figure's value is parsed from its quote (which must be in the source, hold one
figure and be written in a unit the indicator allows), and a bad row leaves data/processed/
as it was."""

import csv
import hashlib
import re
from types import SimpleNamespace

import pandas as pd
import pytest
from support import edit_csv, edit_register, fails_leaving_outputs

from helpers import extract
from helpers.core.paths import DATA
from helpers.core.schemas import FIGURES, INDICATORS
from helpers.extract import cache, register
from helpers.extract.figures import normalised_texts
from helpers.extract.register import (
    check_key,
    closest_passage,
    figure_from_row,
    load_indicators,
    load_register,
    rounding_bounds,
    stated_figures,
)
from helpers.extract.sources import load_sources


@pytest.fixture
def data_dir(seed_data_dir):
    """The register's mechanics are tested on the two seed articles alone, whose lines the
    tests name."""
    return seed_data_dir


def test_values_come_from_the_quotes(built_from_raw):
    figures = built_from_raw().figures.set_index(["source_id", "indicator", "period", "kind"])
    antara = "antara-2017-ikm"
    assert figures.loc[(antara, "ikm_units", 2016, "actual"), "value"] == 165983
    assert figures.loc[(antara, "ikm_value_added", 2016, "actual"), "value"] == 520e12
    growth = figures.loc[("republika-2017-12-28-ikm", "ikm_growth", 2018, "target")]
    assert (growth.value, growth.lower, growth.qualifier) == (10, 10, ">")
    assert pd.isna(growth.upper)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"source_id": "kompas-2018"}, r"line 3: unknown source_id 'kompas-2018'"),
        ({"indicator": "ikm_unit"}, r"line 3: unknown indicator 'ikm_unit'"),
        ({"period": "16"}, r"line 3: period '16' must be a year"),
        ({"kind": "forecast"}, r"line 3: kind 'forecast' must be one of"),
        ({"quote": "atau meningkat 4,6 persen"}, r"line 3: quote .* not in .* closest passage: "),
        (
            {"quote": "dibandingkan tahun 2015"},
            r"line 3: quote must hold exactly one figure, found 0",
        ),
        (
            {
                "quote": "4,5 persen dibandingkan tahun 2015. Sementara pada 2017, jumlah IKM "
                "ditargetkan mencapai 182.000 unit"
            },
            r"line 3: quote must hold exactly one figure, found 2",
        ),
        ({"indicator": "ikm_workers"}, r"line 3: unit '%' .* does not fit indicator"),
        ({"indicator": "ikm_units", "period": "2016"}, r"lines \[2, 3\]: duplicate rows"),
    ],
)
def test_bad_register_rows(data_dir_with_outputs, changes, match):
    edit_register(data_dir_with_outputs, 3, **changes)
    fails_leaving_outputs(data_dir_with_outputs, r"data/register.csv " + match)


SOURCE_IDS = {"antara-2017-ikm", "republika-2017-12-28-ikm"}  # the seeds (data_dir)
ALL_IDS = set(load_sources(DATA).source_id)
KEYS = "['source_id', 'indicator', 'period', 'kind']"
TEXT = (
    "Kemenperin mencatat, jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016 atau "
    "meningkat 4,5 persen dibandingkan tahun 2015. Nilai tambah mencapai Rp520 triliun. "
    "IKM dapat tumbuh di atas 10 persen pada 2018, dengan 1.200 IKM baru dan tenaga kerja "
    "sebanyak 400.000.\n"
)


def committed(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def written_units(indicator: str) -> list[str]:
    row = next(r for r in committed("indicators.csv") if r["indicator"] == indicator)
    return row["written_units"].split("|")


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return load_indicators(DATA)


def register_row(quote: str, indicator: str = "ikm_units", **fields) -> SimpleNamespace:
    row = dict(source_id="s", indicator=indicator, period="2016", kind="actual", note="n")
    return SimpleNamespace(**(row | fields), quote=quote)


def refused_register(data_dir, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_register(data_dir, SOURCE_IDS, load_indicators(data_dir))


def test_load_indicators_indexes_the_committed_table_by_indicator_id(indicators):
    rows = committed("indicators.csv")
    assert indicators.index.name == "indicator"
    assert indicators.index.tolist() == [row["indicator"] for row in rows]
    assert list(indicators.columns) == INDICATORS.names[1:]
    assert indicators.loc["ikm_workers", "written_units"] == "orang|tenaga|pekerja"


def test_load_indicators_refuses_duplicate_ids_naming_the_file_and_each_id(data_dir):
    path = data_dir / "indicators.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[2, "indicator"] = "ikm_units"
    table.loc[5, "indicator"] = "ikm_workers"
    table.to_csv(path, index=False)
    with pytest.raises(
        ValueError,
        match=r"^data/indicators.csv: duplicate indicator \['ikm_units', 'ikm_workers'\]$",
    ):
        load_indicators(data_dir)


def test_load_register_numbers_rows_by_their_line_in_the_file(indicators):
    register = load_register(DATA, ALL_IDS, indicators)
    rows = committed("register.csv")
    assert register.columns[0] == "line"
    assert register.line.tolist() == list(range(2, len(rows) + 2))
    assert register.drop(columns="line").to_dict("records") == rows


def test_load_register_knows_only_the_source_ids_it_is_given(indicators):
    first = next(
        i for i, r in enumerate(committed("register.csv")) if r["source_id"] != "antara-2017-ikm"
    )
    message = (
        f"data/register.csv line {first + 2}: unknown source_id 'republika-2017-12-28-ikm'; "
        "known: ['antara-2017-ikm']"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_register(DATA, {"antara-2017-ikm"}, indicators)


def test_load_register_refuses_an_unknown_source_id_with_its_line(data_dir):
    edit_register(data_dir, 17, source_id="antara-2017")
    refused_register(
        data_dir,
        "data/register.csv line 17: unknown source_id 'antara-2017'; "
        "known: ['antara-2017-ikm', 'republika-2017-12-28-ikm']",
    )


def test_load_register_refuses_an_unknown_indicator_listing_the_known_ones(data_dir):
    edit_register(data_dir, 5, indicator="IKM_units")
    known = sorted(row["indicator"] for row in committed("indicators.csv"))
    refused_register(
        data_dir, f"data/register.csv line 5: unknown indicator 'IKM_units'; known: {known}"
    )


PERIOD_RULE = (
    "must be a year such as 2016, or a part of one (2017-Q2 a quarter, 2018-H1 a half, 2017-M11 "
    "a month)"
)


@pytest.mark.parametrize(
    "period",
    ["16", "1899", "2100", "2016.0", " 2016", "2016-12", "", "2016-Q5", "2016-H3", "2016-M13",
     "2016-M1", "2016-q2", "2016Q2", "2016-Q2 "],
)  # fmt: skip
def test_load_register_refuses_a_period_that_is_not_a_year_or_part_of_one(data_dir, period):
    edit_register(data_dir, 6, period=period)
    refused_register(data_dir, f"data/register.csv line 6: period {period!r} {PERIOD_RULE}")


@pytest.mark.parametrize("period", ["1900", "2099", "2017-Q2", "2018-H1", "2017-M11"])
def test_load_register_accepts_years_of_both_centuries(data_dir, period):
    edit_register(data_dir, 6, period=period)
    register = load_register(data_dir, SOURCE_IDS, load_indicators(data_dir))
    assert register.set_index("line").loc[6, "period"] == period


@pytest.mark.parametrize("kind", ["Actual", "derived", "forecast", ""])
def test_load_register_refuses_a_kind_other_than_actual_or_target(data_dir, kind):
    edit_register(data_dir, 8, kind=kind)
    refused_register(
        data_dir, f"data/register.csv line 8: kind {kind!r} must be one of ['actual', 'target']"
    )


@pytest.mark.parametrize("quote", ["", "   ", "\t"])
def test_load_register_refuses_an_empty_quote(data_dir, quote):
    edit_register(data_dir, 9, quote=quote)
    refused_register(data_dir, "data/register.csv line 9: quote is empty")


def test_load_register_checks_fields_in_order_and_names_the_first_bad_row(data_dir):
    edit_register(data_dir, 12, source_id="x", kind="x")
    edit_register(data_dir, 10, period="x", kind="x")
    refused_register(data_dir, f"data/register.csv line 10: period 'x' {PERIOD_RULE}")


def test_load_register_refuses_duplicate_keys_naming_every_line(data_dir):
    edit_register(data_dir, 4, period="2016", kind="actual")
    edit_register(data_dir, 17, indicator="esmart_trainees", period="2018")
    refused_register(
        data_dir, f"data/register.csv lines [2, 4, 16, 17]: duplicate rows for the same {KEYS}"
    )


def test_load_register_allows_one_indicator_and_period_as_actual_and_target(data_dir):
    edit_register(data_dir, 4, period="2016", kind="target")
    register = load_register(data_dir, SOURCE_IDS, load_indicators(data_dir))
    same = register[(register.indicator == "ikm_units") & (register.period == "2016")]
    assert same.line.tolist() == [2, 4]


def test_closest_passage_finds_the_words_a_mistyped_quote_meant():
    text = (DATA / "raw" / "antara-2017-ikm.txt").read_text(encoding="utf-8")
    assert "meningkat 4,5 persen" in text and "meningkat 4,6 persen" not in text
    assert closest_passage("meningkat 4,6 persen", text) == "meningkat 4,5 persen"
    assert closest_passage("sebesar Rp520 trilyun", text) == "sebesar Rp520 triliun"


def test_closest_passage_returns_a_word_aligned_quote_itself():
    assert closest_passage("tumbuh mencapai 165.983 unit", TEXT) == "tumbuh mencapai 165.983 unit"


def test_closest_passage_joins_words_with_single_spaces():
    assert closest_passage("naik 4,5 persen", "IKM naik\n 4,5\t\tpersen lagi") == "naik 4,5 persen"


def test_closest_passage_returns_the_whole_text_when_it_is_shorter_than_the_quote():
    assert closest_passage("jumlah IKM tumbuh mencapai", "IKM  tumbuh") == "IKM tumbuh"
    assert closest_passage("jumlah IKM", "") == ""


def test_closest_passage_prefers_the_first_of_equally_close_passages():
    assert closest_passage("xyz", "abc def abc") == "abc"
    assert closest_passage("", "satu dua") == "satu"


def test_figure_from_row_parses_the_value_from_the_quote(indicators):
    row = register_row("mencapai 165.983 unit pada tahun 2016", note="count")
    figure = figure_from_row(row, TEXT, indicators, "here")
    assert list(figure) == FIGURES.names
    assert figure == dict(
        indicator="ikm_units",
        period=2016,
        subperiod="",
        kind="actual",
        value=165983.0,
        lower=165983.0,
        upper=165983.0,
        resolution=1.0,
        unit="unit",
        qualifier="=",
        source_id="s",
        quote="mencapai 165.983 unit pada tahun 2016",
        note="count",
    )


def test_figure_from_row_gives_the_indicators_unit_not_the_written_one(indicators):
    figure = figure_from_row(register_row("dengan 1.200 IKM baru"), TEXT, indicators, "here")
    assert (figure["value"], figure["unit"]) == (1200.0, "unit")
    money = register_row("Nilai tambah mencapai Rp520 triliun", "ikm_value_added")
    figure = figure_from_row(money, TEXT, indicators, "here")
    assert (figure["value"], figure["resolution"], figure["unit"]) == (520e12, 1e12, "IDR")


def test_figure_from_row_keeps_an_open_bound_open(indicators):
    row = register_row("tumbuh di atas 10 persen", "ikm_growth", period="2018", kind="target")
    figure = figure_from_row(row, TEXT, indicators, "here")
    assert (figure["value"], figure["lower"], figure["upper"]) == (10.0, 10.0, None)
    assert (figure["qualifier"], figure["period"], figure["kind"]) == (">", 2018, "target")


def test_figure_from_row_refuses_a_quote_not_in_the_text_showing_the_closest_passage(indicators):
    row = register_row("mencapai 165.893 unit")
    message = (
        "register.csv line 7: quote 'mencapai 165.893 unit' is not in the normalised text of s; "
        "closest passage: 'mencapai 165.983 unit'"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        figure_from_row(row, TEXT, indicators, "register.csv line 7")


def test_figure_from_row_refuses_a_quote_differing_only_in_spacing(indicators):
    with pytest.raises(ValueError, match=r"^w: quote 'mencapai  165.983 unit' is not in the"):
        figure_from_row(register_row("mencapai  165.983 unit"), TEXT, indicators, "w")


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("Kemenperin mencatat, jumlah IKM", "0: []"),
        ("pada tahun 2016", "0: []"),
        (
            "165.983 unit pada tahun 2016 atau meningkat 4,5 persen",
            "2: ['165.983 unit', '4,5 persen']",
        ),
        (
            "Rp520 triliun. IKM dapat tumbuh di atas 10 persen",
            "2: ['Rp520 triliun', 'di atas 10 persen']",
        ),
    ],
)
def test_figure_from_row_refuses_a_quote_without_exactly_one_figure(indicators, quote, found):
    message = f"w: quote must hold exactly one figure, found {found}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        figure_from_row(register_row(quote), TEXT, indicators, "w")


@pytest.mark.parametrize(
    ("quote", "indicator", "unit", "mention"),
    [
        ("meningkat 4,5 persen", "ikm_workers", "%", "4,5 persen"),
        ("sebanyak 400.000.", "ikm_workers", "", "400.000"),
        ("mencapai 165.983 unit", "ikm_value_added", "unit", "165.983 unit"),
        ("mencapai Rp520 triliun", "ikm_units", "IDR", "Rp520 triliun"),
    ],
)
def test_figure_from_row_refuses_a_unit_the_indicator_does_not_allow(
    indicators, quote, indicator, unit, mention
):
    message = (
        f"w: unit {unit!r} of {mention!r} does not fit indicator {indicator} "
        f"(allowed: {written_units(indicator)})"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        figure_from_row(register_row(quote, indicator), TEXT, indicators, "w")


@pytest.mark.parametrize(
    ("value", "resolution", "bounds"),
    [
        (520.0, 1.0, (519.5, 520.5)),
        (439e12, 1e12, (438.5e12, 439.5e12)),
        (165983.0, 1.0, (165982.5, 165983.5)),
        (182000.0, 1000.0, (181500.0, 182500.0)),
        (7.0, 0.0, (7.0, 7.0)),
    ],
)
def test_rounding_bounds_are_half_the_resolution_either_side(value, resolution, bounds):
    assert rounding_bounds(value, resolution) == bounds


def test_rounding_bounds_of_a_decimal_figure():
    assert rounding_bounds(4.5, 0.1) == pytest.approx((4.45, 4.55), abs=1e-12)


def test_stated_figures_has_one_row_per_register_row_with_the_figures_columns(indicators):
    register = load_register(DATA, ALL_IDS, indicators)
    sources = load_sources(DATA)
    texts = normalised_texts(DATA, sources)
    languages = dict(zip(sources.source_id, sources.language, strict=True))
    stated = stated_figures(register, texts, indicators, DATA, languages)
    assert list(stated.columns) == FIGURES.names
    assert stated.quote.tolist() == register.quote.tolist()
    assert stated.period.tolist() == [int(period[:4]) for period in register.period]
    assert stated.subperiod.tolist() == [period[5:] for period in register.period]
    assert stated.loc[0, "value"] == 165983
    assert stated.loc[2, "value"] == 182000


def test_stated_figures_of_an_empty_register_is_an_empty_table(indicators):
    register = load_register(DATA, ALL_IDS, indicators).iloc[:0]
    stated = stated_figures(register, {}, indicators, DATA)
    assert list(stated.columns) == FIGURES.names
    assert stated.empty


def test_stated_figures_names_the_register_line_of_a_bad_quote(data_dir, indicators):
    register = load_register(DATA, ALL_IDS, indicators)
    texts = {"antara-2017-ikm": TEXT, "republika-2017-12-28-ikm": TEXT}
    with pytest.raises(ValueError, match=r"^data/register.csv line 4: quote 'Sementara pada 2017"):
        stated_figures(register, texts, indicators, data_dir)


def test_load_register_names_the_line_a_row_starts_on_after_a_quote_over_several_lines(data_dir):
    edit_register(data_dir, 3, quote="atau meningkat 4,5 persen\ndibandingkan tahun 2015")
    edit_register(data_dir, 5, kind="forecast")
    refused_register(
        data_dir, "data/register.csv line 6: kind 'forecast' must be one of ['actual', 'target']"
    )
    edit_register(data_dir, 5, kind="actual")
    register = load_register(data_dir, SOURCE_IDS, load_indicators(data_dir))
    assert register.line.tolist()[:4] == [2, 3, 5, 6]


def test_load_register_refuses_a_row_with_too_many_or_too_few_fields(data_dir):
    path = data_dir / "register.csv"
    path.write_text(path.read_text(encoding="utf-8") + "antara-2017-ikm,ikm_units,2016\n")
    refused_register(
        data_dir,
        f"data/register.csv line {len(path.read_text(encoding='utf-8').splitlines())}: "
        "3 fields where the header has 6",
    )


def edit_indicators(data_dir, line: int, **changes) -> None:
    """Change fields of the indicators.csv row on `line` (the header is line 1)."""
    edit_csv(data_dir, "indicators.csv", line, **changes)


UNITS = ["IDR", "USD", "%", "unit", "persons", "entrepreneurs", "centres", "businesses"]


@pytest.mark.parametrize("unit", ["rupiah", "Rp", "IKM", "units", "percent", ""])
def test_load_indicators_refuses_an_unknown_unit_naming_the_line_and_the_units(data_dir, unit):
    edit_indicators(data_dir, 5, unit=unit)
    message = f"data/indicators.csv line 5: unit {unit!r} is not one of {UNITS}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_indicators(data_dir)


@pytest.mark.parametrize(
    ("line", "unit", "written"),
    [(5, "%", "IDR"), (5, "USD", "IDR"), (5, "unit", "IDR"), (3, "IDR", "%"), (2, "%", "unit|IKM")],
)
def test_load_indicators_refuses_a_unit_its_written_units_cannot_give(
    data_dir, line, unit, written
):
    edit_indicators(data_dir, line, unit=unit, written_units=written)
    message = (
        f"data/indicators.csv line {line}: unit {unit!r} does not fit written_units {written!r}: "
        "a value in IDR, USD or % is written in that unit, a count in counted nouns"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_indicators(data_dir)


def test_load_indicators_takes_the_count_units_from_the_translations(data_dir):
    path = data_dir / "translations.csv"
    path.write_text(path.read_text(encoding="utf-8") + "unit.households,households,rumah tangga\n")
    edit_indicators(data_dir, 8, unit="households")
    assert load_indicators(data_dir).at["ikm_workers", "unit"] == "households"


@pytest.mark.parametrize("columns", [["description"], ["unit", "label_id"]])
def test_load_indicators_refuses_a_table_without_its_columns(data_dir, columns):
    path = data_dir / "indicators.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=columns).to_csv(
        path, index=False
    )
    with pytest.raises(ValueError, match=rf"^data/indicators.csv: missing columns \{columns}"):
        load_indicators(data_dir)


# --- checks kept between runs: reused only while everything they read is the same -----------

ANTARA_LINES = list(range(2, 14))
REPUBLIKA_LINES = list(range(14, 18))


@pytest.fixture
def checked_lines(monkeypatch, tmp_path) -> list[int]:
    """The register lines each extract build checks (those not taken from kept checks), in
    a private cache."""
    monkeypatch.setenv("IKM_CACHE_DIR", str(tmp_path / "cache"))
    lines: list[int] = []
    real = register.checked_quantity

    def counted(row, *args, **kwargs):
        lines.append(row.line)
        return real(row, *args, **kwargs)

    monkeypatch.setattr(register, "checked_quantity", counted)
    return lines


def stated_after_a_first_build(data_dir, checked_lines) -> pd.DataFrame:
    """The figures of a build after one that checked every row (then forgotten)."""
    first = extract.build(data_dir).stated
    assert checked_lines == ANTARA_LINES + REPUBLIKA_LINES
    checked_lines.clear()
    return first


def test_a_source_checked_before_against_the_same_text_is_not_checked_again(
    data_dir, checked_lines
):
    first = stated_after_a_first_build(data_dir, checked_lines)
    again = extract.build(data_dir).stated
    assert checked_lines == []
    assert_frame_equal_exactly(again, first)


def test_a_changed_quote_is_checked_again_with_the_other_rows_of_its_source(
    data_dir, checked_lines
):
    stated_after_a_first_build(data_dir, checked_lines)
    edit_register(data_dir, 2, quote="jumlah IKM ditargetkan mencapai 182.000 unit")
    stated = extract.build(data_dir).stated
    assert checked_lines == ANTARA_LINES
    assert stated.value[0] == 182000  # not the 165,983 the row's old quote states


def test_a_changed_note_or_period_needs_no_check_but_reaches_the_figures(data_dir, checked_lines):
    stated_after_a_first_build(data_dir, checked_lines)
    edit_register(data_dir, 14, note="a new note", period="2019")
    stated = extract.build(data_dir).stated
    assert checked_lines == []
    assert (stated.note[12], stated.period[12]) == ("a new note", 2019)


def test_a_unit_an_indicator_no_longer_allows_is_refused_though_checked_before(
    data_dir, checked_lines
):
    stated_after_a_first_build(data_dir, checked_lines)
    edit_csv(data_dir, "indicators.csv", 2, written_units="IKM")  # ikm_units: no longer "unit"
    with pytest.raises(ValueError, match=r"^data/register.csv line 2: unit 'unit' of '165.983"):
        extract.build(data_dir)


def test_a_replaced_raw_file_is_checked_again(data_dir, checked_lines):
    stated_after_a_first_build(data_dir, checked_lines)
    raw = data_dir / "raw" / "antara-2017-ikm.txt"
    raw.write_bytes(raw.read_bytes().replace(b"165.983 unit", b"165.984 unit"))
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    edit_csv(data_dir, "sources.csv", 2, sha256=sha)  # replaced on purpose
    with pytest.raises(ValueError, match=r"^data/register.csv line 2: quote .* is not in the"):
        extract.build(data_dir)
    assert checked_lines == [2]


def test_a_bad_row_is_named_whatever_the_other_sources_kept(data_dir, checked_lines):
    stated_after_a_first_build(data_dir, checked_lines)
    edit_register(data_dir, 16, quote="ada 5.001 pelaku usaha")
    message = r"^data/register.csv line 16: quote 'ada 5.001 pelaku usaha' is not in"
    with pytest.raises(ValueError, match=message):
        extract.build(data_dir)
    assert checked_lines == [14, 15, 16]


def test_damaged_kept_checks_are_checked_again_with_the_same_figures(data_dir, checked_lines):
    first = stated_after_a_first_build(data_dir, checked_lines)
    path = next((data_dir.parent / "cache").rglob("checks.json"))
    kept = cache.unsealed(path.read_bytes())  # sealed again below: as other code might write
    antara, republika = sorted(kept, key=lambda key: len(kept[key]))[::-1]
    kept[republika] = kept[republika][:-1]  # a field short
    path.write_bytes(cache.sealed(kept))
    assert_frame_equal_exactly(extract.build(data_dir).stated, first)
    assert checked_lines == REPUBLIKA_LINES
    checked_lines.clear()
    kept[antara][0] = "165983"  # a value as text
    path.write_bytes(cache.sealed(kept))
    assert_frame_equal_exactly(extract.build(data_dir).stated, first)
    assert checked_lines == ANTARA_LINES + REPUBLIKA_LINES


def assert_frame_equal_exactly(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left, right, check_exact=True)


def test_the_kept_checks_are_those_of_the_last_run_that_added_one(data_dir, checked_lines):
    stated_after_a_first_build(data_dir, checked_lines)
    for quote in ["jumlah IKM ditargetkan mencapai 182.000 unit", "mencapai 165.983 unit"]:
        edit_register(data_dir, 2, quote=quote)
        extract.build(data_dir)
    path = next((data_dir.parent / "cache").rglob("checks.json"))
    assert len(cache.unsealed(path.read_bytes())) == 2  # one per source, no stale one


def test_kept_checks_edited_by_hand_are_not_used(data_dir, checked_lines):
    """The probe of issue 31 edited checks.json so that ikm_units 2016 read 999999, and the
    run published it; kept checks are sealed, so an edit makes every row checked again."""
    first = stated_after_a_first_build(data_dir, checked_lines)
    assert first.value[0] == 165983
    path = next((data_dir.parent / "cache").rglob("checks.json"))
    edited = path.read_bytes().replace(b"165983", b"999999", 1)
    assert edited != path.read_bytes()
    path.write_bytes(edited)
    assert_frame_equal_exactly(extract.build(data_dir).stated, first)
    assert checked_lines == ANTARA_LINES + REPUBLIKA_LINES


TEXTS = ("IKM mencapai 5.000 unit.", "id", [("mencapai 5.000 unit", "unit|IKM")])


@pytest.mark.parametrize(
    "other",
    [
        ("IKM mencapai 5.000 unit. ", "id", TEXTS[2]),  # the text
        (TEXTS[0], "en", TEXTS[2]),  # its language
        (TEXTS[0], "id", [("5.000 unit", "unit|IKM")]),  # a quote
        (TEXTS[0], "id", [("mencapai 5.000 unit", "unit")]),  # the units the indicator allows
        (TEXTS[0], "id", [*TEXTS[2], ("IKM", "unit")]),  # a row more
    ],
)
def test_the_check_key_changes_with_anything_the_check_reads(other):
    assert check_key(*other) != check_key(*TEXTS)
    assert check_key(*TEXTS) == check_key(*TEXTS)


def test_the_check_key_changes_with_the_check_s_version(monkeypatch):
    before = check_key(*TEXTS)
    monkeypatch.setattr(register, "CHECK_VERSION", register.CHECK_VERSION + 1)
    assert check_key(*TEXTS) != before


# --- what the real record needs: sub-periods, bare counts, plausible values, measures --------


def test_a_part_year_period_keeps_its_year_and_part(indicators):
    row = register_row("mencapai 165.983 unit pada tahun 2016", period="2016-Q2")
    figure = figure_from_row(row, TEXT, indicators, "here")
    assert (figure["period"], figure["subperiod"]) == (2016, "Q2")
    whole = figure_from_row(register_row("mencapai 165.983 unit"), TEXT, indicators, "here")
    assert (whole["period"], whole["subperiod"]) == (2016, "")


def test_a_bare_count_fits_an_indicator_that_allows_it(indicators):
    text = "Industri kecil dan menengah di Indonesia berjumlah 4,4 juta dan terus bertambah.\n"
    row = register_row("berjumlah 4,4 juta", indicator="ikm_units_stock")
    assert figure_from_row(row, text, indicators, "here")["value"] == 4.4e6
    with pytest.raises(ValueError, match=r"here: unit '' of '4,4 juta' does not fit indicator"):
        figure_from_row(register_row("berjumlah 4,4 juta"), text, indicators, "here")


def test_a_figure_outside_its_plausible_range_stops_the_run_naming_line_and_value(
    data_dir_with_outputs,
):
    path = data_dir_with_outputs / "raw" / "antara-2017-ikm.txt"
    text = path.read_text(encoding="utf-8").replace("Rp520 triliun", "Rp520000000 triliun")
    path.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    edit_csv(data_dir_with_outputs, "sources.csv", 2, sha256=sha)
    edit_register(data_dir_with_outputs, 9, quote="capaian pada 2016 sebesar Rp520000000 triliun")
    fails_leaving_outputs(
        data_dir_with_outputs,
        r"data/register.csv line 9: ikm_value_added 5.2e\+20 IDR, read from 'capaian pada 2016 "
        r"sebesar Rp520000000 triliun', is outside its plausible range 0 to 1e\+17",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measure": "rate"}, "measure 'rate' must be one of ('level', 'growth')"),
        ({"growth_of": "ikm_exports_x"}, "growth_of 'ikm_exports_x' is not a level indicator"),
        ({"growth_of": "ikm_units_growth"}, "growth_of 'ikm_units_growth' is not a level"),
        ({"min_value": "1e9"}, "min_value 1e+09 must be below max_value 1000"),
        ({"min_value": "lots"}, "min_value 'lots' is not a number"),
        ({"unit": "unit", "written_units": "unit"}, "a growth indicator is in '%', not 'unit'"),
    ],
)
def test_load_indicators_refuses_a_measure_that_does_not_hold_together(data_dir, changes, message):
    edit_csv(data_dir, "indicators.csv", 3, **changes)  # ikm_units_growth
    with pytest.raises(ValueError, match=rf"data/indicators.csv line 3: {re.escape(message)}"):
        load_indicators(data_dir)


def test_a_growth_rate_that_names_itself_is_refused(data_dir):
    edit_csv(data_dir, "indicators.csv", 3, growth_of="ikm_units_growth")
    with pytest.raises(ValueError, match="growth_of 'ikm_units_growth' is not a level indicator"):
        load_indicators(data_dir)


def test_a_level_indicator_cannot_be_the_growth_of_another(data_dir):
    edit_csv(data_dir, "indicators.csv", 5, growth_of="ikm_units")  # ikm_value_added
    with pytest.raises(ValueError, match=r"line 5: growth_of 'ikm_units' is given for a level"):
        load_indicators(data_dir)
