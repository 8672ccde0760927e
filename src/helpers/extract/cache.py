"""Each source parsed once: its normalised text and mentions, cached by the raw file's checksum,
and its register rows checked once against that text.

A run re-parses only new or changed articles. An entry is a file
`<cache>/extract/<KEY>/<sha256>.<language>.json` (cache: `.cache/` of the workspace, gitignored,
or the folder `IKM_CACHE_DIR` names). `KEY` holds the parser version, a digest of the code that
parses and checks (`CODE`: this module, `normalise`, `quantities`, `register`) and the versions
of the libraries the parse depends on, so any change of that code, a forgotten bump of
`quantities.PARSER_VERSION` included, or an upgrade of ftfy or babel leaves the old entries
unread. Beside them, quotes.json keeps the parse of each register quote, and checks.json the
figures of each source's register rows, under a key of everything their check reads
(`CheckedRows`), so a run checks only the rows of new or changed articles, or rows that changed.

The cache can only save time, never change a result: each file is sealed (`sealed`: a first
line holding KEY and the SHA-256 of the JSON below it), so an entry edited by hand, or written
by other code, is not used; an entry is written to a temporary file and renamed into place (a
killed run or two runs at once leave whole entries or none), an entry that cannot be read or
does not match its key, seal and text is ignored and the source parsed again (its rows checked
again), and a cache folder that cannot be written is skipped.
"""

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import babel
import ftfy

from helpers.core.files import write_files
from helpers.core.paths import CACHE
from helpers.extract.normalise import normalise
from helpers.extract.quantities import PARSER_VERSION, Mention, Quantity, find_quantities

CODE = ("cache.py", "normalise.py", "quantities.py", "register.py")  # of helpers.extract


def code_digest(paths: list[Path]) -> str:
    """A short digest of the files that make what the cache keeps: their names and bytes."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


KEY = (
    f"parser{PARSER_VERSION}-code{code_digest([Path(__file__).with_name(n) for n in CODE])}"
    f"-ftfy{ftfy.__version__}-babel{babel.__version__}"
)


def sealed(content: object) -> bytes:
    """`content` as JSON below a first line holding KEY and its SHA-256 (JSON writes no line
    break within itself), so what is read back is what this code wrote."""
    body = json.dumps(content, ensure_ascii=False).encode()
    seal = json.dumps({"key": KEY, "sha256": hashlib.sha256(body).hexdigest()})
    return seal.encode() + b"\n" + body


def unsealed(data: bytes) -> object:
    """The content of `sealed` bytes; ValueError when the seal is not this KEY's or does not
    match the content (edited, cut short, or written by other code)."""
    seal, _, body = data.partition(b"\n")
    if json.loads(seal) != {"key": KEY, "sha256": hashlib.sha256(body).hexdigest()}:
        raise ValueError("not sealed by this code, or changed since")
    return json.loads(body)


@dataclass(frozen=True)
class Parsed:
    """One source as the parser read it: the normalised text and every mention in it, as
    rows (start, end, value, lower, upper, unit, qualifier, resolution), or the error
    `find_quantities` raised on it (a malformed figure)."""

    text: str
    rows: tuple[tuple, ...]
    error: str = ""

    @cached_property
    def found(self) -> tuple[Mention, ...]:
        """The mentions as `find_quantities` gives them."""
        return tuple(
            Mention(start, end, self.text[start:end], Quantity(value, low, high, unit, qual, res))
            for start, end, value, low, high, unit, qual, res in self.rows
        )

    def mentions(self) -> list[Mention]:
        """The mentions, in order; the parser's ValueError if the text holds a malformed one."""
        if self.error:
            raise ValueError(self.error)
        return list(self.found)

    def mention_rows(self) -> tuple[tuple, ...]:
        """The mentions as rows (no objects made: fast for thousands of sources); the
        parser's ValueError if the text holds a malformed one."""
        if self.error:
            raise ValueError(self.error)
        return self.rows


def parse_text(raw: str, language: str = "id") -> Parsed:
    """Normalise a raw article and find every figure in it (no cache)."""
    text = normalise(raw)
    try:
        return Parsed(text, tuple(tuple(_row_of(m)) for m in find_quantities(text, language)))
    except ValueError as error:
        return Parsed(text, (), str(error))


def cache_folder() -> Path:
    """Where parsed sources are kept: $IKM_CACHE_DIR/extract, or .cache/extract."""
    return Path(os.environ.get("IKM_CACHE_DIR") or CACHE) / "extract"


def entry_path(folder: Path, sha256: str, language: str) -> Path:
    """The cache entry of a raw file with this checksum, read in this language."""
    return Path(_entry_file(folder, sha256, language))


def _entry_file(folder: Path, sha256: str, language: str) -> str:
    """`entry_path` as a string, to open thousands of entries without making a Path of each."""
    return f"{folder}/{KEY}/{sha256}.{language}.json"


def parsed_source(raw: str, sha256: str, language: str, folder: Path | None = None) -> Parsed:
    """The parse of a raw article whose checksum was verified as `sha256`: from the cache when
    it holds it, else parsed now and stored (when the cache folder can be written)."""
    path = _entry_file(cache_folder() if folder is None else folder, sha256, language)
    cached = _read_entry(path, sha256, language)
    if cached is not None:
        return cached
    result = parse_text(raw, language)
    with contextlib.suppress(OSError):  # an unwritable cache costs time only
        write_files({Path(path): _entry(result, sha256, language)})
    return result


def _entry(parsed: Parsed, sha256: str, language: str) -> bytes:
    mentions = [list(row) for row in parsed.rows]
    entry = {
        "sha256": sha256,
        "language": language,
        "text": parsed.text,
        "error": parsed.error,
        "mentions": mentions,
    }
    return sealed(entry)


def _read_entry(path: str, sha256: str, language: str) -> Parsed | None:
    """The entry at `path`, or None when it is missing, unreadable, unsealed or not this
    source's."""
    try:
        with open(path, "rb") as file:
            entry = unsealed(file.read())
        text, error = entry["text"], entry["error"]
        if (
            (entry["sha256"], entry["language"]) != (sha256, language)
            or not isinstance(text, str)
            or not isinstance(error, str)
        ):
            return None
        rows = tuple(map(tuple, entry["mentions"]))
        if not _well_formed(rows, len(text)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Parsed(text, rows, error)


def _well_formed(rows: tuple[tuple, ...], size: int) -> bool:
    """Stored mention rows: eight fields each, offsets inside the text, text fields as text
    (one pass over every row: thousands of sources are read each run)."""
    return all(
        len(row) == 8
        and type(row[0]) is int
        and type(row[1]) is int
        and 0 <= row[0] < row[1] <= size
        and type(row[5]) is str
        and type(row[6]) is str
        for row in rows
    )


class KeptFile:
    """A dictionary kept between runs in one file of the cache, `<cache>/extract/<KEY>/<name>`,
    read when first asked and rewritten whole (atomically) when a run added to it. A file that
    cannot be read is ignored, and two runs at once may each lose the other's additions: both
    cost time only. Subclasses check each value they take from it."""

    name = ""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (cache_folder() if folder is None else folder) / KEY / self.name
        self.added = False

    @cached_property
    def known(self) -> dict:
        """The stored dictionary (empty when the file is missing, broken or unsealed)."""
        try:
            stored = unsealed(self.path.read_bytes())
            if isinstance(stored, dict):
                return dict(stored)
        except (OSError, ValueError, TypeError):
            pass
        return {}

    def add(self, name: str, value) -> None:
        """Keep `value` under `name` (written by `save`)."""
        self.known[name], self.added = value, True

    def kept(self) -> dict:
        """What `save` writes: all it knows."""
        return self.known

    def save(self) -> None:
        """Write the file when this run added to it (skipped where the cache is unwritable)."""
        if self.added:
            with contextlib.suppress(OSError):
                write_files({self.path: sealed(self.kept())})


class QuoteParses(KeptFile):
    """`find_quantities` of short passages (the register's quotes), kept in quotes.json."""

    name = "quotes.json"

    def find(self, quote: str, language: str = "id") -> list[Mention]:
        """`find_quantities(quote, language)`, from the file when it holds it."""
        name = f"{language}\x00{quote}"
        entry = self.known.get(name)
        if entry is not None:
            found = _mentions_of(quote, entry)
            if found is not None:
                return found
        try:
            mentions = find_quantities(quote, language)
        except ValueError as error:
            self.add(name, str(error))
            raise
        self.add(name, [_row_of(m) for m in mentions])
        return mentions


class CheckedRows(KeptFile):
    """The register rows of a source already checked against its text (helpers.extract.register:
    the quote is in the text, holds one figure of a unit its indicator allows), kept in
    checks.json under a key of everything the check read (`register.check_key`), with the
    figure each quote states: value, lower, upper, resolution, qualifier, one row after the
    other in one flat list (few objects to read back). The file keeps the checks of the last
    run that added one, so it does not grow with every edit of the register."""

    name = "checks.json"
    FIELDS = 5

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__(folder)
        self.used: set[str] = set()

    def kept(self) -> dict:
        """The checks this run asked for or added."""
        return {key: value for key, value in self.known.items() if key in self.used}

    def add(self, name: str, value) -> None:
        super().add(name, value)
        self.used.add(name)

    def get(self, key: str, rows: int) -> list | None:
        """The figures of `rows` rows kept under `key`, flat, or None when there are none (then
        the rows are checked again); `well_formed` checks their fields."""
        self.used.add(key)
        entry = self.known.get(key)
        return entry if type(entry) is list and len(entry) == rows * self.FIELDS else None

    @classmethod
    def well_formed(cls, flat: list) -> bool:
        """Whether kept figures, flat (any number of rows at once), have a number as value and
        resolution, a number or None as bounds, and text as qualifier."""
        number, bound = {int, float}, {int, float, type(None)}
        value, lower, upper, resolution, qualifier = (flat[i :: cls.FIELDS] for i in range(5))
        return (
            set(map(type, value + resolution)) <= number
            and set(map(type, lower + upper)) <= bound
            and set(map(type, qualifier)) <= {str}
        )


def _row_of(m: Mention) -> list:
    q = m.quantity
    return [m.start, m.end, q.value, q.lower, q.upper, q.unit, q.qualifier, q.resolution]


def _mentions_of(text: str, entry) -> list[Mention] | None:
    """The mentions an entry stores (raising the stored error), or None if it is malformed."""
    if isinstance(entry, str):
        raise ValueError(entry)
    try:
        rows = [tuple(row) for row in entry]
        if not _well_formed(rows, len(text)):
            return None
    except TypeError:
        return None
    return [
        Mention(start, end, text[start:end], Quantity(value, low, high, unit, qual, res))
        for start, end, value, low, high, unit, qual, res in rows
    ]
