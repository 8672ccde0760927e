"""helpers.extract.quantities: examples from Indonesian IKM news, errors and properties."""

import ast
import math
import re
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.paths import DATA
from helpers.extract.figures import normalised_texts
from helpers.extract.quantities import (
    COUNTED_NOUNS,
    LANGUAGES,
    MalformedNumber,
    Quantity,
    _scan,
    find_quantities,
    parse_quantity,
)
from helpers.extract.sources import load_sources


def written(value: float, decimals: int = 0) -> str:
    """A number as the sources write it (165983 -> "165.983", 4.5 -> "4,5"), for round trips."""
    pattern = "#,##0" + (f".{'0' * decimals}" if decimals else "")
    return format_decimal(value, format=pattern, locale="id")


def exact(value: float, unit: str = "", resolution: float = 1.0, qualifier: str = "=") -> Quantity:
    return Quantity(value, value, value, unit, qualifier, resolution)


# ---------------------------------------------------------------- parse_quantity examples

PARSE_CASES = [
    # digits, dot thousands, decimal comma, percent
    ("165.983 unit", exact(165983, "unit")),
    ("182.000", exact(182000)),
    ("4,5 persen", exact(4.5, "%", 0.1)),
    ("18,3%", exact(18.3, "%", 0.1)),
    ("4,50 persen", exact(4.5, "%", 0.01)),
    ("10 Persen", exact(10, "%")),
    # currencies and scale words
    ("Rp520 triliun", exact(5.2e14, "IDR", 1e12)),
    ("Rp 439,86 triliun", exact(4.3986e14, "IDR", 1e10)),
    ("Rp. 5 juta", exact(5e6, "IDR", 1e6)),
    ("Rp50.000.000,00", exact(5e7, "IDR", 0.01)),
    ("US$24,7 miliar", exact(2.47e10, "USD", 1e8)),
    ("USD 5 juta", exact(5e6, "USD", 1e6)),
    ("$5", exact(5, "USD")),
    ("5 juta rupiah", exact(5e6, "IDR", 1e6)),
    ("5 juta dolar AS", exact(5e6, "USD", 1e6)),
    ("2 dollar AS", exact(2, "USD")),
    ("182 ribu unit", exact(182000, "unit", 1000)),
    ("4,03 juta", exact(4.03e6, "", 1e4)),
    ("3 Juta", exact(3e6, "", 1e6)),
    ("1,5 MILIAR", exact(1.5e9, "", 1e8)),
    ("2 milyar", exact(2e9, "", 1e9)),
    ("7 TRILIUN", exact(7e12, "", 1e12)),
    ("Rp2000", exact(2000, "IDR")),
    # number words
    ("seratus juta rupiah", exact(1e8, "IDR", 1e8)),
    ("dua ratus lima puluh ribu", exact(250000, "", 1e4)),
    ("lima ribu", exact(5000, "", 1000)),
    ("sembilan persen", exact(9, "%")),
    ("sebelas", exact(11)),
    ("sepuluh", exact(10, "", 10)),
    ("tujuh belas", exact(17)),
    ("dua puluh tiga", exact(23)),
    ("seratus", exact(100, "", 100)),
    ("empat ratus", exact(400, "", 100)),
    ("seribu", exact(1000, "", 1000)),
    ("tiga ribu dua ratus", exact(3200, "", 100)),
    ("Rp lima juta", exact(5e6, "IDR", 1e6)),
    ("satu sentra", exact(1, "sentra")),
    # counted nouns: in any case, reported as the noun; acronyms are case-sensitive
    ("10.000 IKM", exact(10000, "IKM")),
    ("3 UMKM", exact(3, "UMKM")),
    ("20.000 wirausaha baru", exact(20000, "wirausaha")),
    ("5.000 pelaku usaha", exact(5000, "pelaku")),
    ("400.000 orang", exact(400000, "orang")),
    ("12 Perusahaan", exact(12, "perusahaan")),  # a noun in any case reports the noun
    ("3 ikm", exact(3)),
    ("5 bulan", exact(5)),
    # qualifiers
    ("sekitar Rp373 triliun", exact(3.73e14, "IDR", 1e12, "~")),
    ("di kisaran sembilan persen", exact(9, "%", 1, "~")),
    ("kisaran 5 persen", exact(5, "%", 1, "~")),
    ("kurang lebih 5 unit", exact(5, "unit", 1, "~")),
    ("sekira 5 unit", exact(5, "unit", 1, "~")),
    ("di atas 10 persen", Quantity(10, 10, None, "%", ">", 1)),
    ("Di Atas 10 Persen", Quantity(10, 10, None, "%", ">", 1)),
    ("lebih dari 5 unit", Quantity(5, 5, None, "unit", ">", 1)),
    ("melebihi 5 unit", Quantity(5, 5, None, "unit", ">", 1)),
    ("kurang dari 5 unit", Quantity(5, None, 5, "unit", "<", 1)),
    ("di bawah 5 unit", Quantity(5, None, 5, "unit", "<", 1)),
    ("minimal 5 orang", Quantity(5, 5, None, "orang", ">=", 1)),
    ("sedikitnya 5 orang", Quantity(5, 5, None, "orang", ">=", 1)),
    ("setidaknya 5 orang", Quantity(5, 5, None, "orang", ">=", 1)),
    ("paling sedikit 5 orang", Quantity(5, 5, None, "orang", ">=", 1)),
    ("maksimal 5 orang", Quantity(5, None, 5, "orang", "<=", 1)),
    ("paling banyak 5 orang", Quantity(5, None, 5, "orang", "<=", 1)),
    ("SEKITAR 5 unit", exact(5, "unit", 1, "~")),
    # ranges
    ("5-6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5%-6%", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5 - 6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5–6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5 hingga 6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5 sampai 6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5 sampai dengan 6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("sekitar 5-6 persen", Quantity(5.5, 5, 6, "%", "~", 1)),
    ("Rp5-6 triliun", Quantity(5.5e12, 5e12, 6e12, "IDR", "range", 1e12)),
    ("Rp5 juta hingga Rp6 juta", Quantity(5.5e6, 5e6, 6e6, "IDR", "range", 1e6)),
    ("4,5-6 persen", Quantity(5.25, 4.5, 6, "%", "range", 1)),
    ("lima hingga enam persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    # a minus sign, or the word, touching the figure: negative (issue 31)
    ("-165.983 unit", exact(-165983, "unit")),
    ("-4,5 persen", exact(-4.5, "%", 0.1)),
    ("\u22124,5 persen", exact(-4.5, "%", 0.1)),
    ("minus 4,5 persen", exact(-4.5, "%", 0.1)),
    ("Minus Rp5 triliun", exact(-5e12, "IDR", 1e12)),
    ("-Rp5 triliun", exact(-5e12, "IDR", 1e12)),
    ("Rp -5 triliun", exact(-5e12, "IDR", 1e12)),
    ("sekitar -4,5 persen", exact(-4.5, "%", 0.1, "~")),
    ("lebih dari -5 persen", Quantity(-5, -5, None, "%", ">", 1)),
    ("(-4,5 persen)", exact(-4.5, "%", 0.1)),
    ("-5 hingga -3 persen", Quantity(-4, -5, -3, "%", "range", 1)),
    ("-5-3 persen", Quantity(-1, -5, 3, "%", "range", 1)),
    ("minus lima persen", exact(-5, "%")),
    # a percentage right after a fall word is the size of the fall: negative (issue 31)
    ("turun 4,5 persen", exact(-4.5, "%", 0.1)),
    ("ekspor IKM turun 4,5 persen", exact(-4.5, "%", 0.1)),
    ("Turun sebesar 4,5%", exact(-4.5, "%", 0.1)),
    ("menurun 2 persen", exact(-2, "%")),
    ("tumbuh negatif 1,5 persen", exact(-1.5, "%", 0.1)),
    ("turun sekitar 4,5 persen", exact(-4.5, "%", 0.1, "~")),
    ("turun lebih dari 5 persen", Quantity(-5, None, -5, "%", "<", 1)),
    ("turun paling banyak 5 persen", Quantity(-5, -5, None, "%", ">=", 1)),
    ("turun 4-5 persen", Quantity(-4.5, -5, -4, "%", "range", 1)),
    ("turun lima persen", exact(-5, "%")),
    # ... only a percentage, only right after it, and only without a sign of its own
    ("turun 200 unit", exact(200, "unit")),
    ("turun menjadi 4,5 persen", exact(4.5, "%", 0.1)),
    ("turun dari 5 unit", exact(5, "unit")),
    ("turun -4,5 persen", exact(-4.5, "%", 0.1)),
    ("naik 4,5 persen", exact(4.5, "%", 0.1)),
    # a hyphen joined to a word or number before it is no minus
    ("IKM ke-5", exact(5)),
    ("5%-6%", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("5 -6 persen", Quantity(5.5, 5, 6, "%", "range", 1)),
    ("- 4,5 persen", exact(4.5, "%", 0.1)),
    # surrounding words
    ("jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016", exact(165983, "unit")),
    ("pada 2016 sebesar Rp520 triliun", exact(5.2e14, "IDR", 1e12)),
    ("tumbuh 5 persen hingga 2019", exact(5, "%")),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


# ---------------------------------------------------------------- find_quantities examples

SEEDS = [
    (
        "Kemenperin mencatat, jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016 atau "
        "meningkat 4,5 persen dibandingkan tahun 2015.",
        [(165983, "unit", "="), (4.5, "%", "=")],
    ),
    (
        "nilai tambah IKM pada 2014 tahun sekitar Rp373 triliun menjadi Rp439 triliun pada 2015 "
        "atau naik 17,6 persen.",
        [(3.73e14, "IDR", "~"), (4.39e14, "IDR", "="), (17.6, "%", "=")],
    ),
    ("Kamis 28 Dec 2017 18:24 WIB", []),
    ("kata Gati, di kantornya, Kamis (28/12).", []),
    ("Industri Kecil Menengah Ditargetkan Tumbuh di Atas 10 Persen", [(10, "%", ">")]),
    (
        "capaian pertumbuhan IKM hingga akhir tahun ini yang berada di kisaran sembilan persen",
        [(9, "%", "~")],
    ),
    ("ada 10.000 IKM yang sudah bisa", [(10000, "IKM", "=")]),
    ("Pada 2019, ditargetkan akan mencapai 20.000 wirausaha baru.", [(20000, "wirausaha", "=")]),
    ("5.000 pelaku usaha", [(5000, "pelaku", "=")]),
    ("menjadi kiblat fashion Muslim dunia pada 2020.", []),
]


@pytest.mark.parametrize(("text", "expected"), SEEDS, ids=[s[0][:40] for s in SEEDS])
def test_seed_sentences(text: str, expected: list[tuple[float, str, str]]) -> None:
    found = [
        (m.quantity.value, m.quantity.unit, m.quantity.qualifier) for m in find_quantities(text)
    ]
    assert found == expected


def test_seed_bounds_open_above() -> None:
    (mention,) = find_quantities("Industri Kecil Menengah Ditargetkan Tumbuh di Atas 10 Persen")
    assert (mention.quantity.lower, mention.quantity.upper) == (10, None)


NOT_FIGURES = [
    "pada 2016",
    "tahun 2016",
    "hingga 2019",
    "periode 2015-2019",
    "Copyright (c) ANTARA 2017",
    "Copyright © ANTARA 2017Kamis 28 Dec 2017 18:24 WIB",
    "Selasa (16/6).(Republika/Agung Supriyanto)",
    "28 Desember 2017",
    "5 Mei",
    "pukul 18:24",
    "Industri 4.0",
    "versi 2.1",
    "salah satu program",
    "dua puluh tiga",
    "sebelas",
    "sekitar lima",
    "pada 2016 IKM tumbuh",
    "Rp",
    "",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str) -> None:
    assert find_quantities(text) == []


SPANS = [
    ("tumbuh di atas 10 persen pada 2018", [(7, 24, "di atas 10 persen")]),
    ("naik sekitar Rp373 triliun.", [(5, 26, "sekitar Rp373 triliun")]),
    ("Rp. 5 juta dan 5%-6%", [(0, 10, "Rp. 5 juta"), (15, 20, "5%-6%")]),
    ("sebesar US$24,7 miliar", [(8, 22, "US$24,7 miliar")]),
    ("target 5 sampai dengan 6 persen", [(7, 31, "5 sampai dengan 6 persen")]),
    ("Kamis (28/12), 1.200 sentra", [(15, 27, "1.200 sentra")]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS, ids=[s[0] for s in SPANS])
def test_mention_spans(text: str, expected: list[tuple[int, int, str]]) -> None:
    mentions = find_quantities(text)
    assert [(m.start, m.end, m.text) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_find_in_order_and_counted_nouns_constant() -> None:
    text = "menyerap 400.000 orang, 1.200 sentra IKM dan lima ribu unit"
    assert [m.quantity.value for m in find_quantities(text)] == [400000, 1200, 5000]
    assert {"unit", "orang", "sentra", "IKM", "UKM", "UMKM", "ton"} <= set(COUNTED_NOUNS)


# ---------------------------------------------------------------- errors

PARSE_ERRORS = [
    ("4.5 persen", "4.5"),
    ("1,234,567", "1,234,567"),
    ("abc", "abc"),
    ("", "''"),
    ("pada 2016", "pada 2016"),
    ("salah satu", "salah satu"),
    ("5 unit dan 6 orang", "5 unit dan 6 orang"),
    ("Rp4.5 juta", "4.5"),
]


@pytest.mark.parametrize(("text", "offending"), PARSE_ERRORS)
def test_parse_quantity_errors(text: str, offending: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_quantity(text)
    assert offending in str(info.value)


@pytest.mark.parametrize("text", ["naik 4.5 persen", "Rp4.5 triliun", "sekitar 1,234,567 unit"])
def test_find_quantities_rejects_malformed_figures(text: str) -> None:
    bad = re.search(r"[0-9][0-9.,]*[0-9]", text)[0]
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        find_quantities(text)


def test_a_malformed_figure_says_where_it_is() -> None:
    text = "terdapat 4.443 sentra dan menyerap 675.0007 tenaga kerja, dan 3.004 sentra"
    with pytest.raises(MalformedNumber) as info:
        find_quantities(text)
    assert text[info.value.start : info.value.end] == "675.0007 tenaga"


# ---------------------------------------------------------------- written (round trips)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(165983, 0, "165.983"), (4.5, 1, "4,5"), (5e7, 2, "50.000.000,00"), (0.25, 0, "0")],
)
def test_round_trips_write_numbers_as_the_sources_do(value, decimals, expected) -> None:
    assert written(value, decimals) == expected


# ---------------------------------------------------------------- properties

SCALE_WORDS = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "Milyar": 10**9, "TRILIUN": 10**12}
_DIGITS = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def spell(n: int) -> str:
    """Indonesian number words for 1 <= n < 10**12 (independent of the module under test)."""
    words = []
    for scale, name in ((10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        q, n = divmod(n, scale)
        if q:
            words.append("seribu" if (q, name) == (1, "ribu") else f"{spell_small(q)} {name}")
    if n:
        words.append(spell_small(n))
    return " ".join(words)


def spell_small(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = ["seratus" if hundreds == 1 else f"{_DIGITS[hundreds - 1]} ratus"] if hundreds else []
    tens, units = divmod(rest, 10)
    if rest in (10, 11):
        words.append("sepuluh" if rest == 10 else "sebelas")
    elif tens == 1:
        words.append(f"{_DIGITS[units - 1]} belas")
    elif tens:
        words.append(f"{_DIGITS[tens - 1]} puluh")
    if units and tens != 1:
        words.append(_DIGITS[units - 1])
    return " ".join(words)


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_round_trip(n: int) -> None:
    assert parse_quantity(written(n)) == exact(n)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=3))
def test_decimals_round_trip(units: int, decimals: int) -> None:
    x = Decimal(units).scaleb(-decimals)
    q = parse_quantity(written(float(x), decimals) + " persen")
    assert math.isclose(q.value, float(x), rel_tol=1e-12, abs_tol=1e-12)
    assert (q.unit, q.qualifier, q.lower, q.upper) == ("%", "=", q.value, q.value)
    assert math.isclose(q.resolution, 10.0**-decimals)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(sorted(SCALE_WORDS)),
    st.sampled_from(["Rp", "Rp ", "Rp. ", "US$", ""]),
)
def test_scaled_money_round_trip(units: int, decimals: int, scale: str, prefix: str) -> None:
    x = Decimal(units).scaleb(-decimals)
    text = f"sekitar {prefix}{written(float(x), decimals)} {scale}"
    q = parse_quantity(text)
    assert math.isclose(q.value, float(x * SCALE_WORDS[scale]), rel_tol=1e-12)
    assert math.isclose(q.resolution, 10.0**-decimals * SCALE_WORDS[scale])
    expected_unit = {"Rp": "IDR", "US": "USD"}.get(prefix[:2], "")
    assert (q.unit, q.qualifier) == (expected_unit, "~")


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_number_words_round_trip(n: int) -> None:
    q = parse_quantity(spell(n))
    assert q.value == n
    assert n % q.resolution == 0


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_ranges_round_trip(a: int, b: int) -> None:
    low, high = sorted((a, b))
    q = parse_quantity(f"{written(low)}-{written(high)} unit")
    assert (q.lower, q.upper, q.value, q.unit) == (low, high, (low + high) / 2, "unit")


FRAGMENTS = [
    "Rp", "Rp.", "US$", "$", "5", "4,5", "165.983", "2016", "2015-2019", "4.5", "4.0",
    "1,234,567", "persen", "Persen", "%", "-", "–", "hingga", "sampai", "dengan", "sekitar",
    "di", "atas", "kisaran", "kurang", "lebih", "dari", "juta", "triliun", "ribu", "lima",
    "sebelas", "puluh", "satu", "salah", "unit", "IKM", "orang", "dolar", "AS", "rupiah",
    "(28/12)", "18:24", "Dec", "Desember", "pada", "tahun", ".", ",", "(", ")",
]  # fmt: skip


def check_offsets(text: str) -> None:
    try:
        mentions = find_quantities(text)
    except ValueError as error:  # must quote pieces of the text (as Python string literals)
        quoted = re.findall(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", str(error))
        assert quoted and all(ast.literal_eval(q) in text for q in quoted)
        return
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "", ", "]))))
def test_offsets_on_news_like_text(parts: list[tuple[str, str]]) -> None:
    check_offsets("".join(fragment + sep for fragment, sep in parts))


@given(st.text())
def test_offsets_on_any_text(text: str) -> None:
    check_offsets(text)


# ---------------------------------------------------------------- the anchored scan


def scans(text: str, code: str = "id") -> tuple[object, object]:
    """What the anchored scan (find_quantities) and the scan of every token give, or the
    message each raises."""
    results = []
    for scan in (
        lambda: find_quantities(text, code),
        lambda: _scan(text, LANGUAGES[code], strict=False, bare=False),
    ):
        try:
            results.append(scan())
        except ValueError as error:
            results.append(str(error))
    return results[0], results[1]


WORDY = [*FRAGMENTS, "Sembilan", "SATU", "kesatuan", "dua", "kedua", "seribu", "Rp.", "USD",
         "uſd", "K", "İ", "about", "more", "than", "units", "trillion", "Dec", "28", "2100",
         "1899", "02016", "2016", "rp", "$", "US$", "IDR", "new", "dollars", "\u2212", "minus",
         "Minus", "turun", "sebesar", "negatif", "menjadi", "fell", "by", "down", "percent",
         "-5", "ke-5", "(-4,5", "-2016", "Rp-5", "Rp.-5", "-Rp5", "Industri", "industri", "kecil",
         "Menengah", "Orang", "wirausahawan", "business", "small", "medium", "industries",
         "and"]  # fmt: skip


@given(st.lists(st.tuples(st.sampled_from(WORDY), st.sampled_from([" ", "", ", ", "\n", "  "]))))
def test_the_anchored_scan_equals_the_scan_of_every_token(parts) -> None:
    text = "".join(fragment + sep for fragment, sep in parts)
    anchored, every = scans(text)
    assert anchored == every
    anchored, every = scans(text, "en")
    assert anchored == every


@given(st.text())
def test_the_anchored_scan_equals_the_scan_of_every_token_on_any_text(text: str) -> None:
    anchored, every = scans(text)
    assert anchored == every


def test_the_anchored_scan_equals_the_scan_of_every_token_on_the_seed_articles() -> None:
    texts = normalised_texts(DATA, load_sources(DATA))
    for text in texts.values():
        anchored, every = scans(text)
        assert anchored == every and len(anchored) >= 5


@pytest.mark.parametrize(
    "text",
    ["pada 2016", "Rp 2016", "Rp. 2016", "US$ 2016", "2016 persen", "2016%", "2016 juta unit",
     "2016 rupiah", "2016 USD", "sekitar 2016 unit", "2100 unit", "1899 unit", "02016 unit"],
)  # fmt: skip
def test_years_and_year_like_figures_as_by_the_full_scan(text: str) -> None:
    for code in ("id", "en"):
        anchored, every = scans(f"naik {text} tahun ini", code)
        assert anchored == every


def test_a_figure_starts_as_far_before_its_number_as_a_qualifier_and_currency_reach() -> None:
    (mention,) = find_quantities("naik kurang lebih Rp. 5 juta")
    assert (mention.text, mention.quantity.qualifier) == ("kurang lebih Rp. 5 juta", "~")
    (mention,) = find_quantities("ekspor turun sebesar kurang lebih 5 persen")
    assert (mention.text, mention.quantity.value) == ("turun sebesar kurang lebih 5 persen", -5)
    (mention,) = find_quantities("naik kurang lebih minus Rp. 5 juta")
    assert (mention.text, mention.quantity.value) == ("kurang lebih minus Rp. 5 juta", -5e6)
    for text in ("x " * 9 + "turun sebesar kurang lebih minus Rp. 5 juta", "turun 4,5 persen"):
        anchored, every = scans(text)
        assert anchored == every


@pytest.mark.parametrize(
    ("text", "value"),
    [("down 4.5 percent", -4.5), ("fell by 4.5 percent", -4.5), ("minus 4.5 percent", -4.5),
     ("-165,983 units", -165983), ("fell to 4.5 percent", 4.5), ("dropped 200 units", 200)],
)  # fmt: skip
def test_english_signs_and_falls(text: str, value: float) -> None:
    (mention,) = find_quantities(text, "en")
    assert mention.quantity.value == value


def test_figures_after_long_words_and_number_words_are_found_as_by_the_full_scan() -> None:
    # the window before an anchor is counted in words, not characters; number words extend it
    text = "x" * 500 + " sekitar Rp 5 juta, " + "y" * 300 + " dua ratus lima puluh ribu unit"
    anchored, every = scans(text)
    assert anchored == every
    assert [m.text for m in anchored] == ["sekitar Rp 5 juta", "dua ratus lima puluh ribu unit"]


# ---------------------------------------------------------------- English releases

ENGLISH = [
    ("the number of IKM grew to 165,983 units in 2016", [(165983, "unit", "=")]),
    ("value added of Rp 520 trillion", [(5.2e14, "IDR", "=")]),
    ("up 4.5 percent from 2015", [(4.5, "%", "=")]),
    ("about Rp373 trillion", [(3.73e14, "IDR", "~")]),
    ("targeted to reach 182,000 units", [(182000, "unit", "=")]),
    ("absorbing 400,000 workers", [(400000, "pekerja", "=")]),
    ("more than 10 percent in 2018", [(10, "%", ">")]),
    ("1,200 IKM centres", [(1200, "IKM", "=")]),
    ("Jakarta, December 28, 2017", []),
    ("on 28 December 2017", []),
    ("US$24.7 billion", [(2.47e10, "USD", "=")]),
    ("to foster 3,500 new entrepreneurs", [(3500, "wirausaha", "=")]),
    ("3,500 new ideas", [(3500, "", "=")]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH, ids=[e[0] for e in ENGLISH])
def test_english_releases(text: str, expected) -> None:
    found = [
        (m.quantity.value, m.quantity.unit, m.quantity.qualifier)
        for m in find_quantities(text, "en")
    ]
    assert found == expected


REAL_TEXT_NOUNS = [
    ("Serap 12,37 Juta Tenaga Kerja", "id", 12.37e6, "tenaga"),
    ("Menyerap 9,4 Juta Orang", "id", 9.4e6, "orang"),
    ("sampai 2020 hingga 20.000 wirausahawan", "id", 20000, "wirausaha"),
    ("sebanyak 1.630 industri kecil dan menengah (IKM)", "id", 1630, "IKM"),
    ("sebanyak 1.265 Industri Kecil Menengah (IKM) dari berbagai daerah", "id", 1265, "IKM"),
    ("3.52 million business units", "en", 3.52e6, "unit"),
    ("recorded 4.4 million small and medium industries in 2019", "en", 4.4e6, "IKM"),
    ("4,000 Units", "en", 4000, "unit"),
]


@pytest.mark.parametrize(("text", "code", "value", "unit"), REAL_TEXT_NOUNS)
def test_counted_nouns_in_any_case_and_as_real_text_writes_them(text, code, value, unit) -> None:
    (mention,) = find_quantities(text, code)
    assert (mention.quantity.value, mention.quantity.unit) == (pytest.approx(value), unit)


def test_english_resolution_counts_decimals_after_the_point() -> None:
    assert parse_quantity("4.50 percent", "en").resolution == 0.01
    assert parse_quantity("Rp 439.86 trillion", "en").resolution == 1e10


def test_an_unknown_language_is_named() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        find_quantities("5 unit", "fr")
