"""Figures are shown to readers with the digits the source wrote, in the reader's language."""

import pandas as pd
import pytest

from helpers.report import display
from helpers.report.display import (
    LIMIT,
    Quote,
    ReaderTable,
    ReaderTables,
    figure_table,
    header,
    labelled,
    long_table,
    note,
    period_written,
    readable,
    shown,
    source_name,
    table,
)
from helpers.report.language import LANGUAGES, message, number, text


@pytest.mark.parametrize(
    ("value", "unit", "resolution", "en", "id"),
    [
        (439.86e12, "IDR", 1e10, "Rp 439.86 trillion", "Rp439,86 triliun"),
        (24.7e9, "USD", 1e8, "US$ 24.7 billion", "US$24,7 miliar"),
        (9.0, "%", 1.0, "9%", "9%"),
        (165983.0, "unit", 1.0, "165,983 units", "165.983 unit"),
        (3688511.1, "unit", None, "3.69 million units", "3,69 juta unit"),
        (400000.0, "persons", 1e5, "400,000 persons", "400.000 orang"),
        (float("nan"), "%", None, "", ""),
    ],
)
def test_readable(value, unit, resolution, en, id):
    assert readable(value, unit, resolution, "en") == en
    assert readable(value, unit, resolution, "id") == id


def figure(value: float, qualifier: str, lower: float, upper: float) -> dict:
    return {
        "indicator": "ikm_growth", "period": 2018, "subperiod": "", "kind": "target",
        "value": value,
        "lower": lower, "upper": upper, "resolution": 1.0, "unit": "%",
        "qualifier": qualifier, "source_id": "s", "quote": "q", "note": "",
    }  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figure_table_writes_qualifiers_and_ranges_in_the_language(lang):
    rows = pd.DataFrame([figure(9, "~", 9, 9), figure(10, ">", 10, None), figure(9, "range", 8, 9)])
    shown = figure_table(rows, lang)[header("figure", lang)].tolist()
    eight, nine, ten = (readable(v, "%", 1.0, lang) for v in (8, 9, 10))
    assert shown == [
        text("qualifier.about", lang, figure=nine),
        text("qualifier.above", lang, figure=ten),
        text("range", lang, lower=eight, upper=nine),
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_translates_headers_values_numbers_and_booleans(lang):
    frame = pd.DataFrame({"kind": ["actual", "antara-2017"], "value": [1234.5, None]})
    frame["used"] = [True, False]
    shown = table(frame, lang)
    assert list(shown.columns) == [header(c, lang) for c in frame.columns]
    assert shown.iloc[:, 0].tolist() == [text("value.actual", lang), "antara-2017"]
    assert shown.iloc[0, 1] == ("1,234.5" if lang == "en" else "1.234,5")
    assert shown.iloc[1, 1] == ""
    assert shown.iloc[:, 2].tolist() == [text("value.yes", lang), text("value.no", lang)]


def test_a_column_without_a_header_text_is_named():
    with pytest.raises(KeyError, match="column.nonsense"):
        table(pd.DataFrame({"nonsense": [1]}), "id")


def test_table_does_not_show_float_noise_as_digits():
    shown = table(pd.DataFrame({"rate": [73499999999999.97, 0.1807209]}), "en")
    assert shown[header("rate", "en")].tolist() == ["73,500,000,000,000", "0.181"]


LABEL = "<script>alert(1)</script> R&D"


def test_note_shows_html_special_characters_as_text():
    shown = note(f"{LABEL} 2017: met by 3 of 4 models")
    assert shown.data == "&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D 2017: met by 3 of 4 models"
    assert "<" not in shown._repr_markdown_()


def test_note_keeps_a_sentence_without_special_characters_as_it_is():
    sentence = "16 figures from 2 sources; checks: 2 pass; 95% interval \"quoted\" 'x'"
    assert note(sentence).data == sentence


def test_a_reader_table_drops_a_bare_index_and_keeps_a_meaningful_one():
    bare = shown(pd.DataFrame({"a": ["x", "y"]}), "sources", "en")
    assert list(bare.frame.columns) == ["a"]
    named = shown(pd.DataFrame({"a": ["x"]}, index=pd.Index([2016], name="year")), "series")
    assert list(named.frame.columns) == ["year", "a"]
    assert "<th" in named._repr_html_() and ">0<" not in bare._repr_html_()


def test_a_reader_table_right_aligns_numbers_and_marks_quotes_with_their_language():
    frame = pd.DataFrame({"figure": ["Rp 520 trillion", "4.5%"], "quote": [Quote("naik"), "x"]})
    html = shown(frame, "figures", "en")._repr_html_()
    assert html.count('<td class="num" style="text-align: right">') == 2
    assert '<q lang="id">naik</q>' in html and '<td style="text-align: left">x</td>' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_table_has_its_caption_under_it_in_the_language(lang):
    table_shown = shown(pd.DataFrame({"a": ["<b>"]}), "verdict", lang)
    caption = f'<caption style="caption-side: bottom">{text("caption.verdict", lang)}</caption>'
    assert caption in table_shown._repr_html_()
    assert "&lt;b&gt;" in table_shown._repr_html_()  # cells are text, not HTML
    assert repr(table_shown).endswith(text("caption.verdict", lang))


def test_indicator_ids_are_written_as_labels_in_any_sentence():
    assert labelled("ikm_units_growth[2016] / ikm_units 2017", "id") == (
        "Pertumbuhan jumlah IKM[2016] / Jumlah IKM (unit usaha) 2017"
    )
    assert labelled("xikm_units", "en") == "xikm_units"  # whole words only


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tables_show_labels_and_keep_quoted_columns_as_written(lang):
    frame = pd.DataFrame({"indicator": ["ikm_value_added"], "mention": ["ikm_value_added"]})
    cells = table(frame, lang, quoted=("mention",))
    assert cells.iloc[0, 0] == labelled("ikm_value_added", lang) != "ikm_value_added"
    assert isinstance(cells.iloc[0, 1], Quote) and cells.iloc[0, 1] == "ikm_value_added"


def figures_frame(rows: int) -> pd.DataFrame:
    """`rows` stated figures, alternately actual and target."""
    kinds = ["actual", "target"] * rows
    return pd.DataFrame(
        {
            "indicator": ["ikm_units"] * rows,
            "period": list(range(2000, 2000 + rows)),
            "subperiod": [""] * rows,
            "kind": kinds[:rows],
            "value": [1000.0 + n for n in range(rows)],
            "lower": [1000.0 + n for n in range(rows)],
            "upper": [1000.0 + n for n in range(rows)],
            "resolution": [1.0] * rows,
            "unit": ["unit"] * rows,
            "qualifier": ["="] * rows,
            "source_id": ["s"] * rows,
            "quote": [f"{1000 + n} unit" for n in range(rows)],
            "note": [""] * rows,
        }
    )


@pytest.mark.parametrize("rows", [0, 1, LIMIT])
def test_a_table_of_at_most_limit_rows_is_shown_whole_as_before(rows):
    figures = figures_frame(rows)
    long = long_table(figures, figure_table, "figures", "id", counts=("kind",))
    whole = shown(figure_table(figures, "id"), "figures", "id")
    assert long._repr_html_() == whole._repr_html_() and repr(long) == repr(whole)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_longer_table_shows_its_first_rows_and_says_where_the_rest_is(lang):
    formatted = []

    def cells(frame, lang, **options):
        formatted.append(len(frame))
        return figure_table(frame, lang, **options)

    long = long_table(figures_frame(1234), cells, "figures", lang, bounds=True)
    assert isinstance(long, ReaderTable) and formatted == [LIMIT]  # no row formatted in vain
    assert long.frame.equals(figure_table(figures_frame(LIMIT), lang, bounds=True))
    first = text("note.first_rows", lang, shown=LIMIT, rows=number(1234, 0, lang))
    rest = text("note.full_table", lang, file="tables/figures.csv")
    assert long.caption == f"{text('caption.figures', lang)} {first} {rest}"
    assert {"en": "1,234", "id": "1.234"}[lang] in long.caption
    assert long.caption in long._repr_html_()


def test_the_rest_of_a_longer_table_may_be_in_another_file_and_the_limit_another():
    frame = pd.DataFrame({"publisher": list("abcde")})
    long = long_table(frame, table, "sources", "en", file="data/sources.csv", limit=2)
    ending = "Showing the first 2 of 5 rows. The full table is in data/sources.csv."
    assert long.caption.endswith(ending) and len(long.frame) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_longer_table_first_counts_its_rows_by_the_columns_asked(lang):
    long = long_table(
        figures_frame(2001), figure_table, "figures", lang, counts=("indicator", "kind")
    )
    assert isinstance(long, ReaderTables) and len(long.tables) == 2
    counts, first = long.tables
    label = labelled("ikm_units", lang)
    thousand = {"en": "1,001", "id": "1.001"}[lang]
    assert counts.frame.values.tolist() == [
        [label, message("actual", lang), thousand],
        [label, message("target", lang), {"en": "1,000", "id": "1.000"}[lang]],
    ]
    assert list(counts.frame.columns) == [header(c, lang) for c in ("indicator", "kind", "rows")]
    columns = f"{header('indicator', lang)}, {header('kind', lang)}"
    assert counts.caption == text("caption.counts", lang, columns=columns)
    assert len(first.frame) == LIMIT
    html = long._repr_html_()
    assert html.index(counts.caption) < html.index(first.caption)
    assert repr(long) == f"{counts!r}\n\n{first!r}"


def test_a_notebooks_setup_checks_the_language_shows_texts_in_full_and_ends_the_kernel_at_once(
    monkeypatch,
):
    asked = []
    monkeypatch.setattr(display, "skip_final_collection", lambda: asked.append(True))
    with pd.option_context("display.max_colwidth", 50):  # restored after
        display.setup_notebook("id")
        assert pd.get_option("display.max_colwidth") is None
    assert asked == [True]
    with pytest.raises(ValueError, match="parameter lang='fr' is not allowed"):
        display.setup_notebook("fr")
    assert asked == [True]  # a bad language stops before anything is set up


@pytest.mark.parametrize(
    ("subperiod", "en", "id_"),
    [("", "2017", "2017"), ("Q2", "2017 Q2", "2017 triwulan 2"),
     ("H1", "2017 H1", "2017 semester 1"), ("M11", "2017 to November", "2017 hingga November")],
)  # fmt: skip
def test_a_part_year_period_is_named_in_the_language(subperiod, en, id_):
    assert (period_written(2017, subperiod, "en"), period_written(2017, subperiod, "id")) == (
        en,
        id_,
    )


def test_sources_are_named_by_outlet_and_date_not_by_id():
    sources = pd.DataFrame(
        {"source_id": ["a", "b"], "publisher": ["ANTARA News", "Okezone"],
         "published": ["2017", "2018-02-08"]}
    )  # fmt: skip
    assert source_name("a+b", sources, "en") == "ANTARA News, 2017; Okezone, 8 February 2018"
    assert source_name("b", sources, "id") == "Okezone, 8 Februari 2018"
