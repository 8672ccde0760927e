"""What an article says about itself: its publisher, date, title and language.

Each is read where the text says it, or left empty for the researcher to give: the publisher
from the marks of data/publishers.csv ("REPUBLIKA.CO.ID", "(ANTARA News)"), the date from
the first full date ("Kamis 28 Dec 2017", "December 28, 2017", "2017-12-28") or, failing
that, the year of a copyright line, the title from the first line that reads as a headline,
and the language from the commonest short words.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from helpers.core.schemas import PUBLISHERS
from helpers.core.tables import read_input
from helpers.extract.sources import is_real_date

MONTHS = {
    **{m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli",
        "agustus", "september", "oktober", "november", "desember"], 1)},
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"], 1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"(?<!\w)(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\.?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))(?!\w)",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(r"(?:Copyright|\u00a9|\(c\))[^\n]*?((?:19|20)\d\d)", re.IGNORECASE)
WORDS = {
    "id": {"yang", "dan", "di", "untuk", "dengan", "pada", "ini", "dari", "dalam", "akan",
           "tahun", "tersebut", "juga", "adalah", "atau", "menjadi", "mencapai", "sebesar",
           "sebanyak", "bahwa", "kata", "oleh"},
    "en": {"the", "and", "of", "to", "in", "is", "for", "with", "that", "by", "from", "will",
           "this", "are", "or", "has", "was", "were", "said", "at", "on"},
}  # fmt: skip


@dataclass(frozen=True)
class Metadata:
    """What the text says of the article; an empty field is one it does not say."""

    publisher: str = ""
    published: str = ""
    title: str = ""
    language: str = ""


def date_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, YYYY-MM-DD) of every full date in the text that exists."""
    found = []
    for m in DATE.finditer(text):
        year, month, day = (
            (m["y1"], MONTHS[m["m1"].lower()], m["d1"])
            if m["y1"]
            else (m["y2"], MONTHS[m["m2"].lower()], m["d2"])
            if m["y2"]
            else (m["y3"], int(m["m3"]), m["d3"])
        )
        iso = f"{year}-{int(month):02d}-{int(day):02d}"
        if is_real_date(iso):
            found.append((m.start(), m.end(), iso))
    return found


def detect_published(raw: str) -> str:
    """The first full date of the text, else the year of a copyright line, else ""."""
    dates = date_spans(raw)
    if dates:
        return dates[0][2]
    copyright_line = COPYRIGHT.search(raw)
    return copyright_line.group(1) if copyright_line else ""


def detect_publisher(raw: str, data_dir: Path) -> str:
    """The first publisher of data/publishers.csv with a mark in the text, else ""."""
    for row in read_input(PUBLISHERS, data_dir).itertuples():
        if any(mark and mark in raw for mark in row.marks.split("|")):
            return row.publisher
    return ""


def detect_language(text: str) -> str:
    """`id` or `en` when one language's short words clearly outnumber the other's, else ""."""
    words = re.findall(r"[a-z]+", text.lower())
    counts = {code: sum(w in common for w in words) for code, common in WORDS.items()}
    (first, n), (_, m) = sorted(counts.items(), key=lambda c: -c[1])
    return first if n >= 3 and n >= 2 * m else ""


def detect_title(text: str) -> str:
    """The first line of the normalised text that reads as a headline: 3 to 25 words, no
    sentence end, not a date or a dateline; else ""."""
    for line in text.splitlines()[:4]:
        words = line.split()
        if not 3 <= len(words) <= 25 or line.rstrip().endswith((".", "!", "?", ",")):
            continue
        if date_spans(line) or re.search(r"\b\d{1,2}:\d\d\b", line):
            continue  # "Kamis 28 Dec 2017 18:24 WIB"
        if re.search(r"\s-{1,2}\s", line) and len(words) > 12:
            continue  # a lead with its dateline
        return line.strip()
    return ""


def read_metadata(raw: str, text: str, data_dir: Path) -> Metadata:
    """What the raw text and its normalised form say of the article."""
    return Metadata(
        publisher=detect_publisher(raw, data_dir),
        published=detect_published(raw),
        title=detect_title(text),
        language=detect_language(text),
    )
