"""What an article says about itself: its publisher, date, title and language.

Each is read where the text says it, or left empty for the researcher to give: the publisher
from the marks of data/publishers.csv ("REPUBLIKA.CO.ID", "(ANTARA News)"), the date from
the first date the text gives in full ("Kamis 28 Dec 2017", "December 28, 2017",
"2017-12-28", "(18/7/2022)", "| 05-06-2015"), or in a dateline without its year ("Jumat
(1/11)") when exactly one year the text names puts that day on that weekday, or failing all
that the year of a copyright line; the title from the first line that reads as a headline,
and the language from the commonest short words. A weekday alone is no date: no day is
invented.
"""

import re
from dataclasses import dataclass
from datetime import date
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
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf"|(?P<d4>\d{{1,2}})(?P<sep>[/-])(?P<m4>\d{{1,2}})(?P=sep)(?P<y4>(?:19|20)\d\d))(?![\w/-])",
    re.IGNORECASE,
)  # day month year, month day year, ISO, and day/month/year or day-month-year (as Indonesia writes)
WEEKDAYS = {
    **{d: i for i, d in enumerate(["senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
                                  "minggu"])},
    **{d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                  "saturday", "sunday"])},
    "jum'at": 4, "ahad": 6,
}  # fmt: skip
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True)).replace("'", "['\u2019]?")
# A dateline without its year: "Jumat (1/11)", "Senin, (4/12)".
DATELINE = re.compile(
    rf"(?<!\w)(?P<weekday>{_WEEKDAY})\s*,?\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})\)", re.IGNORECASE
)
NAMED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
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
            if m["y3"]
            else (m["y4"], int(m["m4"]), m["d4"])
        )
        iso = f"{year}-{int(month):02d}-{int(day):02d}"
        if is_real_date(iso):
            found.append((m.start(), m.end(), iso))
    return found


def dateline_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, YYYY-MM-DD) of each dateline that gives a weekday, day and month but no
    year ("Jumat (1/11)"), where exactly one year the text names (or its copyright line)
    puts that day on that weekday; a dateline no year or several fit is left out."""
    years = {int(y) for y in NAMED_YEAR.findall(text)}
    found = []
    for m in DATELINE.finditer(text):
        weekday = WEEKDAYS[m["weekday"].lower().replace("\u2019", "'")]
        fits = [
            iso
            for year in sorted(years)
            if is_real_date(iso := f"{year}-{int(m['m']):02d}-{int(m['d']):02d}")
            and date.fromisoformat(iso).weekday() == weekday
        ]
        if len(fits) == 1:
            found.append((m.start(), m.end(), fits[0]))
    return found


def detect_published(raw: str) -> str:
    """The first date of the text, given in full or in a dateline whose year is settled by
    its weekday, else the year of a copyright line, else ""."""
    dates = sorted(date_spans(raw) + dateline_spans(raw))
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


def headline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each of the normalised text's first four lines that reads as a
    headline: 3 to 25 words, no sentence end (at its end or within), not a date or a
    dateline. A headline restates the body, and names no period of its own."""
    spans, start = [], 0
    for line in text.split("\n")[:4]:
        if _reads_as_headline(line):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 25 or line.rstrip().endswith((".", "!", "?", ",")):
        return False
    if date_spans(line) or re.search(r"\b\d{1,2}:\d\d\b", line):
        return False  # "Kamis 28 Dec 2017 18:24 WIB"
    if re.search(r"\s-{1,2}\s", line) and len(words) > 12:
        return False  # a lead with its dateline
    return not re.search(r"[.!?]\s+[A-Z]", line)  # two sentences: a banner ("Nyaman tanpa
    # iklan. Langganan ...")


def detect_title(text: str) -> str:
    """The first line of the normalised text that reads as a headline (`headline_spans`),
    else ""."""
    spans = headline_spans(text)
    return text[spans[0][0] : spans[0][1]].strip() if spans else ""


def read_metadata(raw: str, text: str, data_dir: Path) -> Metadata:
    """What the raw text and its normalised form say of the article."""
    return Metadata(
        publisher=detect_publisher(raw, data_dir),
        published=detect_published(raw),
        title=detect_title(text),
        language=detect_language(text),
    )
