"""helpers.add.metadata: what an article says of itself is read where it says it, and left
empty where it does not."""

import pytest
from corpus import corpus

from helpers.add.metadata import (
    date_spans,
    detect_language,
    detect_published,
    detect_publisher,
    detect_title,
    read_metadata,
)
from helpers.core.paths import DATA
from helpers.extract.figures import normalised_texts
from helpers.extract.sources import load_sources

SOURCES = load_sources(DATA).set_index("source_id")
TEXTS = normalised_texts(DATA, load_sources(DATA))


def raw(source_id: str) -> str:
    return (DATA / "raw" / f"{source_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("source_id", list(SOURCES.index[SOURCES.wording == "verbatim"]))
def test_the_seed_articles_give_the_publisher_and_date_sources_csv_holds(source_id):
    meta = read_metadata(raw(source_id), TEXTS[source_id], DATA)
    assert meta.publisher == SOURCES.publisher[source_id]
    assert meta.published == SOURCES.published[source_id]
    assert meta.language == SOURCES.language[source_id]


def test_a_headline_is_the_title_and_a_lead_is_not():
    assert (
        detect_title(TEXTS["republika-2017-12-28-ikm"]) == SOURCES.title["republika-2017-12-28-ikm"]
    )
    assert detect_title(TEXTS["antara-2017-ikm"]) == ""  # its first line is the lead


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Jakarta, December 28, 2017 - The ministry", "2017-12-28"),
        ("Kamis 28 Dec 2017 18:24 WIB", "2017-12-28"),
        ("Rabu, 3 Januari 2018", "2018-01-03"),
        ("released 2019-07-01", "2019-07-01"),
        ("30 Februari 2017, then 1 Maret 2017", "2017-03-01"),  # the impossible date is skipped
        ("no date here\nCopyright \u00a9 ANTARA 2016", "2016"),
        ("no date at all, 2016 is only a year", ""),
        # as Indonesian outlets write a date: day/month/year, day-month-year
        ("kata dia usai membuka pameran, Rabu (6/11/2013).", "2013-11-06"),
        ("Oleh : Redaksi\nJum'at | 05-06-2015 | 17:05 WIB", "2015-06-05"),
        ("Penulis: Ekarina\n11/2/2019, 15.51 WIB", "2019-02-11"),
        ("Kamis, 08 Februari 2018 - 16:05 WIB", "2018-02-08"),
        # a dateline without its year: the one year the text names that fits the weekday
        ("kata dia di Bandung, Selasa (3/3), tentang capaian 2019 dan 2020.", "2020-03-03"),
        ("Jumat (15/11), pada acara 12-13 November 2024", "2024-11-15"),  # the first date
        ("di Jakarta, Senin (4/12), target 2017 dan 2023", ""),  # both years fit: no date
        ("di Jakarta, Senin (4/12), target 2018 dan 2019", ""),  # no year fits
        # the copyright year is a year the text names: it can settle a dateline
        (
            "Gati di Jakarta, Senin (23/10), soal target 2019\nCopyright \u00a9 ANTARA 2017",
            "2017-10-23",
        ),  # fmt: skip
        # a weekday alone and the copyright year: only the year, no day invented
        ("Gati di Jakarta, Senin, mengatakan\nCopyright \u00a9 ANTARA 2017", "2017"),
    ],
)
def test_the_first_real_date_or_the_copyright_year(text, published):
    assert detect_published(text) == published


def test_date_spans_name_where_each_date_is():
    text = "pada 9 Maret 2018 dan 2019"
    [(start, end, iso)] = date_spans(text)
    assert text[start:end] == "9 Maret 2018" and iso == "2018-03-09"


def test_publishers_are_recognised_by_their_marks_and_unknown_ones_left_empty(tmp_path):
    assert detect_publisher("BISNIS\nBisnis.com, JAKARTA - IKM", DATA) == "Bisnis Indonesia"
    assert detect_publisher("Jakarta - IKM tumbuh", DATA) == ""


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Jakarta, Gatra.com - Kementerian", "Gatra"),
        ("jpnn.com, SURABAYA - Industri kecil", "JPNN"),
        ("BATAMTODAY.COM, Jakarta - Industri", "BatamToday"),
        ("Okezone Economy\nPemerintah Bidik", "Okezone"),
        ("EmitenNews.com - Sektor IKM", "EmitenNews"),
        ("INDUSTRY.co.id - Surabaya, Menurut", "INDUSTRY.co.id"),
        ("youngster.id - Sampai 2019", "youngster.id"),
        ("Donang Wahyu|KATADATA\nPenulis", "Katadata"),
        ("https://jakarta.suaramerdeka.com/ekonomi/ikm", "Suara Merdeka"),
    ],
)
def test_the_outlets_of_real_publications_are_recognised_by_their_marks(text, publisher):
    assert detect_publisher(text, DATA) == publisher


def test_the_language_is_read_from_common_words_or_left_empty():
    english = next(a for a in corpus(20) if a.language == "en")
    assert detect_language(english.text) == "en"
    assert detect_language(TEXTS["antara-2017-ikm"]) == "id"
    assert detect_language("IKM 2016: 165.983 unit") == ""
