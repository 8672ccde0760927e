"""Check that notebooks are committed as a fresh top-to-bottom run left them.

nbval re-executes each committed notebook and compares every cell with its stored output,
so the stored outputs are the reference. They are trustworthy only if the notebook was run
once, top to bottom, from a fresh kernel (Restart Kernel and Run All Cells, or
`make notebooks`): every non-empty code cell has an execution count, the counts go
1, 2, 3, ... in cell order (a gap means a cell was re-run or a cell that was run has been
deleted, so outputs may rest on state the notebook no longer shows), and no cell failed.
Its prose must also come in both languages (helpers.runner.prose).

    python -m helpers.runner.notebook_check notebooks/*.ipynb

prints one line per problem (file, cell index counting all cells from 0, what is wrong)
and exits 1 if there is any; the pre-commit hook and `make lint` run it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from helpers.runner.prose import prose_problems

Cell = dict[str, Any]


def _source(cell: Cell) -> str:
    """A cell's source as one string (nbformat stores it as a string or a list of lines)."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _order_problem(count: int, previous: int | None) -> str:
    """Why `count` cannot follow `previous` (None: first executed cell), or ""."""
    expected = 1 if previous is None else previous + 1
    if count == expected:
        return ""
    after = "as the first executed cell" if previous is None else f"after {previous}"
    return (
        f"execution_count {count} {after}, expected {expected}: "
        "not run once, top to bottom, from a fresh kernel"
    )


def _errors(cell: Cell) -> Iterator[str]:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            yield f"error output: {output.get('ename', '?')}: {output.get('evalue', '')}"


def cell_problems(cells: Sequence[Cell]) -> Iterator[tuple[int, str]]:
    """(cell index, what is wrong) for each problem, in cell order; empty cells are skipped."""
    previous: int | None = None
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code" or not _source(cell).strip():
            continue
        count = cell.get("execution_count")
        if count is None:
            yield index, "not executed (no execution_count)"
        else:
            if problem := _order_problem(count, previous):
                yield index, problem
            previous = count
        for error in _errors(cell):
            yield index, error


def notebook_problems(path: Path) -> list[str]:
    """One line per problem of the notebook at `path`; an unreadable file is one problem."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        return [f"{path}: cannot read as an nbformat 4 notebook: {exc!r}"]
    found = sorted([*cell_problems(cells), *prose_problems(cells)])
    return [f"{path}: cell {index}: {what}" for index, what in found]


def main(argv: Sequence[str] | None = None) -> int:
    """Check each notebook named on the command line; 1 if any has a problem, else 0."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.runner.notebook_check",
        description="Check notebooks were executed in order, with outputs and no errors.",
    )
    parser.add_argument("notebooks", nargs="+", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    problems = [line for path in args.notebooks for line in notebook_problems(path)]
    for line in problems:
        print(line)
    if problems:
        print(
            "Re-execute with `make notebooks` (or Restart Kernel and Run All Cells) and commit; "
            "give each Markdown cell its translation (CONTRIBUTING: prose in both languages).",
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
