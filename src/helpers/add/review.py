"""The review of proposals: data/proposals/<source_id>.csv, and the rows a researcher accepts
into data/register.csv or rejects.

A researcher reads the file, may edit a row's indicator, period, kind, quote or note, and then
accepts rows by number (`accept <source_id> 1 3`), every proposed row (`--all`), or the rows
whose status they set to `accepted` by hand (no numbers). Each accepted row is checked as the
register checks it (the quote in the normalised text, one figure, a unit that fits the
indicator, no second row for its indicator, period and kind) before anything is written; then
register.csv gains the rows and the proposals file their new status, together.
"""

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from helpers.core.files import locked, write_files
from helpers.core.paths import display_path
from helpers.core.schemas import PROPOSALS, REGISTER
from helpers.core.tables import for_spreadsheets, from_spreadsheets, read_text_table, rounded
from helpers.extract.cache import parsed_source
from helpers.extract.register import (
    check_register_fields,
    figure_from_row,
    load_indicators,
)
from helpers.extract.sources import load_sources, read_raw

STATUSES = ("proposed", "accepted", "rejected", "unplaced", "repeat", "conflict", "flagged")


def proposals_path(data_dir: Path, source_id: str) -> Path:
    """Where the proposals of a source are kept for review."""
    return data_dir / "proposals" / f"{source_id}.csv"


def proposals_bytes(table: pd.DataFrame) -> bytes:
    """The proposals file as written: the schema's columns, new numbers to 12 digits (a table
    read back from the file keeps its text as it is), formula-like text neutralised for the
    spreadsheet it is reviewed in (`core.tables.for_spreadsheets`)."""
    table = table[PROPOSALS.names]
    if pd.api.types.is_float_dtype(table.value):
        table = rounded(table, PROPOSALS)
    table = for_spreadsheets(table, PROPOSALS)
    return table.to_csv(index=False, lineterminator="\n").encode()


def read_proposals(data_dir: Path, source_id: str) -> pd.DataFrame:
    """A source's proposals file as text columns, checked: its columns, row numbers 1, 2, ...
    and known statuses (a ValueError names the file and row otherwise)."""
    path = proposals_path(data_dir, source_id)
    name = display_path(path, data_dir)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no proposals for {source_id!r} (add the article first)")
    table = from_spreadsheets(read_text_table(path, PROPOSALS.names, name), PROPOSALS)
    for number, row in enumerate(table.itertuples(), 1):
        if row.row != str(number):
            raise ValueError(f"{name}: row {number} is numbered {row.row!r}; keep rows 1, 2, ...")
        if row.status not in STATUSES:
            raise ValueError(
                f"{name} row {number}: status {row.status!r} is not one of {list(STATUSES)}"
            )
    return table[PROPOSALS.names]


def register_lines(rows: list[dict]) -> bytes:
    """Register rows as the CSV lines register.csv gains."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row[c] for c in REGISTER.names])
    return out.getvalue().encode()


def appended(path: Path, lines: bytes) -> bytes:
    """A CSV file's bytes with lines added at its end (after a final newline)."""
    data = path.read_bytes()
    return data + (b"" if not data or data.endswith(b"\n") else b"\n") + lines


def _chosen(table: pd.DataFrame, numbers: list[int], every: bool, status: str, name: str):
    """The row numbers a command applies to: those given, every `status` row (`--all`), or
    (neither) the rows a researcher set to `accepted` by hand."""
    if numbers:
        for number in numbers:
            if not 1 <= number <= len(table):
                raise ValueError(f"{name}: no row {number}; rows are 1 to {len(table)}")
        return sorted(set(numbers))
    wanted = "proposed" if every else status
    return [int(row.row) for row in table.itertuples() if row.status == wanted]


def accept_rows(
    data_dir: Path, source_id: str, numbers: list[int] = (), every: bool = False
) -> list[str]:
    """Put the chosen rows of a source's proposals into data/register.csv (checked first; all
    or nothing) and mark them accepted. Returns one line per row put in. The data folder is
    locked from the first read to the last write, so accepts at once all land."""
    with locked(data_dir):
        return _accept_rows(data_dir, source_id, numbers, every)


def _accept_rows(data_dir: Path, source_id: str, numbers: list[int], every: bool) -> list[str]:
    table = read_proposals(data_dir, source_id)
    path = proposals_path(data_dir, source_id)
    name = display_path(path, data_dir)
    sources = load_sources(data_dir).set_index("source_id")
    if source_id not in sources.index:
        raise ValueError(f"{name}: source {source_id!r} is not in data/sources.csv")
    source = sources.loc[source_id]
    indicators = load_indicators(data_dir)
    raw = read_raw(data_dir, source_id, source.sha256)
    text = parsed_source(raw, source.sha256, source.language).text
    register_path = data_dir / str(REGISTER.file)
    register = pd.read_csv(register_path, dtype=str, keep_default_na=False)
    held = {
        (r.indicator, r.period, r.kind): i + 2
        for i, r in enumerate(register.itertuples())
        if r.source_id == source_id
    }
    chosen = _chosen(table, list(numbers), every, "accepted", name)
    rows, done = [], []
    for number in chosen:
        row = table.iloc[number - 1]
        where = f"{name} row {number}"
        key = (row.indicator, row.period, row.kind)
        if row.status == "accepted" and key in held:
            continue  # accepted earlier and in the register already
        check_register_fields(row, where, indicators)
        if key in held:
            raise ValueError(
                f"{where}: data/register.csv line {held[key]} already holds {source_id} "
                f"{row.indicator} {row.period} ({row.kind}); edit or reject this row"
            )
        held[key] = number
        register_row = SimpleNamespace(source_id=source_id, **row[REGISTER.names[1:]].to_dict())
        figure_from_row(register_row, text, indicators, where, source.language)
        rows.append({"source_id": source_id, **row[REGISTER.names[1:]].to_dict()})
        table.loc[number - 1, "status"] = "accepted"
        done.append(f"row {number}: {row.indicator} {row.period} ({row.kind}) {row.quote!r}")
    if rows:
        write_files(
            {
                register_path: appended(register_path, register_lines(rows)),
                path: proposals_bytes(table),
            }
        )
    return done


def reject_rows(
    data_dir: Path, source_id: str, numbers: list[int] = (), every: bool = False
) -> list[str]:
    """Mark the chosen rows of a source's proposals rejected (an accepted row must leave
    data/register.csv by hand first), with the data folder locked as `accept_rows` locks it."""
    with locked(data_dir):
        return _reject_rows(data_dir, source_id, numbers, every)


def _reject_rows(data_dir: Path, source_id: str, numbers: list[int], every: bool) -> list[str]:
    table = read_proposals(data_dir, source_id)
    path = proposals_path(data_dir, source_id)
    name = display_path(path, data_dir)
    if not numbers and not every:
        raise ValueError(f"{name}: say which rows to reject (numbers, or --all)")
    done = []
    for number in _chosen(table, list(numbers), every, "proposed", name):
        row = table.iloc[number - 1]
        if row.status == "accepted":
            raise ValueError(
                f"{name} row {number}: accepted, so in data/register.csv; remove it there first"
            )
        table.loc[number - 1, "status"] = "rejected"
        done.append(f"row {number}: {row.mention!r} rejected")
    write_files({path: proposals_bytes(table)})
    return done
