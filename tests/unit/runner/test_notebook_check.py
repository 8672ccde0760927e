"""helpers.runner.notebook_check: each way a notebook can be committed unfit for nbval is caught."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.core.paths import NOTEBOOKS
from helpers.runner import notebook_check

COMMITTED = sorted(NOTEBOOKS.glob("*.ipynb"))


def code(count: int | None, source: str = "x = 1", *outputs) -> nbformat.NotebookNode:
    return new_code_cell(source, execution_count=count, outputs=list(outputs))


def title() -> list[nbformat.NotebookNode]:
    """A title in English and, collapsed, in Indonesian, as the prose convention wants."""
    english = new_markdown_cell("# Title", metadata={"tags": ["lang-en"]})
    hidden = {"tags": ["lang-id"], "jupyter": {"source_hidden": True}}
    return [english, new_markdown_cell("# Judul", metadata=hidden)]


def write(folder: Path, *cells, name: str = "nb.ipynb") -> Path:
    """A notebook of ``cells`` written as nbformat stores it (sources as lists of lines)."""
    path = folder / name
    nbformat.write(new_notebook(cells=[*title(), *cells]), path)
    return path


def problems(folder: Path, *cells) -> list[str]:
    return notebook_check.notebook_problems(write(folder, *cells))


def test_a_fresh_run_passes_with_markdown_and_empty_code_cells_skipped(tmp_path):
    shown = new_output("execute_result", data={"text/plain": "1"}, execution_count=2)
    cells = [code(1, "import math\nx = 1"), code(None, "  \n"), code(2, "x", shown)]
    assert problems(tmp_path, *cells) == []


def test_an_unexecuted_cell_is_named_by_its_index(tmp_path):
    found = problems(tmp_path, code(1), code(None), code(2))
    assert found == [f"{tmp_path / 'nb.ipynb'}: cell 3: not executed (no execution_count)"]


@pytest.mark.parametrize(
    ("counts", "cell", "expected"),
    [
        ((2, 3), 2, "execution_count 2 as the first executed cell, expected 1"),
        ((1, 3, 2), 3, "execution_count 3 after 1, expected 2"),
        ((1, 1), 3, "execution_count 1 after 1, expected 2"),
        ((1, 2, 5), 4, "execution_count 5 after 2, expected 3"),
    ],
    ids=["not-from-1", "out-of-order", "repeated", "gap"],
)
def test_counts_out_of_order_are_caught_at_the_first_wrong_cell(tmp_path, counts, cell, expected):
    found = problems(tmp_path, *(code(c) for c in counts))
    assert found, f"counts {counts} passed"
    assert f"cell {cell}: {expected}" in found[0]


def test_an_error_output_is_caught_with_its_exception(tmp_path):
    error = new_output("error", ename="ValueError", evalue="bad level", traceback=[])
    found = problems(tmp_path, code(1), code(2, "check(level)", error))
    assert found == [f"{tmp_path / 'nb.ipynb'}: cell 3: error output: ValueError: bad level"]


def test_an_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    (found,) = notebook_check.notebook_problems(path)
    assert found.startswith(f"{path}: cannot read")


def test_main_prints_each_offending_notebook_and_exits_non_zero(tmp_path, capsys):
    good = write(tmp_path, code(1), code(2), name="good.ipynb")
    bad = write(tmp_path, code(1), code(None), name="bad.ipynb")
    assert notebook_check.main([str(good)]) == 0
    assert capsys.readouterr().out == ""
    assert notebook_check.main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out == f"{bad}: cell 3: not executed (no execution_count)\n"


def test_main_needs_a_file():
    with pytest.raises(SystemExit) as exit_info:
        notebook_check.main([])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_the_committed_notebooks_pass(path):
    assert notebook_check.notebook_problems(path) == []


def test_there_are_committed_notebooks_to_check():
    assert len(COMMITTED) >= 3
