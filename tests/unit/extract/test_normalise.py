"""The normaliser repairs characters and drops page furniture, keeping article text."""

import re

import ftfy
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.paths import DATA
from helpers.extract import normalise as normalise_module
from helpers.extract.normalise import fix_text, normalise


def raw(name: str) -> str:
    return (DATA / "raw" / f"{name}.txt").read_text(encoding="utf-8")


def test_broken_closing_quote_becomes_a_quote_and_a_space():
    text = normalise(raw("antara-2017-ikm"))
    assert "\u2020" not in text
    assert 'desain yang baik," kata Airlangga' in text
    assert 'di daerah," tuturnya' in text


def test_curly_quotes_and_non_breaking_spaces_become_plain():
    text = normalise("\u201cKami\u201d kata\u00a0Gati  di\u00a0\u00a0Jakarta\n")
    assert text == '"Kami" kata Gati di Jakarta\n'


def test_page_furniture_is_dropped():
    text = normalise(raw("republika-2017-12-28-ikm"))
    for furniture in ["Advertisement", "Berita Lainnya", "Foto:", "Seberapa tertarik", "Rep:"]:
        assert furniture not in text
    assert "Pengunjung melihat kain" not in text  # the photo caption, printed twice
    assert text.startswith("Kamis 28 Dec 2017 18:24 WIB\n")
    assert "di kisaran sembilan persen" in text


def test_by_lines_and_footer_are_dropped_from_antara():
    text = normalise(raw("antara-2017-ikm"))
    assert "Pewarta" not in text and "Copyright" not in text
    assert text.rstrip().endswith("atau naik 17,6 persen.")


def test_article_sentences_repeated_are_not_mistaken_for_captions():
    short = "Naik.\nNaik.\n"
    assert normalise(short) == short


# ---------------------------------------------------------------- fix_text: ftfy, faster


def ftfy_whole(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")


LINES = [
    "plain line", "caf\u00e9", "\u201ckata\u201d", "a &amp; b", "x < y", "tab\there", "\r",
    "\x1b[31mred", "\x00nul", "\u00e2\u20ac\u201d mojibake", "&lt;b&gt;", "", "Ã©t\u00e9",
]  # fmt: skip


@given(st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\r\n", " ", ""]))))
def test_fix_text_equals_ftfy_on_the_whole_text(parts) -> None:
    text = "".join(line + end for line, end in parts)
    assert fix_text(text) == ftfy_whole(text)


QUOTED = "\u2018\u2019\u201c\u201d\u00a0\u2013\u2014\u2026\u00a9"
SUSPECT = "\u00c3\u00c2\u00e2\u20ac\u0153\u00a6\u00a2\u00a9\u00ae\u2122\u00e9"


@given(st.text(alphabet=st.sampled_from(f"ab .,&<\n\r\t{QUOTED}{SUSPECT}"), max_size=40))
def test_fix_text_equals_ftfy_on_quotes_dashes_and_mojibake(text: str) -> None:
    assert fix_text(text) == ftfy_whole(text)


@given(st.text())
def test_fix_text_equals_ftfy_on_any_text(text: str) -> None:
    assert fix_text(text) == ftfy_whole(text)


def test_a_line_of_curly_quotes_is_uncurled_as_ftfy_does() -> None:
    text = "\u201cKami siap,\u201d kata Gati \u2013 di Jakarta\u2026\n\u00e2\u20ac\u0153mojibake\n"
    assert fix_text(text) == ftfy_whole(text)
    assert fix_text(text).startswith('"Kami siap," kata')


def test_no_line_of_ascii_quotes_and_dashes_looks_like_mojibake_to_ftfy() -> None:
    # normalise skips ftfy's `is_bad` on such lines for the locked ftfy: true only if none of
    # its patterns can match them. Its character classes hold no ASCII, these characters only
    # in classes that need a partner outside them; and every short string is checked.
    from itertools import product

    from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad

    assert (ftfy.__version__ == "6.3.1") == normalise_module._QUOTED_NEVER_BAD
    partners = {"common", "start_punctuation", "end_punctuation"}
    for name, chars in MOJIBAKE_CATEGORIES.items():
        members = re.compile(f"[{chars}]")  # a category is a character class, ranges and all
        assert not any(members.match(chr(c)) for c in range(128)), name
        if name not in partners:
            assert not any(members.match(c) for c in QUOTED), name
    reps = "aZx _.,?!1\t\n-'\"("
    for size in (1, 2, 3):
        for chars in product(reps + QUOTED, repeat=size):
            assert not is_bad("".join(chars))


def test_html_stays_escaped_after_the_first_line_with_a_tag() -> None:
    # ftfy stops unescaping from the first segment holding "<"; so must the fast path
    text = "a &amp; b\nx < y\nc &amp; d\n"
    assert fix_text(text) == ftfy_whole(text) == "a & b\nx < y\nc &amp; d\n"
