"""Clean a raw news page into the text figures are quoted from.

The raw files stay as received; every repair happens here, so it is visible and tested.
"""

import re
from collections import Counter

import ftfy
from ftfy.badness import is_bad
from ftfy.fixes import uncurl_quotes

# Characters that arrive broken in the seed pages, and what they stood for.
# ANTARA's closing quote and the space after it (E2 80 9D 20) came out as E2 80 A0, a dagger
# glued to the next word ("baik,\u2020kata"); ftfy cannot see this, so it is mapped back here.
BROKEN_CHARACTERS = {"\u2020": "\u201d "}

# Whole lines that are page furniture, not article text.
FURNITURE = [
    re.compile(r"Advertisement"),
    re.compile(r"Berita Lainnya"),
    re.compile(r"Foto: .*"),  # photo credit
    re.compile(r"Seberapa .*\?"),  # reader poll
    re.compile(r"(Pewarta|Editor|Rep): .*"),  # by-lines
    re.compile(r"Copyright \S+ .*"),  # footer
    re.compile(r"Halaman:?(?: \d+)?"),  # page navigation ("Halaman 3", "Halaman:")
    re.compile(r"\(?Baca( [Jj]uga)?: .*"),  # a link to another article ("Baca Juga: ...")
]


# A line of these characters alone is one ftfy leaves as it is (no control character, no
# carriage return, no `&` that could start an HTML entity, nothing outside ASCII to repair).
_PLAIN_LINE = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")
# A line that adds only these to them (curly quotes, no-break space, dashes, ellipsis,
# copyright sign) is one ftfy only uncurls, as long as it does not look like mojibake (ftfy's
# own test, `is_bad`, before and after): no other of its fixes touches these characters.
_QUOTED_LINE = re.compile(
    "[\t\x20-\x25\x27-\x7e\u2018\u2019\u201c\u201d\u00a0\u2013\u2014\u2026\u00a9]*\n?"
)
_FTFY_SEGMENT = ftfy.TextFixerConfig().max_decode_length
# Every pattern of ftfy 6.3.1's mojibake test needs a character outside _QUOTED_LINE's (a test
# checks), so such a line never looks like mojibake; another version of ftfy is asked.
_QUOTED_NEVER_BAD = ftfy.__version__ == "6.3.1"


def _never_bad(segment: str) -> bool:
    """Whether ftfy would see no mojibake in the line, before or after uncurling it."""
    return _QUOTED_NEVER_BAD or not (is_bad(segment) or is_bad(uncurl_quotes(segment)))


def fix_text(text: str) -> str:
    """`ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")`, with its segments
    (lines) that need no repair passed through unchanged: ftfy fixes each segment on its own,
    so the result is the same, several times faster on news text (mostly plain lines)."""
    out = []
    first_lt = text.find("<")  # ftfy stops unescaping HTML from the first segment with "<"
    pos = 0
    while pos < len(text):
        brk = text.find("\n", pos) + 1 or len(text)
        brk = min(brk, pos + _FTFY_SEGMENT)
        segment = text[pos:brk]
        if _PLAIN_LINE.fullmatch(segment):
            out.append(segment)
        elif _QUOTED_LINE.fullmatch(segment) and _never_bad(segment):
            out.append(uncurl_quotes(segment))
        else:
            html = False if 0 <= first_lt < pos else "auto"
            out.append(
                ftfy.fix_text(segment, uncurl_quotes=True, normalization="NFC", unescape_html=html)
            )
        pos = brk
    return "".join(out)


def normalise(raw: str) -> str:
    """Return the article text: repaired characters, plain spaces, no page furniture."""
    text = raw
    for broken, meant in BROKEN_CHARACTERS.items():
        text = text.replace(broken, meant)
    text = fix_text(text)
    text = text.replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    repeated = {line for line, n in Counter(lines).items() if n > 1 and len(line) > 40}
    kept = [
        line
        for line in lines
        if line and line not in repeated and not any(p.fullmatch(line) for p in FURNITURE)
    ]
    return "\n".join(kept) + "\n"
