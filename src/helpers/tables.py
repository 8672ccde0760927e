"""Reading and writing the workspace's CSV tables reproducibly and without half-written files."""

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.files import write_files
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
    """Write CSV tables all or nothing (see `write_files`), with stable line endings."""
    write_files(
        {
            path: table.to_csv(index=False, lineterminator="\n").encode()
            for path, table in tables.items()
        }
    )
