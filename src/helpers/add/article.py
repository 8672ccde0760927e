"""Adding an article: its text into data/raw/ byte for byte, its row into data/sources.csv,
and its figures into data/proposals/<source_id>.csv for review, all or nothing.

`build` reads and checks everything (the file, each field of the sources row, what the text
and the options say) and proposes the register rows; `write` then writes the three files at
once. A field the text does not say is taken from the options, else from `ask` (the command
asks at a terminal), else refused with the option to give.
"""

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.add.metadata import read_metadata
from helpers.add.propose import load_rules, proposal_table, propose_rows
from helpers.add.review import appended, proposals_bytes, proposals_path
from helpers.core.files import NotAFile, locked, read_regular, write_files
from helpers.core.paths import DATA, display_path
from helpers.core.schemas import REGISTER, SOURCES
from helpers.extract.cache import parsed_source
from helpers.extract.quantities import LANGUAGES
from helpers.extract.register import load_indicators
from helpers.extract.sources import (
    FUTURE,
    MAX_RAW_BYTES,
    PUBLISHED,
    decode_raw,
    is_future,
    is_real_date,
    load_sources,
    raw_path,
    read_raw,
)

FIELDS = ("source_id", "publisher", "title", "published", "language")
NOTE = "proposed by helpers.add"


class MissingField(ValueError):
    """A field of the sources row the text does not say and nobody gave."""


class AlreadyAdded(ValueError):
    """The same text (the same bytes) is already a source: adding it again adds nothing."""

    def __init__(self, name: str, source_id: str) -> None:
        super().__init__(
            f"{name}: the same text is already source {source_id!r} in data/sources.csv"
        )
        self.source_id = source_id


@dataclass(frozen=True)
class NewSource:
    """An article ready to be written: its bytes, its sources row and its proposals."""

    source_id: str
    raw: bytes
    row: dict[str, str]
    proposals: pd.DataFrame
    found: dict[str, str]  # field -> "read from the text", "given" or "asked"


def slug(name: str) -> str:
    """A file name as a source id: lowercase a-z, 0-9 and single dashes."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")


def _check_field(field: str, value: str) -> str:
    """The problem with a field's value, or ""."""
    if field == "source_id" and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return "must be lowercase a-z, 0-9 and -"
    if field == "published" and not (PUBLISHED.fullmatch(value) and is_real_date(value)):
        return "must be a real date YYYY-MM-DD, or a year YYYY"
    if field == "published" and is_future(value):
        return FUTURE
    if field == "language" and value not in LANGUAGES:
        return f"must be one of {sorted(LANGUAGES)}"
    if "\n" in value or "\r" in value:
        return "must be one line"
    if not value.strip():
        return "is empty"
    return ""


def build(
    path: Path,
    data_dir: Path = DATA,
    given: dict[str, str] | None = None,
    ask: Callable[[str, str], str] | None = None,
) -> NewSource:
    """Read the article at `path`, fill its sources row (the text, then `given`, then `ask`)
    and propose its register rows; nothing is written. ValueError names what is wrong."""
    given = {k: v for k, v in (given or {}).items() if v is not None}
    name = str(path)
    try:
        raw, size = read_regular(path, MAX_RAW_BYTES)
    except FileNotFoundError:
        raise FileNotFoundError(f"{name}: no such file") from None
    except NotAFile as error:
        raise ValueError(f"{name}: {error}; give the article's text as a file") from None
    if size > MAX_RAW_BYTES:
        raise ValueError(f"{name}: {size:,} bytes, over the limit of {MAX_RAW_BYTES:,}")
    text_raw = decode_raw(raw, name)
    sha256 = hashlib.sha256(raw).hexdigest()
    sources = load_sources(data_dir)
    same = sources[sources.sha256 == sha256].source_id.tolist()
    if same:
        raise AlreadyAdded(name, same[0])
    language = given.get("language") or ""
    parsed = parsed_source(text_raw, sha256, language or "id")
    meta = read_metadata(text_raw, parsed.text, data_dir)
    read = {
        "source_id": slug(path.stem),
        "publisher": meta.publisher,
        "title": meta.title,
        "published": meta.published,
        "language": meta.language,
    }
    row, found = {}, {}
    for field in FIELDS:
        value, how = given.get(field, ""), "given"
        if not value:
            value, how = read[field], "read from the text"
        if field == "source_id" and value in set(sources.source_id):
            if field in given:
                raise ValueError(f"--source-id {value!r}: already in data/sources.csv")
            value = ""  # the file's name is taken: ask for another
        if not value and ask is not None:
            value, how = ask(field, _hint(field)), "asked"
        if not value:
            raise MissingField(
                f"{name}: the text does not say the {field.replace('_', ' ')}; give "
                f"--{field.replace('_', '-')}"
            )
        if problem := _check_field(field, value):
            raise ValueError(f"{name}: {field.replace('_', ' ')} {value!r} {problem}")
        row[field], found[field] = value, how
    source_id = row["source_id"]
    if source_id in set(sources.source_id):
        raise ValueError(f"--source-id {source_id!r}: already in data/sources.csv")
    target = raw_path(data_dir, source_id)
    if target.exists():
        raise ValueError(
            f"{display_path(target, data_dir)} exists but is in no row of data/sources.csv; "
            "give another --source-id or remove the file"
        )
    row = {
        "source_id": source_id,
        "publisher": row["publisher"],
        "title": row["title"],
        "url": given.get("url", ""),
        "published": row["published"],
        "language": row["language"],
        "wording": "verbatim",  # added as received; a digest is marked by hand
        "sha256": sha256,
    }
    if row["language"] != (language or "id"):
        parsed = parsed_source(text_raw, sha256, row["language"])
    indicators = load_indicators(data_dir)
    rules = load_rules(data_dir, indicators, row["language"])
    proposals = propose_rows(parsed.text, row["language"], row["published"], rules)
    return NewSource(source_id, raw, row, proposal_table(proposals, NOTE), found)


def _hint(field: str) -> str:
    return {
        "source_id": "lowercase id, e.g. kompas-2018-03-01-ikm",
        "publisher": "e.g. Kompas",
        "title": "the headline",
        "published": "YYYY-MM-DD or YYYY",
        "language": "id or en",
    }[field]


def source_line(row: dict[str, str]) -> bytes:
    """The sources.csv line of a new source."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row[c] for c in SOURCES.names])
    return out.getvalue().encode()


def write(new: NewSource, data_dir: Path = DATA) -> list[str]:
    """Write the raw file, the sources row and the proposals, all or nothing, with the data
    folder locked (helpers.add.review.accept_rows): two adds at once both keep their row."""
    target = raw_path(data_dir, new.source_id)
    sources = data_dir / str(SOURCES.file)
    proposals = proposals_path(data_dir, new.source_id)
    with locked(data_dir):
        if target.exists():  # appeared since build: never overwrite a raw file
            raise ValueError(f"{display_path(target, data_dir)} exists: nothing written")
        files = {
            target: new.raw,
            sources: appended(sources, source_line(new.row)),
            proposals: proposals_bytes(new.proposals),
        }
        write_files(files)
    return [display_path(p, data_dir) for p in files]


def register_keys(data_dir: Path, source_id: str) -> set[tuple[str, str, str, str]]:
    """(indicator, period, kind, quote) of the register rows of a source."""
    register = pd.read_csv(data_dir / str(REGISTER.file), dtype=str, keep_default_na=False)
    held = register[register.source_id == source_id]
    return set(zip(held.indicator, held.period, held.kind, held.quote, strict=True))


def propose_again(data_dir: Path, source_id: str) -> tuple[Path, pd.DataFrame]:
    """The proposals of a source already added, made again with the current rules (after
    an edit of data/indicators.csv or data/proposal_words.csv); its register rows show as
    accepted. Replaces its proposals file, with the data folder locked from the first read."""
    with locked(data_dir):
        return _propose_again(data_dir, source_id)


def _propose_again(data_dir: Path, source_id: str) -> tuple[Path, pd.DataFrame]:
    sources = load_sources(data_dir).set_index("source_id")
    if source_id not in sources.index:
        raise ValueError(f"source {source_id!r} is not in data/sources.csv")
    source = sources.loc[source_id]
    raw = read_raw(data_dir, source_id, source.sha256)
    text = parsed_source(raw, source.sha256, source.language).text
    rules = load_rules(data_dir, load_indicators(data_dir), source.language)
    proposals = propose_rows(
        text, source.language, source.published, rules, register_keys(data_dir, source_id)
    )
    table = proposal_table(proposals, NOTE)
    path = proposals_path(data_dir, source_id)
    write_files({path: proposals_bytes(table)})
    return path, table
