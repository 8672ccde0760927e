"""What made a report, said at its foot and in the index: the latest publication date of the
figures it uses, and the version of the workspace that made it. Both follow from the inputs
alone (no clock, no git, no machine path), so a re-run with the same inputs prints the same
bytes.

The date is the latest `published` of data/sources.csv among the sources of the figures the
set's clean table uses (`helpers.clean.build` under the set's view parameters: the reading,
the source policy, part-years, `as_of`, `source_ids`); a year-only date counts as that year.
The version is pyproject.toml's, with the first `DIGITS` hex digits of a SHA-256 over the
code (every file of src/helpers but compiled ones, by path and bytes) and requirements.lock:
"0.1.0+3f2a9c1b". The same digest means the same code and the same pinned dependencies.
"""

import functools
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.core.paths import DATA, ROOT

VIEW = ("units_reading", "prefer_source", "part_years", "as_of", "source_ids")
DIGITS = 8


@dataclass(frozen=True)
class Vintage:
    """The latest publication date of the figures used ("2022-08-08", or a year) and the
    version of the workspace ("0.1.0+3f2a9c1b")."""

    published: str
    version: str


def of(parameters: Mapping[str, object], data_dir: Path = DATA, root: Path = ROOT) -> Vintage:
    """The vintage of a report run with `parameters` (a set's; the notebooks' defaults for the
    view parameters it does not give)."""
    view = tuple((name, _frozen(parameters[name])) for name in VIEW if name in parameters)
    return Vintage(latest_publication(view, data_dir), version(root))


@functools.cache
def latest_publication(view: tuple[tuple[str, object], ...], data_dir: Path = DATA) -> str:
    """The latest publication date among the sources of the figures the clean table uses
    under `view` ((name, value) pairs); "" if it uses none. Built once per process and view."""
    from helpers import clean  # pandas: only the workers that render reports need it
    from helpers.extract.sources import published_order

    table = clean.build(data_dir, **{name: _thawed(value) for name, value in view})
    used = {s for ids in table.used.source_id for s in str(ids).split("+") if s}
    dates = [row.published for row in table.sources.itertuples() if row.source_id in used]
    return max(dates, key=published_order, default="")


@functools.cache
def version(root: Path = ROOT) -> str:
    """pyproject.toml's version and a digest of the code and the lock: "0.1.0+3f2a9c1b"."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    digest = hashlib.sha256()
    code = root / "src" / "helpers"
    files = [p for p in code.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted([*files, root / "requirements.lock"]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{project['version']}+{digest.hexdigest()[:DIGITS]}"


def line(vintage: Vintage, lang: str = "en") -> str:
    """What made a report, in `lang`: "Figures published up to 8 August 2022; made by the IKM
    workspace, version 0.1.0+3f2a9c1b." (the date as the reports write dates)."""
    from helpers.report.display import date_written
    from helpers.report.language import text

    published = date_written(vintage.published, lang) if vintage.published else "-"
    return text("footer.made", lang, date=published, version=vintage.version)


def _frozen(value: object) -> object:
    """A parameter's value as a cache key: a list as a tuple."""
    return tuple(value) if isinstance(value, list) else value


def _thawed(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
