"""Clean a raw news page into the text figures are quoted from.

The raw files stay as received; every repair happens here, so it is visible and tested.
"""

import re
from collections import Counter

import ftfy

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
]


def normalise(raw: str) -> str:
    """Return the article text: repaired characters, plain spaces, no page furniture."""
    text = raw
    for broken, meant in BROKEN_CHARACTERS.items():
        text = text.replace(broken, meant)
    text = ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")
    text = text.replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    repeated = {line for line, n in Counter(lines).items() if n > 1 and len(line) > 40}
    kept = [
        line
        for line in lines
        if line and line not in repeated and not any(p.fullmatch(line) for p in FURNITURE)
    ]
    return "\n".join(kept) + "\n"
