"""Reading and writing the workspace's CSV tables reproducibly and without half-written files."""

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.paths import shown


def read_table(path: Path, data_dir: Path, columns: list[str]) -> pd.DataFrame:
    """Read a CSV of strings, checking that it exists and has the expected columns."""
    if not path.is_file():
        raise FileNotFoundError(f"{shown(path, data_dir)}: file is missing")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ValueError(f"{shown(path, data_dir)}: not a readable CSV table ({error})") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{shown(path, data_dir)}: missing columns {missing}; expected {columns}")
    return table[columns]


def write_tables(tables: Mapping[Path, pd.DataFrame]) -> None:
    """Write every table to a temporary file first, then rename them all into place.

    A failure while writing leaves the earlier outputs untouched.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, table in tables.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                table.to_csv(out, index=False, lineterminator="\n")
    except BaseException:
        for tmp, _ in staged:
            os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
