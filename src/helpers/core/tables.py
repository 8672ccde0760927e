"""Reading and writing the workspace's CSV tables by their schema, reproducibly and whole.

Every table's columns and types come from `helpers.core.schemas`: an input is refused with
its file named when a column is missing, an output is refused before anything is written
when its columns are not the schema's. Numbers are written to `SIGNIFICANT` significant
digits, so a last-bit difference between two machines' maths libraries does not change a
written table. Output tables are opened in spreadsheets, so a text cell that a spreadsheet
would run as a formula is written with a leading apostrophe (`for_spreadsheets`, as OWASP
advises against CSV injection) and read back without it (`from_spreadsheets`); numbers,
negative ones included, are left as numbers.
"""

import csv
from collections import namedtuple
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.files import write_files
from helpers.core.paths import display_path
from helpers.core.schemas import Schema

SIGNIFICANT = 12  # digits of a written float: far more than any source states, far fewer than 17
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]  # what makes a spreadsheet read a formula


def read_input(schema: Schema, data_dir: Path) -> pd.DataFrame:
    """Read a hand-kept input table of `data_dir` as strings, checking its columns, and its
    number columns as numbers (ValueError naming the file, line and column otherwise)."""
    path = data_dir / str(schema.file)
    name = display_path(path, data_dir)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: file is missing")
    table = read_text_table(path, schema.names, name)
    table = table if list(table.columns) == schema.names else table[schema.names]
    numeric = {}
    for column in schema.columns:
        if column.dtype not in ("float", "int", "Int64"):
            continue
        cells = table[column.name]
        numbers = pd.to_numeric(cells.where(cells.ne(""), "nan"), errors="coerce")
        bad = numbers.isna() & (cells.ne("") | (column.dtype == "int"))
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            line = row_lines(path, data_dir)[position]
            value = cells.iloc[position]
            raise ValueError(f"{name} line {line}: {column.name} {value!r} is not a number")
        numeric[column.name] = numbers
    return typed(table.assign(**numeric) if numeric else table, schema)


def row_lines(path: Path, data_dir: Path) -> list[int]:
    """The line of the file each row of a CSV table starts on, as messages name it (a quoted
    field may span lines); ValueError for a row whose fields the header does not match."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        lines, start = [], reader.line_num + 1
        for row in reader:
            if len(row) > 1 or "".join(row).strip():  # pandas skips blank lines too
                if len(row) != len(header):
                    raise ValueError(
                        f"{display_path(path, data_dir)} line {start}: {len(row)} fields where "
                        f"the header has {len(header)}"
                    )
                lines.append(start)
            start = reader.line_num + 1
    return lines


def read_text_table(path: Path, names: list[str], name: str) -> pd.DataFrame:
    """A CSV table as strings (empty cells ""), refused with `name` in the message if it
    cannot be read or lacks one of the columns `names`."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: not a readable CSV table ({error})") from None
    missing = [c for c in names if c not in table.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}; expected {names}")
    return table


def table_rows(table: pd.DataFrame) -> list[tuple]:
    """The rows of a table as named tuples, as `table.itertuples(index=False)` gives them, but
    read a column at a time: many times faster over tens of thousands of text rows."""
    row = namedtuple("Row", table.columns, rename=True)
    return list(map(row._make, zip(*(table[c].tolist() for c in table.columns), strict=True)))


def typed(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The table with its schema's number and truth-value types (text columns as they are);
    a table of text alone is returned as it is (the hand-kept inputs are read a few hundred
    times in a test run, and an empty `astype` still rebuilds every column)."""
    casts = {"float": float, "int": "int64", "bool": bool, "boolean": "boolean"}
    cast = {c.name: casts[c.dtype] for c in schema.columns if c.dtype in casts}
    integers = {c: pd.to_numeric(table[c]).astype("Int64") for c in schema.of_type("Int64")}
    if not cast and not integers:
        return table
    return table.astype(cast).assign(**integers)


def rounded(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The table with its float columns rounded to `SIGNIFICANT` significant digits."""
    columns = {}
    for column in schema.of_type("float"):
        codes, numbers = _distinct_rounded(table[column])
        columns[column] = pd.Series(numbers[codes], index=table.index, dtype=float)
    return table.assign(**columns)


def _as_written(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The table with its float columns as the text `rounded` and `to_csv` make of them
    (numpy's shortest digits, empty for a missing number), each distinct number written once:
    the same bytes in less time for tens of thousands of rows."""
    columns = {}
    for column in schema.of_type("float"):
        codes, numbers = _distinct_rounded(table[column])
        cells = numbers.astype(str).astype(object)
        cells[np.isnan(numbers)] = ""
        columns[column] = pd.Series(cells[codes], index=table.index, dtype=object)
    return table.assign(**columns)


def _distinct_rounded(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, numbers): the column's numbers are `numbers[codes]`, each distinct one rounded
    to `SIGNIFICANT` significant digits once (tables repeat theirs: an exact figure's bounds
    are the figure)."""
    bits = np.ascontiguousarray(column.to_numpy(dtype=float)).view(np.int64)
    codes, distinct = pd.factorize(bits)  # by their bits, so -0.0 and 0.0 stay apart
    digits = f".{SIGNIFICANT}g"
    numbers = [float(format(v, digits)) for v in distinct.view(np.float64).tolist()]
    return codes, np.array(numbers, dtype=float)


def _formula_like(column: pd.Series) -> pd.Series:
    """Which cells of a text column open, after any apostrophes, with a formula character and
    something after it (a lone "=", the qualifier of an exact figure, runs nothing)."""
    bare = column.str.lstrip("'")
    return (bare.str[:1].isin(FORMULA_STARTS) & bare.str.len().gt(1)).fillna(False).astype(bool)


def for_spreadsheets(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The table with every formula-like text cell (`_formula_like`) given one more leading
    apostrophe, which a spreadsheet shows as text and never runs: a register note
    `=cmd|' /C calc'!A0` is written `'=cmd|' /C calc'!A0`. A cell already opening with
    apostrophes gets one more too, so `from_spreadsheets` gives back exactly what was written."""
    columns = {}
    for name in schema.of_type("str"):
        risky = _formula_like(table[name])
        if risky.any():
            columns[name] = table[name].mask(risky, "'" + table[name])
    return table.assign(**columns) if columns else table


def from_spreadsheets(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """A table as `for_spreadsheets` wrote it, with its text cells as they were."""
    columns = {}
    for name in schema.of_type("str"):
        if name not in table.columns:
            continue
        marked = table[name].str.startswith("'").fillna(False).astype(bool)
        marked &= _formula_like(table[name])
        if marked.any():
            columns[name] = table[name].mask(marked, table[name].str[1:])
    return table.assign(**columns) if columns else table


def output_path(schema: Schema, tables_dir: Path) -> Path:
    """Where an output table lives in a tables folder (data/processed/ or a run set's)."""
    return tables_dir / Path(str(schema.file)).name


def write_tables(tables: Mapping[Schema, pd.DataFrame], tables_dir: Path) -> list[Path]:
    """Write output tables to `tables_dir` all or nothing, with stable line endings."""
    for schema, table in tables.items():
        if list(table.columns) != schema.names:
            raise ValueError(
                f"table {schema.name}: columns {list(table.columns)} are not {schema.names}"
            )
    files = {
        output_path(schema, tables_dir): for_spreadsheets(_as_written(table, schema), schema)
        .to_csv(index=False, lineterminator="\n")
        .encode()
        for schema, table in tables.items()
    }
    write_files(files)
    return list(files)


def load_table(schema: Schema, tables_dir: Path, data_dir: Path, written_by: str) -> pd.DataFrame:
    """Read an output table back with its schema's types; `written_by` names what writes it."""
    path = output_path(schema, tables_dir)
    if not path.is_file():
        raise FileNotFoundError(f"{display_path(path, data_dir)} is missing: run {written_by}")
    readers = {"float": float, "boolean": "boolean", "bool": bool}
    table = pd.read_csv(
        path,
        keep_default_na=False,
        na_values={column: [""] for column in schema.of_type("float", "Int64", "boolean")},
        dtype={c.name: readers[c.dtype] for c in schema.columns if c.dtype in readers},
    )
    return typed(from_spreadsheets(table[schema.names], schema), schema)
