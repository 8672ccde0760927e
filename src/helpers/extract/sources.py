"""The raw articles and their description in data/sources.csv, checked before any use."""

import hashlib
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from helpers.core.files import NotAFile, read_regular
from helpers.core.paths import display_path
from helpers.core.schemas import PUBLISHERS, SOURCES
from helpers.core.tables import read_input, row_lines, table_rows
from helpers.extract.quantities import LANGUAGES

PUBLISHED = re.compile(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?")  # ASCII digits: \d takes any script's
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
SHA256 = re.compile(r"[0-9a-f]{64}")
WORDINGS = ("verbatim", "digest")  # the text as published, or its figures with our wording
FUTURE = "is in the future; a source is dated by when it was published"
MAX_RAW_BYTES = 5_000_000  # 5 MB: a news article's text is some kilobytes; more is a wrong file


def raw_path(data_dir: Path, source_id: str) -> Path:
    """Each source's text lives in data/raw/<source_id>.txt."""
    return Path(_raw_file(data_dir, source_id))


def _raw_file(data_dir: Path, source_id: str) -> str:
    """`raw_path` as a string, to open thousands of files without making a Path of each."""
    return f"{data_dir}/raw/{source_id}.txt"


def is_real_date(published: str) -> bool:
    """Whether a well-formed `published` names a day (or year) that exists: no 30 February."""
    try:
        date.fromisoformat(published_order(published))
    except ValueError:
        return False
    return True


def is_future(published: str, today: date | None = None) -> bool:
    """Whether a real `published` date lies after tomorrow (a day's grace for time zones: an
    article dated in Jakarta may be a day ahead of the reader's clock); a year-only date
    counts from its first day."""
    latest = (today or date.today()) + timedelta(days=1)
    return date.fromisoformat(published_order(published)) > latest


def load_sources(data_dir: Path) -> pd.DataFrame:
    """Read data/sources.csv and check ids, dates and checksums are well formed."""
    path = data_dir / str(SOURCES.file)
    sources = read_input(SOURCES, data_dir)
    lines = row_lines(path, data_dir)
    dates = {
        p: bool(PUBLISHED.fullmatch(p)) and is_real_date(p) and not is_future(p)
        for p in set(sources.published)
    }
    fine = (
        sources.source_id.str.fullmatch(SOURCE_ID.pattern)
        & sources.published.map(dates).astype(bool)
        & sources.language.isin(list(LANGUAGES))
        & sources.wording.isin(WORDINGS)
        & sources.sha256.str.fullmatch(SHA256.pattern)
    )
    if not fine.all():  # every check at once; the first failing row is then checked in full
        shown = display_path(path, data_dir)
        for line, row in zip(lines, table_rows(sources), strict=True):
            _check_source(row, f"{shown} line {line}")
    duplicated = sources.source_id[sources.source_id.duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{display_path(path, data_dir)}: duplicate source_id {duplicated}")
    return sources


def official_publishers(data_dir: Path) -> frozenset[str]:
    """The publishers data/publishers.csv marks as the ministry's own words (`official`)."""
    publishers = read_input(PUBLISHERS, data_dir)
    return frozenset(publishers.publisher[publishers.official == "yes"])


def _check_source(row, where: str) -> None:
    """Raise ValueError naming `where` unless a row of data/sources.csv has a well-formed id,
    a real date not in the future, a language the parser reads and a SHA-256 checksum."""
    if not SOURCE_ID.fullmatch(row.source_id):
        raise ValueError(f"{where}: source_id {row.source_id!r} must be lowercase a-z, 0-9, -")
    if not PUBLISHED.fullmatch(row.published):
        raise ValueError(f"{where}: published {row.published!r} must be YYYY or YYYY-MM-DD")
    if not is_real_date(row.published):
        raise ValueError(f"{where}: published {row.published!r} is not a real date (YYYY-MM-DD)")
    if is_future(row.published):
        raise ValueError(f"{where}: published {row.published!r} {FUTURE}")
    if row.language not in LANGUAGES:
        raise ValueError(
            f"{where}: language {row.language!r} has no figure reader; one of {sorted(LANGUAGES)}"
        )
    if row.wording not in WORDINGS:
        raise ValueError(f"{where}: wording {row.wording!r} must be one of {list(WORDINGS)}")
    if not SHA256.fullmatch(row.sha256):
        raise ValueError(f"{where}: sha256 {row.sha256!r} is not a hex SHA-256 digest")


def read_raw(data_dir: Path, source_id: str, sha256: str) -> str:
    """Return a raw article's text after checking it exists, is a regular file of at most
    MAX_RAW_BYTES (read no further), is UTF-8 and is unchanged."""
    path = _raw_file(data_dir, source_id)
    try:
        data, size = read_regular(path, MAX_RAW_BYTES)
    except FileNotFoundError:
        name = display_path(Path(path), data_dir)
        raise FileNotFoundError(f"{name}: raw file for source {source_id!r} is missing") from None
    except NotAFile as error:
        name = display_path(Path(path), data_dir)
        raise ValueError(f"{name}: the raw file of source {source_id!r} {error}") from None
    if size > MAX_RAW_BYTES:
        raise ValueError(
            f"{display_path(Path(path), data_dir)}: raw file is {size:,} bytes, over the limit of "
            f"{MAX_RAW_BYTES:,}; is it the article's text?"
        )
    found = hashlib.sha256(data).hexdigest()
    if found == sha256 and data.strip():  # the usual case: no name to compute
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    name = display_path(Path(path), data_dir)
    text = decode_raw(data, name)
    if found != sha256:
        raise ValueError(
            f"{name}: checksum {found} differs from {sha256} in data/sources.csv; raw files are "
            "never edited (if the article was replaced on purpose, update its sha256)"
        )
    return text


def decode_raw(data: bytes, name: str) -> str:
    """An article's bytes as text; ValueError naming the file when empty or not UTF-8."""
    if not data.strip():
        raise ValueError(f"{name}: raw file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{name}: not UTF-8 (byte {error.start}); save the article as UTF-8"
        ) from None


def published_order(published: str) -> str:
    """A sortable date; a year-only date counts as the start of that year."""
    return published if len(published) == 10 else f"{published}-01-01"
